/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * try-syscall OP ARGS...: make one system call and print its outcome: "OK",
 * "OK <value>", or the errno's name ("EACCES"). Integration tests run it
 * under syd and compare with what the kernel answers without syd.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/openat2.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

static const struct {
	const char *name;
	int flag;
} open_flags[] = {
	{ "rdonly", O_RDONLY },	    { "wronly", O_WRONLY },
	{ "rdwr", O_RDWR },	    { "creat", O_CREAT },
	{ "excl", O_EXCL },	    { "trunc", O_TRUNC },
	{ "nofollow", O_NOFOLLOW }, { "directory", O_DIRECTORY },
	{ "path", O_PATH },	    { "tmpfile", O_TMPFILE },
	{ "append", O_APPEND },	    { "cloexec", O_CLOEXEC },
	{ "nonblock", O_NONBLOCK },
};

static int parse_flags(const char *s)
{
	char buf[256], *tok, *save = NULL;
	int flags = 0;

	snprintf(buf, sizeof(buf), "%s", s);
	for (tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		size_t i;

		for (i = 0; i < sizeof(open_flags) / sizeof(open_flags[0]); i++)
			if (!strcmp(tok, open_flags[i].name))
				break;
		if (i == sizeof(open_flags) / sizeof(open_flags[0])) {
			fprintf(stderr, "unknown flag %s\n", tok);
			exit(2);
		}
		flags |= open_flags[i].flag;
	}
	return flags;
}

static unsigned long long parse_resolve(const char *s)
{
	unsigned long long r = 0;

	if (strstr(s, "beneath"))
		r |= RESOLVE_BENEATH;
	if (strstr(s, "in_root"))
		r |= RESOLVE_IN_ROOT;
	if (strstr(s, "no_symlinks"))
		r |= RESOLVE_NO_SYMLINKS;
	if (strstr(s, "no_magiclinks"))
		r |= RESOLVE_NO_MAGICLINKS;
	if (strstr(s, "no_xdev"))
		r |= RESOLVE_NO_XDEV;
	return r;
}

static int result(long ret)
{
	if (ret < 0) {
		const char *name = strerrorname_np(errno);

		printf("%s\n", name ? name : "E?");
	} else {
		printf("OK %ld\n", ret);
	}
	return 0;
}

/* Print what an fd holds (first line), or its kind for non-files. */
static int show_fd(int fd)
{
	char buf[128];
	ssize_t n;

	if (fd < 0)
		return result(fd);
	n = read(fd, buf, sizeof(buf) - 1);
	if (n < 0) {
		printf("OK fd (read: %s)\n", strerrorname_np(errno));
		return 0;
	}
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	printf("OK %s\n", buf);
	return 0;
}

static void on_xfsz(int sig)
{
	(void)sig;
	(void)!write(STDOUT_FILENO, "SIGXFSZ\n", 8);
}

static void on_alarm(int sig)
{
	(void)sig;
	(void)!write(STDOUT_FILENO, "SIGALRM\n", 8);
}

static void on_usr1(int sig)
{
	(void)sig;
}

static char other_result[32];

/* fifo2: the second thread's open, and what it gave. */
static void *open_other(void *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	const char *name = strerrorname_np(errno);

	snprintf(other_result, sizeof(other_result), "%s",
		 fd >= 0 ? "OK"
		 : name	 ? name
			 : "E?");
	return NULL;
}

/* fifoblk: the second thread takes SIGUSR1, then opens like open_other. */
static void *open_other_unblocked(void *path)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	return open_other(path);
}

/* A resource limit argument: a number or "inf". */
static rlim_t rlim_arg(const char *s)
{
	return !strcmp(s, "inf") ? RLIM_INFINITY : strtoull(s, NULL, 0);
}

static void print_rlim(const char *before, rlim_t v)
{
	if (v == RLIM_INFINITY)
		printf("%sinf", before);
	else
		printf("%s%llu", before, (unsigned long long)v);
}

/* One directory entry as a listing gave it. */
struct entry {
	long long off; /* d_off: the position after it */
	char name[256];
};

static int by_name(const void *x, const void *y)
{
	return strcmp(((const struct entry *)x)->name,
		      ((const struct entry *)y)->name);
}

/*
 * Read all of FD with getdents64 (or, OLD, getdents) in calls of SIZE
 * bytes, into E (MAX entries, "." and ".." left out). Returns the number
 * read, or -1 with errno set by the call that failed.
 */
static long read_dir(int fd, size_t size, bool old, struct entry *e, size_t max)
{
	static char buf[1 << 16];
	size_t n = 0;

	if (size > sizeof(buf))
		size = sizeof(buf);
	for (;;) {
		long got = syscall(old ? SYS_getdents : SYS_getdents64, fd, buf,
				   size);

		if (got <= 0)
			return got < 0 ? -1 : (long)n;
		for (long at = 0; at < got;) {
			unsigned short reclen;
			long long off;
			const char *name = buf + at + (old ? 18 : 19);

			memcpy(&off, buf + at + 8, sizeof(off));
			memcpy(&reclen, buf + at + 16, sizeof(reclen));
			if (strcmp(name, ".") && strcmp(name, "..") &&
			    n < max) {
				e[n].off = off;
				snprintf(e[n].name, sizeof(e[n].name), "%s",
					 name);
				n++;
			}
			at += reclen;
		}
	}
}

static struct entry entries[4096];

/*
 * "list DIR SIZE [old]": the names a listing in SIZE-byte calls gives,
 * sorted, or the errno of the call that failed. "seekdir DIR SIZE":
 * each position a listing gave (d_off) taken again with lseek, the next
 * entry read from there must be the one that followed it. "listfault
 * DIR": a listing into a bad buffer fails with EFAULT and leaves the
 * position: the next one still gives the first entries.
 */
static int list_op(const char *op, const char *dir, const char *size,
		   const char *old)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	size_t sz = size ? strtoul(size, NULL, 0) : 32768;
	long n;

	if (fd < 0)
		return result(-1);
	if (!strcmp(op, "listfault")) {
		long r = syscall(SYS_getdents64, fd, (void *)16, 4096);

		if (r >= 0 || errno != EFAULT)
			return r < 0 ? result(r) : (puts("no EFAULT"), 0);
	}
	n = read_dir(fd, sz, old && !strcmp(old, "old"), entries,
		     sizeof(entries) / sizeof(entries[0]));
	if (n < 0)
		return result(-1);
	if (!strcmp(op, "seekdir")) {
		for (long i = 0; i < n; i++) {
			struct entry next[1];
			long got;

			if (lseek(fd, entries[i].off, SEEK_SET) < 0)
				return result(-1);
			got = read_dir(fd, sz, false, next, 1);
			if (got < 0)
				return result(-1);
			if (i + 1 < n ? got == 0 || strcmp(next[0].name,
							   entries[i + 1].name)
				      : got != 0) {
				printf("after %s: %s\n", entries[i].name,
				       got ? next[0].name : "(end)");
				return 0;
			}
		}
		printf("OK %ld\n", n);
		return 0;
	}
	qsort(entries, (size_t)n, sizeof(entries[0]), by_name);
	fputs("OK", stdout);
	for (long i = 0; i < n; i++)
		printf(" %s", entries[i].name);
	putchar('\n');
	return 0;
}

static int usage(void)
{
	fputs("usage: try-syscall OP ARGS (see the source)\n", stderr);
	return 2;
}

int main(int argc, char **argv)
{
	const char *op = argc > 1 ? argv[1] : "";
	const char *a = argc > 2 ? argv[2] : NULL;
	const char *b = argc > 3 ? argv[3] : NULL;
	const char *c = argc > 4 ? argv[4] : NULL;
	struct stat st;

	if (!a)
		return usage();
	if (!strcmp(op, "ids") && b) {
		/*
		 * "ids R,E,S OP ARGS": setresuid(R, E, S) (-1: unchanged),
		 * then OP in this same process; a failed setresuid prints its
		 * errno and stops.
		 */
		long r, e, s;

		if (sscanf(a, "%ld,%ld,%ld", &r, &e, &s) != 3)
			return usage();
		if (syscall(SYS_setresuid, r, e, s) < 0)
			return result(-1);
		return main(argc - 2, argv + 2);
	}
	if (!strcmp(op, "fdat") && b && c) {
		/* "fdat N FILE OP ARGS": FILE opened as fd N, then OP. */
		int fd = open(b, O_RDONLY | O_CLOEXEC);

		if (fd < 0 || dup2(fd, atoi(a)) < 0)
			return result(-1);
		return main(argc - 3, argv + 3);
	}
	if (!strcmp(op, "chroot") && b) {
		/* "chroot DIR OP ARGS": chroot(DIR), chdir("/"), then OP. */
		if (chroot(a) < 0 || chdir("/") < 0)
			return result(-1);
		return main(argc - 2, argv + 2);
	}
	if (!strcmp(op, "core")) {
		/*
		 * RLIMIT_CORE: "core get" prints "OK SOFT HARD"; "core set
		 * SOFT HARD" is setrlimit(2); "core prlimit PID SOFT HARD" is
		 * prlimit64(2) on PID, printing the old limits. Limits are
		 * numbers or "inf".
		 */
		struct rlimit lim, old;
		long ret;

		if (!strcmp(a, "get")) {
			ret = getrlimit(RLIMIT_CORE, &old);
		} else if (!strcmp(a, "set") && b && c) {
			lim.rlim_cur = rlim_arg(b);
			lim.rlim_max = rlim_arg(c);
			return result(
				syscall(SYS_setrlimit, RLIMIT_CORE, &lim));
		} else if (!strcmp(a, "prlimit") && b && c && argc > 5) {
			lim.rlim_cur = rlim_arg(c);
			lim.rlim_max = rlim_arg(argv[5]);
			ret = syscall(SYS_prlimit64, atol(b), RLIMIT_CORE, &lim,
				      &old);
		} else {
			return usage();
		}
		if (ret < 0)
			return result(ret);
		print_rlim("OK ", old.rlim_cur);
		print_rlim(" ", old.rlim_max);
		putchar('\n');
		return 0;
	}
	if (!strcmp(op, "ioctl") && b) {
		/* "ioctl FILE REQUEST": on FILE opened read-only, argument 0. */
		int fd = open(a, O_RDONLY | O_CLOEXEC);

		return fd < 0 ? result(fd)
			      : result(syscall(SYS_ioctl, fd,
					       strtoul(b, NULL, 0), 0L));
	}
	if (!strcmp(op, "uffd")) /* "uffd user|all": userfaultfd(2) */
		return result(
			syscall(SYS_userfaultfd,
				O_CLOEXEC | (!strcmp(a, "user") ? 1 : 0)));
	if (!strcmp(op, "map") && b) {
		/*
		 * "map FILE OP ARGS": map a page of FILE (its fd closed
		 * again), then OP, with every argument "MAPPED" replaced by
		 * the mapping's /proc/self/map_files entry.
		 */
		static char entry[64];
		int fd = open(a, O_RDONLY | O_CLOEXEC);
		void *m;

		if (fd < 0)
			return result(-1);
		m = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
		close(fd);
		if (m == MAP_FAILED)
			return result(-1);
		snprintf(entry, sizeof(entry), "/proc/self/map_files/%lx-%lx",
			 (unsigned long)m, (unsigned long)m + 4096);
		for (int i = 3; i < argc; i++)
			if (!strcmp(argv[i], "MAPPED"))
				argv[i] = entry;
		return main(argc - 2, argv + 2);
	}
	if (!strcmp(op, "anon") && b) {
		/*
		 * "anon inotify|eventfd OP ARGS": make an fd of that kind,
		 * then OP, with every argument "ANON" replaced by its
		 * /proc/self/fd/N ("anon_inode:inotify", "anon_inode:[eventfd]").
		 */
		static char link[64];
		int fd = !strcmp(a, "inotify") ? inotify_init1(IN_CLOEXEC)
					       : eventfd(0, EFD_CLOEXEC);

		if (fd < 0)
			return result(-1);
		snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
		for (int i = 3; i < argc; i++)
			if (!strcmp(argv[i], "ANON"))
				argv[i] = link;
		return main(argc - 2, argv + 2);
	}
	if (!strcmp(op, "alarm") && b) {
		/*
		 * "alarm SECS [restart] OP ARGS": SIGALRM caught (printed
		 * when it comes), with SA_RESTART if asked, in SECS seconds;
		 * then OP.
		 */
		bool restart = !strcmp(b, "restart");
		struct sigaction sa = { .sa_handler = on_alarm,
					.sa_flags = restart ? SA_RESTART : 0 };

		if (sigaction(SIGALRM, &sa, NULL) < 0)
			return result(-1);
		alarm((unsigned)atoi(a));
		return restart ? main(argc - 3, argv + 3)
			       : main(argc - 2, argv + 2);
	}
	if (!strcmp(op, "fifo2")) {
		/*
		 * "fifo2 DIR": this thread and a second one each open a FIFO
		 * of DIR to read; a child signals the process (SIGUSR1,
		 * caught without SA_RESTART), which the kernel gives to one
		 * thread: that one's open fails with EINTR, the other's goes
		 * on until this thread opens its FIFO to write. Prints what
		 * each open gave, this thread's first.
		 */
		static char other[PATH_MAX];
		struct sigaction sa = { .sa_handler = on_usr1 };
		char mine[PATH_MAX];
		pthread_t t;
		int fd, w;

		snprintf(mine, sizeof(mine), "%s/fifo-main", a);
		snprintf(other, sizeof(other), "%s/fifo-thread", a);
		if ((mkfifo(mine, 0600) < 0 && errno != EEXIST) ||
		    (mkfifo(other, 0600) < 0 && errno != EEXIST) ||
		    sigaction(SIGUSR1, &sa, NULL) < 0 ||
		    pthread_create(&t, NULL, open_other, other) != 0)
			return result(-1);
		if (fork() == 0) {
			usleep(500000);
			kill(getppid(), SIGUSR1);
			_exit(0);
		}
		fd = open(mine, O_RDONLY | O_CLOEXEC);
		printf("main: %s\n", fd < 0 ? strerrorname_np(errno) : "OK");
		usleep(300000);
		w = open(other, O_WRONLY | O_CLOEXEC);
		pthread_join(t, NULL);
		printf("thread: %s\n", other_result);
		return w < 0 ? result(w) : 0;
	}
	if (!strcmp(op, "tmplink")) {
		/*
		 * "tmplink DIR [excl]": an O_TMPFILE file in DIR (O_EXCL with
		 * "excl": never to be linked), then linked as DIR/tmplinked
		 */
		int fd = open(a,
			      O_TMPFILE | O_WRONLY | O_CLOEXEC |
				      (b && !strcmp(b, "excl") ? O_EXCL : 0),
			      0600);
		char link[64], dst[PATH_MAX];

		if (fd < 0)
			return result(fd);
		snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
		snprintf(dst, sizeof(dst), "%s/tmplinked", a);
		return result(linkat(AT_FDCWD, link, AT_FDCWD, dst,
				     AT_SYMLINK_FOLLOW));
	}
	if (!strcmp(op, "openloop") && b) {
		/*
		 * "openloop FILE N": open FILE N times; counts opens that
		 * failed and those that gave fd 0, 1 or 2 (never free here:
		 * a wrong answer).
		 */
		long count = atol(b), bogus = 0, errs = 0;

		for (long i = 0; i < count; i++) {
			int fd = open(a, O_RDONLY | O_CLOEXEC);

			if (fd < 0)
				errs++;
			else if (fd <= 2)
				bogus++;
			else
				close(fd);
		}
		printf("OK bogus=%ld errs=%ld\n", bogus, errs);
		return 0;
	}
	if (!strcmp(op, "fifoblk")) {
		/*
		 * "fifoblk DIR": this thread blocks SIGUSR1 (caught without
		 * SA_RESTART); a second one, which does not, opens a FIFO of
		 * DIR to read; a child signals the process, which only the
		 * second thread can take: its open fails with EINTR. If it has
		 * not ended after 3 s, this thread opens the FIFO to write,
		 * ending a wait the
		 * signal did not end. Prints what the second thread's open
		 * gave.
		 */
		static char fifo[PATH_MAX];
		struct sigaction sa = { .sa_handler = on_usr1 };
		struct timespec end;
		sigset_t set;
		pthread_t t;
		int w;

		snprintf(fifo, sizeof(fifo), "%s/fifo-blk", a);
		sigemptyset(&set);
		sigaddset(&set, SIGUSR1);
		if ((mkfifo(fifo, 0600) < 0 && errno != EEXIST) ||
		    sigaction(SIGUSR1, &sa, NULL) < 0 ||
		    pthread_sigmask(SIG_BLOCK, &set, NULL) != 0 ||
		    pthread_create(&t, NULL, open_other_unblocked, fifo) != 0)
			return result(-1);
		if (fork() == 0) {
			usleep(500000);
			kill(getppid(), SIGUSR1);
			_exit(0);
		}
		clock_gettime(CLOCK_REALTIME, &end);
		end.tv_sec += 3;
		if (pthread_timedjoin_np(t, NULL, &end) != 0) {
			w = open(fifo, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
			pthread_join(t, NULL);
			if (w >= 0)
				close(w);
		}
		printf("thread: %s\n", other_result);
		return 0;
	}
	if (!strcmp(op, "fsizeup")) {
		/* "fsizeup OP ARGS": the soft RLIMIT_FSIZE up to the hard */
		struct rlimit lim;

		if (getrlimit(RLIMIT_FSIZE, &lim) < 0)
			return result(-1);
		lim.rlim_cur = lim.rlim_max;
		if (setrlimit(RLIMIT_FSIZE, &lim) < 0)
			return result(-1);
		return main(argc - 1, argv + 1);
	}
	if (!strcmp(op, "lease")) {
		/*
		 * "lease FILE": take a read lease on FILE (made if missing);
		 * a child truncates it with an alarm in a second (handler
		 * without SA_RESTART). Prints the child's outcome.
		 */
		int fd = open(a, O_RDONLY | O_CREAT | O_CLOEXEC, 0644), status;
		pid_t pid;

		/* The break is signalled with SIGIO, which would end us. */
		struct sigaction io = { .sa_handler = on_usr1 };

		if (fd < 0 || sigaction(SIGIO, &io, NULL) < 0 ||
		    fcntl(fd, F_SETLEASE, F_RDLCK) < 0)
			return result(-1);
		pid = fork();
		if (pid == 0) {
			struct sigaction sa = { .sa_handler = on_usr1 };

			sigaction(SIGALRM, &sa, NULL);
			alarm(1);
			result(truncate(a, 0));
			fflush(stdout);
			_exit(0);
		}
		if (pid < 0)
			return result(-1);
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			; /* SIGIO, the lease break */
		return 0;
	}
	if (!strcmp(op, "fifoopen")) {
		/* "fifoopen PATH": make a FIFO (if missing), open it to read */
		if (mkfifo(a, 0600) < 0 && errno != EEXIST)
			return result(-1);
		return result(open(a, O_RDONLY | O_CLOEXEC));
	}
	if (!strcmp(op, "fsize") && b) {
		/*
		 * "fsize N OP ARGS": RLIMIT_FSIZE of N bytes, SIGXFSZ caught
		 * (printed when it comes), then OP.
		 */
		struct rlimit lim = { (rlim_t)atol(a), (rlim_t)atol(a) };
		struct sigaction sa = { .sa_handler = on_xfsz };

		if (setrlimit(RLIMIT_FSIZE, &lim) < 0 ||
		    sigaction(SIGXFSZ, &sa, NULL) < 0)
			return result(-1);
		return main(argc - 2, argv + 2);
	}
	if (!strcmp(op, "setflags")) {
		/* "setflags FILE": FS_IOC_SETFLAGS append-only on, then off */
		int fd = open(a, O_RDONLY | O_CLOEXEC), fl = 0, r;

		if (fd < 0 || ioctl(fd, FS_IOC_GETFLAGS, &fl) < 0)
			return result(-1);
		fl |= FS_APPEND_FL;
		r = ioctl(fd, FS_IOC_SETFLAGS, &fl);
		fl &= ~FS_APPEND_FL;
		if (r == 0)
			ioctl(fd, FS_IOC_SETFLAGS, &fl);
		return result(r);
	}
	if (!strcmp(op, "fallocate") && b) /* "fallocate FILE LENGTH" */ {
		int fd = open(a, O_RDWR | O_CLOEXEC);

		return fd < 0 ? result(fd)
			      : result(fallocate(fd, 0, 0, atol(b)));
	}
	if (!strcmp(op, "killparent")) {
		/*
		 * "killparent SIG": kill(2) the parent with the pid's upper
		 * 32 bits set, which the kernel ignores (pid_t is an int).
		 */
		return result((int)syscall(
			SYS_kill, (1UL << 32) | (unsigned long)getppid(),
			atoi(a)));
	}
	if (!strcmp(op, "tcpbind") || !strcmp(op, "tcpconnect")) {
		/* "tcpbind PORT", "tcpconnect PORT": 127.0.0.1:PORT */
		struct sockaddr_in sin = { .sin_family = AF_INET };
		int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

		if (fd < 0)
			return result(fd);
		sin.sin_port = htons((uint16_t)atoi(a));
		sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		return result(
			op[3] == 'b'
				? bind(fd, (struct sockaddr *)&sin, sizeof(sin))
				: connect(fd, (struct sockaddr *)&sin,
					  sizeof(sin)));
	}
	if (!strcmp(op, "tkill") && b) /* "tkill TID SIG" */
		return result(syscall(SYS_tkill, atoi(a), atoi(b)));
	if (!strcmp(op, "nobsethi") && b) {
		/*
		 * "nobsethi OP ARGS": nobset with the prctl option's upper 32
		 * bits set, which the kernel ignores.
		 */
		static const int dac[] = { CAP_DAC_OVERRIDE,
					   CAP_DAC_READ_SEARCH };

		for (int i = 0; i < 2; i++)
			if (syscall(SYS_prctl, (1UL << 32) | PR_CAPBSET_DROP,
				    dac[i], 0, 0, 0) < 0)
				return result(-1);
		return main(argc - 1, argv + 1);
	}
	if (!strcmp(op, "nocaps") || !strcmp(op, "nobset")) {
		/*
		 * "nocaps OP ARGS": drop CAP_DAC_OVERRIDE and
		 * CAP_DAC_READ_SEARCH from the effective set (kept permitted);
		 * "nobset OP ARGS": from the bounding set (an exec as root then
		 * leaves them out). Then OP in this same process.
		 */
		static const int dac[] = { CAP_DAC_OVERRIDE,
					   CAP_DAC_READ_SEARCH };

		if (!strcmp(op, "nobset")) {
			for (int i = 0; i < 2; i++)
				if (prctl(PR_CAPBSET_DROP, dac[i], 0, 0, 0) < 0)
					return result(-1);
		} else {
			struct __user_cap_header_struct h = {
				_LINUX_CAPABILITY_VERSION_3, 0
			};
			struct __user_cap_data_struct d[2];

			if (syscall(SYS_capget, &h, d) < 0)
				return result(-1);
			for (int i = 0; i < 2; i++)
				d[0].effective &= ~(1u << dac[i]);
			if (syscall(SYS_capset, &h, d) < 0)
				return result(-1);
		}
		return main(argc - 1, argv + 1);
	}
	if (!strcmp(op, "list") || !strcmp(op, "seekdir") ||
	    !strcmp(op, "listfault"))
		return list_op(op, a, b, c);
	if (!strcmp(op, "getcwd")) { /* "getcwd DIR|-": chdir, then getcwd */
		char cwd[4096];

		if (strcmp(a, "-") && chdir(a) < 0)
			return result(-1);
		if (!getcwd(cwd, sizeof(cwd)))
			return result(-1);
		printf("OK %s\n", cwd);
		return 0;
	}
	if (!strcmp(op, "open"))
		return show_fd(open(a, b ? parse_flags(b) : O_RDONLY,
				    c ? (mode_t)strtol(c, NULL, 8) : 0644));
	if (!strcmp(op, "openin") && b) {
		/* open B relative to the working directory A */
		if (chdir(a) < 0)
			return result(-1);
		return show_fd(open(b, O_RDONLY));
	}
	if (!strcmp(op, "fdflags")) {
		/* The status flags the opened fd carries, as fcntl shows them. */
		int fd = open(a, b ? parse_flags(b) : O_RDONLY), fl;

		if (fd < 0)
			return result(fd);
		fl = fcntl(fd, F_GETFL);
		printf("OK%s%s%s\n",
		       (fl & O_ACCMODE) == O_RDONLY   ? " rdonly"
		       : (fl & O_ACCMODE) == O_WRONLY ? " wronly"
						      : " rdwr",
		       fl & O_NONBLOCK ? " nonblock" : "",
		       fl & O_APPEND ? " append" : "");
		return 0;
	}
	if (!strcmp(op, "openfd") && b) /* openat(A as an fd number, B) */
		return show_fd(openat(atoi(a), b, O_RDONLY));
	if (!strcmp(op, "openat") && b && c) {
		int dfd = open(a, O_PATH | O_DIRECTORY);

		if (dfd < 0)
			return result(dfd);
		return show_fd(openat(dfd, b, parse_flags(c), 0644));
	}
	if (!strcmp(op, "openat2") && b && c) {
		struct open_how how = { 0 };
		int dfd = open(a, O_PATH | O_DIRECTORY);

		if (dfd < 0)
			return result(dfd);
		how.flags = (unsigned long long)parse_flags(c);
		how.resolve = argc > 5 ? parse_resolve(argv[5]) : 0;
		if (how.flags & (O_CREAT | O_TMPFILE))
			how.mode = 0644;
		return show_fd(
			(int)syscall(SYS_openat2, dfd, b, &how, sizeof(how)));
	}
	if (!strcmp(op, "stat")) {
		long r = stat(a, &st);

		return r < 0 ? result(r) : (printf("OK %o\n", st.st_mode), 0);
	}
	if (!strcmp(op, "lstat")) {
		long r = lstat(a, &st);

		return r < 0 ? result(r) : (printf("OK %o\n", st.st_mode), 0);
	}
	if (!strcmp(op, "statxm") && b) {
		/*
		 * "statxm PATH MASK[,FLAG...]": statx with MASK (hex) and the
		 * flags named (nofollow, dontsync, forcesync; fd: on an fd of
		 * PATH with AT_EMPTY_PATH), printing the mask it reports and
		 * each field that mask says was filled, but atime.
		 */
		unsigned mask = (unsigned)strtoul(b, NULL, 16);
		int flags = 0, dirfd = AT_FDCWD;
		const char *path = a;
		struct statx x;
		long r;

		if (strstr(b, "nofollow"))
			flags |= AT_SYMLINK_NOFOLLOW;
		if (strstr(b, "dontsync"))
			flags |= AT_STATX_DONT_SYNC;
		if (strstr(b, "forcesync"))
			flags |= AT_STATX_FORCE_SYNC;
		if (strstr(b, "fd")) {
			dirfd = open(a, O_PATH | O_CLOEXEC);
			if (dirfd < 0)
				return result(-1);
			flags |= AT_EMPTY_PATH;
			path = "";
		}
		memset(&x, 0xa5, sizeof(x));
		r = statx(dirfd, path, flags, mask, &x);
		if (r < 0)
			return result(r);
		printf("OK mask=%x", x.stx_mask);
		if (x.stx_mask & (STATX_TYPE | STATX_MODE))
			printf(" mode=%o", x.stx_mode);
		if (x.stx_mask & STATX_INO)
			printf(" ino=%llu", (unsigned long long)x.stx_ino);
		if (x.stx_mask & STATX_NLINK)
			printf(" nlink=%u", x.stx_nlink);
		if (x.stx_mask & STATX_UID)
			printf(" uid=%u gid=%u", x.stx_uid, x.stx_gid);
		if (x.stx_mask & STATX_SIZE)
			printf(" size=%llu", (unsigned long long)x.stx_size);
		if (x.stx_mask & STATX_MTIME)
			printf(" mtime=%lld.%u", (long long)x.stx_mtime.tv_sec,
			       x.stx_mtime.tv_nsec);
		if (x.stx_mask & STATX_CTIME)
			printf(" ctime=%lld.%u", (long long)x.stx_ctime.tv_sec,
			       x.stx_ctime.tv_nsec);
		if (x.stx_mask & STATX_BTIME)
			printf(" btime=%lld.%u", (long long)x.stx_btime.tv_sec,
			       x.stx_btime.tv_nsec);
		printf(" dev=%u:%u\n", x.stx_dev_major, x.stx_dev_minor);
		return 0;
	}
	if (!strcmp(op, "statx")) {
		struct statx stx;
		long r = statx(AT_FDCWD, a, AT_SYMLINK_NOFOLLOW, STATX_ALL,
			       &stx);

		return r < 0 ? result(r)
			     : (printf("OK %o %llu\n", stx.stx_mode,
				       (unsigned long long)stx.stx_size),
				0);
	}
	if (!strcmp(op, "statfs")) {
		struct statfs sf;
		long r = statfs(a, &sf);

		return r < 0 ? result(r)
			     : (printf("OK %lx\n", (long)sf.f_type), 0);
	}
	if (!strcmp(op, "lchmod") && b) /* fchmodat(AT_SYMLINK_NOFOLLOW) */
		return result(fchmodat(AT_FDCWD, a, (mode_t)strtol(b, NULL, 8),
				       AT_SYMLINK_NOFOLLOW));
	if (!strcmp(op, "fchdirpipe")) { /* "fchdirpipe x": onto a pipe */
		int p[2];

		if (pipe(p) < 0)
			return result(-1);
		return result(fchdir(p[0]));
	}
	if (!strcmp(op, "fchdir")) { /* "fchdir DIR": by an O_PATH fd */
		int fd = open(a, O_PATH | O_DIRECTORY | O_CLOEXEC);
		char cwd[PATH_MAX];

		if (fd < 0 || fchdir(fd) < 0 || !getcwd(cwd, sizeof(cwd)))
			return result(-1);
		printf("OK %s\n", cwd);
		return 0;
	}
	if (!strcmp(op, "fstatcwd")) { /* "fstatcwd DIR|-": chdir, then "" */
		if (strcmp(a, "-") && chdir(a) < 0)
			return result(-1);
		return fstatat(AT_FDCWD, "", &st, AT_EMPTY_PATH) < 0
			       ? result(-1)
			       : (printf("OK %o\n", st.st_mode), 0);
	}
	if (!strcmp(op, "fstat")) {
		int fd = open(a, O_RDONLY);

		if (fd < 0)
			return result(fd);
		return fstat(fd, &st) < 0 ? result(-1)
					  : (printf("OK %o\n", st.st_mode), 0);
	}
	if (!strcmp(op, "access")) {
		int mode = F_OK;

		if (b && strchr(b, 'r'))
			mode |= R_OK;
		if (b && strchr(b, 'w'))
			mode |= W_OK;
		if (b && strchr(b, 'x'))
			mode |= X_OK;
		return result(access(a, mode));
	}
	if (!strcmp(op, "nullpath-at")) {
		/*
		 * "nullpath-at FILE": each *at() call that takes AT_EMPTY_PATH,
		 * with a NULL path, on an fd of FILE and on AT_FDCWD; one line
		 * each. linkat would make "nulllink".
		 */
		int fd = open(a, O_RDWR | O_CLOEXEC);
		struct statx sx;
		const int dirs[2] = { fd, AT_FDCWD };

		if (fd < 0)
			return result(-1);
		for (int i = 0; i < 2; i++) {
			int d = dirs[i];

			printf("%s: ", i ? "cwd" : "fd");
			printf("newfstatat ");
			result(syscall(SYS_newfstatat, d, NULL, &st,
				       AT_EMPTY_PATH));
			printf("statx ");
			result(syscall(SYS_statx, d, NULL, AT_EMPTY_PATH,
				       STATX_BASIC_STATS, &sx));
			printf("fchownat ");
			result(syscall(SYS_fchownat, d, NULL, -1, -1,
				       AT_EMPTY_PATH));
			printf("faccessat2 ");
			result(syscall(SYS_faccessat2, d, NULL, R_OK,
				       AT_EMPTY_PATH));
			printf("linkat ");
			result(syscall(SYS_linkat, d, NULL, AT_FDCWD,
				       "nulllink", AT_EMPTY_PATH));
			printf("utimensat ");
			result(syscall(SYS_utimensat, d, NULL, NULL,
				       AT_EMPTY_PATH));
		}
		return 0;
	}
	if (!strcmp(op, "mkdir"))
		return result(mkdir(a, 0755));
	if (!strcmp(op, "rmdir"))
		return result(rmdir(a));
	if (!strcmp(op, "unlink"))
		return result(unlink(a));
	if (!strcmp(op, "unlinkat") && b)
		return result(
			unlinkat(AT_FDCWD, a,
				 !strcmp(b, "removedir") ? AT_REMOVEDIR : 0));
	if (!strcmp(op, "rename") && b)
		return result(rename(a, b));
	if (!strcmp(op, "renameat2") && b && c)
		return result(syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b,
				      !strcmp(c, "noreplace")  ? 1
				      : !strcmp(c, "exchange") ? 2
				      : !strcmp(c, "whiteout") ? 4
							       : 0));
	if (!strcmp(op, "link") && b)
		return result(link(a, b));
	if (!strcmp(op, "symlink") && b)
		return result(symlink(a, b));
	if (!strcmp(op, "readlink")) {
		char buf[4096];
		ssize_t n = readlink(a, buf, sizeof(buf) - 1);

		if (n < 0)
			return result(n);
		buf[n] = '\0';
		printf("OK %s\n", buf);
		return 0;
	}
	if (!strcmp(op, "chmod") && b)
		return result(chmod(a, (mode_t)strtol(b, NULL, 8)));
	if (!strcmp(op, "chown") && b && c)
		return result(chown(a, (uid_t)atoi(b), (gid_t)atoi(c)));
	if (!strcmp(op, "truncate") && b)
		return result(truncate(a, atol(b)));
	if (!strcmp(op, "utimensat"))
		return result(utimensat(AT_FDCWD, a, NULL, 0));
	if (!strcmp(op, "utimensat-null") && b) {
		/*
		 * "utimensat-null cwd|PATH FLAGS": utimensat(2) with a NULL
		 * path, on AT_FDCWD or on an fd opened read-only on PATH;
		 * FLAGS: 0, nofollow, empty (AT_SYMLINK_NOFOLLOW,
		 * AT_EMPTY_PATH).
		 */
		int fd = strcmp(a, "cwd") ? open(a, O_RDONLY | O_CLOEXEC)
					  : AT_FDCWD;
		int flags = !strcmp(b, "nofollow") ? AT_SYMLINK_NOFOLLOW
			    : !strcmp(b, "empty")  ? AT_EMPTY_PATH
						   : 0;

		if (fd == -1)
			return result(-1);
		return result(syscall(SYS_utimensat, fd, NULL, NULL, flags));
	}
	if (!strcmp(op, "mknod") && b) {
		mode_t type = !strcmp(b, "fifo")   ? S_IFIFO
			      : !strcmp(b, "chr")  ? S_IFCHR
			      : !strcmp(b, "dir")  ? S_IFDIR
			      : !strcmp(b, "sock") ? S_IFSOCK
						   : S_IFREG;

		return result(mknod(a, type | 0644,
				    type == S_IFCHR ? makedev(1, 3) : 0));
	}
	if (!strcmp(op, "chdir")) {
		char cwd[4096];

		if (chdir(a) < 0)
			return result(-1);
		printf("OK %s\n", getcwd(cwd, sizeof(cwd)) ? cwd : "?");
		return 0;
	}
	if (!strcmp(op, "fchmod") && b) {
		int fd = open(a, O_RDONLY);

		return fd < 0 ? result(fd)
			      : result(fchmod(fd, (mode_t)strtol(b, NULL, 8)));
	}
	if (!strcmp(op, "memfd")) {
		/*
		 * "memfd NAME": memfd_create, size it, write, then read it
		 * back through a reopen of /proc/self/fd/N.
		 */
		char proc[64];
		int fd = memfd_create(a, MFD_CLOEXEC), rfd;

		if (fd < 0 || ftruncate(fd, 4096) < 0 ||
		    pwrite(fd, "memory\n", 7, 0) != 7)
			return result(-1);
		snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
		rfd = open(proc, O_RDONLY | O_CLOEXEC);
		return show_fd(rfd);
	}
	if (!strcmp(op, "ftruncate") && b) {
		int fd = open(a, O_RDWR);

		return fd < 0 ? result(fd) : result(ftruncate(fd, atol(b)));
	}
	if (!strcmp(op, "socket")) {
		/* "socket inet|inet6|unix|packet|netlink|NUMBER" */
		long fam = !strcmp(a, "inet")	   ? AF_INET
			   : !strcmp(a, "inet6")   ? AF_INET6
			   : !strcmp(a, "unix")	   ? AF_UNIX
			   : !strcmp(a, "packet")  ? AF_PACKET
			   : !strcmp(a, "netlink") ? AF_NETLINK
						   : strtol(a, NULL, 0);
		int type = fam == AF_PACKET || fam == AF_NETLINK ? SOCK_RAW
								 : SOCK_STREAM;

		return result(syscall(SYS_socket, fam, type, 0));
	}
	if (!strcmp(op, "execcheck")) /* execveat(AT_EXECVE_CHECK): no exec */
		return result(syscall(SYS_execveat, AT_FDCWD, a, argv + 2,
				      (char *[]){ NULL }, 0x10000));
	if (!strcmp(op, "execat")) /* exec by execveat(2), not execve(2) */
		return result(syscall(SYS_execveat, AT_FDCWD, a, argv + 2,
				      (char *[]){ NULL }, 0));
	if (!strcmp(op, "exec")) {
		execv(a, argv + 2);
		return result(-1);
	}
	if (!strcmp(op, "fexec")) { /* execveat(fd, "", AT_EMPTY_PATH) */
		int fd = open(a, O_PATH | O_CLOEXEC);

		if (fd < 0)
			return result(fd);
		return result(syscall(SYS_execveat, fd, "", argv + 2,
				      (char *[]){ NULL }, AT_EMPTY_PATH));
	}
	return usage();
}
