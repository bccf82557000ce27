/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Force at exec entry (policy/force.h decides, this acts). The exec itself
 * is continued by the kernel, which looks the path up again: this check is
 * a filter until the ptrace exec event re-checks what was really loaded,
 * with the same force_check() on /proc/PID/exe. A script's interpreter is
 * what runs, so a listed script is not enough: each #! interpreter is
 * checked too, the way binfmt_script finds it.
 */
#include "syscalls/force.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "kernel/procfs.h"
#include "policy/force.h"
#include "syscalls/access.h"
#include "syscalls/common.h"

/* binfmt_script reads this much of a file; the kernel nests 4 deep. */
#define SHEBANG_BUF  256
#define INTERP_DEPTH 4
/* Hashing more than this may take a while: let another thread receive. */
#define BIG_FILE (1 << 20)

/*
 * The interpreter of the script FD (an fd on it, any mode) into INTERP
 * (SHEBANG_BUF bytes): 1 when it has one, 0 when it is no script (or one
 * the kernel refuses with ENOEXEC: no name, or a name cut by the buffer),
 * -errno when it cannot be read.
 */
static int shebang(int fd, char *interp)
{
	char buf[SHEBANG_BUF + 1];
	struct fdpath fp;
	int rfd AUTO_FD = -1;
	size_t i, j;
	ssize_t n;

	rfd = open(fdpath(&fp, fd),
		   O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (rfd < 0)
		return -errno;
	n = pread(rfd, buf, SHEBANG_BUF, 0);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	if (n < 2 || buf[0] != '#' || buf[1] != '!')
		return 0;
	for (i = 2; i < (size_t)n && (buf[i] == ' ' || buf[i] == '\t'); i++)
		;
	for (j = i; j < (size_t)n && !strchr(" \t\n", buf[j]) && buf[j]; j++)
		;
	/* a name running into the end of the buffer may be cut short */
	if (j == i || (j == (size_t)n && !memchr(buf, '\n', (size_t)n)))
		return 0;
	memcpy(interp, buf + i, j - i);
	interp[j - i] = '\0';
	return 1;
}

/* Force for one object; 0 or the answer, logged and acted on. */
static int check_one(struct notif *n, const char *sys, const char *path, int fd,
		     off_t size)
{
	char tip[FORCE_TIP_MAX];
	enum action act;
	bool big = size > BIG_FILE;

	if (big)
		n->host->may_block(n);
	(void)force_check(n->sb, path, fd, &act, tip, sizeof(tip));
	if (big && n->host->unblocked(n))
		return -ERESTARTSYS;
	return notif_act(n, sys, path, CAT_FORCE, act, -EACCES,
			 tip[0] ? tip : NULL);
}

int exec_force(struct notif *n, const char *sys, const struct resolved *r)
{
	char interp[SHEBANG_BUF + 1];
	int fd = r->fd, err, depth;
	const char *path = r->path;
	off_t size = r->st.st_size;
	RESOLVED(ri);
	bool on;

	sandbox_rdlock(n->sb);
	on = sandbox_enabled(n->sb, CAT_FORCE);
	sandbox_unlock(n->sb);
	if (!on)
		return 0;
	for (depth = 0;; depth++) {
		err = check_one(n, sys, path, fd, size);
		if (err < 0)
			return err;
		err = shebang(fd, interp);
		if (err <= 0)
			return err < 0 ? -EACCES : 0;
		/* deeper than the kernel goes: it fails the exec (ELOOP) */
		if (depth == INTERP_DEPTH)
			return -ELOOP;
		resolved_fini(&ri);
		err = resolve_path(n->req->pid, AT_FDCWD, interp, RES_FOLLOW,
				   &ri);
		if (err < 0)
			return err;
		fd = ri.fd;
		path = ri.path;
		size = ri.st.st_size;
	}
}
