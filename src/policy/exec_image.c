/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The refusal of an executable for what it is. Non-PIE binaries load at an
 * address an exploit knows in advance, and an executable stack turns any
 * stack overflow into code execution: both refused unless the policy opts
 * out. The deny_* options narrow what may run at all, for a sandbox that
 * expects one kind of program.
 */
#include "policy/exec_image.h"

#include <elf.h>

#include "util.h"

enum exec_refusal exec_image_verdict(const struct elf_info *e,
				     const struct sandbox *sb)
{
	const bool *t = sb->trace;

	if (e->kind == ELF_KIND_SCRIPT)
		return t[TRACE_DENY_SCRIPT] ? EXEC_REFUSAL_SCRIPT
					    : EXEC_REFUSAL_NONE;
	if (e->kind != ELF_KIND_ELF)
		return EXEC_REFUSAL_NONE;
	if (t[TRACE_DENY_ELF32] && e->elf_class == ELFCLASS32)
		return EXEC_REFUSAL_ELF32;
	if (t[TRACE_DENY_ELF_DYNAMIC] && e->has_interp)
		return EXEC_REFUSAL_DYNAMIC;
	if (t[TRACE_DENY_ELF_STATIC] && !e->has_interp)
		return EXEC_REFUSAL_STATIC;
	if (!t[TRACE_ALLOW_UNSAFE_NOPIE] && e->type == ET_EXEC)
		return EXEC_REFUSAL_NOPIE;
	if (!t[TRACE_ALLOW_UNSAFE_STACK] && e->exec_stack)
		return EXEC_REFUSAL_EXECSTACK;
	return EXEC_REFUSAL_NONE;
}

static const struct {
	const char *what, *tip;
} refusals[] = {
	[EXEC_REFUSAL_NONE] = { "allowed", "" },
	[EXEC_REFUSAL_NOPIE] = { "non-PIE executable",
				 "trace/allow_unsafe_exec_nopie:1 (-p nopie)" },
	[EXEC_REFUSAL_EXECSTACK] = { "executable with an executable stack",
				     "trace/allow_unsafe_exec_stack:1" },
	[EXEC_REFUSAL_ELF32] = { "32-bit ELF executable",
				 "trace/deny_elf32:0" },
	[EXEC_REFUSAL_STATIC] = { "statically linked executable",
				  "trace/deny_elf_static:0" },
	[EXEC_REFUSAL_DYNAMIC] = { "dynamically linked executable",
				   "trace/deny_elf_dynamic:0" },
	[EXEC_REFUSAL_SCRIPT] = { "script", "trace/deny_script:0" },
};

const char *exec_image_refusal_what(enum exec_refusal r)
{
	return (unsigned)r < ARRAY_SIZE(refusals) ? refusals[r].what : "?";
}

const char *exec_image_refusal_tip(enum exec_refusal r)
{
	return (unsigned)r < ARRAY_SIZE(refusals) ? refusals[r].tip : "";
}
