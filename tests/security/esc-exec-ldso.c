/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Run the denied program through the dynamic loader: ld.so is allowed to
 * run, and it maps DIR/work/prog itself (mmap with PROT_EXEC), no exec
 * of the program ever made.
 */
#include "esc-exec.h"

#define LDSO "/lib64/ld-linux-x86-64.so.2"

int main(int argc, char **argv)
{
	struct esc e;
	char prog[PATH_MAX];

	esc_exec_ran_mode(argc, argv);
	esc_init(&e, argc, argv);
	if (access(LDSO, X_OK) < 0)
		esc_exit(&e, ESC_UNSUPPORTED, "no %s here", LDSO);
	esc_exec_copy(&e, prog);
	{
		char *args[] = { LDSO, prog, "--ran", e.secret, NULL };

		esc_exec_run(args);
	}
	if (esc_exec_ran(&e))
		esc_exit(&e, ESC_ESCAPED, "ld.so ran the denied program");
	esc_exit(&e, ESC_BLOCKED, "ld.so could not run the denied program");
}
