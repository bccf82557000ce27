/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Opens of the /proc files that name paths (maps, smaps, numa_maps,
 * mountinfo, mounts, mountstats, net/unix of a process or a thread, and
 * /proc/swaps) while a stat or walk rule may hide a name: the file the
 * caller opened, as itself, is read through that very open file (so no
 * right of syd's is lent, and what is read is what was decided), the
 * hidden names are left out (policy/procview.c), and the caller gets a
 * read-only fd on a sealed memfd made by syd holding the rest. A rule
 * that cannot hide anything leaves every open as the kernel made it.
 */
#include "syscalls/procview.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kernel/procfs.h"
#include "policy/decide.h"
#include "policy/procview.h"
#include "resolve/resolve.h"

#ifndef MFD_NOEXEC_SEAL
#define MFD_NOEXEC_SEAL 0x0008U /* Linux 6.3; glibc 2.36 lacks it */
#endif

/*
 * The most read of one file: smaps of a process at the kernel's default
 * limit of 65530 mappings is about 65 MiB. Past it the open fails
 * (ENOMEM) rather than hand over a part.
 */
#define PROCVIEW_MAX (128u << 20)

/* What HIDDEN() decides with. */
struct view {
	struct sandbox *sb;
	/*
	 * The root of the process whose mounts the file lists, as syd names
	 * it, when it is not syd's (an allowed chroot): mountinfo, mounts
	 * and net/unix name paths from there. "" otherwise.
	 */
	char root[PATH_MAX];
	size_t root_len;
	/* the last path decided: maps names a library in five lines */
	char last[PATH_MAX];
	size_t last_len;
	bool last_hidden;
};

/*
 * Is PATH hidden, as a lookup of it would find: it, or a directory on
 * the way, hidden by a rule (decide_hidden() checks the walk rules of the
 * directories above and the stat rule of the path; a lookup also fails
 * at a directory a stat rule hides: view_passable() in access.c). A name
 * that is not absolute (a UNIX socket bound by a relative name) says
 * nothing of where it is: hidden, failing closed.
 */
static bool hidden(void *ctx, const char *path, size_t len)
{
	struct view *v = ctx;
	struct decide_step h;
	char full[PATH_MAX];
	const struct rule *rule;
	size_t flen = v->root_len + len;

	if (path[0] != '/' || flen >= sizeof(full))
		return true;
	memcpy(full, v->root, v->root_len);
	memcpy(full + v->root_len, path, len + 1);
	if (flen == v->last_len && !memcmp(full, v->last, flen))
		return v->last_hidden;
	v->last_hidden =
		decide_hidden(v->sb, full, flen, false, &h) && h.err == -ENOENT;
	for (size_t i = 1; i < flen && !v->last_hidden; i++) {
		enum action act;

		if (full[i] != '/' || !sandbox_enabled(v->sb, CAT_STAT))
			continue;
		act = sandbox_check_path(v->sb, CAT_STAT, full, i, &rule);
		v->last_hidden = rule && !action_allows(act);
	}
	memcpy(v->last, full, flen + 1);
	v->last_len = flen;
	return v->last_hidden;
}

/*
 * The kind of file PATH is, and in *PID the process (or thread) it is
 * of: 0 for a file of /proc itself.
 */
static enum procview_kind kind_of(const char *path, pid_t *pid)
{
	size_t len = strlen(path);
	const char *rest, *end = path + len;

	*pid = proc_path_pid(path, len, &rest);
	if (*pid == 0)
		return procview_kind(path + 6, true);
	if (!strncmp(rest, "/task/", 6)) {
		*pid = proc_number(rest + 6, end, &rest);
		if (*pid == 0)
			return PROCVIEW_NONE;
	}
	return rest[0] == '/' ? procview_kind(rest + 1, false) : PROCVIEW_NONE;
}

/*
 * The root of process PID as syd names it, into V, for the files that
 * name paths from there; "" while no chroot was allowed (it is syd's).
 * Returns 0 or -errno.
 */
static int view_root(struct view *v, enum procview_kind kind, pid_t pid)
{
	char link[48];
	int err;

	v->root[0] = '\0';
	v->root_len = 0;
	if (!resolve_root_changed() || kind == PROCVIEW_MAPS ||
	    kind == PROCVIEW_SMAPS || kind == PROCVIEW_NUMA_MAPS ||
	    kind == PROCVIEW_SWAPS)
		return 0; /* named by syd's reading thread, from its root */
	snprintf(link, sizeof(link), "/proc/%d/root", (int)pid);
	err = resolve_link_name(link, v->root);
	if (err != 0)
		return err < 0 ? err : -EACCES; /* fail closed */
	v->root_len = strlen(v->root);
	if (v->root_len == 1)
		v->root_len = 0; /* "/" */
	return 0;
}

/* All of FD, into *BUF (malloc'd, owned by the caller), *LEN bytes. */
static int read_all(int fd, char **buf, size_t *len)
{
	size_t cap = 65536, got = 0;
	char *p = malloc(cap), *q;

	*buf = NULL;
	while (p) {
		ssize_t n = read(fd, p + got, cap - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int err = -errno;

			free(p);
			return err;
		}
		if (n == 0) {
			*buf = p;
			*len = got;
			return 0;
		}
		got += (size_t)n;
		if (got < cap)
			continue;
		if (cap >= PROCVIEW_MAX)
			break;
		q = realloc(p, cap * 2);
		if (!q)
			break;
		p = q;
		cap *= 2;
	}
	free(p);
	return -ENOMEM;
}

int procview_sealed_copy(const char *name, const char *buf, size_t len,
			 uint64_t flags)
{
	const int seals =
		F_SEAL_WRITE | F_SEAL_GROW | F_SEAL_SHRINK | F_SEAL_SEAL;
	struct fdpath proc;
	int fd, ro, err = 0;

	fd = memfd_create(name,
			  MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_NOEXEC_SEAL);
	/* before Linux 6.3: the execute bits are taken off below */
	if (fd < 0 && errno == EINVAL)
		fd = memfd_create(name, MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (fd < 0)
		return -errno;
	/* read-only, as the file it stands for, and never executable */
	if (fchmod(fd, 0444) < 0)
		err = -errno;
	for (size_t off = 0; err == 0 && off < len;) {
		ssize_t n = write(fd, buf + off, len - off);

		if (n < 0 && errno != EINTR)
			err = -errno;
		else if (n > 0)
			off += (size_t)n;
	}
	if (err == 0 && fcntl(fd, F_ADD_SEALS, seals) < 0)
		err = -errno;
	/* A new open file, read-only: the caller cannot even try a write. */
	ro = err < 0 ? -1
		     : open(fdpath(&proc, fd),
			    O_RDONLY | O_CLOEXEC | (int)(flags & O_NONBLOCK));
	if (err == 0 && ro < 0)
		err = -errno;
	close(fd);
	return err < 0 ? err : ro;
}

int procview_open(struct notif *n, const char *path, uint64_t flags, int fd)
{
	enum procview_kind kind;
	struct view *v;
	const char *base;
	char *buf = NULL;
	size_t len = 0;
	ssize_t kept;
	pid_t pid;
	bool may_hide;
	int err;

	/* O_WRONLY (and 3): nothing is read through the fd; the kernel's. */
	if (strncmp(path, "/proc/", 6) || (flags & O_ACCMODE) == O_WRONLY ||
	    (flags & O_ACCMODE) == (O_WRONLY | O_RDWR))
		return fd;
	kind = kind_of(path, &pid);
	if (kind == PROCVIEW_NONE)
		return fd;
	sandbox_rdlock(n->sb);
	may_hide = decide_may_hide(n->sb, false);
	sandbox_unlock(n->sb);
	if (!may_hide)
		return fd;
	v = malloc(sizeof(*v));
	err = v ? view_root(v, kind, pid) : -ENOMEM;
	if (err == 0)
		err = read_all(fd, &buf, &len);
	close(fd);
	if (err < 0) {
		free(v);
		return err;
	}
	v->sb = n->sb;
	v->last_len = SIZE_MAX;
	sandbox_rdlock(n->sb);
	kept = procview_filter(kind, buf, len, buf, hidden, v);
	sandbox_unlock(n->sb);
	free(v);
	base = strrchr(path, '/') + 1;
	fd = kept < 0 ? (int)kept
		      : procview_sealed_copy(base, buf, (size_t)kept, flags);
	free(buf);
	return fd;
}
