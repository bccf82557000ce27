/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Append-only: replace or remove the file by its name: unlink(2) it,
 * rename(2) another file over it, rename it away (to truncate it under a
 * name no rule protects), or hard link it to such a name and truncate
 * the link. Under syd a delete, a rename of or over it, and a link of it
 * are refused (EPERM).
 */
#include "esc-append.h"

int main(int argc, char **argv)
{
	char other[PATH_MAX], moved[PATH_MAX], hl[PATH_MAX];
	struct esc e;
	int err[4], fd;

	esc_init(&e, argc, argv);
	esc_path(&e, other, e.work, "/other");
	esc_path(&e, moved, e.work, "/moved");
	esc_path(&e, hl, e.work, "/hl");

	fd = open(other, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 || write(fd, "XXXXXX", 6) != 6)
		esc_exit(&e, ESC_SETUP, "make %s: %s", other,
			 esc_errname(errno));
	close(fd);
	err[0] = rename(other, e.public_) < 0 ? errno : 0;
	esc_public_check(&e, "rename over it");
	err[1] = link(e.public_, hl) < 0 ? errno : 0;
	if (err[1] == 0) {
		fd = open(hl, O_WRONLY | O_TRUNC | O_CLOEXEC);
		if (fd >= 0)
			close(fd);
	}
	esc_public_check(&e, "hard link, O_TRUNC through it");
	err[2] = rename(e.public_, moved) < 0 ? errno : 0;
	if (err[2] == 0 && truncate(moved, 0) == 0)
		esc_exit(&e, ESC_ESCAPED, "renamed away and truncated");
	esc_public_check(&e, "rename away");
	err[3] = unlink(e.public_) < 0 ? errno : 0;
	esc_public_check(&e, "unlink");
	esc_exit(&e, ESC_BLOCKED,
		 "rename over: %s, link: %s, rename away: %s, unlink: %s",
		 esc_errname(err[0]), esc_errname(err[1]), esc_errname(err[2]),
		 esc_errname(err[3]));
}
