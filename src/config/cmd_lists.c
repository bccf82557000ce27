/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The commands that keep lists other than the rules: mask (/dev/null or a
 * target served instead of a path), append (append-only paths), block
 * (addresses refused outright), ioctl/allow and ioctl/deny, force
 * (executables checked by digest) and bind (mounts). Each takes '+' to add,
 * '-' to remove the last equal entry and '^' to remove every equal entry
 * (bare, all of them). An entry is checked whole before it is added, so a
 * malformed line leaves the lists as they were.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "config/internal.h"
#include "kernel/hash.h"
#include "policy/force.h"
#include "policy/ioctl.h"

/* Split "PATTERN:TARGET" at the last ":/" so patterns keep their colons. */
static const char *split_target(const char *val)
{
	const char *p = NULL, *q = val;

	while ((q = strstr(q + 1, ":/")))
		p = q;
	return p;
}

int cmd_mask(struct ctx *x, const char *sub, char op, const char *val)
{
	const char *usage = "mask+PATTERN[:TARGET], mask-PATTERN or mask^";
	struct mask_entry e = { 0 };
	const char *colon, *why = "";
	char *pat;
	int err;

	(void)sub;
	if (need_op(x, op, "+-^", usage) < 0)
		return -EINVAL;
	if (op == '^' && !*val) {
		for (size_t i = 0; i < x->sb->masks.n; i++) {
			struct mask_entry *m = vec_at(&x->sb->masks, i);

			pattern_free(m->pat);
			free(m->target);
		}
		x->sb->masks.n = 0;
		return 0;
	}
	if (need_value(x, val, usage) < 0)
		return -EINVAL;
	colon = op == '+' ? split_target(val) : NULL;
	pat = colon ? strndup(val, (size_t)(colon - val)) : strdup(val);
	if (!pat)
		return oom(x);
	if (op != '+') {
		for (size_t i = x->sb->masks.n; i-- > 0;) {
			struct mask_entry *m = vec_at(&x->sb->masks, i);

			if (strcmp(pattern_text(m->pat), pat))
				continue;
			pattern_free(m->pat);
			free(m->target);
			vec_remove(&x->sb->masks, i);
			if (op == '-')
				break;
		}
		free(pat);
		return 0;
	}
	err = pattern_compile(pat, &e.pat, &why);
	free(pat);
	if (err < 0)
		return err == -ENOMEM ? oom(x) : fail(x, -EINVAL, "%s", why);
	if (colon) {
		e.target = strdup(colon + 1);
		if (!e.target) {
			pattern_free(e.pat);
			return oom(x);
		}
	}
	if (vec_push(&x->sb->masks, &e) < 0) {
		pattern_free(e.pat);
		free(e.target);
		return oom(x);
	}
	return 0;
}

int cmd_append(struct ctx *x, const char *sub, char op, const char *val)
{
	const char *usage = "append+PATTERN, append-PATTERN or append^";
	struct vec *v = &x->sb->appends;
	struct pattern *pat = NULL;
	const char *why = "";
	int err;

	(void)sub;
	if (need_op(x, op, "+-^", usage) < 0)
		return -EINVAL;
	if (op == '+') {
		if (need_value(x, val, usage) < 0)
			return -EINVAL;
		err = pattern_compile(val, &pat, &why);
		if (err < 0)
			return err == -ENOMEM ? oom(x)
					      : fail(x, -EINVAL, "%s", why);
		if (vec_push(v, &pat) < 0) {
			pattern_free(pat);
			return oom(x);
		}
		return 0;
	}
	for (size_t i = v->n; i-- > 0;) {
		struct pattern **p = vec_at(v, i);

		if (*val && strcmp(pattern_text(*p), val))
			continue;
		pattern_free(*p);
		vec_remove(v, i);
		if (op == '-')
			break;
	}
	return 0;
}

int cmd_block(struct ctx *x, const char *sub, char op, const char *val)
{
	const char *usage =
		"block+ADDR[/PREFIX], block-ADDR[/PREFIX] or block^";
	struct vec *v = &x->sb->blocks;
	struct addr_rule r;
	const char *why = "";
	int err;

	(void)sub;
	if (need_op(x, op, "+-^", usage) < 0)
		return -EINVAL;
	if (op == '^' && !*val) {
		for (size_t i = 0; i < v->n; i++)
			addr_rule_fini(vec_at(v, i));
		v->n = 0;
		return 0;
	}
	if (need_value(x, val, usage) < 0)
		return -EINVAL;
	err = addr_rule_parse(val, false, &r, &why);
	if (err < 0)
		return err == -ENOMEM ? oom(x) : fail(x, -EINVAL, "%s", why);
	if (op == '+') {
		if (vec_push(v, &r) < 0) {
			addr_rule_fini(&r);
			return oom(x);
		}
		return 0;
	}
	/* Remove entries covering exactly the same networks. */
	for (size_t i = v->n; i-- > 0;) {
		struct addr_rule *o = vec_at(v, i);

		if (o->nnets != r.nnets ||
		    memcmp(o->nets, r.nets, r.nnets * sizeof(*r.nets)))
			continue;
		addr_rule_fini(o);
		vec_remove(v, i);
		if (op == '-')
			break;
	}
	addr_rule_fini(&r);
	return 0;
}

/* Remove every REQ from V, a vec of uint64_t. */
static void vec_remove_u64(struct vec *v, uint64_t req)
{
	for (size_t i = v->n; i-- > 0;)
		if (*(uint64_t *)vec_at(v, i) == req)
			vec_remove(v, i);
}

/*
 * ioctl/allow+REQ and ioctl/deny+REQ: a request is on one list at most, the
 * one named last, so a later line overrides an earlier one (a profile's
 * deny, or one of syd's default denials, by the user's allow) as the last
 * matching rule does for paths.
 */
int cmd_ioctl(struct ctx *x, const char *sub, char op, const char *val)
{
	const char *usage = "ioctl/allow+REQUEST or ioctl/deny+REQUEST "
			    "(a number or a name such as TIOCSTI)";
	struct vec *v, *other;
	uint64_t req;

	if (!strcmp(sub, "allow")) {
		v = &x->sb->ioctl_allow;
		other = &x->sb->ioctl_deny;
	} else if (!strcmp(sub, "deny")) {
		v = &x->sb->ioctl_deny;
		other = &x->sb->ioctl_allow;
	} else {
		return fail(x, -EINVAL, "expected %s", usage);
	}
	if (need_op(x, op, "+-^", usage) < 0)
		return -EINVAL;
	if (op == '^' && !*val) {
		v->n = 0;
		return 0;
	}
	if (need_value(x, val, usage) < 0)
		return -EINVAL;
	if (ioctl_parse(val, &req) < 0)
		return fail(x, -EINVAL,
			    "unknown ioctl request '%s': expected a number "
			    "or a request name of the kernel's headers such "
			    "as TIOCSTI",
			    val);
	if (op == '+') {
		vec_remove_u64(other, req);
		vec_remove_u64(v, req);
		return vec_push(v, &req) < 0 ? oom(x) : 0;
	}
	for (size_t i = v->n; i-- > 0;) {
		if (*(uint64_t *)vec_at(v, i) != req)
			continue;
		vec_remove(v, i);
		if (op == '-')
			break;
	}
	return 0;
}

int cmd_force(struct ctx *x, const char *sub, char op, const char *val)
{
	const char *usage = "force+PATH:ALG:HEX[:ACTION], force-PATH or force^";
	struct force_entry e;
	struct vec *v = &x->sb->forces;
	char why[256];
	int err;

	(void)sub;
	if (need_op(x, op, "+-^", usage) < 0)
		return -EINVAL;
	/* A map from path to digest, as Syd's: ^ takes no value. */
	if (op == '^' && *val)
		return fail(x, -EINVAL,
			    "force^ takes no value (force-%s "
			    "removes the rule for that path)",
			    val);
	if (op != '+') {
		for (size_t i = v->n; i-- > 0;) {
			struct force_entry *o = vec_at(v, i);

			if (*val && strcmp(o->path, val))
				continue;
			force_entry_fini(o);
			vec_remove(v, i);
		}
		return 0;
	}
	if (need_value(x, val, usage) < 0)
		return -EINVAL;
	/* The kernel is asked now whether it has the hash: see force.h. */
	err = force_parse(val, hash_digest_size, &e, why, sizeof(why));
	if (err == -ENOMEM)
		return oom(x);
	if (err < 0)
		return fail(x, err, "%s", why);
	/* One rule per path: a new one replaces the old. */
	for (size_t i = 0; i < v->n; i++) {
		struct force_entry *o = vec_at(v, i);

		if (!strcmp(o->path, e.path)) {
			force_entry_fini(o);
			*o = e;
			return 0;
		}
	}
	if (vec_push(v, &e) < 0) {
		force_entry_fini(&e);
		return oom(x);
	}
	return 0;
}

static const char *const mount_opts[] = {
	"ro",	       "rw",	  "noexec",	"nosuid",   "nodev",
	"nosymfollow", "noatime", "nodiratime", "relatime", "strictatime",
	"exec",	       "suid",	  "dev",
};

static int check_mount_opts(struct ctx *x, const char *opts)
{
	const char *next = opts, *p;
	size_t len;

	while (lex_item(&next, &p, &len)) {
		size_t i;
		bool ok = false;

		/* key=value data options (mode=1777, size=1G) go to mount(2) */
		if (len && memchr(p, '=', len))
			ok = true;
		for (i = 0; !ok && i < ARRAY_SIZE(mount_opts); i++)
			ok = strlen(mount_opts[i]) == len &&
			     !memcmp(mount_opts[i], p, len);
		if (!ok)
			return fail(x, -EINVAL,
				    "unknown mount option '%.*s' (expected ro, "
				    "noexec, nosuid, nodev, nosymfollow, "
				    "noatime, ... or key=value)",
				    (int)len, p);
	}
	return 0;
}

static void bind_free(struct bind_entry *b)
{
	free(b->src);
	free(b->dst);
	free(b->opts);
}

int cmd_bind(struct ctx *x, const char *sub, char op, const char *val)
{
	const char *usage = "bind+SRC:DST[:OPTIONS], bind-SRC:DST[:OPTIONS] or "
			    "bind^";
	struct bind_entry e = { 0 };
	const char *c1, *c2;
	struct vec *v = &x->sb->binds;

	(void)sub;
	if (need_op(x, op, "+-^", usage) < 0)
		return -EINVAL;
	if (op == '^' && !*val) {
		for (size_t i = 0; i < v->n; i++)
			bind_free(vec_at(v, i));
		v->n = 0;
		return 0;
	}
	if (need_value(x, val, usage) < 0)
		return -EINVAL;
	c1 = strchr(val, ':');
	if (!c1 || c1 == val || c1[1] != '/')
		return fail(x, -EINVAL, "expected %s with an absolute DST",
			    usage);
	c2 = strchr(c1 + 1, ':');
	if (val[0] != '/' &&
	    strspn(val, "abcdefghijklmnopqrstuvwxyz0-9") != (size_t)(c1 - val))
		return fail(x, -EINVAL,
			    "bind source must be an absolute path or a "
			    "filesystem type such as tmpfs");
	e.src = strndup(val, (size_t)(c1 - val));
	e.dst = c2 ? strndup(c1 + 1, (size_t)(c2 - c1 - 1)) : strdup(c1 + 1);
	if (c2) {
		if (check_mount_opts(x, c2 + 1) < 0) {
			bind_free(&e);
			return -EINVAL;
		}
		e.opts = strdup(c2 + 1);
	}
	if (!e.src || !e.dst || (c2 && !e.opts)) {
		bind_free(&e);
		return oom(x);
	}
	if (op == '+') {
		if (vec_push(v, &e) < 0) {
			bind_free(&e);
			return oom(x);
		}
		return 0;
	}
	for (size_t i = v->n; i-- > 0;) {
		struct bind_entry *o = vec_at(v, i);

		if (strcmp(o->src, e.src) || strcmp(o->dst, e.dst) ||
		    strcmp(o->opts ? o->opts : "", e.opts ? e.opts : ""))
			continue;
		bind_free(o);
		vec_remove(v, i);
		if (op == '-')
			break;
	}
	bind_free(&e);
	return 0;
}
