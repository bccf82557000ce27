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

/* Is NAME (K bytes) in the thread's list L? */
static bool listed_name(char (*l)[ROOT_LINK_NAME], const char *name, size_t k)
{
	for (size_t i = 0; i < ROOT_LINKS; i++)
		if (!strncmp(l[i], name, k) && !l[i][k])
			return true;
	return false;
}

/* Remember the link NAME (text TARGET) that W follows, if W is at the root. */
void root_link_learn(const struct walk *w, const char *name, const char *target)
{
	size_t i;

	while (*target == '/')
		target++;
	if (atomic_load(&root_changed) || w->len != 1 || w->path[0] != '/' ||
	    !same_inode(&w->cur_st, &self_root) ||
	    strlen(name) >= ROOT_LINK_NAME || !*target || !plain_names(target))
		return;
	for (i = 0; i < ROOT_LINKS; i++)
		if (!strcmp(root_links[i], name))
			return;
	strcpy(root_links[root_links_used++ % ROOT_LINKS], name);
}

bool root_link_note(const char *path)
{
	const char *name = path + 1, *t;
	char link[ROOT_LINK_NAME + 1], target[PATH_MAX];
	size_t k = strcspn(name, "/"), i;
	ssize_t n;

	if (path[0] != '/' || atomic_load(&root_changed) || k == 0 ||
	    k >= ROOT_LINK_NAME || name[k] != '/')
		return false;
	/* known: resolve_root_link() had its go, or no link */
	if (listed_name(root_links, name, k) ||
	    listed_name(root_plain, name, k))
		return false;
	memcpy(link, path, k + 1);
	link[k + 1] = '\0';
	/* Our root is the caller's while root_changed is unset. */
	n = readlink(link, target, sizeof(target));
	if (n < 0 && errno == EINVAL) {
		i = root_plain_used++ % ROOT_LINKS;
		memcpy(root_plain[i], name, k);
		root_plain[i][k] = '\0';
	}
	if (n <= 0 || (size_t)n >= sizeof(target))
		return false;
	target[n] = '\0';
	for (t = target; *t == '/'; t++)
		;
	if (!*t || !plain_names(t))
		return false;
	i = root_links_used++ % ROOT_LINKS;
	memcpy(root_links[i], name, k);
	root_links[i][k] = '\0';
	return true;
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

void resolve_note_root_change(void)
{
	atomic_store(&root_changed, true);
}

bool resolve_root_changed(void)
{
	return atomic_load(&root_changed);
}
