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

/* The exec check: 0, or the answer that refuses the mapping. */
static long exec_check(struct notif *n)
{
	char name[PATH_MAX];
	int fd = notif_fd_arg(n, 4), err;

	err = resolve_fd_name(n->req->pid, fd, name);
	if (err == -EBADF)
		return -EBADF; /* the kernel's answer for a bad fd */
	if (err < 0)
		return err == -ESRCH ? -ESRCH : -EACCES;
	/* No path (an anonymous inode): no file to decide, and none of ours. */
	if (err == 1)
		return -EACCES;
	return notif_check(n, "mmap", name, CAT_BIT(CAT_EXEC));
}

/*
 * The three checks a mapping may need, in turn: W^X (memory.c), the exec
 * of a file mapped executable (here), the memory limits (mem.c). The
 * filter sends only calls one of them may refuse.
 */
long hook_mmap(struct notif *n)
{
	long ret = memory_mmap_wx(n);

	if (ret != HOOK_CONTINUE)
		return ret;
	if ((notif_arg(n, 2) & PROT_EXEC) &&
	    !(notif_arg(n, 3) & MAP_ANONYMOUS) &&
	    decide_restricts(n->sb, CAT_EXEC)) {
		ret = exec_check(n);
		if (ret < 0)
			return ret;
	}
	return mem_hooked(n->sb) ? mem_mmap(n) : HOOK_CONTINUE;
}
