/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The do-nothing seccomp user-notification supervisor: the performance floor
 * every real syd design pays at least. It hooks the path-taking open and stat
 * calls of COMMAND, copies each path out of the tracee, re-checks the
 * notification with ID_VALID and answers CONTINUE, in one of four receive
 * designs. It decides nothing and must never be used as a sandbox: CONTINUE
 * lets the kernel re-read the path after we looked at it (TOCTOU).
 * --hooks all hooks every path-taking call syd hooks under -p paludis
 * instead, to run a whole build on the floor.
 * With --emulate-open it answers openat the way an emulating supervisor
 * must instead: it opens the path itself and hands the fd over with
 * SECCOMP_IOCTL_NOTIF_ADDFD + SECCOMP_ADDFD_FLAG_SEND, the floor of that
 * design (the kernel makes ADDFD wait for the caller to install the fd: a
 * second round trip that CONTINUE does not have). --split-addfd makes that
 * two ioctls, ADDFD then SEND with the fd's number, as syd does (one step
 * answers 0 when the wait is interrupted; src/kernel/notify.c): a third
 * wake-up of the caller.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef __x86_64__
#error "floor.c hooks the x86_64 system call numbers only"
#endif

/* Debian 12's uapi headers predate these (kernel 6.6). */
#ifndef SECCOMP_IOCTL_NOTIF_SET_FLAGS
#define SECCOMP_IOCTL_NOTIF_SET_FLAGS SECCOMP_IOW(4, __u64)
#endif
#ifndef SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP
#define SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP (1UL << 0)
#endif
#ifndef SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV
#define SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV (1UL << 5)
#endif

#define X32_SYSCALL_BIT	 0x40000000u
#define NHOOK_MAX	 64 /* hooked system calls, --hooks all */
#define MAX_THREADS	 64
#define QUEUE_SLOTS	 256 /* > any number of blocked tracee threads here */
#define DEFAULT_TIMEOUT	 600 /* seconds before COMMAND is killed */
#define SETUP_TIMEOUT_MS 10000

enum mode {
	MODE_SINGLE,
	MODE_ALL_RECV,
	MODE_LEADER,
	MODE_EPOLL_QUEUE,
};

static const char *const mode_names[] = {
	[MODE_SINGLE] = "single",
	[MODE_ALL_RECV] = "all-recv",
	[MODE_LEADER] = "leader",
	[MODE_EPOLL_QUEUE] = "epoll-queue",
};

/* Requests handed from the epoll thread to the workers (epoll-queue). */
struct queue {
	pthread_mutex_t lock;
	pthread_cond_t not_empty;
	pthread_cond_t not_full;
	unsigned char *slots; /* owned: QUEUE_SLOTS * notif_size bytes */
	size_t head;
	size_t count;
	bool closed;
};

struct server {
	int notify_fd;
	enum mode mode;
	unsigned int threads;
	size_t notif_size; /* from SECCOMP_GET_NOTIF_SIZES, >= our struct */
	size_t resp_size;
	size_t first_chunk; /* 0: read the path up to the end of its page */
	bool emulate_open; /* openat: open here, hand over with ADDFD+SEND */
	bool split_addfd; /* ...with ADDFD, then SEND */
	long page_size;
	pthread_mutex_t leader_lock; /* leader: held by the one receiver */
	struct queue queue;
};

struct worker {
	struct server *srv; /* borrowed */
	pthread_t tid;
	struct seccomp_notif *req; /* owned */
	struct seccomp_notif_resp *resp; /* owned */
	char path[PATH_MAX];
	atomic_ulong handled;
	atomic_ulong read_errors;
	atomic_ulong gone; /* ID_VALID or SEND said the task had left */
};

static void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("floor: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(125);
}

static size_t max_size(size_t a, size_t b)
{
	return a > b ? a : b;
}

static void close_reset(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/* A hooked call and the argument that holds its path (-1: none). */
struct hooked {
	unsigned int nr;
	int path;
};

/* The open and stat calls: what the per-operation benchmarks hook. */
static const struct hooked open_stat_hooks[] = {
	{ __NR_openat, 1 }, { __NR_open, 0 }, { __NR_newfstatat, 1 },
	{ __NR_statx, 1 },  { __NR_stat, 0 }, { __NR_lstat, 0 },
};

/*
 * --hooks all: every path-taking call syd hooks when all path categories
 * are on (syd -p paludis), so a whole build can be run on the floor.
 */
static const struct hooked all_hooks[] = {
	{ __NR_openat, 1 },	  { __NR_open, 0 },
	{ __NR_newfstatat, 1 },	  { __NR_statx, 1 },
	{ __NR_stat, 0 },	  { __NR_lstat, 0 },
	{ __NR_openat2, 1 },	  { __NR_creat, 0 },
	{ __NR_statfs, 0 },	  { __NR_access, 0 },
	{ __NR_faccessat, 1 },	  { __NR_faccessat2, 1 },
	{ __NR_execve, 0 },	  { __NR_execveat, 1 },
	{ __NR_mkdir, 0 },	  { __NR_mkdirat, 1 },
	{ __NR_mknod, 0 },	  { __NR_mknodat, 1 },
	{ __NR_unlink, 0 },	  { __NR_unlinkat, 1 },
	{ __NR_rmdir, 0 },	  { __NR_rename, 0 },
	{ __NR_renameat, 1 },	  { __NR_renameat2, 1 },
	{ __NR_link, 0 },	  { __NR_linkat, 1 },
	{ __NR_symlink, 1 },	  { __NR_symlinkat, 2 },
	{ __NR_readlink, 0 },	  { __NR_readlinkat, 1 },
	{ __NR_chmod, 0 },	  { __NR_fchmodat, 1 },
	{ __NR_chown, 0 },	  { __NR_lchown, 0 },
	{ __NR_fchownat, 1 },	  { __NR_truncate, 0 },
	{ __NR_utime, 0 },	  { __NR_utimes, 0 },
	{ __NR_futimesat, 1 },	  { __NR_utimensat, 1 },
	{ __NR_chdir, 0 },	  { __NR_getxattr, 0 },
	{ __NR_lgetxattr, 0 },	  { __NR_listxattr, 0 },
	{ __NR_llistxattr, 0 },	  { __NR_setxattr, 0 },
	{ __NR_lsetxattr, 0 },	  { __NR_removexattr, 0 },
	{ __NR_lremovexattr, 0 }, { __NR_fchmod, -1 },
	{ __NR_fchown, -1 },	  { __NR_ftruncate, -1 },
	{ __NR_fallocate, -1 },	  { __NR_fgetxattr, -1 },
};

_Static_assert(sizeof(all_hooks) / sizeof(all_hooks[0]) <= NHOOK_MAX,
	       "raise NHOOK_MAX");

static const struct hooked *hooks = open_stat_hooks;
static unsigned int nhooks =
	sizeof(open_stat_hooks) / sizeof(open_stat_hooks[0]);

/*
 * The filter: kill anything that is not native x86_64 (i386 and x32 share
 * no numbers with us, so a hook keyed on x86_64 numbers would miss them),
 * hand the hooked calls to the supervisor, allow the rest.
 */
static int install_filter(bool *killable)
{
	struct sock_filter insns[8 + NHOOK_MAX];
	struct sock_fprog prog = { .len = 0, .filter = insns };
	unsigned int flags = SECCOMP_FILTER_FLAG_NEW_LISTENER |
			     SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV;
	unsigned short n = 0;
	int fd;

	insns[n++] = (struct sock_filter)BPF_STMT(
		BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
	insns[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
						  AUDIT_ARCH_X86_64, 1, 0);
	insns[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
						  SECCOMP_RET_KILL_PROCESS);
	insns[n++] = (struct sock_filter)BPF_STMT(
		BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
	insns[n++] = (struct sock_filter)BPF_JUMP(
		BPF_JMP | BPF_JGE | BPF_K, X32_SYSCALL_BIT,
		(unsigned char)(nhooks + 2), 0);
	/* Hook i jumps over the hooks after it and the ALLOW to USER_NOTIF. */
	for (unsigned int i = 0; i < nhooks; i++)
		insns[n++] = (struct sock_filter)BPF_JUMP(
			BPF_JMP | BPF_JEQ | BPF_K, hooks[i].nr,
			(unsigned char)(nhooks - i), 0);
	insns[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
						  SECCOMP_RET_ALLOW);
	insns[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
						  SECCOMP_RET_USER_NOTIF);
	/* The x32 jump above lands here, past USER_NOTIF. */
	insns[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
						  SECCOMP_RET_KILL_PROCESS);
	prog.len = n;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -errno;
	/* WAIT_KILLABLE_RECV (5.19+): once received, only SIGKILL stops it. */
	fd = (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, &prog);
	*killable = fd >= 0;
	if (fd < 0 && errno == EINVAL) {
		flags &= ~(unsigned int)SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV;
		fd = (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags,
				  &prog);
	}
	return fd < 0 ? -errno : fd;
}

/* Pass FD and one byte of data over the socket SOCK. */
static int send_fd(int sock, int fd, unsigned char byte)
{
	char cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { &byte, 1 };
	struct msghdr msg = { .msg_iov = &iov,
			      .msg_iovlen = 1,
			      .msg_control = cbuf,
			      .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *cmsg;

	memset(cbuf, 0, sizeof(cbuf));
	cmsg = CMSG_FIRSTHDR(&msg);
	cmsg->cmsg_level = SOL_SOCKET;
	cmsg->cmsg_type = SCM_RIGHTS;
	cmsg->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cmsg), &fd, sizeof(int));
	return sendmsg(sock, &msg, MSG_NOSIGNAL) == 1 ? 0 : -errno;
}

/* Receive one fd and its data byte. Returns the fd, -EPIPE or -errno. */
static int recv_fd(int sock, unsigned char *byte)
{
	char cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { byte, 1 };
	struct msghdr msg = { .msg_iov = &iov,
			      .msg_iovlen = 1,
			      .msg_control = cbuf,
			      .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *cmsg;
	ssize_t n;
	int fd;

	n = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);
	if (n < 0)
		return -errno;
	cmsg = CMSG_FIRSTHDR(&msg);
	if (n == 0 || !cmsg || cmsg->cmsg_type != SCM_RIGHTS)
		return -EPIPE; /* the child failed before sending */
	memcpy(&fd, CMSG_DATA(cmsg), sizeof(int));
	return fd;
}

/* The child: filter itself, hand over the listener, wait for "go", exec. */
static void run_child(int sock, pid_t parent, char **argv)
{
	bool killable = false;
	char go;
	int fd;

	/* A dead supervisor must not leave a tracee behind. */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) < 0 ||
	    getppid() != parent)
		_exit(125);
	fd = install_filter(&killable);
	if (fd < 0) {
		fprintf(stderr, "floor: seccomp: %s\n", strerror(-fd));
		_exit(125);
	}
	if (send_fd(sock, fd, killable) < 0)
		_exit(125);
	close_reset(&fd);
	/* Until "go" the parent has no receiver: exec's openat would stall. */
	if (read(sock, &go, 1) != 1)
		_exit(125);
	close_reset(&sock);
	execvp(argv[0], argv);
	fprintf(stderr, "floor: exec %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

/* Where the path argument is: its address, or 0 for a call without one. */
static uint64_t path_arg(const struct seccomp_data *d)
{
	for (unsigned int i = 0; i < nhooks; i++)
		if (hooks[i].nr == (unsigned int)d->nr)
			return hooks[i].path < 0 ? 0 : d->args[hooks[i].path];
	return 0;
}

/*
 * Copy the NUL-terminated string at ADDR in PID into BUF (SIZE bytes).
 * Reads stop at page ends, because the page after the string may be
 * unmapped and process_vm_readv would fail the whole read. Returns the
 * length, -EFAULT, -ESRCH or -ENAMETOOLONG.
 */
static long read_path(const struct server *srv, pid_t pid, uint64_t addr,
		      char *buf, size_t size)
{
	size_t limit = srv->first_chunk ? srv->first_chunk : size;
	size_t got = 0;

	if (addr == 0)
		return -EFAULT;
	while (got < size) {
		size_t page = (size_t)srv->page_size;
		size_t chunk = page - (size_t)((addr + got) % page);
		struct iovec local, remote;
		ssize_t n;
		char *nul;

		if (chunk > limit)
			chunk = limit;
		if (chunk > size - got)
			chunk = size - got;
		local = (struct iovec){ buf + got, chunk };
		remote = (struct iovec){ (void *)(uintptr_t)(addr + got),
					 chunk };
		n = process_vm_readv(pid, &local, 1, &remote, 1, 0);
		if (n < 0)
			return -errno;
		if (n == 0)
			return -EFAULT;
		nul = memchr(buf + got, '\0', (size_t)n);
		if (nul)
			return nul - buf;
		got += (size_t)n;
		limit = size; /* only the first read is capped */
	}
	return -ENAMETOOLONG;
}

/*
 * Handle one received notification the way a hook would, minus the
 * decision: copy the path, re-validate the id, answer CONTINUE.
 */
static void handle(struct worker *w, const struct seccomp_notif *req)
{
	struct server *srv = w->srv;
	struct seccomp_notif_resp *resp = w->resp;
	uint64_t addr;
	long len;

	addr = path_arg(&req->data);
	len = addr ? read_path(srv, (pid_t)req->pid, addr, w->path,
			       sizeof(w->path))
		   : 0; /* fchmod and the like: nothing to copy */
	if (len < 0) /* a real hook denies here; the floor just counts */
		atomic_fetch_add_explicit(&w->read_errors, 1,
					  memory_order_relaxed);
	/*
	 * The pid may have died and been reused while we read its memory:
	 * only a still-valid id proves the bytes came from the caller.
	 */
	if (ioctl(srv->notify_fd, SECCOMP_IOCTL_NOTIF_ID_VALID, &req->id) < 0) {
		atomic_fetch_add_explicit(&w->gone, 1, memory_order_relaxed);
		return;
	}
	if (srv->emulate_open && req->data.nr == __NR_openat) {
		/* Relative to our cwd, unchecked: a measuring tool only. */
		int fd = openat(AT_FDCWD, w->path,
				(int)req->data.args[2] | O_CLOEXEC,
				(mode_t)req->data.args[3]);
		struct seccomp_notif_addfd addfd = {
			.id = req->id,
			/* SECCOMP_ADDFD_FLAG_SEND (5.14) */
			.flags = srv->split_addfd ? 0 : 1u << 1,
			.srcfd = (uint32_t)fd,
			.newfd_flags =
				(uint32_t)(req->data.args[2] & O_CLOEXEC),
		};
		int newfd;

		if (fd < 0) {
			memset(resp, 0, srv->resp_size);
			resp->id = req->id;
			resp->error = -errno;
		} else if ((newfd = ioctl(srv->notify_fd,
					  SECCOMP_IOCTL_NOTIF_ADDFD, &addfd)) <
			   0) {
			atomic_fetch_add_explicit(&w->gone, 1,
						  memory_order_relaxed);
			close(fd);
			return;
		} else if (srv->split_addfd) {
			close(fd);
			memset(resp, 0, srv->resp_size);
			resp->id = req->id;
			resp->val = newfd;
		} else {
			atomic_fetch_add_explicit(&w->handled, 1,
						  memory_order_relaxed);
			close(fd);
			return;
		}
	} else {
		memset(resp, 0, srv->resp_size);
		resp->id = req->id;
		resp->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
	}
	if (ioctl(srv->notify_fd, SECCOMP_IOCTL_NOTIF_SEND, resp) < 0)
		atomic_fetch_add_explicit(&w->gone, 1, memory_order_relaxed);
	else
		atomic_fetch_add_explicit(&w->handled, 1, memory_order_relaxed);
}

/* True once every task using the filter has exited (POLLHUP). */
static bool is_listener_dead(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, 0) == 1 && (p.revents & POLLHUP);
}

/*
 * Receive into REQ. Returns 0, -EAGAIN when the caller should just retry
 * (EINTR, or ENOENT: the task left before we read it), or -EPIPE when the
 * listener is dead or unusable and the thread should stop.
 */
static int recv_one(int fd, struct seccomp_notif *req, size_t size)
{
	memset(req, 0, size); /* the kernel rejects a dirty buffer */
	if (ioctl(fd, SECCOMP_IOCTL_NOTIF_RECV, req) == 0)
		return 0;
	if (errno == EINTR)
		return -EAGAIN;
	if (errno == ENOENT)
		return is_listener_dead(fd) ? -EPIPE : -EAGAIN;
	fprintf(stderr, "floor: RECV: %s\n", strerror(errno));
	return -EPIPE;
}

/* single and all-recv: every thread sits in RECV on the same fd. */
static void *recv_loop(void *arg)
{
	struct worker *w = arg;
	int err;

	for (;;) {
		err = recv_one(w->srv->notify_fd, w->req, w->srv->notif_size);
		if (err == -EPIPE)
			return NULL;
		if (err == 0)
			handle(w, w->req);
	}
}

/*
 * leader: only the mutex holder is in RECV, so one wake-up reaches one
 * thread; it hands the role on as soon as it has a request.
 */
static void *leader_loop(void *arg)
{
	struct worker *w = arg;
	struct server *srv = w->srv;
	int err;

	for (;;) {
		pthread_mutex_lock(&srv->leader_lock);
		err = recv_one(srv->notify_fd, w->req, srv->notif_size);
		pthread_mutex_unlock(&srv->leader_lock);
		if (err == -EPIPE)
			return NULL;
		if (err == 0)
			handle(w, w->req);
	}
}

static int queue_init(struct queue *q, size_t notif_size)
{
	q->slots = calloc(QUEUE_SLOTS, notif_size);
	if (!q->slots)
		return -ENOMEM;
	pthread_mutex_init(&q->lock, NULL);
	pthread_cond_init(&q->not_empty, NULL);
	pthread_cond_init(&q->not_full, NULL);
	q->head = 0;
	q->count = 0;
	q->closed = false;
	return 0;
}

static void queue_push(struct queue *q, const void *req, size_t size)
{
	pthread_mutex_lock(&q->lock);
	while (q->count == QUEUE_SLOTS && !q->closed)
		pthread_cond_wait(&q->not_full, &q->lock);
	memcpy(q->slots + ((q->head + q->count) % QUEUE_SLOTS) * size, req,
	       size);
	q->count++;
	pthread_cond_signal(&q->not_empty);
	pthread_mutex_unlock(&q->lock);
}

/* Pop into REQ; false once the queue is closed and drained. */
static bool queue_pop(struct queue *q, void *req, size_t size)
{
	pthread_mutex_lock(&q->lock);
	while (q->count == 0 && !q->closed)
		pthread_cond_wait(&q->not_empty, &q->lock);
	if (q->count == 0) {
		pthread_mutex_unlock(&q->lock);
		return false;
	}
	memcpy(req, q->slots + q->head * size, size);
	q->head = (q->head + 1) % QUEUE_SLOTS;
	q->count--;
	pthread_cond_signal(&q->not_full);
	pthread_mutex_unlock(&q->lock);
	return true;
}

static void queue_close(struct queue *q)
{
	pthread_mutex_lock(&q->lock);
	q->closed = true;
	pthread_cond_broadcast(&q->not_empty);
	pthread_cond_broadcast(&q->not_full);
	pthread_mutex_unlock(&q->lock);
}

/* epoll-queue workers: pop, handle, repeat. */
static void *queue_worker(void *arg)
{
	struct worker *w = arg;

	while (queue_pop(&w->srv->queue, w->req, w->srv->notif_size))
		handle(w, w->req);
	return NULL;
}

/*
 * epoll-queue dispatcher, like Syd's notifier thread: wait for readiness,
 * RECV, queue. It never touches tracee memory, so a slow hook cannot hold
 * up the receipt of the next request.
 */
static void *dispatcher(void *arg)
{
	struct worker *w = arg;
	struct server *srv = w->srv;
	struct epoll_event ev = { .events = EPOLLIN,
				  .data.fd = srv->notify_fd };
	int epfd, n, err;

	epfd = epoll_create1(EPOLL_CLOEXEC);
	if (epfd < 0 || epoll_ctl(epfd, EPOLL_CTL_ADD, srv->notify_fd, &ev) < 0)
		die("epoll: %s", strerror(errno));
	for (;;) {
		n = epoll_wait(epfd, &ev, 1, -1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || (ev.events & (EPOLLHUP | EPOLLERR)))
			break;
		err = recv_one(srv->notify_fd, w->req, srv->notif_size);
		if (err == -EPIPE)
			break;
		if (err == 0) {
			queue_push(&srv->queue, w->req, srv->notif_size);
			atomic_fetch_add_explicit(&w->handled, 1,
						  memory_order_relaxed);
		}
	}
	close_reset(&epfd);
	queue_close(&srv->queue);
	return NULL;
}

static void worker_init(struct worker *w, struct server *srv)
{
	memset(w, 0, sizeof(*w));
	w->srv = srv;
	w->req = calloc(1, srv->notif_size);
	w->resp = calloc(1, srv->resp_size);
	if (!w->req || !w->resp)
		die("out of memory");
}

static void start(struct worker *w, void *(*fn)(void *))
{
	int err = pthread_create(&w->tid, NULL, fn, w);

	if (err)
		die("pthread_create: %s", strerror(err));
}

/* Start the receive threads for srv->mode. Returns how many workers. */
static unsigned int serve(struct server *srv, struct worker *workers)
{
	unsigned int n = srv->mode == MODE_SINGLE ? 1 : srv->threads;

	if (srv->mode == MODE_EPOLL_QUEUE) {
		if (queue_init(&srv->queue, srv->notif_size) < 0)
			die("out of memory");
		/* workers[0] is the dispatcher, then n handlers. */
		for (unsigned int i = 0; i <= n; i++)
			worker_init(&workers[i], srv);
		for (unsigned int i = 1; i <= n; i++)
			start(&workers[i], queue_worker);
		start(&workers[0], dispatcher);
		return n + 1;
	}
	pthread_mutex_init(&srv->leader_lock, NULL);
	for (unsigned int i = 0; i < n; i++) {
		worker_init(&workers[i], srv);
		start(&workers[i],
		      srv->mode == MODE_LEADER ? leader_loop : recv_loop);
	}
	return n;
}

/*
 * Wait for PID for at most TIMEOUT seconds, then kill it. Returns the
 * wait status. A pidfd lets poll() time out without a signal handler.
 */
static int reap(pid_t pid, unsigned int timeout)
{
	int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	struct pollfd p = { .fd = pidfd, .events = POLLIN };
	int status = 0;

	if (pidfd < 0)
		die("pidfd_open: %s", strerror(errno));
	while (poll(&p, 1, (int)(timeout * 1000u)) < 0 && errno == EINTR)
		;
	if (!(p.revents & POLLIN)) {
		fprintf(stderr, "floor: timeout after %us, killing %d\n",
			timeout, (int)pid);
		kill(pid, SIGKILL);
	}
	close_reset(&pidfd);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			die("waitpid: %s", strerror(errno));
	return status;
}

static void print_stats(const struct server *srv, struct worker *workers,
			unsigned int n, bool sync_wakeup, bool killable)
{
	fprintf(stderr,
		"floor: mode=%s threads=%u sync_wakeup=%s killable_recv=%s\n",
		mode_names[srv->mode], n, sync_wakeup ? "yes" : "no",
		killable ? "yes" : "no");
	for (unsigned int i = 0; i < n; i++)
		fprintf(stderr,
			"floor: thread %u handled=%lu read_errors=%lu "
			"gone=%lu\n",
			i, atomic_load(&workers[i].handled),
			atomic_load(&workers[i].read_errors),
			atomic_load(&workers[i].gone));
}

static void usage(FILE *out)
{
	fputs("usage: floor [--threads N] [--sync-wakeup] [--mode MODE]\n"
	      "             [--first-chunk BYTES] [--timeout SEC] [--stats]\n"
	      "             [--emulate-open] [--split-addfd] [--hooks "
	      "open-stat|all]\n"
	      "             -- COMMAND [ARGS...]\n"
	      "MODE: single (default), all-recv, leader, epoll-queue\n",
	      out);
}

static enum mode parse_mode(const char *s)
{
	for (unsigned int i = 0; i < sizeof(mode_names) / sizeof(*mode_names);
	     i++)
		if (strcmp(s, mode_names[i]) == 0)
			return (enum mode)i;
	die("unknown mode '%s'", s);
	return MODE_SINGLE;
}

static unsigned long parse_num(const char *s, unsigned long max)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || end == s || *end || v > max)
		die("bad number '%s'", s);
	return v;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "threads", required_argument, NULL, 't' },
		{ "sync-wakeup", no_argument, NULL, 's' },
		{ "mode", required_argument, NULL, 'm' },
		{ "first-chunk", required_argument, NULL, 'c' },
		{ "timeout", required_argument, NULL, 'T' },
		{ "stats", no_argument, NULL, 'v' },
		{ "emulate-open", no_argument, NULL, 'E' },
		{ "split-addfd", no_argument, NULL, 'S' },
		{ "hooks", required_argument, NULL, 'H' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static struct worker workers[MAX_THREADS + 1];
	struct server srv = { .notify_fd = -1,
			      .mode = MODE_SINGLE,
			      .threads = 1 };
	struct seccomp_notif_sizes sizes;
	unsigned int timeout = DEFAULT_TIMEOUT, nworkers;
	bool sync_wakeup = false, stats = false;
	unsigned char killable = 0;
	int sv[2], opt, status;
	struct timeval tv = { SETUP_TIMEOUT_MS / 1000, 0 };
	pid_t child, self = getpid();

	while ((opt = getopt_long(argc, argv, "+t:sm:c:T:vESH:h", opts,
				  NULL)) != -1) {
		switch (opt) {
		case 't':
			srv.threads =
				(unsigned int)parse_num(optarg, MAX_THREADS);
			break;
		case 's':
			sync_wakeup = true;
			break;
		case 'm':
			srv.mode = parse_mode(optarg);
			break;
		case 'H':
			if (strcmp(optarg, "all") == 0) {
				hooks = all_hooks;
				nhooks = sizeof(all_hooks) /
					 sizeof(all_hooks[0]);
			} else if (strcmp(optarg, "open-stat") != 0) {
				fprintf(stderr,
					"floor: --hooks: open-stat or all\n");
				return 2;
			}
			break;
		case 'c':
			srv.first_chunk = parse_num(optarg, PATH_MAX);
			break;
		case 'T':
			timeout = (unsigned int)parse_num(optarg, 86400);
			break;
		case 'v':
			stats = true;
			break;
		case 'E':
			srv.emulate_open = true;
			break;
		case 'S':
			srv.emulate_open = srv.split_addfd = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 125;
		}
	}
	if (optind >= argc || srv.threads == 0) {
		usage(stderr);
		return 125;
	}
	srv.page_size = sysconf(_SC_PAGESIZE);

	/* Size buffers as the kernel says, in case it grew the structs. */
	if (syscall(SYS_seccomp, SECCOMP_GET_NOTIF_SIZES, 0, &sizes) < 0)
		die("SECCOMP_GET_NOTIF_SIZES: %s", strerror(errno));
	srv.notif_size =
		max_size(sizes.seccomp_notif, sizeof(struct seccomp_notif));
	srv.resp_size = max_size(sizes.seccomp_notif_resp,
				 sizeof(struct seccomp_notif_resp));

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0)
		die("socketpair: %s", strerror(errno));
	child = fork();
	if (child < 0)
		die("fork: %s", strerror(errno));
	if (child == 0) {
		close_reset(&sv[0]);
		run_child(sv[1], self, argv + optind);
	}
	close_reset(&sv[1]);

	/* A child stuck before sending must not hang us: bound the wait. */
	setsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	srv.notify_fd = recv_fd(sv[0], &killable);
	if (srv.notify_fd < 0) {
		kill(child, SIGKILL);
		reap(child, 1);
		die("no listener from the child: %s", strerror(-srv.notify_fd));
	}
	/* The flag is the ioctl argument itself, not a pointer to it. */
	if (sync_wakeup && ioctl(srv.notify_fd, SECCOMP_IOCTL_NOTIF_SET_FLAGS,
				 SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP) < 0) {
		kill(child, SIGKILL);
		reap(child, 1);
		die("SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP: %s", strerror(errno));
	}

	nworkers = serve(&srv, workers);
	if (write(sv[0], "g", 1) != 1)
		die("go: %s", strerror(errno));
	close_reset(&sv[0]);

	status = reap(child, timeout);
	if (stats)
		print_stats(&srv, workers, nworkers, sync_wakeup, killable);
	/* Receivers may still be parked in RECV or on a lock: just leave. */
	if (WIFSIGNALED(status))
		exit(128 + WTERMSIG(status));
	exit(WEXITSTATUS(status));
}
