/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * /dev/syd, the sandbox's own interface to syd (syd(2)): a stat(2) of
 * "/dev/syd/COMMAND" runs COMMAND, an open(2) of "/dev/syd" reads the
 * state as JSON and one of "/dev/syd.sh" the esyd shell code. The name is
 * decided on the caller's string alone, before any lookup, and only for
 * that exact spelling: "/dev/./syd", "//dev/syd", a symlink, a relative
 * path or /proc/self/root/dev/syd go through the ordinary lookup, where no
 * such file exists.
 */
#ifndef SYD_SYSCALLS_DEVSYD_H
#define SYD_SYSCALLS_DEVSYD_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>

#include "syscalls/hooks.h"

/*
 * May the caller of N reach /dev/syd at all under lock state L: off, drop
 * and read, anyone; exec, the initial process (its main thread); on,
 * nobody.
 */
bool devsyd_reaches(const struct notif *n, enum lock_state l);

/*
 * load/FD (ARG is FD): apply the commands read from the caller's fd FD,
 * all or none (config_load_runtime()). Returns 0; -ENOENT when the lock
 * hides /dev/syd from the caller, -EPERM under lock:read (or a line the
 * lock refuses), -EINVAL (FD is no number or neither a file nor a pipe;
 * a line malformed, unknown or not loadable), -EBUSY (a line that takes
 * effect at startup only), -EBADF (no such fd, or not open for reading),
 * -EFBIG (over 1 MiB), -ESRCH, -ERESTARTSYS, -ENOMEM, or the -errno of
 * the read.
 */
long devsyd_load(struct notif *n, const char *arg);

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

/* Is PATH, as the caller wrote it, "/dev/syd" or "/dev/syd.sh"? */
bool devsyd_open_is(const char *path);

/*
 * Open PATH (devsyd_open_is(PATH)) with FLAGS (open(2)'s, O_PATH made a
 * read-only open) for the caller of N: a read-only fd on a sealed memfd
 * holding the state as JSON (a line) or the esyd shell code, for the
 * caller to be handed. Returns the fd; -ENOENT, whatever FLAGS, when the
 * lock hides the interface from this caller (as devsyd_stat()); else
 * -ENOTDIR (O_DIRECTORY), -EEXIST (O_CREAT with O_EXCL), -EACCES (a write
 * or O_TRUNC), -ENOMEM or the -errno of making the memfd.
 */
int devsyd_open(struct notif *n, const char *path, uint64_t flags);

/*
 * Was the open N made with FLAGS (as the caller passed them, before any
 * change of O_PATH) sent to syd only because /dev/syd can be reached,
 * the filter leaving it in the kernel otherwise (supervisor.h, enum
 * devsyd_only)?
 */
bool devsyd_only_call(const struct notif *n, uint64_t flags);

#endif
