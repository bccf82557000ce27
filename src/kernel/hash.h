/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Digests of files through the kernel crypto API (AF_ALG sockets of type
 * "hash"), for Force (verified exec). The file is streamed into the kernel
 * with splice(2): never read into our memory, and any hash algorithm the
 * kernel has (proc_crypto(5): sha256, sha512, sha3-512, blake2b-256...) can
 * be named. Fail closed: every error is an error, never a digest.
 */
#ifndef SYD_KERNEL_HASH_H
#define SYD_KERNEL_HASH_H

#include <stddef.h>

/* The largest digest we take, in bytes (sha512, sha3-512: 64). */
#define HASH_DIGEST_MAX 128
/* The kernel's limit on an algorithm name (struct sockaddr_alg). */
#define HASH_ALG_MAX 64

/*
 * The digest size of ALG in bytes, found by asking the kernel for the
 * digest of nothing. Returns it (> 0), or -ENOENT (the kernel has no hash
 * of that name, or has one it will not hand out through AF_ALG),
 * -ENAMETOOLONG, -EAFNOSUPPORT (no AF_ALG in this kernel), -EOVERFLOW (a
 * digest longer than HASH_DIGEST_MAX) or another -errno.
 */
int hash_digest_size(const char *alg);

/*
 * The digest with ALG of the whole of the regular file FD (an fd open for
 * reading; its offset is neither used nor moved) into OUT (HASH_DIGEST_MAX
 * bytes). Exactly the bytes a read of the file from 0 to its end returns
 * are hashed: a file that is not regular is -EINVAL; one that is shorter
 * or longer than its stat said, or whose size, times or identity changed
 * while it was hashed, is -ESTALE. Returns the digest size, or -errno
 * (hash_digest_size()'s, and those of splice(2)).
 */
int hash_fd(const char *alg, int fd, unsigned char *out);

/* N bytes of D as lower-case hex into HEX (2 * N + 1 bytes). */
void hash_hex(const unsigned char *d, size_t n, char *hex);

#endif
