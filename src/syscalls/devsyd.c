/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * /dev/syd over stat(2). Who may reach it is the lock's to say: off,
 * anyone in the sandbox; exec, the initial process only (libsyd's
 * LOCK_EXEC: "on for all processes except the initial process"); drop,
 * read and on as config_apply_runtime() judges them; on, nobody, and the
 * name answers as a missing file would, so a locked sandbox cannot even
 * tell syd is there. Commands change the policy under the sandbox's write
 * lock, as every change must (sandbox.h), and the reply comes after it is
 * applied: the caller's next call already sees the new policy.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>

#include "config/config.h"
#include "log.h"
#include "supervise/cmd_exec.h"
#include "supervise/supervisor.h"
#include "syscalls/devsyd.h"

#define DEVSYD "/dev/syd"

bool devsyd_is(const char *path)
{
	return !strncmp(path, DEVSYD, sizeof(DEVSYD) - 1) &&
	       (path[sizeof(DEVSYD) - 1] == '\0' ||
		path[sizeof(DEVSYD) - 1] == '/');
}

/* What syd(2) says a magic stat returns: /dev/null's metadata. */
static void null_stat(struct stat *st)
{
	if (stat("/dev/null", st) == 0 && S_ISCHR(st->st_mode))
		return;
	/* Not there in syd's view: the same answer, made up. */
	memset(st, 0, sizeof(*st));
	st->st_mode = S_IFCHR | 0666;
	st->st_rdev = makedev(1, 3);
	st->st_nlink = 1;
	st->st_blksize = 4096;
}

/* May the caller of N see /dev/syd at all under lock state L? */
static bool reachable(const struct notif *n, enum lock_state l)
{
	if (l == LOCK_STATE_ON)
		return false;
	/*
	 * The initial process by its pid: the caller's thread id is the
	 * pid only for its main thread, so other threads are refused.
	 */
	if (l == LOCK_STATE_EXEC)
		return n->sv && (pid_t)n->req->pid == n->sv->child;
	return true;
}

long devsyd_stat(struct notif *n, const char *path, struct stat *st)
{
	const char *cmd = path + sizeof(DEVSYD) - 1;
	struct config_err err = { .msg = "" };
	struct config c;
	enum lock_state before;
	int ret = 0;

	if (*cmd == '/')
		cmd++;
	sandbox_wrlock(n->sb);
	before = n->sb->lock_state;
	if (!reachable(n, before)) {
		sandbox_unlock(n->sb);
		return -ENOENT;
	}
	if (*cmd) {
		config_init(&c, n->sb);
		ret = config_apply_runtime(&c, cmd, n->sb->hooked, &err);
	}
	sandbox_unlock(n->sb);
	/* cmd/exec, let through: run outside the lock (it waits for exec). */
	if (*cmd && c.cmd_exec) {
		if (ret == 0 && (ret = cmd_exec_run(n, c.cmd_exec)) < 0)
			snprintf(err.msg, sizeof(err.msg), "cmd/exec: %s",
				 strerror(-ret));
		free(c.cmd_exec);
	}
	if (ret == -ECANCELED) {
		/* panic: syd ends with 127, as for the -m command. */
		n->host->abort(n, err.status);
	}
	if (ret < 0 && ret != -ENOENT)
		log_msg(LOG_WARN, "pid %d: %s", (int)n->req->pid, err.msg);
	else if (ret == 0 && *cmd)
		log_msg(LOG_INFO, "pid %d: /dev/syd/%s", (int)n->req->pid, cmd);
	if (ret == 0)
		null_stat(st);
	return ret;
}
