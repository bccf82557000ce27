/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * resolve_path() for this very process, on a temporary tree, held against
 * what the kernel answers for the same lookup: openat2(2) with O_PATH and
 * the RESOLVE_* flags the RES_* ones stand for, then fstat(2) and the name
 * /proc/self/fd gives the kernel's fd. The errno must be the kernel's, the
 * object the same inode, the canonical path the kernel's name for it and
 * the one the table writes out. Each lookup is made three ways: as the
 * resolver picks (one openat2 first), with names that may be hidden (the
 * component walk wherever a symlink or an error is met), and after a
 * chroot was seen (the walk alone, from /proc/TID/root). The tree is made
 * by the user running the suite: tests/run runs it as root and as 65534.
 */
#include "harness.h"

#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "resolve/resolve.h"
#include "util.h"

/*
 * Each test's own tree (see FIXTURE_SETUP) and the fds a row may name,
 * opened in the test's child.
 */
FIXTURE(tree)
{
	char tree[PATH_MAX]; /* the tree, canonical: "@" in a row */
	char up[PATH_MAX]; /* its parent: "^" in a row */
	int base; /* O_PATH on the tree */
	int d; /* O_RDONLY|O_DIRECTORY on d */
	int file; /* O_RDONLY on f */
	int root; /* O_PATH on / */
	int proc; /* O_PATH on /proc, another mount */
	int pipe[2];
	int pstat; /* O_RDONLY on /proc/self/status */
	int bad; /* a number no fd has */
};

enum dir {
	CWD,
	BASE,
	D,
	ROOT,
	PROC,
	FILE_,
	PIPE,
	BAD,
	NEG
};

/* A lookup; ANY where the kernel's answer depends on who runs the suite. */
#define ANY 1
struct row {
	enum dir dir;
	const char *path; /* @ the tree, ^ its parent, ~ the tree without its
			     leading "/", %F %D %P %S the fds of f, d, a pipe,
			     /proc/self/status */
	unsigned flags;
	int err; /* what the kernel answers: 0, -E..., ANY */
	const char *canon; /* the canonical path (expanded as PATH), or NULL */
};

#define P  RES_PARENT
#define F  RES_FOLLOW
#define E  RES_EMPTY_PATH
#define NS RES_NO_SYMLINKS
#define NM RES_NO_MAGICLINKS
#define B  RES_BENEATH
#define IR RES_IN_ROOT
#define NX RES_NO_XDEV

__attribute__((format(printf, 1, 2))) static void mismatch(const char *fmt, ...)
{
	char buf[2 * PATH_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	harness_diag("%s", buf);
	harness_failed = 1;
}

static int dir_fd(const FIXTURE_DATA(tree) *self, enum dir d)
{
	switch (d) {
	case CWD:
		return AT_FDCWD;
	case BASE:
		return self->base;
	case D:
		return self->d;
	case ROOT:
		return self->root;
	case PROC:
		return self->proc;
	case FILE_:
		return self->file;
	case PIPE:
		return self->pipe[0];
	case BAD:
		return self->bad;
	case NEG:
		return -5;
	}
	return -5;
}

/* OUT (PATH_MAX bytes) := IN with the row notation replaced. */
static void expand(const FIXTURE_DATA(tree) *self, const char *in, char *out)
{
	size_t n = 0;

	for (; *in && n < PATH_MAX - 32; in++) {
		const char *s = NULL;
		char num[16];

		if (*in == '@')
			s = self->tree;
		else if (*in == '^')
			s = self->up;
		else if (*in == '~')
			s = self->tree + 1;
		else if (*in == '%' && in[1] && strchr("FDPS", in[1])) {
			int fd = in[1] == 'F'	? self->file
				 : in[1] == 'D' ? self->d
				 : in[1] == 'P' ? self->pipe[0]
						: self->pstat;

			snprintf(num, sizeof(num), "%d", fd);
			s = num;
			in++;
		}
		if (!s) {
			out[n++] = *in;
			continue;
		}
		if (n + strlen(s) >= PATH_MAX)
			break;
		memcpy(out + n, s, strlen(s));
		n += strlen(s);
	}
	out[n] = '\0';
}

static bool same_inode(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* The kernel's name of our fd FD, or "" when it has none we can read. */
static void kernel_name(int fd, char *buf)
{
	char link[64];
	ssize_t n;

	if (fd == AT_FDCWD)
		snprintf(link, sizeof(link), "/proc/self/cwd");
	else
		snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, buf, PATH_MAX - 1);
	buf[n > 0 ? n : 0] = '\0';
}

static int kernel_open(int dirfd, const char *path, int oflags, unsigned flags)
{
	struct open_how how = {
		.flags = (unsigned)(oflags | O_PATH | O_CLOEXEC),
		.resolve = (flags & NS ? RESOLVE_NO_SYMLINKS : 0) |
			   (flags & NM ? RESOLVE_NO_MAGICLINKS : 0) |
			   (flags & B ? RESOLVE_BENEATH : 0) |
			   (flags & IR ? RESOLVE_IN_ROOT : 0) |
			   (flags & NX ? RESOLVE_NO_XDEV : 0),
	};
	int fd = (int)syscall(SYS_openat2, dirfd, path, &how, sizeof(how));

	return fd < 0 ? -errno : fd;
}

/* What the kernel answers for one lookup. */
struct answer {
	int err;
	bool exists; /* RES_PARENT: the last name exists */
	struct stat st; /* of the object */
	struct stat dir; /* RES_PARENT: of the parent */
	char name[NAME_MAX + 1]; /* RES_PARENT: the last name */
	bool slash; /* RES_PARENT: the path ended in "/" */
	char path[PATH_MAX + NAME_MAX + 2]; /* the kernel's name, or "" */
};

/*
 * RES_PARENT: the kernel looks up the parent alone, and the call then
 * takes the last name as written, a trailing "/" included (86b85b9): so
 * the parent is what openat2(dirname, O_DIRECTORY) reaches, and the object
 * what fstatat(parent, name, AT_SYMLINK_NOFOLLOW) finds, if anything.
 */
static void kernel_parent(int dirfd, const char *path, unsigned flags,
			  struct answer *a)
{
	char dir[PATH_MAX], dpath[PATH_MAX];
	const char *name;
	size_t n = strlen(path);
	char *slash;
	int pfd;

	a->slash = n > 1 && path[n - 1] == '/';
	if (n >= PATH_MAX) {
		a->err = -ENAMETOOLONG; /* no name is copied in */
		return;
	}
	memcpy(dir, path, n + 1);
	while (n > 1 && dir[n - 1] == '/')
		dir[--n] = '\0';
	slash = strrchr(dir, '/');
	if (!slash) {
		name = path; /* dir is the whole path: name it from path */
		pfd = kernel_open(dirfd, ".", O_DIRECTORY, flags);
	} else {
		name = path + (slash + 1 - dir);
		*(slash == dir ? slash + 1 : slash) = '\0';
		pfd = kernel_open(dirfd, dir, O_DIRECTORY, flags);
	}
	n = strcspn(name, "/");
	if (n > NAME_MAX) {
		/* What the call would meet at the last name. */
		a->err = pfd < 0 ? pfd : -ENAMETOOLONG;
		if (pfd >= 0)
			close(pfd);
		return;
	}
	memcpy(a->name, name, n);
	a->name[n] = '\0';
	if (pfd < 0) {
		a->err = pfd;
		return;
	}
	fstat(pfd, &a->dir);
	kernel_name(pfd, dpath);
	if (fstatat(pfd, a->name, &a->st, AT_SYMLINK_NOFOLLOW) == 0)
		a->exists = true;
	else if (errno != ENOENT)
		a->err = -errno;
	snprintf(a->path, sizeof(a->path), "%s%s%s", dpath,
		 strcmp(dpath, "/") ? "/" : "", a->name);
	close(pfd);
}

static void kernel_answer(int dirfd, const char *path, unsigned flags,
			  struct answer *a)
{
	int fd;

	memset(a, 0, sizeof(*a));
	if (flags & P) {
		kernel_parent(dirfd, path, flags, a);
		return;
	}
	if (!*path && (flags & E)) {
		/* openat2 has no AT_EMPTY_PATH: the fd itself. */
		if (fstatat(dirfd, "", &a->st, AT_EMPTY_PATH) < 0)
			a->err = -errno;
		else
			kernel_name(dirfd, a->path);
		return;
	}
	fd = kernel_open(dirfd, path, flags & F ? 0 : O_NOFOLLOW, flags);
	if (fd < 0) {
		a->err = fd;
		return;
	}
	fstat(fd, &a->st);
	kernel_name(fd, a->path);
	close(fd);
}

static const char *err_name(int err)
{
	return err == 0 ? "0" : strerrorname_np(-err);
}

/* How many lookups answered a statx from their own (compare_stx()). */
static unsigned stx_made;

static bool same_stat(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino &&
	       a->st_mode == b->st_mode && a->st_nlink == b->st_nlink &&
	       a->st_uid == b->st_uid && a->st_gid == b->st_gid &&
	       a->st_rdev == b->st_rdev && a->st_size == b->st_size &&
	       a->st_blocks == b->st_blocks &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	       a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
	       a->st_ctim.tv_sec == b->st_ctim.tv_sec &&
	       a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

/*
 * The same lookup for a statx(2) caller (resolve_path_stx()): the same
 * answer, and a statx the lookup made is the statx of the object it
 * returns, asked with the caller's mask (btime is reported only when
 * asked), with a struct stat made from it that fstat(2) would give.
 */
static void compare_stx(const char *label, int dirfd, const char *path,
			unsigned flags, const struct answer *k)
{
	static const struct stx_want want[] = {
		{ STATX_BASIC_STATS | STATX_BTIME, AT_STATX_SYNC_AS_STAT },
		{ STATX_TYPE | STATX_INO, AT_STATX_DONT_SYNC },
	};
	struct resolved r;
	struct statx stx;
	struct stat st;
	size_t w = stx_made % 2;
	int err = resolve_path_stx(gettid(), dirfd, path, flags, &want[w], &r);

	if (err != k->err) {
		mismatch("%s: resolve_path_stx %s, the kernel %s", label,
			 err_name(err), err_name(k->err));
		if (err == 0)
			resolved_fini(&r);
		return;
	}
	if (err < 0 || !r.stx_done) {
		if (err == 0)
			resolved_fini(&r);
		return;
	}
	stx_made++;
	if (r.fd < 0 ||
	    statx(r.fd, "", AT_EMPTY_PATH | want[w].sync, want[w].mask, &stx) <
		    0 ||
	    fstat(r.fd, &st) < 0)
		mismatch("%s: statx made without an object", label);
	else if (stx.stx_ino != r.stx.stx_ino ||
		 stx.stx_mode != r.stx.stx_mode ||
		 stx.stx_mask != r.stx.stx_mask ||
		 stx.stx_btime.tv_sec != r.stx.stx_btime.tv_sec ||
		 stx.stx_dev_major != r.stx.stx_dev_major ||
		 stx.stx_dev_minor != r.stx.stx_dev_minor)
		mismatch("%s: the lookup's statx is not the object's", label);
	else if (!same_stat(&st, &r.st) || !same_inode(&st, &k->st))
		mismatch("%s: the stat made from statx is not fstat's", label);
	resolved_fini(&r);
}

/*
 * resolve_path(DIRFD, PATH, FLAGS) against the kernel's answer, and both
 * against the row's WANT (0, -E..., ANY) and CANON (expanded, or NULL).
 */
static void compare(const FIXTURE_DATA(tree) *self, const char *how, int dirfd,
		    const char *path, unsigned flags, int want,
		    const char *canon)
{
	char label[PATH_MAX + 128], exp[PATH_MAX];
	struct answer k;
	struct resolved r;
	struct stat st;
	int err;

	snprintf(label, sizeof(label), "%s: dirfd %d \"%.200s%s\" flags %#x",
		 how, dirfd, path, strlen(path) > 200 ? "..." : "", flags);
	kernel_answer(dirfd, path, flags, &k);
	if (want != ANY && want != k.err)
		mismatch("%s: the kernel answers %s, the row says %s", label,
			 err_name(k.err), err_name(want));
	err = resolve_path(gettid(), dirfd, path, flags, &r);
	if (err != k.err) {
		mismatch("%s: resolve_path %s, the kernel %s", label,
			 err_name(err), err_name(k.err));
		if (err == 0)
			resolved_fini(&r);
		return;
	}
	if (err < 0)
		return;
	if (flags & P) {
		if (r.dirfd < 0 || fstat(r.dirfd, &st) < 0 ||
		    !same_inode(&st, &k.dir))
			mismatch("%s: the parent is not the kernel's", label);
		if (strcmp(r.name, k.name))
			mismatch("%s: name \"%s\", the kernel \"%s\"", label,
				 r.name, k.name);
		if (r.trailing_slash != k.slash)
			mismatch("%s: trailing_slash %d", label,
				 r.trailing_slash);
		if ((r.fd >= 0) != k.exists)
			mismatch("%s: fd %d, the kernel finds %s", label, r.fd,
				 k.exists ? "the name" : "no name");
	} else if (r.fd < 0 || r.dirfd >= 0) {
		mismatch("%s: fd %d dirfd %d", label, r.fd, r.dirfd);
	}
	if (r.fd >= 0 && (fstat(r.fd, &st) < 0 || !same_inode(&st, &k.st) ||
			  !same_inode(&r.st, &k.st)))
		mismatch("%s: the object is not the kernel's", label);
	if (r.len != strlen(r.path))
		mismatch("%s: len %zu for \"%s\"", label, r.len, r.path);
	/* A deleted object's name is the one it had, without the tail. */
	if (k.path[0] == '/' && !strstr(k.path, " (deleted)") &&
	    strcmp(r.path, k.path))
		mismatch("%s: path \"%s\", the kernel's name \"%s\"", label,
			 r.path, k.path);
	if (canon) {
		expand(self, canon, exp);
		if (strcmp(r.path, exp))
			mismatch("%s: path \"%s\", not \"%s\"", label, r.path,
				 exp);
	}
	resolved_fini(&r);
	compare_stx(label, dirfd, path, flags, &k);
}

/* A view that hides nothing but says it might: the walk takes over. */
static bool all_passable(void *ctx, const char *path, size_t len)
{
	(void)ctx;
	(void)path;
	(void)len;
	return true;
}

static bool maybe_hidden(void *ctx)
{
	(void)ctx;
	return true;
}

static const struct resolve_view walk_view = { all_passable, maybe_hidden, NULL,
					       false };

static const char *const mode_name[] = { "fast", "hidden", "chroot" };

/* Each mode in turn; the last cannot be undone (the test's child ends). */
static void enter_mode(int mode)
{
	resolve_view_set(mode == 1 ? &walk_view : NULL);
	if (mode == 2)
		resolve_note_root_change();
}

static void run_rows(const FIXTURE_DATA(tree) *self, const struct row *rows,
		     size_t n)
{
	char path[PATH_MAX];

	for (int mode = 0; mode < 3; mode++) {
		enter_mode(mode);
		for (size_t i = 0; i < n; i++) {
			char how[64];

			expand(self, rows[i].path, path);
			snprintf(how, sizeof(how), "%s row %zu",
				 mode_name[mode], i);
			compare(self, how, dir_fd(self, rows[i].dir), path,
				rows[i].flags, rows[i].err, rows[i].canon);
		}
	}
}

/* The same lookup in every mode: for paths a row cannot write. */
static void run_one(const FIXTURE_DATA(tree) *self, int dirfd, const char *path,
		    unsigned flags, int want, const char *canon)
{
	for (int mode = 0; mode < 3; mode++) {
		enter_mode(mode);
		compare(self, mode_name[mode], dirfd, path, flags, want, canon);
	}
}

/*
 * The tree of each test, made by its setup in a new temporary directory
 * and removed by its teardown, so that what a test changes in it (and
 * leaves there when it fails) is not the next test's:
 *   d/ d/f d/sub/ f         lf -> f   ld -> d   lsub -> d/sub
 *   labs -> @/d/f           ldang -> nowhere    lself -> lself
 *   loop1 -> loop2 -> loop1 c1 -> c2 -> c3 -> f
 *   d/lback -> ..           d/sub/lroot -> /    ldd -> d/sub/..
 *   lfs -> f/               lds -> d/
 *   lcwd -> /proc/self/cwd  lfds -> /proc/self/fd
 *   n0 -> f, n1 -> n0 ... n40 -> n39 (n39 is 40 links from f)
 *   dnox/ (mode 0600: no search) dnox/f    anc/in/f
 */
static int tree_make(FIXTURE_DATA(tree) *self)
{
	static const char *const links[][2] = {
		{ "f", "lf" },
		{ "d", "ld" },
		{ "d/sub", "lsub" },
		{ "nowhere", "ldang" },
		{ "lself", "lself" },
		{ "loop2", "loop1" },
		{ "loop1", "loop2" },
		{ "c2", "c1" },
		{ "c3", "c2" },
		{ "f", "c3" },
		{ "..", "d/lback" },
		{ "/", "d/sub/lroot" },
		{ "d/sub/..", "ldd" },
		{ "f/", "lfs" },
		{ "d/", "lds" },
		{ "/proc/self/cwd", "lcwd" },
		{ "/proc/self/fd", "lfds" },
	};
	char tmpl[] = "/tmp/syd-test-resolve-XXXXXX", t[PATH_MAX], l[16];
	bool ok;

	if (!mkdtemp(tmpl))
		return -errno;
	if (!realpath(tmpl, self->tree) || chdir(self->tree) < 0) {
		int err = -errno;

		rmdir(tmpl);
		self->tree[0] = '\0';
		return err;
	}
	memcpy(self->up, self->tree, strlen(self->tree) + 1);
	*strrchr(self->up, '/') = '\0';
	if (!self->up[0])
		strcpy(self->up, "/");
	ok = mkdir("d", 0755) == 0 && mkdir("d/sub", 0755) == 0 &&
	     close(open("f", O_CREAT | O_WRONLY, 0644)) == 0 &&
	     close(open("d/f", O_CREAT | O_WRONLY, 0644)) == 0 &&
	     mkdir("dnox", 0755) == 0 &&
	     close(open("dnox/f", O_CREAT | O_WRONLY, 0644)) == 0 &&
	     chmod("dnox", 0600) == 0 && mkdir("anc", 0755) == 0 &&
	     mkdir("anc/in", 0755) == 0 &&
	     close(open("anc/in/f", O_CREAT | O_WRONLY, 0644)) == 0;
	for (size_t i = 0; ok && i < ARRAY_SIZE(links); i++)
		ok = symlink(links[i][0], links[i][1]) == 0;
	ok = ok &&
	     (size_t)snprintf(t, sizeof(t), "%s/d/f", self->tree) < sizeof(t);
	ok = ok && symlink(t, "labs") == 0 && symlink("f", "n0") == 0;
	for (int i = 1; ok && i <= 40; i++) {
		snprintf(t, sizeof(t), "n%d", i - 1);
		snprintf(l, sizeof(l), "n%d", i);
		ok = symlink(t, l) == 0;
	}
	return ok ? 0 : -errno;
}

FIXTURE_SETUP(tree)
{
	int fd = kernel_open(AT_FDCWD, "/", 0, 0), err;

	if (fd == -ENOSYS)
		SKIP("no openat2(2): the kernel's answers are not known");
	close(fd);
	err = tree_make(self);
	/* EXPECT, not ASSERT: the teardown removes what was made. */
	EXPECT_EQ(0, err);
	if (err < 0)
		return;
	self->base = open(self->tree, O_PATH | O_DIRECTORY | O_CLOEXEC);
	self->d = open("d", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	self->file = open("f", O_RDONLY | O_CLOEXEC);
	self->root = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
	self->proc = open("/proc", O_PATH | O_DIRECTORY | O_CLOEXEC);
	self->pstat = open("/proc/self/status", O_RDONLY | O_CLOEXEC);
	EXPECT_TRUE(self->base >= 0 && self->d >= 0 && self->file >= 0 &&
		    self->root >= 0 && self->proc >= 0 && self->pstat >= 0);
	EXPECT_EQ(0, pipe2(self->pipe, O_CLOEXEC));
	self->bad = 900;
	close(self->bad);
}

static int remove_one(const char *path, const struct stat *st, int type,
		      struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	remove(path); /* what is left is reported by nobody: best effort */
	return 0;
}

/* The fds go with the test's child; the tree is removed here. */
FIXTURE_TEARDOWN(tree)
{
	char p[PATH_MAX];

	if (!self->tree[0])
		return;
	expand(self, "@/dnox", p);
	chmod(p, 0755);
	expand(self, "@/anc", p);
	chmod(p, 0755);
	nftw(self->tree, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

TEST_F(tree, plain_names_match_the_kernel)
{
	static const struct row rows[] = {
		{ CWD, "f", 0, 0, "@/f" },
		{ CWD, "d", 0, 0, "@/d" },
		{ CWD, "d/f", F, 0, "@/d/f" },
		{ CWD, "./d/./f", 0, 0, "@/d/f" },
		{ CWD, "d//sub///", 0, 0, "@/d/sub" },
		{ CWD, ".", 0, 0, "@" },
		{ CWD, "@/d/f", 0, 0, "@/d/f" },
		{ CWD, "//@//d/./f", 0, 0, "@/d/f" },
		{ BASE, "d/f", 0, 0, "@/d/f" },
		{ BASE, ".", 0, 0, "@" },
		{ D, "f", 0, 0, "@/d/f" },
		{ D, "sub/..", 0, 0, "@/d" },
		{ D, "..", 0, 0, "@" },
		{ D, "@/f", 0, 0, "@/f" },
		{ BAD, "@/f", 0, 0, "@/f" },
		{ ROOT, "~/d/f", 0, 0, "@/d/f" },
		{ ROOT, ".", 0, 0, "/" },
		{ CWD, "", 0, -ENOENT, NULL },
		{ CWD, "", E, 0, "@" },
		{ D, "", E, 0, "@/d" },
		{ FILE_, "", E, 0, "@/f" },
		{ BAD, "", E, -EBADF, NULL },
		/* a base with no name: the walk alone can answer */
		{ BAD, "f", 0, -EBADF, NULL },
		{ NEG, "f", 0, -EBADF, NULL },
		{ BAD, "d/f", F, -EBADF, NULL },
		{ PIPE, "f", 0, -ENOTDIR, NULL },
		{ PIPE, "", E, 0, NULL },
		{ FILE_, "x", 0, -ENOTDIR, NULL },
		{ FILE_, ".", 0, -ENOTDIR, NULL },
		{ CWD, "nope", 0, -ENOENT, NULL },
		{ CWD, "nope/f", 0, -ENOENT, NULL },
		{ CWD, "d/nope/f", F, -ENOENT, NULL },
		{ CWD, "@/nope/x", 0, -ENOENT, NULL },
		{ CWD, "nope/..", 0, -ENOENT, NULL },
		{ CWD, "f/", 0, -ENOTDIR, NULL },
		{ CWD, "f/.", 0, -ENOTDIR, NULL },
		{ CWD, "f/..", 0, -ENOTDIR, NULL },
		{ CWD, "f/x", 0, -ENOTDIR, NULL },
		{ CWD, "d/f/", F, -ENOTDIR, NULL },
		{ CWD, "@/f/", 0, -ENOTDIR, NULL },
		{ CWD, "/..", 0, 0, "/" },
		{ CWD, "/../..", 0, 0, "/" },
		{ CWD, "/..@/f", 0, 0, "@/f" },
		{ ROOT, "..", 0, 0, "/" },
		{ ROOT, "../..@/f", 0, 0, "@/f" },
		{ CWD, "..", 0, 0, "^" },
		{ CWD, "/proc/..", 0, 0, "/" },
		{ PROC, "..", 0, 0, "/" },
		{ PROC, "../proc", 0, 0, "/proc" },
		{ CWD, "/dev/shm/..", 0, 0, "/dev" },
		{ CWD, "/dev/shm/../shm/.", 0, 0, "/dev/shm" },
		{ CWD, "dnox", 0, 0, "@/dnox" },
		{ CWD, "dnox/", 0, 0, "@/dnox" },
		{ CWD, "dnox/f", 0, ANY, "@/dnox/f" },
		{ CWD, "@/dnox/f", 0, ANY, "@/dnox/f" },
		{ CWD, "dnox/..", 0, ANY, "@" },
	};

	run_rows(self, rows, ARRAY_SIZE(rows));
	/* The fast lookups made the statx: compare_stx() held it. */
	EXPECT_TRUE(stx_made > 0);
}

TEST_F(tree, symlinks_match_the_kernel)
{
	static const struct row rows[] = {
		{ CWD, "lf", 0, 0, "@/lf" },
		{ CWD, "lf", F, 0, "@/f" },
		{ CWD, "lf/", 0, -ENOTDIR, NULL },
		{ CWD, "ld", 0, 0, "@/ld" },
		{ CWD, "ld", F, 0, "@/d" },
		{ CWD, "ld/", 0, 0, "@/d" },
		{ CWD, "ld/f", 0, 0, "@/d/f" },
		{ CWD, "ld/.", 0, 0, "@/d" },
		{ CWD, "@/ld/f", 0, 0, "@/d/f" },
		{ D, "../ld/sub", 0, 0, "@/d/sub" },
		{ CWD, "labs", 0, 0, "@/labs" },
		{ CWD, "labs", F, 0, "@/d/f" },
		{ CWD, "c1", 0, 0, "@/c1" },
		{ CWD, "c1", F, 0, "@/f" },
		{ CWD, "n39", F, 0, "@/f" },
		{ CWD, "n40", 0, 0, "@/n40" },
		{ CWD, "n40", F, -ELOOP, NULL },
		{ CWD, "loop1", 0, 0, "@/loop1" },
		{ CWD, "loop1", F, -ELOOP, NULL },
		{ CWD, "loop1/", 0, -ELOOP, NULL },
		{ CWD, "loop1/x", 0, -ELOOP, NULL },
		{ CWD, "lself", F, -ELOOP, NULL },
		{ CWD, "ldang", 0, 0, "@/ldang" },
		{ CWD, "ldang", F, -ENOENT, NULL },
		{ CWD, "ldang/", 0, -ENOENT, NULL },
		{ CWD, "ldang/x", 0, -ENOENT, NULL },
		/* ".." after a symlink leaves its target, not the link's dir */
		{ CWD, "lsub/..", 0, 0, "@/d" },
		{ CWD, "lsub/../f", 0, 0, "@/d/f" },
		{ CWD, "ld/../f", 0, 0, "@/f" },
		{ CWD, "ldd", F, 0, "@/d" },
		{ CWD, "ldd/f", 0, 0, "@/d/f" },
		{ CWD, "lfs", 0, 0, "@/lfs" },
		{ CWD, "lfs", F, -ENOTDIR, NULL },
		{ CWD, "lds", F, 0, "@/d" },
		{ CWD, "lds/f", 0, 0, "@/d/f" },
		{ CWD, "d/lback/f", 0, 0, "@/f" },
		{ CWD, "d/lback/..", 0, 0, "^" },
		{ CWD, "d/sub/lroot", 0, 0, "@/d/sub/lroot" },
		{ CWD, "d/sub/lroot", F, 0, "/" },
		{ CWD, "d/sub/lroot/..", 0, 0, "/" },
		{ CWD, "d/sub/lroot@/f", 0, 0, "@/f" },
		{ CWD, "/dev/fd/%F", F, 0, "@/f" },
		{ CWD, "/bin/sh", F, 0, NULL },
		{ CWD, "/bin/", 0, 0, NULL },
		{ CWD, "/bin", 0, 0, "/bin" },
	};

	run_rows(self, rows, ARRAY_SIZE(rows));
}

TEST_F(tree, own_proc_magic_links_match_the_kernel)
{
	static const struct row rows[] = {
		{ CWD, "/proc/self", 0, 0, "/proc/self" },
		{ CWD, "/proc/self", F, 0, NULL },
		{ CWD, "/proc/self/", 0, 0, NULL },
		{ CWD, "/proc/self/status", 0, 0, NULL },
		{ CWD, "/proc/thread-self/status", 0, 0, NULL },
		{ PROC, "self/status", 0, 0, NULL },
		{ CWD, "/proc/self/fd/%F", 0, 0, NULL },
		{ CWD, "/proc/self/fd/%F", F, 0, "@/f" },
		{ CWD, "/proc/thread-self/fd/%F", F, 0, "@/f" },
		{ CWD, "/proc/self/fd/%F/", 0, -ENOTDIR, NULL },
		{ CWD, "/proc/self/fd/%F/x", 0, -ENOTDIR, NULL },
		{ CWD, "/proc/self/fd/%D/sub", 0, 0, "@/d/sub" },
		{ CWD, "/proc/self/fd/%D/../f", 0, 0, "@/f" },
		{ CWD, "/proc/self/fd/%P", F, 0, NULL },
		{ CWD, "/proc/self/fd/9999", F, -ENOENT, NULL },
		{ CWD, "/proc/self/cwd", F, 0, "@" },
		{ CWD, "/proc/self/cwd/d/f", 0, 0, "@/d/f" },
		{ CWD, "/proc/self/cwd/..", 0, 0, "^" },
		{ CWD, "/proc/self/root", F, 0, "/" },
		{ CWD, "/proc/self/root/..", 0, 0, "/" },
		{ CWD, "/proc/self/root@/f", 0, 0, "@/f" },
		{ CWD, "/proc/self/exe", F, 0, NULL },
		{ CWD, "/proc/self/..", 0, 0, "/proc" },
		{ CWD, "/proc/self/fd/%D/", 0, 0, "@/d" },
		{ CWD, "/proc/self/fd/%D/.", 0, 0, "@/d" },
		{ CWD, "/proc/self/fd/%D/..", 0, 0, "@" },
		{ CWD, "lcwd", 0, 0, "@/lcwd" },
		{ CWD, "lcwd", F, 0, "@" },
		{ CWD, "lcwd/d/f", 0, 0, "@/d/f" },
		{ CWD, "lcwd/lcwd/lcwd/f", 0, 0, "@/f" },
		{ CWD, "lfds/%F", F, 0, "@/f" },
		{ D, "../lfds/%D/f", 0, 0, "@/d/f" },
		{ CWD, "lfds/%F", NM | F, -ELOOP, NULL },
		{ CWD, "lcwd/f", NS, -ELOOP, NULL },
		{ CWD, "/proc/self/task/..", 0, 0, NULL },
		{ CWD, "/proc/thread-self/..", 0, 0, NULL },
		{ CWD, "/proc/thread-self/../..", 0, 0, NULL },
	};

	run_rows(self, rows, ARRAY_SIZE(rows));
}

TEST_F(tree, openat2_restrictions_match_the_kernel)
{
	static const struct row rows[] = {
		{ BASE, "d/f", B, 0, "@/d/f" },
		{ BASE, "d/..", B, 0, "@" },
		{ BASE, "..", B, -EXDEV, NULL },
		{ BASE, "d/../..", B, -EXDEV, NULL },
		{ BASE, "@/f", B, -EXDEV, NULL },
		{ BASE, "labs", B | F, -EXDEV, NULL },
		{ BASE, "d/lback/f", B, 0, "@/f" },
		{ BASE, "d/lback/..", B, -EXDEV, NULL },
		{ BASE, "d/sub/lroot", B | F, -EXDEV, NULL },
		{ ROOT, "..", B, -EXDEV, NULL },
		{ ROOT, "~/../..", B, 0, "/" },
		{ ROOT, "~/../../..", B, -EXDEV, NULL },
		{ ROOT, "~/f", B, 0, "@/f" },
		{ PROC, "self/status", B, 0, NULL },
		{ PROC, "self/fd/%F", B | F, -EXDEV, NULL },
		{ BASE, "/f", IR, 0, "@/f" },
		{ BASE, "/d/../..", IR, 0, "@" },
		{ BASE, "..", IR, 0, "@" },
		{ BASE, "d/sub/lroot/f", IR, 0, "@/f" },
		{ BASE, "d/sub/lroot", IR | F, 0, "@" },
		{ BASE, "labs", IR | F, -ENOENT, NULL },
		{ BASE, "ld/f", IR, 0, "@/d/f" },
		{ PROC, "self/fd/%F", IR | F, -EXDEV, NULL },
		{ CWD, "d/f", NS, 0, "@/d/f" },
		{ CWD, "lf", NS, 0, "@/lf" },
		{ CWD, "lf", NS | F, -ELOOP, NULL },
		{ CWD, "ld/f", NS, -ELOOP, NULL },
		{ CWD, "ld/", NS, -ELOOP, NULL },
		{ CWD, "/proc/self/status", NS, -ELOOP, NULL },
		{ CWD, "/proc/thread-self/status", NS, -ELOOP, NULL },
		{ PROC, "self/", NS, -ELOOP, NULL },
		{ PROC, "self", NS | F, -ELOOP, NULL },
		{ CWD, "/proc/self", NS, 0, "/proc/self" },
		{ CWD, "/proc/self/fd/%F", NM | F, -ELOOP, NULL },
		{ CWD, "/proc/self/fd/%F", NM, 0, NULL },
		{ CWD, "/proc/self/cwd/f", NM, -ELOOP, NULL },
		{ CWD, "/proc/self/status", NM, 0, NULL },
		{ CWD, "lf", NM | F, 0, "@/f" },
		{ ROOT, "proc", NX, -EXDEV, NULL },
		{ ROOT, "proc/self", NX, -EXDEV, NULL },
		{ PROC, "self/status", NX, 0, NULL },
		{ PROC, "self/..", NX, 0, "/proc" },
		{ PROC, "..", NX, -EXDEV, NULL },
		{ PROC, "../proc", NX, -EXDEV, NULL },
		{ PROC, "self/fd/%F", NX | F, -EXDEV, NULL },
		{ PROC, "self/fd/%P", NX | F, -EXDEV, NULL },
		{ PROC, "self/fd/%S", NX | F, 0, NULL },
		{ PROC, "self/cwd", NX | F, -EXDEV, NULL },
		{ PROC, "self/root", NX | F, -EXDEV, NULL },
		{ PROC, "self/cwd", NX, 0, NULL },
		{ CWD, "d/f", NX, 0, "@/d/f" },
		{ BASE, "d/../f", NX, 0, "@/f" },
		{ CWD, "/dev/fd/%F", NX | F, -EXDEV, NULL },
	};

	run_rows(self, rows, ARRAY_SIZE(rows));
}

TEST_F(tree, parent_lookups_match_the_kernel)
{
	static const struct row rows[] = {
		{ CWD, "new", P, 0, "@/new" },
		{ CWD, "d/new", P, 0, "@/d/new" },
		{ CWD, "@/d/new", P, 0, "@/d/new" },
		{ CWD, "ld/new", P, 0, "@/d/new" },
		{ CWD, "lsub/../new", P, 0, "@/d/new" },
		{ D, "new", P, 0, "@/d/new" },
		{ BASE, "../new", P, 0, "^/new" },
		{ CWD, "/new", P, 0, "/new" },
		{ CWD, "f", P, 0, "@/f" },
		{ CWD, "f/", P, 0, "@/f" },
		{ CWD, "lf", P, 0, "@/lf" },
		{ CWD, "loop1", P, 0, "@/loop1" },
		{ CWD, "ldang", P, 0, "@/ldang" },
		/* a trailing "/" is the call's to read, never a follow */
		{ CWD, "ld/", P, 0, "@/ld" },
		{ CWD, "ldang/", P, 0, "@/ldang" },
		{ CWD, "lf/", P, 0, "@/lf" },
		{ CWD, "new/", P, 0, "@/new" },
		{ CWD, "d/", P, 0, "@/d" },
		{ CWD, "d//", P, 0, "@/d" },
		{ CWD, "nope/new", P, -ENOENT, NULL },
		{ CWD, "f/new", P, -ENOTDIR, NULL },
		{ CWD, "loop1/new", P, -ELOOP, NULL },
		{ CWD, "ldang/new", P, -ENOENT, NULL },
		{ FILE_, "new", P, -ENOTDIR, NULL },
		{ BAD, "new", P, -EBADF, NULL },
		{ BASE, "d/new", P | B, 0, "@/d/new" },
		{ BASE, "../new", P | B, -EXDEV, NULL },
		{ CWD, "ld/new", P | NS, -ELOOP, NULL },
		{ CWD, "lf", P | NS, 0, "@/lf" },
		{ CWD, "/proc/self/fd/%F", P, 0, NULL },
		{ CWD, "/proc/self/fd/%D/new", P, 0, "@/d/new" },
		{ CWD, "/proc/self/cwd/new", P, 0, "@/new" },
		{ CWD, "dnox/new", P, ANY, "@/dnox/new" },
		{ CWD, "dnox/f", P, ANY, "@/dnox/f" },
	};

	run_rows(self, rows, ARRAY_SIZE(rows));
}

/*
 * RES_NO_XDEV and an absolute symlink on another mount: the jump to the
 * root leaves that mount, whatever the link names (the kernel's
 * nd_jump_root()). Needs a writable file system other than the root's:
 * /dev/shm.
 */
TEST_F(tree, no_xdev_absolute_link_from_another_mount)
{
	static const char *const names[] = { "root", "tree", "here" };
	char dir[PATH_MAX], link[PATH_MAX + 8];
	struct stat shm, root;
	int fd;

	if (stat("/dev/shm", &shm) < 0 || stat("/", &root) < 0 ||
	    shm.st_dev == root.st_dev)
		SKIP("/dev/shm is not a mount of its own");
	snprintf(dir, sizeof(dir), "/dev/shm/syd-test-resolve-%d", getpid());
	if (mkdir(dir, 0700) < 0)
		SKIP("/dev/shm: %s", strerror(errno));
	fd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	snprintf(link, sizeof(link), "%s/root", dir);
	EXPECT_EQ(0, symlink("/", link));
	snprintf(link, sizeof(link), "%s/tree", dir);
	EXPECT_EQ(0, symlink(self->tree, link));
	snprintf(link, sizeof(link), "%s/here", dir);
	EXPECT_EQ(0, symlink(dir, link));
	run_one(self, fd, "root", NX | F, -EXDEV, NULL);
	run_one(self, fd, "tree/f", NX, -EXDEV, NULL);
	run_one(self, fd, "here", NX | F, -EXDEV, NULL);
	run_one(self, fd, "root", F, 0, "/");
	run_one(self, fd, "tree/f", 0, 0, "@/f");
	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		unlinkat(fd, names[i], 0);
	close(fd);
	rmdir(dir);
}

/*
 * RES_PARENT|RES_FOLLOW (an open with O_CREAT): a final symlink is
 * followed, so the parent and name are its target's, which may be missing.
 */
TEST_F(tree, parent_with_follow_takes_the_target)
{
	static const struct {
		const char *path, *name, *canon;
		bool exists, slash;
	} rows[] = {
		{ "lf", "f", "@/f", true, false },
		{ "c1", "f", "@/f", true, false },
		{ "ldang", "nowhere", "@/nowhere", false, false },
		{ "ld/new", "new", "@/d/new", false, false },
		{ "lf/", "lf", "@/lf", true, true },
	};
	char canon[PATH_MAX];
	struct resolved r;
	struct stat st, dst;

	for (int mode = 0; mode < 3; mode++) {
		enter_mode(mode);
		for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
			int err = resolve_path(gettid(), AT_FDCWD, rows[i].path,
					       P | F, &r);

			EXPECT_EQ(0, err);
			if (err < 0)
				continue;
			expand(self, rows[i].canon, canon);
			EXPECT_STREQ(canon, r.path);
			EXPECT_STREQ(rows[i].name, r.name);
			EXPECT_EQ(rows[i].exists, r.fd >= 0);
			EXPECT_EQ(rows[i].slash, r.trailing_slash);
			/* The parent is the one the path names. */
			*strrchr(canon, '/') = '\0';
			EXPECT_EQ(0, stat(canon, &st));
			EXPECT_TRUE(r.dirfd >= 0 && fstat(r.dirfd, &dst) == 0 &&
				    same_inode(&st, &dst));
			resolved_fini(&r);
		}
		/* A loop is a loop for a create too. */
		EXPECT_EQ(-ELOOP,
			  resolve_path(gettid(), AT_FDCWD, "loop1", P | F, &r));
	}
}

/*
 * RES_PARENT where no last name is left ("/", ".", "d/..."): the walk
 * ends on a directory, which is the object; there is no parent, and the
 * call answers (EEXIST, EBUSY, EINVAL...).
 */
TEST_F(tree, parent_of_a_name_that_is_no_name)
{
	static const struct {
		const char *path, *canon;
	} rows[] = {
		{ "/", "/" },  { ".", "@" },	 { "d/..", "@" },
		{ "..", "^" }, { "d/.", "@/d" },
	};
	char canon[PATH_MAX];
	struct resolved r;
	struct stat st;

	for (int mode = 0; mode < 3; mode++) {
		enter_mode(mode);
		for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
			int err = resolve_path(gettid(), AT_FDCWD, rows[i].path,
					       P, &r);

			EXPECT_EQ(0, err);
			if (err < 0)
				continue;
			expand(self, rows[i].canon, canon);
			EXPECT_STREQ(canon, r.path);
			EXPECT_EQ(-1, r.dirfd);
			EXPECT_EQ(0, stat(canon, &st));
			EXPECT_TRUE(r.fd >= 0 && same_inode(&st, &r.st));
			resolved_fini(&r);
		}
	}
}

TEST_F(tree, long_names_match_the_kernel)
{
	char name[NAME_MAX + 2], p[PATH_MAX + NAME_MAX + 8];
	size_t n;

	memset(name, 'a', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0'; /* NAME_MAX + 1 bytes */
	run_one(self, AT_FDCWD, name, 0, -ENAMETOOLONG, NULL);
	run_one(self, AT_FDCWD, name, P, -ENAMETOOLONG, NULL);
	snprintf(p, sizeof(p), "d/%s/x", name);
	run_one(self, AT_FDCWD, p, 0, -ENAMETOOLONG, NULL);
	snprintf(p, sizeof(p), "%s/%s", self->tree, name);
	run_one(self, AT_FDCWD, p, 0, -ENAMETOOLONG, NULL);
	run_one(self, AT_FDCWD, p, P, -ENAMETOOLONG, NULL);
	/* A missing directory is met first. */
	snprintf(p, sizeof(p), "nope/%s", name);
	run_one(self, AT_FDCWD, p, P, -ENOENT, NULL);
	name[NAME_MAX] = '\0'; /* NAME_MAX bytes: a name, just missing */
	run_one(self, AT_FDCWD, name, 0, -ENOENT, NULL);
	snprintf(p, sizeof(p), "d/%s", name);
	run_one(self, AT_FDCWD, p, P, 0, NULL);

	/* PATH_MAX - 1 bytes are a path; PATH_MAX bytes are not. */
	for (n = 0; n + 2 < PATH_MAX - 1; n += 2)
		memcpy(p + n, "./", 2);
	p[n++] = 'f';
	p[n] = '\0';
	ASSERT_EQ(PATH_MAX - 1, (int)strlen(p));
	run_one(self, AT_FDCWD, p, 0, 0, "@/f");
	run_one(self, AT_FDCWD, p, P, 0, "@/f");
	p[n++] = 'f';
	p[n] = '\0';
	ASSERT_EQ(PATH_MAX, (int)strlen(p));
	run_one(self, AT_FDCWD, p, 0, -ENAMETOOLONG, NULL);
	run_one(self, AT_FDCWD, p, P, -ENAMETOOLONG, NULL);
	/* The same from the root: an absolute path of PATH_MAX - 1 bytes. */
	n = (size_t)snprintf(p, sizeof(p), "%s", self->tree);
	while (n + 3 < PATH_MAX - 1)
		n += (size_t)snprintf(p + n, sizeof(p) - n, "/.");
	n += (size_t)snprintf(p + n, sizeof(p) - n, "%s",
			      n + 2 == PATH_MAX - 1 ? "/f" : "//f");
	ASSERT_EQ(PATH_MAX - 1, (int)strlen(p));
	run_one(self, AT_FDCWD, p, 0, 0, "@/f");
}

/*
 * A directory whose canonical path is longer than PATH_MAX: the kernel
 * walks it (by fds, its limit is on the path given), but no rule can be
 * matched against a name that long. The resolver refuses it: a deliberate
 * difference, fail closed, with ENAMETOOLONG as d_path(3) would.
 */
TEST_F(tree, deeper_than_path_max_fails_closed)
{
	enum {
		DEPTH = 24
	};
	char name[201];
	int fds[DEPTH + 1], k, i;
	struct resolved r;

	memset(name, 'x', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	fds[0] = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	for (i = 1; i <= DEPTH; i++) {
		if (mkdirat(fds[i - 1], name, 0755) < 0)
			break;
		fds[i] = openat(fds[i - 1], name,
				O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fds[i] < 0) {
			unlinkat(fds[i - 1], name, AT_REMOVEDIR);
			break;
		}
	}
	k = i - 1;
	EXPECT_EQ(DEPTH, k);
	if (k == DEPTH) {
		/* The kernel: fine. */
		int kfd = openat(fds[DEPTH - 1], name, O_PATH | O_CLOEXEC);

		EXPECT_TRUE(kfd >= 0);
		close(kfd);
		for (int mode = 0; mode < 3; mode++) {
			enter_mode(mode);
			EXPECT_EQ(-ENAMETOOLONG,
				  resolve_path(gettid(), fds[DEPTH - 1], name,
					       0, &r));
			EXPECT_EQ(
				-ENAMETOOLONG,
				resolve_path(gettid(), fds[DEPTH], "", E, &r));
		}
	}
	for (i = k; i >= 1; i--) {
		close(fds[i]);
		unlinkat(fds[i - 1], name, AT_REMOVEDIR);
	}
	close(fds[0]);
}

/*
 * A file reached through /proc/self/fd/N after its last name went: the
 * object is the fd's, the name the one it had (rules decide on it), and
 * via_pid/via_fd say which fd's access an open may not widen.
 */
TEST_F(tree, unlinked_file_through_proc_fd_keeps_its_old_name)
{
	char p[64], want[PATH_MAX];
	struct resolved r;
	struct stat st;
	int fd;

	fd = open("gone", O_CREAT | O_RDWR | O_CLOEXEC, 0600);
	ASSERT_TRUE(fd >= 0);
	ASSERT_EQ(0, unlink("gone"));
	ASSERT_EQ(0, fstat(fd, &st));
	snprintf(p, sizeof(p), "/proc/self/fd/%d", fd);
	expand(self, "@/gone", want);
	run_one(self, AT_FDCWD, p, F, 0, "@/gone");
	for (int mode = 0; mode < 3; mode++) {
		enter_mode(mode);
		ASSERT_EQ(0, resolve_path(gettid(), AT_FDCWD, p, F, &r));
		EXPECT_TRUE(same_inode(&st, &r.st));
		EXPECT_STREQ(want, r.path);
		EXPECT_EQ(getpid(), r.via_pid);
		EXPECT_EQ(fd, r.via_fd);
		resolved_fini(&r);
		/* A live file keeps no via: its name decides alone. */
		snprintf(p, sizeof(p), "/proc/self/fd/%d", self->file);
		ASSERT_EQ(0, resolve_path(gettid(), AT_FDCWD, p, F, &r));
		EXPECT_EQ(-1, r.via_pid);
		EXPECT_EQ(-1, r.via_fd);
		resolved_fini(&r);
		snprintf(p, sizeof(p), "/proc/self/fd/%d", fd);
	}
	close(fd);
}

/*
 * A relative lookup from a directory that was removed: the kernel finds
 * nothing in it. Its name reads "/.../gone (deleted)", which is not a name
 * to look up: a directory that is really called that must not be taken
 * for it.
 */
TEST_F(tree, relative_lookup_from_a_removed_directory)
{
	int gone;

	ASSERT_EQ(0, mkdir("gone", 0755));
	gone = open("gone", O_PATH | O_DIRECTORY | O_CLOEXEC);
	ASSERT_TRUE(gone >= 0);
	ASSERT_EQ(0, rmdir("gone"));
	ASSERT_EQ(0, mkdir("gone (deleted)", 0755));
	ASSERT_EQ(0, mkdir("gone (deleted)/f", 0755));
	run_one(self, gone, "f", 0, -ENOENT, NULL);
	run_one(self, gone, "f", P, 0, NULL); /* its name is the one it had */
	run_one(self, gone, ".", 0, 0, NULL);
	run_one(self, gone, "..", 0, 0, "@");
	close(gone);
}

/*
 * A relative lookup from a directory fd under an ancestor the caller may
 * not search: the kernel never looks at the ancestor. The resolver looks
 * the base's name up from our root, to know that it names the same object
 * here (own_view()): as root it may, and answers as the kernel; without
 * the right to search the ancestor it cannot, and refuses with EACCES
 * where the kernel answers: fail closed, a difference kept on purpose.
 */
TEST_F(tree, relative_lookup_below_an_unsearchable_ancestor)
{
	static const char *const names[] = { "f", "new", ".." };
	struct resolved r;
	int in;

	in = open("anc/in", O_PATH | O_DIRECTORY | O_CLOEXEC);
	ASSERT_TRUE(in >= 0);
	ASSERT_EQ(0, chmod("anc", 0600));
	if (geteuid() == 0) {
		run_one(self, in, "f", 0, 0, "@/anc/in/f");
		run_one(self, in, "new", P, 0, "@/anc/in/new");
		run_one(self, in, "..", 0, 0, "@/anc");
	} else {
		for (int mode = 0; mode < 3; mode++) {
			enter_mode(mode);
			for (size_t i = 0; i < ARRAY_SIZE(names); i++)
				EXPECT_EQ(-EACCES,
					  resolve_path(gettid(), in, names[i],
						       i == 1 ? P : 0, &r));
		}
	}
	close(in);
}

TEST_F(tree, fd_entry_points)
{
	char name[PATH_MAX], want[PATH_MAX];
	struct resolved r;
	struct stat st;
	pid_t tid = gettid();
	int fd;

	ASSERT_EQ(0, resolve_fd(tid, AT_FDCWD, &r));
	EXPECT_EQ(0, stat(".", &st));
	EXPECT_TRUE(same_inode(&st, &r.st));
	EXPECT_STREQ("", r.path);
	resolved_fini(&r);
	ASSERT_EQ(0, resolve_fd(tid, self->file, &r));
	EXPECT_EQ(0, fstat(self->file, &st));
	EXPECT_TRUE(same_inode(&st, &r.st));
	resolved_fini(&r);
	EXPECT_EQ(-EBADF, resolve_fd(tid, self->bad, &r));
	EXPECT_EQ(-EBADF, resolve_fd(tid, -5, &r));

	ASSERT_EQ(0, resolve_fd_stat(tid, self->d, NULL, &r));
	EXPECT_EQ(0, fstat(self->d, &st));
	EXPECT_TRUE(same_inode(&st, &r.st));
	EXPECT_EQ(-1, r.fd);
	EXPECT_EQ(-EBADF, resolve_fd_stat(tid, self->bad, NULL, &r));
	{
		struct stx_want sw = { STATX_BASIC_STATS | STATX_BTIME, 0 };
		struct statx stx;

		ASSERT_EQ(0, resolve_fd_stat(tid, self->file, &sw, &r));
		EXPECT_TRUE(r.stx_done);
		EXPECT_EQ(0,
			  statx(self->file, "", AT_EMPTY_PATH, sw.mask, &stx));
		EXPECT_EQ(stx.stx_ino, r.stx.stx_ino);
		EXPECT_EQ(stx.stx_mask, r.stx.stx_mask);
		EXPECT_EQ(-EBADF, resolve_fd_stat(tid, self->bad, &sw, &r));
	}

	fd = open("d/f", O_PATH | O_CLOEXEC);
	ASSERT_EQ(0, resolve_own_fd(fd, &r)); /* takes FD */
	expand(self, "@/d/f", want);
	EXPECT_STREQ(want, r.path);
	EXPECT_EQ(strlen(want), r.len);
	resolved_fini(&r);

	EXPECT_EQ(0, resolve_fd_name(tid, self->file, name));
	expand(self, "@/f", want);
	EXPECT_STREQ(want, name);
	EXPECT_EQ(0, resolve_fd_name(tid, AT_FDCWD, name));
	EXPECT_STREQ(self->tree, name);
	EXPECT_EQ(1, resolve_fd_name(tid, self->pipe[0], name));
	EXPECT_CONTAINS(name, "pipe:[");
	EXPECT_EQ(-EBADF, resolve_fd_name(tid, self->bad, name));
	EXPECT_EQ(-EBADF, resolve_fd_name(tid, -5, name));
	fd = open("gone", O_CREAT | O_RDWR | O_CLOEXEC, 0600);
	ASSERT_EQ(0, unlink("gone"));
	EXPECT_EQ(0, resolve_fd_name(tid, fd, name));
	expand(self, "@/gone", want);
	EXPECT_STREQ(want, name);
	close(fd);
}

TEST_F(tree, lexical_path_of_the_fast_decisions)
{
	static const struct {
		int dir;
		const char *path, *out; /* NULL: 1, only a lookup can say */
	} rows[] = {
		{ CWD, "d/f", "@/d/f" },   { CWD, "d//f", "@/d/f" },
		{ CWD, "@/d/f", "@/d/f" }, { D, "f", "@/d/f" },
		{ CWD, "/", NULL }, /* a trailing "/" */
		{ CWD, "d/./f", NULL },	   { CWD, "d/../f", NULL },
		{ CWD, "d/", NULL },	   { CWD, "", NULL },
		{ BAD, "f", NULL },	   { NEG, "f", NULL },
	};
	char path[PATH_MAX], out[PATH_MAX], want[PATH_MAX];
	size_t len;

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		int err;

		expand(self, rows[i].path, path);
		err = resolve_lexical(gettid(), dir_fd(self, rows[i].dir), path,
				      out, &len);
		if (err != (rows[i].out ? 0 : 1))
			mismatch("row %zu \"%s\": %d", i, rows[i].path, err);
		if (err != 0 || !rows[i].out)
			continue;
		expand(self, rows[i].out, want);
		EXPECT_STREQ(want, out);
		EXPECT_EQ(strlen(want), len);
	}
	resolve_note_root_change();
	EXPECT_EQ(1, resolve_lexical(gettid(), AT_FDCWD, "d/f", out, &len));
}

/*
 * A symlink in the root directory that a walk followed is rewritten by
 * its text afterwards, so the one-openat2 lookup meets no symlink there.
 */
TEST_F(tree, root_link_learnt_by_a_walk)
{
	char target[PATH_MAX], want[PATH_MAX + 8], out[PATH_MAX];
	struct resolved r;
	ssize_t n;

	n = readlink("/bin", target, sizeof(target) - 1);
	if (n <= 0 || target[0] == '/' || strchr(target, '.'))
		SKIP("/bin is not a relative symlink here");
	target[n] = '\0';
	snprintf(want, sizeof(want), "/%s/sh", target);
	EXPECT_FALSE(resolve_root_link("/bin/sh", out)); /* not learnt */
	enter_mode(1); /* the walk follows it */
	ASSERT_EQ(0, resolve_path(gettid(), AT_FDCWD, "/bin/sh", F, &r));
	resolved_fini(&r);
	enter_mode(0);
	EXPECT_TRUE(resolve_root_link("/bin/sh", out));
	EXPECT_STREQ(want, out);
	EXPECT_FALSE(resolve_root_link("/bin/", out));
	EXPECT_FALSE(resolve_root_link("/bin", out));
	run_one(self, AT_FDCWD, "/bin/sh", F, 0, NULL);
	resolve_note_root_change();
	EXPECT_FALSE(resolve_root_link("/bin/sh", out));
}

/* A view that hides @/d and everything below it; CTX is the fixture. */
static bool not_under_d(void *ctx, const char *path, size_t len)
{
	const FIXTURE_DATA(tree) *self = ctx;
	char d[PATH_MAX];
	size_t n = (size_t)snprintf(d, sizeof(d), "%s/d", self->tree);

	return !(len >= n && !memcmp(path, d, n) &&
		 (len == n || path[n] == '/'));
}

/* A view that hides @/lf; CTX is the fixture. */
static bool not_lf(void *ctx, const char *path, size_t len)
{
	const FIXTURE_DATA(tree) *self = ctx;
	char l[PATH_MAX];
	size_t n = (size_t)snprintf(l, sizeof(l), "%s/lf", self->tree);

	return !(len == n && !memcmp(path, l, n));
}

/*
 * Where names are hidden the answer differs from the kernel's on purpose:
 * a lookup that passes a hidden name fails as if it did not exist.
 */
TEST_F(tree, hidden_names_answer_enoent_where_the_kernel_would_tell)
{
	const struct resolve_view hide_d = { not_under_d, maybe_hidden, self,
					     false };
	const struct resolve_view hide_lf = { not_lf, maybe_hidden, self,
					      false };
	const struct {
		const struct resolve_view *view;
		const char *path;
		unsigned flags;
		int err;
	} rows[] = {
		{ &hide_d, "d/f/x", 0, -ENOENT }, /* the kernel: ENOTDIR */
		{ &hide_d, "d/sub/../f", 0, -ENOENT }, /* leaves d by ".." */
		{ &hide_d, "lsub/../f", 0, -ENOENT },
		{ &hide_d, "d/f", 0, 0 }, /* the decision refuses it */
		{ &hide_d, "f", 0, 0 },
		{ &hide_lf, "lf", F,
		  -ENOENT }, /* a hidden link: not followed */
		{ &hide_lf, "lf", 0, 0 },
		{ &hide_lf, "lf/x", 0, -ENOENT }, /* the kernel: ENOTDIR */
		{ &hide_lf, "ld/f", 0, 0 },
	};
	struct resolved r;

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		int err;

		resolve_view_set(rows[i].view);
		err = resolve_path(gettid(), AT_FDCWD, rows[i].path,
				   rows[i].flags, &r);
		if (err != rows[i].err)
			mismatch("row %zu \"%s\": %s, not %s", i, rows[i].path,
				 err_name(err), err_name(rows[i].err));
		if (err == 0)
			resolved_fini(&r);
	}
}

/*
 * /proc/PID of a process outside the sandbox (pid 1 is never in it): what
 * ps reads is there, its magic links and what exposes the process are
 * refused (EACCES), whoever asks, unlike the kernel's answer to root.
 */
TEST_F(tree, proc_guard_for_a_process_outside)
{
	static const struct {
		const char *path;
		unsigned flags;
		int err;
	} rows[] = {
		{ "/proc/1", 0, 0 },
		{ "/proc/1/status", 0, 0 },
		{ "/proc/1/stat", 0, 0 },
		{ "/proc/1/environ", 0, -EACCES },
		{ "/proc/1/mem", 0, -EACCES },
		{ "/proc/1/cwd", F, -EACCES },
		{ "/proc/1/root", F, -EACCES },
		{ "/proc/1/fd", 0, -EACCES },
		{ "/proc/self/mem", 0, 0 }, /* our own */
		{ "/proc/self/environ", 0, 0 },
	};
	struct resolved r;

	for (int mode = 0; mode < 3; mode++) {
		enter_mode(mode);
		for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
			int err = resolve_path(gettid(), AT_FDCWD, rows[i].path,
					       rows[i].flags, &r);

			if (err != rows[i].err)
				mismatch("%s \"%s\": %s, not %s",
					 mode_name[mode], rows[i].path,
					 err_name(err), err_name(rows[i].err));
			if (err == 0)
				resolved_fini(&r);
		}
	}
}
