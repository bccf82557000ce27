/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Attack 14: the x32 ABI. x32 calls carry the x86_64 audit architecture
 * with __X32_SYSCALL_BIT set in the number, so a filter that compared
 * numbers without masking that bit would miss x32 openat. Under syd the
 * filter kills the process (counted as blocked). Most kernels are built
 * without x32 (ENOSYS): then there is nothing to prove natively.
 */
#include <sys/syscall.h>

#include "esc.h"

#ifndef __X32_SYSCALL_BIT
#define __X32_SYSCALL_BIT 0x40000000
#endif

int main(int argc, char **argv)
{
	struct esc e;
	long fd;

	esc_init(&e, argc, argv);
#if defined(__x86_64__)
	/* x32 openat is number 257, as on x86_64 (the "common" table). */
	fd = syscall(__X32_SYSCALL_BIT | 257, AT_FDCWD, e.secret,
		     O_RDONLY | O_CLOEXEC, 0);
	if (fd < 0 && errno == ENOSYS)
		esc_exit(&e, ESC_UNSUPPORTED,
			 "x32 openat: ENOSYS (kernel without "
			 "CONFIG_X86_X32_ABI)");
	if (esc_check_close((int)fd))
		esc_exit(&e, ESC_ESCAPED, "x32 openat read TOPSECRET");
	esc_exit(&e, ESC_BLOCKED, "x32 openat: %s",
		 fd < 0 ? esc_errname(errno) : "opened, not the secret");
#else
	(void)fd;
	esc_exit(&e, ESC_UNSUPPORTED, "not x86_64");
#endif
}
