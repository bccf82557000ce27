/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Calls that change the file system or read link and attribute data:
 * mkdir, mknod, unlink, rmdir, rename, link, symlink, readlink, chmod,
 * chown, truncate, utime, and chdir/chroot. Each is resolved to an O_PATH fd
 * (or a parent fd and a name), decided, and performed by the supervisor on
 * those fds with the caller's fsuid, fsgid, groups and umask.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>
#include <utime.h>

#include "supervise/resolve.h"
#include "syscalls/access.h"
#include "syscalls/common.h"
#include "syscalls/creds.h"

/* "/proc/thread-self/fd/N": our fd as a path, for calls with no fd form. */
struct fdpath {
	char s[48];
};

static const char *fdpath(struct fdpath *p, int fd)
{
	snprintf(p->s, sizeof(p->s), "/proc/thread-self/fd/%d", fd);
	return p->s;
}

/* What the kernel calls the last component of a path it removes or renames. */
enum last { LAST_NORM, LAST_ROOT, LAST_DOT, LAST_DOTDOT };

static enum last last_kind(const char *path)
{
	size_t n = strlen(path), k;
	const char *p;

	while (n > 0 && path[n - 1] == '/')
		n--;
	if (n == 0)
		return path[0] == '/' ? LAST_ROOT : LAST_NORM;
	p = memrchr(path, '/', n);
	p = p ? p + 1 : path;
	k = (size_t)(path + n - p);
	if (k == 1 && p[0] == '.')
		return LAST_DOT;
	if (k == 2 && p[0] == '.' && p[1] == '.')
		return LAST_DOTDOT;
	return LAST_NORM;
}

/*
 * Copy the path of argument ARG, resolve it against DIRFD with FLAGS, and
 * decide CATS (0: decided by the caller). Returns true with R filled when
 * the call may go on; otherwise n->resp holds the answer. LAST (when not
 * NULL) gets the kind of the path's last component, as written.
 */
/*
 * prepare() flags, beside the RES_* ones, for what the kernel checks
 * before it asks for permission: a call that creates the name fails with
 * EEXIST when it exists (mkdir -p, rm -f and friends rely on it), one that
 * needs it fails with ENOENT when it is missing. A name the policy hides
 * stays hidden: EEXIST only for a name the caller may see; a hidden one
 * gets what a missing one would (notif_new_name()), whether it exists.
 */
#define PREP_ABSENT (1u << 16)
#define PREP_PRESENT (1u << 17)
/*
 * With PREP_ABSENT: the call makes a directory, so "name/" is a name it may
 * make. Every other call that makes a name fails on "name/" before it asks
 * for permission: ENOENT when the name is missing, EEXIST when it is there.
 */
#define PREP_DIR (1u << 18)
/* A NULL path names the fd (futimens()); with RES_EMPTY_PATH. */
#define PREP_NULL_FD (1u << 19)
#define PREP_FLAGS (PREP_ABSENT | PREP_PRESENT | PREP_DIR | PREP_NULL_FD)

static bool prepare_last(struct notif *n, const char *sys, int dirfd,
			 int arg, unsigned flags, uint64_t cats,
			 struct resolved *r, enum last *last)
{
	char path[PATH_MAX];
	int err;

	/* Set on every way out: gcc -O3 cannot see that "true" implies it. */
	if (last)
		*last = LAST_NORM;
	err = notif_path_at(n, arg, flags & PREP_NULL_FD, path);
	if (err == 0 && last)
		*last = last_kind(path);
	if (err == 0)
		err = resolve_path(n->req->pid, dirfd, path,
				   flags & ~PREP_FLAGS, r);
	if (err < 0) {
		n->resp.error = err;
		return false;
	}
	if ((flags & PREP_ABSENT) && !(flags & PREP_DIR) &&
	    r->trailing_slash) {
		/*
		 * A name that cannot be seen is missing here too, whatever
		 * the rule that hides it answers for a stat: ENOENT.
		 */
		if (r->fd >= 0 &&
		    notif_allowed(n, sys, r->path, CAT_BIT(CAT_STAT)))
			n->resp.error = -EEXIST;
		else
			n->resp.error = -ENOENT;
		resolved_fini(r);
		return false;
	}
	if ((flags & PREP_PRESENT) && r->fd < 0) {
		n->resp.error = -ENOENT;
		resolved_fini(r);
		return false;
	}
	if ((flags & PREP_ABSENT) && !notif_new_name(n, sys, r->path, cats)) {
		resolved_fini(r);
		return false;
	}
	if ((flags & PREP_ABSENT) && r->fd >= 0) {
		/* Seen and there: EEXIST, unless a stat of it is refused. */
		if (notif_allowed(n, sys, r->path, CAT_BIT(CAT_STAT)))
			n->resp.error = -EEXIST;
		resolved_fini(r);
		return false;
	}
	if (cats && !notif_allowed(n, sys, r->path, cats)) {
		resolved_fini(r);
		return false;
	}
	return true;
}

/* prepare_last() without the last component's kind. */
static bool prepare(struct notif *n, const char *sys, int dirfd, int arg,
		    unsigned flags, uint64_t cats, struct resolved *r)
{
	return prepare_last(n, sys, dirfd, arg, flags, cats, r, NULL);
}

/* Run the emulated call's result into the answer, with credentials. */
static void finish(struct notif *n, int ret)
{
	n->resp.error = ret < 0 ? -errno : 0;
	n->resp.val = ret < 0 ? 0 : ret;
}

static bool enter(struct notif *n, unsigned need)
{
	int err = notif_creds_enter(n, need);

	if (err < 0)
		n->resp.error = err == -ESRCH ? -ESRCH : -EACCES;
	return err == 0;
}

/* mkdir(2), mkdirat(2) */
static int do_mkdir(struct notif *n, const char *sys, int dirfd, int arg,
		    mode_t mode)
{
	struct resolved r;

	if (!prepare(n, sys, dirfd, arg, RES_PARENT | PREP_ABSENT | PREP_DIR,
		     CAT_BIT(CAT_MKDIR), &r))
		return 0;
	/* An existing name was answered EEXIST by prepare(). */
	if (enter(n, CREDS_FS | CREDS_UMASK)) {
		finish(n, mkdirat(r.dirfd, r.name, mode));
		notif_creds_leave(n);
	}
	resolved_fini(&r);
	return 0;
}

int hook_mkdir(struct notif *n)
{
	return do_mkdir(n, "mkdir", AT_FDCWD, 0, (mode_t)notif_arg(n, 1));
}

int hook_mkdirat(struct notif *n)
{
	return do_mkdir(n, "mkdirat", notif_fd_arg(n, 0), 1,
			(mode_t)notif_arg(n, 2));
}

/* mknod(2), mknodat(2): the file type picks the category. */
static int do_mknod(struct notif *n, const char *sys, int dirfd, int arg,
		    mode_t mode, dev_t dev)
{
	struct resolved r;
	enum cat cat;

	switch (mode & S_IFMT) {
	case 0:
	case S_IFREG:
		cat = CAT_CREATE;
		break;
	case S_IFCHR:
		cat = CAT_MKCDEV;
		break;
	case S_IFBLK:
		cat = CAT_MKBDEV;
		break;
	case S_IFIFO:
		cat = CAT_MKFIFO;
		break;
	case S_IFSOCK:
		cat = CAT_NET_BIND;
		break;
	case S_IFDIR:
		n->resp.error = -EPERM; /* the kernel's answer, before lookup */
		return 0;
	default:
		n->resp.error = -EINVAL;
		return 0;
	}
	if (!prepare(n, sys, dirfd, arg, RES_PARENT | PREP_ABSENT,
		     CAT_BIT(cat), &r))
		return 0;
	/* An existing name was answered EEXIST by prepare(). */
	if (enter(n, CREDS_FS | CREDS_UMASK)) {
		finish(n, mknodat(r.dirfd, r.name, mode, dev));
		notif_creds_leave(n);
	}
	resolved_fini(&r);
	return 0;
}

int hook_mknod(struct notif *n)
{
	return do_mknod(n, "mknod", AT_FDCWD, 0, (mode_t)notif_arg(n, 1),
			(dev_t)notif_arg(n, 2));
}

int hook_mknodat(struct notif *n)
{
	return do_mknod(n, "mknodat", notif_fd_arg(n, 0), 1,
			(mode_t)notif_arg(n, 2), (dev_t)notif_arg(n, 3));
}

/* unlink(2), unlinkat(2), rmdir(2) */
static int do_unlink(struct notif *n, const char *sys, int dirfd, int arg,
		     int flags)
{
	bool rmdir = flags & AT_REMOVEDIR;
	struct resolved r;
	enum last last;

	if (flags & ~AT_REMOVEDIR) {
		n->resp.error = -EINVAL;
		return 0;
	}
	if (!prepare_last(n, sys, dirfd, arg, RES_PARENT | PREP_PRESENT,
			  CAT_BIT(rmdir ? CAT_RMDIR : CAT_DELETE), &r, &last))
		return 0;
	/* A missing name was answered ENOENT by prepare_last(). */
	if (last != LAST_NORM || r.dirfd < 0) {
		/* ".", ".." or "/": what the kernel answers for each. */
		static const int rmdir_err[] = { [LAST_NORM] = -EBUSY,
						 [LAST_ROOT] = -EBUSY,
						 [LAST_DOT] = -EINVAL,
						 [LAST_DOTDOT] = -ENOTEMPTY };

		n->resp.error = rmdir ? rmdir_err[last] : -EISDIR;
	} else if (!rmdir && r.trailing_slash) {
		n->resp.error = S_ISDIR(r.st.st_mode) ? -EISDIR : -ENOTDIR;
	} else if (enter(n, CREDS_FS)) {
		/*
		 * The entry removed is the one at the checked path: a file
		 * swapped in under that name is that path's file too.
		 */
		finish(n, unlinkat(r.dirfd, r.name, flags));
		notif_creds_leave(n);
	}
	resolved_fini(&r);
	return 0;
}

int hook_unlink(struct notif *n)
{
	return do_unlink(n, "unlink", AT_FDCWD, 0, 0);
}

int hook_rmdir(struct notif *n)
{
	return do_unlink(n, "rmdir", AT_FDCWD, 0, AT_REMOVEDIR);
}

int hook_unlinkat(struct notif *n)
{
	return do_unlink(n, "unlinkat", notif_fd_arg(n, 0), 1,
			 (int)notif_arg(n, 2));
}

/* rename(2), renameat(2), renameat2(2): both names must allow rename. */
static int do_rename(struct notif *n, const char *sys, int olddir, int oldarg,
		     int newdir, int newarg, unsigned flags)
{
	struct resolved from, to;
	enum last from_last, to_last;

	if ((flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT)) ||
	    ((flags & RENAME_EXCHANGE) &&
	     (flags & (RENAME_NOREPLACE | RENAME_WHITEOUT)))) {
		n->resp.error = -EINVAL;
		return 0;
	}
	/* Both looked up first, decided after what the kernel checks first. */
	if (!prepare_last(n, sys, olddir, oldarg, RES_PARENT, 0, &from,
			  &from_last))
		return 0;
	if (!prepare_last(n, sys, newdir, newarg, RES_PARENT, 0, &to,
			  &to_last)) {
		resolved_fini(&from);
		return 0;
	}
	/* In the kernel's order: the names first, then what they are. */
	if (from_last != LAST_NORM || from.dirfd < 0) {
		n->resp.error = -EBUSY; /* ".", ".." or "/" */
	} else if (to_last != LAST_NORM || to.dirfd < 0) {
		n->resp.error = (flags & RENAME_NOREPLACE) ? -EEXIST : -EBUSY;
	} else if (from.fd < 0) {
		n->resp.error = -ENOENT;
	} else if ((flags & RENAME_EXCHANGE) &&
		   (to.fd < 0 || !notif_allowed(n, sys, to.path, 0))) {
		/*
		 * Both must exist, which the kernel finds before it asks for
		 * permission: a hidden one is missing (ENOENT either way).
		 */
		n->resp.error = -ENOENT;
	} else if (!notif_allowed(n, sys, from.path,
				  CAT_BIT(CAT_RENAME) |
					  /* a whiteout: a device (0:0) left */
					  ((flags & RENAME_WHITEOUT) ?
						   CAT_BIT(CAT_MKCDEV) :
						   0)) ||
		   /* a hidden new name: answered as a missing one */
		   (!(flags & RENAME_EXCHANGE) &&
		    !notif_new_name(n, sys, to.path,
				    CAT_BIT(CAT_RENAME) |
					    CAT_BIT(CAT_CREATE))) ||
		   !notif_allowed(n, sys, to.path,
				  CAT_BIT(CAT_RENAME) | CAT_BIT(CAT_CREATE))) {
		/* answered by the decision */
	} else if ((flags & RENAME_NOREPLACE) && to.fd >= 0) {
		n->resp.error = -EEXIST; /* seen: notif_new_name() said so */
	} else if (!S_ISDIR(from.st.st_mode) &&
		   (from.trailing_slash ||
		    (!(flags & RENAME_EXCHANGE) && to.trailing_slash))) {
		/*
		 * "name/" names a directory; neither names (a symlink to
		 * one is not one here) nor a target written "name/" may be
		 * anything else.
		 */
		n->resp.error = -ENOTDIR;
	} else if ((flags & RENAME_EXCHANGE) && to.trailing_slash &&
		   !S_ISDIR(to.st.st_mode)) {
		n->resp.error = -ENOTDIR; /* each takes the other's place */
	} else if (enter(n, CREDS_FS)) {
		finish(n, (int)syscall(SYS_renameat2, from.dirfd, from.name,
				       to.dirfd, to.name, flags));
		notif_creds_leave(n);
	}
	resolved_fini(&from);
	resolved_fini(&to);
	return 0;
}

int hook_rename(struct notif *n)
{
	return do_rename(n, "rename", AT_FDCWD, 0, AT_FDCWD, 1, 0);
}

int hook_renameat(struct notif *n)
{
	return do_rename(n, "renameat", notif_fd_arg(n, 0), 1,
			 notif_fd_arg(n, 2), 3, 0);
}

int hook_renameat2(struct notif *n)
{
	return do_rename(n, "renameat2", notif_fd_arg(n, 0), 1,
			 notif_fd_arg(n, 2), 3, (unsigned)notif_arg(n, 4));
}

/*
 * link(2), linkat(2). A hard link makes the file reachable under a second
 * name, with whatever the policy allows there: so the caller must already
 * be allowed to read and write it where it is, besides linking it.
 */
static int do_link(struct notif *n, const char *sys, int olddir, int oldarg,
		   int newdir, int newarg, int flags)
{
	struct resolved from, to;
	struct fdpath p;
	unsigned rf = 0;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH)) {
		n->resp.error = -EINVAL;
		return 0;
	}
	if (flags & AT_SYMLINK_FOLLOW)
		rf |= RES_FOLLOW;
	if (flags & AT_EMPTY_PATH)
		rf |= RES_EMPTY_PATH;
	if (!prepare(n, sys, olddir, oldarg, rf,
		     CAT_BIT(CAT_RENAME) | CAT_BIT(CAT_READ) |
			     CAT_BIT(CAT_WRITE),
		     &from))
		return 0;
	if (!prepare(n, sys, newdir, newarg, RES_PARENT | PREP_ABSENT,
		     CAT_BIT(CAT_CREATE), &to)) {
		resolved_fini(&from);
		return 0;
	}
	/* An existing new name was answered EEXIST by prepare(). */
	if (S_ISDIR(from.st.st_mode)) {
		n->resp.error = -EPERM;
	} else if (enter(n, CREDS_FS)) {
		/*
		 * Through our fd's magic link: links exactly the inode that
		 * was checked (the documented way to link an O_TMPFILE file).
		 */
		finish(n, linkat(AT_FDCWD, fdpath(&p, from.fd), to.dirfd,
				 to.name, AT_SYMLINK_FOLLOW));
		notif_creds_leave(n);
	}
	resolved_fini(&from);
	resolved_fini(&to);
	return 0;
}

int hook_link(struct notif *n)
{
	return do_link(n, "link", AT_FDCWD, 0, AT_FDCWD, 1, 0);
}

int hook_linkat(struct notif *n)
{
	return do_link(n, "linkat", notif_fd_arg(n, 0), 1, notif_fd_arg(n, 2),
		       3, (int)notif_arg(n, 4));
}

/* symlink(2), symlinkat(2): the target is text, checked when followed. */
static int do_symlink(struct notif *n, const char *sys, int newdir,
		      int newarg)
{
	char target[PATH_MAX];
	struct resolved r;
	ssize_t len;

	len = tracee_read_str(n->req->pid, notif_arg(n, 0), target,
			      sizeof(target));
	if (len < 0) {
		n->resp.error = (int)len;
		return 0;
	}
	if (len == 0) {
		n->resp.error = -ENOENT;
		return 0;
	}
	if (!prepare(n, sys, newdir, newarg, RES_PARENT | PREP_ABSENT,
		     CAT_BIT(CAT_SYMLINK), &r))
		return 0;
	/* An existing name was answered EEXIST by prepare(). */
	if (enter(n, CREDS_FS)) {
		finish(n, symlinkat(target, r.dirfd, r.name));
		notif_creds_leave(n);
	}
	resolved_fini(&r);
	return 0;
}

int hook_symlink(struct notif *n)
{
	return do_symlink(n, "symlink", AT_FDCWD, 1);
}

int hook_symlinkat(struct notif *n)
{
	return do_symlink(n, "symlinkat", notif_fd_arg(n, 1), 2);
}

/*
 * A /proc magic link (a process's cwd, root, exe, fd/N, map_files/...)
 * reads as the path of the object it stands for: for a hidden object,
 * that text would show the hidden name. Such a link answers ENOENT, as
 * the hidden symlink a lookup cannot follow does; the text of a link
 * anywhere else is what was written, not a name that was looked up.
 * TARGET (LEN bytes, not NUL-terminated) is the link's text. Returns
 * false with n->resp set when it names a hidden path.
 */
static bool magic_target_visible(struct notif *n, const char *sys,
				 const char *link, const char *target,
				 size_t len)
{
	static const char deleted[] = " (deleted)";
	const size_t dl = sizeof(deleted) - 1;
	char path[PATH_MAX];

	if (strncmp(link, "/proc/", 6) || len == 0 || target[0] != '/')
		return true;
	if (len >= sizeof(path)) {
		/* Cut short: not a whole name to decide on. */
		n->resp.error = -ENAMETOOLONG;
		return false;
	}
	memcpy(path, target, len);
	/* An unlinked file is decided by the name it had. */
	if (len > dl && !memcmp(path + len - dl, deleted, dl))
		len -= dl;
	path[len] = '\0';
	return notif_allowed(n, sys, path, 0);
}

/* readlink(2), readlinkat(2) */
static int do_readlink(struct notif *n, const char *sys, int dirfd, int arg,
		       uint64_t buf, int64_t size)
{
	char target[PATH_MAX];
	struct resolved r;
	ssize_t len;
	int err;

	if (size <= 0) {
		n->resp.error = -EINVAL;
		return 0;
	}
	if (!prepare(n, sys, dirfd, arg, RES_EMPTY_PATH,
		     CAT_BIT(CAT_READLINK), &r))
		return 0;
	if (!S_ISLNK(r.st.st_mode)) {
		notif_release(n, &r);
		n->resp.error = -EINVAL;
		return 0;
	}
	if (!strcmp(r.path, "/proc/self") || !strcmp(r.path, "/proc/thread-self")) {
		/* The link read by us would name syd: answer for the caller. */
		pid_t tgid = proc_tgid(n->req->pid);

		len = tgid < 0 ? -1 :
		      r.path[6] == 's' ?
				 snprintf(target, sizeof(target), "%d", (int)tgid) :
				 snprintf(target, sizeof(target), "%d/task/%d",
					  (int)tgid, (int)n->req->pid);
		errno = ESRCH;
	} else {
		len = readlinkat(r.fd, "", target, sizeof(target));
	}
	notif_release(n, &r);
	if (len < 0) {
		n->resp.error = -errno;
		return 0;
	}
	if (!magic_target_visible(n, sys, r.path, target, (size_t)len))
		return 0;
	if (len > size)
		len = (ssize_t)size; /* silently truncated, as readlink does */
	err = tracee_write(n->req->pid, buf, target, (size_t)len);
	n->resp.error = err;
	n->resp.val = err < 0 ? 0 : len;
	return 0;
}

int hook_readlink(struct notif *n)
{
	return do_readlink(n, "readlink", AT_FDCWD, 0, notif_arg(n, 1),
			   (int64_t)(int32_t)notif_arg(n, 2));
}

int hook_readlinkat(struct notif *n)
{
	return do_readlink(n, "readlinkat", notif_fd_arg(n, 0), 1,
			   notif_arg(n, 2), (int64_t)(int32_t)notif_arg(n, 3));
}

/* chmod(2), fchmodat(2), fchmodat2(2) */
static int do_chmod(struct notif *n, const char *sys, int dirfd, int arg,
		    mode_t mode, int flags)
{
	struct resolved r;
	struct fdpath p;
	unsigned rf = at_resolve_flags((unsigned)flags);

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) {
		n->resp.error = -EINVAL;
		return 0;
	}
	if (!prepare(n, sys, dirfd, arg, rf, CAT_BIT(CAT_CHMOD), &r))
		return 0;
	if (S_ISLNK(r.st.st_mode)) {
		n->resp.error = -EOPNOTSUPP; /* Linux has no symlink modes */
	} else if (enter(n, CREDS_FS)) {
		finish(n, chmod(fdpath(&p, r.fd), mode & 07777));
		notif_creds_leave(n);
	}
	resolved_fini(&r);
	return 0;
}

int hook_chmod(struct notif *n)
{
	return do_chmod(n, "chmod", AT_FDCWD, 0, (mode_t)notif_arg(n, 1), 0);
}

int hook_fchmodat(struct notif *n)
{
	/* fchmodat(2) has no flags argument: the kernel ignores arg 3. */
	return do_chmod(n, "fchmodat", notif_fd_arg(n, 0), 1,
			(mode_t)notif_arg(n, 2), 0);
}

int hook_fchmodat2(struct notif *n)
{
	return do_chmod(n, "fchmodat2", notif_fd_arg(n, 0), 1,
			(mode_t)notif_arg(n, 2), (int)notif_arg(n, 3));
}

/* chown(2), lchown(2), fchownat(2): owner and group are two categories. */
static int do_chown(struct notif *n, const char *sys, int dirfd, int arg,
		    uid_t uid, gid_t gid, int flags)
{
	uint64_t cats = 0;
	struct resolved r;
	unsigned rf = at_resolve_flags((unsigned)flags);

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) {
		n->resp.error = -EINVAL;
		return 0;
	}
	if (uid != (uid_t)-1)
		cats |= CAT_BIT(CAT_CHOWN);
	if (gid != (gid_t)-1)
		cats |= CAT_BIT(CAT_CHGRP);
	/* Neither changes: still a visibility decision on the path. */
	if (!prepare(n, sys, dirfd, arg, rf, cats ? cats : CAT_BIT(CAT_STAT),
		     &r))
		return 0;
	if (enter(n, CREDS_FS)) {
		finish(n, fchownat(r.fd, "", uid, gid, AT_EMPTY_PATH));
		notif_creds_leave(n);
	}
	resolved_fini(&r);
	return 0;
}

int hook_chown(struct notif *n)
{
	return do_chown(n, "chown", AT_FDCWD, 0, (uid_t)notif_arg(n, 1),
			(gid_t)notif_arg(n, 2), 0);
}

int hook_lchown(struct notif *n)
{
	return do_chown(n, "lchown", AT_FDCWD, 0, (uid_t)notif_arg(n, 1),
			(gid_t)notif_arg(n, 2), AT_SYMLINK_NOFOLLOW);
}

int hook_fchownat(struct notif *n)
{
	return do_chown(n, "fchownat", notif_fd_arg(n, 0), 1,
			(uid_t)notif_arg(n, 2), (gid_t)notif_arg(n, 3),
			(int)notif_arg(n, 4));
}

/* truncate(2) */
int hook_truncate(struct notif *n)
{
	int64_t length = (int64_t)notif_arg(n, 1);
	struct resolved r;
	struct fdpath p;

	if (length < 0) {
		n->resp.error = -EINVAL;
		return 0;
	}
	if (!prepare(n, "truncate", AT_FDCWD, 0, RES_FOLLOW,
		     CAT_BIT(CAT_TRUNCATE), &r))
		return 0;
	if (S_ISDIR(r.st.st_mode)) {
		n->resp.error = -EISDIR;
	} else if ((n->resp.error = notif_fsize_check(n, &r.st,
						      (uint64_t)length))) {
		/* past the caller's RLIMIT_FSIZE: EFBIG, and SIGXFSZ sent */
	} else if (enter(n, CREDS_FS)) {
		int ret;

		/*
		 * Through our fd: the inode checked, its permissions. A lease
		 * on the file makes truncate(2) wait for it to be given up.
		 */
		notif_may_block(n);
		ret = truncate(fdpath(&p, r.fd), length);
		finish(n, ret);
		if (notif_unblocked(n) && ret < 0 && n->resp.error == -EINTR)
			n->resp.error = -ERESTARTSYS;
		notif_creds_leave(n);
	}
	resolved_fini(&r);
	return 0;
}

/* utimensat(2) and the older utime(2), utimes(2), futimesat(2) */
static int do_utime(struct notif *n, const char *sys, int dirfd, int arg,
		    const struct timespec *times, int flags)
{
	struct resolved r;
	unsigned rf = at_resolve_flags((unsigned)flags);

	/* futimens(): hook_utimensat() gave a NULL path AT_EMPTY_PATH. */
	if (flags == AT_EMPTY_PATH && dirfd != AT_FDCWD && !notif_arg(n, arg))
		rf |= PREP_NULL_FD;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) {
		n->resp.error = -EINVAL;
		return 0;
	}
	if (!prepare(n, sys, dirfd, arg, rf, CAT_BIT(CAT_UTIME), &r))
		return 0;
	if (enter(n, CREDS_FS)) {
		finish(n, utimensat(r.fd, "", times, AT_EMPTY_PATH));
		notif_creds_leave(n);
	}
	resolved_fini(&r);
	return 0;
}

static int read_timevals(struct notif *n, uint64_t addr, struct timespec *ts,
			 const struct timespec **out)
{
	struct timeval tv[2];
	int err;

	*out = NULL;
	if (!addr)
		return 0;
	err = tracee_read(n->req->pid, addr, tv, sizeof(tv));
	if (err < 0)
		return err;
	for (int i = 0; i < 2; i++) {
		if (tv[i].tv_usec < 0 || tv[i].tv_usec >= 1000000)
			return -EINVAL;
		ts[i].tv_sec = tv[i].tv_sec;
		ts[i].tv_nsec = tv[i].tv_usec * 1000;
	}
	*out = ts;
	return 0;
}

int hook_utimensat(struct notif *n)
{
	struct timespec ts[2];
	const struct timespec *times = NULL;
	int flags = (int)notif_arg(n, 3);
	int err;

	if (notif_arg(n, 2)) {
		err = tracee_read(n->req->pid, notif_arg(n, 2), ts, sizeof(ts));
		if (err < 0) {
			n->resp.error = err;
			return 0;
		}
		times = ts;
	}
	if (notif_arg(n, 1) == 0 && notif_fd_arg(n, 0) != AT_FDCWD) {
		/* futimens(): a NULL path names the fd itself, with no flag. */
		if (flags) {
			n->resp.error = -EINVAL;
			return 0;
		}
		flags = AT_EMPTY_PATH;
	}
	return do_utime(n, "utimensat", notif_fd_arg(n, 0), 1, times, flags);
}

int hook_utimes(struct notif *n)
{
	struct timespec ts[2];
	const struct timespec *times;
	int err = read_timevals(n, notif_arg(n, 1), ts, &times);

	if (err < 0) {
		n->resp.error = err;
		return 0;
	}
	return do_utime(n, "utimes", AT_FDCWD, 0, times, 0);
}

int hook_futimesat(struct notif *n)
{
	struct timespec ts[2];
	const struct timespec *times;
	int err = read_timevals(n, notif_arg(n, 2), ts, &times);

	if (err < 0) {
		n->resp.error = err;
		return 0;
	}
	return do_utime(n, "futimesat", notif_fd_arg(n, 0), 1, times, 0);
}

int hook_utime(struct notif *n)
{
	struct timespec ts[2];
	const struct timespec *times = NULL;
	struct utimbuf ub;
	int err;

	if (notif_arg(n, 1)) {
		err = tracee_read(n->req->pid, notif_arg(n, 1), &ub, sizeof(ub));
		if (err < 0) {
			n->resp.error = err;
			return 0;
		}
		ts[0].tv_sec = ub.actime;
		ts[1].tv_sec = ub.modtime;
		ts[0].tv_nsec = ts[1].tv_nsec = 0;
		times = ts;
	}
	return do_utime(n, "utime", AT_FDCWD, 0, times, 0);
}

/*
 * chdir(2), chroot(2). A thread's cwd or root cannot be set from outside,
 * so an allowed call is continued. Safe for what the sandbox guarantees:
 * the call itself grants no access, and every later lookup relative to
 * the new cwd or root is resolved by us from /proc/PID/{cwd,root} into a
 * canonical path and decided again. A racing swap of the path can only
 * move the cwd or root, never reach a file the policy denies. chroot is
 * hooked whenever any category is on (syscalls/table.c), and noted before
 * the kernel performs it: from then on every lookup starts from the
 * caller's own root, whatever the chroot category says.
 */
static int do_dirchange(struct notif *n, const char *sys, enum cat cat)
{
	struct resolved r;

	if (!prepare(n, sys, AT_FDCWD, 0, RES_FOLLOW, CAT_BIT(cat), &r))
		return 0;
	if (!S_ISDIR(r.st.st_mode)) {
		n->resp.error = -ENOTDIR;
	} else {
		if (cat == CAT_CHROOT)
			resolve_note_root_change();
		n->resp.error = 0;
		n->resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
	}
	resolved_fini(&r);
	return 0;
}

int hook_chdir(struct notif *n)
{
	return do_dirchange(n, "chdir", CAT_CHDIR);
}

int hook_chroot(struct notif *n)
{
	return do_dirchange(n, "chroot", CAT_CHROOT);
}

/*
 * fchdir(2): decided on the fd's name, then continued, as chdir is (every
 * later lookup from the new cwd is decided again). An fd with no path (a
 * pipe, a socket) is no directory: ENOTDIR, the kernel's answer; a
 * directory whose name is no path (out of syd's sight) has nothing to be
 * decided on: EACCES.
 */
int hook_fchdir(struct notif *n)
{
	char name[PATH_MAX];
	struct resolved r;
	int fd = notif_fd_arg(n, 0);
	int err = fd < 0 ? -EBADF : resolve_fd_name(n->req->pid, fd, name);

	if (err == 1) {
		err = resolve_fd_stat(n->req->pid, fd, &r);
		if (err == 0)
			err = S_ISDIR(r.st.st_mode) ? -EACCES : -ENOTDIR;
		resolved_fini(&r);
	}
	if (err < 0) {
		n->resp.error = err;
		return 0;
	}
	if (!notif_allowed(n, "fchdir", name, CAT_BIT(CAT_CHDIR)))
		return 0;
	n->resp.error = 0;
	n->resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
	return 0;
}
