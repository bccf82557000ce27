/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Trusted Path Execution (sandbox/tpe, tpe/...): may this caller execute
 * this file, judged by who may have written it? Pure: the stats of the
 * file and of the directory it lies in, and the caller's ids, come in; a
 * verdict comes out. Finding those facts without a race is the caller's
 * (syscalls/trust.c), and so is acting on the verdict (default/tpe).
 */
#ifndef SYD_POLICY_TPE_H
#define SYD_POLICY_TPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "sandbox.h"

/* The TPE settings, copied out of the sandbox under its read lock. */
struct tpe_policy {
	bool on; /* sandbox/tpe */
	int64_t gid; /* tpe/gid; -1: none, TPE is for every caller */
	bool negate; /* tpe/negate: GID is the trusted group instead */
	bool root_owned; /* tpe/root_owned */
	bool user_owned; /* tpe/user_owned */
};

/* The ids the kernel checks the caller's file accesses with. */
struct tpe_caller {
	uid_t uid; /* fsuid */
	gid_t gid; /* fsgid */
	const gid_t *groups; /* supplementary groups (borrowed) */
	size_t ngroups;
};

/* Why a file is not trusted; TPE_TRUSTED (0) when it is. */
enum tpe_reason {
	TPE_TRUSTED = 0,
	TPE_NO_DIR, /* no directory could be told for it: fail closed */
	TPE_DIR_WRITABLE, /* its directory is writable by group or others */
	TPE_DIR_NOT_ROOT, /* tpe/root_owned: the directory is not root's */
	TPE_DIR_NOT_OWNED, /* tpe/user_owned: neither root's nor the caller's */
	TPE_FILE_WRITABLE, /* the file is writable by group or others */
};

/* SB's TPE settings into P. Caller holds SB's lock. */
void tpe_policy_of(const struct sandbox *sb, struct tpe_policy *p);

/*
 * Does TPE judge the executions of caller C at all? Every caller when
 * tpe/gid is unset; else the members of that group (its fsgid or a
 * supplementary group), or, with tpe/negate, everyone else.
 */
bool tpe_applies(const struct tpe_policy *p, const struct tpe_caller *c);

/*
 * Whether caller C may execute the file of stat FILE that lies in the
 * directory of stat DIR (NULL: it could not be told which, e.g. a file
 * without a name, or one moved while it was looked at). TPE_TRUSTED when
 * TPE is off or does not apply to C, else the first reason it fails, in
 * the order of enum tpe_reason.
 */
enum tpe_reason tpe_check(const struct tpe_policy *p,
			  const struct tpe_caller *c, const struct stat *file,
			  const struct stat *dir);

/* What REASON says, as part of a sentence about the file ("its directory
 * is writable by group or others"). */
const char *tpe_reason_text(enum tpe_reason reason);

#endif
