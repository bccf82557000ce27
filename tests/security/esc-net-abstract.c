/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * An abstract UNIX socket whose name is denied (@syd-esc-denied-PID).
 */
#include "esc-net.h"

int main(int argc, char **argv)
{
	struct esc e;
	union esc_addr a;
	char name[64];
	socklen_t len;
	int lfd, fd, rc;

	esc_init(&e, argc, argv);
	snprintf(name, sizeof(name), "@syd-esc-denied-%d", (int)getpid());
	lfd = esc_listen_unix(&e, name);
	len = esc_addr_unix(&e, &a, name);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	rc = connect(fd, &a.sa, len);
	esc_connect_result(&e, rc, errno, lfd, name);
}
