/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Extra attack: reopen an fd on the secret for reading after the secret's
 * name is gone. The policy here lets the secret be seen, overwritten and
 * removed, but never read, renamed or linked (deny/all, then
 * allow/stat,walk,write,delete on it): a file one may rotate but not see.
 * Take an fd that reads nothing (O_PATH, else O_WRONLY without O_TRUNC),
 * unlink the name, and reopen /proc/self/fd/N read-only. The kernel's name
 * for the file is now "DIR/secret (deleted)", a string no rule for
 * DIR/secret matches; the data is still the secret.
 */
#include "esc.h"

int main(int argc, char **argv)
{
	char proc[64];
	struct esc e;
	int fd, rfd, err;

	esc_init(&e, argc, argv);
	fd = open(e.secret, O_PATH | O_CLOEXEC);
	if (fd < 0) {
		printf("# open(secret, O_PATH): %s\n", esc_errname(errno));
		fd = open(e.secret, O_WRONLY | O_CLOEXEC);
	}
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
			 "reopened the unlinked secret via %s and read "
			 "TOPSECRET",
			 proc);
	esc_exit(&e, ESC_BLOCKED, "open %s after unlink: %s", proc,
		 rfd < 0 ? esc_errname(err) : "opened, not the secret");
}
