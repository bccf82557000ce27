/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The commands over categories: sandbox/ turns them on and off, default/
 * sets what happens when no rule matches, and ACTION/CATEGORIES+VALUE adds
 * or removes rules (allow/lock/ the Landlock floors). A rule naming several
 * categories is applied whole or not at all: a failure rolls back the
 * categories already added.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "config/internal.h"

/* ------------------------------------------------------------------ */
/* Category lists: "read,write", "all", "net", "net/connect".          */

static const char *const unsupported_cats[] = { "crypt", "proxy", "pty" };

/*
 * Category names Syd used before it split or renamed them, which
 * Paludis's sydbox helper for Syd 3 (esandbox_3, 2024) still sends at
 * /dev/syd: each stands for the categories that now do its work
 * (doc/syd-names.md). OR them into *MASK; false for another name.
 */
static bool old_cats(const char *p, size_t len, uint64_t *mask)
{
	static const struct {
		const char *name;
		uint64_t cats;
	} olds[] = {
		/* mknod of a device, before block and character split */
		{ "mkdev", CAT_BIT(CAT_MKBDEV) | CAT_BIT(CAT_MKCDEV) },
		/* every mknod(2): devices and FIFOs */
		{ "node", CAT_BIT(CAT_MKBDEV) | CAT_BIT(CAT_MKCDEV) |
				  CAT_BIT(CAT_MKFIFO) },
		/* O_TMPFILE */
		{ "tmpfile", CAT_BIT(CAT_MKTEMP) },
		/* metadata other than owner and group, which it lists apart */
		{ "attr", CAT_BIT(CAT_CHMOD) | CAT_BIT(CAT_CHATTR) |
				  CAT_BIT(CAT_UTIME) },
		/*
		 * Sending: to an address (sydbox-1's --send was a connect
		 * rule) or an fd over a UNIX socket; a group, each value
		 * going where it fits (parse_cats()).
		 */
		{ "net/send",
		  CAT_BIT(CAT_NET_CONNECT) | CAT_BIT(CAT_NET_SENDFD) },
	};

	for (size_t i = 0; i < ARRAY_SIZE(olds); i++) {
		if (strlen(olds[i].name) == len &&
		    !memcmp(olds[i].name, p, len)) {
			*mask |= olds[i].cats;
			return true;
		}
	}
	return false;
}

/*
 * Parse a comma list of categories that all have flag NEED into *mask.
 * *has_all tells whether a group was used ("all", "net", "net/send"):
 * rules keep of it only the categories that take their kind of value.
 */
static int parse_cats(struct ctx *x, const char *list, unsigned need,
		      uint64_t *mask, bool *has_all)
{
	const char *next = list, *p;
	size_t len;

	*mask = 0;
	if (has_all)
		*has_all = false;
	while (lex_item(&next, &p, &len)) {
		enum cat cat;

		if (len == 0)
			return fail(x, -EINVAL,
				    "empty category name: expected a comma "
				    "list such as read,write or all");
		if (len == 3 && !memcmp(p, "all", 3)) {
			*mask |= CAT_MASK_ALL;
			if (x->c->all_keeps_names)
				*mask &= ~(CAT_BIT(CAT_STAT) |
					   CAT_BIT(CAT_WALK) |
					   CAT_BIT(CAT_LIST));
			if (has_all)
				*has_all = true;
		} else if (len == 3 && !memcmp(p, "net", 3)) {
			*mask |= CAT_MASK_NET;
			if (has_all)
				*has_all = true;
		} else if (old_cats(p, len, mask)) {
			if (has_all && len == 8 && !memcmp(p, "net/send", 8))
				*has_all = true;
			/* an older spelling: old_cats() says which */
		} else if (cat_from_name(p, len, &cat) == 0) {
			if (!(cat_flags(cat) & need)) {
				const char *what =
					need == CATF_RULES ? "takes no rules"
					: need == CATF_TOGGLE
						? "cannot be turned on or off"
						: "has no default action";

				return fail(x, -EINVAL, "category '%s' %s",
					    cat_name(cat), what);
			}
			*mask |= CAT_BIT(cat);
		} else {
			for (size_t i = 0; i < ARRAY_SIZE(unsupported_cats);
			     i++) {
				if (strlen(unsupported_cats[i]) == len &&
				    !memcmp(unsupported_cats[i], p, len))
					return fail(x, -EOPNOTSUPP,
						    "category '%.*s' is not "
						    "supported yet",
						    (int)len, p);
			}
			return fail(x, -EINVAL,
				    "unknown category '%.*s' (expected stat, "
				    "read, write, exec, ..., net/connect or "
				    "all; see syd(7))",
				    (int)len, p);
		}
	}
	return 0;
}

int cmd_sandbox(struct ctx *x, const char *sub, char op, const char *val)
{
	int err;
	uint64_t mask;
	bool on;

	err = parse_cats(x, sub, CATF_TOGGLE, &mask, NULL);
	if (err < 0)
		return err;
	if (need_op(x, op, ":?",
		    "sandbox/CATEGORIES:on|off or sandbox/CATEGORIES?") < 0)
		return -EINVAL;
	if (op == '?') {
		if (*val)
			return fail(x, -EINVAL, "a query takes no value");
		return (x->sb->enabled & mask) == mask
			       ? 0
			       : fail(x, -ENOENT, "query is false");
	}
	if (parse_bool(val, &on) < 0)
		return fail(x, -EINVAL,
			    "expected on or off (also true, false, 1, 0)");
	if (on)
		x->sb->enabled |= mask;
	else
		x->sb->enabled &= ~mask;
	return 0;
}

int cmd_default(struct ctx *x, const char *sub, char op, const char *val)
{
	int err;
	enum action act;
	uint64_t mask;

	err = parse_cats(x, sub, CATF_DEFAULT, &mask, NULL);
	if (err < 0)
		return err;
	if (need_op(x, op, ":", "default/CATEGORIES:ACTION") < 0)
		return -EINVAL;
	if (action_from_name(val, strlen(val), &act) < 0)
		return fail(x, -EINVAL,
			    "unknown action '%s': expected allow, warn, "
			    "filter, deny, panic, stop, abort, kill or exit",
			    val);
	/* Landlock's "default" is its compatibility level. */
	if ((mask & CAT_BIT(CAT_LOCK)) && act != ACTION_KILL &&
	    act != ACTION_DENY && act != ACTION_WARN)
		return fail(x, -EINVAL,
			    "default/lock takes kill (hard requirement), deny "
			    "(soft) or warn (best effort)");
	for (int c = 0; c < CAT_COUNT; c++)
		if (mask & CAT_BIT(c))
			x->sb->dflt[c] = act;
	return 0;
}

/* "allow/lock/RIGHTS+PATH", "allow/lock/bind+PORTS", ".../connect+PORTS" */
static int landlock_ports(struct ctx *x, bool connect, char op, const char *val)
{
	const char *usage = "allow/lock/bind+PORT[-PORT][,...]";
	const char *next = val, *p;
	size_t len;
	struct vec *v = &x->sb->ll_ports;

	if (need_op(x, op, "+-^", usage) < 0 || need_value(x, val, usage) < 0)
		return -EINVAL;
	while (lex_item(&next, &p, &len)) {
		char item[32], *dash;
		uint64_t lo, hi;
		struct ll_ports e;

		if (len == 0 || len >= sizeof(item))
			return fail(x, -EINVAL, "expected %s", usage);
		memcpy(item, p, len);
		item[len] = '\0';
		dash = strchr(item, '-');
		if (dash)
			*dash = '\0';
		if (parse_u64(item, 10, 65535, &lo) < 0 ||
		    parse_u64(dash ? dash + 1 : item, 10, 65535, &hi) < 0)
			return fail(x, -EINVAL,
				    "bad port '%.*s': expected 0-65535 or "
				    "LO-HI",
				    (int)len, p);
		if (lo > hi)
			return fail(x, -EINVAL,
				    "bad port range '%.*s': first port is "
				    "greater than last",
				    (int)len, p);
		e = (struct ll_ports){ (uint16_t)lo, (uint16_t)hi, connect };
		if (op == '+') {
			if (vec_push(v, &e) < 0)
				return oom(x);
		} else {
			for (size_t i = v->n; i-- > 0;) {
				struct ll_ports *o = vec_at(v, i);

				if (o->lo == e.lo && o->hi == e.hi &&
				    o->connect == connect) {
					vec_remove(v, i);
					if (op == '-')
						break;
				}
			}
		}
	}
	return 0;
}

static int cmd_landlock(struct ctx *x, const char *rights, char op,
			const char *val)
{
	const char *usage = "allow/lock/RIGHTS+PATH (rights: read, write, "
			    "exec, ioctl, create, delete, rename, symlink, "
			    "truncate, readdir, mkdir, rmdir, mkbdev, mkcdev, "
			    "mkfifo, bind, all)";
	const char *next = rights, *p;
	size_t len;
	struct ll_path e;
	uint32_t mask = 0;

	/* bind takes a port, or a UNIX socket's path (syd-lock(1)) */
	if ((!strcmp(rights, "bind") && val[0] != '/') ||
	    !strcmp(rights, "connect"))
		return landlock_ports(x, rights[0] == 'c', op, val);
	while (lex_item(&next, &p, &len)) {
		char name[32];
		enum ll_right r;

		if (len == 0 || len >= sizeof(name))
			return fail(x, -EINVAL, "expected %s", usage);
		memcpy(name, p, len);
		name[len] = '\0';
		if (!strcmp(name, "all"))
			mask |= (1u << LL_COUNT) - 1;
		else if (!strcmp(name, "mkdev")) /* syd-lock(1)'s old name */
			mask |= 1u << LL_MKBDEV | 1u << LL_MKCDEV;
		else if (ll_right_from_name(name, &r) == 0)
			mask |= 1u << r;
		else
			return fail(x, -EINVAL,
				    "unknown Landlock right '%s': expected %s",
				    name, usage);
	}
	if (need_op(x, op, "+-^", usage) < 0 || need_value(x, val, usage) < 0)
		return -EINVAL;
	if (strstr(val, "/../") || !strcmp(val, "..") ||
	    !strncmp(val, "../", 3) ||
	    (strlen(val) >= 3 && !strcmp(val + strlen(val) - 3, "/..")))
		return fail(x, -EINVAL, "Landlock paths may not contain '..'");
	if (op != '+') {
		for (size_t i = x->sb->ll_paths.n; i-- > 0;) {
			struct ll_path *o = vec_at(&x->sb->ll_paths, i);

			if (o->rights == mask && !strcmp(o->path, val)) {
				free(o->path);
				vec_remove(&x->sb->ll_paths, i);
				if (op == '-')
					break;
			}
		}
		return 0;
	}
	e.path = strdup(val);
	e.rights = mask;
	if (!e.path || vec_push(&x->sb->ll_paths, &e) < 0) {
		free(e.path);
		return oom(x);
	}
	return 0;
}

/* Does VALUE fit category CAT at all? Used to narrow "all" in rules. */
static bool value_fits(enum cat cat, const char *val)
{
	switch (cat) {
	case CAT_NET_LINK:
		return netlink_family_from_name(val) != -1;
	case CAT_NET_BIND:
	case CAT_NET_CONNECT: {
		struct addr_rule r;
		const char *why;

		if (addr_rule_parse(val, true, &r, &why) < 0)
			return false;
		addr_rule_fini(&r);
		return true;
	}
	default:
		return val[0] == '/'; /* path globs */
	}
}

static bool is_dial_string(const char *val)
{
	const char *bang = strchr(val, '!');

	return bang && strchr(bang + 1, '!') && val[0] != '/' && val[0] != '@';
}

/*
 * allow/ioctl+REQUEST and deny/ioctl+REQUEST, Syd's spelling since it
 * made ioctl requests rules of the ioctl category: a value that is not a
 * path (it does not start with '/') is a request name or number and goes
 * to the request lists of ioctl/allow and ioctl/deny, the older spelling
 * kept as an alias. Other actions have no request list to go to.
 */
static int ioctl_request_rule(struct ctx *x, enum action act, char op,
			      const char *val)
{
	if (act != ACTION_ALLOW && act != ACTION_DENY)
		return fail(x, -EINVAL,
			    "ioctl requests take allow or deny: expected "
			    "allow/ioctl+%s or deny/ioctl+%s",
			    val, val);
	return cmd_ioctl(x, act == ACTION_ALLOW ? "allow" : "deny", op, val);
}

static int cmd_rule(struct ctx *x, enum action act, const char *sub, char op,
		    const char *val)
{
	int err;
	const char *usage = "ACTION/CATEGORIES+VALUE, -VALUE or ^[VALUE]";
	uint64_t mask, added = 0;
	bool has_all;

	if (!strncmp(sub, "lock/", 5)) {
		if (act != ACTION_ALLOW)
			return fail(x, -EINVAL,
				    "Landlock rules take allow only: expected "
				    "allow/lock/RIGHTS+PATH");
		return cmd_landlock(x, sub + 5, op, val);
	}
	if (!strcmp(sub, "lock"))
		return fail(x, -EINVAL,
			    "expected allow/lock/RIGHTS+PATH or "
			    "allow/lock/bind+PORTS");
	if (!strcmp(sub, "ioctl") && *val && val[0] != '/')
		return ioctl_request_rule(x, act, op, val);
	err = parse_cats(x, sub, CATF_RULES, &mask, &has_all);
	if (err < 0)
		return err;
	if (need_op(x, op, "+-^", usage) < 0)
		return -EINVAL;
	if (op != '^' && need_value(x, val, usage) < 0)
		return -EINVAL;
	if (op != '+') {
		for (int c = 0; c < CAT_COUNT; c++)
			if (mask & CAT_BIT(c))
				rule_list_del(&x->sb->rules[c], act,
					      *val ? val : NULL, op == '^');
		return 0;
	}
	if ((mask & (CAT_BIT(CAT_NET_BIND) | CAT_BIT(CAT_NET_CONNECT))) &&
	    is_dial_string(val))
		return fail(x, -EOPNOTSUPP,
			    "dial strings (proto!addr!port) are not "
			    "supported yet");
	if (has_all) {
		/*
		 * "all" (or "net") stands for every category of it that
		 * takes this kind of value: a path glob is not a netlink
		 * family, an address is not a path.
		 */
		for (int c = 0; c < CAT_COUNT; c++)
			if ((CAT_MASK_ALL & CAT_BIT(c)) &&
			    !value_fits((enum cat)c, val))
				mask &= ~CAT_BIT(c);
	}
	for (int c = 0; c < CAT_COUNT; c++) {
		const char *why = "invalid value";

		if (!(mask & CAT_BIT(c)))
			continue;
		err = rule_list_add(&x->sb->rules[c], (enum cat)c, act, val,
				    &why);
		if (err < 0) {
			/* Roll back: a command applies whole or not at all. */
			for (int k = 0; k < c; k++)
				if (added & CAT_BIT(k))
					rule_list_pop(&x->sb->rules[k]);
			if (err == -ENOMEM)
				return oom(x);
			return fail(x, -EINVAL, "%s%s%s", why,
				    c >= CAT_NET_FIRST ? " for " : "",
				    c >= CAT_NET_FIRST ? cat_name((enum cat)c)
						       : "");
		}
		added |= CAT_BIT(c);
	}
	if (!added)
		return fail(x, -EINVAL,
			    "no category in 'all' takes the value '%s'", val);
	return 0;
}

#define ACTION_HANDLER(name, act)                                              \
	int cmd_##name(struct ctx *x, const char *sub, char op,                \
		       const char *val)                                        \
	{                                                                      \
		return cmd_rule(x, act, sub, op, val);                         \
	}
ACTION_HANDLER(allow, ACTION_ALLOW)
ACTION_HANDLER(warn, ACTION_WARN)
ACTION_HANDLER(filter, ACTION_FILTER)
ACTION_HANDLER(deny, ACTION_DENY)
ACTION_HANDLER(apanic, ACTION_PANIC)
ACTION_HANDLER(stop, ACTION_STOP)
ACTION_HANDLER(abort, ACTION_ABORT)
ACTION_HANDLER(kill, ACTION_KILL)
ACTION_HANDLER(exit, ACTION_EXIT)
#undef ACTION_HANDLER

/*
 * exec/kill+PATTERN, Syd's older spelling of kill/exec+PATTERN that
 * Paludis's sydbox helper sends for "esandbox kill": running a matching
 * program kills the caller.
 */
int cmd_exec_kill(struct ctx *x, const char *sub, char op, const char *val)
{
	if (strcmp(sub, "kill"))
		return fail(
			x, -EINVAL,
			"expected exec/kill+PATTERN (or kill/exec+PATTERN)");
	return cmd_rule(x, ACTION_KILL, "exec", op, val);
}
