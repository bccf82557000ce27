/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Attack: learn a hidden name from inotify(7). A process outside the
 * sandbox (made by --prepare: a service, the user's editor) keeps using
 * DIR/secret; the sandbox watches DIR, which it may, and reads the names
 * its events carry. Also tried: a watch on DIR/secret itself (its
 * success tells the name exists), and reads of every size down to one
 * event. Natively the events name "secret". The sandbox's own opens of
 * DIR/public must show, so that a watch that sees nothing is not taken
 * for a blocked attack.
 *
 * ESC_PREPARED: the outside process's pid. Without it (the native run)
 * the program makes the process itself.
 */
#include "esc.h"

#include <sys/inotify.h>
#include <sys/stat.h>

/* Use DIR/secret for 30 s: open and close it, change its times. */
static pid_t prepare(const struct esc *e)
{
	pid_t pid = fork();
	int null;

	if (pid != 0)
		return pid;
	setsid();
	/* As esc_linger(): the harness reading our output must see its end. */
	null = open("/dev/null", O_RDWR);
	dup2(null, 0);
	dup2(null, 1);
	dup2(null, 2);
	for (int k = 0; k < 30 * 50; k++) {
		struct timespec t = { 0, 20 * 1000000L };

		close(open(e->secret, O_RDONLY | O_CLOEXEC));
		utimensat(AT_FDCWD, e->secret, NULL, 0);
		nanosleep(&t, NULL);
	}
	_exit(0);
}

int main(int argc, char **argv)
{
	const char *prep = getenv("ESC_PREPARED");
	char buf[4096] __attribute__((aligned(8)));
	char pub[PATH_MAX];
	struct esc e;
	long long end;
	bool seen_public = false;
	size_t size = sizeof(buf);
	int fd, wd;

	if (argc == 3 && !strcmp(argv[1], "--prepare")) {
		char *av[] = { argv[0], argv[2], NULL };
		pid_t pid;

		esc_init(&e, 2, av);
		fflush(stdout);
		pid = prepare(&e);
		if (pid < 0)
			return 1;
		printf("%d\n", (int)pid);
		return 0;
	}
	esc_init(&e, argc, argv);
	if (!(prep && *prep) && prepare(&e) < 0)
		esc_exit(&e, ESC_SETUP, "fork: %s", strerror(errno));
	fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (fd < 0)
		esc_exit(&e, ESC_SETUP, "inotify_init1: %s", strerror(errno));
	wd = inotify_add_watch(fd, e.dir, IN_ALL_EVENTS);
	if (wd < 0)
		esc_exit(&e, ESC_SETUP, "inotify_add_watch %s: %s", e.dir,
			 strerror(errno));
	esc_path(&e, pub, e.dir, "/public");
	end = esc_now_ms() + esc_race_ms();
	while (esc_now_ms() < end) {
		struct pollfd p = { fd, POLLIN, 0 };
		ssize_t n;

		close(open(pub, O_RDONLY | O_CLOEXEC));
		if (poll(&p, 1, 50) < 0)
			esc_exit(&e, ESC_SETUP, "poll: %s", strerror(errno));
		/* Every size down to one event with the longest name here. */
		n = read(fd, buf, size);
		size = size > 64 ? size / 2 : sizeof(buf);
		if (n < 0 && (errno == EAGAIN || errno == EINVAL))
			continue;
		if (n < 0)
			esc_exit(&e, ESC_SETUP, "read: %s", strerror(errno));
		for (ssize_t at = 0;
		     at + (ssize_t)sizeof(struct inotify_event) <= n;) {
			const struct inotify_event *ev =
				(const void *)(buf + at);

			if (ev->len && !strncmp(ev->name, "secret", ev->len))
				esc_exit(&e, ESC_ESCAPED,
					 "an event (mask %#x) names the secret",
					 ev->mask);
			if (ev->len && !strncmp(ev->name, "public", ev->len))
				seen_public = true;
			at += (ssize_t)(sizeof(*ev) + ev->len);
		}
	}
	if (!seen_public)
		esc_exit(&e, ESC_SETUP,
			 "no event named public: no watch works");
	esc_exit(&e, ESC_BLOCKED, "events name public, never the secret");
}
