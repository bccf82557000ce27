/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "kernel/ldso.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "kernel/elf.h"

/* Written once, before any thread that reads it starts. */
static struct stat loader;
static bool known;

int ldso_find(void)
{
	struct elf_info e;
	int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	int err;

	if (fd < 0)
		return -errno;
	err = elf_read_fd(fd, &e);
	close(fd);
	if (err < 0)
		return err;
	if (!e.has_interp || !e.interp[0])
		return -ENOENT;
	if (stat(e.interp, &loader) < 0)
		return -errno;
	known = true;
	return 0;
}

bool ldso_is(const struct stat *st)
{
	return known && st->st_dev == loader.st_dev &&
	       st->st_ino == loader.st_ino;
}
