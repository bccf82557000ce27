/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * unshare/NAMES, bind+SRC:DST:OPTS, root:DIR, name/host and name/domain:
 * the namespaces and mounts of the sandbox, which syd makes its own too.
 */
#ifndef SYD_SUPERVISE_NAMESPACE_H
#define SYD_SUPERVISE_NAMESPACE_H

#include <stddef.h>

struct sandbox;

/*
 * Move syd itself into the namespaces SB asks for and set up its mounts,
 * root and names, so that the command forked afterwards shares them with
 * its supervisor. Call while syd is single-threaded and before anything
 * has been started. A no-op when none of the options is set. On failure
 * WHY (SIZE bytes) names the option and the reason; syd must then exit
 * without running the command. Returns 0, -EINVAL (an option needs
 * another), -EOPNOTSUPP (unshare/pid) or the kernel's -errno.
 */
int namespace_setup(const struct sandbox *sb, char *why, size_t size);

#endif
