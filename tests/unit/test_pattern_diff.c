/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Differential test of src/policy/pattern.c against the slow reference in
 * pattern_ref.h, after OpenSSH's regress/unittests/match: every pattern and
 * every path up to a small size, every short string as a pattern to compare
 * the compile errors, then seeded random longer cases. A mismatch prints the
 * pattern and the path, escaped, so it can become a row in test_pattern.c.
 */
#include "harness.h"
#include "policy/pattern.h"
#include "unit/pattern_ref.h"

/* Pattern pieces; "**", "/ ** /" and "/ ***" come from repeated "*". */
static const char *const pieces[] = {
	"/", "a", "b", "*", "?", "[a]", "[!a]", "\\*",
};

static const char path_bytes[] = { '/', 'a', 'b', '*' };

#define NELEMS(t) (sizeof(t) / sizeof((t)[0]))

/*
 * The sweep: "/" followed by MIN..MAX pieces, against every path of up to
 * ANY_LEN bytes and every path of up to ABS_LEN bytes that starts with
 * '/'. Longer paths that do not start with '/' are left out: no pattern
 * can match them, so they would only test the first byte over and over.
 * About 18 million pairs: ~3.5 s at -O0, ~12 s at -O0 with ASan+UBSan.
 */
static const struct tier {
	unsigned min_pieces, max_pieces, any_len, abs_len;
} tiers[] = {
	{ 0, 4, 3, 6 },
	{ 5, 5, 2, 5 },
};

#define PATH_MAX_LEN 6
#define MAX_PATHS    8192
#define MAX_REPORTS  20

struct tally {
	unsigned long patterns, pairs, matched, mismatches;
};

/* Writes S (LEN bytes) to OUT with C escapes, so odd bytes show. */
static void put_escaped(char *out, size_t cap, const char *s, size_t len)
{
	size_t i, o = 0;

	for (i = 0; i < len && o + 5 < cap; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\\' || c == '"')
			o += (size_t)snprintf(out + o, cap - o, "\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			o += (size_t)snprintf(out + o, cap - o, "\\x%02x", c);
		else
			out[o++] = (char)c;
	}
	out[o] = '\0';
}

static void report(struct tally *t, const char *what, const char *pat,
		   const char *path, size_t len, int got, int want)
{
	char ep[512], es[512];

	if (++t->mismatches > MAX_REPORTS)
		return;
	put_escaped(ep, sizeof(ep), pat, strlen(pat));
	put_escaped(es, sizeof(es), path, len);
	TH_FAIL_(0, "%s: pattern \"%s\" path \"%s\": got %d, reference %d",
		 what, ep, es, got, want);
}

/* Compares one pattern, compiled and prepared, with the reference. */
static void compare(struct tally *t, const struct pattern *p,
		    const struct ref_pattern *rp, const char *pat,
		    const char *path, size_t len)
{
	bool got = pattern_match(p, path, len);
	bool want = ref_run(rp, path, len, ULONG_MAX) == 1;

	t->pairs++;
	t->matched += got;
	if (got != want)
		report(t, "match", pat, path, len, got, want);
}

struct path_set {
	char buf[MAX_PATHS][PATH_MAX_LEN];
	size_t len[MAX_PATHS], n;
};

static void make_paths(struct path_set *ps, const struct tier *tr)
{
	size_t len, k, idx, total, d, max;
	char s[PATH_MAX_LEN];

	max = tr->abs_len > tr->any_len ? tr->abs_len : tr->any_len;
	ps->n = 0;
	for (len = 0, total = 1; len <= max; len++, total *= 4) {
		for (idx = 0; idx < total; idx++) {
			for (k = 0, d = idx; k < len; k++, d /= 4)
				s[k] = path_bytes[d % 4];
			if (len > tr->any_len &&
			    (len > tr->abs_len || s[0] != '/'))
				continue;
			if (ps->n == MAX_PATHS)
				abort();
			memcpy(ps->buf[ps->n], s, len);
			ps->len[ps->n++] = len;
		}
	}
}

/* Pattern number IDX of NPIECES pieces, in base NELEMS(pieces). */
static void make_pattern(char *pat, size_t npieces, size_t idx)
{
	size_t k, o = 1;

	pat[0] = '/';
	pat[1] = '\0'; /* zero pieces: sprintf never terminates it */
	for (k = 0; k < npieces; k++, idx /= NELEMS(pieces))
		o += (size_t)sprintf(pat + o, "%s",
				     pieces[idx % NELEMS(pieces)]);
}

TEST(every_short_pattern_on_every_short_path)
{
	static struct path_set ps;
	struct ref_pattern rp;
	char pat[8 * 5 + 2];
	size_t n, idx, total, i, tier;
	struct tally t = { 0 };
	struct pattern *p;
	int err;

	for (tier = 0; tier < NELEMS(tiers); tier++) {
		const struct tier *tr = &tiers[tier];
		unsigned long pairs = t.pairs;

		make_paths(&ps, tr);
		for (n = 0, total = 1; n <= tr->max_pieces;
		     n++, total *= NELEMS(pieces)) {
			for (idx = 0; n >= tr->min_pieces && idx < total;
			     idx++) {
				make_pattern(pat, n, idx);
				err = pattern_compile(pat, &p, NULL);
				if (err < 0) {
					report(&t, "compile", pat, "", 0, err,
					       0);
					continue;
				}
				t.patterns++;
				ref_prepare(pat, &rp);
				for (i = 0; i < ps.n; i++)
					compare(&t, p, &rp, pat, ps.buf[i],
						ps.len[i]);
				ref_release(&rp);
				pattern_free(p);
			}
		}
		harness_diag("'/' + %u..%u of %zu pieces, on %zu paths (any up "
			     "to %u bytes, '/'-led up to %u): %lu pairs",
			     tr->min_pieces, tr->max_pieces, NELEMS(pieces),
			     ps.n, tr->any_len, tr->abs_len, t.pairs - pairs);
	}
	harness_diag(
		"patterns: %lu, pairs: %lu, matching: %lu, mismatches: %lu",
		t.patterns, t.pairs, t.matched, t.mismatches);
	EXPECT_EQ(0, t.mismatches);
}

/*
 * Every string up to COMPILE_LEN bytes over the bytes that steer parsing,
 * as a pattern: compile must agree with the reference on errno and reason,
 * and valid ones must agree on a few paths.
 */
#define COMPILE_LEN 6

TEST(every_short_string_compiles_like_the_reference)
{
	static const char alpha[] = { '/', 'a',	 '[', ']', '!',
				      '-', '\\', ':', '*', '^' };
	static const char *const paths[] = {
		"/",   "/a",  "/]",  "/-",  "/!",  "/:",   "/*",
		"/\\", "/^",  "/[",  "//",  "/a/", "/a/a", "/aa",
		"/a]", "/a-", "/:a", "/a*", "",
	};
	const char *why, *rwhy;
	struct ref_pattern rp;
	char s[COMPILE_LEN + 1];
	size_t len, idx, total, k, d, i;
	struct tally t = { 0 };
	unsigned long valid = 0, strings = 0;
	struct pattern *p;
	int err, rerr;

	for (len = 0, total = 1; len <= COMPILE_LEN;
	     len++, total *= NELEMS(alpha)) {
		for (idx = 0; idx < total; idx++) {
			for (k = 0, d = idx; k < len; k++, d /= NELEMS(alpha))
				s[k] = alpha[d % NELEMS(alpha)];
			s[len] = '\0';
			strings++;
			why = rwhy = NULL;
			err = pattern_compile(s, &p, &why);
			rerr = ref_check(s, &rwhy);
			if (err != rerr ||
			    (err < 0 && (!why || !rwhy || strcmp(why, rwhy)))) {
				if (++t.mismatches <= MAX_REPORTS)
					TH_FAIL_(0,
						 "compile \"%s\": %d \"%s\", "
						 "reference %d \"%s\"",
						 s, err, why ? why : "", rerr,
						 rwhy ? rwhy : "");
				pattern_free(p);
				continue;
			}
			if (err < 0)
				continue;
			valid++;
			ref_prepare(s, &rp);
			for (i = 0; i < NELEMS(paths); i++)
				compare(&t, p, &rp, s, paths[i],
					strlen(paths[i]));
			ref_release(&rp);
			pattern_free(p);
		}
	}
	harness_diag("strings: %lu (length 0..%d over \"/a[]!-\\:*^\"), "
		     "valid: %lu, pairs: %lu, mismatches: %lu",
		     strings, COMPILE_LEN, valid, t.pairs, t.mismatches);
	EXPECT_EQ(0, t.mismatches);
}

#define RANDOM_PATTERNS 20000
#define RANDOM_PATHS	20
#define RANDOM_BUDGET	(1UL << 22)

/*
 * Wider pieces for longer random patterns, each with strings it may stand
 * for (and some it must not), so that paths built from the same pieces
 * match often enough to be interesting.
 */
static const struct wide_piece {
	const char *pat;
	const char *text[4];
} wide[] = {
	{ "/", { "/", "/", "/", "a" } },
	{ "a", { "a", "a", "a", "b" } },
	{ "b", { "b", "b", "b", "/" } },
	{ "ab", { "ab", "ab", "ab", "a" } },
	{ "*", { "", "a", "ab", "b/" } },
	{ "**", { "", "a/", "/b", "a/b/a" } },
	{ "/**/", { "/", "/a/", "/a/b/", "a" } },
	{ "?", { "a", "b", "*", "/" } },
	{ "[a]", { "a", "a", "a", "b" } },
	{ "[!a]", { "b", "*", "a", "/" } },
	{ "[a-b]", { "a", "b", "b", "c" } },
	{ "[]a]", { "]", "a", "a", "b" } },
	{ "[!]/]", { "a", "-", "]", "/" } },
	{ "[[:alpha:]]", { "Z", "a", "b", "1" } },
	{ "[^[:lower:]]", { "A", "-", "*", "a" } },
	{ "\\*", { "*", "*", "*", "a" } },
	{ "\\/", { "/", "/", "/", "a" } },
	{ "\\?", { "?", "?", "?", "a" } },
	{ "[*]", { "*", "*", "*", "a" } },
	{ "-", { "-", "-", "-", "." } },
	{ ".", { ".", ".", ".", "-" } },
	{ "/***", { "", "/", "/a/b", "a" } },
};

/* xorshift64*: fixed seed, so a failure reproduces. */
static uint64_t rnd(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * UINT64_C(2685821657736338717);
}

/* Appends S to BUF (LEN bytes so far), cut at CAP; returns the new length. */
static size_t append(char *buf, size_t len, size_t cap, const char *s)
{
	size_t n = strlen(s);

	if (n > cap - len)
		n = cap - len;
	memcpy(buf + len, s, n);
	return len + n;
}

/*
 * Longer cases than the sweep reaches: 5-14 pieces (a final "/ ***" only
 * at the end), paths of up to 24 bytes. Each path picks, piece by piece, a
 * string that piece may stand for, and a quarter of them get a random byte
 * changed.
 */
TEST(random_longer_patterns_and_paths)
{
	static const char mutate[] = { '/', 'a', 'b', '*', ']', '-', 'A' };
	unsigned long undecided = 0;
	uint64_t seed = UINT64_C(0x5eed5eed5eed5eed);
	size_t pick[16], n, k, len, o, i, j, w;
	char pat[256], path[24];
	struct ref_pattern rp;
	struct tally t = { 0 };
	struct pattern *p;
	int want;

	for (i = 0; i < RANDOM_PATTERNS; i++) {
		n = 5 + rnd(&seed) % 10;
		pat[0] = '/';
		o = 1;
		for (k = 0; k < n; k++) {
			do
				w = rnd(&seed) % NELEMS(wide);
			while (k + 1 < n && !strcmp(wide[w].pat, "/***"));
			pick[k] = w;
			o += (size_t)sprintf(pat + o, "%s", wide[w].pat);
		}
		if (pattern_compile(pat, &p, NULL) < 0) {
			report(&t, "compile", pat, "", 0, -1, 0);
			continue;
		}
		t.patterns++;
		ref_prepare(pat, &rp);
		for (j = 0; j < RANDOM_PATHS; j++) {
			len = append(path, 0, sizeof(path), "/");
			for (k = 0; k < n; k++)
				len = append(
					path, len, sizeof(path),
					wide[pick[k]].text[rnd(&seed) % 4]);
			if (len > 0 && rnd(&seed) % 4 == 0)
				path[rnd(&seed) % len] =
					mutate[rnd(&seed) % NELEMS(mutate)];
			want = ref_run(&rp, path, len, RANDOM_BUDGET);
			if (want < 0) {
				undecided++;
				continue;
			}
			t.pairs++;
			t.matched += (unsigned long)want;
			if (pattern_match(p, path, len) != want)
				report(&t, "match", pat, path, len, !want,
				       want);
		}
		ref_release(&rp);
		pattern_free(p);
	}
	harness_diag("random: %lu patterns, %lu pairs, matching: %lu, "
		     "undecided by the reference: %lu, mismatches: %lu",
		     t.patterns, t.pairs, t.matched, undecided, t.mismatches);
	EXPECT_EQ(0, t.mismatches);
	EXPECT_LT(undecided, t.pairs / 100 + 1);
}
