/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fdopts OP [ARG]: what a process sees of the fds and files it makes and of
 * its own execution domain, printed on one line, for t-tighten.sh (the
 * trace/force_* and deny_tsc, lock_personality options), under syd and
 * without. OPs:
 *   cloexec FILE  open FILE and memfd_create, neither asking for
 *                 close-on-exec: "open=0|1 memfd=0|1" (FD_CLOEXEC)
 *   fds FILE      the fd numbers of 32 opens of FILE and /dev/null in
 *                 turn, kept open: "first=N distinct=0|1 above=K
 *                 intact=0|1", above counting the numbers that the
 *                 lowest-first rule could not have given, intact
 *                 whether every fd still names
 *                 the file it was opened on (none was replaced)
 *   modes DIR     umask 0, then create DIR/f (open 0666), DIR/d (mkdir
 *                 0777), DIR/p (mkfifo 0666), chmod DIR/f 0666 and
 *                 fchmod DIR/d 0777: "f=... d=... p=... chmod=...
 *                 fchmod=..." in octal
 *   rdtsc         run rdtsc: "OK" (SIGSEGV when the counter is denied)
 *   tscon         prctl(PR_SET_TSC, PR_TSC_ENABLE), then rdtsc: "OK" or
 *                 the errno name
 *   persona       personality(PER_LINUX32), then back: "OK" or the errno
 *                 name; "query=OK" when asking (0xffffffff) worked
 *   persona-same  personality() with the persona it has: "OK" or the errno
 *   persona-rie   personality() adding READ_IMPLIES_EXEC: "OK" or the errno
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* strerrorname_np, memfd_create; meson passes it */
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#define NFDS 32

static int fail(const char *what)
{
	const char *name = strerrorname_np(errno);

	printf("%s: %s\n", what, name ? name : "E?");
	return 1;
}

static int cloexec(const char *file)
{
	int fd = open(file, O_RDONLY), mfd;

	if (fd < 0)
		return fail("open");
	mfd = memfd_create("fdopts", 0);
	if (mfd < 0)
		return fail("memfd_create");
	printf("open=%d memfd=%d\n", !!(fcntl(fd, F_GETFD) & FD_CLOEXEC),
	       !!(fcntl(mfd, F_GETFD) & FD_CLOEXEC));
	return 0;
}

/* How many fds are open now (the lowest-first rule's starting point). */
static int nopen(void)
{
	DIR *d = opendir("/proc/self/fd");
	int n = -1; /* the directory's own fd */

	if (!d)
		return -1;
	while (readdir(d))
		n++;
	closedir(d);
	return n - 2; /* "." and ".." */
}

static int fds(const char *file)
{
	int fd[NFDS], above = 0, distinct = 1, intact = 1, n0 = nopen();
	struct stat want[2], st;

	if (n0 < 0 || stat(file, &want[0]) < 0 ||
	    stat("/dev/null", &want[1]) < 0)
		return fail("stat");
	for (int i = 0; i < NFDS; i++) {
		fd[i] = open(i % 2 ? "/dev/null" : file, O_RDONLY);
		if (fd[i] < 0)
			return fail("open");
		/* Lowest first, the 32 fit below N0 + 32 whatever the gaps. */
		if (fd[i] >= n0 + NFDS)
			above++;
		for (int j = 0; j < i; j++)
			distinct &= fd[j] != fd[i];
	}
	for (int i = 0; i < NFDS; i++)
		intact &= fstat(fd[i], &st) == 0 &&
			  st.st_ino == want[i % 2].st_ino &&
			  st.st_dev == want[i % 2].st_dev;
	printf("first=%d distinct=%d above=%d intact=%d\n", fd[0], distinct,
	       above, intact);
	return 0;
}

static int modes(const char *dir)
{
	char f[4096], d[4096], p[4096];
	struct stat sf, sd, sp, sc, sx;
	int fd;

	umask(0);
	snprintf(f, sizeof(f), "%s/f", dir);
	snprintf(d, sizeof(d), "%s/d", dir);
	snprintf(p, sizeof(p), "%s/p", dir);
	fd = open(f, O_CREAT | O_WRONLY | O_EXCL, 0666);
	if (fd < 0)
		return fail("open");
	close(fd);
	if (mkdir(d, 0777) < 0)
		return fail("mkdir");
	if (mkfifo(p, 0666) < 0)
		return fail("mkfifo");
	if (stat(f, &sf) < 0 || stat(d, &sd) < 0 || stat(p, &sp) < 0)
		return fail("stat");
	if (chmod(f, 0666) < 0)
		return fail("chmod");
	fd = open(d, O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		return fail("open");
	if (fchmod(fd, 0777) < 0)
		return fail("fchmod");
	close(fd);
	if (stat(f, &sc) < 0 || stat(d, &sx) < 0)
		return fail("stat");
	printf("f=%o d=%o p=%o chmod=%o fchmod=%o\n", sf.st_mode & 07777,
	       sd.st_mode & 07777, sp.st_mode & 07777, sc.st_mode & 07777,
	       sx.st_mode & 07777);
	return 0;
}

static int rdtsc(void)
{
#if defined(__x86_64__) || defined(__i386__)
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	(void)lo;
	(void)hi;
	puts("OK");
	return 0;
#else
	puts("unsupported: not x86");
	return 2;
#endif
}

static int tscon(void)
{
#if defined(__x86_64__) || defined(__i386__)
	if (prctl(PR_SET_TSC, PR_TSC_ENABLE, 0, 0, 0) < 0)
		return fail("prctl");
	return rdtsc();
#else
	puts("unsupported: not x86");
	return 2;
#endif
}

static int persona_same(void)
{
	int cur = personality(0xffffffff);

	if (cur < 0)
		return fail("query");
	if (personality((unsigned long)cur) < 0)
		return fail("set");
	puts("OK");
	return 0;
}

static int persona(void)
{
	int cur = personality(0xffffffff);

	if (cur < 0)
		return fail("query");
	if (personality(PER_LINUX32) < 0)
		return fail("set");
	/* Back to where it was: a 32-bit persona changes uname's answer. */
	if (personality((unsigned long)cur) < 0)
		return fail("reset");
	puts("OK query=OK");
	return 0;
}

/* The persona with READ_IMPLIES_EXEC added: "OK" or the errno's name. */
static int persona_rie(void)
{
	int cur = personality(0xffffffff);

	if (cur < 0)
		return fail("query");
	if (personality((unsigned long)cur | READ_IMPLIES_EXEC) < 0)
		return fail("set");
	puts("OK");
	return 0;
}

int main(int argc, char **argv)
{
	const char *op = argc > 1 ? argv[1] : "";

	if (!strcmp(op, "cloexec") && argc > 2)
		return cloexec(argv[2]);
	if (!strcmp(op, "fds") && argc > 2)
		return fds(argv[2]);
	if (!strcmp(op, "modes") && argc > 2)
		return modes(argv[2]);
	if (!strcmp(op, "rdtsc"))
		return rdtsc();
	if (!strcmp(op, "tscon"))
		return tscon();
	if (!strcmp(op, "persona"))
		return persona();
	if (!strcmp(op, "persona-rie"))
		return persona_rie();
	if (!strcmp(op, "persona-same"))
		return persona_same();
	fprintf(stderr, "usage: fdopts cloexec|fds|modes FILE | rdtsc | "
			"tscon | persona | persona-same\n");
	return 2;
}
