/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * /dev/syd, the sandbox's own interface to syd (syd(2)): a stat(2) of
 * "/dev/syd/COMMAND" runs COMMAND. The name is decided on the caller's
 * string alone, before any lookup, and only for that exact spelling:
 * "/dev/./syd", "//dev/syd", a symlink or a relative path go through the
 * ordinary lookup, where no such file exists.
 */
#ifndef SYD_SYSCALLS_DEVSYD_H
#define SYD_SYSCALLS_DEVSYD_H

#include <stdbool.h>
#include <sys/stat.h>

#include "syscalls/hooks.h"

/* Is PATH, as the caller wrote it, "/dev/syd" or "/dev/syd/..."? */
bool devsyd_is(const char *path);

/*
 * Run the command PATH names (devsyd_is(PATH)) for the caller of N and
 * fill ST with what syd(2) answers for a magic stat: the metadata of
 * /dev/null. "/dev/syd" itself runs nothing (the check of esyd). Returns
 * 0, or -ENOENT when the lock hides the interface from this caller or a
 * query is false, -EPERM when the lock refuses the command, -EBUSY for one
 * that only takes effect at startup, -EINVAL (or -EOPNOTSUPP) for one
 * malformed, unknown (or not supported yet).
 */
long devsyd_stat(struct notif *n, const char *path, struct stat *st);

#endif
