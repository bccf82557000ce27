/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Rule lists: last match wins, removal semantics, names, tips. */
#include <arpa/inet.h>
#include <netinet/in.h>

#include "harness.h"

#include "policy/rules.h"

TEST(names_round_trip)
{
	enum cat c;
	enum action a;

	for (int i = 0; i < CAT_COUNT; i++) {
		const char *n = cat_name((enum cat)i);

		ASSERT_EQ(0, cat_from_name(n, strlen(n), &c));
		EXPECT_EQ(i, (int)c);
	}
	for (int i = 0; i < ACTION_COUNT; i++) {
		const char *n = action_name((enum action)i);

		ASSERT_EQ(0, action_from_name(n, strlen(n), &a));
		EXPECT_EQ(i, (int)a);
	}
	EXPECT_EQ(-EINVAL, cat_from_name("rea", 3, &c));
	EXPECT_EQ(-EINVAL, action_from_name("allo", 4, &a));
	EXPECT_TRUE(action_allows(ACTION_WARN));
	EXPECT_FALSE(action_allows(ACTION_FILTER));
	EXPECT_EQ(0, netlink_family_from_name("route"));
	EXPECT_STREQ("audit", netlink_family_name(9));
}

TEST(last_match_wins_and_removal)
{
	struct rule_list l = { 0 };
	const char *why = NULL;
	const struct rule *r;

	ASSERT_EQ(0, rule_list_add(&l, CAT_READ, ACTION_ALLOW, "/a/***", &why));
	ASSERT_EQ(0,
		  rule_list_add(&l, CAT_READ, ACTION_DENY, "/a/b/***", &why));
	r = rule_list_match_path(&l, "/a/b/c", 6);
	ASSERT_TRUE(r != NULL);
	EXPECT_EQ(ACTION_DENY, r->act);
	r = rule_list_match_path(&l, "/a/c", 4);
	ASSERT_TRUE(r != NULL);
	EXPECT_EQ(ACTION_ALLOW, r->act);
	EXPECT_TRUE(rule_list_match_path(&l, "/b", 2) == NULL);
	EXPECT_EQ(0, (int)rule_list_del(&l, ACTION_ALLOW, "/a/b/***", true));
	EXPECT_EQ(1, (int)rule_list_del(&l, ACTION_DENY, "/a/b/***", true));
	r = rule_list_match_path(&l, "/a/b/c", 6);
	ASSERT_TRUE(r != NULL);
	EXPECT_EQ(ACTION_ALLOW, r->act);
	rule_list_pop(&l);
	EXPECT_EQ(0, (int)l.n);
	rule_list_clear(&l);
}

TEST(address_rules_match_sockaddrs)
{
	struct rule_list l = { 0 };
	struct sockaddr_in in = { .sin_family = AF_INET };
	const char *why = NULL;

	ASSERT_EQ(0, rule_list_add(&l, CAT_NET_CONNECT, ACTION_ALLOW,
				   "loopback!80", &why));
	in.sin_port = htons(80);
	in.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	EXPECT_TRUE(rule_list_match_addr(&l, (struct sockaddr *)&in,
					 sizeof(in)) != NULL);
	in.sin_port = htons(81);
	EXPECT_TRUE(rule_list_match_addr(&l, (struct sockaddr *)&in,
					 sizeof(in)) == NULL);
	EXPECT_EQ(-EINVAL, rule_list_add(&l, CAT_NET_CONNECT, ACTION_ALLOW,
					 "nonsense", &why));
	EXPECT_EQ(1, (int)l.n);
	EXPECT_EQ(-EINVAL,
		  rule_list_add(&l, CAT_LOCK, ACTION_ALLOW, "/x", &why));
	EXPECT_STREQ("this category takes no rules", why);
	rule_list_clear(&l);
}

TEST(tip_escapes_glob_characters)
{
	struct strbuf b = { 0 };
	struct rule_list l = { 0 };
	const char *why = NULL;
	const char *path = "/tmp/a*b?[c]\\d";

	rule_tip(&b, CAT_WRITE, path);
	EXPECT_STREQ("allow/write+/tmp/a\\*b\\?\\[c\\]\\\\d", strbuf_str(&b));
	/* The tip, applied, allows exactly that path. */
	ASSERT_EQ(0,
		  rule_list_add(&l, CAT_WRITE, ACTION_ALLOW,
				strbuf_str(&b) + strlen("allow/write+"), &why));
	EXPECT_TRUE(rule_list_match_path(&l, path, strlen(path)) != NULL);
	EXPECT_TRUE(rule_list_match_path(&l, "/tmp/aXb?[c]\\d", 14) == NULL);
	rule_list_clear(&l);
	strbuf_fini(&b);
}
