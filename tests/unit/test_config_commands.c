/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The command table's lookup on its own: which row a key and operator
 * reach, what part of the key the handler gets, and the exact reason for
 * an unknown command, one not supported yet, and a missing or wrong
 * operator (the reason syd prints after the place and the quoted line).
 */
#include "harness.h"

#include "config/internal.h"

TEST(key_and_operator_reach_their_row)
{
	static const struct {
		const char *key;
		char op;
		const char *row, *sub;
	} rows[] = {
		{ "lock", ':', "lock", "" },
		{ "reset", 0, "reset", "" },
		{ "allow/read", '+', "allow/", "read" },
		{ "deny/read,write", '^', "deny/", "read,write" },
		{ "allow/net/connect", '-', "allow/", "net/connect" },
		{ "allow/lock/read", '+', "allow/", "lock/read" },
		{ "sandbox/read", '?', "sandbox/", "read" },
		{ "unshare/pid", '?', "unshare/", "pid" },
		{ "trace/allow_unsafe_env", ':', "trace/", "allow_unsafe_env" },
		{ "root", ':', "root", "" },
		{ "mask", '^', "mask", "" },
		/* A prefix row takes an empty rest too: its handler refuses. */
		{ "log/", ':', "log/", "" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		const struct cmd *cmd = NULL;
		const char *sub = NULL;
		char why[256] = "";

		if (cmd_lookup(rows[i].key, rows[i].op, &cmd, &sub, why,
			       sizeof(why)) != 0) {
			harness_diag("row %zu: '%s': %s", i, rows[i].key, why);
			EXPECT_TRUE(false);
			continue;
		}
		EXPECT_STREQ(rows[i].row, cmd->key);
		EXPECT_STREQ(rows[i].sub, sub);
	}
}

TEST(lookup_refusals_say_what_was_expected)
{
	static const struct {
		const char *key;
		char op;
		int err;
		const char *why;
	} rows[] = {
		{ "frobnicate", ':', -EINVAL,
		  "unknown command 'frobnicate' (see syd(2))" },
		/* "allow/" is a prefix: "allow" alone is no command. */
		{ "allow", '+', -EINVAL,
		  "unknown command 'allow' (see syd(2))" },
		{ "root/fake", ':', -EOPNOTSUPP,
		  "'root/fake' is not supported yet" },
		/* load/FD is a prefix row and takes no operator. */
		{ "load/3", ':', -EINVAL,
		  "operator ':' not accepted: expected load/FD" },
		{ "root/map", ':', -EOPNOTSUPP,
		  "'root/map' is not supported yet" },
		{ "crypt/key", ':', -EOPNOTSUPP,
		  "'crypt/key' is not supported yet" },
		/* Not supported is said before the operator is looked at. */
		{ "root/map", '+', -EOPNOTSUPP,
		  "'root/map' is not supported yet" },
		{ "sandbox/read", 0, -EINVAL,
		  "missing operator: expected sandbox/CATEGORIES:on|off" },
		{ "allow/read", 0, -EINVAL,
		  "missing operator: expected allow/CATEGORIES+PATTERN" },
		{ "reset", ':', -EINVAL,
		  "operator ':' not accepted: expected reset" },
		{ "allow/read", ':', -EINVAL,
		  "operator ':' not accepted: expected "
		  "allow/CATEGORIES+PATTERN" },
		{ "lock", '+', -EINVAL,
		  "operator '+' not accepted: expected "
		  "lock:off|exec|drop|read|on" },
		{ "trace/allow_unsafe_env", '?', -EINVAL,
		  "operator '?' not accepted: expected trace/OPTION:VALUE" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		const struct cmd *cmd;
		const char *sub;
		char why[256] = "";

		EXPECT_EQ(rows[i].err, cmd_lookup(rows[i].key, rows[i].op, &cmd,
						  &sub, why, sizeof(why)));
		EXPECT_STREQ(rows[i].why, why);
	}
}

TEST(every_row_is_reached_by_its_own_key)
{
	for (size_t i = 0; i < ncmds; i++) {
		const struct cmd *row = &cmds[i], *cmd = NULL;
		size_t n = strlen(row->key);
		char key[64], op = row->ops[0], why[256] = "";
		const char *sub;
		int err;

		/* A prefix row is reached by a key that goes on past it. */
		snprintf(key, sizeof(key), "%s%s", row->key,
			 row->key[n - 1] == '/' ? "x" : "");
		err = cmd_lookup(key, op, &cmd, &sub, why, sizeof(why));
		EXPECT_EQ(row->fn ? 0 : -EOPNOTSUPP, err);
		if (row->fn && cmd != row)
			harness_diag("'%s' reaches row '%s'", key,
				     cmd ? cmd->key : "(none)");
		if (row->fn)
			EXPECT_TRUE(cmd == row);
	}
}
