/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Append-only: take O_APPEND off an fd opened for appending, with
 * fcntl(F_SETFL) (the kernel allows it for any file not flagged +a), then
 * write at offset 0. Tried with plain flags and with O_ASYNC, whose
 * F_SETFL syd performs itself for another reason (its SIGIO owner): both
 * must keep O_APPEND. Under syd F_SETFL without O_APPEND is refused
 * (EPERM) on an append-only file, and the pwrite(2) appends.
 */
#include "esc-append.h"

static void attack(const struct esc *e, int setfl, int *err)
{
	int fd = open(e->public_, O_WRONLY | O_APPEND | O_CLOEXEC);

	if (fd < 0)
		esc_exit(e, ESC_SETUP, "open O_APPEND: %s", esc_errname(errno));
	*err = fcntl(fd, F_SETFL, setfl) < 0 ? errno : 0;
	if (pwrite(fd, "XXXXXX", 6, 0) != 6)
		esc_exit(e, ESC_SETUP, "pwrite: %s", esc_errname(errno));
	close(fd);
}

int main(int argc, char **argv)
{
	struct esc e;
	int err[2];

	esc_init(&e, argc, argv);
	attack(&e, 0, &err[0]);
	esc_public_check(&e, "fcntl(F_SETFL, 0), pwrite at 0");
	attack(&e, O_ASYNC, &err[1]);
	esc_public_check(&e, "fcntl(F_SETFL, O_ASYNC), pwrite at 0");
	esc_exit(&e, ESC_BLOCKED, "F_SETFL 0: %s, F_SETFL O_ASYNC: %s",
		 esc_errname(err[0]), esc_errname(err[1]));
}
