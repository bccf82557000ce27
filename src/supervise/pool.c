/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The emulator pool: threads that receive notifications, decide and emulate
 * them, and answer. A core of threads never retires; when every thread is
 * busy (a handler blocked on a FIFO, a slow disk) an extra one is started,
 * up to a ceiling, and retires after a keep-alive period without work.
 *
 * Receiving is leader/followers: one thread at a time waits in
 * SECCOMP_IOCTL_NOTIF_RECV (holding recv_lock) and hands the role on as
 * soon as it has a request. A single receiver is what lets the kernel's
 * synchronous wake-up switch straight from the trapped thread to us.
 *
 * Nothing here is fatal to a request: an internal error answers it with a
 * denial. A broken listener ends syd, which closes the listener, which makes
 * the kernel fail every pending and future call: fail closed.
 */
#include <errno.h>
#include <linux/audit.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "kernel/notify.h"
#include "log.h"
#include "supervise/supervisor.h"

#define KEEPALIVE_MS 15000
#define STACK_SIZE (512 * 1024)

struct worker {
	struct supervisor *sv;
	bool extra; /* may retire */
};

static void handle(struct supervisor *sv, const struct seccomp_notif *req)
{
	struct notif n = { .sv = sv, .sb = sv->sb, .listener = sv->listener,
			   .req = req };
	const struct hook *h = NULL;
	int err;

	n.resp.id = req->id;
	n.resp.error = -EACCES; /* fail closed: only a handler allows */
	if (req->data.arch == AUDIT_ARCH_X86_64 && req->data.nr >= 0 &&
	    req->data.nr < DISPATCH_MAX)
		h = sv->dispatch[req->data.nr];
	if (!h) {
		/* The filter hooks only what we handle: this is a bug. */
		log_msg(LOG_ERR, "no handler for system call %d (arch %#x)",
			req->data.nr, req->data.arch);
		n.resp.error = -ENOSYS;
	} else if (h->fn(&n) < 0) {
		n.resp.error = -EACCES;
		n.resp.flags = 0;
		n.resp.val = 0;
		n.sent = false;
	}
	if (n.sent)
		return;
	err = notify_send(sv->listener, &n.resp);
	if (err < 0 && err != -ENOENT)
		log_msg(LOG_ERR, "cannot answer a %s call: %s",
			h ? h->name : "?", strerror(-err));
}

static int spawn(struct supervisor *sv, bool extra);

static void *emulator(void *arg)
{
	struct worker w = *(struct worker *)arg;
	struct supervisor *sv = w.sv;
	struct seccomp_notif req;
	struct pollfd pfd = { sv->listener, POLLIN, 0 };
	int err;

	free(arg);
	/*
	 * A private cwd, umask and fd table for each thread, so that taking
	 * on a caller's umask or opening fds cannot race a sibling.
	 */
	if (unshare(CLONE_FS | CLONE_FILES | CLONE_SYSVSEM) < 0) {
		log_msg(LOG_CRIT, "emulator: unshare: %s", strerror(errno));
		supervisor_abort(sv, errno);
	}
	for (;;) {
		if (w.extra) {
			err = poll(&pfd, 1, KEEPALIVE_MS);
			if (err == 0 && atomic_load(&sv->total) > sv->core) {
				atomic_fetch_sub(&sv->total, 1);
				return NULL;
			}
		}
		pthread_mutex_lock(&sv->recv_lock);
		err = notify_recv(sv->listener, &req);
		pthread_mutex_unlock(&sv->recv_lock);
		if (err == -EINTR || err == -ENOENT)
			continue; /* the caller died before we read it */
		if (err < 0) {
			log_msg(LOG_CRIT, "emulator: receive: %s",
				strerror(-err));
			supervisor_abort(sv, -err);
		}
		/* Everyone busy: grow, so one slow call cannot stall all. */
		if (atomic_fetch_add(&sv->busy, 1) + 1 >=
			    atomic_load(&sv->total) &&
		    atomic_load(&sv->total) < sv->max)
			spawn(sv, true);
		handle(sv, &req);
		atomic_fetch_sub(&sv->busy, 1);
	}
	return NULL;
}

static int spawn(struct supervisor *sv, bool extra)
{
	struct worker *w = malloc(sizeof(*w));
	sigset_t all, old;
	pthread_t t;
	int err;

	if (!w)
		return -ENOMEM;
	w->sv = sv;
	w->extra = extra;
	/* Emulators take no signals: they go to the main thread. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	atomic_fetch_add(&sv->total, 1);
	err = pthread_create(&t, &sv->attr, emulator, w);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (err) {
		atomic_fetch_sub(&sv->total, 1);
		free(w);
		return -err;
	}
	return 0;
}

int pool_start(struct supervisor *sv)
{
	int err;

	err = pthread_mutex_init(&sv->recv_lock, NULL);
	if (err)
		return -err;
	err = pthread_attr_init(&sv->attr);
	if (err)
		return -err;
	pthread_attr_setdetachstate(&sv->attr, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&sv->attr, STACK_SIZE);
	for (unsigned i = 0; i < sv->core; i++) {
		err = spawn(sv, false);
		if (err < 0)
			return err;
	}
	return 0;
}
