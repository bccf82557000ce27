/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * mask+PATTERN[:TARGET]: a matching file opens as TARGET (/dev/null by
 * default), and a stat of it answers TARGET's: its content is not read,
 * what is written to it goes nowhere. See mask.c.
 */
#ifndef SYD_SYSCALLS_MASK_H
#define SYD_SYSCALLS_MASK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "resolve/resolve.h"
#include "sandbox.h"
#include "syscalls/hooks.h"

/*
 * Must the hook row NAME be installed for SB's masks, whatever
 * categories are on (supervise/filter.c)?
 */
bool mask_row(const struct sandbox *sb, const char *name);

/* Does a mask match PATH (canonical, LEN bytes)? Takes the lock. */
bool mask_is(struct sandbox *sb, const char *path, size_t len);

/*
 * For notif_check(): CATS decided allowed on PATH. A rename or hard link
 * of a masked file would give its content a name no mask covers: refused
 * (-EACCES, logged). Returns 0 or the answer.
 */
int mask_check(struct notif *n, const char *sys, const char *path,
	       uint64_t cats);

/*
 * For the open family, once the open of R (resolved, decided, with the
 * caller's credentials taken) with FLAGS is allowed: when R->path is
 * masked, *FD gets the open of the replacement (or -errno) and the answer
 * is true; false leaves the open to the caller.
 */
bool mask_open(struct notif *n, const struct resolved *r, uint64_t flags,
	       int *fd);

/*
 * For the stat family, once R (resolved, decided) may be seen: a masked
 * object's stat (R->st, and R->stx for a statx caller) is its
 * replacement's. Returns 0 or -errno.
 */
int mask_stat(struct notif *n, struct resolved *r);

#endif
