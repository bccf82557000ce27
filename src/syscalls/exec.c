/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * execve(2), execveat(2): the exec category is decided at system call entry.
 * An exec cannot be performed on the caller's behalf, so an allowed exec is
 * continued; another thread of the caller could swap the path between this
 * check and the kernel's own lookup. That is why the image the kernel
 * really loaded is decided again at the exec event, before it runs
 * (supervise/exec_guard.c): this check gives the caller its errno, that one
 * is the guarantee.
 */
#include <errno.h>
#include <fcntl.h>

#include "resolve/resolve.h"
#include "syscalls/access.h"
#include "syscalls/common.h"
#include "syscalls/trust.h"
#include "syscalls/force.h"
#include "syscalls/exec_image.h"
#include "syscalls/fstype.h"

#ifndef AT_EXECVE_CHECK
#define AT_EXECVE_CHECK 0x10000
#endif

static long check_exec(struct notif *n, const char *sys, int dirfd, int arg,
		       unsigned flags)
{
	char path[PATH_MAX];
	RESOLVED(r);
	int err;

	/*
	 * AT_EXECVE_CHECK (6.14): the kernel only checks that it would
	 * execute the file; decided as an exec all the same, and a kernel
	 * without it says EINVAL itself.
	 */
	if (flags &
	    ~(unsigned)(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW | AT_EXECVE_CHECK))
		return -EINVAL;
	err = notif_path(n, arg, path);
	if (err == 0)
		err = resolve_path(n->req->pid, dirfd, path,
				   at_resolve_flags(flags), &r);
	if (err == 0)
		err = notif_check(n, sys, r.path, CAT_BIT(CAT_EXEC));
	if (err == 0)
		err = notif_fs_check(n, sys, r.path, r.fd);
	/* What the file is: non-PIE, an executable stack, trace/deny_*. */
	if (err == 0)
		err = exec_check_image(n, sys, &r);
	/* TPE and SegvGuard: on the object resolved, never on the name. */
	if (err == 0)
		err = notif_check_trust(n, sys, r.path, &r.st);
	/* Force, last (it hashes): this very object (r.fd), its #! chain */
	if (err == 0)
		err = exec_force(n, sys, &r);
	/* Continued: see the file comment. */
	return err < 0 ? err : HOOK_CONTINUE;
}

long hook_execve(struct notif *n)
{
	return check_exec(n, "execve", AT_FDCWD, 0, 0);
}

long hook_execveat(struct notif *n)
{
	return check_exec(n, "execveat", notif_fd_arg(n, 0), 1,
			  (unsigned)notif_arg(n, 4));
}
