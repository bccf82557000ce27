/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The lexer of the configuration language on its own: what a line loses as
 * comment and blanks, how it splits into key, operator and value, and the
 * exact reason each malformed line is refused with (the reason syd prints
 * after the place and the quoted line).
 */
#include "harness.h"

#include "config/internal.h"

TEST(strip_cuts_the_comment_and_the_blanks_around)
{
	static const struct {
		const char *in, *out;
	} rows[] = {
		{ "allow/read+/x", "allow/read+/x" },
		{ "allow/read+/x # why", "allow/read+/x" },
		{ "allow/read+/x\t# why", "allow/read+/x" },
		{ "# a whole line of comment", "" },
		{ "#sandbox/read:on", "" },
		/* '#' inside a word is part of it: patterns may hold one. */
		{ "allow/read+/a#b", "allow/read+/a#b" },
		{ "allow/read+/a#b # why", "allow/read+/a#b" },
		{ "a # b # c", "a" },
		{ "  \tlock:on \t\r", "lock:on" },
		{ "lock:on\r", "lock:on" },
		{ "", "" },
		{ " \t\r ", "" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		char buf[128];

		snprintf(buf, sizeof(buf), "%s", rows[i].in);
		EXPECT_STREQ(rows[i].out, lex_strip(buf));
	}
}

TEST(line_splits_into_key_operator_and_value)
{
	static const struct {
		const char *line;
		enum lex_kind kind;
		const char *key;
		char op;
		const char *arg;
	} rows[] = {
		{ "allow/read+/usr/***", LEX_COMMAND, "allow/read", '+',
		  "/usr/***" },
		{ "allow/read,write-/tmp", LEX_COMMAND, "allow/read,write", '-',
		  "/tmp" },
		{ "allow/read^", LEX_COMMAND, "allow/read", '^', "" },
		{ "sandbox/read?", LEX_COMMAND, "sandbox/read", '?', "" },
		{ "lock:on", LEX_COMMAND, "lock", ':', "on" },
		{ "load!3", LEX_COMMAND, "load", '!', "3" },
		{ "reset", LEX_COMMAND, "reset", 0, "" },
		{ "trace/allow_unsafe_namespace:user,pid", LEX_COMMAND,
		  "trace/allow_unsafe_namespace", ':', "user,pid" },
		/* The first character that is not a key's is the operator. */
		{ "allow/net/connect+1.2.3.4!80", LEX_COMMAND,
		  "allow/net/connect", '+', "1.2.3.4!80" },
		{ "mask+/a:b+c:/dev/null", LEX_COMMAND, "mask", '+',
		  "/a:b+c:/dev/null" },
		{ "allow/read+ /x", LEX_COMMAND, "allow/read", '+', " /x" },
		{ "include /etc/a.syd-3", LEX_INCLUDE, "", 0, "/etc/a.syd-3" },
		{ "include \t a b.syd-3", LEX_INCLUDE, "", 0, "a b.syd-3" },
		{ "include_profile linux", LEX_INCLUDE_PROFILE, "", 0,
		  "linux" },
		{ "include_profile   tty", LEX_INCLUDE_PROFILE, "", 0, "tty" },
		/* Without a blank after it, "include" is a key like others. */
		{ "include", LEX_COMMAND, "include", 0, "" },
		{ "include_profile", LEX_COMMAND, "include_profile", 0, "" },
		{ "includex:1", LEX_COMMAND, "includex", ':', "1" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		struct lex_line l;
		char why[256] = "";

		if (lex_line(rows[i].line, &l, why, sizeof(why)) != 0) {
			harness_diag("row %zu: '%s': %s", i, rows[i].line, why);
			EXPECT_TRUE(false);
			continue;
		}
		EXPECT_EQ(rows[i].kind, l.kind);
		EXPECT_STREQ(rows[i].key, l.key);
		EXPECT_EQ(rows[i].op, l.op);
		EXPECT_STREQ(rows[i].arg, l.arg);
	}
}

TEST(line_refusals_say_what_was_expected)
{
	static const char command[] =
		"expected a command such as sandbox/read:on or "
		"allow/read+/usr/*** (see syd(2))";
	static const struct {
		const char *line;
		const char *why;
	} rows[] = {
		{ "", command },
		{ "+/x", command },
		{ ":on", command },
		/* Keys are lower case: a capital is no key character. */
		{ "Allow/read+/x", command },
		{ "Include x.syd-3", command },
		{ "allow/read*/x",
		  "unexpected '*' after 'allow/read': expected "
		  "one of the operators : + - ^ ? !" },
		{ "allow/read +/x",
		  "unexpected ' ' after 'allow/read': expected "
		  "one of the operators : + - ^ ? !" },
		{ "sandbox/Read:on",
		  "unexpected 'R' after 'sandbox/': expected "
		  "one of the operators : + - ^ ? !" },
		{ "include\tx.syd-3",
		  "unexpected '\t' after 'include': expected "
		  "one of the operators : + - ^ ? !" },
		{ "include ", "expected include PATH" },
		{ "include \t", "expected include PATH" },
		{ "include_profile ", "expected include_profile NAME" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		struct lex_line l;
		char why[256] = "";

		EXPECT_EQ(-EINVAL,
			  lex_line(rows[i].line, &l, why, sizeof(why)));
		EXPECT_STREQ(rows[i].why, why);
	}
}

TEST(key_of_255_bytes_is_the_longest)
{
	char line[300], why[256] = "";
	struct lex_line l;

	memset(line, 'k', 255);
	strcpy(line + 255, ":1");
	ASSERT_EQ(0, lex_line(line, &l, why, sizeof(why)));
	EXPECT_EQ(255, (int)strlen(l.key));
	EXPECT_EQ(':', l.op);
	EXPECT_STREQ("1", l.arg);
	memset(line, 'k', 256);
	strcpy(line + 256, ":1");
	EXPECT_EQ(-EINVAL, lex_line(line, &l, why, sizeof(why)));
	EXPECT_CONTAINS(why, "expected a command such as");
}

TEST(comma_lists_split_into_items_empty_ones_too)
{
	static const struct {
		const char *list;
		const char *items; /* the items joined with '|' */
	} rows[] = {
		{ "read", "read" },
		{ "read,write", "read|write" },
		{ "net/connect,net/bind,all", "net/connect|net/bind|all" },
		{ "", "" },
		{ ",", "|" },
		{ "read,", "read|" },
		{ ",read", "|read" },
		{ "read,,write", "read||write" },
		{ "mode=1777,size=1G", "mode=1777|size=1G" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		const char *next = rows[i].list, *item;
		char got[128] = "";
		size_t len, n = 0, used = 0, commas = 0;

		while (lex_item(&next, &item, &len)) {
			used += (size_t)snprintf(got + used, sizeof(got) - used,
						 "%s%.*s", n++ ? "|" : "",
						 (int)len, item);
			ASSERT_TRUE(used < sizeof(got));
		}
		EXPECT_STREQ(rows[i].items, got);
		/* One item more than there are commas, empty ones too. */
		for (const char *c = rows[i].list; (c = strchr(c, ',')); c++)
			commas++;
		EXPECT_EQ((int)commas + 1, (int)n);
	}
}
