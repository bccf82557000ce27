/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The ELF reader (kernel/elf.c) on real programs the test builds with the
 * C compiler (PIE, non-PIE, static, static PIE, executable stack, 32-bit
 * when the compiler can), on scripts, and on malformed files made from a
 * real one by changing one field; and the verdict (policy/exec_image.c)
 * for each kind under each trace option.
 */
#include "harness.h"

#include <elf.h>
#include <fcntl.h>
#include <sys/stat.h>

#include "kernel/elf.h"
#include "policy/exec_image.h"
#include "util.h"

FIXTURE(bins)
{
	char dir[64];
};

FIXTURE_SETUP(bins)
{
	snprintf(self->dir, sizeof(self->dir), "/tmp/syd-elf.XXXXXX");
	ASSERT_TRUE(mkdtemp(self->dir) != NULL);
}

FIXTURE_TEARDOWN(bins)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", self->dir);
	(void)!system(cmd);
}

static const char hello_c[] = "#include <stdio.h>\n"
			      "int main(void) { puts(\"hi\"); return 0; }\n";
static const char bare_c[] = "void _start(void) { for (;;) ; }\n";

/*
 * Build SRC with the C compiler and FLAGS into DIR/NAME, whose path is
 * left in OUT. Returns the compiler's exit status (0 when it built).
 */
static int build(const char *dir, const char *name, const char *src,
		 const char *flags, char *out, size_t size)
{
	char cmd[1024], csrc[512];
	const char *cc = getenv("CC");
	FILE *f;

	snprintf(csrc, sizeof(csrc), "%s/%s.c", dir, name);
	snprintf(out, size, "%s/%s", dir, name);
	f = fopen(csrc, "w");
	if (!f)
		return -1;
	fputs(src, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "%s %s -o '%s' '%s' 2>/dev/null",
		 cc && *cc ? cc : "cc", flags, out, csrc);
	return system(cmd);
}

static int read_path(const char *path, struct elf_info *e)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), err;

	if (fd < 0)
		return -errno;
	err = elf_read_fd(fd, e);
	close(fd);
	return err;
}

/* Build NAME or skip the test when the compiler cannot make it here. */
#define BUILD_OR_SKIP(name, src, flags, path)                                  \
	do {                                                                   \
		if (build(self->dir, name, src, flags, path, sizeof(path)))    \
			SKIP("the C compiler cannot build with %s", flags);    \
	} while (0)

TEST_F(bins, pie_is_dyn_with_interp_and_nx_stack)
{
	char path[256];
	struct elf_info e;

	BUILD_OR_SKIP("pie", hello_c, "-fpie -pie", path);
	ASSERT_EQ(0, read_path(path, &e));
	EXPECT_EQ(ELF_KIND_ELF, e.kind);
	EXPECT_EQ(ELFCLASS64, e.elf_class);
	EXPECT_EQ(EM_X86_64, e.machine);
	EXPECT_EQ(ET_DYN, e.type);
	EXPECT_TRUE(e.has_interp);
	EXPECT_TRUE(e.has_dynamic);
	EXPECT_TRUE(e.has_gnu_stack);
	EXPECT_FALSE(e.exec_stack);
	EXPECT_TRUE(strstr(e.interp, "ld-linux") != NULL);
}

TEST_F(bins, non_pie_is_exec)
{
	char path[256];
	struct elf_info e;

	BUILD_OR_SKIP("nopie", hello_c, "-fno-pie -no-pie", path);
	ASSERT_EQ(0, read_path(path, &e));
	EXPECT_EQ(ET_EXEC, e.type);
	EXPECT_TRUE(e.has_interp);
	EXPECT_FALSE(e.exec_stack);
}

TEST_F(bins, static_has_no_interp)
{
	char path[256];
	struct elf_info e;

	BUILD_OR_SKIP("static", hello_c, "-static", path);
	ASSERT_EQ(0, read_path(path, &e));
	EXPECT_EQ(ET_EXEC, e.type);
	EXPECT_FALSE(e.has_interp);
	EXPECT_FALSE(e.has_dynamic);
	EXPECT_STREQ("", e.interp);
}

TEST_F(bins, static_pie_is_dyn_without_interp)
{
	char path[256];
	struct elf_info e;

	BUILD_OR_SKIP("static-pie", hello_c, "-static-pie", path);
	ASSERT_EQ(0, read_path(path, &e));
	EXPECT_EQ(ET_DYN, e.type);
	EXPECT_FALSE(e.has_interp);
	EXPECT_TRUE(e.has_dynamic);
}

TEST_F(bins, execstack_is_seen)
{
	char path[256];
	struct elf_info e;

	BUILD_OR_SKIP("execstack", hello_c, "-z execstack", path);
	ASSERT_EQ(0, read_path(path, &e));
	EXPECT_TRUE(e.has_gnu_stack);
	EXPECT_TRUE(e.exec_stack);
}

TEST_F(bins, elf32_is_read)
{
	char path[256];
	struct elf_info e;

	/* No 32-bit C library needed: a bare _start. */
	BUILD_OR_SKIP("elf32", bare_c, "-m32 -nostdlib -static -fno-pie", path);
	ASSERT_EQ(0, read_path(path, &e));
	EXPECT_EQ(ELF_KIND_ELF, e.kind);
	EXPECT_EQ(ELFCLASS32, e.elf_class);
	EXPECT_EQ(EM_386, e.machine);
	EXPECT_EQ(ET_EXEC, e.type);
	EXPECT_FALSE(e.has_interp);
}

/* Write LEN bytes of DATA to DIR/NAME; its path into OUT. */
static void write_file(const char *dir, const char *name, const void *data,
		       size_t len, char *out, size_t size)
{
	int fd;

	snprintf(out, size, "%s/%s", dir, name);
	fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
	ASSERT_TRUE(fd >= 0);
	ASSERT_EQ((long)len, (long)write(fd, data, len));
	close(fd);
}

TEST_F(bins, scripts_and_their_interpreter)
{
	static const struct {
		const char *text, *interp;
	} cases[] = {
		{ "#!/bin/sh\necho hi\n", "/bin/sh" },
		{ "#! \t/usr/bin/env python3\n", "/usr/bin/env" },
		{ "#!/bin/sh", "/bin/sh" },
		{ "#!\n", "" },
		{ "#!", "" },
	};
	char path[256];
	struct elf_info e;

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		write_file(self->dir, "s", cases[i].text, strlen(cases[i].text),
			   path, sizeof(path));
		ASSERT_EQ(0, read_path(path, &e));
		EXPECT_EQ(ELF_KIND_SCRIPT, e.kind);
		EXPECT_STREQ(cases[i].interp, e.interp);
	}
}

TEST_F(bins, script_line_past_256_bytes_names_no_interpreter)
{
	char text[400], path[256];
	struct elf_info e;

	memset(text, 'a', sizeof(text));
	memcpy(text, "#!/", 3);
	write_file(self->dir, "long", text, sizeof(text), path, sizeof(path));
	ASSERT_EQ(0, read_path(path, &e));
	EXPECT_EQ(ELF_KIND_SCRIPT, e.kind);
	EXPECT_STREQ("", e.interp);
}

TEST_F(bins, other_files_are_neither)
{
	/* "\177EL": the ELF magic cut short. */
	static const char *const texts[] = { "", "x", "\177EL",
					     "hello world\n" };
	char path[256];
	struct elf_info e;

	for (size_t i = 0; i < ARRAY_SIZE(texts); i++) {
		write_file(self->dir, "o", texts[i], strlen(texts[i]), path,
			   sizeof(path));
		ASSERT_EQ(0, read_path(path, &e));
		EXPECT_EQ(ELF_KIND_OTHER, e.kind);
	}
}

/* A copy of a real PIE, in memory, for elf_read() through mem_pread(). */
struct mem {
	unsigned char *p;
	size_t n;
};

static ssize_t mem_pread(void *ctx, void *buf, size_t n, off_t off)
{
	const struct mem *m = ctx;

	if ((size_t)off >= m->n)
		return 0;
	if (n > m->n - (size_t)off)
		n = m->n - (size_t)off;
	memcpy(buf, m->p + off, n);
	return (ssize_t)n;
}

static void load(const char *path, struct mem *m)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	ASSERT_TRUE(fd >= 0);
	ASSERT_EQ(0, fstat(fd, &st));
	m->n = (size_t)st.st_size;
	m->p = malloc(m->n);
	ASSERT_TRUE(m->p != NULL);
	ASSERT_EQ((long)m->n, (long)read(fd, m->p, m->n));
	close(fd);
}

static Elf64_Phdr *phdr_of(struct mem *m, unsigned type)
{
	Elf64_Ehdr *h = (Elf64_Ehdr *)m->p;

	for (unsigned i = 0; i < h->e_phnum; i++) {
		Elf64_Phdr *p = (Elf64_Phdr *)(m->p + h->e_phoff) + i;

		if (p->p_type == type)
			return p;
	}
	return NULL;
}

/*
 * One field of a real PIE changed at a time: each change is one the
 * kernel refuses to load, and the reader refuses it too (fail closed).
 */
TEST_F(bins, malformed_elf_fails_closed)
{
	char path[256];
	struct mem m, orig;
	struct elf_info e;
	Elf64_Ehdr *h;
	Elf64_Phdr *p;

	BUILD_OR_SKIP("pie", hello_c, "-fpie -pie", path);
	load(path, &orig);
	m.p = malloc(orig.n);
	ASSERT_TRUE(m.p != NULL);
	h = (Elf64_Ehdr *)m.p;
#define MUTATE(stmt, len)                                                      \
	do {                                                                   \
		memcpy(m.p, orig.p, orig.n);                                   \
		m.n = (len);                                                   \
		stmt;                                                          \
		EXPECT_EQ(-ENOEXEC, elf_read(mem_pread, &m, &e));              \
	} while (0)
	/* Unchanged, it reads. */
	memcpy(m.p, orig.p, orig.n);
	m.n = orig.n;
	ASSERT_EQ(0, elf_read(mem_pread, &m, &e));
	MUTATE((void)0, 20); /* shorter than the header */
	MUTATE((void)0, sizeof(Elf64_Ehdr)); /* no program headers */
	MUTATE(h->e_ident[EI_CLASS] = ELFCLASSNONE, orig.n);
	MUTATE(h->e_ident[EI_DATA] = ELFDATA2MSB, orig.n); /* big-endian */
	MUTATE(h->e_ident[EI_VERSION] = 0, orig.n);
	MUTATE(h->e_version = 2, orig.n);
	MUTATE(h->e_type = ET_REL, orig.n);
	MUTATE(h->e_type = ET_CORE, orig.n);
	MUTATE(h->e_phentsize = 32, orig.n);
	MUTATE(h->e_phnum = 0, orig.n);
	MUTATE(h->e_phnum = 0xffff, orig.n); /* PN_XNUM: 3.6 MB of headers */
	MUTATE(h->e_phoff = orig.n - 8, orig.n); /* past the end */
	MUTATE(h->e_phoff = UINT64_MAX - 8, orig.n); /* wraps */
	MUTATE((p = phdr_of(&m, PT_INTERP), p->p_filesz = 1), orig.n);
	MUTATE((p = phdr_of(&m, PT_INTERP), p->p_filesz = PATH_MAX + 1),
	       orig.n);
	MUTATE((p = phdr_of(&m, PT_INTERP), p->p_offset = orig.n), orig.n);
	MUTATE((p = phdr_of(&m, PT_INTERP),
		m.p[p->p_offset + p->p_filesz - 1] = 'x'),
	       orig.n); /* not NUL-terminated */
#undef MUTATE
	/* Without PT_GNU_STACK: an executable stack, as the kernel says. */
	memcpy(m.p, orig.p, orig.n);
	m.n = orig.n;
	p = phdr_of(&m, PT_GNU_STACK);
	ASSERT_TRUE(p != NULL);
	p->p_type = PT_NULL;
	ASSERT_EQ(0, elf_read(mem_pread, &m, &e));
	EXPECT_FALSE(e.has_gnu_stack);
	EXPECT_TRUE(e.exec_stack);
	free(m.p);
	free(orig.p);
}

TEST(read_errors_pass_through)
{
	struct elf_info e;

	EXPECT_EQ(-EBADF, elf_read_fd(-1, &e));
}

static struct sandbox sb;

static struct elf_info elf(uint8_t cls, uint16_t type, bool interp, bool xstack)
{
	struct elf_info e = { .kind = ELF_KIND_ELF,
			      .elf_class = cls,
			      .type = type,
			      .has_interp = interp,
			      .has_gnu_stack = true,
			      .exec_stack = xstack };
	return e;
}

TEST(verdicts_under_each_option)
{
	const struct elf_info pie = elf(ELFCLASS64, ET_DYN, true, false);
	const struct elf_info nopie = elf(ELFCLASS64, ET_EXEC, true, false);
	const struct elf_info stat = elf(ELFCLASS64, ET_DYN, false, false);
	const struct elf_info xstack = elf(ELFCLASS64, ET_DYN, true, true);
	const struct elf_info e32 = elf(ELFCLASS32, ET_DYN, true, false);
	const struct elf_info script = { .kind = ELF_KIND_SCRIPT };
	const struct elf_info other = { .kind = ELF_KIND_OTHER };
	static const struct {
		int opt; /* -1: defaults */
		int pie, nopie, stat, xstack, e32, script, other;
	} rows[] = {
		{ -1, EXEC_REFUSAL_NONE, EXEC_REFUSAL_NOPIE, EXEC_REFUSAL_NONE,
		  EXEC_REFUSAL_EXECSTACK, EXEC_REFUSAL_NONE, EXEC_REFUSAL_NONE,
		  EXEC_REFUSAL_NONE },
		{ TRACE_ALLOW_UNSAFE_NOPIE, EXEC_REFUSAL_NONE,
		  EXEC_REFUSAL_NONE, EXEC_REFUSAL_NONE, EXEC_REFUSAL_EXECSTACK,
		  EXEC_REFUSAL_NONE, EXEC_REFUSAL_NONE, EXEC_REFUSAL_NONE },
		{ TRACE_ALLOW_UNSAFE_STACK, EXEC_REFUSAL_NONE,
		  EXEC_REFUSAL_NOPIE, EXEC_REFUSAL_NONE, EXEC_REFUSAL_NONE,
		  EXEC_REFUSAL_NONE, EXEC_REFUSAL_NONE, EXEC_REFUSAL_NONE },
		{ TRACE_DENY_ELF32, EXEC_REFUSAL_NONE, EXEC_REFUSAL_NOPIE,
		  EXEC_REFUSAL_NONE, EXEC_REFUSAL_EXECSTACK, EXEC_REFUSAL_ELF32,
		  EXEC_REFUSAL_NONE, EXEC_REFUSAL_NONE },
		{ TRACE_DENY_ELF_STATIC, EXEC_REFUSAL_NONE, EXEC_REFUSAL_NOPIE,
		  EXEC_REFUSAL_STATIC, EXEC_REFUSAL_EXECSTACK,
		  EXEC_REFUSAL_NONE, EXEC_REFUSAL_NONE, EXEC_REFUSAL_NONE },
		{ TRACE_DENY_ELF_DYNAMIC, EXEC_REFUSAL_DYNAMIC,
		  EXEC_REFUSAL_DYNAMIC, EXEC_REFUSAL_NONE, EXEC_REFUSAL_DYNAMIC,
		  EXEC_REFUSAL_DYNAMIC, EXEC_REFUSAL_NONE, EXEC_REFUSAL_NONE },
		{ TRACE_DENY_SCRIPT, EXEC_REFUSAL_NONE, EXEC_REFUSAL_NOPIE,
		  EXEC_REFUSAL_NONE, EXEC_REFUSAL_EXECSTACK, EXEC_REFUSAL_NONE,
		  EXEC_REFUSAL_SCRIPT, EXEC_REFUSAL_NONE },
	};

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		memset(sb.trace, 0, sizeof(sb.trace));
		if (rows[i].opt >= 0)
			sb.trace[rows[i].opt] = true;
		EXPECT_EQ(rows[i].pie, exec_image_verdict(&pie, &sb));
		EXPECT_EQ(rows[i].nopie, exec_image_verdict(&nopie, &sb));
		EXPECT_EQ(rows[i].stat, exec_image_verdict(&stat, &sb));
		EXPECT_EQ(rows[i].xstack, exec_image_verdict(&xstack, &sb));
		EXPECT_EQ(rows[i].e32, exec_image_verdict(&e32, &sb));
		EXPECT_EQ(rows[i].script, exec_image_verdict(&script, &sb));
		EXPECT_EQ(rows[i].other, exec_image_verdict(&other, &sb));
	}
}

TEST(every_refusal_names_its_opt_out)
{
	for (int r = EXEC_REFUSAL_NOPIE; r <= EXEC_REFUSAL_SCRIPT; r++) {
		EXPECT_TRUE(strncmp(exec_image_refusal_tip(r), "trace/", 6) ==
			    0);
		EXPECT_TRUE(*exec_image_refusal_what(r) != '\0');
	}
}
