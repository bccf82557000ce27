/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Trusted Path Execution (policy/tpe.c), case by case from a table. */
#include "harness.h"

#include "config/config.h"
#include "policy/tpe.h"

#define MAX_CMDS 6
#define USER	 1000
#define OTHER	 2000
#define GROUP	 100

/* A directory or a file: owner and mode (type bits added by the test). */
struct obj {
	uid_t uid;
	mode_t mode;
};

static const struct tpe_case {
	const char *name;
	const char *commands[MAX_CMDS]; /* NULL-terminated */
	uid_t uid; /* the caller's fsuid; its fsgid is GROUP + 1 */
	gid_t group; /* a supplementary group of the caller, or 0: none */
	struct obj dir, file;
	bool no_dir; /* the directory could not be told */
	enum tpe_reason want;
} cases[] = {
	/* off, or not applying */
	{ "off: a world-writable directory is no matter",
	  { "sandbox/tpe:off" },
	  USER,
	  0,
	  { USER, 0777 },
	  { USER, 0777 },
	  false,
	  TPE_TRUSTED },
	{ "on: a root directory only root writes to is trusted",
	  { "sandbox/tpe:on" },
	  USER,
	  0,
	  { 0, 0755 },
	  { 0, 0755 },
	  false,
	  TPE_TRUSTED },
	{ "on: the caller's own 0755 directory is trusted by default",
	  { "sandbox/tpe:on" },
	  USER,
	  0,
	  { USER, 0755 },
	  { USER, 0755 },
	  false,
	  TPE_TRUSTED },
	{ "on: another user's 0755 directory is trusted by default",
	  { "sandbox/tpe:on" },
	  USER,
	  0,
	  { OTHER, 0755 },
	  { OTHER, 0755 },
	  false,
	  TPE_TRUSTED },
	/* writable by others */
	{ "a world-writable directory is not trusted",
	  { "sandbox/tpe:on" },
	  USER,
	  0,
	  { 0, 0777 },
	  { 0, 0755 },
	  false,
	  TPE_DIR_WRITABLE },
	{ "a sticky world-writable directory (/tmp) is not trusted",
	  { "sandbox/tpe:on" },
	  USER,
	  0,
	  { 0, 01777 },
	  { USER, 0755 },
	  false,
	  TPE_DIR_WRITABLE },
	{ "a group-writable directory is not trusted",
	  { "sandbox/tpe:on" },
	  USER,
	  0,
	  { 0, 0775 },
	  { 0, 0755 },
	  false,
	  TPE_DIR_WRITABLE },
	{ "a world-writable file is not trusted",
	  { "sandbox/tpe:on" },
	  USER,
	  0,
	  { 0, 0755 },
	  { 0, 0757 },
	  false,
	  TPE_FILE_WRITABLE },
	{ "a group-writable file is not trusted",
	  { "sandbox/tpe:on" },
	  USER,
	  0,
	  { 0, 0755 },
	  { 0, 0775 },
	  false,
	  TPE_FILE_WRITABLE },
	{ "root is judged too: a world-writable directory",
	  { "sandbox/tpe:on" },
	  0,
	  0,
	  { 0, 01777 },
	  { 0, 0755 },
	  false,
	  TPE_DIR_WRITABLE },
	{ "no directory known: not trusted",
	  { "sandbox/tpe:on" },
	  USER,
	  0,
	  { 0, 0755 },
	  { 0, 0755 },
	  true,
	  TPE_NO_DIR },
	{ "writable directory first, then the file",
	  { "sandbox/tpe:on" },
	  USER,
	  0,
	  { 0, 0777 },
	  { 0, 0777 },
	  false,
	  TPE_DIR_WRITABLE },
	/* tpe/root_owned */
	{ "root_owned: the caller's own directory is not trusted",
	  { "sandbox/tpe:on", "tpe/root_owned:1" },
	  USER,
	  0,
	  { USER, 0755 },
	  { USER, 0755 },
	  false,
	  TPE_DIR_NOT_ROOT },
	{ "root_owned: a root directory is trusted",
	  { "sandbox/tpe:on", "tpe/root_owned:1" },
	  USER,
	  0,
	  { 0, 0755 },
	  { USER, 0755 },
	  false,
	  TPE_TRUSTED },
	{ "root_owned: even root's caller needs a root directory",
	  { "sandbox/tpe:on", "tpe/root_owned:1" },
	  0,
	  0,
	  { OTHER, 0755 },
	  { 0, 0755 },
	  false,
	  TPE_DIR_NOT_ROOT },
	{ "root_owned: a root directory writable by others is not trusted",
	  { "sandbox/tpe:on", "tpe/root_owned:1" },
	  USER,
	  0,
	  { 0, 0775 },
	  { 0, 0755 },
	  false,
	  TPE_DIR_WRITABLE },
	/* tpe/user_owned */
	{ "user_owned: the caller's own directory is trusted",
	  { "sandbox/tpe:on", "tpe/user_owned:1" },
	  USER,
	  0,
	  { USER, 0755 },
	  { USER, 0755 },
	  false,
	  TPE_TRUSTED },
	{ "user_owned: a root directory is trusted",
	  { "sandbox/tpe:on", "tpe/user_owned:1" },
	  USER,
	  0,
	  { 0, 0755 },
	  { 0, 0755 },
	  false,
	  TPE_TRUSTED },
	{ "user_owned: another user's directory is not trusted",
	  { "sandbox/tpe:on", "tpe/user_owned:1" },
	  USER,
	  0,
	  { OTHER, 0755 },
	  { OTHER, 0755 },
	  false,
	  TPE_DIR_NOT_OWNED },
	{ "user_owned: root's caller and another user's directory",
	  { "sandbox/tpe:on", "tpe/user_owned:1" },
	  0,
	  0,
	  { OTHER, 0755 },
	  { OTHER, 0755 },
	  false,
	  TPE_DIR_NOT_OWNED },
	{ "user_owned: the caller's own directory writable by others",
	  { "sandbox/tpe:on", "tpe/user_owned:1" },
	  USER,
	  0,
	  { USER, 0777 },
	  { USER, 0755 },
	  false,
	  TPE_DIR_WRITABLE },
	/* both: root_owned is the stricter, and decides first */
	{ "root_owned and user_owned: the caller's own directory",
	  { "sandbox/tpe:on", "tpe/root_owned:1", "tpe/user_owned:1" },
	  USER,
	  0,
	  { USER, 0755 },
	  { USER, 0755 },
	  false,
	  TPE_DIR_NOT_ROOT },
	{ "root_owned and user_owned: a root directory",
	  { "sandbox/tpe:on", "tpe/root_owned:1", "tpe/user_owned:1" },
	  USER,
	  0,
	  { 0, 0755 },
	  { USER, 0755 },
	  false,
	  TPE_TRUSTED },
	/* tpe/gid: the untrusted group */
	{ "gid: a member (supplementary) is judged",
	  { "sandbox/tpe:on", "tpe/gid:100" },
	  USER,
	  GROUP,
	  { 0, 01777 },
	  { USER, 0755 },
	  false,
	  TPE_DIR_WRITABLE },
	{ "gid: a member (fsgid) is judged",
	  { "sandbox/tpe:on", "tpe/gid:101" },
	  USER,
	  0,
	  { 0, 01777 },
	  { USER, 0755 },
	  false,
	  TPE_DIR_WRITABLE },
	{ "gid: a non-member is not judged",
	  { "sandbox/tpe:on", "tpe/gid:100" },
	  USER,
	  0,
	  { 0, 01777 },
	  { USER, 0755 },
	  false,
	  TPE_TRUSTED },
	{ "gid none: everyone is judged again",
	  { "sandbox/tpe:on", "tpe/gid:100", "tpe/gid:none" },
	  USER,
	  0,
	  { 0, 01777 },
	  { USER, 0755 },
	  false,
	  TPE_DIR_WRITABLE },
	/* tpe/negate: the gid is the trusted group */
	{ "negate: a member is exempt",
	  { "sandbox/tpe:on", "tpe/gid:100", "tpe/negate:1" },
	  USER,
	  GROUP,
	  { 0, 01777 },
	  { USER, 0755 },
	  false,
	  TPE_TRUSTED },
	{ "negate: a non-member is judged",
	  { "sandbox/tpe:on", "tpe/gid:100", "tpe/negate:1" },
	  USER,
	  0,
	  { 0, 01777 },
	  { USER, 0755 },
	  false,
	  TPE_DIR_WRITABLE },
	{ "negate without a gid: everyone is judged",
	  { "sandbox/tpe:on", "tpe/negate:1" },
	  USER,
	  GROUP,
	  { 0, 01777 },
	  { USER, 0755 },
	  false,
	  TPE_DIR_WRITABLE },
	{ "negate and root_owned: a non-member in its own directory",
	  { "sandbox/tpe:on", "tpe/gid:100", "tpe/negate:1",
	    "tpe/root_owned:1" },
	  USER,
	  0,
	  { USER, 0755 },
	  { USER, 0755 },
	  false,
	  TPE_DIR_NOT_ROOT },
	{ "gid and user_owned: a member in another's directory",
	  { "sandbox/tpe:on", "tpe/gid:100", "tpe/user_owned:1" },
	  USER,
	  GROUP,
	  { OTHER, 0755 },
	  { OTHER, 0755 },
	  false,
	  TPE_DIR_NOT_OWNED },
};

static void make(struct sandbox *sb, const char *const *commands)
{
	struct config cfg;
	struct config_err err;

	ASSERT_EQ(0, sandbox_init(sb));
	config_init(&cfg, sb);
	for (size_t i = 0; i < MAX_CMDS && commands[i]; i++) {
		int r = config_apply_arg(&cfg, commands[i], &err);

		if (r != 0)
			fprintf(stderr, "# %s: %s\n", commands[i], err.msg);
		ASSERT_EQ(0, r);
	}
}

TEST(tpe_table)
{
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct tpe_case *c = &cases[i];
		gid_t groups[2] = { 7, c->group };
		struct tpe_caller who = { c->uid, GROUP + 1, groups,
					  c->group ? 2 : 1 };
		struct stat dir = { 0 }, file = { 0 };
		struct tpe_policy p;
		struct sandbox sb;
		enum tpe_reason got;

		make(&sb, c->commands);
		tpe_policy_of(&sb, &p);
		sandbox_fini(&sb);
		dir.st_mode = S_IFDIR | c->dir.mode;
		dir.st_uid = c->dir.uid;
		file.st_mode = S_IFREG | c->file.mode;
		file.st_uid = c->file.uid;
		got = tpe_check(&p, &who, &file, c->no_dir ? NULL : &dir);
		if (got != c->want)
			fprintf(stderr, "# case: %s: got %d (%s)\n", c->name,
				got, tpe_reason_text(got));
		EXPECT_EQ(c->want, got);
	}
}

TEST(tpe_directory_must_be_a_directory)
{
	struct tpe_policy p = { true, -1, false, false, false };
	struct tpe_caller who = { USER, GROUP, NULL, 0 };
	struct stat dir = { 0 }, file = { 0 };

	dir.st_mode = S_IFREG | 0755;
	file.st_mode = S_IFREG | 0755;
	EXPECT_EQ(TPE_NO_DIR, tpe_check(&p, &who, &file, &dir));
}

TEST(tpe_applies_follows_gid_and_negate)
{
	gid_t g[] = { 5, 100 };
	struct tpe_caller member = { USER, 1, g, 2 }, other = { USER, 1, g, 1 };
	struct tpe_policy p = { true, 100, false, false, false };

	EXPECT_TRUE(tpe_applies(&p, &member));
	EXPECT_FALSE(tpe_applies(&p, &other));
	p.negate = true;
	EXPECT_FALSE(tpe_applies(&p, &member));
	EXPECT_TRUE(tpe_applies(&p, &other));
	p.on = false;
	EXPECT_FALSE(tpe_applies(&p, &member));
	EXPECT_FALSE(tpe_applies(&p, &other));
}

TEST(tpe_every_reason_has_a_text)
{
	for (int r = TPE_TRUSTED; r <= TPE_FILE_WRITABLE; r++)
		EXPECT_TRUE(strlen(tpe_reason_text((enum tpe_reason)r)) > 0);
}
