/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What the esc-fs-* attacks share: a secret on a file system of a type the
 * "fs" policy of esc-lib.sh refuses (tmpfs, /dev/shm), while DIR and every
 * program stay on the types it allows. The sandbox cannot make a file on
 * the refused type, so run-esc.sh has it made outside ("esc-fs-NAME
 * --prepare DIR", flag prep): a process of that run keeps it for
 * ESC_FS_LINGER seconds, then removes it. A native run makes its own and
 * removes it at the end.
 *
 * Layout: /dev/shm/syd-esc-fs.<DIR's last component>/
 *   secret  "TOPSECRET"
 *   prog    a copy of true(1), mode 0755 (esc_fs_make(..., true))
 */
#ifndef SYD_TESTS_SECURITY_ESC_FS_H
#define SYD_TESTS_SECURITY_ESC_FS_H

#include <dirent.h>
#include <sys/stat.h>
#include <sys/vfs.h>

#include "esc.h"

#define ESC_FS_LINGER 120
#define ESC_FS_TMPFS  0x01021994 /* TMPFS_MAGIC */

/* The directory on the tmpfs for E, in BUF (PATH_MAX bytes). */
static inline void esc_fs_dir(const struct esc *e, char *buf)
{
	const char *base = strrchr(e->dir, '/');

	esc_path(e, buf, "/dev/shm/syd-esc-fs.", base ? base + 1 : e->dir);
}

/* Remove DIR and the files esc_fs_make() put there. */
static inline void esc_fs_remove(const char *dir)
{
	char p[PATH_MAX];

	snprintf(p, sizeof(p), "%s/secret", dir);
	unlink(p);
	snprintf(p, sizeof(p), "%s/prog", dir);
	unlink(p);
	rmdir(dir);
}

/* Copy the file FROM to TO with MODE; false on any failure. */
static inline bool esc_fs_copy(const char *from, const char *to, mode_t mode)
{
	char buf[65536];
	int in = open(from, O_RDONLY | O_CLOEXEC), out;
	ssize_t n;
	bool ok = true;

	if (in < 0)
		return false;
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	if (out < 0) {
		close(in);
		return false;
	}
	while (ok && (n = read(in, buf, sizeof(buf))) > 0)
		ok = write(out, buf, (size_t)n) == n;
	ok = ok && n == 0 && fchmod(out, mode) == 0;
	close(in);
	return close(out) == 0 && ok;
}

/*
 * Make E's tmpfs directory with the secret (and PROG, a copy of true(1)),
 * its path in DIR. Unsupported when /dev/shm is no tmpfs.
 */
static inline void esc_fs_make(const struct esc *e, char *dir, bool prog)
{
	char p[PATH_MAX];
	struct statfs sf;
	int fd;

	if (statfs("/dev/shm", &sf) < 0 || (uint32_t)sf.f_type != ESC_FS_TMPFS)
		esc_exit(e, ESC_UNSUPPORTED, "/dev/shm is no tmpfs here");
	esc_fs_dir(e, dir);
	esc_fs_remove(dir);
	if (mkdir(dir, 0755) < 0)
		esc_exit(e, ESC_SETUP, "mkdir %s: %s", dir, strerror(errno));
	esc_path(e, p, dir, "/secret");
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 || write(fd, SECRET_TEXT "\n", 10) != 10 || close(fd) < 0)
		esc_exit(e, ESC_SETUP, "%s: %s", p, strerror(errno));
	esc_path(e, p, dir, "/prog");
	if (prog && !esc_fs_copy("/bin/true", p, 0755))
		esc_exit(e, ESC_SETUP, "copy of /bin/true to %s: %s", p,
			 strerror(errno));
}

/*
 * The tmpfs directory the attack uses, in DIR: the one --prepare made
 * (ESC_PREPARED), else one made now (natively: *MADE is set, the caller
 * removes it).
 */
static inline void esc_fs_get(const struct esc *e, char *dir, bool prog,
			      bool *made)
{
	const char *prepared = getenv("ESC_PREPARED");
	struct statfs sf;

	*made = false;
	/* The policy allows DIR's type and the root's: tmpfs must not be. */
	if ((statfs(e->dir, &sf) == 0 && (uint32_t)sf.f_type == ESC_FS_TMPFS) ||
	    (statfs("/", &sf) == 0 && (uint32_t)sf.f_type == ESC_FS_TMPFS))
		esc_exit(
			e, ESC_UNSUPPORTED,
			"DIR or / is a tmpfs here: no refused type to compare");
	if (prepared && *prepared) {
		if (strlen(prepared) >= PATH_MAX)
			esc_exit(e, ESC_SETUP, "ESC_PREPARED too long");
		strcpy(dir, prepared);
		return;
	}
	esc_fs_make(e, dir, prog);
	*made = true;
}

/*
 * Report the attack's ways (N of them, WAYS[i] worked when GOT[i]):
 * natively (MADE) each must have worked, or the program cannot tell that
 * way's escape; under syd any one that worked is an escape.
 */
__attribute__((noreturn)) static inline void
esc_fs_report(const struct esc *e, bool made, const char *const *ways,
	      const bool *got, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (made && !got[i])
			esc_exit(e, ESC_SETUP,
				 "%s does not reach the tmpfs file even "
				 "natively",
				 ways[i]);
		if (!made && got[i])
			esc_exit(e, ESC_ESCAPED, "reached the tmpfs file by %s",
				 ways[i]);
	}
	if (made)
		esc_exit(e, ESC_ESCAPED, "every way reached the tmpfs file");
	esc_exit(e, ESC_BLOCKED, "no way reached the tmpfs file");
}

/*
 * --prepare: make the directory, print it, and leave a process that
 * removes it after ESC_FS_LINGER seconds (the sandbox cannot).
 */
__attribute__((noreturn)) static inline void esc_fs_prepare(const struct esc *e,
							    bool prog)
{
	char dir[PATH_MAX];
	pid_t pid;

	esc_fs_make(e, dir, prog);
	printf("%s\n", dir);
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		esc_exit(e, ESC_SETUP, "fork: %s", strerror(errno));
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);

		dup2(null, 0);
		dup2(null, 1);
		dup2(null, 2);
		sleep(ESC_FS_LINGER);
		esc_fs_remove(dir);
		_exit(0);
	}
	_exit(0);
}

#endif
