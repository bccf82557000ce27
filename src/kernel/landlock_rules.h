/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Lock sandboxing (sandbox/lock:on): the allow/lock/ rules of the policy
 * as a Landlock ruleset that the initial command enters before its exec,
 * so that the kernel itself refuses what the rules do not name, whatever
 * syd decides or fails to see. default/lock is the compatibility level:
 * kill (hard requirement), deny (soft requirement), warn (best effort).
 */
#ifndef SYD_KERNEL_LANDLOCK_RULES_H
#define SYD_KERNEL_LANDLOCK_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "sandbox.h"

/*
 * Before the fork: can the ruleset of SB be enforced here, as its
 * compatibility level demands? Logs at warn level what the kernel will
 * not enforce when the level lets syd run anyway. Returns 0 (also when
 * sandbox/lock is off), or -EOPNOTSUPP (Landlock or a right is missing),
 * -ENOENT or another -errno (a path of a rule cannot be opened), with
 * WHY (SIZE bytes) saying which and what would let syd start.
 */
int landlock_rules_check(const struct sandbox *sb, char *why, size_t size);

/*
 * Create the ruleset, add a path-beneath rule for each allow/lock/ path
 * (opened O_PATH here, in the caller's view of the file system) and a
 * port rule for each allow/lock/bind and connect port, and restrict the
 * calling thread. Nothing when sandbox/lock is off or the level lets it
 * go without (landlock_rules_check() said so). Twice: by syd's main
 * thread before the fork with SYD true (its emulator threads and the
 * child inherit the layer; /proc is readable there, for syd), so that
 * what syd does for the sandbox stays inside the rules too, and by the
 * child before its exec with SYD false (the rules alone). Needs
 * no_new_privs. Returns 0 or -errno.
 */
int landlock_rules_apply(const struct sandbox *sb, bool syd);

#endif
