/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * inotify(7). inotify_add_watch is decided on the watched path and added
 * on the resolved inode. When a rule may hide a name, read(2) of an
 * instance would name hidden entries in its events, and read is never
 * seen by syd: inotify_init and inotify_init1 are then emulated. syd makes
 * the instance (as the caller, whose user it counts against) and gives
 * the caller one end of a socketpair that the relay (supervise/relay.c)
 * writes each visible event to; inotify_add_watch and inotify_rm_watch on
 * that end act on the real instance. Nothing here grants an access.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/limits.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "log.h"
#include "resolve/resolve.h"
#include "supervise/relay.h"
#include "syscalls/access.h"
#include "syscalls/common.h"
#include "syscalls/creds.h"

#ifndef SO_COOKIE
#define SO_COOKIE 57
#endif

/*
 * The real instance, in this thread's table, for the caller's fd FD,
 * the caller's end taken with pidfd_getfd(2), the real one sent back by
 * the relay (*COOKIE: the relay's instance it stands for,
 * 0 for none). With the relay on, only its instances: the caller's end is
 * looked up by its socket's cookie, which the kernel never gives twice,
 * and any other fd is refused, a real instance too (one inherited from
 * outside: its events would name what the sandbox hides). Returns the fd,
 * -EBADF, -EINVAL (not an instance), -EACCES, -ESRCH.
 */
static int instance_of(struct notif *n, int fd, uint64_t *cookie)
{
	int ours = tracee_getfd(n->req->pid, fd);
	socklen_t len = sizeof(*cookie);
	char link[64], what[32];
	ssize_t k;

	*cookie = 0;
	if (ours < 0 || !relay_enabled())
		return ours;
	if (getsockopt(ours, SOL_SOCKET, SO_COOKIE, cookie, &len) == 0) {
		close(ours);
		return relay_instance(*cookie);
	}
	snprintf(link, sizeof(link), "/proc/thread-self/fd/%d", ours);
	k = readlink(link, what, sizeof(what) - 1);
	close(ours);
	if (k == (ssize_t)strlen("anon_inode:inotify") &&
	    !memcmp(what, "anon_inode:inotify", (size_t)k)) {
		log_msg(LOG_WARN,
			"inotify_add_watch: pid %d: an instance syd did not "
			"make would name hidden entries: refused",
			(int)n->req->pid);
		return -EACCES;
	}
	return -EINVAL; /* the kernel's answer for any other fd */
}

/*
 * inotify_add_watch(2): the watch is added to the caller's own inotify
 * instance (or the relay's it stands for) on the resolved inode.
 */
long hook_inotify_add_watch(struct notif *n)
{
	uint32_t mask = (uint32_t)notif_arg(n, 2);
	char path[PATH_MAX];
	RESOLVED(r);
	struct fdpath link;
	uint64_t cookie;
	int ifd, err, wd = -1;

	err = notif_path(n, 1, path);
	if (err == 0)
		err = resolve_path(n->req->pid, AT_FDCWD, path,
				   (mask & IN_DONT_FOLLOW) ? 0 : RES_FOLLOW,
				   &r);
	if (err == 0)
		err = notif_check(n, "inotify_add_watch", r.path,
				  CAT_BIT(CAT_NOTIFY));
	if (err < 0)
		return err;
	ifd = instance_of(n, notif_fd_arg(n, 0), &cookie);
	if (ifd < 0)
		return ifd;
	err = notif_creds_enter(n, CREDS_FS);
	if (err == 0) {
		wd = inotify_add_watch(ifd, fdpath(&link, r.fd),
				       mask & ~(uint32_t)IN_DONT_FOLLOW);
		err = wd < 0 ? -errno : 0;
		notif_creds_leave(n);
	}
	/* Before the caller learns WD: the relay decides its events. */
	if (err == 0 && cookie)
		err = relay_watch(cookie, ifd, wd, r.fd);
	close(ifd);
	return err < 0 ? err : wd;
}

/* inotify_rm_watch(2), on the instance instance_of() finds. */
long hook_inotify_rm_watch(struct notif *n)
{
	uint64_t cookie;
	int ifd, ret;

	ifd = instance_of(n, notif_fd_arg(n, 0), &cookie);
	if (ifd < 0)
		return ifd;
	/* Its IN_IGNORED tells the relay the watch is gone. */
	ret = inotify_rm_watch(ifd, (int)notif_arg(n, 1)) < 0 ? -errno : 0;
	close(ifd);
	return ret;
}

/*
 * A new real instance, counted against the caller's user as the kernel
 * counts one (fs.inotify.max_user_instances, by effective uid): a root
 * syd takes the caller's uid (its fsuid, which follows its euid) for the
 * call. Returns the fd or -errno.
 */
static int new_instance(struct notif *n)
{
	uid_t me = geteuid(), uid;
	int fd, e, err;

	if (n->cp->privileged && atomic_load(&n->cp->changed)) {
		err = notif_creds_take(n, CREDS_FS);
		if (err < 0)
			return err;
		uid = n->caller_creds.fsuid;
		notif_creds_done(n); /* back to syd's, for setresuid */
		if (uid != me) {
			/* The raw call: this thread alone. */
			if (syscall(SYS_setresuid, -1, uid, -1) < 0)
				return -EACCES;
			fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
			e = errno;
			/*
			 * Back to syd's euid, which restores its capabilities;
			 * going on as another user would deny the sandbox
			 * more, never less, but is no state to be in.
			 */
			if (syscall(SYS_setresuid, -1, me, -1) < 0)
				n->host->abort(n, errno);
			return fd < 0 ? -e : fd;
		}
	}
	fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

/*
 * inotify_init1(2) made by syd: the caller gets its end of the socketpair
 * with O_NONBLOCK and O_CLOEXEC as IN_NONBLOCK and IN_CLOEXEC ask; syd's
 * end, shut for reading (the caller's writes fail with EPIPE, not
 * EBADF), and the instance go to the relay.
 */
static long init(struct notif *n, unsigned flags)
{
	socklen_t len = sizeof(uint64_t);
	uint64_t cookie;
	int ifd, sp[2], err;

	if (flags & ~(unsigned)(IN_NONBLOCK | IN_CLOEXEC))
		return -EINVAL;
	ifd = new_instance(n);
	if (ifd < 0)
		return ifd;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sp) < 0) {
		err = -errno;
		close(ifd);
		return err;
	}
	err = 0;
	if (shutdown(sp[0], SHUT_RD) < 0 ||
	    fcntl(sp[0], F_SETFL, O_NONBLOCK) < 0 ||
	    ((flags & IN_NONBLOCK) && fcntl(sp[1], F_SETFL, O_NONBLOCK) < 0) ||
	    getsockopt(sp[1], SOL_SOCKET, SO_COOKIE, &cookie, &len) < 0)
		err = -errno;
	if (err == 0)
		err = relay_add(cookie, ifd, sp[0]);
	close(ifd);
	close(sp[0]);
	/*
	 * Should the hand-over fail, closing our copy of the caller's end
	 * is its last: the relay ends the instance.
	 */
	if (err == 0)
		err = notif_install_fd(n, sp[1], flags & IN_CLOEXEC);
	close(sp[1]);
	if (err == -ENOSYS)
		log_msg(LOG_WARN, "inotify_init: no relay: refused");
	/* Answered, or the caller is gone and nothing is owed. */
	return err >= 0 || err == -ENOENT ? HOOK_SENT : err;
}

long hook_inotify_init(struct notif *n)
{
	return init(n, 0);
}

long hook_inotify_init1(struct notif *n)
{
	return init(n, (unsigned)notif_arg(n, 0));
}
