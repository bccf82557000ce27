/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Shared handler steps (see common.h). Denial is the default everywhere:
 * notif_allowed() returns true only through the allow path.
 */
#include "syscalls/common.h"

#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/fsuid.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "kernel/caps.h"
#include "kernel/notify.h"
#include "log.h"
#include "supervise/resolve.h"
#include "supervise/supervisor.h"

int notif_path(struct notif *n, int i, char *buf)
{
	ssize_t len = tracee_read_str(n->req->pid, notif_arg(n, i), buf,
				      PATH_MAX);
	int err;

	if (len < 0)
		return (int)len;
	/*
	 * The pid may have been reused between the notification and our read
	 * of its memory: only a still-valid notification makes the copy ours.
	 */
	err = notify_id_valid(n->listener, n->req->id);
	return err < 0 ? -ESRCH : 0;
}

int notif_path_at(struct notif *n, int i, bool null_ok, char *buf)
{
	if (null_ok && notif_arg(n, i) == 0) {
		buf[0] = '\0';
		return notify_id_valid(n->listener, n->req->id) < 0 ? -ESRCH : 0;
	}
	return notif_path(n, i, buf);
}

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
		supervisor_abort(n->sv, 127);
	case ACTION_EXIT:
		supervisor_abort(n->sv, -err);
	default:
		break;
	}
	priv_lower();
}

/* Apply the decision ACT for CAT; true when the call may go on. */
static bool apply(struct notif *n, const char *sys, const char *path,
		  enum cat cat, enum action act, int err)
{
	struct log_access a = { .pid = n->req->pid, .sys = sys, .cap = cat,
				.act = act, .path = path };

	if (act == ACTION_ALLOW)
		return true;
	a.err = action_allows(act) ? 0 : -err;
	log_access(&a);
	if (action_allows(act))
		return true;
	n->resp.error = err;
	n->resp.val = 0;
	side_effect(n, act, err);
	return false;
}

/*
 * Walk and stat decide visibility. A path is hidden (ENOENT, exactly as if
 * it were missing) when a rule denies stat for it, or denies walk for one
 * of the directories above it: so a hidden directory cannot be walked
 * through to what lies below. The default actions of walk and stat do not
 * hide: an allow rule for /a/b/c needs no rules for /a and /a/b, and a
 * stat call on a path no rule covers gets the stat default (EACCES).
 */
/* Why a path is not visible: the first check that failed. */
struct hiding {
	enum cat cat; /* CAT_WALK (an ancestor) or CAT_STAT */
	enum action act;
	size_t len; /* the ancestor's length, for CAT_WALK */
	int err; /* -ENOENT (hidden) or -EACCES (stat default) */
};

/*
 * The visibility checks, deciding nothing: true with H filled when PATH
 * fails one. When it passes them all, H->act is ACTION_WARN (with the
 * first check that warned in H) or ACTION_ALLOW. The caller holds the
 * sandbox read lock.
 */
static bool hidden_by(const struct sandbox *sb, const char *path, size_t len,
		      bool stat_call, struct hiding *h)
{
	const struct rule *rule;
	enum action act;

	h->act = ACTION_ALLOW;
	if (sandbox_enabled(sb, CAT_WALK) && path[0] == '/') {
		for (size_t i = 0; i < len; i++) {
			/* the ancestor ending here: "/" for i == 0 */
			size_t plen = i ? i : 1;

			if (path[i] != '/' || plen == len)
				continue;
			act = sandbox_check_path(sb, CAT_WALK, path, plen,
						 &rule);
			if (!rule || act == ACTION_ALLOW)
				continue;
			if (action_allows(act)) {
				if (h->act == ACTION_ALLOW)
					*h = (struct hiding){ CAT_WALK, act,
							      plen, 0 };
				continue;
			}
			*h = (struct hiding){ CAT_WALK, act, plen, -ENOENT };
			return true;
		}
	}
	if (sandbox_enabled(sb, CAT_STAT)) {
		act = sandbox_check_path(sb, CAT_STAT, path, len, &rule);
		if (!action_allows(act) && (rule || stat_call)) {
			*h = (struct hiding){ CAT_STAT, act, len,
					      rule ? -ENOENT : -EACCES };
			return true;
		}
		if (act != ACTION_ALLOW && action_allows(act) &&
		    (rule || stat_call) && h->act == ACTION_ALLOW)
			*h = (struct hiding){ CAT_STAT, act, len, 0 };
	}
	return false;
}

/*
 * hidden_by(), acted on: on a failed check, unlocks the sandbox, applies
 * the action to the ancestor or the path and returns false with *OK the
 * outcome of apply(). A check that warned is logged (the lock is dropped
 * meanwhile) and passes, with *WARNED set.
 */
static bool visible(struct notif *n, const char *sys, const char *path,
		    size_t len, bool stat_call, bool *ok, bool *warned)
{
	char dir[PATH_MAX];
	struct hiding h;

	bool hidden = hidden_by(n->sb, path, len, stat_call, &h);

	if (!hidden && h.act == ACTION_ALLOW)
		return true;
	*warned = true;
	sandbox_unlock(n->sb);
	if (h.cat == CAT_WALK) {
		memcpy(dir, path, h.len);
		dir[h.len] = '\0';
		path = dir;
	}
	*ok = apply(n, sys, path, h.cat, h.act, h.err);
	if (hidden)
		return false;
	/* warn: logged; the caller goes on under the lock */
	sandbox_rdlock(n->sb);
	return true;
}

/*
 * The caller's own /proc entries are matched as /proc/self and
 * /proc/thread-self, the names rules can be written with: the numbers
 * change with every process.
 */
static const char *proc_self(const struct notif *n, const char *path,
			     char *buf)
{
	const char *p, *end;
	char num[24];
	pid_t tgid;
	size_t k;

	if (strncmp(path, "/proc/", 6))
		return path;
	p = path + 6;
	for (k = 0; p[k] >= '0' && p[k] <= '9'; k++)
		;
	if (k == 0 || p[0] == '0' || k >= sizeof(num) ||
	    (p[k] != '/' && p[k] != '\0'))
		return path;
	memcpy(num, p, k);
	num[k] = '\0';
	tgid = proc_tgid(n->req->pid);
	if (tgid <= 0 || atoi(num) != tgid)
		return path;
	end = p + k;
	snprintf(num, sizeof(num), "/task/%d", (int)n->req->pid);
	k = strlen(num);
	if (!strncmp(end, num, k) && (end[k] == '/' || end[k] == '\0'))
		snprintf(buf, PATH_MAX, "/proc/thread-self%s", end + k);
	else
		snprintf(buf, PATH_MAX, "/proc/self%s", end);
	return buf;
}

int notif_fsize_check(struct notif *n, const struct stat *st, uint64_t size)
{
	char buf[2048], *p;
	uint64_t soft;
	ssize_t len;
	pid_t tgid;

	if (!S_ISREG(st->st_mode) || size <= (uint64_t)st->st_size)
		return 0;
	/*
	 * /proc/TID/limits, not prlimit(2): a thread acting for a caller
	 * whose ids differ from syd's may not ask the kernel for another
	 * process's limits, and anyone may read that file.
	 */
	len = proc_read_file(n->req->pid, "limits", buf, sizeof(buf));
	if (len < 0)
		return -ESRCH;
	p = strstr(buf, "\nMax file size");
	if (!p)
		return -ESRCH;
	p += strlen("\nMax file size");
	while (*p == ' ')
		p++;
	if (!strncmp(p, "unlimited", 9))
		return 0;
	soft = strtoull(p, NULL, 10);
	if (size <= soft)
		return 0;
	/* The kernel's order: the signal, then the error (inode_newsize_ok). */
	tgid = proc_tgid(n->req->pid);
	priv_raise();
	if (tgid > 0)
		syscall(SYS_tgkill, tgid, n->req->pid, SIGXFSZ);
	priv_lower();
	return -EFBIG;
}

/* Is PATH under /proc/N for N syd itself or one of its threads? */
static bool is_syd_proc(const char *path)
{
	const char *p;
	long pid;
	char *end;

	if (strncmp(path, "/proc/", 6))
		return false;
	p = path + 6;
	if (*p < '1' || *p > '9')
		return false;
	pid = strtol(p, &end, 10);
	if (*end != '/' && *end != '\0')
		return false;
	return pid == getpid() || proc_tgid((pid_t)pid) == getpid();
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
#define VERDICTS 256
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
static struct verdict *verdict_slot(const char *path, size_t len,
				    uint64_t cats, uint32_t *h)
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
	struct hiding h;
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
	hidden = hidden_by(n->sb, p, strlen(p), false, &h) &&
		 h.err == -ENOENT;
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
	static const enum cat cats[] = { CAT_WALK, CAT_STAT };
	bool any = false;
	int k = atomic_load(&known);

	if (k >= 0)
		return k;
	sandbox_rdlock(n->sb);
	for (size_t c = 0; c < 2 && !any; c++) {
		const struct rule_list *l = &n->sb->rules[cats[c]];

		if (!sandbox_enabled(n->sb, cats[c]))
			continue;
		for (size_t i = 0; i < l->n && !any; i++)
			any = l->v[i].act != ACTION_ALLOW;
	}
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

/*
 * Decide PATH (LEN bytes) for each category of CATS, its rules' last match
 * or its default, with the sandbox read lock held on entry; released on
 * return. A denial is acted on (logged, answered) and ends it: false. A
 * warning is logged and sets *WARNED; true when every category allowed.
 */
static bool decide_each(struct notif *n, const char *sys, const char *path,
			size_t len, uint64_t cats, bool *warned)
{
	struct sandbox *sb = n->sb;
	enum action act;

	for (int c = 0; c < CAT_COUNT; c++) {
		if (!(cats & CAT_BIT(c)))
			continue;
		act = sandbox_check_path(sb, (enum cat)c, path, len, NULL);
		if (act == ACTION_ALLOW)
			continue;
		sandbox_unlock(sb);
		if (!apply(n, sys, path, (enum cat)c, act, -EACCES))
			return false;
		/* warn: logged, on to the next category */
		sandbox_rdlock(sb);
		*warned = true;
	}
	sandbox_unlock(sb);
	return true;
}

bool notif_allowed(struct notif *n, const char *sys, const char *path,
		   uint64_t cats)
{
	struct sandbox *sb = n->sb;
	char self[PATH_MAX];
	bool ok, warned = false;
	size_t len;

	path = proc_self(n, path, self);
	len = strlen(path);
	if (verdict_known(path, len, cats))
		return true;
	if (is_syd_proc(path)) {
		/* syd's own /proc entries do not exist for the sandbox. */
		n->resp.error = -ENOENT;
		return false;
	}

	sandbox_rdlock(sb);
	if (!visible(n, sys, path, len, cats & CAT_BIT(CAT_STAT), &ok,
		     &warned))
		return ok; /* unlocked by visible() */
	if (!decide_each(n, sys, path, len, cats & ~CAT_BIT(CAT_STAT),
			 &warned))
		return false;
	if (!warned)
		verdict_keep(path, len, cats);
	return true;
}

/*
 * The answer for making a name hidden by its own rule, when its directory
 * may be seen: a missing name the policy refuses to make. The categories
 * are decided first, as for a name that is not there (their denial and
 * its action answer); if they allow, the hiding rule refuses with EACCES.
 * So the answer does not depend on whether the hidden object exists, and
 * is one a visible missing name can get too. Called and returns unlocked.
 */
static bool refuse_hidden_name(struct notif *n, const char *sys,
			       const char *path, size_t len, uint64_t cats,
			       const struct hiding *h)
{
	bool warned = false;

	sandbox_rdlock(n->sb);
	if (!decide_each(n, sys, path, len,
			 cats & ~(CAT_BIT(CAT_STAT) | CAT_BIT(CAT_WALK)),
			 &warned))
		return false;
	apply(n, sys, path, CAT_STAT, h->act, -EACCES); /* never allows */
	return false;
}

bool notif_new_name(struct notif *n, const char *sys, const char *path,
		    uint64_t cats)
{
	char self[PATH_MAX], dir[PATH_MAX];
	struct hiding h, dh;
	const char *slash;
	size_t len, dlen;
	bool hidden, dir_hidden;

	path = proc_self(n, path, self);
	len = strlen(path);
	if (verdict_known(path, len, PASSABLE))
		return true;
	slash = strrchr(path, '/');
	if (is_syd_proc(path) || !slash || path[0] != '/')
		return notif_allowed(n, sys, path, 0);
	sandbox_rdlock(n->sb);
	hidden = hidden_by(n->sb, path, len, false, &h) && h.err == -ENOENT;
	sandbox_unlock(n->sb);
	/* Not hidden: the caller's decision logs what warned. */
	if (!hidden) {
		verdict_keep(path, len, PASSABLE);
		return true;
	}
	/*
	 * Hidden through a directory above it that may not be walked:
	 * ENOENT, as for every name there, whatever the call.
	 */
	if (h.cat == CAT_WALK)
		return notif_allowed(n, sys, path, 0);
	dlen = slash == path ? 1 : (size_t)(slash - path);
	memcpy(dir, path, dlen);
	dir[dlen] = '\0';
	sandbox_rdlock(n->sb);
	dir_hidden =
		hidden_by(n->sb, dir, dlen, false, &dh) && dh.err == -ENOENT;
	sandbox_unlock(n->sb);
	/* In a hidden directory: ENOENT, as in a missing one. */
	if (dir_hidden)
		return notif_allowed(n, sys, dir, 0);
	return refuse_hidden_name(n, sys, path, len, cats, &h);
}

bool notif_allowed_quietly(struct notif *n, const char *path, size_t len,
			   uint64_t cats)
{
	struct sandbox *sb = n->sb;
	struct hiding h;
	bool ok;

	if (in_proc(path))
		return false;
	if (verdict_known(path, len, cats))
		return true;
	sandbox_rdlock(sb);
	/* A warning must be logged: the full way does. */
	ok = !hidden_by(sb, path, len, cats & CAT_BIT(CAT_STAT), &h) &&
	     h.act == ACTION_ALLOW;
	for (int c = 0; ok && c < CAT_COUNT; c++) {
		if (!(cats & CAT_BIT(c)) || c == CAT_STAT)
			continue;
		ok = sandbox_check_path(sb, (enum cat)c, path, len, NULL) ==
		     ACTION_ALLOW;
	}
	sandbox_unlock(sb);
	if (ok)
		verdict_keep(path, len, cats);
	return ok;
}

/*
 * Listings. An entry DIR/NAME is hidden when a stat rule refuses it or a
 * walk rule refuses DIR or a directory above (what hides it from every
 * path call), or when a list rule refuses it; a list rule's action
 * applies (logged, unless filter), a stat rule's is the stat call's
 * business. Defaults hide nothing, as for stat. Matching every rule
 * against every entry would cost a listing of a big directory a lot:
 * only rules that can match under DIR (their text agrees with "DIR/" up
 * to their first glob character) and may hide or log are tried.
 */
static const enum cat list_cats[2] = { CAT_STAT, CAT_LIST };

/* Could the glob TEXT match a path that starts with PREFIX (N bytes)? */
static bool glob_may_start(const char *text, const char *prefix, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = text[i];

		if (c == '*' || c == '?' || c == '[' || c == '\\')
			return true; /* a glob from here: cannot tell */
		if (c != prefix[i])
			return false; /* also where TEXT ends first */
	}
	return true;
}

/* Find the rules that may decide an entry of L's directory; locked. */
static void list_scan(struct notif_list *l)
{
	const struct sandbox *sb = l->n->sb;

	for (int k = 0; k < 2; k++) {
		const struct rule_list *rl = &sb->rules[list_cats[k]];

		l->ncand[k] = 0;
		l->every[k] = false;
		if (!sandbox_enabled(sb, list_cats[k]))
			continue;
		for (size_t i = 0; i < rl->n; i++) {
			enum action act = rl->v[i].act;

			/* stat: only a refusal hides; list: a warning logs */
			if (act == ACTION_ALLOW ||
			    (k == 0 && action_allows(act)))
				continue;
			if (!rl->v[i].pat ||
			    !glob_may_start(pattern_text(rl->v[i].pat), l->path,
					    l->dlen))
				continue;
			if (l->ncand[k] == LIST_CANDIDATES) {
				/* too many: each entry is decided in full */
				l->every[k] = true;
				break;
			}
			l->cand[k][l->ncand[k]++] = i;
		}
	}
}

int notif_list_begin(struct notif *n, const char *sys, const char *dir,
		     struct notif_list *l)
{
	const struct sandbox *sb = n->sb;
	const struct rule *rule;
	char self[PATH_MAX];
	size_t len;

	l->n = n;
	l->sys = sys;
	l->all = false;
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
	if (is_syd_proc(dir))
		l->all = true; /* syd's own /proc entries do not exist */
	if (!strcmp(dir, "/proc")) {
		/* /proc lists syd, which does not exist, and the caller */
		l->proc = true;
		snprintf(l->syd_pid, sizeof(l->syd_pid), "%d", (int)getpid());
		snprintf(l->own_pid, sizeof(l->own_pid), "%d",
			 (int)proc_tgid(n->req->pid));
	}
	sandbox_rdlock(n->sb);
	/* A refused walk of DIR or above hides all of DIR's entries. */
	for (size_t i = 0; i < l->dlen && !l->all; i++) {
		enum action act;

		if (l->path[i] != '/')
			continue;
		act = sandbox_check_path(sb, CAT_WALK, l->path, i ? i : 1,
					 &rule);
		l->all = rule && !action_allows(act);
	}
	list_scan(l);
	return 0;
}

/* May a rule of list_cats[K] decide the entry in L->path (LEN bytes)? */
static bool list_candidate(const struct notif_list *l, int k, size_t len)
{
	const struct rule_list *rl = &l->n->sb->rules[list_cats[k]];

	if (l->every[k])
		return true;
	for (size_t i = 0; i < l->ncand[k]; i++)
		if (pattern_match(rl->v[l->cand[k][i]].pat, l->path, len))
			return true;
	return false;
}

bool notif_list_shows(struct notif_list *l, const char *name, size_t nlen)
{
	struct sandbox *sb = l->n->sb;
	const struct rule *rule;
	enum action act;
	size_t len;

	if ((nlen == 1 && name[0] == '.') ||
	    (nlen == 2 && name[0] == '.' && name[1] == '.'))
		return true;
	if (l->all || (l->proc && !strcmp(name, l->syd_pid)))
		return false;
	if (!l->ncand[0] && !l->every[0] && !l->ncand[1] && !l->every[1])
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
	if (list_candidate(l, 1, len)) {
		act = sandbox_check_path(sb, CAT_LIST, l->path, len, &rule);
		if (rule && act != ACTION_ALLOW) {
			bool shown;

			sandbox_unlock(sb);
			shown = apply(l->n, l->sys, l->path, CAT_LIST, act,
				      -EACCES);
			sandbox_rdlock(sb);
			list_scan(l); /* the rules may have changed meanwhile */
			if (!shown)
				return false;
		}
	}
	if (list_candidate(l, 0, len)) {
		act = sandbox_check_path(sb, CAT_STAT, l->path, len, &rule);
		if (rule && !action_allows(act))
			return false;
	}
	return true;
}

void notif_list_end(struct notif_list *l)
{
	sandbox_unlock(l->n->sb);
}

/* Whether thread TID is in our user namespace (false when unsure). */
static bool same_user_ns(pid_t tid)
{
	char path[64];
	struct stat a, b;

	snprintf(path, sizeof(path), "/proc/%d/ns/user", (int)tid);
	return stat(path, &a) == 0 && stat("/proc/self/ns/user", &b) == 0 &&
	       a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/*
 * Make this thread act with the caller's fs (or, REAL, real) ids, groups
 * and capabilities. Called acting as syd: setfsuid() and setgroups() need
 * our CAP_SETUID and CAP_SETGID, so the capabilities go last.
 */
static int take_on(struct notif *n, bool real)
{
	const struct tracee_creds *c = &n->caller_creds;
	uid_t uid = real ? c->ruid : c->fsuid;
	gid_t gid = real ? c->rgid : c->fsgid;
	uint64_t caps;

	/*
	 * Raw system calls: the glibc wrappers of setgroups() apply to every
	 * thread of the process, these only to the calling emulator thread.
	 */
	if (syscall(SYS_setgroups, (size_t)c->ngroups, c->groups) < 0)
		return -errno;
	n->creds = true;
	syscall(SYS_setfsgid, gid);
	syscall(SYS_setfsuid, uid);
	/* setfsuid() reports no error: read the ids back to be sure. */
	if ((uid_t)syscall(SYS_setfsuid, -1) != uid ||
	    (gid_t)syscall(SYS_setfsgid, -1) != gid)
		return -EPERM;
	/*
	 * The caller's capabilities, never ours: a root process that dropped
	 * CAP_DAC_OVERRIDE must not read through us what it cannot read
	 * itself. access(2) checks as the kernel does: a real uid of 0 with
	 * the permitted set, any other with none.
	 */
	caps = real ? (c->ruid == 0 ? c->cap_prm : 0) : c->cap_eff;
	/*
	 * status shows ids as we see them but capabilities as the caller's
	 * own user namespace grants them: in a namespace it made, they are
	 * none in ours.
	 */
	if ((n->sb->unsafe_ns & NS_USER) && !same_user_ns(n->req->pid))
		caps = 0;
	n->creds_real = real;
	return priv_enter(caps, n->sv->cap_prm);
}

/* Back to syd's own credentials, whatever the depth. */
static void give_back(struct notif *n)
{
	if (!n->creds)
		return;
	priv_leave();
	syscall(SYS_setfsuid, 0);
	syscall(SYS_setfsgid, 0);
	syscall(SYS_setgroups, 0, NULL);
	n->creds = false;
}

int notif_creds_enter(struct notif *n, unsigned need)
{
	bool take = n->sv->privileged && atomic_load(&n->sv->creds_changed);
	bool real = need & CREDS_REAL;
	int err;

	if (!take && !(need & CREDS_UMASK))
		return 0;
	if (!n->have_creds) {
		/* The caller is blocked in its call: they cannot change. */
		err = tracee_creds(n->req->pid, &n->caller_creds);
		if (err < 0)
			return err;
		n->have_creds = true;
	}
	if (need & CREDS_UMASK)
		umask(n->caller_creds.umask);
	if (!take)
		return 0;
	if (!n->creds || n->creds_real != real) {
		give_back(n);
		err = take_on(n, real);
		if (err < 0) {
			give_back(n);
			n->creds_depth = 0;
			return err;
		}
	}
	n->creds_depth++;
	return 0;
}

void notif_creds_leave(struct notif *n)
{
	if (!n->creds || n->creds_depth == 0)
		return;
	if (--n->creds_depth == 0) {
		give_back(n);
	} else if (n->creds_real) {
		/*
		 * The enclosing level (the handler as a whole) acts with the
		 * fs ids. They were taken a moment ago; if they cannot be
		 * again, going on as syd would be an escape: die, which
		 * closes the listener and fails every pending call.
		 */
		give_back(n);
		if (take_on(n, false) < 0)
			abort();
	}
}

void notif_creds_done(struct notif *n)
{
	give_back(n);
	n->creds_depth = 0;
	if (n->have_creds)
		tracee_creds_fini(&n->caller_creds);
	n->have_creds = false;
}

static void keep(struct notif *n, int *fd)
{
	if (*fd < 0)
		return;
	if (n->nlater < sizeof(n->later) / sizeof(n->later[0])) {
		n->later[n->nlater++] = *fd;
		*fd = -1;
	} else {
		close_reset(fd);
	}
}

void notif_release(struct notif *n, struct resolved *r)
{
	keep(n, &r->fd);
	keep(n, &r->dirfd);
}

void notif_close_later(struct notif *n)
{
	while (n->nlater > 0)
		close(n->later[--n->nlater]);
}

/*
 * Whether the set*id call D leaves a caller that has syd's ids with them:
 * every id it names is syd's one uid (gid) or -1 ("unchanged"). It takes
 * its arguments in registers, so what we look at is what the kernel gets.
 * setgroups and capset always count as a change.
 */
static bool setid_keeps_ids(const struct supervisor *sv,
			    const struct seccomp_data *d)
{
	int nargs;
	bool gid;

	switch (d->nr) {
	case __NR_setuid: nargs = 1, gid = false; break;
	case __NR_setgid: nargs = 1, gid = true; break;
	case __NR_setfsuid: nargs = 1, gid = false; break;
	case __NR_setfsgid: nargs = 1, gid = true; break;
	case __NR_setreuid: nargs = 2, gid = false; break;
	case __NR_setregid: nargs = 2, gid = true; break;
	case __NR_setresuid: nargs = 3, gid = false; break;
	case __NR_setresgid: nargs = 3, gid = true; break;
	default: return false;
	}
	if (!sv->uniform_ids)
		return false;
	for (int i = 0; i < nargs; i++) {
		uint32_t id = (uint32_t)d->args[i];

		if (id != (uint32_t)-1 &&
		    id != (gid ? (uint32_t)sv->gid : (uint32_t)sv->uid))
			return false;
	}
	return true;
}

/*
 * The set*id family, capset, and prctl's PR_CAPBSET_DROP and
 * PR_SET_SECUREBITS (after which an exec drops capabilities): the caller
 * changes its own credentials, which from now on are read for every
 * emulated call. Continuing is safe:
 * nothing is decided and no argument is trusted; the call gains the
 * caller nothing syd's checks rely on. The flag is set before the answer,
 * so a call of the caller's made after this one finds it set.
 */
int hook_setid(struct notif *n)
{
	if (!setid_keeps_ids(n->sv, &n->req->data))
		atomic_store(&n->sv->creds_changed, true);
	n->resp.error = 0;
	n->resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
	return 0;
}
