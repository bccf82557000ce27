/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The denied 127.0.0.2 reached from an IPv6 socket as ::ffff:127.0.0.2,
 * the IPv4-mapped spelling of the same peer.
 */
#include "esc-net.h"

int main(int argc, char **argv)
{
	struct esc e;
	union esc_addr a;
	unsigned port;
	int lfd, fd, rc;

	esc_init(&e, argc, argv);
	lfd = esc_listen_ip(&e, "127.0.0.2", SOCK_STREAM, &port);
	esc_addr_ip(&e, &a, "::ffff:127.0.0.2", port);
	fd = socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		esc_exit(&e, ESC_UNSUPPORTED, "no IPv6: %s",
			 esc_errname(errno));
	rc = connect(fd, &a.sa, esc_addr_len(&a));
	esc_connect_result(&e, rc, errno, lfd, "::ffff:127.0.0.2");
}
