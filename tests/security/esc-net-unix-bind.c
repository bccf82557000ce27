/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bind(2) of a UNIX socket outside the tree the sandbox may write: DIR.sock,
 * next to DIR (in a directory the user may write, so it works natively).
 */
#include "esc-net.h"

int main(int argc, char **argv)
{
	struct esc e;
	union esc_addr a;
	char path[PATH_MAX];
	struct stat st;
	socklen_t len;
	int fd, rc, err;

	esc_init(&e, argc, argv);
	esc_path(&e, path, e.dir, ".sock");
	unlink(path);
	len = esc_addr_unix(&e, &a, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	rc = bind(fd, &a.sa, len);
	err = errno;
	/* Made, though a sandbox may not see it: bind said so. */
	if (rc == 0 || lstat(path, &st) == 0) {
		unlink(path);
		esc_exit(&e, ESC_ESCAPED, "made the socket %s", path);
	}
	esc_exit(&e, ESC_BLOCKED, "bind %s: %s", path,
		 rc < 0 ? esc_errname(err) : "no file");
}
