/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * /dev/syd over stat(2), and its two files over open(2): /dev/syd, the
 * state as JSON, and /dev/syd.sh, the shell code defining esyd. Who may
 * reach them is the lock's to say: off,
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
#include <fcntl.h>
#include <string.h>
#include <sys/sysmacros.h>

#include "config/config.h"
#include "esyd.h"
#include "log.h"
#include "supervise/cmd_exec.h"
#include "supervise/supervisor.h"
#include "syscalls/devsyd.h"
#include "syscalls/procview.h"

#define DEVSYD	  "/dev/syd"
#define DEVSYD_SH "/dev/syd.sh"

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

bool devsyd_reaches(const struct notif *n, enum lock_state l)
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
	/* The caller's fd is read first, without the lock (devsyd_load.c). */
	if (!strncmp(cmd, "load/", 5) || !strncmp(cmd, "load!", 5)) {
		ret = (int)devsyd_load(n, cmd + 5);
		if (ret == 0)
			null_stat(st);
		return ret;
	}
	sandbox_wrlock(n->sb);
	before = n->sb->lock_state;
	if (!devsyd_reaches(n, before)) {
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

bool devsyd_open_is(const char *path)
{
	return !strcmp(path, DEVSYD) || !strcmp(path, DEVSYD_SH);
}

/*
 * The answer to an open of /dev/syd or /dev/syd.sh with FLAGS: 0 when it
 * may be read. They only give: not a directory, there already (a
 * character device to stat, null_stat()), and not to be written, as a
 * file whose mode lets nobody write.
 */
static int open_flags_ok(uint64_t flags)
{
	if (flags & O_DIRECTORY)
		return -ENOTDIR; /* O_TMPFILE too: it carries O_DIRECTORY */
	if ((flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL))
		return -EEXIST;
	/* O_TRUNC cuts even with O_RDONLY: a write */
	if ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC))
		return -EACCES;
	return 0;
}

int devsyd_open(struct notif *n, const char *path, uint64_t flags)
{
	bool sh = !strcmp(path, DEVSYD_SH);
	struct strbuf b = { 0 };
	int err, fd;

	sandbox_rdlock(n->sb);
	if (!devsyd_reaches(n, n->sb->lock_state)) {
		/*
		 * Locked for this caller: missing, as for stat, whatever the
		 * flags. The host's /dev is not consulted: a file made there
		 * by that name (O_CREAT) would answer for the interface.
		 */
		sandbox_unlock(n->sb);
		return -ENOENT;
	}
	err = open_flags_ok(flags);
	/*
	 * The state as it is at this open: a copy, so that what is read
	 * later is what the caller was allowed to see now, whatever the lock
	 * says by then.
	 */
	if (err == 0 && !sh && sandbox_to_json(n->sb, &b) == 0)
		strbuf_putc(&b, '\n');
	sandbox_unlock(n->sb);
	if (err < 0)
		return err;
	if (sh)
		fd = procview_sealed_copy("syd.sh", esyd_sh, esyd_sh_len,
					  flags);
	else if (strbuf_failed(&b))
		fd = -ENOMEM;
	else
		fd = procview_sealed_copy("syd", strbuf_str(&b), b.len, flags);
	strbuf_fini(&b);
	return fd;
}

bool devsyd_only_call(const struct notif *n, uint64_t flags)
{
	unsigned nr = (unsigned)n->req->data.nr;
	enum devsyd_only m;
	enum lock_state l;

	if (!n->sv || nr >= DISPATCH_MAX)
		return false;
	m = (enum devsyd_only)n->sv->devsyd_only[nr];
	if (m == DEVSYD_ONLY_READS)
		return !filter_open_writes(flags);
	if (m != DEVSYD_ONLY_ALL)
		return false;
	if (!filter_open_writes(flags))
		return true;
	/*
	 * Under lock:exec the initial process may still change the policy
	 * and run programs outside the sandbox (cmd/exec): another process
	 * that opened /proc/PID/mem of it for writing (no category decides
	 * the open, Yama may allow it) would write its code there and speak
	 * for it (esc-devsyd-hijack). So the writing opens of every other
	 * process take the full way, where /proc/PID entries of another
	 * process are refused as ever (resolve/view.c); reading ones, and
	 * the initial process's own (unshare -r writes its uid_map), still
	 * go back. The lock only moves stricter: a state read just before
	 * it moves on errs toward the full way.
	 */
	sandbox_rdlock(n->sb);
	l = n->sb->lock_state;
	sandbox_unlock(n->sb);
	return l != LOCK_STATE_EXEC || devsyd_reaches(n, LOCK_STATE_EXEC);
}
