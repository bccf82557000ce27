/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * mmap(2) of a file with PROT_EXEC: the code of a shared library, or the
 * program ld.so maps when it is run directly (ld.so /denied/prog), is
 * decided as an exec of that file, by the name the caller's fd has. The
 * filter sends only such calls here; anonymous and data mappings stay in
 * the kernel.
 *
 * A mapping cannot be made on the caller's behalf, so an allowed one is
 * continued, and that is NOT race-free: between this decision and the
 * kernel's own look at the fd number, another thread of the caller may
 * dup2() another file onto it. The race needs code already running in
 * the sandbox with threads; against that, exec rules hold only together
 * with W^X (which keeps such code from making its own executable memory
 * from data). syd(7) says so.
 */
#include <errno.h>
#include <limits.h>
#include <sys/mman.h>

#include "policy/decide.h"
#include "resolve/resolve.h"
#include "syscalls/access.h"
#include "syscalls/common.h"

long hook_mmap(struct notif *n)
{
	char name[PATH_MAX];
	int fd = notif_fd_arg(n, 4), err;
	long ret = memory_mmap_wx(n);

	/* W^X first (syscalls/memory.c): what the program could write. */
	if (ret != HOOK_CONTINUE)
		return ret;
	/* What the filter lets through is not for us: the kernel answers. */
	if (!(notif_arg(n, 2) & PROT_EXEC) ||
	    (notif_arg(n, 3) & MAP_ANONYMOUS) ||
	    !decide_restricts(n->sb, CAT_EXEC))
		return HOOK_CONTINUE;
	err = resolve_fd_name(n->req->pid, fd, name);
	if (err == -EBADF)
		return -EBADF; /* the kernel's answer for a bad fd */
	if (err < 0)
		return err == -ESRCH ? -ESRCH : -EACCES;
	/* No path (an anonymous inode): no file to decide, and none of ours. */
	if (err == 1)
		return -EACCES;
	err = notif_check(n, "mmap", name, CAT_BIT(CAT_EXEC));
	return err < 0 ? err : HOOK_CONTINUE;
}
