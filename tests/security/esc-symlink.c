/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Attack 2: a symbolic link in the allowed work directory pointing at the
 * secret. Creating the link is allowed (its target is only text); opening
 * it must be decided on the target, not on the link's own allowed name.
 * Absolute and relative targets, and a link to the secret's directory.
 */
#include "esc.h"

static void try_link(const struct esc *e, const char *target, const char *name,
		     const char *open_suffix)
{
	char link[PATH_MAX], path[PATH_MAX];

	esc_path(e, link, e->work, name);
	if (symlink(target, link) < 0)
		esc_exit(e, ESC_SETUP, "symlink %s -> %s: %s", link, target,
			 strerror(errno));
	esc_path(e, path, link, open_suffix);
	if (esc_check_close(open(path, O_RDONLY | O_CLOEXEC)))
		esc_exit(e, ESC_ESCAPED, "read TOPSECRET via %s -> %s", path,
			 target);
	printf("# open %s: %s\n", path, esc_errname(errno));
}

int main(int argc, char **argv)
{
	struct esc e;

	esc_init(&e, argc, argv);
	try_link(&e, e.secret, "/abs", "");
	try_link(&e, "../secret", "/rel", "");
	/* A link to the directory above, then the secret's name after it. */
	try_link(&e, "..", "/up", "/secret");
	try_link(&e, e.dir, "/dirabs", "/secret");
	esc_exit(&e, ESC_BLOCKED, "no symlink reached the secret");
}
