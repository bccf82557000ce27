/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What an allowed exec would run, read from the file the path resolved
 * to: a non-PIE binary, an executable stack, or a kind of program the
 * policy refuses (32-bit, static, dynamic, a script) is refused here with
 * EACCES, never ENOEXEC: on ENOEXEC a shell runs the file as a script of
 * its own, which would be a way around deny_script.
 *
 * This runs at syscall entry, on the inode the lookup pinned; a process
 * that can write that file may still change it before the kernel reads
 * it. The exec event's re-check (exec_image_verdict() on what was really
 * loaded) closes that, as it closes the path races of the exec decision.
 */
#include "syscalls/exec_image.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kernel/elf.h"
#include "kernel/ldso.h"
#include "kernel/procfs.h"
#include "log.h"
#include "policy/exec_image.h"
#include "syscalls/common.h"

static int refuse(struct notif *n, const char *sys, const char *path,
		  const char *what, const char *tip)
{
	struct log_access a = { .pid = n->req->pid,
				.sys = sys,
				.cap = CAT_EXEC,
				.act = ACTION_DENY,
				.path = path,
				.err = EACCES,
				.msg = what,
				.tip = tip };

	log_access(&a);
	return -EACCES;
}

int exec_check_image(struct notif *n, const char *sys, const struct resolved *r)
{
	struct elf_info info;
	enum exec_refusal why;
	struct fdpath p;
	bool ldso;
	int fd, err;

	if (r->fd < 0 || !S_ISREG(r->st.st_mode))
		return 0; /* EACCES from the kernel: not a regular file */
	/*
	 * Our own open of the inode decided, read-only and never blocking
	 * (a lease): with the caller's file credentials when the pool took
	 * them, so an executable it may not read (mode 0711) is refused:
	 * what cannot be checked does not run.
	 */
	fd = open(fdpath(&p, r->fd),
		  O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return refuse(n, sys, r->path,
			      "executable not readable to check its kind",
			      "make the file readable");
	err = elf_read_fd(fd, &info);
	close(fd);
	if (err < 0)
		return refuse(n, sys, r->path,
			      "malformed or foreign ELF executable", "");
	sandbox_rdlock(n->sb);
	why = exec_image_verdict(&info, n->sb);
	ldso = !n->sb->trace[TRACE_ALLOW_UNSAFE_LDSO] && ldso_is(&r->st);
	sandbox_unlock(n->sb);
	if (why == EXEC_REFUSAL_NONE && ldso)
		return refuse(n, sys, r->path, EXEC_LDSO_WHAT, EXEC_LDSO_TIP);
	if (why == EXEC_REFUSAL_NONE)
		return 0;
	return refuse(n, sys, r->path, exec_image_refusal_what(why),
		      exec_image_refusal_tip(why));
}
