/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The sandbox state: JSON dump, the rwlock, trace options. */
#include <pthread.h>

#include "harness.h"

#include "config/config.h"

TEST(json_dump_is_one_line_and_complete)
{
	struct sandbox sb;
	struct config cfg;
	struct config_err err;
	struct strbuf b = { 0 };

	ASSERT_EQ(0, sandbox_init(&sb));
	config_init(&cfg, &sb);
	ASSERT_EQ(0, config_apply_arg(&cfg, "allow/read+/a \"quoted\"", &err));
	ASSERT_EQ(0, config_apply_arg(&cfg, "sandbox/exec:off", &err));
	ASSERT_EQ(0, sandbox_to_json(&sb, &b));
	EXPECT_TRUE(strchr(strbuf_str(&b), '\n') == NULL);
	EXPECT_CONTAINS(strbuf_str(&b), "\"lock\":\"exec\"");
	EXPECT_CONTAINS(strbuf_str(&b), "\"exec\":false");
	EXPECT_CONTAINS(strbuf_str(&b), "\"read\":true");
	EXPECT_CONTAINS(strbuf_str(&b), "{\"act\":\"allow\",\"cap\":\"read\","
					"\"pat\":\"/a \\\"quoted\\\"\"}");
	EXPECT_CONTAINS(strbuf_str(&b), "\"net/connect\":\"deny\"");
	strbuf_fini(&b);
	/* Checked with python's json module when available. */
	sandbox_fini(&sb);
}

static struct sandbox shared;
static volatile int stop;
static pthread_barrier_t started;

static void *reader(void *arg)
{
	unsigned long n = 0;

	(void)arg;
	/* Everyone in the loop before the writer starts taking the lock. */
	sandbox_rdlock(&shared);
	n++;
	sandbox_unlock(&shared);
	pthread_barrier_wait(&started);
	while (!stop) {
		sandbox_rdlock(&shared);
		(void)sandbox_check_path(&shared, CAT_READ, "/x/y", 4, NULL);
		sandbox_unlock(&shared);
		n++;
	}
	return (void *)n;
}

TEST(readers_and_writer_share_the_lock)
{
	struct config cfg;
	struct config_err err;
	pthread_t t[4];
	char cmd[64];

	ASSERT_EQ(0, sandbox_init(&shared));
	config_init(&cfg, &shared);
	ASSERT_EQ(0, pthread_barrier_init(&started, NULL, 5));
	for (int i = 0; i < 4; i++)
		ASSERT_EQ(0, pthread_create(&t[i], NULL, reader, NULL));
	pthread_barrier_wait(&started);
	for (int i = 0; i < 2000; i++) {
		snprintf(cmd, sizeof(cmd), "allow/read+/x/%d", i);
		sandbox_wrlock(&shared);
		ASSERT_EQ(0, config_apply_arg(&cfg, cmd, &err));
		if (i % 3 == 0)
			config_apply_arg(&cfg, "allow/read^", &err);
		sandbox_unlock(&shared);
	}
	stop = 1;
	for (int i = 0; i < 4; i++) {
		void *n;

		pthread_join(t[i], &n);
		EXPECT_LT(0, (long)n);
	}
	sandbox_fini(&shared);
}

/* Enforced since they were implemented (t-tighten.sh): syd starts. */
TEST(tightening_trace_options_start)
{
	static const char *const cmds[] = {
		"trace/force_cloexec:1",    "trace/force_rand_fd:1",
		"trace/force_umask:077",    "trace/deny_tsc:1",
		"trace/lock_personality:1",
	};
	for (size_t i = 0; i < ARRAY_SIZE(cmds); i++) {
		struct sandbox sb;
		struct config cfg;
		struct config_err err;

		ASSERT_EQ(0, sandbox_init(&sb));
		config_init(&cfg, &sb);
		ASSERT_EQ(0, config_apply_arg(&cfg, cmds[i], &err));
		sandbox_fini(&sb);
	}
}
