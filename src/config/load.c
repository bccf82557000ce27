/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Where commands come from: -m arguments, .syd-3 files with their includes,
 * and built-in profiles. A line loses its comment and surrounding space, is
 * split into key, operator and value, has its variables expanded, and goes
 * to the handler of its row of the command table. The first error ends the
 * load, with a message naming its place (the -m argument, FILE:LINE or
 * profile NAME:LINE) and the line as written. A file is read whole from one
 * fd, bounded (FILE_MAX, LINE_MAX_LEN), and include loops are found by
 * device and inode, not by name.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/internal.h"

/* Longest configuration file accepted, and longest line. */
#define FILE_MAX     (1u << 20)
#define LINE_MAX_LEN 8192

/* ------------------------------------------------------------------ */
/* Lines, files, profiles.                                            */

static int load_file(struct config *c, const char *path, struct ctx *x,
		     struct config_err *err);
static int load_profile(struct config *c, const char *name, struct ctx *x,
			struct config_err *err);

static void echo(struct config *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void echo(struct config *c, const char *fmt, ...)
{
	struct strbuf b = { 0 };
	va_list ap;

	if (!c->echo)
		return;
	va_start(ap, fmt);
	strbuf_vprintf(&b, fmt, ap);
	va_end(ap);
	c->echo(c->echo_arg, strbuf_str(&b));
	strbuf_fini(&b);
}

static int expand(struct ctx *x, const char *in, struct strbuf *out)
{
	char why[512];
	int err;

	if (x->sb->expand_timeout == 0) {
		strbuf_puts(out, in);
		return strbuf_failed(out) ? oom(x) : 0;
	}
	err = config_expand(in, out, why, sizeof(why));
	if (err < 0)
		return err == -ENOMEM ? oom(x) : fail(x, -EINVAL, "%s", why);
	return 0;
}

/* Apply one line, already stripped of comments and surrounding space. */
static int apply(struct config *c, const struct where *w, const char *line,
		 struct config_err *err)
{
	struct ctx x = { c, c->sb, err, w, line };
	struct strbuf val = { 0 };
	struct lex_line l;
	const struct cmd *cmd;
	const char *sub = "";
	char why[1024];
	int ret;

	ret = lex_line(line, &l, why, sizeof(why));
	if (ret < 0)
		return fail(&x, ret, "%s", why);
	if (l.kind != LEX_COMMAND) {
		bool prof = l.kind == LEX_INCLUDE_PROFILE;

		ret = expand(&x, l.arg, &val);
		if (ret == 0)
			ret = prof ? load_profile(c, strbuf_str(&val), &x, err)
				   : load_file(c, strbuf_str(&val), &x, err);
		strbuf_fini(&val);
		return ret;
	}
	ret = cmd_lookup(l.key, l.op, &cmd, &sub, why, sizeof(why));
	if (ret < 0)
		return fail(&x, ret, "%s", why);
	ret = expand(&x, l.arg, &val);
	if (ret == 0)
		ret = cmd->fn(&x, sub, l.op, strbuf_str(&val));
	if (ret == 0 && l.op)
		echo(c, "%s%c%s", l.key, l.op, strbuf_str(&val));
	else if (ret == 0)
		echo(c, "%s", l.key);
	strbuf_fini(&val);
	return ret;
}

static int apply_text(struct config *c, struct where *w, const char *text,
		      size_t len, struct config_err *err)
{
	const char *p = text, *end = text + len;
	char *line;
	int ret = 0;

	line = malloc(LINE_MAX_LEN + 1);
	if (!line) {
		return fail_plain(err, -ENOMEM, "out of memory");
	}
	w->line = 0;
	while (p < end && ret == 0) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char *s;

		w->line++;
		if (n > LINE_MAX_LEN) {
			struct ctx x = { c, c->sb, err, w, "..." };

			ret = fail(&x, -EINVAL,
				   "line too long (at most %u bytes)",
				   LINE_MAX_LEN);
			break;
		}
		memcpy(line, p, n);
		line[n] = '\0';
		p += n + (nl ? 1 : 0);
		s = lex_strip(line);
		if (*s)
			ret = apply(c, w, s, err);
	}
	free(line);
	return ret;
}

static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

/*
 * Read PATH (resolved against the including file's directory) and apply it.
 * X is the context of the including line, or NULL for -P.
 */
static int load_file(struct config *c, const char *path, struct ctx *x,
		     struct config_err *err)
{
	struct where w = { SRC_FILE, NULL, 0, NULL };
	struct ctx top = { c, c->sb, err,
			   &(struct where){ SRC_ARG, NULL, 0, NULL }, path };
	char *full = NULL, *buf = NULL, *dir = NULL, *slash;
	struct stat st;
	ssize_t n;
	size_t len = 0;
	int fd = -1, ret;

	if (!x) {
		/* Messages about a -P argument itself. */
		x = &top;
	}
	if (!has_suffix(path, ".syd-3")) {
		if (x == &top) {
			return fail_plain(err, -EINVAL,
					  "-P '%s': configuration files must "
					  "end in .syd-3",
					  path);
		}
		return fail(x, -EINVAL,
			    "configuration files must end in .syd-3");
	}
	if (path[0] != '/' && x->w->kind == SRC_FILE && x->w->dir) {
		if (asprintf(&full, "%s/%s", x->w->dir, path) < 0)
			return oom(x);
	} else {
		full = strdup(path);
		if (!full)
			return oom(x);
	}
	fd = open(full, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0 || fstat(fd, &st) < 0) {
		int e = errno;

		if (x == &top) {
			ret = fail_plain(err, -EINVAL,
					 "-P '%s': cannot open: %s", path,
					 strerror(e));
		} else {
			ret = fail(x, -EINVAL, "cannot open %s: %s", full,
				   strerror(e));
		}
		goto out;
	}
	if (!S_ISREG(st.st_mode) || st.st_size > FILE_MAX) {
		ret = fail(x, -EINVAL, "%s: %s", full,
			   S_ISREG(st.st_mode)
				   ? "file too large (at most 1 MiB)"
				   : "not a regular file");
		goto out;
	}
	for (unsigned i = 0; i < c->depth; i++) {
		if (c->stack[i].dev == st.st_dev &&
		    c->stack[i].ino == st.st_ino && !c->stack[i].profile) {
			ret = fail(x, -ELOOP,
				   "include loop: %s is already "
				   "being read",
				   full);
			goto out;
		}
	}
	if (c->depth == ARRAY_SIZE(c->stack)) {
		ret = fail(x, -ELOOP,
			   "includes nested too deeply (at most %zu)",
			   ARRAY_SIZE(c->stack));
		goto out;
	}
	buf = malloc((size_t)st.st_size + 1);
	if (!buf) {
		ret = oom(x);
		goto out;
	}
	while (len < (size_t)st.st_size) {
		n = read(fd, buf + len, (size_t)st.st_size - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			ret = fail(x, -EINVAL, "cannot read %s: %s", full,
				   strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	if (memchr(buf, '\0', len)) {
		ret = fail(x, -EINVAL, "%s: NUL byte in configuration file",
			   full);
		goto out;
	}
	c->stack[c->depth].dev = st.st_dev;
	c->stack[c->depth].ino = st.st_ino;
	c->stack[c->depth].profile = NULL;
	c->depth++;
	w.name = full;
	dir = strdup(full);
	if (!dir) {
		c->depth--;
		ret = oom(x);
		goto out;
	}
	slash = strrchr(dir, '/');
	if (slash) {
		slash[slash == dir ? 1 : 0] = '\0';
		w.dir = dir;
	}
	ret = apply_text(c, &w, buf, len, err);
	c->depth--;
out:
	if (fd >= 0)
		close(fd);
	free(buf);
	free(dir);
	free(full);
	return ret;
}

static int load_profile(struct config *c, const char *name, struct ctx *x,
			struct config_err *err)
{
	struct where w = { SRC_PROFILE, name, 0, NULL };
	const struct profile *p = profile_find(name);

	if (!p)
		return fail(x, -EINVAL,
			    "unknown profile '%s' (syd-cat -p list shows them)",
			    name);
	for (unsigned i = 0; i < c->depth; i++)
		if (c->stack[i].profile && !strcmp(c->stack[i].profile, name))
			return fail(x, -ELOOP,
				    "profile loop: %s includes itself", name);
	if (c->depth == ARRAY_SIZE(c->stack))
		return fail(x, -ELOOP, "includes nested too deeply");
	c->stack[c->depth].profile = p->name;
	c->depth++;
	echo(c, "# profile %s", p->name);
	{
		int ret = apply_text(c, &w, p->text, strlen(p->text), err);

		c->depth--;
		return ret;
	}
}

int cmd_load(struct ctx *x, const char *sub, char op, const char *val)
{
	struct where w = { SRC_FILE, NULL, 0, NULL };
	const char *num = op == '!' ? val : sub;
	char name[32], *buf;
	uint64_t fd;
	size_t len = 0;
	int ret = 0;

	if (parse_u64(num, 10, INT32_MAX, &fd) < 0)
		return fail(x, -EINVAL, "expected load/FD, FD a number");
	buf = malloc(FILE_MAX + 1);
	if (!buf)
		return oom(x);
	/* The fd syd was given, read to its end, as a file is. */
	while (ret == 0 && len <= FILE_MAX) {
		ssize_t n = read((int)fd, buf + len, FILE_MAX + 1 - len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			ret = n < 0 ? fail(x, -EINVAL, "cannot read fd %d: %s",
					   (int)fd, strerror(errno))
				    : 1;
			break;
		}
		len += (size_t)n;
	}
	if (ret == 0)
		ret = fail(x, -EINVAL, "fd %d: more than 1 MiB", (int)fd);
	else if (ret == 1 && memchr(buf, '\0', len))
		ret = fail(x, -EINVAL, "fd %d: NUL byte", (int)fd);
	else if (ret == 1) {
		snprintf(name, sizeof(name), "load/%d", (int)fd);
		w.name = name;
		ret = apply_text(x->c, &w, buf, len, x->err);
	}
	free(buf);
	return ret;
}

void config_init(struct config *c, struct sandbox *sb)
{
	memset(c, 0, sizeof(*c));
	c->sb = sb;
}

int config_apply_arg(struct config *c, const char *text, struct config_err *err)
{
	struct where w = { SRC_ARG, NULL, 0, NULL };
	struct ctx x = { c, c->sb, err, &w, text };
	const char *s = text + strspn(text, " \t");

	if (strchr(text, '\n'))
		return fail(&x, -EINVAL,
			    "one command per -m: newline not allowed");
	if (!*s || *s == '#')
		return fail(&x, -EINVAL, "empty command");
	return apply(c, &w, text, err);
}

int config_load_file(struct config *c, const char *path, struct config_err *err)
{
	return load_file(c, path, NULL, err);
}

int config_load_profile(struct config *c, const char *name,
			struct config_err *err)
{
	struct where w = { SRC_ARG, NULL, 0, NULL };
	struct ctx x = { c, c->sb, err, &w, name };
	const struct profile *p = profile_find(name);

	if (!p) {
		return fail_plain(err, -EINVAL,
				  "-p '%s': unknown profile (syd-cat -p list "
				  "shows them)",
				  name);
	}
	return load_profile(c, name, &x, err);
}
