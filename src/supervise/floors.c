/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What the sandbox's filter refuses in the kernel, with no notification:
 * calls that defeat the supervisor and have no safe emulation, ioctl
 * requests no path rule could decide, system calls newer than this
 * filter's review, and namespaces the sandbox may not make itself.
 * filter.c adds these to the context it builds.
 */
#include <errno.h>
#include <linux/dm-ioctl.h>
#include <linux/seccomp.h>
#include <linux/userfaultfd.h>
#include <sched.h>
#include <seccomp.h>
#include <sys/ioctl.h>

#include "policy/ioctl.h"
#include "supervise/floors.h"
#include "supervise/seccomp_args.h"
#include "supervise/supervisor.h"

/*
 * The first x86_64 system call number newer than every call this filter
 * knows (fchmodat2 and map_shadow_stack are the last it handles or
 * allows). Newer calls fail with ENOSYS, the answer of an older kernel,
 * until they are reviewed: several of them (getxattrat, file_getattr,
 * open_tree_attr, ...) look paths up, and an unreviewed one would be a
 * lookup syd never sees.
 */
#define FIRST_UNREVIEWED_NR 454

/* Request I of V, a vec of uint64_t, as the kernel reads it: 32 bits. */
static uint32_t req_at(const struct vec *v, size_t i)
{
	const uint64_t *req = vec_at(v, i);

	return (uint32_t)*req;
}

/* Does V, a vec of uint64_t requests, name REQ? */
static bool names_req(const struct vec *v, uint32_t req)
{
	for (size_t i = 0; i < v->n; i++)
		if (req_at(v, i) == req)
			return true;
	return false;
}

/*
 * Is ioctl request REQ refused in the kernel: named by ioctl/deny, or on
 * syd's default list (policy/ioctl.c) and not named by ioctl/allow? The
 * parser keeps a request on one of the two lists at most.
 */
bool floors_ioctl_refused(const struct sandbox *sb, uint32_t req)
{
	const struct ioctl_req *r;

	if (names_req(&sb->ioctl_deny, req))
		return true;
	for (r = ioctl_reqs(); r->name; r++)
		if (r->req == req)
			return r->deny && !names_req(&sb->ioctl_allow, req);
	return false;
}

/*
 * ioctl(2) requests that change kernel state outside the sandbox or reach
 * data past every path check (policy/ioctl.c says which and why) fail
 * with EPERM, the answer of a caller without the privilege, before the
 * kernel looks at the fd: no path rule could decide them, since what
 * they act on (a device, a whole file system) is not what the fd names.
 * The request is matched on its low 32 bits, all the kernel reads, so
 * setting the upper half of the register changes nothing.
 */
static int add_ioctl_floor(scmp_filter_ctx ctx, const struct sandbox *sb)
{
	const struct ioctl_req *r;
	int err;

	for (r = ioctl_reqs(); r->name; r++) {
		if (!floors_ioctl_refused(sb, r->req))
			continue;
		err = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM),
				       SCMP_SYS(ioctl), 1, arg_eq32(1, r->req));
		if (err < 0)
			return err;
	}
	/*
	 * Device-mapper dispatches on the request's number alone, whatever
	 * its size bits say: every request of its type (0xfd, its own) is
	 * refused, unless DM_DEV_CREATE was allowed by name.
	 */
	if (floors_ioctl_refused(sb, (uint32_t)DM_DEV_CREATE)) {
		err = seccomp_rule_add(
			ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(ioctl), 1,
			arg_cmp(1, SCMP_CMP_MASKED_EQ, 0xffu << _IOC_TYPESHIFT,
				(scmp_datum_t)DM_IOCTL << _IOC_TYPESHIFT));
		if (err < 0)
			return err;
	}
	/* Requests ioctl/deny names that the table does not (done above). */
	for (size_t i = 0; i < sb->ioctl_deny.n; i++) {
		uint32_t req = req_at(&sb->ioctl_deny, i);

		if (ioctl_name(req))
			continue;
		err = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM),
				       SCMP_SYS(ioctl), 1, arg_eq32(1, req));
		if (err < 0 && err != -EEXIST)
			return err;
	}
	return 0;
}

/* Calls that defeat the supervisor and have no safe emulation. */
int floors_add_blocks(scmp_filter_ctx ctx, const struct sandbox *sb)
{
	static const char *const uring[] = { "io_uring_setup", "io_uring_enter",
					     "io_uring_register" };
	/*
	 * A mount (in a user namespace of its own) could put any file under
	 * an allowed path: the sandbox's view of the tree must stay syd's.
	 */
	static const char *const mounts[] = {
		"mount",      "umount2",       "pivot_root", "open_tree",
		"move_mount", "fsopen",	       "fsconfig",   "fsmount",
		"fspick",     "mount_setattr",
	};
	/*
	 * Lookups that would bypass the supervisor with no emulation yet, and
	 * calls that reach into other processes or the kernel itself: with
	 * ptrace, pidfd_getfd or process_vm_* a sandboxed process could take
	 * the listener from syd or write syd's memory; acct, swapon and
	 * quotactl write or read files by path; modules, kexec, bpf and perf
	 * are kernel attack surface.
	 */
	static const struct {
		const char *name;
		int err;
	} denied[] = {
		{ "name_to_handle_at", EOPNOTSUPP },
		{ "fanotify_mark", EPERM },
		{ "uselib", ENOSYS },
		{ "ptrace", EPERM },
		{ "pidfd_getfd", EPERM },
		{ "process_vm_readv", EPERM },
		{ "process_vm_writev", EPERM },
		{ "acct", EPERM },
		{ "swapon", EPERM },
		{ "swapoff", EPERM },
		{ "quotactl", EPERM },
		{ "init_module", EPERM },
		{ "finit_module", EPERM },
		{ "delete_module", EPERM },
		{ "kexec_load", EPERM },
		{ "kexec_file_load", EPERM },
		{ "reboot", EPERM },
		{ "bpf", EPERM },
		{ "perf_event_open", EPERM },
		{ "iopl", EPERM },
		{ "ioperm", EPERM },
	};
	int err;

	for (size_t i = 0; i < ARRAY_SIZE(mounts); i++) {
		err = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM),
				       seccomp_syscall_resolve_name(mounts[i]),
				       0);
		if (err < 0)
			return err;
	}
	for (size_t i = 0; i < ARRAY_SIZE(denied); i++) {
		err = seccomp_rule_add(
			ctx, SCMP_ACT_ERRNO(denied[i].err),
			seccomp_syscall_resolve_name(denied[i].name), 0);
		if (err < 0)
			return err;
	}
	for (int nr = FIRST_UNREVIEWED_NR; nr < DISPATCH_MAX; nr++) {
		err = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), nr, 0);
		if (err < 0)
			return err;
	}

	/*
	 * io_uring performs opens and connects from kernel threads that
	 * seccomp never sees. ENOSYS lets programs fall back to plain calls.
	 */
	if (!sb->trace[TRACE_ALLOW_UNSAFE_URING]) {
		for (size_t i = 0; i < ARRAY_SIZE(uring); i++) {
			err = seccomp_rule_add(
				ctx, SCMP_ACT_ERRNO(ENOSYS),
				seccomp_syscall_resolve_name(uring[i]), 0);
			if (err < 0)
				return err;
		}
	}
	/*
	 * A userfaultfd lets a process hold any access to a page it
	 * registered until it answers: a path argument placed there holds
	 * the syd thread that reads it, for good. Refused where it is made,
	 * by the system call or by USERFAULTFD_IOC_NEW on /dev/userfaultfd
	 * (that device's only request: opening it gives nothing else); EPERM
	 * is the kernel's answer when vm.unprivileged_userfaultfd forbids it.
	 */
	if (!sb->trace[TRACE_ALLOW_UNSAFE_UFFD]) {
		err = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM),
				       SCMP_SYS(userfaultfd), 0);
		if (err < 0)
			return err;
		err = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM),
				       SCMP_SYS(ioctl), 1,
				       arg_eq32(1, USERFAULTFD_IOC_NEW));
		if (err < 0)
			return err;
	}
	/* Opens an inode by handle, past every path check. */
	err = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM),
			       SCMP_SYS(open_by_handle_at), 0);
	if (err < 0)
		return err;
	err = add_ioctl_floor(ctx, sb);
	if (err < 0)
		return err;
	/*
	 * A filter of the sandboxed process's own with a listener would take
	 * precedence over ours for the same action and could answer CONTINUE
	 * to calls we never saw. Other filters only ever add restrictions.
	 */
	return seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(seccomp),
				2, arg_eq32(0, SECCOMP_SET_MODE_FILTER),
				arg_cmp(1, SCMP_CMP_MASKED_EQ,
					SECCOMP_FILTER_FLAG_NEW_LISTENER,
					SECCOMP_FILTER_FLAG_NEW_LISTENER));
}

/*
 * Namespaces the sandbox may not make itself: all but the types
 * trace/allow_unsafe_namespace names. In a namespace of its own a process
 * holds capabilities syd's checks do not expect, and a mount namespace
 * would give it a view of the file system other than the one syd resolves
 * paths in. unshare(2) and clone(2) carry the flags in a register:
 * refused (EPERM, as for a caller without the capability) when one of
 * those bits is set. clone3(2) carries them in memory, which the filter
 * cannot read: ENOSYS, on which libc falls back to clone(2). setns(2)
 * with nstype 0 could join any type: refused. The exec guard's tracer
 * (supervise/trace.c) needs the same of clone3: CLONE_UNTRACED makes a
 * child the fork events do not attach, whose exec would go unchecked;
 * clone(2) with it is refused (EPERM).
 */
int floors_add_namespaces(scmp_filter_ctx ctx, const struct sandbox *sb)
{
	static const struct {
		uint32_t bit;
		scmp_datum_t flag;
	} types[] = {
		{ NS_MOUNT, CLONE_NEWNS },	{ NS_UTS, CLONE_NEWUTS },
		{ NS_IPC, CLONE_NEWIPC },	{ NS_USER, CLONE_NEWUSER },
		{ NS_PID, CLONE_NEWPID },	{ NS_NET, CLONE_NEWNET },
		{ NS_CGROUP, CLONE_NEWCGROUP }, { NS_TIME, CLONE_NEWTIME },
	};
	/* Both take the flags as their first argument on x86_64. */
	const int flagged[] = { SCMP_SYS(unshare), SCMP_SYS(clone) };
	bool traced = !sb->trace[TRACE_ALLOW_UNSAFE_PTRACE];
	bool any = false;
	int err;

	if (traced) {
		err = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM),
				       SCMP_SYS(clone), 1,
				       arg_cmp(0, SCMP_CMP_MASKED_EQ,
					       CLONE_UNTRACED, CLONE_UNTRACED));
		if (err < 0)
			return err;
	}

	for (size_t i = 0; i < ARRAY_SIZE(types); i++) {
		if (sb->unsafe_ns & types[i].bit)
			continue;
		any = true;
		for (size_t k = 0; k < ARRAY_SIZE(flagged); k++) {
			err = seccomp_rule_add(
				ctx, SCMP_ACT_ERRNO(EPERM), flagged[k], 1,
				arg_cmp(0, SCMP_CMP_MASKED_EQ, types[i].flag,
					types[i].flag));
			if (err < 0)
				return err;
		}
	}
	if (!any && !traced)
		return 0;
	err = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3),
			       0);
	if (err < 0 || !any)
		return err;
	return seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(setns), 0);
}
