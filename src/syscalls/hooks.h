/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The hook table: one row per system call the supervisor handles. The BPF
 * filter (supervise/filter.c) and the dispatch table are both generated
 * from these rows, so a hooked call without a handler cannot exist. A row
 * is hooked only when one of its categories is enabled.
 */
#ifndef SYD_SYSCALLS_HOOKS_H
#define SYD_SYSCALLS_HOOKS_H

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
	bool sent; /* already answered (ADDFD with SEND) */
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
 * A handler decides and performs one call. It fills n->resp (fail closed:
 * resp.error starts as -EACCES) or answers itself and sets n->sent. Its
 * return value is 0; a negative value is an internal error, which the
 * caller turns into a denial.
 */
typedef int (*hook_fn)(struct notif *n);

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

/* The rows, terminated by one with a NULL name. */
const struct hook *hooks_table(void);

/* Handlers, one file per family under syscalls/. */
int hook_open(struct notif *n);
int hook_openat(struct notif *n);
int hook_openat2(struct notif *n);
int hook_creat(struct notif *n);
int hook_stat(struct notif *n);
int hook_lstat(struct notif *n);
int hook_newfstatat(struct notif *n);
int hook_statx(struct notif *n);
int hook_statfs(struct notif *n);
int hook_access(struct notif *n);
int hook_faccessat(struct notif *n);
int hook_faccessat2(struct notif *n);
int hook_execve(struct notif *n);
int hook_execveat(struct notif *n);
int hook_mkdir(struct notif *n);
int hook_mkdirat(struct notif *n);
int hook_mknod(struct notif *n);
int hook_mknodat(struct notif *n);
int hook_unlink(struct notif *n);
int hook_unlinkat(struct notif *n);
int hook_rmdir(struct notif *n);
int hook_rename(struct notif *n);
int hook_renameat(struct notif *n);
int hook_renameat2(struct notif *n);
int hook_link(struct notif *n);
int hook_linkat(struct notif *n);
int hook_symlink(struct notif *n);
int hook_symlinkat(struct notif *n);
int hook_readlink(struct notif *n);
int hook_readlinkat(struct notif *n);
int hook_chmod(struct notif *n);
int hook_fchmodat(struct notif *n);
int hook_fchmodat2(struct notif *n);
int hook_chown(struct notif *n);
int hook_lchown(struct notif *n);
int hook_fchownat(struct notif *n);
int hook_truncate(struct notif *n);
int hook_utime(struct notif *n);
int hook_utimes(struct notif *n);
int hook_futimesat(struct notif *n);
int hook_utimensat(struct notif *n);
int hook_chdir(struct notif *n);
int hook_fchdir(struct notif *n);
int hook_chroot(struct notif *n);
int hook_getxattr(struct notif *n);
int hook_lgetxattr(struct notif *n);
int hook_listxattr(struct notif *n);
int hook_llistxattr(struct notif *n);
int hook_setxattr(struct notif *n);
int hook_lsetxattr(struct notif *n);
int hook_removexattr(struct notif *n);
int hook_lremovexattr(struct notif *n);
int hook_inotify_add_watch(struct notif *n);
int hook_fchmod(struct notif *n);
int hook_fchown(struct notif *n);
int hook_ftruncate(struct notif *n);
int hook_ioctl(struct notif *n);
int hook_fallocate(struct notif *n);
int hook_fgetxattr(struct notif *n);
int hook_flistxattr(struct notif *n);
int hook_fsetxattr(struct notif *n);
int hook_fremovexattr(struct notif *n);
int hook_setid(struct notif *n);
int hook_setrlimit(struct notif *n);
int hook_prlimit64(struct notif *n);
int hook_getdents64(struct notif *n);
int hook_getdents(struct notif *n);
int hook_getcwd(struct notif *n);

#endif
