/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What the append-only escape attempts (esc-append-*.c) share. Under syd
 * they run with the "append" policy of esc-lib.sh: DIR/public
 * ("public\n") may only be added to (append+DIR/public). An attack
 * ESCAPED when the file no longer starts with what it held: cut, holed,
 * overwritten, removed or replaced.
 */
#ifndef SYD_TESTS_SECURITY_ESC_APPEND_H
#define SYD_TESTS_SECURITY_ESC_APPEND_H

#include "esc.h"

#define PUBLIC_TEXT "public\n"

#ifndef RWF_NOAPPEND
#define RWF_NOAPPEND 0x00000020 /* linux/fs.h, Linux 6.9 */
#endif

/* Does DIR/public still start with PUBLIC_TEXT? */
static inline bool esc_public_intact(const struct esc *e)
{
	char buf[sizeof(PUBLIC_TEXT)] = { 0 };
	int fd = open(e->public_, O_RDONLY | O_CLOEXEC);
	ssize_t n = fd < 0 ? -1 : pread(fd, buf, strlen(PUBLIC_TEXT), 0);

	if (fd >= 0)
		close(fd);
	return n == (ssize_t)strlen(PUBLIC_TEXT) &&
	       memcmp(buf, PUBLIC_TEXT, strlen(PUBLIC_TEXT)) == 0;
}

/* After the attack HOW: ESCAPED (exits) when DIR/public was changed. */
static inline void esc_public_check(const struct esc *e, const char *how)
{
	if (!esc_public_intact(e))
		esc_exit(e, ESC_ESCAPED, "DIR/public changed by %s", how);
	printf("# %s: DIR/public intact\n", how);
}

#endif
