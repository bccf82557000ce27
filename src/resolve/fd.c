/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The fds and names the resolver starts from: the caller's cwd, directory
 * fds and /proc entries, opened as O_PATH fds of ours (never the caller's
 * own open file), and the name the kernel gives for an fd of ours. Nothing
 * here decides: a name read back is only what the kernel says now.
 */
#include "resolve/internal.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "kernel/caps.h"
#include "kernel/procfs.h"

/*
 * Did the kernel say the name it gave is gone (" (deleted)")? A file may
 * also be called that: either way the string is not a name to look up.
 */
bool deleted_name(const char *path, size_t len)
{
	static const char tail[] = " (deleted)";
	size_t n = sizeof(tail) - 1;

	return len >= n && !memcmp(path + len - n, tail, n);
}

/* Cut " (deleted)" off PATH (*LEN bytes): true if it was there. */
bool strip_deleted(char *path, size_t *len)
{
	if (!deleted_name(path, *len))
		return false;
	*len -= sizeof(" (deleted)") - 1;
	path[*len] = '\0';
	return true;
}

/*
 * The path of our fd FD, as the kernel names it. An object unlinked since
 * it was opened is named with " (deleted)" after the name it had; that
 * tail is cut off, so that rules for the name it had still decide (the
 * string with the tail would be a name no rule was written for, and the
 * file's other links, if any, keep the access rules gave them), and 1 is
 * returned: a name to decide on, but no way to reach the object again.
 * A memfd is named /memfd:NAME. Returns 0, 1 or -errno.
 */
int fd_path(int fd, char *buf, size_t size, size_t *len)
{
	struct fdpath link;
	ssize_t n = readlink(fdpath(&link, fd), buf, size);

	if (n < 0)
		return -errno;
	if ((size_t)n >= size)
		return -ENAMETOOLONG;
	buf[n] = '\0';
	*len = (size_t)n;
	return buf[0] == '/' && strip_deleted(buf, len);
}

/* Open /proc/TID/NAME (a magic link) as an O_PATH fd. */
int open_proc(pid_t tid, const char *name, int *fd)
{
	char link[64];

	int err;

	snprintf(link, sizeof(link), "/proc/%d/%s", (int)tid, name);
	priv_raise();
	*fd = open(link, O_PATH | O_CLOEXEC);
	err = errno;
	priv_lower();
	if (*fd < 0)
		return err == ENOENT ? -ESRCH : -err;
	return 0;
}

/* LINK := /proc/TID/fd/FD, or /proc/TID/cwd for AT_FDCWD; or -EBADF. */
int caller_link(pid_t tid, int fd, char link[64])
{
	if (fd == AT_FDCWD)
		snprintf(link, 64, "/proc/%d/cwd", (int)tid);
	else if (fd >= 0)
		snprintf(link, 64, "/proc/%d/fd/%d", (int)tid, fd);
	else
		return -EBADF;
	return 0;
}

/* ESRCH from /proc/TID/fd/N: EBADF while TID is alive (no such fd). */
int fd_error(pid_t tid, int err)
{
	if (err == -ESRCH) {
		/* Signalling a caller that changed ids takes syd's rights. */
		priv_raise();
		if (kill(tid, 0) == 0)
			err = -EBADF;
		priv_lower();
	}
	return err;
}

/*
 * Open the caller's directory fd DIRFD, or its cwd for AT_FDCWD, as an
 * O_PATH fd of ours: a new open file, not the caller's (whose last close
 * would run the file's flush: FUSE, NFS write back). Returns 0, -EBADF
 * (no such fd in its table) or -ESRCH.
 */
int open_caller_fd(pid_t tid, int dirfd, int *fd)
{
	char name[32];

	*fd = -1;
	if (dirfd == AT_FDCWD)
		return open_proc(tid, "cwd", fd);
	if (dirfd < 0)
		return -EBADF;
	snprintf(name, sizeof(name), "fd/%d", dirfd);
	return fd_error(tid, open_proc(tid, name, fd));
}

bool same_inode(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* ST := what fstat(2) would say, from STX (a statx of the same object). */
static void stat_of_statx(struct stat *st, const struct statx *stx)
{
	memset(st, 0, sizeof(*st));
	st->st_dev = makedev(stx->stx_dev_major, stx->stx_dev_minor);
	st->st_ino = stx->stx_ino;
	st->st_mode = stx->stx_mode;
	st->st_nlink = stx->stx_nlink;
	st->st_uid = stx->stx_uid;
	st->st_gid = stx->stx_gid;
	st->st_rdev = makedev(stx->stx_rdev_major, stx->stx_rdev_minor);
	st->st_size = (off_t)stx->stx_size;
	st->st_blksize = (blksize_t)stx->stx_blksize;
	st->st_blocks = (blkcnt_t)stx->stx_blocks;
	st->st_atim.tv_sec = stx->stx_atime.tv_sec;
	st->st_atim.tv_nsec = stx->stx_atime.tv_nsec;
	st->st_mtim.tv_sec = stx->stx_mtime.tv_sec;
	st->st_mtim.tv_nsec = stx->stx_mtime.tv_nsec;
	st->st_ctim.tv_sec = stx->stx_ctime.tv_sec;
	st->st_ctim.tv_nsec = stx->stx_ctime.tv_nsec;
}

/*
 * OUT->st := the stat of OUT->fd; for a statx(2) caller (OUT->want) by the
 * statx it asks for, kept for its answer (OUT->stx_done). Its error is not
 * the lookup's: the call makes it again, after the decision, so that no
 * answer comes before the decision. OUT->st is made from it only when it
 * reports every field fstat would: what was not asked for may be left out
 * (6.18 leaves out mtime and ctime unless asked), and an fstat follows.
 * Returns 0 or -errno.
 */
int obj_stat(struct resolved *out)
{
	const unsigned need = STATX_BASIC_STATS;

	if (out->want && statx(out->fd, "", AT_EMPTY_PATH | out->want->sync,
			       out->want->mask, &out->stx) == 0) {
		out->stx_done = true;
		if ((out->stx.stx_mask & need) == need) {
			stat_of_statx(&out->st, &out->stx);
			return 0;
		}
	}
	return fstat(out->fd, &out->st) < 0 ? -errno : 0;
}

bool in_procfs(int fd)
{
	struct statfs sf;

	return fstatfs(fd, &sf) == 0 && sf.f_type == PROC_SUPER_MAGIC;
}
