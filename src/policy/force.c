/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Force rules: parsing, lookup, decision (pure), and force_check(), which
 * hashes the object it is given and decides. A rule names a path exactly:
 * Syd's Integrity Force map maps paths to digests, one per file (what
 * syd-path(1) writes), and a digest belongs to one file, not to a pattern.
 *
 * Every check hashes the file again: no verdict is cached by the file's
 * identity (dev, ino, size, mtime, ctime). Writes through a shared mapping
 * bump mtime and ctime only at the write fault that dirties a page, so a
 * page already dirty can be changed again, unmapped, and the file run,
 * with every one of those fields as it was when the verdict was cached.
 */
#include "policy/force.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kernel/procfs.h"

/* The algorithm Force's tips use for a file no rule names. */
#define TIP_ALG "sha256"

__attribute__((format(printf, 3, 4))) static int
why_fail(char *why, size_t whylen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, whylen, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

static bool all_hex(const char *s)
{
	return *s && strspn(s, "0123456789abcdefABCDEF") == strlen(s);
}

/*
 * A path a rule can match: exec decides on the canonical path, so one
 * with "." or ".." components, "//" or a trailing "/" would never match.
 */
static bool canonical_path(const char *p)
{
	if (p[0] != '/' || (p[1] && p[strlen(p) - 1] == '/'))
		return false;
	for (const char *c = p; *c; c++) {
		if (*c != '/')
			continue;
		if (c[1] == '/' || (c[1] == '.' && (c[2] == '/' || !c[2])) ||
		    (c[1] == '.' && c[2] == '.' && (c[3] == '/' || !c[3])))
			return false;
	}
	return true;
}

/* Why the kernel cannot hash with ALG, for a config error. */
static int alg_fail(char *why, size_t whylen, const char *alg, int err)
{
	switch (err) {
	case -ENOENT:
		return why_fail(why, whylen,
				"hash algorithm '%s' is unknown to the kernel "
				"crypto API (see /proc/crypto: sha256, sha512, "
				"sha3-512, blake2b-256, ...)",
				alg);
	case -EAFNOSUPPORT:
		return why_fail(
			why, whylen,
			"hash algorithm '%s' needs the kernel crypto API"
			" (AF_ALG), which this kernel lacks; without it "
			"syd hashes sha224, sha256, sha384 and sha512",
			alg);
	case -ENAMETOOLONG:
		return why_fail(
			why, whylen,
			"hash algorithm name too long (at most %d bytes)",
			HASH_ALG_MAX - 1);
	default:
		return why_fail(why, whylen,
				"hash algorithm '%s' cannot be used: %s", alg,
				strerror(-err));
	}
}

int force_parse(const char *val, int (*digest_size)(const char *alg),
		struct force_entry *e, char *why, size_t whylen)
{
	const char *usage = "expected force+PATH:ALG:HEX[:ACTION]";
	char *copy, *f[3], *last;
	enum action act = ACTION_KILL;
	int size, err = -EINVAL;

	memset(e, 0, sizeof(*e));
	copy = strdup(val);
	if (!copy)
		return -ENOMEM;
	/* An action is never hex ("deny", "kill"...): the last field tells. */
	last = strrchr(copy, ':');
	if (last && action_from_name(last + 1, strlen(last + 1), &act) == 0) {
		if (act == ACTION_ALLOW) {
			err = why_fail(why, whylen,
				       "force action 'allow' would let any "
				       "content run: use warn, filter, deny, "
				       "panic, stop, abort, kill or exit");
			goto out;
		}
		*last = '\0';
	} else if (last && !all_hex(last + 1) && last > copy) {
		/* "...:HEX:BOGUS" is a bad action, "...:ALG:BOGUS" bad hex */
		char *prev = last - 1;

		while (prev > copy && *prev != ':')
			prev--;
		*last = '\0';
		if (*prev == ':' && all_hex(prev + 1) &&
		    strchr(copy, ':') != prev) {
			err = why_fail(why, whylen,
				       "unknown force action '%s' (expected "
				       "warn, filter, deny, panic, stop, abort,"
				       " kill or exit)",
				       last + 1);
			goto out;
		}
		*last = ':';
	}
	for (int i = 0; i < 2; i++) {
		char *colon = strrchr(copy, ':');

		if (!colon) {
			err = why_fail(why, whylen, "%s", usage);
			goto out;
		}
		*colon = '\0';
		f[i] = colon + 1;
	}
	f[2] = copy; /* f[0] = HEX, f[1] = ALG, f[2] = PATH */
	if (!canonical_path(f[2])) {
		err = why_fail(why, whylen,
			       "force path '%s' must be absolute and "
			       "canonical (no '.', '..', '//' or trailing "
			       "'/'): it is matched exactly",
			       f[2]);
		goto out;
	}
	size = digest_size(f[1]);
	if (size <= 0) {
		err = alg_fail(why, whylen, f[1], size < 0 ? size : -EINVAL);
		goto out;
	}
	if (!all_hex(f[0]) || strlen(f[0]) != 2 * (size_t)size) {
		err = why_fail(why, whylen,
			       "bad %s digest '%s': expected %d hex digits",
			       f[1], f[0], 2 * size);
		goto out;
	}
	for (char *p = f[0]; *p; p++)
		if (*p >= 'A' && *p <= 'F')
			*p = (char)(*p - 'A' + 'a');
	e->act = act;
	e->path = strdup(f[2]);
	e->alg = strdup(f[1]);
	e->hex = strdup(f[0]);
	err = e->path && e->alg && e->hex ? 0 : -ENOMEM;
	if (err < 0)
		force_entry_fini(e);
out:
	free(copy);
	return err;
}

void force_entry_fini(struct force_entry *e)
{
	free(e->path);
	free(e->alg);
	free(e->hex);
	e->path = e->alg = e->hex = NULL;
}

const struct force_entry *force_find(const struct vec *forces, const char *path)
{
	for (size_t i = forces->n; i-- > 0;) {
		const struct force_entry *e = vec_at(forces, i);

		if (!strcmp(e->path, path))
			return e;
	}
	return NULL;
}

enum action force_decide(const struct force_entry *e, enum action dflt,
			 const char *hex)
{
	if (!e)
		return dflt;
	if (!hex)
		return action_allows(e->act) ? ACTION_DENY : e->act;
	return strcmp(e->hex, hex) ? e->act : ACTION_ALLOW;
}

/* Hash FD's object with ALG into HEX. Returns 0 or -errno. */
static int hash_object(int fd, const char *alg, char *hex)
{
	unsigned char d[HASH_DIGEST_MAX];
	struct fdpath fp;
	struct stat st;
	int rfd AUTO_FD = -1;
	int n;

	/* Only a regular file runs; a FIFO must not block us at open. */
	if (fstat(fd, &st) < 0)
		return -errno;
	if (!S_ISREG(st.st_mode))
		return -EACCES;
	/*
	 * The same inode, opened for reading by syd: the magic link goes to
	 * the object FD holds, whatever its path names now.
	 */
	rfd = open(fdpath(&fp, fd),
		   O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (rfd < 0)
		return -errno;
	n = hash_fd(alg, rfd, d);
	if (n < 0)
		return n;
	hash_hex(d, (size_t)n, hex);
	return 0;
}

int force_check(struct sandbox *sb, const char *path, int fd, enum action *act,
		char *tip, size_t tiplen)
{
	char alg[HASH_ALG_MAX], want[2 * HASH_DIGEST_MAX + 1];
	char hex[2 * HASH_DIGEST_MAX + 1];
	struct force_entry rule = { .alg = alg, .hex = want };
	const struct force_entry *e;
	enum action dflt;
	bool on, readable = true;
	int err;

	if (tip && tiplen)
		tip[0] = '\0';
	/* Copied out under the lock: the hash below may take long. */
	sandbox_rdlock(sb);
	on = sandbox_enabled(sb, CAT_FORCE);
	dflt = sb->dflt[CAT_FORCE];
	e = on ? force_find(&sb->forces, path) : NULL;
	if (e) {
		readable = strlen(e->alg) < sizeof(alg) &&
			   strlen(e->hex) < sizeof(want);
		if (readable) {
			memcpy(alg, e->alg, strlen(e->alg) + 1);
			memcpy(want, e->hex, strlen(e->hex) + 1);
			rule.act = e->act;
		}
	}
	sandbox_unlock(sb);
	if (!on) {
		*act = ACTION_ALLOW;
		return 0;
	}
	if (!e) {
		*act = force_decide(NULL, dflt, NULL);
		/* a tip costs a hash: only for what is logged */
		if (*act != ACTION_ALLOW && *act != ACTION_FILTER && tip &&
		    hash_object(fd, TIP_ALG, hex) == 0)
			snprintf(tip, tiplen, "force+%s:%s:%s", path, TIP_ALG,
				 hex);
		return 0;
	}
	/* a rule not made by force_parse() cannot be checked: refused */
	err = readable ? hash_object(fd, alg, hex) : -EINVAL;
	*act = force_decide(&rule, dflt, err < 0 ? NULL : hex);
	if (err == 0 && *act != ACTION_ALLOW && tip)
		snprintf(tip, tiplen, "force+%s:%s:%s", path, alg, hex);
	return err;
}
