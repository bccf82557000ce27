/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Force rules: every malformed force+ line refused with its reason (a table
 * of digest sizes stands in for the kernel), the lookup, the decision, and
 * force_check() on real files: a match, a mismatch, a file no rule names,
 * a file that cannot be read, sandbox/force off.
 */
#include "harness.h"

#include <fcntl.h>
#include <sys/stat.h>

#include "config/config.h"
#include "policy/force.h"

#define E3 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

/* The kernel's answer, for the pure parser: two known hashes. */
static int fake_size(const char *alg)
{
	if (!strcmp(alg, "sha256"))
		return 32;
	if (!strcmp(alg, "crc32c"))
		return 4;
	if (!strcmp(alg, "sha3-999"))
		return -EAFNOSUPPORT;
	if (!strcmp(alg, "hmac(sha256)"))
		return -ENOKEY;
	return -ENOENT;
}

TEST(good_rules_parse)
{
	static const struct {
		const char *val, *path, *alg, *hex;
		enum action act;
	} rows[] = {
		{ "/bin/x:sha256:" E3, "/bin/x", "sha256", E3, ACTION_KILL },
		{ "/bin/x:crc32c:DEADBEEF:warn", "/bin/x", "crc32c", "deadbeef",
		  ACTION_WARN },
		{ "/a:b/c:crc32c:00000000:deny", "/a:b/c", "crc32c", "00000000",
		  ACTION_DENY },
		{ "/x:crc32c:0badcafe:filter", "/x", "crc32c", "0badcafe",
		  ACTION_FILTER },
		{ "/x:crc32c:0badcafe:exit", "/x", "crc32c", "0badcafe",
		  ACTION_EXIT },
		{ "/:crc32c:0badcafe", "/", "crc32c", "0badcafe", ACTION_KILL },
	};

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		struct force_entry e;
		char why[256] = "";

		EXPECT_EQ(0, force_parse(rows[i].val, fake_size, &e, why,
					 sizeof(why)));
		if (!e.path)
			continue;
		EXPECT_STREQ(rows[i].path, e.path);
		EXPECT_STREQ(rows[i].alg, e.alg);
		EXPECT_STREQ(rows[i].hex, e.hex);
		EXPECT_EQ(rows[i].act, e.act);
		force_entry_fini(&e);
	}
}

TEST(bad_rules_say_why)
{
	static const struct {
		const char *val, *why;
	} rows[] = {
		{ "/bin/x:sha256:abc", "bad sha256 digest 'abc': expected 64" },
		{ "/bin/x:sha256:" E3 "00", "expected 64 hex digits" },
		{ "/bin/x:crc32c:0000000g", "bad crc32c digest '0000000g'" },
		{ "/bin/x:rot13:abc",
		  "hash algorithm 'rot13' is unknown to the kernel" },
		{ "/bin/x:sha3-999:abc", "lacks; without it syd hashes" },
		{ "/bin/x:hmac(sha256):abc", "'hmac(sha256)' cannot be used" },
		{ "/bin/x:crc32c:00000000:maybe",
		  "unknown force action 'maybe'" },
		{ "/bin/x:crc32c:00000000:allow", "would let any content run" },
		{ "bin/x:crc32c:00000000", "must be absolute and canonical" },
		{ "/bin/../x:crc32c:00000000",
		  "must be absolute and canonical" },
		{ "/bin//x:crc32c:00000000", "must be absolute and canonical" },
		{ "/bin/./x:crc32c:00000000",
		  "must be absolute and canonical" },
		{ "/bin/:crc32c:00000000", "must be absolute and canonical" },
		{ "/bin/x:00000000", "expected force+PATH:ALG:HEX[:ACTION]" },
		{ "/bin/x", "expected force+PATH:ALG:HEX[:ACTION]" },
		{ "/bin/x:crc32c:", "bad crc32c digest ''" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		struct force_entry e;
		char why[256] = "";

		EXPECT_EQ(-EINVAL, force_parse(rows[i].val, fake_size, &e, why,
					       sizeof(why)));
		EXPECT_CONTAINS(why, rows[i].why);
		EXPECT_TRUE(e.path == NULL);
	}
}

TEST(the_last_rule_for_a_path_wins_and_paths_match_exactly)
{
	struct vec v = VEC_INIT(struct force_entry);
	struct force_entry a = { .path = "/bin/x", .hex = "1" };
	struct force_entry b = { .path = "/bin/x", .hex = "2" };
	struct force_entry c = { .path = "/bin/*", .hex = "3" };

	ASSERT_EQ(0, vec_push(&v, &a));
	ASSERT_EQ(0, vec_push(&v, &b));
	ASSERT_EQ(0, vec_push(&v, &c));
	EXPECT_STREQ("2", force_find(&v, "/bin/x")->hex);
	EXPECT_TRUE(force_find(&v, "/bin/y") == NULL); /* not a pattern */
	EXPECT_TRUE(force_find(&v, "/bin/x/") == NULL);
	EXPECT_STREQ("3", force_find(&v, "/bin/*")->hex);
	vec_fini(&v);
}

TEST(decisions)
{
	struct force_entry kill = { .hex = "ab", .act = ACTION_KILL };
	struct force_entry warn = { .hex = "ab", .act = ACTION_WARN };

	EXPECT_EQ(ACTION_DENY, force_decide(NULL, ACTION_DENY, NULL));
	EXPECT_EQ(ACTION_ALLOW, force_decide(NULL, ACTION_ALLOW, "ab"));
	EXPECT_EQ(ACTION_ALLOW, force_decide(&kill, ACTION_DENY, "ab"));
	EXPECT_EQ(ACTION_KILL, force_decide(&kill, ACTION_ALLOW, "ac"));
	EXPECT_EQ(ACTION_WARN, force_decide(&warn, ACTION_DENY, "ac"));
	/* no digest is never a match, and never let through */
	EXPECT_EQ(ACTION_KILL, force_decide(&kill, ACTION_ALLOW, NULL));
	EXPECT_EQ(ACTION_DENY, force_decide(&warn, ACTION_ALLOW, NULL));
}

FIXTURE(sb)
{
	struct sandbox sb;
	struct config cfg;
	char dir[64], file[96], hex[65];
	int fd; /* O_PATH, as the resolver hands it over */
};

FIXTURE_SETUP(sb)
{
	unsigned char d[HASH_DIGEST_MAX];
	int w;

	ASSERT_EQ(0, sandbox_init(&self->sb));
	config_init(&self->cfg, &self->sb);
	strcpy(self->dir, "/tmp/syd-force-XXXXXX");
	ASSERT_TRUE(mkdtemp(self->dir) != NULL);
	snprintf(self->file, sizeof(self->file), "%s/prog", self->dir);
	w = open(self->file, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
	ASSERT_TRUE(w >= 0);
	ASSERT_EQ(5, (int)write(w, "hello", 5));
	ASSERT_EQ(32, hash_fd("sha256", w, d));
	hash_hex(d, 32, self->hex);
	close(w);
	self->fd = open(self->file, O_PATH | O_CLOEXEC);
	ASSERT_TRUE(self->fd >= 0);
}

FIXTURE_TEARDOWN(sb)
{
	close(self->fd);
	chmod(self->file, 0700);
	unlink(self->file);
	rmdir(self->dir);
	sandbox_fini(&self->sb);
}

static void apply(struct harness_fixture_sb *self, const char *fmt,
		  const char *a, const char *b)
{
	struct config_err err;
	char line[512];

	snprintf(line, sizeof(line), fmt, a, b);
	ASSERT_EQ(0, config_apply_arg(&self->cfg, line, &err));
}

TEST_F(sb, off_means_allowed_without_a_look)
{
	char tip[FORCE_TIP_MAX];
	enum action act = ACTION_KILL;

	EXPECT_EQ(0, force_check(&self->sb, self->file, -1, &act, tip,
				 sizeof(tip)));
	EXPECT_EQ(ACTION_ALLOW, act);
	EXPECT_STREQ("", tip);
}

TEST_F(sb, the_right_digest_runs)
{
	char tip[FORCE_TIP_MAX];
	enum action act = ACTION_KILL;

	apply(self, "sandbox/force:on%s%s", "", "");
	apply(self, "force+%s:sha256:%s", self->file, self->hex);
	EXPECT_EQ(0, force_check(&self->sb, self->file, self->fd, &act, tip,
				 sizeof(tip)));
	EXPECT_EQ(ACTION_ALLOW, act);
	EXPECT_STREQ("", tip);
}

TEST_F(sb, a_wrong_digest_gets_the_rule_action_and_a_tip)
{
	char tip[FORCE_TIP_MAX], want[FORCE_TIP_MAX];
	enum action act = ACTION_ALLOW;

	apply(self, "sandbox/force:on%s%s", "", "");
	apply(self, "force+%s:sha256:%s:stop", self->file, E3);
	EXPECT_EQ(0, force_check(&self->sb, self->file, self->fd, &act, tip,
				 sizeof(tip)));
	EXPECT_EQ(ACTION_STOP, act);
	snprintf(want, sizeof(want), "force+%s:sha256:%s", self->file,
		 self->hex);
	EXPECT_STREQ(want, tip);
}

TEST_F(sb, an_unlisted_file_gets_default_force)
{
	char tip[FORCE_TIP_MAX], want[FORCE_TIP_MAX];
	enum action act = ACTION_ALLOW;

	apply(self, "sandbox/force:on%s%s", "", "");
	apply(self, "force+/elsewhere:sha256:%s%s", self->hex, "");
	EXPECT_EQ(0, force_check(&self->sb, self->file, self->fd, &act, tip,
				 sizeof(tip)));
	EXPECT_EQ(ACTION_DENY, act); /* default/force's default */
	snprintf(want, sizeof(want), "force+%s:sha256:%s", self->file,
		 self->hex);
	EXPECT_STREQ(want, tip);
	apply(self, "default/force:allow%s%s", "", "");
	EXPECT_EQ(0, force_check(&self->sb, self->file, self->fd, &act, tip,
				 sizeof(tip)));
	EXPECT_EQ(ACTION_ALLOW, act);
}

TEST_F(sb, an_unreadable_or_odd_object_is_refused_never_matched)
{
	char tip[FORCE_TIP_MAX];
	enum action act = ACTION_ALLOW;
	int dfd = open(self->dir, O_PATH | O_CLOEXEC);

	ASSERT_TRUE(dfd >= 0);
	apply(self, "sandbox/force:on%s%s", "", "");
	apply(self, "force+%s:sha256:%s:warn", self->dir, self->hex);
	/* a directory at a listed path: no digest, and warn becomes deny */
	EXPECT_EQ(-EACCES, force_check(&self->sb, self->dir, dfd, &act, tip,
				       sizeof(tip)));
	EXPECT_EQ(ACTION_DENY, act);
	EXPECT_STREQ("", tip);
	close(dfd);
	/* a bad fd */
	apply(self, "force+%s:sha256:%s:kill", self->file, self->hex);
	EXPECT_EQ(-EBADF, force_check(&self->sb, self->file, 999, &act, tip,
				      sizeof(tip)));
	EXPECT_EQ(ACTION_KILL, act);
	/* a file syd may not read (only root reads a mode-000 file) */
	if (geteuid() != 0) {
		ASSERT_EQ(0, chmod(self->file, 0));
		EXPECT_EQ(-EACCES, force_check(&self->sb, self->file, self->fd,
					       &act, tip, sizeof(tip)));
		EXPECT_EQ(ACTION_KILL, act);
	}
}
