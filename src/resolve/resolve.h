/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Path resolution in the supervisor, the way the kernel would resolve a path
 * for the calling thread: from its root, its cwd or a directory fd of its,
 * component by component with O_PATH|O_NOFOLLOW, following symbolic links
 * only where the call would, and /proc magic links by letting the kernel
 * jump to the object. The result is a canonical absolute path AND an fd on
 * the object (or on its parent, for calls that create or remove): every
 * later step acts on the fd, never on the string again, so renaming or
 * swapping a path component after the check cannot change the object used.
 */
#ifndef SYD_RESOLVE_RESOLVE_H
#define SYD_RESOLVE_RESOLVE_H

#include <limits.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <sys/types.h>

enum resolve_flag {
	RES_FOLLOW = 1u << 0, /* follow a symlink in the last component */
	RES_EMPTY_PATH = 1u << 1, /* AT_EMPTY_PATH: "" names dirfd itself */
	RES_PARENT = 1u << 2, /* the call creates or removes the last
				 component: it may be missing; return its
				 parent and name too. A trailing "/" neither
				 follows it nor makes it a directory: the
				 call reads trailing_slash and decides */
	/* openat2(2) RESOLVE_* restrictions */
	RES_NO_SYMLINKS = 1u << 3,
	RES_NO_MAGICLINKS = 1u << 4,
	RES_BENEATH = 1u << 5,
	RES_IN_ROOT = 1u << 6,
	RES_NO_XDEV = 1u << 7,
	/*
	 * A hint: a lookup of this path a moment ago met a symlink (ELOOP
	 * with RESOLVE_NO_SYMLINKS, or a final one to follow), so the
	 * one-openat2 lookup that refuses symlinks is not tried first. It
	 * changes which way finds the answer, never the answer.
	 */
	RES_SYMLINK_SEEN = 1u << 8,
};

/*
 * What a statx(2) caller asks for. Given to resolve_path_stx() or
 * resolve_fd_stat(), the lookup's stat of the object is this statx: OUT->stx
 * holds it and OUT->stx_done says so (OUT->st is made from it, or by an
 * fstat where it lacks a field), and the caller answers from it without a
 * second call on the same object. A way of looking up that cannot (the
 * component walk) leaves stx_done false.
 */
struct stx_want {
	unsigned mask; /* STATX_* */
	unsigned sync; /* the call's AT_STATX_SYNC_TYPE bits */
};

struct resolved {
	int fd; /* owned O_PATH fd on the object; -1 when missing */
	int dirfd; /* owned O_PATH fd on the parent (RES_PARENT), or -1 */
	char name[NAME_MAX + 1]; /* last component (RES_PARENT) */
	struct stat st; /* of fd, when fd >= 0 */
	bool trailing_slash; /* the path ended in '/' */
	/*
	 * Reached through /proc/PID/fd/N after a name of it was unlinked:
	 * decided by the name it had (path), and an open may use only the
	 * access that fd already has (see open.c). -1 else.
	 */
	pid_t via_pid;
	int via_fd;
	const struct stx_want *want; /* see struct stx_want; NULL: fstat */
	bool stx_done;
	struct statx stx;
	size_t len;
	char path[PATH_MAX]; /* canonical absolute path, NUL-terminated */
};

/*
 * Resolve PATH for thread TID, relative to DIRFD (a number in the thread's
 * fd table, or AT_FDCWD), per FLAGS. On success OUT owns its fds
 * (resolved_fini()). Returns 0 or the errno the kernel would return for the
 * same lookup: -ENOENT, -ENOTDIR, -ELOOP, -ENAMETOOLONG, -EACCES, -EBADF,
 * -EXDEV (openat2 restrictions), -ESRCH (the thread is gone), -ENOMEM.
 */
int resolve_path(pid_t tid, int dirfd, const char *path, unsigned flags,
		 struct resolved *out);

/* resolve_path() for a statx(2) caller: see struct stx_want. */
int resolve_path_stx(pid_t tid, int dirfd, const char *path, unsigned flags,
		     const struct stx_want *want, struct resolved *out);

/*
 * The object of the caller's fd DIRFD (AT_FDCWD: its cwd), as for an empty
 * path with AT_EMPTY_PATH, WITHOUT its canonical path (OUT->path is "",
 * OUT->len 0): for calls that decide nothing on a path (fstat). Returns 0,
 * -EBADF or -ESRCH.
 */
int resolve_fd(pid_t tid, int dirfd, struct resolved *out);

/*
 * resolve_fd() for its stat only (OUT->st; no fd, no path): one stat of
 * /proc/TID/fd/FD, without an open file of ours; with WANT, the statx a
 * statx(2) caller asks for instead (OUT->stx only, see struct stx_want).
 * Returns 0, -EBADF, -ESRCH or, from statx, -errno.
 */
int resolve_fd_stat(pid_t tid, int fd, const struct stx_want *want,
		    struct resolved *out);

/*
 * OUT for FD, an fd of ours (taken over, closed on failure): its stat and
 * canonical path, as the path of an fd reads in /proc. Returns 0, -EACCES
 * when a live name it has does not name it in our mount namespace, or
 * -errno.
 */
int resolve_own_fd(int fd, struct resolved *out);

/*
 * The name of thread TID's fd FD (or its cwd, for AT_FDCWD) as a rule
 * matches it: its path, or the one it had before an unlink. Returns 0
 * with NAME (PATH_MAX bytes) filled, 1 when the fd names no path (a pipe,
 * a socket, an anonymous inode), -EACCES when its live name does not name
 * it in our mount namespace (an fd from a process in another one), or
 * -EBADF / -ESRCH / -errno.
 */
int resolve_fd_name(pid_t tid, int fd, char *name);

/*
 * resolve_fd_name() for any magic link of /proc (LINK: "/proc/PID/exe",
 * "/proc/PID/map_files/A-B"): the name of the object it links to. Returns
 * 0, 1 (no path), -EACCES (not the object's name here), -ESRCH (the
 * process is gone), -errno.
 */
int resolve_link_name(const char *link, char *name);

void resolved_fini(struct resolved *r);

/*
 * Cut " (deleted)" off PATH (*LEN bytes), the tail the kernel gives the
 * name of an object unlinked since it was opened or mapped: true if it
 * was there.
 */
bool strip_deleted(char *path, size_t *len);

/*
 * A sandboxed process may have changed its root (an allowed chroot): from
 * now on every lookup starts from /proc/PID/root, not from ours.
 */
void resolve_note_root_change(void);

/* Was resolve_note_root_change() called? */
bool resolve_root_changed(void);

/*
 * The path of the fast paths that decide by name before anything is
 * looked up: PATH made absolute with the cwd or directory fd DIRFD of
 * thread TID, into OUT (PATH_MAX bytes, *LEN its length), a known root
 * link at its start replaced (resolve_root_link()). Opened from our root
 * with RESOLVE_NO_SYMLINKS, OUT names exactly the object the caller's own
 * lookup would reach, if that lookup meets no other symlink (openat2 says
 * so with ELOOP). Returns 0, or 1 when only the full resolution can be
 * exact: a chroot was seen, PATH has "." or ".." or a trailing "/", the
 * base has no path (deleted, not a directory, a bad fd, a thread gone).
 */
int resolve_lexical(pid_t tid, int dirfd, const char *path, char *out,
		    size_t *len);

/*
 * What the sandbox hides, for the lookups this thread makes next. A lookup
 * that passes a hidden name on its way fails with ENOENT, as if the name
 * did not exist: the directory it leaves by "..", a symlink it follows, the
 * component at which it fails (with ENOTDIR, EACCES, ELOOP: the kernel's
 * answer would tell that the name exists). PASSABLE says whether PATH (LEN
 * bytes, not NUL-terminated) may be passed. ANY_HIDDEN says whether
 * anything may be hidden at all: when it may, a path with symlinks takes
 * the component walk, not the one-openat2 lookup, which cannot tell what
 * it passed. NULL (the default): nothing is hidden.
 */
struct resolve_view {
	bool (*passable)(void *ctx, const char *path, size_t len);
	bool (*any_hidden)(void *ctx);
	void *ctx;
	/*
	 * trace/allow_unsafe_magiclinks: the /proc/PID magic links and the
	 * files that expose a process (mem, environ, maps...) of processes
	 * outside the sandbox may be used. false (the default): -EACCES.
	 */
	bool outside_proc;
};

void resolve_view_set(const struct resolve_view *view);

/*
 * Absolute PATH with a symlink of the root directory that this thread's
 * walks followed before ("/lib/x" on a merged-/usr system) replaced by the
 * link's current text ("/usr/lib/x"), into OUT (PATH_MAX bytes): true
 * when it is still a link, not hidden (the current view) and its text
 * names plain directories. The rewrite the kernel's own lookup makes; the
 * fast lookups then meet no symlink there.
 */
bool resolve_root_link(const char *path, char *out);

#endif
