/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A small inotify watcher for t-inotify.sh. inotify-watch MODE DIR MS
 * watches DIR, prints "ready" on stderr, then for MS milliseconds prints
 * one line per event on stdout: "NAME MASK" (NAME "-" for none, MASK in
 * hex). MODE says how it reads:
 *   block     blocking reads, ended by an alarm
 *   nonblock  IN_NONBLOCK, polled with poll(2)
 *   select    IN_NONBLOCK, select(2)
 *   epoll     IN_NONBLOCK, epoll(7)
 *   rm        as nonblock; after the first event, inotify_rm_watch: the
 *             line "rm 0" (or the errno), then what comes after
 *   overflow  reads nothing for MS milliseconds, then all that comes
 *             until none has for half a second
 *   small     reads with a buffer one byte short of the first event:
 *             "small EINVAL" (the kernel's answer) or "small N" (bytes)
 *   fionread  FIONREAD once something is queued: "fionread N"
 *   kind      prints what /proc/self/fd says the fd is, and exits
 *   count     makes instances until one fails: "count N ERRNO"
 *   hold      makes 100 instances, says "ready", holds them MS ms
 *   fork      blocking; a child forked after the watch reads the
 *             events, the parent closes its copy and waits for it
 * Exit status 0, or 1 with the failing call on stderr.
 */
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MASK                                                                   \
	(IN_CREATE | IN_DELETE | IN_MODIFY | IN_ATTRIB | IN_MOVED_FROM |       \
	 IN_MOVED_TO | IN_CLOSE_WRITE | IN_DELETE_SELF | IN_MOVE_SELF)

static long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static int die(const char *what)
{
	fprintf(stderr, "%s: %s\n", what, strerror(errno));
	return 1;
}

static void print(const char *buf, ssize_t n)
{
	for (ssize_t at = 0; at < n;) {
		const struct inotify_event *ev = (const void *)(buf + at);

		printf("%s %x\n", ev->len ? ev->name : "-", ev->mask);
		at += (ssize_t)(sizeof(*ev) + ev->len);
	}
	fflush(stdout);
}

static void on_alarm(int sig)
{
	(void)sig;
}

/* Wait up to the deadline for FD to be readable, the MODE way. */
static int wait_readable(const char *mode, int fd, int ep, long left)
{
	if (!strcmp(mode, "select")) {
		struct timeval tv = { left / 1000, (left % 1000) * 1000 };
		fd_set r;

		FD_ZERO(&r);
		FD_SET(fd, &r);
		return select(fd + 1, &r, NULL, NULL, &tv);
	}
	if (!strcmp(mode, "epoll")) {
		struct epoll_event e;

		return epoll_wait(ep, &e, 1, (int)left);
	}
	{
		struct pollfd p = { fd, POLLIN, 0 };
		int k = poll(&p, 1, (int)left);

		/* An inotify fd is never writable: neither is ours to read. */
		if (k > 0 && !(p.revents & POLLIN))
			return -1;
		return k;
	}
}

int main(int argc, char **argv)
{
	const char *mode, *dir;
	char buf[4096] __attribute__((aligned(8)));
	long end, ms;
	int fd, wd, ep = -1;
	bool block, removed = false;

	if (argc != 4) {
		fprintf(stderr, "usage: inotify-watch MODE DIR MS\n");
		return 2;
	}
	mode = argv[1];
	dir = argv[2];
	ms = atol(argv[3]);
	block = !strcmp(mode, "block") || !strcmp(mode, "fork");
	if (!strcmp(mode, "count")) {
		int k = 0;

		while (inotify_init1(IN_CLOEXEC) >= 0)
			k++;
		printf("count %d %d\n", k, errno);
		return 0;
	}
	if (!strcmp(mode, "hold")) {
		struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };

		for (int k = 0; k < 100; k++)
			if (inotify_init1(IN_CLOEXEC) < 0)
				return die("inotify_init1");
		fprintf(stderr, "ready\n");
		nanosleep(&t, NULL);
		return 0;
	}
	fd = inotify_init1(IN_CLOEXEC | (block ? 0 : IN_NONBLOCK));
	if (fd < 0)
		return die("inotify_init1");
	if (!strcmp(mode, "kind")) {
		char link[64];
		ssize_t n;

		snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
		n = readlink(link, buf, sizeof(buf) - 1);
		if (n < 0)
			return die("readlink");
		buf[n] = '\0';
		printf("%s\n", buf);
		return 0;
	}
	wd = inotify_add_watch(fd, dir, MASK);
	if (wd < 0)
		return die("inotify_add_watch");
	if (!strcmp(mode, "epoll")) {
		struct epoll_event e = { .events = EPOLLIN };

		ep = epoll_create1(EPOLL_CLOEXEC);
		if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, fd, &e) < 0)
			return die("epoll");
	}
	fprintf(stderr, "ready\n");
	end = now_ms() + ms;
	if (!strcmp(mode, "overflow")) {
		struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };
		ssize_t n;

		nanosleep(&t, NULL);
		/* Until quiet: under syd, more follows as the relay refills. */
		for (;;) {
			struct pollfd p = { fd, POLLIN, 0 };

			while ((n = read(fd, buf, sizeof(buf))) > 0)
				print(buf, n);
			if (poll(&p, 1, 500) <= 0)
				return 0;
		}
	}
	if (!strcmp(mode, "small") || !strcmp(mode, "fionread")) {
		struct pollfd p = { fd, POLLIN, 0 };
		int queued = 0;
		ssize_t n;

		if (poll(&p, 1, (int)ms) != 1)
			return die("poll");
		if (!strcmp(mode, "fionread")) {
			if (ioctl(fd, FIONREAD, &queued) < 0)
				return die("FIONREAD");
			printf("fionread %d\n", queued);
			return 0;
		}
		/* 16 bytes: a struct with no room for any name. */
		n = read(fd, buf, sizeof(struct inotify_event));
		if (n < 0 && errno == EINVAL)
			printf("small EINVAL\n");
		else
			printf("small %zd\n", n);
		return 0;
	}
	if (!strcmp(mode, "fork")) {
		pid_t pid = fork();
		int st;

		if (pid < 0)
			return die("fork");
		if (pid > 0) {
			/* The child's copy alone keeps the instance. */
			close(fd);
			waitpid(pid, &st, 0);
			return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
		}
	}
	if (block) {
		struct sigaction sa = { .sa_handler = on_alarm };

		sigaction(SIGALRM, &sa, NULL);
		alarm((unsigned)((ms + 999) / 1000));
	}
	for (;;) {
		long left = end - now_ms();
		ssize_t n;

		if (left <= 0)
			break;
		if (!block) {
			int k = wait_readable(mode, fd, ep, left);

			if (k < 0)
				return die("wait");
			if (k == 0)
				break;
		}
		n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			break; /* the alarm */
		if (n < 0)
			return die("read");
		print(buf, n);
		if (!strcmp(mode, "rm") && !removed) {
			removed = true;
			printf("rm %d\n",
			       inotify_rm_watch(fd, wd) < 0 ? errno : 0);
			fflush(stdout);
		}
	}
	return 0;
}
