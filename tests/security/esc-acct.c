/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Extra attack: make the kernel write to the secret. acct(2) takes a path,
 * opens that file for appending itself and writes a record for every
 * process that exits: a write to a file whose every category the policy
 * denies. It needs CAP_SYS_PACCT (root). Accounting belongs to a pid
 * namespace, so all of this happens in a new one, never on the host's.
 * Escape: acct(2) accepted the secret (natively the records are counted).
 */
#include <sched.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "esc.h"

/* Pid 1 of the new namespace: exits 0 when acct(secret) worked. */
static int pid1(const struct esc *e)
{
	int status;
	pid_t pid;

	if (acct(e->secret) < 0) {
		printf("# acct(secret): %s\n", esc_errname(errno));
		return errno == EPERM && geteuid() != 0 ? 3 : 1;
	}
	/* One exit to account for, then accounting off again. */
	pid = fork();
	if (pid == 0)
		_exit(0);
	if (pid > 0)
		waitpid(pid, &status, 0);
	acct(NULL);
	return 0;
}

int main(int argc, char **argv)
{
	struct esc e;
	struct stat st;
	int status;
	pid_t pid;

	esc_init(&e, argc, argv);
	if (unshare(CLONE_NEWPID) < 0)
		esc_exit(&e, ESC_UNSUPPORTED,
			 "unshare(CLONE_NEWPID): %s (acct is only tried in a "
			 "pid namespace of its own)",
			 esc_errname(errno));
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		esc_exit(&e, ESC_SETUP, "fork: %s", strerror(errno));
	if (pid == 0)
		_exit(pid1(&e));
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
		esc_exit(&e, ESC_SETUP, "pid 1 died (status %#x)", status);
	if (WEXITSTATUS(status) == 3)
		esc_exit(&e, ESC_UNSUPPORTED,
			 "acct: EPERM (needs CAP_SYS_PACCT)");
	if (WEXITSTATUS(status) != 0)
		esc_exit(&e, ESC_BLOCKED, "acct(secret) refused");
	if (stat(e.secret, &st) == 0 && st.st_size > 10)
		esc_exit(&e, ESC_ESCAPED,
			 "acct(secret) made the kernel append %lld bytes of "
			 "records to it",
			 (long long)st.st_size - 10);
	esc_exit(&e, ESC_ESCAPED,
		 "acct(secret) succeeded: the kernel appends to it on every "
		 "exit");
}
