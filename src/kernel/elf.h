/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What an executable file is, read from its first bytes the way the
 * kernel's binfmt_elf and binfmt_script read them: ELF class, machine and
 * type, the program interpreter, the stack's permissions, or a "#!" line.
 * Reading is bounded and fails closed: whatever the kernel would refuse
 * to load as an ELF file is an error here, never a guess. No policy: what
 * is refused is policy/exec_image.h's to say.
 */
#ifndef SYD_KERNEL_ELF_H
#define SYD_KERNEL_ELF_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

enum elf_kind {
	ELF_KIND_ELF, /* an ELF executable of the native byte order */
	ELF_KIND_SCRIPT, /* starts with "#!" */
	ELF_KIND_OTHER, /* neither: binfmt_misc's, or ENOEXEC */
};

/* The kernel reads the "#!" line from the first 256 bytes (BINPRM_BUF_SIZE). */
#define ELF_SCRIPT_LINE_MAX 256

struct elf_info {
	enum elf_kind kind;
	/* ELF_KIND_ELF only: */
	uint8_t elf_class; /* ELFCLASS32 or ELFCLASS64 */
	uint16_t machine; /* e_machine: EM_X86_64, EM_386, ... */
	uint16_t type; /* e_type: ET_EXEC (not PIE) or ET_DYN */
	bool has_interp; /* a PT_INTERP: dynamically linked */
	bool has_dynamic; /* a PT_DYNAMIC (a static PIE has one too) */
	bool has_gnu_stack; /* a PT_GNU_STACK */
	/*
	 * The stack is executable: a PT_GNU_STACK with PF_X, or none at all,
	 * which the kernel and the dynamic loader take as "executable" on
	 * the architectures where that was the old default.
	 */
	bool exec_stack;
	/*
	 * The PT_INTERP path (the first one, as the kernel takes it) for
	 * ELF_KIND_ELF, or the interpreter of a "#!" line for
	 * ELF_KIND_SCRIPT ("" when the line names none); NUL-terminated.
	 */
	char interp[PATH_MAX];
};

/*
 * Where the bytes come from: read up to N bytes at offset OFF into BUF.
 * Returns the count read (short only at the end of the file) or -errno.
 */
typedef ssize_t (*elf_pread_fn)(void *ctx, void *buf, size_t n, off_t off);

/*
 * Read what the file behind RD (called with CTX) is into *OUT. Returns 0,
 * -ENOEXEC for an ELF file the kernel would not load (truncated, another
 * byte order or version, a type other than ET_EXEC and ET_DYN, a program
 * header table out of bounds or of the wrong entry size, a PT_INTERP that
 * is not one NUL-terminated path), -ENOMEM, or RD's -errno. A file that is
 * neither ELF nor a script is not an error: OUT->kind says ELF_KIND_OTHER.
 * On error *OUT says nothing.
 */
int elf_read(elf_pread_fn rd, void *ctx, struct elf_info *out);

/* elf_read() of FD, a file opened for reading, with pread(2). */
int elf_read_fd(int fd, struct elf_info *out);

#endif
