/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd/exec!PROGRAM: a program run outside the sandbox, for a process of
 * it. syd forks it from the emulator thread that answers the caller's
 * stat("/dev/syd/cmd/exec!..."), with nothing of the sandbox (no filter,
 * no tracer, no Landlock but the layer syd itself entered under
 * sandbox/lock, syd's namespaces) and nothing of syd either:
 * syd never lends its privileges, so the child takes on the caller's
 * credentials, read from /proc while the caller waits in the call, before
 * it runs anything. Its real, effective and saved ids and its groups are
 * the caller's (a non-root syd that cannot set them refuses with EPERM,
 * and so does a caller in a user namespace of its own, whose ids and
 * capabilities mean nothing outside it);
 * its capabilities, bounding set included, at most the caller's
 * permitted ones (for root, what an exec would give: the bounding set);
 * no ambient capabilities; no_new_privs, which the caller has too, so
 * neither a set-user-ID program nor file capabilities raise it later.
 *
 * syd's main thread reaps every child of syd (trace.c); a program started
 * here is remembered until then, so that its end counts for nothing of
 * the sandbox's (pid/max, its status): a slot is taken before the fork,
 * and the child waits, before it does anything, for the go that follows
 * its pid being written there.
 */
#include "supervise/cmd_exec.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "kernel/caps.h"
#include "kernel/tracee.h"
#include "log.h"
#include "syscalls/hooks.h"

#define MAX_RUNNING 64
#define SEP	    '\x1f' /* ASCII unit separator, as syd-exec(1) joins */

static pthread_mutex_t running_lock = PTHREAD_MUTEX_INITIALIZER;
static pid_t running[MAX_RUNNING];

/* The caller's credentials, from /proc/TID/status. */
struct ids {
	uid_t uid[3]; /* real, effective, saved */
	gid_t gid[3];
	uint64_t cap_prm, cap_eff;
	int ngroups;
	gid_t groups[NGROUPS_MAX];
};

static int read_ids(pid_t tid, struct ids *c)
{
	char path[64];
	struct stat theirs, ours;
	struct tracee_creds tc;
	int err;

	/*
	 * Ids and capabilities mean what they say only in syd's own user
	 * namespace: a caller's "root" in one of its own has none outside.
	 */
	snprintf(path, sizeof(path), "/proc/%d/ns/user", (int)tid);
	/* A caller that changed its ids is not dumpable: its /proc is ptrace's. */
	priv_raise_ptrace();
	err = stat(path, &theirs) < 0 ? -errno : 0;
	if (err == 0 && stat("/proc/self/ns/user", &ours) < 0)
		err = -errno;
	priv_lower();
	if (err == 0 &&
	    (theirs.st_ino != ours.st_ino || theirs.st_dev != ours.st_dev))
		err = -EPERM;
	if (err < 0)
		return err == -ENOENT ? -ESRCH : err;
	/* tracee_creds() refuses a status file cut short (-EPROTO). */
	err = tracee_creds(tid, &tc);
	if (err < 0)
		return err;
	if (tc.ngroups > NGROUPS_MAX) { /* not the kernel's: refuse */
		tracee_creds_fini(&tc);
		return -EPROTO;
	}
	c->uid[0] = tc.ruid;
	c->uid[1] = tc.euid;
	c->uid[2] = tc.suid;
	c->gid[0] = tc.rgid;
	c->gid[1] = tc.egid;
	c->gid[2] = tc.sgid;
	c->cap_prm = tc.cap_prm;
	c->cap_eff = tc.cap_eff;
	c->ngroups = tc.ngroups;
	if (tc.ngroups > 0) /* none: no array to copy from */
		memcpy(c->groups, tc.groups,
		       (size_t)tc.ngroups * sizeof(gid_t));
	tracee_creds_fini(&tc);
	return 0;
}

/* A slot for a program about to start: its index, or -1 when all are taken. */
static int reserve(void)
{
	int slot = -1;

	pthread_mutex_lock(&running_lock);
	for (int i = 0; i < MAX_RUNNING && slot < 0; i++)
		if (running[i] == 0) {
			running[i] = -1;
			slot = i;
		}
	pthread_mutex_unlock(&running_lock);
	return slot;
}

static void set_slot(int slot, pid_t pid)
{
	pthread_mutex_lock(&running_lock);
	running[slot] = pid;
	pthread_mutex_unlock(&running_lock);
}

bool cmd_exec_running(pid_t pid)
{
	bool found = false;

	pthread_mutex_lock(&running_lock);
	for (int i = 0; i < MAX_RUNNING && !found && pid > 0; i++)
		found = running[i] == pid;
	pthread_mutex_unlock(&running_lock);
	return found;
}

bool cmd_exec_reaped(pid_t pid)
{
	bool found = false;

	if (pid <= 0)
		return false;
	pthread_mutex_lock(&running_lock);
	for (int i = 0; i < MAX_RUNNING && !found; i++)
		if (running[i] == pid) {
			running[i] = 0;
			found = true;
		}
	pthread_mutex_unlock(&running_lock);
	return found;
}

/* Same set of groups, in any order? */
static bool same_groups(const gid_t *a, int na, const gid_t *b, int nb)
{
	for (int i = 0; i < na; i++) {
		bool in = false;

		for (int j = 0; j < nb && !in; j++)
			in = a[i] == b[j];
		if (!in)
			return false;
	}
	for (int j = 0; j < nb; j++) {
		bool in = false;

		for (int i = 0; i < na && !in; i++)
			in = a[i] == b[j];
		if (!in)
			return false;
	}
	return true;
}

/*
 * In the child: become the caller. Only async-signal-safe calls (syd has
 * threads). Returns 0 or -errno; the child must not run anything then.
 */
static int become(const struct ids *c)
{
	static gid_t mine[NGROUPS_MAX];
	uint64_t prm;
	int n, err;

	/* The emulator thread may act with the caller's fewer rights. */
	err = caps_get_permitted(&prm);
	if (err < 0 || (err = caps_set_effective(prm, prm)) < 0)
		return err;
	if (setgroups((size_t)c->ngroups, c->groups) < 0) {
		/* Without CAP_SETGID: fine only when they are ours already. */
		err = errno;
		n = getgroups(NGROUPS_MAX, mine);
		if (err != EPERM || n < 0 ||
		    !same_groups(mine, n, c->groups, c->ngroups))
			return -EPERM;
	}
	if (syscall(SYS_setresgid, c->gid[0], c->gid[1], c->gid[2]) < 0)
		return -errno;
	/*
	 * The bounding set: for root, what an exec gives. Past the last
	 * capability PR_CAPBSET_READ fails: the end. Without CAP_SETPCAP
	 * (syd is no root) nothing can be dropped, and nothing is needed:
	 * with no_new_privs no exec raises the child past its permitted
	 * set, which is empty then.
	 */
	for (unsigned long cap = 0; prctl(PR_CAPBSET_READ, cap) >= 0; cap++) {
		if (cap >= 64 || (c->cap_prm >> cap & 1) ||
		    prctl(PR_CAPBSET_READ, cap) == 0)
			continue;
		if (prctl(PR_CAPBSET_DROP, cap) < 0 && prm != 0)
			return -errno;
	}
	(void)prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
	if (syscall(SYS_setresuid, c->uid[0], c->uid[1], c->uid[2]) < 0)
		return -errno;
	/* Leaving uid 0 emptied the sets already; otherwise narrow them. */
	err = caps_get_permitted(&prm);
	if (err < 0)
		return err;
	prm &= c->cap_prm;
	err = caps_set_effective(c->cap_eff & prm, prm);
	if (err < 0)
		return err;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -errno;
	return 0;
}

/* In the child: execvp() without its malloc. Returns the errno. */
static int exec_path(const char *file, char *const argv[], const char *path)
{
	char buf[PATH_MAX];
	int err = ENOENT;

	if (strchr(file, '/')) {
		execve(file, argv, environ);
		return errno;
	}
	while (path && *path) {
		size_t len = strcspn(path, ":");

		if (len + 1 + strlen(file) < sizeof(buf)) {
			memcpy(buf, len ? path : ".", len ? len : 1);
			buf[len ? len : 1] = '/';
			strcpy(buf + (len ? len : 1) + 1, file);
			execve(buf, argv, environ);
			/* as execvp: a file found but refused is the answer */
			if (errno != ENOENT && errno != ENOTDIR)
				err = errno;
		}
		path += len + (path[len] == ':');
	}
	return err;
}

static _Noreturn void child(const struct ids *c, char *const argv[],
			    const char *path, int go, int report)
{
	sigset_t none;
	char byte;
	int err, null;

	/* Nothing before syd remembers us: its reaper must know who we are. */
	if (read(go, &byte, 1) != 1)
		_exit(127);
	err = become(c);
	if (err == 0) {
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL); /* emulators block all */
		for (int sig = 1; sig < NSIG; sig++)
			signal(sig, SIG_DFL); /* syd ignores some */
		(void)setpgid(0, 0);
		null = open("/dev/null", O_RDONLY | O_CLOEXEC);
		if (null < 0 || dup2(null, STDIN_FILENO) < 0)
			err = -errno;
	}
	if (err == 0) {
		/* The report end as fd 3 (close-on-exec), then no other. */
		if (report != 3 && dup3(report, 3, O_CLOEXEC) < 0)
			err = -errno;
		report = 3;
		if (err == 0)
			(void)syscall(SYS_close_range, 4U, ~0U, 0U);
	}
	if (err == 0 && chdir("/") < 0)
		err = -errno;
	if (err == 0) {
		umask(077);
		err = -exec_path(argv[0], argv, path);
	}
	if (write(report, &err, sizeof(err)) < 0)
		_exit(127);
	_exit(127);
}

int cmd_exec_run(struct notif *n, const char *args)
{
	struct ids *c = calloc(1, sizeof(*c));
	char *copy = strdup(args), **argv = NULL, *path = NULL;
	int go[2] = { -1, -1 }, report[2] = { -1, -1 }, err, res = 0, slot;
	size_t argc = 1;
	pid_t pid;

	if (!c || !copy) {
		err = -ENOMEM;
		goto out;
	}
	for (const char *p = copy; *p; p++)
		argc += *p == SEP;
	argv = calloc(argc + 1, sizeof(*argv));
	if (!argv) {
		err = -ENOMEM;
		goto out;
	}
	argc = 0;
	for (char *p = copy, *end;; p = end + 1) {
		end = strchr(p, SEP);
		if (end)
			*end = '\0';
		argv[argc++] = p;
		if (!end)
			break;
	}
	if (!*argv[0]) {
		err = -EINVAL;
		goto out;
	}
	err = read_ids((pid_t)n->req->pid, c);
	if (err < 0)
		goto out;
	if (getenv("PATH")) {
		path = strdup(getenv("PATH"));
		if (!path) {
			err = -ENOMEM;
			goto out;
		}
	}
	if (pipe2(go, O_CLOEXEC) < 0 || pipe2(report, O_CLOEXEC) < 0) {
		err = -errno;
		goto out;
	}
	slot = reserve();
	if (slot < 0) {
		err = -EAGAIN;
		goto out;
	}
	pid = fork();
	if (pid < 0) {
		err = -errno;
		set_slot(slot, 0);
		goto out;
	}
	if (pid == 0) {
		close(go[1]);
		close(report[0]);
		child(c, argv, path ? path : "/usr/bin:/bin", go[0], report[1]);
	}
	close(go[0]);
	go[0] = -1;
	close(report[1]);
	report[1] = -1;
	set_slot(slot, pid);
	if (write(go[1], "", 1) != 1) {
		err = -errno;
		goto out;
	}
	/* EOF: the exec closed the report end. Else its errno. */
	if (read(report[0], &res, sizeof(res)) == (ssize_t)sizeof(res))
		err = res < 0 ? res : -EIO;
	else
		err = 0;
	log_msg(LOG_WARN,
		"pid %d: cmd/exec: %s outside the sandbox as uid %u: %s",
		(int)n->req->pid, argv[0], (unsigned)c->uid[1],
		err == 0 ? "running" : strerror(-err));
out:
	for (int i = 0; i < 2; i++) {
		if (go[i] >= 0)
			close(go[i]);
		if (report[i] >= 0)
			close(report[i]);
	}
	free(path);
	free(argv);
	free(copy);
	free(c);
	return err;
}
