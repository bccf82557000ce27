/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * append+PATTERN: files the sandbox may only add to (logs, shell
 * histories). Every way to change what a file already holds is closed:
 * see append.c for the list and syd(7) for the user's view.
 */
#ifndef SYD_SYSCALLS_APPEND_H
#define SYD_SYSCALLS_APPEND_H

#include <seccomp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sandbox.h"
#include "syscalls/hooks.h"

/* Does an append rule match PATH (canonical, LEN bytes)? Takes the lock. */
bool append_is(struct sandbox *sb, const char *path, size_t len);

/*
 * Must the hook row NAME be installed for SB's append rules, whatever
 * categories are on (supervise/filter.c)?
 */
bool append_row(const struct sandbox *sb, const char *name);

/*
 * The filter rules append rules need besides the rows: fcntl(F_SETFL)
 * without O_APPEND comes to syd (append_setfl()), pwritev2(2) with
 * RWF_NOAPPEND is refused (EPERM) in the kernel, Linux AIO is off
 * (ENOSYS). Returns 0 or -errno.
 */
int append_add_rules(scmp_filter_ctx ctx, const struct sandbox *sb);

/*
 * For notif_check(): CATS decided allowed on PATH; is one of them a
 * change of an append-only file's content (truncate, delete, rename, a
 * rename or link of it)? Returns 0, or -EPERM, logged.
 */
int append_check(struct notif *n, const char *sys, const char *path,
		 uint64_t cats);

/*
 * For the open family: the caller's open FLAGS of PATH (canonical), allowed
 * by the policy. On an append-only file, a write gets O_APPEND added to
 * *FLAGS; a read-write open is refused. Returns 0 or -EPERM, logged.
 */
int append_open(struct notif *n, const char *sys, const char *path,
		uint64_t *flags);

/*
 * fcntl(FD, F_SETFL, ARG) without O_ASYNC: performed here on the caller's
 * open file, refused (EPERM) when it would take O_APPEND off an
 * append-only file. Returns the answer.
 */
long append_setfl(struct notif *n);

/*
 * For an F_SETFL syd performs on FD (our copy of the caller's) with ARG:
 * 0, or -EPERM when it would take O_APPEND off an append-only file.
 */
int append_setfl_check(struct notif *n, int fd, unsigned long arg);

#endif
