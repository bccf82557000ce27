/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Force (verified exec) at execve/execveat entry: the object the call would
 * run, and the #! interpreters a script would make the kernel run after it.
 */
#ifndef SYD_SYSCALLS_FORCE_H
#define SYD_SYSCALLS_FORCE_H

#include "resolve/resolve.h"
#include "syscalls/hooks.h"

/*
 * Force for R, the object an exec by n->req->pid resolved to (its fd and
 * canonical path), then for each #! interpreter in turn, as the kernel
 * would look them up (from the caller's cwd and root, following
 * symlinks, at most 4 deep). Each refusal is logged with its tip and its
 * action's side effect applied. Returns 0 when the exec may go on, else
 * its answer: -EACCES, the lookup's errno for an interpreter, or
 * -ERESTARTSYS when the caller took a signal while a large file was hashed.
 */
int exec_force(struct notif *n, const char *sys, const struct resolved *r);

#endif
