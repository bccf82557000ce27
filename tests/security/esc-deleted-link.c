/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Extra attack: unlink one name of a file that has two, then read it
 * through the fd. The policy lets both names, DIR/secret and DIR/secret2
 * (one inode, linked outside: "esc-deleted-link --prepare DIR"), be seen,
 * overwritten and removed, never read. Open the secret write-only, unlink
 * that name: the file lives on under its other name, and the kernel now
 * names the fd "DIR/secret (deleted)", a string no rule for DIR/secret
 * matches. Then try the data (reopen /proc/self/fd/N read-only) and the
 * extended attribute "user.esc" the preparation set to TOPSECRET, by fd
 * and by the /proc path. Where the file system keeps no user xattrs, only
 * the reopen is tried.
 */
#include <sys/xattr.h>

#include "esc.h"

#define XNAME "user.esc"

static bool xattr_is_secret(ssize_t n, const char *buf)
{
	return n >= 9 && !memcmp(buf, "TOPSECRET", 9);
}

int main(int argc, char **argv)
{
	bool prepare = argc == 3 && !strcmp(argv[1], "--prepare");
	char proc[64], second[PATH_MAX + 8], buf[64];
	int fd, rfd, err, xerr;
	bool xattrs;
	struct esc e;
	ssize_t n;

	if (prepare) {
		argv[1] = argv[0];
		argv++;
		argc--;
	}
	esc_init(&e, argc, argv);
	snprintf(second, sizeof(second), "%s2", e.secret);
	if (prepare) {
		/* Outside syd: the second name, and the secret attribute. */
		if (link(e.secret, second) < 0)
			esc_exit(&e, ESC_SETUP, "link: %s", esc_errname(errno));
		xattrs = setxattr(e.secret, XNAME, "TOPSECRET", 9, 0) == 0;
		printf("%s\n", xattrs ? "xattr" : "noxattr");
		return 0;
	}
	xattrs = strcmp(getenv("ESC_PREPARED") ? getenv("ESC_PREPARED") : "",
			"xattr") == 0;
	fd = open(e.secret, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		esc_exit(&e, ESC_BLOCKED, "open(secret, O_WRONLY): %s",
			 esc_errname(errno));
	if (unlink(e.secret) < 0)
		esc_exit(&e, ESC_SETUP,
			 "unlink(secret): %s (the policy "
			 "should allow it)",
			 esc_errname(errno));
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	rfd = open(proc, O_RDONLY | O_CLOEXEC);
	err = errno;
	if (esc_check_close(rfd))
		esc_exit(&e, ESC_ESCAPED,
			 "reopened the unlinked name via %s "
			 "and read TOPSECRET",
			 proc);
	if (!xattrs)
		esc_exit(&e, ESC_BLOCKED,
			 "open %s after unlink: %s (no "
			 "user xattrs here)",
			 proc,
			 rfd < 0 ? esc_errname(err) : "opened, not the secret");
	n = fgetxattr(fd, XNAME, buf, sizeof(buf));
	xerr = errno;
	if (xattr_is_secret(n, buf))
		esc_exit(&e, ESC_ESCAPED,
			 "fgetxattr after unlink read "
			 "TOPSECRET");
	n = getxattr(proc, XNAME, buf, sizeof(buf));
	if (xattr_is_secret(n, buf))
		esc_exit(&e, ESC_ESCAPED,
			 "getxattr(%s) after unlink read "
			 "TOPSECRET",
			 proc);
	esc_exit(&e, ESC_BLOCKED, "open %s: %s, fgetxattr: %s, getxattr: %s",
		 proc, rfd < 0 ? esc_errname(err) : "not the secret",
		 esc_errname(xerr), n < 0 ? esc_errname(errno) : "not it");
}
