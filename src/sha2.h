/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * SHA-224, SHA-256, SHA-384 and SHA-512 (FIPS 180-4) in memory, for Force
 * where the kernel has no AF_ALG: kernel/hash.c prefers the kernel's
 * crypto API and falls back to these. Pure: no system calls, no
 * allocation; the caller streams the data through sha2_update().
 */
#ifndef SYD_SHA2_H
#define SYD_SHA2_H

#include <stddef.h>
#include <stdint.h>

struct sha2 {
	uint64_t h[8]; /* state; SHA-224/256 use the low 32 bits */
	uint64_t len; /* bytes hashed so far */
	unsigned char buf[128]; /* a partial block */
	size_t fill; /* bytes in buf */
	size_t block; /* 64 or 128 */
	size_t size; /* digest size in bytes */
};

/*
 * Start a digest with NAME ("sha224", "sha256", "sha384", "sha512", the
 * kernel crypto API's names). Returns its size in bytes, or -ENOENT for
 * any other name.
 */
int sha2_init(struct sha2 *c, const char *name);

void sha2_update(struct sha2 *c, const void *data, size_t n);

/* The digest into OUT (c->size bytes); C must be started again after. */
void sha2_final(struct sha2 *c, unsigned char *out);

#endif
