/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The decision on a path: pure, no system calls, under the caller's read
 * lock on the sandbox. Given the categories a call needs and the
 * canonical path it resolved to, it says which checks did not simply
 * allow: the warnings to log, and at most one refusal, last, with the
 * answer it gives (ENOENT for a hidden path, EACCES otherwise) and the
 * rule that decided. Acting on it (logging, answering, signalling) is
 * the caller's (syscalls/decide.c).
 *
 * Visibility comes first, for every call: a path is hidden, exactly as if
 * it were missing, when a stat rule refuses it, or a walk rule refuses a
 * directory above it (a hidden directory cannot be walked through). The
 * defaults of walk and stat do not hide: an allow rule for /a/b/c needs
 * no rules for /a and /a/b; a stat call on a path no rule covers gets the
 * stat default (EACCES). Then each other category: its rules' last
 * match, or its default.
 */
#ifndef SYD_POLICY_DECIDE_H
#define SYD_POLICY_DECIDE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sandbox.h"

/* One check that did not simply allow. */
struct decide_step {
	enum cat cat;
	enum action act;
	/*
	 * The answer when ACT refuses: -ENOENT (hidden by a rule) or
	 * -EACCES (refused, or a stat default). 0 for one that lets the
	 * call go on (a warning).
	 */
	int err;
	size_t len; /* bytes of the path checked: an ancestor's, for walk */
	const struct rule *rule; /* NULL: the category's default decided */
};

/* Visibility takes at most one step; each category one. */
#define DECIDE_STEPS (CAT_COUNT + 1)

struct decision {
	size_t n;
	/* warnings in the order checked, then at most one refusal */
	struct decide_step step[DECIDE_STEPS];
};

/* Does D end in a refusal? */
static inline bool decision_refuses(const struct decision *d)
{
	return d->n > 0 && !action_allows(d->step[d->n - 1].act);
}

/*
 * Visibility of PATH (LEN bytes). True when it is hidden, with H the
 * refusing check: a walk rule on an ancestor (H->len its length), or the
 * stat check (a rule: -ENOENT; with STAT_CALL, the stat default too:
 * -EACCES). False when it may be seen, with H->act ACTION_WARN (the first
 * check that warned, in H) or ACTION_ALLOW.
 */
bool decide_hidden(const struct sandbox *sb, const char *path, size_t len,
		   bool stat_call, struct decide_step *h);

/* Is PATH hidden by a rule (not a default), as a lookup may not pass it? */
bool decide_hidden_by_rule(const struct sandbox *sb, const char *path,
			   size_t len);

/*
 * Each category of CATS (CAT_STAT and CAT_WALK excluded: that is
 * visibility) for PATH, appended to D: stops at the first refusal.
 */
void decide_cats(const struct sandbox *sb, const char *path, size_t len,
		 uint64_t cats, struct decision *d);

/*
 * The whole decision for a call on PATH in the categories CATS: its
 * visibility (a stat call's when CATS has CAT_STAT), then every other
 * category. D->n == 0: allowed without a word.
 */
void decide_path(const struct sandbox *sb, const char *path, size_t len,
		 uint64_t cats, struct decision *d);

/* Does category CAT (enabled) refuse anything: a default or any rule? */
bool decide_restricts(const struct sandbox *sb, enum cat cat);

/*
 * Can a rule hide a name: a refusing stat or walk rule, or (LISTS) a list
 * rule other than allow (a warning is logged at each listing)? Defaults
 * hide nothing.
 */
bool decide_may_hide(const struct sandbox *sb, bool lists);

/* Does an allow rule of connect or bind name an IPv4 or IPv6 address? */
bool decide_allows_inet(const struct sandbox *sb);

/* Rules decide_list_begin() keeps per category before it tries them all. */
#define LIST_CANDIDATES 16

/*
 * The entries of one directory, decided one by one. An entry DIR/NAME is
 * hidden when a stat rule refuses it or a walk rule refuses DIR or a
 * directory above (what hides it from every path call), or when a list
 * rule refuses it; a list rule's action applies (logged, unless filter),
 * a stat rule's is the stat call's business. Defaults hide nothing, as
 * for stat. Matching every rule against every entry would cost a listing
 * of a big directory a lot: only rules that can match under DIR (their
 * text agrees with "DIR/" up to their first glob character) and may hide
 * or log are tried.
 */
struct decide_list {
	bool all; /* DIR or a directory above may not be walked */
	/*
	 * The rules of stat [0] and list [1] that may decide an entry here
	 * (indices into the category's list), or EVERY: too many to keep.
	 */
	size_t ncand[2];
	bool every[2];
	size_t cand[2][LIST_CANDIDATES];
};

/*
 * Start on the directory whose path with a trailing "/" is DIR (DLEN
 * bytes; "/" for the root).
 */
void decide_list_begin(const struct sandbox *sb, const char *dir, size_t dlen,
		       struct decide_list *l);

/* Find the rules that may decide an entry again (the rules changed). */
void decide_list_scan(const struct sandbox *sb, const char *dir, size_t dlen,
		      struct decide_list *l);

/* Can nothing hide an entry of L's directory (the common case)? */
bool decide_list_shows_all(const struct decide_list *l);

/*
 * The entry PATH (LEN bytes, DIR/NAME) of L's directory: *LIST gets the
 * list rule's step when one matched other than allow (its action to be
 * applied by the caller; err -EACCES), else its act is ACTION_ALLOW.
 * Returns true when a stat rule hides the entry.
 */
bool decide_list_entry(const struct sandbox *sb, const struct decide_list *l,
		       const char *path, size_t len, struct decide_step *list);

#endif
