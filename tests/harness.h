/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Minimal TAP test harness, shaped like the kernel's kselftest harness but
 * written for this project. Every test runs in its own forked child with a
 * timeout, because seccomp filters, Landlock rulesets and namespaces cannot
 * be undone; a crash or hang in one test fails that test only.
 *
 * A test file includes this header exactly once and defines TEST(name)
 * bodies; the header provides main(). Output is TAP 13 on stdout.
 */
#ifndef SYD_TESTS_HARNESS_H
#define SYD_TESTS_HARNESS_H

#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define HARNESS_MAX_TESTS  512
#define HARNESS_SKIP_CODE  77
#define HARNESS_TIMEOUT_S  60

typedef void (*harness_fn)(void);

struct harness_test {
	const char *name;
	harness_fn fn;
};

static struct harness_test harness_tests[HARNESS_MAX_TESTS];
static size_t harness_ntests;
static int harness_failed; /* in the child: a failed EXPECT seen */
static int harness_skip_fd = -1; /* in the child: where SKIP writes why */

static void harness_register(const char *name, harness_fn fn)
{
	if (harness_ntests == HARNESS_MAX_TESTS) {
		fprintf(stderr, "harness: too many tests\n");
		abort();
	}
	harness_tests[harness_ntests].name = name;
	harness_tests[harness_ntests].fn = fn;
	harness_ntests++;
}

#define TEST(name)                                                            \
	static void test_##name(void);                                        \
	__attribute__((constructor)) static void harness_reg_##name(void)     \
	{                                                                     \
		harness_register(#name, test_##name);                         \
	}                                                                     \
	static void test_##name(void)

/* Diagnostics go to stdout as TAP comments so they stay beside the result. */
__attribute__((format(printf, 1, 2))) static void harness_diag(const char *fmt,
							       ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
	fflush(stdout);
}

#define TH_FAIL_(fatal, ...)                                                  \
	do {                                                                  \
		harness_diag("%s:%d: ", __FILE__, __LINE__);                  \
		harness_diag(__VA_ARGS__);                                    \
		harness_failed = 1;                                           \
		if (fatal)                                                    \
			_exit(1);                                             \
	} while (0)

#define TH_CMP_INT_(fatal, op, exp, got)                                      \
	do {                                                                  \
		intmax_t th_e_ = (intmax_t)(exp), th_g_ = (intmax_t)(got);    \
		if (!(th_e_ op th_g_))                                        \
			TH_FAIL_(fatal, "expected %s (%jd) " #op " %s (%jd)", \
				 #exp, th_e_, #got, th_g_);                   \
	} while (0)

#define EXPECT_EQ(exp, got) TH_CMP_INT_(0, ==, exp, got)
#define EXPECT_NE(exp, got) TH_CMP_INT_(0, !=, exp, got)
#define EXPECT_LT(exp, got) TH_CMP_INT_(0, <, exp, got)
#define EXPECT_LE(exp, got) TH_CMP_INT_(0, <=, exp, got)
#define ASSERT_EQ(exp, got) TH_CMP_INT_(1, ==, exp, got)
#define ASSERT_NE(exp, got) TH_CMP_INT_(1, !=, exp, got)
#define EXPECT_TRUE(c)      TH_CMP_INT_(0, ==, 1, !!(c))
#define EXPECT_FALSE(c)     TH_CMP_INT_(0, ==, 0, !!(c))
#define ASSERT_TRUE(c)      TH_CMP_INT_(1, ==, 1, !!(c))
#define ASSERT_FALSE(c)     TH_CMP_INT_(1, ==, 0, !!(c))

#define TH_CMP_STR_(fatal, exp, got)                                          \
	do {                                                                  \
		const char *th_e_ = (exp), *th_g_ = (got);                    \
		if (!th_e_ || !th_g_ || strcmp(th_e_, th_g_) != 0)            \
			TH_FAIL_(fatal, "expected %s \"%s\", got %s \"%s\"",  \
				 #exp, th_e_ ? th_e_ : "(null)", #got,        \
				 th_g_ ? th_g_ : "(null)");                   \
	} while (0)

#define EXPECT_STREQ(exp, got) TH_CMP_STR_(0, exp, got)
#define ASSERT_STREQ(exp, got) TH_CMP_STR_(1, exp, got)

/* Substring check: the message a user sees must say what went wrong. */
#define EXPECT_CONTAINS(hay, needle)                                          \
	do {                                                                  \
		const char *th_h_ = (hay), *th_n_ = (needle);                 \
		if (!th_h_ || !strstr(th_h_, th_n_))                          \
			TH_FAIL_(0, "\"%s\" does not contain \"%s\"",         \
				 th_h_ ? th_h_ : "(null)", th_n_);            \
	} while (0)

/* Ends the test as skipped: a missing kernel feature is never a pass. */
#define SKIP(...)                                                             \
	do {                                                                  \
		if (harness_skip_fd >= 0)                                     \
			dprintf(harness_skip_fd, __VA_ARGS__);                \
		_exit(HARNESS_SKIP_CODE);                                     \
	} while (0)

static int harness_run_one(size_t i, size_t num)
{
	const struct harness_test *t = &harness_tests[i];
	char why[256] = "";
	int pfd[2], status = 0;
	ssize_t n;
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	if (pipe(pfd) < 0) {
		printf("not ok %zu - %s # pipe: %s\n", num, t->name,
		       strerror(errno));
		return 1;
	}
	pid = fork();
	if (pid < 0) {
		printf("not ok %zu - %s # fork: %s\n", num, t->name,
		       strerror(errno));
		return 1;
	}
	if (pid == 0) {
		close(pfd[0]);
		harness_skip_fd = pfd[1];
		alarm(HARNESS_TIMEOUT_S);
		t->fn();
		fflush(stdout);
		/* exit(), not _exit(): LeakSanitizer checks at exit. */
		exit(harness_failed ? 1 : 0);
	}
	close(pfd[1]);
	n = read(pfd[0], why, sizeof(why) - 1);
	why[n > 0 ? n : 0] = '\0';
	close(pfd[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFEXITED(status) && WEXITSTATUS(status) == HARNESS_SKIP_CODE) {
		printf("ok %zu - %s # SKIP %s\n", num, t->name, why);
		return 0;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		printf("ok %zu - %s\n", num, t->name);
		return 0;
	}
	if (WIFSIGNALED(status))
		printf("not ok %zu - %s # killed by signal %d%s\n", num,
		       t->name, WTERMSIG(status),
		       WTERMSIG(status) == SIGALRM ? " (timeout)" : "");
	else
		printf("not ok %zu - %s\n", num, t->name);
	return 1;
}

/* Usage: test-x [SUBSTRING]: runs the tests whose name contains SUBSTRING. */
int main(int argc, char **argv)
{
	const char *filter = argc > 1 ? argv[1] : NULL;
	size_t i, planned = 0, num = 0;
	int failed = 0;

	for (i = 0; i < harness_ntests; i++)
		if (!filter || strstr(harness_tests[i].name, filter))
			planned++;
	printf("TAP version 13\n1..%zu\n", planned);
	for (i = 0; i < harness_ntests; i++)
		if (!filter || strstr(harness_tests[i].name, filter))
			failed |= harness_run_one(i, ++num);
	fflush(stdout);
	return failed ? 1 : 0;
}

#endif /* SYD_TESTS_HARNESS_H */
