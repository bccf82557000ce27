/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Attack: learn whether a hidden name exists by trying to make it. The
 * kernel answers EEXIST for a name that exists before it asks for any
 * permission; a missing one is made (or refused). Each call that makes
 * a name is tried on DIR/secret and on two missing names: DIR/secret-gone
 * (which a policy may cover as it covers the secret) and DIR/nothere. The
 * secret stays hidden as long as it answers as one of them does; if it
 * answers unlike every missing name, it is not a missing name. Natively
 * mkdir already tells (EEXIST against success).
 */
#include "esc.h"

#include <sys/stat.h>
#include <sys/syscall.h>

#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE 1
#endif
#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE 2
#endif

enum probe {
	P_MKDIR,
	P_MKNOD,
	P_SYMLINK,
	P_CREAT,
	P_EXCL,
	P_LINK,
	P_NOREPLACE,
	P_RENAME,
	P_EXCHANGE,
	P_COUNT
};

static const char *const names[P_COUNT] = {
	"mkdir",
	"mknod",
	"symlink",
	"creat",
	"open(O_CREAT|O_EXCL)",
	"link",
	"rename(RENAME_NOREPLACE)",
	"rename",
	"rename(RENAME_EXCHANGE)",
};

/* A file of our own at SRC, to link and rename from. */
static void make_src(const struct esc *e, const char *src)
{
	int fd = open(src, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);

	if (fd < 0)
		esc_exit(e, ESC_SETUP, "cannot make %s: %s", src,
			 strerror(errno));
	close(fd);
}

/* errno of PROBE making PATH (0: it worked), from the file SRC. */
static int try(enum probe probe, const char *path, const char *src)
{
	long r = -1;
	int fd;

	switch (probe) {
	case P_MKDIR:
		r = mkdir(path, 0700);
		break;
	case P_MKNOD:
		r = mknod(path, S_IFIFO | 0600, 0);
		break;
	case P_SYMLINK:
		r = symlink("x", path);
		break;
	case P_CREAT:
	case P_EXCL:
		fd = open(path,
			  O_WRONLY | O_CREAT | O_CLOEXEC |
				  (probe == P_EXCL ? O_EXCL : 0),
			  0600);
		r = fd;
		if (fd >= 0)
			close(fd);
		break;
	case P_LINK:
		r = link(src, path);
		break;
	case P_NOREPLACE:
	case P_RENAME:
	case P_EXCHANGE:
		r = syscall(SYS_renameat2, AT_FDCWD, src, AT_FDCWD, path,
			    probe == P_NOREPLACE  ? RENAME_NOREPLACE
			    : probe == P_EXCHANGE ? RENAME_EXCHANGE
						  : 0);
		break;
	case P_COUNT:
		break;
	}
	return r < 0 ? errno : 0;
}

int main(int argc, char **argv)
{
	struct esc e;
	char gone[PATH_MAX], nothere[PATH_MAX], src[PATH_MAX];

	esc_init(&e, argc, argv);
	esc_path(&e, gone, e.dir, "/secret-gone");
	esc_path(&e, nothere, e.dir, "/nothere");
	esc_path(&e, src, e.work, "/src");
	for (int p = 0; p < P_COUNT; p++) {
		int es, eg, en;

		make_src(&e, src);
		es = try((enum probe)p, e.secret, src);
		make_src(&e, src); /* again, if a rename took it */
		eg = try((enum probe)p, gone, src);
		make_src(&e, src);
		en = try((enum probe)p, nothere, src);
		/* What a probe made must not stand in the next one's way. */
		if (unlink(gone) < 0)
			rmdir(gone);
		if (unlink(nothere) < 0)
			rmdir(nothere);
		if (es != eg && es != en)
			esc_exit(&e, ESC_ESCAPED,
				 "%s gives %s on the secret, %s and %s on "
				 "missing names: the secret exists",
				 names[p], esc_errname(es), esc_errname(eg),
				 esc_errname(en));
	}
	esc_exit(&e, ESC_BLOCKED,
		 "every call that makes a name answered as for a missing one");
}
