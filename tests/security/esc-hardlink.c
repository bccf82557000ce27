/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Attack 5: a hard link to the secret under an allowed name. The link is
 * the same inode, so once it exists, rules on names no longer protect the
 * data: making it must be decided as an access to the secret itself. Tried
 * with link(2), with linkat(2) on an O_PATH fd (AT_EMPTY_PATH) and through
 * that fd's /proc/self/fd magic link (AT_SYMLINK_FOLLOW). Natively this
 * needs the same file system and, with fs.protected_hardlinks, to own the
 * secret (or CAP_FOWNER); AT_EMPTY_PATH needs CAP_DAC_READ_SEARCH.
 */
#include "esc.h"

static void try_read(const struct esc *e, const char *how, const char *name)
{
	if (esc_check_close(open(name, O_RDONLY | O_CLOEXEC)))
		esc_exit(e, ESC_ESCAPED, "read TOPSECRET via hard link %s (%s)",
			 name, how);
	printf("# %s made %s but it does not read as the secret\n", how, name);
}

int main(int argc, char **argv)
{
	struct esc e;
	char hl[3][PATH_MAX], proc[64];
	int fd, err[3];

	esc_init(&e, argc, argv);
	esc_path(&e, hl[0], e.work, "/hl0");
	esc_path(&e, hl[1], e.work, "/hl1");
	esc_path(&e, hl[2], e.work, "/hl2");

	if (link(e.secret, hl[0]) == 0)
		try_read(&e, "link", hl[0]);
	err[0] = errno;

	fd = open(e.secret, O_PATH | O_CLOEXEC);
	err[1] = err[2] = errno;
	if (fd >= 0) {
		if (linkat(fd, "", AT_FDCWD, hl[1], AT_EMPTY_PATH) == 0)
			try_read(&e, "linkat AT_EMPTY_PATH", hl[1]);
		err[1] = errno;
		snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
		if (linkat(AT_FDCWD, proc, AT_FDCWD, hl[2],
			   AT_SYMLINK_FOLLOW) == 0)
			try_read(&e, "linkat /proc/self/fd", hl[2]);
		err[2] = errno;
		close(fd);
	}
	esc_exit(&e, ESC_BLOCKED,
		 "link: %s, linkat(AT_EMPTY_PATH): %s, linkat(/proc/self/fd): "
		 "%s",
		 esc_errname(err[0]), esc_errname(err[1]), esc_errname(err[2]));
}
