/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The fast ways: one openat2(2) that lets the kernel walk the whole path,
 * taken only where its answer is the component walk's too, and the
 * lexical path of the decisions made before any lookup. Each says 1 when
 * only the walk (walk.c) can answer exactly.
 */
#include "resolve/internal.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "kernel/caps.h"
#include "util.h"

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
		err = fd_path(out->fd, out->path, sizeof(out->path), &out->len);
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
	out->len = (size_t)snprintf(out->path, sizeof(out->path), "%s%s%s", buf,
				    len > 1 ? "/" : "", out->name);
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
int fast_lookup(int base, const char *base_path, const char *path,
		unsigned flags, struct resolved *out)
{
	struct open_how how = { .flags = O_PATH | O_NOFOLLOW | O_CLOEXEC,
				.resolve = RESOLVE_NO_SYMLINKS };
	size_t plen = strlen(path), len;
	char full[PATH_MAX];
	const char *last;
	int fd, err;

	if (resolve_root_changed() ||
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
	err = obj_stat(out);
	if (err < 0) {
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

int resolve_lexical(pid_t tid, int dirfd, const char *path, char *out,
		    size_t *len)
{
	size_t n = 0, plen = strlen(path);
	const char *p = path;

	if (resolve_root_changed() || plen == 0 || plen >= PATH_MAX ||
	    path[plen - 1] == '/')
		return 1;
	if (path[0] != '/') {
		char link[64];
		ssize_t k;

		if (dirfd == AT_FDCWD)
			snprintf(link, sizeof(link), "/proc/%d/cwd", (int)tid);
		else if (dirfd >= 0)
			snprintf(link, sizeof(link), "/proc/%d/fd/%d", (int)tid,
				 dirfd);
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
int follow_lookup(int base, const char *path, unsigned flags,
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

	if (resolve_root_changed() || (flags & ~(unsigned)RES_FOLLOW) ||
	    any_hidden())
		return 1;
	if (!(flags & RES_FOLLOW))
		how.flags |= O_NOFOLLOW;
	out->fd = (int)syscall(SYS_openat2, base, path, &how, sizeof(how));
	if (out->fd < 0)
		return 1;
	if (in_procfs(out->fd) || obj_stat(out) < 0 ||
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
int base_name(pid_t tid, int dirfd, const char *path, char *full)
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
	k = snprintf(full + n, PATH_MAX - (size_t)n, "%s%s", n > 1 ? "/" : "",
		     path);
	return k < 0 || (size_t)k >= PATH_MAX - (size_t)n;
}
