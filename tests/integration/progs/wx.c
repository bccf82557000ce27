/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * wx OP: one attempt at code the process wrote itself, printing "OK ..."
 * or the errno's name, as try-syscall does. t-harden.sh runs it under syd
 * and without. OPs:
 *   mprotect     write code to RW memory, mprotect it RX, call it
 *   mmap         the same in memory mapped RWX at once
 *   mdwe         PR_GET_MDWE: "OK 1" under MDWE's REFUSE_EXEC_GAIN
 *   memfd-exec   copy this program into a memfd, fexecve it ("OK ran")
 *   memfd-xflag  memfd_create with MFD_EXEC
 *   memfd-mem    a memfd as memory: sized, mapped, written, read back
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef PR_GET_MDWE
#define PR_GET_MDWE 66
#endif
#ifndef MFD_EXEC
#define MFD_EXEC 0x0010U
#endif

extern char **environ;

static int fail(void)
{
	const char *name = strerrorname_np(errno);

	printf("%s\n", name ? name : "E?");
	return 1;
}

/* x86_64: mov eax, 42; ret */
static const unsigned char code[] = { 0xb8, 0x2a, 0, 0, 0, 0xc3 };

static int run(void *mem)
{
	int (*fn)(void);

	memcpy(&fn, &mem, sizeof(fn));
	printf("OK %d\n", fn());
	return 0;
}

int main(int argc, char **argv)
{
	const char *op = argc > 1 ? argv[1] : "";
	void *mem;
	int fd;

	setvbuf(stdout, NULL, _IONBF, 0);
	if (!strcmp(op, "ran")) {
		puts("OK ran");
		return 0;
	}
	if (!strcmp(op, "mprotect") || !strcmp(op, "mmap")) {
		int prot = PROT_READ | PROT_WRITE;

		if (!strcmp(op, "mmap"))
			prot |= PROT_EXEC;
		mem = mmap(NULL, 4096, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1,
			   0);
		if (mem == MAP_FAILED)
			return fail();
		memcpy(mem, code, sizeof(code));
		if (!strcmp(op, "mprotect") &&
		    mprotect(mem, 4096, PROT_READ | PROT_EXEC) < 0)
			return fail();
		return run(mem);
	}
	if (!strcmp(op, "mdwe")) {
		int v = prctl(PR_GET_MDWE, 0L, 0L, 0L, 0L);

		if (v < 0)
			return fail();
		printf("OK %d\n", v);
		return 0;
	}
	if (!strcmp(op, "memfd-exec")) {
		struct stat st;
		int self = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
		char *args[] = { argv[0], "ran", NULL };

		fd = memfd_create("wx", MFD_CLOEXEC);
		if (self < 0 || fd < 0 || fstat(self, &st) < 0 ||
		    sendfile(fd, self, NULL, (size_t)st.st_size) != st.st_size)
			return fail();
		(void)fchmod(fd, 0755); /* what an attacker would try first */
		fexecve(fd, args, environ);
		return fail();
	}
	if (!strcmp(op, "memfd-xflag")) {
		fd = memfd_create("wx", MFD_CLOEXEC | MFD_EXEC);
		if (fd < 0)
			return fail();
		puts("OK");
		return 0;
	}
	if (!strcmp(op, "memfd-mem")) {
		fd = memfd_create("wx", MFD_CLOEXEC);
		if (fd < 0 || ftruncate(fd, 4096) < 0)
			return fail();
		mem = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
			   0);
		if (mem == MAP_FAILED)
			return fail();
		memcpy(mem, "memory", 7);
		{
			char back[8] = { 0 };

			if (pread(fd, back, 7, 0) != 7)
				return fail();
			printf("OK %s\n", back);
		}
		return 0;
	}
	fprintf(stderr, "usage: wx mprotect|mmap|mdwe|memfd-exec|"
			"memfd-xflag|memfd-mem\n");
	return 2;
}
