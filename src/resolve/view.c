/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What a lookup for a sandboxed thread may see, beyond what the kernel
 * would let it: names the sandbox hides (struct resolve_view), the
 * /proc/PID entries of processes outside the sandbox and of syd itself,
 * and names the kernel gives from another mount namespace, which are
 * trusted only when they name the same object in ours.
 */
#include "resolve/internal.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdlib.h>
#include <string.h>
#include <sys/fsuid.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "kernel/caps.h"
#include "kernel/procfs.h"
#include "kernel/tracee.h"
#include "util.h"

static _Thread_local const struct resolve_view *view;

void resolve_view_set(const struct resolve_view *v)
{
	view = v;
}

bool passable(const char *path, size_t len)
{
	return !view || view->passable(view->ctx, path, len);
}

bool any_hidden(void)
{
	return view && view->any_hidden(view->ctx);
}

/*
 * The parts of /proc/PID a process outside the sandbox leaves to it when
 * trace/allow_unsafe_magiclinks is off: what ps, top and pgrep read, none
 * of it behind a ptrace access check. Everything else is refused: the
 * magic links (cwd, root, exe, fd/N, map_files/..., ns/...) lead into that
 * process's files and mount namespace, where the names the kernel gives
 * are not names in ours; mem, environ, maps, auxv, stack, syscall, io,
 * fdinfo... expose the process itself, and syd would open them with its
 * own rights (as root, or as the ancestor of the caller), not the caller's.
 */
static const char *const outside_readable[] = {
	"cgroup",	 "cmdline",  "comm",	  "cpuset",
	"limits",	 "loginuid", "oom_adj",	  "oom_score",
	"oom_score_adj", "sched",    "schedstat", "sessionid",
	"stat",		 "statm",    "status",	  "wchan",
};

static bool outside_proc_ok(void)
{
	return view && view->outside_proc;
}

/*
 * fs.protected_symlinks, which the kernel checks when it follows a link
 * (may_follow_link()) and syd's walk, which follows links itself, must
 * check in its place: at the host's level, a link in a sticky directory
 * others may write to (/tmp) is followed only by its owner or when the
 * directory's owner owns it, against a link planted under a name the
 * caller means to use. The same level as the kernel's own lookups syd
 * makes (fast.c's follow_lookup()); raising it above the host's would
 * send every lookup through a symlink to the walk. DIR is the directory
 * holding the link, LFD the link (O_PATH); the caller's fs ids are this
 * thread's (the pool took them on, or they are syd's own and the same).
 */
int sticky_link_check(const struct stat *dir, int lfd)
{
	const mode_t both = S_ISVTX | S_IWOTH;
	struct stat st;

	if ((dir->st_mode & both) != both)
		return 0;
	if (fstat(lfd, &st) < 0)
		return -errno;
	if (st.st_uid == dir->st_uid || st.st_uid == (uid_t)setfsuid((uid_t)-1))
		return 0;
	return sysctl_fs_level("protected_symlinks") >= 1 ? -EACCES : 0;
}

/*
 * What needs the right to attach to a process (PTRACE_MODE_ATTACH, the
 * mode Yama restricts to a process's own descendants): its memory, its
 * kernel stack, the call it is in, its personality. ptrace(2) is refused
 * in the sandbox, so no process of it has that right to another; syd,
 * which has it (as root, or as every sandboxed process's ancestor), would
 * lend it by opening them.
 */
static const char *const attach_only[] = {
	"mem",
	"personality",
	"stack",
	"syscall",
};

static bool listed(const char *const *list, size_t n, const char *s, size_t k)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(list[i]) == k && !memcmp(list[i], s, k))
			return true;
	return false;
}

/*
 * Is process or thread PID one of the sandbox's? syd is a child
 * subreaper: every process of the sandbox has it among its ancestors for
 * as long as it lives, and no other does.
 */
static bool in_sandbox(pid_t pid)
{
	return proc_descends_from(pid, getpid()) == 1;
}

/*
 * PATH (canonical, LEN bytes) in /proc/PID of another process: may the
 * caller TID use it? LINK: a magic link in the directory PATH is about to
 * be followed. Returns 0, -EACCES (the kernel's answer for an entry
 * behind a ptrace check it refuses) or -ENOENT (syd's own).
 */
int proc_guard(pid_t tid, const char *path, size_t len, bool link)
{
	const char *p, *end = path + len, *e;
	pid_t pid = proc_path_pid(path, len, &p), me, them;
	bool deeper;
	size_t k;

	if (pid == 0)
		return 0; /* not a process's: "/proc/12x", "/proc/self"... */
	if (pid == tid)
		return 0;
	me = proc_tgid(tid);
	them = proc_tgid(pid);
	/* The caller's own thread group: every entry is its own to use. */
	if (pid == me || (them > 0 && them == me))
		return 0;
	/* syd's own entries do not exist for the sandbox (syscalls/access.c). */
	if (pid == getpid() || them == getpid())
		return -ENOENT;
	/* "/proc/N/task/T/...": T's entries are read as N's are. */
	if (end - p >= 5 && !strncmp(p, "/task", 5) &&
	    (p + 5 == end || p[5] == '/')) {
		p += 5;
		if (p < end)
			for (p++; p < end && *p >= '0' && *p <= '9'; p++)
				;
	}
	/* The entry: P+1, K bytes, with more path after it (DEEPER). */
	e = p < end ? memchr(p + 1, '/', (size_t)(end - p - 1)) : NULL;
	k = p < end ? (size_t)((e ? e : end) - (p + 1)) : 0;
	deeper = e != NULL;
	if (p < end && !link &&
	    listed(attach_only, ARRAY_SIZE(attach_only), p + 1, k))
		return -EACCES;
	if (outside_proc_ok() || in_sandbox(pid))
		return 0;
	if (link)
		return -EACCES;
	if (p == end)
		return 0; /* the directory: listed, stat'ed */
	if (!deeper &&
	    listed(outside_readable, ARRAY_SIZE(outside_readable), p + 1, k))
		return 0;
	return -EACCES;
}

/*
 * The name the kernel gives for an object (d_path) is its path from the
 * root of the mount namespace its mount is in: for an object reached
 * through another namespace (a magic link of a process in a container, a
 * private /tmp, a child that made its own) that is a name in THAT
 * namespace, which here may name something else entirely (the secret,
 * bind-mounted there under an allowed name). So a name the kernel gave is
 * looked up again in ours, from our root, meeting no symlink: only when it
 * reaches the very inode of *FD (ST) is it what the object is called here,
 * and the walk goes on from OUR fd, so that what lies beneath it is what
 * our mounts show, not the other namespace's. Returns 0 (*FD and *ST then
 * ours) or -EACCES: an object with no name here has nothing to decide on.
 */
int own_view(int *fd, struct stat *st, const char *name)
{
	struct open_how how = { .flags = O_PATH | O_NOFOLLOW | O_CLOEXEC,
				.resolve = RESOLVE_NO_SYMLINKS |
					   RESOLVE_NO_MAGICLINKS };
	struct stat ours;
	int nfd, err;

	/* Our own lookup, not one for the caller: it hands nothing out. */
	priv_raise();
	nfd = (int)syscall(SYS_openat2, AT_FDCWD, name, &how, sizeof(how));
	err = errno;
	priv_lower();
	if (nfd < 0)
		return err == ENOMEM ? -ENOMEM : -EACCES;
	if (fstat(nfd, &ours) < 0 || !same_inode(&ours, st)) {
		close(nfd);
		return -EACCES;
	}
	close_reset(fd);
	*fd = nfd;
	*st = ours;
	return 0;
}

/* own_view() for an object whose fd stays as it is: only whether NAME is it. */
int names_object(const char *name, const struct stat *st)
{
	struct stat copy = *st;
	int tmp = -1, err = own_view(&tmp, &copy, name);

	close_reset(&tmp);
	return err;
}

/* passable() for the directory of W followed by component COMP (N bytes). */
bool passable_in(const struct walk *w, const char *comp, size_t n)
{
	char p[PATH_MAX];
	size_t sep = w->len > 0 && w->path[w->len - 1] != '/';

	if (!view)
		return true;
	if (w->len + sep + n >= sizeof(p))
		return false;
	memcpy(p, w->path, w->len);
	if (sep)
		p[w->len] = '/';
	memcpy(p + w->len + sep, comp, n);
	return passable(p, w->len + sep + n);
}

/*
 * The walk failed with ERR at component COMP of the directory it stands
 * in: an answer other than ENOENT would tell that a hidden name exists.
 */
int hide_error(const struct walk *w, const char *comp, size_t n, int err)
{
	if (err == -ENOENT || !view)
		return err;
	if (!passable(w->path, w->len) || !passable_in(w, comp, n))
		return -ENOENT;
	return err;
}
