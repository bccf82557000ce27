/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * syd lending root's rights to a process of the sandbox that gave them up.
 * syd (root) takes on a caller's ids for the calls it makes for it only
 * once some process of the sandbox changed its ids, which it learns from
 * the set*id(2) calls it hooks. The "off*" policies turn every category
 * off and keep calls emulated for another reason: an append or a mask
 * rule, trace/force_cloexec, trace/force_umask, or /dev/syd (lock:off:
 * stat). The attack, run as root, makes DIR/secret root's alone (0600,
 * DIR 0700), drops to uid and gid 65534 and reads the secret, stats it,
 * and makes a file in DIR. The kernel refuses all three to uid 65534, so
 * natively the attack is blocked (flag "lend"). Escape: any of them
 * succeeds under syd.
 */
#include <grp.h>
#include <sys/stat.h>

#include "esc.h"

#define NOBODY 65534

int main(int argc, char **argv)
{
	char made[PATH_MAX], buf[16] = { 0 };
	struct esc e;
	struct stat st;
	int fd, err[3];

	esc_init(&e, argc, argv);
	esc_path(&e, made, e.dir, "/made");
	if (getuid() != 0 || geteuid() != 0)
		esc_exit(&e, ESC_UNSUPPORTED, "runs as root, to drop to uid %d",
			 NOBODY);
	if (chmod(e.secret, 0600) < 0 || chmod(e.dir, 0700) < 0)
		esc_exit(&e, ESC_SETUP, "chmod: %s", esc_errname(errno));
	if (setgroups(0, NULL) < 0 || setresgid(NOBODY, NOBODY, NOBODY) < 0 ||
	    setresuid(NOBODY, NOBODY, NOBODY) < 0)
		esc_exit(&e, ESC_SETUP, "drop to %d: %s", NOBODY,
			 esc_errname(errno));
	fd = open(e.secret, O_RDONLY | O_CLOEXEC);
	err[0] = fd < 0 ? errno : 0;
	if (fd >= 0 && read(fd, buf, sizeof(buf) - 1) > 0 &&
	    !strncmp(buf, SECRET_TEXT, strlen(SECRET_TEXT)))
		esc_exit(&e, ESC_ESCAPED, "uid %d read DIR/secret", NOBODY);
	err[1] = stat(e.secret, &st) < 0 ? errno : 0;
	if (err[1] == 0)
		esc_exit(&e, ESC_ESCAPED, "uid %d stat DIR/secret in DIR 0700",
			 NOBODY);
	fd = open(made, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	err[2] = fd < 0 ? errno : 0;
	if (fd >= 0)
		esc_exit(&e, ESC_ESCAPED, "uid %d made a file in DIR 0700",
			 NOBODY);
	esc_exit(&e, ESC_BLOCKED, "as uid %d: read %s, stat %s, create %s",
		 NOBODY, esc_errname(err[0]), esc_errname(err[1]),
		 esc_errname(err[2]));
}
