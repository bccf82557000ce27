/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The ELF header and program headers of an executable, or its "#!" line,
 * read through a bounded reader. Every length and offset comes from the
 * file, which the sandbox may have written: each is checked against the
 * kernel's own limits before it is used, and anything out of them is
 * -ENOEXEC, so that a malformed file is refused, never half-understood.
 */
#include "kernel/elf.h"

#include <elf.h>
#include <endian.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * The kernel loads at most ELF_MIN_ALIGN bytes of program headers (a page);
 * 64 KiB covers the largest page size, and anything above it is refused
 * by every kernel.
 */
#define PHDRS_MAX 65536

#if __BYTE_ORDER == __LITTLE_ENDIAN
#define ELFDATA_NATIVE ELFDATA2LSB
#else
#define ELFDATA_NATIVE ELFDATA2MSB
#endif

/* The fields both classes share, widened to 64 bits. */
struct ehdr {
	uint16_t type, machine, phentsize, phnum;
	uint64_t phoff;
};

struct phdr {
	uint32_t type, flags;
	uint64_t offset, filesz;
};

/* Read exactly N bytes at OFF: -ENOEXEC when the file ends before. */
static int read_exact(elf_pread_fn rd, void *ctx, void *buf, size_t n,
		      uint64_t off)
{
	ssize_t got;

	if (off > (uint64_t)INT64_MAX - n)
		return -ENOEXEC;
	got = rd(ctx, buf, n, (off_t)off);
	if (got < 0)
		return (int)got;
	return (size_t)got == n ? 0 : -ENOEXEC;
}

static bool spacetab(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * The interpreter of the "#!" line in BUF (N bytes), as binfmt_script finds
 * it: after "#!" and blanks, up to a blank, a newline or a NUL. A name that
 * reaches the end of the 256 bytes may go on past them: the kernel refuses
 * such a script, and INTERP stays "".
 */
static void script_interp(const char *buf, size_t n, char *interp)
{
	size_t i = 2, start, len;

	interp[0] = '\0';
	while (i < n && spacetab(buf[i]))
		i++;
	start = i;
	while (i < n && !spacetab(buf[i]) && buf[i] != '\n' && buf[i] != '\0')
		i++;
	if (i == n && n == ELF_SCRIPT_LINE_MAX)
		return; /* truncated: ENOEXEC from the kernel */
	len = i - start;
	if (len >= PATH_MAX)
		return;
	memcpy(interp, buf + start, len);
	interp[len] = '\0';
}

/* The header of either class from the first bytes of the file (N of them). */
static int parse_ehdr(const unsigned char *buf, size_t n, struct ehdr *h)
{
	if (buf[EI_CLASS] == ELFCLASS64) {
		Elf64_Ehdr e;

		if (n < sizeof(e))
			return -ENOEXEC;
		memcpy(&e, buf, sizeof(e));
		if (e.e_version != EV_CURRENT ||
		    e.e_phentsize != sizeof(Elf64_Phdr))
			return -ENOEXEC;
		*h = (struct ehdr){ e.e_type, e.e_machine, e.e_phentsize,
				    e.e_phnum, e.e_phoff };
		return 0;
	}
	if (buf[EI_CLASS] == ELFCLASS32) {
		Elf32_Ehdr e;

		if (n < sizeof(e))
			return -ENOEXEC;
		memcpy(&e, buf, sizeof(e));
		if (e.e_version != EV_CURRENT ||
		    e.e_phentsize != sizeof(Elf32_Phdr))
			return -ENOEXEC;
		*h = (struct ehdr){ e.e_type, e.e_machine, e.e_phentsize,
				    e.e_phnum, e.e_phoff };
		return 0;
	}
	return -ENOEXEC; /* ELFCLASSNONE or unknown */
}

/* Program header I of the table TAB, of class CLS. */
static struct phdr phdr_at(const unsigned char *tab, uint8_t cls, size_t i)
{
	struct phdr p;

	if (cls == ELFCLASS64) {
		Elf64_Phdr e;

		memcpy(&e, tab + i * sizeof(e), sizeof(e));
		p = (struct phdr){ e.p_type, e.p_flags, e.p_offset,
				   e.p_filesz };
	} else {
		Elf32_Phdr e;

		memcpy(&e, tab + i * sizeof(e), sizeof(e));
		p = (struct phdr){ e.p_type, e.p_flags, e.p_offset,
				   e.p_filesz };
	}
	return p;
}

/*
 * The PT_INTERP path: 2 to PATH_MAX bytes ending in a NUL, the kernel's
 * bounds (load_elf_binary()); a NUL before the end ends the path there, as
 * the kernel's open of it reads it.
 */
static int read_interp(elf_pread_fn rd, void *ctx, const struct phdr *p,
		       char *interp)
{
	int err;

	if (p->filesz < 2 || p->filesz > PATH_MAX)
		return -ENOEXEC;
	err = read_exact(rd, ctx, interp, (size_t)p->filesz, p->offset);
	if (err < 0)
		return err;
	if (interp[p->filesz - 1] != '\0')
		return -ENOEXEC;
	return 0;
}

/* What the program headers in TAB (NUM of them, of class CLS) say. */
static int scan_phdrs(elf_pread_fn rd, void *ctx, const unsigned char *tab,
		      size_t num, struct elf_info *out)
{
	int err;

	for (size_t i = 0; i < num; i++) {
		struct phdr p = phdr_at(tab, out->elf_class, i);

		switch (p.type) {
		case PT_INTERP:
			if (out->has_interp)
				break; /* the kernel takes the first */
			err = read_interp(rd, ctx, &p, out->interp);
			if (err < 0)
				return err;
			out->has_interp = true;
			break;
		case PT_DYNAMIC:
			out->has_dynamic = true;
			break;
		case PT_GNU_STACK:
			/* The kernel takes the last; any with PF_X counts. */
			out->has_gnu_stack = true;
			out->exec_stack |= (p.flags & PF_X) != 0;
			break;
		default:
			break;
		}
	}
	/* No PT_GNU_STACK: the old default, an executable stack. */
	if (!out->has_gnu_stack)
		out->exec_stack = true;
	return 0;
}

static int read_elf(elf_pread_fn rd, void *ctx, const unsigned char *buf,
		    size_t n, struct elf_info *out)
{
	unsigned char *tab;
	struct ehdr h;
	size_t size;
	int err;

	/*
	 * Another byte order is another machine's file: refused, not read
	 * with swapped fields (the kernel would not load it either).
	 */
	if (n < EI_NIDENT || buf[EI_DATA] != ELFDATA_NATIVE ||
	    buf[EI_VERSION] != EV_CURRENT)
		return -ENOEXEC;
	err = parse_ehdr(buf, n, &h);
	if (err < 0)
		return err;
	if (h.type != ET_EXEC && h.type != ET_DYN)
		return -ENOEXEC;
	size = (size_t)h.phnum * h.phentsize;
	if (size == 0 || size > PHDRS_MAX)
		return -ENOEXEC;
	tab = malloc(size);
	if (!tab)
		return -ENOMEM;
	err = read_exact(rd, ctx, tab, size, h.phoff);
	if (err == 0) {
		out->kind = ELF_KIND_ELF;
		out->elf_class = buf[EI_CLASS];
		out->machine = h.machine;
		out->type = h.type;
		err = scan_phdrs(rd, ctx, tab, h.phnum, out);
	}
	free(tab);
	return err;
}

int elf_read(elf_pread_fn rd, void *ctx, struct elf_info *out)
{
	unsigned char buf[ELF_SCRIPT_LINE_MAX];
	ssize_t n;

	out->kind = ELF_KIND_OTHER;
	out->elf_class = 0;
	out->machine = out->type = 0;
	out->has_interp = out->has_dynamic = false;
	out->has_gnu_stack = out->exec_stack = false;
	out->interp[0] = '\0';
	n = rd(ctx, buf, sizeof(buf), 0);
	if (n < 0)
		return (int)n;
	if (n >= 2 && buf[0] == '#' && buf[1] == '!') {
		out->kind = ELF_KIND_SCRIPT;
		script_interp((const char *)buf, (size_t)n, out->interp);
		return 0;
	}
	if (n >= SELFMAG && !memcmp(buf, ELFMAG, SELFMAG))
		return read_elf(rd, ctx, buf, (size_t)n, out);
	return 0;
}

/* pread(2) until N bytes or the end of the file. */
static ssize_t fd_pread(void *ctx, void *buf, size_t n, off_t off)
{
	int fd = *(const int *)ctx;
	size_t done = 0;

	while (done < n) {
		ssize_t got = pread(fd, (char *)buf + done, n - done,
				    off + (off_t)done);

		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return -errno;
		if (got == 0)
			break;
		done += (size_t)got;
	}
	return (ssize_t)done;
}

int elf_read_fd(int fd, struct elf_info *out)
{
	return elf_read(fd_pread, &fd, out);
}
