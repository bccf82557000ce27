/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Which executables the sandbox refuses to run for what they are, not for
 * their path: non-PIE (trace/allow_unsafe_exec_nopie), an executable stack
 * (trace/allow_unsafe_exec_stack), and, when asked, 32-bit, static or
 * dynamic ELF files and "#!" scripts (trace/deny_elf32, deny_elf_static,
 * deny_elf_dynamic, deny_script). Pure: no system calls; the caller read
 * the file (kernel/elf.h) and holds the sandbox's read lock.
 */
#ifndef SYD_POLICY_EXEC_IMAGE_H
#define SYD_POLICY_EXEC_IMAGE_H

#include "kernel/elf.h"
#include "sandbox.h"

enum exec_refusal {
	EXEC_REFUSAL_NONE,
	EXEC_REFUSAL_NOPIE, /* ET_EXEC: loaded at a fixed address */
	EXEC_REFUSAL_EXECSTACK, /* PT_GNU_STACK with PF_X, or none */
	EXEC_REFUSAL_ELF32, /* ELFCLASS32, under trace/deny_elf32 */
	EXEC_REFUSAL_STATIC, /* no PT_INTERP, under trace/deny_elf_static */
	EXEC_REFUSAL_DYNAMIC, /* PT_INTERP, under trace/deny_elf_dynamic */
	EXEC_REFUSAL_SCRIPT, /* "#!", under trace/deny_script */
};

/*
 * Is the executable E refused under SB's trace options, and why? The first
 * reason found, or EXEC_REFUSAL_NONE. A file that is neither ELF nor a
 * script is not refused here: the kernel decides what it is.
 */
enum exec_refusal exec_image_verdict(const struct elf_info *e,
				     const struct sandbox *sb);

/*
 * The dynamic loader run as a program (kernel/ldso.h), refused unless
 * trace/allow_unsafe_exec_ldso: what and tip for its log line.
 */
#define EXEC_LDSO_WHAT                                                         \
	"the dynamic loader run as a program (it maps the program it is "      \
	"given itself)"
#define EXEC_LDSO_TIP "trace/allow_unsafe_exec_ldso:1"

/* What R refuses, for a log line: "non-PIE executable", ... */
const char *exec_image_refusal_what(enum exec_refusal r);

/* The option that lifts R, as a tip: "trace/allow_unsafe_exec_nopie:1". */
const char *exec_image_refusal_tip(enum exec_refusal r);

#endif
