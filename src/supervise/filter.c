/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The sandbox's seccomp filter, generated from the hook table: every hooked
 * call of an enabled category goes to the supervisor (SECCOMP_RET_USER_NOTIF),
 * calls that would let a process escape supervision fail in the kernel, and
 * a foreign ABI (i386 via int 0x80, x32) kills the process. libseccomp builds
 * the program; the child loads it itself with the flags it needs.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/fs.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <unistd.h>

#include "kernel/landlock.h"
#include "log.h"
#include "policy/decide.h"
#include "policy/ioctl.h"
#include "policy/rlimit.h"
#include "syscalls/append.h"
#include "syscalls/mask.h"
#include "syscalls/net.h"

#include "supervise/floors.h"
#include "supervise/seccomp_args.h"
#include "supervise/supervisor.h"
#include "supervise/tighten.h"

/* Categories an open that neither writes, creates nor truncates decides. */
#define READ_OPEN_CATS                                                         \
	(CAT_BIT(CAT_READ) | CAT_BIT(CAT_READDIR) | CAT_BIT(CAT_STAT) |        \
	 CAT_BIT(CAT_WALK) | CAT_BIT(CAT_FS))
#ifndef __O_TMPFILE
#define __O_TMPFILE 020000000
#endif

#ifndef SHM_EXEC
#define SHM_EXEC 0100000
#endif

/* The calls W^X decides (syscalls/memory.c), each on its argument 2. */
static bool is_wx_call(const char *name)
{
	return !strcmp(name, "mmap") || !strcmp(name, "mprotect") ||
	       !strcmp(name, "pkey_mprotect") || !strcmp(name, "shmat");
}

/*
 * W^X, unless trace/allow_unsafe_exec_memory: only the shapes refused
 * come to the supervisor, which logs the refusal with its tip (a JIT
 * fails on it in ways of its own): mmap asking for PROT_WRITE and
 * PROT_EXEC at once, mprotect and pkey_mprotect asking for PROT_EXEC,
 * shmat with SHM_EXEC. The bits are tested on the low 32 bits, all the
 * kernel reads of an int. Every other mmap and mprotect, the bulk of
 * them, stays in the kernel.
 */
static int add_wx_hook(scmp_filter_ctx ctx, const struct sandbox *sb,
		       const char *name, int nr)
{
	scmp_datum_t bits = PROT_EXEC;

	if (sb->trace[TRACE_ALLOW_UNSAFE_MEMORY])
		return 0;
	if (!strcmp(name, "mmap"))
		bits = PROT_WRITE | PROT_EXEC;
	else if (!strcmp(name, "shmat"))
		bits = SHM_EXEC;
	return seccomp_rule_add(ctx, SCMP_ACT_NOTIFY, nr, 1,
				arg_cmp(2, SCMP_CMP_MASKED_EQ, bits, bits));
}

/*
 * Without Landlock's signal scope (kernel/landlock.h), the calls that name
 * the process a signal goes to come to syd (syscalls/signal.c), so that
 * none reaches a process outside the sandbox. With it, none comes.
 */
static bool signals_hooked(void)
{
	return !landlock_signal_scope();
}

static bool is_signal_call(const char *name)
{
	static const char *const calls[] = {
		"kill",
		"tkill",
		"tgkill",
		"rt_sigqueueinfo",
		"rt_tgsigqueueinfo",
		"pidfd_send_signal",
		"fcntl",
	};

	for (size_t i = 0; i < ARRAY_SIZE(calls); i++)
		if (!strcmp(name, calls[i]))
			return true;
	return false;
}

/*
 * fcntl: F_SETOWN (its owner is in a register) and F_SETFL with O_ASYNC.
 * F_SETOWN_EX, and ioctl's FIOSETOWN and SIOCSPGRP, read their owner from
 * memory another
 * thread may rewrite after the check, and setting it for the caller from
 * syd would record syd's credentials: refused (EPERM) instead.
 */
static int add_signal_hook(scmp_filter_ctx ctx, const struct sandbox *sb,
			   const char *name, int nr)
{
	int err;

	if (!signals_hooked())
		return 0;
	/*
	 * O_ASYNC (F_SETFL, FIOASYNC) makes a terminal without an owner
	 * take its foreground process group as one: it comes to syd too.
	 */
	if (!strcmp(name, "ioctl")) {
		static const scmp_datum_t owner[] = { FIOSETOWN, SIOCSPGRP };

		err = rule_per_value(ctx, SCMP_ACT_ERRNO(EPERM), nr, 1, owner,
				     ARRAY_SIZE(owner));
		if (err < 0 || floors_ioctl_refused(sb, FIOASYNC))
			return err;
		return seccomp_rule_add(ctx, SCMP_ACT_NOTIFY, nr, 1,
					arg_eq32(1, FIOASYNC));
	}
	if (!strcmp(name, "fcntl")) {
		err = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), nr, 1,
				       arg_eq32(1, F_SETOWN_EX));
		if (err == 0)
			err = seccomp_rule_add(ctx, SCMP_ACT_NOTIFY, nr, 2,
					       arg_eq32(1, F_SETFL),
					       arg_cmp(2, SCMP_CMP_MASKED_EQ,
						       O_ASYNC, O_ASYNC));
		if (err < 0)
			return err;
		return seccomp_rule_add(ctx, SCMP_ACT_NOTIFY, nr, 1,
					arg_eq32(1, F_SETOWN));
	}
	return seccomp_rule_add(ctx, SCMP_ACT_NOTIFY, nr, 0);
}

/*
 * Send system call NR (hook NAME) to the supervisor. open and openat carry
 * their flags in a register: when no category a read-only open decides is
 * on (only write sandboxing, say), the read-only ones never leave the
 * kernel; every open that writes, creates or truncates (O_TRUNC cuts a
 * file even with O_RDONLY) still comes. openat2's flags are in memory:
 * always sent.
 */
/*
 * While /dev/syd can be reached (the lock is not on at start), the policy
 * may gain rules after the filter is built: a call left in the kernel
 * because no rule restricted it yet would escape those rules. The filter
 * then hooks by category alone, as if every enabled one restricted.
 */
static bool devsyd_reachable(const struct sandbox *sb)
{
	return sb->lock_state != LOCK_STATE_ON;
}

static bool restricts(const struct sandbox *sb, enum cat cat)
{
	return decide_restricts(sb, cat) ||
	       (devsyd_reachable(sb) && sandbox_enabled(sb, cat));
}

/* The open flags that make an open one that writes, creates or truncates. */
static const struct {
	scmp_datum_t mask, value;
} writes[] = {
	{ O_ACCMODE, O_WRONLY },  { O_ACCMODE, O_RDWR },
	{ O_ACCMODE, O_ACCMODE }, { O_CREAT, O_CREAT },
	{ O_TRUNC, O_TRUNC },	  { __O_TMPFILE, __O_TMPFILE },
};

bool filter_open_writes(uint64_t flags)
{
	for (size_t i = 0; i < ARRAY_SIZE(writes); i++)
		if ((flags & writes[i].mask) == writes[i].value)
			return true;
	return false;
}

/*
 * Are read-only opens sent for what SB decides (else only those that
 * write, create or truncate), /dev/syd aside? Every reason to send them
 * but /dev/syd belongs here: devsyd_only() reads this to know which
 * opens the handler may give back to the kernel.
 */
static bool opens_all(const struct sandbox *sb)
{
	/* A masked file is masked for reading too. */
	return (sb->enabled & READ_OPEN_CATS) || sb->trace[TRACE_DENY_DOTDOT] ||
	       tighten_all_opens(sb) || sb->masks.n;
}

/* The argument of NAME that holds open flags: 1, 2, or 0 for none. */
static unsigned open_flags_arg(const char *name)
{
	return !strcmp(name, "open") ? 1 : !strcmp(name, "openat") ? 2 : 0;
}

static int add_hook(scmp_filter_ctx ctx, const struct sandbox *sb,
		    const char *name, int nr)
{
	unsigned arg;
	int err;

	if (!strcmp(name, "prctl")) {
		/*
		 * The two options after which an exec as root leaves the
		 * process with fewer capabilities than syd: every other
		 * prctl stays in the kernel.
		 */
		static const scmp_datum_t caps_opts[] = { PR_CAPBSET_DROP,
							  PR_SET_SECUREBITS };

		return rule_per_value(ctx, SCMP_ACT_NOTIFY, nr, 0, caps_opts,
				      ARRAY_SIZE(caps_opts));
	}
	if (is_signal_call(name))
		return add_signal_hook(ctx, sb, name, nr);
	if (!strcmp(name, "ioctl")) {
		/*
		 * Only the requests that set file attributes (chattr), unless
		 * ioctl/deny refuses them in the kernel altogether.
		 */
		static const scmp_datum_t reqs[] = { FS_IOC_SETFLAGS,
						     FS_IOC32_SETFLAGS,
						     FS_IOC_FSSETXATTR };

		if (signals_hooked()) {
			err = add_signal_hook(ctx, sb, name, nr);
			if (err < 0)
				return err;
		}
		if (!(sb->enabled & CAT_BIT(CAT_CHATTR)))
			return 0;
		for (size_t i = 0; i < ARRAY_SIZE(reqs); i++) {
			if (floors_ioctl_refused(sb, (uint32_t)reqs[i]))
				continue;
			err = rule_per_value(ctx, SCMP_ACT_NOTIFY, nr, 1,
					     &reqs[i], 1);
			if (err < 0)
				return err;
		}
		return 0;
	}
	if (!strcmp(name, "setrlimit") || !strcmp(name, "prlimit64")) {
		/*
		 * Calls that set a limit syd gave (rlimit/NAME, RLIMIT_CORE
		 * 0 by default: syscalls/rlimit.c); reading one (prlimit64
		 * with no new limit) stays in the kernel. With
		 * trace/allow_unsafe_prlimit the sandbox may raise them as
		 * without syd.
		 */
		if (sb->trace[TRACE_ALLOW_UNSAFE_PRLIMIT])
			return 0;
		for (int r = 0; r < RLIM_NLIMITS; r++) {
			if (!rlimit_guarded(sb, r))
				continue;
			if (!strcmp(name, "setrlimit"))
				err = seccomp_rule_add(ctx, SCMP_ACT_NOTIFY, nr,
						       1, arg_eq32(0, r));
			else
				err = seccomp_rule_add(
					ctx, SCMP_ACT_NOTIFY, nr, 2,
					arg_eq32(1, r),
					arg_cmp(2, SCMP_CMP_NE, 0, 0));
			if (err < 0)
				return err;
		}
		if (!strcmp(name, "setrlimit"))
			return 0;
		/*
		 * Any limit set on another process (a pid other than 0): a
		 * limit of 0 on an outside process's file size kills it at
		 * its next write. rlimit.c lets the sandbox's own pass.
		 */
		/*
		 * On all 64 bits: high bits set over a pid of 0 (the kernel
		 * reads 32) only send the caller's own call to syd too.
		 */
		return seccomp_rule_add(ctx, SCMP_ACT_NOTIFY, nr, 2,
					arg_cmp(0, SCMP_CMP_NE, 0, 0),
					arg_cmp(2, SCMP_CMP_NE, 0, 0));
	}
	if (!strcmp(name, "brk") || !strcmp(name, "mmap2") ||
	    !strcmp(name, "mremap")) {
		/* Memory sandboxing: nothing to keep, nothing to ask. */
		if (!mem_hooked(sb))
			return 0;
		return seccomp_rule_add(ctx, SCMP_ACT_NOTIFY, nr, 0);
	}
	/* mmap: every one, for the memory limits (syscalls/mmap.c). */
	if (!strcmp(name, "mmap") && mem_hooked(sb))
		return seccomp_rule_add(ctx, SCMP_ACT_NOTIFY, nr, 0);
	if (!strcmp(name, "mmap")) {
		/*
		 * A file mapped executable is an exec of it (syscalls/
		 * mmap.c): PROT_EXEC without MAP_ANONYMOUS comes when exec
		 * rules can refuse anything; W|X for W^X (add_wx_hook()).
		 */
		if (restricts(sb, CAT_EXEC)) {
			err = seccomp_rule_add(ctx, SCMP_ACT_NOTIFY, nr, 2,
					       arg_cmp(2, SCMP_CMP_MASKED_EQ,
						       PROT_EXEC, PROT_EXEC),
					       arg_cmp(3, SCMP_CMP_MASKED_EQ,
						       MAP_ANONYMOUS, 0));
			if (err < 0)
				return err;
		}
	}
	if (is_wx_call(name))
		return add_wx_hook(ctx, sb, name, nr);
	if (!strcmp(name, "memfd_create"))
		return sb->trace[TRACE_ALLOW_UNSAFE_MEMFD]
			       ? 0
			       : seccomp_rule_add(ctx, SCMP_ACT_NOTIFY, nr, 0);
	arg = open_flags_arg(name);
	if (!arg)
		return seccomp_rule_add(ctx, SCMP_ACT_NOTIFY, nr, 0);
	/* Read-only opens too while /dev/syd and /dev/syd.sh can be read. */
	if (opens_all(sb) || devsyd_reachable(sb))
		return seccomp_rule_add(ctx, SCMP_ACT_NOTIFY, nr, 0);
	for (size_t i = 0; i < ARRAY_SIZE(writes); i++) {
		err = seccomp_rule_add(ctx, SCMP_ACT_NOTIFY, nr, 1,
				       arg_cmp(arg, SCMP_CMP_MASKED_EQ,
					       writes[i].mask,
					       writes[i].value));
		if (err < 0)
			return err;
	}
	return 0;
}

static int export(scmp_filter_ctx ctx, struct sock_fprog *prog)
{
	struct sock_filter *insns = NULL;
	off_t size;
	int fd, err;

	fd = memfd_create("syd-bpf", MFD_CLOEXEC);
	if (fd < 0)
		return -errno;
	err = seccomp_export_bpf(ctx, fd);
	if (err < 0)
		goto out;
	size = lseek(fd, 0, SEEK_END);
	if (size <= 0 || size % (off_t)sizeof(*insns) != 0 ||
	    size / (off_t)sizeof(*insns) > BPF_MAXINSNS) {
		err = -E2BIG;
		goto out;
	}
	insns = malloc((size_t)size);
	if (!insns) {
		err = -ENOMEM;
		goto out;
	}
	if (pread(fd, insns, (size_t)size, 0) != size) {
		err = -EIO;
		free(insns);
		goto out;
	}
	prog->filter = insns;
	prog->len = (unsigned short)(size / (off_t)sizeof(*insns));
	err = 0;
out:
	close(fd);
	return err;
}

/* Does a network category restrict: is it worth a round trip? */
static bool net_restricts(const struct sandbox *sb)
{
	return restricts(sb, CAT_NET_CONNECT) || restricts(sb, CAT_NET_BIND) ||
	       restricts(sb, CAT_NET_SENDFD);
}

/*
 * trace/deny_dotdot is decided in the open family's and chdir's handlers:
 * with it on they are hooked whatever categories are on.
 */
static bool dotdot_row(const struct sandbox *sb, const char *name)
{
	static const char *const rows[] = { "open", "openat", "openat2",
					    "creat", "chdir" };

	if (!sb->trace[TRACE_DENY_DOTDOT])
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(rows); i++)
		if (!strcmp(name, rows[i]))
			return true;
	return false;
}

/* Is a HOOK_NET row with categories CATS hooked under SB? */
static bool net_row_hooked(const struct sandbox *sb, uint64_t cats)
{
	for (int c = CAT_NET_FIRST; c <= CAT_NET_LAST; c++)
		if ((cats & CAT_BIT(c)) && restricts(sb, (enum cat)c))
			return true;
	/* A UNIX socket file may be hidden: ENOENT, as a missing one. */
	return (cats & CAT_BIT(CAT_STAT)) && decide_may_hide(sb, false);
}

/*
 * The shapes of socket(2) that are refused (syscalls/socket.c decides and
 * logs them): when the network is restricted, a family no rule can name
 * (all but UNIX, IPv4, IPv6 and netlink, unless
 * trace/allow_unsupp_socket; AF_ALG also with trace/allow_safe_kcapi),
 * raw IP and packet sockets (unless trace/allow_unsafe_socket); and the
 * netlink families net/link refuses. Families and protocols are compared
 * on the 32 bits the kernel reads; values past the known ones on all 64,
 * so that any with the upper half set come too.
 */
static int add_socket_hook(scmp_filter_ctx ctx, const struct sandbox *sb,
			   int nr)
{
	bool unsupp = sb->trace[TRACE_ALLOW_UNSUPP_SOCKET];
	bool raw = sb->trace[TRACE_ALLOW_UNSAFE_SOCKET];
	int err = 0;

	if (net_restricts(sb) && !unsupp) {
		for (int f = 0; f < AF_MAX && err >= 0; f++) {
			if (f == AF_UNIX || f == AF_INET || f == AF_INET6 ||
			    f == AF_NETLINK || f == AF_PACKET ||
			    (f == AF_ALG && sb->trace[TRACE_ALLOW_SAFE_KCAPI]))
				continue;
			err = seccomp_rule_add(ctx, SCMP_ACT_NOTIFY, nr, 1,
					       arg_eq32(0, (scmp_datum_t)f));
		}
		if (err >= 0)
			err = seccomp_rule_add(
				ctx, SCMP_ACT_NOTIFY, nr, 1,
				arg_cmp(0, SCMP_CMP_GE, AF_MAX, 0));
	}
	if (err >= 0 && net_restricts(sb) && !raw) {
		static const int inet[] = { AF_INET, AF_INET6 };

		err = seccomp_rule_add(ctx, SCMP_ACT_NOTIFY, nr, 1,
				       arg_eq32(0, AF_PACKET));
		for (size_t i = 0; i < ARRAY_SIZE(inet) && err >= 0; i++)
			err = seccomp_rule_add(
				ctx, SCMP_ACT_NOTIFY, nr, 2,
				arg_eq32(0, (scmp_datum_t)inet[i]),
				arg_cmp(1, SCMP_CMP_MASKED_EQ, 0xf, SOCK_RAW));
	}
	if (err < 0 || !restricts(sb, CAT_NET_LINK))
		return err;
	for (int p = 0; p < MAX_LINKS && err >= 0; p++)
		if (net_link_refused(sb, p))
			err = seccomp_rule_add(ctx, SCMP_ACT_NOTIFY, nr, 2,
					       arg_eq32(0, AF_NETLINK),
					       arg_eq32(2, (scmp_datum_t)p));
	if (err >= 0)
		err = seccomp_rule_add(ctx, SCMP_ACT_NOTIFY, nr, 2,
				       arg_eq32(0, AF_NETLINK),
				       arg_cmp(2, SCMP_CMP_GE, MAX_LINKS, 0));
	return err;
}

/*
 * The network rows' shapes: sendto(2) with a destination (a NULL one
 * sends to the connected peer, decided at connect), the socket options
 * of source routing (syscalls/socket.c), and every bind, connect,
 * sendmsg and sendmmsg (their address is in memory).
 */
static int add_net_hook(scmp_filter_ctx ctx, const struct sandbox *sb,
			const char *name, int nr)
{
	static const struct {
		int level, opt;
	} routes[] = {
		{ SOL_IP, IP_OPTIONS },
		{ SOL_IPV6, IPV6_RTHDR },
		{ SOL_IPV6, IPV6_2292RTHDR },
		{ SOL_IPV6, IPV6_2292PKTOPTIONS },
	};
	int err = 0;

	if (!strcmp(name, "socket"))
		return add_socket_hook(ctx, sb, nr);
	if (!strcmp(name, "sendto"))
		return seccomp_rule_add(ctx, SCMP_ACT_NOTIFY, nr, 1,
					arg_cmp(4, SCMP_CMP_NE, 0, 0));
	if (strcmp(name, "setsockopt"))
		return seccomp_rule_add(ctx, SCMP_ACT_NOTIFY, nr, 0);
	for (size_t i = 0; i < ARRAY_SIZE(routes) && err >= 0; i++)
		err = seccomp_rule_add(
			ctx, SCMP_ACT_NOTIFY, nr, 2,
			arg_eq32(1, (scmp_datum_t)routes[i].level),
			arg_eq32(2, (scmp_datum_t)routes[i].opt));
	return err;
}

/*
 * Nothing in the sandbox may signal syd or open a pidfd on it: stopping
 * syd stalls every supervised call, and a pidfd is the way to its fds.
 * Calls naming a process by the first argument are refused for syd's pid
 * (its own threads' ids are not knowable here; tgkill and the like name
 * the thread group first).
 */
static int protect_supervisor(scmp_filter_ctx ctx, pid_t self)
{
	static const char *const by_pid[] = {
		"kill",
		"tgkill",
		"pidfd_open",
		"rt_sigqueueinfo",
		"rt_tgsigqueueinfo",
		"kcmp",
		"prlimit64",
		"sched_setaffinity",
		"sched_setscheduler",
		"sched_setparam",
		"sched_setattr",
		"migrate_pages",
		"move_pages",
		"process_madvise",
		"process_mrelease",
		"setpgid",
		"get_robust_list",
	};
	int err;

	for (size_t i = 0; i < ARRAY_SIZE(by_pid); i++) {
		int nr = seccomp_syscall_resolve_name(by_pid[i]);

		if (nr < 0)
			continue;
		err = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), nr, 1,
				       arg_eq32(0, (scmp_datum_t)self));
		if (err < 0)
			return err;
	}
	return 0;
}

/*
 * Is row H hooked; with DEVSYD false, as it would be were /dev/syd out of
 * reach (devsyd_only()). HOOK_ALWAYS has every bit, HOOK_IF_HIDING's too:
 * not tested. Without a rule that may hide a name, the calls that show
 * names without a lookup (HOOK_IF_HIDING) have nothing to leave out and
 * stay in the kernel.
 */
static bool row_hooked(const struct supervisor *sv, const struct hook *h,
		       bool devsyd)
{
	return !((h->cats != HOOK_ALWAYS && !(h->cats & sv->sb->enabled) &&
		  !dotdot_row(sv->sb, h->name) &&
		  !tighten_row(sv->sb, h->name) &&
		  !append_row(sv->sb, h->name) && !mask_row(sv->sb, h->name) &&
		  !((h->cats & HOOK_IF_DEVSYD) && devsyd)) ||
		 (h->root_only && !sv->creds.privileged) ||
		 (h->cats != HOOK_ALWAYS && (h->cats & HOOK_IF_HIDING) &&
		  !decide_may_hide(sv->sb, true)) ||
		 (h->cats != HOOK_ALWAYS && (h->cats & HOOK_NET) &&
		  !net_row_hooked(sv->sb, h->cats)));
}

/*
 * Which calls of row H (hooked) are sent only for /dev/syd: decided by
 * the very tests that chose what to hook, run again as if /dev/syd were
 * out of reach, so the two cannot part. The open handler gives those
 * back to the kernel once it has seen they are not /dev/syd's.
 */
static enum devsyd_only devsyd_only(const struct supervisor *sv,
				    const struct hook *h)
{
	if (h->cats == HOOK_ALWAYS || !(h->cats & HOOK_IF_DEVSYD) ||
	    !devsyd_reachable(sv->sb))
		return DEVSYD_ONLY_NONE;
	if (!row_hooked(sv, h, false))
		return DEVSYD_ONLY_ALL;
	/* add_hook(): read-only open(2)s and openat(2)s, for /dev/syd */
	return open_flags_arg(h->name) && !opens_all(sv->sb) ? DEVSYD_ONLY_READS
							     : DEVSYD_ONLY_NONE;
}

/* The filter of SV's sandbox as a libseccomp context, in *OUT on success. */
static int build(struct supervisor *sv, scmp_filter_ctx *out)
{
	const struct hook *h;
	scmp_filter_ctx ctx;
	int err = 0;

	memset(sv->dispatch, 0, sizeof(sv->dispatch));
	ctx = seccomp_init(SCMP_ACT_ALLOW);
	if (!ctx)
		return -ENOMEM;
	/* Only the native ABI is allowed in: i386 and x32 calls kill. */
	err = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH,
			       SCMP_ACT_KILL_PROCESS);
	if (err < 0)
		goto out;
	/*
	 * A binary tree of system call numbers instead of a linear list:
	 * every call the sandbox makes runs this filter, hooked or not.
	 */
	err = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2);
	if (err < 0)
		goto out;
	for (h = hooks_table(); h->name; h++) {
		int nr;

		if (!row_hooked(sv, h, devsyd_reachable(sv->sb)))
			continue;
		nr = seccomp_syscall_resolve_name(h->name);
		if (nr == __NR_SCMP_ERROR || nr < 0) {
			/* Not on this architecture (e.g. only 32-bit). */
			continue;
		}
		if (nr >= DISPATCH_MAX) {
			err = -ERANGE;
			goto out;
		}
		if (h->cats != HOOK_ALWAYS && (h->cats & HOOK_NET))
			err = add_net_hook(ctx, sv->sb, h->name, nr);
		else
			err = add_hook(ctx, sv->sb, h->name, nr);
		if (err < 0)
			goto out;
		sv->dispatch[nr] = h;
		sv->devsyd_only[nr] = devsyd_only(sv, h);
	}
	/* What /dev/syd may turn on later: what is hooked now. */
	sv->sb->hooked = sv->sb->enabled;
	/*
	 * Hiding is not hooked in advance for /dev/syd: the calls that show
	 * names without a lookup (getdents, inotify, the /proc lists) would
	 * all pay, and inotify fds become syd's sockets. A command that would
	 * make hiding possible when it was not at start is refused instead
	 * (config/runtime.c).
	 */
	sv->sb->hiding_hooked = decide_may_hide(sv->sb, true);
	err = floors_add_blocks(ctx, sv->sb);
	if (err == 0)
		err = append_add_rules(ctx, sv->sb);
	if (err < 0)
		goto out;
	err = floors_add_namespaces(ctx, sv->sb);
	if (err < 0)
		goto out;
	err = tighten_filter(ctx, sv->sb);
	if (err < 0)
		goto out;
	err = protect_supervisor(ctx, getpid());
out:
	if (err < 0)
		seccomp_release(ctx);
	else
		*out = ctx;
	return err;
}

int filter_build(struct supervisor *sv, struct sock_fprog *prog)
{
	scmp_filter_ctx ctx;
	int err = build(sv, &ctx);

	if (err < 0)
		return err;
	err = export(ctx, prog);
	seccomp_release(ctx);
	return err;
}

int filter_dump(struct sandbox *sb, int fd, bool pfc)
{
	/* As supervisor_run() would see it: the hooks depend on root. */
	struct supervisor sv = { .sb = sb, .listener = -1 };
	scmp_filter_ctx ctx;
	int err;

	sv.creds.privileged = geteuid() == 0;
	err = build(&sv, &ctx);
	if (err < 0)
		return err;
	err = pfc ? seccomp_export_pfc(ctx, fd) : seccomp_export_bpf(ctx, fd);
	seccomp_release(ctx);
	return err;
}
