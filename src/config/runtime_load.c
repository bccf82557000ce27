/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * load/FD from inside the sandbox (syd(2)): the lines a process hands syd
 * through one of its fds, each judged as a /dev/syd command by
 * config_apply_runtime(), applied all or none. A half-applied policy is
 * one nobody wrote (the allow of a pair without its deny), so the part of
 * the state a run-time command can change is copied first and put back
 * when a line fails. Pure: the caller read the text and holds the lock.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/internal.h"

/* Longest line of a loaded text, as of a .syd-3 file (load.c). */
#define LOAD_LINE_MAX 8192

/*
 * What the commands a loaded text may hold can change (load_row()): the
 * lock, the categories on, the defaults, the rules (ioctl requests by
 * name included) and the force rules. A row added to load_row() that
 * changes anything else must be copied here too.
 */
struct saved {
	enum lock_state lock_state;
	bool lock_set;
	uint64_t enabled;
	enum action dflt[CAT_COUNT];
	struct rule_list rules[CAT_COUNT];
	struct vec forces, ioctl_allow, ioctl_deny;
};

/* The rows of the commands a loaded text may hold. */
static bool load_row(const char *key)
{
	static const char *const rows[] = {
		"lock",	  "stat",    "sandbox/", "default/", "allow/",
		"warn/",  "filter/", "deny/",	 "panic/",   "stop/",
		"abort/", "kill/",   "exit/",	 "force",
	};

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++)
		if (!strcmp(rows[i], key))
			return true;
	return false;
}

static void forces_free(struct vec *v)
{
	for (size_t i = 0; i < v->n; i++) {
		struct force_entry *f = vec_at(v, i);

		free(f->path);
		free(f->alg);
		free(f->hex);
	}
	vec_fini(v);
}

static void saved_free(struct saved *s)
{
	for (int c = 0; c < CAT_COUNT; c++)
		rule_list_clear(&s->rules[c]);
	forces_free(&s->forces);
	vec_fini(&s->ioctl_allow);
	vec_fini(&s->ioctl_deny);
}

static int vec_copy(struct vec *to, const struct vec *from)
{
	for (size_t i = 0; i < from->n; i++)
		if (vec_push(to, vec_at(from, i)) < 0)
			return -ENOMEM;
	return 0;
}

/* A copy of what SB's run-time commands can change, into S. 0 or -ENOMEM. */
static int save(const struct sandbox *sb, struct saved *s)
{
	int err = 0;

	memset(s, 0, sizeof(*s));
	s->forces = VEC_INIT(struct force_entry);
	s->ioctl_allow = s->ioctl_deny = VEC_INIT(uint64_t);
	s->lock_state = sb->lock_state;
	s->lock_set = sb->lock_set;
	s->enabled = sb->enabled;
	memcpy(s->dflt, sb->dflt, sizeof(s->dflt));
	/* Rules again from their text: how each was made. */
	for (int c = 0; c < CAT_COUNT && err == 0; c++) {
		const struct rule_list *l = &sb->rules[c];

		for (size_t i = 0; i < l->n && err == 0; i++) {
			const char *why;

			err = rule_list_add(&s->rules[c], (enum cat)c,
					    l->v[i].act, l->v[i].text, &why);
		}
	}
	for (size_t i = 0; i < sb->forces.n && err == 0; i++) {
		const struct force_entry *f = vec_at(&sb->forces, i);
		struct force_entry e = { strdup(f->path), strdup(f->alg),
					 strdup(f->hex), f->act };

		if (!e.path || !e.alg || !e.hex || vec_push(&s->forces, &e)) {
			free(e.path);
			free(e.alg);
			free(e.hex);
			err = -ENOMEM;
		}
	}
	if (err == 0)
		err = vec_copy(&s->ioctl_allow, &sb->ioctl_allow);
	if (err == 0)
		err = vec_copy(&s->ioctl_deny, &sb->ioctl_deny);
	if (err < 0) {
		saved_free(s);
		return -ENOMEM; /* a rule that compiled once compiles again */
	}
	return 0;
}

/* Put S back into SB, which then owns what S held. */
static void restore(struct sandbox *sb, struct saved *s)
{
	sb->lock_state = s->lock_state;
	sb->lock_set = s->lock_set;
	sb->enabled = s->enabled;
	memcpy(sb->dflt, s->dflt, sizeof(sb->dflt));
	for (int c = 0; c < CAT_COUNT; c++) {
		rule_list_clear(&sb->rules[c]);
		sb->rules[c] = s->rules[c];
	}
	forces_free(&sb->forces);
	sb->forces = s->forces;
	vec_fini(&sb->ioctl_allow);
	sb->ioctl_allow = s->ioctl_allow;
	vec_fini(&sb->ioctl_deny);
	sb->ioctl_deny = s->ioctl_deny;
}

/*
 * The next line of TEXT (END its end) from *P, stripped of its comment
 * and blanks, into LINE (LOAD_LINE_MAX + 1 bytes). Returns the stripped
 * line ("" for a blank one), NULL past the end, or LINE itself emptied
 * with *TOO_LONG set when the line is too long.
 */
static const char *next_line(const char **p, const char *end, char *line,
			     bool *too_long)
{
	const char *nl;
	size_t n;

	if (*p >= end)
		return NULL;
	nl = memchr(*p, '\n', (size_t)(end - *p));
	n = nl ? (size_t)(nl - *p) : (size_t)(end - *p);
	*too_long = n > LOAD_LINE_MAX;
	if (*too_long)
		n = 0;
	memcpy(line, *p, n);
	line[n] = '\0';
	*p += (nl ? (size_t)(nl - *p) + 1 : (size_t)(end - *p));
	return lex_strip(line);
}

/* ERR's message, for line NO of the text loaded from WHAT. */
static int at_line(struct config_err *err, int code, const char *what,
		   unsigned no, const char *fmt, const char *arg)
{
	char reason[sizeof(err->msg) - 64];
	int n = snprintf(err->msg, sizeof(err->msg), "%.31s line %u: ", what,
			 no);

	snprintf(reason, sizeof(reason), fmt, arg);
	if (n > 0 && (size_t)n < sizeof(err->msg))
		memcpy(err->msg + n, reason, strlen(reason) + 1);
	err->status = CONFIG_EXIT_STATUS;
	return code;
}

/*
 * Refuse the text before anything is applied when a line is no command a
 * loaded text may hold: a query (it would only answer), an include,
 * reset or panic (not undone), or any row load_row() does not name.
 */
static int check_lines(const char *text, size_t len, const char *what,
		       char *line, struct config_err *err)
{
	const char *p = text, *s;
	unsigned no = 0;
	bool too_long;

	while ((s = next_line(&p, text + len, line, &too_long))) {
		const struct cmd *cmd;
		const char *sub;
		struct lex_line l;
		char why[512];

		no++;
		if (too_long)
			return at_line(err, -EINVAL, what, no, "%s",
				       "line too long (at most 8192 bytes)");
		if (!*s)
			continue;
		if (lex_line(s, &l, why, sizeof(why)) < 0)
			return at_line(err, -EINVAL, what, no, "%s", why);
		if (l.kind != LEX_COMMAND)
			return at_line(err, -EPERM, what, no, "%s",
				       "include is not allowed at run time");
		if (cmd_lookup(l.key, l.op, &cmd, &sub, why, sizeof(why)) < 0)
			return at_line(err, -EINVAL, what, no, "%s", why);
		if (l.op == '?' || !load_row(cmd->key))
			return at_line(err, -EINVAL, what, no,
				       "'%s' is not a command a loaded text "
				       "may hold (syd(2) load)",
				       l.key);
	}
	return 0;
}

int config_load_runtime(struct config *c, const char *text, size_t len,
			const char *what, uint64_t hooked,
			struct config_err *err)
{
	const char *p = text, *s;
	struct saved saved;
	bool too_long;
	unsigned no = 0;
	char *line;
	int ret;

	if (memchr(text, '\0', len))
		return at_line(err, -EINVAL, what, 1, "%s", "a NUL byte");
	line = malloc(LOAD_LINE_MAX + 1);
	if (!line)
		return at_line(err, -ENOMEM, what, 0, "%s", "out of memory");
	ret = check_lines(text, len, what, line, err);
	if (ret == 0 && save(c->sb, &saved) < 0)
		ret = at_line(err, -ENOMEM, what, 0, "%s", "out of memory");
	if (ret < 0) {
		free(line);
		return ret;
	}
	while (ret == 0 && (s = next_line(&p, text + len, line, &too_long))) {
		no++;
		if (*s)
			ret = config_apply_runtime(c, s, hooked, err);
	}
	free(line);
	if (ret < 0) {
		/* One line refused: none is kept. */
		char msg[sizeof(err->msg) - 128];

		snprintf(msg, sizeof(msg), "%.1900s", err->msg);
		at_line(err, ret, what, no, "%s; nothing applied", msg);
		restore(c->sb, &saved);
		return ret;
	}
	saved_free(&saved);
	return 0;
}
