/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * mask+PATTERN[:TARGET]: the open of a matching file opens TARGET instead
 * (/dev/null when none is given), and the stat calls answer TARGET's
 * stat: a program reads nothing of the file (or TARGET's content), and
 * what it writes goes to TARGET (nowhere, for /dev/null); the file itself
 * is untouched. The path is decided as usual first: a mask hides content,
 * it never grants an access. A directory is masked only by a rule with a
 * TARGET (a directory, say an empty one): without one its entries stay
 * listed, and a PATTERN whose last component is "***" masks the
 * files below it.
 *
 * The content must not be reachable under another name either: a rename
 * or hard link of a masked file is refused, as is a rename of a directory
 * a mask may match below, and the fast open path
 * (open.c) never takes a masked name (notif_allowed_quietly()).
 */
#include "syscalls/mask.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "policy/pattern.h"
#include "syscalls/access.h"
#include "syscalls/common.h"

/* The flags of the caller's open that apply to the replacement. */
#define KEPT                                                                   \
	(O_ACCMODE | O_APPEND | O_NONBLOCK | O_DSYNC | O_SYNC | O_DIRECTORY |  \
	 O_LARGEFILE)

bool mask_row(const struct sandbox *sb, const char *name)
{
	static const char *const rows[] = {
		"open",	     "openat",	   "openat2", "creat",	"stat",
		"lstat",     "newfstatat", "statx",   "rename", "renameat",
		"renameat2", "link",	   "linkat",
	};

	if (!sb->masks.n)
		return false;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		if (!strcmp(name, rows[i]))
			return true;
	return false;
}

/*
 * The last mask matching PATH (LEN bytes): true with its replacement
 * copied to TARGET (PATH_MAX bytes), under the lock (a reset may free the
 * rule meanwhile). Of a directory (DIR), only a rule with a target.
 */
static bool find(struct sandbox *sb, const char *path, size_t len, bool dir,
		 char *target)
{
	bool hit = false;

	if (!sb->masks.n)
		return false;
	sandbox_rdlock(sb);
	for (size_t i = sb->masks.n; i-- > 0 && !hit;) {
		const struct mask_entry *m = vec_at(&sb->masks, i);

		if ((dir && !m->target) || !pattern_match(m->pat, path, len))
			continue;
		hit = strlen(m->target ? m->target : "/dev/null") < PATH_MAX;
		if (hit)
			strcpy(target, m->target ? m->target : "/dev/null");
	}
	sandbox_unlock(sb);
	return hit;
}

bool mask_is(struct sandbox *sb, const char *path, size_t len)
{
	char target[PATH_MAX];

	return find(sb, path, len, false, target);
}

/* May a mask match below the directory PATH (LEN bytes)? */
static bool masks_below(struct sandbox *sb, const char *path, size_t len)
{
	bool hit = false;

	if (!sb->masks.n)
		return false;
	sandbox_rdlock(sb);
	for (size_t i = 0; i < sb->masks.n && !hit; i++) {
		const struct mask_entry *m = vec_at(&sb->masks, i);

		hit = pattern_may_match_below(m->pat, path, len);
	}
	sandbox_unlock(sb);
	return hit;
}

int mask_check(struct notif *n, const char *sys, const char *path,
	       uint64_t cats)
{
	size_t len = strlen(path);

	/* Nor a rename of a directory above one: its name would change. */
	if (!(cats & CAT_BIT(CAT_RENAME)) ||
	    !(mask_is(n->sb, path, len) || masks_below(n->sb, path, len)))
		return 0;
	return notif_act(n, sys, path, CAT_RENAME, ACTION_DENY, -EACCES, "");
}

bool mask_open(struct notif *n, const struct resolved *r, uint64_t flags,
	       int *fd)
{
	char target[PATH_MAX];
	bool dir = r->fd >= 0 && S_ISDIR(r->st.st_mode);

	if (!find(n->sb, r->path, strlen(r->path), dir, target))
		return false;
	/*
	 * With the caller's credentials (taken by open.c): the replacement
	 * is opened as the caller could open it, O_CREAT, O_EXCL and O_TRUNC
	 * dropped (nothing is made or cut). O_NOCTTY: syd must not gain a
	 * terminal a mask names.
	 */
	*fd = open(target, (int)(flags & KEPT) | O_CLOEXEC | O_NOCTTY);
	if (*fd < 0)
		*fd = -errno;
	return true;
}

int mask_stat(struct notif *n, struct resolved *r)
{
	char target[PATH_MAX];
	bool dir = S_ISDIR(r->st.st_mode);

	if (r->fd < 0 || !find(n->sb, r->path, strlen(r->path), dir, target))
		return 0;
	if (stat(target, &r->st) < 0)
		return -errno;
	if (r->want) {
		if (statx(AT_FDCWD, target, r->want->sync, r->want->mask,
			  &r->stx) < 0)
			return -errno;
		r->stx_done = true;
	}
	return 0;
}
