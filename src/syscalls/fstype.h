/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The fs category on the objects calls reach (policy/fstype.h decides):
 * the file-system type is read with fstatfs(2) from the fd syd resolved
 * and will act on, never by looking the path up again, so no rename or
 * mount racing the call changes which object was decided.
 */
#ifndef SYD_SYSCALLS_FSTYPE_H
#define SYD_SYSCALLS_FSTYPE_H

#include <stdbool.h>
#include <sys/types.h>

#include "sandbox.h"
#include "syscalls/hooks.h"

/* Is the fs category on (sandbox read lock taken here)? */
bool fs_category_on(struct sandbox *sb);

/*
 * The fs category for the object FD (an fd of syd's, O_PATH or open, on
 * the object the call reaches: for a call that makes a name, on the
 * directory it is made in) that the call SYS of N names as PATH. Logs a
 * warning or a denial with the type and the rule that would allow it, and
 * applies the action's side effect. Returns 0 when allowed (or the
 * category is off), else -EACCES; -EACCES too when FD is -1 or its type
 * cannot be read (fail closed). Takes the sandbox read lock itself.
 */
int notif_fs_check(struct notif *n, const char *sys, const char *path, int fd);

/*
 * For the exec guard: may the image FD that process PID runs as EXE (from
 * /proc/PID/exe) be run, by its file system's type? A refusal or a
 * warning is logged; the guard kills on false.
 */
bool fs_exec_allowed(struct sandbox *sb, pid_t pid, const char *exe, int fd);

#endif
