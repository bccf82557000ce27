/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The hook table: which system calls go to the supervisor, for which
 * categories, and who handles them. The filter and the dispatch table are
 * generated from these rows alone.
 */
#include "syscalls/hooks.h"

#include <stddef.h>

/* Every path access is also a walk and a stat (visibility) decision. */
#define SEEN (CAT_BIT(CAT_WALK) | CAT_BIT(CAT_STAT))
#define OPEN                                                                  \
	(SEEN | CAT_BIT(CAT_READ) | CAT_BIT(CAT_WRITE) | CAT_BIT(CAT_CREATE) | \
	 CAT_BIT(CAT_TRUNCATE) | CAT_BIT(CAT_READDIR) | CAT_BIT(CAT_MKTEMP))

static const struct hook hooks[] = {
	{ "open", hook_open, OPEN },
	{ "openat", hook_openat, OPEN },
	{ "openat2", hook_openat2, OPEN },
	{ "creat", hook_creat, OPEN },
	{ "stat", hook_stat, SEEN },
	{ "lstat", hook_lstat, SEEN },
	{ "newfstatat", hook_newfstatat, SEEN },
	{ "statx", hook_statx, SEEN },
	{ "statfs", hook_statfs, SEEN },
	{ "access", hook_access, SEEN },
	{ "faccessat", hook_faccessat, SEEN },
	{ "faccessat2", hook_faccessat2, SEEN },
	{ "execve", hook_execve, SEEN | CAT_BIT(CAT_EXEC) },
	{ "execveat", hook_execveat, SEEN | CAT_BIT(CAT_EXEC) },
	{ NULL, NULL, 0 },
};

const struct hook *hooks_table(void)
{
	return hooks;
}
