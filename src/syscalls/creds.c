/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Acting with the caller's credentials (see creds.h), and the set*id
 * calls that tell us the callers' ids may differ from ours.
 */
#include "syscalls/creds.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/fsuid.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "kernel/caps.h"
#include "syscalls/common.h"

/* Whether thread TID is in our user namespace (false when unsure). */
static bool same_user_ns(pid_t tid)
{
	char path[64];
	struct stat a, b;

	snprintf(path, sizeof(path), "/proc/%d/ns/user", (int)tid);
	return stat(path, &a) == 0 && stat("/proc/self/ns/user", &b) == 0 &&
	       a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/*
 * Make this thread act with the caller's fs (or, REAL, real) ids, groups
 * and capabilities. Called acting as syd: setfsuid() and setgroups() need
 * our CAP_SETUID and CAP_SETGID, so the capabilities go last.
 */
static int take_on(struct notif *n, bool real)
{
	const struct tracee_creds *c = &n->caller_creds;
	uid_t uid = real ? c->ruid : c->fsuid;
	gid_t gid = real ? c->rgid : c->fsgid;
	uint64_t caps;

	/*
	 * Raw system calls: the glibc wrappers of setgroups() apply to every
	 * thread of the process, these only to the calling emulator thread.
	 */
	if (syscall(SYS_setgroups, (size_t)c->ngroups, c->groups) < 0)
		return -errno;
	n->creds = true;
	syscall(SYS_setfsgid, gid);
	syscall(SYS_setfsuid, uid);
	/* setfsuid() reports no error: read the ids back to be sure. */
	if ((uid_t)syscall(SYS_setfsuid, -1) != uid ||
	    (gid_t)syscall(SYS_setfsgid, -1) != gid)
		return -EPERM;
	/*
	 * The caller's capabilities, never ours: a root process that dropped
	 * CAP_DAC_OVERRIDE must not read through us what it cannot read
	 * itself. access(2) checks as the kernel does: a real uid of 0 with
	 * the permitted set, any other with none.
	 */
	caps = real ? (c->ruid == 0 ? c->cap_prm : 0) : c->cap_eff;
	/*
	 * status shows ids as we see them but capabilities as the caller's
	 * own user namespace grants them: in a namespace it made, they are
	 * none in ours.
	 */
	if ((n->sb->unsafe_ns & NS_USER) && !same_user_ns(n->req->pid))
		caps = 0;
	n->creds_real = real;
	return priv_enter(caps, n->cp->cap_prm);
}

/* Back to syd's own credentials, whatever the depth. */
static void give_back(struct notif *n)
{
	if (!n->creds)
		return;
	priv_leave();
	syscall(SYS_setfsuid, 0);
	syscall(SYS_setfsgid, 0);
	syscall(SYS_setgroups, 0, NULL);
	n->creds = false;
}

int notif_creds_enter(struct notif *n, unsigned need)
{
	bool take = n->cp->privileged && atomic_load(&n->cp->changed);
	bool real = need & CREDS_REAL;
	int err;

	if (!take && !(need & CREDS_UMASK))
		return 0;
	/*
	 * No sandboxed process ever called umask(2) (hook_umask()): the
	 * caller's umask is the one every process inherited, and /proc need
	 * not be read for it.
	 */
	if (!take && !atomic_load(&n->cp->umask_changed)) {
		umask(n->cp->umask0 | notif_force_umask(n));
		return 0;
	}
	if (!n->have_creds) {
		/* The caller is blocked in its call: they cannot change. */
		err = tracee_creds(n->req->pid, &n->caller_creds);
		if (err < 0)
			return err;
		n->have_creds = true;
	}
	if (need & CREDS_UMASK)
		umask(n->caller_creds.umask | notif_force_umask(n));
	if (!take)
		return 0;
	if (!n->creds || n->creds_real != real) {
		give_back(n);
		err = take_on(n, real);
		if (err < 0) {
			give_back(n);
			n->creds_depth = 0;
			return err;
		}
	}
	n->creds_depth++;
	return 0;
}

void notif_creds_leave(struct notif *n)
{
	if (!n->creds || n->creds_depth == 0)
		return;
	if (--n->creds_depth == 0) {
		give_back(n);
	} else if (n->creds_real) {
		/*
		 * The enclosing level (the handler as a whole) acts with the
		 * fs ids. They were taken a moment ago; if they cannot be
		 * again, going on as syd would be an escape: end syd and the
		 * sandbox, which closes the listener and fails every pending
		 * call.
		 */
		int err;

		give_back(n);
		err = take_on(n, false);
		if (err < 0) {
			n->host->abort(n, -err);
			abort(); /* not reached: never on as syd */
		}
	}
}

void notif_creds_done(struct notif *n)
{
	give_back(n);
	n->creds_depth = 0;
	if (n->have_creds)
		tracee_creds_fini(&n->caller_creds);
	n->have_creds = false;
}

/*
 * Whether the set*id call D leaves a caller that has syd's ids with them:
 * every id it names is syd's one uid (gid) or -1 ("unchanged"). It takes
 * its arguments in registers, so what we look at is what the kernel gets.
 * setgroups and capset always count as a change.
 */
static bool setid_keeps_ids(const struct creds_policy *cp,
			    const struct seccomp_data *d)
{
	int nargs;
	bool gid;

	switch (d->nr) {
	case __NR_setuid:
		nargs = 1, gid = false;
		break;
	case __NR_setgid:
		nargs = 1, gid = true;
		break;
	case __NR_setfsuid:
		nargs = 1, gid = false;
		break;
	case __NR_setfsgid:
		nargs = 1, gid = true;
		break;
	case __NR_setreuid:
		nargs = 2, gid = false;
		break;
	case __NR_setregid:
		nargs = 2, gid = true;
		break;
	case __NR_setresuid:
		nargs = 3, gid = false;
		break;
	case __NR_setresgid:
		nargs = 3, gid = true;
		break;
	default:
		return false;
	}
	if (!cp->uniform_ids)
		return false;
	for (int i = 0; i < nargs; i++) {
		uint32_t id = (uint32_t)d->args[i];

		if (id != (uint32_t)-1 &&
		    id != (gid ? (uint32_t)cp->gid : (uint32_t)cp->uid))
			return false;
	}
	return true;
}

/*
 * The set*id family, capset, and prctl's PR_CAPBSET_DROP and
 * PR_SET_SECUREBITS (after which an exec drops capabilities): the caller
 * changes its own credentials, which from now on are read for every
 * emulated call. Continuing is safe:
 * nothing is decided and no argument is trusted; the call gains the
 * caller nothing syd's checks rely on. The flag is set before the answer,
 * so a call of the caller's made after this one finds it set.
 */
/*
 * umask(2): from now on a process's umask may differ from the one every
 * process started with, and is read from /proc for each call that
 * creates. Continuing is safe: nothing is decided and nothing granted. As
 * for the set*id calls, the flag is set before the answer, so a create
 * of the caller's made after this call finds it set.
 */
long hook_umask(struct notif *n)
{
	atomic_store(&n->cp->umask_changed, true);
	return HOOK_CONTINUE;
}

long hook_setid(struct notif *n)
{
	if (!setid_keeps_ids(n->cp, &n->req->data))
		atomic_store(&n->cp->changed, true);
	return HOOK_CONTINUE;
}
