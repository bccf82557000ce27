/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Names of categories and actions, and the ordered rule lists that decide an
 * access: the last matching rule wins. A list is scanned from its end, so
 * the common "deny a little inside a big allow" policy stops at the first
 * hit. Pure: no syscalls, no locking, no allocation while matching.
 */
#include "policy/rules.h"

#include <errno.h>
#include <linux/netlink.h>
#include <string.h>

#include "policy/fstype.h"

static const struct {
	const char *name;
	unsigned flags;
} cats[CAT_COUNT] = {
#define P (CATF_RULES | CATF_TOGGLE | CATF_DEFAULT)
	[CAT_STAT] = { "stat", P },
	[CAT_WALK] = { "walk", P },
	[CAT_LIST] = { "list", P },
	[CAT_READ] = { "read", P },
	[CAT_WRITE] = { "write", P },
	[CAT_EXEC] = { "exec", P },
	[CAT_IOCTL] = { "ioctl", P },
	[CAT_CREATE] = { "create", P },
	[CAT_DELETE] = { "delete", P },
	[CAT_RENAME] = { "rename", P },
	[CAT_SYMLINK] = { "symlink", P },
	[CAT_READLINK] = { "readlink", P },
	[CAT_TRUNCATE] = { "truncate", P },
	[CAT_CHDIR] = { "chdir", P },
	[CAT_READDIR] = { "readdir", P },
	[CAT_MKDIR] = { "mkdir", P },
	[CAT_RMDIR] = { "rmdir", P },
	[CAT_CHOWN] = { "chown", P },
	[CAT_CHGRP] = { "chgrp", P },
	[CAT_CHMOD] = { "chmod", P },
	[CAT_CHATTR] = { "chattr", P },
	[CAT_CHROOT] = { "chroot", P },
	[CAT_NOTIFY] = { "notify", P },
	[CAT_UTIME] = { "utime", P },
	[CAT_MKBDEV] = { "mkbdev", P },
	[CAT_MKCDEV] = { "mkcdev", P },
	[CAT_MKFIFO] = { "mkfifo", P },
	[CAT_MKTEMP] = { "mktemp", P },
	[CAT_NET_BIND] = { "net/bind", P },
	[CAT_NET_CONNECT] = { "net/connect", P },
	[CAT_NET_SENDFD] = { "net/sendfd", P },
	[CAT_NET_LINK] = { "net/link", P },
	[CAT_FS] = { "fs", P },
	[CAT_LOCK] = { "lock", CATF_TOGGLE | CATF_DEFAULT },
	[CAT_FORCE] = { "force", CATF_TOGGLE | CATF_DEFAULT },
	[CAT_TPE] = { "tpe", CATF_TOGGLE | CATF_DEFAULT },
	[CAT_PID] = { "pid", CATF_TOGGLE | CATF_DEFAULT },
	[CAT_MEM] = { "mem", CATF_TOGGLE | CATF_DEFAULT },
	[CAT_SEGVGUARD] = { "segvguard", CATF_TOGGLE | CATF_DEFAULT },
	[CAT_BLOCK] = { "block", CATF_DEFAULT },
#undef P
};

static const char *const actions[ACTION_COUNT] = {
	[ACTION_ALLOW] = "allow",   [ACTION_WARN] = "warn",
	[ACTION_FILTER] = "filter", [ACTION_DENY] = "deny",
	[ACTION_PANIC] = "panic",   [ACTION_STOP] = "stop",
	[ACTION_ABORT] = "abort",   [ACTION_KILL] = "kill",
	[ACTION_EXIT] = "exit",
};

static const struct {
	const char *name;
	int family;
} netlinks[] = {
	{ "route", NETLINK_ROUTE },
	{ "usersock", NETLINK_USERSOCK },
	{ "firewall", NETLINK_FIREWALL },
	{ "sock_diag", NETLINK_SOCK_DIAG },
	{ "nflog", NETLINK_NFLOG },
	{ "xfrm", NETLINK_XFRM },
	{ "selinux", NETLINK_SELINUX },
	{ "iscsi", NETLINK_ISCSI },
	{ "audit", NETLINK_AUDIT },
	{ "fib_lookup", NETLINK_FIB_LOOKUP },
	{ "connector", NETLINK_CONNECTOR },
	{ "netfilter", NETLINK_NETFILTER },
	{ "ip6_fw", NETLINK_IP6_FW },
	{ "dnrtmsg", NETLINK_DNRTMSG },
	{ "kobject_uevent", NETLINK_KOBJECT_UEVENT },
	{ "generic", NETLINK_GENERIC },
	{ "scsitransport", NETLINK_SCSITRANSPORT },
	{ "ecryptfs", NETLINK_ECRYPTFS },
	{ "rdma", NETLINK_RDMA },
	{ "crypto", NETLINK_CRYPTO },
	{ "smc", NETLINK_SMC },
	{ "all", NETLINK_ALL },
};

const char *cat_name(enum cat cat)
{
	return (unsigned)cat < CAT_COUNT ? cats[cat].name : "?";
}

unsigned cat_flags(enum cat cat)
{
	return (unsigned)cat < CAT_COUNT ? cats[cat].flags : 0;
}

int cat_from_name(const char *name, size_t len, enum cat *out)
{
	for (int i = 0; i < CAT_COUNT; i++) {
		if (strlen(cats[i].name) == len &&
		    !memcmp(cats[i].name, name, len)) {
			*out = (enum cat)i;
			return 0;
		}
	}
	return -EINVAL;
}

const char *action_name(enum action act)
{
	return (unsigned)act < ACTION_COUNT ? actions[act] : "?";
}

int action_from_name(const char *name, size_t len, enum action *out)
{
	for (int i = 0; i < ACTION_COUNT; i++) {
		if (strlen(actions[i]) == len &&
		    !memcmp(actions[i], name, len)) {
			*out = (enum action)i;
			return 0;
		}
	}
	return -EINVAL;
}

bool action_allows(enum action act)
{
	return act == ACTION_ALLOW || act == ACTION_WARN;
}

int netlink_family_from_name(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(netlinks); i++)
		if (!strcmp(netlinks[i].name, name))
			return netlinks[i].family;
	return -1;
}

const char *netlink_family_name(int family)
{
	for (size_t i = 0; i < ARRAY_SIZE(netlinks); i++)
		if (netlinks[i].family == family)
			return netlinks[i].name;
	return "?";
}

static void rule_fini(struct rule *r)
{
	free(r->text);
	pattern_free(r->pat);
	if (r->has_addr)
		addr_rule_fini(&r->addr);
	memset(r, 0, sizeof(*r));
}

static int compile(struct rule *r, enum cat cat, const char *value,
		   const char **why)
{
	switch (cat) {
	case CAT_NET_BIND:
	case CAT_NET_CONNECT: {
		int err = addr_rule_parse(value, true, &r->addr, why);

		if (err < 0)
			return err;
		r->has_addr = true;
		return 0;
	}
	case CAT_NET_LINK:
		r->netlink = netlink_family_from_name(value);
		if (r->netlink == -1) {
			*why = "unknown netlink family (expected route, "
			       "audit, generic, ... or all)";
			return -EINVAL;
		}
		return 0;
	case CAT_FS:
		return fstype_check(value, why);
	default:
		/* Path categories and net/sendfd take path globs. */
		return pattern_compile(value, &r->pat, why);
	}
}

int rule_list_add(struct rule_list *l, enum cat cat, enum action act,
		  const char *value, const char **why)
{
	struct rule r = { .act = act };
	int err;

	if (!(cat_flags(cat) & CATF_RULES)) {
		*why = "this category takes no rules";
		return -EINVAL;
	}
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		struct rule *v = realloc(l->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		l->v = v;
		l->cap = cap;
	}
	err = compile(&r, cat, value, why);
	if (err < 0) {
		rule_fini(&r);
		return err;
	}
	r.text = strdup(value);
	if (!r.text) {
		rule_fini(&r);
		return -ENOMEM;
	}
	l->v[l->n++] = r;
	return 0;
}

size_t rule_list_del(struct rule_list *l, enum action act, const char *value,
		     bool all)
{
	size_t removed = 0;

	for (size_t i = l->n; i-- > 0;) {
		if (l->v[i].act != act ||
		    (value && strcmp(l->v[i].text, value)))
			continue;
		rule_fini(&l->v[i]);
		memmove(&l->v[i], &l->v[i + 1],
			(l->n - i - 1) * sizeof(l->v[0]));
		l->n--;
		removed++;
		if (!all)
			break;
	}
	return removed;
}

void rule_list_pop(struct rule_list *l)
{
	if (l->n)
		rule_fini(&l->v[--l->n]);
}

void rule_list_clear(struct rule_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		rule_fini(&l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

const struct rule *rule_list_match_path(const struct rule_list *l,
					const char *path, size_t len)
{
	for (size_t i = l->n; i-- > 0;) {
		const struct rule *r = &l->v[i];

		/* A UNIX socket path rule of net/bind or net/connect too. */
		if (r->pat ? pattern_match(r->pat, path, len)
			   : r->has_addr && r->addr.kind == ADDR_KIND_UNIX &&
				     pattern_match(r->addr.glob, path, len))
			return r;
	}
	return NULL;
}

const struct rule *rule_list_match_addr(const struct rule_list *l,
					const struct sockaddr *sa,
					socklen_t len)
{
	for (size_t i = l->n; i-- > 0;)
		if (l->v[i].has_addr && addr_rule_match(&l->v[i].addr, sa, len))
			return &l->v[i];
	return NULL;
}

void rule_tip(struct strbuf *out, enum cat cat, const char *path)
{
	strbuf_printf(out, "allow/%s+", cat_name(cat));
	for (const char *p = path; *p; p++) {
		/* Escape glob syntax so the tip allows exactly this path. */
		if (strchr("*?[]\\", *p))
			strbuf_putc(out, '\\');
		strbuf_putc(out, *p);
	}
}
