/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The calling thread's capability sets, through raw capget(2)/capset(2):
 * per thread, unlike libc wrappers that may apply to the whole process.
 * Sets are 64-bit masks of CAP_* bits.
 */
#ifndef SYD_KERNEL_CAPS_H
#define SYD_KERNEL_CAPS_H

#include <stdbool.h>
#include <stdint.h>

/* Read this thread's permitted set. Returns 0 or -errno. */
int caps_get_permitted(uint64_t *prm);

/*
 * Make EFF this thread's effective set, keeping PRM (its current
 * permitted set, which EFF must be within) and an empty inheritable set.
 * Returns 0 or -errno.
 */
int caps_set_effective(uint64_t eff, uint64_t prm);

/*
 * An emulator thread acting for a caller (root syd, a caller with other
 * credentials) takes on its ids and capabilities, so that every lookup and
 * access is checked as the kernel would check the caller's own. What only
 * syd may do, reading and writing the caller's memory and opening its
 * /proc entries (which a process that changed its ids no longer lets
 * others of its uid open), is bracketed by priv_raise()/priv_lower(),
 * which add to the caller's capabilities meanwhile those of ptrace access
 * and of reading any file (never syd's whole set). Both are no-ops while
 * the thread acts as itself.
 */

/* Act with capabilities EFF (within PRM, syd's permitted set). 0 or -errno. */
int priv_enter(uint64_t eff, uint64_t prm);

/* Act as syd again. */
void priv_leave(void);

/* Whether this thread is acting for a caller. */
bool priv_acting(void);

void priv_raise(void);
void priv_lower(void);

/*
 * How priv_lower() ends syd when it cannot drop what it raised (never
 * but for a bug; going on with syd's rights for a caller would be an
 * escape): FN, the supervisor's way to end, which kills the sandbox and
 * exits with STATUS, and does not return. Without one, abort().
 */
void priv_set_fatal(void (*fn)(int status));

/*
 * priv_raise() with CAP_SYS_PTRACE alone: what a process opening its own
 * /proc entries has that another of its ids may lack (a process that
 * changed its ids is not dumpable), and nothing more: file modes are
 * checked against the caller's ids as they would be. Ends with
 * priv_lower().
 */
void priv_raise_ptrace(void);

#endif
