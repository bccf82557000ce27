/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Ghost mode. Syd's ghost command closes its seccomp notification
 * listener, after which the kernel fails every hooked call with ENOSYS.
 * Closing it here would not be one close: each emulator thread holds its
 * own copy of the fd (unshare(CLONE_FILES), pool.c), and a thread asleep
 * in SECCOMP_IOCTL_NOTIF_RECV keeps the listener alive until a call wakes
 * it. So syd answers instead, the way the kernel would with no listener:
 * a notification received after the command is refused with ENOSYS
 * before any handler sees it, whatever the call. The sandbox sees what a
 * closed listener shows it, with no window in which a handler could still
 * allow, let alone continue, a call.
 *
 * What stays: the in-kernel filter (what it refuses or kills it still
 * does), Landlock and every other restriction applied before the exec,
 * and syd's tracer: an exec the filter does not hook is still decided by
 * the exec guard on the image the kernel loaded (trace.c), and syd still
 * reaps the sandbox and exits with its status.
 */
#include <errno.h>
#include <stdatomic.h>
#include <string.h>

#include "kernel/notify.h"
#include "log.h"
#include "supervise/ghost.h"
#include "supervise/supervisor.h"

bool ghost_refuse(struct supervisor *sv, const struct seccomp_notif *req)
{
	struct seccomp_notif_resp resp = { .id = req->id, .error = -ENOSYS };
	int err;

	if (!atomic_load(&sv->sb->ghost))
		return false;
	err = notify_send(sv->listener, &resp);
	/* ENOENT: the caller is gone. Else no answer is possible: end. */
	if (err < 0 && err != -ENOENT) {
		log_msg(LOG_CRIT, "ghost: cannot refuse a call: %s",
			strerror(-err));
		supervisor_abort(sv, -err);
	}
	return true;
}
