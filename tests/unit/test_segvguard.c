/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The SegvGuard crash table (policy/segvguard.c): counting, windows,
 * suspensions, its bound, its lock. */
#include "harness.h"

#include <pthread.h>
#include <signal.h>

#include "policy/segvguard.h"
#include "util.h"

/* One event of a case: a crash (CRASH) or a check (CHECK) at time T. */
enum ev_kind {
	CRASH,
	CHECK
};

struct ev {
	enum ev_kind kind;
	const char *path;
	uint64_t t;
	int want; /* CRASH: its return; CHECK: 1 suspended, 0 not */
	uint64_t left; /* CHECK when suspended: seconds left */
};

#define MAX_EVS 12

static const struct sg_case {
	const char *name;
	struct segvguard_limits lim;
	struct ev ev[MAX_EVS]; /* up to the first with a NULL path */
} cases[] = {
	{ "no crash: nothing suspended",
	  { 120, 600, 5 },
	  { { CHECK, "/bin/a", 10, 0, 0 } } },
	{ "maxcrashes crashes within expiry suspend",
	  { 120, 600, 3 },
	  { { CRASH, "/bin/a", 10, 0, 0 },
	    { CRASH, "/bin/a", 20, 0, 0 },
	    { CHECK, "/bin/a", 21, 0, 0 },
	    { CRASH, "/bin/a", 30, 1, 0 },
	    { CHECK, "/bin/a", 30, 1, 600 },
	    { CHECK, "/bin/a", 629, 1, 1 },
	    { CHECK, "/bin/a", 630, 0, 0 } } },
	{ "another path is not suspended",
	  { 120, 600, 1 },
	  { { CRASH, "/bin/a", 10, 1, 0 },
	    { CHECK, "/bin/b", 11, 0, 0 },
	    { CHECK, "/bin/a/", 11, 0, 0 },
	    { CHECK, "/bin/", 11, 0, 0 } } },
	{ "crashes further apart than expiry do not add up",
	  { 100, 600, 2 },
	  { { CRASH, "/bin/a", 0, 0, 0 },
	    { CRASH, "/bin/a", 100, 0, 0 },
	    { CHECK, "/bin/a", 101, 0, 0 },
	    { CRASH, "/bin/a", 150, 1, 0 },
	    { CHECK, "/bin/a", 151, 1, 599 } } },
	{ "the window opens at the first crash, it does not slide",
	  { 100, 600, 3 },
	  { { CRASH, "/bin/a", 0, 0, 0 },
	    { CRASH, "/bin/a", 90, 0, 0 },
	    { CRASH, "/bin/a", 110, 0, 0 }, /* a new window: 1 */
	    { CHECK, "/bin/a", 111, 0, 0 },
	    { CRASH, "/bin/a", 120, 0, 0 },
	    { CRASH, "/bin/a", 130, 1, 0 } } },
	{ "expiry 0 turns SegvGuard off",
	  { 0, 600, 1 },
	  { { CRASH, "/bin/a", 10, 0, 0 }, { CHECK, "/bin/a", 10, 0, 0 } } },
	{ "maxcrashes 0 counts as 1",
	  { 120, 600, 0 },
	  { { CRASH, "/bin/a", 10, 1, 0 }, { CHECK, "/bin/a", 10, 1, 600 } } },
	{ "suspension 0 suspends nothing",
	  { 120, 0, 1 },
	  { { CRASH, "/bin/a", 10, 1, 0 }, { CHECK, "/bin/a", 10, 0, 0 } } },
	{ "the count starts afresh after a suspension",
	  { 1000, 10, 2 },
	  { { CRASH, "/bin/a", 0, 0, 0 },
	    { CRASH, "/bin/a", 1, 1, 0 },
	    { CHECK, "/bin/a", 11, 0, 0 },
	    { CRASH, "/bin/a", 12, 0, 0 },
	    { CHECK, "/bin/a", 12, 0, 0 },
	    { CRASH, "/bin/a", 13, 1, 0 },
	    { CHECK, "/bin/a", 13, 1, 10 } } },
	{ "a crash while suspended may renew the suspension",
	  { 1000, 100, 1 },
	  { { CRASH, "/bin/a", 0, 1, 0 },
	    { CRASH, "/bin/a", 50, 1, 0 },
	    { CHECK, "/bin/a", 120, 1, 30 } } },
	{ "a suspension that would overflow the clock lasts forever",
	  { 1000, UINT64_MAX, 1 },
	  { { CRASH, "/bin/a", 10, 1, 0 },
	    { CHECK, "/bin/a", UINT64_MAX - 1, 1, 1 } } },
};

static void run_case(const struct sg_case *c)
{
	struct segvguard *g;

	ASSERT_EQ(0, segvguard_new(SEGVGUARD_CAPACITY, &g));
	for (size_t i = 0; i < MAX_EVS && c->ev[i].path; i++) {
		const struct ev *e = &c->ev[i];
		uint64_t left = 0;
		int got;

		if (e->kind == CRASH)
			got = segvguard_crash(g, &c->lim, e->path, e->t);
		else
			got = segvguard_check(g, e->path, e->t, &left);
		if (got != e->want ||
		    (e->kind == CHECK && got && left != e->left))
			fprintf(stderr,
				"# case: %s, event %zu: got %d left %llu\n",
				c->name, i, got, (unsigned long long)left);
		EXPECT_EQ(e->want, got);
		if (e->kind == CHECK && got)
			EXPECT_EQ(e->left, left);
	}
	segvguard_free(g);
}

TEST(segvguard_table)
{
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		run_case(&cases[i]);
}

/* The table never holds more than its capacity, and what it gives up to
 * make room is a count, never a suspension. */
TEST(segvguard_is_bounded_and_keeps_suspensions)
{
	struct segvguard_limits lim = { 100, 1000, 2 };
	struct segvguard *g;
	char path[32];

	ASSERT_EQ(0, segvguard_new(4, &g));
	/* two suspended, two counting (one crash each, at t 1 and 2) */
	EXPECT_EQ(0, segvguard_crash(g, &lim, "/s1", 0));
	EXPECT_EQ(1, segvguard_crash(g, &lim, "/s1", 0));
	EXPECT_EQ(0, segvguard_crash(g, &lim, "/s2", 0));
	EXPECT_EQ(1, segvguard_crash(g, &lim, "/s2", 0));
	EXPECT_EQ(0, segvguard_crash(g, &lim, "/c1", 1));
	EXPECT_EQ(0, segvguard_crash(g, &lim, "/c2", 2));
	EXPECT_EQ(4, segvguard_size(g));
	/* a fifth path takes the oldest count's place: /c1 forgets */
	EXPECT_EQ(0, segvguard_crash(g, &lim, "/c3", 3));
	EXPECT_EQ(4, segvguard_size(g));
	EXPECT_EQ(0, segvguard_crash(g, &lim, "/c1", 4)); /* counts 1 again */
	EXPECT_EQ(1, segvguard_crash(g, &lim, "/c1", 5)); /* suspended */
	/* now /c2 was dropped for /c1; /c3 counts: many new paths evict it */
	for (int i = 0; i < 50; i++) {
		snprintf(path, sizeof(path), "/n%d", i);
		EXPECT_EQ(0, segvguard_crash(g, &lim, path, 10));
		EXPECT_EQ(4, segvguard_size(g));
	}
	/* the suspensions outlived the flood */
	EXPECT_TRUE(segvguard_check(g, "/s1", 10, NULL));
	EXPECT_TRUE(segvguard_check(g, "/s2", 10, NULL));
	EXPECT_TRUE(segvguard_check(g, "/c1", 10, NULL));
	/* full of suspensions: a new crash is not counted, none is lifted */
	EXPECT_EQ(1, segvguard_crash(g, &lim, "/n49", 11));
	EXPECT_EQ(-ENOSPC, segvguard_crash(g, &lim, "/x", 12));
	EXPECT_TRUE(segvguard_check(g, "/s1", 12, NULL));
	EXPECT_FALSE(segvguard_check(g, "/x", 12, NULL));
	/* once they run out, their places are free again */
	EXPECT_EQ(0, segvguard_crash(g, &lim, "/x", 2000));
	EXPECT_FALSE(segvguard_check(g, "/s1", 2000, NULL));
	segvguard_free(g);
}

TEST(segvguard_capacity_zero_is_refused)
{
	struct segvguard *g = (struct segvguard *)1;

	EXPECT_EQ(-EINVAL, segvguard_new(0, &g));
	EXPECT_TRUE(g == NULL);
	segvguard_free(NULL);
}

struct racer {
	struct segvguard *g;
	int id;
};

/* Crashes of its own paths and of a shared one, checks between them. */
static void *race(void *arg)
{
	struct racer *r = arg;
	struct segvguard_limits lim = { 1000, 1000, 1000000 };
	char path[32];

	for (int i = 0; i < 2000; i++) {
		snprintf(path, sizeof(path), "/r%d/%d", r->id, i % 64);
		segvguard_crash(r->g, &lim, path, 1);
		segvguard_crash(r->g, &lim, "/shared", 1);
		segvguard_check(r->g, path, 1, NULL);
	}
	return NULL;
}

/* Threads recording and checking at once: the count of the shared path
 * is exact (no update lost), the bound holds. */
TEST(segvguard_is_thread_safe)
{
	struct segvguard_limits lim = { 1000, 1000, 8001 };
	struct racer r[4];
	pthread_t t[4];
	struct segvguard *g;

	ASSERT_EQ(0, segvguard_new(512, &g));
	for (int i = 0; i < 4; i++) {
		r[i] = (struct racer){ g, i };
		ASSERT_EQ(0, pthread_create(&t[i], NULL, race, &r[i]));
	}
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	EXPECT_LE(segvguard_size(g), 512);
	/* 8000 crashes of /shared were counted: the 8001st suspends */
	EXPECT_FALSE(segvguard_check(g, "/shared", 1, NULL));
	EXPECT_EQ(1, segvguard_crash(g, &lim, "/shared", 1));
	segvguard_free(g);
}

TEST(segvguard_crash_signals_are_the_core_dumping_ones)
{
	static const int crash[] = {
		SIGQUIT, SIGILL,  SIGTRAP, SIGABRT, SIGBUS,
		SIGFPE,	 SIGSEGV, SIGXCPU, SIGXFSZ, SIGSYS
	};
	static const int not_crash[] = { 0,	  SIGHUP,  SIGINT,  SIGKILL,
					 SIGTERM, SIGPIPE, SIGUSR1, SIGALRM,
					 SIGCHLD, SIGSTOP };

	for (size_t i = 0; i < ARRAY_SIZE(crash); i++)
		EXPECT_TRUE(segvguard_is_crash_signal(crash[i]));
	for (size_t i = 0; i < ARRAY_SIZE(not_crash); i++)
		EXPECT_FALSE(segvguard_is_crash_signal(not_crash[i]));
}
