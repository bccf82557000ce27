/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Commands from inside the sandbox (/dev/syd): the grammar of -m, but
 * judged first by the lock state and by what can still take effect once
 * the sandbox runs. A sandboxed process is untrusted: it may not make syd
 * read files (include), expand syd's own environment into a rule it can
 * read back, turn on a category whose calls the filter never hooked, or
 * change what was applied once at startup (namespaces, Landlock, limits),
 * where the state would claim a protection nobody enforces.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "config/internal.h"
#include "kernel/hash.h"
#include "policy/decide.h"
#include "policy/force.h"

/* Does the category list SUB ("read,lock") name lock? */
static bool lists_lock(const char *sub)
{
	size_t n;

	for (; *sub; sub += n + (sub[n] == ',')) {
		n = strcspn(sub, ",");
		if (n == 4 && !strncmp(sub, "lock", 4))
			return true;
	}
	return false;
}

/*
 * Rows whose effect is decided at each call, so a change at run time is
 * real. Everything else was applied once, before the command ran.
 */
static bool runtime_key(const char *key, const char *sub)
{
	static const char *const keys[] = {
		"lock",	    "stat",   "panic",	"reset",    "sandbox/",
		"default/", "allow/", "warn/",	"filter/",  "deny/",
		"panic/",   "stop/",  "abort/", "kill/",    "exit/",
		"force",    "exec/",  "ghost",	"cmd/exec",
	};

	for (size_t i = 0; i < ARRAY_SIZE(keys); i++) {
		if (strcmp(keys[i], key))
			continue;
		/*
		 * Landlock (sandbox/lock, default/lock, allow/lock/...) was
		 * applied before exec: a state saying otherwise would lie.
		 */
		return !lists_lock(sub) && strncmp(sub, "lock/", 5);
	}
	return false;
}

static bool denies(const char *name, size_t len)
{
	enum action act;

	return action_from_name(name, len, &act) == 0 && !action_allows(act);
}

/*
 * force+VAL under lock:drop. A rule lets the content it names run: it
 * tightens only where any content ran already, with Force off or on a
 * path no rule names whose default/force lets it run. A rule replacing
 * another (a new digest for a listed program), or for a path the default
 * refuses, would let a refused program run (esc-force-drop).
 */
static bool force_tightens(const struct sandbox *sb, const char *val)
{
	struct force_entry e;
	char why[256];
	bool ok;

	if (!sandbox_enabled(sb, CAT_FORCE))
		return true;
	/* Unparsable: refused here, whatever the parser would say. */
	if (force_parse(val, hash_digest_size, &e, why, sizeof(why)) < 0)
		return false;
	ok = !force_find(&sb->forces, e.path) &&
	     action_allows(sb->dflt[CAT_FORCE]);
	force_entry_fini(&e);
	return ok;
}

/*
 * lock:drop lets through only what leaves the sandbox at most as open as
 * before: a category turned on, a refusing rule added or a refusing
 * default, an allowing rule taken away, a checksum for what ran anyway
 * (force_tightens()); a stricter lock is the caller's to judge. Anything
 * else could open something.
 */
static bool tightens(const struct sandbox *sb, const struct lex_line *l,
		     const char *key, const char *sub)
{
	size_t klen = strlen(key);
	bool on;

	if (!strcmp(key, "sandbox/"))
		return l->op == ':' && parse_bool(l->arg, &on) == 0 && on;
	if (!strcmp(key, "default/"))
		return denies(l->arg, strlen(l->arg));
	if (!strcmp(key, "force"))
		return l->op == '+' && force_tightens(sb, l->arg);
	if (!strcmp(key, "exec/"))
		return l->op == '+'; /* exec/kill+: a kill rule added */
	/* ghost: every hooked call fails from then on. */
	if (!strcmp(key, "ghost"))
		return true;
	(void)sub;
	if (key[klen - 1] != '/')
		return false;
	/* A rule row: its key is the action. */
	if (l->op == '+')
		return denies(key, klen - 1);
	return !denies(key, klen - 1); /* - or ^ of allow/ or warn/ */
}

/* A rule row whose action refuses (deny/, kill/...): KEY ends in '/'. */
static bool denies_row(const char *key)
{
	size_t n = strlen(key);

	/* exec/ is exec/kill (Paludis's spelling of kill/exec). */
	return n > 1 && key[n - 1] == '/' &&
	       (denies(key, n - 1) || !strcmp(key, "exec/"));
}

/*
 * Do the categories SUB ("stat,read") take in stat, walk or list? "all"
 * does not where this is asked: struct config's all_keeps_names.
 */
static bool names_cats(const char *sub)
{
	static const char *const cats[] = { "stat", "walk", "list" };

	for (const char *p = sub; *p;) {
		size_t n = strcspn(p, ",");

		for (size_t i = 0; i < ARRAY_SIZE(cats); i++)
			if (strlen(cats[i]) == n && !strncmp(p, cats[i], n))
				return true;
		p += n + (p[n] == ',');
	}
	return false;
}

int config_apply_runtime(struct config *c, const char *text, uint64_t hooked,
			 struct config_err *err)
{
	struct where w = { SRC_ARG, "/dev/syd", 0, NULL };
	struct ctx x = { c, c->sb, err, &w, text };
	struct sandbox *sb = c->sb;
	enum lock_state cur = sb->lock_state, want;
	const struct cmd *cmd;
	const char *sub = "";
	struct lex_line l;
	uint64_t before = sb->enabled, expand = sb->expand_timeout;
	enum action dflt[CAT_COUNT];
	char why[512];
	int ret;

	c->runtime = true;
	if (strchr(text, '\n') || !*text)
		return fail(&x, -EINVAL, "one command, no newline");
	ret = lex_line(text, &l, why, sizeof(why));
	if (ret < 0)
		return fail(&x, ret, "%s", why);
	/* An include would have syd open a file with its own rights. */
	if (l.kind != LEX_COMMAND)
		return fail(&x, -EPERM, "include is not allowed at run time");
	ret = cmd_lookup(l.key, l.op, &cmd, &sub, why, sizeof(why));
	if (ret < 0)
		return fail(&x, ret, "%s", why);
	if (l.op != '?' && !strcmp(cmd->key, "lock")) {
		/* lock_set or not, nothing inside may loosen the lock. */
		if (lock_state_from_name(l.arg, &want) == 0 && want < cur)
			return fail(&x, -EPERM,
				    "lock is '%s': it only moves toward "
				    "stricter states",
				    lock_state_name(cur));
	} else if (l.op != '?') {
		if (cur >= LOCK_STATE_READ)
			return fail(&x, -EPERM, "lock:%s allows queries only",
				    lock_state_name(cur));
		if (!runtime_key(cmd->key, sub))
			return fail(&x, -EBUSY,
				    "'%s' takes effect at startup only",
				    cmd->key);
		if (cur == LOCK_STATE_DROP && !tightens(sb, &l, cmd->key, sub))
			return fail(&x, -EPERM,
				    "lock:drop allows only commands that "
				    "tighten the policy");
	}
	/*
	 * Taking an allowing rule away, or a reset, could make hiding
	 * possible and cannot be undone in place (re-adding moves the rule
	 * last, where it wins over more): refused before, when the listings
	 * are not hooked.
	 */
	if (!sb->hiding_hooked && (!strcmp(cmd->key, "reset") ||
				   ((l.op == '-' || l.op == '^') &&
				    !denies_row(cmd->key) && names_cats(sub))))
		return fail(&x, -EBUSY,
			    "hiding names takes effect at startup only: "
			    "the listings were not hooked");
	memcpy(dflt, sb->dflt, sizeof(dflt));
	/* No expansion: ${VAR} would read syd's environment, not the caller's. */
	sb->expand_timeout = 0;
	c->all_keeps_names = !sb->hiding_hooked;
	ret = config_apply_arg(c, text, err);
	c->all_keeps_names = false;
	if (ret == 0 && !sb->hiding_hooked && decide_may_hide(sb, true)) {
		/*
		 * A rule (or default) that hides names, where the calls that
		 * list names were not hooked at start: listings would show
		 * what stat hides. Undone: the rule taken away again, the
		 * defaults as they were.
		 */
		char undo[sizeof(l.key) + 2 + PATH_MAX];

		if (l.op == '+' && strlen(l.arg) < PATH_MAX) {
			snprintf(undo, sizeof(undo), "%s-%s", l.key, l.arg);
			(void)config_apply_arg(c, undo, NULL);
		}
		memcpy(sb->dflt, dflt, sizeof(dflt));
		sb->expand_timeout = expand;
		return fail(&x, -EBUSY,
			    "hiding names (stat, walk or list refused) takes "
			    "effect at startup only: the listings were not "
			    "hooked");
	}
	sb->expand_timeout = expand;
	/* A category the filter does not hook would be on in name only. */
	if (ret == 0 && (sb->enabled & ~before & ~hooked)) {
		sb->enabled &= before | hooked;
		return fail(&x, -EBUSY,
			    "a category off at startup cannot be turned on "
			    "at run time: its calls are not hooked");
	}
	return ret;
}
