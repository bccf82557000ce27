/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fault injection, compiled only with -Dfault_injection=true: the libc
 * functions the supervisor calls to act for a sandboxed call are linked
 * through --wrap (src/meson.build lists them), so that a test can make a
 * chosen one fail with a chosen errno and show that the failure ends in a
 * denial, never in an allow (tests/integration/t-faults.sh). The normal
 * build has neither this file nor the wrapping.
 *
 * SYD_FAULT, read once at start (and removed from the environment the
 * command gets), is a comma-separated list of CALL:ERRNO:WHEN[@SYSCALL]:
 *   CALL    a wrapped function by the name the source calls it (open,
 *           fstat, readlinkat, process_vm_readv...; fault_names below),
 *           a system call made through syscall() by its name (openat2,
 *           pidfd_getfd, renameat2, getdents64...), or one of the
 *           notification ioctls: notif_recv, notif_send, notif_id_valid,
 *           notif_addfd (any other ioctl is "ioctl"); or "*": any of
 *           these (with WHEN N: the Nth wrapped call of any kind);
 *   ERRNO   the errno it fails with, by name (ENOMEM) or number;
 *   WHEN    N: the Nth such call only; *: every one;
 *   SYSCALL only the calls made while handling a notification of this
 *           system call (the loader's own opens and stats of the sandboxed
 *           program are not counted then); or "tracer": only the calls of
 *           the exec guard's tracer (supervise/trace.c), which no other
 *           entry reaches.
 * Only calls of emulator threads count, and with @tracer the tracer's: a
 * thread becomes an emulator at its first SECCOMP_IOCTL_NOTIF_RECV, the
 * tracer at its first waitpid(). Each failure made is told on stderr as
 * "syd: fault: CALL failed with ERRNO", so a test knows its fault was hit,
 * and so is the answer that call then got: "syd: fault: answered EIO" (an
 * errno), "answered N" (a value: an fd, a success) or "answered continue".
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

#define FAULTS_MAX 16

struct fault {
	char call[32];
	long nr; /* CALL as a system call number, or -1 */
	int err;
	unsigned long when; /* 0: every call */
	int scope; /* the notification's system call, or -1: any */
	atomic_ulong seen;
};

static struct fault faults[FAULTS_MAX];
static unsigned nfaults;

/*
 * Set at the thread's first NOTIF_RECV; the call it is handling, and
 * whether a fault was made while handling it.
 */
static _Thread_local bool emulator;
static _Thread_local int handling = -1;
static _Thread_local bool tracer;

#define SCOPE_TRACER (-2)
static _Thread_local bool faulted;

/*
 * The libc functions wrapped below, by the names the source uses, and the
 * notification ioctls, separated by spaces.
 */
static const char fault_names[] =
	"open openat fstat stat fstatat statx fstatfs readlink readlinkat "
	"read pread pwrite lseek fcntl process_vm_readv process_vm_writev "
	"mkdirat mknodat unlinkat linkat symlinkat fchownat chmod truncate "
	"utimensat faccessat fchmod fchown fallocate ftruncate getxattr "
	"listxattr setxattr removexattr fgetxattr flistxattr fsetxattr "
	"fremovexattr inotify_add_watch kill ioctl notif_recv notif_send "
	"notif_id_valid notif_addfd malloc calloc realloc strdup";

static _Noreturn void bad(const char *entry, const char *why)
{
	fprintf(stderr, "syd: SYD_FAULT: %s: %s\n", entry, why);
	exit(2);
}

static int errno_from_name(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s && !*end)
		return v > 0 && v < 4096 ? (int)v : -1;
	for (int e = 1; e < 4096; e++) {
		const char *name = strerrorname_np(e);

		if (name && !strcmp(name, s))
			return e;
	}
	return -1;
}

static const char *errno_name(int e)
{
	const char *name = strerrorname_np(e);

	return name ? name : "an unnamed errno";
}

static bool known_call(const char *call)
{
	size_t n = strlen(call);

	for (const char *p = fault_names; n && (p = strstr(p, call)); p += n)
		if ((p == fault_names || p[-1] == ' ') &&
		    (p[n] == ' ' || !p[n]))
			return true;
	return false;
}

static void parse(char *entry)
{
	struct fault *f = &faults[nfaults];
	char *err, *when, *scope, *end;

	if (nfaults == FAULTS_MAX)
		bad(entry, "too many entries");
	err = strchr(entry, ':');
	when = err ? strchr(err + 1, ':') : NULL;
	if (!when)
		bad(entry, "not CALL:ERRNO:WHEN[@SYSCALL]");
	*err++ = '\0';
	*when++ = '\0';
	scope = strchr(when, '@');
	if (scope)
		*scope++ = '\0';
	if (strlen(entry) >= sizeof(f->call))
		bad(entry, "no such call");
	strcpy(f->call, entry);
	f->nr = seccomp_syscall_resolve_name(entry);
	if (f->nr < 0 && !known_call(entry) && strcmp(entry, "*"))
		bad(entry, "neither a wrapped function nor a system call");
	f->err = errno_from_name(err);
	if (f->err < 0)
		bad(err, "not an errno");
	if (!strcmp(when, "*")) {
		f->when = 0;
	} else {
		f->when = strtoul(when, &end, 10);
		if (!*when || *end || f->when == 0)
			bad(when, "WHEN is a count from 1, or *");
	}
	f->scope = -1;
	if (scope && !strcmp(scope, "tracer")) {
		f->scope = SCOPE_TRACER;
	} else if (scope) {
		f->scope = seccomp_syscall_resolve_name(scope);
		if (f->scope < 0)
			bad(scope, "no such system call");
	}
	atomic_init(&f->seen, 0);
	nfaults++;
}

__attribute__((constructor)) static void fault_init(void)
{
	const char *env = getenv("SYD_FAULT");
	char *copy, *entry, *save = NULL;

	if (!env || !*env)
		return;
	copy = strdup(env);
	if (!copy)
		bad(env, "out of memory");
	for (entry = strtok_r(copy, ",", &save); entry;
	     entry = strtok_r(NULL, ",", &save))
		parse(entry);
	free(copy);
	unsetenv("SYD_FAULT");
}

/*
 * Should this call of CALL (or of system call NR through syscall(), else
 * -1) fail? Returns the errno to fail it with, or 0.
 */
static int fault(const char *call, long nr)
{
	if (!emulator && !tracer)
		return 0;
	for (unsigned i = 0; i < nfaults; i++) {
		struct fault *f = &faults[i];
		bool any = !strcmp(f->call, "*");
		unsigned long seen;
		char *name = NULL;

		if ((f->scope == SCOPE_TRACER) != tracer)
			continue;
		if (f->scope >= 0 && f->scope != handling)
			continue;
		if (!any && (nr >= 0 ? f->nr != nr : strcmp(f->call, call)))
			continue;
		seen = atomic_fetch_add(&f->seen, 1) + 1;
		if (f->when && seen != f->when)
			continue;
		if (nr >= 0)
			name = seccomp_syscall_resolve_num_arch(
				SCMP_ARCH_NATIVE, (int)nr);
		fprintf(stderr, "syd: fault: %s failed with %s\n",
			nr >= 0 ? (name ? name : "syscall") : call,
			errno_name(f->err));
		free(name);
		faulted = true;
		return f->err;
	}
	return 0;
}

/*
 * WRAP(ret, symbol, call, (params), (args)): __wrap_SYMBOL, which fails
 * with -1 and errno when fault(CALL) says so, and calls the real one else.
 */
#define WRAP(ret, sym, call, params, args)                                     \
	ret __real_##sym params;                                               \
	ret __wrap_##sym params;                                               \
	ret __wrap_##sym params                                                \
	{                                                                      \
		int e = fault(call, -1);                                       \
		if (e) {                                                       \
			errno = e;                                             \
			return (ret)-1;                                        \
		}                                                              \
		return __real_##sym args;                                      \
	}

WRAP(int, fstat64, "fstat", (int fd, struct stat *st), (fd, st))
WRAP(int, stat64, "stat", (const char *p, struct stat *st), (p, st))
WRAP(int, fstatat64, "fstatat", (int d, const char *p, struct stat *st, int fl),
     (d, p, st, fl))
WRAP(int, statx, "statx",
     (int d, const char *p, int fl, unsigned m, struct statx *st),
     (d, p, fl, m, st))
WRAP(int, fstatfs64, "fstatfs", (int fd, struct statfs *st), (fd, st))
WRAP(ssize_t, readlink, "readlink", (const char *p, char *b, size_t n),
     (p, b, n))
WRAP(ssize_t, readlinkat, "readlinkat",
     (int d, const char *p, char *b, size_t n), (d, p, b, n))
WRAP(ssize_t, read, "read", (int fd, void *b, size_t n), (fd, b, n))
WRAP(ssize_t, pread64, "pread", (int fd, void *b, size_t n, off_t o),
     (fd, b, n, o))
WRAP(ssize_t, pwrite64, "pwrite", (int fd, const void *b, size_t n, off_t o),
     (fd, b, n, o))
WRAP(off_t, lseek64, "lseek", (int fd, off_t o, int w), (fd, o, w))
WRAP(ssize_t, process_vm_readv, "process_vm_readv",
     (pid_t p, const struct iovec *l, unsigned long ln, const struct iovec *r,
      unsigned long rn, unsigned long f),
     (p, l, ln, r, rn, f))
WRAP(ssize_t, process_vm_writev, "process_vm_writev",
     (pid_t p, const struct iovec *l, unsigned long ln, const struct iovec *r,
      unsigned long rn, unsigned long f),
     (p, l, ln, r, rn, f))
WRAP(int, mkdirat, "mkdirat", (int d, const char *p, mode_t m), (d, p, m))
WRAP(int, mknodat, "mknodat", (int d, const char *p, mode_t m, dev_t v),
     (d, p, m, v))
WRAP(int, unlinkat, "unlinkat", (int d, const char *p, int f), (d, p, f))
WRAP(int, linkat, "linkat",
     (int d, const char *p, int nd, const char *np, int f), (d, p, nd, np, f))
WRAP(int, symlinkat, "symlinkat", (const char *t, int d, const char *p),
     (t, d, p))
WRAP(int, fchownat, "fchownat", (int d, const char *p, uid_t u, gid_t g, int f),
     (d, p, u, g, f))
WRAP(int, chmod, "chmod", (const char *p, mode_t m), (p, m))
WRAP(int, truncate64, "truncate", (const char *p, off_t l), (p, l))
WRAP(int, utimensat, "utimensat",
     (int d, const char *p, const struct timespec t[2], int f), (d, p, t, f))
WRAP(int, faccessat, "faccessat", (int d, const char *p, int m, int f),
     (d, p, m, f))
WRAP(int, fchmod, "fchmod", (int fd, mode_t m), (fd, m))
WRAP(int, fchown, "fchown", (int fd, uid_t u, gid_t g), (fd, u, g))
WRAP(int, fallocate64, "fallocate", (int fd, int m, off_t o, off_t l),
     (fd, m, o, l))
WRAP(int, ftruncate64, "ftruncate", (int fd, off_t l), (fd, l))
WRAP(ssize_t, getxattr, "getxattr",
     (const char *p, const char *k, void *v, size_t n), (p, k, v, n))
WRAP(ssize_t, listxattr, "listxattr", (const char *p, char *l, size_t n),
     (p, l, n))
WRAP(int, setxattr, "setxattr",
     (const char *p, const char *k, const void *v, size_t n, int f),
     (p, k, v, n, f))
WRAP(int, removexattr, "removexattr", (const char *p, const char *k), (p, k))
WRAP(ssize_t, fgetxattr, "fgetxattr",
     (int fd, const char *k, void *v, size_t n), (fd, k, v, n))
WRAP(ssize_t, flistxattr, "flistxattr", (int fd, char *l, size_t n), (fd, l, n))
WRAP(int, fsetxattr, "fsetxattr",
     (int fd, const char *k, const void *v, size_t n, int f), (fd, k, v, n, f))
WRAP(int, fremovexattr, "fremovexattr", (int fd, const char *k), (fd, k))
WRAP(int, inotify_add_watch, "inotify_add_watch",
     (int fd, const char *p, uint32_t m), (fd, p, m))
WRAP(int, kill, "kill", (pid_t p, int s), (p, s))

/* The tracer's loop waits here first: from then on it is the tracer. */
pid_t __real_waitpid(pid_t pid, int *status, int options);
pid_t __wrap_waitpid(pid_t pid, int *status, int options);
pid_t __wrap_waitpid(pid_t pid, int *status, int options)
{
	tracer = true;
	return __real_waitpid(pid, status, options);
}

/* Allocations: they fail with NULL (and the errno asked for, as a hint). */
#define WRAP_ALLOC(ret, sym, params, args)                                     \
	ret __real_##sym params;                                               \
	ret __wrap_##sym params;                                               \
	ret __wrap_##sym params                                                \
	{                                                                      \
		int e = fault(#sym, -1);                                       \
		if (e) {                                                       \
			errno = e;                                             \
			return NULL;                                           \
		}                                                              \
		return __real_##sym args;                                      \
	}

WRAP_ALLOC(void *, malloc, (size_t n), (n))
WRAP_ALLOC(void *, calloc, (size_t k, size_t n), (k, n))
WRAP_ALLOC(void *, realloc, (void *p, size_t n), (p, n))
WRAP_ALLOC(char *, strdup, (const char *s), (s))

/*
 * Variadic ones: the optional argument is passed on as the kernel takes
 * it. An open's mode comes only with O_CREAT or O_TMPFILE.
 */
#define WRAP_OPEN(fn, call, params, args)                                      \
	int __real_##fn params;                                                \
	int __wrap_##fn params;                                                \
	int __wrap_##fn params                                                 \
	{                                                                      \
		mode_t m = 0;                                                  \
		int e = fault(call, -1);                                       \
                                                                               \
		if ((fl & O_CREAT) || (fl & O_TMPFILE) == O_TMPFILE) {         \
			va_list ap;                                            \
                                                                               \
			va_start(ap, fl);                                      \
			m = va_arg(ap, mode_t);                                \
			va_end(ap);                                            \
		}                                                              \
		if (e) {                                                       \
			errno = e;                                             \
			return -1;                                             \
		}                                                              \
		return __real_##fn args;                                       \
	}

WRAP_OPEN(open64, "open", (const char *p, int fl, ...), (p, fl, m))
WRAP_OPEN(openat64, "openat", (int d, const char *p, int fl, ...),
	  (d, p, fl, m))

int __real_fcntl64(int fd, int cmd, ...);
int __wrap_fcntl64(int fd, int cmd, ...);
int __wrap_fcntl64(int fd, int cmd, ...)
{
	va_list ap;
	void *arg;
	int e = fault("fcntl", -1);

	/* As glibc's own fcntl(): whatever was passed, in its register. */
	va_start(ap, cmd);
	arg = va_arg(ap, void *);
	va_end(ap);
	if (e) {
		errno = e;
		return -1;
	}
	return __real_fcntl64(fd, cmd, arg);
}

static const char *ioctl_call(unsigned long req)
{
	switch (req) {
	case SECCOMP_IOCTL_NOTIF_RECV:
		return "notif_recv";
	case SECCOMP_IOCTL_NOTIF_SEND:
		return "notif_send";
	case SECCOMP_IOCTL_NOTIF_ID_VALID:
		return "notif_id_valid";
	case SECCOMP_IOCTL_NOTIF_ADDFD:
		return "notif_addfd";
	default:
		return "ioctl";
	}
}

/*
 * The answer a call that met a fault got, for the test to judge: an errno,
 * a value (an fd handed over, a success), or "continue", which after a
 * fault is almost always the bug these tests look for.
 */
static void tell_answer(const struct seccomp_notif_resp *r)
{
	if (r->flags & SECCOMP_USER_NOTIF_FLAG_CONTINUE)
		fputs("syd: fault: answered continue\n", stderr);
	else if (r->error)
		fprintf(stderr, "syd: fault: answered %s\n",
			errno_name(-r->error));
	else
		fprintf(stderr, "syd: fault: answered %lld\n",
			(long long)r->val);
}

int __real_ioctl(int fd, unsigned long req, ...);
int __wrap_ioctl(int fd, unsigned long req, ...);
int __wrap_ioctl(int fd, unsigned long req, ...)
{
	va_list ap;
	void *arg;
	int e, ret;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	if (req == SECCOMP_IOCTL_NOTIF_RECV) {
		emulator = true;
		handling = -1;
		faulted = false;
	}
	e = fault(ioctl_call(req), -1);
	if (e) {
		errno = e;
		return -1;
	}
	ret = __real_ioctl(fd, req, arg);
	if (ret == 0 && req == SECCOMP_IOCTL_NOTIF_RECV)
		handling = ((struct seccomp_notif *)arg)->data.nr;
	if (ret == 0 && req == SECCOMP_IOCTL_NOTIF_SEND && faulted)
		tell_answer(arg);
	return ret;
}

/*
 * syscall(): matched on its number. Six arguments are passed on whatever
 * the call takes, as musl's syscall() reads them: the extra ones are
 * ignored by the kernel.
 */
long __real_syscall(long nr, ...);
long __wrap_syscall(long nr, ...);
long __wrap_syscall(long nr, ...)
{
	va_list ap;
	long a[6];
	int e = fault(NULL, nr);

	va_start(ap, nr);
	for (int i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	if (e) {
		errno = e;
		return -1;
	}
	return __real_syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
}
