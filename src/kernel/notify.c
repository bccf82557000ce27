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

bool notify_pending(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, 0) == 1 && (p.revents & POLLIN);
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
	/* EINTR (the lock wait cut short) says nothing of the caller. */
	while (ioctl(fd, SECCOMP_IOCTL_NOTIF_ID_VALID, &id) < 0) {
		if (errno != EINTR)
			return -errno;
	}
	return 0;
}

int notify_addfd_send(int fd, uint64_t id, int srcfd, bool cloexec)
{
	return notify_addfd_send_at(fd, id, srcfd, cloexec, -1);
}

int notify_addfd_send_at(int fd, uint64_t id, int srcfd, bool cloexec,
			 int newfd_at)
{
	struct seccomp_notif_addfd addfd = {
		.id = id,
		.flags = newfd_at >= 0 ? SECCOMP_ADDFD_FLAG_SETFD : 0,
		.srcfd = (__u32)srcfd,
		.newfd = newfd_at >= 0 ? (__u32)newfd_at : 0,
		.newfd_flags = cloexec ? O_CLOEXEC : 0,
	};
	struct seccomp_notif_resp resp = { .id = id };
	int newfd, err;

	/*
	 * Not SECCOMP_ADDFD_FLAG_SEND, which would answer in one ioctl: the
	 * kernel marks the call answered before the caller has taken the fd,
	 * and when our wait for that is interrupted (syd stopped by ^Z or
	 * SIGSTOP, frozen, traced, or exiting) it withdraws the fd, and the
	 * caller's open() returns 0, its stdin, as if it were the file. An
	 * interrupted plain ADDFD is withdrawn whole and retried here; the
	 * answer follows once the fd is in place. (Before Linux 5.19, with no
	 * SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV, a signal to the caller
	 * between the two leaves it the fd and restarts its call: an fd it
	 * was allowed, never a wrong one.)
	 */
	do
		newfd = ioctl(fd, SECCOMP_IOCTL_NOTIF_ADDFD, &addfd);
	while (newfd < 0 && errno == EINTR);
	if (newfd < 0)
		return -errno;
	resp.val = newfd;
	err = notify_send(fd, &resp);
	return err < 0 ? err : newfd;
}

int notify_set_sync_wakeup(int fd, bool on)
{
	if (ioctl(fd, SECCOMP_IOCTL_NOTIF_SET_FLAGS,
		  on ? SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP : 0UL) < 0)
		return -errno;
	return 0;
}
