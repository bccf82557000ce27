/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Attack 9: openat2(2) and its RESOLVE_* flags. A supervisor that emulates
 * openat2 resolves the path itself, honouring the flags: a mistake in that
 * emulation (".." under RESOLVE_IN_ROOT, a symlink under RESOLVE_BENEATH,
 * flags dropped on the way) must never yield the secret. Some variants
 * fail natively too (the kernel confines them); the ones marked "native"
 * reach the secret without syd, so the native run proves detection.
 */
#include <linux/openat2.h>
#include <sys/syscall.h>

#include "esc.h"

struct variant {
	const char *what;
	bool from_work; /* dirfd is DIR/work, else AT_FDCWD */
	const char *path; /* NULL: the secret's absolute path */
	unsigned long long resolve;
};

static const struct variant variants[] = {
	/* native: plain ".." from the work directory */
	{ "../secret, no RESOLVE flags", true, "../secret", 0 },
	/* native: an absolute path with no symlinks in it */
	{ "absolute, RESOLVE_NO_SYMLINKS", false, NULL, RESOLVE_NO_SYMLINKS },
	/* native: a plain symlink is no magic link */
	{ "link to ../secret, RESOLVE_NO_MAGICLINKS", true, "up",
	  RESOLVE_NO_MAGICLINKS },
	{ "absolute, RESOLVE_NO_XDEV", false, NULL, RESOLVE_NO_XDEV },
	/* the kernel confines these: ENOENT / EXDEV natively */
	{ "../secret, RESOLVE_IN_ROOT", true, "../secret", RESOLVE_IN_ROOT },
	{ "../secret, RESOLVE_BENEATH", true, "../secret", RESOLVE_BENEATH },
	{ "link to ../secret, RESOLVE_IN_ROOT", true, "up", RESOLVE_IN_ROOT },
	{ "link to ../secret, RESOLVE_BENEATH", true, "up", RESOLVE_BENEATH },
	{ "/proc/self/root link, RESOLVE_IN_ROOT", true, "root/secret",
	  RESOLVE_IN_ROOT },
};

int main(int argc, char **argv)
{
	char link[PATH_MAX];
	struct esc e;
	int wfd;

	esc_init(&e, argc, argv);
	wfd = open(e.work, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (wfd < 0)
		esc_exit(&e, ESC_SETUP, "open %s: %s", e.work, strerror(errno));
	esc_path(&e, link, e.work, "/up");
	if (symlink("../secret", link) < 0)
		esc_exit(&e, ESC_SETUP, "symlink: %s", strerror(errno));
	/* work/root -> DIR: "root/secret" is the secret, via a symlink. */
	esc_path(&e, link, e.work, "/root");
	if (symlink(e.dir, link) < 0)
		esc_exit(&e, ESC_SETUP, "symlink: %s", strerror(errno));

	for (size_t i = 0; i < sizeof(variants) / sizeof(variants[0]); i++) {
		const struct variant *v = &variants[i];
		struct open_how how = { .flags = O_RDONLY | O_CLOEXEC,
					.resolve = v->resolve };
		long fd = syscall(SYS_openat2, v->from_work ? wfd : AT_FDCWD,
				  v->path ? v->path : e.secret, &how,
				  sizeof(how));

		if (fd < 0 && errno == ENOSYS)
			esc_exit(&e, ESC_UNSUPPORTED, "openat2: ENOSYS");
		if (esc_check_close((int)fd))
			esc_exit(&e, ESC_ESCAPED, "openat2 read TOPSECRET: %s",
				 v->what);
		printf("# %s: %s\n", v->what,
		       fd < 0 ? esc_errname(errno) : "opened, not the secret");
	}
	esc_exit(&e, ESC_BLOCKED, "no openat2 variant reached the secret");
}
