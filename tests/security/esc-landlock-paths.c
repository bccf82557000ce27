/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Attack: read DIR/secret when only Lock sandboxing (Landlock) stands in
 * the way: syd's own categories are off, so no rule of syd's sees these
 * calls, and the kernel must refuse each route by itself. Tried: a plain
 * open, an O_PATH handle reopened through /proc/self/fd (Landlock allows
 * O_PATH), a hard link and a rename of the secret into the writable work
 * directory, and a symbolic link there pointing at it.
 */
#include <stdio.h>

#include "esc.h"

int main(int argc, char **argv)
{
	struct esc e;
	char link_[PATH_MAX], moved[PATH_MAX], sym[PATH_MAX], fdp[64];
	int fd, err;

	esc_init(&e, argc, argv);
	esc_path(&e, link_, e.work, "/link");
	esc_path(&e, moved, e.work, "/moved");
	esc_path(&e, sym, e.work, "/sym");
	if (esc_check_close(open(e.secret, O_RDONLY | O_CLOEXEC)))
		esc_exit(&e, ESC_ESCAPED, "read TOPSECRET by open(2)");
	err = errno;
	fd = open(e.secret, O_PATH | O_CLOEXEC);
	if (fd >= 0) {
		snprintf(fdp, sizeof(fdp), "/proc/self/fd/%d", fd);
		if (esc_check_close(open(fdp, O_RDONLY | O_CLOEXEC)))
			esc_exit(&e, ESC_ESCAPED,
				 "read TOPSECRET by reopening an O_PATH fd");
		close(fd);
	}
	if (link(e.secret, link_) == 0 &&
	    esc_check_close(open(link_, O_RDONLY | O_CLOEXEC)))
		esc_exit(&e, ESC_ESCAPED, "read TOPSECRET through a hard link");
	if (rename(e.secret, moved) == 0) {
		bool hit = esc_check_close(open(moved, O_RDONLY | O_CLOEXEC));

		(void)!rename(moved, e.secret);
		if (hit)
			esc_exit(&e, ESC_ESCAPED,
				 "read TOPSECRET after moving it to work/");
	}
	if (symlink("../secret", sym) == 0 &&
	    esc_check_close(open(sym, O_RDONLY | O_CLOEXEC)))
		esc_exit(&e, ESC_ESCAPED,
			 "read TOPSECRET through a symbolic link");
	esc_exit(&e, ESC_BLOCKED, "every route failed (open: %s)",
		 esc_errname(err));
}
