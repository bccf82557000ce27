/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The kernel-side refusals of the sandbox's filter (floors.c). */
#ifndef SYD_SUPERVISE_FLOORS_H
#define SYD_SUPERVISE_FLOORS_H

#include <seccomp.h>
#include <stdbool.h>
#include <stdint.h>

#include "sandbox.h"

/*
 * Is ioctl request REQ refused in the kernel: named by ioctl/deny, or on
 * syd's default list (policy/ioctl.c) and not named by ioctl/allow?
 */
bool floors_ioctl_refused(const struct sandbox *sb, uint32_t req);

/*
 * Calls that defeat the supervisor (mounts, ptrace, pidfd_getfd, bpf...),
 * io_uring and userfaultfd unless allowed, system calls newer than this
 * filter knows (ENOSYS), open_by_handle_at, the ioctl floor, and a
 * filter of the sandbox's own with a listener. Returns 0 or -errno.
 */
int floors_add_blocks(scmp_filter_ctx ctx, const struct sandbox *sb);

/*
 * unshare/clone/setns of namespace types the sandbox may not make, clone3
 * (its flags are in memory), CLONE_UNTRACED while the exec guard traces.
 * Returns 0 or -errno.
 */
int floors_add_namespaces(scmp_filter_ctx ctx, const struct sandbox *sb);

#endif
