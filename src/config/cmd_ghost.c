/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ghost: the sandbox lets syd go (supervise/ghost.c says what stays). Only
 * from inside, through /dev/syd, where the lock lets a command through:
 * at startup there is nothing to let go of yet. It cannot be undone, and
 * with it the lock goes on: nothing may configure a sandbox syd no longer
 * serves (/dev/syd itself is a hooked call, which fails from then on).
 */
#include <errno.h>
#include <stdatomic.h>

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
