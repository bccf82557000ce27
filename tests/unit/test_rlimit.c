/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rlimit/NAME (policy/rlimit.h): each value form parsed as its unit says,
 * each malformed one refused with what was expected, and which limits a
 * policy sets at start and guards from being raised again (RLIMIT_CORE 0
 * unless asked otherwise).
 */
#include <sys/resource.h>

#include "harness.h"

#include "config/config.h"
#include "policy/rlimit.h"

FIXTURE(rl)
{
	struct sandbox sb;
	struct config cfg;
	struct config_err err;
};

FIXTURE_SETUP(rl)
{
	ASSERT_EQ(0, sandbox_init(&self->sb));
	config_init(&self->cfg, &self->sb);
}

FIXTURE_TEARDOWN(rl)
{
	sandbox_fini(&self->sb);
}

static int apply(FIXTURE_DATA(rl) *f, const char *cmd)
{
	return config_apply_arg(&f->cfg, cmd, &f->err);
}

TEST(every_resource_has_one_name)
{
	static const struct {
		const char *name;
		int resource;
	} rows[] = {
		{ "as", RLIMIT_AS },
		{ "core", RLIMIT_CORE },
		{ "cpu", RLIMIT_CPU },
		{ "data", RLIMIT_DATA },
		{ "fsize", RLIMIT_FSIZE },
		{ "memlock", RLIMIT_MEMLOCK },
		{ "msgqueue", RLIMIT_MSGQUEUE },
		{ "nice", RLIMIT_NICE },
		{ "nofile", RLIMIT_NOFILE },
		{ "nproc", RLIMIT_NPROC },
		{ "rtprio", RLIMIT_RTPRIO },
		{ "rttime", RLIMIT_RTTIME },
		{ "sigpending", RLIMIT_SIGPENDING },
		{ "stack", RLIMIT_STACK },
	};
	size_t n = 0;

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		const struct rlimit_name *r = rlimit_by_name(rows[i].name);

		ASSERT_TRUE(r != NULL);
		EXPECT_EQ(rows[i].resource, r->resource);
		EXPECT_STREQ(rows[i].name,
			     rlimit_resource_name(rows[i].resource));
	}
	for (const struct rlimit_name *r = rlimit_names(); r->name; r++)
		n++;
	EXPECT_EQ((int)ARRAY_SIZE(rows), (int)n);
	EXPECT_TRUE(rlimit_by_name("rss") == NULL);
	EXPECT_TRUE(rlimit_resource_name(RLIMIT_RSS) == NULL);
}

TEST(values_are_read_in_their_unit)
{
	static const struct {
		const char *name, *val;
		bool set;
		uint64_t v;
	} rows[] = {
		{ "as", "1G", true, 1ULL << 30 },
		{ "as", "512M", true, 512ULL << 20 },
		{ "as", "4096", true, 4096 },
		{ "stack", "8MiB", true, 8ULL << 20 },
		{ "msgqueue", "1MB", true, 1000000 },
		{ "core", "0", true, 0 },
		{ "nofile", "64", true, 64 },
		{ "nproc", "inf", true, RLIM_INFINITY },
		{ "cpu", "90", true, 90 },
		{ "cpu", "2m", true, 120 },
		{ "cpu", "1h", true, 3600 },
		{ "rttime", "250000", true, 250000 },
		{ "nofile", "none", false, 0 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		const struct rlimit_name *r = rlimit_by_name(rows[i].name);
		const char *expected = NULL;
		uint64_t v = 12345;
		bool set = !rows[i].set;

		ASSERT_TRUE(r != NULL);
		EXPECT_EQ(0, rlimit_parse(r, rows[i].val, &set, &v, &expected));
		EXPECT_EQ(rows[i].set, set);
		EXPECT_EQ(rows[i].v, v);
	}
}

TEST_F(rl, bad_values_say_what_was_expected)
{
	static const struct {
		const char *cmd, *msg;
	} rows[] = {
		{ "rlimit/nofile:lots",
		  "rlimit/nofile: expected a number, none or inf" },
		{ "rlimit/nofile:-1",
		  "rlimit/nofile: expected a number, none or inf" },
		{ "rlimit/nofile:64K",
		  "rlimit/nofile: expected a number, none or inf" },
		{ "rlimit/as:1X",
		  "rlimit/as: expected a size such as 64M (K, M, G, T: powers "
		  "of 1024), none or inf" },
		{ "rlimit/as:99999999999999999999",
		  "rlimit/as: expected a size" },
		{ "rlimit/cpu:1y",
		  "rlimit/cpu: expected seconds, such as 90 or 2m" },
		{ "rlimit/rttime:1s",
		  "rlimit/rttime: expected microseconds, none or inf" },
		{ "rlimit/nofile:",
		  "missing value: expected rlimit/NAME:VALUE" },
		{ "rlimit/rss:1", "unknown resource 'rlimit/rss': expected as, "
				  "core, cpu, data" },
		{ "rlimit/:1", "unknown resource 'rlimit/'" },
		{ "rlimit/nofile+1", "operator '+' not accepted" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		EXPECT_EQ(-EINVAL, apply(self, rows[i].cmd));
		EXPECT_CONTAINS(self->err.msg, rows[i].msg);
		EXPECT_EQ(CONFIG_EXIT_STATUS, self->err.status);
	}
	/* Refused lines changed nothing: only core's default is there. */
	EXPECT_EQ(0, (int)self->sb.rlimit_set);
}

TEST_F(rl, core_is_zero_unless_asked_otherwise)
{
	uint64_t v = 1;

	EXPECT_TRUE(rlimit_wanted(&self->sb, RLIMIT_CORE, &v));
	EXPECT_EQ(0, (int)v);
	EXPECT_TRUE(rlimit_guarded(&self->sb, RLIMIT_CORE));
	EXPECT_FALSE(rlimit_wanted(&self->sb, RLIMIT_NOFILE, NULL));
	EXPECT_FALSE(rlimit_guarded(&self->sb, RLIMIT_NOFILE));

	ASSERT_EQ(0, apply(self, "rlimit/core:1M"));
	EXPECT_TRUE(rlimit_wanted(&self->sb, RLIMIT_CORE, &v));
	EXPECT_EQ(1 << 20, (int)v);
	ASSERT_EQ(0, apply(self, "rlimit/core:none"));
	EXPECT_FALSE(rlimit_wanted(&self->sb, RLIMIT_CORE, NULL));
	EXPECT_FALSE(rlimit_guarded(&self->sb, RLIMIT_CORE));
	/* reset: back to no core dumps */
	ASSERT_EQ(0, apply(self, "reset"));
	EXPECT_TRUE(rlimit_guarded(&self->sb, RLIMIT_CORE));
}

TEST_F(rl, allow_unsafe_prlimit_keeps_syds_core_and_guards_nothing)
{
	ASSERT_EQ(0, apply(self, "trace/allow_unsafe_prlimit:1"));
	EXPECT_FALSE(rlimit_wanted(&self->sb, RLIMIT_CORE, NULL));
	ASSERT_EQ(0, apply(self, "rlimit/nofile:64"));
	/* set at start, but the sandbox may raise it as without syd */
	EXPECT_TRUE(rlimit_wanted(&self->sb, RLIMIT_NOFILE, NULL));
	EXPECT_FALSE(rlimit_guarded(&self->sb, RLIMIT_NOFILE));
}

TEST_F(rl, the_last_line_wins_and_json_shows_it)
{
	struct strbuf b = { 0 };
	uint64_t v = 0;

	ASSERT_EQ(0, apply(self, "rlimit/nofile:64"));
	ASSERT_EQ(0, apply(self, "rlimit/nofile:128"));
	ASSERT_EQ(0, apply(self, "rlimit/as:inf"));
	ASSERT_EQ(0, apply(self, "rlimit/stack:none"));
	EXPECT_TRUE(rlimit_wanted(&self->sb, RLIMIT_NOFILE, &v));
	EXPECT_EQ(128, (int)v);
	EXPECT_TRUE(rlimit_guarded(&self->sb, RLIMIT_NOFILE));
	EXPECT_FALSE(rlimit_wanted(&self->sb, RLIMIT_STACK, NULL));
	ASSERT_EQ(0, sandbox_to_json(&self->sb, &b));
	EXPECT_CONTAINS(strbuf_str(&b), "\"rlimit\":{\"as\":\"inf\",\"core\":0,"
					"\"nofile\":128,\"stack\":\"none\"}");
	strbuf_fini(&b);
}
