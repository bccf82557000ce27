/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Extended attributes by path: getxattr/listxattr (read category),
 * setxattr/removexattr (chattr), each with its l- variant. Performed on the resolved object through our
 * fd's /proc/thread-self/fd/N link, which lands on exactly that inode (a
 * symlink itself for the l- variants) without a second lookup by name.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "kernel/caps.h"
#include "resolve/resolve.h"
#include "syscalls/access.h"
#include "syscalls/common.h"
#include "syscalls/creds.h"

enum xop {
	XGET,
	XLIST,
	XSET,
	XREMOVE
};

static int read_name(struct notif *n, uint64_t addr, char *name)
{
	ssize_t len =
		tracee_read_str(n->req->pid, addr, name, XATTR_NAME_MAX + 1);

	if (len == -ENAMETOOLONG)
		return -ERANGE;
	if (len == 0)
		return -ERANGE;
	return len < 0 ? (int)len : 0;
}

static long do_xattr(struct notif *n, const char *sys, enum xop op, bool follow)
{
	char path[PATH_MAX], name[XATTR_NAME_MAX + 1];
	uint64_t size = op == XLIST ? notif_arg(n, 2) : notif_arg(n, 3);
	uint64_t buf = op == XLIST ? notif_arg(n, 1) : notif_arg(n, 2);
	int flags = (int)notif_arg(n, 4);
	RESOLVED(r);
	struct fdpath link;
	void *data = NULL;
	ssize_t ret;
	int err;

	if (op != XLIST) {
		err = read_name(n, notif_arg(n, 1), name);
		if (err < 0)
			return err;
	}
	if (op == XREMOVE)
		size = 0;
	if (size > XATTR_SIZE_MAX) {
		if (op == XSET)
			return -E2BIG;
		size = XATTR_SIZE_MAX; /* what the kernel reads at most */
	}
	err = notif_path(n, 0, path);
	if (err == 0)
		err = resolve_path(n->req->pid, AT_FDCWD, path,
				   follow ? RES_FOLLOW : 0, &r);
	if (err == 0)
		err = notif_check(n, sys, r.path,
				  CAT_BIT(op <= XLIST ? CAT_READ : CAT_CHATTR));
	if (err == 0 && op == XSET && !notif_xattr_umask_ok(n, name))
		err = -EOPNOTSUPP;
	if (err < 0)
		return err;
	if (size && !(data = malloc(size)))
		return -ENOMEM;
	if (op == XSET && size) {
		err = tracee_read(n->req->pid, buf, data, size);
		if (err < 0)
			goto out;
	}
	err = notif_creds_enter(n, CREDS_FS);
	if (err < 0)
		goto out;
	fdpath(&link, r.fd);
	switch (op) {
	case XGET:
		ret = getxattr(link.s, name, data, size);
		break;
	case XLIST:
		ret = listxattr(link.s, data, size);
		break;
	case XSET:
		ret = setxattr(link.s, name, data, size, flags);
		break;
	default:
		ret = removexattr(link.s, name);
		break;
	}
	err = ret < 0 ? -errno : 0;
	notif_creds_leave(n);
	if (err == 0 && (op == XGET || op == XLIST) && size && ret > 0)
		err = tracee_write(n->req->pid, buf, data, (size_t)ret);
out:
	free(data);
	return err < 0 ? err : ret;
}

long hook_getxattr(struct notif *n)
{
	return do_xattr(n, "getxattr", XGET, true);
}

long hook_lgetxattr(struct notif *n)
{
	return do_xattr(n, "lgetxattr", XGET, false);
}

long hook_listxattr(struct notif *n)
{
	return do_xattr(n, "listxattr", XLIST, true);
}

long hook_llistxattr(struct notif *n)
{
	return do_xattr(n, "llistxattr", XLIST, false);
}

long hook_setxattr(struct notif *n)
{
	return do_xattr(n, "setxattr", XSET, true);
}

long hook_lsetxattr(struct notif *n)
{
	return do_xattr(n, "lsetxattr", XSET, false);
}

long hook_removexattr(struct notif *n)
{
	return do_xattr(n, "removexattr", XREMOVE, true);
}

long hook_lremovexattr(struct notif *n)
{
	return do_xattr(n, "lremovexattr", XREMOVE, false);
}
