/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * An open-addressing hash of pids (linear probing, deletion by backward
 * shift, so no tombstones pile up in a long run), each with a shared,
 * counted executable name: a fork copies a pointer, not a path.
 */
#include "supervise/proctab.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct exe {
	unsigned refs;
	char path[];
};

struct slot {
	pid_t pid; /* 0: empty */
	struct exe *exe;
};

static struct slot *slots;
static size_t cap, used;

static void exe_put(struct exe *e)
{
	if (e && --e->refs == 0)
		free(e);
}

static size_t home(pid_t pid)
{
	/* Fibonacci hashing: pids come in runs, which this spreads. */
	return (size_t)(((uint64_t)(unsigned)pid * 0x9E3779B97F4A7C15ull) >>
			32) &
	       (cap - 1);
}

static struct slot *find(pid_t pid)
{
	if (!cap)
		return NULL;
	for (size_t i = home(pid);; i = (i + 1) & (cap - 1)) {
		if (slots[i].pid == pid)
			return &slots[i];
		if (slots[i].pid == 0)
			return NULL;
	}
}

static int grow(void)
{
	size_t ncap = cap ? cap * 2 : 64;
	struct slot *old = slots, *n = calloc(ncap, sizeof(*n));
	size_t ocap = cap;

	if (!n)
		return -ENOMEM;
	slots = n;
	cap = ncap;
	for (size_t i = 0; i < ocap; i++) {
		size_t k;

		if (!old[i].pid)
			continue;
		for (k = home(old[i].pid); slots[k].pid;
		     k = (k + 1) & (cap - 1))
			;
		slots[k] = old[i];
	}
	free(old);
	return 0;
}

/* The slot for PID, made if missing (its exe NULL). NULL: no memory. */
static struct slot *get(pid_t pid)
{
	struct slot *s = find(pid);
	size_t i;

	if (s)
		return s;
	if ((used + 1) * 2 > cap && grow() < 0)
		return NULL;
	for (i = home(pid); slots[i].pid; i = (i + 1) & (cap - 1))
		;
	slots[i].pid = pid;
	slots[i].exe = NULL;
	used++;
	return &slots[i];
}

int proctab_fork(pid_t parent, pid_t pid)
{
	struct slot *p = find(parent), *s = get(pid);
	struct exe *e;

	if (!s)
		return -ENOMEM;
	/* get() may have moved the table: look the parent up again. */
	p = parent ? find(parent) : NULL;
	e = p ? p->exe : NULL;
	if (e)
		e->refs++;
	exe_put(s->exe);
	s->exe = e;
	return 0;
}

int proctab_exec(pid_t pid, const char *exe)
{
	size_t len = strlen(exe);
	struct slot *s = get(pid);
	struct exe *e;

	if (!s)
		return -ENOMEM;
	e = malloc(sizeof(*e) + len + 1);
	if (!e)
		return -ENOMEM;
	e->refs = 1;
	memcpy(e->path, exe, len + 1);
	exe_put(s->exe);
	s->exe = e;
	return 0;
}

const char *proctab_exe(pid_t pid)
{
	struct slot *s = find(pid);

	return s && s->exe ? s->exe->path : NULL;
}

void proctab_exit(pid_t pid)
{
	struct slot *s = find(pid);
	size_t i, j;

	if (!s)
		return;
	exe_put(s->exe);
	used--;
	/* Backward shift: move up each later entry its home allows. */
	i = (size_t)(s - slots);
	for (j = (i + 1) & (cap - 1); slots[j].pid; j = (j + 1) & (cap - 1)) {
		size_t h = home(slots[j].pid);

		/* Does H lie cyclically in (i, j]? Then it stays. */
		if (i <= j ? (i < h && h <= j) : (i < h || h <= j))
			continue;
		slots[i] = slots[j];
		i = j;
	}
	slots[i].pid = 0;
	slots[i].exe = NULL;
}

size_t proctab_count(void)
{
	return used;
}
