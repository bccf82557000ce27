/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Names under /proc, and the fs sysctls (see procfs.h). */
#include "kernel/procfs.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

pid_t proc_number(const char *p, const char *end, const char **after)
{
	long pid = 0;

	if (p >= end || *p < '1' || *p > '9')
		return 0;
	for (; p < end && *p >= '0' && *p <= '9'; p++) {
		pid = pid * 10 + (*p - '0');
		if (pid > INT_MAX)
			return 0;
	}
	if (p < end && *p != '/')
		return 0; /* "/proc/12x": not a process */
	if (after)
		*after = p;
	return (pid_t)pid;
}

pid_t proc_path_pid(const char *path, size_t len, const char **rest)
{
	if (len < 7 || memcmp(path, "/proc/", 6))
		return 0;
	return proc_number(path + 6, path + len, rest);
}

int sysctl_fs_level(const char *name)
{
	char path[64], buf[16];
	int fd, level = 2;
	ssize_t len;

	snprintf(path, sizeof(path), "/proc/sys/fs/%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return level;
	len = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (len > 0) {
		buf[len] = '\0';
		if (sscanf(buf, "%d", &level) != 1)
			level = 2;
	}
	return level;
}
