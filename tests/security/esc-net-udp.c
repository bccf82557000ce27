/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A UDP datagram to the denied 127.0.0.2 with sendto(2), no connect.
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
	lfd = esc_listen_ip(&e, "127.0.0.2", SOCK_DGRAM, &port);
	esc_addr_ip(&e, &a, "127.0.0.2", port);
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	n = sendto(fd, "leak", 4, 0, &a.sa, esc_addr_len(&a));
	if (n == 4 && esc_reached(lfd, 1000))
		esc_exit(&e, ESC_ESCAPED, "datagram reached 127.0.0.2");
	esc_exit(&e, ESC_BLOCKED, "sendto: %s",
		 n < 0 ? esc_errname(errno) : "nothing arrived");
}
