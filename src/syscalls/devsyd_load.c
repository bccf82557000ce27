/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * load/FD through /dev/syd (syd(2); esyd's "load FD", libsyd's
 * syd_load()): syd reads the commands from the caller's own fd FD and
 * applies them all or none (config_load_runtime()). The fd is taken with
 * pidfd_getfd(2): its open file, opened by the caller with its own
 * rights, is what is read, so syd opens nothing for it; and it is read
 * before the sandbox's lock is taken, so a pipe that never ends stalls
 * no other call.
 */
#include "syscalls/devsyd.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/config.h"
#include "log.h"
#include "supervise/supervisor.h"

/* Most read from the fd, as a .syd-3 file (config/load.c). */
#define LOAD_MAX (1u << 20)

/*
 * All of FD into *BUF (malloc'd), *LEN bytes. Returns 0, -EFBIG past
 * LOAD_MAX, -ENOMEM, or the -errno of a read (-EINTR undone: the caller
 * decides).
 */
static int read_text(int fd, char **buf, size_t *len)
{
	char *p = malloc(LOAD_MAX + 1);
	size_t got = 0;

	*buf = NULL;
	if (!p)
		return -ENOMEM;
	for (;;) {
		ssize_t n = read(fd, p + got, LOAD_MAX + 1 - got);

		if (n < 0) {
			int err = -errno;

			free(p);
			return err;
		}
		if (n == 0)
			break;
		got += (size_t)n;
		if (got > LOAD_MAX) {
			free(p);
			return -EFBIG;
		}
	}
	*buf = p;
	*len = got;
	return 0;
}

/*
 * The caller's fd NUM read whole: a file or a pipe only. What a read of
 * anything else does depends on who reads (a signalfd gives the reading
 * thread's signals, syd's here), or has other effects than reading. A
 * pipe may keep syd waiting: the wait is announced (notif_may_block()),
 * so it is cut short when the caller dies or takes a signal. Returns 0
 * or -errno (-ERESTARTSYS; -EINVAL for another kind of file).
 */
static int read_callers_fd(struct notif *n, int num, char **buf, size_t *len)
{
	struct stat st;
	int fd = tracee_getfd(n->req->pid, num), err;
	bool pipe;

	if (fd < 0)
		return fd; /* -EBADF: no such fd; -ESRCH: gone */
	if (fstat(fd, &st) < 0 ||
	    (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode))) {
		close(fd);
		return -EINVAL;
	}
	pipe = S_ISFIFO(st.st_mode);
	if (pipe)
		notif_may_block(n);
	err = read_text(fd, buf, len);
	if (pipe && notif_unblocked(n) && err == -EINTR)
		err = -ERESTARTSYS;
	close(fd);
	return err;
}

long devsyd_load(struct notif *n, const char *arg)
{
	struct config_err cerr = { .msg = "" };
	uint64_t num;
	struct config c;
	char what[32], *text = NULL;
	size_t len = 0;
	long ret;

	/*
	 * Nothing of the caller's is touched (its fd's offset) unless the
	 * lock lets it load: ENOENT when /dev/syd is hidden from it, before
	 * anything else is looked at (a hidden interface answers nothing
	 * else), EPERM when only queries are left.
	 */
	sandbox_rdlock(n->sb);
	ret = !devsyd_reaches(n, n->sb->lock_state)  ? -ENOENT
	      : n->sb->lock_state >= LOCK_STATE_READ ? -EPERM
						     : 0;
	sandbox_unlock(n->sb);
	if (ret < 0)
		return ret;
	if (parse_u64(arg, 10, INT32_MAX, &num) < 0)
		return -EINVAL;
	ret = read_callers_fd(n, (int)num, &text, &len);
	if (ret < 0)
		return ret;
	snprintf(what, sizeof(what), "load/%d", (int)num);
	sandbox_wrlock(n->sb);
	/* The lock may have moved while the fd was read. */
	if (!devsyd_reaches(n, n->sb->lock_state)) {
		ret = -ENOENT;
	} else {
		config_init(&c, n->sb);
		ret = config_load_runtime(&c, text, len, what, n->sb->hooked,
					  &cerr);
	}
	sandbox_unlock(n->sb);
	free(text);
	if (ret < 0 && ret != -ENOENT)
		log_msg(LOG_WARN, "pid %d: %s", (int)n->req->pid, cerr.msg);
	else if (ret == 0)
		log_msg(LOG_INFO, "pid %d: /dev/syd/%s: %zu bytes",
			(int)n->req->pid, what, len);
	return ret;
}
