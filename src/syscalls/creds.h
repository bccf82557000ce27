/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The emulated call acts with the caller's credentials: syd never lends
 * its own. The pool enters the fs ids around every handler.
 */
#ifndef SYD_SYSCALLS_CREDS_H
#define SYD_SYSCALLS_CREDS_H

#include <errno.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "syscalls/hooks.h"

/* What the supervisor knows of credentials, set before the pool starts. */
struct creds_policy {
	bool privileged; /* we are root: act with the caller's credentials */
	/*
	 * Set when a sandboxed thread called a set*id function that may
	 * change its ids: until then every process has syd's own credentials
	 * (it was started with them and no_new_privs keeps exec from changing
	 * them), so there is nothing to take on.
	 */
	atomic_bool changed;
	/*
	 * syd's ids when its real, effective and saved ids are one uid and
	 * one gid (uniform_ids): a set*id call naming only these is a no-op
	 * (make sets its effective ids to what they are, around every job).
	 */
	bool uniform_ids;
	uid_t uid;
	gid_t gid;
	/*
	 * syd's permitted capabilities (privileged only): what an emulator
	 * thread restores after acting with a caller's fewer ones.
	 */
	uint64_t cap_prm;
	/*
	 * The umask every sandboxed process starts with (syd's own), good
	 * for every process until one calls umask(2): umask_changed.
	 */
	mode_t umask0;
	atomic_bool umask_changed;
};

/* What notif_creds_enter() should set up. */
enum creds_need {
	CREDS_FS = 1u << 0, /* fsuid, fsgid, groups (file access checks) */
	CREDS_REAL = 1u << 1, /* real ids in place of fs ids (access(2)) */
	CREDS_UMASK = 1u << 2, /* the caller's umask (calls that create) */
};

/*
 * Take on the caller's credentials for this emulator thread (per thread:
 * raw setfsuid/setfsgid/setgroups, capabilities (kernel/caps.h), and
 * umask, which unshare(CLONE_FS) made private). When syd is not root the
 * caller cannot hold more rights than syd, and while no caller changed
 * its ids it holds syd's own: then only the umask is taken. Calls nest:
 * the pool enters the fs ids around every handler, so that its lookups
 * are checked as the caller's; a handler may enter the real ids for
 * access(2). Returns 0 or -errno; on error this thread acts as syd.
 */
int notif_creds_enter(struct notif *n, unsigned need);

/*
 * notif_creds_enter(), for a handler: 0, or its answer when it failed:
 * -ESRCH when the caller is gone, else -EACCES (never go on as syd).
 */
static inline int notif_creds_take(struct notif *n, unsigned need)
{
	int err = notif_creds_enter(n, need);

	return err == 0 ? 0 : err == -ESRCH ? -ESRCH : -EACCES;
}

/*
 * Undo the matching notif_creds_enter(): back to syd's own credentials
 * when it was the outermost, else to the enclosing level's.
 */
void notif_creds_leave(struct notif *n);

/*
 * The answer of RET, the result of a call just made as the caller (errno
 * still its own), after leaving the credentials notif_creds_take() took:
 *	err = notif_creds_take(n, CREDS_FS);
 *	return err < 0 ? err : notif_acted(n, unlinkat(...));
 */
static inline long notif_acted(struct notif *n, long ret)
{
	long answer = ret < 0 ? -errno : ret;

	notif_creds_leave(n);
	return answer;
}

/* Back to syd's own credentials, whatever was entered (end of a call). */
void notif_creds_done(struct notif *n);

#endif
