/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What every handler does the same way: copy a path out of the caller,
 * re-validate the notification, decide an access against the policy (with
 * its log line and side effects), and take on the caller's credentials for
 * the emulated call.
 */
#ifndef SYD_SYSCALLS_COMMON_H
#define SYD_SYSCALLS_COMMON_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>

#include <fcntl.h>

#include "kernel/tracee.h"
#include "policy/decide.h"
#include "supervise/resolve.h"
#include "syscalls/hooks.h"

/* Argument I of the call. */
static inline uint64_t notif_arg(const struct notif *n, int i)
{
	return n->req->data.args[i];
}

/* A dirfd argument: the kernel takes the low 32 bits as an int. */
static inline int notif_fd_arg(const struct notif *n, int i)
{
	return (int)(uint32_t)n->req->data.args[i];
}

/*
 * RES_* lookup flags for the AT_* FLAGS of a call that follows a final
 * symlink unless AT_SYMLINK_NOFOLLOW, and names its dirfd with
 * AT_EMPTY_PATH.
 */
static inline unsigned at_resolve_flags(unsigned flags)
{
	unsigned rf = (flags & AT_SYMLINK_NOFOLLOW) ? 0 : RES_FOLLOW;

	return (flags & AT_EMPTY_PATH) ? rf | RES_EMPTY_PATH : rf;
}

/*
 * Copy the path at argument I into BUF (PATH_MAX bytes) and check that the
 * notification is still valid, so a recycled PID is never trusted. Returns
 * 0 or the errno for the caller: -EFAULT, -ENAMETOOLONG; -ESRCH/-ENOENT
 * when the caller is gone.
 */
int notif_path(struct notif *n, int i, char *buf);

/*
 * The same, where with NULL_OK a NULL pointer reads as "" (the fd itself):
 * what the kernel allows since 6.11 for fstatat and statx with
 * AT_EMPTY_PATH, and for no other call.
 */
int notif_path_at(struct notif *n, int i, bool null_ok, char *buf);

/*
 * Decide an access by thread n->req->pid to PATH, for system call SYS, in
 * the categories CATS (CAT_BIT()s), after the walk and stat (visibility)
 * checks every path access gets. Logs warnings and denials and applies the
 * action's side effect. Returns true when allowed; when denied, sets
 * n->resp.error (-ENOENT for a hidden path, -EACCES otherwise) and returns
 * false. Takes the sandbox read lock itself.
 */
bool notif_allowed(struct notif *n, const char *sys, const char *path,
		   uint64_t cats);

/*
 * For a call that makes the name PATH (mkdir, mknod, symlink, link, the
 * new name of a rename, open with O_CREAT), whose directory exists: may
 * the caller see that name? True: the call goes on (EEXIST for a name
 * that exists, else notif_allowed()). False with n->resp set when it is
 * hidden, with the answer a missing name gets in the same place, so that
 * the hidden object's existence does not show: ENOENT when a directory
 * above it is hidden (as under a missing directory); EACCES when only
 * the name is, after CATS were decided as for a missing name (a denial
 * of theirs answers first, with its action): a hidden name cannot be
 * made, whether it exists or not. Takes the sandbox lock itself.
 */
bool notif_new_name(struct notif *n, const char *sys, const char *path,
		    uint64_t cats);

/*
 * Would notif_allowed() allow PATH (canonical, LEN bytes) for CATS without
 * a log line or a side effect? For the fast paths that decide before they
 * look anything up: false sends them the slow way, never to a denial.
 * Paths under /proc are always false (their names depend on the caller).
 */
bool notif_allowed_quietly(struct notif *n, const char *path, size_t len,
			   uint64_t cats);

/*
 * One batch of a listing of a directory for N: which entries the sandbox
 * hides (policy/decide.h says how). Filled by notif_list_begin(); the
 * sandbox read lock is held until notif_list_end().
 */
struct notif_list {
	struct notif *n;
	const char *sys;
	char path[PATH_MAX]; /* "DIR/", then the entry being decided */
	size_t dlen;	     /* length of "DIR/" */
	bool proc; /* DIR is /proc: syd hidden, the caller's pid "self" */
	char syd_pid[16], own_pid[16];
	struct decide_list d;
};

/*
 * Start deciding the entries of the directory DIR (its canonical path)
 * for N, in system call SYS. Returns 0 with the read lock held, or
 * -EACCES (DIR is no path: nothing to decide on) or -ENAMETOOLONG, not
 * locked.
 */
int notif_list_begin(struct notif *n, const char *sys, const char *dir,
		     struct notif_list *l);

/*
 * Is the entry NAME (NLEN bytes, NUL-terminated) of L's directory shown?
 * "." and ".." always are. A list rule's action is applied (its log
 * line, its signal); the lock is dropped meanwhile.
 */
bool notif_list_shows(struct notif_list *l, const char *name, size_t nlen);

/* Release the lock notif_list_begin() took. */
void notif_list_end(struct notif_list *l);

/*
 * The caller's RLIMIT_FSIZE, as the kernel applies it to a call that grows
 * a regular file (described by ST) to SIZE bytes: past the limit the call
 * fails with EFBIG and the caller gets SIGXFSZ. Returns 0 (within it, or
 * no growth), -EFBIG, or -ESRCH (the caller is gone).
 */
int notif_fsize_check(struct notif *n, const struct stat *st, uint64_t size);

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
 * Undo the matching notif_creds_enter(): back to syd's own credentials
 * when it was the outermost, else to the enclosing level's.
 */
void notif_creds_leave(struct notif *n);

/* Back to syd's own credentials, whatever was entered (end of a call). */
void notif_creds_done(struct notif *n);

struct resolved;
struct resolve_view;

/* The view of what the sandbox hides, for the lookups made for N. */
void notif_view(struct notif *n, struct resolve_view *v);

/*
 * resolved_fini() after the answer: R's fds are closed once the caller
 * has been answered (or now, when there is no room left to keep them).
 */
void notif_release(struct notif *n, struct resolved *r);

/* Free what this thread kept between calls; before a thread retires. */
void notif_thread_fini(void);

/* Close the fds notif_release() kept; done by the pool after the answer. */
void notif_close_later(struct notif *n);

#endif
