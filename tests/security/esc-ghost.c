/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Enter ghost mode (stat "/dev/syd/ghost"), then try what syd no longer
 * looks at: read the secret by open(2), openat(2) and openat2(2), move it
 * to an allowed name and read that, reach /dev/syd again to allow it, and
 * run a program the policy forbids (a copy of sh in DIR/work, denied by
 * the execwork policy) by execve(2) and by execveat(2) on an fd opened
 * before. Ghost mode must fail each of these (ENOSYS), never let one
 * through unchecked. Without syd there is no /dev/syd and no policy: the
 * read works, which is what shows this program sees an escape.
 */
#include "esc.h"

#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>

static bool read_secret(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	return fd >= 0 && esc_check_close(fd);
}

/* Copy FROM to TO, executable. Returns 0 or -1. */
static int copy(const char *from, const char *to)
{
	char buf[65536];
	int in = open(from, O_RDONLY | O_CLOEXEC), out;
	ssize_t n;

	if (in < 0)
		return -1;
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
	if (out < 0) {
		close(in);
		return -1;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n)
			n = -1;
	close(in);
	return close(out) < 0 || n < 0 ? -1 : 0;
}

int main(int argc, char **argv)
{
	struct esc e;
	struct open_how how = { .flags = O_RDONLY | O_CLOEXEC };
	char prog[PATH_MAX], moved[PATH_MAX], cmd[PATH_MAX + 64];
	char report[128];
	struct stat st;
	int fd, pfd;

	esc_init(&e, argc, argv);
	esc_path(&e, prog, e.work, "/prog");
	esc_path(&e, moved, e.work, "/moved");
	if (copy("/bin/sh", prog) < 0)
		esc_exit(&e, ESC_SETUP, "copy /bin/sh: %s", strerror(errno));
	pfd = open(prog, O_RDONLY | O_CLOEXEC);
	if (pfd < 0)
		esc_exit(&e, ESC_SETUP, "open %s: %s", prog, strerror(errno));
	/* Under syd (/dev/syd answers the initial process), ghost must take. */
	if (stat("/dev/syd", &st) == 0 && stat("/dev/syd/ghost", &st) < 0)
		esc_exit(&e, ESC_SETUP, "ghost refused: %s", strerror(errno));

	if (read_secret(e.secret))
		esc_exit(&e, ESC_ESCAPED, "secret read by open(2)");
	fd = openat(AT_FDCWD, e.secret, O_RDONLY | O_CLOEXEC);
	if (fd >= 0 && esc_check_close(fd))
		esc_exit(&e, ESC_ESCAPED, "secret read by openat(2)");
	fd = (int)syscall(SYS_openat2, AT_FDCWD, e.secret, &how, sizeof(how));
	if (fd >= 0 && esc_check_close(fd))
		esc_exit(&e, ESC_ESCAPED, "secret read by openat2(2)");
	if (rename(e.secret, moved) == 0) {
		bool got = read_secret(moved);

		(void)rename(moved, e.secret);
		if (got)
			esc_exit(&e, ESC_ESCAPED, "secret moved and read");
	}
	snprintf(cmd, sizeof(cmd), "/dev/syd/allow/all+%s", e.secret);
	(void)stat(cmd, &st);
	if (read_secret(e.secret))
		esc_exit(&e, ESC_ESCAPED, "secret read after /dev/syd");

	/* The program reports the escape itself, once it runs. */
	snprintf(report, sizeof(report),
		 "echo '%s: ESCAPED: a denied program ran after ghost'",
		 e.name);
	{
		char *const args[] = { "sh", "-c", report, NULL };
		extern char **environ;

		(void)execve(prog, args, environ);
		(void)syscall(SYS_execveat, pfd, "", args, environ,
			      AT_EMPTY_PATH);
	}
	esc_exit(&e, ESC_BLOCKED,
		 "after ghost: open, openat, openat2, rename, /dev/syd and "
		 "exec all failed (%s)",
		 strerror(errno));
}
