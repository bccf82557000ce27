/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Calls that show names without looking a path up: getdents64(2) and
 * getdents(2) list a directory, getcwd(2) names the cwd. They are hooked
 * only when a rule can hide something (supervise/filter.c), so that a
 * hidden name is not shown by them either. A listing is read by syd from
 * the caller's own open file and written back without what is hidden;
 * nothing here grants an access.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "kernel/notify.h"
#include "resolve/resolve.h"
#include "syscalls/access.h"
#include "syscalls/common.h"

/*
 * The most one batch reads: glibc's readdir asks for 32 KiB. A caller
 * asking for more gets fewer bytes than it could, which getdents allows.
 */
#define LIST_BATCH 32768

/*
 * Offsets in a record: d_ino and d_off (8 bytes each), d_reclen (2), then
 * d_type and the name (getdents64) or the name, with d_type in the last
 * byte of the record (getdents).
 */
#define OFF_AT	  8
#define RECLEN_AT 16
#define NAME64_AT 19
#define NAME_AT	  18

/*
 * The record at AT of the LEN bytes in BUF: its length, d_off and name
 * (NAME_AT bytes in). Returns 0, or -EIO for a record that is not well
 * formed (never from a kernel that works).
 */
static int record(const char *buf, size_t len, size_t at, size_t name_at,
		  uint16_t *reclen, int64_t *off, const char **name)
{
	if (len - at < name_at + 1)
		return -EIO;
	memcpy(off, buf + at + OFF_AT, sizeof(*off));
	memcpy(reclen, buf + at + RECLEN_AT, sizeof(*reclen));
	if (*reclen < name_at + 1 || *reclen > len - at)
		return -EIO;
	*name = buf + at + name_at;
	if (!memchr(*name, '\0', *reclen - name_at))
		return -EIO;
	return 0;
}

/*
 * Drop the hidden entries of the LEN bytes of records in BUF, moving the
 * rest down. A record's d_off is the kernel's position after it, which
 * is the next entry's own (on ext4, a hash of its name): a kept record
 * followed by hidden ones takes the d_off of the last of them, so that
 * no position given out is a hidden entry's, lseek to it (seekdir) goes
 * on after what was dropped, and the kernel's positions stay the only
 * ones used. *BEFORE gets the position before the first record kept:
 * the d_off of the one read before it, or START (where the batch began).
 * Returns the bytes kept, or -EIO for a record that is not well formed
 * (never from a kernel that works).
 */
static ssize_t filter(struct notif_list *l, char *buf, size_t len,
		      size_t name_at, off_t start, off_t *before)
{
	size_t in = 0, out = 0, last = SIZE_MAX; /* last kept, in the output */
	off_t prev = start;

	*before = start;
	while (in < len) {
		uint16_t reclen;
		const char *name;
		int64_t off;

		if (record(buf, len, in, name_at, &reclen, &off, &name) < 0)
			return -EIO;
		if (notif_list_shows(l, name, strlen(name))) {
			if (out == 0)
				*before = prev;
			if (out != in)
				memmove(buf + out, buf + in, reclen);
			last = out;
			out += reclen;
		} else if (last != SIZE_MAX) {
			memcpy(buf + last + OFF_AT, &off, sizeof(off));
		}
		prev = (off_t)off;
		in += reclen;
	}
	return (ssize_t)out;
}

/*
 * The first records of the LEN bytes in BUF that fit in COUNT bytes, for
 * a batch read in more than COUNT: FD is put back where the kernel would
 * have left it, after the last record returned, or (none fits: EINVAL, as
 * the kernel answers) before the first one, at BEFORE. Returns the bytes
 * that fit, or -EINVAL.
 */
static ssize_t fit(int fd, const char *buf, size_t len, size_t count,
		   off_t before)
{
	size_t at = 0;
	off_t off = before;

	for (;;) {
		uint16_t reclen;
		int64_t d_off;

		memcpy(&reclen, buf + at + RECLEN_AT, sizeof(reclen));
		if (at + reclen > count)
			break;
		memcpy(&d_off, buf + at + OFF_AT, sizeof(d_off));
		off = (off_t)d_off;
		at += reclen;
		if (at == len)
			return (ssize_t)at; /* all of it: no going back */
	}
	if (lseek(fd, off, SEEK_SET) < 0)
		return -EINVAL;
	return at ? (ssize_t)at : -EINVAL;
}

/*
 * FD stands at POS, after the last record returned; the entry there may be
 * hidden, and POS (its position: on ext4 its name's hash) would tell it
 * is there, as the returned record's d_off and as the caller's file
 * position. Look ahead: past every hidden entry at POS, to the position
 * of the next one shown or the end, and leave FD there. Returns that
 * position (POS when nothing is hidden there, or on a read error: the
 * call that follows meets it again), or -1 when FD could not be put
 * there (then it may stand on a hidden entry: the listing must fail).
 */
static off_t skip_hidden(int fd, long nr, size_t name_at, struct notif_list *l,
			 off_t pos)
{
	char peek[1024];

	for (;;) {
		ssize_t got = syscall(nr, fd, peek, sizeof(peek));
		size_t at = 0;

		if (got <= 0)
			break;
		while (at < (size_t)got) {
			uint16_t reclen;
			int64_t off;
			const char *name;

			if (record(peek, (size_t)got, at, name_at, &reclen,
				   &off, &name) < 0 ||
			    notif_list_shows(l, name, strlen(name)))
				goto out;
			pos = (off_t)off;
			at += reclen;
		}
	}
out:
	return lseek(fd, pos, SEEK_SET) < 0 ? -1 : pos;
}

/* The offset of the last of the LEN bytes of records in BUF. */
static size_t last_record(const char *buf, size_t len)
{
	size_t at = 0, last = 0;

	while (at < len) {
		uint16_t reclen;

		memcpy(&reclen, buf + at + RECLEN_AT, sizeof(reclen));
		last = at;
		at += reclen;
	}
	return last;
}

/*
 * getdents64(2), getdents(2). The directory is read through the caller's
 * own open file, borrowed with pidfd_getfd(2): its file position is the
 * caller's, moved as the kernel would move it, and what was opened (and
 * decided at the open) is what is read. A batch whose every entry is
 * hidden is not returned as the end of the directory (0): the next one is
 * read. The kernel's own answers (EBADF, ENOTDIR) come from the same call
 * made by syd, with the caller's count, so no more than that is ever
 * written; when the next entry does not fit in it (EINVAL), a bigger
 * batch is read, as that entry may be hidden, and what does not fit
 * after the hidden ones are left out is given back with lseek(2).
 */
static long do_getdents(struct notif *n, const char *sys, long nr,
			size_t name_at)
{
	char buf[LIST_BATCH];
	unsigned int count = (unsigned int)notif_arg(n, 2);
	uint64_t dirp = notif_arg(n, 1);
	size_t want = count < sizeof(buf) ? count : sizeof(buf);
	struct notif_list l;
	RESOLVED(r);
	ssize_t got, kept;
	off_t start, before;
	int fd, err;

	fd = tracee_getfd(n->req->pid, notif_fd_arg(n, 0));
	/* R owns FD from here; its path is the open directory's name. */
	err = fd < 0 ? fd : resolve_own_fd(fd, &r);
	if (err < 0)
		return err; /* EBADF, ESRCH, ENAMETOOLONG... */
	for (;;) {
		/* Where this batch starts, for a write back that fails. */
		start = lseek(r.fd, 0, SEEK_CUR);
		got = syscall(nr, r.fd, buf, want);
		if (got < 0 && errno == EINVAL && want < sizeof(buf) &&
		    start >= 0)
			got = syscall(nr, r.fd, buf, sizeof(buf));
		if (got <= 0) {
			kept = got < 0 ? -errno : 0;
			break;
		}
		err = notif_list_begin(n, sys, r.path, &l);
		if (err < 0) {
			kept = err;
			break;
		}
		kept = filter(&l, buf, (size_t)got, name_at, start, &before);
		if (kept > 0 && (size_t)got > want)
			kept = fit(r.fd, buf, (size_t)kept, want, before);
		if (kept > 0) {
			size_t last = last_record(buf, (size_t)kept);
			int64_t off, pos;

			memcpy(&off, buf + last + OFF_AT, sizeof(off));
			/* FD is after the records read: back to OFF first. */
			pos = lseek(r.fd, (off_t)off, SEEK_SET) < 0
				      ? -1
				      : skip_hidden(r.fd, nr, name_at, &l,
						    (off_t)off);
			/*
			 * Fail closed: a position not put past the hidden
			 * entries could name one (never on a working kernel).
			 */
			if (pos < 0)
				kept = -EIO;
			else
				memcpy(buf + last + OFF_AT, &pos, sizeof(pos));
		}
		notif_list_end(&l);
		if (kept != 0)
			break;
		/* All hidden: on to the next batch, unless the caller left. */
		if (notify_id_valid(n->listener, n->req->id) < 0) {
			kept = -ESRCH;
			break;
		}
	}
	if (kept > 0) {
		err = tracee_write(n->req->pid, dirp, buf, (size_t)kept);
		if (err < 0) {
			/*
			 * The kernel leaves the position before an entry it
			 * could not copy out: so does the caller's retry here.
			 */
			if (start >= 0)
				lseek(r.fd, start, SEEK_SET);
			kept = err == -ESRCH ? -ESRCH : -EFAULT;
		}
	}
	return kept;
}

long hook_getdents64(struct notif *n)
{
	return do_getdents(n, "getdents64", SYS_getdents64, NAME64_AT);
}

#ifdef SYS_getdents
long hook_getdents(struct notif *n)
{
	return do_getdents(n, "getdents", SYS_getdents, NAME_AT);
}
#else
long hook_getdents(struct notif *n)
{
	(void)n;
	return -ENOSYS; /* not hooked where the call does not exist */
}
#endif

/*
 * getcwd(2): a cwd under a hidden name (the sandbox started there, or a
 * directory was moved there from outside: chdir and fchdir cannot enter
 * one) is not named: ENOENT, the kernel's answer for a cwd that was
 * removed. Otherwise the call continues, and the kernel writes the name,
 * relative to the caller's root as only it knows it. Continuing is safe:
 * nothing is granted, and the name can change meanwhile only by a chdir
 * or fchdir of a thread sharing the cwd (decided: never into a hidden
 * name), by a rename of the cwd or a directory above it (a name the
 * sandbox made, not one it could not know) or from outside.
 */
long hook_getcwd(struct notif *n)
{
	char name[PATH_MAX];
	int err = resolve_fd_name(n->req->pid, AT_FDCWD, name);

	if (err < 0)
		return err;
	if (notify_id_valid(n->listener, n->req->id) < 0)
		return -ESRCH;
	/* A cwd with no name in syd's root has nothing a rule could name. */
	if (err == 0) {
		err = notif_check(n, "getcwd", name, 0);
		if (err < 0)
			return err;
	}
	return HOOK_CONTINUE;
}
