/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The hook table: which system calls go to the supervisor, for which
 * categories, and who handles them. The filter and the dispatch table are
 * generated from these rows alone.
 */
#include "syscalls/hooks.h"

#include <stddef.h>

/* Every path access is also a walk and a stat (visibility) decision. */
#define SEEN (CAT_BIT(CAT_WALK) | CAT_BIT(CAT_STAT))
#define OPEN                                                                   \
	(SEEN | CAT_BIT(CAT_READ) | CAT_BIT(CAT_WRITE) | CAT_BIT(CAT_CREATE) | \
	 CAT_BIT(CAT_TRUNCATE) | CAT_BIT(CAT_READDIR) | CAT_BIT(CAT_MKTEMP) |  \
	 CAT_BIT(CAT_FS))

#define MKNOD                                                                  \
	(SEEN | CAT_BIT(CAT_CREATE) | CAT_BIT(CAT_MKCDEV) |                    \
	 CAT_BIT(CAT_MKBDEV) | CAT_BIT(CAT_MKFIFO) | CAT_BIT(CAT_NET_BIND))
/*
 * Exec trust is decided at exec too (syscalls/trust.c). Not hooked for
 * SegvGuard alone, which is on by default: a policy that hooks nothing
 * else would pay a round trip per exec; the tracer checks it at the exec
 * event whatever is hooked.
 */
#define EXEC                                                                   \
	(SEEN | CAT_BIT(CAT_EXEC) | CAT_BIT(CAT_TPE) | CAT_BIT(CAT_FORCE) |    \
	 CAT_BIT(CAT_FS))
#define RENAME (SEEN | CAT_BIT(CAT_RENAME) | CAT_BIT(CAT_CREATE))
#define LINK   (RENAME | CAT_BIT(CAT_READ) | CAT_BIT(CAT_WRITE))
#define CHOWN  (SEEN | CAT_BIT(CAT_CHOWN) | CAT_BIT(CAT_CHGRP))
#define LIST   (SEEN | CAT_BIT(CAT_LIST) | HOOK_IF_HIDING)
#define SEND   (CAT_BIT(CAT_NET_CONNECT) | CAT_BIT(CAT_NET_SENDFD))
#define NET_ANY                                                                \
	(CAT_BIT(CAT_NET_BIND) | CAT_BIT(CAT_NET_CONNECT) |                    \
	 CAT_BIT(CAT_NET_LINK))

static const struct hook hooks[] = {
	{ "open", hook_open, OPEN | HOOK_IF_DEVSYD, false },
	{ "openat", hook_openat, OPEN | HOOK_IF_DEVSYD, false },
	{ "openat2", hook_openat2, OPEN | HOOK_IF_DEVSYD, false },
	{ "creat", hook_creat, OPEN, false },
	{ "stat", hook_stat, SEEN | HOOK_IF_DEVSYD, false },
	{ "lstat", hook_lstat, SEEN | HOOK_IF_DEVSYD, false },
	{ "newfstatat", hook_newfstatat, SEEN | HOOK_IF_DEVSYD, false },
	{ "statx", hook_statx, SEEN | HOOK_IF_DEVSYD, false },
	{ "statfs", hook_statfs, SEEN, false },
	{ "access", hook_access, SEEN, false },
	{ "faccessat", hook_faccessat, SEEN, false },
	{ "faccessat2", hook_faccessat2, SEEN, false },
	{ "execve", hook_execve, EXEC, false },
	{ "execveat", hook_execveat, EXEC, false },
	{ "mkdir", hook_mkdir, SEEN | CAT_BIT(CAT_MKDIR), false },
	{ "mkdirat", hook_mkdirat, SEEN | CAT_BIT(CAT_MKDIR), false },
	{ "mknod", hook_mknod, MKNOD, false },
	{ "mknodat", hook_mknodat, MKNOD, false },
	{ "unlink", hook_unlink, SEEN | CAT_BIT(CAT_DELETE), false },
	{ "unlinkat", hook_unlinkat,
	  SEEN | CAT_BIT(CAT_DELETE) | CAT_BIT(CAT_RMDIR), false },
	{ "rmdir", hook_rmdir, SEEN | CAT_BIT(CAT_RMDIR), false },
	{ "rename", hook_rename, RENAME, false },
	{ "renameat", hook_renameat, RENAME, false },
	{ "renameat2", hook_renameat2, RENAME, false },
	{ "link", hook_link, LINK, false },
	{ "linkat", hook_linkat, LINK, false },
	{ "symlink", hook_symlink, SEEN | CAT_BIT(CAT_SYMLINK), false },
	{ "symlinkat", hook_symlinkat, SEEN | CAT_BIT(CAT_SYMLINK), false },
	{ "readlink", hook_readlink, SEEN | CAT_BIT(CAT_READLINK), false },
	{ "readlinkat", hook_readlinkat, SEEN | CAT_BIT(CAT_READLINK), false },
	{ "chmod", hook_chmod, SEEN | CAT_BIT(CAT_CHMOD), false },
	{ "fchmodat", hook_fchmodat, SEEN | CAT_BIT(CAT_CHMOD), false },
	{ "fchmodat2", hook_fchmodat2, SEEN | CAT_BIT(CAT_CHMOD), false },
	{ "chown", hook_chown, CHOWN, false },
	{ "lchown", hook_lchown, CHOWN, false },
	{ "fchownat", hook_fchownat, CHOWN, false },
	{ "truncate", hook_truncate,
	  SEEN | CAT_BIT(CAT_TRUNCATE) | CAT_BIT(CAT_FS), false },
	{ "utime", hook_utime, SEEN | CAT_BIT(CAT_UTIME), false },
	{ "utimes", hook_utimes, SEEN | CAT_BIT(CAT_UTIME), false },
	{ "futimesat", hook_futimesat, SEEN | CAT_BIT(CAT_UTIME), false },
	{ "utimensat", hook_utimensat, SEEN | CAT_BIT(CAT_UTIME), false },
	{ "chdir", hook_chdir, SEEN | CAT_BIT(CAT_CHDIR), false },
	{ "fchdir", hook_fchdir, CAT_BIT(CAT_CHDIR), false },
	/*
	 * Whenever syd resolves any path, the chroot category on or not:
	 * a root moved without syd's knowledge would have every later name
	 * decided from syd's root, and an exec, which the kernel performs,
	 * run another file than the one decided.
	 */
	{ "chroot", hook_chroot, CAT_MASK_ALL, false },
	{ "getxattr", hook_getxattr, SEEN | CAT_BIT(CAT_READ), false },
	{ "lgetxattr", hook_lgetxattr, SEEN | CAT_BIT(CAT_READ), false },
	{ "listxattr", hook_listxattr, SEEN | CAT_BIT(CAT_READ), false },
	{ "llistxattr", hook_llistxattr, SEEN | CAT_BIT(CAT_READ), false },
	{ "setxattr", hook_setxattr, SEEN | CAT_BIT(CAT_CHATTR), false },
	{ "lsetxattr", hook_lsetxattr, SEEN | CAT_BIT(CAT_CHATTR), false },
	{ "removexattr", hook_removexattr, SEEN | CAT_BIT(CAT_CHATTR), false },
	{ "lremovexattr", hook_lremovexattr, SEEN | CAT_BIT(CAT_CHATTR),
	  false },
	{ "inotify_add_watch", hook_inotify_add_watch,
	  SEEN | CAT_BIT(CAT_NOTIFY), false },
	{ "fchmod", hook_fchmod, SEEN | CAT_BIT(CAT_CHMOD), false },
	{ "fchown", hook_fchown, CHOWN, false },
	{ "ftruncate", hook_ftruncate, SEEN | CAT_BIT(CAT_TRUNCATE), false },
	{ "fallocate", hook_fallocate, SEEN | CAT_BIT(CAT_TRUNCATE), false },
	/* chattr's requests; FIOSETOWN and SIOCSPGRP as fcntl's below. */
	{ "ioctl", hook_ioctl, HOOK_ALWAYS, false },
	{ "fgetxattr", hook_fgetxattr, SEEN | CAT_BIT(CAT_READ), false },
	{ "flistxattr", hook_flistxattr, SEEN | CAT_BIT(CAT_READ), false },
	{ "fsetxattr", hook_fsetxattr, SEEN | CAT_BIT(CAT_CHATTR), false },
	{ "fremovexattr", hook_fremovexattr, SEEN | CAT_BIT(CAT_CHATTR),
	  false },
	/*
	 * Whatever the categories: every emulated call (an append or mask
	 * rule's, the force_ options', /dev/syd's stat) is made with the
	 * caller's ids only once syd has seen one change (creds.h). Missed,
	 * a process that gave up root would be served as root.
	 */
	{ "setuid", hook_setid, HOOK_ALWAYS, true },
	{ "setgid", hook_setid, HOOK_ALWAYS, true },
	{ "setreuid", hook_setid, HOOK_ALWAYS, true },
	{ "setregid", hook_setid, HOOK_ALWAYS, true },
	{ "setresuid", hook_setid, HOOK_ALWAYS, true },
	{ "setresgid", hook_setid, HOOK_ALWAYS, true },
	{ "setfsuid", hook_setid, HOOK_ALWAYS, true },
	{ "setfsgid", hook_setid, HOOK_ALWAYS, true },
	{ "setgroups", hook_setid, HOOK_ALWAYS, true },
	{ "capset", hook_setid, HOOK_ALWAYS, true },
	/*
	 * Hooked whenever a call that may create is: a create takes the
	 * caller's umask, which is known until a process changes it.
	 */
	{ "umask", hook_umask, OPEN | MKNOD | CAT_BIT(CAT_MKDIR), false },
	/* Only under trace/lock_personality (supervise/tighten.c). */
	{ "personality", hook_personality, 0, false },
	/* Only PR_CAPBSET_DROP and PR_SET_SECUREBITS (supervise/filter.c). */
	{ "prctl", hook_setid, HOOK_ALWAYS, true },
	/*
	 * Only the limits syd gave (rlimit/NAME; RLIMIT_CORE 0 unless
	 * asked otherwise), and not with trace/allow_unsafe_prlimit
	 * (supervise/filter.c): the sandbox may only lower them.
	 */
	{ "setrlimit", hook_setrlimit, HOOK_ALWAYS, false },
	{ "prlimit64", hook_prlimit64, HOOK_ALWAYS, false },
	/*
	 * Signals to a process the call names, only where Landlock cannot
	 * keep them inside the sandbox (kernel/landlock.h): signal.c.
	 */
	{ "kill", hook_kill, HOOK_ALWAYS, false },
	{ "tkill", hook_tkill, HOOK_ALWAYS, false },
	{ "tgkill", hook_tgkill, HOOK_ALWAYS, false },
	{ "rt_sigqueueinfo", hook_rt_sigqueueinfo, HOOK_ALWAYS, false },
	{ "rt_tgsigqueueinfo", hook_tgkill, HOOK_ALWAYS, false },
	{ "pidfd_send_signal", hook_pidfd_send_signal, HOOK_ALWAYS, false },
	{ "fcntl", hook_fcntl, HOOK_ALWAYS, false },
	/*
	 * Memory sandboxing, only with a limit to keep and a default other
	 * than allow (mem_hooked(), supervise/filter.c).
	 */
	{ "brk", hook_brk, CAT_BIT(CAT_MEM), false },
	{ "mmap2", hook_mmap2, CAT_BIT(CAT_MEM), false },
	{ "mremap", hook_mremap, CAT_BIT(CAT_MEM), false },
	/*
	 * Names shown without a lookup: hooked only when a rule can hide
	 * one (a listing costs a round trip per batch then).
	 */
	{ "getdents64", hook_getdents64, LIST, false },
	{ "getdents", hook_getdents, LIST, false },
	{ "getcwd", hook_getcwd, SEEN | HOOK_IF_HIDING, false },
	/* Events name entries: relayed without the hidden ones (inotify.c). */
	{ "inotify_init", hook_inotify_init, SEEN | HOOK_IF_HIDING, false },
	{ "inotify_init1", hook_inotify_init1, SEEN | HOOK_IF_HIDING, false },
	{ "inotify_rm_watch", hook_inotify_rm_watch, SEEN | HOOK_IF_HIDING,
	  false },
	/*
	 * W^X and non-executable memfds, unless trace/allow_unsafe_exec_memory
	 * or trace/allow_unsafe_memfd: only the refused shapes of each call
	 * come (supervise/filter.c).
	 */
	/* ... and file mappings with PROT_EXEC: an exec (see add_hook()). */
	{ "mmap", hook_mmap, HOOK_ALWAYS, false },
	{ "mprotect", hook_mprotect, HOOK_ALWAYS, false },
	{ "pkey_mprotect", hook_pkey_mprotect, HOOK_ALWAYS, false },
	{ "shmat", hook_shmat, HOOK_ALWAYS, false },
	{ "memfd_create", hook_memfd_create, HOOK_ALWAYS, false },
	/*
	 * Networking (net.c, sendmsg.c, socket.c): only when a network
	 * category restricts, or a UNIX socket file may be hidden (HOOK_NET);
	 * socket, setsockopt and sendto only in the shapes that need a
	 * decision (supervise/filter.c).
	 */
	{ "socket", hook_socket, NET_ANY | HOOK_NET, false },
	{ "setsockopt", hook_setsockopt, CAT_BIT(CAT_NET_CONNECT) | HOOK_NET,
	  false },
	{ "bind", hook_bind, SEEN | CAT_BIT(CAT_NET_BIND) | HOOK_NET, false },
	{ "connect", hook_connect, SEEN | CAT_BIT(CAT_NET_CONNECT) | HOOK_NET,
	  false },
	{ "sendto", hook_sendto, SEEN | CAT_BIT(CAT_NET_CONNECT) | HOOK_NET,
	  false },
	{ "sendmsg", hook_sendmsg, SEEN | SEND | HOOK_NET, false },
	{ "sendmmsg", hook_sendmmsg, SEEN | SEND | HOOK_NET, false },
	{ NULL, NULL, 0, false },
};

const struct hook *hooks_table(void)
{
	return hooks;
}
