/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A slow reference for src/policy/pattern.c, written straight from the
 * semantics as plain recursive backtracking, for the unit tests, the
 * differential test and the fuzzer to compare against. It favours being
 * obviously right over being fast: it may take exponential time, so callers
 * keep inputs short or pass a step budget. Header-only, static functions.
 */
#ifndef SYD_TESTS_PATTERN_REF_H
#define SYD_TESTS_PATTERN_REF_H

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define REF_PATTERN_MAX 4095

enum ref_kind {
	REF_LIT, /* the byte c */
	REF_STAR, /* one unescaped '*'; runs are judged while matching */
	REF_ONE, /* '?' */
	REF_CLASS, /* "[...]", re-read from the text at every use */
};

struct ref_el {
	enum ref_kind kind;
	unsigned char c; /* REF_LIT */
	const char *cls; /* REF_CLASS: its '[' in the pattern text */
};

static inline int ref_fail(const char **why, const char *reason, int err)
{
	if (why)
		*why = reason;
	return err;
}

/* <ctype.h> in the C locale (tests never call setlocale()). */
static inline int (*ref_posix(const char *name, size_t n))(int)
{
	static const struct {
		const char *name;
		int (*fn)(int);
	} tab[] = {
		{ "alnum", isalnum }, { "alpha", isalpha },
		{ "blank", isblank }, { "cntrl", iscntrl },
		{ "digit", isdigit }, { "graph", isgraph },
		{ "lower", islower }, { "print", isprint },
		{ "punct", ispunct }, { "space", isspace },
		{ "upper", isupper }, { "xdigit", isxdigit },
	};
	size_t k;

	for (k = 0; k < sizeof(tab) / sizeof(tab[0]); k++)
		if (strlen(tab[k].name) == n && !strncmp(tab[k].name, name, n))
			return tab[k].fn;
	return NULL;
}

/*
 * Reads the class at S (its '['): returns 0 with its length in *len and
 * whether byte C is a member in *in, or -EINVAL with *why.
 */
static inline int ref_class(const char *s, unsigned c, size_t *len, bool *in,
			    const char **why)
{
	size_t i = 1;
	bool negate = false, hit = false, first = true;

	if (s[i] == '!' || s[i] == '^') {
		negate = true;
		i++;
	}
	for (;; first = false) {
		unsigned lo, hi;

		if (s[i] == '\0')
			return ref_fail(why, "unterminated '[' in pattern",
					-EINVAL);
		if (s[i] == ']' && !first)
			break;
		if (s[i] == '[' && s[i + 1] == ':') {
			const char *end = strstr(s + i + 2, ":]");
			int (*fn)(int);

			if (!end)
				return ref_fail(why,
						"unterminated '[' in pattern",
						-EINVAL);
			fn = ref_posix(s + i + 2, (size_t)(end - (s + i + 2)));
			if (!fn)
				return ref_fail(
					why,
					"unknown character class in pattern",
					-EINVAL);
			if (fn((int)c))
				hit = true;
			i = (size_t)(end - s) + 2;
			continue;
		}
		if (s[i] == '\\')
			i++;
		if (s[i] == '\0')
			return ref_fail(why, "unterminated '[' in pattern",
					-EINVAL);
		lo = hi = (unsigned char)s[i++];
		if (s[i] == '-' && s[i + 1] != ']' && s[i + 1] != '\0') {
			i++;
			if (s[i] == '\\')
				i++;
			if (s[i] == '\0')
				return ref_fail(why,
						"unterminated '[' in pattern",
						-EINVAL);
			hi = (unsigned char)s[i++];
			if (hi < lo)
				return ref_fail(why,
						"bad range in character class",
						-EINVAL);
		}
		if (lo <= c && c <= hi)
			hit = true;
	}
	*len = i + 1;
	*in = c != '/' && hit != negate;
	return 0;
}

/* Splits TEXT into elements (EL may be NULL to only check): 0 or -errno. */
static inline int ref_parse(const char *text, struct ref_el *el, size_t *n,
			    const char **why)
{
	size_t i = 0, len;
	bool in;
	int err;

	*n = 0;
	if (!text || text[0] != '/')
		return ref_fail(why, "pattern must be absolute", -EINVAL);
	if (strlen(text) > REF_PATTERN_MAX)
		return ref_fail(why, "pattern too long (at most 4095 bytes)",
				-ENAMETOOLONG);
	while (text[i] != '\0') {
		struct ref_el e = { .kind = REF_LIT, .c = 0, .cls = NULL };

		if (text[i] == '*') {
			e.kind = REF_STAR;
			i++;
		} else if (text[i] == '?') {
			e.kind = REF_ONE;
			i++;
		} else if (text[i] == '[') {
			err = ref_class(text + i, 0, &len, &in, why);
			if (err < 0)
				return err;
			e.kind = REF_CLASS;
			e.cls = text + i;
			i += len;
		} else if (text[i] == '\\') {
			if (text[i + 1] == '\0')
				return ref_fail(why,
						"trailing backslash in pattern",
						-EINVAL);
			e.c = (unsigned char)text[i + 1];
			i += 2;
		} else {
			e.c = (unsigned char)text[i++];
		}
		if (el)
			el[*n] = e;
		++*n;
	}
	if (why)
		*why = NULL;
	return 0;
}

/* What pattern_compile() should return for TEXT, and its *why. */
static inline int ref_check(const char *text, const char **why)
{
	size_t n;

	return ref_parse(text, NULL, &n, why);
}

struct ref_ctx {
	const struct ref_el *el;
	size_t n; /* elements in play, without a final "/ ***" */
	const char *path;
	size_t len; /* bytes of path in play */
	unsigned long budget; /* calls left */
	bool gave_up;
};

static inline bool ref_is_slash(const struct ref_ctx *x, size_t i)
{
	return x->el[i].kind == REF_LIT && x->el[i].c == '/';
}

/* Does path[j..len) match elements [i..n)? */
static inline bool ref_rec(struct ref_ctx *x, size_t i, size_t j)
{
	const struct ref_el *e = &x->el[i];
	size_t run, k, clen;
	bool in;

	if (x->budget == 0) {
		x->gave_up = true;
		return false;
	}
	x->budget--;
	if (i == x->n)
		return j == x->len;
	switch (e->kind) {
	case REF_LIT:
		return j < x->len && (unsigned char)x->path[j] == e->c &&
		       ref_rec(x, i + 1, j + 1);
	case REF_ONE:
		return j < x->len && x->path[j] != '/' &&
		       ref_rec(x, i + 1, j + 1);
	case REF_CLASS:
		if (j == x->len || ref_class(e->cls, (unsigned char)x->path[j],
					     &clen, &in, NULL) < 0)
			return false;
		return in && ref_rec(x, i + 1, j + 1);
	case REF_STAR:
		break;
	}
	for (run = 0; i + run < x->n && x->el[i + run].kind == REF_STAR; run++)
		;
	if (run == 1) {
		/* '*': any run of bytes up to the next '/'. */
		for (k = j;; k++) {
			if (ref_rec(x, i + 1, k))
				return true;
			if (k == x->len || x->path[k] == '/')
				return false;
		}
	}
	/* "/ ** /" is the regex "/(.*\/)?": skip the run and its '/'. */
	if (i > 0 && ref_is_slash(x, i - 1) && i + run < x->n &&
	    ref_is_slash(x, i + run) && ref_rec(x, i + run + 1, j))
		return true;
	/* '**' and longer: any run of bytes at all. */
	for (k = j; k <= x->len; k++)
		if (ref_rec(x, i + run, k))
			return true;
	return false;
}

/* A valid pattern split into elements once, for many ref_run() calls. */
struct ref_pattern {
	struct ref_el *el; /* owned */
	size_t n;
};

/* TEXT must compile (ref_check() == 0); release with ref_release(). */
static inline void ref_prepare(const char *text, struct ref_pattern *rp)
{
	rp->el = calloc(strlen(text) + 1, sizeof(*rp->el));
	if (!rp->el || ref_parse(text, rp->el, &rp->n, NULL) < 0)
		abort(); /* out of memory, or the caller broke the contract */
}

static inline void ref_release(struct ref_pattern *rp)
{
	free(rp->el);
	rp->el = NULL;
}

/*
 * Does PATH (LEN bytes) match RP? Returns 1 or 0, or -1 when BUDGET
 * recursive steps were not enough to tell.
 */
static inline int ref_run(const struct ref_pattern *rp, const char *path,
			  size_t len, unsigned long budget)
{
	struct ref_ctx x = { .el = rp->el,
			     .n = rp->n,
			     .path = path,
			     .len = len,
			     .budget = budget };
	bool hit;
	size_t k;

	if (x.n >= 4 && ref_is_slash(&x, x.n - 4) &&
	    x.el[x.n - 3].kind == REF_STAR && x.el[x.n - 2].kind == REF_STAR &&
	    x.el[x.n - 1].kind == REF_STAR) {
		/* "P/ ***" (no space): P itself, or P, a '/' and anything. */
		x.n -= 4;
		hit = ref_rec(&x, 0, 0);
		for (k = 0; k < len && !hit; k++) {
			if (path[k] != '/')
				continue;
			x.len = k;
			hit = ref_rec(&x, 0, 0);
		}
	} else {
		hit = ref_rec(&x, 0, 0);
	}
	if (hit)
		return 1; /* found before any budget ran out: definite */
	return x.gave_up ? -1 : 0;
}

/* ref_run() on the valid pattern TEXT. */
static inline int ref_match_budget(const char *text, const char *path,
				   size_t len, unsigned long budget)
{
	struct ref_pattern rp;
	int ret;

	ref_prepare(text, &rp);
	ret = ref_run(&rp, path, len, budget);
	ref_release(&rp);
	return ret;
}

static inline bool ref_match(const char *text, const char *path, size_t len)
{
	return ref_match_budget(text, path, len, ULONG_MAX) == 1;
}

#endif /* SYD_TESTS_PATTERN_REF_H */
