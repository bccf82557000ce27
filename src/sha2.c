/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * FIPS 180-4 SHA-2. The round constants are the fractional parts of the
 * cube roots of the first 64 (80) primes, the initial values those of the
 * square roots of the first 8 (SHA-256/512) or the 9th to 16th primes
 * (SHA-224/384), as the standard defines them; checked against the
 * coreutils digests of real files in tests/unit/test_hash.c.
 */
#include "sha2.h"

#include <errno.h>
#include <string.h>

static const uint32_t k256[64] = {
	0x428a2f98u, 0x71374491u, 0xb5c0fbcfu, 0xe9b5dba5u, 0x3956c25bu,
	0x59f111f1u, 0x923f82a4u, 0xab1c5ed5u, 0xd807aa98u, 0x12835b01u,
	0x243185beu, 0x550c7dc3u, 0x72be5d74u, 0x80deb1feu, 0x9bdc06a7u,
	0xc19bf174u, 0xe49b69c1u, 0xefbe4786u, 0x0fc19dc6u, 0x240ca1ccu,
	0x2de92c6fu, 0x4a7484aau, 0x5cb0a9dcu, 0x76f988dau, 0x983e5152u,
	0xa831c66du, 0xb00327c8u, 0xbf597fc7u, 0xc6e00bf3u, 0xd5a79147u,
	0x06ca6351u, 0x14292967u, 0x27b70a85u, 0x2e1b2138u, 0x4d2c6dfcu,
	0x53380d13u, 0x650a7354u, 0x766a0abbu, 0x81c2c92eu, 0x92722c85u,
	0xa2bfe8a1u, 0xa81a664bu, 0xc24b8b70u, 0xc76c51a3u, 0xd192e819u,
	0xd6990624u, 0xf40e3585u, 0x106aa070u, 0x19a4c116u, 0x1e376c08u,
	0x2748774cu, 0x34b0bcb5u, 0x391c0cb3u, 0x4ed8aa4au, 0x5b9cca4fu,
	0x682e6ff3u, 0x748f82eeu, 0x78a5636fu, 0x84c87814u, 0x8cc70208u,
	0x90befffau, 0xa4506cebu, 0xbef9a3f7u, 0xc67178f2u,
};

static const uint64_t k512[80] = {
	0x428a2f98d728ae22ull, 0x7137449123ef65cdull, 0xb5c0fbcfec4d3b2full,
	0xe9b5dba58189dbbcull, 0x3956c25bf348b538ull, 0x59f111f1b605d019ull,
	0x923f82a4af194f9bull, 0xab1c5ed5da6d8118ull, 0xd807aa98a3030242ull,
	0x12835b0145706fbeull, 0x243185be4ee4b28cull, 0x550c7dc3d5ffb4e2ull,
	0x72be5d74f27b896full, 0x80deb1fe3b1696b1ull, 0x9bdc06a725c71235ull,
	0xc19bf174cf692694ull, 0xe49b69c19ef14ad2ull, 0xefbe4786384f25e3ull,
	0x0fc19dc68b8cd5b5ull, 0x240ca1cc77ac9c65ull, 0x2de92c6f592b0275ull,
	0x4a7484aa6ea6e483ull, 0x5cb0a9dcbd41fbd4ull, 0x76f988da831153b5ull,
	0x983e5152ee66dfabull, 0xa831c66d2db43210ull, 0xb00327c898fb213full,
	0xbf597fc7beef0ee4ull, 0xc6e00bf33da88fc2ull, 0xd5a79147930aa725ull,
	0x06ca6351e003826full, 0x142929670a0e6e70ull, 0x27b70a8546d22ffcull,
	0x2e1b21385c26c926ull, 0x4d2c6dfc5ac42aedull, 0x53380d139d95b3dfull,
	0x650a73548baf63deull, 0x766a0abb3c77b2a8ull, 0x81c2c92e47edaee6ull,
	0x92722c851482353bull, 0xa2bfe8a14cf10364ull, 0xa81a664bbc423001ull,
	0xc24b8b70d0f89791ull, 0xc76c51a30654be30ull, 0xd192e819d6ef5218ull,
	0xd69906245565a910ull, 0xf40e35855771202aull, 0x106aa07032bbd1b8ull,
	0x19a4c116b8d2d0c8ull, 0x1e376c085141ab53ull, 0x2748774cdf8eeb99ull,
	0x34b0bcb5e19b48a8ull, 0x391c0cb3c5c95a63ull, 0x4ed8aa4ae3418acbull,
	0x5b9cca4f7763e373ull, 0x682e6ff3d6b2b8a3ull, 0x748f82ee5defb2fcull,
	0x78a5636f43172f60ull, 0x84c87814a1f0ab72ull, 0x8cc702081a6439ecull,
	0x90befffa23631e28ull, 0xa4506cebde82bde9ull, 0xbef9a3f7b2c67915ull,
	0xc67178f2e372532bull, 0xca273eceea26619cull, 0xd186b8c721c0c207ull,
	0xeada7dd6cde0eb1eull, 0xf57d4f7fee6ed178ull, 0x06f067aa72176fbaull,
	0x0a637dc5a2c898a6ull, 0x113f9804bef90daeull, 0x1b710b35131c471bull,
	0x28db77f523047d84ull, 0x32caab7b40c72493ull, 0x3c9ebe0a15c9bebcull,
	0x431d67c49c100d4cull, 0x4cc5d4becb3e42b6ull, 0x597f299cfc657e2aull,
	0x5fcb6fab3ad6faecull, 0x6c44198c4a475817ull,
};

static const uint32_t iv224[8] = {
	0xc1059ed8u, 0x367cd507u, 0x3070dd17u, 0xf70e5939u,
	0xffc00b31u, 0x68581511u, 0x64f98fa7u, 0xbefa4fa4u,
};

static const uint32_t iv256[8] = {
	0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au,
	0x510e527fu, 0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u,
};

static const uint64_t iv384[8] = {
	0xcbbb9d5dc1059ed8ull, 0x629a292a367cd507ull, 0x9159015a3070dd17ull,
	0x152fecd8f70e5939ull, 0x67332667ffc00b31ull, 0x8eb44a8768581511ull,
	0xdb0c2e0d64f98fa7ull, 0x47b5481dbefa4fa4ull,
};

static const uint64_t iv512[8] = {
	0x6a09e667f3bcc908ull, 0xbb67ae8584caa73bull, 0x3c6ef372fe94f82bull,
	0xa54ff53a5f1d36f1ull, 0x510e527fade682d1ull, 0x9b05688c2b3e6c1full,
	0x1f83d9abfb41bd6bull, 0x5be0cd19137e2179ull,
};

static uint32_t ror32(uint32_t x, unsigned n)
{
	return (x >> n) | (x << (32 - n));
}

static uint64_t ror64(uint64_t x, unsigned n)
{
	return (x >> n) | (x << (64 - n));
}

static uint64_t load_be(const unsigned char *p, size_t n)
{
	uint64_t v = 0;

	for (size_t i = 0; i < n; i++)
		v = (v << 8) | p[i];
	return v;
}

static void store_be(unsigned char *p, uint64_t v, size_t n)
{
	for (size_t i = n; i-- > 0; v >>= 8)
		p[i] = (unsigned char)v;
}

/* One round on the working variables, named as in FIPS 180-4 6.2.2. */
#define ROUND(T, S0, S1, K, W)                                                 \
	do {                                                                   \
		T t1 = h + (S1) + ((e & f) ^ (~e & g)) + (K) + (W);            \
		T t2 = (S0) + ((a & b) ^ (a & c) ^ (b & c));                   \
		h = g;                                                         \
		g = f;                                                         \
		f = e;                                                         \
		e = d + t1;                                                    \
		d = c;                                                         \
		c = b;                                                         \
		b = a;                                                         \
		a = t1 + t2;                                                   \
	} while (0)

static void block256(uint64_t *hs, const unsigned char *p)
{
	uint32_t w[64], a, b, c, d, e, f, g, h;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)load_be(p + 4 * i, 4);
	for (; i < 64; i++) {
		uint32_t s0 = ror32(w[i - 15], 7) ^ ror32(w[i - 15], 18) ^
			      (w[i - 15] >> 3);
		uint32_t s1 = ror32(w[i - 2], 17) ^ ror32(w[i - 2], 19) ^
			      (w[i - 2] >> 10);

		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	a = (uint32_t)hs[0], b = (uint32_t)hs[1], c = (uint32_t)hs[2];
	d = (uint32_t)hs[3], e = (uint32_t)hs[4], f = (uint32_t)hs[5];
	g = (uint32_t)hs[6], h = (uint32_t)hs[7];
	for (i = 0; i < 64; i++)
		ROUND(uint32_t, ror32(a, 2) ^ ror32(a, 13) ^ ror32(a, 22),
		      ror32(e, 6) ^ ror32(e, 11) ^ ror32(e, 25), k256[i], w[i]);
	hs[0] = (uint32_t)(hs[0] + a), hs[1] = (uint32_t)(hs[1] + b);
	hs[2] = (uint32_t)(hs[2] + c), hs[3] = (uint32_t)(hs[3] + d);
	hs[4] = (uint32_t)(hs[4] + e), hs[5] = (uint32_t)(hs[5] + f);
	hs[6] = (uint32_t)(hs[6] + g), hs[7] = (uint32_t)(hs[7] + h);
}

static void block512(uint64_t *hs, const unsigned char *p)
{
	uint64_t w[80], a, b, c, d, e, f, g, h;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = load_be(p + 8 * i, 8);
	for (; i < 80; i++) {
		uint64_t s0 = ror64(w[i - 15], 1) ^ ror64(w[i - 15], 8) ^
			      (w[i - 15] >> 7);
		uint64_t s1 = ror64(w[i - 2], 19) ^ ror64(w[i - 2], 61) ^
			      (w[i - 2] >> 6);

		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	a = hs[0], b = hs[1], c = hs[2], d = hs[3];
	e = hs[4], f = hs[5], g = hs[6], h = hs[7];
	for (i = 0; i < 80; i++)
		ROUND(uint64_t, ror64(a, 28) ^ ror64(a, 34) ^ ror64(a, 39),
		      ror64(e, 14) ^ ror64(e, 18) ^ ror64(e, 41), k512[i],
		      w[i]);
	hs[0] += a, hs[1] += b, hs[2] += c, hs[3] += d;
	hs[4] += e, hs[5] += f, hs[6] += g, hs[7] += h;
}

static void block(struct sha2 *c, const unsigned char *p)
{
	if (c->block == 64)
		block256(c->h, p);
	else
		block512(c->h, p);
}

int sha2_init(struct sha2 *c, const char *name)
{
	memset(c, 0, sizeof(*c));
	if (!strcmp(name, "sha224") || !strcmp(name, "sha256")) {
		const uint32_t *iv = name[4] == '2' ? iv224 : iv256;

		for (int i = 0; i < 8; i++)
			c->h[i] = iv[i];
		c->block = 64;
		c->size = name[4] == '2' ? 28 : 32;
	} else if (!strcmp(name, "sha384") || !strcmp(name, "sha512")) {
		memcpy(c->h, name[3] == '3' ? iv384 : iv512, sizeof(c->h));
		c->block = 128;
		c->size = name[3] == '3' ? 48 : 64;
	} else {
		return -ENOENT;
	}
	return (int)c->size;
}

void sha2_update(struct sha2 *c, const void *data, size_t n)
{
	const unsigned char *p = data;

	c->len += n;
	if (c->fill) {
		size_t take = c->block - c->fill < n ? c->block - c->fill : n;

		memcpy(c->buf + c->fill, p, take);
		c->fill += take;
		p += take;
		n -= take;
		if (c->fill < c->block)
			return;
		block(c, c->buf);
		c->fill = 0;
	}
	for (; n >= c->block; p += c->block, n -= c->block)
		block(c, p);
	memcpy(c->buf, p, n);
	c->fill = n;
}

void sha2_final(struct sha2 *c, unsigned char *out)
{
	/* the length field: 8 bytes (SHA-256), 16 (SHA-512), big-endian bits */
	size_t lenbytes = c->block / 8, word = c->block / 16;
	uint64_t bits = c->len * 8;

	c->buf[c->fill++] = 0x80;
	if (c->fill > c->block - lenbytes) {
		memset(c->buf + c->fill, 0, c->block - c->fill);
		block(c, c->buf);
		c->fill = 0;
	}
	memset(c->buf + c->fill, 0, c->block - c->fill);
	store_be(c->buf + c->block - 8, bits, 8);
	/* a byte count too large for 61 bits: the high bits of the length */
	if (lenbytes == 16)
		store_be(c->buf + c->block - 16, c->len >> 61, 8);
	block(c, c->buf);
	for (size_t i = 0; i * word < c->size; i++)
		store_be(out + i * word, c->h[i],
			 c->size - i * word < word ? c->size - i * word : word);
}
