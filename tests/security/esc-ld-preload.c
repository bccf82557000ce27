/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Loader injection into the sandbox's initial command: syd is started
 * with LD_PRELOAD naming a library (libesc-preload.so, flag "preload" in
 * esc-lib.sh), which would run inside the sandboxed program before its
 * main(), as that program. ESCAPED when the library's code is in this
 * process. Under syd the variable is removed from the command's
 * environment (trace/allow_unsafe_env would keep it).
 */
#include <dlfcn.h>

#include "esc.h"

int main(int argc, char **argv)
{
	const int *marker;
	struct esc e;

	esc_init(&e, argc, argv);
	if (!getenv("ESC_PRELOAD"))
		esc_exit(&e, ESC_SETUP, "run with the preload flag");
	marker = dlsym(RTLD_DEFAULT, "esc_preload_marker");
	if (marker && *marker == 0x5afe)
		esc_exit(&e, ESC_ESCAPED, "the preloaded library is loaded");
	esc_exit(&e, ESC_BLOCKED, "no preloaded library (LD_PRELOAD=%s)",
		 getenv("LD_PRELOAD") ? getenv("LD_PRELOAD") : "unset");
}
