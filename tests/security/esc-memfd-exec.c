/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fileless execution: a program copied into a memfd and run with
 * fexecve(3), so that no file on disk is ever executed and no exec rule
 * for a path of it can apply. The copy is this program itself, run as
 * "esc-memfd-exec --ran": ESCAPED when that ran. The attack asks for an
 * executable memfd (MFD_EXEC) first, then for a plain one, and adds the
 * execute bits itself. The policy (dflallow) allows exec by path, so only
 * the memfd hardening stands: under syd the memfd is sealed
 * non-executable (MFD_NOEXEC_SEAL) and MFD_EXEC is refused.
 */
#include <sys/sendfile.h>
#include <sys/stat.h>

#include "esc.h"

#ifndef MFD_EXEC
#define MFD_EXEC 0x0010U
#endif

extern char **environ;

int main(int argc, char **argv)
{
	char *args[] = { argv[0], "--ran", NULL };
	struct stat st;
	struct esc e;
	int self, fd;

	if (argc == 2 && !strcmp(argv[1], "--ran")) {
		printf("esc-memfd-exec: ESCAPED: a program ran from a memfd\n");
		return ESC_ESCAPED;
	}
	esc_init(&e, argc, argv);
	self = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	if (self < 0 || fstat(self, &st) < 0)
		esc_exit(&e, ESC_SETUP, "/proc/self/exe: %s", strerror(errno));
	fd = memfd_create("payload", MFD_CLOEXEC | MFD_EXEC);
	if (fd < 0 && errno == EINVAL) /* a kernel before 6.3 */
		fd = memfd_create("payload", MFD_CLOEXEC);
	if (fd < 0)
		fd = memfd_create("payload", MFD_CLOEXEC);
	if (fd < 0)
		esc_exit(&e, ESC_BLOCKED, "memfd_create: %s",
			 esc_errname(errno));
	if (sendfile(fd, self, NULL, (size_t)st.st_size) != st.st_size)
		esc_exit(&e, ESC_SETUP, "copy into the memfd: %s",
			 strerror(errno));
	(void)fchmod(fd, 0755);
	fflush(stdout);
	fexecve(fd, args, environ);
	esc_exit(&e, ESC_BLOCKED, "fexecve: %s", esc_errname(errno));
}
