/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Tracee memory access with process_vm_readv(2)/process_vm_writev(2), falling
 * back to /proc/PID/mem where those are missing, and credential reading from
 * /proc/TID/status. Strings are read a page at a time so an unmapped page
 * after the terminating NUL does not fail a valid path.
 */
#include "kernel/tracee.h"

#include "kernel/caps.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/kcmp.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#define PAGE 4096u

static int mem_fallback(pid_t pid, uint64_t addr, void *buf, size_t len,
			bool write)
{
	char path[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/mem", (int)pid);
	fd = open(path, (write ? O_WRONLY : O_RDONLY) | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? -ESRCH : -errno;
	n = write ? pwrite(fd, buf, len, (off_t)addr)
		  : pread(fd, buf, len, (off_t)addr);
	close(fd);
	if (n < 0)
		return errno == EIO ? -EFAULT : -errno;
	return (size_t)n == len ? 0 : -EFAULT;
}

/* Memory and /proc of a caller are syd's to touch (kernel/caps.h). */
int tracee_read(pid_t pid, uint64_t addr, void *buf, size_t len)
{
	struct iovec local = { buf, len };
	struct iovec remote = { (void *)(uintptr_t)addr, len };
	ssize_t n;
	int err;

	if (len == 0)
		return 0;
	priv_raise();
	n = process_vm_readv(pid, &local, 1, &remote, 1, 0);
	err = n < 0 ? errno : 0;
	if (n < 0 && err == ENOSYS) {
		err = mem_fallback(pid, addr, buf, len, false);
		priv_lower();
		return err;
	}
	priv_lower();
	if (n < 0)
		return -err;
	return (size_t)n == len ? 0 : -EFAULT;
}

ssize_t tracee_read_str(pid_t pid, uint64_t addr, char *buf, size_t size)
{
	size_t got = 0;

	if (addr == 0)
		return -EFAULT;
	while (got < size) {
		/* Never cross a page: the next one may be unmapped. */
		size_t chunk = PAGE - (size_t)((addr + got) % PAGE);
		char *nul;
		int err;

		if (chunk > size - got)
			chunk = size - got;
		err = tracee_read(pid, addr + got, buf + got, chunk);
		if (err < 0)
			return err;
		nul = memchr(buf + got, '\0', chunk);
		if (nul)
			return nul - buf;
		got += chunk;
	}
	return -ENAMETOOLONG;
}

int tracee_write(pid_t pid, uint64_t addr, const void *buf, size_t len)
{
	struct iovec local = { (void *)buf, len };
	struct iovec remote = { (void *)(uintptr_t)addr, len };
	ssize_t n;
	int err;

	if (len == 0)
		return 0;
	priv_raise();
	n = process_vm_writev(pid, &local, 1, &remote, 1, 0);
	err = n < 0 ? errno : 0;
	if (n < 0 && err == ENOSYS) {
		err = mem_fallback(pid, addr, (void *)buf, len, true);
		priv_lower();
		return err;
	}
	priv_lower();
	if (n < 0)
		return -err;
	return (size_t)n == len ? 0 : -EFAULT;
}

#ifndef PIDFD_THREAD
#define PIDFD_THREAD O_EXCL
#endif

/*
 * Each emulator thread keeps the pidfds of the threads it served last, as
 * a process's calls come in runs (pidfd_open() costs a new process about
 * 8 us here). A PIDFD_THREAD pidfd names one task for good: a reused
 * number belongs to a new struct pid, so a cached one reaches the thread
 * now holding TID or fails with ESRCH, never another process. Pool
 * threads unshare CLONE_FILES, so the fds go with a retiring thread's own
 * table.
 */
#define PIDFD_SLOTS 32
static __thread struct {
	pid_t tid; /* 0: empty */
	int fd;
} pidfds[PIDFD_SLOTS];

/*
 * Closing the pidfd of a task that is gone frees its pidfs inode, which
 * takes longer than the rest of a getfd: done after the answer, by
 * tracee_tidy().
 */
static __thread int stale[4];
static __thread unsigned nstale;

static void close_later(int fd)
{
	if (nstale < sizeof(stale) / sizeof(stale[0]))
		stale[nstale++] = fd;
	else
		close(fd);
}

void tracee_tidy(void)
{
	while (nstale > 0)
		close(stale[--nstale]);
}

/*
 * A pidfd for thread TID, to be cached under TID only when *CACHE says so.
 * Returns it or -1.
 */
static int open_pidfd(pid_t tid, bool *cache)
{
	int fd = (int)syscall(SYS_pidfd_open, tid, PIDFD_THREAD);
	pid_t tgid;

	*cache = true;
	if (fd >= 0 || errno != EINVAL)
		return fd;
	/*
	 * Before 6.9 pidfds name thread groups only, and pidfd_getfd()
	 * takes from the leader's fd table: right for TID only while it
	 * shares that table, and never to be cached under TID (its process
	 * outlives it, and the number may go to another process meanwhile).
	 */
	*cache = false;
	tgid = proc_tgid(tid);
	if (tgid <= 0 || (tgid != tid &&
			  syscall(SYS_kcmp, tid, tgid, KCMP_FILES, 0, 0) != 0))
		return -1;
	return (int)syscall(SYS_pidfd_open, tgid, 0);
}

int tracee_getfd(pid_t tid, int fd)
{
	unsigned slot = (unsigned)tid % PIDFD_SLOTS;
	int pidfd, ours, err;
	bool fresh, cache;

	if (tid <= 0)
		return -ESRCH;
	if (fd < 0)
		return -EBADF;
	/* Taking a caller's fd needs ptrace rights over it: syd's. */
	priv_raise();
	for (;;) {
		fresh = pidfds[slot].tid != tid;
		if (fresh) {
			pidfd = open_pidfd(tid, &cache);
			if (pidfd < 0) {
				priv_lower();
				return -ESRCH;
			}
			if (cache) {
				if (pidfds[slot].tid)
					close_later(pidfds[slot].fd);
				pidfds[slot].tid = tid;
				pidfds[slot].fd = pidfd;
			}
		} else {
			pidfd = pidfds[slot].fd;
			cache = true;
		}
		ours = (int)syscall(SYS_pidfd_getfd, pidfd, fd, 0);
		err = errno;
		if (!cache)
			close_later(pidfd);
		if (ours >= 0) {
			priv_lower();
			return ours;
		}
		if (err != ESRCH || fresh)
			break;
		/* The cached task is gone: TID may be a new one's now. */
		close_later(pidfds[slot].fd);
		pidfds[slot].tid = 0;
	}
	priv_lower();
	return err == EBADF ? -EBADF : -ESRCH;
}

/* Open /proc/PID/NAME for reading. Returns the fd, -ESRCH or -errno. */
static int proc_open(pid_t pid, const char *name)
{
	char path[64];
	int fd, err;

	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, name);
	priv_raise();
	fd = open(path, O_RDONLY | O_CLOEXEC);
	err = errno;
	priv_lower();
	if (fd < 0)
		return err == ENOENT ? -ESRCH : -err;
	return fd;
}

ssize_t proc_read_file(pid_t pid, const char *name, char *buf, size_t size)
{
	ssize_t n;
	int fd = proc_open(pid, name), err;

	if (fd < 0)
		return fd;
	n = read(fd, buf, size - 1);
	err = errno;
	close(fd);
	if (n <= 0)
		return n < 0 ? -err : -ESRCH;
	buf[n] = '\0';
	return n;
}

pid_t proc_tgid(pid_t tid)
{
	char buf[1024], *p;

	if (proc_read_file(tid, "status", buf, sizeof(buf)) < 0)
		return -ESRCH;
	p = strstr(buf, "\nTgid:");
	return p ? (pid_t)strtol(p + 6, NULL, 10) : -ESRCH;
}

/*
 * The parent of PID and its start time (clock ticks since boot), from
 * /proc/PID/stat. The name field may hold any byte, ')' and spaces too:
 * the fields after it start at its last ')'.
 */
static int proc_parent(pid_t pid, pid_t *ppid, unsigned long long *start)
{
	char buf[1024], *p;
	unsigned long long v = 0;
	long pp;
	int field;

	if (proc_read_file(pid, "stat", buf, sizeof(buf)) < 0)
		return -ESRCH;
	p = strrchr(buf, ')');
	if (!p || p[1] != ' ')
		return -EINVAL;
	p += 2;
	/* Field 3 is the state; 4 the parent; 22 the start time. */
	for (field = 3; field < 22; field++) {
		p = strchr(p, ' ');
		if (!p)
			return -EINVAL;
		p++;
		if (field == 3) {
			pp = strtol(p, NULL, 10);
			*ppid = (pid_t)pp;
		}
	}
	v = strtoull(p, NULL, 10);
	*start = v;
	return 0;
}

int proc_descends_from(pid_t pid, pid_t ancestor)
{
	unsigned long long child_start = ~0ULL, start;
	pid_t ppid;

	/*
	 * Each step reads a parent by number; that number may have been
	 * reused since by an unrelated process. A parent is never younger
	 * than its child, so a younger "parent" ends the walk: the real one
	 * is gone, and what the chain says after it proves nothing.
	 */
	for (int depth = 0; depth < 4096; depth++) {
		if (pid == ancestor)
			return depth > 0;
		if (pid <= 1)
			return 0;
		if (proc_parent(pid, &ppid, &start) < 0 || start > child_start)
			return 0;
		child_start = start;
		pid = ppid;
	}
	return 0;
}

/*
 * All of /proc/PID/NAME, in a buffer to free(): the status of a process in
 * thousands of groups is far longer than a page. Returns it with *LEN, or
 * NULL with *LEN a -errno.
 */
static char *proc_read_all(pid_t pid, const char *name, ssize_t *len)
{
	size_t size = 4096, got = 0;
	char *buf = NULL, *bigger;
	int fd = proc_open(pid, name);
	ssize_t n;

	if (fd < 0) {
		*len = fd;
		return NULL;
	}
	for (;;) {
		if (got + 1 >= size || !buf) {
			/* 1 MiB holds NGROUPS_MAX groups of any size. */
			if (buf)
				size *= 2;
			bigger = size <= (1u << 20) ? realloc(buf, size) : NULL;
			if (!bigger) {
				*len = -ENOMEM;
				break;
			}
			buf = bigger;
		}
		n = read(fd, buf + got, size - 1 - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			*len = n < 0 ? -errno : (got ? (ssize_t)got : -ESRCH);
			break;
		}
		got += (size_t)n;
	}
	close(fd);
	if (*len < 0) {
		free(buf);
		return NULL;
	}
	buf[got] = '\0';
	return buf;
}

/* The hexadecimal mask after "NAME:\t" in a status text, or 0. */
static uint64_t status_mask(const char *text, const char *name)
{
	const char *p = strstr(text, name);

	return p ? strtoull(p + strlen(name), NULL, 16) : 0;
}

/*
 * Of the signals SIGS, those every thread of TGID but TID blocks (or
 * cannot take: it is exiting). A thread whose status cannot be read
 * counts as taking them all: the answer errs towards "someone else".
 */
static uint64_t blocked_by_others(pid_t tgid, pid_t tid, uint64_t sigs)
{
	char name[64];
	struct dirent *de;
	DIR *dir;
	int fd = proc_open(tgid, "task");

	if (fd < 0)
		return 0;
	dir = fdopendir(fd);
	if (!dir) {
		close(fd);
		return 0;
	}
	for (;;) {
		long other;
		ssize_t n;
		char *buf, *state;

		errno = 0;
		if (!sigs || !(de = readdir(dir))) {
			/* A list read only in part proves nothing. */
			if (errno)
				sigs = 0;
			break;
		}
		other = strtol(de->d_name, NULL, 10);
		if (other <= 0 || other == (long)tid)
			continue;
		snprintf(name, sizeof(name), "task/%ld/status", other);
		buf = proc_read_all(tgid, name, &n);
		if (!buf) {
			if (n != -ESRCH) /* gone meanwhile: takes nothing */
				sigs = 0;
			continue;
		}
		state = strstr(buf, "\nState:\t");
		if (!state || (state[8] != 'Z' && state[8] != 'X'))
			sigs &= status_mask(buf, "\nSigBlk:");
		free(buf);
	}
	closedir(dir);
	return sigs;
}

int proc_signal_pending(pid_t tid)
{
	uint64_t pending, shared, blocked, ignored;
	ssize_t n;
	char *buf = proc_read_all(tid, "status", &n), *p;
	pid_t tgid = -1;

	if (!buf)
		return (int)n;
	/*
	 * One sent to the thread (SigPnd) always wakes it. One sent to the
	 * process (ShdPnd) wakes one thread: the leader, unless it blocks
	 * the signal (then one of the kernel's choosing) or has a signal
	 * pending already (which woke it). The thread woken keeps its
	 * TIF_SIGPENDING until it runs, so only it may be answered
	 * -ERESTARTSYS: another would see errno 512 itself. So a process's
	 * signal counts for the leader, and for another thread only when
	 * every other thread blocks it: then the kernel had no other choice.
	 */
	pending = status_mask(buf, "\nSigPnd:");
	shared = status_mask(buf, "\nShdPnd:");
	blocked = status_mask(buf, "\nSigBlk:");
	ignored = status_mask(buf, "\nSigIgn:");
	p = strstr(buf, "\nTgid:");
	if (p)
		tgid = (pid_t)strtol(p + 6, NULL, 10);
	free(buf);
	shared &= ~blocked & ~ignored;
	if (tgid == tid)
		pending |= shared;
	else if (shared && tgid > 0)
		pending |= blocked_by_others(tgid, tid, shared);
	return (pending & ~blocked & ~ignored) != 0;
}

/* Parse the numbers of a "Groups:" line at P into C. */
static int parse_groups(const char *p, struct tracee_creds *c)
{
	const char *q = p;
	char *end;
	size_t n = 0;

	for (;; q = end, n++) {
		strtoul(q, &end, 10);
		if (end == q)
			break;
	}
	c->groups = n ? calloc(n, sizeof(*c->groups)) : NULL;
	if (n && !c->groups)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++, p = end)
		c->groups[i] = (gid_t)strtoul(p, &end, 10);
	c->ngroups = (int)n;
	return 0;
}

int tracee_creds(pid_t tid, struct tracee_creds *c)
{
	char *buf, *line, *save = NULL;
	unsigned long r, e, s, fs;
	unsigned found = 0;
	ssize_t n;
	int err = 0;

	memset(c, 0, sizeof(*c));
	buf = proc_read_all(tid, "status", &n);
	if (!buf)
		return (int)n;
	for (line = strtok_r(buf, "\n", &save); line && err == 0;
	     line = strtok_r(NULL, "\n", &save)) {
		if (sscanf(line, "Uid: %lu %lu %lu %lu", &r, &e, &s, &fs) ==
		    4) {
			c->ruid = (uid_t)r;
			c->euid = (uid_t)e;
			c->suid = (uid_t)s;
			c->fsuid = (uid_t)fs;
			found |= 1;
		} else if (sscanf(line, "Gid: %lu %lu %lu %lu", &r, &e, &s,
				  &fs) == 4) {
			c->rgid = (gid_t)r;
			c->egid = (gid_t)e;
			c->sgid = (gid_t)s;
			c->fsgid = (gid_t)fs;
			found |= 2;
		} else if (sscanf(line, "Umask: %lo", &r) == 1) {
			c->umask = (mode_t)r;
			found |= 4;
		} else if (sscanf(line, "CapPrm: %lx", &r) == 1) {
			c->cap_prm = r;
			found |= 16;
		} else if (sscanf(line, "CapEff: %lx", &r) == 1) {
			c->cap_eff = r;
			found |= 32;
		} else if (!strncmp(line, "Groups:", 7) && !(found & 8)) {
			err = parse_groups(line + 7, c);
			found |= 8;
		}
	}
	free(buf);
	/* A truncated or unexpected status file must not pass as root. */
	if (err == 0 && found != 63)
		err = -EPROTO;
	if (err < 0)
		tracee_creds_fini(c);
	return err;
}

void tracee_creds_fini(struct tracee_creds *c)
{
	free(c->groups);
	c->groups = NULL;
	c->ngroups = 0;
}
