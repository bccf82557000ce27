/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The resource limits of rlimit/NAME, set on the sandbox's initial process
 * before its exec, soft and hard alike: every process of the sandbox
 * inherits them, and one without CAP_SYS_RESOURCE cannot raise a hard
 * limit (one with it is refused by syscalls/rlimit.c). Checked first in
 * syd itself, where a limit that cannot be set still gets a clear message;
 * never set on syd, whose own descriptors, memory and threads they would
 * cut short.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "log.h"
#include "policy/rlimit.h"
#include "supervise/supervisor.h"

/* Does syd hold CAP_SYS_RESOURCE, which lifts the hard limits, now? */
static bool may_raise(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2] = { { 0, 0, 0 }, { 0, 0, 0 } };

	if (syscall(SYS_capget, &h, d) < 0)
		return false;
	return d[CAP_TO_INDEX(CAP_SYS_RESOURCE)].effective &
	       CAP_TO_MASK(CAP_SYS_RESOURCE);
}

/* /proc/sys/fs/nr_open: no RLIMIT_NOFILE above it, not even for root. */
static uint64_t nr_open(void)
{
	uint64_t v = 1024 * 1024; /* the kernel's default */
	FILE *f = fopen("/proc/sys/fs/nr_open", "re");

	if (f) {
		unsigned long long n;

		if (fscanf(f, "%llu", &n) == 1)
			v = n;
		fclose(f);
	}
	return v;
}

/*
 * The descriptor the initial process gets its listener as, before the
 * exec and under RLIMIT_NOFILE: the lowest one free in syd now, which
 * the socket the listener is handed over by takes and the child closes,
 * or the log's, which the child closes first, if lower.
 */
static uint64_t lowest_free_fd(void)
{
	int fd = open("/", O_PATH | O_CLOEXEC);

	if (fd < 0)
		return 0;
	close(fd);
	if (log_fd() > STDERR_FILENO && log_fd() < fd)
		fd = log_fd();
	return (uint64_t)fd;
}

int rlimits_check(const struct sandbox *sb, char *why, size_t size)
{
	bool cap = may_raise();

	for (const struct rlimit_name *r = rlimit_names(); r->name; r++) {
		struct rlimit cur;
		uint64_t v;

		if (!rlimit_wanted(sb, r->resource, &v))
			continue;
		if (getrlimit(r->resource, &cur) < 0)
			continue; /* the child's setrlimit will tell */
		/*
		 * The kernel's two refusals (kernel/sys.c, do_prlimit()): a
		 * hard limit raised without CAP_SYS_RESOURCE, and open files
		 * past nr_open.
		 */
		if (v > cur.rlim_max && !cap) {
			if (cur.rlim_max == RLIM_INFINITY)
				continue; /* nothing is above it */
			snprintf(why, size,
				 "rlimit/%s:%llu is above the hard limit syd "
				 "was started with (%llu); only a process with "
				 "CAP_SYS_RESOURCE may raise it",
				 r->name, (unsigned long long)v,
				 (unsigned long long)cur.rlim_max);
			return -EPERM;
		}
		if (r->resource == RLIMIT_NOFILE && v > nr_open()) {
			snprintf(why, size,
				 "rlimit/nofile:%llu is above "
				 "/proc/sys/fs/nr_open (%llu)",
				 (unsigned long long)v,
				 (unsigned long long)nr_open());
			return -EPERM;
		}
		if (r->resource == RLIMIT_NOFILE && v <= lowest_free_fd()) {
			snprintf(why, size,
				 "rlimit/nofile:%llu is too low to start: syd "
				 "hands the sandbox its listener as descriptor "
				 "%llu before the exec (give at least %llu)",
				 (unsigned long long)v,
				 (unsigned long long)lowest_free_fd(),
				 (unsigned long long)lowest_free_fd() + 1);
			return -EMFILE;
		}
	}
	return 0;
}

int rlimits_apply(const struct sandbox *sb)
{
	for (const struct rlimit_name *r = rlimit_names(); r->name; r++) {
		struct rlimit lim;
		uint64_t v;

		if (!rlimit_wanted(sb, r->resource, &v))
			continue;
		/* Soft and hard alike: the sandbox may only go lower. */
		lim.rlim_cur = lim.rlim_max = v;
		if (setrlimit(r->resource, &lim) < 0)
			return -errno;
	}
	return 0;
}
