/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The sandbox state: defaults, reset, the read/write lock, the decision on a
 * path, and the JSON picture of it all that /dev/syd serves. Changing the
 * state is the configuration parser's job (config/); this file only
 * knows what the state is.
 */
#include "sandbox.h"

#include <errno.h>
#include <string.h>

#include <arpa/inet.h>

#include "config.h"
#include "log.h"
#include "policy/segvguard.h"
#include "policy/rlimit.h"

static const char *const lock_names[] = {
	[LOCK_STATE_OFF] = "off",   [LOCK_STATE_EXEC] = "exec",
	[LOCK_STATE_DROP] = "drop", [LOCK_STATE_READ] = "read",
	[LOCK_STATE_ON] = "on",
};

static const char *const trace_names[] = {
#define TRACE_OPT(id, name) [TRACE_##id] = name,
#include "trace_opts.h"
#undef TRACE_OPT
};

static const char *const ll_names[] = {
#define LL_RIGHT(id, name) [LL_##id] = name,
#include "ll_rights.h"
#undef LL_RIGHT
};

static const struct {
	const char *name;
	uint32_t bit;
} ns_names[] = {
	{ "mount", NS_MOUNT },	 { "uts", NS_UTS },   { "ipc", NS_IPC },
	{ "user", NS_USER },	 { "pid", NS_PID },   { "net", NS_NET },
	{ "cgroup", NS_CGROUP }, { "time", NS_TIME },
};

const char *lock_state_name(enum lock_state l)
{
	return (unsigned)l < ARRAY_SIZE(lock_names) ? lock_names[l] : "?";
}

int lock_state_from_name(const char *name, enum lock_state *out)
{
	for (size_t i = 0; i < ARRAY_SIZE(lock_names); i++) {
		if (!strcmp(lock_names[i], name)) {
			*out = (enum lock_state)i;
			return 0;
		}
	}
	return -EINVAL;
}

const char *trace_opt_name(enum trace_opt t)
{
	return (unsigned)t < TRACE_COUNT ? trace_names[t] : "?";
}

/*
 * Spellings Syd used before it renamed an option (doc/syd-names.md): still
 * accepted, shown under the current name.
 */
static const struct {
	const char *name;
	enum trace_opt opt;
} trace_aliases[] = {
	{ "allow_unsafe_create", TRACE_ALLOW_UNSAFE_STICKY },
	{ "allow_unsafe_ldso", TRACE_ALLOW_UNSAFE_LDSO },
	{ "allow_unsafe_memory", TRACE_ALLOW_UNSAFE_MEMORY },
	{ "allow_unsafe_nopie", TRACE_ALLOW_UNSAFE_NOPIE },
	{ "allow_unsafe_stack", TRACE_ALLOW_UNSAFE_STACK },
};

int trace_opt_from_name(const char *name, enum trace_opt *out)
{
	for (int i = 0; i < TRACE_COUNT; i++) {
		if (!strcmp(trace_names[i], name)) {
			*out = (enum trace_opt)i;
			return 0;
		}
	}
	for (size_t i = 0; i < ARRAY_SIZE(trace_aliases); i++) {
		if (!strcmp(trace_aliases[i].name, name)) {
			*out = trace_aliases[i].opt;
			return 0;
		}
	}
	return -EINVAL;
}

const char *ll_right_name(enum ll_right r)
{
	return (unsigned)r < LL_COUNT ? ll_names[r] : "?";
}

int ll_right_from_name(const char *name, enum ll_right *out)
{
	for (int i = 0; i < LL_COUNT; i++) {
		if (!strcmp(ll_names[i], name)) {
			*out = (enum ll_right)i;
			return 0;
		}
	}
	return -EINVAL;
}

uint32_t ns_from_name(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(ns_names); i++)
		if (!strcmp(ns_names[i].name, name))
			return ns_names[i].bit;
	return 0;
}

/* Free what the lists and strings own, leaving empty lists behind. */
static void release(struct sandbox *sb)
{
	size_t i;

	for (i = 0; i < CAT_COUNT; i++)
		rule_list_clear(&sb->rules[i]);
	for (i = 0; i < sb->masks.n; i++) {
		struct mask_entry *m = vec_at(&sb->masks, i);

		pattern_free(m->pat);
		free(m->target);
	}
	for (i = 0; i < sb->appends.n; i++)
		pattern_free(*(struct pattern **)vec_at(&sb->appends, i));
	for (i = 0; i < sb->blocks.n; i++)
		addr_rule_fini(vec_at(&sb->blocks, i));
	for (i = 0; i < sb->forces.n; i++) {
		struct force_entry *f = vec_at(&sb->forces, i);

		free(f->path);
		free(f->alg);
		free(f->hex);
	}
	for (i = 0; i < sb->binds.n; i++) {
		struct bind_entry *bd = vec_at(&sb->binds, i);

		free(bd->src);
		free(bd->dst);
		free(bd->opts);
	}
	for (i = 0; i < sb->ll_paths.n; i++)
		free(((struct ll_path *)vec_at(&sb->ll_paths, i))->path);
	vec_fini(&sb->masks);
	vec_fini(&sb->appends);
	vec_fini(&sb->blocks);
	vec_fini(&sb->ioctl_allow);
	vec_fini(&sb->ioctl_deny);
	vec_fini(&sb->forces);
	vec_fini(&sb->binds);
	vec_fini(&sb->ll_paths);
	vec_fini(&sb->ll_ports);
	free(sb->root);
	free(sb->hostname);
	free(sb->domainname);
	sb->root = sb->hostname = sb->domainname = NULL;
}

/* Everything but the lock object and the lock state. */
static void set_defaults(struct sandbox *sb)
{
	int i;

	/*
	 * Fail closed: with no profile every path and network category is on
	 * and denies, so "syd -- true" is refused until a policy allows it.
	 */
	sb->enabled = CAT_MASK_ALL | CAT_BIT(CAT_SEGVGUARD);
	for (i = 0; i < CAT_COUNT; i++)
		sb->dflt[i] = ACTION_DENY;
	/* Landlock's default is its compatibility level: hard requirement. */
	sb->dflt[CAT_LOCK] = ACTION_KILL;
	sb->masks = VEC_INIT(struct mask_entry);
	sb->appends = VEC_INIT(struct pattern *);
	sb->blocks = VEC_INIT(struct addr_rule);
	sb->ioctl_allow = VEC_INIT(uint64_t);
	sb->ioctl_deny = VEC_INIT(uint64_t);
	sb->forces = VEC_INIT(struct force_entry);
	sb->binds = VEC_INIT(struct bind_entry);
	sb->ll_paths = VEC_INIT(struct ll_path);
	sb->ll_ports = VEC_INIT(struct ll_ports);
	memset(sb->trace, 0, sizeof(sb->trace));
	sb->force_umask = UINT32_MAX;
	sb->unsafe_ns = 0;
	sb->unshare = 0;
	sb->mem_max = sb->mem_vm_max = sb->pid_max = 0;
	sb->rlimit_set = sb->rlimit_keep = 0;
	sb->segv_expiry = 120;
	sb->segv_suspension = 600;
	sb->segv_maxcrashes = 5;
	sb->tpe_gid = -1;
	sb->tpe_negate = false;
	sb->tpe_root_owned = false;
	sb->tpe_user_owned = false;
	sb->log_level = log_get_level();
	sb->log_verbose = false;
	sb->expand_timeout = 3;
}

int sandbox_init(struct sandbox *sb)
{
	pthread_rwlockattr_t attr;
	int err;

	memset(sb, 0, sizeof(*sb));
	/*
	 * glibc's default lock prefers readers: with emulator threads taking
	 * the read lock back to back, a policy change could wait forever.
	 */
	if (pthread_rwlockattr_init(&attr) != 0)
		return -ENOMEM;
	pthread_rwlockattr_setkind_np(
		&attr, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
	err = pthread_rwlock_init(&sb->lock, &attr);
	pthread_rwlockattr_destroy(&attr);
	if (err != 0)
		return -ENOMEM;
	set_defaults(sb);
	sb->lock_state = LOCK_STATE_EXEC;
	if (segvguard_new(SEGVGUARD_CAPACITY, &sb->segvguard) < 0) {
		pthread_rwlock_destroy(&sb->lock);
		return -ENOMEM;
	}
	return 0;
}

void sandbox_fini(struct sandbox *sb)
{
	release(sb);
	segvguard_free(sb->segvguard);
	sb->segvguard = NULL;
	pthread_rwlock_destroy(&sb->lock);
}

int sandbox_reset(struct sandbox *sb)
{
	release(sb);
	set_defaults(sb);
	return 0;
}

void sandbox_rdlock(struct sandbox *sb)
{
	pthread_rwlock_rdlock(&sb->lock);
}

void sandbox_wrlock(struct sandbox *sb)
{
	pthread_rwlock_wrlock(&sb->lock);
}

void sandbox_unlock(struct sandbox *sb)
{
	pthread_rwlock_unlock(&sb->lock);
}

bool sandbox_enabled(const struct sandbox *sb, enum cat cat)
{
	return (unsigned)cat < CAT_COUNT && (sb->enabled & CAT_BIT(cat));
}

enum action sandbox_check_path(const struct sandbox *sb, enum cat cat,
			       const char *path, size_t len,
			       const struct rule **rule)
{
	const struct rule *r = NULL;
	enum action act = ACTION_ALLOW;

	if ((unsigned)cat >= CAT_COUNT) {
		act = ACTION_DENY; /* a caller bug must not open anything */
	} else if (sandbox_enabled(sb, cat)) {
		r = rule_list_match_path(&sb->rules[cat], path, len);
		act = r ? r->act : sb->dflt[cat];
	}
	if (rule)
		*rule = r;
	return act;
}

static void json_key(struct strbuf *b, const char *key)
{
	strbuf_json_str(b, key);
	strbuf_putc(b, ':');
}

static void json_sep(struct strbuf *b, size_t i)
{
	if (i)
		strbuf_putc(b, ',');
}

static void json_bool(struct strbuf *b, const char *key, bool v, bool comma)
{
	if (comma)
		strbuf_putc(b, ',');
	json_key(b, key);
	strbuf_puts(b, v ? "true" : "false");
}

static void json_opt_str(struct strbuf *b, const char *key, const char *v)
{
	strbuf_putc(b, ',');
	json_key(b, key);
	if (v)
		strbuf_json_str(b, v);
	else
		strbuf_puts(b, "null");
}

static void json_rules(const struct sandbox *sb, struct strbuf *b)
{
	size_t k = 0;

	strbuf_puts(b, ",\"rules\":[");
	for (int c = 0; c < CAT_COUNT; c++) {
		const struct rule_list *l = &sb->rules[c];

		for (size_t i = 0; i < l->n; i++) {
			json_sep(b, k++);
			strbuf_printf(b,
				      "{\"act\":\"%s\",\"cap\":\"%s\","
				      "\"pat\":",
				      action_name(l->v[i].act),
				      cat_name((enum cat)c));
			strbuf_json_str(b, l->v[i].text);
			strbuf_putc(b, '}');
		}
	}
	strbuf_putc(b, ']');
}

static void json_lists(const struct sandbox *sb, struct strbuf *b)
{
	size_t i;

	strbuf_puts(b, ",\"mask\":[");
	for (i = 0; i < sb->masks.n; i++) {
		const struct mask_entry *m = vec_at(&sb->masks, i);

		json_sep(b, i);
		strbuf_puts(b, "{\"pat\":");
		strbuf_json_str(b, pattern_text(m->pat));
		strbuf_puts(b, ",\"target\":");
		strbuf_json_str(b, m->target ? m->target : "/dev/null");
		strbuf_putc(b, '}');
	}
	strbuf_puts(b, "],\"append\":[");
	for (i = 0; i < sb->appends.n; i++) {
		json_sep(b, i);
		strbuf_json_str(b, pattern_text(*(struct pattern **)vec_at(
					   &sb->appends, i)));
	}
	strbuf_puts(b, "],\"ioctl\":{\"allow\":[");
	for (i = 0; i < sb->ioctl_allow.n; i++) {
		json_sep(b, i);
		strbuf_printf(b, "%llu",
			      (unsigned long long)*(uint64_t *)vec_at(
				      &sb->ioctl_allow, i));
	}
	strbuf_puts(b, "],\"deny\":[");
	for (i = 0; i < sb->ioctl_deny.n; i++) {
		json_sep(b, i);
		strbuf_printf(b, "%llu",
			      (unsigned long long)*(uint64_t *)vec_at(
				      &sb->ioctl_deny, i));
	}
	strbuf_puts(b, "]},\"force\":[");
	for (i = 0; i < sb->forces.n; i++) {
		const struct force_entry *f = vec_at(&sb->forces, i);

		json_sep(b, i);
		strbuf_puts(b, "{\"path\":");
		strbuf_json_str(b, f->path);
		strbuf_printf(b,
			      ",\"alg\":\"%s\",\"sum\":\"%s\",\"act\":\"%s\"}",
			      f->alg, f->hex, action_name(f->act));
	}
	strbuf_puts(b, "],\"bind\":[");
	for (i = 0; i < sb->binds.n; i++) {
		const struct bind_entry *bd = vec_at(&sb->binds, i);

		json_sep(b, i);
		strbuf_puts(b, "{\"src\":");
		strbuf_json_str(b, bd->src);
		strbuf_puts(b, ",\"dst\":");
		strbuf_json_str(b, bd->dst);
		json_opt_str(b, "opt", bd->opts);
		strbuf_putc(b, '}');
	}
	strbuf_putc(b, ']');
}

static void json_block(const struct sandbox *sb, struct strbuf *b)
{
	strbuf_puts(b, ",\"block\":[");
	for (size_t i = 0; i < sb->blocks.n; i++) {
		const struct addr_rule *r = vec_at(&sb->blocks, i);
		char ip[64];

		for (size_t j = 0; j < r->nnets; j++) {
			const struct addr_net *n = &r->nets[j];

			if (!inet_ntop(n->family, n->addr, ip, sizeof(ip)))
				strcpy(ip, "?");
			json_sep(b, i + j);
			strbuf_printf(b, "\"%s/%u\"", ip, n->prefix);
		}
	}
	strbuf_putc(b, ']');
}

static void json_landlock(const struct sandbox *sb, struct strbuf *b)
{
	size_t i;

	strbuf_puts(b, ",\"landlock\":{\"paths\":[");
	for (i = 0; i < sb->ll_paths.n; i++) {
		const struct ll_path *p = vec_at(&sb->ll_paths, i);
		size_t k = 0;

		json_sep(b, i);
		strbuf_puts(b, "{\"path\":");
		strbuf_json_str(b, p->path);
		strbuf_puts(b, ",\"rights\":[");
		for (int r = 0; r < LL_COUNT; r++) {
			if (!(p->rights & (1u << r)))
				continue;
			json_sep(b, k++);
			strbuf_printf(b, "\"%s\"",
				      ll_right_name((enum ll_right)r));
		}
		strbuf_puts(b, "]}");
	}
	strbuf_puts(b, "],\"ports\":[");
	for (i = 0; i < sb->ll_ports.n; i++) {
		const struct ll_ports *p = vec_at(&sb->ll_ports, i);

		json_sep(b, i);
		strbuf_printf(b, "{\"op\":\"%s\",\"lo\":%u,\"hi\":%u}",
			      p->connect ? "connect" : "bind", p->lo, p->hi);
	}
	strbuf_puts(b, "]}");
}

static void json_ns(struct strbuf *b, const char *key, uint32_t set)
{
	size_t k = 0;

	strbuf_printf(b, ",\"%s\":[", key);
	for (size_t i = 0; i < ARRAY_SIZE(ns_names); i++) {
		if (!(set & ns_names[i].bit))
			continue;
		json_sep(b, k++);
		strbuf_printf(b, "\"%s\"", ns_names[i].name);
	}
	strbuf_putc(b, ']');
}

/* The limits rlimit/ sets: a number, "inf", or "none" (inherited). */
static void json_rlimit(const struct sandbox *sb, struct strbuf *b)
{
	size_t k = 0;

	strbuf_puts(b, ",\"rlimit\":{");
	for (const struct rlimit_name *r = rlimit_names(); r->name; r++) {
		uint64_t v;

		if (rlimit_wanted(sb, r->resource, &v)) {
			json_sep(b, k++);
			if (v == UINT64_MAX)
				strbuf_printf(b, "\"%s\":\"inf\"", r->name);
			else
				strbuf_printf(b, "\"%s\":%llu", r->name,
					      (unsigned long long)v);
		} else if (sb->rlimit_keep & (1u << r->resource)) {
			json_sep(b, k++);
			strbuf_printf(b, "\"%s\":\"none\"", r->name);
		}
	}
	strbuf_putc(b, '}');
}

int sandbox_to_json(const struct sandbox *sb, struct strbuf *b)
{
	int c;

	strbuf_printf(b, "{\"version\":\"%s\",\"api\":3,\"lock\":\"%s\"",
		      SYD_VERSION, lock_state_name(sb->lock_state));
	strbuf_puts(b, ",\"sandbox\":{");
	for (c = 0; c < CAT_COUNT; c++) {
		if (cat_flags((enum cat)c) & CATF_TOGGLE)
			json_bool(b, cat_name((enum cat)c),
				  sandbox_enabled(sb, (enum cat)c), c != 0);
	}
	strbuf_puts(b, "},\"default\":{");
	for (c = 0; c < CAT_COUNT; c++) {
		json_sep(b, (size_t)c);
		strbuf_printf(b, "\"%s\":\"%s\"", cat_name((enum cat)c),
			      action_name(sb->dflt[c]));
	}
	strbuf_putc(b, '}');
	json_rules(sb, b);
	json_lists(sb, b);
	json_block(sb, b);
	json_landlock(sb, b);
	strbuf_puts(b, ",\"trace\":{");
	for (int t = 0; t < TRACE_COUNT; t++)
		json_bool(b, trace_opt_name((enum trace_opt)t), sb->trace[t],
			  t != 0);
	if (sb->force_umask != UINT32_MAX)
		strbuf_printf(b, ",\"force_umask\":\"%04o\"", sb->force_umask);
	json_ns(b, "allow_unsafe_namespace", sb->unsafe_ns);
	strbuf_putc(b, '}');
	json_ns(b, "unshare", sb->unshare);
	json_opt_str(b, "root", sb->root);
	json_opt_str(b, "hostname", sb->hostname);
	json_opt_str(b, "domainname", sb->domainname);
	strbuf_printf(b,
		      ",\"mem\":{\"max\":%llu,\"vm_max\":%llu}"
		      ",\"pid\":{\"max\":%llu}"
		      ",\"segvguard\":{\"expiry\":%llu,\"suspension\":%llu,"
		      "\"maxcrashes\":%llu}",
		      (unsigned long long)sb->mem_max,
		      (unsigned long long)sb->mem_vm_max,
		      (unsigned long long)sb->pid_max,
		      (unsigned long long)sb->segv_expiry,
		      (unsigned long long)sb->segv_suspension,
		      (unsigned long long)sb->segv_maxcrashes);
	json_rlimit(sb, b);
	strbuf_puts(b, ",\"tpe\":{\"gid\":");
	if (sb->tpe_gid < 0)
		strbuf_puts(b, "null");
	else
		strbuf_printf(b, "%lld", (long long)sb->tpe_gid);
	json_bool(b, "negate", sb->tpe_negate, true);
	json_bool(b, "root_owned", sb->tpe_root_owned, true);
	json_bool(b, "user_owned", sb->tpe_user_owned, true);
	strbuf_printf(b, "},\"log\":{\"level\":\"%s\"",
		      log_level_name((enum log_level)sb->log_level));
	json_bool(b, "verbose", sb->log_verbose, true);
	strbuf_printf(b, "},\"config\":{\"expand\":%llu}}",
		      (unsigned long long)sb->expand_timeout);
	return strbuf_failed(b) ? -ENOMEM : 0;
}
