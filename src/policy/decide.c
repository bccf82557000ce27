/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The decision on a path (see decide.h): rule lists in, steps out. */
#include "policy/decide.h"

#include <errno.h>
#include <string.h>

static void push(struct decision *d, enum cat cat, enum action act, int err,
		 size_t len, const struct rule *rule)
{
	/* At most one per category and one for visibility: cannot overflow. */
	if (d->n < DECIDE_STEPS)
		d->step[d->n++] =
			(struct decide_step){ cat, act, err, len, rule };
}

bool decide_hidden(const struct sandbox *sb, const char *path, size_t len,
		   bool stat_call, struct decide_step *h)
{
	const struct rule *rule;
	enum action act;

	*h = (struct decide_step){ CAT_STAT, ACTION_ALLOW, 0, len, NULL };
	if (sandbox_enabled(sb, CAT_WALK) && path[0] == '/') {
		for (size_t i = 0; i < len; i++) {
			/* the ancestor ending here: "/" for i == 0 */
			size_t plen = i ? i : 1;

			if (path[i] != '/' || plen == len)
				continue;
			act = sandbox_check_path(sb, CAT_WALK, path, plen,
						 &rule);
			/* The walk default hides nothing. */
			if (!rule || act == ACTION_ALLOW)
				continue;
			if (action_allows(act)) {
				if (h->act == ACTION_ALLOW)
					*h = (struct decide_step){ CAT_WALK,
								   act, 0, plen,
								   rule };
				continue;
			}
			*h = (struct decide_step){ CAT_WALK, act, -ENOENT, plen,
						   rule };
			return true;
		}
	}
	if (sandbox_enabled(sb, CAT_STAT)) {
		act = sandbox_check_path(sb, CAT_STAT, path, len, &rule);
		/* The stat default refuses a stat call only, and hides not. */
		if (!rule && !stat_call)
			return false;
		if (!action_allows(act)) {
			*h = (struct decide_step){ CAT_STAT, act,
						   rule ? -ENOENT : -EACCES,
						   len, rule };
			return true;
		}
		if (act != ACTION_ALLOW && h->act == ACTION_ALLOW)
			*h = (struct decide_step){ CAT_STAT, act, 0, len,
						   rule };
	}
	return false;
}

bool decide_hidden_by_rule(const struct sandbox *sb, const char *path,
			   size_t len)
{
	struct decide_step h;

	return decide_hidden(sb, path, len, false, &h) && h.err == -ENOENT;
}

void decide_cats(const struct sandbox *sb, const char *path, size_t len,
		 uint64_t cats, struct decision *d)
{
	const struct rule *rule;
	enum action act;

	cats &= ~(CAT_BIT(CAT_STAT) | CAT_BIT(CAT_WALK));
	for (int c = 0; c < CAT_COUNT; c++) {
		if (!(cats & CAT_BIT(c)))
			continue;
		act = sandbox_check_path(sb, (enum cat)c, path, len, &rule);
		if (act == ACTION_ALLOW)
			continue;
		if (action_allows(act)) {
			push(d, (enum cat)c, act, 0, len, rule);
			continue;
		}
		push(d, (enum cat)c, act, -EACCES, len, rule);
		return;
	}
}

void decide_path(const struct sandbox *sb, const char *path, size_t len,
		 uint64_t cats, struct decision *d)
{
	struct decide_step h;

	d->n = 0;
	if (decide_hidden(sb, path, len, cats & CAT_BIT(CAT_STAT), &h)) {
		push(d, h.cat, h.act, h.err, h.len, h.rule);
		return;
	}
	if (h.act != ACTION_ALLOW)
		push(d, h.cat, h.act, 0, h.len, h.rule);
	decide_cats(sb, path, len, cats, d);
}

bool decide_restricts(const struct sandbox *sb, enum cat cat)
{
	return sandbox_enabled(sb, cat) &&
	       (!action_allows(sb->dflt[cat]) || sb->rules[cat].n > 0);
}

bool decide_may_hide(const struct sandbox *sb, bool lists)
{
	static const enum cat cats[] = { CAT_STAT, CAT_WALK, CAT_LIST };

	for (size_t c = 0; c < (lists ? 3u : 2u); c++) {
		const struct rule_list *l = &sb->rules[cats[c]];

		if (!sandbox_enabled(sb, cats[c]))
			continue;
		for (size_t i = 0; i < l->n; i++)
			if (cats[c] == CAT_LIST ? l->v[i].act != ACTION_ALLOW
						: !action_allows(l->v[i].act))
				return true;
	}
	return false;
}

static bool allows_inet(const struct rule_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].has_addr && l->v[i].addr.kind == ADDR_KIND_INET &&
		    action_allows(l->v[i].act))
			return true;
	return false;
}

bool decide_allows_inet(const struct sandbox *sb)
{
	return allows_inet(&sb->rules[CAT_NET_CONNECT]) ||
	       allows_inet(&sb->rules[CAT_NET_BIND]);
}

/* Listings: stat [0] hides, list [1] applies its action. */
static const enum cat list_cats[2] = { CAT_STAT, CAT_LIST };

/* Could the glob TEXT match a path that starts with PREFIX (N bytes)? */
static bool glob_may_start(const char *text, const char *prefix, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = text[i];

		if (c == '*' || c == '?' || c == '[' || c == '\\')
			return true; /* a glob from here: cannot tell */
		if (c != prefix[i])
			return false; /* also where TEXT ends first */
	}
	return true;
}

void decide_list_scan(const struct sandbox *sb, const char *dir, size_t dlen,
		      struct decide_list *l)
{
	for (int k = 0; k < 2; k++) {
		const struct rule_list *rl = &sb->rules[list_cats[k]];

		l->ncand[k] = 0;
		l->every[k] = false;
		if (!sandbox_enabled(sb, list_cats[k]))
			continue;
		for (size_t i = 0; i < rl->n; i++) {
			enum action act = rl->v[i].act;

			/* stat: only a refusal hides; list: a warning logs */
			if (act == ACTION_ALLOW ||
			    (k == 0 && action_allows(act)))
				continue;
			if (!rl->v[i].pat ||
			    !glob_may_start(pattern_text(rl->v[i].pat), dir,
					    dlen))
				continue;
			if (l->ncand[k] == LIST_CANDIDATES) {
				/* too many: each entry is decided in full */
				l->every[k] = true;
				break;
			}
			l->cand[k][l->ncand[k]++] = i;
		}
	}
}

void decide_list_begin(const struct sandbox *sb, const char *dir, size_t dlen,
		       struct decide_list *l)
{
	const struct rule *rule;

	l->all = false;
	/* A refused walk of DIR or above hides all of DIR's entries. */
	for (size_t i = 0; i < dlen && !l->all; i++) {
		enum action act;

		if (dir[i] != '/')
			continue;
		act = sandbox_check_path(sb, CAT_WALK, dir, i ? i : 1, &rule);
		l->all = rule && !action_allows(act);
	}
	decide_list_scan(sb, dir, dlen, l);
}

bool decide_list_shows_all(const struct decide_list *l)
{
	return !l->all && !l->ncand[0] && !l->every[0] && !l->ncand[1] &&
	       !l->every[1];
}

/* May a rule of list_cats[K] decide the entry PATH (LEN bytes)? */
static bool list_candidate(const struct sandbox *sb,
			   const struct decide_list *l, int k, const char *path,
			   size_t len)
{
	const struct rule_list *rl = &sb->rules[list_cats[k]];

	if (l->every[k])
		return true;
	for (size_t i = 0; i < l->ncand[k]; i++)
		if (pattern_match(rl->v[l->cand[k][i]].pat, path, len))
			return true;
	return false;
}

bool decide_list_entry(const struct sandbox *sb, const struct decide_list *l,
		       const char *path, size_t len, struct decide_step *list)
{
	const struct rule *rule;
	enum action act;

	*list = (struct decide_step){ CAT_LIST, ACTION_ALLOW, 0, len, NULL };
	if (list_candidate(sb, l, 1, path, len)) {
		act = sandbox_check_path(sb, CAT_LIST, path, len, &rule);
		if (rule && act != ACTION_ALLOW)
			*list = (struct decide_step){
				CAT_LIST, act, action_allows(act) ? 0 : -EACCES,
				len, rule
			};
	}
	if (list_candidate(sb, l, 0, path, len)) {
		act = sandbox_check_path(sb, CAT_STAT, path, len, &rule);
		if (rule && !action_allows(act))
			return true;
	}
	return false;
}
