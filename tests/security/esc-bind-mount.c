/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Extra attack: bind-mount the secret over an allowed file. mount(2) looks
 * its source up in the kernel, past any path rule, and afterwards the
 * allowed name DIR/work/allowed is the secret's inode. Root may do it in a
 * private mount namespace; anyone may in a new user namespace (where they
 * hold CAP_SYS_ADMIN over the new mount namespace). The mount is made in
 * a namespace of our own only, so it never touches the host's.
 */
#include <sched.h>
#include <sys/mount.h>

#include "esc.h"

int main(int argc, char **argv)
{
	struct esc e;
	const char *how = "unshare(CLONE_NEWNS)";

	esc_init(&e, argc, argv);
	if (unshare(CLONE_NEWNS) < 0) {
		if (errno != EPERM)
			esc_exit(&e, ESC_BLOCKED, "%s: %s", how,
				 esc_errname(errno));
		how = "unshare(CLONE_NEWUSER|CLONE_NEWNS)";
		if (unshare(CLONE_NEWUSER | CLONE_NEWNS) < 0)
			esc_exit(&e, ESC_UNSUPPORTED,
				 "no mount namespace of our own: %s",
				 esc_errname(errno));
	}
	/*
	 * Never let the bind mount propagate out of our namespace. EPERM is
	 * the refusal under test; anything else (EINVAL: "/" is no mount
	 * point, as in a chroot) means this machine cannot run the attack.
	 */
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		esc_exit(&e, errno == EPERM ? ESC_BLOCKED : ESC_UNSUPPORTED,
			 "%s, then make / private: %s", how,
			 esc_errname(errno));
	if (mount(e.secret, e.allowed, NULL, MS_BIND, NULL) < 0)
		esc_exit(&e, ESC_BLOCKED, "%s, then bind mount: %s", how,
			 esc_errname(errno));
	if (esc_check_close(open(e.allowed, O_RDONLY | O_CLOEXEC)))
		esc_exit(&e, ESC_ESCAPED,
			 "%s + bind mount of secret over %s: read TOPSECRET",
			 how, e.allowed);
	esc_exit(&e, ESC_BLOCKED, "bind mount made, open %s: %s", e.allowed,
		 esc_errname(errno));
}
