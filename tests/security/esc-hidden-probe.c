/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Attack 23: learn whether a hidden name exists without looking at it. A
 * hidden path must behave exactly like one that is not there, so each
 * probe is made twice, once through DIR/secret and once through a name
 * that does not exist, and any difference tells: the file used as a
 * directory (ENOTDIR against ENOENT), a trailing slash, a ".." out of it,
 * and a symlink whose target goes through it. Natively the first probe
 * already differs.
 */
#include "esc.h"

#include <sys/stat.h>

/* errno of open(PATH), or 0 when it opened. */
static int try_open(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd >= 0) {
		close(fd);
		return 0;
	}
	return errno;
}

static int try_stat(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? 0 : errno;
}

int main(int argc, char **argv)
{
	static const char *const tail[] = { "/x", "/", "/../work/allowed" };
	struct esc e;
	char a[PATH_MAX], b[PATH_MAX], la[PATH_MAX], lb[PATH_MAX];
	char missing[PATH_MAX];
	int ea, eb;

	esc_init(&e, argc, argv);
	esc_path(&e, missing, e.dir, "/nothere");
	for (size_t i = 0; i < sizeof(tail) / sizeof(tail[0]); i++) {
		esc_path(&e, a, e.secret, tail[i]);
		esc_path(&e, b, missing, tail[i]);
		ea = i == 1 ? try_stat(a) : try_open(a);
		eb = i == 1 ? try_stat(b) : try_open(b);
		if (ea != eb)
			esc_exit(&e, ESC_ESCAPED,
				 "%s gives %s, a missing name %s: the secret "
				 "exists",
				 a, esc_errname(ea), esc_errname(eb));
	}
	esc_path(&e, la, e.work, "/via-secret");
	esc_path(&e, lb, e.work, "/via-nothere");
	if (symlink("../secret/../work/allowed", la) < 0 ||
	    symlink("../nothere/../work/allowed", lb) < 0)
		esc_exit(&e, ESC_SETUP, "symlink: %s", strerror(errno));
	ea = try_open(la);
	eb = try_open(lb);
	if (ea != eb)
		esc_exit(&e, ESC_ESCAPED,
			 "a symlink through the secret gives %s, through a "
			 "missing name %s",
			 esc_errname(ea), esc_errname(eb));
	esc_exit(&e, ESC_BLOCKED,
		 "every probe answered as for a missing name (%s)",
		 esc_errname(ea));
}
