/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Memory that could hold code the sandbox wrote itself. W^X: a mapping
 * may be writable or executable, never both, and what was writable never
 * becomes executable: mmap(2) asking for PROT_WRITE|PROT_EXEC, mprotect(2)
 * and pkey_mprotect(2) asking for PROT_EXEC, and shmat(2) with SHM_EXEC
 * are refused with EACCES (the kernel's own answer under MDWE), with one
 * log line that names the opt-out, since a JIT compiler (V8, the JVM)
 * fails on it in ways of its own. memfd_create(2) is made here, sealed
 * non-executable (MFD_NOEXEC_SEAL), so that code written to memory cannot
 * be run by fexecve(3) either. trace/allow_unsafe_exec_memory and
 * trace/allow_unsafe_memfd lift them (supervise/filter.c then sends none
 * of these calls here).
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <unistd.h>

#include "log.h"
#include "syscalls/common.h"
#include "syscalls/creds.h"

#ifndef MFD_NOEXEC_SEAL
#define MFD_NOEXEC_SEAL 0x0008U
#endif
#ifndef MFD_EXEC
#define MFD_EXEC 0x0010U
#endif
#ifndef F_SEAL_SEAL
#define F_SEAL_SEAL 0x0001
#endif
/* The kernel's bound on a memfd's name: NAME_MAX less "memfd:". */
#define MFD_NAME_MAX (NAME_MAX - 6)

static void log_refusal(struct notif *n, const char *sys, enum cat cat,
			const char *msg, const char *tip)
{
	struct log_access a = { .pid = n->req->pid,
				.sys = sys,
				.cap = cat,
				.act = ACTION_DENY,
				.err = EACCES,
				.msg = msg,
				.tip = tip };

	log_access(&a);
}

/*
 * The calls below are decided on their registers alone, which the kernel
 * uses as they are: a call let through is the call decided, and the
 * filter sends only those that ask for what is refused. CONTINUE for any
 * other is safe, and only a filter out of step with this file gets it.
 */
static long wx_refuse(struct notif *n, const char *sys, bool asks)
{
	if (!asks)
		return HOOK_CONTINUE;
	log_refusal(n, sys, CAT_MEM,
		    "W^X: executable memory the program could have written "
		    "refused (a JIT compiler, as node's or java's, needs it)",
		    "-p nomem (trace/allow_unsafe_exec_memory:1)");
	return -EACCES;
}

/*
 * mmap's W^X half (syscalls/mmap.c has the whole call): PROT_WRITE and
 * PROT_EXEC at once, unless trace/allow_unsafe_exec_memory (the filter
 * may send such a call for the exec check of a file mapping too).
 */
long memory_mmap_wx(struct notif *n)
{
	uint64_t prot = notif_arg(n, 2);

	return wx_refuse(n, "mmap",
			 !n->sb->trace[TRACE_ALLOW_UNSAFE_MEMORY] &&
				 (prot & (PROT_WRITE | PROT_EXEC)) ==
					 (PROT_WRITE | PROT_EXEC));
}

/*
 * Any PROT_EXEC: whether the pages were written before cannot be told
 * from the call, and MDWE (kernel 6.3) refuses the same gain of exec.
 */
long hook_mprotect(struct notif *n)
{
	return wx_refuse(n, "mprotect", notif_arg(n, 2) & PROT_EXEC);
}

long hook_pkey_mprotect(struct notif *n)
{
	return wx_refuse(n, "pkey_mprotect", notif_arg(n, 2) & PROT_EXEC);
}

/* A shared segment mapped executable here, writable in another process. */
long hook_shmat(struct notif *n)
{
	return wx_refuse(n, "shmat", notif_arg(n, 2) & SHM_EXEC);
}

/*
 * memfd_create(name, flags) made by syd, with MFD_NOEXEC_SEAL added: the
 * memfd has no execute permission and can never be given one (F_SEAL_EXEC),
 * so neither fexecve(3) nor execveat(2) on it runs anything. It is made
 * with the caller's file credentials (its owner is the caller, as if made
 * by it) and handed over with ADDFD. MFD_EXEC, asking for an executable
 * one, is refused. A kernel without MFD_NOEXEC_SEAL (before 6.3) gets
 * ENOSYS: no executable memfd is made, and programs fall back to files,
 * which the path rules decide.
 */
long hook_memfd_create(struct notif *n)
{
	unsigned flags = (unsigned)notif_arg(n, 1);
	char name[PATH_MAX];
	int fd, err;

	err = notif_path(n, 0, name);
	if (err == -ENAMETOOLONG || (err == 0 && strlen(name) > MFD_NAME_MAX))
		return -EINVAL; /* the kernel's answer to a long name */
	if (err < 0)
		return err;
	if (flags & MFD_EXEC) {
		log_refusal(n, "memfd_create", CAT_EXEC,
			    "executable memfd refused",
			    "trace/allow_unsafe_memfd:1");
		return -EACCES;
	}
	err = notif_creds_take(n, CREDS_FS);
	if (err < 0)
		return err;
	fd = memfd_create(name, (flags & ~MFD_CLOEXEC) | MFD_CLOEXEC |
					MFD_NOEXEC_SEAL);
	if (fd < 0 && errno == EINVAL) {
		/* Was it the flag this kernel lacks, or the caller's? */
		int probe = memfd_create(name,
					 (flags & ~MFD_CLOEXEC) | MFD_CLOEXEC);

		if (probe >= 0) {
			close(probe);
			errno = ENOSYS;
		} else {
			errno = EINVAL;
		}
	}
	if (fd < 0)
		return notif_acted(n, fd);
	notif_creds_leave(n);
	/*
	 * MFD_NOEXEC_SEAL allows sealing; a caller that did not ask for it
	 * gets the memfd it asked for: no seal may ever be added.
	 */
	if (!(flags & MFD_ALLOW_SEALING) &&
	    fcntl(fd, F_ADD_SEALS, F_SEAL_SEAL) < 0) {
		close(fd);
		return -EACCES;
	}
	err = notif_install_fd(n, fd, flags & MFD_CLOEXEC);
	close(fd);
	/* Answered, or the caller is gone and nothing is owed. */
	return err >= 0 || err == -ENOENT ? HOOK_SENT : err;
}
