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

#include "resolve/resolve.h"
#include "syscalls/access.h"
#include "syscalls/common.h"
#include "syscalls/creds.h"
#include "syscalls/fstype.h"

/* What the kernel calls the last component of a path it removes or renames. */
enum last {
	LAST_NORM,
	LAST_ROOT,
	LAST_DOT,
	LAST_DOTDOT
};

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
 * prepare() flags, beside the RES_* ones, for what the kernel checks
 * before it asks for permission: a call that creates the name fails with
 * EEXIST when it exists (mkdir -p, rm -f and friends rely on it), one that
 * needs it fails with ENOENT when it is missing. A name the policy hides
 * stays hidden: EEXIST only for a name the caller may see; a hidden one
 * gets what a missing one would (notif_check_new_name()), whether it exists.
 */
#define PREP_ABSENT  (1u << 16)
#define PREP_PRESENT (1u << 17)
/*
 * With PREP_ABSENT: the call makes a directory, so "name/" is a name it may
 * make. Every other call that makes a name fails on "name/" before it asks
 * for permission: ENOENT when the name is missing, EEXIST when it is there.
 */
#define PREP_DIR (1u << 18)
/* A NULL path names the fd (futimens()); with RES_EMPTY_PATH. */
#define PREP_NULL_FD (1u << 19)
/* trace/deny_dotdot applies (chdir): notif_dotdot_check(). */
#define PREP_DOTDOT (1u << 20)
#define PREP_FLAGS                                                             \
	(PREP_ABSENT | PREP_PRESENT | PREP_DIR | PREP_NULL_FD | PREP_DOTDOT)

/*
 * Copy the path of argument ARG, resolve it against DIRFD with FLAGS, and
 * decide CATS (0: decided by the caller). Returns 0 with R filled when the
 * call may go on, else the answer. LAST (when not NULL) gets the kind of
 * the path's last component, as written.
 */
static int prepare_last(struct notif *n, const char *sys, int dirfd, int arg,
			unsigned flags, uint64_t cats, struct resolved *r,
			enum last *last)
{
	char path[PATH_MAX];
	int err;

	/* Set on every way out: gcc -O3 cannot see that 0 implies it. */
	if (last)
		*last = LAST_NORM;
	err = notif_path_at(n, arg, flags & PREP_NULL_FD, path);
	if (err < 0)
		return err;
	if (flags & PREP_DOTDOT) {
		err = notif_dotdot_check(n, path);
		if (err < 0)
			return err;
	}
	if (last)
		*last = last_kind(path);
	err = resolve_path(n->req->pid, dirfd, path, flags & ~PREP_FLAGS, r);
	if (err < 0)
		return err;
	if ((flags & PREP_ABSENT) && !(flags & PREP_DIR) && r->trailing_slash) {
		/*
		 * A name that cannot be seen is missing here too, whatever
		 * the rule that hides it answers for a stat: ENOENT.
		 */
		if (r->fd >= 0 &&
		    notif_check(n, sys, r->path, CAT_BIT(CAT_STAT)) == 0)
			return -EEXIST;
		return -ENOENT;
	}
	if ((flags & PREP_PRESENT) && r->fd < 0)
		return -ENOENT;
	if (flags & PREP_ABSENT) {
		err = notif_check_new_name(n, sys, r->path, cats);
		if (err < 0)
			return err;
		/* Seen and there: EEXIST, unless a stat of it is refused. */
		if (r->fd >= 0)
			return notif_seen_answer(n, sys, r->path, -EEXIST);
	}
	return cats ? notif_check(n, sys, r->path, cats) : 0;
}

/* prepare_last() without the last component's kind. */
static int prepare(struct notif *n, const char *sys, int dirfd, int arg,
		   unsigned flags, uint64_t cats, struct resolved *r)
{
	return prepare_last(n, sys, dirfd, arg, flags, cats, r, NULL);
}

/* mkdir(2), mkdirat(2) */
static long do_mkdir(struct notif *n, const char *sys, int dirfd, int arg,
		     mode_t mode)
{
	RESOLVED(r);
	int err =
		prepare(n, sys, dirfd, arg, RES_PARENT | PREP_ABSENT | PREP_DIR,
			CAT_BIT(CAT_MKDIR), &r);

	/* An existing name was answered EEXIST by prepare(). */
	if (err < 0)
		return err;
	err = notif_creds_take(n, CREDS_FS | CREDS_UMASK);
	if (err < 0)
		return err;
	return notif_acted(n, mkdirat(r.dirfd, r.name, mode));
}

long hook_mkdir(struct notif *n)
{
	return do_mkdir(n, "mkdir", AT_FDCWD, 0, (mode_t)notif_arg(n, 1));
}

long hook_mkdirat(struct notif *n)
{
	return do_mkdir(n, "mkdirat", notif_fd_arg(n, 0), 1,
			(mode_t)notif_arg(n, 2));
}

/* mknod(2), mknodat(2): the file type picks the category. */
static long do_mknod(struct notif *n, const char *sys, int dirfd, int arg,
		     mode_t mode, dev_t dev)
{
	RESOLVED(r);
	enum cat cat;
	int err;

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
		return -EPERM; /* the kernel's answer, before lookup */
	default:
		return -EINVAL;
	}
	err = prepare(n, sys, dirfd, arg, RES_PARENT | PREP_ABSENT,
		      CAT_BIT(cat), &r);
	/* An existing name was answered EEXIST by prepare(). */
	if (err < 0)
		return err;
	err = notif_creds_take(n, CREDS_FS | CREDS_UMASK);
	if (err < 0)
		return err;
	return notif_acted(n, mknodat(r.dirfd, r.name, mode, dev));
}

long hook_mknod(struct notif *n)
{
	return do_mknod(n, "mknod", AT_FDCWD, 0, (mode_t)notif_arg(n, 1),
			(dev_t)notif_arg(n, 2));
}

long hook_mknodat(struct notif *n)
{
	return do_mknod(n, "mknodat", notif_fd_arg(n, 0), 1,
			(mode_t)notif_arg(n, 2), (dev_t)notif_arg(n, 3));
}

/* unlink(2), unlinkat(2), rmdir(2) */
static long do_unlink(struct notif *n, const char *sys, int dirfd, int arg,
		      int flags)
{
	bool rmdir = flags & AT_REMOVEDIR;
	RESOLVED(r);
	enum last last;
	int err;

	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	err = prepare_last(n, sys, dirfd, arg, RES_PARENT | PREP_PRESENT,
			   CAT_BIT(rmdir ? CAT_RMDIR : CAT_DELETE), &r, &last);
	/* A missing name was answered ENOENT by prepare_last(). */
	if (err < 0)
		return err;
	if (last != LAST_NORM || r.dirfd < 0) {
		/* ".", ".." or "/": what the kernel answers for each. */
		static const int rmdir_err[] = { [LAST_NORM] = -EBUSY,
						 [LAST_ROOT] = -EBUSY,
						 [LAST_DOT] = -EINVAL,
						 [LAST_DOTDOT] = -ENOTEMPTY };

		return rmdir ? rmdir_err[last] : -EISDIR;
	}
	if (!rmdir && r.trailing_slash)
		return S_ISDIR(r.st.st_mode) ? -EISDIR : -ENOTDIR;
	/*
	 * The entry removed is the one at the checked path: a file swapped
	 * in under that name is that path's file too.
	 */
	err = notif_creds_take(n, CREDS_FS);
	if (err < 0)
		return err;
	return notif_acted(n, unlinkat(r.dirfd, r.name, flags));
}

long hook_unlink(struct notif *n)
{
	return do_unlink(n, "unlink", AT_FDCWD, 0, 0);
}

long hook_rmdir(struct notif *n)
{
	return do_unlink(n, "rmdir", AT_FDCWD, 0, AT_REMOVEDIR);
}

long hook_unlinkat(struct notif *n)
{
	return do_unlink(n, "unlinkat", notif_fd_arg(n, 0), 1,
			 (int)notif_arg(n, 2));
}

/*
 * What the kernel answers for a rename of FROM to TO before it asks for
 * permission, in its order: the names, what exists, what they are. The
 * policy decides in between (hidden names are missing names). Returns 0
 * or the answer.
 */
static int rename_order(struct notif *n, const char *sys,
			const struct resolved *from, enum last from_last,
			const struct resolved *to, enum last to_last,
			unsigned flags)
{
	int err;

	if (from_last != LAST_NORM || from->dirfd < 0)
		return -EBUSY; /* ".", ".." or "/" */
	if (to_last != LAST_NORM || to->dirfd < 0)
		return (flags & RENAME_NOREPLACE) ? -EEXIST : -EBUSY;
	if (from->fd < 0)
		return -ENOENT;
	/*
	 * Both must exist, which the kernel finds before it asks for
	 * permission: a hidden one is missing (ENOENT either way).
	 */
	if ((flags & RENAME_EXCHANGE) &&
	    (to->fd < 0 || notif_check(n, sys, to->path, 0) < 0))
		return -ENOENT;
	/* a whiteout leaves a device (0:0) behind */
	err = notif_check(
		n, sys, from->path,
		CAT_BIT(CAT_RENAME) |
			((flags & RENAME_WHITEOUT) ? CAT_BIT(CAT_MKCDEV) : 0));
	/* a hidden new name: answered as a missing one */
	if (err == 0 && !(flags & RENAME_EXCHANGE))
		err = notif_check_new_name(n, sys, to->path,
					   CAT_BIT(CAT_RENAME) |
						   CAT_BIT(CAT_CREATE));
	if (err == 0)
		err = notif_check(n, sys, to->path,
				  CAT_BIT(CAT_RENAME) | CAT_BIT(CAT_CREATE));
	if (err < 0)
		return err;
	if ((flags & RENAME_NOREPLACE) && to->fd >= 0)
		return -EEXIST; /* seen: notif_check_new_name() said so */
	/*
	 * "name/" names a directory; neither names (a symlink to one is not
	 * one here) nor a target written "name/" may be anything else.
	 */
	if (!S_ISDIR(from->st.st_mode) &&
	    (from->trailing_slash ||
	     (!(flags & RENAME_EXCHANGE) && to->trailing_slash)))
		return -ENOTDIR;
	if ((flags & RENAME_EXCHANGE) && to->trailing_slash &&
	    !S_ISDIR(to->st.st_mode))
		return -ENOTDIR; /* each takes the other's place */
	return 0;
}

/* rename(2), renameat(2), renameat2(2): both names must allow rename. */
static long do_rename(struct notif *n, const char *sys, int olddir, int oldarg,
		      int newdir, int newarg, unsigned flags)
{
	RESOLVED(from);
	RESOLVED(to);
	enum last from_last, to_last;
	int err;

	if ((flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT)) ||
	    ((flags & RENAME_EXCHANGE) &&
	     (flags & (RENAME_NOREPLACE | RENAME_WHITEOUT))))
		return -EINVAL;
	/* Both looked up first, decided after what the kernel checks first. */
	err = prepare_last(n, sys, olddir, oldarg, RES_PARENT, 0, &from,
			   &from_last);
	if (err == 0)
		err = prepare_last(n, sys, newdir, newarg, RES_PARENT, 0, &to,
				   &to_last);
	if (err == 0)
		err = rename_order(n, sys, &from, from_last, &to, to_last,
				   flags);
	if (err < 0)
		return err;
	err = notif_creds_take(n, CREDS_FS);
	if (err < 0)
		return err;
	return notif_acted(n, syscall(SYS_renameat2, from.dirfd, from.name,
				      to.dirfd, to.name, flags));
}

long hook_rename(struct notif *n)
{
	return do_rename(n, "rename", AT_FDCWD, 0, AT_FDCWD, 1, 0);
}

long hook_renameat(struct notif *n)
{
	return do_rename(n, "renameat", notif_fd_arg(n, 0), 1,
			 notif_fd_arg(n, 2), 3, 0);
}

long hook_renameat2(struct notif *n)
{
	return do_rename(n, "renameat2", notif_fd_arg(n, 0), 1,
			 notif_fd_arg(n, 2), 3, (unsigned)notif_arg(n, 4));
}

/*
 * link(2), linkat(2). A hard link makes the file reachable under a second
 * name, with whatever the policy allows there: so the caller must already
 * be allowed to read and write it where it is, besides linking it.
 */
static long do_link(struct notif *n, const char *sys, int olddir, int oldarg,
		    int newdir, int newarg, int flags)
{
	RESOLVED(from);
	RESOLVED(to);
	struct fdpath p;
	unsigned rf = 0;
	int err;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (flags & AT_SYMLINK_FOLLOW)
		rf |= RES_FOLLOW;
	if (flags & AT_EMPTY_PATH)
		rf |= RES_EMPTY_PATH;
	err = prepare(n, sys, olddir, oldarg, rf,
		      CAT_BIT(CAT_RENAME) | CAT_BIT(CAT_READ) |
			      CAT_BIT(CAT_WRITE),
		      &from);
	/* An existing new name is answered EEXIST by prepare(). */
	if (err == 0)
		err = prepare(n, sys, newdir, newarg, RES_PARENT | PREP_ABSENT,
			      CAT_BIT(CAT_CREATE), &to);
	if (err < 0)
		return err;
	if (S_ISDIR(from.st.st_mode))
		return -EPERM;
	/*
	 * Through our fd's magic link: links exactly the inode that was
	 * checked (the documented way to link an O_TMPFILE file).
	 */
	err = notif_creds_take(n, CREDS_FS);
	if (err < 0)
		return err;
	return notif_acted(n, linkat(AT_FDCWD, fdpath(&p, from.fd), to.dirfd,
				     to.name, AT_SYMLINK_FOLLOW));
}

long hook_link(struct notif *n)
{
	return do_link(n, "link", AT_FDCWD, 0, AT_FDCWD, 1, 0);
}

long hook_linkat(struct notif *n)
{
	return do_link(n, "linkat", notif_fd_arg(n, 0), 1, notif_fd_arg(n, 2),
		       3, (int)notif_arg(n, 4));
}

/* symlink(2), symlinkat(2): the target is text, checked when followed. */
static long do_symlink(struct notif *n, const char *sys, int newdir, int newarg)
{
	char target[PATH_MAX];
	RESOLVED(r);
	ssize_t len;
	int err;

	len = tracee_read_str(n->req->pid, notif_arg(n, 0), target,
			      sizeof(target));
	if (len <= 0)
		return len < 0 ? len : -ENOENT;
	err = prepare(n, sys, newdir, newarg, RES_PARENT | PREP_ABSENT,
		      CAT_BIT(CAT_SYMLINK), &r);
	/* An existing name was answered EEXIST by prepare(). */
	if (err < 0)
		return err;
	err = notif_creds_take(n, CREDS_FS);
	if (err < 0)
		return err;
	return notif_acted(n, symlinkat(target, r.dirfd, r.name));
}

long hook_symlink(struct notif *n)
{
	return do_symlink(n, "symlink", AT_FDCWD, 1);
}

long hook_symlinkat(struct notif *n)
{
	return do_symlink(n, "symlinkat", notif_fd_arg(n, 1), 2);
}

/*
 * A /proc magic link (a process's cwd, root, exe, fd/N, map_files/...)
 * reads as the path of the object it stands for: for a hidden object,
 * that text would show the hidden name. Such a link answers ENOENT, as
 * the hidden symlink a lookup cannot follow does; the text of a link
 * anywhere else is what was written, not a name that was looked up.
 * TARGET (LEN bytes, not NUL-terminated) is the link's text. Returns 0,
 * or the answer when it names a hidden path.
 */
static int magic_target_visible(struct notif *n, const char *sys,
				const char *link, const char *target,
				size_t len)
{
	static const char deleted[] = " (deleted)";
	const size_t dl = sizeof(deleted) - 1;
	char path[PATH_MAX];

	if (strncmp(link, "/proc/", 6) || len == 0 || target[0] != '/')
		return 0;
	/* Cut short: not a whole name to decide on. */
	if (len >= sizeof(path))
		return -ENAMETOOLONG;
	memcpy(path, target, len);
	/* An unlinked file is decided by the name it had. */
	if (len > dl && !memcmp(path + len - dl, deleted, dl))
		len -= dl;
	path[len] = '\0';
	return notif_check(n, sys, path, 0);
}

/* readlink(2), readlinkat(2) */
static long do_readlink(struct notif *n, const char *sys, int dirfd, int arg,
			uint64_t buf, int64_t size)
{
	char target[PATH_MAX];
	RESOLVED(r);
	ssize_t len;
	int err;

	if (size <= 0)
		return -EINVAL;
	err = prepare(n, sys, dirfd, arg, RES_EMPTY_PATH, CAT_BIT(CAT_READLINK),
		      &r);
	if (err < 0)
		return err;
	if (!S_ISLNK(r.st.st_mode)) {
		notif_release(n, &r);
		return -EINVAL;
	}
	if (!strcmp(r.path, "/proc/self") ||
	    !strcmp(r.path, "/proc/thread-self")) {
		/* The link read by us would name syd: answer for the caller. */
		pid_t tgid = proc_tgid(n->req->pid);

		len = tgid < 0 ? -1
		      : r.path[6] == 's'
			      ? snprintf(target, sizeof(target), "%d",
					 (int)tgid)
			      : snprintf(target, sizeof(target), "%d/task/%d",
					 (int)tgid, (int)n->req->pid);
		errno = ESRCH;
	} else {
		len = readlinkat(r.fd, "", target, sizeof(target));
	}
	if (len < 0)
		return -errno;
	notif_release(n, &r);
	err = magic_target_visible(n, sys, r.path, target, (size_t)len);
	if (err < 0)
		return err;
	if (len > size)
		len = (ssize_t)size; /* silently truncated, as readlink does */
	err = tracee_write(n->req->pid, buf, target, (size_t)len);
	return err < 0 ? err : len;
}

long hook_readlink(struct notif *n)
{
	return do_readlink(n, "readlink", AT_FDCWD, 0, notif_arg(n, 1),
			   (int64_t)(int32_t)notif_arg(n, 2));
}

long hook_readlinkat(struct notif *n)
{
	return do_readlink(n, "readlinkat", notif_fd_arg(n, 0), 1,
			   notif_arg(n, 2), (int64_t)(int32_t)notif_arg(n, 3));
}

/* chmod(2), fchmodat(2), fchmodat2(2) */
static long do_chmod(struct notif *n, const char *sys, int dirfd, int arg,
		     mode_t mode, int flags)
{
	RESOLVED(r);
	struct fdpath p;
	int err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = prepare(n, sys, dirfd, arg, at_resolve_flags((unsigned)flags),
		      CAT_BIT(CAT_CHMOD), &r);
	if (err < 0)
		return err;
	if (S_ISLNK(r.st.st_mode))
		return -EOPNOTSUPP; /* Linux has no symlink modes */
	err = notif_creds_take(n, CREDS_FS);
	if (err < 0)
		return err;
	return notif_acted(n, chmod(fdpath(&p, r.fd),
				    mode & 07777 & ~notif_force_umask(n)));
}

long hook_chmod(struct notif *n)
{
	return do_chmod(n, "chmod", AT_FDCWD, 0, (mode_t)notif_arg(n, 1), 0);
}

long hook_fchmodat(struct notif *n)
{
	/* fchmodat(2) has no flags argument: the kernel ignores arg 3. */
	return do_chmod(n, "fchmodat", notif_fd_arg(n, 0), 1,
			(mode_t)notif_arg(n, 2), 0);
}

long hook_fchmodat2(struct notif *n)
{
	return do_chmod(n, "fchmodat2", notif_fd_arg(n, 0), 1,
			(mode_t)notif_arg(n, 2), (int)notif_arg(n, 3));
}

/* chown(2), lchown(2), fchownat(2): owner and group are two categories. */
static long do_chown(struct notif *n, const char *sys, int dirfd, int arg,
		     uid_t uid, gid_t gid, int flags)
{
	uint64_t cats = 0;
	RESOLVED(r);
	int err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (uid != (uid_t)-1)
		cats |= CAT_BIT(CAT_CHOWN);
	if (gid != (gid_t)-1)
		cats |= CAT_BIT(CAT_CHGRP);
	/* Neither changes: still a visibility decision on the path. */
	err = prepare(n, sys, dirfd, arg, at_resolve_flags((unsigned)flags),
		      cats ? cats : CAT_BIT(CAT_STAT), &r);
	if (err < 0)
		return err;
	err = notif_creds_take(n, CREDS_FS);
	if (err < 0)
		return err;
	return notif_acted(n, fchownat(r.fd, "", uid, gid, AT_EMPTY_PATH));
}

long hook_chown(struct notif *n)
{
	return do_chown(n, "chown", AT_FDCWD, 0, (uid_t)notif_arg(n, 1),
			(gid_t)notif_arg(n, 2), 0);
}

long hook_lchown(struct notif *n)
{
	return do_chown(n, "lchown", AT_FDCWD, 0, (uid_t)notif_arg(n, 1),
			(gid_t)notif_arg(n, 2), AT_SYMLINK_NOFOLLOW);
}

long hook_fchownat(struct notif *n)
{
	return do_chown(n, "fchownat", notif_fd_arg(n, 0), 1,
			(uid_t)notif_arg(n, 2), (gid_t)notif_arg(n, 3),
			(int)notif_arg(n, 4));
}

/* truncate(2) */
long hook_truncate(struct notif *n)
{
	int64_t length = (int64_t)notif_arg(n, 1);
	RESOLVED(r);
	struct fdpath p;
	long ret;
	int err;

	if (length < 0)
		return -EINVAL;
	err = prepare(n, "truncate", AT_FDCWD, 0, RES_FOLLOW,
		      CAT_BIT(CAT_TRUNCATE), &r);
	if (err < 0)
		return err;
	if (S_ISDIR(r.st.st_mode))
		return -EISDIR;
	/* fs: truncate(2) changes a file's contents without an open */
	err = notif_fs_check(n, "truncate", r.path, r.fd);
	/* past the caller's RLIMIT_FSIZE: EFBIG, and SIGXFSZ sent */
	if (err == 0)
		err = notif_fsize_check(n, &r.st, (uint64_t)length);
	if (err == 0)
		err = notif_creds_take(n, CREDS_FS);
	if (err < 0)
		return err;
	/*
	 * Through our fd: the inode checked, its permissions. A lease on the
	 * file makes truncate(2) wait for it to be given up.
	 */
	notif_may_block(n);
	ret = notif_acted(n, truncate(fdpath(&p, r.fd), length));
	if (notif_unblocked(n) && ret == -EINTR)
		ret = -ERESTARTSYS;
	return ret;
}

/* utimensat(2) and the older utime(2), utimes(2), futimesat(2) */
static long do_utime(struct notif *n, const char *sys, int dirfd, int arg,
		     const struct timespec *times, int flags)
{
	RESOLVED(r);
	unsigned rf = at_resolve_flags((unsigned)flags);
	int err;

	/* futimens(): hook_utimensat() gave a NULL path AT_EMPTY_PATH. */
	if (flags == AT_EMPTY_PATH && dirfd != AT_FDCWD && !notif_arg(n, arg))
		rf |= PREP_NULL_FD;
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = prepare(n, sys, dirfd, arg, rf, CAT_BIT(CAT_UTIME), &r);
	if (err < 0)
		return err;
	err = notif_creds_take(n, CREDS_FS);
	if (err < 0)
		return err;
	return notif_acted(n, utimensat(r.fd, "", times, AT_EMPTY_PATH));
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

long hook_utimensat(struct notif *n)
{
	struct timespec ts[2];
	const struct timespec *times = NULL;
	int flags = (int)notif_arg(n, 3);
	int err;

	if (notif_arg(n, 2)) {
		err = tracee_read(n->req->pid, notif_arg(n, 2), ts, sizeof(ts));
		if (err < 0)
			return err;
		times = ts;
	}
	if (notif_arg(n, 1) == 0 && notif_fd_arg(n, 0) != AT_FDCWD) {
		/* futimens(): a NULL path names the fd itself, with no flag. */
		if (flags)
			return -EINVAL;
		flags = AT_EMPTY_PATH;
	}
	return do_utime(n, "utimensat", notif_fd_arg(n, 0), 1, times, flags);
}

long hook_utimes(struct notif *n)
{
	struct timespec ts[2];
	const struct timespec *times;
	int err = read_timevals(n, notif_arg(n, 1), ts, &times);

	if (err < 0)
		return err;
	return do_utime(n, "utimes", AT_FDCWD, 0, times, 0);
}

long hook_futimesat(struct notif *n)
{
	struct timespec ts[2];
	const struct timespec *times;
	int err = read_timevals(n, notif_arg(n, 2), ts, &times);

	if (err < 0)
		return err;
	return do_utime(n, "futimesat", notif_fd_arg(n, 0), 1, times, 0);
}

long hook_utime(struct notif *n)
{
	struct timespec ts[2];
	const struct timespec *times = NULL;
	struct utimbuf ub;
	int err;

	if (notif_arg(n, 1)) {
		err = tracee_read(n->req->pid, notif_arg(n, 1), &ub,
				  sizeof(ub));
		if (err < 0)
			return err;
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
static long do_dirchange(struct notif *n, const char *sys, enum cat cat)
{
	RESOLVED(r);
	unsigned dotdot = cat == CAT_CHDIR ? PREP_DOTDOT : 0;
	int err = prepare(n, sys, AT_FDCWD, 0, RES_FOLLOW | dotdot,
			  CAT_BIT(cat), &r);

	if (err < 0)
		return err;
	if (!S_ISDIR(r.st.st_mode))
		return -ENOTDIR;
	if (cat == CAT_CHROOT)
		resolve_note_root_change();
	return HOOK_CONTINUE;
}

long hook_chdir(struct notif *n)
{
	return do_dirchange(n, "chdir", CAT_CHDIR);
}

long hook_chroot(struct notif *n)
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
long hook_fchdir(struct notif *n)
{
	char name[PATH_MAX];
	RESOLVED(r);
	int fd = notif_fd_arg(n, 0);
	int err = fd < 0 ? -EBADF : resolve_fd_name(n->req->pid, fd, name);

	if (err == 1) {
		err = resolve_fd_stat(n->req->pid, fd, NULL, &r);
		if (err == 0)
			err = S_ISDIR(r.st.st_mode) ? -EACCES : -ENOTDIR;
	}
	if (err == 0)
		err = notif_check(n, "fchdir", name, CAT_BIT(CAT_CHDIR));
	return err < 0 ? err : HOOK_CONTINUE;
}
