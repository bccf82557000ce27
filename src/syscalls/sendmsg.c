/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sendto(2), sendmsg(2) and sendmmsg(2): each message's destination is
 * decided in net/connect (net.h) and each fd it passes with SCM_RIGHTS in
 * net/sendfd, and syd sends it on the caller's socket (borrowed with
 * pidfd_getfd(2)) from copies in its own memory: the address, the data,
 * the control messages, and our copies of the fds passed. The caller's
 * memory is read once; a thread of the caller rewriting any of it after
 * that changes nothing that is sent. Control messages that would move a
 * packet's first hop off the decided destination (IPv4 source routes,
 * IPv6 routing headers) are refused.
 */
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "kernel/caps.h"
#include "kernel/notify.h"
#include "syscalls/access.h"
#include "syscalls/common.h"
#include "syscalls/net.h"

/*
 * Bytes of one message copied and sent at most. A stream socket takes a
 * prefix (a short write, which a blocking send may make too); a longer
 * datagram fails with EMSGSIZE, as it would past the socket's buffer.
 */
#define SEND_MAX (4u << 20)
/* Control bytes at most: the kernel's optmem_max is 128 KiB at most. */
#define CTL_MAX	   (128u << 10)
#define SCM_MAX_FD 253
#ifndef UIO_MAXIOV
#define UIO_MAXIOV 1024
#endif

/* One message as syd sends it: our copies of everything. */
struct msg_copy {
	struct net_target dest;
	struct iovec iov;
	size_t mapped; /* bytes of iov mmap()ed (MSG_ZEROCOPY), else 0 */
	unsigned char *ctl;
	size_t ctllen;
	int fds[SCM_MAX_FD];
	int nfds;
};

static void msg_copy_fini(struct msg_copy *m)
{
	net_target_fini(&m->dest);
	if (m->mapped)
		munmap(m->iov.iov_base, m->mapped);
	else
		free(m->iov.iov_base);
	free(m->ctl);
	for (int i = 0; i < m->nfds; i++)
		close(m->fds[i]);
	memset(m, 0, sizeof(*m));
	m->dest.pin = -1;
}

/* The type of SOCK (ours), or -1. */
static int sock_type(int sock)
{
	int t = -1;
	socklen_t l = sizeof(t);

	return getsockopt(sock, SOL_SOCKET, SO_TYPE, &t, &l) == 0 ? t : -1;
}

/*
 * A buffer for TOTAL bytes: MSG_ZEROCOPY sends from the pages themselves
 * after the call returns, so they are mapped for it alone and unmapped
 * (the kernel keeps its reference) rather than returned to malloc.
 */
static int data_alloc(struct msg_copy *m, size_t total, int flags)
{
	void *p;

	if (!(flags & MSG_ZEROCOPY) || total == 0) {
		m->iov.iov_base = malloc(total ? total : 1);
		return m->iov.iov_base ? 0 : -ENOMEM;
	}
	p = mmap(NULL, total, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return -ENOMEM;
	m->iov.iov_base = p;
	m->mapped = total;
	return 0;
}

/*
 * Copy the caller's data named by the CNT iovecs V (read already) into one
 * buffer of ours, up to SEND_MAX bytes (more: a prefix on a stream socket,
 * EMSGSIZE else).
 */
static int copy_iovs(struct notif *n, int sock, const struct iovec *v,
		     size_t cnt, int flags, struct msg_copy *m)
{
	size_t total = 0, off = 0;
	int err = 0;

	for (size_t i = 0; i < cnt; i++) {
		if ((ssize_t)v[i].iov_len < 0)
			return -EINVAL;
		if (v[i].iov_len > SEND_MAX - total)
			total = SEND_MAX + 1;
		else
			total += v[i].iov_len;
	}
	if (total > SEND_MAX) {
		if (sock_type(sock) != SOCK_STREAM)
			return -EMSGSIZE;
		total = SEND_MAX;
	}
	err = data_alloc(m, total, flags);
	for (size_t i = 0; err == 0 && i < cnt && off < total; i++) {
		size_t len =
			v[i].iov_len < total - off ? v[i].iov_len : total - off;

		if (len)
			err = tracee_read(n->req->pid, (uint64_t)v[i].iov_base,
					  (char *)m->iov.iov_base + off, len);
		off += len;
	}
	m->iov.iov_len = off;
	return err;
}

/* copy_iovs() for the caller's CNT iovecs at IOV. */
static int copy_data(struct notif *n, int sock, uint64_t iov, size_t cnt,
		     int flags, struct msg_copy *m)
{
	struct iovec *v;
	int err = 0;

	if (cnt > UIO_MAXIOV)
		return -EMSGSIZE;
	v = calloc(cnt ? cnt : 1, sizeof(*v));
	if (!v)
		return -ENOMEM;
	if (cnt)
		err = tracee_read(n->req->pid, iov, v, cnt * sizeof(*v));
	if (err == 0)
		err = copy_iovs(n, sock, v, cnt, flags, m);
	free(v);
	return err;
}

/*
 * The destination at NAME (LEN bytes; none when NAME is 0 or LEN 0) read
 * and, once the caller is known to be still the one that asked, decided
 * into M. Returns 0 or the answer.
 */
static int read_dest(struct notif *n, const char *sys, int sock, uint64_t name,
		     uint64_t len, struct msg_copy *m)
{
	struct net_addr a = { .len = 0 };
	int err = 0;

	if (name && len)
		err = net_read_addr(n, name, len, &a);
	if (err == 0 && notify_id_valid(n->listener, n->req->id) < 0)
		err = -ESRCH;
	if (err == 0 && a.len)
		err = net_decide_dest(n, sys, sock, &a, &m->dest);
	return err;
}

/*
 * The fd the caller passes, THEIRS, taken and decided in net/sendfd: by
 * its path (a memfd as /memfd:NAME); without a path, pipes and sockets
 * pass, other kinds (event, signal, timer, pid fds...) need
 * trace/allow_unsafe_sendfd_misc; an O_PATH fd on a symlink needs
 * trace/allow_unsafe_sendfd_symlink, on a /proc magic link
 * trace/allow_unsafe_sendfd_magiclink. Our copy goes into *OURS.
 */
static int sendfd_check(struct notif *n, const char *sys, int theirs, int *ours)
{
	static const struct {
		enum trace_opt opt;
		const char *tip;
	} kinds[] = {
		{ TRACE_ALLOW_UNSAFE_SENDFD_SYMLINK,
		  "trace/allow_unsafe_sendfd_symlink:1" },
		{ TRACE_ALLOW_UNSAFE_SENDFD_MAGICLINK,
		  "trace/allow_unsafe_sendfd_magiclink:1" },
		{ TRACE_ALLOW_UNSAFE_SENDFD_MISC,
		  "trace/allow_unsafe_sendfd_misc:1" },
	};
	RESOLVED(r);
	int fd = tracee_getfd(n->req->pid, theirs), kind = -1, err;

	if (fd < 0)
		return fd;
	err = resolve_own_fd(fd, &r); /* takes FD over */
	if (err < 0)
		return err == -ESRCH ? err : -EACCES;
	if (S_ISLNK(r.st.st_mode))
		kind = strncmp(r.path, "/proc/", 6) ? 0 : 1;
	else if (r.path[0] != '/' && strncmp(r.path, "pipe:", 5) &&
		 strncmp(r.path, "socket:", 7))
		kind = 2;
	if (kind >= 0 && !n->sb->trace[kinds[kind].opt])
		return notif_act(n, sys, r.path, CAT_NET_SENDFD, ACTION_DENY,
				 -EACCES, kinds[kind].tip);
	if (r.path[0] == '/' && sandbox_enabled(n->sb, CAT_NET_SENDFD)) {
		err = notif_check(n, sys, r.path, CAT_BIT(CAT_NET_SENDFD));
		if (err < 0)
			return err;
	}
	*ours = r.fd;
	r.fd = -1;
	return 0;
}

/*
 * Read the caller's control messages (LEN bytes at CTL) into M, walking
 * them as the kernel's __scm_send() does, and decide them: each fd of
 * SCM_RIGHTS (replaced by our copy), no SCM_CREDENTIALS (syd cannot send
 * the caller's), no source route or routing header.
 */
static int copy_control(struct notif *n, const char *sys, uint64_t ctl,
			size_t len, struct msg_copy *m)
{
	struct cmsghdr *c;
	int err;

	if (len == 0)
		return 0;
	if (len > CTL_MAX)
		return -ENOBUFS;
	m->ctl = malloc(len);
	if (!m->ctl)
		return -ENOMEM;
	m->ctllen = len;
	err = tracee_read(n->req->pid, ctl, m->ctl, len);
	for (size_t off = 0; err == 0 && off + sizeof(*c) <= len;
	     off += CMSG_ALIGN(c->cmsg_len)) {
		size_t dlen;
		int *fds;

		c = (struct cmsghdr *)(m->ctl + off);
		if (c->cmsg_len < sizeof(*c) || c->cmsg_len > len - off)
			return -EINVAL;
		dlen = c->cmsg_len - CMSG_LEN(0);
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
			size_t k = dlen / sizeof(int);

			if (k + (size_t)m->nfds > SCM_MAX_FD)
				return -EINVAL;
			fds = (int *)CMSG_DATA(c);
			for (size_t i = 0; err == 0 && i < k; i++) {
				err = sendfd_check(n, sys, fds[i],
						   &m->fds[m->nfds]);
				if (err == 0)
					fds[i] = m->fds[m->nfds++];
			}
		} else if (c->cmsg_level == SOL_SOCKET &&
			   c->cmsg_type == SCM_CREDENTIALS) {
			/*
			 * The kernel checks the ids claimed against the
			 * sender's, syd's: sent by syd they would name what
			 * syd may claim, not what the caller may.
			 */
			return notif_act_addr(n, sys, "SCM_CREDENTIALS",
					      CAT_NET_CONNECT, ACTION_DENY,
					      -EPERM, "");
		} else if ((c->cmsg_level == SOL_IP &&
			    c->cmsg_type == IP_RETOPTS &&
			    net_source_route(CMSG_DATA(c), dlen)) ||
			   (c->cmsg_level == SOL_IPV6 &&
			    (c->cmsg_type == IPV6_RTHDR ||
			     c->cmsg_type == IPV6_2292RTHDR))) {
			/* The first hop would be the route's, not checked. */
			return notif_act_addr(n, sys, "source route",
					      CAT_NET_CONNECT, ACTION_DENY,
					      -EACCES, "");
		}
	}
	return err;
}

/* Send SIGPIPE to the caller, as its own send would have raised it. */
static void raise_sigpipe(struct notif *n)
{
	pid_t tgid = proc_tgid(n->req->pid);

	if (tgid <= 0)
		return;
	priv_raise();
	syscall(SYS_tgkill, tgid, n->req->pid, SIGPIPE);
	priv_lower();
}

/*
 * Send M on SOCK with the caller's FLAGS. A blocking socket is tried
 * without waiting first, so the common send that need not wait costs no
 * wait bookkeeping; then (the rest of a stream's data, or the whole
 * message) with the receiver role handed on and the caller's signals
 * ending the wait (net.h). SIGPIPE is the caller's, never syd's.
 */
static long send_copy(struct notif *n, int sock, struct msg_copy *m, int flags)
{
	int theirs = flags;
	struct msghdr h = { 0 };
	bool wait = !(flags & MSG_DONTWAIT) && net_blocking(sock);
	size_t done = 0;
	long ret;

	if (m->dest.a.len) {
		h.msg_name = &m->dest.a.u;
		h.msg_namelen = m->dest.a.len;
	}
	h.msg_iov = &m->iov;
	h.msg_iovlen = 1;
	h.msg_control = m->ctllen ? m->ctl : NULL;
	h.msg_controllen = m->ctllen;
	flags |= MSG_NOSIGNAL;
	/* A fast open connects: no second try of it. */
	ret = sendmsg(sock, &h,
		      wait && !(flags & MSG_FASTOPEN) ? flags | MSG_DONTWAIT
						      : flags);
	ret = ret < 0 ? -errno : ret;
	if (wait && !(flags & MSG_FASTOPEN) &&
	    (ret == -EAGAIN || (ret >= 0 && (size_t)ret < m->iov.iov_len &&
				sock_type(sock) == SOCK_STREAM))) {
		struct iovec rest = m->iov;

		done = ret > 0 ? (size_t)ret : 0;
		if (done) {
			/* The control went with the first bytes. */
			rest.iov_base = (char *)rest.iov_base + done;
			rest.iov_len -= done;
			h.msg_control = NULL;
			h.msg_controllen = 0;
		}
		h.msg_iov = &rest;
		notif_may_block(n);
		ret = sendmsg(sock, &h, flags);
		ret = net_unblocked(n, sock, ret < 0 ? -errno : ret);
		/* Some was sent: that is the answer, as the kernel's. */
		if (done)
			ret = ret >= 0 ? ret + (long)done : (long)done;
	}
	if (ret == -EPIPE && !(theirs & MSG_NOSIGNAL))
		raise_sigpipe(n);
	return ret;
}

/*
 * Everything of one struct msghdr of the caller, HDR, copied into M and
 * decided. Returns 0 or the answer.
 */
static int copy_msg(struct notif *n, const char *sys, int sock,
		    const struct msghdr *hdr, int flags, struct msg_copy *m)
{
	uint64_t namelen = hdr->msg_name ? (uint32_t)hdr->msg_namelen : 0;
	int err;

	if ((int)namelen < 0)
		return -EINVAL;
	/* The kernel cuts a longer name to a sockaddr_storage. */
	if (namelen > sizeof(struct sockaddr_storage))
		namelen = sizeof(struct sockaddr_storage);
	err = copy_data(n, sock, (uint64_t)hdr->msg_iov, hdr->msg_iovlen, flags,
			m);
	if (err == 0)
		err = copy_control(n, sys, (uint64_t)hdr->msg_control,
				   hdr->msg_controllen, m);
	if (err == 0)
		err = read_dest(n, sys, sock, (uint64_t)hdr->msg_name, namelen,
				m);
	return err;
}

long hook_sendto(struct notif *n)
{
	struct msg_copy m = { .dest.pin = -1 };
	struct iovec v = { (void *)notif_arg(n, 1), (size_t)notif_arg(n, 2) };
	uint64_t name = notif_arg(n, 4), len = (uint32_t)notif_arg(n, 5);
	int flags = (int)notif_arg(n, 3);
	int sock AUTO_FD = tracee_getfd(n->req->pid, notif_fd_arg(n, 0));
	long ret;
	int err = sock < 0 ? sock : 0;

	/* move_addr_to_kernel(): no address read when the pointer is NULL. */
	if (err == 0 && name && len > sizeof(struct sockaddr_storage))
		err = -EINVAL;
	/* The kernel clamps the length to what one call moves at most. */
	if ((ssize_t)v.iov_len < 0)
		v.iov_len = SSIZE_MAX;
	if (err == 0)
		err = copy_iovs(n, sock, &v, 1, flags, &m);
	if (err == 0)
		err = read_dest(n, "sendto", sock, name, len, &m);
	ret = err < 0 ? err : send_copy(n, sock, &m, flags);
	msg_copy_fini(&m);
	return ret;
}

long hook_sendmsg(struct notif *n)
{
	struct msg_copy m = { .dest.pin = -1 };
	struct msghdr hdr;
	int flags = (int)notif_arg(n, 2);
	int sock AUTO_FD = tracee_getfd(n->req->pid, notif_fd_arg(n, 0));
	long ret;
	int err = sock < 0 ? sock : 0;

	if (err == 0)
		err = tracee_read(n->req->pid, notif_arg(n, 1), &hdr,
				  sizeof(hdr));
	if (err == 0)
		err = copy_msg(n, "sendmsg", sock, &hdr, flags, &m);
	ret = err < 0 ? err : send_copy(n, sock, &m, flags);
	msg_copy_fini(&m);
	return ret;
}

/*
 * sendmmsg(2): the messages one by one, each decided and sent before the
 * next is read; the count sent before the first failure is the answer
 * (the failure's own when none was sent), as the kernel's. Each sent
 * message's length is written back to its msg_len.
 */
long hook_sendmmsg(struct notif *n)
{
	uint64_t vec = notif_arg(n, 1);
	unsigned vlen = (unsigned)notif_arg(n, 2);
	int flags = (int)notif_arg(n, 3);
	int sock AUTO_FD = tracee_getfd(n->req->pid, notif_fd_arg(n, 0));
	unsigned sent = 0;
	long ret = 0;

	if (sock < 0)
		return sock;
	if (vlen > UIO_MAXIOV)
		vlen = UIO_MAXIOV;
	for (; sent < vlen; sent++) {
		uint64_t at = vec + (uint64_t)sent * sizeof(struct mmsghdr);
		struct msg_copy m = { .dest.pin = -1 };
		struct msghdr hdr;
		unsigned len;
		int err;

		err = tracee_read(n->req->pid, at, &hdr, sizeof(hdr));
		if (err == 0)
			err = copy_msg(n, "sendmmsg", sock, &hdr, flags, &m);
		ret = err < 0 ? err : send_copy(n, sock, &m, flags);
		msg_copy_fini(&m);
		if (ret < 0)
			break;
		len = (unsigned)ret;
		if (tracee_write(n->req->pid,
				 at + offsetof(struct mmsghdr, msg_len), &len,
				 sizeof(len)) < 0) {
			ret = -EFAULT;
			break;
		}
	}
	return sent > 0 ? (long)sent : ret;
}
