/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Deciding a notification's access (policy/decide.h decides; this acts):
 * each function logs warnings and denials, applies the action's side
 * effect, and returns the answer when it refuses.
 */
#ifndef SYD_SYSCALLS_ACCESS_H
#define SYD_SYSCALLS_ACCESS_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "policy/decide.h"
#include "syscalls/hooks.h"

/*
 * Decide an access by thread n->req->pid to PATH, for system call SYS, in
 * the categories CATS (CAT_BIT()s), after the walk and stat (visibility)
 * checks every path access gets. Logs warnings and denials and applies the
 * action's side effect. Returns 0 when allowed, else the answer: -ENOENT
 * for a hidden path, -EACCES otherwise. Takes the sandbox read lock itself.
 */
int notif_check(struct notif *n, const char *sys, const char *path,
		uint64_t cats);

/*
 * Act on ACT, a decision in CAT about PATH that no rule list made (tpe,
 * segvguard, force): logged with TIP (NULL: the rule that would allow
 * PATH; "": no tip), and when it refuses, its side effect. Returns 0 when the
 * call may go on, else ERR, its answer.
 */
int notif_act(struct notif *n, const char *sys, const char *path, enum cat cat,
	      enum action act, int err, const char *tip);

/* notif_act() for a socket address ADDR (logged as "addr"), not a path. */
int notif_act_addr(struct notif *n, const char *sys, const char *addr,
		   enum cat cat, enum action act, int err, const char *tip);

/*
 * ANSWER (an errno the kernel gives before it asks for permission: EEXIST,
 * EOPNOTSUPP) for PATH, once the caller may see it; else the answer a
 * stat of it gets (a hidden name is missing).
 */
static inline int notif_seen_answer(struct notif *n, const char *sys,
				    const char *path, int answer)
{
	int err = notif_check(n, sys, path, CAT_BIT(CAT_STAT));

	return err < 0 ? err : answer;
}

/*
 * For a call that makes the name PATH (mkdir, mknod, symlink, link, the
 * new name of a rename, open with O_CREAT), whose directory exists: may
 * the caller see that name? 0: the call goes on (EEXIST for a name that
 * exists, else notif_check()). Otherwise the answer a missing name gets
 * in the same place, so that the hidden object's existence does not show:
 * -ENOENT when a directory above it is hidden (as under a missing
 * directory); -EACCES when only the name is, after CATS were decided as
 * for a missing name (a denial of theirs answers first, with its action):
 * a hidden name cannot be made, whether it exists or not. Takes the
 * sandbox lock itself.
 */
int notif_check_new_name(struct notif *n, const char *sys, const char *path,
			 uint64_t cats);

/*
 * Would notif_check() allow PATH (canonical, LEN bytes) for CATS without
 * a log line or a side effect? For the fast paths that decide before they
 * look anything up: false sends them the slow way, never to a denial.
 * Paths under /proc are always false (their names depend on the caller).
 */
bool notif_allowed_quietly(struct notif *n, const char *path, size_t len,
			   uint64_t cats);

/*
 * One batch of a listing of a directory for N: which entries the sandbox
 * hides (policy/decide.h says how). Filled by notif_list_begin(); the
 * sandbox read lock is held until notif_list_end().
 */
struct notif_list {
	struct notif *n;
	const char *sys;
	char path[PATH_MAX]; /* "DIR/", then the entry being decided */
	size_t dlen; /* length of "DIR/" */
	bool proc; /* DIR is /proc: syd hidden, the caller's pid "self" */
	char syd_pid[16], own_pid[16];
	struct decide_list d;
	/* nothing can hide an entry here: decided once, not per entry */
	bool plain;
};

/*
 * Start deciding the entries of the directory DIR (its canonical path)
 * for N, in system call SYS. Returns 0 with the read lock held, or
 * -EACCES (DIR is no path: nothing to decide on) or -ENAMETOOLONG, not
 * locked.
 */
int notif_list_begin(struct notif *n, const char *sys, const char *dir,
		     struct notif_list *l);

/*
 * Is the entry NAME (NLEN bytes, NUL-terminated) of L's directory shown?
 * "." and ".." always are. A list rule's action is applied (its log
 * line, its signal); the lock is dropped meanwhile.
 */
bool notif_list_shows(struct notif_list *l, const char *name, size_t nlen);

/* Release the lock notif_list_begin() took. */
void notif_list_end(struct notif_list *l);

struct resolve_view;

/* The view of what the sandbox hides, for the lookups made for N. */
void notif_view(struct notif *n, struct resolve_view *v);

/* Free what this thread kept between calls; before a thread retires. */
void notif_thread_fini(void);

#endif
