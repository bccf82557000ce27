/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The workload the floor benchmark times: one system call (or openat+close)
 * in a tight loop, in one or more threads, printing one key=value line. It
 * issues raw syscall(2)s so that libc cannot cache, redirect or batch them,
 * and knows nothing about seccomp.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_THREADS 64
#define WARMUP_MAX  20000

enum op {
	OP_OPEN, /* openat + close: only openat is hooked */
	OP_STAT, /* newfstatat */
	OP_GETPID, /* never hooked: the filter-only control */
	OP_DENIED, /* openat that the policy refuses (any outcome counts) */
	OP_FORKEXEC, /* fork, execve PATH (default /bin/true), wait */
	OP_READDIR, /* open directory PATH, getdents64 to the end, close */
	OP_STATX, /* statx of PATH, basic stats */
	OP_CREAT, /* openat O_CREAT|O_WRONLY of PATH (made once) + close */
	OP_MISSING, /* openat of PATH, which does not exist */
	OP_MKFILE, /* openat O_CREAT|O_EXCL of PATH (new), close, unlink */
	OP_CONNECT, /* socket, connect to a loopback TCP listener, close */
	OP_SENDTO, /* sendto of one byte to a loopback UDP socket */
};

static const char *const op_names[] = {
	[OP_OPEN] = "open",	    [OP_STAT] = "stat",
	[OP_GETPID] = "getpid",	    [OP_DENIED] = "denied",
	[OP_FORKEXEC] = "forkexec", [OP_READDIR] = "readdir",
	[OP_STATX] = "statx",	    [OP_CREAT] = "creat",
	[OP_MISSING] = "missing",   [OP_MKFILE] = "mkfile",
	[OP_CONNECT] = "connect",   [OP_SENDTO] = "sendto",
};

struct run {
	enum op op;
	const char *path;
	unsigned long iters;
	pthread_barrier_t barrier;
	struct sockaddr_in peer; /* connect, sendto: the loopback server */
};

/* Each thread's UDP socket (sendto). */
static _Thread_local int udp = -1;

struct thread {
	struct run *run; /* borrowed */
	pthread_t tid;
	uint64_t start_ns;
	uint64_t end_ns;
	int err; /* first -errno seen, 0 if none */
};

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* One operation. Returns 0 or -errno. */
static int do_op(const struct run *r)
{
	struct statx stx;
	struct stat st;
	long fd;

	switch (r->op) {
	case OP_STATX:
		if (syscall(SYS_statx, AT_FDCWD, r->path, 0, STATX_BASIC_STATS,
			    &stx) < 0)
			return -errno;
		return 0;
	case OP_CREAT:
		fd = syscall(SYS_openat, AT_FDCWD, r->path,
			     O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
		if (fd < 0)
			return -errno;
		close((int)fd);
		return 0;
	case OP_MKFILE:
		fd = syscall(SYS_openat, AT_FDCWD, r->path,
			     O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0644);
		if (fd < 0)
			return -errno;
		close((int)fd);
		return syscall(SYS_unlinkat, AT_FDCWD, r->path, 0) < 0 ? -errno
								       : 0;
	case OP_MISSING:
		fd = syscall(SYS_openat, AT_FDCWD, r->path,
			     O_RDONLY | O_CLOEXEC);
		if (fd >= 0) {
			close((int)fd);
			return -EEXIST; /* it is there: not this benchmark */
		}
		return errno == ENOENT ? 0 : -errno;
	case OP_OPEN:
		fd = syscall(SYS_openat, AT_FDCWD, r->path,
			     O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return -errno;
		close((int)fd);
		return 0;
	case OP_STAT:
		if (syscall(SYS_newfstatat, AT_FDCWD, r->path, &st, 0) < 0)
			return -errno;
		return 0;
	case OP_GETPID:
		syscall(SYS_getpid);
		return 0;
	case OP_DENIED:
		fd = syscall(SYS_openat, AT_FDCWD, r->path,
			     O_RDONLY | O_CLOEXEC);
		if (fd >= 0)
			close((int)fd); /* natively it opens: same work */
		return 0;
	case OP_FORKEXEC: {
		char *const argv[] = { (char *)r->path, NULL };
		int status;
		pid_t pid = fork();

		if (pid < 0)
			return -errno;
		if (pid == 0) {
			execve(r->path, argv, environ);
			_exit(127);
		}
		if (waitpid(pid, &status, 0) < 0)
			return -errno;
		return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0
								     : -ECHILD;
	}
	case OP_CONNECT:
		fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (fd < 0)
			return -errno;
		if (connect((int)fd, (const struct sockaddr *)&r->peer,
			    sizeof(r->peer)) < 0) {
			int e = errno;

			close((int)fd);
			return -e;
		}
		close((int)fd);
		return 0;
	case OP_SENDTO:
		if (udp < 0)
			udp = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		if (udp < 0)
			return -errno;
		if (sendto(udp, "x", 1, 0, (const struct sockaddr *)&r->peer,
			   sizeof(r->peer)) < 0)
			return errno == ENOBUFS || errno == EAGAIN ? 0 : -errno;
		return 0;
	case OP_READDIR: {
		char buf[32768];
		long n;

		fd = syscall(SYS_openat, AT_FDCWD, r->path,
			     O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fd < 0)
			return -errno;
		while ((n = syscall(SYS_getdents64, (int)fd, buf,
				    sizeof(buf))) > 0)
			;
		close((int)fd);
		return n < 0 ? -errno : 0;
	}
	}
	return -EINVAL;
}

/* The loopback server: accepts and closes (TCP), reads and drops (UDP). */
static int server_fd;
static bool server_tcp;

static void *serve(void *arg)
{
	char buf[64];
	int c;

	(void)arg;
	for (;;) {
		if (!server_tcp) {
			(void)!recv(server_fd, buf, sizeof(buf), 0);
			continue;
		}
		c = accept4(server_fd, NULL, NULL, SOCK_CLOEXEC);
		if (c >= 0)
			close(c);
	}
	return NULL;
}

/*
 * A server on 127.0.0.1 (an ephemeral port) for connect or sendto, served
 * by a thread of this process; R->peer gets its address.
 */
static int start_server(struct run *r)
{
	socklen_t len = sizeof(r->peer);
	pthread_t t;
	int fd;

	server_tcp = r->op == OP_CONNECT;
	fd = socket(AF_INET,
		    (server_tcp ? SOCK_STREAM : SOCK_DGRAM) | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	r->peer.sin_family = AF_INET;
	r->peer.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&r->peer, sizeof(r->peer)) < 0 ||
	    getsockname(fd, (struct sockaddr *)&r->peer, &len) < 0 ||
	    (server_tcp && listen(fd, 4096) < 0))
		return -errno;
	server_fd = fd;
	if (pthread_create(&t, NULL, serve, NULL) != 0)
		return -EAGAIN;
	pthread_detach(t);
	return 0;
}

/* Warm caches and the supervisor's threads, then run the timed loop. */
static void *loop(void *arg)
{
	struct thread *t = arg;
	const struct run *r = t->run;
	unsigned long warm =
		r->iters / 10 < WARMUP_MAX ? r->iters / 10 : WARMUP_MAX;
	int err = 0;

	for (unsigned long i = 0; i < warm && !err; i++)
		err = do_op(r);
	pthread_barrier_wait(&t->run->barrier);
	t->start_ns = now_ns();
	for (unsigned long i = 0; i < r->iters && !err; i++)
		err = do_op(r);
	t->end_ns = now_ns();
	t->err = err;
	return NULL;
}

static void usage(FILE *out)
{
	fputs("usage: workload [--threads T] [--path FILE] OP ITERATIONS\n"
	      "OP: open (openat+close FILE), stat (newfstatat FILE), getpid,\n"
	      "    denied (openat+close FILE, failure is fine), forkexec\n"
	      "    (fork, execve FILE, wait), readdir (open FILE, read all\n"
	      "    entries, close), connect (socket, connect to a loopback\n"
	      "    TCP server of its own, close), sendto (one byte to its\n"
	      "    loopback UDP server)\n"
	      "Each of the T threads runs ITERATIONS operations; prints\n"
	      "ns_per_op (mean time one thread waits per operation) and\n"
	      "ops_per_sec (all threads together, wall clock).\n",
	      out);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "threads", required_argument, NULL, 't' },
		{ "path", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static struct thread threads[MAX_THREADS];
	struct run run = { .path = NULL };
	unsigned long nthreads = 1;
	uint64_t first = UINT64_MAX, last = 0;
	double busy_ns = 0;
	bool found = false;
	int opt, err;

	while ((opt = getopt_long(argc, argv, "t:p:h", opts, NULL)) != -1) {
		switch (opt) {
		case 't':
			nthreads = strtoul(optarg, NULL, 10);
			break;
		case 'p':
			run.path = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (argc - optind != 2 || nthreads == 0 || nthreads > MAX_THREADS) {
		usage(stderr);
		return 2;
	}
	for (unsigned int i = 0; i < sizeof(op_names) / sizeof(*op_names); i++)
		if (strcmp(argv[optind], op_names[i]) == 0) {
			run.op = (enum op)i;
			found = true;
		}
	run.iters = strtoul(argv[optind + 1], NULL, 10);
	if (!run.path)
		run.path = run.op == OP_FORKEXEC  ? "/bin/true"
			   : run.op == OP_READDIR ? "/etc"
						  : "/etc/passwd";
	if (!found || run.iters == 0) {
		usage(stderr);
		return 2;
	}

	if (run.op == OP_CONNECT || run.op == OP_SENDTO) {
		err = start_server(&run);
		if (err < 0) {
			fprintf(stderr, "workload: server: %s\n",
				strerror(-err));
			return 1;
		}
	}
	pthread_barrier_init(&run.barrier, NULL, (unsigned int)nthreads);
	for (unsigned long i = 0; i < nthreads; i++) {
		threads[i].run = &run;
		err = pthread_create(&threads[i].tid, NULL, loop, &threads[i]);
		if (err) {
			fprintf(stderr, "workload: pthread_create: %s\n",
				strerror(err));
			return 1;
		}
	}
	for (unsigned long i = 0; i < nthreads; i++) {
		pthread_join(threads[i].tid, NULL);
		if (threads[i].err) {
			fprintf(stderr, "workload: %s %s: %s\n",
				op_names[run.op], run.path,
				strerror(-threads[i].err));
			return 1;
		}
		busy_ns += (double)(threads[i].end_ns - threads[i].start_ns);
		if (threads[i].start_ns < first)
			first = threads[i].start_ns;
		if (threads[i].end_ns > last)
			last = threads[i].end_ns;
	}
	/* Latency: per thread; throughput: all threads over the wall clock. */
	printf("op=%s threads=%lu iters=%lu ns_per_op=%.1f ops_per_sec=%.0f "
	       "wall_ns=%llu\n",
	       op_names[run.op], nthreads, run.iters,
	       busy_ns / (double)nthreads / (double)run.iters,
	       (double)(nthreads * run.iters) * 1e9 / (double)(last - first),
	       (unsigned long long)(last - first));
	return 0;
}
