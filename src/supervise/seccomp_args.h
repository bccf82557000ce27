/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Argument comparisons for libseccomp rules, shared by filter.c and floors.c. */
#ifndef SYD_SUPERVISE_SECCOMP_ARGS_H
#define SYD_SUPERVISE_SECCOMP_ARGS_H

#include <seccomp.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Argument comparisons spelled out: libseccomp's SCMP_A0() macros leave a
 * field to default initialisation, which clang's -Wextra refuses.
 */
static inline struct scmp_arg_cmp arg_cmp(unsigned arg, enum scmp_compare op,
					  scmp_datum_t a, scmp_datum_t b)
{
	struct scmp_arg_cmp c = {
		.arg = arg, .op = op, .datum_a = a, .datum_b = b
	};

	return c;
}

/*
 * Argument ARG equals V, for an argument the kernel takes as an int (a
 * pid, an option, a family): only the low 32 bits are compared, since
 * the kernel ignores the rest and a 64-bit comparison would let
 * (1 << 32) | V through as something else.
 */
static inline struct scmp_arg_cmp arg_eq32(unsigned arg, scmp_datum_t v)
{
	return arg_cmp(arg, SCMP_CMP_MASKED_EQ, 0xffffffffu, v & 0xffffffffu);
}

/* One rule ACTION for call NR per value V[i] of argument ARG (low 32 bits). */
static inline int rule_per_value(scmp_filter_ctx ctx, uint32_t action, int nr,
				 unsigned arg, const scmp_datum_t *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int err = seccomp_rule_add(ctx, action, nr, 1,
					   arg_eq32(arg, v[i]));

		if (err < 0)
			return err;
	}
	return 0;
}

#endif
