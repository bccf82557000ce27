/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What every handler does the same way with its notification: read its
 * arguments, copy a path out of the caller and re-validate the
 * notification, apply the caller's RLIMIT_FSIZE, and close its fds after
 * the answer. Deciding is access.h's; acting as the caller, creds.h's.
 */
#ifndef SYD_SYSCALLS_COMMON_H
#define SYD_SYSCALLS_COMMON_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <fcntl.h>

#include "kernel/procfs.h"
#include "kernel/tracee.h"
#include "resolve/resolve.h"
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
 * trace/deny_dotdot: -EACCES when PATH, as the caller wrote it, has a
 * ".." component and the option is on; else 0. For the open family and
 * chdir (syscalls/dotdot.c).
 */
int notif_dotdot_check(const struct notif *n, const char *path);

/*
 * An O_CREAT open of the existing OBJ in the directory DIR: -EACCES where
 * the kernel's fs.protected_regular/protected_fifos check (at least level
 * 1 unless trace/allow_unsafe_sticky) refuses it, else 0
 * (syscalls/sticky.c). Call with the caller's fs ids taken.
 */
int notif_sticky_check(const struct notif *n, const struct stat *dir,
		       const struct stat *obj);

/*
 * Install SRCFD (ours; the caller keeps it open) in the caller's fd table
 * as the call's result, and answer with its number: O_CLOEXEC when
 * CLOEXEC or trace/force_cloexec, at a random free number under
 * trace/force_rand_fd (syscalls/fdinstall.c). Returns the number, or
 * -ENOENT (the call is gone), -EMFILE, -ESRCH, -errno.
 */
int notif_install_fd(struct notif *n, int srcfd, bool cloexec);

/*
 * trace/force_umask: the mode bits every file, directory, node or socket
 * syd creates for the caller loses, on top of the caller's own umask, and
 * that a chmod may not set (0 when unset). Syd applies it to chmod too.
 */
static inline mode_t notif_force_umask(const struct notif *n)
{
	return n->sb->force_umask == UINT32_MAX ? 0
						: (mode_t)n->sb->force_umask;
}

/*
 * Under trace/force_umask, may the caller set the extended attribute
 * NAME? A POSIX ACL is a mode by other means: an access ACL sets the
 * mode bits chmod(2) would have masked, and a default ACL on a directory
 * makes the kernel ignore the umask syd sets for what is made in it. So
 * setting one fails as on a file system without ACLs (EOPNOTSUPP).
 */
static inline bool notif_xattr_umask_ok(const struct notif *n, const char *name)
{
	return !notif_force_umask(n) ||
	       (strcmp(name, "system.posix_acl_access") &&
		strcmp(name, "system.posix_acl_default"));
}

/*
 * Declare the struct resolved R, released when it goes out of scope, so a
 * handler may return its answer from anywhere: RESOLVED(r); Only its fds
 * are set (-1): the struct is large, and zeroing it at every call costs.
 */
#define RESOLVED(r)                                                            \
	struct resolved r __attribute__((cleanup(resolved_fini)));             \
	r.fd = r.dirfd = -1

/*
 * The caller's RLIMIT_FSIZE, as the kernel applies it to a call that grows
 * a regular file (described by ST) to SIZE bytes: past the limit the call
 * fails with EFBIG and the caller gets SIGXFSZ. Returns 0 (within it, or
 * no growth), -EFBIG, or -ESRCH (the caller is gone).
 */
int notif_fsize_check(struct notif *n, const struct stat *st, uint64_t size);

/*
 * resolved_fini() after the answer: R's fds are closed once the caller
 * has been answered (or now, when there is no room left to keep them).
 */
void notif_release(struct notif *n, struct resolved *r);

/* Close the fds notif_release() kept; done by the pool after the answer. */
void notif_close_later(struct notif *n);

#endif
