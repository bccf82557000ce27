/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The emulator pool: threads that receive notifications, decide and emulate
 * them, and answer. A core of threads never retires; when every thread is
 * busy (a handler blocked on a FIFO, a slow disk) an extra one is started,
 * up to a ceiling, and retires after a keep-alive period without work.
 *
 * Receiving has two modes, measured in bench/ (README there):
 * - single: one thread at a time, the receiver (holder of the receiver
 *   role, recv_owner), waits in SECCOMP_IOCTL_NOTIF_RECV and handles what
 *   it receives itself, so a call costs no hand-over between threads and
 *   the kernel's synchronous wake-up switches straight from the trapped
 *   thread to it and back. The best for one calling thread at a time.
 * - multi: every core thread waits in RECV at once, without synchronous
 *   wake-ups, so two callers are served on two CPUs. The best when
 *   several threads or processes make hooked calls concurrently; it costs
 *   a single caller about twice the wake-up latency.
 * The pool starts single, goes multi when consecutive notifications keep
 * coming from different threads (adapt()), and back when handlers stop
 * overlapping. A handler about to do something that can block (open a
 * FIFO or a device) first hands the receiver role on (notif_may_block());
 * extra threads, started when all are busy, always receive holding the
 * role, so they can retire.
 *
 * A handler can also stall where nothing announced it: the caller's path
 * in a userfaultfd page nobody fills (process_vm_readv(2) waits for it),
 * a FUSE server that never answers a lookup, /proc of a process stuck in
 * the kernel. No handler may stop the others: while handlers run, the
 * monitor looks every STALL_POLL_MS, and a notification that has waited
 * to be received across a whole look with none received meanwhile means
 * nobody receives. It then takes the role from its holder (which, when
 * its handler ends, finds the role gone and waits for it again) and, if
 * no thread waits for the role, starts one, up to the ceiling. Taking the
 * role decides nothing: at worst two threads receive at once for a call,
 * as in multi mode. Its cost on the common path is a store of the
 * notification's id and a load of monitor_idle; an idle pool lets the
 * monitor sleep until a handler starts.
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
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "kernel/notify.h"
#include "log.h"
#include "resolve/resolve.h"
#include "supervise/ghost.h"
#include "supervise/relay.h"
#include "supervise/supervisor.h"
#include "syscalls/access.h"
#include "syscalls/common.h"
#include "syscalls/creds.h"

#define KEEPALIVE_MS 15000
/* go multi when at least this many of the last 8 callers differed... */
#define MULTI_SWITCHES 4
/* ...and single again after this many handlers in a row ran alone */
#define SINGLE_AFTER 256
#define STACK_SIZE   (512 * 1024)
/* How often the monitor looks for a stalled pool while handlers run. */
#define STALL_POLL_MS 50

struct worker {
	struct supervisor *sv;
	bool extra; /* may retire */
	unsigned self; /* serial, never 0: the receiver role's holder */
};

static int spawn(struct supervisor *sv, bool extra);

/* A handler's return value (hook_fn) into N's answer. */
static void answer(struct notif *n, long ret, bool *sent)
{
	if (ret == HOOK_SENT) {
		*sent = true;
	} else if (ret == HOOK_CONTINUE) {
		n->resp.error = 0;
		n->resp.val = 0;
		n->resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
	} else if (ret < 0) {
		/* below -4095: not an errno, a handler's bug: refused */
		n->resp.error = ret >= -4095 ? (int)ret : -EACCES;
		n->resp.val = 0;
	} else {
		n->resp.error = 0;
		n->resp.val = ret;
	}
}

/*
 * N's answer could not be sent (ERR), and not because its caller is gone:
 * the caller would wait for ever. A plain denial, which cannot be
 * malformed, is sent instead; when even that fails the listener is broken,
 * and syd ends, which closes it: the kernel then fails every pending and
 * future call of the sandbox, which is killed.
 */
static void answer_failed(struct supervisor *sv, struct notif *n,
			  const char *name, int err)
{
	struct seccomp_notif_resp deny = { .id = n->req->id, .error = -EACCES };

	log_msg(LOG_ERR, "cannot answer a %s call: %s", name, strerror(-err));
	err = notify_send(sv->listener, &deny);
	if (err < 0 && err != -ENOENT) {
		log_msg(LOG_CRIT, "cannot deny a %s call either: %s", name,
			strerror(-err));
		supervisor_abort(sv, -err);
	}
}

static void handle(struct supervisor *sv, const struct seccomp_notif *req,
		   unsigned self)
{
	struct notif n = { .sv = sv,
			   .host = &pool_host,
			   .cp = &sv->creds,
			   .sb = sv->sb,
			   .listener = sv->listener,
			   .req = req,
			   .self = self };
	const struct hook *h = NULL;
	struct resolve_view view;
	bool skip = false, sent = false;
	int err;

	n.resp.id = req->id;
	n.resp.error = -EACCES; /* fail closed: only a handler allows */
	if (req->data.arch == AUDIT_ARCH_X86_64 && req->data.nr >= 0 &&
	    req->data.nr < DISPATCH_MAX)
		h = sv->dispatch[req->data.nr];
	/*
	 * A caller whose ids differ from ours: the whole call, lookups
	 * included, is made with its credentials (a directory it may not
	 * search stays closed to it). The set*id hooks decide nothing.
	 */
	if (h && h->fn != hook_setid && sv->creds.privileged &&
	    atomic_load(&sv->creds.changed)) {
		err = notif_creds_enter(&n, CREDS_FS);
		if (err < 0) {
			n.resp.error = err == -ESRCH ? -ESRCH : -EACCES;
			h = NULL;
			skip = true;
		}
	}
	notif_view(&n, &view);
	resolve_view_set(&view);
	if (skip) {
		/* answered above */
	} else if (!h) {
		/* The filter hooks only what we handle: this is a bug. */
		log_msg(LOG_ERR, "no handler for system call %d (arch %#x)",
			req->data.nr, req->data.arch);
		n.resp.error = -ENOSYS;
	} else {
		answer(&n, h->fn(&n), &sent);
	}
	/* A handler that announced a wait and returned without ending it. */
	(void)notif_unblocked(&n);
	if (!sent) {
		err = notify_send(sv->listener, &n.resp);
		if (err < 0 && err != -ENOENT)
			answer_failed(sv, &n, h ? h->name : "?", err);
	}
	resolve_view_set(NULL);
	notif_close_later(&n);
	tracee_tidy();
	notif_creds_done(&n);
}

/*
 * The signal the monitor interrupts a waiting handler with: caught by a
 * handler that does nothing, without SA_RESTART, so the wait ends with
 * EINTR. Unblocked in an emulator thread only while it waits.
 */
#define SIG_WAKE (SIGRTMIN + 1)
/* How often the monitor looks at waiting handlers' callers. */
#define WAIT_POLL_MS 20

static struct timespec ms_later(struct timespec t, long ms)
{
	t.tv_sec += ms / 1000;
	t.tv_nsec += (ms % 1000) * 1000000L;
	if (t.tv_nsec >= 1000000000L) {
		t.tv_sec++;
		t.tv_nsec -= 1000000000L;
	}
	return t;
}

static bool before(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec < b->tv_sec ||
	       (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

/* Does thread SELF hold the receiver role? Read without the lock. */
static bool is_receiver(struct supervisor *sv, unsigned self)
{
	return atomic_load_explicit(&sv->recv_owner, memory_order_relaxed) ==
	       self;
}

/* Give the receiver role up, if SELF (0: whoever) holds it. */
static void give_receiver(struct supervisor *sv, unsigned self)
{
	pthread_mutex_lock(&sv->recv_lock);
	if (atomic_load(&sv->recv_owner) != 0 &&
	    (self == 0 || atomic_load(&sv->recv_owner) == self)) {
		atomic_store(&sv->recv_owner, 0);
		pthread_cond_signal(&sv->recv_cond);
	}
	pthread_mutex_unlock(&sv->recv_lock);
}

static void on_wake(int sig)
{
	(void)sig;
}

static void wait_begin(struct notif *n)
{
	struct supervisor *sv = n->sv;
	struct notif_wait *w = &n->wait;
	sigset_t wake;

	if (w->on)
		return;
	w->thread = pthread_self();
	w->id = n->req->id;
	w->tid = (pid_t)n->req->pid;
	w->interrupted = false;
	w->on = true;
	pthread_mutex_lock(&sv->spawn_lock);
	w->next = sv->waits;
	sv->waits = w;
	pthread_cond_signal(&sv->spawn_cond); /* the monitor starts looking */
	pthread_mutex_unlock(&sv->spawn_lock);
	sigemptyset(&wake);
	sigaddset(&wake, SIG_WAKE);
	pthread_sigmask(SIG_UNBLOCK, &wake, NULL);
}

static bool pool_unblocked(struct notif *n)
{
	struct supervisor *sv = n->sv;
	struct notif_wait *w = &n->wait, **p;
	sigset_t wake;

	if (!w->on)
		return false;
	sigemptyset(&wake);
	sigaddset(&wake, SIG_WAKE);
	pthread_sigmask(SIG_BLOCK, &wake, NULL);
	pthread_mutex_lock(&sv->spawn_lock);
	for (p = &sv->waits; *p; p = &(*p)->next) {
		if (*p == w) {
			*p = w->next;
			break;
		}
	}
	pthread_mutex_unlock(&sv->spawn_lock);
	w->on = false;
	return w->interrupted;
}

/*
 * With spawn_lock held: interrupt the waits whose caller is gone (its
 * notification no longer valid) or has a signal to take. An interrupted
 * one is signalled again at every look until it ends: the first signal
 * may have come just before the thread went into its wait.
 */
static void look_at_waits(struct supervisor *sv)
{
	for (struct notif_wait *w = sv->waits; w; w = w->next) {
		/*
		 * Only a certain answer counts: an interrupted thread answers
		 * -ERESTARTSYS, which a caller with no signal to take would
		 * see as errno 512. A status unread for want of memory or
		 * fds says nothing; one unread since the thread is gone does.
		 */
		if (!w->interrupted) {
			int sig = 0;

			if (notify_id_valid(sv->listener, w->id) == -ENOENT ||
			    (sig = proc_signal_pending(w->tid)) == 1 ||
			    sig == -ESRCH)
				w->interrupted = true;
		}
		if (w->interrupted)
			pthread_kill(w->thread, SIG_WAKE);
	}
}

static void pool_may_block(struct notif *n)
{
	struct supervisor *sv = n->sv;

	wait_begin(n);
	if (n->self == 0)
		return;
	if (is_receiver(sv, n->self))
		give_receiver(sv, n->self);
	/*
	 * Nobody left to take over receiving: ask the monitor to grow. In
	 * multi mode the idle core threads wait in RECV, not for the role:
	 * then only "every thread is busy" means nobody.
	 */
	if (atomic_load(&sv->waiting) == 0 &&
	    atomic_load(&sv->busy) >= atomic_load(&sv->total) &&
	    atomic_load(&sv->total) < sv->max) {
		pthread_mutex_lock(&sv->spawn_lock);
		sv->spawn_requests++;
		pthread_cond_signal(&sv->spawn_cond);
		pthread_mutex_unlock(&sv->spawn_lock);
	}
}

static void pool_abort(struct notif *n, int status)
{
	supervisor_abort(n->sv, status);
}

const struct notif_host pool_host = { pool_may_block, pool_unblocked,
				      pool_abort };

/* What the monitor saw at its last look for a stall. */
struct stall_look {
	uint64_t id; /* the last notification received then */
	bool pending; /* one was waiting to be received */
	bool quiet; /* no handler ran, none started since the look before */
	bool told; /* the ceiling was logged for this stall */
};

/*
 * With spawn_lock held, every STALL_POLL_MS: has the pool stalled, a
 * notification waiting across a whole look while none was received? Then
 * the receiver role is taken back from its holder, stuck in a handler,
 * and a thread is asked for when none waits for the role. Sets L->quiet
 * when the monitor may sleep (no handler runs, none ran since last time).
 */
static void look_for_stall(struct supervisor *sv, struct stall_look *l)
{
	uint64_t id = atomic_load(&sv->last_id);
	bool same = id == l->id, pending;

	l->id = id;
	if (!same)
		l->told = false;
	/* No handler runs: the receiver, or each core thread, is in RECV. */
	if (atomic_load(&sv->busy) == 0) {
		l->quiet = same;
		l->pending = false;
		return;
	}
	l->quiet = false;
	pending = notify_pending(sv->listener);
	if (!(pending && l->pending && same)) {
		l->pending = pending;
		return;
	}
	/* The next step, if needed, after a whole look with the new one. */
	l->pending = false;
	/*
	 * Whoever holds the role is in a handler (or, starved of the CPU,
	 * not yet back in RECV: then two receive for a while, as in multi
	 * mode). A thread waiting for the role takes it at once.
	 */
	give_receiver(sv, 0);
	if (atomic_load(&sv->waiting) > 0)
		return;
	if (atomic_load(&sv->total) < sv->max) {
		log_msg(LOG_INFO,
			"pool: a call has waited %d ms with %u of %u threads "
			"busy: one more receives",
			STALL_POLL_MS, atomic_load(&sv->busy),
			atomic_load(&sv->total));
		sv->spawn_requests++;
	} else if (!l->told) {
		log_msg(LOG_WARN,
			"pool: all %u threads are busy (SYD_NPROC_MAX): calls "
			"wait until a handler ends",
			atomic_load(&sv->total));
		l->told = true;
	}
}

/*
 * With spawn_lock held and nothing for the monitor to look at: go to
 * sleep until a handler starts? The store to monitor_idle and the load of
 * busy pair with a receiver's increment of busy and load of monitor_idle
 * (both sequentially consistent): either the receiver sees the monitor
 * asleep and wakes it (wake_monitor()), or the monitor sees it busy.
 */
static bool may_sleep(struct supervisor *sv)
{
	atomic_store(&sv->monitor_idle, true);
	if (atomic_load(&sv->busy) == 0)
		return true;
	atomic_store(&sv->monitor_idle, false);
	return false;
}

/* A handler starts while the monitor sleeps: it must look again. */
static void wake_monitor(struct supervisor *sv)
{
	pthread_mutex_lock(&sv->spawn_lock);
	if (atomic_exchange(&sv->monitor_idle, false))
		pthread_cond_signal(&sv->spawn_cond);
	pthread_mutex_unlock(&sv->spawn_lock);
}

/*
 * The monitor starts every extra thread. A new thread begins with a copy
 * of its creator's fd table (until its unshare(CLONE_FILES)): created by
 * an emulator it could inherit, and keep open for ever, an fd that
 * emulator was handing over, such as the write end of a FIFO whose reader
 * then never sees end-of-file. The monitor holds no such fds, and never
 * blocks on anything the sandbox controls: a stalled monitor would leave
 * stalled handlers stalled.
 */
static void *monitor(void *arg)
{
	struct supervisor *sv = arg;
	struct timespec now, until, next_wait = { 0, 0 }, next_look = { 0, 0 };
	struct stall_look look = { 0 };

	pthread_mutex_lock(&sv->spawn_lock);
	for (;;) {
		while (sv->spawn_requests == 0) {
			/*
			 * By the clock, not by the timeouts: wake-ups for new
			 * waits or threads must not put the next look off.
			 */
			clock_gettime(CLOCK_MONOTONIC, &now);
			if (sv->waits && !before(&now, &next_wait)) {
				look_at_waits(sv);
				next_wait = ms_later(now, WAIT_POLL_MS);
			}
			if (!before(&now, &next_look)) {
				look_for_stall(sv, &look);
				next_look = ms_later(now, STALL_POLL_MS);
				if (sv->spawn_requests)
					break;
			}
			if (look.quiet && !sv->waits && may_sleep(sv)) {
				while (atomic_load(&sv->monitor_idle) &&
				       sv->spawn_requests == 0 && !sv->waits)
					pthread_cond_wait(&sv->spawn_cond,
							  &sv->spawn_lock);
				atomic_store(&sv->monitor_idle, false);
				look = (struct stall_look){ 0 };
				next_look = now; /* look at once */
				continue;
			}
			until = sv->waits && before(&next_wait, &next_look)
					? next_wait
					: next_look;
			pthread_cond_timedwait(&sv->spawn_cond, &sv->spawn_lock,
					       &until);
		}
		sv->spawn_requests--;
		pthread_mutex_unlock(&sv->spawn_lock);
		if (atomic_load(&sv->waiting) == 0 &&
		    atomic_load(&sv->total) < sv->max && spawn(sv, true) < 0) {
			/*
			 * No thread or memory to be had now: the calls wait
			 * (the sandbox is slowed, nothing is decided
			 * wrongly); ask again after a pause.
			 */
			struct timespec pause = { 0, WAIT_POLL_MS * 1000000L };

			nanosleep(&pause, NULL);
			pthread_mutex_lock(&sv->spawn_lock);
			sv->spawn_requests++;
			continue;
		}
		pthread_mutex_lock(&sv->spawn_lock);
	}
	return NULL;
}

/*
 * Take the receiver role, waiting while another thread holds it; false
 * when an idle extra thread should retire instead.
 */
static bool take_receiver(struct supervisor *sv, unsigned self, bool extra)
{
	struct timespec ts;
	bool take = true;

	pthread_mutex_lock(&sv->recv_lock);
	atomic_fetch_add(&sv->waiting, 1);
	clock_gettime(CLOCK_MONOTONIC, &ts);
	ts = ms_later(ts, KEEPALIVE_MS);
	while (atomic_load(&sv->recv_owner) != 0) {
		if (!extra) {
			pthread_cond_wait(&sv->recv_cond, &sv->recv_lock);
			continue;
		}
		if (pthread_cond_timedwait(&sv->recv_cond, &sv->recv_lock,
					   &ts) != ETIMEDOUT)
			continue;
		if (atomic_load(&sv->recv_owner) == 0)
			break;
		if (atomic_load(&sv->total) > sv->core) {
			/*
			 * Under the lock: a holder giving the role up now
			 * sees us gone (notif_may_block() reads the counts
			 * after), and asks the monitor for a thread.
			 */
			atomic_fetch_sub(&sv->total, 1);
			take = false;
			break;
		}
		clock_gettime(CLOCK_MONOTONIC, &ts);
		ts = ms_later(ts, KEEPALIVE_MS);
	}
	if (take)
		atomic_store(&sv->recv_owner, self);
	atomic_fetch_sub(&sv->waiting, 1);
	pthread_mutex_unlock(&sv->recv_lock);
	return take;
}

static void set_mode(struct supervisor *sv, bool multi)
{
	bool was = !multi;

	if (!atomic_compare_exchange_strong(&sv->multi, &was, multi))
		return; /* another thread switched first */
	atomic_store(&sv->tid_hist, 0);
	atomic_store(&sv->solo, 0);
	/*
	 * If the kernel refuses, a wake-up merely lands on another CPU: a
	 * matter of speed only.
	 */
	(void)notify_set_sync_wakeup(sv->listener, !multi);
	log_msg(LOG_DEBUG, "pool: %s receive mode", multi ? "multi" : "single");
}

/*
 * Choose the receive mode from the notification of thread TID, received
 * while BUSY other handlers were running. The counters are updated racily
 * on purpose: they steer speed, never a decision.
 */
static void adapt(struct supervisor *sv, pid_t tid, unsigned busy)
{
	if (!sv->sync_wakeup || sv->core < 2)
		return;
	if (!atomic_load_explicit(&sv->multi, memory_order_relaxed)) {
		pid_t last = atomic_exchange_explicit(&sv->last_tid, tid,
						      memory_order_relaxed);
		unsigned h = (atomic_load_explicit(&sv->tid_hist,
						   memory_order_relaxed)
			      << 1) |
			     (last != tid);

		atomic_store_explicit(&sv->tid_hist, h, memory_order_relaxed);
		if (__builtin_popcount(h & 0xffu) >= MULTI_SWITCHES)
			set_mode(sv, true);
	} else if (busy > 0) {
		atomic_store_explicit(&sv->solo, 0, memory_order_relaxed);
	} else if (atomic_fetch_add_explicit(&sv->solo, 1,
					     memory_order_relaxed) +
			   1 >=
		   SINGLE_AFTER) {
		set_mode(sv, false);
	}
}

static void *emulator(void *arg)
{
	struct worker w = *(struct worker *)arg;
	struct supervisor *sv = w.sv;
	struct seccomp_notif req;
	unsigned busy;
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
		if (!w.extra && atomic_load(&sv->multi)) {
			/* multi: receive without the role */
			if (is_receiver(sv, w.self))
				give_receiver(sv, w.self);
		} else if (!is_receiver(sv, w.self)) {
			/* never had it, gave it up, or the monitor took it */
			if (!take_receiver(sv, w.self, w.extra)) {
				notif_thread_fini();
				return NULL;
			}
			continue; /* the mode may have changed meanwhile */
		}
		err = notify_recv(sv->listener, &req);
		if (err == -ENOENT && notify_orphaned(sv->listener)) {
			/*
			 * The last sandboxed process is gone and syd is about
			 * to exit: receiving would fail at once, again and
			 * again, taking the CPU from the main thread's exit.
			 */
			give_receiver(sv, w.self);
			for (;;)
				pause();
		}
		if (err == -EINTR || err == -ENOENT)
			continue; /* the caller died before we read it */
		if (err < 0) {
			log_msg(LOG_CRIT, "emulator: receive: %s",
				strerror(-err));
			supervisor_abort(sv, -err);
		}
		if (ghost_refuse(sv, &req))
			continue; /* ghost mode: ENOSYS, no handler */
		busy = atomic_fetch_add(&sv->busy, 1);
		/* For the monitor's look for a stall: no system call. */
		atomic_store_explicit(&sv->last_id, req.id,
				      memory_order_relaxed);
		if (atomic_load(&sv->monitor_idle))
			wake_monitor(sv);
		adapt(sv, (pid_t)req.pid, busy);
		handle(sv, &req, w.self);
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
	do
		w->self = atomic_fetch_add(&sv->serials, 1) + 1;
	while (w->self == 0);
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
	pthread_condattr_t mono;
	int err;

	err = pthread_mutex_init(&sv->recv_lock, NULL);
	if (err)
		return -err;
	err = pthread_attr_init(&sv->attr);
	if (err)
		return -err;
	pthread_attr_setdetachstate(&sv->attr, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&sv->attr, STACK_SIZE);
	/* Timed waits by the monotonic clock: a clock change moves no look. */
	err = pthread_condattr_init(&mono);
	if (err)
		return -err;
	err = pthread_condattr_setclock(&mono, CLOCK_MONOTONIC);
	if (!err)
		err = pthread_cond_init(&sv->recv_cond, &mono);
	if (!err)
		err = pthread_mutex_init(&sv->spawn_lock, NULL);
	if (!err)
		err = pthread_cond_init(&sv->spawn_cond, &mono);
	pthread_condattr_destroy(&mono);
	if (err)
		return -err;
	{
		struct sigaction sa = { .sa_handler = on_wake };

		sigemptyset(&sa.sa_mask);
		if (sigaction(SIG_WAKE, &sa, NULL) < 0)
			return -errno;
	}
	/*
	 * Before the emulators, which take their copy of the fd table with
	 * the relay's control socket in it.
	 */
	if (sv->dispatch[SYS_inotify_init1]) {
		err = relay_start(sv->sb);
		if (err < 0)
			log_msg(LOG_WARN, "inotify relay: %s: inotify refused",
				strerror(-err));
	}
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
