/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The caller's root: whether any sandboxed process may have another one
 * (an allowed chroot turns every shortcut off), our own, and the symlinks
 * in the root directory that the walks met, remembered per thread so that
 * a later path through one can take the fast lookups.
 */
#include "resolve/internal.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* The stat of our own root, read once (a zeroed one if it failed). */
const struct stat *self_root_stat(void)
{
	pthread_once(&self_root_once, init_self_root);
	return &self_root;
}

/* Whether P is names joined by single slashes: no "", "." or "..". */
bool plain_names(const char *p)
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
#define ROOT_LINKS     8
#define ROOT_LINK_NAME 16

static _Thread_local char root_links[ROOT_LINKS][ROOT_LINK_NAME];
static _Thread_local unsigned root_links_used;
/*
 * Names in the root that root_link_note() found no link ("tmp", "home"):
 * not asked again by this thread. Only a shortcut is lost if one becomes
 * a link later.
 */
static _Thread_local char root_plain[ROOT_LINKS][ROOT_LINK_NAME];
static _Thread_local unsigned root_plain_used;

/* Where NAME (K bytes) is in the thread's list L, or -1. */
static int find_name(char (*l)[ROOT_LINK_NAME], const char *name, size_t k)
{
	for (int i = 0; i < ROOT_LINKS; i++)
		if (!strncmp(l[i], name, k) && !l[i][k])
			return i;
	return -1;
}

/* Put NAME (K bytes, below ROOT_LINK_NAME) in L, over its oldest entry. */
static void add_name(char (*l)[ROOT_LINK_NAME], unsigned *used,
		     const char *name, size_t k)
{
	unsigned i = (*used)++ % ROOT_LINKS;

	memcpy(l[i], name, k);
	l[i][k] = '\0';
}

/*
 * The length of PATH's first component when PATH is "/NAME/..." with a
 * NAME short enough to be remembered and no chroot was allowed; else 0.
 */
static size_t root_name(const char *path)
{
	size_t k;

	if (path[0] != '/' || atomic_load(&root_changed))
		return 0;
	k = strcspn(path + 1, "/");
	return k < ROOT_LINK_NAME && path[1 + k] == '/' ? k : 0;
}

/*
 * The text of the link "/NAME" (the first K + 1 bytes of PATH), read now
 * into TARGET (PATH_MAX bytes), without its leading "/": NULL when it is
 * no link (*NOT_LINK set), cannot be read, or is not plain names. Our
 * root is the caller's while root_changed is unset.
 */
static const char *read_root_link(const char *path, size_t k, char *target,
				  bool *not_link)
{
	char link[ROOT_LINK_NAME + 1];
	const char *t;
	ssize_t n;

	memcpy(link, path, k + 1);
	link[k + 1] = '\0';
	n = readlink(link, target, PATH_MAX);
	*not_link = n < 0 && errno == EINVAL;
	if (n <= 0 || n >= PATH_MAX)
		return NULL;
	target[n] = '\0';
	for (t = target; *t == '/'; t++)
		;
	return *t && plain_names(t) ? t : NULL;
}

/* Remember the link NAME (text TARGET) that W follows, if W is at the root. */
void root_link_learn(const struct walk *w, const char *name, const char *target)
{
	size_t k = strlen(name);

	while (*target == '/')
		target++;
	if (atomic_load(&root_changed) || w->len != 1 || w->path[0] != '/' ||
	    !same_inode(&w->cur_st, &self_root) || k >= ROOT_LINK_NAME ||
	    !*target || !plain_names(target) ||
	    find_name(root_links, name, k) >= 0)
		return;
	add_name(root_links, &root_links_used, name, k);
}

bool root_link_note(const char *path)
{
	const char *name = path + 1;
	char target[PATH_MAX];
	size_t k = root_name(path);
	bool not_link;

	/* known: resolve_root_link() had its go, or no link */
	if (k == 0 || find_name(root_links, name, k) >= 0 ||
	    find_name(root_plain, name, k) >= 0)
		return false;
	if (!read_root_link(path, k, target, &not_link)) {
		if (not_link)
			add_name(root_plain, &root_plain_used, name, k);
		return false;
	}
	add_name(root_links, &root_links_used, name, k);
	return true;
}

bool resolve_root_link(const char *path, char *out)
{
	const char *rest, *t;
	char target[PATH_MAX];
	size_t k = root_name(path);
	bool not_link;
	int i, len;

	if (k == 0)
		return false;
	for (rest = path + 1 + k; *rest == '/'; rest++)
		;
	if (!*rest)
		return false; /* "/lib/": the walk knows what a '/' last needs */
	i = find_name(root_links, path + 1, k);
	/* A hidden link is not there to follow: the walk says ENOENT. */
	if (i < 0 || !passable(path, k + 1))
		return false;
	t = read_root_link(path, k, target, &not_link);
	if (!t) {
		if (not_link)
			root_links[i][0] = '\0'; /* no longer a link */
		return false;
	}
	len = snprintf(out, PATH_MAX, "/%s/%s", t, rest);
	return len > 0 && len < PATH_MAX;
}

void resolve_note_root_change(void)
{
	atomic_store(&root_changed, true);
}

bool resolve_root_changed(void)
{
	return atomic_load(&root_changed);
}
