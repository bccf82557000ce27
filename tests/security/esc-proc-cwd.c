/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Attack 7: the secret through /proc/self/cwd, the magic link to the
 * current directory. With the cwd at DIR (allowed), the string
 * "/proc/self/cwd/secret" is under the readable /proc/self/; the object is
 * the secret. Also with the cwd in DIR/work and a ".." after the link.
 */
#include "esc.h"

static void try(const struct esc *e, const char *path)
{
	if (esc_check_close(open(path, O_RDONLY | O_CLOEXEC)))
		esc_exit(e, ESC_ESCAPED, "read TOPSECRET via %s", path);
	printf("# open %s: %s\n", path, esc_errname(errno));
}

int main(int argc, char **argv)
{
	struct esc e;

	esc_init(&e, argc, argv);
	if (chdir(e.dir) < 0)
		esc_exit(&e, ESC_SETUP, "chdir %s: %s", e.dir, strerror(errno));
	try(&e, "/proc/self/cwd/secret");
	try(&e, "/proc/thread-self/cwd/secret");
	if (chdir(e.work) < 0)
		esc_exit(&e, ESC_SETUP, "chdir %s: %s", e.work,
			 strerror(errno));
	try(&e, "/proc/self/cwd/../secret");
	esc_exit(&e, ESC_BLOCKED, "every /proc/self/cwd path failed");
}
