/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * esyd: the shell code of src/esyd.sh, built into syd (esyd_sh.c is made
 * from it by meson), so that syd --sh and an open of /dev/syd.sh inside
 * the sandbox give the very same text.
 */
#ifndef SYD_ESYD_H
#define SYD_ESYD_H

#include <stddef.h>

/* The text, NUL-terminated, and its length without the NUL. */
extern const char esyd_sh[];
extern const size_t esyd_sh_len;

#endif
