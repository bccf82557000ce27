/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Landlock, the kernel-enforced floor under the supervisor: what holds for
 * the sandbox even if syd is stopped or gone.
 */
#ifndef SYD_KERNEL_LANDLOCK_H
#define SYD_KERNEL_LANDLOCK_H

#include <stdbool.h>

/*
 * Put the calling thread (and what it will start) in a Landlock domain
 * that may not signal any process outside it (LANDLOCK_SCOPE_SIGNAL, ABI
 * 6: kill, tkill, tgkill, sigqueue, pidfd_send_signal and SIGIO/SIGURG of
 * an fd's owner). Needs no_new_privs. Returns 0, -EOPNOTSUPP when the
 * kernel's Landlock is older or off, or -errno.
 */
int landlock_scope_signals(void);

/*
 * The kernel's Landlock ABI (0: none), at most SYD_LANDLOCK_ABI when that
 * is set (read once: the answer stays the same for syd's life).
 */
int landlock_abi(void);

/* Can landlock_scope_signals() work here (ABI 6)? */
bool landlock_signal_scope(void);

#endif
