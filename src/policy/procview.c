/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Filtering the /proc files that name paths (see procview.h): each format
 * read as the kernel writes it (fs/proc/task_mmu.c, fs/proc_namespace.c,
 * net/unix/af_unix.c, mm/swapfile.c), each name decided as the kernel's
 * escaping let it through and as it read before, so that a name which
 * cannot be told for certain is hidden rather than shown.
 */
#include "policy/procview.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* How a format escapes the names it prints. */
enum escape {
	/*
	 * "\ooo" for some bytes, the backslash among them: one reading
	 * (mountinfo, mounts, mountstats, swaps: " \t\n\\").
	 */
	ESCAPE_OCTAL,
	/*
	 * "\ooo" for some bytes, but not the backslash (maps: "\n";
	 * numa_maps: "\n\t= "): a name may hold "\012" as text, so both
	 * readings are decided.
	 */
	ESCAPE_AMBIGUOUS,
	ESCAPE_NONE, /* net/unix prints the bytes as they are */
};

struct filter {
	procview_hidden_fn *hidden;
	void *ctx;
	char *out;
	size_t o;
};

static bool is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	       (c >= 'A' && c <= 'F');
}

static bool is_octal(char c)
{
	return c >= '0' && c <= '7';
}

/*
 * S (N bytes) with each "\ooo" made the byte it stands for, into BUF
 * (PATH_MAX bytes), NUL-terminated, *LEN its length. False when it does
 * not fit, or holds a NUL: no name the kernel prints does.
 */
static bool unescape(const char *s, size_t n, char *buf, size_t *len)
{
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (c == '\\' && n - i >= 4 && s[i + 1] >= '0' &&
		    s[i + 1] <= '3' && is_octal(s[i + 2]) &&
		    is_octal(s[i + 3])) {
			c = (char)(((s[i + 1] - '0') << 6) |
				   ((s[i + 2] - '0') << 3) | (s[i + 3] - '0'));
			i += 3;
		}
		if (c == '\0' || o + 1 >= PATH_MAX)
			return false;
		buf[o++] = c;
	}
	buf[o] = '\0';
	*len = o;
	return true;
}

/*
 * Is the name in BUF (LEN bytes) hidden, as it is or without the
 * " (deleted)" the kernel adds to the name of an object unlinked since
 * (a file may also be called that)?
 */
static bool decide(struct filter *f, char *buf, size_t len)
{
	static const char deleted[] = " (deleted)";
	const size_t dlen = sizeof(deleted) - 1;

	if (f->hidden(f->ctx, buf, len))
		return true;
	if (len > dlen && !memcmp(buf + len - dlen, deleted, dlen)) {
		buf[len - dlen] = '\0';
		return f->hidden(f->ctx, buf, len - dlen);
	}
	return false;
}

/* Is the name S (N bytes, escaped as ESC) hidden? Fails closed. */
static bool name_hidden(struct filter *f, const char *s, size_t n,
			enum escape esc)
{
	char buf[PATH_MAX];
	size_t len;

	if (esc != ESCAPE_NONE) {
		if (!unescape(s, n, buf, &len) || decide(f, buf, len))
			return true;
		if (esc == ESCAPE_OCTAL)
			return false;
	}
	/* The name as printed: ambiguous escaping, or none. */
	if (n >= sizeof(buf) || memchr(s, '\0', n))
		return true;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return decide(f, buf, n);
}

static void emit(struct filter *f, const char *p, size_t n)
{
	memmove(f->out + f->o, p, n);
	f->o += n;
}

/* The line at IN + *AT (up to LEN): its length without '\n'; *AT past it. */
static size_t next_line(const char *in, size_t len, size_t *at, bool *nl)
{
	const char *p = in + *at;
	const char *e = memchr(p, '\n', len - *at);
	size_t n = e ? (size_t)(e - p) : len - *at;

	*nl = e != NULL;
	*at += n + (*nl ? 1 : 0);
	return n;
}

/* The end of the field at P (up to E): the next space or tab. */
static const char *field_end(const char *p, const char *e)
{
	while (p < e && *p != ' ' && *p != '\t')
		p++;
	return p;
}

/* Past the field at P and the spaces after it. */
static const char *next_field(const char *p, const char *e)
{
	p = field_end(p, e);
	while (p < e && *p == ' ')
		p++;
	return p;
}

/* "HEX-HEX ": a mapping's line of maps and smaps (smaps' others: "Key:"). */
static bool is_map_header(const char *p, const char *e)
{
	const char *q = p;

	while (q < e && is_hex(*q))
		q++;
	if (q == p || q == e || *q != '-')
		return false;
	p = ++q;
	while (q < e && is_hex(*q))
		q++;
	return q > p && q < e && *q == ' ';
}

/*
 * maps, smaps: "START-END PERMS OFFSET DEV INODE", then, padded, the name
 * of what is mapped. A hidden path is blanked and the line kept, as for
 * an anonymous mapping: programs read the address layout from it.
 */
static void maps_line(struct filter *f, const char *p, size_t n, bool nl)
{
	const char *e = p + n, *q = p, *name;

	if (!is_map_header(p, e)) {
		emit(f, p, n + nl);
		return;
	}
	for (int i = 0; i < 5 && q < e; i++)
		q = field_end(q, e) + 1;
	if (q > e)
		q = e;
	name = q;
	while (name < e && *name == ' ')
		name++;
	if (name == e || *name != '/' ||
	    !name_hidden(f, name, (size_t)(e - name), ESCAPE_AMBIGUOUS)) {
		emit(f, p, n + nl);
		return;
	}
	emit(f, p, (size_t)(q - p)); /* "... INODE " */
	if (nl)
		emit(f, "\n", 1);
}

/* numa_maps: "START POLICY file=PATH ...": the file= field left out. */
static void numa_line(struct filter *f, const char *p, size_t n, bool nl)
{
	const char *e = p + n, *q = p, *name, *end;

	for (; q + 6 <= e; q++)
		if (!memcmp(q, " file=", 6))
			break;
	if (q + 6 > e) {
		emit(f, p, n + nl);
		return;
	}
	name = q + 6;
	end = field_end(name, e);
	if (!name_hidden(f, name, (size_t)(end - name), ESCAPE_AMBIGUOUS)) {
		emit(f, p, n + nl);
		return;
	}
	emit(f, p, (size_t)(q - p));
	emit(f, end, (size_t)(e - end) + nl);
}

/* mounts: "SOURCE MOUNTPOINT TYPE OPTIONS 0 0". */
static void mounts_line(struct filter *f, const char *p, size_t n, bool nl)
{
	const char *e = p + n, *mp = next_field(p, e);

	if (!name_hidden(f, mp, (size_t)(field_end(mp, e) - mp), ESCAPE_OCTAL))
		emit(f, p, n + nl);
}

/*
 * mountstats: "device SOURCE mounted on MOUNTPOINT with fstype ...", then
 * lines of statistics (NFS) up to the next "device": dropped with it. A
 * "device" line that does not read so is dropped (fail closed).
 */
static void mountstats_line(struct filter *f, const char *p, size_t n, bool nl,
			    bool *dropping)
{
	const char *e = p + n, *q;

	if (n >= 7 && !memcmp(p, "device ", 7)) {
		q = field_end(p + 7, e);
		*dropping = true;
		if (e - q > 12 && !memcmp(q, " mounted on ", 12)) {
			q += 12;
			*dropping =
				name_hidden(f, q, (size_t)(field_end(q, e) - q),
					    ESCAPE_OCTAL);
		}
	}
	if (!*dropping)
		emit(f, p, n + nl);
}

/* swaps: "NAME TYPE SIZE USED PRIORITY" under a header line. */
static void swaps_line(struct filter *f, const char *p, size_t n, bool nl,
		       bool first)
{
	if (first ||
	    !name_hidden(f, p, (size_t)(field_end(p, p + n) - p), ESCAPE_OCTAL))
		emit(f, p, n + nl);
}

/* Skip COUNT hex digits at *P (before E) and one space after. */
static bool hex_field(const char **p, const char *e, int count)
{
	for (int i = 0; i < count; i++, (*p)++)
		if (*p >= e || !is_hex(**p))
			return false;
	if (*p >= e || **p != ' ')
		return false;
	(*p)++;
	return true;
}

/*
 * A record of net/unix at P (N bytes): "KEY: REFS PROTO FLAGS TYPE ST
 * INODE", then " PATH" for a bound socket. Returns the length up to the
 * inode's last digit, or 0 when P is no record: then it is the header,
 * or the rest of a name with a newline in it.
 */
static size_t unix_record(const char *p, size_t n)
{
	static const int widths[] = { 8, 8, 8, 4, 2 };
	const char *e = p + n, *q = p;

	while (q < e && is_hex(*q))
		q++;
	if (q == p || e - q < 2 || q[0] != ':' || q[1] != ' ')
		return 0;
	q += 2;
	for (size_t i = 0; i < sizeof(widths) / sizeof(widths[0]); i++)
		if (!hex_field(&q, e, widths[i]))
			return 0;
	while (q < e && *q == ' ')
		q++;
	if (q == e || *q < '0' || *q > '9')
		return 0;
	while (q < e && *q >= '0' && *q <= '9')
		q++;
	if (q < e && *q != ' ')
		return 0;
	return (size_t)(q - p);
}

/*
 * net/unix, whose names are printed as they are: a name with a newline
 * goes on over the lines that follow until the next record. The path of
 * a hidden socket is blanked, as for one not bound; an abstract name
 * ("@...") is no path. A name not absolute may be hidden too: it names
 * what it did in the directory of the process that bound it, which this
 * text does not tell.
 */
static void filter_unix(struct filter *f, const char *in, size_t len)
{
	size_t at = 0;
	bool nl, records = false;

	while (at < len) {
		const char *p = in + at;
		size_t n = next_line(in, len, &at, &nl);
		size_t fixed = unix_record(p, n), end = n + nl, nend;

		if (!fixed) {
			/* after a record, only the rest of its name comes */
			if (!records)
				emit(f, p, n + nl);
			continue;
		}
		records = true;
		while (at < len) {
			size_t next = at, m;
			bool nl2;

			m = next_line(in, len, &next, &nl2);
			if (unix_record(in + at, m))
				break;
			at = next;
			end = (size_t)(in + at - p);
		}
		/* the name: after "INODE ", without the last newline */
		nend = end - (p[end - 1] == '\n' ? 1 : 0);
		if (nend <= fixed + 1 || p[fixed + 1] == '@' ||
		    !name_hidden(f, p + fixed + 1, nend - fixed - 1,
				 ESCAPE_NONE)) {
			emit(f, p, end);
			continue;
		}
		emit(f, p, fixed);
		if (p[end - 1] == '\n')
			emit(f, "\n", 1);
	}
}

/* One mount of mountinfo. */
struct mount {
	const char *line;
	size_t n; /* with its '\n', if any */
	unsigned long id, parent;
	const char *dev, *root, *mp; /* fields 3, 4, 5 */
	size_t dev_n, root_n, mp_n;
	bool drop;
};

static bool mount_parse(struct mount *m)
{
	const char *e = m->line + m->n, *q = m->line;
	char *end;

	m->id = strtoul(q, &end, 10);
	if (end == q || *end != ' ')
		return false;
	q = end + 1;
	m->parent = strtoul(q, &end, 10);
	if (end == q || *end != ' ')
		return false;
	m->dev = end + 1;
	m->dev_n = (size_t)(field_end(m->dev, e) - m->dev);
	m->root = next_field(m->dev, e);
	m->root_n = (size_t)(field_end(m->root, e) - m->root);
	m->mp = next_field(m->root, e);
	m->mp_n = (size_t)(field_end(m->mp, e) - m->mp);
	return m->root_n > 0 && m->mp_n > 0;
}

/*
 * The path in the caller's view of what mount M shows (its root, a
 * directory of its file system): under the mount point of a mount of the
 * whole of that file system (root "/"), when there is one. Hidden when
 * any such path is: a bind mount of a hidden directory elsewhere would
 * name it.
 */
static bool root_hidden(struct filter *f, const struct mount *v, size_t nm,
			const struct mount *m)
{
	char mp[PATH_MAX], root[PATH_MAX], path[PATH_MAX];
	size_t mp_n, root_n;

	if (m->root_n == 1 && m->root[0] == '/')
		return false;
	if (!unescape(m->root, m->root_n, root, &root_n))
		return true;
	for (size_t j = 0; j < nm; j++) {
		const struct mount *w = &v[j];

		if (w->dev_n != m->dev_n || memcmp(w->dev, m->dev, m->dev_n) ||
		    w->root_n != 1 || w->root[0] != '/')
			continue;
		if (!unescape(w->mp, w->mp_n, mp, &mp_n))
			return true;
		if (mp_n == 1)
			mp_n = 0; /* "/" + "/a" is "/a" */
		if (mp_n + root_n >= PATH_MAX)
			return true;
		memcpy(path, mp, mp_n);
		memcpy(path + mp_n, root, root_n + 1);
		if (decide(f, path, mp_n + root_n))
			return true;
	}
	return false;
}

static int by_id(const void *a, const void *b)
{
	const struct mount *x = *(const struct mount *const *)a;
	const struct mount *y = *(const struct mount *const *)b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* The mount with ID, in the NM mounts of IDX sorted by id, or NULL. */
static struct mount *find_id(struct mount **idx, size_t nm, unsigned long id)
{
	size_t lo = 0, hi = nm;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (idx[mid]->id == id)
			return idx[mid];
		if (idx[mid]->id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/*
 * mountinfo: "ID PARENT MAJ:MIN ROOT MOUNTPOINT ...". A mount is dropped
 * when its mount point is hidden (the mounts under it are then too: their
 * mount points are below it) or the directory it shows is (root_hidden());
 * and a mount whose parent, or one of its ancestors, is dropped goes with
 * it, so that what is left is a tree, and no mount claims a parent that
 * is not listed. A line that does not read as a mount is dropped.
 */
static ssize_t filter_mountinfo(struct filter *f, const char *in, size_t len)
{
	struct mount *v, **idx;
	size_t nm = 0, ni = 0, at = 0;
	bool nl, ok;

	for (size_t i = 0; i < len; i++)
		nm += in[i] == '\n';
	nm++;
	v = calloc(nm, sizeof(*v));
	idx = calloc(nm, sizeof(*idx));
	if (!v || !idx) {
		free(v);
		free(idx);
		return -ENOMEM;
	}
	nm = 0;
	while (at < len) {
		struct mount *m = &v[nm];

		m->line = in + at;
		m->n = next_line(in, len, &at, &nl);
		ok = mount_parse(m);
		m->drop = !ok || name_hidden(f, m->mp, m->mp_n, ESCAPE_OCTAL);
		m->n += nl;
		/* a line that is no mount has no id a parent could have */
		if (ok)
			idx[ni++] = m;
		nm++;
	}
	for (size_t i = 0; i < nm; i++)
		if (!v[i].drop)
			v[i].drop = root_hidden(f, v, nm, &v[i]);
	qsort(idx, ni, sizeof(*idx), by_id);
	for (size_t i = 0; i < nm; i++) {
		const struct mount *p = &v[i];

		/* up the parents, at most NM of them (a loop ends there) */
		for (size_t k = 0; k < nm && !v[i].drop; k++) {
			if (p->parent == p->id)
				break;
			p = find_id(idx, ni, p->parent);
			if (!p)
				break; /* the root: its parent is not listed */
			v[i].drop = p->drop;
		}
	}
	for (size_t i = 0; i < nm; i++)
		if (!v[i].drop)
			emit(f, v[i].line, v[i].n);
	free(v);
	free(idx);
	return (ssize_t)f->o;
}

enum procview_kind procview_kind(const char *name, bool top)
{
	static const struct {
		const char *name;
		enum procview_kind kind;
	} pid_files[] = {
		{ "maps", PROCVIEW_MAPS },
		{ "smaps", PROCVIEW_SMAPS },
		{ "numa_maps", PROCVIEW_NUMA_MAPS },
		{ "mountinfo", PROCVIEW_MOUNTINFO },
		{ "mounts", PROCVIEW_MOUNTS },
		{ "mountstats", PROCVIEW_MOUNTSTATS },
		{ "net/unix", PROCVIEW_UNIX },
	};

	if (top)
		return !strcmp(name, "swaps") ? PROCVIEW_SWAPS : PROCVIEW_NONE;
	for (size_t i = 0; i < sizeof(pid_files) / sizeof(pid_files[0]); i++)
		if (!strcmp(name, pid_files[i].name))
			return pid_files[i].kind;
	return PROCVIEW_NONE;
}

ssize_t procview_filter(enum procview_kind kind, const char *in, size_t len,
			char *out, procview_hidden_fn *hidden, void *ctx)
{
	struct filter f = { hidden, ctx, out, 0 };
	size_t at = 0;
	bool nl, dropping = false, first = true;

	if (kind == PROCVIEW_MOUNTINFO)
		return filter_mountinfo(&f, in, len);
	if (kind == PROCVIEW_UNIX) {
		filter_unix(&f, in, len);
		return (ssize_t)f.o;
	}
	while (at < len) {
		const char *p = in + at;
		size_t n = next_line(in, len, &at, &nl);

		switch (kind) {
		case PROCVIEW_MAPS:
		case PROCVIEW_SMAPS:
			maps_line(&f, p, n, nl);
			break;
		case PROCVIEW_NUMA_MAPS:
			numa_line(&f, p, n, nl);
			break;
		case PROCVIEW_MOUNTS:
			mounts_line(&f, p, n, nl);
			break;
		case PROCVIEW_MOUNTSTATS:
			mountstats_line(&f, p, n, nl, &dropping);
			break;
		case PROCVIEW_SWAPS:
			swaps_line(&f, p, n, nl, first);
			break;
		case PROCVIEW_NONE:
		case PROCVIEW_MOUNTINFO:
		case PROCVIEW_UNIX:
			emit(&f, p, n + nl);
			break;
		}
		first = false;
	}
	return (ssize_t)f.o;
}
