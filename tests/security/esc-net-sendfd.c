/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Passing an fd of DIR/public, which may not be passed (net/sendfd), over
 * a socket pair with SCM_RIGHTS: ESCAPED when the other end reads it.
 */
#include "esc-net.h"

int main(int argc, char **argv)
{
	struct esc e;
	int sp[2], fd;
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	struct iovec v = { "f", 1 };
	struct msghdr m = { .msg_iov = &v,
			    .msg_iovlen = 1,
			    .msg_control = u.buf,
			    .msg_controllen = sizeof(u.buf) };
	struct cmsghdr *c;
	char got[16] = "";
	ssize_t n;

	esc_init(&e, argc, argv);
	fd = open(e.public_, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, sp))
		esc_exit(&e, ESC_SETUP, "open/socketpair: %s",
			 esc_errname(errno));
	memset(&u, 0, sizeof(u));
	c = CMSG_FIRSTHDR(&m);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(int));
	if (sendmsg(sp[0], &m, 0) < 0)
		esc_exit(&e, ESC_BLOCKED, "sendmsg: %s", esc_errname(errno));
	v.iov_base = got;
	m.msg_controllen = sizeof(u.buf);
	n = recvmsg(sp[1], &m, MSG_DONTWAIT);
	c = n > 0 ? CMSG_FIRSTHDR(&m) : NULL;
	if (c && c->cmsg_type == SCM_RIGHTS) {
		memcpy(&fd, CMSG_DATA(c), sizeof(int));
		n = pread(fd, got, sizeof(got) - 1, 0);
		got[n > 0 ? n : 0] = '\0';
		if (!strncmp(got, "public", 6))
			esc_exit(&e, ESC_ESCAPED,
				 "the fd of public was passed");
	}
	esc_exit(&e, ESC_BLOCKED, "no fd arrived");
}
