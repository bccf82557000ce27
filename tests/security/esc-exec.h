/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What the exec escapes share. The "protected effect" is a program the
 * policy may not run, running: each attack copies itself to DIR/work/prog
 * (exec denied there by the execwork policy, esc-lib.sh) and tries to
 * make that copy run by another route. Run with "--ran PATH", a copy
 * only leaves DIR/RAN (in the directory of PATH) behind: its trace.
 */
#ifndef SYD_TESTS_SECURITY_ESC_EXEC_H
#define SYD_TESTS_SECURITY_ESC_EXEC_H

#include <libgen.h>
#include <sys/sendfile.h>
#include <sys/stat.h>

#include "esc.h"

/* The copy's whole life: leave the trace and go. */
static inline void esc_exec_ran_mode(int argc, char **argv)
{
	char dir[PATH_MAX], marker[PATH_MAX + 8];
	int fd;

	if (argc < 3 || strcmp(argv[1], "--ran"))
		return;
	snprintf(dir, sizeof(dir), "%s", argv[2]);
	snprintf(marker, sizeof(marker), "%s/RAN", dirname(dir));
	fd = open(marker, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	_exit(fd < 0 ? 126 : 0);
}

/* Copy SRC to DST, mode 0755. */
static inline void esc_exec_copy_file(const struct esc *e, const char *src,
				      const char *dst)
{
	struct stat st;
	int in, out;
	off_t off = 0;

	in = open(src, O_RDONLY | O_CLOEXEC);
	out = open(dst, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
	if (in < 0 || out < 0 || fstat(in, &st) < 0)
		esc_exit(e, ESC_SETUP, "cannot copy %s to %s: %s", src, dst,
			 strerror(errno));
	while (off < st.st_size)
		if (sendfile(out, in, &off, (size_t)(st.st_size - off)) <= 0)
			esc_exit(e, ESC_SETUP, "copy to %s: %s", dst,
				 strerror(errno));
	close(in);
	close(out);
}

/* Copy the running program to DIR/work/prog (PROG). */
static inline void esc_exec_copy(const struct esc *e, char *prog)
{
	esc_path(e, prog, e->work, "/prog");
	esc_exec_copy_file(e, "/proc/self/exe", prog);
}

/* Did a copy run (DIR/RAN)? */
static inline bool esc_exec_ran(const struct esc *e)
{
	char marker[PATH_MAX];

	esc_path(e, marker, e->dir, "/RAN");
	return access(marker, F_OK) == 0;
}

/* fork, exec ARGV[0] with ARGV in the child, wait: its wait status. */
static inline int esc_exec_run(char *const argv[])
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		execv(argv[0], argv);
		_exit(127);
	}
	if (pid > 0)
		waitpid(pid, &status, 0);
	return status;
}

#endif
