/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * trace/deny_dotdot: a path with a ".." component is refused by the open
 * family and chdir, as Syd does, against path traversal. The string is
 * the one the caller passed, our copy of it (notif_path()): what is
 * refused is the request to climb, whatever the tree it would climb in,
 * so no lookup is needed and none can race.
 */
#include <errno.h>
#include <string.h>

#include "sandbox.h"
#include "syscalls/common.h"

/* Does PATH have a component that is exactly ".."? */
static bool has_dotdot(const char *path)
{
	for (const char *p = path; (p = strstr(p, "..")) != NULL; p += 2) {
		bool starts = p == path || p[-1] == '/';
		bool ends = p[2] == '\0' || p[2] == '/';

		if (starts && ends)
			return true;
	}
	return false;
}

int notif_dotdot_check(const struct notif *n, const char *path)
{
	if (!n->sb->trace[TRACE_DENY_DOTDOT] || !has_dotdot(path))
		return 0;
	return -EACCES;
}
