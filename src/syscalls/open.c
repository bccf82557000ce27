/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * open(2), openat(2), openat2(2), creat(2): resolve the path, decide every
 * category the flags imply, then open the object in the supervisor and hand
 * the fd over with SECCOMP_IOCTL_NOTIF_ADDFD, then answer with its number
 * (notify_addfd_send() says why not in one step, with FLAG_SEND). An
 * existing object is reopened through our O_PATH fd on it, a new one is
 * created in the directory fd we resolved with O_NOFOLLOW: what was checked
 * is what gets opened. The call is never continued.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <string.h>
#include <sys/fsuid.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "kernel/caps.h"
#include "kernel/procfs.h"
#include "resolve/resolve.h"
#include "syscalls/access.h"
#include "syscalls/append.h"
#include "syscalls/common.h"
#include "syscalls/creds.h"
#include "syscalls/devsyd.h"
#include "syscalls/fstype.h"
#include "syscalls/mask.h"
#include "syscalls/procview.h"

/* The flags open(2) and openat(2) know; others are dropped, as there. */
#define VALID_OPEN_FLAGS                                                       \
	(O_RDONLY | O_WRONLY | O_RDWR | O_CREAT | O_EXCL | O_NOCTTY |          \
	 O_TRUNC | O_APPEND | O_NONBLOCK | O_DSYNC | O_ASYNC | O_DIRECT |      \
	 O_LARGEFILE | O_DIRECTORY | O_NOFOLLOW | O_NOATIME | O_CLOEXEC |      \
	 O_SYNC | O_PATH | O_TMPFILE)
#define VALID_RESOLVE_FLAGS                                                    \
	(RESOLVE_NO_XDEV | RESOLVE_NO_MAGICLINKS | RESOLVE_NO_SYMLINKS |       \
	 RESOLVE_BENEATH | RESOLVE_IN_ROOT | RESOLVE_CACHED)

struct open_args {
	const char *sys;
	int dirfd;
	int path_arg;
	uint64_t flags;
	uint64_t mode;
	uint64_t resolve;
	bool path_only; /* O_PATH, made a read-only open by o_path() */
};

/* The categories of an open of an object that EXISTS, of type MODE. */
static uint64_t categories(const struct open_args *a, bool exists, mode_t mode)
{
	uint64_t cats = 0;

	if ((a->flags & O_TMPFILE) == O_TMPFILE)
		return CAT_BIT(CAT_MKTEMP);
	switch (a->flags & O_ACCMODE) {
	case O_RDONLY:
		cats = CAT_BIT(CAT_READ);
		break;
	case O_WRONLY:
		cats = CAT_BIT(CAT_WRITE);
		break;
	default: /* O_RDWR, and 3: ioctl-only opens need both rights */
		cats = CAT_BIT(CAT_READ) | CAT_BIT(CAT_WRITE);
		break;
	}
	if (!exists)
		return cats | CAT_BIT(CAT_CREATE);
	if (S_ISDIR(mode) && (a->flags & O_ACCMODE) == O_RDONLY)
		return CAT_BIT(CAT_READDIR);
	/*
	 * O_TRUNC truncates even with O_RDONLY (the kernel asks for write
	 * permission then, and cuts the file): a truncation either way.
	 */
	if (a->flags & O_TRUNC)
		cats |= CAT_BIT(CAT_TRUNCATE);
	return cats;
}

static unsigned resolve_flags(const struct open_args *a)
{
	unsigned f = 0;
	bool excl = (a->flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL);

	/* O_CREAT|O_EXCL never follows a final symlink: it fails EEXIST. */
	if (!(a->flags & O_NOFOLLOW) && !excl)
		f |= RES_FOLLOW;
	if ((a->flags & O_CREAT) && (a->flags & O_TMPFILE) != O_TMPFILE)
		f |= RES_PARENT;
	if (a->resolve & RESOLVE_NO_XDEV)
		f |= RES_NO_XDEV;
	if (a->resolve & RESOLVE_NO_MAGICLINKS)
		f |= RES_NO_MAGICLINKS;
	if (a->resolve & RESOLVE_NO_SYMLINKS)
		f |= RES_NO_SYMLINKS;
	if (a->resolve & RESOLVE_BENEATH)
		f |= RES_BENEATH;
	if (a->resolve & RESOLVE_IN_ROOT)
		f |= RES_IN_ROOT;
	return f;
}

/*
 * Open PATH (absolute, canonical) with FLAGS, from our root, with
 * RESOLVE_NO_SYMLINKS, and keep the fd only if it is the inode WANT
 * describes; then take O_NONBLOCK (which keeps a FIFO or device swapped
 * in meanwhile from blocking us) off again unless the caller asked for it
 * in CALLER. Returns the fd, -EAGAIN for another inode (or a failed
 * fcntl), or the open's -errno.
 */
static int open_same(const char *path, uint64_t flags, uint64_t caller,
		     const struct stat *want)
{
	/* What fcntl(F_SETFL) can set back, without O_ASYNC's side effect. */
	const int setfl = O_APPEND | O_DIRECT | O_NOATIME;
	struct open_how how = { .resolve = RESOLVE_NO_SYMLINKS };
	struct stat st;
	int fd;

	how.flags =
		(flags & VALID_OPEN_FLAGS) | O_NONBLOCK | O_NOCTTY | O_CLOEXEC;
	fd = (int)syscall(SYS_openat2, AT_FDCWD, path, &how, sizeof(how));
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0 || st.st_dev != want->st_dev ||
	    st.st_ino != want->st_ino ||
	    (!(caller & O_NONBLOCK) &&
	     fcntl(fd, F_SETFL, (int)caller & setfl) < 0)) {
		close(fd);
		return -EAGAIN;
	}
	return fd;
}

/*
 * The cheaper reopen, for a regular file or directory: its canonical path
 * opened by open_same() (half the cost of going through
 * /proc/thread-self/fd), accepted only when it is the very inode we
 * resolved and decided (our O_PATH fd pins it): whatever was renamed or
 * swapped in meanwhile fails that test. Returns an fd, or -EAGAIN for the
 * /proc way.
 */
static int reopen_by_path(const struct open_args *a, const struct resolved *r,
			  int flags)
{
	int fd;

	if (!(S_ISREG(r->st.st_mode) || S_ISDIR(r->st.st_mode)) ||
	    r->path[0] != '/' || r->via_fd >= 0 || resolve_root_changed())
		return -EAGAIN;
	fd = open_same(r->path, (uint64_t)flags, a->flags, &r->st);
	return fd < 0 ? -EAGAIN : fd;
}

/* Is PATH (canonical) in the caller's own /proc/PID, by its tid or tgid? */
static bool own_proc(const struct notif *n, const char *path)
{
	pid_t pid = proc_path_pid(path, strlen(path), NULL);

	return pid != 0 &&
	       (pid == (pid_t)n->req->pid || pid == proc_tgid(n->req->pid));
}

/* Open the resolved object as the caller asked; returns an fd or -errno. */
static int open_object_as(struct notif *n, const struct open_args *a,
			  const struct resolved *r)
{
	/* Flags that only steer the lookup, which is done already. */
	int flags =
		(int)(a->flags & ~(uint64_t)(O_CREAT | O_EXCL | O_NOFOLLOW));
	struct fdpath proc;
	int fd;

	if ((a->flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL))
		return -EEXIST;
	if ((a->flags & O_DIRECTORY) && !S_ISDIR(r->st.st_mode))
		return -ENOTDIR;
	if (S_ISLNK(r->st.st_mode))
		return -ELOOP; /* O_NOFOLLOW on a symlink */
	if ((a->flags & O_TMPFILE) == O_TMPFILE) {
		if (!S_ISDIR(r->st.st_mode))
			return -ENOTDIR;
		/* O_EXCL here means "never to be linked": kept. */
		fd = openat(r->fd, ".",
			    flags | (int)(a->flags & O_EXCL) | O_CLOEXEC |
				    O_NOCTTY,
			    (mode_t)(a->mode & 07777));
		return fd < 0 ? -errno : fd;
	}
	if (a->flags & O_CREAT && S_ISDIR(r->st.st_mode))
		return -EISDIR;
	fd = reopen_by_path(a, r, flags);
	if (fd != -EAGAIN)
		return fd;
	/*
	 * Reopen the very inode we checked. That is the object decided, not
	 * merely one with the decided name: resolve_path() only returns a
	 * path that names r->fd's inode in our mount namespace (a name the
	 * kernel gave, from another namespace or for a moved directory, is
	 * looked up again and the walk continues on our fd: own_view()), or
	 * the name an unlinked file had (then within_fd_access() holds the
	 * open to that fd's access). A name that fails open_same() above was
	 * renamed or replaced since: the inode we hold is still the one the
	 * decision was about. O_NOCTTY: the supervisor must not
	 * acquire a terminal the caller opens. Without O_NONBLOCK an open
	 * can wait: for a FIFO's other end, a device, or a lease on a regular
	 * file to be given up (the non-blocking reopen above said EAGAIN).
	 */
	if (!(a->flags & O_NONBLOCK))
		notif_may_block(n);
	fd = open(fdpath(&proc, r->fd), flags | O_CLOEXEC | O_NOCTTY);
	return fd < 0 ? -errno : fd;
}

/* open_object_as(), with the rights a process has in its own /proc. */
static int open_object(struct notif *n, const struct open_args *a,
		       const struct resolved *r)
{
	/*
	 * A process may always open its own /proc entries (the kernel's
	 * ptrace check passes for itself), even after it changed its ids,
	 * which syd's thread acting with those ids may not: that check alone
	 * is lent, for the reopen of such an entry.
	 */
	bool own = priv_acting() && own_proc(n, r->path);
	int fd;

	if (own)
		priv_raise_ptrace();
	fd = open_object_as(n, a, r);
	if (own)
		priv_lower();
	return fd;
}

static int create_object(const struct open_args *a, const struct resolved *r)
{
	int flags = (int)(a->flags | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY);
	int fd;

	if (r->dirfd < 0)
		return -EACCES;
	/*
	 * O_NOFOLLOW: a symlink planted at the name since we looked makes
	 * this fail instead of creating its target unchecked.
	 */
	fd = openat(r->dirfd, r->name, flags, (mode_t)(a->mode & 07777));
	return fd < 0 ? -errno : fd;
}

/*
 * A file reached through /proc/PID/fd/N after a name of it was unlinked is
 * decided by the name it had, which may be its last. Reopening it may not
 * widen the access that fd has: a file one may only write must not become
 * readable that way. Returns 0 or -EACCES.
 */
static int within_fd_access(const struct open_args *a, const struct resolved *r)
{
	char name[32], buf[512], *p;
	unsigned long flags;
	int want = (int)(a->flags & O_ACCMODE), have;

	if (r->via_fd < 0)
		return 0;
	snprintf(name, sizeof(name), "fdinfo/%d", r->via_fd);
	if (proc_read_file(r->via_pid, name, buf, sizeof(buf)) < 0)
		return -EACCES;
	p = strstr(buf, "flags:");
	if (!p || sscanf(p + 6, "%lo", &flags) != 1)
		return -EACCES;
	have = (int)(flags & O_ACCMODE);
	if (a->flags & O_TRUNC)
		want = want == O_RDONLY ? O_WRONLY : want;
	if (want == have || have == O_RDWR)
		return 0;
	return -EACCES;
}

/*
 * SECCOMP_IOCTL_NOTIF_ADDFD cannot install an O_PATH fd (the kernel's
 * fget() refuses them), and continuing the call would let the path change
 * after the check. So an O_PATH open is made an ordinary read-only,
 * non-blocking open, decided as a read (or readdir): the caller gets a
 * usable fd for everything O_PATH allows, on the object that was checked.
 * The difference shows only for objects it may not read (EACCES) and for
 * O_PATH|O_NOFOLLOW on a symlink (ELOOP); syd(7) says so.
 */
static void o_path(struct open_args *a)
{
	if (!(a->flags & O_PATH))
		return;
	a->path_only = true;
	a->flags &= O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
	a->flags |= O_RDONLY | O_NONBLOCK;
}

/* Hand FD (ours, closed here) to the caller as the call's result. */
static long send_fd(struct notif *n, const struct open_args *a, int fd)
{
	int err = notif_install_fd(n, fd, a->flags & O_CLOEXEC);

	close(fd);
	/* Answered, or the caller is gone and nothing is owed. */
	return err >= 0 || err == -ENOENT ? HOOK_SENT : err;
}

/*
 * The fast path, for the open of an existing file that the policy allows
 * by its name alone: most opens of a build or a test run. The name is
 * made absolute without a lookup (resolve_lexical()), decided, and only
 * then opened, from our root, with RESOLVE_NO_SYMLINKS: the kernel walks
 * exactly the string that was decided and meets no symlink, so the object
 * opened is the one the decision named; the string is our copy, so
 * another thread rewriting the caller's buffer changes nothing. One
 * openat2 replaces the O_PATH lookup, its fstat and the reopen through
 * /proc. Only regular files and directories take this way: a FIFO must
 * not see us as its other end even for a moment (a blocked writer would
 * go on, then find its reader gone), so the type is looked at first, and
 * O_NONBLOCK keeps a FIFO or device swapped in meanwhile from blocking us
 * (the fstat after the open sends it the slow way). A symlink on the way
 * (ELOOP), and every decision that is not a plain allow go the slow way
 * too, which decides again from scratch. Returns FAST_NO for the slow
 * way (FAST_SYMLINK: a symlink was met, RES_SYMLINK_SEEN for the slow
 * way's lookup), else the answer.
 */
#define FAST_NO	     1
#define FAST_SYMLINK 2

/*
 * fstatat said ENOENT, which a symlink on the way may have said (a
 * dangling one, or /dev/fd, which names syd's fds): the same lookup with
 * RESOLVE_NO_SYMLINKS tells. ENOENT from it is the answer the slow way
 * would give (its first lookup is this one, from the same string), and is
 * the caller's: the lookup runs with its credentials, so a directory it
 * may not search says EACCES, not ENOENT. A name made meanwhile goes the
 * slow way, O_CREAT always (it creates).
 */
static long missing(const struct open_args *a, const char *canon)
{
	struct open_how how = { .flags = O_PATH | O_NOFOLLOW | O_CLOEXEC,
				.resolve = RESOLVE_NO_SYMLINKS };
	int fd;

	if (a->flags & O_CREAT)
		return FAST_NO;
	fd = (int)syscall(SYS_openat2, AT_FDCWD, canon, &how, sizeof(how));
	if (fd >= 0) {
		close(fd);
		return FAST_NO;
	}
	if (errno == ELOOP)
		return FAST_SYMLINK;
	return errno == ENOENT ? -ENOENT : FAST_NO;
}

static long fast_open(struct notif *n, const struct open_args *a,
		      const char *path)
{
	uint64_t cats;
	char canon[PATH_MAX];
	struct stat pre;
	size_t len;
	int fd;

	/*
	 * O_CREAT of a file that exists (a build rewriting its outputs) is an
	 * open of it; it is opened without O_CREAT below, so a file gone
	 * meanwhile is not created undecided (ENOENT: the slow way creates).
	 */
	/*
	 * fs on: opening first and deciding the type after could already
	 * act on a refused file system (some files of proc, sysfs, debugfs
	 * do things when opened); the slow way decides on an O_PATH fd.
	 */
	if ((a->flags & O_TMPFILE) == O_TMPFILE ||
	    (a->flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL) ||
	    a->resolve || fs_category_on(n->sb) ||
	    resolve_lexical(n->req->pid, a->dirfd, path, canon, &len))
		return FAST_NO;
	/* A directory is decided as readdir after we saw it is one. */
	cats = categories(a, true, S_IFREG);
	if (!notif_allowed_quietly(n, canon, len, cats))
		return FAST_NO;
	if (notif_creds_enter(n, CREDS_FS) < 0)
		return FAST_NO;
	/*
	 * Only a hint, checked against the open below: fstatat follows
	 * symlinks on the way, and /proc/self in one names syd, so even its
	 * errors are not the caller's answer.
	 */
	if (fstatat(AT_FDCWD, canon, &pre, AT_SYMLINK_NOFOLLOW) < 0) {
		long ret = errno == ENOENT ? missing(a, canon) : FAST_NO;

		notif_creds_leave(n);
		return ret;
	}
	if (!(S_ISREG(pre.st_mode) ||
	      (S_ISDIR(pre.st_mode) && !(a->flags & O_CREAT)))) {
		notif_creds_leave(n);
		return S_ISLNK(pre.st_mode) ? FAST_SYMLINK : FAST_NO;
	}
	/* Someone else's file: the slow way judges its directory (sticky.c). */
	if ((a->flags & O_CREAT) && pre.st_uid != (uid_t)setfsuid((uid_t)-1)) {
		notif_creds_leave(n);
		return FAST_NO;
	}
	fd = open_same(canon, a->flags & ~(uint64_t)O_CREAT, a->flags, &pre);
	notif_creds_leave(n);
	if (fd == -ELOOP)
		return FAST_SYMLINK;
	if (fd == -ENXIO || fd == -EAGAIN || fd == -EINTR ||
	    (fd == -ENOENT && (a->flags & O_CREAT)))
		return FAST_NO;
	if (fd < 0)
		return fd;
	if (S_ISDIR(pre.st_mode) && (a->flags & O_ACCMODE) == O_RDONLY &&
	    !notif_allowed_quietly(n, canon, len, CAT_BIT(CAT_READDIR))) {
		close(fd);
		return FAST_NO;
	}
	return send_fd(n, a, fd);
}

static long do_open(struct notif *n, struct open_args *a)
{
	uint64_t asked = a->flags; /* as the filter saw them */
	char path[PATH_MAX];
	RESOLVED(r);
	unsigned need = CREDS_FS;
	bool masked;
	long ret;
	int err, fd;

	o_path(a);
	err = notif_path(n, a->path_arg, path);
	if (err < 0)
		return err;
	/* /dev/syd and /dev/syd.sh by the name as written (devsyd.h). */
	if (devsyd_open_is(path) &&
	    !(a->resolve & (RESOLVE_BENEATH | RESOLVE_IN_ROOT))) {
		fd = devsyd_open(n, path, a->flags);
		return fd < 0 ? fd : send_fd(n, a, fd);
	}
	/*
	 * Sent only because /dev/syd can be read, and not for it: without
	 * the interface the filter leaves this open in the kernel, where it
	 * goes back as it was made. No rule decides it, so nothing is
	 * bypassed; a name rewritten to "/dev/syd" meanwhile is looked up
	 * by the kernel, where no such file exists.
	 */
	if (devsyd_only_call(n, asked))
		return HOOK_CONTINUE;
	err = notif_dotdot_check(n, path);
	if (err < 0)
		return err;
	if ((a->flags & O_TMPFILE) == O_TMPFILE &&
	    (a->flags & O_ACCMODE) == O_RDONLY)
		return -EINVAL;
	ret = fast_open(n, a, path);
	if (ret != FAST_NO && ret != FAST_SYMLINK)
		return ret;
	err = resolve_path(n->req->pid, a->dirfd, path,
			   resolve_flags(a) |
				   (ret == FAST_SYMLINK ? RES_SYMLINK_SEEN : 0),
			   &r);
	if (err < 0)
		return err;
	/*
	 * O_PATH|O_NOFOLLOW on a symlink: only an O_PATH fd names a symlink,
	 * and ADDFD refuses those. glibc's lchmod and fchmodat(...,
	 * AT_SYMLINK_NOFOLLOW) make such an open to answer EOPNOTSUPP for a
	 * symlink (tar does it for every link it extracts): that is the
	 * answer, once the link may be seen. Continuing the open instead
	 * would let a racing thread get an fd on a hidden file, whose
	 * existence any use of the fd would then tell.
	 */
	if (a->path_only && r.fd >= 0 && S_ISLNK(r.st.st_mode)) {
		return notif_seen_answer(n, a->sys, r.path, -EOPNOTSUPP);
	}
	if ((a->flags & O_CREAT) && (a->flags & O_TMPFILE) != O_TMPFILE) {
		/*
		 * O_CREAT on "name/": EISDIR, the kernel's answer before it
		 * looks at the name (so whether it exists, or is hidden, is
		 * not told).
		 */
		if (r.trailing_slash)
			return -EISDIR;
		/*
		 * O_CREAT on a hidden name: what a missing name there gets,
		 * whether it exists or not (notif_check_new_name()): an open
		 * of the hidden file (or EEXIST) would tell that it is there.
		 */
		err = notif_check_new_name(n, a->sys, r.path,
					   categories(a, false, 0));
		if (err < 0)
			return err;
		/*
		 * O_CREAT|O_EXCL on a name that exists: EEXIST, as the kernel
		 * answers before it asks for any permission, once the name
		 * may be seen.
		 */
		if ((a->flags & O_EXCL) && r.fd >= 0)
			return notif_seen_answer(n, a->sys, r.path, -EEXIST);
	}
	err = notif_check(n, a->sys, r.path,
			  categories(a, r.fd >= 0, r.st.st_mode));
	if (err == 0)
		err = within_fd_access(a, &r);
	if (err == 0 && (a->flags & O_CREAT) && r.fd >= 0 && r.dirfd >= 0 &&
	    (a->flags & O_TMPFILE) != O_TMPFILE) {
		struct stat dir;

		err = fstat(r.dirfd, &dir) < 0
			      ? -errno
			      : notif_sticky_check(n, &dir, &r.st);
	}
	/* fs: the object's type, or that of the directory a name is made in */
	if (err == 0)
		err = notif_fs_check(n, a->sys, r.path,
				     r.fd >= 0 ? r.fd : r.dirfd);
	if (err == 0)
		err = append_open(n, a->sys, r.path, &a->flags);
	if (r.fd < 0 || (a->flags & O_TMPFILE) == O_TMPFILE)
		need |= CREDS_UMASK;
	if (err == 0)
		err = notif_creds_take(n, need);
	if (err < 0)
		return err;
	masked = mask_open(n, &r, a->flags, &fd);
	if (!masked)
		fd = r.fd >= 0 ? open_object(n, a, &r) : create_object(a, &r);
	if (fd >= 0 && r.fd >= 0 && !masked)
		fd = procview_open(n, r.path, a->flags, fd); /* hidden names */
	if (notif_unblocked(n) && fd == -EINTR)
		fd = -ERESTARTSYS; /* the caller's signal interrupted it */
	notif_creds_leave(n);
	resolved_fini(&r);
	return fd < 0 ? fd : send_fd(n, a, fd);
}

long hook_open(struct notif *n)
{
	struct open_args a = { "open",
			       AT_FDCWD,
			       0,
			       notif_arg(n, 1) & VALID_OPEN_FLAGS,
			       notif_arg(n, 2),
			       0,
			       false };

	return do_open(n, &a);
}

long hook_creat(struct notif *n)
{
	struct open_args a = {
		"creat",	 AT_FDCWD, 0,	 O_CREAT | O_WRONLY | O_TRUNC,
		notif_arg(n, 1), 0,	   false
	};

	return do_open(n, &a);
}

long hook_openat(struct notif *n)
{
	struct open_args a = { "openat",
			       notif_fd_arg(n, 0),
			       1,
			       notif_arg(n, 2) & VALID_OPEN_FLAGS,
			       notif_arg(n, 3),
			       0,
			       false };

	return do_open(n, &a);
}

long hook_openat2(struct notif *n)
{
	struct open_args a = {
		"openat2", notif_fd_arg(n, 0), 1, 0, 0, 0, false
	};
	unsigned char extra[256];
	struct open_how how;
	uint64_t size = notif_arg(n, 3);
	int err;

	if (size < sizeof(how) || size > 4096)
		return size > 4096 ? -E2BIG : -EINVAL;
	err = tracee_read(n->req->pid, notif_arg(n, 2), &how, sizeof(how));
	/* A bigger struct from a newer libc: the tail must be zero. */
	for (uint64_t off = sizeof(how); err == 0 && off < size;
	     off += sizeof(extra)) {
		size_t chunk =
			size - off < sizeof(extra) ? size - off : sizeof(extra);

		err = tracee_read(n->req->pid, notif_arg(n, 2) + off, extra,
				  chunk);
		for (size_t i = 0; err == 0 && i < chunk; i++)
			if (extra[i])
				err = -E2BIG;
	}
	if (err < 0)
		return err;
	/* openat2 refuses what open(2) would silently drop. */
	if ((how.flags & ~(uint64_t)VALID_OPEN_FLAGS) ||
	    (how.resolve & ~(uint64_t)VALID_RESOLVE_FLAGS) ||
	    (how.mode & ~(uint64_t)07777) ||
	    (how.mode && !(how.flags & O_CREAT) &&
	     (how.flags & O_TMPFILE) != O_TMPFILE) ||
	    ((how.resolve & RESOLVE_BENEATH) &&
	     (how.resolve & RESOLVE_IN_ROOT)))
		return -EINVAL;
	/* Lookups are never done from cache here: ask to retry. */
	if (how.resolve & RESOLVE_CACHED)
		return -EAGAIN;
	a.flags = how.flags;
	a.mode = how.mode;
	a.resolve = how.resolve;
	return do_open(n, &a);
}
