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
#define OPEN                                                                  \
	(SEEN | CAT_BIT(CAT_READ) | CAT_BIT(CAT_WRITE) | CAT_BIT(CAT_CREATE) | \
	 CAT_BIT(CAT_TRUNCATE) | CAT_BIT(CAT_READDIR) | CAT_BIT(CAT_MKTEMP))

#define MKNOD                                                                 \
	(SEEN | CAT_BIT(CAT_CREATE) | CAT_BIT(CAT_MKCDEV) |                   \
	 CAT_BIT(CAT_MKBDEV) | CAT_BIT(CAT_MKFIFO) | CAT_BIT(CAT_NET_BIND))
#define RENAME (SEEN | CAT_BIT(CAT_RENAME) | CAT_BIT(CAT_CREATE))
#define LINK                                                                  \
	(RENAME | CAT_BIT(CAT_READ) | CAT_BIT(CAT_WRITE))
#define CHOWN (SEEN | CAT_BIT(CAT_CHOWN) | CAT_BIT(CAT_CHGRP))

static const struct hook hooks[] = {
	{ "open", hook_open, OPEN },
	{ "openat", hook_openat, OPEN },
	{ "openat2", hook_openat2, OPEN },
	{ "creat", hook_creat, OPEN },
	{ "stat", hook_stat, SEEN },
	{ "lstat", hook_lstat, SEEN },
	{ "newfstatat", hook_newfstatat, SEEN },
	{ "statx", hook_statx, SEEN },
	{ "statfs", hook_statfs, SEEN },
	{ "access", hook_access, SEEN },
	{ "faccessat", hook_faccessat, SEEN },
	{ "faccessat2", hook_faccessat2, SEEN },
	{ "execve", hook_execve, SEEN | CAT_BIT(CAT_EXEC) },
	{ "execveat", hook_execveat, SEEN | CAT_BIT(CAT_EXEC) },
	{ "mkdir", hook_mkdir, SEEN | CAT_BIT(CAT_MKDIR) },
	{ "mkdirat", hook_mkdirat, SEEN | CAT_BIT(CAT_MKDIR) },
	{ "mknod", hook_mknod, MKNOD },
	{ "mknodat", hook_mknodat, MKNOD },
	{ "unlink", hook_unlink, SEEN | CAT_BIT(CAT_DELETE) },
	{ "unlinkat", hook_unlinkat, SEEN | CAT_BIT(CAT_DELETE) | CAT_BIT(CAT_RMDIR) },
	{ "rmdir", hook_rmdir, SEEN | CAT_BIT(CAT_RMDIR) },
	{ "rename", hook_rename, RENAME },
	{ "renameat", hook_renameat, RENAME },
	{ "renameat2", hook_renameat2, RENAME },
	{ "link", hook_link, LINK },
	{ "linkat", hook_linkat, LINK },
	{ "symlink", hook_symlink, SEEN | CAT_BIT(CAT_SYMLINK) },
	{ "symlinkat", hook_symlinkat, SEEN | CAT_BIT(CAT_SYMLINK) },
	{ "readlink", hook_readlink, SEEN | CAT_BIT(CAT_READLINK) },
	{ "readlinkat", hook_readlinkat, SEEN | CAT_BIT(CAT_READLINK) },
	{ "chmod", hook_chmod, SEEN | CAT_BIT(CAT_CHMOD) },
	{ "fchmodat", hook_fchmodat, SEEN | CAT_BIT(CAT_CHMOD) },
	{ "fchmodat2", hook_fchmodat2, SEEN | CAT_BIT(CAT_CHMOD) },
	{ "chown", hook_chown, CHOWN },
	{ "lchown", hook_lchown, CHOWN },
	{ "fchownat", hook_fchownat, CHOWN },
	{ "truncate", hook_truncate, SEEN | CAT_BIT(CAT_TRUNCATE) },
	{ "utime", hook_utime, SEEN | CAT_BIT(CAT_UTIME) },
	{ "utimes", hook_utimes, SEEN | CAT_BIT(CAT_UTIME) },
	{ "futimesat", hook_futimesat, SEEN | CAT_BIT(CAT_UTIME) },
	{ "utimensat", hook_utimensat, SEEN | CAT_BIT(CAT_UTIME) },
	{ "chdir", hook_chdir, SEEN | CAT_BIT(CAT_CHDIR) },
	{ "chroot", hook_chroot, SEEN | CAT_BIT(CAT_CHROOT) },
	{ "getxattr", hook_getxattr, SEEN | CAT_BIT(CAT_READ) },
	{ "lgetxattr", hook_lgetxattr, SEEN | CAT_BIT(CAT_READ) },
	{ "listxattr", hook_listxattr, SEEN | CAT_BIT(CAT_READ) },
	{ "llistxattr", hook_llistxattr, SEEN | CAT_BIT(CAT_READ) },
	{ "setxattr", hook_setxattr, SEEN | CAT_BIT(CAT_CHATTR) },
	{ "lsetxattr", hook_lsetxattr, SEEN | CAT_BIT(CAT_CHATTR) },
	{ "removexattr", hook_removexattr, SEEN | CAT_BIT(CAT_CHATTR) },
	{ "lremovexattr", hook_lremovexattr, SEEN | CAT_BIT(CAT_CHATTR) },
	{ "inotify_add_watch", hook_inotify_add_watch,
	  SEEN | CAT_BIT(CAT_NOTIFY) },
	{ "fchmod", hook_fchmod, SEEN | CAT_BIT(CAT_CHMOD) },
	{ "fchown", hook_fchown, CHOWN },
	{ "ftruncate", hook_ftruncate, SEEN | CAT_BIT(CAT_TRUNCATE) },
	{ "fallocate", hook_fallocate, SEEN | CAT_BIT(CAT_TRUNCATE) },
	{ "fgetxattr", hook_fgetxattr, SEEN | CAT_BIT(CAT_READ) },
	{ "flistxattr", hook_flistxattr, SEEN | CAT_BIT(CAT_READ) },
	{ "fsetxattr", hook_fsetxattr, SEEN | CAT_BIT(CAT_CHATTR) },
	{ "fremovexattr", hook_fremovexattr, SEEN | CAT_BIT(CAT_CHATTR) },
	{ NULL, NULL, 0 },
};

const struct hook *hooks_table(void)
{
	return hooks;
}
