/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Path resolution for a sandboxed thread (see resolve.h). Every directory on
 * the way is held as an O_PATH fd and the next component is opened relative
 * to it with O_NOFOLLOW, so what is walked is exactly what is checked. The
 * canonical string is built alongside: appended for ordinary components,
 * popped for "..", and re-read from our own fd (/proc/thread-self/fd/N)
 * whenever the kernel jumped (a magic link, the starting directory), so the
 * string always names the object the fd holds.
 */
#include "supervise/resolve.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <linux/openat2.h>
#include <unistd.h>

#include "kernel/caps.h"
#include "kernel/tracee.h"
#include "util.h"

/* The kernel's limit on symlinks followed in one lookup (MAXSYMLINKS). */
#define MAX_LINKS 40
/* Room for the rest of a path with symlink targets pushed in front. */
#define REST_MAX (2 * PATH_MAX)

struct walk {
	pid_t tid;
	unsigned flags;
	int root; /* the thread's root, or the dirfd for RES_IN_ROOT */
	bool root_shared; /* root is this thread's own, not to be closed */
	bool tried_whole; /* the whole path failed in one step already */
	pid_t tgid; /* of tid, once in_own_proc() needed it; 0 before */
	struct stat root_st;
	int scope; /* RES_BENEATH: ".." may not leave this directory */
	struct stat scope_st;
	int cur; /* the directory reached so far */
	struct stat cur_st;
	size_t len, root_len;
	unsigned links;
	pid_t via_pid; /* see struct resolved */
	int via_fd;
	char path[PATH_MAX]; /* canonical path of cur */
	char root_path[PATH_MAX];
	char rest[REST_MAX]; /* what is left to walk */
	char tmp[REST_MAX];
};

/*
 * Did the kernel say the name it gave is gone (" (deleted)")? A file may
 * also be called that: either way the string is not a name to look up.
 */
static bool deleted_name(const char *path, size_t len)
{
	static const char tail[] = " (deleted)";
	size_t n = sizeof(tail) - 1;

	return len >= n && !memcmp(path + len - n, tail, n);
}

/* Cut " (deleted)" off PATH (*LEN bytes): true if it was there. */
static bool strip_deleted(char *path, size_t *len)
{
	if (!deleted_name(path, *len))
		return false;
	*len -= sizeof(" (deleted)") - 1;
	path[*len] = '\0';
	return true;
}

/*
 * The path of our fd FD, as the kernel names it. An object unlinked since
 * it was opened is named with " (deleted)" after the name it had; that
 * tail is cut off, so that rules for the name it had still decide (the
 * string with the tail would be a name no rule was written for, and the
 * file's other links, if any, keep the access rules gave them), and 1 is
 * returned: a name to decide on, but no way to reach the object again.
 * A memfd is named /memfd:NAME. Returns 0, 1 or -errno.
 */
static int fd_path(int fd, char *buf, size_t size, size_t *len)
{
	char link[64];
	ssize_t n;

	snprintf(link, sizeof(link), "/proc/thread-self/fd/%d", fd);
	n = readlink(link, buf, size);
	if (n < 0)
		return -errno;
	if ((size_t)n >= size)
		return -ENAMETOOLONG;
	buf[n] = '\0';
	*len = (size_t)n;
	return buf[0] == '/' && strip_deleted(buf, len);
}

/* Open /proc/TID/NAME (a magic link) as an O_PATH fd. */
static int open_proc(pid_t tid, const char *name, int *fd)
{
	char link[64];

	int err;

	snprintf(link, sizeof(link), "/proc/%d/%s", (int)tid, name);
	priv_raise();
	*fd = open(link, O_PATH | O_CLOEXEC);
	err = errno;
	priv_lower();
	if (*fd < 0)
		return err == ENOENT ? -ESRCH : -err;
	return 0;
}

/* LINK := /proc/TID/fd/FD, or /proc/TID/cwd for AT_FDCWD; or -EBADF. */
static int caller_link(pid_t tid, int fd, char link[64])
{
	if (fd == AT_FDCWD)
		snprintf(link, 64, "/proc/%d/cwd", (int)tid);
	else if (fd >= 0)
		snprintf(link, 64, "/proc/%d/fd/%d", (int)tid, fd);
	else
		return -EBADF;
	return 0;
}

/* ESRCH from /proc/TID/fd/N: EBADF while TID is alive (no such fd). */
static int fd_error(pid_t tid, int err)
{
	if (err == -ESRCH) {
		/* Signalling a caller that changed ids takes syd's rights. */
		priv_raise();
		if (kill(tid, 0) == 0)
			err = -EBADF;
		priv_lower();
	}
	return err;
}

/*
 * Open the caller's directory fd DIRFD, or its cwd for AT_FDCWD, as an
 * O_PATH fd of ours: a new open file, not the caller's (whose last close
 * would run the file's flush: FUSE, NFS write back). Returns 0, -EBADF
 * (no such fd in its table) or -ESRCH.
 */
static int open_caller_fd(pid_t tid, int dirfd, int *fd)
{
	char name[32];

	*fd = -1;
	if (dirfd == AT_FDCWD)
		return open_proc(tid, "cwd", fd);
	if (dirfd < 0)
		return -EBADF;
	snprintf(name, sizeof(name), "fd/%d", dirfd);
	return fd_error(tid, open_proc(tid, name, fd));
}

static bool same_inode(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

static bool in_procfs(int fd)
{
	struct statfs sf;

	return fstatfs(fd, &sf) == 0 && sf.f_type == PROC_SUPER_MAGIC;
}

/*
 * Whether the walk stands in the caller's own /proc/PID (its thread group
 * id or its thread id): entries a process may always open for itself,
 * whatever its ids, but syd's thread acting with those ids may not.
 * Anyone else's stay checked as the caller's own lookup would be.
 */
static bool in_own_proc(struct walk *w)
{
	const char *p = w->path + 6;
	char *end;
	long pid;

	if (strncmp(w->path, "/proc/", 6) || *p < '1' || *p > '9' ||
	    !in_procfs(w->cur))
		return false;
	pid = strtol(p, &end, 10);
	if (*end != '/' && *end != '\0')
		return false;
	if (pid == w->tid)
		return true;
	if (w->tgid == 0)
		w->tgid = proc_tgid(w->tid);
	return w->tgid > 0 && pid == w->tgid;
}

/*
 * openat(w->cur, NAME, FLAGS) as the caller would make it: with syd's
 * rights inside the caller's own /proc entries (kernel/caps.h).
 */
static int walk_openat(struct walk *w, const char *name, int flags)
{
	bool up = priv_acting() && in_own_proc(w);
	int fd, err;

	if (up)
		priv_raise();
	fd = openat(w->cur, name, flags);
	err = errno;
	if (up)
		priv_lower();
	errno = err;
	return fd;
}

static _Thread_local const struct resolve_view *view;

void resolve_view_set(const struct resolve_view *v)
{
	view = v;
}

static bool passable(const char *path, size_t len)
{
	return !view || view->passable(view->ctx, path, len);
}

static bool any_hidden(void)
{
	return view && view->any_hidden(view->ctx);
}

/*
 * The parts of /proc/PID a process outside the sandbox leaves to it when
 * trace/allow_unsafe_magiclinks is off: what ps, top and pgrep read, none
 * of it behind a ptrace access check. Everything else is refused: the
 * magic links (cwd, root, exe, fd/N, map_files/..., ns/...) lead into that
 * process's files and mount namespace, where the names the kernel gives
 * are not names in ours; mem, environ, maps, auxv, stack, syscall, io,
 * fdinfo... expose the process itself, and syd would open them with its
 * own rights (as root, or as the ancestor of the caller), not the caller's.
 */
static const char *const outside_readable[] = {
	"cgroup",    "cmdline",	 "comm",      "cpuset",	   "limits",
	"loginuid",  "oom_adj",	 "oom_score", "oom_score_adj", "sched",
	"schedstat", "sessionid", "stat",     "statm",	   "status",
	"wchan",
};

static bool outside_proc_ok(void)
{
	return view && view->outside_proc;
}

/*
 * What needs the right to attach to a process (PTRACE_MODE_ATTACH, the
 * mode Yama restricts to a process's own descendants): its memory, its
 * kernel stack, the call it is in, its personality. ptrace(2) is refused
 * in the sandbox, so no process of it has that right to another; syd,
 * which has it (as root, or as every sandboxed process's ancestor), would
 * lend it by opening them.
 */
static const char *const attach_only[] = {
	"mem", "personality", "stack", "syscall",
};

static bool listed(const char *const *list, size_t n, const char *s,
		   size_t k)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(list[i]) == k && !memcmp(list[i], s, k))
			return true;
	return false;
}

/*
 * Is process or thread PID one of the sandbox's? syd is a child
 * subreaper: every process of the sandbox has it among its ancestors for
 * as long as it lives, and no other does.
 */
static bool in_sandbox(pid_t pid)
{
	return proc_descends_from(pid, getpid()) == 1;
}

/*
 * PATH (canonical, LEN bytes) in /proc/PID of another process: may the
 * caller TID use it? LINK: a magic link in the directory PATH is about to
 * be followed. Returns 0, -EACCES (the kernel's answer for an entry
 * behind a ptrace check it refuses) or -ENOENT (syd's own).
 */
static int proc_guard(pid_t tid, const char *path, size_t len, bool link)
{
	const char *p = path + 6, *end = path + len, *e;
	pid_t me, them;
	bool deeper;
	size_t k;
	long pid;

	if (len < 7 || strncmp(path, "/proc/", 6) || *p < '1' || *p > '9')
		return 0;
	for (k = 0; p + k < end && p[k] >= '0' && p[k] <= '9'; k++)
		;
	if (p + k < end && p[k] != '/')
		return 0; /* "/proc/12x": not a process */
	pid = strtol(p, NULL, 10);
	if (pid == tid)
		return 0;
	me = proc_tgid(tid);
	them = proc_tgid((pid_t)pid);
	/* The caller's own thread group: every entry is its own to use. */
	if (pid == me || (them > 0 && them == me))
		return 0;
	/* syd's own entries do not exist for the sandbox (common.c). */
	if (pid == getpid() || them == getpid())
		return -ENOENT;
	p += k;
	/* "/proc/N/task/T/...": T's entries are read as N's are. */
	if (end - p >= 5 && !strncmp(p, "/task", 5) &&
	    (p + 5 == end || p[5] == '/')) {
		p += 5;
		if (p < end)
			for (p++; p < end && *p >= '0' && *p <= '9'; p++)
				;
	}
	/* The entry: P+1, K bytes, with more path after it (DEEPER). */
	e = p < end ? memchr(p + 1, '/', (size_t)(end - p - 1)) : NULL;
	k = p < end ? (size_t)((e ? e : end) - (p + 1)) : 0;
	deeper = e != NULL;
	if (p < end && !link &&
	    listed(attach_only, ARRAY_SIZE(attach_only), p + 1, k))
		return -EACCES;
	if (outside_proc_ok() || in_sandbox((pid_t)pid))
		return 0;
	if (link)
		return -EACCES;
	if (p == end)
		return 0; /* the directory: listed, stat'ed */
	if (!deeper &&
	    listed(outside_readable, ARRAY_SIZE(outside_readable), p + 1, k))
		return 0;
	return -EACCES;
}

/*
 * The name the kernel gives for an object (d_path) is its path from the
 * root of the mount namespace its mount is in: for an object reached
 * through another namespace (a magic link of a process in a container, a
 * private /tmp, a child that made its own) that is a name in THAT
 * namespace, which here may name something else entirely (the secret,
 * bind-mounted there under an allowed name). So a name the kernel gave is
 * looked up again in ours, from our root, meeting no symlink: only when it
 * reaches the very inode of *FD (ST) is it what the object is called here,
 * and the walk goes on from OUR fd, so that what lies beneath it is what
 * our mounts show, not the other namespace's. Returns 0 (*FD and *ST then
 * ours) or -EACCES: an object with no name here has nothing to decide on.
 */
static int own_view(int *fd, struct stat *st, const char *name)
{
	struct open_how how = { .flags = O_PATH | O_NOFOLLOW | O_CLOEXEC,
				.resolve = RESOLVE_NO_SYMLINKS |
					   RESOLVE_NO_MAGICLINKS };
	struct stat ours;
	int nfd, err;

	/* Our own lookup, not one for the caller: it hands nothing out. */
	priv_raise();
	nfd = (int)syscall(SYS_openat2, AT_FDCWD, name, &how, sizeof(how));
	err = errno;
	priv_lower();
	if (nfd < 0)
		return err == ENOMEM ? -ENOMEM : -EACCES;
	if (fstat(nfd, &ours) < 0 || !same_inode(&ours, st)) {
		close(nfd);
		return -EACCES;
	}
	close_reset(fd);
	*fd = nfd;
	*st = ours;
	return 0;
}

/* own_view() for an object whose fd stays as it is: only whether NAME is it. */
static int names_object(const char *name, const struct stat *st)
{
	struct stat copy = *st;
	int tmp = -1, err = own_view(&tmp, &copy, name);

	close_reset(&tmp);
	return err;
}

/* passable() for the directory of W followed by component COMP (N bytes). */
static bool passable_in(const struct walk *w, const char *comp, size_t n)
{
	char p[PATH_MAX];
	size_t sep = w->len > 0 && w->path[w->len - 1] != '/';

	if (!view)
		return true;
	if (w->len + sep + n >= sizeof(p))
		return false;
	memcpy(p, w->path, w->len);
	if (sep)
		p[w->len] = '/';
	memcpy(p + w->len + sep, comp, n);
	return passable(p, w->len + sep + n);
}

/*
 * The walk failed with ERR at component COMP of the directory it stands
 * in: an answer other than ENOENT would tell that a hidden name exists.
 */
static int hide_error(const struct walk *w, const char *comp, size_t n,
		      int err)
{
	if (err == -ENOENT || !view)
		return err;
	if (!passable(w->path, w->len) || !passable_in(w, comp, n))
		return -ENOENT;
	return err;
}

static void set_cur(struct walk *w, int fd, const struct stat *st)
{
	close_reset(&w->cur);
	w->cur = fd;
	w->cur_st = *st;
}

static int append(struct walk *w, const char *comp, size_t n)
{
	size_t sep = w->len > 0 && w->path[w->len - 1] != '/';

	if (w->len + sep + n >= sizeof(w->path))
		return -ENAMETOOLONG;
	if (sep)
		w->path[w->len++] = '/';
	memcpy(w->path + w->len, comp, n);
	w->len += n;
	w->path[w->len] = '\0';
	return 0;
}

/* Continue at the root: an absolute path or an absolute symlink target. */
static int to_root(struct walk *w)
{
	int fd;

	if (w->flags & RES_BENEATH)
		return -EXDEV;
	fd = fcntl(w->root, F_DUPFD_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	set_cur(w, fd, &w->root_st);
	memcpy(w->path, w->root_path, w->root_len + 1);
	w->len = w->root_len;
	return 0;
}

/* Prepend TARGET to what is left to walk. */
static int push(struct walk *w, const char *target, const char *rest)
{
	int n = snprintf(w->tmp, sizeof(w->tmp), "%s%s%s", target,
			 *rest ? "/" : "", rest);

	if (n < 0 || (size_t)n >= sizeof(w->tmp))
		return -ENAMETOOLONG;
	memcpy(w->rest, w->tmp, (size_t)n + 1);
	return 0;
}

static int step_dotdot(struct walk *w)
{
	struct stat st;
	int fd, err;

	if (same_inode(&w->cur_st, &w->root_st))
		return 0; /* ".." at the root is the root */
	if ((w->flags & RES_BENEATH) && same_inode(&w->cur_st, &w->scope_st))
		return -EXDEV;
	/* Leaving it by "..": it was passed, it must be visible. */
	if (!passable(w->path, w->len))
		return -ENOENT;
	fd = walk_openat(w, "..", O_PATH | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0) {
		close(fd);
		return -errno;
	}
	set_cur(w, fd, &st);
	/*
	 * Not pop(): the directory may have been moved since we entered it,
	 * and its parent now is wherever it went. The path is read back from
	 * the fd, so it names the directory we hold.
	 */
	err = fd_path(w->cur, w->path, sizeof(w->path), &w->len);
	if (err == 0 && w->path[0] == '/')
		err = own_view(&w->cur, &w->cur_st, w->path);
	return err < 0 ? err : 0;
}

/* Set once any sandboxed process may have a root other than ours. */
static atomic_bool root_changed;

/* Our own root, to recognise the common case of a thread not chrooted. */
static struct stat self_root;
static pthread_once_t self_root_once = PTHREAD_ONCE_INIT;

static void init_self_root(void)
{
	if (stat("/", &self_root) < 0)
		memset(&self_root, 0, sizeof(self_root));
}

/* Whether P is names joined by single slashes: no "", "." or "..". */
static bool plain_names(const char *p)
{
	for (;;) {
		size_t k = strcspn(p, "/");

		if (k == 0 || (k == 1 && p[0] == '.') ||
		    (k == 2 && p[0] == '.' && p[1] == '.'))
			return false;
		if (!p[k])
			return true;
		p += k + 1;
	}
}

/*
 * Symlinks in the root directory ("/lib" -> "usr/lib" on a merged-/usr
 * system) put nearly every exec and library open on the component walk:
 * the one-openat2 lookups refuse symlinks, and the symlink-following one
 * cannot see what it passes when names may be hidden. Each emulator thread
 * remembers the names of the root links its walks followed, and rewrites
 * a later path through one with the link's text, read again each time (a
 * readlink() instead of the walk's ELOOP, open, fstat, readlink and
 * close). A replacement of the link racing that readlink only makes the
 * lookup happen as just before it; what is opened is decided by the
 * rewritten path, which the fast ways walk without symlinks.
 */
#define ROOT_LINKS 8
#define ROOT_LINK_NAME 16

static _Thread_local char root_links[ROOT_LINKS][ROOT_LINK_NAME];
static _Thread_local unsigned root_links_used;

/* Remember the link NAME (text TARGET) that W follows, if W is at the root. */
static void root_link_learn(const struct walk *w, const char *name,
			    const char *target)
{
	size_t i;

	while (*target == '/')
		target++;
	if (atomic_load(&root_changed) || w->len != 1 || w->path[0] != '/' ||
	    !same_inode(&w->cur_st, &self_root) ||
	    strlen(name) >= ROOT_LINK_NAME || !*target ||
	    !plain_names(target))
		return;
	for (i = 0; i < ROOT_LINKS; i++)
		if (!strcmp(root_links[i], name))
			return;
	strcpy(root_links[root_links_used++ % ROOT_LINKS], name);
}

bool resolve_root_link(const char *path, char *out)
{
	const char *name = path + 1, *rest, *t;
	char link[ROOT_LINK_NAME + 1], target[PATH_MAX];
	size_t k, i;
	ssize_t n;
	int len;

	if (path[0] != '/' || atomic_load(&root_changed))
		return false;
	k = strcspn(name, "/");
	rest = name + k;
	if (k == 0 || k >= ROOT_LINK_NAME || *rest != '/')
		return false;
	while (*rest == '/')
		rest++;
	if (!*rest)
		return false; /* "/lib/": the walk knows what a '/' last needs */
	for (i = 0; i < ROOT_LINKS; i++)
		if (!strncmp(root_links[i], name, k) && !root_links[i][k])
			break;
	/* A hidden link is not there to follow: the walk says ENOENT. */
	if (i == ROOT_LINKS || !passable(path, k + 1))
		return false;
	memcpy(link, path, k + 1);
	link[k + 1] = '\0';
	n = readlink(link, target, sizeof(target));
	if (n <= 0 || (size_t)n >= sizeof(target)) {
		if (n < 0 && errno == EINVAL)
			root_links[i][0] = '\0'; /* no longer a link */
		return false;
	}
	target[n] = '\0';
	for (t = target; *t == '/'; t++)
		;
	if (!*t || !plain_names(t))
		return false;
	len = snprintf(out, PATH_MAX, "/%s/%s", t, rest);
	return len > 0 && len < PATH_MAX;
}

/*
 * Follow the symlink NAME (open as LFD) in the current directory. REST is
 * what follows it. Magic links in /proc are followed by the kernel (their
 * text is not a path); ordinary ones by pushing their text.
 */
static int follow(struct walk *w, int lfd, const char *name, const char *rest)
{
	char target[PATH_MAX];
	struct stat st;
	size_t len;
	ssize_t n;
	int fd, err;

	if (++w->links > MAX_LINKS)
		return -ELOOP;
	if (w->flags & RES_NO_SYMLINKS)
		return -ELOOP;
	{
		bool up = priv_acting() && in_own_proc(w);
		int e;

		if (up)
			priv_raise();
		n = readlinkat(lfd, "", target, sizeof(target));
		e = errno;
		if (up)
			priv_lower();
		if (n < 0)
			return -e;
	}
	if ((size_t)n >= sizeof(target))
		return -ENAMETOOLONG;
	target[n] = '\0';
	root_link_learn(w, name, target);
	/*
	 * No magic link reads as a relative name without a ':' ("pipe:[1]",
	 * "anon_inode:inotify"): such a text is followed as written without
	 * asking where the link lives. Any other is, outside procfs.
	 */
	if (n > 0 && target[0] != '/' && !strchr(target, ':'))
		return push(w, target, rest);
	if (!in_procfs(w->cur)) {
		if (n == 0)
			return -ENOENT;
		err = push(w, target, rest);
		if (err < 0 || target[0] != '/')
			return err;
		return to_root(w);
	}
	/* A /proc magic link: let the kernel jump to the object. */
	if (w->flags & (RES_NO_MAGICLINKS | RES_BENEATH | RES_IN_ROOT))
		return (w->flags & RES_NO_MAGICLINKS) ? -ELOOP : -EXDEV;
	err = proc_guard(w->tid, w->path, w->len, true);
	if (err < 0)
		return err;
	fd = walk_openat(w, name, O_PATH | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0) {
		close(fd);
		return -errno;
	}
	{
		/* /proc/PID/fd/N: remember PID and N, for an unlinked file. */
		const char *fdir = memrchr(w->path, '/', w->len);
		char *end;
		long num = strtol(name, &end, 10);

		w->via_pid = -1;
		w->via_fd = -1;
		if (fdir && !strcmp(fdir, "/fd") && !*end && num >= 0 &&
		    !strncmp(w->path, "/proc/", 6)) {
			w->via_pid = (pid_t)atoi(w->path + 6);
			w->via_fd = (int)num;
		}
	}
	err = append(w, name, strlen(name)); /* the link's own path */
	if (err < 0) {
		close(fd);
		return err;
	}
	set_cur(w, fd, &st);
	/*
	 * A file is named by its path; a pipe, socket or anonymous inode has
	 * none ("pipe:[123]"), so it keeps the name of the link it was
	 * reached by: /proc/self/fd/N, which rules can be written for.
	 */
	err = fd_path(w->cur, target, sizeof(target), &len);
	if (err < 0)
		return err;
	if (target[0] == '/') {
		/*
		 * The object's own name decides, or the one it had. Reopened
		 * after an unlink, it keeps PID and N: no name of it may be
		 * left, so the open may not widen that fd's access. A live
		 * name must be the object's name in our mount namespace.
		 */
		if (err == 0) {
			err = own_view(&w->cur, &w->cur_st, target);
			if (err < 0)
				return err;
		}
		memcpy(w->path, target, len + 1);
		w->len = len;
		if (err == 0 && !(S_ISREG(st.st_mode) && st.st_nlink == 0)) {
			w->via_pid = -1;
			w->via_fd = -1;
		}
	} else {
		w->via_pid = -1; /* a pipe or socket: no access to widen */
		w->via_fd = -1;
	}
	memmove(w->rest, rest, strlen(rest) + 1);
	return 0;
}

static int finish_parent(struct walk *w, const char *name, size_t n,
			 struct resolved *out)
{
	memcpy(out->name, name, n);
	out->name[n] = '\0';
	out->dirfd = w->cur;
	w->cur = -1;
	return append(w, name, n);
}

/*
 * The rest of the walk in one step, when it can only go down: REST has no
 * "." or "..", no trailing "/", and one openat2 with RESOLVE_NO_SYMLINKS
 * (no symlink, magic link or mount crossing) reaches its end from where
 * the walk stands. Every directory passed is then an ancestor of the end,
 * which the caller's decision covers. Returns 0 with OUT filled, or 1 when
 * the component walk must go on (any failure: it knows where).
 */
static int walk_rest(struct walk *w, const char *rest, struct resolved *out)
{
	struct open_how how = { .flags = O_PATH | O_CLOEXEC,
				.resolve = RESOLVE_NO_SYMLINKS |
					   RESOLVE_NO_MAGICLINKS |
					   RESOLVE_NO_XDEV };
	size_t n = strlen(rest), len = w->len;
	struct stat st;
	int fd;

	if ((w->flags & ~(unsigned)(RES_FOLLOW | RES_NO_MAGICLINKS)) ||
	    !plain_names(rest))
		return 1;
	if (!(w->flags & RES_FOLLOW))
		how.flags |= O_NOFOLLOW;
	fd = (int)syscall(SYS_openat2, w->cur, rest, &how, sizeof(how));
	if (fd < 0)
		return 1;
	if (fstat(fd, &st) < 0 || append(w, rest, n) < 0) {
		close(fd);
		w->len = len;
		w->path[len] = '\0';
		return 1;
	}
	set_cur(w, fd, &st);
	out->fd = w->cur;
	out->st = w->cur_st;
	w->cur = -1;
	return 0;
}

static int walk(struct walk *w, struct resolved *out)
{
	char *p = w->rest;
	/* Try the rest in one step: at the start, and after each symlink. */
	bool whole = !w->tried_whole;

	for (;;) {
		char comp[NAME_MAX + 1];
		const char *next;
		bool last, slash, follow_last;
		struct stat st;
		size_t n;
		int fd, err;

		while (*p == '/')
			p++;
		if (whole && *p && walk_rest(w, p, out) == 0)
			return 0;
		whole = false;
		if (!*p) {
			/*
			 * The walk ended where it stands: a directory ("/",
			 * "a/.", "a/..") or the object a magic link jumped to.
			 */
			if (out->trailing_slash && !S_ISDIR(w->cur_st.st_mode))
				return passable(w->path, w->len) ? -ENOTDIR :
								   -ENOENT;
			out->fd = w->cur;
			out->st = w->cur_st;
			w->cur = -1;
			return 0;
		}
		n = strcspn(p, "/");
		if (n > NAME_MAX)
			return hide_error(w, p, n, -ENAMETOOLONG);
		memcpy(comp, p, n);
		comp[n] = '\0';
		next = p + n;
		slash = *next == '/';
		while (*next == '/')
			next++;
		last = *next == '\0';
		if (last && slash)
			out->trailing_slash = true;
		/*
		 * A trailing "/" makes a lookup follow a final symlink, and
		 * demand a directory: but a call that creates or removes
		 * the name (RES_PARENT) looks up its parent only, and takes
		 * the name as it is; the call decides what the "/" means
		 * ("rmdir link/" is ENOTDIR, not a removal of the target).
		 */
		follow_last = (w->flags & RES_PARENT) ?
				      (w->flags & RES_FOLLOW) && !slash :
				      slash || (w->flags & RES_FOLLOW);
		if (!strcmp(comp, ".")) {
			p += n;
			continue;
		}
		if (!strcmp(comp, "..")) {
			err = step_dotdot(w);
			if (err < 0)
				return err;
			p += n;
			continue;
		}
		/* /proc/self is the caller, not the supervisor. */
		if ((!strcmp(comp, "self") || !strcmp(comp, "thread-self")) &&
		    (!last || follow_last) &&
		    w->cur_st.st_ino == 1 && in_procfs(w->cur)) {
			pid_t tgid = proc_tgid(w->tid);
			char t[64];

			if (tgid < 0)
				return tgid;
			if (comp[0] == 's')
				snprintf(t, sizeof(t), "%d", (int)tgid);
			else
				snprintf(t, sizeof(t), "%d/task/%d", (int)tgid,
					 (int)w->tid);
			if (++w->links > MAX_LINKS)
				return -ELOOP;
			err = push(w, t, next);
			if (err < 0)
				return err;
			p = w->rest;
			continue;
		}
		fd = walk_openat(w, comp, O_PATH | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0) {
			err = -errno;
			if (err == -ENOENT && last && (w->flags & RES_PARENT)) {
				out->fd = -1;
				return finish_parent(w, comp, n, out);
			}
			return hide_error(w, comp, n, err);
		}
		if (fstat(fd, &st) < 0) {
			err = -errno;
			close(fd);
			return err;
		}
		if ((w->flags & RES_NO_XDEV) && st.st_dev != w->cur_st.st_dev) {
			close(fd);
			return hide_error(w, comp, n, -EXDEV);
		}
		if (S_ISLNK(st.st_mode) && (!last || follow_last)) {
			/* Copy what follows: the buffer is about to change. */
			char *rest;

			/* A hidden symlink is not there to follow. */
			if (!passable_in(w, comp, n)) {
				close(fd);
				return -ENOENT;
			}
			rest = strdup(next);
			if (!rest) {
				close(fd);
				return -ENOMEM;
			}
			err = follow(w, fd, comp, rest);
			close(fd);
			free(rest);
			if (err < 0)
				return err;
			/* "link/" must still name a directory. */
			if (slash && last) {
				size_t rl = strlen(w->rest);

				if (rl + 2 > sizeof(w->rest))
					return -ENAMETOOLONG;
				memcpy(w->rest + rl, "/", 2);
			}
			p = w->rest;
			whole = true;
			continue;
		}
		if (last && (w->flags & RES_PARENT)) {
			out->fd = fd;
			out->st = st;
			return finish_parent(w, comp, n, out);
		}
		if ((!last || slash) && !S_ISDIR(st.st_mode)) {
			close(fd);
			return hide_error(w, comp, n, -ENOTDIR);
		}
		err = append(w, comp, n);
		if (err < 0) {
			close(fd);
			return err;
		}
		set_cur(w, fd, &st);
		p += n;
	}
}

static int open_start(struct walk *w, int dirfd, bool absolute)
{
	int err;

	pthread_once(&self_root_once, init_self_root);
	if (!atomic_load(&root_changed)) {
		/*
		 * No chroot was allowed: the caller's root is ours. This
		 * thread keeps an fd on it rather than open /proc/PID/root
		 * for every walk.
		 */
		static _Thread_local int own_root = -1;
		static _Thread_local struct stat own_root_st;

		if (own_root < 0) {
			int fd = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);

			if (fd < 0)
				return -errno;
			if (fstat(fd, &own_root_st) < 0) {
				close(fd);
				return -errno;
			}
			own_root = fd;
		}
		w->root = own_root;
		w->root_shared = true;
		w->root_st = own_root_st;
	} else {
		err = open_proc(w->tid, "root", &w->root);
		if (err < 0)
			return err;
		if (fstat(w->root, &w->root_st) < 0)
			return -errno;
	}
	if (same_inode(&w->root_st, &self_root)) {
		strcpy(w->root_path, "/");
		w->root_len = 1;
	} else {
		err = fd_path(w->root, w->root_path, sizeof(w->root_path),
			      &w->root_len);
		if (err < 0)
			return err;
		/* A root taken through another namespace (see own_view()). */
		if (err == 0 && w->root_path[0] == '/') {
			err = own_view(&w->root, &w->root_st, w->root_path);
			if (err < 0)
				return err;
		}
	}
	if (absolute && !(w->flags & RES_IN_ROOT))
		return to_root(w);
	err = open_caller_fd(w->tid, dirfd, &w->cur);
	if (err < 0)
		return err;
	if (fstat(w->cur, &w->cur_st) < 0)
		return -errno;
	err = fd_path(w->cur, w->path, sizeof(w->path), &w->len);
	if (err < 0)
		return err;
	/*
	 * The caller's cwd or directory fd: its chdir was continued, so it
	 * may have gone anywhere the kernel lets it, another namespace too
	 * (see own_view()). A deleted one keeps the name it had.
	 */
	if (err == 0 && w->path[0] == '/') {
		err = own_view(&w->cur, &w->cur_st, w->path);
		if (err < 0)
			return err;
	}
	if (w->flags & (RES_IN_ROOT | RES_BENEATH)) {
		int fd = fcntl(w->cur, F_DUPFD_CLOEXEC, 0);

		if (fd < 0)
			return -errno;
		if (w->flags & RES_IN_ROOT) {
			if (!w->root_shared)
				close_reset(&w->root);
			w->root_shared = false;
			w->root = fd;
			w->root_st = w->cur_st;
			memcpy(w->root_path, w->path, w->len + 1);
			w->root_len = w->len;
		} else {
			w->scope = fd;
			w->scope_st = w->cur_st;
		}
	}
	return 0;
}


void resolve_note_root_change(void)
{
	atomic_store(&root_changed, true);
}

bool resolve_root_changed(void)
{
	return atomic_load(&root_changed);
}

/*
 * Normalise absolute PATH lexically into OUT: no "", "." or ".." parts.
 * Valid only for a path the kernel walked without meeting a symlink; then
 * the directories a ".." leaves are the prefixes written out, and each
 * must be passable (struct resolve_view): -ENOENT when one is hidden.
 */
static int normalise(const char *path, char *out, size_t *len)
{
	size_t n = 0;
	const char *p = path;

	out[n++] = '/';
	while (*p) {
		size_t k;

		while (*p == '/')
			p++;
		k = strcspn(p, "/");
		if (k == 0 || (k == 1 && p[0] == '.')) {
			p += k;
			continue;
		}
		if (k == 2 && p[0] == '.' && p[1] == '.') {
			if (n > 1 && !passable(out, n))
				return -ENOENT;
			while (n > 1 && out[n - 1] != '/')
				n--;
			if (n > 1)
				n--;
			p += k;
			continue;
		}
		if (n + (n > 1) + k >= PATH_MAX)
			return -ENAMETOOLONG;
		if (n > 1)
			out[n++] = '/';
		memcpy(out + n, p, k);
		n += k;
		p += k;
	}
	out[n] = '\0';
	*len = n;
	return 0;
}

static bool has_dotdot(const char *path)
{
	for (const char *p = path; (p = strstr(p, "..")); p += 2)
		if ((p == path || p[-1] == '/') && (p[2] == '/' || !p[2]))
			return true;
	return false;
}

/* Set OUT's path from its fds: the object's, or its parent's and name. */
static int reread(struct resolved *out)
{
	char buf[PATH_MAX];
	size_t len;
	int err;

	if (out->dirfd < 0) {
		err = fd_path(out->fd, out->path, sizeof(out->path),
			      &out->len);
		if (err == 1 || (err == 0 && out->path[0] != '/'))
			err = -ENOENT;
		return err;
	}
	err = fd_path(out->dirfd, buf, sizeof(buf), &len);
	if (err < 0)
		return err;
	if (err == 1 || buf[0] != '/')
		return -ENOENT;
	if (len + 1 + strlen(out->name) >= PATH_MAX)
		return -ENAMETOOLONG;
	out->len = (size_t)snprintf(out->path, sizeof(out->path), "%s%s%s",
				    buf, len > 1 ? "/" : "", out->name);
	return 0;
}

/*
 * An error of the one-openat2 lookups: ELOOP (a symlink on the way) and,
 * when names may be hidden, anything but ENOENT go to the walk, which
 * knows at which component it failed (see struct resolve_view).
 */
static int final_error(int err)
{
	if (err == -ELOOP || (err != -ENOENT && any_hidden()))
		return 1;
	return err;
}

/*
 * The fast path (by far the common case): one openat2(RESOLVE_NO_SYMLINKS)
 * of PATH from BASE (AT_FDCWD, our root, for an absolute path; the
 * caller's cwd or dirfd else, whose canonical path is BASE_PATH). Our root
 * is the caller's while no chroot was allowed. If the lookup succeeds, no
 * symlink was on the way and the lexical path is the canonical one.
 * Returns 0, a final -errno, or 1 when the full walk must decide (a
 * symlink on the way, a chroot, "." or ".." last).
 */
static int fast_lookup(int base, const char *base_path, const char *path,
		       unsigned flags, struct resolved *out)
{
	struct open_how how = { .flags = O_PATH | O_NOFOLLOW | O_CLOEXEC,
				.resolve = RESOLVE_NO_SYMLINKS };
	size_t plen = strlen(path), len;
	char full[PATH_MAX];
	const char *last;
	int fd, err;

	if (atomic_load(&root_changed) ||
	    (flags & ~(unsigned)(RES_FOLLOW | RES_PARENT)))
		return 1;
	if (path[0] == '/') {
		err = normalise(path, out->path, &len);
	} else {
		int n = snprintf(full, sizeof(full), "%s/%s", base_path, path);

		if (n < 0 || (size_t)n >= sizeof(full) || base_path[0] != '/')
			return 1; /* the walk gives the exact error */
		err = normalise(full, out->path, &len);
	}
	if (err < 0)
		return err;
	out->trailing_slash = plen > 1 && path[plen - 1] == '/';
	out->len = len;
	if (flags & RES_PARENT) {
		const char *slash = strrchr(path, '/');
		char dir[PATH_MAX];

		last = slash ? slash + 1 : path;
		if (len == 1 || out->trailing_slash || !strcmp(last, ".") ||
		    !strcmp(last, "..") || !*last)
			return 1;
		/* ENOENT first where the parent is missing: the walk's. */
		if (strlen(last) > NAME_MAX)
			return 1;
		how.flags = O_PATH | O_DIRECTORY | O_CLOEXEC;
		if (!slash) {
			fd = (int)syscall(SYS_openat2, base, ".", &how,
					  sizeof(how));
		} else {
			size_t dl = slash == path ? 1 : (size_t)(slash - path);

			memcpy(dir, path, dl);
			dir[dl] = '\0';
			fd = (int)syscall(SYS_openat2, base, dir, &how,
					  sizeof(how));
		}
		if (fd < 0)
			return final_error(-errno);
		out->dirfd = fd;
		strcpy(out->name, last);
		out->fd = openat(fd, last, O_PATH | O_NOFOLLOW | O_CLOEXEC);
		if (out->fd < 0) {
			err = -errno;
			if (err == -ENOENT)
				return 0;
			close_reset(&out->dirfd);
			return final_error(err);
		}
	} else {
		out->fd = (int)syscall(SYS_openat2, base, path, &how,
				       sizeof(how));
		if (out->fd < 0)
			return final_error(-errno);
	}
	if (fstat(out->fd, &out->st) < 0) {
		err = -errno;
		resolved_fini(out);
		return err;
	}
	/* A symlink to follow: the walk follows it. */
	if (S_ISLNK(out->st.st_mode) &&
	    ((flags & RES_FOLLOW) || out->trailing_slash)) {
		resolved_fini(out);
		return 1;
	}
	/*
	 * The kernel took ".." from where each directory was at that moment:
	 * one moved meanwhile makes the lexical path name something else.
	 * The path of what we hold is read back instead.
	 */
	if (has_dotdot(path) && reread(out) < 0) {
		resolved_fini(out);
		return 1;
	}
	return 0;
}

/* OUT holding nothing: no fds, no path. */
static void resolved_init(struct resolved *out)
{
	out->fd = out->dirfd = -1;
	out->via_pid = -1;
	out->via_fd = -1;
	out->name[0] = '\0';
	out->trailing_slash = false;
	out->len = 0;
	out->path[0] = '\0';
}

int resolve_lexical(pid_t tid, int dirfd, const char *path, char *out,
		    size_t *len)
{
	size_t n = 0, plen = strlen(path);
	const char *p = path;

	if (atomic_load(&root_changed) || plen == 0 || plen >= PATH_MAX ||
	    path[plen - 1] == '/')
		return 1;
	if (path[0] != '/') {
		char link[64];
		ssize_t k;

		if (dirfd == AT_FDCWD)
			snprintf(link, sizeof(link), "/proc/%d/cwd", (int)tid);
		else if (dirfd >= 0)
			snprintf(link, sizeof(link), "/proc/%d/fd/%d",
				 (int)tid, dirfd);
		else
			return 1;
		/*
		 * The string, not an fd: the decision and the open both use
		 * it, so a directory moved meanwhile cannot make them differ.
		 */
		priv_raise();
		k = readlink(link, out, PATH_MAX);
		priv_lower();
		if (k <= 0 || k >= PATH_MAX || out[0] != '/')
			return 1;
		n = (size_t)k;
		if (deleted_name(out, n))
			return 1;
		if (n == 1)
			n = 0;
	}
	while (*p) {
		size_t k;

		while (*p == '/')
			p++;
		k = strcspn(p, "/");
		if (k == 0)
			break;
		if ((k == 1 && p[0] == '.') ||
		    (k == 2 && p[0] == '.' && p[1] == '.'))
			return 1;
		if (n + 1 + k >= PATH_MAX)
			return 1;
		out[n++] = '/';
		memcpy(out + n, p, k);
		n += k;
		p += k;
	}
	if (n == 0)
		out[n++] = '/';
	out[n] = '\0';
	*len = n;
	{
		char alt[PATH_MAX];

		/*
		 * Only a path written from the root: a base read from the
		 * caller's fd may be a symlink itself (O_PATH|O_NOFOLLOW),
		 * which a lookup does not follow (ENOTDIR).
		 */
		if (path[0] == '/' && resolve_root_link(out, alt)) {
			*len = strlen(alt);
			memcpy(out, alt, *len + 1);
		}
	}
	return 0;
}

/*
 * The second fast path, for a path with symlinks on the way (on a merged-
 * /usr system: every /bin/... and /lib/...): let the kernel follow them
 * in one openat2(O_PATH) from BASE (our root is the caller's while no
 * chroot was allowed), and read the canonical path of what we got back
 * from our fd, the way the walk would have built it. Magic links are
 * refused (their target depends on who looks), and so is any mount
 * crossing (see below) and anything that ends in procfs: a link through
 * /proc/self would have named syd. A name read back as deleted (unlinked
 * since the lookup) names nothing: the walk decides on the name it looks
 * up. For each of these, and for every error (which may likewise be
 * syd's, not the caller's), the walk decides. Returns 0 or 1 (walk).
 */
static int follow_lookup(int base, const char *path, unsigned flags,
			 struct resolved *out)
{
	/*
	 * RESOLVE_NO_XDEV: a route through procfs crosses its mount, and
	 * there /proc/self would have named syd (its tasks would exist for
	 * the caller, "/proc/self/task/N/../../.." would climb out of them).
	 * Symlinks on the root file system (merged /usr) stay on this way;
	 * any mount crossed with a symlink on the way goes to the walk.
	 */
	struct open_how how = { .flags = O_PATH | O_CLOEXEC,
				.resolve = RESOLVE_NO_MAGICLINKS |
					   RESOLVE_NO_XDEV };
	size_t len;

	if (atomic_load(&root_changed) || (flags & ~(unsigned)RES_FOLLOW) ||
	    any_hidden())
		return 1;
	if (!(flags & RES_FOLLOW))
		how.flags |= O_NOFOLLOW;
	out->fd = (int)syscall(SYS_openat2, base, path, &how, sizeof(how));
	if (out->fd < 0)
		return 1;
	if (in_procfs(out->fd) || fstat(out->fd, &out->st) < 0 ||
	    fd_path(out->fd, out->path, sizeof(out->path), &len) != 0 ||
	    out->path[0] != '/') {
		resolved_fini(out);
		return 1;
	}
	out->len = len;
	out->trailing_slash = false;
	return 0;
}

/*
 * FULL (PATH_MAX bytes) := the name of thread TID's cwd or directory fd
 * DIRFD, "/", relative PATH. Returns 0, or 1 when only the walk can tell:
 * the base has no live absolute name (deleted, a pipe, a bad fd, a thread
 * gone), or the result is too long.
 */
static int base_name(pid_t tid, int dirfd, const char *path, char *full)
{
	char link[64];
	ssize_t n;
	int k;

	if (caller_link(tid, dirfd, link) < 0)
		return 1;
	priv_raise();
	n = readlink(link, full, PATH_MAX);
	priv_lower();
	if (n <= 0 || n >= PATH_MAX || full[0] != '/' ||
	    deleted_name(full, (size_t)n))
		return 1;
	k = snprintf(full + n, PATH_MAX - (size_t)n, "%s%s",
		     n > 1 ? "/" : "", path);
	return k < 0 || (size_t)k >= PATH_MAX - (size_t)n;
}

static int lookup(pid_t tid, int dirfd, const char *path, unsigned flags,
		  struct resolved *out)
{
	struct walk *w;
	bool absolute = path[0] == '/';
	bool tried = false; /* a fast lookup met what the walk must handle */
	size_t plen = strlen(path);
	int err;

	resolved_init(out);
	if (plen == 0 && !(flags & RES_EMPTY_PATH))
		return -ENOENT;
	if (plen >= PATH_MAX)
		return -ENAMETOOLONG;
	if (absolute && (flags & RES_BENEATH))
		return -EXDEV;
	/* Only "" names the dirfd itself: keep the fast ways open. */
	if (plen > 0)
		flags &= ~(unsigned)RES_EMPTY_PATH;
	if (absolute) {
		char alt[PATH_MAX];
		const char *p = path;

		if (!(flags & ~(unsigned)(RES_FOLLOW | RES_PARENT)) &&
		    resolve_root_link(path, alt))
			p = alt;
		err = fast_lookup(AT_FDCWD, "/", p, flags, out);
		if (err <= 0)
			return err;
		tried = true;
		out->trailing_slash = false;
		if (follow_lookup(AT_FDCWD, p, flags, out) == 0)
			return 0;
	} else if (plen > 0 && !atomic_load(&root_changed) &&
		   !(flags & ~(unsigned)(RES_FOLLOW | RES_PARENT))) {
		char full[PATH_MAX];

		/*
		 * From the NAME of the caller's cwd or directory fd, made
		 * absolute and looked up from our root, not from its fd:
		 * the decision and the lookup then share one string, so a
		 * base in another mount namespace (reached by a continued
		 * chdir) cannot have one name decided and another object
		 * opened; nor can a directory moved meanwhile. EACCES from
		 * our root (an ancestor the caller may not search, which a
		 * relative lookup never asks) and ENOTDIR (the base is no
		 * directory) go to the walk, which answers as the kernel.
		 */
		err = base_name(tid, dirfd, path, full);
		if (err == 0)
			err = fast_lookup(AT_FDCWD, "/", full, flags, out);
		if (err <= 0 && err != -ENOTDIR && err != -EACCES)
			return err;
		resolved_fini(out);
		out->trailing_slash = false;
		tried = err == 1;
		err = err == 1 ? follow_lookup(AT_FDCWD, full, flags, out) : 1;
		if (err == 0)
			return 0;
	}
	/* Too big for the stack of an emulator thread. */
	w = malloc(sizeof(*w));
	if (!w)
		return -ENOMEM;
	w->tid = tid;
	w->flags = flags;
	w->via_pid = -1;
	w->via_fd = -1;
	w->root = w->scope = w->cur = -1;
	w->root_shared = false;
	w->tried_whole = tried;
	w->tgid = 0;
	w->links = 0;
	w->len = 0;
	memcpy(w->rest, path, plen + 1);
	err = open_start(w, dirfd, absolute);
	if (err == 0 && plen == 0) {
		/* AT_EMPTY_PATH: the object is the directory fd itself. */
		out->fd = w->cur;
		out->st = w->cur_st;
		w->cur = -1;
	} else if (err == 0) {
		if (!absolute && !S_ISDIR(w->cur_st.st_mode))
			err = -ENOTDIR;
		else
			err = walk(w, out);
	}
	if (err == 0) {
		memcpy(out->path, w->path, w->len + 1);
		out->len = w->len;
		out->via_pid = w->via_pid;
		out->via_fd = w->via_fd;
	} else {
		resolved_fini(out);
	}
	close_reset(&w->cur);
	if (!w->root_shared)
		close_reset(&w->root);
	close_reset(&w->scope);
	free(w);
	return err;
}

int resolve_path(pid_t tid, int dirfd, const char *path, unsigned flags,
		 struct resolved *out)
{
	int err = lookup(tid, dirfd, path, flags, out);

	/* Where the lookup ended, in /proc/PID of another process. */
	if (err == 0 && out->len > 6 && !memcmp(out->path, "/proc/", 6)) {
		err = proc_guard(tid, out->path, out->len, false);
		if (err < 0)
			resolved_fini(out);
	}
	return err;
}

int resolve_fd(pid_t tid, int dirfd, struct resolved *out)
{
	int err;

	resolved_init(out);
	err = open_caller_fd(tid, dirfd, &out->fd);
	if (err < 0)
		return err;
	if (fstat(out->fd, &out->st) < 0) {
		err = -errno;
		close_reset(&out->fd);
		return err;
	}
	return 0;
}

int resolve_own_fd(int fd, struct resolved *out)
{
	int err;

	resolved_init(out);
	out->fd = fd;
	if (fstat(fd, &out->st) < 0) {
		err = -errno;
		close_reset(&out->fd);
		return err;
	}
	err = fd_path(fd, out->path, sizeof(out->path), &out->len);
	/* A live name must name it here (own_view()); FD stays the one. */
	if (err == 0 && out->path[0] == '/')
		err = names_object(out->path, &out->st);
	if (err < 0) {
		close_reset(&out->fd);
		return err;
	}
	return 0;
}


int resolve_fd_name(pid_t tid, int fd, char *name)
{
	char link[64];
	struct stat st;
	ssize_t n;
	size_t len;
	int err = caller_link(tid, fd, link);

	if (err < 0)
		return err;
	priv_raise();
	n = readlink(link, name, PATH_MAX);
	if (n < 0)
		err = errno == ENOENT ? -ESRCH : -errno;
	priv_lower();
	if (err < 0)
		return fd_error(tid, err);
	if (n >= PATH_MAX)
		return -ENAMETOOLONG;
	name[n] = '\0';
	if (name[0] != '/')
		return 1;
	len = (size_t)n;
	if (strip_deleted(name, &len))
		return 0;
	/*
	 * A live name must be the object's name here (see own_view()): an
	 * fd passed in from a process in another mount namespace is named
	 * as that namespace sees it.
	 */
	priv_raise();
	err = stat(link, &st) < 0 ? -errno : 0;
	priv_lower();
	if (err < 0)
		return fd_error(tid, err == -ENOENT ? -ESRCH : err);
	return names_object(name, &st);
}

int resolve_fd_stat(pid_t tid, int fd, struct resolved *out)
{
	char link[64];
	int err = 0;

	resolved_init(out);
	/* One stat through the magic link: no open file to make and close. */
	err = caller_link(tid, fd, link);
	if (err < 0)
		return err;
	priv_raise();
	if (stat(link, &out->st) < 0)
		err = errno == ENOENT ? -ESRCH : -errno;
	priv_lower();
	return fd_error(tid, err);
}

void resolved_fini(struct resolved *r)
{
	close_reset(&r->fd);
	close_reset(&r->dirfd);
}
