/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Glob patterns on paths: compiling pattern text to a token list and
 * matching a path against it. Matching simulates a nondeterministic
 * automaton with bitsets on the stack, so it neither allocates nor
 * backtracks: a hostile pattern or path costs tokens x bytes at most.
 * Pure: no syscalls, no globals.
 */
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "policy/pattern.h"

enum token_kind {
	TOKEN_LIT, /* one given byte */
	TOKEN_ONE, /* '?': one byte other than '/' */
	TOKEN_CLASS, /* '[...]': one byte in a set that never holds '/' */
	TOKEN_STAR, /* '*': a run of bytes other than '/' */
	TOKEN_ANY, /* '**': a run of any bytes */
};

struct token {
	uint8_t kind; /* enum token_kind */
	uint8_t byte; /* TOKEN_LIT */
	bool skip_dirs; /* the '/' of "/ ** /": may skip itself and the "**" */
	uint16_t cls; /* TOKEN_CLASS: index into pattern.classes */
};

#define REQ_MAX 16

struct byte_set {
	uint64_t bits[4];
};

struct pattern {
	char *text; /* owned */
	struct token *toks; /* owned */
	struct byte_set *classes; /* owned */
	size_t ntok;
	size_t nprefix; /* leading TOKEN_LITs, compared without the automaton */
	bool dir_tail; /* text ended in "/ ***" (no space); not in toks */
	/*
	 * Bytes every match holds in a row past the prefix (the longest run
	 * of TOKEN_LITs there, cut to REQ_MAX): a path without them is
	 * rejected with one memmem(), before the automaton runs. "/ ** /x"
	 * (no spaces) matched against most paths fails so.
	 */
	uint8_t nreq;
	char req[REQ_MAX];
};

/*
 * Automaton state i means "tokens before i matched"; state ntok accepts.
 * Every token takes at least one byte of text, so ntok <= PATTERN_MAX.
 */
#define STATE_WORDS (PATTERN_MAX / 64 + 1)

static const char WHY_ABSOLUTE[] = "pattern must be absolute";
static const char WHY_TOO_LONG[] = "pattern too long (at most 4095 bytes)";
static const char WHY_UNTERMINATED[] = "unterminated '[' in pattern";
static const char WHY_BAD_RANGE[] = "bad range in character class";
static const char WHY_UNKNOWN_CLASS[] = "unknown character class in pattern";
static const char WHY_BACKSLASH[] = "trailing backslash in pattern";

static int fail(const char **why, const char *reason)
{
	if (why)
		*why = reason;
	return -EINVAL;
}

static void set_add(struct byte_set *s, unsigned c)
{
	s->bits[c / 64] |= UINT64_C(1) << (c % 64);
}

static bool set_has(const struct byte_set *s, unsigned c)
{
	return s->bits[c / 64] >> (c % 64) & 1;
}

/*
 * The POSIX classes in the C locale, spelled out rather than taken from
 * <ctype.h> so that a rule means the same under every locale.
 */
static bool in_posix_class(unsigned idx, unsigned c)
{
	bool upper = c >= 'A' && c <= 'Z', lower = c >= 'a' && c <= 'z';
	bool digit = c >= '0' && c <= '9', graph = c > ' ' && c < 127;

	switch (idx) {
	case 0: /* alnum */
		return upper || lower || digit;
	case 1: /* alpha */
		return upper || lower;
	case 2: /* blank */
		return c == ' ' || c == '\t';
	case 3: /* cntrl */
		return c < ' ' || c == 127;
	case 4: /* digit */
		return digit;
	case 5: /* graph */
		return graph;
	case 6: /* lower */
		return lower;
	case 7: /* print */
		return graph || c == ' ';
	case 8: /* punct */
		return graph && !upper && !lower && !digit;
	case 9: /* space */
		return c == ' ' || (c >= '\t' && c <= '\r');
	case 10: /* upper */
		return upper;
	default: /* xdigit */
		return digit || (c >= 'a' && c <= 'f') ||
		       (c >= 'A' && c <= 'F');
	}
}

/* Adds "[:name:]" (NAME is LEN bytes) to S; -EINVAL for an unknown name. */
static int add_posix_class(struct byte_set *s, const char *name, size_t len,
			   const char **why)
{
	static const char *const names[] = {
		"alnum", "alpha", "blank", "cntrl", "digit", "graph",
		"lower", "print", "punct", "space", "upper", "xdigit",
	};
	unsigned idx, c;

	for (idx = 0; idx < sizeof(names) / sizeof(names[0]); idx++)
		if (strlen(names[idx]) == len && !memcmp(names[idx], name, len))
			break;
	if (idx == sizeof(names) / sizeof(names[0]))
		return fail(why, WHY_UNKNOWN_CLASS);
	for (c = 0; c < 256; c++)
		if (in_posix_class(idx, c))
			set_add(s, c);
	return 0;
}

/*
 * One class member byte at S[*i], unescaping "\c"; false at the end of the
 * text, where the class is left open.
 */
static bool class_byte(const char *s, size_t *i, unsigned *c)
{
	if (s[*i] == '\\')
		++*i;
	if (s[*i] == '\0')
		return false;
	*c = (unsigned char)s[(*i)++];
	return true;
}

/*
 * Parses the class starting at S[*i] == '[' into SET and moves *i past its
 * ']'. Members are read left to right: "[:name:]", or a byte optionally
 * followed by "-" and a byte other than ']' to make a range; so a '-' that
 * comes last or right after a range or a "[:name:]" is itself a member.
 */
static int parse_class(const char *s, size_t *i, struct byte_set *set,
		       const char **why)
{
	size_t j = *i + 1;
	bool negate = false, first = true;
	unsigned lo, hi, c;

	if (s[j] == '!' || s[j] == '^') {
		negate = true;
		j++;
	}
	for (;; first = false) {
		if (s[j] == '\0')
			return fail(why, WHY_UNTERMINATED);
		if (s[j] == ']' && !first)
			break;
		if (s[j] == '[' && s[j + 1] == ':') {
			const char *end = strstr(s + j + 2, ":]");
			int err;

			if (!end)
				return fail(why, WHY_UNTERMINATED);
			err = add_posix_class(set, s + j + 2,
					      (size_t)(end - (s + j + 2)), why);
			if (err < 0)
				return err;
			j = (size_t)(end - s) + 2;
			continue;
		}
		if (!class_byte(s, &j, &lo))
			return fail(why, WHY_UNTERMINATED);
		hi = lo;
		if (s[j] == '-' && s[j + 1] != ']' && s[j + 1] != '\0') {
			j++;
			if (!class_byte(s, &j, &hi))
				return fail(why, WHY_UNTERMINATED);
			if (hi < lo)
				return fail(why, WHY_BAD_RANGE);
		}
		for (c = lo; c <= hi; c++)
			set_add(set, c);
	}
	*i = j + 1;
	if (negate)
		for (c = 0; c < 4; c++)
			set->bits[c] = ~set->bits[c];
	/* A class stands for part of one path component, negated or not. */
	set->bits['/' / 64] &= ~(UINT64_C(1) << ('/' % 64));
	return 0;
}

/*
 * First pass: one token per element of the text, each '*' on its own, so
 * that the star-run rules below can look at whole runs and their
 * neighbours.
 */
static int tokenize(struct pattern *p, const char **why)
{
	const char *s = p->text;
	size_t i = 0, ncls = 0;
	int err;

	while (s[i] != '\0') {
		struct token *t = &p->toks[p->ntok++];

		switch (s[i]) {
		case '*':
			t->kind = TOKEN_STAR;
			i++;
			break;
		case '?':
			t->kind = TOKEN_ONE;
			i++;
			break;
		case '[':
			t->kind = TOKEN_CLASS;
			t->cls = (uint16_t)ncls;
			err = parse_class(s, &i, &p->classes[ncls++], why);
			if (err < 0)
				return err;
			break;
		case '\\':
			if (s[i + 1] == '\0')
				return fail(why, WHY_BACKSLASH);
			t->kind = TOKEN_LIT;
			t->byte = (uint8_t)s[i + 1];
			i += 2;
			break;
		default:
			t->kind = TOKEN_LIT;
			t->byte = (uint8_t)s[i++];
			break;
		}
	}
	return 0;
}

static bool is_slash(const struct pattern *p, size_t i)
{
	return p->toks[i].kind == TOKEN_LIT && p->toks[i].byte == '/';
}

/*
 * The longest run of literal tokens past the prefix. Consecutive literal
 * tokens match consecutive bytes; a '/' that "/ ** /" may skip is left
 * out, as a match need not hold it.
 */
static void find_required(struct pattern *p)
{
	size_t best = 0, best_at = 0;

	for (size_t i = p->nprefix; i < p->ntok;) {
		size_t n = 0;

		while (i + n < p->ntok && p->toks[i + n].kind == TOKEN_LIT &&
		       !p->toks[i + n].skip_dirs)
			n++;
		if (n > best) {
			best = n;
			best_at = i;
		}
		i += n ? n : 1;
	}
	p->nreq = (uint8_t)(best < REQ_MAX ? best : REQ_MAX);
	for (size_t k = 0; k < p->nreq; k++)
		p->req[k] = (char)p->toks[best_at + k].byte;
}

/*
 * Second pass, in place: a final '/' and "***" become dir_tail; each run
 * of two or more stars becomes one TOKEN_ANY. Between two slashes such a
 * run may also match no directory at all: "/(.*\/)?" is "(\/.*)?/", so the
 * first '/' gets an edge past itself and the run. Putting the edge on the
 * ANY instead would let it fire after the run had eaten bytes too.
 */
static void fold_stars(struct pattern *p)
{
	size_t n = p->ntok, i = 0, o = 0, run;

	if (n >= 4 && is_slash(p, n - 4) && p->toks[n - 3].kind == TOKEN_STAR &&
	    p->toks[n - 2].kind == TOKEN_STAR &&
	    p->toks[n - 1].kind == TOKEN_STAR) {
		p->dir_tail = true;
		n -= 4;
	}
	while (i < n) {
		if (p->toks[i].kind != TOKEN_STAR) {
			p->toks[o++] = p->toks[i++];
			continue;
		}
		for (run = 0;
		     i + run < n && p->toks[i + run].kind == TOKEN_STAR; run++)
			;
		p->toks[o].kind = run == 1 ? TOKEN_STAR : TOKEN_ANY;
		if (run > 1 && o > 0 && is_slash(p, o - 1) && i + run < n &&
		    is_slash(p, i + run))
			p->toks[o - 1].skip_dirs = true;
		o++;
		i += run;
	}
	p->ntok = o;
	while (p->nprefix < o && p->toks[p->nprefix].kind == TOKEN_LIT &&
	       !p->toks[p->nprefix].skip_dirs)
		p->nprefix++;
	find_required(p);
}

int pattern_compile(const char *text, struct pattern **out, const char **why)
{
	struct pattern *p;
	size_t len;
	int err;

	*out = NULL;
	if (!text || text[0] != '/')
		return fail(why, WHY_ABSOLUTE);
	len = strnlen(text, PATTERN_MAX + 1);
	if (len > PATTERN_MAX) {
		if (why)
			*why = WHY_TOO_LONG;
		return -ENAMETOOLONG;
	}
	p = calloc(1, sizeof(*p));
	if (!p)
		return -ENOMEM;
	/* Upper bounds: a token takes a byte of text, a class three. */
	p->text = strdup(text);
	p->toks = calloc(len, sizeof(*p->toks));
	p->classes = calloc(len / 3 + 1, sizeof(*p->classes));
	if (!p->text || !p->toks || !p->classes) {
		pattern_free(p);
		return -ENOMEM;
	}
	err = tokenize(p, why);
	if (err < 0) {
		pattern_free(p);
		return err;
	}
	fold_stars(p);
	if (why)
		*why = NULL;
	*out = p;
	return 0;
}

static void bit_set(uint64_t *set, size_t i)
{
	set[i / 64] |= UINT64_C(1) << (i % 64);
}

static bool bit_test(const uint64_t *set, size_t i)
{
	return set[i / 64] >> (i % 64) & 1;
}

/*
 * Adds state I to SET along with the states reachable from it without
 * reading a byte: past a star run that matches nothing, and past the first
 * '/' and the "**" of "/ ** /". No token has both edges, so they form a
 * chain; it stops at a state already in SET, whose chain is in SET too,
 * which keeps one step linear in the number of tokens.
 */
static void enter(const struct pattern *p, uint64_t *set, size_t i)
{
	while (!bit_test(set, i)) {
		bit_set(set, i);
		if (i == p->ntok)
			break;
		if (p->toks[i].skip_dirs)
			i += 2;
		else if (p->toks[i].kind == TOKEN_STAR ||
			 p->toks[i].kind == TOKEN_ANY)
			i++;
		else
			break;
	}
}

/* Moves every state of CUR over byte C into NEXT; false if none survive. */
static bool step(const struct pattern *p, const uint64_t *cur, uint64_t *next,
		 size_t nw, unsigned c)
{
	const struct token *t;
	bool alive = false;
	uint64_t bits;
	size_t w, i, to;

	memset(next, 0, nw * sizeof(*next));
	for (w = 0; w < nw; w++) {
		for (bits = cur[w]; bits; bits &= bits - 1) {
			i = w * 64 + (unsigned)__builtin_ctzll(bits);
			if (i == p->ntok)
				continue; /* accepting, nothing left to read */
			t = &p->toks[i];
			to = i + 1;
			switch ((enum token_kind)t->kind) {
			case TOKEN_LIT:
				if (c != t->byte)
					continue;
				break;
			case TOKEN_ONE:
				if (c == '/')
					continue;
				break;
			case TOKEN_CLASS:
				if (!set_has(&p->classes[t->cls], c))
					continue;
				break;
			case TOKEN_STAR:
				if (c == '/')
					continue;
				to = i;
				break;
			case TOKEN_ANY:
				to = i;
				break;
			}
			enter(p, next, to);
			alive = true;
		}
	}
	return alive;
}

bool pattern_match(const struct pattern *p, const char *path, size_t len)
{
	uint64_t a[STATE_WORDS], b[STATE_WORDS], *cur = a, *next = b, *tmp;
	size_t nw = p->ntok / 64 + 1, i;
	size_t last = p->ntok - 1; /* wraps when ntok == 0; then unused */
	bool any_tail = p->ntok > 0 && p->toks[last].kind == TOKEN_ANY;

	/* Most rules are a literal directory and a tail: reject cheaply. */
	if (len < p->nprefix)
		return false;
	for (i = 0; i < p->nprefix; i++)
		if ((unsigned char)path[i] != p->toks[i].byte)
			return false;
	if (p->nprefix == p->ntok)
		return len == i || (p->dir_tail && path[i] == '/');
	if (p->nreq && !memmem(path + i, len - i, p->req, p->nreq))
		return false;

	memset(cur, 0, nw * sizeof(*cur));
	enter(p, cur, p->nprefix);
	for (; i < len; i++) {
		/* "/d/ ***" (no space): once "/d" matched, '/' admits all. */
		if (p->dir_tail && path[i] == '/' && bit_test(cur, p->ntok))
			return true;
		/* A final "**" swallows whatever is left. */
		if (any_tail && bit_test(cur, last))
			return true;
		if (!step(p, cur, next, nw, (unsigned char)path[i]))
			return false;
		tmp = cur;
		cur = next;
		next = tmp;
	}
	return bit_test(cur, p->ntok);
}

/*
 * One '/'-separated component of S (up to END) into BUF (PATH_MAX): its
 * end, or NULL when it is too long.
 */
static const char *component(const char *s, const char *end, char *buf)
{
	const char *e = memchr(s, '/', (size_t)(end - s));

	if (!e)
		e = end;
	if ((size_t)(e - s) >= PATH_MAX)
		return NULL;
	memcpy(buf, s, (size_t)(e - s));
	buf[e - s] = '\0';
	return e;
}

bool pattern_may_match_below(const struct pattern *p, const char *dir,
			     size_t len)
{
	const char *t = p->text, *tend = t + strlen(t), *d = dir;
	const char *dend = dir + len;
	char tc[PATH_MAX], dc[PATH_MAX];

	while (dend > d + 1 && dend[-1] == '/')
		dend--;
	if (dend - d <= 1)
		return true; /* "/": everything is below it */
	/* Component by component, from the first after the root's '/'. */
	for (t++, d++;; t++, d++) {
		t = component(t, tend, tc);
		d = component(d, dend, dc);
		/* "**" may stand for any number of directories: may match. */
		if (!t || !d || strstr(tc, "**"))
			return true;
		if (fnmatch(tc, dc, 0) != 0)
			return false;
		if (d == dend) /* DIR used up: the pattern must go deeper */
			return t < tend;
		if (t == tend)
			return false;
	}
}

const char *pattern_text(const struct pattern *p)
{
	return p->text;
}

void pattern_free(struct pattern *p)
{
	if (!p)
		return;
	free(p->text);
	free(p->toks);
	free(p->classes);
	free(p);
}
