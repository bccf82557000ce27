/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Append-only: cut the file by its name. open(2) with O_TRUNC (for
 * writing, and with O_RDONLY, which truncates too), creat(2), and
 * truncate(2). Under syd each is refused (EPERM): only O_APPEND writes
 * reach an append-only file.
 */
#include "esc-append.h"

int main(int argc, char **argv)
{
	static const int flags[] = { O_WRONLY | O_TRUNC, O_RDWR | O_TRUNC,
				     O_RDONLY | O_TRUNC,
				     O_WRONLY | O_APPEND | O_TRUNC };
	struct esc e;
	int err[6], fd;

	esc_init(&e, argc, argv);
	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		fd = open(e.public_, flags[i] | O_CLOEXEC);
		err[i] = errno;
		if (fd >= 0)
			close(fd);
		esc_public_check(&e, "open(O_TRUNC)");
	}
	fd = creat(e.public_, 0644);
	err[4] = errno;
	if (fd >= 0)
		close(fd);
	esc_public_check(&e, "creat");
	errno = 0;
	if (truncate(e.public_, 1) < 0)
		err[5] = errno;
	else
		err[5] = 0;
	esc_public_check(&e, "truncate");
	esc_exit(&e, ESC_BLOCKED,
		 "O_WRONLY|O_TRUNC: %s, O_RDWR|O_TRUNC: %s, O_RDONLY|O_TRUNC: "
		 "%s, O_APPEND|O_TRUNC: %s, creat: %s, truncate: %s",
		 esc_errname(err[0]), esc_errname(err[1]), esc_errname(err[2]),
		 esc_errname(err[3]), esc_errname(err[4]), esc_errname(err[5]));
}
