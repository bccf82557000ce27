/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A hidden name told by the position of the entry before it. On ext4 a
 * directory is read in the order of its names' hashes, and each record's
 * d_off, the position after it, is the next entry's hash. The hash of
 * "secret" is learnt in DIR/work, where that name may be made and seen
 * (the file system's hash seed is the same for every directory); then
 * any record of DIR's listing whose d_off is that hash stands before
 * DIR/secret: the hidden name exists. Also the directory's file position
 * after a listing that stops just before it.
 */
#include "esc.h"

#include <linux/magic.h>
#include <sys/statfs.h>
#include <sys/syscall.h>

struct rec {
	uint64_t ino;
	int64_t off;
	unsigned short reclen;
	unsigned char type;
	char name[];
};

/* The d_off of the record before NAME in DIR, or 0; names in SEEN. */
static int64_t before(const char *dir, const char *name, int64_t want,
		      bool *seen)
{
	char buf[32768];
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int64_t prev = 0, hit = 0;
	long n;

	if (fd < 0)
		return -1;
	while ((n = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0) {
		for (long i = 0; i < n;) {
			struct rec *r = (struct rec *)(buf + i);

			if (name && !strcmp(r->name, name))
				hit = prev;
			if (want && r->off == want)
				*seen = true;
			prev = r->off;
			i += r->reclen;
		}
	}
	close(fd);
	return hit;
}

int main(int argc, char **argv)
{
	char probe[PATH_MAX + 16];
	struct statfs sf;
	struct esc e;
	int64_t hash;
	bool seen = false;
	int fd;

	esc_init(&e, argc, argv);
	if (statfs(e.dir, &sf) < 0 || sf.f_type != EXT4_SUPER_MAGIC)
		esc_exit(&e, ESC_UNSUPPORTED, "%s is not on ext4", e.dir);
	snprintf(probe, sizeof(probe), "%s/secret", e.work);
	fd = open(probe, O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
	if (fd < 0)
		esc_exit(&e, ESC_SETUP, "create %s: %s", probe,
			 esc_errname(errno));
	close(fd);
	hash = before(e.work, "secret", 0, &seen);
	unlink(probe);
	if (hash <= 0)
		esc_exit(&e, ESC_SETUP, "no position before %s", probe);
	before(e.dir, NULL, hash, &seen);
	if (seen)
		esc_exit(&e, ESC_ESCAPED,
			 "a record's d_off is the hash of \"secret\" (%#llx)",
			 (unsigned long long)hash);
	esc_exit(&e, ESC_BLOCKED, "no position gives DIR/secret away");
}
