/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What the files of src/resolve/ share, and nothing outside it may use:
 * the state of a component walk and the helpers each way of looking up
 * needs. The promises to the rest of syd are in resolve.h. Each function
 * is described where it is defined.
 */
#ifndef SYD_RESOLVE_INTERNAL_H
#define SYD_RESOLVE_INTERNAL_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "resolve/resolve.h"

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

/* fd.c: the caller's fds and /proc entries, the names of ours */
bool deleted_name(const char *path, size_t len);
int fd_path(int fd, char *buf, size_t size, size_t *len);
int open_proc(pid_t tid, const char *name, int *fd);
int caller_link(pid_t tid, int fd, char link[64]);
int fd_error(pid_t tid, int err);
int open_caller_fd(pid_t tid, int dirfd, int *fd);
bool same_inode(const struct stat *a, const struct stat *b);
int obj_stat(struct resolved *out);
bool in_procfs(int fd);

/* view.c: hidden names, other processes' /proc, other mount namespaces */
bool passable(const char *path, size_t len);
int sticky_link_check(const struct stat *dir, int lfd);
bool any_hidden(void);
int proc_guard(pid_t tid, const char *path, size_t len, bool link);
int own_view(int *fd, struct stat *st, const char *name);
int names_object(const char *name, const struct stat *st);
bool passable_in(const struct walk *w, const char *comp, size_t n);
int hide_error(const struct walk *w, const char *comp, size_t n, int err);

/* rootlink.c: the caller's root and the links in the root directory */
const struct stat *self_root_stat(void);
bool plain_names(const char *p);
void root_link_learn(const struct walk *w, const char *name,
		     const char *target);
/*
 * A fast lookup of PATH (absolute) met a symlink: when PATH's first
 * component is a symlink of the root directory with a plain text, learn
 * it as a walk through it would have (root_link_learn()), so the next
 * paths through it are rewritten (resolve_root_link()) and take the fast
 * lookups. True when it was learnt now.
 */
bool root_link_note(const char *path);

/* walk.c: the component walk */
int walk(struct walk *w, struct resolved *out);
int open_start(struct walk *w, int dirfd, bool absolute);

/* fast.c: the one-openat2 lookups */
int fast_lookup(int base, const char *base_path, const char *path,
		unsigned flags, struct resolved *out);
int follow_lookup(int base, const char *path, unsigned flags,
		  struct resolved *out);
int base_name(pid_t tid, int dirfd, const char *path, char *full);

#endif
