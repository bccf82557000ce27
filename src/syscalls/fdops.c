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
#include "resolve/resolve.h"
#include "syscalls/access.h"
#include "syscalls/common.h"
#include "syscalls/creds.h"

/*
 * Decide CATS on the object behind the caller's fd argument ARG. Returns
 * our copy of that fd (the same open file description: what was decided
 * on is what the call acts on, whatever the caller's fd number names by
 * then), or the answer.
 */
static int fd_object(struct notif *n, const char *sys, int arg, uint64_t cats)
{
	RESOLVED(r);
	int fd = notif_fd_arg(n, arg), err, ours;

	if (fd < 0)
		return -EBADF;
	ours = tracee_getfd(n->req->pid, fd);
	err = ours < 0 ? ours : resolve_own_fd(ours, &r);
	/* EACCES: it has no name here to decide on (resolve.h). */
	if (err < 0)
		return err == -ESRCH || err == -EACCES ? err : -EBADF;
	/* Pipes and sockets have no path to decide on: theirs to use. */
	if (r.path[0] == '/') {
		err = notif_check(n, sys, r.path, cats);
		if (err < 0)
			return err;
	}
	/* The fd number was read from a caller that may be gone by now. */
	if (notify_id_valid(n->listener, n->req->id) < 0)
		return -ESRCH;
	ours = r.fd;
	r.fd = -1;
	return ours;
}

long hook_fchmod(struct notif *n)
{
	int fd AUTO_FD = fd_object(n, "fchmod", 0, CAT_BIT(CAT_CHMOD));
	int err = fd < 0 ? fd : notif_creds_take(n, CREDS_FS);

	if (err < 0)
		return err;
	return notif_acted(n, fchmod(fd, (mode_t)notif_arg(n, 1) & 07777 &
						 ~notif_force_umask(n)));
}

long hook_fchown(struct notif *n)
{
	uid_t uid = (uid_t)notif_arg(n, 1);
	gid_t gid = (gid_t)notif_arg(n, 2);
	uint64_t cats = 0;
	int err;

	if (uid != (uid_t)-1)
		cats |= CAT_BIT(CAT_CHOWN);
	if (gid != (gid_t)-1)
		cats |= CAT_BIT(CAT_CHGRP);
	int fd AUTO_FD =
		fd_object(n, "fchown", 0, cats ? cats : CAT_BIT(CAT_STAT));
	err = fd < 0 ? fd : notif_creds_take(n, CREDS_FS);
	if (err < 0)
		return err;
	return notif_acted(n, fchown(fd, uid, gid));
}

/*
 * FD (ours) may grow to SIZE within the caller's RLIMIT_FSIZE, which
 * syd's own limit is not. Returns 0 or the answer.
 */
static int within_fsize(struct notif *n, int fd, uint64_t size)
{
	struct stat st;

	return fstat(fd, &st) < 0 ? -errno : notif_fsize_check(n, &st, size);
}

long hook_ftruncate(struct notif *n)
{
	int fd AUTO_FD = fd_object(n, "ftruncate", 0, CAT_BIT(CAT_TRUNCATE));
	int64_t length = (int64_t)notif_arg(n, 1);
	int err = fd < 0 ? fd : 0;

	if (err == 0 && length >= 0)
		err = within_fsize(n, fd, (uint64_t)length);
	if (err == 0)
		err = notif_creds_take(n, CREDS_FS);
	if (err < 0)
		return err;
	return notif_acted(n, ftruncate(fd, (off_t)length));
}

long hook_fallocate(struct notif *n)
{
	int fd AUTO_FD = fd_object(n, "fallocate", 0, CAT_BIT(CAT_TRUNCATE));
	int mode = (int)notif_arg(n, 1);
	int64_t off = (int64_t)notif_arg(n, 2), len = (int64_t)notif_arg(n, 3);
	int err = fd < 0 ? fd : 0;

	/* Only a call that may change the size meets the limit. */
	if (err == 0 && !(mode & FALLOC_FL_KEEP_SIZE) && off >= 0 && len > 0 &&
	    off <= INT64_MAX - len)
		err = within_fsize(n, fd, (uint64_t)(off + len));
	if (err == 0)
		err = notif_creds_take(n, CREDS_FS);
	if (err < 0)
		return err;
	return notif_acted(n, fallocate(fd, mode, (off_t)off, (off_t)len));
}

/*
 * ioctl(2) requests that set a file's attributes (append-only, immutable,
 * no-dump, project id...): the chattr category, like the xattr calls. The
 * filter hooks these requests only; the new value is read from the caller
 * before the call and applied to the open file decided on.
 */
long hook_ioctl(struct notif *n)
{
	unsigned int req = (unsigned int)notif_arg(n, 1);
	union {
		int flags;
		struct fsxattr fa;
	} v;
	size_t size = req == FS_IOC_FSSETXATTR ? sizeof(v.fa) : sizeof(v.flags);
	int err;

	if (req == FIOASYNC)
		return hook_fioasync(n); /* signal.c: who gets SIGIO */
	if (req != FS_IOC_SETFLAGS && req != FS_IOC32_SETFLAGS &&
	    req != FS_IOC_FSSETXATTR)
		return -EACCES; /* the filter sends no other */
	int fd AUTO_FD = fd_object(n, "ioctl", 0, CAT_BIT(CAT_CHATTR));
	err = fd < 0 ? fd : tracee_read(n->req->pid, notif_arg(n, 2), &v, size);
	if (err == 0)
		err = notif_creds_take(n, CREDS_FS);
	if (err < 0)
		return err;
	if (req == FS_IOC32_SETFLAGS)
		req = FS_IOC_SETFLAGS; /* the same, on 64 bits */
	return notif_acted(n, ioctl(fd, req, &v));
}

enum fxop {
	FXGET,
	FXLIST,
	FXSET,
	FXREMOVE
};

static long do_fxattr(struct notif *n, const char *sys, enum fxop op)
{
	char name[XATTR_NAME_MAX + 1];
	uint64_t size = op == FXLIST ? notif_arg(n, 2) : notif_arg(n, 3);
	uint64_t buf = op == FXLIST ? notif_arg(n, 1) : notif_arg(n, 2);
	void *data = NULL;
	long ret;
	int err;

	if (op != FXLIST) {
		ssize_t len = tracee_read_str(n->req->pid, notif_arg(n, 1),
					      name, sizeof(name));

		if (len <= 0)
			return len == 0 || len == -ENAMETOOLONG ? -ERANGE : len;
	}
	if (op == FXREMOVE)
		size = 0;
	if (size > XATTR_SIZE_MAX) {
		if (op == FXSET)
			return -E2BIG;
		size = XATTR_SIZE_MAX;
	}
	int fd AUTO_FD = fd_object(
		n, sys, 0, CAT_BIT(op <= FXLIST ? CAT_READ : CAT_CHATTR));
	err = fd < 0 ? fd : 0;
	if (err == 0 && op == FXSET && !notif_xattr_umask_ok(n, name))
		err = -EOPNOTSUPP;
	if (err == 0 && size && !(data = malloc(size)))
		err = -ENOMEM;
	if (err == 0 && op == FXSET && size)
		err = tracee_read(n->req->pid, buf, data, size);
	if (err == 0)
		err = notif_creds_take(n, CREDS_FS);
	if (err < 0) {
		free(data);
		return err;
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
	ret = notif_acted(n, ret);
	if (ret > 0 && size && (op == FXGET || op == FXLIST)) {
		err = tracee_write(n->req->pid, buf, data, (size_t)ret);
		if (err < 0)
			ret = err;
	}
	free(data);
	return ret;
}

long hook_fgetxattr(struct notif *n)
{
	return do_fxattr(n, "fgetxattr", FXGET);
}

long hook_flistxattr(struct notif *n)
{
	return do_fxattr(n, "flistxattr", FXLIST);
}

long hook_fsetxattr(struct notif *n)
{
	return do_fxattr(n, "fsetxattr", FXSET);
}

long hook_fremovexattr(struct notif *n)
{
	return do_fxattr(n, "fremovexattr", FXREMOVE);
}
