/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Loader injection from inside the sandbox: the program runs itself again
 * with LD_PRELOAD naming libesc-preload.so, a library the policy lets it
 * map executable (it lies beside the program). The variable is set by a
 * sandboxed process for its child, after syd cleaned the initial
 * command's environment. ESCAPED when the library's code is in the child.
 * Under syd every image runs with AT_SECURE set, so the child's loader
 * ignores a preload path (trace/allow_unsafe_libc would let it load).
 */
#include <dlfcn.h>

#include "esc.h"

int main(int argc, char **argv)
{
	char self[PATH_MAX], lib[PATH_MAX + 32], asan[256];
	const int *marker;
	struct esc e;
	char *slash;
	ssize_t n;

	esc_init(&e, argc, argv);
	if (getenv("ESC_PRELOAD_CHILD")) {
		marker = dlsym(RTLD_DEFAULT, "esc_preload_marker");
		if (marker && *marker == 0x5afe)
			esc_exit(&e, ESC_ESCAPED,
				 "the child loaded the preloaded library");
		esc_exit(&e, ESC_BLOCKED, "the child's loader ignored %s",
			 getenv("LD_PRELOAD") ? getenv("LD_PRELOAD")
					      : "LD_PRELOAD (removed)");
	}
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n <= 0)
		esc_exit(&e, ESC_SETUP, "readlink /proc/self/exe: %s",
			 strerror(errno));
	self[n] = '\0';
	slash = strrchr(self, '/');
	*slash = '\0';
	snprintf(lib, sizeof(lib), "%s/libesc-preload.so", self);
	*slash = '/';
	/* ASan (the sanitizer build) insists on being loaded first. */
	snprintf(asan, sizeof(asan), "%s%sverify_asan_link_order=0",
		 getenv("ASAN_OPTIONS") ? getenv("ASAN_OPTIONS") : "",
		 getenv("ASAN_OPTIONS") ? ":" : "");
	if (setenv("LD_PRELOAD", lib, 1) < 0 ||
	    setenv("ESC_PRELOAD_CHILD", "1", 1) < 0 ||
	    setenv("ASAN_OPTIONS", asan, 1) < 0)
		esc_exit(&e, ESC_SETUP, "setenv: %s", strerror(errno));
	execv(self, argv);
	esc_exit(&e, ESC_SETUP, "execv %s: %s", self, strerror(errno));
}
