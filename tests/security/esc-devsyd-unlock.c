/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Reach /dev/syd after lock:on, to allow the secret and read it: by
 * stat(2), lstat(2), fstatat(2) and statx(2) (with a dirfd on /dev, with
 * AT_EMPTY_PATH), by other spellings of the name ("/dev/./syd",
 * "//dev/syd", "/dev/../dev/syd", a relative one from /dev), through a
 * symlink to it in the work directory (and readlink(2) of that link), by
 * open(2) and access(2). Each attempt is followed by a read of the secret.
 * Without syd there is no /dev/syd and no policy: the read works, which
 * is what shows this program sees an escape; under syd with the lock on,
 * every spelling must find nothing and the secret stays denied.
 */
#include "esc.h"

#include <sys/stat.h>
#include <sys/syscall.h>

static bool read_secret(const struct esc *e)
{
	int fd = open(e->secret, O_RDONLY | O_CLOEXEC);

	return fd >= 0 && esc_check_close(fd);
}

int main(int argc, char **argv)
{
	struct esc e;
	char cmd[PATH_MAX + 64], p[2 * PATH_MAX + 256], link[PATH_MAX];
	const char *const prefixes[] = { "/dev/syd/", "/dev/./syd/",
					 "//dev/syd/", "/dev/../dev/syd/",
					 "/dev//syd/" };
	struct statx stx;
	struct stat st;
	int dev, n = 0;

	esc_init(&e, argc, argv);
	snprintf(cmd, sizeof(cmd), "allow/all+%s", e.secret);
	dev = open("/dev", O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (dev < 0)
		esc_exit(&e, ESC_SETUP, "open /dev: %s", strerror(errno));
	esc_path(&e, link, e.work, "/syd-link");
	unlink(link);
	if (symlink("/dev/syd", link) < 0)
		esc_exit(&e, ESC_SETUP, "symlink: %s", strerror(errno));

#define TRY(what, call)                                                        \
	do {                                                                   \
		(void)(call);                                                  \
		n++;                                                           \
		if (read_secret(&e))                                           \
			esc_exit(&e, ESC_ESCAPED, "secret read after %s",      \
				 what);                                        \
	} while (0)

	for (size_t i = 0; i < sizeof(prefixes) / sizeof(*prefixes); i++) {
		snprintf(p, sizeof(p), "%s%s", prefixes[i], cmd);
		TRY(p, stat(p, &st));
		TRY(p, lstat(p, &st));
		TRY(p, fstatat(AT_FDCWD, p, &st, AT_SYMLINK_NOFOLLOW));
		TRY(p, statx(AT_FDCWD, p, 0, STATX_BASIC_STATS, &stx));
		TRY(p, statx(dev, p, AT_EMPTY_PATH, STATX_BASIC_STATS, &stx));
		TRY(p, access(p, F_OK));
		TRY(p, close(open(p, O_RDONLY | O_CLOEXEC)));
	}
	/* Relative to /dev: by a dirfd, and from /dev as the cwd. */
	snprintf(p, sizeof(p), "syd/%s", cmd);
	TRY("dirfd /dev + syd/...", fstatat(dev, p, &st, 0));
	TRY("statx dirfd /dev + syd/...",
	    statx(dev, p, AT_EMPTY_PATH, STATX_BASIC_STATS, &stx));
	/* The interface itself, then a command after it, on an fd of it. */
	TRY("statx AT_EMPTY_PATH on an fd of /dev/syd",
	    statx(open("/dev/syd", O_PATH | O_CLOEXEC), "", AT_EMPTY_PATH,
		  STATX_BASIC_STATS, &stx));
	/* Through a symlink to /dev/syd, and its target read back. */
	snprintf(p, sizeof(p), "%s/%s", link, cmd);
	TRY("symlink to /dev/syd", stat(p, &st));
	{
		char t[PATH_MAX];
		ssize_t len = readlink(link, t, sizeof(t) - 1);

		if (len > 0) {
			t[len] = '\0';
			snprintf(p, sizeof(p), "%s/%s", t, cmd);
			TRY("readlink of the symlink", stat(p, &st));
		}
	}
	if (chdir("/dev") == 0) {
		snprintf(p, sizeof(p), "syd/%s", cmd);
		TRY("chdir /dev, syd/...", stat(p, &st));
		snprintf(p, sizeof(p), "./syd/%s", cmd);
		TRY("chdir /dev, ./syd/...", stat(p, &st));
	}
	esc_exit(&e, ESC_BLOCKED, "%d ways to /dev/syd, none reached it", n);
}
