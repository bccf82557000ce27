/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Thin wrappers of the seccomp user-notification fd. No policy here: each
 * function returns the errno instead of setting it. Most are one ioctl
 * (SEND and ID_VALID retried on EINTR); notify_addfd_send() is two, ADDFD
 * then SEND (notify.c says why); notify_orphaned() and notify_pending()
 * one poll(2).
 */
#ifndef SYD_KERNEL_NOTIFY_H
#define SYD_KERNEL_NOTIFY_H

#include <linux/seccomp.h>
#include <stdbool.h>
#include <stdint.h>

/* Newer than Debian 12's kernel headers: the upstream values. */
#ifndef SECCOMP_ADDFD_FLAG_SEND
#define SECCOMP_ADDFD_FLAG_SEND (1UL << 1)
#endif
#ifndef SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV
#define SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV (1UL << 5)
#endif
#ifndef SECCOMP_IOCTL_NOTIF_SET_FLAGS
#define SECCOMP_IOCTL_NOTIF_SET_FLAGS SECCOMP_IOW(4, __u64)
#endif
#ifndef SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP
#define SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP (1UL << 0)
#endif

/*
 * Receive the next notification into REQ (zeroed first, as the kernel
 * demands). Returns 0, -EINTR (retry), -ENOENT (the caller died between
 * the notification and this read, or no task uses the filter any more:
 * notify_orphaned() tells), or another -errno (the listener is unusable).
 */
int notify_recv(int fd, struct seccomp_notif *req);

/*
 * Whether no task uses the filter behind listener FD any more (poll says
 * POLLHUP): then every receive fails at once, for good.
 */
bool notify_orphaned(int fd);

/*
 * Whether a notification of listener FD waits to be received (poll says
 * POLLIN). Never blocks.
 */
bool notify_pending(int fd);

/*
 * Send RESP. Returns 0 or -ENOENT when the request is no longer valid (the
 * task was killed or the call interrupted: nothing to do), -errno else.
 */
int notify_send(int fd, const struct seccomp_notif_resp *resp);

/* 0 when notification ID is still pending, -ENOENT when it is gone. */
int notify_id_valid(int fd, uint64_t id);

/*
 * Install SRCFD in the target's fd table, then answer the notification with
 * the new fd number as the call's return value. CLOEXEC sets O_CLOEXEC on
 * the new fd. Returns the fd number in the target, or -errno (-ENOENT: the
 * request is gone; -EMFILE: the target's fd table is full).
 */
int notify_addfd_send(int fd, uint64_t id, int srcfd, bool cloexec);

/*
 * The same, at fd number NEWFD_AT in the target (SECCOMP_ADDFD_FLAG_SETFD)
 * when it is >= 0: an fd already there is replaced, as dup2(2) would, so
 * the caller must know that number free. -EBADF: NEWFD_AT is not below
 * the target's RLIMIT_NOFILE.
 */
int notify_addfd_send_at(int fd, uint64_t id, int srcfd, bool cloexec,
			 int newfd_at);

/* Ask for synchronous wake-ups (6.6+), or no more. Returns 0 or -errno. */
int notify_set_sync_wakeup(int fd, bool on);

#endif
