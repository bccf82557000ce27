/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Categories, actions and ordered rule lists: "last matching rule wins".
 * Pure: no syscalls and no locking; the caller (sandbox.c) owns the lists
 * and the lock around them.
 */
#ifndef SYD_POLICY_RULES_H
#define SYD_POLICY_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include "policy/addr.h"
#include "policy/pattern.h"
#include "util.h"

enum cat {
	/* path categories */
	CAT_STAT,
	CAT_WALK,
	CAT_LIST,
	CAT_READ,
	CAT_WRITE,
	CAT_EXEC,
	CAT_IOCTL,
	CAT_CREATE,
	CAT_DELETE,
	CAT_RENAME,
	CAT_SYMLINK,
	CAT_READLINK,
	CAT_TRUNCATE,
	CAT_CHDIR,
	CAT_READDIR,
	CAT_MKDIR,
	CAT_RMDIR,
	CAT_CHOWN,
	CAT_CHGRP,
	CAT_CHMOD,
	CAT_CHATTR,
	CAT_CHROOT,
	CAT_NOTIFY,
	CAT_UTIME,
	CAT_MKBDEV,
	CAT_MKCDEV,
	CAT_MKFIFO,
	CAT_MKTEMP,
	/* network categories */
	CAT_NET_BIND,
	CAT_NET_CONNECT,
	CAT_NET_SENDFD,
	CAT_NET_LINK,
	/*
	 * file-system types (policy/fstype.h): rules name types, not paths;
	 * outside "all", whose rules are paths and addresses
	 */
	CAT_FS,
	/* special categories: a toggle and/or a default action, no rules */
	CAT_LOCK,
	CAT_FORCE,
	CAT_TPE,
	CAT_PID,
	CAT_MEM,
	CAT_SEGVGUARD,
	CAT_BLOCK,
	CAT_COUNT
};

#define CAT_BIT(c)     (UINT64_C(1) << (c))
#define CAT_PATH_FIRST CAT_STAT
#define CAT_PATH_LAST  CAT_MKTEMP
#define CAT_NET_FIRST  CAT_NET_BIND
#define CAT_NET_LAST   CAT_NET_LINK
/* Bits of every category taking path rules, of every network one. */
#define CAT_MASK_PATH                                                          \
	((CAT_BIT(CAT_PATH_LAST + 1) - 1) & ~(CAT_BIT(CAT_PATH_FIRST) - 1))
#define CAT_MASK_NET                                                           \
	((CAT_BIT(CAT_NET_LAST + 1) - 1) & ~(CAT_BIT(CAT_NET_FIRST) - 1))
/* What "all" means in a category list. */
#define CAT_MASK_ALL (CAT_MASK_PATH | CAT_MASK_NET)

/* What a category accepts. */
enum cat_flag {
	CATF_RULES = 1u << 0, /* ACTION/CAT+VALUE */
	CATF_TOGGLE = 1u << 1, /* sandbox/CAT:BOOL */
	CATF_DEFAULT = 1u << 2, /* default/CAT:ACTION */
};

/* Ordered by severity of side effect; values are libsyd's action_t. */
enum action {
	ACTION_ALLOW,
	ACTION_WARN,
	ACTION_FILTER,
	ACTION_DENY,
	ACTION_PANIC,
	ACTION_STOP,
	ACTION_ABORT,
	ACTION_KILL,
	ACTION_EXIT,
	ACTION_COUNT
};

/* Name of CAT as written in the language ("net/connect"); never NULL. */
const char *cat_name(enum cat cat);
unsigned cat_flags(enum cat cat);
/* Look up one name; "all" and "net" are not single categories. */
int cat_from_name(const char *name, size_t len, enum cat *out);

const char *action_name(enum action act);
int action_from_name(const char *name, size_t len, enum action *out);
/* Does the action let the call through (allow, warn)? */
bool action_allows(enum action act);

/* Netlink family names for net/link ("route", ...); -1 when unknown. */
int netlink_family_from_name(const char *name);
const char *netlink_family_name(int family);

/* One rule of one category's list. */
struct rule {
	enum action act;
	char *text; /* owned: the value as written, for -, ^, tips, JSON */
	struct pattern *pat; /* owned: path categories and net/sendfd */
	struct addr_rule addr; /* net/bind, net/connect */
	bool has_addr;
	int netlink; /* net/link: family, or NETLINK_ALL */
};

#define NETLINK_ALL (-2)

struct rule_list {
	struct rule *v; /* owned */
	size_t n, cap;
};

/*
 * Compile VALUE for category CAT into a rule with action ACT and append it.
 * Returns 0 or -EINVAL (with *why), -ENAMETOOLONG (with *why), -ENOMEM.
 */
int rule_list_add(struct rule_list *l, enum cat cat, enum action act,
		  const char *value, const char **why);

/*
 * Remove the last rule (ALL false) or all rules (ALL true) of action ACT
 * whose text equals VALUE (any text when VALUE is NULL). Returns the number
 * removed.
 */
size_t rule_list_del(struct rule_list *l, enum action act, const char *value,
		     bool all);

/* Remove the most recently added rule (rolls back a partial command). */
void rule_list_pop(struct rule_list *l);

void rule_list_clear(struct rule_list *l);

/*
 * The last rule matching PATH (LEN bytes), or NULL: a path glob, or the
 * UNIX socket path of an address rule (net/bind, net/connect), so a
 * socket file is decided by its canonical path like any other.
 */
const struct rule *rule_list_match_path(const struct rule_list *l,
					const char *path, size_t len);

/* The last rule matching the socket address, or NULL. */
const struct rule *rule_list_match_addr(const struct rule_list *l,
					const struct sockaddr *sa,
					socklen_t len);

/*
 * Append to OUT the rule that would allow PATH in CAT, for the "tip" of a
 * log line: "allow/write+/home/u/x" with glob characters escaped.
 */
void rule_tip(struct strbuf *out, enum cat cat, const char *path);

#endif
