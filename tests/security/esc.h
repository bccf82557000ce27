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
 *
 * A denial of service of the supervisor (esc_dos() below) reports 0 when
 * it froze calls of another process. Without syd nothing freezes: its
 * native run must report "blocked", having shown that the stall holds.
 */
#ifndef SYD_TESTS_SECURITY_ESC_H
#define SYD_TESTS_SECURITY_ESC_H

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/seccomp.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
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

/*
 * The end of a process made outside the sandbox by --prepare: stdio to
 * /dev/null, so that the harness's $(...) reading the preparation's
 * output ends, then SECONDS of life and _exit(0). Under syd the attack
 * cannot kill it (signals to the outside are refused): it goes by itself.
 */
__attribute__((noreturn)) static inline void esc_linger(unsigned seconds)
{
	int null = open("/dev/null", O_RDWR);

	dup2(null, 0);
	dup2(null, 1);
	dup2(null, 2);
	sleep(seconds);
	_exit(0);
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

/* Copy the file FROM to TO (mode 0755, open flags OFLAGS added). 0 or -1. */
static inline int esc_copy_file(const char *from, const char *to, int oflags)
{
	char buf[65536];
	int in = open(from, O_RDONLY | O_CLOEXEC);
	int out = open(to, O_WRONLY | O_CREAT | O_CLOEXEC | oflags, 0755);
	ssize_t n = 0;

	while (in >= 0 && out >= 0 && (n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n) {
			n = -1;
			break;
		}
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	return in < 0 || out < 0 || n < 0 ? -1 : 0;
}

/*
 * Run PATH --payload (a copy of the attack itself, which then exits with
 * a status of its own): its exit status, 128+N for signal N, 126 when the
 * exec was refused, -1 when it could not be run.
 */
static inline int esc_run_payload(const char *path)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		execl(path, path, "--payload", (char *)NULL);
		_exit(errno == EACCES ? 126 : 127);
	}
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
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

/*
 * Denial of service of the supervisor (flag "dos" in esc-lib.sh). NSTALL
 * staller processes each make one call that never ends; once they are in
 * it, a prober process makes ESC_DOS_CALLS opens of DIR/work/allowed,
 * which must all return within ESC_DOS_MS milliseconds (default 5000).
 * ESCAPED: the prober was frozen, the stalls holding up calls of a
 * process that has nothing to do with them. Natively the kernel blocks
 * each staller alone: the run must end "blocked", and it shows that the
 * stalls hold (every staller is still in its call when the prober is
 * done; else a setup error) and that the bound is met without syd.
 *
 * STALL(E, I, FD) runs in staller I: it sets its call up, writes "g" to
 * FD, makes the call, and writes "r" if the call returns. When the set-up
 * fails it writes "u" (the primitive is missing here: exit 3) or "s" (a
 * setup error) and a reason, and exits.
 */
#define ESC_DOS_CALLS 100
#define ESC_DOS_MAX   8
/* Time for a staller's call to reach the supervisor after "g". */
#define ESC_DOS_SETTLE_MS 300

typedef void (*esc_stall_fn)(const struct esc *e, int i, int fd);

static inline long esc_dos_ms(void)
{
	const char *s = getenv("ESC_DOS_MS");
	long v = s ? strtol(s, NULL, 10) : 0;

	return v > 0 ? v : 5000;
}

static inline void esc_sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* In a staller: report status C ('u' or 's') with a reason, and exit. */
__attribute__((noreturn, format(printf, 3, 4))) static inline void
esc_stall_fail(int fd, char c, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	buf[0] = c;
	va_start(ap, fmt);
	n = vsnprintf(buf + 1, sizeof(buf) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	if (n > (int)sizeof(buf) - 2)
		n = (int)sizeof(buf) - 2;
	(void)!write(fd, buf, (size_t)n + 1);
	_exit(2);
}

/* Kill and reap the processes in PIDS (an entry of 0 or less: none). */
static inline void esc_dos_reap(pid_t *pids, int n)
{
	for (int i = 0; i < n; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGKILL);
	for (int i = 0; i < n; i++)
		if (pids[i] > 0)
			waitpid(pids[i], NULL, 0);
}

/* Has a staller's call returned (its pipe FD readable)? */
static inline bool esc_dos_returned(int fd)
{
	struct pollfd p = { fd, POLLIN, 0 };

	return poll(&p, 1, 0) == 1;
}

/*
 * Run the attack: NSTALL (at most ESC_DOS_MAX) stalls made by STALL, named
 * WHAT in the report, then the prober. Never returns. Only the prober's
 * opens are supervised calls here: the rest of this process must not make
 * one, or a frozen supervisor would freeze the report with it.
 */
__attribute__((noreturn)) static inline void
esc_dos(const struct esc *e, int nstall, esc_stall_fn stall, const char *what)
{
	pid_t pids[ESC_DOS_MAX + 1] = { 0 };
	int fds[ESC_DOS_MAX], status = 0, n = nstall + 1;
	atomic_int *done;
	long long start, took;
	char buf[512];
	pid_t prober;

	if (nstall < 1 || nstall > ESC_DOS_MAX)
		esc_exit(e, ESC_SETUP, "%d stalls", nstall);
	done = mmap(NULL, sizeof(*done), PROT_READ | PROT_WRITE,
		    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (done == MAP_FAILED)
		esc_exit(e, ESC_SETUP, "mmap: %s", strerror(errno));
	fflush(stdout);
	for (int i = 0; i < nstall; i++) {
		int p[2];

		if (pipe2(p, O_CLOEXEC) < 0) {
			esc_dos_reap(pids, n);
			esc_exit(e, ESC_SETUP, "pipe: %s", strerror(errno));
		}
		pids[i] = fork();
		if (pids[i] == 0) {
			close(p[0]);
			stall(e, i, p[1]);
			_exit(2);
		}
		close(p[1]);
		fds[i] = p[0];
		if (pids[i] < 0) {
			esc_dos_reap(pids, n);
			esc_exit(e, ESC_SETUP, "fork: %s", strerror(errno));
		}
	}
	for (int i = 0; i < nstall; i++) {
		struct pollfd p = { fds[i], POLLIN, 0 };
		ssize_t len = -1;

		if (poll(&p, 1, 10000) == 1)
			len = read(fds[i], buf, 1);
		if (len == 1 && buf[0] == 'g')
			continue;
		if (len == 1 && (buf[0] == 'u' || buf[0] == 's')) {
			ssize_t k = read(fds[i], buf + 1, sizeof(buf) - 2);

			buf[k > 0 ? k + 1 : 1] = '\0';
			esc_dos_reap(pids, n);
			esc_exit(e, buf[0] == 'u' ? ESC_UNSUPPORTED : ESC_SETUP,
				 "staller %d: %s", i, buf + 1);
		}
		esc_dos_reap(pids, n);
		esc_exit(e, ESC_SETUP, "staller %d did not start its call", i);
	}
	esc_sleep_ms(ESC_DOS_SETTLE_MS);
	start = esc_now_ms();
	prober = fork();
	if (prober == 0) {
		for (int k = 0; k < ESC_DOS_CALLS; k++) {
			int fd = open(e->allowed, O_RDONLY | O_CLOEXEC);

			if (fd < 0) {
				printf("# prober: open %s: %s\n", e->allowed,
				       esc_errname(errno));
				_exit(1);
			}
			close(fd);
			atomic_store(done, k + 1);
		}
		_exit(0);
	}
	pids[nstall] = prober;
	if (prober < 0) {
		esc_dos_reap(pids, n);
		esc_exit(e, ESC_SETUP, "fork: %s", strerror(errno));
	}
	while (waitpid(prober, &status, WNOHANG) == 0 &&
	       esc_now_ms() - start < esc_dos_ms())
		esc_sleep_ms(10);
	took = esc_now_ms() - start;
	/* The stalls must have held all along, or nothing was shown. */
	for (int i = 0; i < nstall; i++) {
		if (esc_dos_returned(fds[i])) { /* "r", or it ended */
			esc_dos_reap(pids, n);
			esc_exit(e, ESC_SETUP,
				 "the stall did not hold: staller %d's %s "
				 "returned",
				 i, what);
		}
	}
	if (waitpid(prober, &status, WNOHANG) == 0) {
		int made = atomic_load(done);

		esc_dos_reap(pids, n);
		esc_exit(e, ESC_ESCAPED,
			 "the prober made %d of %d opens in %lld ms while %d "
			 "%s stalled: the sandbox froze",
			 made, ESC_DOS_CALLS, took, nstall, what);
	}
	pids[nstall] = 0;
	esc_dos_reap(pids, nstall);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		esc_exit(e, ESC_SETUP, "the prober failed (status %#x)",
			 status);
	esc_exit(e, ESC_BLOCKED,
		 "%d opens in %lld ms while %d %s stalled, the "
		 "stalls holding",
		 ESC_DOS_CALLS, took, nstall, what);
}

#endif
