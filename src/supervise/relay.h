/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The inotify relay: when a rule may hide a name, a sandboxed process's
 * inotify instance is syd's, and the process reads its events from one
 * end of a socketpair whose other end syd writes, each event one record,
 * after dropping those that name a hidden entry. One thread relays every
 * instance (epoll) and never blocks; emulator threads make instances and
 * add watches (syscalls/inotify.c) and hand them over through this API.
 */
#ifndef SYD_SUPERVISE_RELAY_H
#define SYD_SUPERVISE_RELAY_H

#include <stdbool.h>
#include <stdint.h>

#include "sandbox.h"

/*
 * Start the relay thread for SB. Called by the pool before the emulator
 * threads start: they inherit the control socket in their copy of the
 * fd table. Returns 0 or -errno; without a relay,
 * relay_add() answers -ENOSYS.
 */
int relay_start(struct sandbox *sb);

/*
 * Was relay_start() called (inotify is emulated), whether or not the
 * relay runs? Then the only instances the sandbox may add watches to are
 * the relay's.
 */
bool relay_enabled(void);

/*
 * Hand the relay a new instance: IFD, the real inotify instance, SFD,
 * syd's end of the socketpair (shut for reading), COOKIE, the SO_COOKIE
 * of the caller's end. The relay holds copies: the caller closes its
 * own. Returns 0 once the relay serves it, -ENOSYS (no relay), -EMFILE
 * (syd's own budget of fds for instances and watches is spent), -ENOMEM.
 */
int relay_add(uint64_t cookie, int ifd, int sfd);

/*
 * The real instance behind the caller's end with COOKIE, as a new fd of
 * this thread's (close it). Returns the fd, -EINVAL when COOKIE is no
 * instance the relay serves, or -errno.
 */
int relay_instance(uint64_t cookie);

/*
 * inotify_add_watch() on IFD (relay_instance()'s) gave WD for the object
 * DIRFD (an O_PATH fd) refers to: the relay gets a copy of DIRFD, which
 * names that directory, wherever it moves, when its events are decided.
 * A WD the relay already has needs nothing. Returns 0, or -ENOSPC (syd's
 * budget of fds) or -ENOMEM: then a new watch was removed again, and its
 * events, which the caller never learnt the number of, are dropped.
 */
int relay_watch(uint64_t cookie, int ifd, int wd, int dirfd);

#endif
