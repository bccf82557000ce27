/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The SegvGuard crash table (see segvguard.h): a fixed array of entries
 * under one mutex. A check at every exec scans it; with the table empty
 * (no crash yet, the usual case) that is one load under the lock.
 */
#include "policy/segvguard.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

struct entry {
	char *path; /* owned; NULL: a free slot */
	uint32_t hash;
	uint64_t count; /* crashes in the current window */
	uint64_t window; /* when the current window opened */
	uint64_t expiry; /* its length, as it was set when it opened */
	uint64_t until; /* suspended while now < until */
};

struct segvguard {
	pthread_mutex_t lock;
	size_t capacity, size;
	struct entry *v; /* capacity of them */
};

static uint32_t hash_path(const char *path)
{
	uint32_t h = 2166136261u;

	for (const char *p = path; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	return h;
}

int segvguard_new(size_t capacity, struct segvguard **out)
{
	struct segvguard *g;

	*out = NULL;
	if (capacity == 0)
		return -EINVAL;
	g = calloc(1, sizeof(*g));
	if (!g)
		return -ENOMEM;
	g->v = calloc(capacity, sizeof(*g->v));
	if (!g->v) {
		free(g);
		return -ENOMEM;
	}
	g->capacity = capacity;
	pthread_mutex_init(&g->lock, NULL);
	*out = g;
	return 0;
}

void segvguard_free(struct segvguard *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < g->capacity; i++)
		free(g->v[i].path);
	free(g->v);
	pthread_mutex_destroy(&g->lock);
	free(g);
}

static struct entry *find(struct segvguard *g, const char *path, uint32_t h)
{
	for (size_t i = 0; i < g->capacity; i++) {
		struct entry *e = &g->v[i];

		if (e->path && e->hash == h && !strcmp(e->path, path))
			return e;
	}
	return NULL;
}

static bool suspended(const struct entry *e, uint64_t now)
{
	return now < e->until;
}

/* Its window is over and it is not suspended: it says nothing any more. */
static bool spent(const struct entry *e, uint64_t now)
{
	return !suspended(e, now) &&
	       (now < e->window || now - e->window >= e->expiry);
}

static void drop(struct segvguard *g, struct entry *e)
{
	free(e->path);
	memset(e, 0, sizeof(*e));
	g->size--;
}

/*
 * A slot for a new path: a free one, else one that says nothing any more,
 * else the counting (not suspended) one whose window is the oldest: a
 * count is worth less than a suspension, and the oldest count the least.
 * NULL when every entry is a suspension: those are never given up, or a
 * flood of crashes of other programs would lift one.
 */
static struct entry *make_room(struct segvguard *g, uint64_t now)
{
	struct entry *oldest = NULL;

	for (size_t i = 0; i < g->capacity; i++) {
		struct entry *e = &g->v[i];

		if (!e->path)
			return e;
		if (spent(e, now)) {
			drop(g, e);
			return e;
		}
		if (!suspended(e, now) &&
		    (!oldest || e->window < oldest->window))
			oldest = e;
	}
	if (oldest)
		drop(g, oldest);
	return oldest;
}

int segvguard_crash(struct segvguard *g, const struct segvguard_limits *lim,
		    const char *path, uint64_t now)
{
	uint64_t max = lim->maxcrashes ? lim->maxcrashes : 1;
	uint32_t h = hash_path(path);
	struct entry *e;
	int ret = 0;

	if (lim->expiry == 0)
		return 0; /* segvguard/expiry:0 turns SegvGuard off */
	pthread_mutex_lock(&g->lock);
	e = find(g, path, h);
	if (!e) {
		e = make_room(g, now);
		if (!e) {
			ret = -ENOSPC;
			goto out;
		}
		e->path = strdup(path);
		if (!e->path) {
			ret = -ENOMEM;
			goto out;
		}
		e->hash = h;
		g->size++;
	}
	/* The first crash after a window ran out opens a new one. */
	if (e->count == 0 || now < e->window || now - e->window >= e->expiry) {
		e->count = 0;
		e->window = now;
		e->expiry = lim->expiry;
	}
	if (++e->count >= max) {
		/* Crashes of processes started before it count on, and a
		 * new suspension replaces the one running. */
		e->until = now + lim->suspension < now ? UINT64_MAX
						       : now + lim->suspension;
		e->count = 0;
		ret = 1;
	}
out:
	pthread_mutex_unlock(&g->lock);
	return ret;
}

bool segvguard_check(struct segvguard *g, const char *path, uint64_t now,
		     uint64_t *left)
{
	const struct entry *e;
	bool hit = false;

	pthread_mutex_lock(&g->lock);
	if (g->size > 0) {
		e = find(g, path, hash_path(path));
		if (e && suspended(e, now)) {
			hit = true;
			if (left)
				*left = e->until - now;
		}
	}
	pthread_mutex_unlock(&g->lock);
	return hit;
}

size_t segvguard_size(struct segvguard *g)
{
	size_t n;

	pthread_mutex_lock(&g->lock);
	n = g->size;
	pthread_mutex_unlock(&g->lock);
	return n;
}

bool segvguard_is_crash_signal(int sig)
{
	switch (sig) {
	case SIGQUIT:
	case SIGILL:
	case SIGTRAP:
	case SIGABRT:
	case SIGBUS:
	case SIGFPE:
	case SIGSEGV:
	case SIGXCPU:
	case SIGXFSZ:
	case SIGSYS:
		return true;
	default:
		return false;
	}
}
