/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JSON log lines: fields, tip, levels, rate limiting, SYD_LOG_FD. */
#include <fcntl.h>

#include "harness.h"

#include "log.h"

static int capture(void)
{
	char path[] = "/tmp/syd-log-XXXXXX";
	int fd = mkstemp(path);
	char num[16];
	const char *why = NULL;

	unlink(path);
	snprintf(num, sizeof(num), "%d", fd);
	setenv("SYD_LOG_FD", num, 1);
	if (log_init(&why) < 0)
		return -1;
	return fd;
}

static char *slurp(int fd, char *buf, size_t size)
{
	ssize_t n = pread(fd, buf, size - 1, 0);

	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

TEST(access_line_has_every_field)
{
	struct log_access a = { .pid = getpid(),
				.sys = "openat",
				.cap = CAT_WRITE,
				.act = ACTION_DENY,
				.path = "/home/u/.cache/x",
				.err = EACCES };
	char buf[8192], *s;
	int fd = capture();

	ASSERT_TRUE(fd >= 0);
	log_access(&a);
	s = slurp(fd, buf, sizeof(buf));
	EXPECT_CONTAINS(s, "{\"time\":\"20");
	EXPECT_CONTAINS(s, "Z\",\"level\":\"warn\"");
	EXPECT_CONTAINS(s, "\"ppid\":");
	EXPECT_CONTAINS(s, "\"cmd\":\"");
	EXPECT_CONTAINS(s, "\"cwd\":\"/");
	EXPECT_CONTAINS(
		s, "\"sys\":\"openat\",\"cap\":\"write\",\"act\":\"deny\"");
	EXPECT_CONTAINS(s, "\"path\":\"/home/u/.cache/x\"");
	EXPECT_CONTAINS(s, "\"errno\":\"EACCES\"");
	EXPECT_CONTAINS(s, "\"tip\":\"allow/write+/home/u/.cache/x\"");
	EXPECT_EQ('\n', s[strlen(s) - 1]);
	EXPECT_TRUE(strchr(s, '\n') == s + strlen(s) - 1);
}

TEST(filter_and_allow_are_not_logged)
{
	struct log_access a = { .pid = getpid(),
				.cap = CAT_READ,
				.act = ACTION_FILTER,
				.path = "/x" };
	char buf[256];
	int fd = capture();

	ASSERT_TRUE(fd >= 0);
	log_access(&a);
	a.act = ACTION_ALLOW;
	log_access(&a);
	EXPECT_STREQ("", slurp(fd, buf, sizeof(buf)));
	a.act = ACTION_WARN;
	log_access(&a);
	EXPECT_CONTAINS(slurp(fd, buf, sizeof(buf)), "\"act\":\"warn\"");
}

TEST(repeats_are_rate_limited)
{
	struct log_access a = { .pid = getpid(),
				.cap = CAT_READ,
				.act = ACTION_DENY,
				.path = "/loop" };
	char buf[65536], *s;
	int fd = capture(), lines = 0;

	ASSERT_TRUE(fd >= 0);
	for (int i = 0; i < 1000; i++)
		log_access(&a);
	a.path = "/other";
	log_access(&a);
	s = slurp(fd, buf, sizeof(buf));
	for (char *p = s; (p = strchr(p, '\n')); p++)
		lines++;
	EXPECT_EQ(2, lines);
	usleep(1100 * 1000);
	a.path = "/loop";
	log_access(&a);
	EXPECT_CONTAINS(slurp(fd, buf, sizeof(buf)), "\"suppressed\":999");
}

TEST(levels_and_bad_environment)
{
	const char *why = NULL;
	enum log_level l;

	unsetenv("SYD_LOG_FD");
	setenv("SYD_LOG", "debug", 1);
	ASSERT_EQ(0, log_init(&why));
	EXPECT_TRUE(log_enabled(LOG_DEBUG));
	setenv("SYD_LOG", "3", 1);
	ASSERT_EQ(0, log_init(&why));
	EXPECT_EQ(LOG_ERR, log_get_level());
	EXPECT_FALSE(log_enabled(LOG_WARN));
	setenv("SYD_LOG", "chatty", 1);
	EXPECT_EQ(-EINVAL, log_init(&why));
	EXPECT_CONTAINS(why, "SYD_LOG: expected");
	unsetenv("SYD_LOG");
	setenv("SYD_LOG_FD", "abc", 1);
	EXPECT_EQ(-EINVAL, log_init(&why));
	EXPECT_CONTAINS(why, "SYD_LOG_FD: expected a file descriptor");
	setenv("SYD_LOG_FD", "999", 1);
	EXPECT_EQ(-EINVAL, log_init(&why));
	EXPECT_CONTAINS(why, "not an open file descriptor");
	setenv("SYD_LOG_FD", "-1", 1);
	EXPECT_EQ(0, log_init(&why));
	EXPECT_EQ(-1, log_fd());
	EXPECT_FALSE(log_enabled(LOG_EMERG));
	EXPECT_EQ(0, log_level_from_name("notice", &l));
	EXPECT_EQ(LOG_NOTICE, l);
}

TEST(message_lines_are_json)
{
	char buf[1024];
	int fd = capture();

	ASSERT_TRUE(fd >= 0);
	log_set_level(LOG_INFO);
	log_msg(LOG_INFO, "hello %s", "\"world\"");
	log_msg(LOG_DEBUG, "hidden");
	EXPECT_CONTAINS(slurp(fd, buf, sizeof(buf)),
			"\"level\":\"info\",\"pid\":");
	EXPECT_CONTAINS(buf, "\"msg\":\"hello \\\"world\\\"\"}");
	EXPECT_TRUE(strstr(buf, "hidden") == NULL);
}
