/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * seccomp user-notification ioctls. The kernel's own headers give the
 * structures; the few constants newer than Debian 12's headers are defined
 * here with their upstream values.
 */
#include "kernel/notify.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/ioctl.h>

int notify_recv(int fd, struct seccomp_notif *req)
{
	memset(req, 0, sizeof(*req));
	if (ioctl(fd, SECCOMP_IOCTL_NOTIF_RECV, req) < 0)
		return -errno;
	return 0;
}

bool notify_orphaned(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, 0) == 1 && (p.revents & POLLHUP);
}

int notify_send(int fd, const struct seccomp_notif_resp *resp)
{
	while (ioctl(fd, SECCOMP_IOCTL_NOTIF_SEND, resp) < 0) {
		if (errno != EINTR)
			return -errno;
	}
	return 0;
}

int notify_id_valid(int fd, uint64_t id)
{
	if (ioctl(fd, SECCOMP_IOCTL_NOTIF_ID_VALID, &id) < 0)
		return -errno;
	return 0;
}

int notify_addfd_send(int fd, uint64_t id, int srcfd, bool cloexec)
{
	struct seccomp_notif_addfd addfd = {
		.id = id,
		.flags = SECCOMP_ADDFD_FLAG_SEND,
		.srcfd = (__u32)srcfd,
		.newfd = 0,
		.newfd_flags = cloexec ? O_CLOEXEC : 0,
	};
	int ret;

	do
		ret = ioctl(fd, SECCOMP_IOCTL_NOTIF_ADDFD, &addfd);
	while (ret < 0 && errno == EINTR);
	return ret < 0 ? -errno : ret;
}

int notify_set_sync_wakeup(int fd, bool on)
{
	if (ioctl(fd, SECCOMP_IOCTL_NOTIF_SET_FLAGS,
		  on ? SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP : 0UL) < 0)
		return -errno;
	return 0;
}
