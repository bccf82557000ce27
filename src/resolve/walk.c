/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The component walk, the resolver's exact way (see resolve.h). Every
 * directory on the way is held as an O_PATH fd and the next component is
 * opened relative to it with O_NOFOLLOW, so what is walked is exactly what
 * is checked. The canonical string is built alongside: appended for
 * ordinary components, popped for "..", and re-read from our own fd
 * (/proc/thread-self/fd/N) whenever the kernel jumped (a magic link, the
 * starting directory), so the string always names the object the fd holds.
 */
#include "resolve/internal.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "kernel/caps.h"
#include "kernel/procfs.h"
#include "kernel/tracee.h"
#include "util.h"

/*
 * Whether the walk stands in the caller's own /proc/PID (its thread group
 * id or its thread id): entries a process may always open for itself,
 * whatever its ids, but syd's thread acting with those ids may not.
 * Anyone else's stay checked as the caller's own lookup would be.
 */
static bool in_own_proc(struct walk *w)
{
	pid_t pid = proc_path_pid(w->path, w->len, NULL);

	if (pid == 0 || !in_procfs(w->cur))
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

/*
 * Follow NAME from where W stands, where the kernel jumps ("..", a magic
 * link): our fd on where it lands, with its stat in ST, or -errno; -EXDEV
 * when RES_NO_XDEV and the jump left the mount.
 */
static int walk_jump(struct walk *w, const char *name, struct stat *st)
{
	int fd = walk_openat(w, name, O_PATH | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	if (fstat(fd, st) < 0) {
		int err = -errno;

		close(fd);
		return err;
	}
	if ((w->flags & RES_NO_XDEV) && st->st_dev != w->cur_st.st_dev) {
		close(fd);
		return -EXDEV;
	}
	return fd;
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

	/*
	 * RES_BENEATH: ".." may not leave the directory it started from,
	 * not even where that is the root, which ".." would not leave
	 * (the kernel: EXDEV at the scope's root before anything else).
	 */
	if ((w->flags & RES_BENEATH) && same_inode(&w->cur_st, &w->scope_st))
		return -EXDEV;
	if (same_inode(&w->cur_st, &w->root_st))
		return 0; /* ".." at the root is the root */
	/* Leaving it by "..": it was passed, it must be visible. */
	if (!passable(w->path, w->len))
		return -ENOENT;
	/* RES_NO_XDEV: ".." out of a mount's root crosses it as well. */
	fd = walk_jump(w, "..", &st);
	if (fd < 0)
		return fd;
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
	err = sticky_link_check(&w->cur_st, lfd);
	if (err < 0)
		return err;
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
		/* RES_NO_XDEV: the jump to the root may not change mounts. */
		if ((w->flags & RES_NO_XDEV) &&
		    w->cur_st.st_dev != w->root_st.st_dev)
			return -EXDEV;
		return to_root(w);
	}
	/* A /proc magic link: let the kernel jump to the object. */
	if (w->flags & (RES_NO_MAGICLINKS | RES_BENEATH | RES_IN_ROOT))
		return (w->flags & RES_NO_MAGICLINKS) ? -ELOOP : -EXDEV;
	err = proc_guard(w->tid, w->path, w->len, true);
	if (err < 0)
		return err;
	/* RES_NO_XDEV: nor may the jump to the object. */
	fd = walk_jump(w, name, &st);
	if (fd < 0)
		return fd;
	{
		/* /proc/PID/fd/N: remember PID and N, for an unlinked file. */
		const char *fdir = memrchr(w->path, '/', w->len);
		char *end;
		long num = strtol(name, &end, 10);

		w->via_pid = -1;
		w->via_fd = -1;
		pid_t pid = proc_path_pid(w->path, w->len, NULL);

		if (fdir && !strcmp(fdir, "/fd") && !*end && num >= 0 &&
		    num <= INT_MAX && pid > 0) {
			w->via_pid = pid;
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

int walk(struct walk *w, struct resolved *out)
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
				return passable(w->path, w->len) ? -ENOTDIR
								 : -ENOENT;
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
		follow_last = (w->flags & RES_PARENT)
				      ? (w->flags & RES_FOLLOW) && !slash
				      : slash || (w->flags & RES_FOLLOW);
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
		    (!last || follow_last) && w->cur_st.st_ino == 1 &&
		    in_procfs(w->cur)) {
			pid_t tgid = proc_tgid(w->tid);
			char t[64];

			if (tgid < 0)
				return tgid;
			if (comp[0] == 's')
				snprintf(t, sizeof(t), "%d", (int)tgid);
			else
				snprintf(t, sizeof(t), "%d/task/%d", (int)tgid,
					 (int)w->tid);
			/* It is a symlink all the same (see follow()). */
			if (++w->links > MAX_LINKS ||
			    (w->flags & RES_NO_SYMLINKS))
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

int open_start(struct walk *w, int dirfd, bool absolute)
{
	const struct stat *self_root = self_root_stat();
	int err;

	if (!resolve_root_changed()) {
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
	if (same_inode(&w->root_st, self_root)) {
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
