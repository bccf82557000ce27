/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * JSON-lines logging and die(). Each record is built in memory and written
 * with one write(2), so lines from concurrent emulator threads never
 * interleave. Logging never fails a sandboxed call: on any error the record
 * is dropped, the decision stands.
 */
#include "log.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

static enum log_level level = LOG_WARN;
static int fd = STDERR_FILENO;

/* Rate limiting: a small table keyed by a hash of (pid, path). */
#define RL_SLOTS     512
#define RL_WINDOW_MS 1000
#define RL_WAYS	     4

struct rl_slot {
	uint64_t key;
	uint64_t last_ms;
	unsigned long suppressed;
};

static struct rl_slot rl_table[RL_SLOTS];
static pthread_mutex_t rl_mutex = PTHREAD_MUTEX_INITIALIZER;

static const char *const level_names[] = {
	[LOG_EMERG] = "emerg", [LOG_ALERT] = "alert", [LOG_CRIT] = "crit",
	[LOG_ERR] = "error",   [LOG_WARN] = "warn",   [LOG_NOTICE] = "notice",
	[LOG_INFO] = "info",   [LOG_DEBUG] = "debug",
};

const char *log_level_name(enum log_level l)
{
	return (unsigned)l < ARRAY_SIZE(level_names) ? level_names[l] : "?";
}

int log_level_from_name(const char *name, enum log_level *out)
{
	uint64_t n;

	for (size_t i = 0; i < ARRAY_SIZE(level_names); i++) {
		if (!strcmp(level_names[i], name)) {
			*out = (enum log_level)i;
			return 0;
		}
	}
	/* syslog(3) numbers are accepted too: 0 (emerg) .. 7 (debug). */
	if (parse_u64(name, 10, LOG_DEBUG, &n) == 0) {
		*out = (enum log_level)n;
		return 0;
	}
	return -EINVAL;
}

int log_init(const char **why)
{
	const char *s = getenv("SYD_LOG");
	enum log_level l;
	uint64_t n;

	if (s && *s) {
		if (log_level_from_name(s, &l) < 0) {
			*why = "SYD_LOG: expected emerg, alert, crit, error, "
			       "warn, notice, info, debug or 0-7";
			return -EINVAL;
		}
		level = l;
	}
	s = getenv("SYD_LOG_FD");
	if (s && *s) {
		if (s[0] == '-') {
			/* Negative: logging off. Still must be a number. */
			if (parse_u64(s + 1, 10, INT32_MAX, &n) < 0)
				goto bad_fd;
			fd = -1;
		} else if (parse_u64(s, 10, INT32_MAX, &n) < 0) {
			goto bad_fd;
		} else if (fcntl((int)n, F_GETFD) < 0) {
			*why = "SYD_LOG_FD: not an open file descriptor";
			return -EINVAL;
		} else {
			fd = (int)n;
		}
	}
	return 0;
bad_fd:
	*why = "SYD_LOG_FD: expected a file descriptor number";
	return -EINVAL;
}

void log_set_level(enum log_level l)
{
	level = l;
}

enum log_level log_get_level(void)
{
	return level;
}

bool log_enabled(enum log_level l)
{
	return fd >= 0 && l <= level;
}

int log_fd(void)
{
	return fd;
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void put_time(struct strbuf *b)
{
	struct timespec ts;
	struct tm tm;
	char buf[40];

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
	strbuf_printf(b, "{\"time\":\"%s.%03ldZ\"", buf, ts.tv_nsec / 1000000);
}

static void emit(struct strbuf *b)
{
	const char *s;
	size_t left;
	ssize_t n;

	strbuf_puts(b, "}\n");
	if (strbuf_failed(b) || fd < 0)
		return;
	s = strbuf_str(b);
	left = b->len;
	while (left > 0) {
		n = write(fd, s, left);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		s += n;
		left -= (size_t)n;
	}
}

static uint64_t fnv1a(uint64_t h, const void *data, size_t n)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/*
 * Returns true when the record may be written; *suppressed gets the count
 * of records dropped for this key since it was last written. A key may sit
 * in any of RL_WAYS slots from its hash, so two keys that hash alike do not
 * take each other's count; when all are taken, the least recently written
 * one is evicted (its count is lost: memory stays bounded).
 */
static bool rate_ok(pid_t pid, const char *what, unsigned long *suppressed)
{
	uint64_t key = fnv1a(0xcbf29ce484222325ULL, &pid, sizeof(pid));
	uint64_t t = now_ms();
	struct rl_slot *s = NULL;
	bool ok = true;

	if (what)
		key = fnv1a(key, what, strlen(what));
	pthread_mutex_lock(&rl_mutex);
	for (unsigned i = 0; i < RL_WAYS; i++) {
		struct rl_slot *c = &rl_table[(key + i) % RL_SLOTS];

		if (c->key == key) {
			s = c;
			break;
		}
		if (!s || c->last_ms < s->last_ms)
			s = c;
	}
	if (s->key == key && t - s->last_ms < RL_WINDOW_MS) {
		s->suppressed++;
		ok = false;
	} else {
		*suppressed = s->key == key ? s->suppressed : 0;
		s->key = key;
		s->last_ms = t;
		s->suppressed = 0;
	}
	pthread_mutex_unlock(&rl_mutex);
	return ok;
}

/* Read a small /proc file or link into BUF; "" on failure. */
static void proc_read(pid_t pid, const char *name, bool link, char *buf,
		      size_t size)
{
	char path[64];
	ssize_t n = -1;
	int pfd;

	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, name);
	if (link) {
		n = readlink(path, buf, size - 1);
	} else {
		pfd = open(path, O_RDONLY | O_CLOEXEC);
		if (pfd >= 0) {
			n = read(pfd, buf, size - 1);
			close(pfd);
		}
	}
	buf[n > 0 ? n : 0] = '\0';
}

static pid_t proc_ppid(pid_t pid)
{
	char buf[512], *p;
	int ppid = 0;

	proc_read(pid, "stat", false, buf, sizeof(buf));
	/* comm may hold spaces and parentheses: parse after the last ')'. */
	p = strrchr(buf, ')');
	if (p && sscanf(p + 1, " %*c %d", &ppid) == 1)
		return ppid;
	return 0;
}

void log_access(const struct log_access *a)
{
	struct strbuf b = { 0 }, tip = { 0 };
	unsigned long suppressed = 0;
	char buf[4096];

	if (a->act == ACTION_ALLOW || a->act == ACTION_FILTER ||
	    !log_enabled(LOG_WARN))
		return;
	if (!rate_ok(a->pid, a->path ? a->path : a->addr, &suppressed))
		return;

	put_time(&b);
	strbuf_printf(&b, ",\"level\":\"warn\",\"pid\":%d,\"ppid\":%d",
		      (int)a->pid, (int)proc_ppid(a->pid));
	/* argv[0] ends at the first NUL of cmdline. */
	proc_read(a->pid, "cmdline", false, buf, sizeof(buf));
	strbuf_puts(&b, ",\"cmd\":");
	strbuf_json_str(&b, buf);
	proc_read(a->pid, "exe", true, buf, sizeof(buf));
	strbuf_puts(&b, ",\"exe\":");
	strbuf_json_str(&b, buf);
	proc_read(a->pid, "cwd", true, buf, sizeof(buf));
	strbuf_puts(&b, ",\"cwd\":");
	strbuf_json_str(&b, buf);
	if (a->sys) {
		strbuf_puts(&b, ",\"sys\":");
		strbuf_json_str(&b, a->sys);
	}
	strbuf_printf(&b, ",\"cap\":\"%s\",\"act\":\"%s\"", cat_name(a->cap),
		      action_name(a->act));
	if (a->path) {
		strbuf_puts(&b, ",\"path\":");
		strbuf_json_str(&b, a->path);
	}
	if (a->addr) {
		strbuf_puts(&b, ",\"addr\":");
		strbuf_json_str(&b, a->addr);
	}
	if (a->err) {
		const char *name = strerrorname_np(a->err);

		strbuf_printf(&b, ",\"errno\":\"%s\"", name ? name : "?");
	}
	if (a->msg) {
		strbuf_puts(&b, ",\"msg\":");
		strbuf_json_str(&b, a->msg);
	}
	if (a->tip) {
		if (*a->tip) {
			strbuf_puts(&b, ",\"tip\":");
			strbuf_json_str(&b, a->tip);
		}
	} else if (a->path || a->addr) {
		rule_tip(&tip, a->cap, a->path ? a->path : a->addr);
		strbuf_puts(&b, ",\"tip\":");
		strbuf_json_str(&b, strbuf_str(&tip));
		strbuf_fini(&tip);
	}
	if (suppressed)
		strbuf_printf(&b, ",\"suppressed\":%lu", suppressed);
	emit(&b);
	strbuf_fini(&b);
}

void log_msg(enum log_level l, const char *fmt, ...)
{
	struct strbuf b = { 0 }, m = { 0 };
	va_list ap;

	if (!log_enabled(l))
		return;
	va_start(ap, fmt);
	strbuf_vprintf(&m, fmt, ap);
	va_end(ap);
	put_time(&b);
	strbuf_printf(&b, ",\"level\":\"%s\",\"pid\":%d,\"msg\":",
		      log_level_name(l), (int)getpid());
	strbuf_json_str(&b, strbuf_str(&m));
	emit(&b);
	strbuf_fini(&b);
	strbuf_fini(&m);
}

void die(int status, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "%s: ", program_invocation_short_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(status);
}
