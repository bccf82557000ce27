/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "kernel/landlock.h"

#include <errno.h>
#include <linux/landlock.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

/*
 * The ruleset attribute as of ABI 6; the headers of older distributions
 * (Debian 12: Linux 6.1) stop before "scoped".
 */
struct ruleset_attr_v6 {
	uint64_t handled_access_fs;
	uint64_t handled_access_net;
	uint64_t scoped;
};

#define SCOPE_SIGNAL (1ULL << 1) /* LANDLOCK_SCOPE_SIGNAL */

int landlock_abi(void)
{
	static int abi = -1;
	const char *cap;
	char *end;
	long n;

	if (abi >= 0)
		return abi;
	abi = (int)syscall(__NR_landlock_create_ruleset, NULL, 0,
			   LANDLOCK_CREATE_RULESET_VERSION);
	if (abi < 0)
		abi = 0;
	/*
	 * SYD_LANDLOCK_ABI=N: as if the kernel's ABI were at most N, to
	 * run on this kernel what syd does on older ones (syd(1)).
	 */
	cap = getenv("SYD_LANDLOCK_ABI");
	if (cap && *cap) {
		n = strtol(cap, &end, 10);
		if (!*end && n >= 0 && n < abi)
			abi = (int)n;
	}
	return abi;
}

bool landlock_signal_scope(void)
{
	return landlock_abi() >= 6;
}

int landlock_scope_signals(void)
{
	struct ruleset_attr_v6 attr = { 0, 0, SCOPE_SIGNAL };
	int fd, err;

	if (!landlock_signal_scope())
		return -EOPNOTSUPP;
	fd = (int)syscall(__NR_landlock_create_ruleset, &attr, sizeof(attr), 0);
	if (fd < 0)
		return -errno;
	err = (int)syscall(__NR_landlock_restrict_self, fd, 0) < 0 ? -errno : 0;
	close(fd);
	return err;
}
