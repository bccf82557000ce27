/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Append-only: overwrite by writing at offset 0 through an fd opened
 * without O_APPEND: open(O_WRONLY) then write(2); pwrite(2) at 0; and a
 * reopen of an O_APPEND fd through /proc/self/fd/N for writing without
 * it. Under syd each such open gets O_APPEND (the reopen is decided by
 * the file's own path), so every write lands at the end.
 */
#include "esc-append.h"

static void write_at0(const struct esc *e, int fd, bool pos, const char *how)
{
	if (fd < 0) {
		printf("# %s: open: %s\n", how, esc_errname(errno));
		return;
	}
	if ((pos ? pwrite(fd, "XXXXXX", 6, 0) : write(fd, "XXXXXX", 6)) != 6)
		printf("# %s: write: %s\n", how, esc_errname(errno));
	close(fd);
	esc_public_check(e, how);
}

int main(int argc, char **argv)
{
	char proc[64];
	struct esc e;
	int fd;

	esc_init(&e, argc, argv);
	write_at0(&e, open(e.public_, O_WRONLY | O_CLOEXEC), false,
		  "open(O_WRONLY), write");
	write_at0(&e, open(e.public_, O_WRONLY | O_CLOEXEC), true,
		  "open(O_WRONLY), pwrite at 0");
	fd = open(e.public_, O_WRONLY | O_APPEND | O_CLOEXEC);
	if (fd < 0)
		esc_exit(&e, ESC_SETUP, "open O_APPEND: %s",
			 esc_errname(errno));
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	write_at0(&e, open(proc, O_WRONLY | O_CLOEXEC), true,
		  "reopen /proc/self/fd/N O_WRONLY, pwrite at 0");
	close(fd);
	esc_exit(&e, ESC_BLOCKED, "every write appended");
}
