/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Exec trust: Trusted Path Execution (policy/tpe.h) and SegvGuard
 * (policy/segvguard.h) for a file a sandboxed thread is about to execute
 * or map for execution. This module finds what those pure decisions need
 * without a race (the file's directory, proven to hold the very file that
 * was checked; the caller's ids) and says what should happen. Acting on
 * it is the caller's: notif_check_trust() answers a notification (execve
 * entry); the tracer kills at the exec event or for a mapped library.
 */
#ifndef SYD_SYSCALLS_TRUST_H
#define SYD_SYSCALLS_TRUST_H

#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "sandbox.h"
#include "syscalls/hooks.h"

/* One check that did not simply allow: a warning, or the refusal. */
struct trust_step {
	enum cat cat; /* CAT_SEGVGUARD or CAT_TPE */
	enum action act; /* the category's default action */
	char tip[512]; /* why, and what would allow it */
};

/* SegvGuard's step, then TPE's; a refusal is the last step. */
struct trust_verdict {
	size_t n; /* 0: trusted, nothing to say */
	struct trust_step step[2];
};

/* Does V end in a refusal (the last step's action does not allow)? */
static inline bool trust_refuses(const struct trust_verdict *v)
{
	return v->n > 0 && !action_allows(v->step[v->n - 1].act);
}

/*
 * May thread PID execute the file it reached as PATH (canonical, as the
 * caller's root shows it), whose stat is ST (of an fd of ours on the very
 * object, e.g. struct resolved's)? SegvGuard first (is PATH suspended?),
 * then TPE: the directory of PATH is looked up again from the caller's
 * root and must hold, under the last name of PATH, the object of ST (same
 * device and inode), or nothing is trusted. Logs nothing and acts on
 * nothing. Takes SB's read lock itself. Returns 0 with V filled, or
 * -ESRCH (the thread is gone), -ENOMEM, -EPROTO (its ids unreadable): the
 * caller refuses then.
 *
 * For the tracer: call it at PTRACE_EVENT_EXEC with /proc/PID/exe (its
 * readlink as PATH, the stat of an fd opened on it as ST), and for each
 * file-backed mapping made executable, then kill the process when
 * trust_refuses(); log each step with log_access() (cap = step.cat,
 * tip = step.tip).
 */
int trust_decide(struct sandbox *sb, pid_t pid, const char *path,
		 const struct stat *st, struct trust_verdict *v);

/*
 * SegvGuard: a sandboxed process whose executable was EXE (its canonical
 * path, /proc/PID/exe read before the process is reaped) ended with wait
 * status STATUS. A death by a core-dumping signal counts as a crash of
 * EXE (policy/segvguard.h); anything else is ignored. Takes SB's read
 * lock and the crash table's lock itself: safe from the tracer while
 * emulator threads check. Logs a suspension. Returns 1 when this crash
 * suspended EXE, 0 otherwise, -ENOSPC / -ENOMEM when it could not be
 * counted (logged).
 *
 * For the tracer: call it at PTRACE_EVENT_EXIT, where /proc/PID/exe still
 * reads and PTRACE_GETEVENTMSG gives STATUS.
 */
int trust_note_exit(struct sandbox *sb, const char *exe, int status);

/*
 * trust_decide() for the caller of notification N, acted on: each step
 * logged with its tip, a refusal with its action's side effect. For
 * execve/execveat at entry, after the exec category allowed. Returns 0
 * when the exec may go on, else its answer: -EACCES (also when the facts
 * could not be read: fail closed), -ESRCH.
 */
int notif_check_trust(struct notif *n, const char *sys, const char *path,
		      const struct stat *st);

#endif
