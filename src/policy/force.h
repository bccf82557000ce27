/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Force (verified exec, Syd's "Integrity Force map"): a file may run only
 * when its digest is the one a force+PATH:ALG:HEX[:ACTION] rule gives for
 * its path. Parsing, the lookup and the decision are pure; force_check()
 * alone makes system calls, to read the file it is given (kernel/hash.c).
 */
#ifndef SYD_POLICY_FORCE_H
#define SYD_POLICY_FORCE_H

#include <limits.h>
#include <stddef.h>

#include "kernel/hash.h"
#include "sandbox.h"

/* What force_check() writes as a tip: "force+PATH:ALG:HEX". */
#define FORCE_TIP_MAX (PATH_MAX + HASH_ALG_MAX + 2 * HASH_DIGEST_MAX + 16)

/*
 * Parse VAL, the value of force+ ("PATH:ALG:HEX" or "PATH:ALG:HEX:ACTION";
 * fields are split from the right, so PATH may hold colons) into E.
 * DIGEST_SIZE gives an algorithm's digest size in bytes, or -errno
 * (hash_digest_size() in syd: the kernel is asked at parse time, so a rule
 * naming a hash this kernel lacks is refused when it is written, not at
 * the first exec). On success E owns its strings (force_entry_fini());
 * the digest is kept in lower case, the action defaults to kill. Returns
 * 0, -EINVAL with a message in WHY (WHYLEN bytes), or -ENOMEM.
 */
int force_parse(const char *val, int (*digest_size)(const char *alg),
		struct force_entry *e, char *why, size_t whylen);

/* Free what E owns; E may be zeroed or half made. */
void force_entry_fini(struct force_entry *e);

/*
 * The rule for PATH (canonical, as exec resolves it; matched exactly, not
 * as a pattern): the last one added wins. NULL when none.
 */
const struct force_entry *force_find(const struct vec *forces,
				     const char *path);

/*
 * The decision for an object at a path with rule E (NULL: no rule) whose
 * digest with E's algorithm is HEX (NULL: it could not be computed).
 * No rule: DFLT (default/force). A match: allow. A mismatch: E's action.
 * No digest: E's action, or deny where that action would let it run
 * (warn): what cannot be checked is never taken as checked.
 */
enum action force_decide(const struct force_entry *e, enum action dflt,
			 const char *hex);

/*
 * Force for the object of FD (any fd on it, O_PATH is enough: it is
 * reopened for reading through /proc/thread-self/fd), reached by PATH: the
 * entry point for execve/execveat entry, the exec event and a library's
 * PROT_EXEC mmap. *ACT gets the decision (allow when sandbox/force is
 * off, else force_decide()'s). TIP (TIPLEN bytes; may be NULL) gets the
 * rule that would let this exact content run, "force+PATH:ALG:HEX", when
 * *ACT is not allow and the file could be hashed, else "". Takes the
 * sandbox read lock itself, and never holds it while hashing (a large
 * file must not stall a writer, nor every reader behind that writer).
 * Returns 0, or the -errno of reading or hashing the file (then *ACT
 * refuses, see force_decide()).
 */
int force_check(struct sandbox *sb, const char *path, int fd, enum action *act,
		char *tip, size_t tiplen);

#endif
