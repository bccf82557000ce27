/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A script whose #! interpreter is a program the policy may not run:
 * DIR/script (exec allowed) names DIR/work/prog (denied). The check at
 * execve entry decides the script; the kernel then loads the interpreter.
 */
#include "esc-exec.h"

int main(int argc, char **argv)
{
	struct esc e;
	char prog[PATH_MAX], script[PATH_MAX], text[PATH_MAX + 16];
	int fd;

	esc_exec_ran_mode(argc, argv);
	esc_init(&e, argc, argv);
	esc_exec_copy(&e, prog);
	esc_path(&e, script, e.dir, "/script");
	snprintf(text, sizeof(text), "#!%s --ran\n", prog);
	fd = open(script, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
	if (fd < 0 || write(fd, text, strlen(text)) < 0)
		esc_exit(&e, ESC_SETUP, "cannot write %s", script);
	close(fd);
	{
		char *args[] = { script, NULL };

		esc_exec_run(args);
	}
	if (esc_exec_ran(&e))
		esc_exit(&e, ESC_ESCAPED, "the denied interpreter ran");
	esc_exit(&e, ESC_BLOCKED, "the denied interpreter did not run");
}
