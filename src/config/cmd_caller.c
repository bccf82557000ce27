/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The two commands that act for the process that sends them, so only from
 * inside, through /dev/syd; and ipc:PATH, refused.
 *
 * ghost: the sandbox lets syd go (supervise/ghost.c says what stays). Only
 * from inside, through /dev/syd, where the lock lets a command through:
 * at startup there is nothing to let go of yet. It cannot be undone, and
 * with it the lock goes on: nothing may configure a sandbox syd no longer
 * serves (/dev/syd itself is a hooked call, which fails from then on).
 */
#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "config/internal.h"

int cmd_ghost(struct ctx *x, const char *sub, char op, const char *val)
{
	(void)sub;
	(void)val;
	if (op)
		return fail(x, -EINVAL, "expected ghost");
	if (!x->c->runtime)
		return fail(x, -EINVAL,
			    "ghost is a run-time command: the sandbox enters "
			    "ghost mode with stat(\"/dev/syd/ghost\")");
	x->sb->lock_state = LOCK_STATE_ON;
	x->sb->lock_set = true;
	atomic_store(&x->sb->ghost, true);
	return 0;
}

/*
 * cmd/exec!PROGRAM: only taken note of here, for /dev/syd's handler to
 * run (supervise/cmd_exec.c) once the lock let the command through: it
 * needs the caller, whose credentials the program gets. At startup there
 * is no caller whose credentials it could take.
 */
int cmd_cmd_exec(struct ctx *x, const char *sub, char op, const char *val)
{
	(void)sub;
	if (need_op(x, op, "!", "cmd/exec!PROGRAM") < 0 ||
	    need_value(x, val, "cmd/exec!PROGRAM") < 0)
		return -EINVAL;
	if (!x->c->runtime)
		return fail(x, -EINVAL,
			    "cmd/exec is a run-time command: a process in the "
			    "sandbox runs a program outside it with "
			    "stat(\"/dev/syd/cmd/exec!PROGRAM\")");
	free(x->c->cmd_exec);
	x->c->cmd_exec = strdup(val);
	return x->c->cmd_exec ? 0 : oom(x);
}

/*
 * ipc:PATH, Syd's control socket for lock:ipc: refused until its protocol
 * and who may use it can be checked (doc/syd-names.md). A socket that
 * took commands on a guess could take them from the sandbox too.
 */
int cmd_ipc(struct ctx *x, const char *sub, char op, const char *val)
{
	(void)sub;
	(void)op;
	(void)val;
	return fail(x, -EOPNOTSUPP,
		    "'ipc' is not supported yet: " IPC_UNVERIFIED);
}
