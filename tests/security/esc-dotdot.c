/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Attack 1: reach DIR/secret through "..", from an allowed directory. A
 * sandbox that matched rules against the string the caller passed, instead
 * of the canonical path, would see ".../work/../secret" fall under the
 * allowed work directory. Tried as an absolute path, relative to the cwd
 * and relative to a directory fd, with extra "." and "//" for good measure.
 */
#include "esc.h"

int main(int argc, char **argv)
{
	struct esc e;
	char p1[PATH_MAX], p2[PATH_MAX];
	int dfd, err = 0;

	esc_init(&e, argc, argv);
	esc_path(&e, p1, e.work, "/../secret");
	esc_path(&e, p2, e.work, "/./..//work/.././secret");
	if (esc_check_close(open(p1, O_RDONLY | O_CLOEXEC)))
		esc_exit(&e, ESC_ESCAPED, "read TOPSECRET via %s", p1);
	err = errno;
	if (esc_check_close(open(p2, O_RDONLY | O_CLOEXEC)))
		esc_exit(&e, ESC_ESCAPED, "read TOPSECRET via %s", p2);
	if (chdir(e.work) < 0)
		esc_exit(&e, ESC_SETUP, "chdir %s: %s", e.work,
			 strerror(errno));
	if (esc_check_close(open("../secret", O_RDONLY | O_CLOEXEC)))
		esc_exit(&e, ESC_ESCAPED, "read TOPSECRET via cwd ../secret");
	dfd = open(e.work, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		esc_exit(&e, ESC_SETUP, "open %s: %s", e.work, strerror(errno));
	if (esc_check_close(openat(dfd, "../secret", O_RDONLY | O_CLOEXEC)))
		esc_exit(&e, ESC_ESCAPED,
			 "read TOPSECRET via openat(work, ../secret)");
	esc_exit(&e, ESC_BLOCKED, "every .. path failed (first: %s)",
		 esc_errname(err));
}
