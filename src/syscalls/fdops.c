/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Calls on an fd the caller holds: fchmod, fchown, ftruncate, fallocate, the
 * f*xattr family and ioctl's file attribute requests. The object is decided
 * by the path of the caller's fd (as /proc shows it), and the call is
 * performed on that very open file, borrowed once with pidfd_getfd(2) for
 * both, so its open mode and flags apply exactly as they would without syd.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/falloc.h>
#include <linux/fs.h>
#include <linux/limits.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "kernel/notify.h"
#include "supervise/resolve.h"
#include "syscalls/access.h"
#include "syscalls/common.h"
#include "syscalls/creds.h"

/*
 * Decide CATS on the object behind the caller's fd argument ARG. Returns
 * our copy of that fd (the same open file description: what was decided
 * on is what the call acts on, whatever the caller's fd number names by
 * then), or -1 with n->resp set.
 */
static int fd_object(struct notif *n, const char *sys, int arg, uint64_t cats)
{
	struct resolved r;
	int fd = notif_fd_arg(n, arg), err, ours;

	if (fd < 0) {
		n->resp.error = -EBADF;
		return -1;
	}
	ours = tracee_getfd(n->req->pid, fd);
	err = ours < 0 ? ours : resolve_own_fd(ours, &r);
	if (err < 0) {
		/* EACCES: it has no name here to decide on (resolve.h). */
		n->resp.error = err == -ESRCH || err == -EACCES ? err : -EBADF;
		return -1;
	}
	/* Pipes and sockets have no path to decide on: theirs to use. */
	if (r.path[0] == '/' && !notif_allowed(n, sys, r.path, cats)) {
		resolved_fini(&r);
		return -1;
	}
	/* The fd number was read from a caller that may be gone by now. */
	if (notify_id_valid(n->listener, n->req->id) < 0) {
		resolved_fini(&r);
		n->resp.error = -ESRCH;
		return -1;
	}
	ours = r.fd;
	r.fd = -1;
	resolved_fini(&r);
	return ours;
}

static void done(struct notif *n, int fd, long ret)
{
	int e = errno;

	notif_creds_leave(n);
	close(fd);
	n->resp.error = ret < 0 ? -e : 0;
	n->resp.val = ret < 0 ? 0 : ret;
}

int hook_fchmod(struct notif *n)
{
	int fd = fd_object(n, "fchmod", 0, CAT_BIT(CAT_CHMOD));

	if (fd < 0 || notif_creds_enter(n, CREDS_FS) < 0) {
		if (fd >= 0) {
			close(fd);
			n->resp.error = -EACCES;
		}
		return 0;
	}
	done(n, fd, fchmod(fd, (mode_t)notif_arg(n, 1) & 07777));
	return 0;
}

int hook_fchown(struct notif *n)
{
	uid_t uid = (uid_t)notif_arg(n, 1);
	gid_t gid = (gid_t)notif_arg(n, 2);
	uint64_t cats = 0;
	int fd;

	if (uid != (uid_t)-1)
		cats |= CAT_BIT(CAT_CHOWN);
	if (gid != (gid_t)-1)
		cats |= CAT_BIT(CAT_CHGRP);
	fd = fd_object(n, "fchown", 0, cats ? cats : CAT_BIT(CAT_STAT));
	if (fd < 0 || notif_creds_enter(n, CREDS_FS) < 0) {
		if (fd >= 0) {
			close(fd);
			n->resp.error = -EACCES;
		}
		return 0;
	}
	done(n, fd, fchown(fd, uid, gid));
	return 0;
}

/*
 * FD (ours) may grow to SIZE within the caller's RLIMIT_FSIZE, which
 * syd's own limit is not. Returns true, or false with FD closed and
 * n->resp set.
 */
static bool within_fsize(struct notif *n, int fd, uint64_t size)
{
	struct stat st;
	int err;

	err = fstat(fd, &st) < 0 ? -errno : notif_fsize_check(n, &st, size);
	if (err == 0)
		return true;
	close(fd);
	n->resp.error = err;
	return false;
}

int hook_ftruncate(struct notif *n)
{
	int fd = fd_object(n, "ftruncate", 0, CAT_BIT(CAT_TRUNCATE));
	int64_t length = (int64_t)notif_arg(n, 1);

	if (fd >= 0 && length >= 0 && !within_fsize(n, fd, (uint64_t)length))
		return 0;
	if (fd < 0 || notif_creds_enter(n, CREDS_FS) < 0) {
		if (fd >= 0) {
			close(fd);
			n->resp.error = -EACCES;
		}
		return 0;
	}
	done(n, fd, ftruncate(fd, (off_t)length));
	return 0;
}

int hook_fallocate(struct notif *n)
{
	int fd = fd_object(n, "fallocate", 0, CAT_BIT(CAT_TRUNCATE));
	int mode = (int)notif_arg(n, 1);
	int64_t off = (int64_t)notif_arg(n, 2), len = (int64_t)notif_arg(n, 3);

	/* Only a call that may change the size meets the limit. */
	if (fd >= 0 && !(mode & FALLOC_FL_KEEP_SIZE) && off >= 0 && len > 0 &&
	    off <= INT64_MAX - len &&
	    !within_fsize(n, fd, (uint64_t)(off + len)))
		return 0;
	if (fd < 0 || notif_creds_enter(n, CREDS_FS) < 0) {
		if (fd >= 0) {
			close(fd);
			n->resp.error = -EACCES;
		}
		return 0;
	}
	done(n, fd, fallocate(fd, mode, (off_t)off, (off_t)len));
	return 0;
}

/*
 * ioctl(2) requests that set a file's attributes (append-only, immutable,
 * no-dump, project id...): the chattr category, like the xattr calls. The
 * filter hooks these requests only; the new value is read from the caller
 * before the call and applied to the open file decided on.
 */
int hook_ioctl(struct notif *n)
{
	unsigned int req = (unsigned int)notif_arg(n, 1);
	union {
		int flags;
		struct fsxattr fa;
	} v;
	size_t size = req == FS_IOC_FSSETXATTR ? sizeof(v.fa) : sizeof(v.flags);
	int fd, err;

	if (req != FS_IOC_SETFLAGS && req != FS_IOC32_SETFLAGS &&
	    req != FS_IOC_FSSETXATTR) {
		n->resp.error = -EACCES; /* the filter sends no other */
		return 0;
	}
	fd = fd_object(n, "ioctl", 0, CAT_BIT(CAT_CHATTR));
	if (fd < 0)
		return 0;
	err = tracee_read(n->req->pid, notif_arg(n, 2), &v, size);
	if (!err)
		err = notif_creds_enter(n, CREDS_FS);
	if (err) {
		close(fd);
		n->resp.error = err;
		return 0;
	}
	done(n, fd, ioctl(fd, req == FS_IOC32_SETFLAGS ? FS_IOC_SETFLAGS : req,
			  &v));
	return 0;
}

enum fxop { FXGET, FXLIST, FXSET, FXREMOVE };

static int do_fxattr(struct notif *n, const char *sys, enum fxop op)
{
	char name[XATTR_NAME_MAX + 1];
	uint64_t size = op == FXLIST ? notif_arg(n, 2) : notif_arg(n, 3);
	uint64_t buf = op == FXLIST ? notif_arg(n, 1) : notif_arg(n, 2);
	void *data = NULL;
	long ret;
	int fd, err = 0;

	if (op != FXLIST) {
		ssize_t len = tracee_read_str(n->req->pid, notif_arg(n, 1), name,
					      sizeof(name));

		if (len <= 0) {
			n->resp.error = len == 0 || len == -ENAMETOOLONG ?
						-ERANGE :
						(int)len;
			return 0;
		}
	}
	if (op == FXREMOVE)
		size = 0;
	if (size > XATTR_SIZE_MAX) {
		if (op == FXSET) {
			n->resp.error = -E2BIG;
			return 0;
		}
		size = XATTR_SIZE_MAX;
	}
	fd = fd_object(n, sys, 0,
		       CAT_BIT(op <= FXLIST ? CAT_READ : CAT_CHATTR));
	if (fd < 0)
		return 0;
	if (size && !(data = malloc(size)))
		err = -ENOMEM;
	if (!err && op == FXSET && size)
		err = tracee_read(n->req->pid, buf, data, size);
	if (!err)
		err = notif_creds_enter(n, CREDS_FS);
	if (err) {
		free(data);
		close(fd);
		n->resp.error = err;
		return 0;
	}
	switch (op) {
	case FXGET:
		ret = fgetxattr(fd, name, data, size);
		break;
	case FXLIST:
		ret = flistxattr(fd, data, size);
		break;
	case FXSET:
		ret = fsetxattr(fd, name, data, size, (int)notif_arg(n, 4));
		break;
	default:
		ret = fremovexattr(fd, name);
		break;
	}
	done(n, fd, ret);
	if (ret > 0 && size && (op == FXGET || op == FXLIST)) {
		err = tracee_write(n->req->pid, buf, data, (size_t)ret);
		if (err < 0) {
			n->resp.error = err;
			n->resp.val = 0;
		}
	}
	free(data);
	return 0;
}

int hook_fgetxattr(struct notif *n)
{
	return do_fxattr(n, "fgetxattr", FXGET);
}

int hook_flistxattr(struct notif *n)
{
	return do_fxattr(n, "flistxattr", FXLIST);
}

int hook_fsetxattr(struct notif *n)
{
	return do_fxattr(n, "fsetxattr", FXSET);
}

int hook_fremovexattr(struct notif *n)
{
	return do_fxattr(n, "fremovexattr", FXREMOVE);
}
