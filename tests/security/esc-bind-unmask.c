/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Extra attack: take away a bind mount the policy relies on. Under syd
 * the policy binds DIR/public read-only over DIR/secret (bind+, with
 * unshare/mount): the name DIR/secret is allowed and shows "public",
 * the secret's own inode lies under the mount. The attack tries to reach
 * that inode: umount2(2) of the bind; open_tree(2) cloning the mount
 * below it without its children, where the secret lies bare; the same
 * from a new user and mount namespace of its own, where it holds
 * CAP_SYS_ADMIN (the kernel locks mounts copied from a more privileged
 * namespace). Natively nothing hides DIR/secret, and reading it escapes:
 * that shows the check sees the secret. Every mount is made in a
 * namespace of our own and never touches the host's.
 * Escape: DIR/secret, or its inode through a clone, read as the secret.
 */
#include <sched.h>
#include <sys/mount.h>
#include <sys/syscall.h>

#include "esc.h"

#ifndef OPEN_TREE_CLONE
#define OPEN_TREE_CLONE 1
#endif

/* The mount DIR lies on, cloned alone: the bind over DIR/secret is not. */
static bool clone_reads_secret(const struct esc *e, const char *how)
{
	int tree = (int)syscall(SYS_open_tree, AT_FDCWD, e->dir,
				OPEN_TREE_CLONE | O_CLOEXEC);
	int fd;

	if (tree < 0) {
		printf("# %s: open_tree(DIR, OPEN_TREE_CLONE): %s\n", how,
		       esc_errname(errno));
		return false;
	}
	fd = openat(tree, "secret", O_RDONLY | O_CLOEXEC);
	close(tree);
	if (fd < 0) {
		printf("# %s: secret in the clone: %s\n", how,
		       esc_errname(errno));
		return false;
	}
	return esc_check_close(fd);
}

static bool secret_reads_secret(const struct esc *e, const char *how)
{
	int fd = open(e->secret, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		printf("# %s: open(secret): %s\n", how, esc_errname(errno));
		return false;
	}
	return esc_check_close(fd);
}

static void write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);

	if (fd >= 0) {
		(void)!write(fd, text, strlen(text));
		close(fd);
	}
}

int main(int argc, char **argv)
{
	struct esc e;
	char map[64];
	uid_t uid;
	gid_t gid;

	esc_init(&e, argc, argv);
	/* In syd's mount namespace, with whatever the caller holds there. */
	if (umount2(e.secret, MNT_DETACH) < 0)
		printf("# umount2(secret): %s\n", esc_errname(errno));
	if (secret_reads_secret(&e, "after umount2"))
		esc_exit(&e, ESC_ESCAPED, "read the secret at its own name");
	if (clone_reads_secret(&e, "as we are"))
		esc_exit(&e, ESC_ESCAPED, "read the secret in a mount clone");
	/* A user and mount namespace of our own: CAP_SYS_ADMIN over it. */
	uid = geteuid();
	gid = getegid();
	if (unshare(CLONE_NEWUSER | CLONE_NEWNS) < 0)
		esc_exit(&e, ESC_BLOCKED,
			 "the bind held; unshare(CLONE_NEWUSER|CLONE_NEWNS): "
			 "%s",
			 esc_errname(errno));
	write_file("/proc/self/setgroups", "deny");
	snprintf(map, sizeof(map), "0 %u 1", uid);
	write_file("/proc/self/uid_map", map);
	snprintf(map, sizeof(map), "0 %u 1", gid);
	write_file("/proc/self/gid_map", map);
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		printf("# make / private: %s\n", esc_errname(errno));
	if (umount2(e.secret, MNT_DETACH) < 0)
		printf("# userns: umount2(secret): %s\n", esc_errname(errno));
	if (secret_reads_secret(&e, "userns, after umount2"))
		esc_exit(&e, ESC_ESCAPED,
			 "read the secret at its own name, in a user "
			 "namespace");
	if (clone_reads_secret(&e, "userns"))
		esc_exit(&e, ESC_ESCAPED,
			 "read the secret in a mount clone, in a user "
			 "namespace");
	esc_exit(&e, ESC_BLOCKED, "the bind over the secret held");
}
