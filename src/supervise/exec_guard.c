/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The exec guard's decision at PTRACE_EVENT_EXEC (see trace.h). The check
 * at execve entry decided the path the caller gave; between it and the
 * kernel's own lookup another thread may swap that path, and what the
 * kernel then loads is more than the file named: a script's interpreter,
 * an ELF's program interpreter. Here the process is stopped after the
 * load and before its first instruction, so what is decided is exactly
 * what runs: the executable as /proc/PID/exe names it, and every file
 * mapped into the new image (at this point: the ELF interpreter; the
 * kernel maps nothing else from files), by their names in syd's view.
 */
#include "supervise/trace.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <fcntl.h>
#include <unistd.h>

#include "kernel/caps.h"
#include "kernel/elf.h"
#include "kernel/ldso.h"
#include "log.h"
#include "policy/decide.h"
#include "policy/exec_image.h"
#include "policy/force.h"
#include "resolve/resolve.h"
#include "supervise/supervisor.h"
#include "syscalls/fstype.h"
#include "syscalls/trust.h"

/*
 * Decide NAME as an exec of PID: each step logged. Returns true when it
 * may run. The exit and panic actions end syd here.
 */
static bool allowed(struct supervisor *sv, pid_t pid, const char *name)
{
	struct decision d;

	decide_path(sv->sb, name, strlen(name), CAT_BIT(CAT_EXEC), &d);
	for (size_t i = 0; i < d.n; i++) {
		const struct decide_step *s = &d.step[i];
		struct log_access a = { .pid = pid,
					.sys = "exec",
					.cap = s->cat,
					.act = s->act,
					.path = name,
					.err = action_allows(s->act)
						       ? 0
						       : -s->err };

		log_access(&a);
		if (action_allows(s->act))
			continue;
		if (s->act == ACTION_EXIT || s->act == ACTION_PANIC)
			supervisor_abort(sv,
					 s->act == ACTION_EXIT ? -s->err : 127);
		/*
		 * deny, kill, abort, stop: the image has loaded, so no
		 * errno can be returned and it may not run a single
		 * instruction.
		 */
		return false;
	}
	return true;
}

/*
 * The name of what LINK (a magic link of PID's) links to, in NAME: its
 * path, the one it had if unlinked since. Anything else (no path, a name
 * that is not the object's here, an error) leaves nothing to decide on:
 * false, logged.
 */
static bool image_name(pid_t pid, const char *link, char *name)
{
	int err = resolve_link_name(link, name);

	if (err == 0)
		return true;
	if (err != -ESRCH)
		log_msg(LOG_WARN,
			"exec of process %d refused: %s names no file here "
			"(%s)",
			(int)pid, link, err > 0 ? "no path" : strerror(-err));
	return false;
}

/*
 * One line of /proc/PID/maps: the mapped file's device and inode and its
 * name, into NAME (PATH_MAX bytes). The kernel writes a newline in a name
 * as "\\012" and nothing else escaped, so "\\012" is read back as one;
 * a name that really had those four characters then names another file,
 * which the identity check refuses. Returns 1 for a file, 0 for a line
 * with none (anonymous, [stack], [vdso]), -EINVAL for a line not read.
 */
static int map_line(const char *line, dev_t *dev, ino_t *ino, char *name)
{
	unsigned maj, min;
	unsigned long long inode;
	const char *p;
	size_t n = 0;
	int off = 0;

	if (sscanf(line, "%*x-%*x %*s %*x %x:%x %llu %n", &maj, &min, &inode,
		   &off) != 3 ||
	    off == 0)
		return -EINVAL;
	p = line + off;
	if (inode == 0 || *p != '/')
		return 0;
	for (; *p && *p != '\n'; p++) {
		char c = *p;

		if (!strncmp(p, "\\012", 4)) {
			c = '\n';
			p += 3;
		}
		if (n + 1 >= PATH_MAX)
			return -EINVAL;
		name[n++] = c;
	}
	name[n] = '\0';
	*dev = makedev(maj, min);
	*ino = (ino_t)inode;
	return 1;
}

/*
 * NAME (from maps, its " (deleted)" cut off when DELETED) may be decided
 * on only when it names, in syd's view, the file mapped (DEV, INO); one
 * unlinked since keeps the name it had.
 */
static bool names_mapped(pid_t pid, const char *name, bool deleted, dev_t dev,
			 ino_t ino)
{
	struct stat st;
	int err = 0;

	if (deleted)
		return true;
	priv_raise();
	if (stat(name, &st) < 0)
		err = errno;
	priv_lower();
	if (err == 0 && st.st_dev == dev && st.st_ino == ino)
		return true;
	log_msg(LOG_WARN,
		"exec of process %d refused: the mapped file named %s is "
		"not that file here",
		(int)pid, name);
	return false;
}

/* A refusal decided outside the rule lists, logged as one. */
static void refused(pid_t pid, const char *exe, enum cat cat, enum action act,
		    const char *msg, const char *tip)
{
	struct log_access a = { .pid = pid,
				.sys = "exec",
				.cap = cat,
				.act = act,
				.path = exe,
				.msg = msg,
				.tip = tip,
				.err = action_allows(act) ? 0 : EACCES };

	log_access(&a);
}

/*
 * What the executable itself is and whose it is (the checks made at
 * execve entry on the file named, again on the file loaded, FD read from
 * /proc/PID/exe, ST its stat): the image (non-PIE, executable stack,
 * trace/deny_*), TPE and SegvGuard, Force. Returns true when it may run.
 */
static bool trusted(struct supervisor *sv, pid_t pid, const char *exe, int fd,
		    const struct stat *st)
{
	struct sandbox *sb = sv->sb;
	struct trust_verdict v;
	struct elf_info e;
	enum exec_refusal r;
	enum action act;
	bool ldso;
	char tip[FORCE_TIP_MAX];

	if (elf_read_fd(fd, &e) < 0) {
		refused(pid, exe, CAT_EXEC, ACTION_KILL,
			"an executable syd cannot read as ELF", "");
		return false;
	}
	sandbox_rdlock(sb);
	r = exec_image_verdict(&e, sb);
	ldso = !sb->trace[TRACE_ALLOW_UNSAFE_LDSO] && ldso_is(st);
	sandbox_unlock(sb);
	if (r == EXEC_REFUSAL_NONE && ldso) {
		refused(pid, exe, CAT_EXEC, ACTION_KILL, EXEC_LDSO_WHAT,
			EXEC_LDSO_TIP);
		return false;
	}
	if (r != EXEC_REFUSAL_NONE) {
		refused(pid, exe, CAT_EXEC, ACTION_KILL,
			exec_image_refusal_what(r), exec_image_refusal_tip(r));
		return false;
	}
	if (trust_decide(sb, pid, exe, st, &v) < 0) {
		refused(pid, exe, CAT_TPE, ACTION_KILL,
			"the facts TPE needs could not be read", "");
		return false;
	}
	for (size_t i = 0; i < v.n; i++)
		refused(pid, exe, v.step[i].cat, v.step[i].act, NULL,
			v.step[i].tip);
	if (trust_refuses(&v))
		return false;
	(void)force_check(sb, exe, fd, &act, tip, sizeof(tip));
	if (act != ACTION_ALLOW)
		refused(pid, exe, CAT_FORCE, act, NULL, tip[0] ? tip : NULL);
	return action_allows(act);
}

bool exec_guard(struct supervisor *sv, pid_t pid, char *exe)
{
	char link[64], line[PATH_MAX + 128];
	char name[PATH_MAX], last[PATH_MAX] = "";
	bool rules = decide_restricts(sv->sb, CAT_EXEC);
	struct stat st;
	FILE *f;
	bool ok = true;
	int fd;

	snprintf(link, sizeof(link), "/proc/%d/exe", (int)pid);
	if (!image_name(pid, link, exe)) {
		exe[0] = '\0';
		return false;
	}
	if (rules && !allowed(sv, pid, exe))
		return false;
	/*
	 * The loaded file itself, from the link: readable by syd, whose
	 * rights the tracer has (priv_raise), whatever the file's mode.
	 */
	priv_raise();
	fd = open(link, O_RDONLY | O_CLOEXEC);
	priv_lower();
	if (fd < 0 || fstat(fd, &st) < 0) {
		log_msg(LOG_WARN, "exec of process %d refused: %s: %s",
			(int)pid, link, strerror(errno));
		if (fd >= 0)
			close(fd);
		return false;
	}
	ok = fs_exec_allowed(sv->sb, pid, exe, fd) &&
	     trusted(sv, pid, exe, fd, &st);
	close(fd);
	if (!ok || !rules)
		return ok;
	/*
	 * maps, not map_files: reading a map_files link's target takes
	 * CAP_CHECKPOINT_RESTORE, and the identity check needs the inode
	 * number maps gives. At this stop the kernel has mapped the
	 * executable and its interpreter only.
	 */
	snprintf(link, sizeof(link), "/proc/%d/maps", (int)pid);
	priv_raise();
	f = fopen(link, "re");
	priv_lower();
	if (!f) {
		log_msg(LOG_WARN, "exec of process %d refused: %s: %s",
			(int)pid, link, strerror(errno));
		return false;
	}
	while (ok && fgets(line, sizeof(line), f)) {
		dev_t dev;
		ino_t ino;
		size_t len;
		bool deleted;
		int r = map_line(line, &dev, &ino, name);

		if (r == 0)
			continue;
		if (r < 0 || !strchr(line, '\n')) {
			log_msg(LOG_WARN,
				"exec of process %d refused: %s unreadable",
				(int)pid, link);
			ok = false;
			break;
		}
		len = strlen(name);
		deleted = strip_deleted(name, &len);
		/* Each segment of a file has a line: decided once. */
		if (!strcmp(name, exe) || !strcmp(name, last))
			continue;
		ok = names_mapped(pid, name, deleted, dev, ino) &&
		     allowed(sv, pid, name);
		strcpy(last, name);
	}
	fclose(f);
	return ok;
}
