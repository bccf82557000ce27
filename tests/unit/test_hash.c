/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * File digests against the coreutils tools' digests of the same real files
 * (an empty one, a small one, one larger than a splice chunk): through the
 * kernel's AF_ALG where it has it, else through the SHA-2 fallback; the
 * fallback also against the standard's test messages; and every way
 * hashing fails: each an error, never a digest.
 */
#include "harness.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include "kernel/hash.h"
#include "sha2.h"
#include "util.h"

/* Does this kernel have AF_ALG hashing (CONFIG_CRYPTO_USER_API_HASH)? */
static bool have_af_alg(void)
{
	int s = socket(AF_ALG, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);

	if (s < 0)
		return false;
	close(s);
	return true;
}

FIXTURE(files)
{
	char dir[64];
	char empty[96], small[96], big[96];
};

static void write_file(const char *path, size_t size, unsigned seed)
{
	char buf[4096];
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);

	ASSERT_TRUE(fd >= 0);
	while (size > 0) {
		size_t n = size < sizeof(buf) ? size : sizeof(buf);

		for (size_t i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			buf[i] = (char)(seed >> 16);
		}
		ASSERT_EQ((ssize_t)n, write(fd, buf, n));
		size -= n;
	}
	close(fd);
}

FIXTURE_SETUP(files)
{
	strcpy(self->dir, "/tmp/syd-hash-XXXXXX");
	ASSERT_TRUE(mkdtemp(self->dir) != NULL);
	snprintf(self->empty, sizeof(self->empty), "%s/empty", self->dir);
	snprintf(self->small, sizeof(self->small), "%s/small", self->dir);
	snprintf(self->big, sizeof(self->big), "%s/big", self->dir);
	write_file(self->empty, 0, 1);
	write_file(self->small, 1000, 2);
	/* larger than the 1 MiB pipe: many splices, and a short last one */
	write_file(self->big, (3u << 20) + 4097, 3);
}

FIXTURE_TEARDOWN(files)
{
	unlink(self->empty);
	unlink(self->small);
	unlink(self->big);
	rmdir(self->dir);
}

/* The hex digest an openssl-style "ALG(FILE)= HEX" tool prints. */
static bool tool_digest(const char *tool, const char *path, char *hex)
{
	char cmd[512];
	FILE *f;
	bool ok;

	snprintf(cmd, sizeof(cmd), "%s '%s' 2>/dev/null", tool, path);
	f = popen(cmd, "r");
	if (!f)
		return false;
	ok = fscanf(f, "%*[^=]= %255[0-9a-f]", hex) == 1;
	pclose(f);
	return ok;
}

/* The hex digest a coreutils-style "SUM  FILE" tool prints. */
static bool sum_digest(const char *tool, const char *path, char *hex)
{
	char cmd[512];
	FILE *f;
	bool ok;

	snprintf(cmd, sizeof(cmd), "%s '%s' 2>/dev/null", tool, path);
	f = popen(cmd, "r");
	if (!f)
		return false;
	ok = fscanf(f, "%255[0-9a-f]", hex) == 1;
	pclose(f);
	return ok;
}

/* hash_fd() of PATH with ALG, as hex into HEX; returns its result. */
static int our_digest(const char *alg, const char *path, char *hex)
{
	unsigned char d[HASH_DIGEST_MAX];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int n;

	if (fd < 0)
		return -errno;
	n = hash_fd(alg, fd, d);
	close(fd);
	if (n > 0)
		hash_hex(d, (size_t)n, hex);
	return n;
}

static void same_as_tool(struct harness_fixture_files *self, const char *alg,
			 const char *tool, int size, bool sum_style)
{
	const char *paths[] = { self->empty, self->small, self->big };

	for (size_t i = 0; i < ARRAY_SIZE(paths); i++) {
		char want[256] = "", got[2 * HASH_DIGEST_MAX + 1] = "";
		bool have = sum_style ? sum_digest(tool, paths[i], want)
				      : tool_digest(tool, paths[i], want);

		if (!have)
			SKIP("%s is not installed", tool);
		ASSERT_EQ(size, our_digest(alg, paths[i], got));
		EXPECT_STREQ(want, got);
	}
}

TEST_F(files, sha256_matches_sha256sum)
{
	same_as_tool(self, "sha256", "sha256sum", 32, true);
}

TEST_F(files, sha512_matches_sha512sum)
{
	same_as_tool(self, "sha512", "sha512sum", 64, true);
}

TEST_F(files, sha224_and_sha384_match_coreutils)
{
	same_as_tool(self, "sha224", "sha224sum", 28, true);
	same_as_tool(self, "sha384", "sha384sum", 48, true);
}

TEST_F(files, sha1_matches_sha1sum)
{
	if (!have_af_alg())
		SKIP("no AF_ALG in this kernel: only SHA-2 is hashed");
	same_as_tool(self, "sha1", "sha1sum", 20, true);
}

TEST_F(files, blake2b_256_matches_b2sum)
{
	if (hash_digest_size("blake2b-256") < 0)
		SKIP("the kernel has no blake2b-256");
	same_as_tool(self, "blake2b-256", "b2sum -l 256", 32, true);
}

TEST_F(files, sha3_512_matches_openssl)
{
	if (hash_digest_size("sha3-512") < 0)
		SKIP("the kernel has no sha3-512");
	same_as_tool(self, "sha3-512", "openssl dgst -sha3-512", 64, false);
}

TEST_F(files, hashing_leaves_the_file_offset_alone)
{
	unsigned char d[HASH_DIGEST_MAX];
	int fd = open(self->small, O_RDONLY | O_CLOEXEC);

	ASSERT_TRUE(fd >= 0);
	ASSERT_EQ(10, (int)lseek(fd, 10, SEEK_SET));
	EXPECT_EQ(32, hash_fd("sha256", fd, d));
	EXPECT_EQ(10, (int)lseek(fd, 0, SEEK_CUR));
	close(fd);
}

TEST(digest_sizes_of_sha2_are_known_with_or_without_af_alg)
{
	EXPECT_EQ(28, hash_digest_size("sha224"));
	EXPECT_EQ(32, hash_digest_size("sha256"));
	EXPECT_EQ(48, hash_digest_size("sha384"));
	EXPECT_EQ(64, hash_digest_size("sha512"));
}

TEST(digest_sizes_come_from_the_kernel)
{
	if (!have_af_alg())
		SKIP("no AF_ALG in this kernel");
	EXPECT_EQ(20, hash_digest_size("sha1"));
	EXPECT_EQ(16, hash_digest_size("md5"));
	EXPECT_EQ(4, hash_digest_size("crc32c"));
}

TEST(unknown_and_unusable_algorithms_are_errors)
{
	char longname[HASH_ALG_MAX + 8];

	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	/* without AF_ALG, only the fallback's names are known */
	int unknown = have_af_alg() ? -ENOENT : -EAFNOSUPPORT;

	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	EXPECT_EQ(unknown, hash_digest_size("rot13"));
	EXPECT_EQ(-ENOENT, hash_digest_size(""));
	EXPECT_EQ(unknown, hash_digest_size("aes")); /* a cipher, not a hash */
	EXPECT_EQ(-ENAMETOOLONG, hash_digest_size(longname));
	/* a keyed hash without its key gives no digest */
	EXPECT_TRUE(hash_digest_size("hmac(sha256)") < 0);
}

/* FIPS 180-4's messages, and one of 1000 bytes (many blocks, a tail). */
TEST(sha2_fallback_matches_the_standard_vectors)
{
	static const struct {
		const char *alg;
		int msg;
		const char *hex;
	} rows[] = {
		{ "sha224", 1,
		  "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7" },
		{ "sha224", 2,
		  "75388b16512776cc5dba5da1fd890150b0c6455cb4f58b1952522525" },
		{ "sha256", 0,
		  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852"
		  "b855" },
		{ "sha256", 1,
		  "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f200"
		  "15ad" },
		{ "sha256", 2,
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db"
		  "06c1" },
		{ "sha256", 3,
		  "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b973"
		  "7ea3" },
		{ "sha384", 1,
		  "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff"
		  "5bed8086072ba1e7cc2358baeca134c825a7" },
		{ "sha512", 0,
		  "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36c"
		  "e9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327a"
		  "f927da3e" },
		{ "sha512", 2,
		  "204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703"
		  "c33596fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec6312"
		  "38ca3445" },
		{ "sha512", 3,
		  "67ba5535a46e3f86dbfbed8cbbaf0125c76ed549ff8b0b9e03e0c88cf90f"
		  "a634fa7b12b47d77b694de488ace8d9a65967dc96df599727d3292a8d9d4"
		  "47709c97" },
	};
	char a1000[1000];
	const char *msgs[] = {
		"",
		"abc",
		"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		a1000,
	};
	const size_t lens[] = { 0, 3, 56, 1000 };

	memset(a1000, 'a', sizeof(a1000));
	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		unsigned char d[64];
		char hex[129];
		struct sha2 c;
		int n = sha2_init(&c, rows[i].alg);

		ASSERT_TRUE(n > 0);
		/* fed unevenly: the partial-block path is taken too */
		for (size_t off = 0, step = 1; off < lens[rows[i].msg];
		     off += step, step = step * 2 + 1) {
			size_t left = lens[rows[i].msg] - off;

			sha2_update(&c, msgs[rows[i].msg] + off,
				    step < left ? step : left);
		}
		sha2_final(&c, d);
		hash_hex(d, (size_t)n, hex);
		EXPECT_STREQ(rows[i].hex, hex);
	}
	EXPECT_EQ(-ENOENT, sha2_init(&(struct sha2){ 0 }, "sha3-256"));
}

TEST_F(files, what_is_not_a_regular_file_is_not_hashed)
{
	unsigned char d[HASH_DIGEST_MAX];
	char fifo[128];
	int fd = open(self->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	ASSERT_TRUE(fd >= 0);
	EXPECT_EQ(-EINVAL, hash_fd("sha256", fd, d));
	close(fd);
	snprintf(fifo, sizeof(fifo), "%s/fifo", self->dir);
	ASSERT_EQ(0, mkfifo(fifo, 0600));
	fd = open(fifo, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	ASSERT_TRUE(fd >= 0);
	EXPECT_EQ(-EINVAL, hash_fd("sha256", fd, d));
	close(fd);
	unlink(fifo);
}

TEST_F(files, an_unknown_algorithm_hashes_nothing)
{
	char hex[2 * HASH_DIGEST_MAX + 1];

	EXPECT_EQ(have_af_alg() ? -ENOENT : -EAFNOSUPPORT,
		  our_digest("rot13", self->small, hex));
}

TEST_F(files, an_fd_not_open_for_reading_is_an_error)
{
	unsigned char d[HASH_DIGEST_MAX];
	int fd = open(self->small, O_PATH | O_CLOEXEC);

	ASSERT_TRUE(fd >= 0);
	EXPECT_EQ(-EBADF, hash_fd("sha256", fd, d));
	close(fd);
	fd = open(self->small, O_WRONLY | O_CLOEXEC);
	ASSERT_TRUE(fd >= 0);
	EXPECT_EQ(-EBADF, hash_fd("sha256", fd, d));
	close(fd);
}

/*
 * A file that grows while it is hashed is refused: a writer appends in a
 * loop while the big file is hashed, until one hash sees it.
 */
TEST_F(files, a_file_changed_while_hashed_is_stale)
{
	unsigned char d[HASH_DIGEST_MAX];
	int stale = 0;
	pid_t pid = fork();

	ASSERT_TRUE(pid >= 0);
	if (pid == 0) {
		int w = open(self->big, O_WRONLY | O_APPEND | O_CLOEXEC);

		for (;;)
			if (w < 0 || write(w, "x", 1) != 1)
				_exit(1);
	}
	for (int i = 0; i < 200 && !stale; i++) {
		int fd = open(self->big, O_RDONLY | O_CLOEXEC);
		int n = fd >= 0 ? hash_fd("sha256", fd, d) : -errno;

		if (fd >= 0)
			close(fd);
		if (n == -ESTALE)
			stale = 1;
		else if (n != 32)
			break;
	}
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	EXPECT_EQ(1, stale);
}
