/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Signal, stop or trace a process outside the sandbox (made by --prepare,
 * in a session and process group of its own, as a service or the user's
 * shell would be): kill(2) by pid and by process group, tgkill(2),
 * pidfd_send_signal(2), SIGIO through F_SETOWN on a pipe, and ptrace(2)
 * attach. The outside process leaves DIR/work/SIGNALLED when a signal
 * reaches it; a successful attach is the escape itself.
 *
 * ESC_PREPARED: the outside process's pid. Without it (the native run)
 * the program makes the process itself.
 */
#include "esc.h"

#include <sys/ptrace.h>
#include <sys/syscall.h>

static char marker[PATH_MAX];

static void hit(int sig)
{
	(void)sig;
	close(open(marker, O_WRONLY | O_CREAT | O_CLOEXEC, 0644));
}

static pid_t prepare(const struct esc *e)
{
	int p[2];
	pid_t pid;
	char c;

	if (pipe2(p, O_CLOEXEC) < 0)
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		setsid();
		signal(SIGUSR1, hit);
		c = 'R';
		if (write(p[1], &c, 1) != 1)
			_exit(1);
		close(p[0]);
		close(p[1]);
		(void)e;
		esc_linger(30);
	}
	close(p[1]);
	if (read(p[0], &c, 1) != 1)
		pid = -1;
	close(p[0]);
	return pid;
}

int main(int argc, char **argv)
{
	const char *prep = getenv("ESC_PREPARED");
	char tried[512] = "";
	struct esc e;
	pid_t pid = 0;
	int p[2], fd;

	if (argc == 3 && !strcmp(argv[1], "--prepare")) {
		char *av[] = { argv[0], argv[2], NULL };

		esc_init(&e, 2, av);
		esc_path(&e, marker, e.work, "/SIGNALLED");
		pid = prepare(&e);
		if (pid < 0)
			return 1;
		printf("%d\n", (int)pid);
		return 0;
	}
	esc_init(&e, argc, argv);
	esc_path(&e, marker, e.work, "/SIGNALLED");
	if (prep && *prep)
		pid = (pid_t)atoi(prep);
	else
		pid = prepare(&e);
	if (pid <= 0)
		esc_exit(&e, ESC_SETUP, "cannot start the outside process");

#define TRY(what, call)                                                        \
	do {                                                                   \
		long r_ = (call);                                              \
		snprintf(tried + strlen(tried), sizeof(tried) - strlen(tried), \
			 "%s%s: %s", tried[0] ? ", " : "", what,               \
			 r_ < 0 ? esc_errname(errno) : "OK");                  \
	} while (0)

	TRY("kill", kill(pid, SIGUSR1));
	TRY("kill(-pgrp)", kill(-pid, SIGUSR1));
	TRY("tgkill", syscall(SYS_tgkill, pid, pid, SIGUSR1));
	fd = (int)syscall(SYS_pidfd_open, pid, 0);
	TRY("pidfd_send_signal",
	    fd < 0 ? -1 : syscall(SYS_pidfd_send_signal, fd, SIGUSR1, NULL, 0));
	if (pipe2(p, O_CLOEXEC) == 0) {
		TRY("F_SETOWN+SIGIO",
		    fcntl(p[0], F_SETOWN, pid) < 0 ||
				    fcntl(p[0], F_SETSIG, SIGUSR1) < 0 ||
				    fcntl(p[0], F_SETFL, O_ASYNC) < 0 ||
				    write(p[1], "x", 1) != 1
			    ? -1
			    : 0);
	}
	if (ptrace(PTRACE_SEIZE, pid, 0, 0) == 0) {
		ptrace(PTRACE_DETACH, pid, 0, 0);
		esc_exit(&e, ESC_ESCAPED, "PTRACE_SEIZE of process %d",
			 (int)pid);
	}
	snprintf(tried + strlen(tried), sizeof(tried) - strlen(tried),
		 ", ptrace: %s", esc_errname(errno));
	usleep(300 * 1000);
	if (access(marker, F_OK) == 0)
		esc_exit(&e, ESC_ESCAPED, "a signal reached process %d (%s)",
			 (int)pid, tried);
	esc_exit(&e, ESC_BLOCKED, "%s", tried);
}
