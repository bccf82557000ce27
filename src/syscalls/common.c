/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The arguments and the fds of one notification (see common.h): paths
 * copied out of the caller and re-validated, fds closed after the answer.
 */
#include "syscalls/common.h"

#include <errno.h>
#include <unistd.h>

#include "kernel/notify.h"
#include "resolve/resolve.h"

int notif_path(struct notif *n, int i, char *buf)
{
	ssize_t len =
		tracee_read_str(n->req->pid, notif_arg(n, i), buf, PATH_MAX);
	int err;

	if (len < 0)
		return (int)len;
	/*
	 * The pid may have been reused between the notification and our read
	 * of its memory: only a still-valid notification makes the copy ours.
	 */
	err = notify_id_valid(n->listener, n->req->id);
	return err < 0 ? -ESRCH : 0;
}

int notif_path_at(struct notif *n, int i, bool null_ok, char *buf)
{
	if (null_ok && notif_arg(n, i) == 0) {
		buf[0] = '\0';
		return notify_id_valid(n->listener, n->req->id) < 0 ? -ESRCH
								    : 0;
	}
	return notif_path(n, i, buf);
}

static void keep(struct notif *n, int *fd)
{
	if (*fd < 0)
		return;
	if (n->nlater < sizeof(n->later) / sizeof(n->later[0])) {
		n->later[n->nlater++] = *fd;
		*fd = -1;
	} else {
		close_reset(fd);
	}
}

void notif_release(struct notif *n, struct resolved *r)
{
	keep(n, &r->fd);
	keep(n, &r->dirfd);
}

void notif_close_later(struct notif *n)
{
	while (n->nlater > 0)
		close(n->later[--n->nlater]);
}
