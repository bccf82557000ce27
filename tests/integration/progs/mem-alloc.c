/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * mem-alloc HOW MIB [STEP_MIB]: allocate MIB MiB in steps of STEP_MIB (all
 * at once without), touching every page, and print "OK MIB", or the
 * errno's name of the step that failed and how much was had before it
 * ("ENOMEM 48"). HOW is the call that grows memory:
 *   brk     sbrk(2), the heap (no libc allocator in the way)
 *   mmap    anonymous private mmap(2)
 *   mremap  one mapping of STEP_MIB grown by mremap(2) step by step
 *   malloc  malloc(3), which picks brk or mmap itself
 * Integration tests run it under memory sandboxing (t-limits.sh).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define MIB (1024UL * 1024UL)

static void touch(char *p, size_t len)
{
	for (size_t i = 0; i < len; i += 4096)
		p[i] = 1;
}

static int failed(unsigned long had)
{
	const char *name = strerrorname_np(errno);

	printf("%s %lu\n", name ? name : "E?", had);
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long total, step, had = 0;
	char *map = NULL;
	const char *how;

	if (argc < 3) {
		fprintf(stderr, "usage: mem-alloc brk|mmap|mremap|malloc "
				"MIB [STEP_MIB]\n");
		return 2;
	}
	how = argv[1];
	total = strtoul(argv[2], NULL, 10);
	step = argc > 3 ? strtoul(argv[3], NULL, 10) : total;
	if (step == 0 || step > total)
		step = total;
	while (had < total) {
		size_t len = step * MIB;
		char *p;

		if (!strcmp(how, "brk")) {
			p = sbrk((intptr_t)len);
			if (p == (void *)-1)
				return failed(had);
		} else if (!strcmp(how, "mmap")) {
			p = mmap(NULL, len, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			if (p == MAP_FAILED)
				return failed(had);
		} else if (!strcmp(how, "mremap")) {
			p = map ? mremap(map, had * MIB, (had + step) * MIB,
					 MREMAP_MAYMOVE)
				: mmap(NULL, len, PROT_READ | PROT_WRITE,
				       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			if (p == MAP_FAILED)
				return failed(had);
			map = p;
			p += had * MIB;
		} else if (!strcmp(how, "malloc")) {
			p = malloc(len);
			if (!p)
				return failed(had);
		} else {
			fprintf(stderr, "mem-alloc: unknown way %s\n", how);
			return 2;
		}
		touch(p, len);
		had += step;
	}
	printf("OK %lu\n", had);
	return 0;
}
