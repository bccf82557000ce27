/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The system's dynamic loader (ld.so), known by its inode: the one syd's
 * own executable names as its interpreter, found once at start-up. Run
 * as a program (ld.so PROG), it maps PROG itself, no exec of PROG made;
 * trace/allow_unsafe_exec_ldso lets it.
 */
#ifndef SYD_KERNEL_LDSO_H
#define SYD_KERNEL_LDSO_H

#include <stdbool.h>
#include <sys/stat.h>

/*
 * Find the loader: syd's PT_INTERP, stat'ed. Returns 0, or -errno (syd
 * linked statically names none: then nothing is the loader).
 */
int ldso_find(void);

/* Is ST (of an executable) the loader ldso_find() found? */
bool ldso_is(const struct stat *st);

#endif
