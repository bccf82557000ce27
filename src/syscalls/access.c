/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Acting on the decision (policy/decide.h) for a notification: its log
 * line, its answer and side effect; the names the caller's own /proc
 * entries are matched by; the per-thread cache of quiet allows; what the
 * resolver may pass; listings. Denial is the default everywhere:
 * notif_check() returns 0 only through the allow path.
 */
#include "syscalls/access.h"

#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kernel/caps.h"
#include "kernel/procfs.h"
#include "log.h"
#include "resolve/resolve.h"
#include "syscalls/append.h"
#include "syscalls/common.h"
#include "syscalls/mask.h"

static void side_effect(struct notif *n, enum action act, int err)
{
	/* A caller that changed its ids is signalled with syd's rights. */
	priv_raise();
	switch (act) {
	case ACTION_STOP:
		kill(n->req->pid, SIGSTOP);
		break;
	case ACTION_ABORT:
		kill(n->req->pid, SIGABRT);
		break;
	case ACTION_KILL:
		kill(n->req->pid, SIGKILL);
		break;
	case ACTION_PANIC:
		/* Raised: ending the sandbox signals all of it. */
		n->host->abort(n, 127);
		abort(); /* not reached: no way on past a panic */
	case ACTION_EXIT:
		n->host->abort(n, -err);
		abort();
	default:
		break;
	}
	priv_lower();
}

/* notif_act() and notif_act_addr(): one of PATH and ADDR is NULL. */
static int act_logged(struct notif *n, const char *sys, const char *path,
		      const char *addr, enum cat cat, enum action act, int err,
		      const char *tip)
{
	struct log_access a = { .pid = n->req->pid,
				.sys = sys,
				.cap = cat,
				.act = act,
				.path = path,
				.addr = addr,
				.tip = tip };

	if (act == ACTION_ALLOW)
		return 0;
	a.err = action_allows(act) ? 0 : -err;
	log_access(&a);
	if (action_allows(act))
		return 0;
	side_effect(n, act, err);
	return err;
}

int notif_act(struct notif *n, const char *sys, const char *path, enum cat cat,
	      enum action act, int err, const char *tip)
{
	return act_logged(n, sys, path, NULL, cat, act, err, tip);
}

int notif_act_addr(struct notif *n, const char *sys, const char *addr,
		   enum cat cat, enum action act, int err, const char *tip)
{
	return act_logged(n, sys, NULL, addr, cat, act, err, tip);
}

/*
 * Apply the decision ACT for CAT: logged, and when it refuses, its side
 * effect. Returns 0 when the call may go on, else ERR, its answer.
 */
static int apply(struct notif *n, const char *sys, const char *path,
		 enum cat cat, enum action act, int err)
{
	return notif_act(n, sys, path, cat, act, err, NULL);
}

/*
 * Act on the steps of D for PATH, in order: each logged, the refusal (the
 * last) with its side effect. Called unlocked: the log may take time.
 * Returns 0 when the call may go on, else the refusal's answer.
 */
static int act_on(struct notif *n, const char *sys, const char *path,
		  const struct decision *d)
{
	char dir[PATH_MAX];

	for (size_t i = 0; i < d->n; i++) {
		const struct decide_step *s = &d->step[i];
		const char *p = path;

		/* a walk step is about an ancestor: logged as its path */
		if (s->cat == CAT_WALK && s->len < sizeof(dir)) {
			memcpy(dir, path, s->len);
			dir[s->len] = '\0';
			p = dir;
		}
		int err = apply(n, sys, p, s->cat, s->act, s->err);

		if (err < 0)
			return err;
	}
	return 0;
}

/*
 * The caller's own /proc entries are matched as /proc/self and
 * /proc/thread-self, the names rules can be written with: the numbers
 * change with every process.
 */
static const char *proc_self(const struct notif *n, const char *path, char *buf)
{
	size_t len = strlen(path);
	const char *rest, *tail, *end = path + len;
	pid_t pid = proc_path_pid(path, len, &rest), tgid;

	if (pid == 0)
		return path;
	tgid = proc_tgid(n->req->pid);
	if (tgid <= 0 || pid != tgid)
		return path;
	/* "/task/TID" of the calling thread: its thread-self */
	if (!strncmp(rest, "/task/", 6) &&
	    proc_number(rest + 6, end, &tail) == (pid_t)n->req->pid)
		snprintf(buf, PATH_MAX, "/proc/thread-self%s", tail);
	else
		snprintf(buf, PATH_MAX, "/proc/self%s", rest);
	return buf;
}

/* Is PATH under /proc/N for N syd itself or one of its threads? */
static bool is_syd_proc(const char *path)
{
	pid_t pid = proc_path_pid(path, strlen(path), NULL);

	return pid != 0 && (pid == getpid() || proc_tgid(pid) == getpid());
}

/*
 * Paths allowed quietly, remembered per emulator thread. The policy does
 * not change once the sandbox runs, so a path allowed for a set of
 * categories stays allowed, and the rule lists of a profile need matching
 * once per path, not at every call (a build stats the same headers
 * thousands of times; matching the linux profile costs a stat about a
 * microsecond). Only plain allows are kept: a warning is logged and a
 * denial acted on every time. /proc paths are never kept: which process
 * /proc/N is, and which names are its own, depends on the caller.
 */
#define VERDICTS     256
#define VERDICT_PATH 128
/* A pseudo-category: "no rule hides it" (view_passable()). */
#define PASSABLE (UINT64_C(1) << 63)

struct verdict {
	uint64_t cats; /* 0: an empty slot */
	uint32_t hash;
	uint32_t len;
	char path[VERDICT_PATH];
};

/*
 * Allocated at a thread's first decision, not in its TLS: the loader
 * zeroes TLS when a thread starts, nine pages each, and a page fault costs
 * ~15 µs on a VM with shadow paging: start-up paid it for idle threads.
 */
static _Thread_local struct verdict *verdicts;

static uint32_t verdict_hash(const char *path, size_t len, uint64_t cats)
{
	uint32_t h = 2166136261u ^ (uint32_t)(cats ^ (cats >> 32));

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)path[i]) * 16777619u;
	return h;
}

/* PATH is /proc or under it. */
static bool in_proc(const char *path)
{
	return !strncmp(path, "/proc", 5) && (path[5] == '/' || !path[5]);
}

/* The slot for PATH and CATS, with its hash in *H; NULL: never kept. */
static struct verdict *verdict_slot(const char *path, size_t len, uint64_t cats,
				    uint32_t *h)
{
	if (len >= VERDICT_PATH || cats == 0 || in_proc(path))
		return NULL;
	if (!verdicts && !(verdicts = calloc(VERDICTS, sizeof(*verdicts))))
		return NULL; /* decided each time instead */
	*h = verdict_hash(path, len, cats);
	return &verdicts[*h % VERDICTS];
}

static bool verdict_known(const char *path, size_t len, uint64_t cats)
{
	uint32_t h;
	const struct verdict *v = verdict_slot(path, len, cats, &h);

	return v && v->cats == cats && v->hash == h && v->len == len &&
	       !memcmp(v->path, path, len);
}

static void verdict_keep(const char *path, size_t len, uint64_t cats)
{
	uint32_t h;
	struct verdict *v = verdict_slot(path, len, cats, &h);

	if (!v)
		return;
	v->cats = cats;
	v->hash = h;
	v->len = (uint32_t)len;
	memcpy(v->path, path, len);
}

void notif_thread_fini(void)
{
	free(verdicts);
	verdicts = NULL;
}
/* struct resolve_view: may a lookup for N pass PATH (LEN bytes)? */
static bool view_passable(void *ctx, const char *path, size_t len)
{
	struct notif *n = ctx;
	char buf[PATH_MAX], self[PATH_MAX];
	const char *p;
	bool hidden;

	if (verdict_known(path, len, PASSABLE))
		return true;
	if (len >= sizeof(buf))
		return false;
	memcpy(buf, path, len);
	buf[len] = '\0';
	p = proc_self(n, buf, self);
	if (is_syd_proc(p))
		return false;
	sandbox_rdlock(n->sb);
	/* Hidden by a rule, as the final check hides (not a default). */
	hidden = decide_hidden_by_rule(n->sb, p, strlen(p));
	sandbox_unlock(n->sb);
	if (!hidden)
		verdict_keep(path, len, PASSABLE);
	return !hidden;
}

/*
 * struct resolve_view: can any rule hide a name? Asked at every lookup
 * through a symlink; the policy is fixed once the sandbox runs, so the
 * rule lists are scanned once (-1: not yet).
 */
static bool view_any_hidden(void *ctx)
{
	static atomic_int known = -1;
	struct notif *n = ctx;
	bool any;
	int k = atomic_load(&known);

	if (k >= 0)
		return k;
	sandbox_rdlock(n->sb);
	any = decide_may_hide(n->sb, false);
	sandbox_unlock(n->sb);
	atomic_store(&known, any);
	return any;
}

void notif_view(struct notif *n, struct resolve_view *v)
{
	*v = (struct resolve_view){
		view_passable, view_any_hidden, n,
		n->sb->trace[TRACE_ALLOW_UNSAFE_MAGICLINKS] != 0
	};
}

/* notif_check() by the policy's rules alone. */
static int check(struct notif *n, const char *sys, const char *path,
		 uint64_t cats)
{
	struct decision d;
	char self[PATH_MAX];
	size_t len;

	path = proc_self(n, path, self);
	len = strlen(path);
	if (verdict_known(path, len, cats))
		return 0;
	/* syd's own /proc entries do not exist for the sandbox. */
	if (is_syd_proc(path))
		return -ENOENT;
	sandbox_rdlock(n->sb);
	decide_path(n->sb, path, len, cats, &d);
	sandbox_unlock(n->sb);
	if (d.n == 0) {
		verdict_keep(path, len, cats);
		return 0;
	}
	return act_on(n, sys, path, &d);
}

int notif_check(struct notif *n, const char *sys, const char *path,
		uint64_t cats)
{
	int err = check(n, sys, path, cats);

	/* After the rules: a hidden name is missing, not append-only. */
	if (err == 0)
		err = append_check(n, sys, path, cats);
	if (err == 0)
		err = mask_check(n, sys, path, cats);
	return err;
}

/*
 * The answer for making a name hidden by its own rule, when its directory
 * may be seen: a missing name the policy refuses to make. The categories
 * are decided first, as for a name that is not there (their denial and
 * its action answer); if they allow, the hiding rule refuses with EACCES.
 * So the answer does not depend on whether the hidden object exists, and
 * is one a visible missing name can get too.
 */
static int refuse_hidden_name(struct notif *n, const char *sys,
			      const char *path, size_t len, uint64_t cats,
			      const struct decide_step *h)
{
	struct decision d = { 0 };
	int err;

	sandbox_rdlock(n->sb);
	decide_cats(n->sb, path, len, cats, &d);
	sandbox_unlock(n->sb);
	err = act_on(n, sys, path, &d);
	if (err < 0)
		return err;
	/* h->act refuses: it hid the name */
	err = apply(n, sys, path, CAT_STAT, h->act, -EACCES);
	return err < 0 ? err : -EACCES;
}

int notif_check_new_name(struct notif *n, const char *sys, const char *path,
			 uint64_t cats)
{
	char self[PATH_MAX], dir[PATH_MAX];
	struct decide_step h;
	const char *slash;
	size_t len, dlen;
	bool hidden, dir_hidden;

	path = proc_self(n, path, self);
	len = strlen(path);
	if (verdict_known(path, len, PASSABLE))
		return 0;
	slash = strrchr(path, '/');
	if (is_syd_proc(path) || !slash || path[0] != '/')
		return notif_check(n, sys, path, 0);
	sandbox_rdlock(n->sb);
	hidden = decide_hidden(n->sb, path, len, false, &h) && h.err == -ENOENT;
	sandbox_unlock(n->sb);
	/* Not hidden: the caller's decision logs what warned. */
	if (!hidden) {
		verdict_keep(path, len, PASSABLE);
		return 0;
	}
	/*
	 * Hidden through a directory above it that may not be walked:
	 * ENOENT, as for every name there, whatever the call.
	 */
	if (h.cat == CAT_WALK)
		return notif_check(n, sys, path, 0);
	dlen = slash == path ? 1 : (size_t)(slash - path);
	memcpy(dir, path, dlen);
	dir[dlen] = '\0';
	sandbox_rdlock(n->sb);
	dir_hidden = decide_hidden_by_rule(n->sb, dir, dlen);
	sandbox_unlock(n->sb);
	/* In a hidden directory: ENOENT, as in a missing one. */
	if (dir_hidden)
		return notif_check(n, sys, dir, 0);
	return refuse_hidden_name(n, sys, path, len, cats, &h);
}

bool notif_allowed_quietly(struct notif *n, const char *path, size_t len,
			   uint64_t cats)
{
	struct decision d;

	if (in_proc(path))
		return false;
	/* Opened otherwise, or with O_APPEND forced: the full way. */
	if (mask_is(n->sb, path, len) ||
	    ((cats & ~(CAT_BIT(CAT_READ) | CAT_BIT(CAT_STAT) |
		       CAT_BIT(CAT_WALK) | CAT_BIT(CAT_READDIR))) &&
	     append_is(n->sb, path, len)))
		return false;
	if (verdict_known(path, len, cats))
		return true;
	sandbox_rdlock(n->sb);
	decide_path(n->sb, path, len, cats, &d);
	sandbox_unlock(n->sb);
	/* A warning must be logged: the full way does. */
	if (d.n > 0)
		return false;
	verdict_keep(path, len, cats);
	return true;
}

/* Listings: which entries the sandbox hides (policy/decide.h). */
int notif_list_begin(struct notif *n, const char *sys, const char *dir,
		     struct notif_list *l)
{
	char self[PATH_MAX];
	size_t len;
	bool syd;

	l->n = n;
	l->sys = sys;
	l->proc = false;
	dir = proc_self(n, dir, self);
	len = strlen(dir);
	if (dir[0] != '/')
		return -EACCES; /* no name to decide on */
	if (len + 2 > sizeof(l->path))
		return -ENAMETOOLONG;
	memcpy(l->path, dir, len);
	if (len > 1)
		l->path[len++] = '/';
	l->dlen = len;
	l->path[len] = '\0';
	if (!strcmp(dir, "/proc")) {
		/* /proc lists syd, which does not exist, and the caller */
		l->proc = true;
		snprintf(l->syd_pid, sizeof(l->syd_pid), "%d", (int)getpid());
		snprintf(l->own_pid, sizeof(l->own_pid), "%d",
			 (int)proc_tgid(n->req->pid));
	}
	/* syd's own /proc entries do not exist: read before the lock */
	syd = is_syd_proc(dir);
	sandbox_rdlock(n->sb);
	decide_list_begin(n->sb, l->path, l->dlen, &l->d);
	l->d.all |= syd;
	l->plain = decide_list_shows_all(&l->d);
	return 0;
}

bool notif_list_shows(struct notif_list *l, const char *name, size_t nlen)
{
	struct sandbox *sb = l->n->sb;
	struct decide_step list;
	size_t len;
	bool stat_hides;

	if ((nlen == 1 && name[0] == '.') ||
	    (nlen == 2 && name[0] == '.' && name[1] == '.'))
		return true;
	if (l->d.all || (l->proc && !strcmp(name, l->syd_pid)))
		return false;
	if (l->plain)
		return true; /* the common case: nothing can hide here */
	if (l->proc && !strcmp(name, l->own_pid)) {
		name = "self";
		nlen = 4;
	}
	/* A name too long to decide on is not shown (fail closed). */
	if (l->dlen + nlen >= sizeof(l->path))
		return false;
	memcpy(l->path + l->dlen, name, nlen);
	len = l->dlen + nlen;
	l->path[len] = '\0';
	stat_hides = decide_list_entry(sb, &l->d, l->path, len, &list);
	if (list.act != ACTION_ALLOW) {
		bool shown;

		sandbox_unlock(sb);
		shown = apply(l->n, l->sys, l->path, CAT_LIST, list.act,
			      list.err) == 0;
		sandbox_rdlock(sb);
		/* the rules may have changed meanwhile */
		decide_list_scan(sb, l->path, l->dlen, &l->d);
		l->plain = decide_list_shows_all(&l->d);
		if (!shown)
			return false;
	}
	return !stat_hides;
}

void notif_list_end(struct notif_list *l)
{
	sandbox_unlock(l->n->sb);
}
