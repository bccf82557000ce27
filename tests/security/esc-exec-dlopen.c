/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Load code from where nothing may run, without an exec: dlopen() a
 * shared library copied to DIR/work (its code is mapped with PROT_EXEC).
 * The library lies next to this program (esc-exec-mod.so, built with it).
 */
#include "esc-exec.h"

#include <dlfcn.h>

int main(int argc, char **argv)
{
	struct esc e;
	char self[PATH_MAX], mod[PATH_MAX], copy[PATH_MAX];
	ssize_t n;
	void *h;

	esc_init(&e, argc, argv);
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n <= 0)
		esc_exit(&e, ESC_SETUP, "readlink /proc/self/exe failed");
	self[n] = '\0';
	snprintf(mod, sizeof(mod), "%s/esc-exec-mod.so", dirname(self));
	esc_path(&e, copy, e.work, "/libmod.so");
	esc_exec_copy_file(&e, mod, copy);
	h = dlopen(copy, RTLD_NOW | RTLD_LOCAL);
	if (h) {
		int (*f)(void);
		void *sym = dlsym(h, "esc_mod_answer");

		/* POSIX's way to take a function from dlsym(). */
		memcpy(&f, &sym, sizeof(f));

		if (f && f() == 42)
			esc_exit(&e, ESC_ESCAPED, "its code ran from %s", copy);
		esc_exit(&e, ESC_ESCAPED, "it was mapped from %s", copy);
	}
	esc_exit(&e, ESC_BLOCKED, "dlopen: %s", dlerror());
}
