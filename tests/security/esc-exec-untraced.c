/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Make a process the exec guard's tracer does not follow: clone(2) and
 * clone3(2) with CLONE_UNTRACED keep the fork events from attaching the
 * child, whose execs would then be decided at entry only (and lose the
 * race of esc-exec-race). Either call succeeding is the escape.
 */
#include "esc-exec.h"

#include <linux/sched.h>
#include <sched.h>
#include <sys/syscall.h>

int main(int argc, char **argv)
{
	struct esc e;
	struct clone_args ca;
	long pid;
	int err;

	esc_init(&e, argc, argv);
	pid = syscall(SYS_clone, CLONE_UNTRACED | SIGCHLD, 0, 0, 0, 0);
	if (pid == 0)
		_exit(0);
	if (pid > 0) {
		waitpid((pid_t)pid, NULL, 0);
		esc_exit(&e, ESC_ESCAPED, "clone(CLONE_UNTRACED) made a child");
	}
	err = errno;
	memset(&ca, 0, sizeof(ca));
	ca.flags = CLONE_UNTRACED;
	ca.exit_signal = SIGCHLD;
	pid = syscall(SYS_clone3, &ca, sizeof(ca));
	if (pid == 0)
		_exit(0);
	if (pid > 0) {
		waitpid((pid_t)pid, NULL, 0);
		esc_exit(&e, ESC_ESCAPED,
			 "clone3(CLONE_UNTRACED) made a child");
	}
	esc_exit(&e, ESC_BLOCKED, "clone: %s, clone3: %s", esc_errname(err),
		 esc_errname(errno));
}
