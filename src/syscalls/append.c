/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * append+PATTERN: the sandbox may add to a matching file, never change or
 * take away what it holds. A file's content can be changed by a path call
 * (truncate, unlink, rename over it, a rename or hard link of it to a name
 * no rule protects, open with O_TRUNC), by a write at an offset, or by a
 * call on an fd: so
 *  - path calls that would are refused (EPERM, as for chattr +a) in
 *    notif_check(), the one place every path call is decided, and so is
 *    a rename of a directory above such a file (rules match names);
 *  - every open for writing that syd makes gets O_APPEND, so the kernel
 *    puts every write(2) and pwrite(2) at the end; a read-write open is
 *    refused: a shared writable mmap(2) of such an fd writes anywhere, and
 *    the kernel allows it for O_APPEND fds (only an inode flagged +a is
 *    refused there);
 *  - fcntl(F_SETFL) may not take O_APPEND off (made here, on the caller's
 *    open file, so the fd checked is the fd changed); pwritev2(2) with
 *    RWF_NOAPPEND is refused in the kernel; ftruncate(2) and fallocate(2)
 *    come to syd as truncations (fdops.c), refused here by the fd's path;
 *  - Linux AIO (io_submit(2)) takes RWF_NOAPPEND from memory: off while
 *    an append rule exists; io_uring is off anyway (filter.c);
 *  - copy_file_range(2), splice(2) and sendfile(2) into an O_APPEND fd are
 *    the kernel's to refuse (EBADF, EINVAL).
 * An fd the sandbox was given at start is the starter's: not reopened.
 */
#include "syscalls/append.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "kernel/tracee.h"
#include "policy/pattern.h"
#include "resolve/resolve.h"
#include "syscalls/access.h"
#include "syscalls/common.h"
#include "syscalls/creds.h"

#ifndef RWF_NOAPPEND
#define RWF_NOAPPEND 0x00000020 /* linux/fs.h, Linux 6.9 */
#endif

/* The categories of a path call that changes a file's content or name. */
#define CHANGES                                                                \
	(CAT_BIT(CAT_TRUNCATE) | CAT_BIT(CAT_DELETE) | CAT_BIT(CAT_RENAME))

/* Does an append rule match PATH, or (BELOW) may it match below it? */
static bool matches(struct sandbox *sb, const char *path, size_t len,
		    bool below)
{
	bool hit = false;

	if (!sb->appends.n)
		return false;
	sandbox_rdlock(sb);
	for (size_t i = 0; i < sb->appends.n && !hit; i++) {
		const struct pattern *p =
			*(struct pattern **)vec_at(&sb->appends, i);

		hit = pattern_match(p, path, len) ||
		      (below && pattern_may_match_below(p, path, len));
	}
	sandbox_unlock(sb);
	return hit;
}

bool append_is(struct sandbox *sb, const char *path, size_t len)
{
	return matches(sb, path, len, false);
}

bool append_row(const struct sandbox *sb, const char *name)
{
	static const char *const rows[] = {
		"open",	     "openat",	  "openat2", "creat",	 "truncate",
		"ftruncate", "fallocate", "unlink",  "unlinkat", "rename",
		"renameat",  "renameat2", "link",    "linkat",
	};

	if (!sb->appends.n)
		return false;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		if (!strcmp(name, rows[i]))
			return true;
	return false;
}

int append_add_rules(scmp_filter_ctx ctx, const struct sandbox *sb)
{
	static const char *const aio[] = { "io_setup", "io_submit" };
	struct scmp_arg_cmp setfl[2] = {
		{ .arg = 1,
		  .op = SCMP_CMP_MASKED_EQ,
		  .datum_a = 0xffffffffu,
		  .datum_b = F_SETFL },
		{ .arg = 2,
		  .op = SCMP_CMP_MASKED_EQ,
		  .datum_a = O_APPEND,
		  .datum_b = 0 },
	};
	struct scmp_arg_cmp noappend = { .arg = 5,
					 .op = SCMP_CMP_MASKED_EQ,
					 .datum_a = RWF_NOAPPEND,
					 .datum_b = RWF_NOAPPEND };
	int nr, err;

	if (!sb->appends.n)
		return 0;
	/* Any F_SETFL that leaves O_APPEND out may be taking it off. */
	err = seccomp_rule_add_array(ctx, SCMP_ACT_NOTIFY,
				     seccomp_syscall_resolve_name("fcntl"), 2,
				     setfl);
	if (err < 0)
		return err;
	/*
	 * RWF_NOAPPEND writes at the offset given whatever O_APPEND says; the
	 * flag is in a register, so no fd can be swapped in after a check.
	 */
	nr = seccomp_syscall_resolve_name("pwritev2");
	if (nr >= 0)
		err = seccomp_rule_add_array(ctx, SCMP_ACT_ERRNO(EPERM), nr, 1,
					     &noappend);
	/*
	 * Linux AIO reads each request's RWF_* flags from memory, where no
	 * filter sees them: off (ENOSYS, as without CONFIG_AIO), so programs
	 * fall back to plain calls.
	 */
	for (size_t i = 0; err == 0 && i < sizeof(aio) / sizeof(aio[0]); i++) {
		nr = seccomp_syscall_resolve_name(aio[i]);
		if (nr >= 0)
			err = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), nr,
					       0);
	}
	return err;
}

int append_check(struct notif *n, const char *sys, const char *path,
		 uint64_t cats)
{
	enum cat cat = CAT_TRUNCATE;

	/*
	 * A rename of a directory above an append-only file would leave the
	 * file under a name no rule matches: refused too.
	 */
	if (!(cats & CHANGES) || !matches(n->sb, path, strlen(path),
					  (cats & CAT_BIT(CAT_RENAME)) != 0))
		return 0;
	if (cats & CAT_BIT(CAT_DELETE))
		cat = CAT_DELETE;
	else if (cats & CAT_BIT(CAT_RENAME))
		cat = CAT_RENAME;
	return notif_act(n, sys, path, cat, ACTION_DENY, -EPERM, "");
}

int append_open(struct notif *n, const char *sys, const char *path,
		uint64_t *flags)
{
	int acc = (int)(*flags & O_ACCMODE);

	/* O_TMPFILE names a directory: the file it makes has no name yet. */
	if (acc == O_RDONLY || (*flags & O_TMPFILE) == O_TMPFILE ||
	    !append_is(n->sb, path, strlen(path)))
		return 0;
	if (acc != O_WRONLY)
		return notif_act(n, sys, path, CAT_WRITE, ACTION_DENY, -EPERM,
				 "");
	*flags |= O_APPEND;
	return 0;
}

int append_setfl_check(struct notif *n, int fd, unsigned long arg)
{
	RESOLVED(r);
	int cur, copy;

	if ((arg & O_APPEND) || !n->sb->appends.n)
		return 0;
	cur = fcntl(fd, F_GETFL);
	if (cur < 0)
		return -errno;
	/* Without O_APPEND now, this call takes nothing off. */
	if (!(cur & O_APPEND))
		return 0;
	copy = fcntl(fd, F_DUPFD_CLOEXEC, 0);
	if (copy < 0)
		return -errno;
	/* A file we cannot name may be one: O_APPEND stays (fail closed). */
	if (resolve_own_fd(copy, &r) < 0)
		return -EPERM;
	if (r.path[0] == '/' && append_is(n->sb, r.path, strlen(r.path)))
		return notif_act(n, "fcntl", r.path, CAT_WRITE, ACTION_DENY,
				 -EPERM, "");
	return 0;
}

long append_setfl(struct notif *n)
{
	unsigned long arg = (unsigned long)notif_arg(n, 2);
	int fd AUTO_FD = tracee_getfd(n->req->pid, notif_fd_arg(n, 0));
	int err;

	if (fd < 0)
		return fd == -ESRCH ? -ESRCH : -EBADF;
	err = append_setfl_check(n, fd, arg);
	/*
	 * On our copy: the open file checked is the one changed, whatever
	 * the caller's fd number names by now. As the caller: O_NOATIME needs
	 * its ownership of the file or CAP_FOWNER, not syd's.
	 */
	if (err == 0)
		err = notif_creds_take(n, CREDS_FS);
	if (err < 0)
		return err;
	return notif_acted(n, fcntl(fd, F_SETFL, (int)arg));
}
