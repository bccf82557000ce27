/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Read a secret on a refused file-system type (esc-fs.h) by a path that
 * does not name that file system: a symlink on an allowed one, ".." up
 * from DIR and across the mount point, /proc/self/root, and a working
 * directory on the tmpfs (chdir itself grants nothing), relative and
 * through /proc/self/cwd. The fs category must decide the object each
 * path reaches, not the string.
 */
#include "esc-fs.h"

#define NWAYS 5

int main(int argc, char **argv)
{
	char dir[PATH_MAX], secret[PATH_MAX], link[PATH_MAX], p[PATH_MAX];
	static const char *const ways[] = {
		"a symlink on an allowed file system",
		"a path with .. across the mount point",
		"/proc/self/root",
		"a working directory on the tmpfs",
		"/proc/self/cwd",
	};
	bool got[NWAYS] = { false }, made;
	struct esc e;

	if (argc == 3 && !strcmp(argv[1], "--prepare")) {
		argv[1] = argv[0];
		esc_init(&e, 2, argv + 1);
		esc_fs_prepare(&e, false);
	}
	esc_init(&e, argc, argv);
	esc_fs_get(&e, dir, false, &made);
	esc_path(&e, secret, dir, "/secret");

	/* A symlink where the sandbox may make one, to the tmpfs file. */
	esc_path(&e, link, e.work, "/to-tmpfs");
	got[0] = symlink(secret, link) == 0 &&
		 esc_check_close(open(link, O_RDONLY));
	/* DIR/work/.. as many times as it is deep: /, then down the tmpfs. */
	strcpy(p, e.work);
	for (const char *c = e.work; *c; c++)
		if (*c == '/' && strlen(p) + 3 < sizeof(p))
			strcat(p, "/..");
	if (strlen(p) + strlen(secret) >= sizeof(p))
		esc_exit(&e, ESC_SETUP, "path too long");
	strcat(p, secret);
	got[1] = esc_check_close(open(p, O_RDONLY));
	esc_path(&e, p, "/proc/self/root", secret);
	got[2] = esc_check_close(open(p, O_RDONLY));
	if (chdir(dir) == 0) {
		got[3] = esc_check_close(open("secret", O_RDONLY));
		got[4] = esc_check_close(
			open("/proc/self/cwd/secret", O_RDONLY));
		if (chdir(e.dir) < 0)
			esc_exit(&e, ESC_SETUP, "chdir back: %s",
				 strerror(errno));
	}
	if (made)
		esc_fs_remove(dir);
	esc_fs_report(&e, made, ways, got, NWAYS);
}
