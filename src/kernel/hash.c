/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * AF_ALG hashing of files for Force. The file goes to the kernel's hash by
 * splice(2), file -> pipe -> hash socket, a pipe's worth at a time: the
 * pages move by reference, nothing is copied into syd, so a large binary
 * costs no memory here. The algorithm is whatever the kernel names. A
 * kernel built without AF_ALG (CONFIG_CRYPTO_USER_API_HASH unset, as on
 * many VMs), or one that will not hand out a SHA-2 through it, gets the
 * SHA-2 family from sha2.c instead, read a bounded buffer at a time.
 */
#include "kernel/hash.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/if_alg.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sha2.h"
#include "util.h"

#ifndef AF_ALG
#define AF_ALG 38
#endif

/* A larger pipe means fewer splices per file; the default is 64 KiB. */
#define PIPE_WANT (1 << 20)
/* What the SHA-2 fallback reads at a time, on an emulator's stack. */
#define SW_CHUNK (32 * 1024)

/*
 * An operation socket for ALG: the bound socket is only a factory, each
 * accept() is one hash computation. Returns the fd or -errno.
 */
static int alg_open(const char *alg)
{
	struct sockaddr_alg sa = { .salg_family = AF_ALG };
	int s AUTO_FD = -1;
	int op;

	if (!*alg)
		return -ENOENT;
	/* salg_name must keep its NUL: a longer name is not that name. */
	if (strlen(alg) >= sizeof(sa.salg_name))
		return -ENAMETOOLONG;
	memcpy(sa.salg_type, "hash", 5);
	memcpy(sa.salg_name, alg, strlen(alg) + 1);
	s = socket(AF_ALG, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (s < 0)
		return -errno;
	if (bind(s, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		return -errno;
	op = accept4(s, NULL, NULL, SOCK_CLOEXEC);
	return op < 0 ? -errno : op;
}

/*
 * End the computation on OP and read its digest into OUT. A send with no
 * data and no MSG_MORE makes the kernel finalise; a digest that fills the
 * whole buffer may have been cut, so it is refused rather than trusted.
 */
static int alg_final(int op, unsigned char *out)
{
	ssize_t n;

	while (send(op, NULL, 0, 0) < 0)
		if (errno != EINTR)
			return -errno;
	do
		n = read(op, out, HASH_DIGEST_MAX);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	if (n == 0)
		return -EIO;
	if (n >= HASH_DIGEST_MAX)
		return -EOVERFLOW;
	return (int)n;
}

int hash_digest_size(const char *alg)
{
	unsigned char d[HASH_DIGEST_MAX];
	int op AUTO_FD = alg_open(alg);
	struct sha2 c;
	int n;

	if (op >= 0)
		return alg_final(op, d);
	/* The kernel's answer stands, unless sha2.c can do without it. */
	n = sha2_init(&c, alg);
	return n > 0 ? n : op;
}

/* What identifies the file and its contents for a reader, before and after. */
static bool same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino &&
	       a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	       a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
	       a->st_ctim.tv_sec == b->st_ctim.tv_sec &&
	       a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

/* Move exactly N bytes from the pipe P into the hash OP, more to come. */
static int drain(int p, int op, size_t n)
{
	while (n > 0) {
		ssize_t m = splice(p, NULL, op, NULL, n,
				   SPLICE_F_MOVE | SPLICE_F_MORE);

		if (m < 0 && errno == EINTR)
			continue;
		if (m < 0)
			return -errno;
		if (m == 0)
			return -EIO; /* the socket took nothing: never spin */
		n -= (size_t)m;
	}
	return 0;
}

/* Splice up to N bytes of FD at *OFF into the pipe W; 0 at end of file. */
static ssize_t fill(int fd, loff_t *off, int w, size_t n)
{
	ssize_t m;

	do
		m = splice(fd, off, w, NULL, n, SPLICE_F_MOVE);
	while (m < 0 && errno == EINTR);
	return m < 0 ? -errno : m;
}

/*
 * The SHA-2 fallback: FD read with pread(2) from 0 to SIZE, a bounded
 * buffer at a time, then one more read that must find the end.
 */
static int sw_hash(struct sha2 *c, int fd, uint64_t size, unsigned char *out)
{
	unsigned char buf[SW_CHUNK];
	uint64_t off = 0;
	ssize_t n;

	for (;;) {
		size_t want = size - off < sizeof(buf) ? (size_t)(size - off)
						       : sizeof(buf);

		/* at the end, ask for one byte: there must be none */
		n = pread(fd, buf, want ? want : 1, (off_t)off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (want == 0 && n == 0)
			break;
		if (want == 0 || n == 0)
			return -ESTALE; /* longer, or shorter, than it said */
		sha2_update(c, buf, (size_t)n);
		off += (uint64_t)n;
	}
	sha2_final(c, out);
	return (int)c->size;
}

int hash_fd(const char *alg, int fd, unsigned char *out)
{
	int op AUTO_FD = -1, pr AUTO_FD = -1, pw AUTO_FD = -1;
	struct stat before, after;
	loff_t off = 0;
	uint64_t left;
	struct sha2 c;
	size_t chunk;
	int p[2], err;
	ssize_t n;

	if (fstat(fd, &before) < 0)
		return -errno;
	/* exec reads regular files only; a FIFO or device has no fixed end */
	if (!S_ISREG(before.st_mode) || before.st_size < 0)
		return -EINVAL;
	op = alg_open(alg);
	if (op < 0 && sha2_init(&c, alg) > 0) {
		err = sw_hash(&c, fd, (uint64_t)before.st_size, out);
		if (err < 0)
			return err;
		if (fstat(fd, &after) < 0)
			return -errno;
		return same_file(&before, &after) ? err : -ESTALE;
	}
	if (op < 0)
		return op;
	if (pipe2(p, O_CLOEXEC) < 0)
		return -errno;
	pr = p[0];
	pw = p[1];
	n = fcntl(pw, F_SETPIPE_SZ, PIPE_WANT);
	if (n < 0)
		n = fcntl(pw, F_GETPIPE_SZ);
	chunk = n > 0 ? (size_t)n : 65536;
	/*
	 * Explicit offsets: the caller's file position stays put, and the
	 * loop is bounded by the size the file had at the start.
	 */
	for (left = (uint64_t)before.st_size; left > 0; left -= (uint64_t)n) {
		n = fill(fd, &off, pw, left < chunk ? (size_t)left : chunk);
		if (n < 0)
			return (int)n;
		if (n == 0)
			return -ESTALE; /* shorter than it said: truncated */
		err = drain(pr, op, (size_t)n);
		if (err < 0)
			return err;
	}
	/* A file longer than its size (a writer, or a lying filesystem). */
	n = fill(fd, &off, pw, 1);
	if (n != 0)
		return n < 0 ? (int)n : -ESTALE;
	/*
	 * Written meanwhile: the digest may mix old and new bytes. (A write
	 * within one tick of the clock the times come from can go unseen:
	 * this narrows the race, the re-check at exec closes it.)
	 */
	if (fstat(fd, &after) < 0)
		return -errno;
	if (!same_file(&before, &after))
		return -ESTALE;
	return alg_final(op, out);
}

void hash_hex(const unsigned char *d, size_t n, char *hex)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		hex[2 * i] = digits[d[i] >> 4];
		hex[2 * i + 1] = digits[d[i] & 15];
	}
	hex[2 * n] = '\0';
}
