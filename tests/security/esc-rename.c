/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Attack 11: move the secret under an allowed name. rename(2) moves the
 * inode, so its rules stay behind with the old name; the policy denies
 * every category on the secret, rename included. Tried with rename(2) to
 * a new name and renameat2(RENAME_EXCHANGE) with the allowed file, then
 * both allowed names are read.
 */
#include <sys/syscall.h>

#include "esc.h"

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

int main(int argc, char **argv)
{
	char moved[PATH_MAX];
	struct esc e;
	int err1, err2 = 0;

	esc_init(&e, argc, argv);
	esc_path(&e, moved, e.work, "/moved");
	if (rename(e.secret, moved) == 0 &&
	    esc_check_close(open(moved, O_RDONLY | O_CLOEXEC)))
		esc_exit(&e, ESC_ESCAPED, "rename moved the secret to %s",
			 moved);
	err1 = errno;
	if (syscall(SYS_renameat2, AT_FDCWD, e.secret, AT_FDCWD, e.allowed,
		    RENAME_EXCHANGE) < 0)
		err2 = errno;
	if (esc_check_close(open(e.allowed, O_RDONLY | O_CLOEXEC)))
		esc_exit(&e, ESC_ESCAPED,
			 "RENAME_EXCHANGE put the secret at %s", e.allowed);
	esc_exit(&e, ESC_BLOCKED, "rename: %s, renameat2(RENAME_EXCHANGE): %s",
		 esc_errname(err1), err2 ? esc_errname(err2) : "no error?");
}
