/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The decision on a path (policy/decide.c), case by case from a table. */
#include "harness.h"

#include "config/config.h"
#include "policy/decide.h"

#define MAX_RULES 8

/* A sandbox, which each test makes of its rules with make(). */
FIXTURE(decide)
{
	struct sandbox sb;
	struct config cfg;
};

FIXTURE_SETUP(decide)
{
	ASSERT_EQ(0, sandbox_init(&self->sb));
	config_init(&self->cfg, &self->sb);
}

FIXTURE_TEARDOWN(decide)
{
	sandbox_fini(&self->sb);
}

/* The sandbox made anew of COMMANDS (NULL-terminated), in the Syd language. */
static void make(FIXTURE_DATA(decide) *f, const char *const *commands)
{
	struct config_err err;

	sandbox_fini(&f->sb);
	ASSERT_EQ(0, sandbox_init(&f->sb));
	config_init(&f->cfg, &f->sb);
	for (size_t i = 0; i < MAX_RULES && commands[i]; i++) {
		int r = config_apply_arg(&f->cfg, commands[i], &err);

		if (r != 0)
			fprintf(stderr, "# %s: %s\n", commands[i], err.msg);
		ASSERT_EQ(0, r);
	}
}

struct want_step {
	enum cat cat;
	enum action act;
	int err;
	size_t len; /* 0: the whole path */
	bool by_rule; /* a rule decided, not the default */
};

static const struct path_case {
	const char *name;
	const char *commands[MAX_RULES];
	const char *path;
	uint64_t cats;
	size_t n;
	struct want_step step[3];
} path_cases[] = {
	{ "everything allowed says nothing",
	  { "default/all:allow" },
	  "/a/b",
	  CAT_BIT(CAT_READ),
	  0,
	  { { 0 } } },
	{ "an allow rule says nothing",
	  { "allow/read+/a/***" },
	  "/a/b",
	  CAT_BIT(CAT_READ),
	  0,
	  { { 0 } } },
	{ "the default refuses with EACCES, no rule",
	  { "allow/read+/x/***" },
	  "/a/b",
	  CAT_BIT(CAT_READ),
	  1,
	  { { CAT_READ, ACTION_DENY, -EACCES, 0, false } } },
	{ "the last match wins: deny after allow",
	  { "allow/read+/a/***", "deny/read+/a/b" },
	  "/a/b",
	  CAT_BIT(CAT_READ),
	  1,
	  { { CAT_READ, ACTION_DENY, -EACCES, 0, true } } },
	{ "the last match wins: allow after deny",
	  { "deny/read+/a/b", "allow/read+/a/***" },
	  "/a/b",
	  CAT_BIT(CAT_READ),
	  0,
	  { { 0 } } },
	{ "a disabled category decides nothing",
	  { "sandbox/read:off" },
	  "/a/b",
	  CAT_BIT(CAT_READ),
	  0,
	  { { 0 } } },
	{ "a stat rule hides: ENOENT",
	  { "default/all:allow", "deny/stat+/a/b" },
	  "/a/b",
	  CAT_BIT(CAT_READ),
	  1,
	  { { CAT_STAT, ACTION_DENY, -ENOENT, 0, true } } },
	{ "the stat default refuses a stat call: EACCES",
	  { "default/all:allow", "default/stat:deny" },
	  "/a/b",
	  CAT_BIT(CAT_STAT),
	  1,
	  { { CAT_STAT, ACTION_DENY, -EACCES, 0, false } } },
	{ "the stat default hides nothing from another call",
	  { "default/all:allow", "default/stat:deny" },
	  "/a/b",
	  CAT_BIT(CAT_READ),
	  0,
	  { { 0 } } },
	{ "a walk rule on an ancestor hides: ENOENT, the ancestor's length",
	  { "default/all:allow", "deny/walk+/a" },
	  "/a/b/c",
	  CAT_BIT(CAT_READ),
	  1,
	  { { CAT_WALK, ACTION_DENY, -ENOENT, 2, true } } },
	{ "a walk rule on the path itself hides nothing",
	  { "default/all:allow", "deny/walk+/a/b" },
	  "/a/b",
	  CAT_BIT(CAT_READ),
	  0,
	  { { 0 } } },
	{ "the walk default hides nothing",
	  { "default/all:allow", "default/walk:deny" },
	  "/a/b",
	  CAT_BIT(CAT_READ),
	  0,
	  { { 0 } } },
	{ "a warning is a step, and the decision goes on",
	  { "default/all:allow", "warn/read+/a/***", "deny/write+/a/***" },
	  "/a/b",
	  CAT_BIT(CAT_READ) | CAT_BIT(CAT_WRITE),
	  2,
	  { { CAT_READ, ACTION_WARN, 0, 0, true },
	    { CAT_WRITE, ACTION_DENY, -EACCES, 0, true } } },
	{ "the first refusal ends it",
	  { "default/all:allow", "deny/read+/a/***", "deny/write+/a/***" },
	  "/a/b",
	  CAT_BIT(CAT_READ) | CAT_BIT(CAT_WRITE),
	  1,
	  { { CAT_READ, ACTION_DENY, -EACCES, 0, true } } },
	{ "visibility comes first",
	  { "default/all:allow", "deny/read+/a/***", "deny/stat+/a/***" },
	  "/a/b",
	  CAT_BIT(CAT_READ),
	  1,
	  { { CAT_STAT, ACTION_DENY, -ENOENT, 0, true } } },
	{ "a walk warning is logged once, then the categories",
	  { "default/all:allow", "warn/walk+/a", "warn/walk+/a/b",
	    "kill/write+/a/***" },
	  "/a/b/c",
	  CAT_BIT(CAT_WRITE),
	  2,
	  { { CAT_WALK, ACTION_WARN, 0, 2, true },
	    { CAT_WRITE, ACTION_KILL, -EACCES, 0, true } } },
	{ "filter refuses (without a log line: the caller's business)",
	  { "default/all:allow", "filter/read+/a/b" },
	  "/a/b",
	  CAT_BIT(CAT_READ),
	  1,
	  { { CAT_READ, ACTION_FILTER, -EACCES, 0, true } } },
	{ "a glob matches below, not the directory itself",
	  { "default/all:allow", "deny/read+/a/**" },
	  "/a",
	  CAT_BIT(CAT_READ),
	  0,
	  { { 0 } } },
};

TEST_F(decide, decide_path_table)
{
	for (size_t i = 0; i < ARRAY_SIZE(path_cases); i++) {
		const struct path_case *c = &path_cases[i];
		struct decision d;
		size_t len = strlen(c->path);

		make(self, c->commands);
		decide_path(&self->sb, c->path, len, c->cats, &d);
		if (d.n != c->n)
			fprintf(stderr, "# case: %s\n", c->name);
		EXPECT_EQ(c->n, d.n);
		for (size_t k = 0; k < c->n && k < d.n; k++) {
			const struct want_step *w = &c->step[k];
			const struct decide_step *s = &d.step[k];
			bool same = w->cat == s->cat && w->act == s->act &&
				    w->err == s->err &&
				    (w->len ? w->len : len) == s->len &&
				    w->by_rule == (s->rule != NULL);

			if (!same)
				fprintf(stderr,
					"# case: %s, step %zu: cat %d act %d "
					"err %d len %zu rule %d\n",
					c->name, k, s->cat, s->act, s->err,
					s->len, s->rule != NULL);
			EXPECT_TRUE(same);
		}
		EXPECT_EQ(c->n > 0 && !action_allows(c->step[c->n - 1].act),
			  decision_refuses(&d));
	}
}

TEST_F(decide, hidden_by_rule_is_not_hidden_by_default)
{
	const char *const rules[] = { "default/all:allow", "default/stat:deny",
				      "deny/stat+/a/secret", NULL };

	make(self, rules);
	EXPECT_TRUE(decide_hidden_by_rule(&self->sb, "/a/secret", 9));
	EXPECT_FALSE(decide_hidden_by_rule(&self->sb, "/a/other", 8));
}

TEST_F(decide, decide_cats_leaves_visibility_out)
{
	struct decision d = { 0 };
	const char *const rules[] = { "default/all:allow", "deny/stat+/a/***",
				      "deny/walk+/a", "deny/mkdir+/a/***",
				      NULL };

	make(self, rules);
	decide_cats(&self->sb, "/a/b", 4,
		    CAT_BIT(CAT_STAT) | CAT_BIT(CAT_WALK) | CAT_BIT(CAT_MKDIR),
		    &d);
	ASSERT_EQ(1, d.n);
	EXPECT_EQ(CAT_MKDIR, d.step[0].cat);
	EXPECT_EQ(-EACCES, d.step[0].err);
}

TEST_F(decide, restricts_may_hide_allows_inet)
{
	const char *const open_[] = { "default/all:allow", NULL };
	const char *const hiding[] = { "default/all:allow", "deny/stat+/x",
				       NULL };
	const char *const listing[] = { "default/all:allow", "warn/list+/x",
					NULL };
	const char *const inet[] = { "default/all:allow",
				     "allow/net/connect+127.0.0.1!80", NULL };

	make(self, open_);
	EXPECT_FALSE(decide_restricts(&self->sb, CAT_READ));
	EXPECT_FALSE(decide_may_hide(&self->sb, true));
	EXPECT_FALSE(decide_allows_inet(&self->sb));
	make(self, hiding);
	EXPECT_TRUE(decide_may_hide(&self->sb, false));
	EXPECT_TRUE(decide_restricts(&self->sb, CAT_STAT));
	EXPECT_FALSE(decide_restricts(&self->sb, CAT_READ));
	/* a list rule hides only from listings */
	make(self, listing);
	EXPECT_FALSE(decide_may_hide(&self->sb, false));
	EXPECT_TRUE(decide_may_hide(&self->sb, true));
	make(self, inet);
	EXPECT_TRUE(decide_allows_inet(&self->sb));
	EXPECT_TRUE(decide_restricts(&self->sb, CAT_NET_CONNECT));
}

/* The entry NAME of DIR ("/d/"): hidden? *LIST its list step. */
static bool entry_hidden(const struct sandbox *sb, const struct decide_list *l,
			 const char *dir, const char *name,
			 struct decide_step *list)
{
	char path[256];

	snprintf(path, sizeof(path), "%s%s", dir, name);
	return decide_list_entry(sb, l, path, strlen(path), list);
}

TEST_F(decide, listing_entries)
{
	struct decide_list l;
	struct decide_step list;
	const char *const rules[] = { "default/all:allow",
				      "deny/stat+/d/.env*",
				      "warn/list+/d/*.log",
				      "deny/list+/d/private",
				      "deny/stat+/elsewhere/**",
				      "deny/walk+/w",
				      NULL };

	make(self, rules);
	decide_list_begin(&self->sb, "/d/", 3, &l);
	EXPECT_FALSE(l.all);
	EXPECT_FALSE(decide_list_shows_all(&l));
	/* rules under other directories are not candidates */
	EXPECT_EQ(1, l.ncand[0]);
	EXPECT_EQ(2, l.ncand[1]);
	EXPECT_TRUE(entry_hidden(&self->sb, &l, "/d/", ".env", &list));
	EXPECT_EQ(ACTION_ALLOW, list.act);
	EXPECT_FALSE(entry_hidden(&self->sb, &l, "/d/", "a.log", &list));
	EXPECT_EQ(ACTION_WARN, list.act);
	EXPECT_EQ(0, list.err);
	EXPECT_FALSE(entry_hidden(&self->sb, &l, "/d/", "private", &list));
	EXPECT_EQ(ACTION_DENY, list.act);
	EXPECT_EQ(-EACCES, list.err);
	EXPECT_FALSE(entry_hidden(&self->sb, &l, "/d/", "plain", &list));
	EXPECT_EQ(ACTION_ALLOW, list.act);
	/* nothing can hide under /other: the common case */
	decide_list_begin(&self->sb, "/other/", 7, &l);
	EXPECT_TRUE(decide_list_shows_all(&l));
	/* a directory that may not be walked hides every entry */
	decide_list_begin(&self->sb, "/w/sub/", 7, &l);
	EXPECT_TRUE(l.all);
}

TEST_F(decide, listing_with_many_rules_decides_each_entry)
{
	struct decide_list l;
	struct decide_step list;
	struct config_err err;
	char cmd[64];

	ASSERT_EQ(0, config_apply_arg(&self->cfg, "default/all:allow", &err));
	for (int i = 0; i < LIST_CANDIDATES + 4; i++) {
		snprintf(cmd, sizeof(cmd), "deny/stat+/d/h%d", i);
		ASSERT_EQ(0, config_apply_arg(&self->cfg, cmd, &err));
	}
	decide_list_begin(&self->sb, "/d/", 3, &l);
	EXPECT_TRUE(l.every[0]);
	EXPECT_TRUE(entry_hidden(&self->sb, &l, "/d/", "h19", &list));
	EXPECT_FALSE(entry_hidden(&self->sb, &l, "/d/", "h99", &list));
}
