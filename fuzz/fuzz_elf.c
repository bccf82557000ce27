/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libFuzzer target for src/kernel/elf.c and its verdict
 * (src/policy/exec_image.c). The input is the file: it sits in a heap
 * buffer of exactly its length, read through a bounded reader, so ASan
 * reports any read past it. What a successful read says must be sane:
 * an interpreter path NUL-terminated, a class and type the kernel loads.
 */
#include <elf.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/elf.h"
#include "policy/exec_image.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct mem {
	const uint8_t *p;
	size_t n;
};

static ssize_t mem_pread(void *ctx, void *buf, size_t n, off_t off)
{
	const struct mem *m = ctx;

	if (off < 0)
		return -EINVAL;
	if ((size_t)off >= m->n)
		return 0;
	if (n > m->n - (size_t)off)
		n = m->n - (size_t)off;
	memcpy(buf, m->p + off, n);
	return (ssize_t)n;
}

static struct sandbox sb;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *copy = malloc(size ? size : 1);
	struct mem m = { copy, size };
	struct elf_info e;
	int err;

	if (!copy)
		return 0;
	memcpy(copy, data, size);
	err = elf_read(mem_pread, &m, &e);
	if (err == 0) {
		if (memchr(e.interp, '\0', sizeof(e.interp)) == NULL)
			abort();
		if (e.kind == ELF_KIND_ELF &&
		    ((e.elf_class != ELFCLASS32 && e.elf_class != ELFCLASS64) ||
		     (e.type != ET_EXEC && e.type != ET_DYN) ||
		     (!e.has_gnu_stack && !e.exec_stack)))
			abort();
		for (int t = 0; t < TRACE_COUNT; t++) {
			memset(sb.trace, 0, sizeof(sb.trace));
			sb.trace[t] = true;
			(void)exec_image_verdict(&e, &sb);
		}
	} else if (err != -ENOEXEC) {
		abort(); /* the reader here fails only with ENOEXEC */
	}
	free(copy);
	return 0;
}
