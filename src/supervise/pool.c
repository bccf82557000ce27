/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The emulator pool: threads that receive notifications, decide and emulate
 * them, and answer. A core of threads never retires; when every thread is
 * busy (a handler blocked on a FIFO, a slow disk) an extra one is started,
 * up to a ceiling, and retires after a keep-alive period without work.
 *
 * Receiving: one thread at a time, the receiver (holder of recv_lock),
 * waits in SECCOMP_IOCTL_NOTIF_RECV and handles what it receives itself,
 * so the common call costs no hand-over between threads and the kernel's
 * synchronous wake-up can switch straight from the trapped thread to it
 * and back. A handler about to do something that can block (open a FIFO
 * or a device) first hands the receiver role on (notif_may_block()); the
 * others wait on recv_lock to take it.
 *
 * Nothing here is fatal to a request: an internal error answers it with a
 * denial. A broken listener ends syd, which closes the listener, which makes
 * the kernel fail every pending and future call: fail closed.
 */
#include <errno.h>
#include <linux/audit.h>
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

static int spawn(struct supervisor *sv, bool extra);

static void handle(struct supervisor *sv, const struct seccomp_notif *req,
		   bool *receiver)
{
	struct notif n = { .sv = sv, .sb = sv->sb, .listener = sv->listener,
			   .req = req, .receiver = receiver };
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

void notif_may_block(struct notif *n)
{
	struct supervisor *sv = n->sv;

	if (!n->receiver || !*n->receiver)
		return;
	*n->receiver = false;
	pthread_mutex_unlock(&sv->recv_lock);
	/* Nobody left to take over receiving: ask the monitor to grow. */
	if (atomic_load(&sv->waiting) == 0 &&
	    atomic_load(&sv->total) < sv->max) {
		pthread_mutex_lock(&sv->spawn_lock);
		sv->spawn_requests++;
		pthread_cond_signal(&sv->spawn_cond);
		pthread_mutex_unlock(&sv->spawn_lock);
	}
}

/*
 * The monitor starts every extra thread. A new thread begins with a copy
 * of its creator's fd table (until its unshare(CLONE_FILES)): created by
 * an emulator it could inherit, and keep open for ever, an fd that
 * emulator was handing over, such as the write end of a FIFO whose reader
 * then never sees end-of-file. The monitor holds no such fds.
 */
static void *monitor(void *arg)
{
	struct supervisor *sv = arg;

	pthread_mutex_lock(&sv->spawn_lock);
	for (;;) {
		while (sv->spawn_requests == 0)
			pthread_cond_wait(&sv->spawn_cond, &sv->spawn_lock);
		sv->spawn_requests--;
		pthread_mutex_unlock(&sv->spawn_lock);
		if (atomic_load(&sv->waiting) == 0 &&
		    atomic_load(&sv->total) < sv->max)
			spawn(sv, true);
		pthread_mutex_lock(&sv->spawn_lock);
	}
	return NULL;
}

/* Become the receiver; false when an idle extra thread should retire. */
static bool take_receiver(struct supervisor *sv, bool extra)
{
	struct timespec ts;
	int err;

	atomic_fetch_add(&sv->waiting, 1);
	if (!extra) {
		pthread_mutex_lock(&sv->recv_lock);
		atomic_fetch_sub(&sv->waiting, 1);
		return true;
	}
	for (;;) {
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += KEEPALIVE_MS / 1000;
		err = pthread_mutex_timedlock(&sv->recv_lock, &ts);
		if (err == 0)
			break;
		if (atomic_load(&sv->total) > sv->core) {
			atomic_fetch_sub(&sv->waiting, 1);
			atomic_fetch_sub(&sv->total, 1);
			return false;
		}
	}
	atomic_fetch_sub(&sv->waiting, 1);
	return true;
}

static void *emulator(void *arg)
{
	struct worker w = *(struct worker *)arg;
	struct supervisor *sv = w.sv;
	struct seccomp_notif req;
	bool receiver = false;
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
		if (!receiver) {
			if (!take_receiver(sv, w.extra))
				return NULL;
			receiver = true;
		}
		err = notify_recv(sv->listener, &req);
		if (err == -EINTR || err == -ENOENT)
			continue; /* the caller died before we read it */
		if (err < 0) {
			log_msg(LOG_CRIT, "emulator: receive: %s",
				strerror(-err));
			supervisor_abort(sv, -err);
		}
		atomic_fetch_add(&sv->busy, 1);
		handle(sv, &req, &receiver);
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
	err = pthread_mutex_init(&sv->spawn_lock, NULL);
	if (!err)
		err = pthread_cond_init(&sv->spawn_cond, NULL);
	if (err)
		return -err;
	for (unsigned i = 0; i < sv->core; i++) {
		err = spawn(sv, false);
		if (err < 0)
			return err;
	}
	{
		sigset_t all, old;
		pthread_t t;

		sigfillset(&all);
		pthread_sigmask(SIG_SETMASK, &all, &old);
		err = pthread_create(&t, &sv->attr, monitor, sv);
		pthread_sigmask(SIG_SETMASK, &old, NULL);
	}
	return -err;
}
