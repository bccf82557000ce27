/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Path resolution for a sandboxed thread (see resolve.h): the entry
 * points, and the choice of the way for each lookup, the fast ones first
 * (fast.c), the component walk (walk.c) where only it can be exact. The
 * /proc guard is applied here to every way's result.
 */
#include "resolve/resolve.h"
#include "resolve/internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kernel/caps.h"
#include "util.h"

/* OUT holding nothing: no fds, no path. */
static void resolved_init(struct resolved *out)
{
	out->fd = out->dirfd = -1;
	out->via_pid = -1;
	out->via_fd = -1;
	out->name[0] = '\0';
	out->want = NULL;
	out->stx_done = false;
	out->trailing_slash = false;
	out->len = 0;
	out->path[0] = '\0';
}

static int lookup(pid_t tid, int dirfd, const char *path, unsigned flags,
		  const struct stx_want *want, struct resolved *out)
{
	struct walk *w;
	bool absolute = path[0] == '/';
	bool tried = false; /* a fast lookup met what the walk must handle */
	bool symlink_seen;
	size_t plen = strlen(path);
	int err;

	/* A hint, not a lookup flag: only which fast lookup to skip. */
	symlink_seen = flags & RES_SYMLINK_SEEN;
	flags &= ~(unsigned)RES_SYMLINK_SEEN;
	resolved_init(out);
	out->want = want;
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
		bool plain = !(flags & ~(unsigned)(RES_FOLLOW | RES_PARENT));

		if (plain && resolve_root_link(path, alt))
			p = alt;
		err = symlink_seen ? 1
				   : fast_lookup(AT_FDCWD, "/", p, flags, out);
		/* "/lib/..." on a merged-/usr system: once per thread. */
		if (err == 1 && plain && p == path && root_link_note(path) &&
		    resolve_root_link(path, alt)) {
			p = alt;
			err = fast_lookup(AT_FDCWD, "/", p, flags, out);
		}
		if (err <= 0)
			return err;
		tried = true;
		out->trailing_slash = false;
		if (follow_lookup(AT_FDCWD, p, flags, out) == 0)
			return 0;
	} else if (plen > 0 && !resolve_root_changed() &&
		   !(flags & ~(unsigned)(RES_FOLLOW | RES_PARENT))) {
		char full[PATH_MAX];
		bool named;

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
		named = base_name(tid, dirfd, path, full) == 0;
		err = named && !symlink_seen
			      ? fast_lookup(AT_FDCWD, "/", full, flags, out)
			      : 1;
		if (err <= 0 && err != -ENOTDIR && err != -EACCES)
			return err;
		resolved_fini(out);
		out->trailing_slash = false;
		tried = err == 1;
		/*
		 * A base with no name (a bad fd, a pipe, a removed directory)
		 * left in FULL nothing to look up, or a name that is not its
		 * own ("/d (deleted)"): only the walk, from its fd, answers.
		 */
		if (err == 1 && named)
			err = follow_lookup(AT_FDCWD, full, flags, out);
		else
			err = 1;
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

int resolve_path_stx(pid_t tid, int dirfd, const char *path, unsigned flags,
		     const struct stx_want *want, struct resolved *out)
{
	int err = lookup(tid, dirfd, path, flags, want, out);

	/* Where the lookup ended, in /proc/PID of another process. */
	if (err == 0 && out->len > 6 && !memcmp(out->path, "/proc/", 6)) {
		err = proc_guard(tid, out->path, out->len, false);
		if (err < 0)
			resolved_fini(out);
	}
	return err;
}

int resolve_path(pid_t tid, int dirfd, const char *path, unsigned flags,
		 struct resolved *out)
{
	return resolve_path_stx(tid, dirfd, path, flags, NULL, out);
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

int resolve_link_name(const char *link, char *name)
{
	struct stat st;
	ssize_t n;
	size_t len;
	int err = 0;

	priv_raise();
	n = readlink(link, name, PATH_MAX);
	if (n < 0)
		err = errno == ENOENT ? -ESRCH : -errno;
	priv_lower();
	if (err < 0)
		return err;
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
		return err == -ENOENT ? -ESRCH : err;
	return names_object(name, &st);
}

int resolve_fd_name(pid_t tid, int fd, char *name)
{
	char link[64];
	int err = caller_link(tid, fd, link);

	if (err < 0)
		return err;
	err = resolve_link_name(link, name);
	return err < 0 ? fd_error(tid, err) : err;
}

int resolve_fd_stat(pid_t tid, int fd, const struct stx_want *want,
		    struct resolved *out)
{
	char link[64];
	int err = 0;

	resolved_init(out);
	/* One stat through the magic link: no open file to make and close. */
	err = caller_link(tid, fd, link);
	if (err < 0)
		return err;
	priv_raise();
	if (want) {
		if (statx(AT_FDCWD, link, want->sync, want->mask, &out->stx) ==
		    0) {
			out->stx_done = true;
		} else {
			err = errno == ENOENT ? -ESRCH : -errno;
		}
	} else if (stat(link, &out->st) < 0) {
		err = errno == ENOENT ? -ESRCH : -errno;
	}
	priv_lower();
	return fd_error(tid, err);
}

void resolved_fini(struct resolved *r)
{
	/* What a statx said was of the object it held. */
	r->stx_done = false;
	close_reset(&r->fd);
	close_reset(&r->dirfd);
}
