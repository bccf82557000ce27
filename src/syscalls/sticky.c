/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * O_CREAT of a file that already exists in a sticky directory others may
 * write to (/tmp): the kernel refuses it (may_create_in_sticky(), the
 * fs.protected_regular and fs.protected_fifos sysctls) when the file is
 * neither the caller's nor the directory owner's, against a file planted
 * under a name the caller means to create. syd opens an existing file
 * without O_CREAT (open.c: a file gone meanwhile must not be created
 * undecided), which skips that check, so it is made here, on the object
 * and directory the resolver holds. syd applies at least level 1 (what
 * systemd sets on most distributions) whatever the host says;
 * trace/allow_unsafe_sticky leaves the host's levels, never fewer checks
 * than the kernel would make.
 */
#include <errno.h>
#include <sys/fsuid.h>
#include <sys/stat.h>

#include "kernel/procfs.h"
#include "sandbox.h"
#include "syscalls/common.h"

int notif_sticky_check(const struct notif *n, const struct stat *dir,
		       const struct stat *obj)
{
	bool fifo = S_ISFIFO(obj->st_mode);
	int level;

	if (!(dir->st_mode & S_ISVTX) || !(fifo || S_ISREG(obj->st_mode)) ||
	    obj->st_uid == dir->st_uid)
		return 0;
	/*
	 * The pool took on the caller's fs ids for the handler (creds.h):
	 * setfsuid(-1) changes nothing and tells them.
	 */
	if (obj->st_uid == (uid_t)setfsuid((uid_t)-1))
		return 0;
	level = sysctl_fs_level(fifo ? "protected_fifos" : "protected_regular");
	if (!n->sb->trace[TRACE_ALLOW_UNSAFE_STICKY] && level < 1)
		level = 1;
	if (level < 1)
		return 0;
	if ((dir->st_mode & S_IWOTH) ||
	    (level >= 2 && (dir->st_mode & S_IWGRP)))
		return -EACCES;
	return 0;
}
