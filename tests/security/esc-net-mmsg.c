/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sendmmsg(2) with a datagram to an allowed address (127.0.0.1) first and
 * one to the denied 127.0.0.2 second: each message is decided, and the
 * count sent before the first refusal is the answer.
 */
#include "esc-net.h"

int main(int argc, char **argv)
{
	struct esc e;
	union esc_addr ok, no;
	unsigned pok, pno;
	int lok, lno, fd, n;
	struct iovec v = { "leak", 4 };
	struct mmsghdr m[2];

	esc_init(&e, argc, argv);
	lok = esc_listen_ip(&e, "127.0.0.1", SOCK_DGRAM, &pok);
	lno = esc_listen_ip(&e, "127.0.0.2", SOCK_DGRAM, &pno);
	esc_addr_ip(&e, &ok, "127.0.0.1", pok);
	esc_addr_ip(&e, &no, "127.0.0.2", pno);
	memset(m, 0, sizeof(m));
	m[0].msg_hdr = (struct msghdr){ .msg_name = &ok,
					.msg_namelen = esc_addr_len(&ok),
					.msg_iov = &v,
					.msg_iovlen = 1 };
	m[1].msg_hdr = m[0].msg_hdr;
	m[1].msg_hdr.msg_name = &no;
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	n = sendmmsg(fd, m, 2, 0);
	if (esc_reached(lno, 1000))
		esc_exit(&e, ESC_ESCAPED,
			 "the second datagram reached "
			 "127.0.0.2 (sendmmsg said %d)",
			 n);
	if (n != 1 || !esc_reached(lok, 1000))
		esc_exit(&e, ESC_SETUP, "sendmmsg said %d (%s), want 1", n,
			 n < 0 ? esc_errname(errno) : "-");
	esc_exit(&e, ESC_BLOCKED, "sendmmsg sent the allowed one only");
}
