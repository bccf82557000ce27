/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Attack on the execution domain: personality(2) with READ_IMPLIES_EXEC
 * (every readable mapping made from now on is executable too, past W^X)
 * and ADDR_NO_RANDOMIZE (no ASLR for the next exec, so an exploit knows
 * where everything is). Under trace/lock_personality only the persona the
 * sandbox started with may be set. The flags are set through the raw
 * system call, and again with the upper half of the register set, which
 * the kernel ignores (it reads an unsigned int).
 * Escape: the persona read back has either flag.
 */
#include <sys/personality.h>
#include <sys/syscall.h>

#include "esc.h"

int main(int argc, char **argv)
{
	const unsigned long flags = READ_IMPLIES_EXEC | ADDR_NO_RANDOMIZE;
	struct esc e;
	int cur, now;

	esc_init(&e, argc, argv);
	cur = (int)syscall(SYS_personality, 0xffffffffUL);
	if (cur < 0)
		esc_exit(&e, ESC_SETUP, "personality(query): %s",
			 esc_errname(errno));
	if (syscall(SYS_personality, (unsigned long)cur | flags) < 0)
		printf("# personality(%#lx): %s\n", (unsigned long)cur | flags,
		       esc_errname(errno));
	if (syscall(SYS_personality, (1UL << 32) | (unsigned long)cur | flags) <
	    0)
		printf("# personality(1 << 32 | %#lx): %s\n",
		       (unsigned long)cur | flags, esc_errname(errno));
	now = (int)syscall(SYS_personality, 0xffffffffUL);
	if (now >= 0 && ((unsigned long)now & flags))
		esc_exit(&e, ESC_ESCAPED, "persona %#x (from %#x)", now, cur);
	esc_exit(&e, ESC_BLOCKED, "persona stays %#x", now);
}
