/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Shellcode in memory mapped writable and executable at once
 * (PROT_READ|PROT_WRITE|PROT_EXEC): write machine code, call it. ESCAPED
 * when the code ran. Under syd the mmap is refused (W^X).
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
	mem = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED)
		esc_exit(&e, ESC_BLOCKED, "mmap RWX: %s", esc_errname(errno));
	memcpy(mem, code, sizeof(code));
	memcpy(&fn, &mem, sizeof(fn));
	if (fn() != 42)
		esc_exit(&e, ESC_SETUP, "the code ran but returned garbage");
	esc_exit(&e, ESC_ESCAPED, "code written to RWX memory ran");
}
