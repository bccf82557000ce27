/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * TCP fast open: sendto(2) with MSG_FASTOPEN connects to its address
 * (the denied 127.0.0.2) and sends in one call.
 */
#include "esc-net.h"

int main(int argc, char **argv)
{
	struct esc e;
	union esc_addr a;
	unsigned port;
	int lfd, fd;
	ssize_t n;

	esc_init(&e, argc, argv);
	lfd = esc_listen_ip(&e, "127.0.0.2", SOCK_STREAM, &port);
	esc_addr_ip(&e, &a, "127.0.0.2", port);
	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	n = sendto(fd, "leak", 4, MSG_FASTOPEN, &a.sa, esc_addr_len(&a));
	if (n < 0 && errno == EOPNOTSUPP)
		esc_exit(&e, ESC_UNSUPPORTED, "TCP fast open is off here");
	if (n == 4 && esc_reached(lfd, 1000))
		esc_exit(&e, ESC_ESCAPED, "fast open reached 127.0.0.2");
	esc_exit(&e, ESC_BLOCKED, "sendto MSG_FASTOPEN: %s",
		 n < 0 ? esc_errname(errno) : "nothing arrived");
}
