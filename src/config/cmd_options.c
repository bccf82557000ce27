/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The commands that set one value each, or act at once: lock, reset, panic,
 * stat, unshare/, trace/, the limits (mem/, pid/, rlimit/, segvguard/), tpe/,
 * root, name/, log/ and config/. The lock only ever moves toward stricter
 * states, so a later line (or an include) cannot undo it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/internal.h"
#include "log.h"
#include "policy/rlimit.h"

static int set_bool(struct ctx *x, char op, const char *val, bool *out,
		    const char *usage)
{
	if (need_op(x, op, ":", usage) < 0)
		return -EINVAL;
	if (parse_bool(val, out) < 0)
		return fail(x, -EINVAL,
			    "expected a boolean (on, off, true, false, 1, 0)");
	return 0;
}

static int set_string(struct ctx *x, char op, const char *val, char **out,
		      bool absolute, const char *usage)
{
	char *s;

	if (need_op(x, op, ":", usage) < 0 || need_value(x, val, usage) < 0)
		return -EINVAL;
	if (absolute && val[0] != '/')
		return fail(x, -EINVAL, "path must be absolute");
	s = strdup(val);
	if (!s)
		return oom(x);
	free(*out);
	*out = s;
	return 0;
}

int cmd_lock(struct ctx *x, const char *sub, char op, const char *val)
{
	enum lock_state l;

	(void)sub;
	if (need_op(x, op, ":", "lock:off|exec|drop|read|on") < 0)
		return -EINVAL;
	if (!strcmp(val, "ipc"))
		return fail(x, -EOPNOTSUPP,
			    "'lock:ipc' is not supported yet: " IPC_UNVERIFIED);
	if (lock_state_from_name(val, &l) < 0)
		return fail(x, -EINVAL,
			    "unknown lock state '%s': expected off, exec, "
			    "drop, read or on",
			    val);
	/* The lock only ever moves toward stricter. */
	if (x->sb->lock_set && l < x->sb->lock_state)
		return fail(x, -EPERM,
			    "lock is already '%s': it can only move toward "
			    "stricter states (off, exec, drop, read, on)",
			    lock_state_name(x->sb->lock_state));
	x->sb->lock_state = l;
	x->sb->lock_set = true;
	return 0;
}

int cmd_reset(struct ctx *x, const char *sub, char op, const char *val)
{
	(void)sub;
	(void)val;
	if (op)
		return fail(x, -EINVAL, "expected reset");
	return sandbox_reset(x->sb) < 0 ? oom(x) : 0;
}

int cmd_panic(struct ctx *x, const char *sub, char op, const char *val)
{
	(void)sub;
	(void)val;
	if (op)
		return fail(x, -EINVAL, "expected panic");
	return fail(x, -ECANCELED, "panic: syd exits with status 127");
}

int cmd_stat(struct ctx *x, const char *sub, char op, const char *val)
{
	struct strbuf b = { 0 };

	(void)sub;
	(void)val;
	if (op)
		return fail(x, -EINVAL, "expected stat");
	if (sandbox_to_json(x->sb, &b) < 0) {
		strbuf_fini(&b);
		return oom(x);
	}
	fprintf(stderr, "%s\n", strbuf_str(&b));
	strbuf_fini(&b);
	return 0;
}

static int parse_ns_list(struct ctx *x, const char *list, uint32_t *out)
{
	const char *next = list, *p;
	size_t len;

	*out = 0;
	while (lex_item(&next, &p, &len)) {
		char name[16];
		uint32_t bit = 0;

		if (len && len < sizeof(name)) {
			memcpy(name, p, len);
			name[len] = '\0';
			bit = !strcmp(name, "all") ? 0xff : ns_from_name(name);
		}
		if (!bit)
			return fail(x, -EINVAL,
				    "unknown namespace '%.*s' (expected "
				    "mount, uts, ipc, user, pid, net, cgroup, "
				    "time or all)",
				    (int)len, p);
		*out |= bit;
	}
	return 0;
}

int cmd_unshare(struct ctx *x, const char *sub, char op, const char *val)
{
	uint32_t set;
	bool on;

	if (parse_ns_list(x, sub, &set) < 0)
		return -EINVAL;
	if (need_op(x, op, ":?",
		    "unshare/NAMESPACES:BOOL or unshare/NAMESPACES?") < 0)
		return -EINVAL;
	if (op == '?')
		return (x->sb->unshare & set) == set
			       ? 0
			       : fail(x, -ENOENT, "query is false");
	if (parse_bool(val, &on) < 0)
		return fail(x, -EINVAL,
			    "expected a boolean (on, off, true, false, 1, 0)");
	if (on)
		x->sb->unshare |= set;
	else
		x->sb->unshare &= ~set;
	return 0;
}

int cmd_trace(struct ctx *x, const char *sub, char op, const char *val)
{
	enum trace_opt t;
	uint64_t n;

	if (!strcmp(sub, "force_umask")) {
		if (need_op(x, op, ":", "trace/force_umask:MODE") < 0)
			return -EINVAL;
		if (parse_u64(val, 8, 0777, &n) < 0)
			return fail(x, -EINVAL,
				    "expected an octal mode such as 077");
		x->sb->force_umask = (uint32_t)n;
		return 0;
	}
	if (!strcmp(sub, "allow_unsafe_namespace")) {
		if (need_op(x, op, ":", "trace/allow_unsafe_namespace:LIST") <
		    0)
			return -EINVAL;
		if (!strcmp(val, "none")) {
			x->sb->unsafe_ns = 0;
			return 0;
		}
		return parse_ns_list(x, val, &x->sb->unsafe_ns);
	}
	if (!strcmp(sub, "memory_access")) {
		if (need_op(x, op, ":", "trace/memory_access:0|1|2") < 0)
			return -EINVAL;
		if (parse_u64(val, 10, 2, &n) < 0)
			return fail(x, -EINVAL, "expected 0, 1 or 2");
		return 0; /* how memory is read is always decided by syd */
	}
	if (trace_opt_from_name(sub, &t) < 0)
		return fail(x, -EINVAL,
			    "unknown option 'trace/%s' (see syd(2) for the "
			    "list)",
			    sub);
	return set_bool(x, op, val, &x->sb->trace[t], "trace/OPTION:BOOL");
}

static int set_u64(struct ctx *x, char op, const char *val, uint64_t *out,
		   int (*parse)(const char *, uint64_t *), const char *usage)
{
	if (need_op(x, op, ":", usage) < 0)
		return -EINVAL;
	if (parse(val, out) < 0)
		return fail(x, -EINVAL, "expected %s", usage);
	return 0;
}

static int parse_count(const char *s, uint64_t *out)
{
	return parse_u64(s, 10, UINT32_MAX, out);
}

int cmd_mem(struct ctx *x, const char *sub, char op, const char *val)
{
	if (!strcmp(sub, "max"))
		return set_u64(x, op, val, &x->sb->mem_max, parse_size,
			       "mem/max:SIZE (e.g. 256M)");
	if (!strcmp(sub, "vm_max"))
		return set_u64(x, op, val, &x->sb->mem_vm_max, parse_size,
			       "mem/vm_max:SIZE (e.g. 4G)");
	return fail(x, -EINVAL, "expected mem/max:SIZE or mem/vm_max:SIZE");
}

/* rlimit/NAME:VALUE (policy/rlimit.h): set at start, soft and hard. */
int cmd_rlimit(struct ctx *x, const char *sub, char op, const char *val)
{
	const struct rlimit_name *r = rlimit_by_name(sub);
	const char *expected;
	uint64_t v;
	bool set;

	if (!r)
		return fail(x, -EINVAL,
			    "unknown resource 'rlimit/%s': expected as, core, "
			    "cpu, data, fsize, memlock, msgqueue, nice, "
			    "nofile, nproc, rtprio, rttime, sigpending or "
			    "stack",
			    sub);
	if (need_op(x, op, ":", "rlimit/NAME:VALUE") < 0 ||
	    need_value(x, val, "rlimit/NAME:VALUE") < 0)
		return -EINVAL;
	if (rlimit_parse(r, val, &set, &v, &expected) < 0)
		return fail(x, -EINVAL, "rlimit/%s: expected %s", r->name,
			    expected);
	x->sb->rlimit[r->resource] = v;
	if (set) {
		x->sb->rlimit_set |= 1u << r->resource;
		x->sb->rlimit_keep &= ~(1u << r->resource);
	} else {
		x->sb->rlimit_set &= ~(1u << r->resource);
		x->sb->rlimit_keep |= 1u << r->resource;
	}
	return 0;
}

int cmd_pid(struct ctx *x, const char *sub, char op, const char *val)
{
	if (strcmp(sub, "max"))
		return fail(x, -EINVAL, "expected pid/max:NUMBER");
	return set_u64(x, op, val, &x->sb->pid_max, parse_count,
		       "pid/max:NUMBER");
}

int cmd_segvguard(struct ctx *x, const char *sub, char op, const char *val)
{
	if (!strcmp(sub, "expiry"))
		return set_u64(x, op, val, &x->sb->segv_expiry, parse_duration,
			       "segvguard/expiry:SECONDS");
	if (!strcmp(sub, "suspension"))
		return set_u64(x, op, val, &x->sb->segv_suspension,
			       parse_duration, "segvguard/suspension:SECONDS");
	if (!strcmp(sub, "maxcrashes"))
		return set_u64(x, op, val, &x->sb->segv_maxcrashes, parse_count,
			       "segvguard/maxcrashes:NUMBER");
	return fail(x, -EINVAL,
		    "expected segvguard/expiry, segvguard/suspension or "
		    "segvguard/maxcrashes");
}

int cmd_tpe(struct ctx *x, const char *sub, char op, const char *val)
{
	uint64_t gid;

	if (!strcmp(sub, "gid")) {
		if (need_op(x, op, ":", "tpe/gid:GID") < 0)
			return -EINVAL;
		if (!strcmp(val, "none")) {
			x->sb->tpe_gid = -1;
			return 0;
		}
		if (parse_u64(val, 10, UINT32_MAX - 1, &gid) < 0)
			return fail(x, -EINVAL, "expected a group id or none");
		x->sb->tpe_gid = (int64_t)gid;
		return 0;
	}
	if (!strcmp(sub, "negate"))
		return set_bool(x, op, val, &x->sb->tpe_negate,
				"tpe/negate:BOOL");
	if (!strcmp(sub, "root_owned"))
		return set_bool(x, op, val, &x->sb->tpe_root_owned,
				"tpe/root_owned:BOOL");
	if (!strcmp(sub, "user_owned"))
		return set_bool(x, op, val, &x->sb->tpe_user_owned,
				"tpe/user_owned:BOOL");
	return fail(x, -EINVAL,
		    "expected tpe/gid, tpe/negate, tpe/root_owned or "
		    "tpe/user_owned");
}

int cmd_root(struct ctx *x, const char *sub, char op, const char *val)
{
	(void)sub;
	return set_string(x, op, val, &x->sb->root, true, "root:PATH");
}

int cmd_name(struct ctx *x, const char *sub, char op, const char *val)
{
	char **out;

	if (!strcmp(sub, "host"))
		out = &x->sb->hostname;
	else if (!strcmp(sub, "domain"))
		out = &x->sb->domainname;
	else
		return fail(x, -EINVAL,
			    "expected name/host:NAME or name/domain:NAME");
	if (strlen(val) > 64)
		return fail(x, -EINVAL, "name too long (at most 64 bytes)");
	return set_string(x, op, val, out, false, "name/host:NAME");
}

int cmd_log(struct ctx *x, const char *sub, char op, const char *val)
{
	enum log_level l;

	if (!strcmp(sub, "verbose"))
		return set_bool(x, op, val, &x->sb->log_verbose,
				"log/verbose:BOOL");
	if (strcmp(sub, "level"))
		return fail(x, -EINVAL,
			    "expected log/level:LEVEL or log/verbose:BOOL");
	if (need_op(x, op, ":", "log/level:LEVEL") < 0)
		return -EINVAL;
	if (log_level_from_name(val, &l) < 0)
		return fail(x, -EINVAL,
			    "unknown log level '%s': expected emerg, alert, "
			    "crit, error, warn, notice, info or debug",
			    val);
	x->sb->log_level = (int)l;
	return 0;
}

int cmd_config(struct ctx *x, const char *sub, char op, const char *val)
{
	if (strcmp(sub, "expand"))
		return fail(x, -EINVAL, "expected config/expand:SECONDS");
	return set_u64(x, op, val, &x->sb->expand_timeout, parse_duration,
		       "config/expand:SECONDS (0 disables expansion)");
}
