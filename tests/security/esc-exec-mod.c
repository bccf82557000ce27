/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The library esc-exec-dlopen loads from where exec is denied. */
int esc_mod_answer(void);

int esc_mod_answer(void)
{
	return 42;
}
