/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The inotify relay (relay.h). The relay thread has an fd table of its
 * own, like every emulator: it holds each instance's real inotify fd,
 * syd's end of the caller's socketpair and an O_PATH fd per watched
 * object. Emulators hand fds in over a control socket (SCM_RIGHTS) and
 * get the real instance back the same way (relay_instance()).
 * Shared state (the registry of instances and their watch numbers) is
 * under one mutex, never held across anything that can block. The relay
 * decides events under the sandbox read lock; it never waits on a caller:
 * a caller's full socket stops the reading of that instance only, so the
 * kernel's own queue fills and overflows (IN_Q_OVERFLOW) as it would.
 */
#include "supervise/relay.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/inotify.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "policy/decide.h"

/* What one read of an instance takes: 15 events of the longest name. */
#define RELAY_BUF 4096
/* How soon an instance waiting for an emulator's hand-over is retried. */
#define RETRY_MS 5

enum op {
	OP_NEW, /* fds: the real instance, syd's end */
	OP_WATCH, /* fd: the watched object (O_PATH) */
	OP_GET, /* fd: where to send the real instance back */
};

struct ctl_msg {
	uint32_t op;
	int32_t wd;
	uint64_t cookie;
};

/* A watch number and the relay's fd on its object (-1: not yet here). */
struct watch {
	int wd;
	int fd;
	bool dead; /* removed after a failed hand-over: drop its events */
};

/* Which of an instance's fds an epoll event is about. */
struct tag {
	struct inst *inst;
	bool sock;
};

enum state {
	INST_NEW, /* made by an emulator, not yet taken by the relay */
	INST_LIVE,
	INST_FAILED,
};

struct inst {
	/* Under R.lock. */
	struct inst *next;
	uint64_t cookie; /* SO_COOKIE of the caller's end: never reused */
	enum state state;
	int ifd, sfd; /* in the relay's table; -1 before live */
	struct watch *w; /* owned */
	size_t nw, cw;
	/* The relay's alone. */
	struct tag ti, ts;
	bool reading; /* EPOLLIN on ifd armed */
	bool full; /* the caller's socket was full: EPOLLOUT armed */
	bool waiting; /* an event's watch is not handed over yet */
	bool gone;
	struct inst *retry_next, *gone_next;
	size_t off, end; /* events read, not yet relayed: buf[off..end) */
	char buf[RELAY_BUF];
};

static struct {
	struct sandbox *sb;
	pthread_mutex_t lock;
	pthread_cond_t cond; /* an instance left INST_NEW */
	struct inst *all; /* the registry (lock) */
	int ctl; /* emulators' end of the control socket */
	int ctl_in; /* the relay's end (its table only, once started) */
	pid_t tid;
	bool enabled, running;
	/* syd's fds the relay holds, and the most it may */
	atomic_long used;
	long budget;
} R = { .lock = PTHREAD_MUTEX_INITIALIZER,
	.cond = PTHREAD_COND_INITIALIZER,
	.ctl = -1,
	.ctl_in = -1 };

/* Take N of the relay's fd budget: false when it is spent. */
static bool budget_take(long n)
{
	if (atomic_fetch_add(&R.used, n) + n <= R.budget)
		return true;
	atomic_fetch_sub(&R.used, n);
	return false;
}

static void budget_give(long n)
{
	atomic_fetch_sub(&R.used, n);
}

/* With R.lock held. */
static struct inst *find(uint64_t cookie)
{
	for (struct inst *i = R.all; i; i = i->next)
		if (i->cookie == cookie)
			return i;
	return NULL;
}

static struct watch *find_watch(struct inst *i, int wd)
{
	for (size_t k = 0; k < i->nw; k++)
		if (i->w[k].wd == wd)
			return &i->w[k];
	return NULL;
}

static int push_watch(struct inst *i, int wd, int fd, bool dead)
{
	if (i->nw == i->cw) {
		size_t c = i->cw ? i->cw * 2 : 8;
		struct watch *w = realloc(i->w, c * sizeof(*w));

		if (!w)
			return -ENOMEM;
		i->w = w;
		i->cw = c;
	}
	i->w[i->nw++] = (struct watch){ wd, fd, dead };
	return 0;
}

/* Forget WD of I (its IN_IGNORED was relayed), closing the relay's fd. */
static void drop_watch(struct inst *i, int wd)
{
	struct watch *w = find_watch(i, wd);

	if (!w)
		return;
	if (w->fd >= 0) {
		close(w->fd);
		budget_give(1);
	}
	*w = i->w[--i->nw];
}

/* M with NFDS fds (1 or 2) over SOCK, never waiting: 0 or -errno. */
static int send_msg(int sock, const struct ctl_msg *m, const int *fds, int nfds)
{
	union {
		char buf[CMSG_SPACE(2 * sizeof(int))];
		struct cmsghdr align;
	} u;
	struct iovec iov = { (void *)m, sizeof(*m) };
	struct msghdr h = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct cmsghdr *c;

	memset(&u, 0, sizeof(u));
	h.msg_control = u.buf;
	h.msg_controllen = CMSG_SPACE((size_t)nfds * sizeof(int));
	c = CMSG_FIRSTHDR(&h);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN((size_t)nfds * sizeof(int));
	memcpy(CMSG_DATA(c), fds, (size_t)nfds * sizeof(int));
	return sendmsg(sock, &h, MSG_DONTWAIT | MSG_NOSIGNAL) < 0 ? -errno : 0;
}

/*
 * To the relay. Never waits: senders hold R.lock, which the relay takes
 * to read this socket. Full means the relay is behind: the call fails.
 */
static int send_ctl(const struct ctl_msg *m, const int *fds, int nfds)
{
	int err = send_msg(R.ctl, m, fds, nfds);

	return err == -EAGAIN ? -ENOMEM : err;
}

int relay_add(uint64_t cookie, int ifd, int sfd)
{
	struct ctl_msg m = { OP_NEW, -1, cookie };
	int fds[2] = { ifd, sfd };
	struct inst *i;
	int err;

	if (!R.running)
		return -ENOSYS;
	if (!budget_take(2))
		return -EMFILE;
	i = calloc(1, sizeof(*i));
	if (!i) {
		budget_give(2);
		return -ENOMEM;
	}
	i->cookie = cookie;
	i->ifd = i->sfd = -1;
	pthread_mutex_lock(&R.lock);
	i->next = R.all;
	R.all = i;
	err = send_ctl(&m, fds, 2);
	/* The relay answers at once: it never waits on anything but us. */
	while (err == 0 && i->state == INST_NEW)
		pthread_cond_wait(&R.cond, &R.lock);
	if (err == 0 && i->state == INST_FAILED)
		err = -ENOMEM;
	if (err < 0) {
		struct inst **p = &R.all;

		while (*p != i)
			p = &(*p)->next;
		*p = i->next;
		free(i);
		budget_give(2);
	}
	pthread_mutex_unlock(&R.lock);
	return err;
}

/*
 * The real instance, from the relay's table into ours: sent back over a
 * socket made for the request (SCM_RIGHTS works on every kernel; taking
 * it with pidfd_getfd(2) from the relay thread would need PIDFD_THREAD,
 * Linux 6.9). The relay answers at once, or closes its end: EOF.
 */
int relay_instance(uint64_t cookie)
{
	struct ctl_msg m = { OP_GET, -1, cookie };
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	struct iovec iov = { &m, sizeof(m) };
	struct msghdr h = { .msg_iov = &iov,
			    .msg_iovlen = 1,
			    .msg_control = u.buf,
			    .msg_controllen = sizeof(u.buf) };
	struct cmsghdr *c;
	struct inst *i;
	int sp[2], fd = -EINVAL, err = 0;
	ssize_t n;

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sp) < 0)
		return -errno;
	pthread_mutex_lock(&R.lock);
	i = R.running ? find(cookie) : NULL;
	if (i && i->state == INST_LIVE)
		err = send_ctl(&m, &sp[1], 1);
	else
		err = -EINVAL;
	pthread_mutex_unlock(&R.lock);
	close(sp[1]);
	if (err < 0) {
		close(sp[0]);
		return err;
	}
	do
		n = recvmsg(sp[0], &h, MSG_CMSG_CLOEXEC);
	while (n < 0 && errno == EINTR);
	c = n > 0 ? CMSG_FIRSTHDR(&h) : NULL;
	if (c && c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS &&
	    c->cmsg_len == CMSG_LEN(sizeof(int)))
		memcpy(&fd, CMSG_DATA(c), sizeof(int));
	close(sp[0]);
	return fd;
}

int relay_watch(uint64_t cookie, int ifd, int wd, int dirfd)
{
	struct ctl_msg m = { OP_WATCH, wd, cookie };
	struct watch *w;
	struct inst *i;
	int err = 0;

	pthread_mutex_lock(&R.lock);
	i = find(cookie);
	w = i ? find_watch(i, wd) : NULL;
	/*
	 * Gone meanwhile (the caller closed it: nobody reads), or a watch
	 * the relay has, its mask changed: nothing to hand over.
	 */
	if (!i || (w && !w->dead))
		goto out;
	if (w)
		*w = i->w[--i->nw]; /* a number given out again */
	if (!budget_take(1)) {
		err = -ENOSPC;
	} else if ((err = push_watch(i, wd, -1, false)) < 0) {
		budget_give(1);
	} else if ((err = send_ctl(&m, &dirfd, 1)) < 0) {
		i->nw--;
		budget_give(1);
	}
	if (err < 0) {
		/*
		 * Events of the watch may already be queued: they are dropped
		 * (dead) until its IN_IGNORED, which this removal queues.
		 */
		inotify_rm_watch(ifd, wd);
		if (push_watch(i, wd, -1, true) < 0)
			log_msg(LOG_WARN,
				"inotify relay: watch %d of an "
				"instance lost: its events wait",
				wd);
	}
out:
	pthread_mutex_unlock(&R.lock);
	return err;
}

/*
 * The relay thread's side.
 */

static int ep = -1;
static struct inst *retry_list, *gone_list;
static long long retry_at; /* when retry_list is tried again */

static long long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void arm(struct inst *i)
{
	struct epoll_event e = { .events = i->reading ? EPOLLIN : 0,
				 .data.ptr = &i->ti };

	(void)epoll_ctl(ep, EPOLL_CTL_MOD, i->ifd, &e);
	e = (struct epoll_event){ .events = i->full ? EPOLLOUT : 0,
				  .data.ptr = &i->ts };
	/* EPOLLHUP and EPOLLERR come whatever is asked. */
	(void)epoll_ctl(ep, EPOLL_CTL_MOD, i->sfd, &e);
}

/* An instance handed in (OP_NEW): serve it, or say it failed. */
static void take(struct inst *i, const int *fds, int nfds)
{
	struct epoll_event e = { 0 };

	if (nfds != 2 || i->state != INST_NEW)
		goto fail;
	i->ifd = fds[0];
	i->sfd = fds[1];
	i->ti = (struct tag){ i, false };
	i->ts = (struct tag){ i, true };
	i->reading = true;
	e.events = EPOLLIN;
	e.data.ptr = &i->ti;
	if (epoll_ctl(ep, EPOLL_CTL_ADD, i->ifd, &e) < 0)
		goto fail;
	e.events = 0;
	e.data.ptr = &i->ts;
	if (epoll_ctl(ep, EPOLL_CTL_ADD, i->sfd, &e) < 0) {
		epoll_ctl(ep, EPOLL_CTL_DEL, i->ifd, NULL);
		goto fail;
	}
	i->state = INST_LIVE;
	return;
fail:
	for (int k = 0; k < nfds; k++)
		close(fds[k]);
	if (i->state == INST_NEW)
		i->state = INST_FAILED;
	i->ifd = i->sfd = -1;
}

/* With R.lock held: take in every message emulators sent. */
static void drain(void)
{
	for (;;) {
		union {
			char buf[CMSG_SPACE(2 * sizeof(int))];
			struct cmsghdr align;
		} u;
		struct ctl_msg m;
		struct iovec iov = { &m, sizeof(m) };
		struct msghdr h = { .msg_iov = &iov,
				    .msg_iovlen = 1,
				    .msg_control = u.buf,
				    .msg_controllen = sizeof(u.buf) };
		int fds[2], nfds = 0;
		struct inst *i;
		ssize_t n;

		n = recvmsg(R.ctl_in, &h, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return;
		for (struct cmsghdr *c = CMSG_FIRSTHDR(&h); c;
		     c = CMSG_NXTHDR(&h, c)) {
			size_t k = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);

			if (c->cmsg_level != SOL_SOCKET ||
			    c->cmsg_type != SCM_RIGHTS || k > 2 ||
			    (size_t)nfds + k > 2)
				continue;
			memcpy(fds + nfds, CMSG_DATA(c), k * sizeof(int));
			nfds += (int)k;
		}
		i = n == (ssize_t)sizeof(m) ? find(m.cookie) : NULL;
		if (i && m.op == OP_NEW) {
			take(i, fds, nfds);
			pthread_cond_broadcast(&R.cond);
			continue;
		}
		if (i && m.op == OP_GET && nfds == 1) {
			/* Never waits: the asker's socket is new and empty. */
			if (i->state == INST_LIVE)
				(void)send_msg(fds[0], &m, &i->ifd, 1);
			close(fds[0]);
			continue;
		}
		if (i && m.op == OP_WATCH && nfds == 1) {
			struct watch *w = find_watch(i, m.wd);

			if (w && !w->dead && w->fd < 0) {
				w->fd = fds[0];
				continue;
			}
		}
		for (int k = 0; k < nfds; k++)
			close(fds[k]);
	}
}

/*
 * The path of the directory watched as WD, for an event naming an entry
 * of it, into PATH: false when there is none to decide on (a directory
 * removed, or out of syd's reach), which drops the event.
 */
static bool watched_path(int fd, char *path, size_t size)
{
	char link[64];
	struct stat st;
	ssize_t n;

	if (fstat(fd, &st) < 0 || st.st_nlink == 0)
		return false;
	snprintf(link, sizeof(link), "/proc/thread-self/fd/%d", fd);
	n = readlink(link, path, size - 1);
	if (n <= 0 || (size_t)n >= size - 1 || path[0] != '/')
		return false;
	path[n] = '\0';
	return true;
}

/*
 * Is the entry NAME of the directory at DIR hidden from the sandbox, as
 * a stat of it or a listing of DIR would have it: a walk or stat rule
 * hides it or a directory on the way (which no lookup passes: the watched
 * one may have moved under a hidden name), or a list rule refuses it.
 */
static bool hidden(const char *dir, const char *name, size_t nlen)
{
	char path[PATH_MAX];
	size_t dlen = strlen(dir), len;
	const struct rule *rule;
	bool hide = false;

	if (dlen == 1)
		dlen = 0; /* "/" */
	if (dlen + 1 + nlen >= sizeof(path))
		return true; /* too long to decide on: fail closed */
	memcpy(path, dir, dlen);
	path[dlen] = '/';
	memcpy(path + dlen + 1, name, nlen);
	len = dlen + 1 + nlen;
	path[len] = '\0';
	sandbox_rdlock(R.sb);
	for (size_t i = 1; i <= len && !hide; i++)
		if (i == len || path[i] == '/')
			hide = decide_hidden_by_rule(R.sb, path, i);
	if (!hide && sandbox_enabled(R.sb, CAT_LIST)) {
		enum action act =
			sandbox_check_path(R.sb, CAT_LIST, path, len, &rule);

		hide = rule && !action_allows(act);
	}
	sandbox_unlock(R.sb);
	return hide;
}

enum verdict {
	KEEP,
	DROP,
	WAIT, /* its watch is not handed over yet */
};

/* With R.lock held: relay the event EV of I, or not. */
static enum verdict judge(struct inst *i, const struct inotify_event *ev)
{
	char dir[PATH_MAX];
	struct watch *w;
	size_t nlen;

	if (ev->wd < 0)
		return KEEP; /* IN_Q_OVERFLOW: names nothing */
	w = find_watch(i, ev->wd);
	if (w && !w->dead && w->fd < 0) {
		drain(); /* sent before this event was queued */
		w = find_watch(i, ev->wd);
	}
	if (!w)
		/*
		 * Added, and its number not yet recorded: the emulator that
		 * added it is on its way (relay_watch()).
		 */
		return WAIT;
	if (w->dead || w->fd < 0)
		return DROP;
	nlen = strnlen(ev->name, ev->len);
	if (ev->len == 0 || nlen == 0)
		return KEEP; /* about the watched object itself */
	if (!watched_path(w->fd, dir, sizeof(dir)))
		return DROP;
	return hidden(dir, ev->name, nlen) ? DROP : KEEP;
}

enum pumped {
	PUMP_DONE,
	PUMP_FULL,
	PUMP_WAIT,
	PUMP_GONE,
};

/* Relay what I has read, from I->off. */
static enum pumped relay_events(struct inst *i)
{
	while (i->off < i->end) {
		const struct inotify_event *ev =
			(const void *)(i->buf + i->off);
		size_t size = sizeof(*ev) + ev->len;
		enum verdict v;

		if (i->end - i->off < sizeof(*ev) || size > i->end - i->off) {
			i->off = i->end; /* never from a kernel that works */
			break;
		}
		pthread_mutex_lock(&R.lock);
		v = judge(i, ev);
		pthread_mutex_unlock(&R.lock);
		if (v == WAIT)
			return PUMP_WAIT;
		if (v == KEEP &&
		    send(i->sfd, ev, size, MSG_DONTWAIT | MSG_NOSIGNAL) < 0) {
			if (errno == EAGAIN || errno == ENOBUFS)
				return PUMP_FULL;
			if (errno != EINTR)
				return PUMP_GONE;
			continue;
		}
		if (ev->mask & IN_IGNORED) {
			pthread_mutex_lock(&R.lock);
			drop_watch(i, ev->wd);
			pthread_mutex_unlock(&R.lock);
		}
		i->off += size;
	}
	return PUMP_DONE;
}

static void gone(struct inst *i)
{
	if (i->gone)
		return;
	i->gone = true;
	i->gone_next = gone_list;
	gone_list = i;
}

/*
 * Relay I's pending events, then one more read of its instance: one read
 * per turn, so that a busy instance does not starve the others (epoll is
 * level-triggered: it comes back).
 */
static void pump(struct inst *i)
{
	enum pumped p = relay_events(i);
	ssize_t n;

	if (p == PUMP_DONE) {
		n = read(i->ifd, i->buf, sizeof(i->buf));
		if (n > 0) {
			i->off = 0;
			i->end = (size_t)n;
			p = relay_events(i);
		}
	}
	switch (p) {
	case PUMP_GONE:
		gone(i);
		return;
	case PUMP_FULL:
		/* The kernel keeps queueing, up to max_queued_events. */
		i->full = true;
		i->reading = false;
		break;
	case PUMP_WAIT:
		i->reading = false;
		i->full = false;
		if (!i->waiting) {
			if (!retry_list)
				retry_at = now_ms() + RETRY_MS;
			i->waiting = true;
			i->retry_next = retry_list;
			retry_list = i;
		}
		break;
	default:
		i->full = false;
		i->reading = true;
		break;
	}
	arm(i);
}

/* The caller's last copy of its end is closed: the instance ends. */
static void end(struct inst *i)
{
	struct inst **p;

	pthread_mutex_lock(&R.lock);
	for (p = &R.all; *p && *p != i; p = &(*p)->next)
		;
	if (*p)
		*p = i->next;
	pthread_mutex_unlock(&R.lock);
	epoll_ctl(ep, EPOLL_CTL_DEL, i->ifd, NULL);
	epoll_ctl(ep, EPOLL_CTL_DEL, i->sfd, NULL);
	close(i->ifd);
	close(i->sfd);
	for (size_t k = 0; k < i->nw; k++) {
		if (i->w[k].fd >= 0) {
			close(i->w[k].fd);
			budget_give(1);
		}
	}
	budget_give(2);
	free(i->w);
	free(i);
}

/* Close every fd of this thread's table but stdio, the log's and KEEP. */
static void close_others(int keep)
{
	int k[3] = { 2, keep, log_fd() }, lo = 3;

	/* k sorted: three values, a small exchange sort */
	for (int a = 0; a < 3; a++)
		for (int b = a + 1; b < 3; b++)
			if (k[b] < k[a]) {
				int t = k[a];

				k[a] = k[b];
				k[b] = t;
			}
	for (int a = 0; a < 3; a++) {
		if (k[a] >= lo) {
			if (k[a] > lo)
				syscall(SYS_close_range, lo, k[a] - 1, 0);
			lo = k[a] + 1;
		}
	}
	syscall(SYS_close_range, lo, ~0U, 0);
}

static void *relay_main(void *arg)
{
	struct epoll_event evs[64], e = { .events = EPOLLIN };
	int n;

	(void)arg;
	/*
	 * A table of its own, like the emulators': what it holds (instances
	 * of the sandbox) is not the main thread's, and what the main
	 * thread holds it need not keep open.
	 */
	if (unshare(CLONE_FILES) == 0) {
		close_others(R.ctl_in);
		ep = epoll_create1(EPOLL_CLOEXEC);
	}
	e.data.ptr = NULL;
	if (ep >= 0 && epoll_ctl(ep, EPOLL_CTL_ADD, R.ctl_in, &e) < 0) {
		close(ep);
		ep = -1;
	}
	pthread_mutex_lock(&R.lock);
	R.tid = ep >= 0 ? (pid_t)syscall(SYS_gettid) : -1;
	pthread_cond_broadcast(&R.cond);
	pthread_mutex_unlock(&R.lock);
	if (ep < 0)
		return NULL;
	for (;;) {
		long long now;

		n = epoll_wait(ep, evs, 64, retry_list ? RETRY_MS : -1);
		for (int k = 0; k < n; k++) {
			struct tag *t = evs[k].data.ptr;

			if (!t) {
				pthread_mutex_lock(&R.lock);
				drain();
				pthread_mutex_unlock(&R.lock);
			} else if (t->inst->gone) {
				continue;
			} else if (t->sock &&
				   (evs[k].events & (EPOLLHUP | EPOLLERR))) {
				gone(t->inst);
			} else if (!t->inst->waiting) {
				pump(t->inst);
			}
		}
		/* By the clock: other instances' events must not put it off. */
		now = now_ms();
		if (retry_list && now >= retry_at) {
			struct inst *r = retry_list;

			retry_list = NULL;
			while (r) {
				/* pump() may put R on the new list */
				struct inst *next = r->retry_next;

				r->waiting = false;
				if (!r->gone)
					pump(r);
				r = next;
			}
		}
		while (gone_list) {
			struct inst *g = gone_list;

			gone_list = g->gone_next;
			if (g->waiting) {
				struct inst **p = &retry_list;

				while (*p && *p != g)
					p = &(*p)->retry_next;
				if (*p)
					*p = g->retry_next;
			}
			end(g);
		}
	}
	return NULL;
}

bool relay_enabled(void)
{
	return R.enabled;
}

int relay_start(struct sandbox *sb)
{
	struct rlimit nofile;
	sigset_t all, old;
	pthread_attr_t attr;
	pthread_t t;
	int sp[2], err;

	R.sb = sb;
	R.enabled = true;
	/*
	 * The relay's fds are syd's: instances, and one per watch, as many
	 * as a tree watched whole has directories. syd takes its hard limit
	 * (the command's own limits were set before it started) and lets
	 * the relay have half.
	 */
	if (getrlimit(RLIMIT_NOFILE, &nofile) == 0) {
		if (nofile.rlim_cur < nofile.rlim_max) {
			nofile.rlim_cur = nofile.rlim_max;
			if (setrlimit(RLIMIT_NOFILE, &nofile) < 0)
				getrlimit(RLIMIT_NOFILE, &nofile);
		}
		R.budget = nofile.rlim_cur > (rlim_t)LONG_MAX / 2
				   ? LONG_MAX / 4
				   : (long)nofile.rlim_cur / 2;
	}
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sp) < 0)
		return -errno;
	R.ctl = sp[0];
	R.ctl_in = sp[1];
	R.tid = 0;
	err = pthread_attr_init(&attr);
	if (err)
		goto fail;
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	/* Signals go to the main thread. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	err = pthread_create(&t, &attr, relay_main, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	pthread_attr_destroy(&attr);
	if (err)
		goto fail;
	pthread_mutex_lock(&R.lock);
	while (R.tid == 0)
		pthread_cond_wait(&R.cond, &R.lock);
	pthread_mutex_unlock(&R.lock);
	/* Its copy is in its own table now. */
	close(sp[1]);
	if (R.tid < 0)
		return -EMFILE;
	R.running = true;
	return 0;
fail:
	close(sp[0]);
	close(sp[1]);
	R.ctl = -1;
	return -err;
}
