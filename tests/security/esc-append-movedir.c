/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Append-only and masks protect names: rename a directory above a
 * protected file, and the file has a name no rule matches. The "append"
 * and "mask" policies of esc-lib.sh also cover DIR/work/allowed
 * ("allowed\n"): rename DIR/work, then cut DIR/moved/allowed (append) or
 * read it (mask). Under syd a rename of a directory a rule's pattern may
 * match below is refused: EPERM for append, EACCES for mask.
 */
#include "esc.h"

int main(int argc, char **argv)
{
	char moved[PATH_MAX], file[PATH_MAX], buf[16] = { 0 };
	struct esc e;
	int fd;

	esc_init(&e, argc, argv);
	esc_path(&e, moved, e.dir, "/moved");
	esc_path(&e, file, moved, "/allowed");
	if (rename(e.work, moved) < 0)
		esc_exit(&e, ESC_BLOCKED, "rename DIR/work: %s",
			 esc_errname(errno));
	fd = open(file, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		esc_exit(&e, ESC_SETUP, "open %s: %s", file,
			 esc_errname(errno));
	if (read(fd, buf, sizeof(buf) - 1) == 8 && !strcmp(buf, "allowed\n"))
		esc_exit(&e, ESC_ESCAPED, "read the masked file once moved");
	if (ftruncate(fd, 0) == 0)
		esc_exit(&e, ESC_ESCAPED,
			 "cut the append-only file once moved");
	esc_exit(&e, ESC_BLOCKED, "moved, but neither read nor cut: %s",
		 esc_errname(errno));
}
