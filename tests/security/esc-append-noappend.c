/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Append-only: pwritev2(2) with RWF_NOAPPEND (Linux 6.9) writes at the
 * offset given on an O_APPEND fd. Under syd the flag is refused (EPERM)
 * in the kernel whenever an append rule exists.
 */
#include <sys/syscall.h>
#include <sys/uio.h>

#include "esc-append.h"

int main(int argc, char **argv)
{
	struct iovec iov = { .iov_base = "XXXXXX", .iov_len = 6 };
	struct esc e;
	ssize_t n;
	int fd;

	esc_init(&e, argc, argv);
	fd = open(e.public_, O_WRONLY | O_APPEND | O_CLOEXEC);
	if (fd < 0)
		esc_exit(&e, ESC_SETUP, "open O_APPEND: %s",
			 esc_errname(errno));
	n = (ssize_t)syscall(SYS_pwritev2, fd, &iov, 1, 0, 0, RWF_NOAPPEND);
	if (n < 0 && errno == EOPNOTSUPP)
		esc_exit(&e, ESC_UNSUPPORTED, "RWF_NOAPPEND: %s (before 6.9)",
			 esc_errname(errno));
	close(fd);
	esc_public_check(&e, "pwritev2(RWF_NOAPPEND) at 0");
	esc_exit(&e, ESC_BLOCKED, "pwritev2(RWF_NOAPPEND): %s",
		 n < 0 ? esc_errname(errno) : "appended");
}
