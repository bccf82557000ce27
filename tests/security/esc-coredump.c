/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A core dump written where the policy forbids writing. The kernel writes
 * the dump itself (with a plain core_pattern such as "core", into the
 * crashing process's cwd, unlinking an older "core" first): no system call
 * reaches syd, so the only defence is that no sandboxed process can dump.
 * The attack raises RLIMIT_CORE by each route the kernel offers (setrlimit,
 * prlimit64 on itself, prlimit64 from another process of the sandbox),
 * then crashes a child whose cwd is DIR/work, which the "rowork" policy
 * keeps read-only. ESCAPED when the kernel reports a dump (WCOREDUMP): with
 * a plain pattern it is the file it made in DIR/work; with a pipe or an
 * absolute pattern the dump left the sandbox by a way the limit governs.
 * ESCAPED too when a route raised the limit although no dump followed:
 * whether the kernel then writes one depends on the machine (its pattern,
 * its pipe helper, the file system), not on the sandbox, and a machine that
 * dumps would have had the file. Natively a route can always raise it as
 * root, so the test detects an escape on every machine.
 */
#include <signal.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "esc.h"

enum route {
	ROUTE_SETRLIMIT,
	ROUTE_PRLIMIT_SELF,
	ROUTE_PRLIMIT_OTHER
};

static const char *const route_name[] = { "setrlimit", "prlimit64 on itself",
					  "prlimit64 from another process" };

static long set_core(enum route how, pid_t pid, const struct rlimit *r)
{
	if (how == ROUTE_SETRLIMIT)
		return syscall(SYS_setrlimit, RLIMIT_CORE, r);
	return syscall(SYS_prlimit64, pid, RLIMIT_CORE, r, NULL);
}

/*
 * Raise PID's (0: our own) RLIMIT_CORE: to unlimited, else (without
 * CAP_SYS_RESOURCE) the soft limit up to a hard one above 0. Returns 0 or
 * -errno.
 */
static int raise_core(enum route how, pid_t pid)
{
	struct rlimit r = { RLIM_INFINITY, RLIM_INFINITY }, cur;
	int err;

	if (set_core(how, pid, &r) == 0)
		return 0;
	err = errno;
	if (err != EPERM ||
	    syscall(SYS_prlimit64, pid, RLIMIT_CORE, NULL, &cur) < 0 ||
	    cur.rlim_max == 0)
		return -err;
	r.rlim_cur = cur.rlim_max;
	r.rlim_max = cur.rlim_max;
	return set_core(how, pid, &r) == 0 ? 0 : -errno;
}

/* In a child: crash with the default action of SIGSEGV, a core signal. */
__attribute__((noreturn)) static void crash(void)
{
	struct rlimit r;

	if (getrlimit(RLIMIT_CORE, &r) == 0 && r.rlim_cur == 0)
		_exit(42); /* nothing would be dumped: say so */
	signal(SIGSEGV, SIG_DFL);
	kill(getpid(), SIGSEGV);
	_exit(43);
}

/*
 * One route, in a child whose cwd is DIR/work. Returns 1 when the kernel
 * dumped core, 0 when not; *err gets the route's errno (0: the limit rose).
 */
static int try_route(const struct esc *e, enum route how, int *err)
{
	int go[2], res[2], status = 0;
	char byte = 0;
	pid_t pid;

	*err = 0;
	if (pipe(go) < 0 || pipe(res) < 0)
		esc_exit(e, ESC_SETUP, "pipe: %s", strerror(errno));
	pid = fork();
	if (pid < 0)
		esc_exit(e, ESC_SETUP, "fork: %s", strerror(errno));
	if (pid == 0) {
		int r = 0;

		if (chdir(e->work) < 0)
			_exit(2);
		if (how != ROUTE_PRLIMIT_OTHER)
			r = raise_core(how, 0);
		else if (read(go[0], &byte, 1) != 1)
			_exit(2);
		(void)!write(res[1], &r, sizeof(r));
		crash();
	}
	if (how == ROUTE_PRLIMIT_OTHER) {
		int r = raise_core(how, pid);

		(void)!write(res[1], &r, sizeof(r));
		(void)!write(go[1], "g", 1);
	}
	if (read(res[0], err, sizeof(*err)) != sizeof(*err))
		*err = -EIO;
	*err = -*err;
	close(go[0]);
	close(go[1]);
	close(res[0]);
	close(res[1]);
	if (waitpid(pid, &status, 0) < 0)
		esc_exit(e, ESC_SETUP, "waitpid: %s", strerror(errno));
	return WIFSIGNALED(status) && WCOREDUMP(status);
}

/* Does a seccomp filter run us (Seccomp: 2 in /proc/self/status)? */
static bool under_seccomp(void)
{
	char line[128];
	bool filtered = false;
	FILE *f = fopen("/proc/self/status", "re");

	if (!f)
		return true; /* cannot tell: try the routes */
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "Seccomp:", 8))
			filtered = atoi(line + 8) != 0;
	fclose(f);
	return filtered;
}

int main(int argc, char **argv)
{
	struct esc e;
	char pattern[256] = "?", why[512] = "";
	struct rlimit r;
	size_t used = 0;
	int fd;

	esc_init(&e, argc, argv);
	fd = open("/proc/sys/kernel/core_pattern", O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		ssize_t n = read(fd, pattern, sizeof(pattern) - 1);

		pattern[n > 0 ? n : 0] = '\0';
		pattern[strcspn(pattern, "\n")] = '\0';
		close(fd);
	}
	for (enum route how = ROUTE_SETRLIMIT; how <= ROUTE_PRLIMIT_OTHER;
	     how++) {
		int err;

		if (try_route(&e, how, &err))
			esc_exit(&e, ESC_ESCAPED,
				 "core dumped with cwd %s (pattern '%s'), "
				 "limit raised by %s",
				 e.work, pattern, route_name[how]);
		if (err == 0)
			esc_exit(&e, ESC_ESCAPED,
				 "RLIMIT_CORE raised by %s with cwd %s; this "
				 "machine wrote no dump (pattern '%s')",
				 route_name[how], e.work, pattern);
		used += (size_t)snprintf(why + used, sizeof(why) - used,
					 "%s%s: %s", used ? ", " : "",
					 route_name[how], esc_errname(err));
		if (used >= sizeof(why))
			used = sizeof(why) - 1;
	}
	/*
	 * A hard limit of 0 that we may not raise (no CAP_SYS_RESOURCE, as
	 * for root in many containers) left nothing to try, but only where no
	 * seccomp filter runs us: under syd, that 0 is syd's doing.
	 */
	if (getrlimit(RLIMIT_CORE, &r) == 0 && r.rlim_max == 0 &&
	    !under_seccomp())
		esc_exit(&e, ESC_UNSUPPORTED,
			 "the hard RLIMIT_CORE is 0 and we may not raise it "
			 "(%s)",
			 why);
	esc_exit(&e, ESC_BLOCKED, "no core dumped (%s)", why);
}
