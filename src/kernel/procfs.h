/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Names under /proc. The one reader of "/proc/N" in a path: a number is
 * taken only as the kernel writes a process number (decimal, no sign, no
 * leading zero), so "/proc/0012" or "/proc/+12" name nothing here, as in
 * procfs.
 */
#ifndef SYD_KERNEL_PROCFS_H
#define SYD_KERNEL_PROCFS_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

/*
 * PATH (LEN bytes, not necessarily NUL-terminated) is "/proc/N" or a path
 * under it: returns N, and *REST (when REST is not NULL) points at what
 * follows N in PATH ("" or "/..."; LEN - (*REST - PATH) bytes). Returns 0
 * for any other path, a number too big for a pid among them.
 */
pid_t proc_path_pid(const char *path, size_t len, const char **rest);

/*
 * The process number at P, which ends at END or at a "/" before it: N,
 * with *AFTER (when not NULL) just past its digits. 0 when P does not
 * start with one ("/proc/N/task/TID" is read with both).
 */
pid_t proc_number(const char *p, const char *end, const char **after);

/* "/proc/thread-self/fd/N": our fd as a path, for calls with no fd form. */
struct fdpath {
	char s[48];
};

static inline const char *fdpath(struct fdpath *p, int fd)
{
	snprintf(p->s, sizeof(p->s), "/proc/thread-self/fd/%d", fd);
	return p->s;
}

/*
 * The level of the fs.NAME sysctl (protected_regular, protected_fifos,
 * protected_symlinks): an unreadable one counts as 2, the strictest.
 */
int sysctl_fs_level(const char *name);

#endif
