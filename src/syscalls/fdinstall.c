/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Handing an fd syd opened over to the caller: the one place where
 * trace/force_cloexec and trace/force_rand_fd act, so every emulated call
 * that makes an fd (the open family, memfd_create, inotify_init) gets
 * them alike. force_cloexec: the fd never outlives an exec, whatever the
 * caller asked, so a program it runs cannot inherit a file by oversight.
 * force_rand_fd: the fd gets a random free number below the caller's
 * RLIMIT_NOFILE instead of the lowest free one (POSIX's rule, given up),
 * so code that guesses or reuses fd numbers (a use after close, an
 * exploit's "fd 3 is the socket") misses. fds the kernel makes itself
 * (socket, accept, pipe, dup, ...) are not syd's to number.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kernel/caps.h"
#include "kernel/notify.h"
#include "kernel/tracee.h"
#include "sandbox.h"
#include "syscalls/common.h"

/*
 * The numbers drawn from: the soft RLIMIT_NOFILE, at most this many. The
 * kernel sizes a process's fd table (and each fork's copy) to its highest
 * fd, so a number near a limit of a million costs megabytes per process.
 */
#define RAND_FD_SPAN 65536

/*
 * A number picked and not yet installed. Two emulator threads serving two
 * threads of one process (one fd table) could both find the same number
 * free; the second install would then replace the first thread's new fd.
 * Every pick skips the numbers in flight, for any process: simpler than
 * per-table sets, and the numbers skipped are a handful among thousands.
 */
struct in_flight {
	struct in_flight *next;
	int fd;
};

static pthread_mutex_t flight_lock = PTHREAD_MUTEX_INITIALIZER;
static struct in_flight *flights;

static bool flying(int fd)
{
	for (const struct in_flight *f = flights; f; f = f->next)
		if (f->fd == fd)
			return true;
	return false;
}

static void land(struct in_flight *me)
{
	pthread_mutex_lock(&flight_lock);
	for (struct in_flight **p = &flights; *p; p = &(*p)->next)
		if (*p == me) {
			*p = me->next;
			break;
		}
	pthread_mutex_unlock(&flight_lock);
}

/*
 * The soft RLIMIT_NOFILE of thread TID, from /proc (anyone may read it;
 * prlimit(2) on a process of other ids needs CAP_SYS_RESOURCE), capped at
 * RAND_FD_SPAN. Returns it, or -ESRCH.
 */
static long nofile_span(pid_t tid)
{
	static const char key[] = "\nMax open files";
	char buf[2048], *p;
	long soft;

	if (proc_read_file(tid, "limits", buf, sizeof(buf)) < 0)
		return -ESRCH;
	p = strstr(buf, key);
	if (!p)
		return -ESRCH;
	p += strlen(key);
	while (*p == ' ')
		p++;
	if (!strncmp(p, "unlimited", 9))
		return RAND_FD_SPAN;
	soft = strtol(p, NULL, 10);
	return soft > RAND_FD_SPAN ? RAND_FD_SPAN : soft;
}

/*
 * Is NR free in the fd table of the thread whose /proc/TID/fd is DIRFD?
 * 1, 0, or -errno: a table that cannot be read is no table to guess in.
 */
static int fd_free(int dirfd, int nr)
{
	char name[16];
	struct stat st;

	snprintf(name, sizeof(name), "%d", nr);
	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0)
		return 0;
	return errno == ENOENT ? 1 : -errno;
}

/*
 * Pick a free number for the caller's next fd and put it in flight (ME):
 * a random start, then upwards (wrapping) to the first number that is
 * free and not in flight. Returns the number, -EMFILE when every number
 * below the limit is taken, -ESRCH (the caller is gone) or -errno.
 */
static int pick(pid_t tid, struct in_flight *me)
{
	char path[64];
	unsigned r = 0;
	long span = nofile_span(tid);
	ssize_t got;
	int dirfd, nr = -EMFILE, err;

	if (span <= 0)
		return span < 0 ? (int)span : -EMFILE;
	got = getrandom(&r, sizeof(r), 0);
	if (got != (ssize_t)sizeof(r))
		return got < 0 ? -errno : -EIO;
	snprintf(path, sizeof(path), "/proc/%d/fd", (int)tid);
	/* A caller that changed its ids lets only ptrace access see this. */
	priv_raise();
	dirfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	err = errno;
	if (dirfd < 0) {
		priv_lower();
		return err == ENOENT ? -ESRCH : -err;
	}
	pthread_mutex_lock(&flight_lock);
	for (long i = 0; i < span; i++) {
		int cand = (int)((r + (unsigned long)i) % (unsigned long)span);

		if (flying(cand))
			continue;
		err = fd_free(dirfd, cand);
		if (err == 0)
			continue;
		nr = err < 0 ? err : cand;
		break;
	}
	if (nr >= 0) {
		me->fd = nr;
		me->next = flights;
		flights = me;
	}
	pthread_mutex_unlock(&flight_lock);
	priv_lower();
	close(dirfd);
	return nr;
}

int notif_install_fd(struct notif *n, int srcfd, bool cloexec)
{
	struct in_flight me;
	int nr, err;

	cloexec |= n->sb->trace[TRACE_FORCE_CLOEXEC];
	if (!n->sb->trace[TRACE_FORCE_RAND_FD])
		return notify_addfd_send(n->listener, n->req->id, srcfd,
					 cloexec);
	nr = pick(n->req->pid, &me);
	if (nr < 0)
		return nr;
	/*
	 * SETFD replaces what is at NR, as dup2(2) does, and NR was free
	 * when looked at: only the caller's own threads can have taken it
	 * since (an open the kernel made, a dup2 of their own). Their fd is
	 * then closed and NR names the file syd opened for this call: harm
	 * the process could do to itself with dup2(2), never to another,
	 * and no file it was not given. Numbers syd installs are in flight.
	 */
	err = notify_addfd_send_at(n->listener, n->req->id, srcfd, cloexec, nr);
	land(&me);
	/* NR not below the limit: the caller lowered it meanwhile. */
	return err == -EBADF ? -EMFILE : err;
}
