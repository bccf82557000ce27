/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Acting on the fs category (see fstype.h): the type of the object a call
 * reaches, read from syd's own fd on it, decided, logged with the type.
 * Every failure denies: an object whose type cannot be read is not let
 * through on the strength of its path.
 */
#include "syscalls/fstype.h"

#include <errno.h>
#include <stdio.h>
#include <sys/vfs.h>

#include "log.h"
#include "policy/fstype.h"
#include "syscalls/access.h"

bool fs_category_on(struct sandbox *sb)
{
	bool on;

	sandbox_rdlock(sb);
	on = sandbox_enabled(sb, CAT_FS);
	sandbox_unlock(sb);
	return on;
}

/*
 * The type of FD in *MAGIC. Outside the lock: fstatfs(2) on a network
 * file system may wait on its server. The low 32 bits are the type on
 * every ABI (f_type is an unsigned int on some, a long on others).
 */
static int fd_magic(int fd, uint32_t *magic)
{
	struct statfs sf;

	if (fd < 0 || fstatfs(fd, &sf) < 0)
		return -EACCES;
	*magic = (uint32_t)sf.f_type;
	return 0;
}

/* The action for MAGIC, and in TIP the rule that would allow it. */
static enum action decide(struct sandbox *sb, uint32_t magic, char *tip,
			  size_t size)
{
	char name[32];
	enum action act;

	sandbox_rdlock(sb);
	act = fstype_decide(sb, magic, NULL);
	sandbox_unlock(sb);
	snprintf(tip, size, "allow/fs+%s",
		 fstype_name(magic, name, sizeof(name)));
	return act;
}

int notif_fs_check(struct notif *n, const char *sys, const char *path, int fd)
{
	char tip[64];
	uint32_t magic;

	if (!fs_category_on(n->sb))
		return 0;
	/* Unreadable: no rule can allow it, only the category off. */
	if (fd_magic(fd, &magic) < 0)
		return notif_act(n, sys, path, CAT_FS, ACTION_DENY, -EACCES,
				 "sandbox/fs:off");
	return notif_act(n, sys, path, CAT_FS,
			 decide(n->sb, magic, tip, sizeof(tip)), -EACCES, tip);
}

bool fs_exec_allowed(struct sandbox *sb, pid_t pid, const char *exe, int fd)
{
	struct log_access a = { .pid = pid,
				.sys = "exec",
				.cap = CAT_FS,
				.act = ACTION_DENY,
				.path = exe,
				.tip = "" };
	char tip[64];
	uint32_t magic;

	if (!fs_category_on(sb))
		return true;
	/*
	 * The image the kernel loaded, whatever the path decided at execve
	 * entry names by now: a rename racing the exec cannot run a file of
	 * a refused type. A refusal is logged with its action; the guard
	 * kills, as for every refusal it makes.
	 */
	if (fd_magic(fd, &magic) < 0) {
		a.msg = "the file system's type could not be read";
	} else {
		a.act = decide(sb, magic, tip, sizeof(tip));
		a.tip = tip;
	}
	a.err = action_allows(a.act) ? 0 : EACCES;
	log_access(&a);
	return action_allows(a.act);
}
