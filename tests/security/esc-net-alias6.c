/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The denied ::1 reached as ::, the unspecified address, which the kernel
 * connects to the local host: an alias no rule for ::1 names.
 */
#include "esc-net.h"

int main(int argc, char **argv)
{
	struct esc e;
	union esc_addr a;
	unsigned port;
	int lfd, fd, rc;

	esc_init(&e, argc, argv);
	lfd = esc_listen_ip(&e, "::1", SOCK_STREAM, &port);
	esc_addr_ip(&e, &a, "::", port);
	fd = socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
	rc = connect(fd, &a.sa, esc_addr_len(&a));
	esc_connect_result(&e, rc, errno, lfd, "::1 as ::");
}
