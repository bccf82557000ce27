/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What every escape attempt in tests/security/ shares: the layout of the
 * directory it is given, how it recognises the protected data, and how it
 * reports. Each esc-* program is run twice by run-esc.sh, once without syd
 * (where the attack must work, proving the program can see an escape) and
 * once under syd (where it must not). Header-only: every program is one file.
 *
 * Layout of DIR (made by run-esc.sh):
 *   DIR/secret       "TOPSECRET", denied by the policy under syd
 *   DIR/public       "public", allowed; same name length as "secret"
 *   DIR/work/        allowed work directory
 *   DIR/work/allowed "allowed", allowed
 *
 * Exit status (one line on stdout says what happened):
 *   0  ESCAPED: the secret was read (or the protected effect happened)
 *   1  blocked
 *   2  setup error: the test could not run the attack at all
 *   3  the attack's primitive is missing here (a kernel feature, a
 *      capability); run-esc.sh reports the native half as SKIP
 */
#ifndef SYD_TESTS_SECURITY_ESC_H
#define SYD_TESTS_SECURITY_ESC_H

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/seccomp.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define SECRET_TEXT "TOPSECRET"

enum esc_status {
	ESC_ESCAPED = 0,
	ESC_BLOCKED = 1,
	ESC_SETUP = 2,
	ESC_UNSUPPORTED = 3,
};

struct esc {
	const char *name; /* program name, for the report line */
	char dir[PATH_MAX];
	char secret[PATH_MAX]; /* DIR/secret */
	char public_[PATH_MAX]; /* DIR/public */
	char work[PATH_MAX]; /* DIR/work */
	char allowed[PATH_MAX]; /* DIR/work/allowed */
};

/* Print "NAME: WHAT: details" and exit with STATUS. */
__attribute__((noreturn, format(printf, 3, 4))) static inline void
esc_exit(const struct esc *e, enum esc_status status, const char *fmt, ...)
{
	static const char *const what[] = { "ESCAPED", "blocked", "setup error",
					    "unsupported" };
	va_list ap;

	printf("%s: %s: ", e->name, what[status]);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	_exit(status);
}

static inline void esc_path(const struct esc *e, char *buf, const char *a,
			    const char *b)
{
	int n = snprintf(buf, PATH_MAX, "%s%s", a, b);

	if (n < 0 || n >= PATH_MAX)
		esc_exit(e, ESC_SETUP, "path too long: %s%s", a, b);
}

/* Parse "PROG DIR"; DIR must be absolute (the policy is written with it). */
static inline void esc_init(struct esc *e, int argc, char **argv)
{
	const char *slash = argc > 0 ? strrchr(argv[0], '/') : NULL;

	memset(e, 0, sizeof(*e));
	e->name = slash ? slash + 1 : (argc > 0 ? argv[0] : "esc");
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc != 2 || argv[1][0] != '/')
		esc_exit(e, ESC_SETUP, "usage: %s /ABSOLUTE/DIR", e->name);
	esc_path(e, e->dir, argv[1], "");
	esc_path(e, e->secret, argv[1], "/secret");
	esc_path(e, e->public_, argv[1], "/public");
	esc_path(e, e->work, argv[1], "/work");
	esc_path(e, e->allowed, argv[1], "/work/allowed");
}

/* True when FD reads as the secret. Reads from offset 0, leaves FD open. */
static inline bool esc_fd_is_secret(int fd)
{
	char buf[64];
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);

	if (n < 0)
		n = read(fd, buf, sizeof(buf) - 1); /* not seekable */
	if (n < (ssize_t)strlen(SECRET_TEXT))
		return false;
	buf[n] = '\0';
	return strncmp(buf, SECRET_TEXT, strlen(SECRET_TEXT)) == 0;
}

/* True when FD reads as the secret; closes FD (any fd >= 0). */
static inline bool esc_check_close(int fd)
{
	bool hit;

	if (fd < 0)
		return false;
	hit = esc_fd_is_secret(fd);
	close(fd);
	return hit;
}

/* Name of an errno value for report lines ("EACCES"). */
static inline const char *esc_errname(int err)
{
	const char *s = strerrorname_np(err);

	return s ? s : "E?";
}

/*
 * How long a racing attack runs, in milliseconds: ESC_RACE_MS, default
 * 1500. stress.sh shortens it, since it runs every attack many times.
 */
static inline long esc_race_ms(void)
{
	const char *s = getenv("ESC_RACE_MS");
	long v = s ? strtol(s, NULL, 10) : 0;

	return v > 0 ? v : 1500;
}

static inline long long esc_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Thread body: answer CONTINUE to every notification of the listener
 * (intptr_t)ARG until it goes away.
 */
static inline void *esc_answer_continue(void *arg)
{
	int listener = (int)(intptr_t)arg;
	struct seccomp_notif req;
	struct seccomp_notif_resp resp;

	for (;;) {
		memset(&req, 0, sizeof(req));
		if (ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, &req) < 0) {
			if (errno == EINTR || errno == ENOENT)
				continue;
			return NULL;
		}
		memset(&resp, 0, sizeof(resp));
		resp.id = req.id;
		resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
		ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, &resp);
	}
}

#endif
