/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Append-only: change the file through an fd opened for appending, with
 * calls whose object is the fd, not a name: ftruncate(2), and fallocate(2)
 * punching a hole, zeroing a range or collapsing one. The kernel refuses
 * these only for an inode flagged +a, never for an O_APPEND fd: under syd
 * each is decided as a truncation of DIR/public, and refused (EPERM).
 */
#include <linux/falloc.h>

#include "esc-append.h"

int main(int argc, char **argv)
{
	static const struct {
		const char *how;
		int mode;
	} modes[] = {
		{ "fallocate(PUNCH_HOLE)",
		  FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE },
		{ "fallocate(ZERO_RANGE)", FALLOC_FL_ZERO_RANGE },
		{ "fallocate(COLLAPSE_RANGE)", FALLOC_FL_COLLAPSE_RANGE },
	};
	struct esc e;
	int fd, err[4];

	esc_init(&e, argc, argv);
	fd = open(e.public_, O_WRONLY | O_APPEND | O_CLOEXEC);
	if (fd < 0)
		esc_exit(&e, ESC_SETUP, "open O_APPEND: %s",
			 esc_errname(errno));
	err[0] = ftruncate(fd, 1) < 0 ? errno : 0;
	esc_public_check(&e, "ftruncate");
	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		err[i + 1] = fallocate(fd, modes[i].mode, 0, 4) < 0 ? errno : 0;
		esc_public_check(&e, modes[i].how);
	}
	close(fd);
	esc_exit(&e, ESC_BLOCKED,
		 "ftruncate: %s, PUNCH_HOLE: %s, ZERO_RANGE: %s, "
		 "COLLAPSE_RANGE: %s",
		 esc_errname(err[0]), esc_errname(err[1]), esc_errname(err[2]),
		 esc_errname(err[3]));
}
