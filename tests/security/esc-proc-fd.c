/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Attack 8: upgrade an O_PATH fd by reopening it through /proc/self/fd/N.
 * O_PATH reads nothing, so a policy that hides nothing may hand it out;
 * the reopen's string "/proc/self/fd/N" is under the readable /proc/self/,
 * and the object is the secret. Also via /dev/fd/N and /proc/PID/fd/N.
 */
#include "esc.h"

int main(int argc, char **argv)
{
	static const char *const fmts[] = { "/proc/self/fd/%d",
					    "/proc/thread-self/fd/%d",
					    "/dev/fd/%d", "/proc/%d/fd/%d" };
	struct esc e;
	int fd;

	esc_init(&e, argc, argv);
	fd = open(e.secret, O_PATH | O_CLOEXEC);
	if (fd < 0)
		esc_exit(&e, ESC_BLOCKED, "open(secret, O_PATH): %s",
			 esc_errname(errno));
	printf("# open(secret, O_PATH) = %d\n", fd);
	for (size_t i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		char path[64];

		if (i == 3)
			snprintf(path, sizeof(path), fmts[i], (int)getpid(),
				 fd);
		else
			snprintf(path, sizeof(path), fmts[i], fd);
		if (esc_check_close(open(path, O_RDONLY | O_CLOEXEC)))
			esc_exit(&e, ESC_ESCAPED, "read TOPSECRET via %s",
				 path);
		printf("# open %s: %s\n", path, esc_errname(errno));
	}
	/* Reading the O_PATH fd itself must fail everywhere (EBADF). */
	if (esc_fd_is_secret(fd))
		esc_exit(&e, ESC_ESCAPED, "read TOPSECRET from the O_PATH fd");
	esc_exit(&e, ESC_BLOCKED, "no reopen of the O_PATH fd was readable");
}
