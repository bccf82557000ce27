/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Exec trust (see trust.h): the facts TPE and SegvGuard decide on, read
 * without trusting a path twice, and the verdict with its tips. Every
 * failure to learn a fact ends in distrust or in an error the caller
 * turns into a refusal, never in trust.
 */
#include "syscalls/trust.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include "kernel/tracee.h"
#include "log.h"
#include "policy/segvguard.h"
#include "policy/tpe.h"
#include "resolve/resolve.h"
#include "syscalls/access.h"

/*
 * Seconds of a clock that never goes back and counts a suspended
 * machine's sleep: a suspension must not end early for a reboot-free
 * clock jump, nor last longer than asked across a sleep.
 */
static uint64_t trust_now(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_BOOTTIME, &ts) < 0)
		clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec;
}

/*
 * The stat of the directory PATH lies in, into DIR. The directory is
 * looked up by name from the caller's root, then proven to hold the
 * object of ST under the last name of PATH, by its own fd: the pair
 * judged was a directory and the file in it at one moment, whatever was
 * renamed or swapped before or after. Returns 0, -ESRCH, -ENOMEM, or
 * another -errno (no name, not there, another object there: -ESTALE),
 * which means the file is not trusted.
 */
static int dir_of(pid_t pid, const char *path, const struct stat *st,
		  struct stat *dir)
{
	struct resolved d = { .fd = -1, .dirfd = -1 };
	const char *slash = strrchr(path, '/');
	char dpath[PATH_MAX];
	struct stat f;
	size_t dlen;
	int err;

	/* Only a canonical path names a directory: "" or "pipe:[1]" none. */
	if (path[0] != '/' || !slash || !slash[1])
		return -ENOENT;
	dlen = slash == path ? 1 : (size_t)(slash - path);
	if (dlen >= sizeof(dpath))
		return -ENAMETOOLONG;
	memcpy(dpath, path, dlen);
	dpath[dlen] = '\0';
	/* No symlink is followed: a canonical path's directories are none. */
	err = resolve_path(pid, AT_FDCWD, dpath, 0, &d);
	if (err == 0 && !S_ISDIR(d.st.st_mode))
		err = -ENOTDIR;
	if (err == 0 && fstatat(d.fd, slash + 1, &f, AT_SYMLINK_NOFOLLOW) < 0)
		err = -errno;
	if (err == 0 && (f.st_dev != st->st_dev || f.st_ino != st->st_ino))
		err = -ESTALE;
	if (err == 0)
		*dir = d.st;
	resolved_fini(&d);
	return err;
}

static struct trust_step *add_step(struct trust_verdict *v, enum cat cat,
				   enum action act)
{
	struct trust_step *s = &v->step[v->n++];

	s->cat = cat;
	s->act = act;
	s->tip[0] = '\0';
	return s;
}

/* The TPE verdict on PATH for thread PID: TPE_TRUSTED, a reason, or
 * -errno (the caller refuses). */
static int tpe_verdict(const struct tpe_policy *tp, pid_t pid, const char *path,
		       const struct stat *st)
{
	struct tracee_creds c = { 0 };
	struct tpe_caller who = { 0 };
	struct stat dir;
	int err, ret;

	/* The caller's ids matter only for these; else skip reading /proc. */
	if (tp->gid >= 0 || tp->user_owned) {
		err = tracee_creds(pid, &c);
		if (err < 0)
			return err;
		who = (struct tpe_caller){ c.fsuid, c.fsgid, c.groups,
					   (size_t)c.ngroups };
	}
	ret = TPE_TRUSTED;
	if (tpe_applies(tp, &who)) {
		err = dir_of(pid, path, st, &dir);
		if (err == -ESRCH || err == -ENOMEM)
			ret = err;
		else
			ret = tpe_check(tp, &who, st, err == 0 ? &dir : NULL);
	}
	tracee_creds_fini(&c);
	return ret;
}

int trust_decide(struct sandbox *sb, pid_t pid, const char *path,
		 const struct stat *st, struct trust_verdict *v)
{
	struct tpe_policy tp;
	enum action segv_act, tpe_act;
	uint64_t left = 0;
	bool segv_on;
	int r;

	v->n = 0;
	sandbox_rdlock(sb);
	tpe_policy_of(sb, &tp);
	segv_on = sandbox_enabled(sb, CAT_SEGVGUARD) && sb->segv_expiry > 0;
	segv_act = sb->dflt[CAT_SEGVGUARD];
	tpe_act = sb->dflt[CAT_TPE];
	sandbox_unlock(sb);

	if (segv_on && segv_act != ACTION_ALLOW &&
	    segvguard_check(sb->segvguard, path, trust_now(), &left)) {
		struct trust_step *s = add_step(v, CAT_SEGVGUARD, segv_act);

		snprintf(s->tip, sizeof(s->tip),
			 "it crashed segvguard/maxcrashes times within "
			 "segvguard/expiry: suspended for %llu more seconds "
			 "(segvguard/expiry:0 turns SegvGuard off)",
			 (unsigned long long)left);
		if (!action_allows(segv_act))
			return 0;
	}
	if (!tp.on || tpe_act == ACTION_ALLOW)
		return 0;
	r = tpe_verdict(&tp, pid, path, st);
	if (r < 0)
		return r;
	if (r != TPE_TRUSTED) {
		struct trust_step *s = add_step(v, CAT_TPE, tpe_act);

		snprintf(
			s->tip, sizeof(s->tip),
			"untrusted: %s; run programs from a directory only "
			"root or their owner may write to (or sandbox/tpe:off)",
			tpe_reason_text((enum tpe_reason)r));
	}
	return 0;
}

int trust_note_exit(struct sandbox *sb, const char *exe, int status)
{
	struct segvguard_limits lim;
	bool on;
	int r;

	if (!WIFSIGNALED(status) ||
	    !segvguard_is_crash_signal(WTERMSIG(status)))
		return 0;
	sandbox_rdlock(sb);
	on = sandbox_enabled(sb, CAT_SEGVGUARD);
	lim = (struct segvguard_limits){ sb->segv_expiry, sb->segv_suspension,
					 sb->segv_maxcrashes };
	sandbox_unlock(sb);
	if (!on)
		return 0;
	r = segvguard_crash(sb->segvguard, &lim, exe, trust_now());
	if (r == 1)
		log_msg(LOG_WARN,
			"segvguard: %s crashed (signal %d) %llu times within "
			"%llu s: its execution is suspended for %llu s",
			exe, WTERMSIG(status),
			(unsigned long long)(lim.maxcrashes ? lim.maxcrashes
							    : 1),
			(unsigned long long)lim.expiry,
			(unsigned long long)lim.suspension);
	else if (r < 0)
		log_msg(LOG_WARN,
			"segvguard: the crash of %s is not counted: %s", exe,
			strerror(-r));
	return r;
}

int notif_check_trust(struct notif *n, const char *sys, const char *path,
		      const struct stat *st)
{
	struct trust_verdict v;
	int err = trust_decide(n->sb, n->req->pid, path, st, &v);

	/* Facts that could not be read trust nothing. */
	if (err < 0)
		return err == -ESRCH ? -ESRCH : -EACCES;
	for (size_t i = 0; i < v.n; i++) {
		err = notif_act(n, sys, path, v.step[i].cat, v.step[i].act,
				-EACCES, v.step[i].tip);
		if (err < 0)
			return err;
	}
	return 0;
}
