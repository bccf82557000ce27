/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The fs category (policy/fstype.c): type names, rules, the decision. */
#include <linux/magic.h>

#include "harness.h"

#include "config/config.h"
#include "policy/fstype.h"

FIXTURE(fstype)
{
	struct sandbox sb;
	struct config cfg;
};

FIXTURE_SETUP(fstype)
{
	ASSERT_EQ(0, sandbox_init(&self->sb));
	config_init(&self->cfg, &self->sb);
}

FIXTURE_TEARDOWN(fstype)
{
	sandbox_fini(&self->sb);
}

/* Apply CMD; its result. */
static int apply(FIXTURE_DATA(fstype) *f, const char *cmd)
{
	struct config_err err;

	return config_apply_arg(&f->cfg, cmd, &err);
}

TEST(names)
{
	const char *why = NULL;
	char buf[32];

	/* ext2, ext3, ext4 and Syd's "ext" are one magic */
	EXPECT_TRUE(fstype_names("ext", EXT4_SUPER_MAGIC));
	EXPECT_TRUE(fstype_names("ext2", EXT4_SUPER_MAGIC));
	EXPECT_TRUE(fstype_names("ext4", EXT2_SUPER_MAGIC));
	EXPECT_TRUE(fstype_names("tmpfs", TMPFS_MAGIC));
	EXPECT_TRUE(fstype_names("proc", PROC_SUPER_MAGIC));
	EXPECT_TRUE(fstype_names("cgroup2", CGROUP2_SUPER_MAGIC));
	EXPECT_TRUE(fstype_names("btrfs", BTRFS_SUPER_MAGIC));
	EXPECT_TRUE(fstype_names("overlayfs", OVERLAYFS_SUPER_MAGIC));
	/* a name with two magics, both */
	EXPECT_TRUE(fstype_names("minix", MINIX_SUPER_MAGIC));
	EXPECT_TRUE(fstype_names("minix", MINIX_SUPER_MAGIC2));
	EXPECT_FALSE(fstype_names("cgroup", CGROUP2_SUPER_MAGIC));
	EXPECT_FALSE(fstype_names("tmpfs", RAMFS_MAGIC));
	EXPECT_FALSE(fstype_names("ext", TMPFS_MAGIC));
	/* numbers: exact, any case, at most 8 digits */
	EXPECT_TRUE(fstype_names("0x1021994", TMPFS_MAGIC));
	EXPECT_TRUE(fstype_names("0XEF53", EXT4_SUPER_MAGIC));
	EXPECT_EQ(0, fstype_check("0xdeadbeef", &why));
	EXPECT_EQ(-EINVAL, fstype_check("0x123456789", &why));
	EXPECT_EQ(-EINVAL, fstype_check("0x", &why));
	EXPECT_EQ(-EINVAL, fstype_check("ef53", &why));
	/* exact names: no globs, no case folding, no typos */
	EXPECT_EQ(0, fstype_check("tmpfs", &why));
	EXPECT_EQ(-EINVAL, fstype_check("tmp*", &why));
	EXPECT_EQ(-EINVAL, fstype_check("TMPFS", &why));
	EXPECT_EQ(-EINVAL, fstype_check("ext5", &why));
	EXPECT_EQ(-EINVAL, fstype_check("/tmp", &why));
	EXPECT_EQ(-EINVAL, fstype_check("", &why));
	/* the name logs show: the last the header gives, else the number */
	EXPECT_STREQ("ext4", fstype_name(EXT4_SUPER_MAGIC, buf, sizeof(buf)));
	EXPECT_STREQ("tmpfs", fstype_name(TMPFS_MAGIC, buf, sizeof(buf)));
	EXPECT_STREQ("0x1234", fstype_name(0x1234, buf, sizeof(buf)));
}

TEST_F(fstype, off_by_default_and_outside_all)
{
	EXPECT_FALSE(sandbox_enabled(&self->sb, CAT_FS));
	EXPECT_EQ(ACTION_ALLOW, fstype_decide(&self->sb, TMPFS_MAGIC, NULL));
	ASSERT_EQ(0, apply(self, "sandbox/all:on"));
	EXPECT_FALSE(sandbox_enabled(&self->sb, CAT_FS));
	/* a path rule for "all" is no fs rule, and no error */
	ASSERT_EQ(0, apply(self, "allow/all+/tmp/***"));
	EXPECT_EQ(0u, self->sb.rules[CAT_FS].n);
}

TEST_F(fstype, last_rule_wins_then_default)
{
	const struct rule *r;

	ASSERT_EQ(0, apply(self, "sandbox/fs:on"));
	ASSERT_EQ(0, apply(self, "allow/fs+ext"));
	ASSERT_EQ(0, apply(self, "allow/fs+tmpfs"));
	ASSERT_EQ(0, apply(self, "deny/fs+tmpfs"));
	ASSERT_EQ(0, apply(self, "warn/fs+0x9fa0"));
	EXPECT_EQ(ACTION_ALLOW, fstype_decide(&self->sb, EXT4_SUPER_MAGIC, &r));
	ASSERT_TRUE(r != NULL);
	EXPECT_STREQ("ext", r->text);
	EXPECT_EQ(ACTION_DENY, fstype_decide(&self->sb, TMPFS_MAGIC, &r));
	ASSERT_TRUE(r != NULL);
	EXPECT_EQ(ACTION_WARN, fstype_decide(&self->sb, PROC_SUPER_MAGIC, &r));
	/* no rule: the default, deny unless set */
	EXPECT_EQ(ACTION_DENY, fstype_decide(&self->sb, SYSFS_MAGIC, &r));
	EXPECT_TRUE(r == NULL);
	ASSERT_EQ(0, apply(self, "default/fs:kill"));
	EXPECT_EQ(ACTION_KILL, fstype_decide(&self->sb, SYSFS_MAGIC, NULL));
	/* removal by the text as written */
	ASSERT_EQ(0, apply(self, "deny/fs-tmpfs"));
	EXPECT_EQ(ACTION_ALLOW, fstype_decide(&self->sb, TMPFS_MAGIC, NULL));
	ASSERT_EQ(0, apply(self, "allow/fs^"));
	EXPECT_EQ(ACTION_KILL, fstype_decide(&self->sb, TMPFS_MAGIC, NULL));
}

TEST_F(fstype, bad_values_refused_whole)
{
	EXPECT_EQ(-EINVAL, apply(self, "allow/fs+ext5"));
	EXPECT_EQ(-EINVAL, apply(self, "allow/fs+/dev/shm"));
	EXPECT_EQ(-EINVAL, apply(self, "allow/fs+tmp*"));
	/* with a path category: neither rule is added */
	EXPECT_EQ(-EINVAL, apply(self, "allow/read,fs+/tmp"));
	EXPECT_EQ(0u, self->sb.rules[CAT_READ].n);
	EXPECT_EQ(0u, self->sb.rules[CAT_FS].n);
}
