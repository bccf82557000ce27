/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The hook table: one row per system call the supervisor handles. The BPF
 * filter (supervise/filter.c) and the dispatch table are both generated
 * from these rows, so a hooked call without a handler cannot exist. A row
 * is hooked only when one of its categories is enabled.
 */
#ifndef SYD_SYSCALLS_HOOKS_H
#define SYD_SYSCALLS_HOOKS_H

#include <limits.h>
#include <linux/seccomp.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "kernel/tracee.h"
#include "sandbox.h"

struct supervisor;
struct notif;
struct creds_policy;

/*
 * What a handler may ask of the supervisor that runs it, set by the pool:
 * the syscall layer reaches the supervisor only through these.
 */
struct notif_host {
	/*
	 * Before an operation that can block for long (open of a FIFO or
	 * device, a file under a lease): the receiver role passes to another
	 * thread, started if none is waiting, so one slow call cannot stall
	 * the sandbox; and until unblocked(), the monitor interrupts the
	 * operation (EINTR) once the caller is gone or has a signal pending,
	 * as the kernel would interrupt the caller's own wait.
	 */
	void (*may_block)(struct notif *n);
	/*
	 * The operation may_block() announced is over. Returns true when it
	 * was interrupted for the caller: answer -ERESTARTSYS then (the
	 * caller takes its signal, and the call restarts or fails with EINTR
	 * as its handler's SA_RESTART says), if the caller is still there.
	 */
	bool (*unblocked)(struct notif *n);
	/*
	 * End syd now: kill the sandbox and exit with STATUS. The listener
	 * closes with the process, so every pending call fails. Never
	 * returns.
	 */
	void (*abort)(struct notif *n, int status);
};

/* One notification being handled, from RECV to SEND. */
struct notif {
	struct supervisor *sv; /* the pool's: handlers use host */
	const struct notif_host *host;
	struct creds_policy *cp;
	struct sandbox *sb;
	int listener;
	const struct seccomp_notif *req;
	struct seccomp_notif_resp resp; /* error = -errno, or val */
	bool creds; /* this thread took on the caller's credentials */
	bool creds_real; /* ... its real ids (access(2)), not its fs ids */
	unsigned creds_depth; /* notif_creds_enter()s not yet left */
	bool have_creds; /* caller_creds was read */
	struct tracee_creds caller_creds;
	unsigned self; /* the emulator thread's serial: the receiver role */
	/*
	 * fds the handler is done with, closed only after the answer went
	 * out (notif_release()): the caller does not wait for the closing.
	 */
	int later[2];
	unsigned nlater;
	/*
	 * Registered with the monitor while the handler waits on something
	 * outside syd (notif_may_block() to notif_unblocked()): it is
	 * interrupted when the caller dies or has a signal to take.
	 */
	struct notif_wait {
		struct notif_wait *next;
		pthread_t thread;
		uint64_t id;
		pid_t tid;
		bool on, interrupted;
	} wait;
};

static inline void notif_may_block(struct notif *n)
{
	n->host->may_block(n);
}

static inline bool notif_unblocked(struct notif *n)
{
	return n->host->unblocked(n);
}

/* What a handler answers for an interrupted wait (linux/errno.h, kernel). */
#define ERESTARTSYS 512

/*
 * A handler decides and performs one call and returns its answer: -errno,
 * or the call's return value (>= 0); or HOOK_SENT when it answered
 * itself (ADDFD with SEND), or HOOK_CONTINUE to let the kernel perform the
 * call as it was made (only where a comment proves that safe). A value
 * below -4095 is an internal error, which the pool turns into a denial.
 */
typedef long (*hook_fn)(struct notif *n);

#define HOOK_SENT     LONG_MIN
#define HOOK_CONTINUE (LONG_MIN + 1)

/* cats of a row hooked whatever categories are on (floors of their own). */
#define HOOK_ALWAYS UINT64_MAX

struct hook {
	const char *name; /* system call name, as libseccomp knows it */
	hook_fn fn;
	uint64_t cats; /* CAT_BIT()s: hooked when any is enabled */
	bool root_only; /* hooked only when syd runs as root */
};

/*
 * In a row's cats, beside the CAT_BIT()s: hooked only when, besides, a
 * rule can hide a name (for calls that show names without a lookup).
 */
#define HOOK_IF_HIDING (UINT64_C(1) << 62)

/*
 * In a row's cats, beside the CAT_BIT()s of network categories: hooked
 * only when one of those restricts (decide_restricts()), or, for a row
 * with CAT_STAT too, when a rule can hide a name (a UNIX socket file).
 * Unrestricted sockets cost nothing.
 */
#define HOOK_NET (UINT64_C(1) << 61)

/*
 * In a row's cats: hooked as well whenever /dev/syd can be reached (the
 * lock is not on at start), whatever categories are on.
 */
#define HOOK_IF_DEVSYD (UINT64_C(1) << 60)

/* The rows, terminated by one with a NULL name. */
const struct hook *hooks_table(void);

/*
 * Are the memory calls (brk, mmap, mmap2, mremap) hooked under SB: with
 * sandbox/mem on, a limit to keep and a default other than allow? (mem.c)
 */
bool mem_hooked(const struct sandbox *sb);

/* Handlers, one file per family under syscalls/. */
long hook_open(struct notif *n);
long hook_openat(struct notif *n);
long hook_openat2(struct notif *n);
long hook_creat(struct notif *n);
long hook_stat(struct notif *n);
long hook_lstat(struct notif *n);
long hook_newfstatat(struct notif *n);
long hook_statx(struct notif *n);
long hook_statfs(struct notif *n);
long hook_access(struct notif *n);
long hook_faccessat(struct notif *n);
long hook_faccessat2(struct notif *n);
long hook_execve(struct notif *n);
long hook_execveat(struct notif *n);
long hook_mmap(struct notif *n);
long hook_mkdir(struct notif *n);
long hook_mkdirat(struct notif *n);
long hook_mknod(struct notif *n);
long hook_mknodat(struct notif *n);
long hook_unlink(struct notif *n);
long hook_unlinkat(struct notif *n);
long hook_rmdir(struct notif *n);
long hook_rename(struct notif *n);
long hook_renameat(struct notif *n);
long hook_renameat2(struct notif *n);
long hook_link(struct notif *n);
long hook_linkat(struct notif *n);
long hook_symlink(struct notif *n);
long hook_symlinkat(struct notif *n);
long hook_readlink(struct notif *n);
long hook_readlinkat(struct notif *n);
long hook_chmod(struct notif *n);
long hook_fchmodat(struct notif *n);
long hook_fchmodat2(struct notif *n);
long hook_chown(struct notif *n);
long hook_lchown(struct notif *n);
long hook_fchownat(struct notif *n);
long hook_truncate(struct notif *n);
long hook_utime(struct notif *n);
long hook_utimes(struct notif *n);
long hook_futimesat(struct notif *n);
long hook_utimensat(struct notif *n);
long hook_chdir(struct notif *n);
long hook_fchdir(struct notif *n);
long hook_chroot(struct notif *n);
long hook_getxattr(struct notif *n);
long hook_lgetxattr(struct notif *n);
long hook_listxattr(struct notif *n);
long hook_llistxattr(struct notif *n);
long hook_setxattr(struct notif *n);
long hook_lsetxattr(struct notif *n);
long hook_removexattr(struct notif *n);
long hook_lremovexattr(struct notif *n);
long hook_inotify_add_watch(struct notif *n);
long hook_inotify_rm_watch(struct notif *n);
long hook_inotify_init(struct notif *n);
long hook_inotify_init1(struct notif *n);
long hook_fchmod(struct notif *n);
long hook_fchown(struct notif *n);
long hook_ftruncate(struct notif *n);
long hook_ioctl(struct notif *n);
long hook_fallocate(struct notif *n);
long hook_fgetxattr(struct notif *n);
long hook_flistxattr(struct notif *n);
long hook_fsetxattr(struct notif *n);
long hook_fremovexattr(struct notif *n);
long hook_setid(struct notif *n);
long hook_umask(struct notif *n);
long hook_personality(struct notif *n);
long hook_setrlimit(struct notif *n);
long hook_prlimit64(struct notif *n);
long hook_brk(struct notif *n);
/* mmap's memory check (mem.c), for hook_mmap (mmap.c). */
long mem_mmap(struct notif *n);
long hook_mmap2(struct notif *n);
long hook_mremap(struct notif *n);
long hook_getdents64(struct notif *n);
long hook_getdents(struct notif *n);
long hook_getcwd(struct notif *n);
/* mmap's W^X check (memory.c), for hook_mmap (mmap.c). */
long memory_mmap_wx(struct notif *n);
long hook_mprotect(struct notif *n);
long hook_pkey_mprotect(struct notif *n);
long hook_shmat(struct notif *n);
long hook_memfd_create(struct notif *n);
/* Signals where Landlock cannot scope them (signal.c). */
long hook_kill(struct notif *n);
long hook_tkill(struct notif *n);
long hook_rt_sigqueueinfo(struct notif *n);
long hook_tgkill(struct notif *n);
long hook_pidfd_send_signal(struct notif *n);
long hook_fcntl(struct notif *n);
long hook_fioasync(struct notif *n);
long hook_socket(struct notif *n);
long hook_setsockopt(struct notif *n);
long hook_bind(struct notif *n);
long hook_connect(struct notif *n);
long hook_sendto(struct notif *n);
long hook_sendmsg(struct notif *n);
long hook_sendmmsg(struct notif *n);

#endif
