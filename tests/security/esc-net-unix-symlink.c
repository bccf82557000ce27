/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A symlink in the allowed DIR/work pointing at the denied UNIX socket
 * DIR/work/denied.sock: the socket is decided by what the path resolves
 * to, not by the name written.
 */
#include "esc-net.h"

int main(int argc, char **argv)
{
	struct esc e;
	union esc_addr a;
	char sock[PATH_MAX], link[PATH_MAX];
	socklen_t len;
	int lfd, fd, rc;

	esc_init(&e, argc, argv);
	esc_path(&e, sock, e.work, "/denied.sock");
	esc_path(&e, link, e.work, "/link.sock");
	lfd = esc_listen_unix(&e, sock);
	unlink(link);
	if (symlink(sock, link) < 0)
		esc_exit(&e, ESC_SETUP, "symlink: %s", esc_errname(errno));
	len = esc_addr_unix(&e, &a, link);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	rc = connect(fd, &a.sa, len);
	esc_connect_result(&e, rc, errno, lfd, "denied.sock via link.sock");
}
