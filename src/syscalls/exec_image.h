/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The executable itself, checked at execve(2)/execveat(2) entry once its
 * path was allowed: what kind of program it is (policy/exec_image.h).
 */
#ifndef SYD_SYSCALLS_EXEC_IMAGE_H
#define SYD_SYSCALLS_EXEC_IMAGE_H

#include "resolve/resolve.h"
#include "syscalls/hooks.h"

/*
 * Read the object R resolved to (its O_PATH fd, never its name again) and
 * refuse it when the sandbox's trace options refuse what it is, with a log
 * line whose tip names the opt-out. SYS names the call for the log. A
 * non-regular file is left to the kernel, which refuses to execute it.
 * Returns 0 (go on), -EACCES (refused, or the file could not be read or
 * is a malformed ELF file: fail closed), or -ESRCH (the caller is gone).
 */
int exec_check_image(struct notif *n, const char *sys,
		     const struct resolved *r);

#endif
