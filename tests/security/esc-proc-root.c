/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Attack 6: the secret through /proc/self/root, the magic link to the
 * process's root directory. The string "/proc/self/root/DIR/secret" is
 * under /proc/self/, which the linux profile allows to read; the object it
 * names is the secret. Also via /proc/thread-self/root and /proc/PID/root.
 */
#include "esc.h"

int main(int argc, char **argv)
{
	static const char *const fmts[] = { "/proc/self/root%s",
					    "/proc/thread-self/root%s",
					    "/proc/%d/root%s",
					    "/proc/self/root/./%s" };
	struct esc e;
	int err = 0;

	esc_init(&e, argc, argv);
	for (size_t i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		char path[PATH_MAX + 64]; /* the prefix, then DIR/secret */

		if (i == 2)
			snprintf(path, sizeof(path), fmts[i], (int)getpid(),
				 e.secret);
		else
			snprintf(path, sizeof(path), fmts[i], e.secret);
		if (esc_check_close(open(path, O_RDONLY | O_CLOEXEC)))
			esc_exit(&e, ESC_ESCAPED, "read TOPSECRET via %s",
				 path);
		printf("# open %s: %s\n", path, esc_errname(errno));
		if (!err)
			err = errno;
	}
	esc_exit(&e, ESC_BLOCKED, "every /proc/*/root path failed (first: %s)",
		 esc_errname(err));
}
