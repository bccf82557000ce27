/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A TCP connect to a denied address (127.0.0.2), straight.
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
	esc_addr_ip(&e, &a, "127.0.0.2", port);
	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	rc = connect(fd, &a.sa, esc_addr_len(&a));
	esc_connect_result(&e, rc, errno, lfd, "127.0.0.2");
}
