/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The tracer's process table: what each process runs, inherited at fork,
 * replaced at exec, gone at exit, through growth and deletions that shift
 * colliding entries (each test runs in its own child: a fresh table).
 */
#include "harness.h"

#include <stdio.h>

#include "supervise/proctab.h"

TEST(fork_inherits_exec_replaces_exit_forgets)
{
	EXPECT_EQ(0, proctab_fork(0, 100));
	EXPECT_TRUE(proctab_exe(100) == NULL);
	EXPECT_EQ(0, proctab_exec(100, "/bin/sh"));
	EXPECT_EQ(0, proctab_fork(100, 101));
	EXPECT_STREQ("/bin/sh", proctab_exe(101));
	EXPECT_EQ(0, proctab_exec(101, "/usr/bin/true"));
	EXPECT_STREQ("/bin/sh", proctab_exe(100));
	EXPECT_STREQ("/usr/bin/true", proctab_exe(101));
	proctab_exit(100);
	EXPECT_TRUE(proctab_exe(100) == NULL);
	EXPECT_STREQ("/usr/bin/true", proctab_exe(101));
	EXPECT_EQ(1, (int)proctab_count());
	proctab_exit(101);
	proctab_exit(999); /* unknown: nothing */
	EXPECT_EQ(0, (int)proctab_count());
}

TEST(a_parent_gone_before_the_fork_event)
{
	/* The child's first stop may come before its parent's event. */
	EXPECT_EQ(0, proctab_fork(7, 8));
	EXPECT_TRUE(proctab_exe(8) == NULL);
	EXPECT_EQ(1, (int)proctab_count());
}

TEST(many_processes_and_deletions_keep_every_entry_findable)
{
	char name[32];
	int n = 5000;

	EXPECT_EQ(0, proctab_fork(0, 1));
	EXPECT_EQ(0, proctab_exec(1, "/init"));
	for (int p = 2; p <= n; p++) {
		ASSERT_EQ(0, proctab_fork(1, p));
		if (p % 3 == 0) {
			snprintf(name, sizeof(name), "/p%d", p);
			ASSERT_EQ(0, proctab_exec(p, name));
		}
	}
	/* Remove every other one: the rest must still be found. */
	for (int p = 2; p <= n; p += 2)
		proctab_exit(p);
	for (int p = 2; p <= n; p++) {
		const char *e = proctab_exe(p);

		if (p % 2 == 0) {
			EXPECT_TRUE(e == NULL);
			continue;
		}
		snprintf(name, sizeof(name), "/p%d", p);
		EXPECT_STREQ(p % 3 == 0 ? name : "/init", e);
	}
	EXPECT_EQ(n / 2, (int)proctab_count()); /* 1 and the odd ones */
}
