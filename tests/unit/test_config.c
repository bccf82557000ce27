/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The configuration parser: every command form changes the state it should,
 * and every malformed line is refused with a message that names the text and
 * what was expected, leaving the state as it was.
 */
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>

#include "harness.h"

#include "config/config.h"
#include "policy/pattern.h"

/* A sandbox with its defaults and the parser's state on it. */
FIXTURE(config)
{
	struct sandbox sb;
	struct config cfg;
	struct config_err err;
};

FIXTURE_SETUP(config)
{
	ASSERT_EQ(0, sandbox_init(&self->sb));
	config_init(&self->cfg, &self->sb);
}

FIXTURE_TEARDOWN(config)
{
	sandbox_fini(&self->sb);
}

/* The fixture's sandbox replaced by a new one, for a test of several. */
static void renew(FIXTURE_DATA(config) *f)
{
	sandbox_fini(&f->sb);
	memset(f, 0, sizeof(*f));
	ASSERT_EQ(0, sandbox_init(&f->sb));
	config_init(&f->cfg, &f->sb);
}

static int apply(FIXTURE_DATA(config) *f, const char *cmd)
{
	return config_apply_arg(&f->cfg, cmd, &f->err);
}

static enum action decide(FIXTURE_DATA(config) *f, enum cat cat,
			  const char *path)
{
	return sandbox_check_path(&f->sb, cat, path, strlen(path), NULL);
}

TEST_F(config, defaults_deny_everything)
{
	EXPECT_EQ(ACTION_DENY, decide(self, CAT_READ, "/etc/passwd"));
	EXPECT_EQ(ACTION_DENY, decide(self, CAT_EXEC, "/usr/bin/true"));
	EXPECT_EQ(LOCK_STATE_EXEC, self->sb.lock_state);
	EXPECT_TRUE(sandbox_enabled(&self->sb, CAT_NET_CONNECT));
	EXPECT_FALSE(sandbox_enabled(&self->sb, CAT_LOCK));
}

TEST_F(config, last_matching_rule_wins)
{
	ASSERT_EQ(0, apply(self, "allow/read+/home/***"));
	ASSERT_EQ(0, apply(self, "deny/read+/home/*/.ssh/***"));
	ASSERT_EQ(0, apply(self, "allow/read+/home/u/.ssh/known_hosts"));
	EXPECT_EQ(ACTION_ALLOW, decide(self, CAT_READ, "/home/u/x"));
	EXPECT_EQ(ACTION_DENY, decide(self, CAT_READ, "/home/u/.ssh/id_rsa"));
	EXPECT_EQ(ACTION_ALLOW,
		  decide(self, CAT_READ, "/home/u/.ssh/known_hosts"));
	/* Other categories are untouched. */
	EXPECT_EQ(ACTION_DENY, decide(self, CAT_WRITE, "/home/u/x"));
}

TEST_F(config, category_lists_and_all)
{
	ASSERT_EQ(0, apply(self, "allow/read,write,stat+/tmp/***"));
	EXPECT_EQ(ACTION_ALLOW, decide(self, CAT_READ, "/tmp/a"));
	EXPECT_EQ(ACTION_ALLOW, decide(self, CAT_WRITE, "/tmp/a"));
	EXPECT_EQ(ACTION_ALLOW, decide(self, CAT_STAT, "/tmp"));
	EXPECT_EQ(ACTION_DENY, decide(self, CAT_EXEC, "/tmp/a"));
	ASSERT_EQ(0, apply(self, "allow/all+/srv/***"));
	EXPECT_EQ(ACTION_ALLOW, decide(self, CAT_MKFIFO, "/srv/x"));
	EXPECT_EQ(ACTION_ALLOW, decide(self, CAT_NET_SENDFD, "/srv/x"));
	/* "all" skips categories the value does not fit (net/link). */
	EXPECT_EQ(0, (int)self->sb.rules[CAT_NET_LINK].n);
	ASSERT_EQ(0, apply(self, "allow/all+route"));
	EXPECT_EQ(1, (int)self->sb.rules[CAT_NET_LINK].n);
}

TEST_F(config, operators_remove_and_clear)
{
	ASSERT_EQ(0, apply(self, "allow/read+/a"));
	ASSERT_EQ(0, apply(self, "allow/read+/b"));
	ASSERT_EQ(0, apply(self, "allow/read+/a"));
	ASSERT_EQ(0, apply(self, "deny/read+/a"));
	EXPECT_EQ(4, (int)self->sb.rules[CAT_READ].n);
	/* '-' removes the last equal entry of that action only. */
	ASSERT_EQ(0, apply(self, "allow/read-/a"));
	EXPECT_EQ(3, (int)self->sb.rules[CAT_READ].n);
	EXPECT_STREQ("/b", self->sb.rules[CAT_READ].v[1].text);
	EXPECT_EQ(ACTION_DENY, self->sb.rules[CAT_READ].v[2].act);
	ASSERT_EQ(0, apply(self, "allow/read+/a"));
	ASSERT_EQ(0, apply(self, "allow/read^/a"));
	EXPECT_EQ(2, (int)self->sb.rules[CAT_READ].n);
	/* '^' with no value clears that action's list. */
	ASSERT_EQ(0, apply(self, "allow/read^"));
	EXPECT_EQ(1, (int)self->sb.rules[CAT_READ].n);
	EXPECT_EQ(ACTION_DENY, self->sb.rules[CAT_READ].v[0].act);
}

TEST_F(config, sandbox_toggle_and_query)
{
	ASSERT_EQ(0, apply(self, "sandbox/read,write:off"));
	EXPECT_FALSE(sandbox_enabled(&self->sb, CAT_READ));
	EXPECT_EQ(ACTION_ALLOW, decide(self, CAT_READ, "/etc/shadow"));
	EXPECT_EQ(-ENOENT, apply(self, "sandbox/read?"));
	EXPECT_CONTAINS(self->err.msg, "query is false");
	ASSERT_EQ(0, apply(self, "sandbox/read:on"));
	EXPECT_EQ(0, apply(self, "sandbox/read?"));
	ASSERT_EQ(0, apply(self, "sandbox/all:off"));
	EXPECT_FALSE(sandbox_enabled(&self->sb, CAT_NET_BIND));
	ASSERT_EQ(0, apply(self, "sandbox/net:on"));
	EXPECT_TRUE(sandbox_enabled(&self->sb, CAT_NET_LINK));
	ASSERT_EQ(0, apply(self, "sandbox/lock:true"));
	EXPECT_TRUE(sandbox_enabled(&self->sb, CAT_LOCK));
}

TEST_F(config, default_actions)
{
	ASSERT_EQ(0, apply(self, "default/read,stat:warn"));
	EXPECT_EQ(ACTION_WARN, decide(self, CAT_READ, "/x"));
	ASSERT_EQ(0, apply(self, "default/all:filter"));
	EXPECT_EQ(ACTION_FILTER, decide(self, CAT_EXEC, "/x"));
	ASSERT_EQ(0, apply(self, "default/block:kill"));
	EXPECT_EQ(ACTION_KILL, self->sb.dflt[CAT_BLOCK]);
	EXPECT_EQ(-EINVAL, apply(self, "default/lock:allow"));
	EXPECT_CONTAINS(self->err.msg, "default/lock takes kill");
	EXPECT_EQ(-EINVAL, apply(self, "default/read:maybe"));
	EXPECT_CONTAINS(self->err.msg, "unknown action 'maybe'");
}

TEST_F(config, every_action_prefix_makes_rules)
{
	static const char *const acts[] = { "allow", "warn",  "filter",
					    "deny",  "panic", "stop",
					    "abort", "kill",  "exit" };
	char cmd[64];

	for (size_t i = 0; i < ARRAY_SIZE(acts); i++) {
		snprintf(cmd, sizeof(cmd), "%s/write+/p%zu", acts[i], i);
		ASSERT_EQ(0, apply(self, cmd));
		EXPECT_EQ((int)i, (int)self->sb.rules[CAT_WRITE].v[i].act);
	}
}

TEST_F(config, lock_moves_only_toward_stricter)
{
	ASSERT_EQ(0, apply(self, "lock:off"));
	ASSERT_EQ(0, apply(self, "lock:drop"));
	EXPECT_EQ(LOCK_STATE_DROP, self->sb.lock_state);
	EXPECT_EQ(-EPERM, apply(self, "lock:exec"));
	EXPECT_CONTAINS(self->err.msg, "only move toward stricter");
	EXPECT_EQ(LOCK_STATE_DROP, self->sb.lock_state);
	ASSERT_EQ(0, apply(self, "lock:on"));
	EXPECT_EQ(-EINVAL, apply(self, "lock:maybe"));
	EXPECT_CONTAINS(self->err.msg, "expected off, exec, drop, read or on");
	EXPECT_EQ(-EOPNOTSUPP, apply(self, "lock:ipc"));
	/* reset never unlocks */
	ASSERT_EQ(0, apply(self, "reset"));
	EXPECT_EQ(LOCK_STATE_ON, self->sb.lock_state);
}

TEST_F(config, reset_restores_defaults)
{
	ASSERT_EQ(0, apply(self, "allow/read+/***"));
	ASSERT_EQ(0, apply(self, "sandbox/exec:off"));
	ASSERT_EQ(0, apply(self, "mask+/etc/shadow"));
	ASSERT_EQ(0, apply(self, "reset"));
	EXPECT_EQ(0, (int)self->sb.rules[CAT_READ].n);
	EXPECT_TRUE(sandbox_enabled(&self->sb, CAT_EXEC));
	EXPECT_EQ(0, (int)self->sb.masks.n);
}

TEST_F(config, errors_name_the_text_and_expectation)
{
	static const struct {
		const char *cmd;
		int err;
		const char *msg;
	} rows[] = {
		{ "frobnicate:1", -EINVAL, "unknown command 'frobnicate'" },
		{ "allow/reed+/x", -EINVAL, "unknown category 'reed'" },
		{ "allow/read*/x", -EINVAL, "expected one of the operators" },
		{ "allow/read:/x", -EINVAL, "operator ':' not accepted" },
		{ "allow/read+relative", -EINVAL, "pattern must be absolute" },
		{ "allow/read+/a[bc", -EINVAL, "unterminated '['" },
		{ "allow/read+", -EINVAL, "missing value" },
		{ "allow/net/connect+10.0.0.0/33!80", -EINVAL, "prefix" },
		{ "allow/net/connect+127.0.0.1!9-1", -EINVAL, "port range" },
		{ "allow/net/link+nosuchfamily", -EINVAL, "netlink family" },
		{ "sandbox/read:maybe", -EINVAL, "expected on or off" },
		{ "sandbox/read", -EINVAL, "missing operator" },
		{ "sandbox/block:on", -EINVAL, "cannot be turned on or off" },
		{ "allow/lock+/x", -EINVAL, "expected allow/lock/RIGHTS" },
		{ "deny/lock/read+/x", -EINVAL,
		  "Landlock rules take allow only" },
		{ "allow/lock/fly+/x", -EINVAL,
		  "unknown Landlock right 'fly'" },
		{ "allow/lock/read+/a/../b", -EINVAL, "may not contain '..'" },
		{ "allow/lock/bind+99999", -EINVAL, "bad port" },
		{ "allow/lock/bind+9-1", -EINVAL, "first port is greater" },
		{ "allow/stat+${SYD_TEST_UNDEFINED_VAR}/x", -EINVAL,
		  "undefined variable 'SYD_TEST_UNDEFINED_VAR'" },
		{ "allow/stat+/a$", -EINVAL, "stray '$'" },
		{ "trace/allow_unsafe_nothing:1", -EINVAL, "unknown option" },
		{ "trace/allow_unsafe_env:2", -EINVAL, "expected a boolean" },
		{ "trace/force_umask:999", -EINVAL, "octal mode" },
		{ "mem/max:lots", -EINVAL, "mem/max:SIZE" },
		{ "pid/max:-1", -EINVAL, "pid/max:NUMBER" },
		{ "unshare/moon:1", -EINVAL, "unknown namespace 'moon'" },
		{ "ioctl/allow+NOSUCHIOCTL", -EINVAL, "unknown ioctl request" },
		{ "allow/ioctl+NOSUCHIOCTL", -EINVAL,
		  "unknown ioctl request 'NOSUCHIOCTL'" },
		{ "kill/ioctl+TIOCSTI", -EINVAL,
		  "ioctl requests take allow or deny" },
		{ "force+/bin/x:sha256:abc", -EINVAL,
		  "expected 64 hex digits" },
		{ "force+/bin/x:rot13:abc", -EINVAL, "hash algorithm 'rot13'" },
		{ "force+bin:sha1:0000000000000000000000000000000000000000",
		  -EINVAL, "must be absolute" },
		{ "bind+/a:relative", -EINVAL, "absolute DST" },
		{ "bind+/a:/b:bogus", -EINVAL, "unknown mount option 'bogus'" },
		{ "root:relative", -EINVAL, "must be absolute" },
		{ "log/level:loud", -EINVAL, "unknown log level" },
		{ "include_profile nosuch", -EINVAL,
		  "unknown profile 'nosuch'" },
		{ "", -EINVAL, "empty command" },
		{ "reset:1", -EINVAL, "operator ':' not accepted" },
		{ "ghost", -EINVAL, "ghost is a run-time command" },
		{ "load/x", -EINVAL, "expected load/FD, FD a number" },
		{ "load!999999", -EINVAL, "cannot read fd 999999" },
		{ "cmd/exec!/bin/true", -EINVAL,
		  "cmd/exec is a run-time command" },
		{ "crypt+/x", -EOPNOTSUPP, "not supported yet" },
		{ "crypt/key:00", -EOPNOTSUPP, "not supported yet" },
		{ "proxy/port:9050", -EOPNOTSUPP, "not supported yet" },
		{ "setuid+0:65534", -EOPNOTSUPP, "not supported yet" },
		{ "sandbox/crypt:on", -EOPNOTSUPP,
		  "category 'crypt' is not supported yet" },
		{ "sandbox/pty:on", -EOPNOTSUPP, "not supported yet" },
		{ "allow/net/connect+tcp!1.2.3.4!80", -EOPNOTSUPP,
		  "dial strings" },
		{ "panic", -ECANCELED, "panic" },
	};
	char json_before[1 << 16];
	struct strbuf b = { 0 };

	ASSERT_EQ(0, sandbox_to_json(&self->sb, &b));
	snprintf(json_before, sizeof(json_before), "%s", strbuf_str(&b));
	strbuf_fini(&b);
	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		int got = apply(self, rows[i].cmd);

		if (got != rows[i].err)
			harness_diag("row %zu: '%s': %s", i, rows[i].cmd,
				     self->err.msg);
		EXPECT_EQ(rows[i].err, got);
		EXPECT_CONTAINS(self->err.msg, rows[i].msg);
		/* The message quotes the text as written and where from. */
		if (rows[i].cmd[0])
			EXPECT_CONTAINS(self->err.msg, rows[i].cmd);
		EXPECT_CONTAINS(self->err.msg, "-m '");
		EXPECT_EQ(rows[i].err == -ECANCELED ? 127 : 22,
			  self->err.status);
	}
	/* Nothing was half-applied. */
	ASSERT_EQ(0, sandbox_to_json(&self->sb, &b));
	EXPECT_STREQ(json_before, strbuf_str(&b));
	strbuf_fini(&b);
}

TEST_F(config, multi_category_rule_is_atomic)
{
	/* net/link cannot take a path: nothing at all may be added. */
	EXPECT_EQ(-EINVAL, apply(self, "allow/read,write,net/link+/x"));
	EXPECT_CONTAINS(self->err.msg, "net/link");
	EXPECT_EQ(0, (int)self->sb.rules[CAT_READ].n);
	EXPECT_EQ(0, (int)self->sb.rules[CAT_WRITE].n);
}

TEST_F(config, overlong_pattern_is_refused)
{
	char cmd[PATTERN_MAX + 64];

	strcpy(cmd, "allow/read+/");
	memset(cmd + 12, 'a', PATTERN_MAX);
	cmd[12 + PATTERN_MAX] = '\0';
	EXPECT_EQ(-EINVAL, apply(self, cmd));
	EXPECT_CONTAINS(self->err.msg, "pattern too long");
}

TEST_F(config, variables_and_tilde_expand)
{
	char want[512];

	setenv("HOME", "/home/tester", 1);
	setenv("SYD_TEST_DIR", "/srv/data", 1);
	ASSERT_EQ(0, apply(self, "allow/read+~/***"));
	EXPECT_STREQ("/home/tester/***", self->sb.rules[CAT_READ].v[0].text);
	ASSERT_EQ(0, apply(self, "allow/read+${SYD_TEST_DIR}/x"));
	EXPECT_STREQ("/srv/data/x", self->sb.rules[CAT_READ].v[1].text);
	ASSERT_EQ(0, apply(self, "allow/read+$SYD_TEST_DIR/y"));
	EXPECT_STREQ("/srv/data/y", self->sb.rules[CAT_READ].v[2].text);
	ASSERT_EQ(0, apply(self, "allow/read+/cost$$"));
	EXPECT_STREQ("/cost$", self->sb.rules[CAT_READ].v[3].text);
	ASSERT_EQ(0, apply(self, "allow/read+/u/${SYD_UID}"));
	snprintf(want, sizeof(want), "/u/%u", (unsigned)getuid());
	EXPECT_STREQ(want, self->sb.rules[CAT_READ].v[4].text);
	/* config/expand:0 turns expansion off. */
	ASSERT_EQ(0, apply(self, "config/expand:0"));
	ASSERT_EQ(0, apply(self, "allow/read+/lit/${X}"));
	EXPECT_STREQ("/lit/${X}", self->sb.rules[CAT_READ].v[5].text);
}

TEST_F(config, special_lists_are_recorded)
{
	struct strbuf b = { 0 };

	ASSERT_EQ(0, apply(self, "mask+/etc/shadow"));
	ASSERT_EQ(0, apply(self, "mask+/proc/kcore:/dev/zero"));
	ASSERT_EQ(0, apply(self, "append+/var/log/***"));
	ASSERT_EQ(0, apply(self, "block+10.0.0.0/8"));
	ASSERT_EQ(0, apply(self, "block+::ffff:192.168.0.0/112"));
	ASSERT_EQ(0, apply(self, "ioctl/deny+TIOCSTI"));
	ASSERT_EQ(0, apply(self, "ioctl/allow+0x5401"));
	ASSERT_EQ(0, apply(self, "force+/usr/bin/x:sha256:"
				 "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B9"
				 "34CA495991B7852B855:warn"));
	ASSERT_EQ(0, apply(self, "bind+tmpfs:/tmp:nodev,nosuid,mode=1777"));
	ASSERT_EQ(0, apply(self, "unshare/mount,pid:1"));
	ASSERT_EQ(0, apply(self, "root:/srv/root"));
	ASSERT_EQ(0, apply(self, "name/host:box"));
	ASSERT_EQ(0, apply(self, "mem/max:256M"));
	ASSERT_EQ(0, apply(self, "pid/max:128"));
	ASSERT_EQ(0, apply(self, "segvguard/expiry:2m"));
	ASSERT_EQ(0, apply(self, "tpe/gid:100"));
	ASSERT_EQ(0, apply(self, "trace/allow_unsafe_env:1"));
	ASSERT_EQ(0, apply(self, "allow/lock/read,exec+/usr"));
	ASSERT_EQ(0, apply(self, "allow/lock/bind+8080,9000-9100"));
	ASSERT_EQ(0, sandbox_to_json(&self->sb, &b));
	EXPECT_CONTAINS(strbuf_str(&b),
			"{\"pat\":\"/etc/shadow\",\"target\":\"/dev/null\"}");
	EXPECT_CONTAINS(strbuf_str(&b), "\"target\":\"/dev/zero\"");
	EXPECT_CONTAINS(strbuf_str(&b), "\"append\":[\"/var/log/***\"]");
	EXPECT_CONTAINS(strbuf_str(&b),
			"\"block\":[\"10.0.0.0/8\",\"192.168.0.0/16\"]");
	EXPECT_CONTAINS(strbuf_str(&b), "\"deny\":[21522]");
	EXPECT_CONTAINS(strbuf_str(&b), "\"allow\":[21505]");
	EXPECT_CONTAINS(strbuf_str(&b), "\"sum\":\"e3b0c442");
	EXPECT_CONTAINS(strbuf_str(&b), "\"act\":\"warn\"}");
	EXPECT_CONTAINS(strbuf_str(&b), "\"opt\":\"nodev,nosuid,mode=1777\"");
	EXPECT_CONTAINS(strbuf_str(&b), "\"unshare\":[\"mount\",\"pid\"]");
	EXPECT_CONTAINS(strbuf_str(&b), "\"root\":\"/srv/root\"");
	EXPECT_CONTAINS(strbuf_str(&b), "\"hostname\":\"box\"");
	EXPECT_CONTAINS(strbuf_str(&b), "\"max\":268435456");
	EXPECT_CONTAINS(strbuf_str(&b), "\"pid\":{\"max\":128}");
	EXPECT_CONTAINS(strbuf_str(&b), "\"expiry\":120");
	strbuf_fini(&b);
}

/* Does V, a vec of uint64_t, hold REQ? */
static bool holds(const struct vec *v, uint64_t req)
{
	for (size_t i = 0; i < v->n; i++)
		if (*(const uint64_t *)vec_at(v, i) == req)
			return true;
	return false;
}

/*
 * Syd's spelling: allow/ioctl+REQUEST and deny/ioctl+REQUEST are request
 * rules (names from the kernel headers, or numbers); a path value stays a
 * path rule of the ioctl category.
 */
TEST_F(config, ioctl_requests_as_category_rules)
{
	ASSERT_EQ(0, apply(self, "allow/ioctl+TCGETS"));
	EXPECT_TRUE(holds(&self->sb.ioctl_allow, 0x5401));
	ASSERT_EQ(0, apply(self, "deny/ioctl+TIOCSTI"));
	EXPECT_TRUE(holds(&self->sb.ioctl_deny, 0x5412));
	ASSERT_EQ(0, apply(self, "deny/ioctl+0x541b"));
	EXPECT_TRUE(holds(&self->sb.ioctl_deny, 0x541b));
	ASSERT_EQ(0, apply(self, "allow/ioctl+KVM_RUN"));
	EXPECT_TRUE(holds(&self->sb.ioctl_allow, 0xae80));
	/* The last list named wins, across both spellings. */
	ASSERT_EQ(0, apply(self, "allow/ioctl+0x541b"));
	EXPECT_FALSE(holds(&self->sb.ioctl_deny, 0x541b));
	ASSERT_EQ(0, apply(self, "allow/ioctl-KVM_RUN"));
	EXPECT_FALSE(holds(&self->sb.ioctl_allow, 0xae80));
	ASSERT_EQ(0, apply(self, "allow/ioctl+/dev/tty"));
	EXPECT_EQ(1, (long)self->sb.rules[CAT_IOCTL].n);
}

/* Older spellings Paludis's sydbox helper still sends. */
TEST_F(config, paludis_aliases)
{
	ASSERT_EQ(0, apply(self, "sandbox/mkdev:on"));
	EXPECT_TRUE(sandbox_enabled(&self->sb, CAT_MKBDEV));
	EXPECT_TRUE(sandbox_enabled(&self->sb, CAT_MKCDEV));
	ASSERT_EQ(0, apply(self, "sandbox/mkdev?"));
	ASSERT_EQ(0, apply(self, "sandbox/mkbdev:off"));
	EXPECT_EQ(-ENOENT, apply(self, "sandbox/mkdev?"));
	ASSERT_EQ(0, apply(self, "allow/mkdev+/dev/x"));
	EXPECT_EQ(1, (long)self->sb.rules[CAT_MKBDEV].n);
	EXPECT_EQ(1, (long)self->sb.rules[CAT_MKCDEV].n);
	ASSERT_EQ(0, apply(self, "allow/mkdev-/dev/x"));
	EXPECT_EQ(0, (long)self->sb.rules[CAT_MKCDEV].n);
	ASSERT_EQ(0, apply(self, "exec/kill+/bin/x"));
	ASSERT_EQ(1, (long)self->sb.rules[CAT_EXEC].n);
	EXPECT_EQ(ACTION_KILL, self->sb.rules[CAT_EXEC].v[0].act);
	ASSERT_EQ(0, apply(self, "exec/kill-/bin/x"));
	EXPECT_EQ(0, (long)self->sb.rules[CAT_EXEC].n);
	EXPECT_EQ(-EINVAL, apply(self, "exec/resume+/bin/x"));
}

TEST_F(config, ioctl_request_is_on_the_list_named_last)
{
	ASSERT_EQ(0, apply(self, "ioctl/deny+FIFREEZE"));
	ASSERT_EQ(0, apply(self, "ioctl/allow+FIFREEZE"));
	EXPECT_TRUE(holds(&self->sb.ioctl_allow, 0xc0045877));
	EXPECT_FALSE(holds(&self->sb.ioctl_deny, 0xc0045877));
	ASSERT_EQ(0, apply(self, "ioctl/deny+0xc0045877"));
	EXPECT_FALSE(holds(&self->sb.ioctl_allow, 0xc0045877));
	EXPECT_TRUE(holds(&self->sb.ioctl_deny, 0xc0045877));
	/* Twice on one list is once. */
	ASSERT_EQ(0, apply(self, "ioctl/deny+FIFREEZE"));
	EXPECT_EQ(1, (long)self->sb.ioctl_deny.n);
	/* Names of syd's default deny list are accepted. */
	ASSERT_EQ(0, apply(self, "ioctl/allow+LOOP_CTL_ADD"));
	EXPECT_TRUE(holds(&self->sb.ioctl_allow, 0x4c80));
	ASSERT_EQ(0, apply(self, "ioctl/allow+XFS_IOC_OPEN_BY_HANDLE"));
	EXPECT_TRUE(holds(&self->sb.ioctl_allow, 0xc038586b));
	/* The kernel reads 32 bits: a longer number is no request. */
	EXPECT_EQ(-EINVAL, apply(self, "ioctl/allow+0x100000000"));
}

TEST_F(config, include_relative_loop_and_missing)
{
	char dir[] = "/tmp/syd-test-XXXXXX", path[256];
	FILE *fp;

	ASSERT_TRUE(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/sub", dir);
	ASSERT_EQ(0, mkdir(path, 0700));
	snprintf(path, sizeof(path), "%s/a.syd-3", dir);
	fp = fopen(path, "w");
	fprintf(fp, "# top\nallow/read+/a\ninclude sub/b.syd-3\n");
	fclose(fp);
	snprintf(path, sizeof(path), "%s/sub/b.syd-3", dir);
	fp = fopen(path, "w");
	fprintf(fp, "allow/read+/b   # trailing comment\n\ninclude c.syd-3\n");
	fclose(fp);
	snprintf(path, sizeof(path), "%s/sub/c.syd-3", dir);
	fp = fopen(path, "w");
	fprintf(fp, "allow/read+/c#not-a-comment\n");
	fclose(fp);
	snprintf(path, sizeof(path), "%s/a.syd-3", dir);
	ASSERT_EQ(0, config_load_file(&self->cfg, path, &self->err));
	ASSERT_EQ(3, (int)self->sb.rules[CAT_READ].n);
	EXPECT_STREQ("/b", self->sb.rules[CAT_READ].v[1].text);
	EXPECT_STREQ("/c#not-a-comment", self->sb.rules[CAT_READ].v[2].text);

	/* c includes a: a loop, reported at c's line. */
	snprintf(path, sizeof(path), "%s/sub/c.syd-3", dir);
	fp = fopen(path, "w");
	fprintf(fp, "include ../a.syd-3\n");
	fclose(fp);
	snprintf(path, sizeof(path), "%s/a.syd-3", dir);
	EXPECT_EQ(-ELOOP, config_load_file(&self->cfg, path, &self->err));
	EXPECT_CONTAINS(self->err.msg, "include loop");
	EXPECT_CONTAINS(self->err.msg, "c.syd-3:1: 'include ../a.syd-3'");

	snprintf(path, sizeof(path), "%s/sub/c.syd-3", dir);
	fp = fopen(path, "w");
	fprintf(fp, "\n\ninclude missing.syd-3\n");
	fclose(fp);
	snprintf(path, sizeof(path), "%s/a.syd-3", dir);
	EXPECT_EQ(-EINVAL, config_load_file(&self->cfg, path, &self->err));
	EXPECT_CONTAINS(self->err.msg, "c.syd-3:3: 'include missing.syd-3'");
	EXPECT_CONTAINS(self->err.msg, "No such file or directory");

	EXPECT_EQ(-EINVAL, config_load_file(&self->cfg, "/nonexistent.syd-3",
					    &self->err));
	EXPECT_CONTAINS(self->err.msg, "-P '/nonexistent.syd-3': cannot open");
	EXPECT_EQ(-EINVAL,
		  config_load_file(&self->cfg, "/etc/passwd", &self->err));
	EXPECT_CONTAINS(self->err.msg, "must end in .syd-3");
	snprintf(path, sizeof(path), "rm -rf %s", dir);
	EXPECT_EQ(0, system(path));
}

TEST_F(config, file_errors_name_file_and_line)
{
	char path[] = "/tmp/syd-test-XXXXXX.syd-3";
	int fd;

	fd = mkstemps(path, 6);
	ASSERT_TRUE(fd >= 0);
	ASSERT_TRUE(write(fd, "allow/read+/ok\n\n  deny/write+oops\n", 34) ==
		    34);
	close(fd);
	EXPECT_EQ(-EINVAL, config_load_file(&self->cfg, path, &self->err));
	EXPECT_CONTAINS(self->err.msg,
			":3: 'deny/write+oops': pattern must be absolute");
	EXPECT_CONTAINS(self->err.msg, path);
	unlink(path);
}

TEST_F(config, every_profile_parses)
{
	for (const struct profile *p = profile_list(); p->name; p++) {
		int err;

		renew(self);
		err = config_load_profile(&self->cfg, p->name, &self->err);
		if (err)
			harness_diag("profile %s: %s", p->name, self->err.msg);
		EXPECT_EQ(0, err);
	}
}

TEST_F(config, profiles_decide_as_documented)
{
	ASSERT_EQ(0, config_load_profile(&self->cfg, "linux", &self->err));
	EXPECT_EQ(ACTION_ALLOW, decide(self, CAT_READ, "/usr/lib/libc.so.6"));
	EXPECT_EQ(ACTION_ALLOW, decide(self, CAT_EXEC, "/usr/bin/true"));
	EXPECT_EQ(ACTION_DENY, decide(self, CAT_READ, "/etc/shadow"));
	EXPECT_EQ(ACTION_DENY, decide(self, CAT_WRITE, "/usr/bin/true"));
	EXPECT_EQ(ACTION_ALLOW, decide(self, CAT_WRITE, "/dev/null"));

	renew(self);
	ASSERT_EQ(0, config_load_profile(&self->cfg, "off", &self->err));
	EXPECT_EQ(ACTION_ALLOW, decide(self, CAT_WRITE, "/etc/passwd"));

	renew(self);
	ASSERT_EQ(0, config_load_profile(&self->cfg, "trace", &self->err));
	EXPECT_EQ(ACTION_WARN, decide(self, CAT_WRITE, "/etc/passwd"));

	renew(self);
	setenv("HOME", "/home/tester", 1);
	ASSERT_EQ(0, config_load_profile(&self->cfg, "agent", &self->err));
	EXPECT_EQ(LOCK_STATE_ON, self->sb.lock_state);
	EXPECT_EQ(ACTION_DENY,
		  decide(self, CAT_READ, "/home/tester/.ssh/id_ed25519"));
	EXPECT_EQ(ACTION_DENY, decide(self, CAT_READ, "/work/x/.env"));
	EXPECT_EQ(ACTION_ALLOW, decide(self, CAT_READ, "/usr/include/stdio.h"));
}

TEST(api_inventory_is_json_with_every_command)
{
	struct strbuf b = { 0 };

	config_api_json(&b);
	EXPECT_CONTAINS(strbuf_str(&b), "\"key\":\"sandbox/\"");
	EXPECT_CONTAINS(strbuf_str(&b), "\"key\":\"ghost\",\"ops\":\"\"");
	EXPECT_CONTAINS(strbuf_str(&b), "\"supported\":false");
	EXPECT_CONTAINS(strbuf_str(&b), "\"net/connect\"");
	strbuf_fini(&b);
}

/* ------------------------------------------------------------------ */
/* The secrets block and the profiles that read broadly.               */

/* tests/secrets.list: "secret PATH" and "public PATH" lines. */
struct secrets_list {
	char *secret[256], *public_[256];
	size_t nsecret, npublic;
};

static void secrets_list_load(struct secrets_list *l)
{
	FILE *f = fopen(SECRETS_LIST, "re");
	char line[PATH_MAX + 16];

	memset(l, 0, sizeof(*l));
	ASSERT_TRUE(f != NULL);
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (!strncmp(line, "secret ", 7) &&
		    l->nsecret < ARRAY_SIZE(l->secret))
			l->secret[l->nsecret++] = strdup(line + 7);
		else if (!strncmp(line, "public ", 7) &&
			 l->npublic < ARRAY_SIZE(l->public_))
			l->public_[l->npublic++] = strdup(line + 7);
	}
	fclose(f);
	ASSERT_TRUE(l->nsecret > 0 && l->npublic > 0);
}

static void secrets_list_free(struct secrets_list *l)
{
	for (size_t i = 0; i < l->nsecret; i++)
		free(l->secret[i]);
	for (size_t i = 0; i < l->npublic; i++)
		free(l->public_[i]);
}

/*
 * What the secrets block refuses: every category that reads, changes,
 * creates or removes the object. The name-only categories (stat, walk,
 * list, readlink, chdir, chroot) stay as the profile had them: a secret is
 * refused (EACCES), never hidden.
 */
static const enum cat secret_cats[] = {
	CAT_READ,   CAT_READDIR, CAT_WRITE,  CAT_EXEC,	  CAT_IOCTL,
	CAT_CREATE, CAT_DELETE,	 CAT_RENAME, CAT_SYMLINK, CAT_TRUNCATE,
	CAT_MKDIR,  CAT_RMDIR,	 CAT_CHOWN,  CAT_CHGRP,	  CAT_CHMOD,
	CAT_CHATTR, CAT_NOTIFY,	 CAT_UTIME,  CAT_MKBDEV,  CAT_MKCDEV,
	CAT_MKFIFO, CAT_MKTEMP,
};
static const enum cat name_cats[] = { CAT_STAT,	    CAT_WALK,  CAT_LIST,
				      CAT_READLINK, CAT_CHDIR, CAT_CHROOT };

/* Count (and show the first few of) secrets some category lets through. */
static int count_open_secrets(FIXTURE_DATA(config) *f, const char *what,
			      const struct secrets_list *l)
{
	int bad = 0;

	for (size_t i = 0; i < l->nsecret; i++)
		for (size_t c = 0; c < ARRAY_SIZE(secret_cats); c++) {
			enum action a = decide(f, secret_cats[c], l->secret[i]);

			if (!action_allows(a))
				continue;
			if (bad++ < 5)
				harness_diag("%s: %s %s is %s", what,
					     cat_name(secret_cats[c]),
					     l->secret[i], action_name(a));
		}
	return bad;
}

/* Making device nodes is refused everywhere, not only at the secrets. */
static bool device_node_cat(enum cat c)
{
	return c == CAT_MKBDEV || c == CAT_MKCDEV;
}

TEST_F(config, secrets_profile_refuses_the_list_and_nothing_else)
{
	struct secrets_list l;
	int bad = 0;

	secrets_list_load(&l);
	ASSERT_EQ(0, apply(self, "default/all:allow"));
	ASSERT_EQ(0, config_load_profile(&self->cfg, "secrets", &self->err));
	EXPECT_EQ(0, count_open_secrets(self, "secrets", &l));
	/* Refused, not hidden: programs that look for them still see them. */
	for (size_t i = 0; i < l.nsecret; i++)
		for (size_t c = 0; c < ARRAY_SIZE(name_cats); c++)
			if (decide(self, name_cats[c], l.secret[i]) !=
				    ACTION_ALLOW &&
			    bad++ < 5)
				harness_diag("%s %s refused",
					     cat_name(name_cats[c]),
					     l.secret[i]);
	for (size_t i = 0; i < l.npublic; i++)
		for (int c = CAT_PATH_FIRST; c <= CAT_PATH_LAST; c++)
			if (!device_node_cat((enum cat)c) &&
			    decide(self, (enum cat)c, l.public_[i]) !=
				    ACTION_ALLOW &&
			    bad++ < 10)
				harness_diag("public %s: %s refused",
					     l.public_[i],
					     cat_name((enum cat)c));
	EXPECT_EQ(0, bad);
	/*
	 * The list and profiles.c agree: every pattern of the block refuses
	 * some listed path, so a pattern cannot be added untested, and (above)
	 * every listed path is refused, so one cannot be dropped unnoticed.
	 */
	ASSERT_TRUE(self->sb.rules[CAT_READ].n > 0);
	for (size_t r = 0; r < self->sb.rules[CAT_READ].n; r++) {
		const struct rule *rule = &self->sb.rules[CAT_READ].v[r];
		bool hit = false;

		for (size_t i = 0; i < l.nsecret && !hit; i++)
			hit = pattern_match(rule->pat, l.secret[i],
					    strlen(l.secret[i]));
		if (!hit)
			harness_diag(
				"no secret in tests/secrets.list matches %s",
				rule->text);
		EXPECT_TRUE(hit);
	}
	/*
	 * One block: each refused category holds the same rules, and the
	 * device node categories one more: no node may be made anywhere.
	 */
	for (size_t c = 0; c < ARRAY_SIZE(secret_cats); c++)
		EXPECT_EQ((int)self->sb.rules[CAT_READ].n +
				  device_node_cat(secret_cats[c]),
			  (int)self->sb.rules[secret_cats[c]].n);
	EXPECT_NE(ACTION_ALLOW, decide(self, CAT_MKBDEV, "/tmp/work/loop0"));
	EXPECT_NE(ACTION_ALLOW, decide(self, CAT_MKCDEV, "/tmp/work/mem"));
	secrets_list_free(&l);
}

/*
 * off and lib turn sandboxing off, and trace allows everything with a log
 * line (learning mode): by design they refuse nothing, alone. Every other
 * profile refuses every secret, alone and stacked after user, since a later
 * profile's broad allow must not reopen what an earlier one refused.
 */
static bool refuses_nothing_by_design(const char *name)
{
	return !strcmp(name, "off") || !strcmp(name, "lib") ||
	       !strcmp(name, "trace");
}

TEST_F(config, every_profile_refuses_every_secret)
{
	struct secrets_list l;

	secrets_list_load(&l);
	setenv("HOME", "/home/tester", 1);
	for (const struct profile *p = profile_list(); p->name; p++) {
		char what[64];

		if (!refuses_nothing_by_design(p->name)) {
			renew(self);
			ASSERT_EQ(0, config_load_profile(&self->cfg, p->name,
							 &self->err));
			EXPECT_EQ(0, count_open_secrets(self, p->name, &l));
		}
		if (!strcmp(p->name, "off") || !strcmp(p->name, "lib"))
			continue;
		renew(self);
		ASSERT_EQ(0,
			  config_load_profile(&self->cfg, "user", &self->err));
		ASSERT_EQ(0,
			  config_load_profile(&self->cfg, p->name, &self->err));
		snprintf(what, sizeof(what), "user then %s", p->name);
		EXPECT_EQ(0, count_open_secrets(self, what, &l));
	}
	secrets_list_free(&l);
}

TEST_F(config, a_users_later_rule_reopens_a_secret)
{
	ASSERT_EQ(0, config_load_profile(&self->cfg, "user", &self->err));
	EXPECT_EQ(ACTION_DENY,
		  decide(self, CAT_READ, "/etc/ssh/ssh_host_ed25519_key"));
	ASSERT_EQ(0, apply(self, "allow/read+/etc/ssh/***"));
	EXPECT_EQ(ACTION_ALLOW,
		  decide(self, CAT_READ, "/etc/ssh/ssh_host_ed25519_key"));
	EXPECT_EQ(ACTION_DENY, decide(self, CAT_READ, "/etc/shadow"));
}

/* load/FD's text: every line judged as a /dev/syd command, all or none. */
TEST_F(config, runtime_load_applies_all_or_none)
{
	static const char good[] = "# a comment\n"
				   "allow/write+/a/***\n"
				   "\n"
				   "deny/write+/a/no\n"
				   "allow/ioctl+TCGETS";
	static const char *const bad[] = {
		/* the 4th line is malformed: the 3 before are undone */
		("deny/write+/a/***\nlock:on\nsandbox/read:off\n"
		 "allow/write+relative\n"),
		/* refused before anything is applied */
		"deny/write+/a/***\nsandbox/read?\n",
		"deny/write+/a/***\nreset\n",
		"deny/write+/a/***\ninclude /etc/x.syd-3\n",
		"deny/write+/a/***\nunshare/net:1\n",
	};
	static const char drop[] = "deny/write+/a/x\nallow/write+/b\n";
	size_t writes, ioctls;

	self->sb.lock_state = LOCK_STATE_OFF;
	self->sb.hooked = self->sb.enabled;
	self->sb.hiding_hooked = true;
	ASSERT_EQ(0,
		  config_load_runtime(&self->cfg, good, strlen(good), "load/3",
				      self->sb.hooked, &self->err));
	EXPECT_EQ(ACTION_ALLOW, decide(self, CAT_WRITE, "/a/x"));
	EXPECT_EQ(ACTION_DENY, decide(self, CAT_WRITE, "/a/no"));
	writes = self->sb.rules[CAT_WRITE].n;
	ioctls = self->sb.ioctl_allow.n;
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		int err = config_load_runtime(&self->cfg, bad[i],
					      strlen(bad[i]), "load/3",
					      self->sb.hooked, &self->err);

		EXPECT_TRUE(err == -EINVAL || err == -EPERM || err == -EBUSY);
		EXPECT_CONTAINS(self->err.msg, "load/3 line ");
		EXPECT_EQ(ACTION_ALLOW, decide(self, CAT_WRITE, "/a/x"));
		EXPECT_EQ(writes, self->sb.rules[CAT_WRITE].n);
		EXPECT_EQ(ioctls, self->sb.ioctl_allow.n);
		EXPECT_EQ(LOCK_STATE_OFF, self->sb.lock_state);
		EXPECT_TRUE(sandbox_enabled(&self->sb, CAT_READ));
	}
	/* lock:drop: a loosening line after a tightening one, neither kept */
	self->sb.lock_state = LOCK_STATE_DROP;
	EXPECT_EQ(-EPERM,
		  config_load_runtime(&self->cfg, drop, strlen(drop), "load/3",
				      self->sb.hooked, &self->err));
	EXPECT_EQ(ACTION_ALLOW, decide(self, CAT_WRITE, "/a/x"));
	EXPECT_EQ(writes, self->sb.rules[CAT_WRITE].n);
}

/* lock:drop: a force+ is a tightening only where any content ran already. */
TEST_F(config, runtime_drop_force_rule_never_lets_more_run)
{
#define H1 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define H2 "0000000000000000000000000000000000000000000000000000000000000000"
	static const char *const refused[] = {
		/* a new digest for a listed program */
		"force+/usr/bin/x:sha256:" H2,
		/* a program default/force refuses */
		"force+/usr/bin/y:sha256:" H2,
	};

	ASSERT_EQ(0, apply(self, "force+/usr/bin/x:sha256:" H1));
	self->sb.lock_state = LOCK_STATE_DROP;
	self->sb.hooked = self->sb.enabled;
	self->sb.hiding_hooked = true;
	/* Force off: every exec runs, a rule changes nothing yet. */
	EXPECT_EQ(0, config_apply_runtime(&self->cfg,
					  "force+/usr/bin/y:sha256:" H1,
					  self->sb.hooked, &self->err));
	ASSERT_EQ(0, apply(self, "force-/usr/bin/y"));
	ASSERT_EQ(0, apply(self, "sandbox/force:on"));
	self->sb.lock_state = LOCK_STATE_DROP;
	for (size_t i = 0; i < sizeof(refused) / sizeof(*refused); i++)
		EXPECT_EQ(-EPERM,
			  config_apply_runtime(&self->cfg, refused[i],
					       self->sb.hooked, &self->err));
	EXPECT_EQ(1u, self->sb.forces.n);
	/* default/force:allow: a rule for an unlisted path only narrows it */
	self->sb.dflt[CAT_FORCE] = ACTION_ALLOW;
	EXPECT_EQ(0, config_apply_runtime(&self->cfg,
					  "force+/usr/bin/y:sha256:" H2,
					  self->sb.hooked, &self->err));
	EXPECT_EQ(2u, self->sb.forces.n);
#undef H1
#undef H2
}
