/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Strict number parsing and JSON escaping. */
#include "harness.h"

#include "util.h"
#include "kernel/procfs.h"

TEST(parse_u64_is_strict)
{
	uint64_t v;

	EXPECT_EQ(0, parse_u64("42", 10, 100, &v));
	EXPECT_EQ(42, (int)v);
	EXPECT_EQ(-ERANGE, parse_u64("101", 10, 100, &v));
	EXPECT_EQ(-EINVAL, parse_u64("", 10, 100, &v));
	EXPECT_EQ(-EINVAL, parse_u64("-1", 10, 100, &v));
	EXPECT_EQ(-EINVAL, parse_u64(" 1", 10, 100, &v));
	EXPECT_EQ(-EINVAL, parse_u64("1x", 10, 100, &v));
	EXPECT_EQ(-ERANGE,
		  parse_u64("99999999999999999999999", 10, UINT64_MAX, &v));
	EXPECT_EQ(0, parse_u64("0x5412", 0, UINT32_MAX, &v));
	EXPECT_EQ(0x5412, (int)v);
}

TEST(parse_size_units)
{
	static const struct {
		const char *s;
		uint64_t v;
		int err;
	} rows[] = {
		{ "0", 0, 0 },
		{ "512", 512, 0 },
		{ "1K", 1024, 0 },
		{ "1k", 1024, 0 },
		{ "2KiB", 2048, 0 },
		{ "1KB", 1000, 0 },
		{ "256M", 256ULL << 20, 0 },
		{ "1G", 1ULL << 30, 0 },
		{ "1T", 1ULL << 40, 0 },
		{ "3B", 3, 0 },
		{ "M", 0, -EINVAL },
		{ "1Q", 0, -EINVAL },
		{ "", 0, -EINVAL },
		{ "99999999999T", 0, -ERANGE },
	};
	uint64_t v;

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		v = 0;
		EXPECT_EQ(rows[i].err, parse_size(rows[i].s, &v));
		if (!rows[i].err)
			EXPECT_EQ(rows[i].v, v);
	}
}

TEST(parse_duration_and_bool)
{
	uint64_t v;
	bool b;

	EXPECT_EQ(0, parse_duration("90", &v));
	EXPECT_EQ(90, (int)v);
	EXPECT_EQ(0, parse_duration("2m", &v));
	EXPECT_EQ(120, (int)v);
	EXPECT_EQ(0, parse_duration("1d", &v));
	EXPECT_EQ(86400, (int)v);
	EXPECT_EQ(-EINVAL, parse_duration("1w", &v));
	for (const char *const *s =
		     (const char *const[]){ "on", "true", "1", NULL };
	     *s; s++) {
		EXPECT_EQ(0, parse_bool(*s, &b));
		EXPECT_TRUE(b);
	}
	for (const char *const *s =
		     (const char *const[]){ "off", "false", "0", NULL };
	     *s; s++) {
		EXPECT_EQ(0, parse_bool(*s, &b));
		EXPECT_FALSE(b);
	}
	EXPECT_EQ(-EINVAL, parse_bool("yes", &b));
	EXPECT_EQ(-EINVAL, parse_bool("", &b));
}

TEST(json_escaping_keeps_lines_valid)
{
	struct strbuf b = { 0 };

	strbuf_json_str(&b, "a\"b\\c\nd\te\x01");
	EXPECT_STREQ("\"a\\\"b\\\\c\\nd\\te\\u0001\"", strbuf_str(&b));
	strbuf_fini(&b);
	/* Valid UTF-8 passes, invalid bytes become visible escapes. */
	strbuf_json_str(&b, "caf\xc3\xa9 \xff");
	EXPECT_STREQ("\"caf\xc3\xa9 \\\\xff\"", strbuf_str(&b));
	strbuf_fini(&b);
	strbuf_json_strn(&b, "a\0b", 3);
	EXPECT_STREQ("\"a\\u0000b\"", strbuf_str(&b));
	strbuf_fini(&b);
}

TEST(vec_keeps_order)
{
	struct vec v = VEC_INIT(int);

	for (int i = 0; i < 100; i++)
		ASSERT_EQ(0, vec_push(&v, &i));
	vec_remove(&v, 0);
	vec_remove(&v, 50);
	EXPECT_EQ(98, (int)v.n);
	EXPECT_EQ(1, *(int *)vec_at(&v, 0));
	EXPECT_EQ(52, *(int *)vec_at(&v, 50));
	vec_fini(&v);
}

TEST(proc_path_pid_reads_numbers_as_procfs_writes_them)
{
	static const struct {
		const char *path;
		pid_t pid;
		const char *rest;
	} cases[] = {
		{ "/proc/1", 1, "" },
		{ "/proc/123/fd/4", 123, "/fd/4" },
		{ "/proc/4194304/", 4194304, "/" },
		{ "/proc/self", 0, NULL },
		{ "/proc/0", 0, NULL },
		{ "/proc/012", 0, NULL },
		{ "/proc/+12", 0, NULL },
		{ "/proc/-1", 0, NULL },
		{ "/proc/12x", 0, NULL },
		{ "/proc/", 0, NULL },
		{ "/proc", 0, NULL },
		{ "/prox/12", 0, NULL },
		{ "/proc/99999999999", 0, NULL },
		{ "/proc/2147483647", 2147483647, "" },
		{ "/proc/2147483648", 0, NULL },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		const char *rest = NULL;
		pid_t pid = proc_path_pid(cases[i].path, strlen(cases[i].path),
					  &rest);

		if (pid != cases[i].pid)
			fprintf(stderr, "# %s: %d\n", cases[i].path, (int)pid);
		EXPECT_EQ(cases[i].pid, pid);
		if (cases[i].rest && rest)
			EXPECT_STREQ(cases[i].rest, rest);
	}
	/* LEN bounds the path: "/proc/12" of "/proc/123" */
	EXPECT_EQ(12, proc_path_pid("/proc/123", 8, NULL));
}

TEST(proc_number_of_a_task)
{
	const char *s = "/proc/10/task/11/status", *after = NULL;

	EXPECT_EQ(11, proc_number(s + 14, s + strlen(s), &after));
	EXPECT_STREQ("/status", after);
	EXPECT_EQ(0, proc_number(s + 13, s + strlen(s), NULL));
}
