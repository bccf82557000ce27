/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * struct sandbox: all policy and runtime state, and the lock that guards it.
 * This module is the one owner: the configuration parser and the runtime
 * /dev/syd interface change it only through these functions, emulator
 * threads read it under the read lock. Names of categories and actions, and
 * the JSON dump, live here too because they describe this state.
 */
#ifndef SYD_SANDBOX_H
#define SYD_SANDBOX_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "policy/rules.h"
#include "util.h"

enum lock_state {
	LOCK_STATE_OFF, /* anyone may change the policy */
	LOCK_STATE_EXEC, /* only until the initial command execs (the default) */
	LOCK_STATE_DROP, /* only commands that tighten */
	LOCK_STATE_READ, /* queries and the JSON state only */
	LOCK_STATE_ON, /* nothing; /dev/syd is inert */
};

/* Namespaces for unshare/NAME:BOOL, as a bit set. */
enum ns_bit {
	NS_MOUNT = 1u << 0,
	NS_UTS = 1u << 1,
	NS_IPC = 1u << 2,
	NS_USER = 1u << 3,
	NS_PID = 1u << 4,
	NS_NET = 1u << 5,
	NS_CGROUP = 1u << 6,
	NS_TIME = 1u << 7,
};

/* trace/ options: booleans that relax (allow_*) or tighten a default. */
enum trace_opt {
#define TRACE_OPT(id, name) TRACE_##id,
#include "trace_opts.h"
#undef TRACE_OPT
	TRACE_COUNT
};

struct mask_entry {
	struct pattern *pat; /* owned */
	char *target; /* owned; NULL means /dev/null */
};

struct force_entry {
	char *path; /* owned, absolute */
	char *alg; /* owned, kernel crypto API hash name */
	char *hex; /* owned, lower-case digest */
	enum action act;
};

struct bind_entry {
	char *src, *dst, *opts; /* owned; opts may be NULL */
};

/* Landlock rights, as in syd-lock(1). */
enum ll_right {
#define LL_RIGHT(id, name) LL_##id,
#include "ll_rights.h"
#undef LL_RIGHT
	LL_COUNT
};

struct ll_path {
	char *path; /* owned */
	uint32_t rights; /* bit set of 1u << enum ll_right */
};

struct segvguard;

struct ll_ports {
	uint16_t lo, hi;
	bool connect; /* else bind */
};

struct sandbox {
	pthread_rwlock_t lock;

	uint64_t enabled; /* bit set of CAT_BIT(cat): sandbox/CAT:on */
	/*
	 * enabled when the filter was built: the categories whose calls are
	 * hooked, the only ones /dev/syd may turn on at run time
	 */
	uint64_t hooked;
	/*
	 * A rule could hide a name when the filter was built: the calls that
	 * show names without a lookup (listings, inotify, /proc lists) are
	 * hooked. /dev/syd may not make hiding possible when they are not.
	 */
	bool hiding_hooked;
	enum action dflt[CAT_COUNT];
	struct rule_list rules[CAT_COUNT];
	enum lock_state lock_state;
	bool lock_set; /* set explicitly rather than by default */
	/*
	 * ghost: set once, never cleared (supervise/ghost.c): every hooked
	 * call fails with ENOSYS from then on. Read without the lock.
	 */
	atomic_bool ghost;

	struct vec masks; /* of struct mask_entry */
	struct vec appends; /* of struct pattern * */
	struct vec blocks; /* of struct addr_rule */
	struct vec ioctl_allow, ioctl_deny; /* of uint64_t */
	struct vec forces; /* of struct force_entry */
	struct vec binds; /* of struct bind_entry */
	struct vec ll_paths; /* of struct ll_path */
	struct vec ll_ports; /* of struct ll_ports */

	bool trace[TRACE_COUNT];
	uint32_t force_umask; /* trace/force_umask; UINT32_MAX = unset */
	uint32_t unsafe_ns; /* trace/allow_unsafe_namespace, enum ns_bit */
	uint32_t unshare; /* enum ns_bit */
	char *root; /* owned; NULL = unset */
	char *hostname, *domainname; /* owned; NULL = unset */

	uint64_t mem_max, mem_vm_max; /* bytes; 0 = no limit */
	/*
	 * rlimit/NAME (policy/rlimit.h): rlimit[R] when bit R of rlimit_set;
	 * bit R of rlimit_keep for "none", the inherited limit
	 */
	uint64_t rlimit[16];
	uint32_t rlimit_set, rlimit_keep;
	uint64_t pid_max; /* 0 = no limit */
	uint64_t segv_expiry, segv_suspension, segv_maxcrashes;
	int64_t tpe_gid; /* -1 = unset */
	bool tpe_negate, tpe_root_owned, tpe_user_owned;
	/*
	 * owned: the SegvGuard crash table, runtime state with a lock of its
	 * own (policy/segvguard.h); kept by reset, which must not lift a
	 * suspension.
	 */
	struct segvguard *segvguard;

	int log_level; /* enum log_level */
	bool log_verbose;
	uint64_t expand_timeout; /* config/expand; 0 disables expansion */
};

/* Initialise SB with the built-in defaults (every path and network category
 * on, default action deny, lock exec). Returns 0 or -ENOMEM. */
int sandbox_init(struct sandbox *sb);

/* Release everything SB owns. */
void sandbox_fini(struct sandbox *sb);

/* Drop all rules and settings back to the built-in defaults ("reset").
 * The lock state is kept: reset never unlocks. Returns 0 or -ENOMEM. */
int sandbox_reset(struct sandbox *sb);

/* Readers (emulator threads) and the writer (config changes). */
void sandbox_rdlock(struct sandbox *sb);
void sandbox_wrlock(struct sandbox *sb);
void sandbox_unlock(struct sandbox *sb);

bool sandbox_enabled(const struct sandbox *sb, enum cat cat);

/*
 * Decide an access to PATH in category CAT: the action of the last rule
 * that matches, else the category default; ALLOW when the category is off.
 * *rule (if not NULL) gets the deciding rule or NULL. Caller holds the read
 * lock.
 */
enum action sandbox_check_path(const struct sandbox *sb, enum cat cat,
			       const char *path, size_t len,
			       const struct rule **rule);

/*
 * Write the state as one JSON object into OUT (what reading /dev/syd
 * returns). Caller holds a lock. Returns 0 or -ENOMEM.
 */
int sandbox_to_json(const struct sandbox *sb, struct strbuf *out);

const char *lock_state_name(enum lock_state l);
int lock_state_from_name(const char *name, enum lock_state *out);
const char *trace_opt_name(enum trace_opt t);
int trace_opt_from_name(const char *name, enum trace_opt *out);
const char *ll_right_name(enum ll_right r);
int ll_right_from_name(const char *name, enum ll_right *out);
/* Namespace name ("mount", "net", ...) to its bit, or 0 when unknown. */
uint32_t ns_from_name(const char *name);

#endif
