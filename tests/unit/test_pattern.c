/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Table-driven unit tests for the glob dialect of src/policy/pattern.c:
 * one table per rule, each row a pattern, a path and the expected answer,
 * plus every compile error with its errno and reason. Each row is also fed
 * to the reference in pattern_ref.h, so the hand-written answers pin down
 * the reference that the differential test and the fuzzer trust.
 */
#include <time.h>

#include "harness.h"
#include "policy/pattern.h"
#include "unit/pattern_ref.h"

struct match_row {
	const char *pattern;
	const char *path;
	bool want;
};

struct error_row {
	const char *pattern;
	int err; /* positive errno */
	const char *why;
};

#define NROWS(t) (sizeof(t) / sizeof((t)[0]))

/* Runs ROWS through pattern_match() and the reference; diagnoses misses. */
static void check_rows(const struct match_row *rows, size_t n)
{
	const char *why = "unset";
	struct pattern *p;
	size_t i, len;
	int err;

	for (i = 0; i < n; i++) {
		const struct match_row *r = &rows[i];

		len = strlen(r->path);
		err = pattern_compile(r->pattern, &p, &why);
		if (err < 0) {
			TH_FAIL_(0, "compile \"%s\": %d (%s)", r->pattern, err,
				 why);
			continue;
		}
		if (pattern_match(p, r->path, len) != r->want)
			TH_FAIL_(0, "pattern_match(\"%s\", \"%s\") != %d",
				 r->pattern, r->path, r->want);
		if (ref_match(r->pattern, r->path, len) != r->want)
			TH_FAIL_(0, "ref_match(\"%s\", \"%s\") != %d",
				 r->pattern, r->path, r->want);
		pattern_free(p);
	}
}

TEST(literal_bytes_match_whole_path_exactly)
{
	static const struct match_row rows[] = {
		{ "/", "/", true },
		{ "/", "", false },
		{ "/", "//", false },
		{ "/a", "/a", true },
		{ "/a", "/A", false },
		{ "/A", "/a", false },
		{ "/a", "/a/", false },
		{ "/a", "/ab", false },
		{ "/ab", "/a", false },
		{ "/a", "a", false },
		{ "/a", "x/a", false },
		{ "/usr/lib", "/usr/lib", true },
		{ "/usr/lib", "/usr/li", false },
		{ "/usr/lib", "/usr/lib64", false },
		{ "/.hidden", "/.hidden", true },
		{ "/a b", "/a b", true },
		{ "/a//b", "/a//b", true },
		{ "/a//b", "/a/b", false },
		{ "/a/./b", "/a/b", false },
		{ "/\xc3\xa9t\xc3\xa9", "/\xc3\xa9t\xc3\xa9", true },
		{ "/]", "/]", true },
		{ "/!", "/!", true },
		{ "/-", "/-", true },
		{ "/{a,b}", "/{a,b}", true },
		{ "/{a,b}", "/a", false },
	};

	check_rows(rows, NROWS(rows));
}

TEST(question_mark_is_one_byte_but_not_slash)
{
	static const struct match_row rows[] = {
		{ "/?", "/a", true },	   { "/?", "/.", true },
		{ "/?", "/*", true },	   { "/?", "/\xff", true },
		{ "/?", "/", false },	   { "/?", "//", false },
		{ "/?", "/ab", false },	   { "/a?c", "/abc", true },
		{ "/a?c", "/a/c", false }, { "/a?c", "/ac", false },
		{ "/??", "/ab", true },	   { "/??", "/a", false },
		{ "/?/?", "/a/b", true },  { "/?/?", "/ab", false },
	};

	check_rows(rows, NROWS(rows));
}

TEST(star_stays_within_one_component)
{
	static const struct match_row rows[] = {
		{ "/*", "/", true },
		{ "/*", "/abc", true },
		{ "/*", "/.bashrc", true },
		{ "/*", "/a/b", false },
		{ "/*", "//", false },
		{ "/*", "", false },
		{ "/a*", "/a", true },
		{ "/a*", "/abc", true },
		{ "/a*", "/a/", false },
		{ "/a*", "/ba", false },
		{ "/*c", "/abc", true },
		{ "/*c", "/c", true },
		{ "/*c", "/ab", false },
		{ "/*c", "/a/c", false },
		{ "/*/b", "/a/b", true },
		{ "/*/b", "//b", true },
		{ "/*/b", "/a/x/b", false },
		{ "/*.c", "/main.c", true },
		{ "/*.c", "/dir/main.c", false },
		{ "/a*b*c", "/aXbYc", true },
		{ "/a*b*c", "/abc", true },
		{ "/a*b*c", "/abbcc", true },
		{ "/a*b*c", "/acb", false },
		{ "/a*b*c", "/ab/c", false },
		{ "/*/*", "/a/b", true },
		{ "/*/*", "/a/", true },
		{ "/*/*", "/a", false },
		{ "/*/*", "/a/b/c", false },
		{ "/*a*a*b", "/aab", true },
		{ "/*a*a*b", "/xaxaxb", true },
		{ "/*a*a*b", "/ab", false },
	};

	check_rows(rows, NROWS(rows));
}

TEST(two_or_more_stars_cross_slashes)
{
	static const struct match_row rows[] = {
		{ "/**", "/", true },
		{ "/**", "/a/b/c", true },
		{ "/**", "", false },
		{ "/a/**", "/a/", true },
		{ "/a/**", "/a/b/c", true },
		{ "/a/**", "/a", false },
		{ "/a/**", "/ab", false },
		{ "/a**", "/a", true },
		{ "/a**", "/a/b", true },
		{ "/a**", "/ab/c", true },
		{ "/a**b", "/a/x/b", true },
		{ "/a**b", "/ab", true },
		{ "/a**b", "/a/x/c", false },
		{ "/**.c", "/src/x/main.c", true },
		{ "/**.c", "/src/x/main.h", false },
		{ "/a/****", "/a/b/c", true },
		{ "/a/****", "/a/", true },
		{ "/a/****", "/a", false },
		{ "/d***", "/d", true },
		{ "/d***", "/dx/y", true },
		{ "/a/**b", "/a/b", true },
		{ "/a/**b", "/a/x/b", true },
		{ "/a/**b", "/ab", false },
		{ "/a**/b", "/a/b", true },
		{ "/a**/b", "/ax/y/b", true },
		{ "/a**/b", "/ab", false },
		{ "/**a**a**b", "/a/a/b", true },
		{ "/**a**a**b", "/x/ya/za/b", true },
		{ "/**a**a**b", "/a/b", false },
	};

	check_rows(rows, NROWS(rows));
}

/* "/ ** /" is the regex "/(.*\/)?": zero or more whole directories. */
TEST(double_star_between_slashes_may_match_no_directory)
{
	static const struct match_row rows[] = {
		{ "/a/**/b", "/a/b", true },
		{ "/a/**/b", "/a/x/b", true },
		{ "/a/**/b", "/a/x/y/b", true },
		{ "/a/**/b", "/a//b", true },
		{ "/a/**/b", "/ab", false },
		{ "/a/**/b", "/a/xb", false },
		{ "/a/**/b", "/a/b/c", false },
		{ "/a/**/b", "/a/", false },
		{ "/**/b", "/b", true },
		{ "/**/b", "/x/y/b", true },
		{ "/**/b", "b", false },
		{ "/**/b", "/xb", false },
		{ "/**/", "/", true },
		{ "/**/", "//", true },
		{ "/**/", "/x/", true },
		{ "/**/", "/x", false },
		{ "/a/***/b", "/a/b", true },
		{ "/a/***/b", "/a/x/y/b", true },
		{ "/a/**/**/b", "/a/b", true },
		{ "/a/**/**/b", "/a/x/b", true },
		{ "/a/**/**/b", "/a/x/y/z/b", true },
		{ "/a/**/*.c", "/a/m.c", true },
		{ "/a/**/*.c", "/a/x/y/m.c", true },
		{ "/a/**/*.c", "/a/x/y/m.h", false },
		/* An escaped slash is still a slash. */
		{ "/a\\/**\\/b", "/a/b", true },
		/* An escaped star is no part of the run. */
		{ "/a/\\**/b", "/a/b", false },
		{ "/a/\\**/b", "/a/*/b", true },
		{ "/a/\\**/b", "/a/*x/b", true },
		{ "/a/\\**/b", "/a/*x/y/b", false },
		{ "/a/*\\*/b", "/a/b", false },
	};

	check_rows(rows, NROWS(rows));
}

TEST(trailing_slash_triple_star_is_the_directory_and_below)
{
	static const struct match_row rows[] = {
		{ "/d/***", "/d", true },
		{ "/d/***", "/d/", true },
		{ "/d/***", "/d/x", true },
		{ "/d/***", "/d/x/y", true },
		{ "/d/***", "/d//", true },
		{ "/d/***", "/dx", false },
		{ "/d/***", "/", false },
		{ "/d/***", "", false },
		{ "/d/***", "/e/x", false },
		{ "/d/***", "/x/d", false },
		{ "/***", "/", true },
		{ "/***", "/a/b", true },
		{ "/***", "//", true },
		{ "/***", "", true }, /* the empty prefix itself */
		{ "/***", "a", false },
		{ "/usr/lib/***", "/usr/lib", true },
		{ "/usr/lib/***", "/usr/lib/x86_64/libc.so", true },
		{ "/usr/lib/***", "/usr/lib64", false },
		{ "/usr/lib/***", "/usr/li", false },
		{ "/usr/lib/***", "/usr", false },
		{ "/d*/***", "/dev", true },
		{ "/d*/***", "/dev/null", true },
		{ "/d*/***", "/x/dev", false },
		{ "/d?/***", "/dx/y", true },
		{ "/d?/***", "/d", false },
		{ "/d//***", "/d/", true },
		{ "/d//***", "/d//x", true },
		{ "/d//***", "/d", false },
		/* The tail is cut first, so this "**" ends its text: plain. */
		{ "/a/**/***", "/a/x", true },
		{ "/a/**/***", "/a/", true },
		{ "/a/**/***", "/a", false },
		{ "/a/***/***", "/a/x/y", true },
		{ "/a/***/***", "/a", false },
		{ "/a\\/***", "/a", true },
		{ "/a\\/***", "/a/b", true },
		{ "/d/\\***", "/d/*", true },
		{ "/d/\\***", "/d/*x/y", true },
		{ "/d/\\***", "/d", false },
		{ "/d/****", "/d", false },
		{ "/d/****", "/d/x", true },
		{ "/d/[a]/***", "/d/a", true },
		{ "/d/[a]/***", "/d/a/b", true },
		{ "/d/[a]/***", "/d/b/b", false },
	};

	check_rows(rows, NROWS(rows));
}

TEST(bracket_classes)
{
	static const struct match_row rows[] = {
		{ "/[abc]", "/b", true },
		{ "/[abc]", "/d", false },
		{ "/[abc]", "/", false },
		{ "/[abc]", "/ab", false },
		{ "/[a-c]", "/a", true },
		{ "/[a-c]", "/c", true },
		{ "/[a-c]", "/d", false },
		{ "/[a-a]", "/a", true },
		{ "/[!a-c]", "/d", true },
		{ "/[!a-c]", "/b", false },
		{ "/[^a-c]", "/d", true },
		{ "/[^a-c]", "/c", false },
		{ "/x[!a]", "/x/", false },
		{ "/x[^a]", "/x/", false },
		{ "/x[/]", "/x/", false },
		{ "/x[!/]", "/x/", false },
		{ "/x[!/]", "/xa", true },
		{ "/x[.-0]", "/x/", false },
		{ "/x[.-0]", "/x0", true },
		{ "/[]]", "/]", true },
		{ "/[]]", "/a", false },
		{ "/[]a]", "/a", true },
		{ "/[!]]", "/]", false },
		{ "/[!]]", "/a", true },
		{ "/[^]]", "/]", false },
		{ "/[!]a]", "/b", true },
		{ "/[!]a]", "/a", false },
		{ "/[a-]", "/-", true },
		{ "/[a-]", "/b", false },
		{ "/[-a]", "/-", true },
		{ "/[-a]", "/a", true },
		{ "/[!-a]", "/-", false },
		{ "/[a-c-e]", "/-", true },
		{ "/[a-c-e]", "/e", true },
		{ "/[a-c-e]", "/d", false },
		{ "/[--/]", "/.", true },
		{ "/[\\]]", "/]", true },
		{ "/[\\!a]", "/!", true },
		{ "/[\\!a]", "/b", false },
		{ "/[a\\-c]", "/-", true },
		{ "/[a\\-c]", "/b", false },
		{ "/[\\a-\\c]", "/b", true },
		{ "/[*]", "/*", true },
		{ "/[*]", "/a", false },
		{ "/[?]", "/?", true },
		{ "/[?]", "/a", false },
		{ "/[[]", "/[", true },
		{ "/[\\\\]", "/\\", true },
		{ "/[\x80-\xff]", "/\xe9", true },
		{ "/[\x80-\xff]", "/a", false },
		{ "/[!a]", "/\xff", true },
		{ "/[ab][cd]", "/ad", true },
		{ "/[ab][cd]", "/da", false },
		{ "/[ab]*", "/b/", false },
		{ "/[ab]*", "/bxx", true },
	};

	check_rows(rows, NROWS(rows));
}

TEST(posix_classes_in_c_locale)
{
	static const struct match_row rows[] = {
		{ "/[[:alpha:]]", "/q", true },
		{ "/[[:alpha:]]", "/Q", true },
		{ "/[[:alpha:]]", "/1", false },
		{ "/[[:alpha:]]", "/\xe9", false },
		{ "/[[:digit:]]", "/7", true },
		{ "/[[:digit:]]", "/a", false },
		{ "/[[:alnum:]]", "/z", true },
		{ "/[[:alnum:]]", "/0", true },
		{ "/[[:alnum:]]", "/_", false },
		{ "/[[:alnum:]_]", "/_", true },
		{ "/[![:alpha:]]", "/1", true },
		{ "/[![:alpha:]]", "/a", false },
		{ "/x[![:alpha:]]", "/x/", false },
		{ "/[[:punct:]]", "/!", true },
		{ "/[[:punct:]]", "/a", false },
		{ "/x[[:punct:]]", "/x/", false },
		{ "/[[:space:]]", "/ ", true },
		{ "/[[:space:]]", "/\t", true },
		{ "/[[:space:]]", "/\r", true },
		{ "/[[:space:]]", "/x", false },
		{ "/[[:blank:]]", "/\t", true },
		{ "/[[:blank:]]", "/\n", false },
		{ "/[[:upper:]]", "/A", true },
		{ "/[[:upper:]]", "/a", false },
		{ "/[[:lower:]]", "/a", true },
		{ "/[[:lower:]]", "/A", false },
		{ "/[[:xdigit:]]", "/F", true },
		{ "/[[:xdigit:]]", "/f", true },
		{ "/[[:xdigit:]]", "/g", false },
		{ "/[[:cntrl:]]", "/\x01", true },
		{ "/[[:cntrl:]]", "/\x7f", true },
		{ "/[[:cntrl:]]", "/ ", false },
		{ "/[[:graph:]]", "/~", true },
		{ "/[[:graph:]]", "/ ", false },
		{ "/[[:print:]]", "/ ", true },
		{ "/[[:print:]]", "/\x7f", false },
		{ "/[[:alpha:]-]", "/-", true },
		{ "/[[:alpha:]-]", "/1", false },
		{ "/[[:digit:][:upper:]]", "/B", true },
		{ "/[[:digit:][:upper:]]", "/b", false },
		{ "/[x[:digit:]]", "/x", true },
	};

	check_rows(rows, NROWS(rows));
}

TEST(backslash_makes_the_next_byte_literal)
{
	static const struct match_row rows[] = {
		{ "/\\*", "/*", true },	       { "/\\*", "/a", false },
		{ "/\\*", "/", false },	       { "/\\?", "/?", true },
		{ "/\\?", "/a", false },       { "/\\[a]", "/[a]", true },
		{ "/\\[a]", "/a", false },     { "/\\\\", "/\\", true },
		{ "/\\a", "/a", true },	       { "/a\\*\\*", "/a**", true },
		{ "/a\\*\\*", "/a/b", false }, { "/\\**", "/*", true },
		{ "/\\**", "/*abc", true },    { "/\\**", "/*a/b", false },
		{ "/*\\*", "/ab*", true },     { "/*\\*", "/ab", false },
		{ "/\\/", "//", true },
	};

	check_rows(rows, NROWS(rows));
}

TEST(compile_errors_carry_errno_and_reason)
{
	static const char absolute[] = "pattern must be absolute";
	static const char open_class[] = "unterminated '[' in pattern";
	static const char range[] = "bad range in character class";
	static const char unknown[] = "unknown character class in pattern";
	static const char backslash[] = "trailing backslash in pattern";
	static const struct error_row rows[] = {
		{ "", EINVAL, absolute },
		{ "a", EINVAL, absolute },
		{ "a/b", EINVAL, absolute },
		{ "*", EINVAL, absolute },
		{ "**/a", EINVAL, absolute },
		{ "./a", EINVAL, absolute },
		{ "~/a", EINVAL, absolute },
		{ "[/]", EINVAL, absolute },
		{ "\\/a", EINVAL, absolute },
		{ " /a", EINVAL, absolute },
		{ "/[", EINVAL, open_class },
		{ "/[a", EINVAL, open_class },
		{ "/[]", EINVAL, open_class },
		{ "/[!]", EINVAL, open_class },
		{ "/[^]", EINVAL, open_class },
		{ "/[!", EINVAL, open_class },
		{ "/[a-", EINVAL, open_class },
		{ "/[a-\\", EINVAL, open_class },
		{ "/[a\\", EINVAL, open_class },
		{ "/[a\\]", EINVAL, open_class },
		{ "/[[:alpha:]", EINVAL, open_class },
		{ "/[[:alpha]", EINVAL, open_class },
		{ "/[[:alpha:", EINVAL, open_class },
		{ "/[[:]", EINVAL, open_class },
		{ "/[a]/[", EINVAL, open_class },
		{ "/a]/[b", EINVAL, open_class },
		{ "/d/[***", EINVAL, open_class },
		{ "/[[:foo:]]", EINVAL, unknown },
		{ "/[[::]]", EINVAL, unknown },
		{ "/[[:ALPHA:]]", EINVAL, unknown },
		{ "/[[: alpha:]]", EINVAL, unknown },
		{ "/[a[:alphabet:]]", EINVAL, unknown },
		{ "/[z-a]", EINVAL, range },
		{ "/[b-a]", EINVAL, range },
		{ "/[z-a", EINVAL, range }, /* the first fault found wins */
		{ "/[a-\\]]", EINVAL, range },
		{ "/[\xff-\x01]", EINVAL, range },
		{ "/\\", EINVAL, backslash },
		{ "/a\\", EINVAL, backslash },
		{ "/a\\\\\\", EINVAL, backslash },
		{ "/[a]\\", EINVAL, backslash },
		{ "/***\\", EINVAL, backslash },
	};
	struct pattern *p;
	const char *why;
	size_t i;
	int err;

	for (i = 0; i < NROWS(rows); i++) {
		const struct error_row *r = &rows[i];

		p = (struct pattern *)&p; /* any non-NULL: must be reset */
		why = NULL;
		err = pattern_compile(r->pattern, &p, &why);
		if (err != -r->err || p != NULL || !why ||
		    strcmp(why, r->why) != 0)
			TH_FAIL_(0, "compile \"%s\": %d \"%s\", want %d \"%s\"",
				 r->pattern, err, why ? why : "(null)", -r->err,
				 r->why);
		why = NULL;
		err = ref_check(r->pattern, &why);
		if (err != -r->err || !why || strcmp(why, r->why) != 0)
			TH_FAIL_(0, "ref_check \"%s\": %d \"%s\"", r->pattern,
				 err, why ? why : "(null)");
		/* The reason is optional. */
		EXPECT_EQ(-r->err, pattern_compile(r->pattern, &p, NULL));
		EXPECT_TRUE(p == NULL);
	}
}

TEST(length_limit_is_path_max_minus_one)
{
	char text[PATTERN_MAX + 2];
	struct pattern *p = NULL;
	const char *why = NULL;

	memset(text, 'a', sizeof(text));
	text[0] = '/';
	text[PATTERN_MAX] = '\0';
	ASSERT_EQ(0, pattern_compile(text, &p, &why));
	EXPECT_TRUE(pattern_match(p, text, PATTERN_MAX));
	EXPECT_FALSE(pattern_match(p, text, PATTERN_MAX - 1));
	pattern_free(p);

	text[PATTERN_MAX] = 'a';
	text[PATTERN_MAX + 1] = '\0';
	EXPECT_EQ(-ENAMETOOLONG, pattern_compile(text, &p, &why));
	EXPECT_TRUE(p == NULL);
	EXPECT_STREQ("pattern too long (at most 4095 bytes)", why);
	EXPECT_EQ(-ENAMETOOLONG, ref_check(text, NULL));

	/* Not absolute is reported first, whatever the length. */
	text[0] = 'a';
	EXPECT_EQ(-EINVAL, pattern_compile(text, &p, &why));
	EXPECT_STREQ("pattern must be absolute", why);
}

/* 4095 tokens: the automaton's state bitsets span all 64 words. */
TEST(longest_pattern_uses_every_state_word)
{
	static char text[PATTERN_MAX + 1], path[PATTERN_MAX * 2];
	struct pattern *p = NULL;
	size_t i;

	text[0] = '/';
	for (i = 1; i + 1 < PATTERN_MAX; i += 2) {
		text[i] = 'a';
		text[i + 1] = '*';
	}
	ASSERT_EQ(PATTERN_MAX, strlen(text));
	ASSERT_EQ(0, pattern_compile(text, &p, NULL));
	memset(path, 'a', sizeof(path));
	path[0] = '/';
	EXPECT_TRUE(pattern_match(p, path, 1 + PATTERN_MAX / 2));
	EXPECT_TRUE(pattern_match(p, path, sizeof(path)));
	EXPECT_FALSE(pattern_match(p, path, PATTERN_MAX / 2));
	path[3000] = '/';
	EXPECT_FALSE(pattern_match(p, path, sizeof(path)));
	pattern_free(p);

	/* Same again with "?" so no state ever stays put. */
	for (i = 1; i < PATTERN_MAX; i++)
		text[i] = '?';
	ASSERT_EQ(0, pattern_compile(text, &p, NULL));
	memset(path, 'x', sizeof(path));
	path[0] = '/';
	EXPECT_TRUE(pattern_match(p, path, PATTERN_MAX));
	EXPECT_FALSE(pattern_match(p, path, PATTERN_MAX - 1));
	EXPECT_FALSE(pattern_match(p, path, PATTERN_MAX + 1));
	pattern_free(p);
}

/* A backtracking matcher would take exponential time on these. */
TEST(hostile_patterns_match_in_linear_time)
{
	static const char *const pats[] = {
		"/*a*a*a*a*a*a*a*a*b",
		"/**a**a**a**a**a**a**a**a**b",
		"/a/**/a/**/a/**/a/**/a/**/a/**/b",
		"/*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b/***",
	};
	static char path[1 << 16];
	struct pattern *p;
	clock_t t0 = clock();
	size_t i, k;

	for (i = 0; i < NROWS(pats); i++) {
		ASSERT_EQ(0, pattern_compile(pats[i], &p, NULL));
		memset(path, 'a', sizeof(path));
		path[0] = '/';
		EXPECT_FALSE(pattern_match(p, path, sizeof(path)));
		for (k = 2; k < sizeof(path); k += 2)
			path[k] = '/';
		EXPECT_FALSE(pattern_match(p, path, sizeof(path)));
		pattern_free(p);
	}
	/* Generous: a few ms optimised; exponential would be hours. */
	EXPECT_LT((double)(clock() - t0) / CLOCKS_PER_SEC, 5.0);
}

TEST(match_reads_exactly_len_bytes)
{
	struct pattern *p;

	ASSERT_EQ(0, pattern_compile("/ab", &p, NULL));
	EXPECT_TRUE(pattern_match(p, "/abc", 3));
	EXPECT_FALSE(pattern_match(p, "/abc", 4));
	EXPECT_FALSE(pattern_match(p, "/abc", 2));
	EXPECT_FALSE(pattern_match(p, "", 0));
	EXPECT_FALSE(pattern_match(p, "/ab\0", 4));
	pattern_free(p);

	/* A NUL in the path is just a byte other than '/'. */
	ASSERT_EQ(0, pattern_compile("/a?", &p, NULL));
	EXPECT_TRUE(pattern_match(p, "/a\0", 3));
	pattern_free(p);
	ASSERT_EQ(0, pattern_compile("/[!a]*", &p, NULL));
	EXPECT_TRUE(pattern_match(p, "/\0\0x", 4));
	EXPECT_FALSE(pattern_match(p, "/\0/x", 4));
	pattern_free(p);
	ASSERT_EQ(0, pattern_compile("/d/***", &p, NULL));
	EXPECT_TRUE(pattern_match(p, "/d/x", 2));
	EXPECT_FALSE(pattern_match(p, "/d/x", 1));
	pattern_free(p);
}

TEST(text_is_kept_and_free_accepts_null)
{
	static const char *const texts[] = {
		"/usr/lib/***",
		"/a\\*[!b]?/**/c",
		"/[[:alpha:]]*",
	};
	struct pattern *p;
	const char *why = "unset";
	size_t i;

	for (i = 0; i < NROWS(texts); i++) {
		ASSERT_EQ(0, pattern_compile(texts[i], &p, &why));
		EXPECT_TRUE(why == NULL);
		EXPECT_STREQ(texts[i], pattern_text(p));
		EXPECT_TRUE(pattern_text(p) != texts[i]); /* a copy */
		pattern_free(p);
	}
	pattern_free(NULL);
}

/* pattern_may_match_below(): may a path below DIR match? (renames) */
TEST(may_match_below_a_directory)
{
	static const struct {
		const char *pattern, *dir;
		bool want;
	} rows[] = {
		{ "/var/log/app.log", "/var/log", true },
		{ "/var/log/app.log", "/var", true },
		{ "/var/log/app.log", "/", true },
		{ "/var/log/app.log", "/var/log/", true },
		{ "/var/log/app.log", "/var/log/app.log", false }, /* itself */
		{ "/var/log/app.log", "/var/lo", false },
		{ "/var/log/app.log", "/etc", false },
		{ "/var/log/***", "/var/log", true },
		{ "/var/log/***", "/var/log/x", true },
		{ "/home/*/.bash_history", "/home/alice", true },
		{ "/home/*/.bash_history", "/home/alice/.bash_history", false },
		{ "/home/*/.bash_history", "/srv/alice", false },
		{ "/a/**/b", "/a/x/y", true },
		{ "/d[0-9]/f", "/d1", true },
		{ "/d[0-9]/f", "/dx", false },
	};
	struct pattern *p;
	const char *why;

	for (size_t i = 0; i < NROWS(rows); i++) {
		ASSERT_EQ(0, pattern_compile(rows[i].pattern, &p, &why));
		if (pattern_may_match_below(p, rows[i].dir,
					    strlen(rows[i].dir)) !=
		    rows[i].want)
			TH_FAIL_(0, "may_match_below(\"%s\", \"%s\") != %d",
				 rows[i].pattern, rows[i].dir, rows[i].want);
		pattern_free(p);
	}
}
