/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Attack: list the directory that holds a hidden name. A listing reads
 * names without looking any up, so a sandbox that only hides names from
 * path calls shows them there: getdents64 and the old getdents, with a
 * buffer of every size down to one record (a batch made of the hidden
 * name alone, which an end of listing (0) would betray), readdir(3), and
 * /proc/self/fd/N of a directory reopened. Natively DIR/secret is listed.
 */
#include "esc.h"

#include <dirent.h>
#include <sys/syscall.h>

/* Does the listing of FD in SIZE-byte calls name "secret"? */
static bool listed(const struct esc *e, int fd, size_t size, bool old,
		   int *count)
{
	char buf[4096];
	bool seen = false;

	*count = 0;
	if (lseek(fd, 0, SEEK_SET) < 0)
		esc_exit(e, ESC_SETUP, "lseek: %s", strerror(errno));
	for (;;) {
		long n = syscall(old ? SYS_getdents : SYS_getdents64, fd, buf,
				 size);

		if (n < 0 && errno == EINVAL)
			return seen; /* a record bigger than SIZE */
		if (n < 0)
			esc_exit(e, ESC_SETUP, "getdents: %s", strerror(errno));
		if (n == 0)
			return seen;
		for (long at = 0; at < n;) {
			unsigned short reclen;

			memcpy(&reclen, buf + at + 16, sizeof(reclen));
			if (!strcmp(buf + at + (old ? 18 : 19), "secret"))
				seen = true;
			(*count)++;
			at += reclen;
		}
	}
}

int main(int argc, char **argv)
{
	struct esc e;
	struct dirent *d;
	DIR *dir;
	int fd, count, seen = 0;

	esc_init(&e, argc, argv);
	fd = open(e.dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		esc_exit(&e, ESC_SETUP, "open %s: %s", e.dir, strerror(errno));
	for (int old = 0; old < 2; old++)
		for (size_t size = 4096; size >= 24;
		     size = size > 64 ? size / 2 : size - 8)
			if (listed(&e, fd, size, old, &count))
				esc_exit(&e, ESC_ESCAPED,
					 "%s with %zu bytes lists the secret",
					 old ? "getdents" : "getdents64", size);
	dir = opendir(e.dir);
	if (!dir)
		esc_exit(&e, ESC_SETUP, "opendir: %s", strerror(errno));
	while ((d = readdir(dir))) {
		if (!strcmp(d->d_name, "secret"))
			esc_exit(&e, ESC_ESCAPED, "readdir lists the secret");
		seen++;
	}
	closedir(dir);
	if (seen < 4) /* ".", "..", public, work: the listing works */
		esc_exit(&e, ESC_SETUP, "readdir gave %d entries", seen);
	esc_exit(&e, ESC_BLOCKED, "no listing names the secret (%d entries)",
		 seen);
}
