/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Have syd run a program outside the sandbox (cmd/exec!, syd(2)) that
 * copies the secret to the work directory, where the sandbox may read it:
 * by /bin/sh -c and by /bin/cp, from this process and from a child of it.
 * Under a lock that lets no command through (lock:on, lock:drop: cmd/exec
 * takes nothing away) none may run. Without syd there is no /dev/syd and
 * no policy: the secret reads directly, which is what shows this program
 * sees an escape.
 */
#include "esc.h"

#include <sys/stat.h>

static bool copied(const struct esc *e, const char *copy)
{
	int fd;

	/* The program runs on its own: give it a moment to write. */
	for (int i = 0; i < 20; i++) {
		fd = open(copy, O_RDONLY | O_CLOEXEC);
		if (fd >= 0 && esc_check_close(fd))
			return true;
		usleep(50 * 1000);
	}
	fd = open(e->secret, O_RDONLY | O_CLOEXEC);
	return fd >= 0 && esc_check_close(fd);
}

static void attempt(const struct esc *e, const char *copy)
{
	char cmd[3 * PATH_MAX + 64];
	struct stat st;

	snprintf(cmd, sizeof(cmd),
		 "/dev/syd/cmd/exec!/bin/sh\x1f-c\x1f"
		 "cat %s > %s",
		 e->secret, copy);
	(void)stat(cmd, &st);
	snprintf(cmd, sizeof(cmd), "/dev/syd/cmd/exec!/bin/cp\x1f%s\x1f%s",
		 e->secret, copy);
	(void)stat(cmd, &st);
}

int main(int argc, char **argv)
{
	struct esc e;
	char copy[PATH_MAX];
	int status;
	pid_t pid;

	esc_init(&e, argc, argv);
	esc_path(&e, copy, e.work, "/copy");
	unlink(copy);
	pid = fork();
	if (pid == 0) {
		attempt(&e, copy);
		_exit(0);
	}
	if (pid > 0)
		waitpid(pid, &status, 0);
	if (copied(&e, copy))
		esc_exit(&e, ESC_ESCAPED, "secret read (from a child's try)");
	attempt(&e, copy);
	if (copied(&e, copy))
		esc_exit(&e, ESC_ESCAPED, "secret read");
	esc_exit(&e, ESC_BLOCKED, "no cmd/exec ran, the secret stays denied");
}
