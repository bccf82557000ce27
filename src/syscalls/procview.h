/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The /proc files that name paths (policy/procview.h), opened by a
 * sandboxed process while a rule may hide a name: handed over as a
 * filtered copy, so that a hidden name does not show in them either.
 */
#ifndef SYD_SYSCALLS_PROCVIEW_H
#define SYD_SYSCALLS_PROCVIEW_H

#include <stddef.h>
#include <stdint.h>

#include "syscalls/hooks.h"

/*
 * FD is the caller's open, with FLAGS, of PATH (canonical). When PATH is
 * one of these files, opened for reading, and a rule may hide a name:
 * FD is read and closed here, and a read-only fd on a sealed memfd
 * holding what may be seen of it is returned. Else FD itself. Called
 * with the caller's credentials entered. Returns an fd, or -ENOMEM,
 * -EIO or the -errno of a read (FD closed).
 */
int procview_open(struct notif *n, const char *path, uint64_t flags, int fd);

/*
 * A memfd of syd's named NAME holding the LEN bytes of BUF, sealed (no
 * write, no growing or shrinking, no new seal) and without execute
 * permission; returned as a new read-only open of it with O_NONBLOCK as
 * in FLAGS. Called with the caller's credentials entered, so it is the
 * caller's, as if it had made it. Also the bytes of /dev/syd (devsyd.c).
 * Returns the fd or -errno.
 */
int procview_sealed_copy(const char *name, const char *buf, size_t len,
			 uint64_t flags);

#endif
