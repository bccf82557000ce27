/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Raising a resource limit syd set (rlimit/nofile:64 under the "rlimit"
 * policy) from inside the sandbox. syd sets it soft and hard alike, so a
 * process without CAP_SYS_RESOURCE cannot raise it: the kernel refuses.
 * One with it (root, outside containers that drop it) could, by each
 * route the kernel offers: setrlimit, prlimit64 on itself, prlimit64 from
 * another process of the sandbox on it. ESCAPED when the hard limit ends
 * above the ceiling. Natively the ceiling is the program's own: it first
 * lowers its hard RLIMIT_NOFILE to 64 (or what it is, if lower), which
 * root then raises back; without CAP_SYS_RESOURCE nobody can, and the
 * native run reports the primitive missing.
 */
#include <linux/capability.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "esc.h"

#define CEILING 64

enum route {
	ROUTE_SETRLIMIT,
	ROUTE_PRLIMIT_SELF,
	ROUTE_PRLIMIT_OTHER
};

static const char *const route_name[] = { "setrlimit", "prlimit64 on itself",
					  "prlimit64 from another process" };

/* Our effective capabilities hold CAP_SYS_RESOURCE. */
static bool may_raise(void)
{
	char line[128];
	unsigned long long eff = 0;
	FILE *f = fopen("/proc/self/status", "re");

	if (!f)
		return true;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "CapEff:", 7))
			eff = strtoull(line + 7, NULL, 16);
	fclose(f);
	return (eff >> CAP_SYS_RESOURCE) & 1;
}

/* Does a seccomp filter run us (Seccomp: 2 in /proc/self/status)? */
static bool under_seccomp(void)
{
	char line[128];
	bool filtered = false;
	FILE *f = fopen("/proc/self/status", "re");

	if (!f)
		return true;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "Seccomp:", 8))
			filtered = atoi(line + 8) != 0;
	fclose(f);
	return filtered;
}

/* Raise PID's (0: our own) RLIMIT_NOFILE to TO, soft and hard: 0 or -errno. */
static int raise_to(enum route how, pid_t pid, rlim_t to)
{
	struct rlimit r = { to, to };
	long ret;

	if (how == ROUTE_SETRLIMIT)
		ret = syscall(SYS_setrlimit, RLIMIT_NOFILE, &r);
	else
		ret = syscall(SYS_prlimit64, pid, RLIMIT_NOFILE, &r, NULL);
	return ret == 0 ? 0 : -errno;
}

/*
 * One route: the raise made by us, or by a child of ours on us. Returns
 * the route's -errno or 0; *hard gets our hard limit after it.
 */
static int try_route(const struct esc *e, enum route how, rlim_t to,
		     rlim_t *hard)
{
	struct rlimit r;
	int err = 0, status;

	if (how != ROUTE_PRLIMIT_OTHER) {
		err = raise_to(how, 0, to);
	} else {
		pid_t parent = getpid(), pid = fork();

		if (pid < 0)
			esc_exit(e, ESC_SETUP, "fork: %s", strerror(errno));
		if (pid == 0)
			_exit(-raise_to(how, parent, to) & 0xff);
		if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
			esc_exit(e, ESC_SETUP, "the child did not exit");
		err = -WEXITSTATUS(status);
	}
	if (getrlimit(RLIMIT_NOFILE, &r) < 0)
		esc_exit(e, ESC_SETUP, "getrlimit: %s", strerror(errno));
	*hard = r.rlim_max;
	return err;
}

int main(int argc, char **argv)
{
	struct esc e;
	struct rlimit r;
	char why[512] = "";
	size_t used = 0;
	rlim_t ceiling;

	esc_init(&e, argc, argv);
	if (getrlimit(RLIMIT_NOFILE, &r) < 0)
		esc_exit(&e, ESC_SETUP, "getrlimit: %s", strerror(errno));
	ceiling = r.rlim_max < CEILING ? r.rlim_max : CEILING;
	r.rlim_cur = r.rlim_max = ceiling;
	if (setrlimit(RLIMIT_NOFILE, &r) < 0)
		esc_exit(&e, ESC_SETUP, "lowering the hard limit to %llu: %s",
			 (unsigned long long)ceiling, strerror(errno));
	for (enum route how = ROUTE_SETRLIMIT; how <= ROUTE_PRLIMIT_OTHER;
	     how++) {
		rlim_t hard;
		int err = try_route(&e, how, ceiling + 64, &hard);

		if (hard > ceiling)
			esc_exit(&e, ESC_ESCAPED,
				 "hard RLIMIT_NOFILE raised from %llu to %llu "
				 "by %s",
				 (unsigned long long)ceiling,
				 (unsigned long long)hard, route_name[how]);
		used += (size_t)snprintf(why + used, sizeof(why) - used,
					 "%s%s: %s", used ? ", " : "",
					 route_name[how],
					 err ? esc_errname(-err) : "no error");
		if (used >= sizeof(why))
			used = sizeof(why) - 1;
	}
	/*
	 * Without CAP_SYS_RESOURCE the kernel refuses every raise: nothing
	 * to detect, but only where no seccomp filter runs us (under syd the
	 * test still reports what each route got).
	 */
	if (!may_raise() && !under_seccomp())
		esc_exit(&e, ESC_UNSUPPORTED,
			 "no CAP_SYS_RESOURCE: no process here may raise a "
			 "hard limit (%s)",
			 why);
	esc_exit(&e, ESC_BLOCKED, "the hard limit stayed %llu (%s)",
		 (unsigned long long)ceiling, why);
}
