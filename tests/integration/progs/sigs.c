/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Signals a program sends within its own tree, one line per case:
 * "CASE: RESULT". t-signals.sh runs it natively and under syd (with and
 * without Landlock's signal scope) and wants the same lines. "minus1"
 * (kill(-1), every process the caller may signal) is run under syd only;
 * "owner" sets an fd's owner the two ways that read it from memory.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/sockios.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t got;

static void on(int sig)
{
	(void)sig;
	got++;
}

static const char *res(long r)
{
	return r < 0 ? strerrorname_np(errno) : "0";
}

/* A child that waits to be signalled; in our process group. */
static pid_t sleeper(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		signal(SIGUSR1, on);
		for (;;)
			pause();
	}
	return pid;
}

static const char *how(pid_t pid)
{
	static char buf[32];
	int st;

	if (waitpid(pid, &st, 0) != pid)
		return "not reaped";
	snprintf(buf, sizeof(buf), WIFSIGNALED(st) ? "killed by %d" : "exit %d",
		 WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
	return buf;
}

int main(int argc, char **argv)
{
	pid_t child, gone;
	int p[2], fd;

	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGUSR1, on);
	signal(SIGIO, on);
	if (setpgid(0, 0) < 0)
		printf("setpgid: %s\n", strerrorname_np(errno));
	if (argc > 1 && !strcmp(argv[1], "owner")) {
		/* The owner calls that read it from memory. */
		struct f_owner_ex ex = { F_OWNER_PID, getpid() };
		int pid = getpid();

		if (socketpair(AF_UNIX, SOCK_STREAM, 0, p) < 0)
			return 2;
		printf("F_SETOWN_EX: %s\n", res(fcntl(p[0], F_SETOWN_EX, &ex)));
		printf("FIOSETOWN: %s\n", res(ioctl(p[0], FIOSETOWN, &pid)));
		return 0;
	}
	if (argc > 1 && !strcmp(argv[1], "minus1")) {
		child = sleeper();
		usleep(100000);
		printf("kill(-1): %s\n", res(kill(-1, SIGTERM)));
		printf("child: %s\n", how(child));
		return 0;
	}

	gone = fork();
	if (gone == 0)
		_exit(0);
	waitpid(gone, NULL, 0);
	printf("kill gone: %s\n", res(kill(gone, 0)));
	printf("tkill gone: %s\n", res(syscall(SYS_tkill, gone, 0)));

	child = sleeper();
	printf("kill 0: %s\n", res(kill(child, 0)));
	printf("kill bad signal: %s\n", res(kill(child, 99)));
	printf("tgkill wrong group: %s\n",
	       res(syscall(SYS_tgkill, getpid(), child, 0)));
	got = 0;
	printf("tgkill self: %s\n",
	       res(syscall(SYS_tgkill, getpid(), gettid(), SIGUSR1)));
	printf("handled: %d\n", (int)got);
	got = 0;
	printf("kill(0): %s\n", res(kill(0, SIGUSR1)));
	printf("kill(-pgrp): %s\n", res(kill(-getpgrp(), SIGUSR1)));
	printf("handled: %d\n", (int)got);
	printf("sigqueue: %s\n",
	       res(sigqueue(child, SIGUSR1, (union sigval){ .sival_int = 7 })));
	printf("kill(-nogroup): %s\n", res(kill(-gone, SIGUSR1)));
	printf("tkill(0): %s\n", res(syscall(SYS_tkill, 0, 0)));
	printf("rt_sigqueueinfo(0): %s\n",
	       res(syscall(SYS_rt_sigqueueinfo, 0, 0, NULL)));
	printf("tgkill(0): %s\n", res(syscall(SYS_tgkill, 0, child, 0)));
	{
		siginfo_t si = { .si_signo = SIGUSR1, .si_code = SI_QUEUE };
		siginfo_t kern = { .si_signo = SIGUSR1, .si_code = SI_USER };

		printf("rt_sigqueueinfo(0, info): %s\n",
		       res(syscall(SYS_rt_sigqueueinfo, 0, SIGUSR1, &si)));
		printf("rt_sigqueueinfo kernel code: %s\n",
		       res(syscall(SYS_rt_sigqueueinfo, child, SIGUSR1,
				   &kern)));
		printf("rt_tgsigqueueinfo(0): %s\n",
		       res(syscall(SYS_rt_tgsigqueueinfo, 0, 0, SIGUSR1, &si)));
		printf("rt_tgsigqueueinfo self: %s\n",
		       res(syscall(SYS_rt_tgsigqueueinfo, getpid(), gettid(),
				   SIGUSR1, &si)));
	}

	/* SIGIO to ourselves, then to our group, by F_SETOWN. */
	if (pipe(p) < 0)
		return 2;
	got = 0;
	printf("F_SETOWN self: %s\n", res(fcntl(p[0], F_SETOWN, getpid())));
	fcntl(p[0], F_SETFL, O_ASYNC | O_NONBLOCK);
	(void)!write(p[1], "x", 1);
	usleep(50000);
	printf("SIGIO: %d\n", got > 0);
	printf("F_SETOWN group: %s\n", res(fcntl(p[0], F_SETOWN, -getpgrp())));
	printf("F_SETOWN gone: %s\n", res(fcntl(p[0], F_SETOWN, gone)));
	printf("F_SETOWN INT_MIN: %s\n", res(fcntl(p[0], F_SETOWN, INT_MIN)));
	printf("F_SETOWN none: %s\n", res(fcntl(p[0], F_SETOWN, 0)));
	/* FIOASYNC, with an owner again: SIGIO as with O_ASYNC. */
	{
		int on = 1;
		char c;

		fcntl(p[0], F_SETFL, O_NONBLOCK);
		while (read(p[0], &c, 1) == 1)
			;
		fcntl(p[0], F_SETOWN, getpid());
		got = 0;
		printf("FIOASYNC: %s\n", res(ioctl(p[0], FIOASYNC, &on)));
		(void)!write(p[1], "x", 1);
		usleep(50000);
		printf("SIGIO by FIOASYNC: %d\n", got > 0);
		on = 0;
		printf("FIOASYNC off: %s\n", res(ioctl(p[0], FIOASYNC, &on)));
	}

	fd = (int)syscall(SYS_pidfd_open, child, 0);
	printf("pidfd_send_signal bad flags: %s\n",
	       res(syscall(SYS_pidfd_send_signal, fd, 0, NULL, 0x80)));
	printf("pidfd_send_signal not a pidfd: %s\n",
	       res(syscall(SYS_pidfd_send_signal, p[0], 0, NULL, 0)));
	printf("pidfd_send_signal: %s\n",
	       res(syscall(SYS_pidfd_send_signal, fd, SIGTERM, NULL, 0)));
	printf("child: %s\n", how(child));
	printf("pidfd_send_signal gone: %s\n",
	       res(syscall(SYS_pidfd_send_signal, fd, SIGTERM, NULL, 0)));
	close(fd);
	return 0;
}
