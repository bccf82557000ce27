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
	struct stat st;
	ssize_t n;
	off_t off = 0;
	int in, out;
	void *h;

	esc_init(&e, argc, argv);
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n <= 0)
		esc_exit(&e, ESC_SETUP, "readlink /proc/self/exe failed");
	self[n] = '\0';
	snprintf(mod, sizeof(mod), "%s/esc-exec-mod.so", dirname(self));
	esc_path(&e, copy, e.work, "/libmod.so");
	in = open(mod, O_RDONLY | O_CLOEXEC);
	out = open(copy, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
	if (in < 0 || out < 0 || fstat(in, &st) < 0)
		esc_exit(&e, ESC_SETUP, "cannot copy %s: %s", mod,
			 strerror(errno));
	while (off < st.st_size)
		if (sendfile(out, in, &off, (size_t)(st.st_size - off)) <= 0)
			esc_exit(&e, ESC_SETUP, "copy: %s", strerror(errno));
	close(in);
	close(out);
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
