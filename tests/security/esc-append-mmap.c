/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Append-only: a shared writable mapping writes anywhere in the file, and
 * the kernel allows one of an O_RDWR|O_APPEND fd (it refuses only an inode
 * flagged +a). Under syd a read-write open of an append-only file is
 * refused (EPERM), so no fd can be mapped that way; an O_WRONLY fd cannot
 * be mapped shared at all (EACCES).
 */
#include "esc-append.h"

static void map_write(const struct esc *e, int flags, const char *how)
{
	int fd = open(e->public_, flags | O_CLOEXEC);
	char *p;

	if (fd < 0) {
		printf("# %s: open: %s\n", how, esc_errname(errno));
		return;
	}
	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED) {
		printf("# %s: mmap: %s\n", how, esc_errname(errno));
		close(fd);
		return;
	}
	memcpy(p, "XXXXXX", 6);
	msync(p, 4096, MS_SYNC);
	munmap(p, 4096);
	close(fd);
	esc_public_check(e, how);
}

int main(int argc, char **argv)
{
	struct esc e;

	esc_init(&e, argc, argv);
	map_write(&e, O_RDWR | O_APPEND, "O_RDWR|O_APPEND, MAP_SHARED write");
	map_write(&e, O_RDWR, "O_RDWR, MAP_SHARED write");
	map_write(&e, O_WRONLY | O_APPEND, "O_WRONLY, MAP_SHARED write");
	esc_exit(&e, ESC_BLOCKED, "no shared writable mapping");
}
