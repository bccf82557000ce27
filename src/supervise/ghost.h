/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Ghost mode (syd(2) "ghost", syd(7) "Ghost mode"): the sandbox has asked
 * syd to stop serving it. What the filter hooks then fails with ENOSYS,
 * what it lets through runs as before, and syd stays the tracer of the
 * exec guard and the parent that reports the exit status.
 */
#ifndef SYD_SUPERVISE_GHOST_H
#define SYD_SUPERVISE_GHOST_H

#include <linux/seccomp.h>
#include <stdbool.h>

struct supervisor;

/*
 * In ghost mode, answer REQ, just received, with ENOSYS and return true:
 * the caller hands it to no handler. Otherwise return false. May end syd
 * when the answer cannot be sent (the listener is broken).
 */
bool ghost_refuse(struct supervisor *sv, const struct seccomp_notif *req);

#endif
