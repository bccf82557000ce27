/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A UDP datagram to the denied 127.0.0.2 with sendmsg(2), carrying a
 * control message (IP_TOS): the destination must be decided whatever
 * else the message holds.
 */
#include "esc-net.h"

int main(int argc, char **argv)
{
	struct esc e;
	union esc_addr a;
	unsigned port;
	int lfd, fd, tos = 0x10;
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	struct iovec v = { "leak", 4 };
	struct msghdr m = { .msg_name = &a,
			    .msg_iov = &v,
			    .msg_iovlen = 1,
			    .msg_control = u.buf,
			    .msg_controllen = sizeof(u.buf) };
	struct cmsghdr *c;
	ssize_t n;

	esc_init(&e, argc, argv);
	lfd = esc_listen_ip(&e, "127.0.0.2", SOCK_DGRAM, &port);
	esc_addr_ip(&e, &a, "127.0.0.2", port);
	m.msg_namelen = esc_addr_len(&a);
	memset(&u, 0, sizeof(u));
	c = CMSG_FIRSTHDR(&m);
	c->cmsg_level = IPPROTO_IP;
	c->cmsg_type = IP_TOS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &tos, sizeof(int));
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	n = sendmsg(fd, &m, 0);
	if (n == 4 && esc_reached(lfd, 1000))
		esc_exit(&e, ESC_ESCAPED, "datagram reached 127.0.0.2");
	esc_exit(&e, ESC_BLOCKED, "sendmsg: %s",
		 n < 0 ? esc_errname(errno) : "nothing arrived");
}
