/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Exec trust (syscalls/trust.c) for this very process on a temporary tree:
 * the directory found for a file is the one that holds that very file,
 * a file swapped after its stat is not trusted, and SegvGuard crashes
 * recorded by trust_note_exit() suspend the path for trust_decide(). The
 * tracer calls these two outside any notification: so do these tests.
 */
#include "harness.h"

#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>

#include "config/config.h"
#include "syscalls/trust.h"
#include "util.h"

FIXTURE(trust)
{
	struct sandbox sb;
	char tree[PATH_MAX];
};

FIXTURE_SETUP(trust)
{
	char tmpl[] = "/tmp/syd-trust.XXXXXX";

	ASSERT_TRUE(mkdtemp(tmpl) != NULL);
	ASSERT_TRUE(realpath(tmpl, self->tree) != NULL);
	chmod(self->tree, 0755);
	ASSERT_EQ(0, sandbox_init(&self->sb));
}

static int rm_one(const char *p, const struct stat *st, int flag,
		  struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(p);
}

FIXTURE_TEARDOWN(trust)
{
	sandbox_fini(&self->sb);
	nftw(self->tree, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void apply(struct sandbox *sb, const char *cmd)
{
	struct config cfg;
	struct config_err err;

	config_init(&cfg, sb);
	ASSERT_EQ(0, config_apply_arg(&cfg, cmd, &err));
}

/* TREE/NAME/f with DIRMODE on TREE/NAME; its path into PATH, stat ST. */
static void make(const char *tree, const char *name, mode_t dirmode, char *path,
		 struct stat *st)
{
	char dir[PATH_MAX];
	FILE *f;

	int n = snprintf(dir, sizeof(dir), "%s/%s", tree, name);

	ASSERT_TRUE(n > 0 && n < (int)sizeof(dir));
	ASSERT_EQ(0, mkdir(dir, 0755));
	n = snprintf(path, PATH_MAX, "%s/f", dir);
	ASSERT_TRUE(n > 0 && n < PATH_MAX);
	f = fopen(path, "w");
	ASSERT_TRUE(f != NULL);
	fclose(f);
	chmod(path, 0755);
	ASSERT_EQ(0, chmod(dir, dirmode));
	ASSERT_EQ(0, stat(path, st));
}

TEST_F(trust, tpe_judges_the_directory_that_holds_the_file)
{
	char ok[PATH_MAX], ww[PATH_MAX];
	struct stat ok_st, ww_st;
	struct trust_verdict v;

	make(self->tree, "ok", 0755, ok, &ok_st);
	make(self->tree, "ww", 01777, ww, &ww_st);
	apply(&self->sb, "sandbox/tpe:on");
	ASSERT_EQ(0, trust_decide(&self->sb, getpid(), ok, &ok_st, &v));
	EXPECT_EQ(0, v.n);
	ASSERT_EQ(0, trust_decide(&self->sb, getpid(), ww, &ww_st, &v));
	ASSERT_EQ(1, v.n);
	EXPECT_EQ(CAT_TPE, v.step[0].cat);
	EXPECT_EQ(ACTION_DENY, v.step[0].act);
	EXPECT_TRUE(trust_refuses(&v));
	EXPECT_CONTAINS(v.step[0].tip, "writable by group or others");
	/* The stat of the file in ww, given with the name in ok: another
	 * object lies there, so nothing is trusted. */
	ASSERT_EQ(0, trust_decide(&self->sb, getpid(), ok, &ww_st, &v));
	ASSERT_EQ(1, v.n);
	EXPECT_CONTAINS(v.step[0].tip, "cannot be told");
}

/* A file renamed over after it was looked up: the directory holds
 * another object, the file looked at is not trusted. */
TEST_F(trust, tpe_distrusts_a_file_swapped_after_its_stat)
{
	char ok[PATH_MAX], other[PATH_MAX];
	struct stat st, other_st;
	struct trust_verdict v;

	make(self->tree, "ok", 0755, ok, &st);
	int n = snprintf(other, sizeof(other), "%s/ok/g", self->tree);

	ASSERT_TRUE(n > 0 && n < (int)sizeof(other));
	ASSERT_EQ(0, link(ok, other));
	ASSERT_EQ(0, unlink(ok));
	{
		FILE *f = fopen(ok, "w");

		ASSERT_TRUE(f != NULL);
		fclose(f);
	}
	ASSERT_EQ(0, stat(ok, &other_st));
	ASSERT_TRUE(other_st.st_ino != st.st_ino);
	apply(&self->sb, "sandbox/tpe:on");
	ASSERT_EQ(0, trust_decide(&self->sb, getpid(), ok, &st, &v));
	ASSERT_EQ(1, v.n);
	EXPECT_EQ(CAT_TPE, v.step[0].cat);
	EXPECT_CONTAINS(v.step[0].tip, "cannot be told");
}

TEST_F(trust, tpe_distrusts_a_path_without_a_directory)
{
	static const char *const names[] = { "", "f", "pipe:[42]",
					     "/memfd:x (deleted)", "/" };
	struct stat st = { 0 };
	struct trust_verdict v;

	st.st_mode = S_IFREG | 0755;
	apply(&self->sb, "sandbox/tpe:on");
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		ASSERT_EQ(0,
			  trust_decide(&self->sb, getpid(), names[i], &st, &v));
		EXPECT_TRUE(trust_refuses(&v));
	}
}

TEST_F(trust, tpe_off_or_allowed_says_nothing)
{
	char ww[PATH_MAX];
	struct stat st;
	struct trust_verdict v;

	make(self->tree, "ww", 0777, ww, &st);
	ASSERT_EQ(0, trust_decide(&self->sb, getpid(), ww, &st, &v));
	EXPECT_EQ(0, v.n);
	apply(&self->sb, "sandbox/tpe:on");
	apply(&self->sb, "default/tpe:allow");
	ASSERT_EQ(0, trust_decide(&self->sb, getpid(), ww, &st, &v));
	EXPECT_EQ(0, v.n);
	apply(&self->sb, "default/tpe:warn");
	ASSERT_EQ(0, trust_decide(&self->sb, getpid(), ww, &st, &v));
	ASSERT_EQ(1, v.n);
	EXPECT_FALSE(trust_refuses(&v));
}

/* A wait status: killed by SIG. */
static int killed_by(int sig)
{
	return sig & 0x7f;
}

TEST_F(trust, segvguard_crashes_suspend_the_path)
{
	struct stat st = { 0 };
	struct trust_verdict v;
	const char *exe = "/usr/bin/crasher";

	apply(&self->sb, "segvguard/maxcrashes:2");
	/* an exit, a kill by SIGKILL or SIGTERM: not crashes */
	EXPECT_EQ(0, trust_note_exit(&self->sb, exe, 1 << 8));
	EXPECT_EQ(0, trust_note_exit(&self->sb, exe, killed_by(SIGKILL)));
	EXPECT_EQ(0, trust_note_exit(&self->sb, exe, killed_by(SIGTERM)));
	ASSERT_EQ(0, trust_decide(&self->sb, getpid(), exe, &st, &v));
	EXPECT_EQ(0, v.n);
	EXPECT_EQ(0, trust_note_exit(&self->sb, exe, killed_by(SIGSEGV)));
	ASSERT_EQ(0, trust_decide(&self->sb, getpid(), exe, &st, &v));
	EXPECT_EQ(0, v.n);
	EXPECT_EQ(1, trust_note_exit(&self->sb, exe,
				     killed_by(SIGABRT) | 0x80 /* core */));
	ASSERT_EQ(0, trust_decide(&self->sb, getpid(), exe, &st, &v));
	ASSERT_EQ(1, v.n);
	EXPECT_EQ(CAT_SEGVGUARD, v.step[0].cat);
	EXPECT_EQ(ACTION_DENY, v.step[0].act);
	EXPECT_CONTAINS(v.step[0].tip, "suspended for 600 more seconds");
	/* another program is not suspended */
	ASSERT_EQ(0,
		  trust_decide(&self->sb, getpid(), "/usr/bin/other", &st, &v));
	EXPECT_EQ(0, v.n);
	/* sandbox/segvguard:off or segvguard/expiry:0 lift the check */
	apply(&self->sb, "segvguard/expiry:0");
	ASSERT_EQ(0, trust_decide(&self->sb, getpid(), exe, &st, &v));
	EXPECT_EQ(0, v.n);
	apply(&self->sb, "segvguard/expiry:120");
	apply(&self->sb, "sandbox/segvguard:off");
	ASSERT_EQ(0, trust_decide(&self->sb, getpid(), exe, &st, &v));
	EXPECT_EQ(0, v.n);
	/* and a reset keeps the table: the suspension is still there */
	apply(&self->sb, "reset");
	ASSERT_EQ(0, trust_decide(&self->sb, getpid(), exe, &st, &v));
	EXPECT_EQ(1, v.n);
}

TEST_F(trust, segvguard_off_counts_nothing)
{
	struct stat st = { 0 };
	struct trust_verdict v;

	apply(&self->sb, "segvguard/maxcrashes:1");
	apply(&self->sb, "sandbox/segvguard:off");
	EXPECT_EQ(0, trust_note_exit(&self->sb, "/x", killed_by(SIGSEGV)));
	apply(&self->sb, "sandbox/segvguard:on");
	ASSERT_EQ(0, trust_decide(&self->sb, getpid(), "/x", &st, &v));
	EXPECT_EQ(0, v.n);
	apply(&self->sb, "segvguard/expiry:0");
	EXPECT_EQ(0, trust_note_exit(&self->sb, "/x", killed_by(SIGSEGV)));
	apply(&self->sb, "segvguard/expiry:120");
	ASSERT_EQ(0, trust_decide(&self->sb, getpid(), "/x", &st, &v));
	EXPECT_EQ(0, v.n);
}

/* Both at once: a SegvGuard warning, then the TPE refusal. */
TEST_F(trust, segvguard_warning_then_tpe_refusal)
{
	char ww[PATH_MAX];
	struct stat st;
	struct trust_verdict v;

	make(self->tree, "ww", 0777, ww, &st);
	apply(&self->sb, "segvguard/maxcrashes:1");
	apply(&self->sb, "default/segvguard:warn");
	apply(&self->sb, "sandbox/tpe:on");
	EXPECT_EQ(1, trust_note_exit(&self->sb, ww, killed_by(SIGBUS)));
	ASSERT_EQ(0, trust_decide(&self->sb, getpid(), ww, &st, &v));
	ASSERT_EQ(2, v.n);
	EXPECT_EQ(CAT_SEGVGUARD, v.step[0].cat);
	EXPECT_EQ(ACTION_WARN, v.step[0].act);
	EXPECT_EQ(CAT_TPE, v.step[1].cat);
	EXPECT_TRUE(trust_refuses(&v));
}
