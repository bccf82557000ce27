/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Signals from the sandbox, where Landlock cannot scope them (ABI < 6:
 * kernels before 6.12, most distributions' today). Nothing in the sandbox
 * may signal a process outside it, syd included: every call that names
 * its target comes here (the filter hooks them only then,
 * supervise/filter.c), and a target outside the sandbox gets EPERM, the
 * answer Landlock's scope gives. A process of the sandbox is a descendant
 * of syd, a child subreaper (resolve/view.c says why that holds).
 *
 * A single target named in a register (kill, tkill, tgkill,
 * rt_sigqueueinfo, rt_tgsigqueueinfo, fcntl F_SETOWN) is checked and the
 * call continued, so that the kernel applies the caller's own permission
 * check. Safe: the number cannot change, and a process of the sandbox
 * keeps its number until it is reaped, which only syd does for an orphan
 * and its parent (of the sandbox) otherwise; a reaped number is handed out
 * again only after the kernel's cyclic allocator has gone round all the
 * others, not within the microseconds between the check and the call.
 * Groups (kill(0), kill(-PGRP), kill(-1)) and pidfd_send_signal (whose fd
 * another thread may replace meanwhile) are performed by syd, for each
 * target of the sandbox, after the kernel's permission check made for the
 * caller (may_signal()): syd's own rights are never lent.
 */
#include "syscalls/hooks.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "kernel/procfs.h"
#include "kernel/tracee.h"
#include "syscalls/append.h"

#ifndef PIDFD_SIGNAL_PROCESS_GROUP
#define PIDFD_SIGNAL_PROCESS_GROUP (1U << 2)
#endif

/* 1: of the sandbox; 0: outside it (syd too); -ESRCH: no such task. */
static int ours(pid_t pid)
{
	if (pid <= 0)
		return -ESRCH;
	if (pid == getpid() || proc_tgid(pid) == getpid())
		return 0;
	if (proc_descends_from(pid, getpid()) == 1)
		return 1;
	return proc_tgid(pid) < 0 ? -ESRCH : 0;
}

/* A single target: continued when ours, else the kernel's answers. */
static long one_target(pid_t pid, int sig)
{
	int r = ours(pid);

	if (r == 1)
		return HOOK_CONTINUE;
	if (r < 0)
		return r;
	/* The kernel checks the signal before it checks permission. */
	return sig < 0 || sig > _NSIG - 1 ? -EINVAL : -EPERM;
}

struct ids {
	unsigned long uid[4]; /* real, effective, saved, fs */
	unsigned long long cap_eff;
	pid_t pgrp, session;
	dev_t userns_dev;
	ino_t userns; /* its user namespace, for its capabilities */
};

/* /proc/PID/status's Uid and CapEff, /proc/PID/stat's pgrp and session. */
static int read_ids(pid_t pid, struct ids *id)
{
	struct stat st;
	char buf[4096];
	const char *p;
	ssize_t n = proc_read_file(pid, "status", buf, sizeof(buf));

	if (n < 0)
		return (int)n;
	p = strstr(buf, "\nUid:");
	if (!p || sscanf(p + 5, "%lu %lu %lu %lu", &id->uid[0], &id->uid[1],
			 &id->uid[2], &id->uid[3]) != 4)
		return -EIO;
	p = strstr(buf, "\nCapEff:");
	if (!p || sscanf(p + 8, "%llx", &id->cap_eff) != 1)
		return -EIO;
	snprintf(buf, sizeof(buf), "/proc/%d/ns/user", (int)pid);
	if (stat(buf, &st) < 0)
		return -errno;
	id->userns_dev = st.st_dev;
	id->userns = st.st_ino;
	n = proc_read_file(pid, "stat", buf, sizeof(buf));
	if (n < 0)
		return (int)n;
	/* After the command's name, which may hold anything but ends ")". */
	p = strrchr(buf, ')');
	if (!p || sscanf(p + 1, " %*c %*d %d %d", &id->pgrp, &id->session) != 2)
		return -EIO;
	return 0;
}

/*
 * May CALLER (its ids in C) signal TARGET with SIG? The kernel's check
 * (kill_ok_by_cred, and SIGCONT within a session): 0 or -EPERM / -ESRCH.
 */
static int may_signal(const struct ids *c, pid_t target, int sig)
{
	struct ids t;
	int err = read_ids(target, &t);

	if (err < 0)
		return err == -ENOENT ? -ESRCH : err;
	if (c->uid[1] == t.uid[2] || c->uid[1] == t.uid[0] ||
	    c->uid[0] == t.uid[2] || c->uid[0] == t.uid[0])
		return 0;
	/*
	 * CAP_KILL counts in the target's user namespace only (the kernel
	 * also takes an ancestor's: refused here, the stricter answer). A
	 * process that made a user namespace has every capability in it.
	 */
	if ((c->cap_eff & (1ULL << 5)) && c->userns == t.userns &&
	    c->userns_dev == t.userns_dev)
		return 0;
	if (sig == SIGCONT && c->session == t.session)
		return 0;
	return -EPERM;
}

/*
 * kill(0 or -PGRP), or with ALL kill(-1): SIG to each process of the
 * sandbox in the group (every one but init and the caller's own), as the
 * caller may. The kernel's answers: for a group, 0 when one got it, else
 * the last error, ESRCH when there was none; for all, the last error
 * other than EPERM, or 0.
 */
static long group(struct notif *n, pid_t pgrp, bool all, int sig)
{
	pid_t caller = proc_tgid((pid_t)n->req->pid);
	bool delivered = false;
	long last = all ? 0 : -ESRCH;
	struct dirent *de;
	struct ids c;
	DIR *d;
	int err;

	if (sig < 0 || sig > _NSIG - 1)
		return -EINVAL;
	if ((err = read_ids((pid_t)n->req->pid, &c)) < 0)
		return err;
	if (pgrp == 0)
		pgrp = c.pgrp;
	d = opendir("/proc");
	if (!d)
		return -errno;
	while ((de = readdir(d))) {
		pid_t pid;
		struct ids t;
		int pfd;

		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		pid = (pid_t)strtol(de->d_name, NULL, 10);
		if (all ? pid == 1 || pid == caller
			: read_ids(pid, &t) < 0 || t.pgrp != pgrp)
			continue;
		/*
		 * The pidfd first, then the checks: it names the process
		 * that had the number then, so a number reaped and given to
		 * another process meanwhile cannot redirect the signal. The
		 * receiver's siginfo names syd as the sender (SI_USER cannot
		 * be sent in another's name).
		 */
		pfd = (int)syscall(SYS_pidfd_open, pid, 0);
		if (pfd < 0)
			continue; /* gone: as if never there */
		/* Outside: refused, as Landlock's scope would. */
		err = ours(pid) == 1 ? may_signal(&c, pid, sig) : -EPERM;
		if (err == 0 &&
		    syscall(SYS_pidfd_send_signal, pfd, sig, NULL, 0) < 0)
			err = -errno;
		close(pfd);
		if (err == -ESRCH)
			continue; /* gone meanwhile: as if never there */
		delivered |= err == 0;
		if (!all || err != -EPERM)
			last = err;
	}
	closedir(d);
	return delivered && !all ? 0 : last;
}

long hook_kill(struct notif *n)
{
	pid_t pid = (pid_t)n->req->data.args[0];
	int sig = (int)n->req->data.args[1];

	if (pid > 0)
		return one_target(pid, sig);
	if (pid == INT_MIN)
		return -ESRCH;
	return group(n, pid == -1 ? 0 : -pid, pid == -1, sig);
}

long hook_tkill(struct notif *n)
{
	pid_t pid = (pid_t)n->req->data.args[0];

	if (pid <= 0)
		return -EINVAL;
	return one_target(pid, (int)n->req->data.args[1]);
}

/*
 * The sigqueueinfo calls' first checks, the kernel's order: the siginfo
 * read (EFAULT), and a code only the kernel may send (si_code >= 0 or
 * SI_TKILL) refused for another thread than the caller (EPERM). Returns
 * 0 to go on, or the answer.
 */
static long queue_checks(struct notif *n, uint64_t addr, pid_t target)
{
	siginfo_t info;
	int err = tracee_read((pid_t)n->req->pid, addr, &info, sizeof(info));

	if (err < 0)
		return err == -ESRCH ? -ESRCH : -EFAULT;
	if ((info.si_code >= 0 || info.si_code == SI_TKILL) &&
	    target != (pid_t)n->req->pid)
		return -EPERM;
	return 0;
}

/* rt_sigqueueinfo(PID, SIG, INFO) */
long hook_rt_sigqueueinfo(struct notif *n)
{
	pid_t pid = (pid_t)n->req->data.args[0];
	long r = queue_checks(n, n->req->data.args[2], pid);

	if (r != 0)
		return r;
	return pid <= 0 ? -ESRCH : one_target(pid, (int)n->req->data.args[1]);
}

/* tgkill(TGID, TID, SIG), and rt_tgsigqueueinfo(TGID, TID, SIG, INFO). */
long hook_tgkill(struct notif *n)
{
	pid_t tgid = (pid_t)n->req->data.args[0];
	pid_t tid = (pid_t)n->req->data.args[1];
	long r;

	if (n->req->data.nr == SYS_rt_tgsigqueueinfo) {
		r = queue_checks(n, n->req->data.args[3], tid);
		if (r == -EFAULT || r == -ESRCH)
			return r;
		if (tgid <= 0 || tid <= 0)
			return -EINVAL;
		if (r != 0)
			return r;
	}
	if (tgid <= 0 || tid <= 0)
		return -EINVAL;
	if (proc_tgid(tid) != tgid)
		return -ESRCH;
	return one_target(tid, (int)n->req->data.args[2]);
}

/* The process a pidfd (or a /proc/PID directory fd) of ours names. */
static pid_t pidfd_pid(int fd)
{
	char path[64], buf[512];
	const char *p;
	ssize_t len;
	int out;

	snprintf(path, sizeof(path), "/proc/thread-self/fdinfo/%d", fd);
	out = open(path, O_RDONLY | O_CLOEXEC);
	if (out < 0)
		return -EBADF;
	len = read(out, buf, sizeof(buf) - 1);
	close(out);
	if (len < 0)
		return -EBADF;
	buf[len] = '\0';
	p = strstr(buf, "\nPid:");
	if (p) {
		long pid = strtol(p + 5, NULL, 10);

		return pid > 0 ? (pid_t)pid : -ESRCH; /* -1: it has exited */
	}
	/* A /proc/PID directory: its name says which. */
	snprintf(path, sizeof(path), "/proc/thread-self/fd/%d", fd);
	len = readlink(path, buf, sizeof(buf) - 1);
	if (len <= 0)
		return -EBADF;
	buf[len] = '\0';
	p = NULL;
	if (!strncmp(buf, "/proc/", 6)) {
		pid_t pid = proc_number(buf + 6, buf + len, &p);

		if (pid > 0 && p == buf + len)
			return pid;
	}
	return -EBADF;
}

/*
 * pidfd_send_signal(FD, SIG, INFO, FLAGS), by syd on its own copy of the
 * caller's fd: the fd number may be given another file meanwhile, the copy
 * not. A group (PIDFD_SIGNAL_PROCESS_GROUP) is refused.
 */
long hook_pidfd_send_signal(struct notif *n)
{
	int sig = (int)n->req->data.args[1];
	uint64_t info_addr = n->req->data.args[2];
	unsigned flags = (unsigned)n->req->data.args[3];
	siginfo_t info, *ip = NULL;
	struct ids c;
	pid_t pid;
	int fd, err;

	/* The kernel's first checks: known flags, at most one of them. */
	if ((flags & ~7U) || (flags & (flags - 1)))
		return -EINVAL;
	fd = tracee_getfd((pid_t)n->req->pid, (int)n->req->data.args[0]);
	if (fd < 0)
		return fd == -ESRCH ? -ESRCH : -EBADF;
	pid = pidfd_pid(fd);
	if (pid < 0)
		return pid;
	err = ours(pid);
	if (err != 1)
		return err < 0 ? err : -EPERM;
	if (flags & PIDFD_SIGNAL_PROCESS_GROUP)
		return -EPERM;
	if (info_addr) {
		err = tracee_read((pid_t)n->req->pid, info_addr, &info,
				  sizeof(info));
		if (err < 0)
			return err == -ESRCH ? -ESRCH : -EFAULT;
		ip = &info;
	}
	if ((err = read_ids((pid_t)n->req->pid, &c)) < 0 ||
	    (err = may_signal(&c, pid, sig)) < 0)
		return err;
	if (syscall(SYS_pidfd_send_signal, fd, sig, ip, flags) < 0)
		return -errno;
	return 0;
}

/*
 * 1 when every process of group PGRP is of the sandbox (one at least),
 * 0 when one is not, -ESRCH when the group has none.
 */
static int group_ours(pid_t pgrp)
{
	struct dirent *de;
	bool any = false;
	int r = 1;
	DIR *d = opendir("/proc");

	if (!d)
		return -errno;
	while (r == 1 && (de = readdir(d))) {
		struct ids t;
		pid_t pid;

		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		pid = (pid_t)strtol(de->d_name, NULL, 10);
		if (read_ids(pid, &t) < 0 || t.pgrp != pgrp)
			continue;
		any = true;
		if (ours(pid) == 0)
			r = 0;
	}
	closedir(d);
	return r == 1 && !any ? -ESRCH : r;
}

/*
 * Who a file sends SIGIO to is changed only under this lock while it is
 * checked (set_async()): F_SETOWN 0 is made here, as the rest of an
 * async enabling, so that no file is left without an owner between the
 * check and the enabling.
 */
static pthread_mutex_t owner_lock = PTHREAD_MUTEX_INITIALIZER;

/*
 * O_ASYNC on the caller's FD (F_SETFL with it in FLAGS, or FIOASYNC with
 * ON), made by syd on its copy of that open file: SIGIO then goes to the
 * file's owner, which must be of the sandbox. A terminal without an owner
 * takes one itself as O_ASYNC is set, its foreground process group, where
 * syd and the shell that started it may be (or syd, the setter): refused
 * (EPERM), as a terminal whose owner is outside. On the copy, the file
 * cannot be swapped for another after the check; under owner_lock, its
 * owner cannot be cleared meanwhile (F_SETOWN_EX, FIOSETOWN and SIOCSPGRP
 * are refused, F_SETOWN to a number is checked).
 */
static long set_async(struct notif *n, bool ioctl_req, unsigned long arg)
{
	struct f_owner_ex o = { 0, 0 };
	int fd, cur = 0, err = 0, on = 1;

	if (ioctl_req &&
	    (err = tracee_read((pid_t)n->req->pid, arg, &on, sizeof(on))) < 0)
		return err == -ESRCH ? -ESRCH : -EFAULT;
	fd = tracee_getfd((pid_t)n->req->pid, (int)n->req->data.args[0]);
	if (fd < 0)
		return fd == -ESRCH ? -ESRCH : -EBADF;
	pthread_mutex_lock(&owner_lock);
	if (on && fcntl(fd, F_GETOWN_EX, &o) < 0)
		err = -errno;
	else if (on && o.pid == 0 && isatty(fd))
		err = -EPERM;
	else if (on && o.pid != 0)
		err = (o.type == F_OWNER_PGRP ? group_ours(o.pid)
					      : ours(o.pid)) == 1
			      ? 0
			      : -EPERM;
	/*
	 * O_NOATIME needs the file's owner or CAP_FOWNER: the caller's, not
	 * syd's, which the call made here would pass on.
	 */
	if (err == 0 && !ioctl_req && (arg & O_NOATIME) &&
	    (cur = fcntl(fd, F_GETFL)) >= 0 && !(cur & O_NOATIME)) {
		struct ids c;
		struct stat st;

		if (fstat(fd, &st) < 0)
			err = -errno;
		else if ((err = read_ids((pid_t)n->req->pid, &c)) == 0 &&
			 c.uid[3] != st.st_uid && !(c.cap_eff & (1ULL << 3)))
			err = -EPERM;
	}
	if (err == 0 && !ioctl_req)
		err = append_setfl_check(n, fd, arg); /* O_APPEND kept */
	if (err == 0 && (ioctl_req ? ioctl(fd, FIOASYNC, &on)
				   : fcntl(fd, F_SETFL, (int)arg)) < 0)
		err = -errno;
	pthread_mutex_unlock(&owner_lock);
	close(fd);
	return err;
}

/* ioctl(FD, FIOASYNC, &ON): as F_SETFL with O_ASYNC (set_async()). */
long hook_fioasync(struct notif *n)
{
	return set_async(n, true, n->req->data.args[2]);
}

/*
 * fcntl(FD, F_SETOWN, OWNER): SIGIO and SIGURG go to OWNER. And
 * fcntl(FD, F_SETFL, FLAGS) with O_ASYNC: set_async().
 */
long hook_fcntl(struct notif *n)
{
	pid_t owner = (pid_t)n->req->data.args[2];
	int r;

	/*
	 * Without O_ASYNC: here for an append rule (append.h). With it,
	 * set_async() even where Landlock scopes signals (then only an append
	 * rule sends it here): made by syd, O_ASYNC could make syd a
	 * terminal's SIGIO owner, which set_async() refuses.
	 */
	if ((int)n->req->data.args[1] == F_SETFL &&
	    !(n->req->data.args[2] & O_ASYNC))
		return append_setfl(n);
	if ((int)n->req->data.args[1] == F_SETFL)
		return set_async(n, false, n->req->data.args[2]);
	if (owner > 0) {
		r = ours(owner);
		return r == 1 ? HOOK_CONTINUE : r < 0 ? r : -EPERM;
	}
	if (owner == INT_MIN)
		return -EINVAL; /* the kernel's: -OWNER would overflow */
	if (owner == 0) {
		/* No owner: made under owner_lock (set_async()). */
		int fd = tracee_getfd((pid_t)n->req->pid,
				      (int)n->req->data.args[0]);

		if (fd < 0)
			return fd == -ESRCH ? -ESRCH : -EBADF;
		pthread_mutex_lock(&owner_lock);
		r = fcntl(fd, F_SETOWN, 0) < 0 ? -errno : 0;
		pthread_mutex_unlock(&owner_lock);
		close(fd);
		return r;
	}
	/* A process group: every member must be of the sandbox. */
	r = group_ours(-owner);
	return r == 1 ? HOOK_CONTINUE : r < 0 ? r : -EPERM;
}
