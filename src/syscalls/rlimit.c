/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Resource limits. setrlimit(2) and prlimit64(2) setting RLIMIT_CORE, and
 * prlimit64(2) setting any limit of another process (hook_prlimit64()).
 * Every sandboxed process starts with a core limit of 0, soft and hard
 * (supervise/spawn.c), because the kernel writes a dump itself, into the
 * crashing process's cwd (unlinking an older "core" first), where no path
 * rule is ever asked. The limit must stay 0: raising it is refused, also
 * for a root process whose CAP_SYS_RESOURCE would lift the hard limit.
 * Nothing here acts on the caller. And RLIMIT_FSIZE, which an emulated
 * call that grows a file must apply as the kernel would for the caller
 * (notif_fsize_check()).
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "kernel/caps.h"
#include "kernel/notify.h"
#include "syscalls/common.h"

/*
 * PID's (0: the caller's own) RLIMIT_CORE to the struct rlimit at NEW;
 * the old one to OLD when not 0. A request for 0 and 0 (ulimit -c 0, a
 * test suite's guard against dumps) is what the limit already is: it
 * succeeds with nothing done, and the old value is 0 and 0. Anything
 * else fails with EPERM, the kernel's answer to an unprivileged raise,
 * as does a request for another process, whose limit syd cannot vouch
 * for. The kernel's own checks come first, in its order: EFAULT for an
 * unreadable NEW, EINVAL for a soft limit above the hard one.
 */
static long core_limit(struct notif *n, pid_t pid, uint64_t new_addr,
		       uint64_t old_addr)
{
	static const struct rlimit zero = { 0, 0 };
	pid_t self = n->req->pid, tgid;
	struct rlimit lim;
	int err;

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
	if (lim.rlim_cur != 0 || lim.rlim_max != 0)
		return -EPERM;
	if (old_addr) {
		/* The pid may be another process's by now: not written then. */
		if (notify_id_valid(n->listener, n->req->id) < 0)
			return -ESRCH;
		err = tracee_write(self, old_addr, &zero, sizeof(zero));
		if (err < 0)
			return err;
	}
	return 0;
}

/* setrlimit(RLIMIT_CORE, new) */
long hook_setrlimit(struct notif *n)
{
	return core_limit(n, 0, notif_arg(n, 1), 0);
}

/*
 * prlimit64(pid, resource, new, old) with NEW not NULL, for RLIMIT_CORE or
 * for a PID other than 0. Another limit may be set on a process of the
 * sandbox (syd, a child subreaper, among its ancestors), where the call
 * continues and the kernel checks it as for the caller; on a process
 * outside it, EPERM: a file size limit of 0 kills a process at its next
 * write, a way around the refusal of signals to the outside. Continuing
 * is safe: the pid is in a register, and for it to name an outside
 * process by the time the kernel acts, the process checked would have to
 * die and its number come round again (pid_max allocations) in between.
 */
long hook_prlimit64(struct notif *n)
{
	pid_t pid = (pid_t)notif_fd_arg(n, 0), self = n->req->pid;
	unsigned resource = (unsigned)notif_arg(n, 1);

	if (resource == RLIMIT_CORE)
		return core_limit(n, pid, notif_arg(n, 2), notif_arg(n, 3));
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
