/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Shellcode by mprotect(2): write machine code into writable anonymous
 * memory, make it executable with mprotect(PROT_READ|PROT_EXEC), call it.
 * The injected code's way in once a bug lets an attacker write memory.
 * ESCAPED when the code ran. Under syd the mprotect is refused (W^X: the
 * filter, and MDWE's REFUSE_EXEC_GAIN in the kernel).
 */
#include "esc.h"

/* x86_64: mov eax, 42; ret */
static const unsigned char code[] = { 0xb8, 0x2a, 0, 0, 0, 0xc3 };

int main(int argc, char **argv)
{
	struct esc e;
	int (*fn)(void);
	void *mem;

	esc_init(&e, argc, argv);
#if !defined(__x86_64__)
	esc_exit(&e, ESC_UNSUPPORTED, "the shellcode is x86_64");
#endif
	mem = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED)
		esc_exit(&e, ESC_SETUP, "mmap RW: %s", strerror(errno));
	memcpy(mem, code, sizeof(code));
	if (mprotect(mem, 4096, PROT_READ | PROT_EXEC) < 0)
		esc_exit(&e, ESC_BLOCKED, "mprotect RW -> RX: %s",
			 esc_errname(errno));
	memcpy(&fn, &mem, sizeof(fn));
	if (fn() != 42)
		esc_exit(&e, ESC_SETUP, "the code ran but returned garbage");
	esc_exit(&e, ESC_ESCAPED, "code written to memory ran after mprotect");
}
