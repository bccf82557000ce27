/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Resource limits. setrlimit(2) and prlimit64(2) setting a limit syd gave
 * the sandbox (supervise/rlimits.c: rlimit/NAME, and RLIMIT_CORE 0 unless
 * the policy says otherwise), and prlimit64(2) setting any limit of
 * another process (hook_prlimit64()). A limit syd gave is a ceiling: set
 * soft and hard alike, it can only be lowered, also by a root process
 * whose CAP_SYS_RESOURCE would lift a hard limit; for RLIMIT_CORE that
 * means no core dumps, which the kernel writes itself into the crashing
 * process's cwd (unlinking an older "core" first), where no path rule is
 * ever asked. And RLIMIT_FSIZE, which an emulated call that grows a file
 * must apply as the kernel would for the caller (notif_fsize_check()).
 */
#include <errno.h>
#include <linux/capability.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "kernel/caps.h"
#include "kernel/notify.h"
#include "policy/rlimit.h"
#include "syscalls/common.h"

/*
 * Does thread TID hold CAP_SYS_RESOURCE, with which the kernel would let
 * it raise a hard limit? 1, 0, or -ESRCH. Capabilities are the thread's
 * own and only it may change them (capset(2) on another thread fails):
 * while it waits in this call, the answer holds. A capability held in a
 * user namespace only counts too (the kernel wants it in the first one):
 * that errs toward the emulation, which refuses every raise.
 */
static int may_raise(pid_t tid)
{
	char buf[4096], *p;
	unsigned long long eff;

	if (proc_read_file(tid, "status", buf, sizeof(buf)) < 0)
		return -ESRCH;
	p = strstr(buf, "\nCapEff:");
	if (!p || sscanf(p + 8, "%llx", &eff) != 1)
		return -ESRCH;
	return (eff >> CAP_SYS_RESOURCE) & 1;
}

/*
 * PID's (0: the caller's own) limit RESOURCE, one syd guards, to the
 * struct rlimit at NEW; the old one to OLD when not 0. A caller without
 * CAP_SYS_RESOURCE goes on to the kernel, which refuses it a higher hard
 * limit itself and checks the rest as without syd (for another process,
 * the sandbox's only). One with it could raise the limit: the call is
 * emulated. Only the caller's own process then: another's fails with
 * EPERM. The kernel's checks come first, in its order: EFAULT for an
 * unreadable NEW, EINVAL for a soft limit above the hard one. A hard
 * limit above the current one fails with EPERM, the kernel's answer to
 * an unprivileged raise. Anything lower is set by syd, on the copy of NEW
 * it read: continuing would let another thread swap a higher limit in
 * after the check. Returns 0 or -errno, or HOOK_CONTINUE.
 */
static long ceiling(struct notif *n, pid_t pid, unsigned resource,
		    uint64_t new_addr, uint64_t old_addr)
{
	pid_t self = n->req->pid, tgid;
	struct rlimit lim, cur;
	int err = may_raise(self);

	if (err < 0)
		return err;
	if (err == 0) {
		if (pid != 0 && pid != self &&
		    proc_descends_from(pid, getpid()) != 1)
			return -EPERM;
		return HOOK_CONTINUE;
	}
	err = tracee_read(self, new_addr, &lim, sizeof(lim));
	if (err < 0)
		return err;
	if (lim.rlim_cur > lim.rlim_max)
		return -EINVAL;
	/* The limit is the thread group's: any of the caller's tids will do. */
	if (pid != 0 && pid != self) {
		tgid = proc_tgid(self);
		if (tgid <= 0 || proc_tgid(pid) != tgid)
			return -EPERM;
	}
	/*
	 * Read and set by syd: a caller with CAP_SYS_RESOURCE is one whose
	 * capabilities syd holds too, and lowering a limit is what the
	 * caller may do without any.
	 */
	if (prlimit(self, (int)resource, NULL, &cur) < 0)
		return -ESRCH;
	if (lim.rlim_max > cur.rlim_max)
		return -EPERM;
	/*
	 * The pid may be another process's by now: not set, not written
	 * then. Between this check and the set below it could only change
	 * if the caller, blocked in this call, died and its number came
	 * round again (pid_max allocations) meanwhile.
	 */
	if (notify_id_valid(n->listener, n->req->id) < 0)
		return -ESRCH;
	if (prlimit(self, (int)resource, &lim, NULL) < 0)
		return -errno;
	if (old_addr) {
		err = tracee_write(self, old_addr, &cur, sizeof(cur));
		if (err < 0)
			return err;
	}
	return 0;
}

/* setrlimit(resource, new), for a resource syd guards (supervise/filter.c) */
long hook_setrlimit(struct notif *n)
{
	return ceiling(n, 0, (unsigned)notif_arg(n, 0), notif_arg(n, 1), 0);
}

/*
 * prlimit64(pid, resource, new, old) with NEW not NULL, for a resource
 * syd guards or for a PID other than 0. Another limit may be set on a
 * process of the sandbox (syd, a child subreaper, among its ancestors),
 * where the call continues and the kernel checks it as for the caller; on
 * a process outside it, EPERM: a file size limit of 0 kills a process at
 * its next write, a way around the refusal of signals to the outside.
 * Continuing is safe: the pid is in a register, and for it to name an
 * outside process by the time the kernel acts, the process checked would
 * have to die and its number come round again (pid_max allocations) in
 * between.
 */
long hook_prlimit64(struct notif *n)
{
	pid_t pid = (pid_t)notif_fd_arg(n, 0), self = n->req->pid;
	unsigned resource = (unsigned)notif_arg(n, 1);
	bool guarded;

	sandbox_rdlock(n->sb);
	guarded = rlimit_guarded(n->sb, (int)resource);
	sandbox_unlock(n->sb);
	if (guarded)
		return ceiling(n, pid, resource, notif_arg(n, 2),
			       notif_arg(n, 3));
	if (pid != 0 && pid != self && proc_descends_from(pid, getpid()) != 1)
		return -EPERM;
	return HOOK_CONTINUE;
}

int notif_fsize_check(struct notif *n, const struct stat *st, uint64_t size)
{
	char buf[2048], *p;
	uint64_t soft;
	ssize_t len;
	pid_t tgid;

	if (!S_ISREG(st->st_mode) || size <= (uint64_t)st->st_size)
		return 0;
	/*
	 * /proc/TID/limits, not prlimit(2): a thread acting for a caller
	 * whose ids differ from syd's may not ask the kernel for another
	 * process's limits, and anyone may read that file.
	 */
	len = proc_read_file(n->req->pid, "limits", buf, sizeof(buf));
	if (len < 0)
		return -ESRCH;
	p = strstr(buf, "\nMax file size");
	if (!p)
		return -ESRCH;
	p += strlen("\nMax file size");
	while (*p == ' ')
		p++;
	if (!strncmp(p, "unlimited", 9))
		return 0;
	soft = strtoull(p, NULL, 10);
	if (size <= soft)
		return 0;
	/* The kernel's order: the signal, then the error (inode_newsize_ok). */
	tgid = proc_tgid(n->req->pid);
	priv_raise();
	if (tgid > 0)
		syscall(SYS_tgkill, tgid, n->req->pid, SIGXFSZ);
	priv_lower();
	return -EFBIG;
}
