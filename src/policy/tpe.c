/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Trusted Path Execution (see tpe.h): a file is trusted when nobody but
 * its owner and the directory's owner could have put it there or changed
 * it, so that a program dropped into /tmp, /dev/shm or a shared directory
 * does not run, wherever the exec rules would let it.
 */
#include "policy/tpe.h"

/* Writable by someone other than the owner (a sticky bit changes nothing:
 * anyone may still create a new name in /tmp). */
#define WRITABLE_BY_OTHERS (S_IWGRP | S_IWOTH)

void tpe_policy_of(const struct sandbox *sb, struct tpe_policy *p)
{
	p->on = sandbox_enabled(sb, CAT_TPE);
	p->gid = sb->tpe_gid;
	p->negate = sb->tpe_negate;
	p->root_owned = sb->tpe_root_owned;
	p->user_owned = sb->tpe_user_owned;
}

static bool in_group(const struct tpe_caller *c, gid_t gid)
{
	if (c->gid == gid)
		return true;
	for (size_t i = 0; i < c->ngroups; i++)
		if (c->groups[i] == gid)
			return true;
	return false;
}

bool tpe_applies(const struct tpe_policy *p, const struct tpe_caller *c)
{
	if (!p->on)
		return false;
	if (p->gid < 0)
		return true; /* root too: TPE is for every caller by default */
	return in_group(c, (gid_t)p->gid) != p->negate;
}

enum tpe_reason tpe_check(const struct tpe_policy *p,
			  const struct tpe_caller *c, const struct stat *file,
			  const struct stat *dir)
{
	if (!tpe_applies(p, c))
		return TPE_TRUSTED;
	/* Not knowing where the file lies is not trusting it. */
	if (!dir || !S_ISDIR(dir->st_mode))
		return TPE_NO_DIR;
	/*
	 * Whoever may write to the directory may replace the file (rename
	 * over it) or put another one beside it: the check of the file alone
	 * would be worth nothing there.
	 */
	if (dir->st_mode & WRITABLE_BY_OTHERS)
		return TPE_DIR_WRITABLE;
	if (p->root_owned && dir->st_uid != 0)
		return TPE_DIR_NOT_ROOT;
	if (p->user_owned && dir->st_uid != 0 && dir->st_uid != c->uid)
		return TPE_DIR_NOT_OWNED;
	/* A file others may write to may have been rewritten by them. */
	if (file->st_mode & WRITABLE_BY_OTHERS)
		return TPE_FILE_WRITABLE;
	return TPE_TRUSTED;
}

const char *tpe_reason_text(enum tpe_reason reason)
{
	switch (reason) {
	case TPE_TRUSTED:
		return "it is trusted";
	case TPE_NO_DIR:
		return "its directory cannot be told (no name, or it moved)";
	case TPE_DIR_WRITABLE:
		return "its directory is writable by group or others";
	case TPE_DIR_NOT_ROOT:
		return "its directory is not owned by root (tpe/root_owned)";
	case TPE_DIR_NOT_OWNED:
		return "its directory is owned by neither root nor the caller "
		       "(tpe/user_owned)";
	case TPE_FILE_WRITABLE:
		return "it is writable by group or others";
	}
	return "it is not trusted";
}
