/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Attack 13: the i386 system call ABI from a 64-bit process. "int $0x80"
 * enters the kernel's 32-bit table, where open is number 5 and other
 * numbers mean other calls: a filter that checked only x86_64 numbers
 * would let it through. Under syd the filter kills the process (a kill by
 * signal counts as blocked). The path must be below 4 GiB: MAP_32BIT.
 */
#include <signal.h>
#include <sys/mman.h>

#include "esc.h"

static struct esc e;

#if defined(__x86_64__)
/* i386 open(2): eax = 5, ebx = path, ecx = flags, edx = mode. */
static long int80_open(const char *path, long flags)
{
	long ret;

	/* 64-bit int $0x80 clobbers r8-r11 on older kernels. */
	__asm__ volatile("int $0x80"
			 : "=a"(ret)
			 : "a"(5L), "b"(path), "c"(flags), "d"(0L)
			 : "memory", "r8", "r9", "r10", "r11", "cc");
	return ret;
}

/*
 * A kernel built with IA32 emulation off by default (or booted with
 * ia32_emulation=false) has no gate at 0x80: the int raises SIGSEGV before
 * any system call, so nothing is there to escape through.
 */
static void no_gate(int sig)
{
	(void)sig;
	esc_exit(&e, ESC_UNSUPPORTED,
		 "int $0x80: SIGSEGV (IA32 emulation disabled in this kernel)");
}
#endif

int main(int argc, char **argv)
{
	esc_init(&e, argc, argv);
#if defined(__x86_64__)
	{
		struct sigaction sa = { .sa_handler = no_gate };
		char *low =
			mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
		long fd;

		if (low == MAP_FAILED)
			esc_exit(&e, ESC_SETUP, "mmap MAP_32BIT: %s",
				 strerror(errno));
		snprintf(low, 4096, "%s", e.secret);
		sigaction(SIGSEGV, &sa, NULL);
		fd = int80_open(low, O_RDONLY);
		if (fd == -ENOSYS)
			esc_exit(&e, ESC_UNSUPPORTED,
				 "int $0x80: ENOSYS (no IA32 emulation)");
		if (fd >= 0 && esc_check_close((int)fd))
			esc_exit(&e, ESC_ESCAPED,
				 "int $0x80 open read TOPSECRET");
		esc_exit(&e, ESC_BLOCKED, "int $0x80 open: %s",
			 fd < 0 ? esc_errname((int)-fd)
				: "opened, not the secret");
	}
#else
	esc_exit(&e, ESC_UNSUPPORTED, "not x86_64");
#endif
}
