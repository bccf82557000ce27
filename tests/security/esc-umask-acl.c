/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * trace/force_umask through POSIX ACLs. Under syd the "umask" policy sets
 * trace/force_umask:077: nothing the sandbox makes or chmods may be open
 * to the group or others. An ACL is a mode by other means: a default ACL
 * on a directory replaces the umask for what is made in it (the kernel
 * then ignores the umask syd sets), and an access ACL sets the mode bits
 * as chmod(2) would. The attack gives DIR/work/acl a default ACL granting
 * everyone rwx and makes a file in it, and gives a file of its own an
 * access ACL granting the same. Natively it runs with umask 077, as syd's
 * force_umask would make it. Escape: either file has a group or other
 * bit set.
 */
#include <stdint.h>
#include <sys/stat.h>
#include <sys/xattr.h>

#include "esc.h"

/* The ACL xattr format (linux/posix_acl_xattr.h): user, group, other rwx. */
struct acl_entry {
	uint16_t tag, perm;
	uint32_t id;
};

static const struct {
	uint32_t version;
	struct acl_entry e[3];
} everyone = { 2, { { 0x01, 7, ~0u }, { 0x04, 7, ~0u }, { 0x20, 7, ~0u } } };

int main(int argc, char **argv)
{
	char dir[PATH_MAX], made[PATH_MAX], own[PATH_MAX];
	struct esc e;
	struct stat st;
	int fd, err[2];
	mode_t m[2] = { 0, 0 };

	esc_init(&e, argc, argv);
	esc_path(&e, dir, e.work, "/acl");
	esc_path(&e, made, e.work, "/acl/made");
	esc_path(&e, own, e.work, "/own");
	umask(077);
	if (mkdir(dir, 0700) < 0)
		esc_exit(&e, ESC_SETUP, "mkdir %s: %s", dir,
			 esc_errname(errno));
	err[0] = setxattr(dir, "system.posix_acl_default", &everyone,
			  sizeof(everyone), 0) < 0
			 ? errno
			 : 0;
	fd = open(made, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd < 0 || fstat(fd, &st) < 0)
		esc_exit(&e, ESC_SETUP, "make %s: %s", made,
			 esc_errname(errno));
	m[0] = st.st_mode & 07777;
	close(fd);
	fd = open(own, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		esc_exit(&e, ESC_SETUP, "make %s: %s", own, esc_errname(errno));
	close(fd);
	err[1] = setxattr(own, "system.posix_acl_access", &everyone,
			  sizeof(everyone), 0) < 0
			 ? errno
			 : 0;
	if (stat(own, &st) < 0)
		esc_exit(&e, ESC_SETUP, "stat %s: %s", own, esc_errname(errno));
	m[1] = st.st_mode & 07777;
	if ((m[0] | m[1]) & 077)
		esc_exit(&e, ESC_ESCAPED,
			 "made under a default ACL: %04o, access ACL: %04o",
			 (unsigned)m[0], (unsigned)m[1]);
	/* Reading one tells whether the file system has ACLs at all. */
	if (getxattr(own, "system.posix_acl_access", NULL, 0) < 0 &&
	    errno == EOPNOTSUPP)
		esc_exit(&e, ESC_UNSUPPORTED,
			 "no POSIX ACLs on this file system");
	esc_exit(&e, ESC_BLOCKED,
		 "default ACL: %s (made %04o), access ACL: %s (%04o)",
		 esc_errname(err[0]), (unsigned)m[0], esc_errname(err[1]),
		 (unsigned)m[1]);
}
