/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * stat(2) family, statfs(2) and access(2) family: resolve, decide the stat
 * category (a denial hides the path: ENOENT), then answer from our own fd
 * on the object and write the result into the caller's buffer. An empty
 * path with AT_EMPTY_PATH (glibc's fstat()) asks about an fd the caller
 * already holds: no path decision, but still answered from our copy of the
 * fd, since the caller's path buffer could change under a continued call.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "resolve/resolve.h"
#include "syscalls/access.h"
#include "syscalls/common.h"
#include "syscalls/creds.h"
#include "syscalls/devsyd.h"
#include "syscalls/mask.h"

struct stat_args {
	const char *sys;
	int dirfd;
	int path_arg;
	unsigned flags; /* AT_* flags of the call */
	unsigned valid; /* AT_* flags the call accepts */
	bool st_only; /* the answer needs the stat only, not an fd */
	/*
	 * With AT_EMPTY_PATH a NULL path reads as "": since 6.11 for
	 * fstatat and statx only; the other calls answer EFAULT.
	 */
	bool null_ok;
	const struct stx_want *want; /* statx: what it asks for */
};

/* statx(2)'s answer for a magic /dev/syd stat, from the stat(2) one. */
static void stx_from_stat(const struct stat *st, struct statx *stx)
{
	memset(stx, 0, sizeof(*stx));
	stx->stx_mask = STATX_BASIC_STATS;
	stx->stx_mode = (uint16_t)st->st_mode;
	stx->stx_nlink = (uint32_t)st->st_nlink;
	stx->stx_uid = st->st_uid;
	stx->stx_gid = st->st_gid;
	stx->stx_ino = st->st_ino;
	stx->stx_size = (uint64_t)st->st_size;
	stx->stx_blocks = (uint64_t)st->st_blocks;
	stx->stx_blksize = (uint32_t)st->st_blksize;
	stx->stx_rdev_major = major(st->st_rdev);
	stx->stx_rdev_minor = minor(st->st_rdev);
	stx->stx_dev_major = major(st->st_dev);
	stx->stx_dev_minor = minor(st->st_dev);
	stx->stx_atime.tv_sec = st->st_atim.tv_sec;
	stx->stx_atime.tv_nsec = (uint32_t)st->st_atim.tv_nsec;
	stx->stx_mtime.tv_sec = st->st_mtim.tv_sec;
	stx->stx_mtime.tv_nsec = (uint32_t)st->st_mtim.tv_nsec;
	stx->stx_ctime.tv_sec = st->st_ctim.tv_sec;
	stx->stx_ctime.tv_nsec = (uint32_t)st->st_ctim.tv_nsec;
}

/*
 * Resolve and decide. Returns 0 with R filled when the call may go on,
 * else the answer (R released, its fds closed after the answer).
 */
static int lookup(struct notif *n, const struct stat_args *a,
		  struct resolved *r)
{
	char path[PATH_MAX];
	int err;

	if (a->flags & ~a->valid)
		return -EINVAL;
	err = notif_path_at(n, a->path_arg,
			    a->null_ok && (a->flags & AT_EMPTY_PATH), path);
	if (err < 0)
		return err;
	/*
	 * The working directory by "" is the working directory by ".": a
	 * hidden one (the sandbox started in it) stays hidden both ways.
	 */
	/*
	 * /dev/syd by the name as written, before any lookup: the real /dev
	 * is never consulted for it (syscalls/devsyd.h). The stat calls
	 * only (st_only): access(2) and statfs(2) find no such file.
	 */
	if (a->st_only && devsyd_is(path)) {
		err = (int)devsyd_stat(n, path, &r->st);
		if (err == 0 && a->want) {
			stx_from_stat(&r->st, &r->stx);
			r->stx_done = true;
		}
		return err;
	}
	if (path[0] == '\0' && a->dirfd == AT_FDCWD &&
	    (a->flags & AT_EMPTY_PATH))
		strcpy(path, ".");
	if (path[0] == '\0' && (a->flags & AT_EMPTY_PATH)) {
		/* The caller's own fd (glibc's fstat): nothing to decide. */
		return a->st_only ? resolve_fd_stat(n->req->pid, a->dirfd,
						    a->want, r)
				  : resolve_fd(n->req->pid, a->dirfd, r);
	}
	err = resolve_path_stx(n->req->pid, a->dirfd, path,
			       at_resolve_flags(a->flags), a->want, r);
	if (err < 0)
		return err;
	err = notif_check(n, a->sys, r->path, CAT_BIT(CAT_STAT));
	if (err == 0)
		err = mask_stat(n, r); /* a masked file: its replacement's */
	if (err < 0)
		notif_release(n, r);
	return err;
}

static long reply_stat(struct notif *n, const struct stat_args *a, uint64_t buf)
{
	RESOLVED(r);
	int err = lookup(n, a, &r);

	if (err == 0)
		err = tracee_write(n->req->pid, buf, &r.st, sizeof(r.st));
	notif_release(n, &r);
	return err;
}

long hook_stat(struct notif *n)
{
	struct stat_args a = { "stat", AT_FDCWD, 0, 0, 0, true, false, NULL };

	return reply_stat(n, &a, notif_arg(n, 1));
}

long hook_lstat(struct notif *n)
{
	struct stat_args a = { "lstat",
			       AT_FDCWD,
			       0,
			       AT_SYMLINK_NOFOLLOW,
			       AT_SYMLINK_NOFOLLOW,
			       true,
			       false,
			       NULL };

	return reply_stat(n, &a, notif_arg(n, 1));
}

long hook_newfstatat(struct notif *n)
{
	struct stat_args a = { "newfstatat",
			       notif_fd_arg(n, 0),
			       1,
			       (unsigned)notif_arg(n, 3),
			       AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH |
				       AT_NO_AUTOMOUNT,
			       true,
			       true,
			       NULL };

	return reply_stat(n, &a, notif_arg(n, 2));
}

long hook_statx(struct notif *n)
{
	struct stx_want want = { (unsigned)notif_arg(n, 3),
				 (unsigned)notif_arg(n, 2) &
					 AT_STATX_SYNC_TYPE };
	struct stat_args a = { "statx",
			       notif_fd_arg(n, 0),
			       1,
			       (unsigned)notif_arg(n, 2),
			       AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH |
				       AT_NO_AUTOMOUNT | AT_STATX_SYNC_TYPE,
			       true,
			       true,
			       &want };
	RESOLVED(r);
	int err;

	/* The kernel's checks before any lookup. */
	if ((a.flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE ||
	    (want.mask & STATX__RESERVED))
		return -EINVAL;
	err = lookup(n, &a, &r);
	if (err < 0)
		return err;
	/* The lookup's own statx, unless its way could not make it. */
	if (!r.stx_done &&
	    statx(r.fd, "", AT_EMPTY_PATH | want.sync, want.mask, &r.stx) < 0)
		return -errno;
	err = tracee_write(n->req->pid, notif_arg(n, 4), &r.stx, sizeof(r.stx));
	notif_release(n, &r);
	return err;
}

long hook_statfs(struct notif *n)
{
	struct stat_args a = {
		"statfs", AT_FDCWD, 0, 0, 0, false, false, NULL
	};
	RESOLVED(r);
	struct statfs sf;
	int err = lookup(n, &a, &r);

	if (err < 0)
		return err;
	if (fstatfs(r.fd, &sf) < 0)
		return -errno;
	notif_release(n, &r);
	return tracee_write(n->req->pid, notif_arg(n, 1), &sf, sizeof(sf));
}

static long reply_access(struct notif *n, const struct stat_args *a, int mode)
{
	RESOLVED(r);
	int err, f = AT_EMPTY_PATH;

	if (mode & ~(R_OK | W_OK | X_OK))
		return -EINVAL;
	/*
	 * access(2) checks the real ids unless AT_EACCESS says otherwise, in
	 * the lookup too: they are taken before it.
	 */
	err = notif_creds_enter(
		n, (a->flags & AT_EACCESS) ? CREDS_FS : CREDS_FS | CREDS_REAL);
	if (err < 0)
		return err == -ESRCH ? -ESRCH : -EACCES;
	err = lookup(n, a, &r);
	if (err == 0) {
		if (n->cp->privileged || (a->flags & AT_EACCESS))
			f |= AT_EACCESS;
		err = faccessat(r.fd, "", mode, f) < 0 ? -errno : 0;
	}
	notif_creds_leave(n);
	return err;
}

long hook_access(struct notif *n)
{
	struct stat_args a = {
		"access", AT_FDCWD, 0, 0, 0, false, false, NULL
	};

	return reply_access(n, &a, (int)notif_arg(n, 1));
}

long hook_faccessat(struct notif *n)
{
	struct stat_args a = {
		"faccessat", notif_fd_arg(n, 0), 1, 0, 0, false, false, NULL
	};

	return reply_access(n, &a, (int)notif_arg(n, 2));
}

long hook_faccessat2(struct notif *n)
{
	struct stat_args a = { "faccessat2",
			       notif_fd_arg(n, 0),
			       1,
			       (unsigned)notif_arg(n, 3),
			       AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH,
			       false,
			       false,
			       NULL };

	return reply_access(n, &a, (int)notif_arg(n, 2));
}
