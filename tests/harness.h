/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Minimal TAP test harness, shaped like the kernel's kselftest harness but
 * written for this project. Every test runs in its own forked child with a
 * timeout, because seccomp filters, Landlock rulesets and namespaces cannot
 * be undone; a crash or hang in one test fails that test only.
 *
 * A test file includes this header exactly once and defines TEST(name)
 * bodies; the header provides main(). Output is TAP 13 on stdout.
 *
 * Tests that start from the same state use a fixture, as in kselftest:
 *
 *	FIXTURE(tree)			// the state: FIXTURE_DATA(tree)
 *	{
 *		char dir[64];
 *		int fd;
 *	};
 *	FIXTURE_SETUP(tree) { ... make it in *self; ASSERT_... }
 *	FIXTURE_TEARDOWN(tree) { ... undo it }
 *	TEST_F(tree, name) { ... self->fd ... }
 *
 * In the test's child, *self is zeroed, FIXTURE_SETUP makes it, the test
 * runs and FIXTURE_TEARDOWN undoes it: also after the test failed an
 * ASSERT or called SKIP, so what setup made outside the child (files,
 * directories) does not outlive a failure. A setup that fails an ASSERT
 * or calls SKIP ends the test (failed, or skipped) before it starts, with
 * no teardown: its state is half made. A setup that returns with a failed
 * EXPECT is torn down, and the test fails without running. A crash or a
 * timeout kills the child: no teardown then. An ASSERT or SKIP in the
 * teardown ends it there. The test's TAP name is NAME alone, as TEST's.
 */
#ifndef SYD_TESTS_HARNESS_H
#define SYD_TESTS_HARNESS_H

#include <errno.h>
#include <inttypes.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define HARNESS_MAX_TESTS 512
#define HARNESS_SKIP_CODE 77
#define HARNESS_TIMEOUT_S 60

typedef void (*harness_fn)(void);

struct harness_test {
	const char *name;
	harness_fn fn;
};

static struct harness_test harness_tests[HARNESS_MAX_TESTS];
static size_t harness_ntests;
static int harness_failed; /* in the child: a failed EXPECT seen */
static int harness_skip_fd = -1; /* in the child: where SKIP writes why */

/*
 * In the child of a TEST_F: a failed ASSERT or a SKIP jumps back to run the
 * teardown, unless it happens in a process the test forked (it would tear
 * down the fixture under the test) or in the teardown itself.
 */
static sigjmp_buf harness_jmp;
static pid_t harness_jmp_pid; /* the test's child while a jump is armed */
static int harness_bail_code; /* the exit status a jump carries */
static enum {
	HARNESS_SETUP = 1,
	HARNESS_TEST
} harness_phase;

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

#define TEST(name)                                                             \
	static void test_##name(void);                                         \
	__attribute__((constructor)) static void harness_reg_##name(void)      \
	{                                                                      \
		harness_register(#name, test_##name);                          \
	}                                                                      \
	static void test_##name(void)

/* Ends the test's child with CODE, through the teardown if one is due. */
__attribute__((noreturn)) static inline void harness_bail(int code)
{
	if (harness_jmp_pid && harness_jmp_pid == getpid()) {
		harness_bail_code = code;
		siglongjmp(harness_jmp, 1);
	}
	_exit(code);
}

/* Setup returned: run the test unless it failed an EXPECT. */
static inline bool harness_fixture_ready(const char *fix)
{
	harness_phase = HARNESS_TEST;
	if (harness_failed)
		harness_diag("FIXTURE_SETUP(%s) failed: the test did not run",
			     fix);
	return !harness_failed;
}

/* The test is over: tear down what a setup that returned made. */
static inline bool harness_fixture_made(const char *fix)
{
	harness_jmp_pid = 0;
	if (harness_phase == HARNESS_SETUP &&
	    harness_bail_code != HARNESS_SKIP_CODE)
		harness_diag("FIXTURE_SETUP(%s) failed: the test did not run",
			     fix);
	return harness_phase == HARNESS_TEST;
}

/* After the teardown: the exit a failed ASSERT or a SKIP asked for. */
static inline void harness_fixture_done(void)
{
	if (harness_bail_code) {
		fflush(stdout);
		_exit(harness_bail_code);
	}
}

#define FIXTURE_DATA(fix) struct harness_fixture_##fix

#define FIXTURE(fix)                                                           \
	FIXTURE_DATA(fix);                                                     \
	static void harness_setup_##fix(FIXTURE_DATA(fix) *self);              \
	static void harness_teardown_##fix(FIXTURE_DATA(fix) *self);           \
	FIXTURE_DATA(fix)

#define FIXTURE_SETUP(fix)                                                     \
	static void harness_setup_##fix(__attribute__((unused))                \
					FIXTURE_DATA(fix) *self)

#define FIXTURE_TEARDOWN(fix)                                                  \
	static void harness_teardown_##fix(__attribute__((unused))             \
					   FIXTURE_DATA(fix) *self)

/*
 * self_ is static, not on the stack: a local changed between sigsetjmp()
 * and siglongjmp() has no defined value after the jump. Each test's child
 * starts with it zeroed.
 */
#define TEST_F(fix, name)                                                      \
	static void test_##fix##_##name(FIXTURE_DATA(fix) *self);              \
	static void harness_f_##fix##_##name(void)                             \
	{                                                                      \
		static FIXTURE_DATA(fix) self_;                                \
                                                                               \
		if (sigsetjmp(harness_jmp, 0) == 0) {                          \
			harness_jmp_pid = getpid();                            \
			harness_phase = HARNESS_SETUP;                         \
			harness_setup_##fix(&self_);                           \
			if (harness_fixture_ready(#fix))                       \
				test_##fix##_##name(&self_);                   \
		}                                                              \
		if (harness_fixture_made(#fix))                                \
			harness_teardown_##fix(&self_);                        \
		harness_fixture_done();                                        \
	}                                                                      \
	__attribute__((constructor)) static void harness_reg_##fix##_##name(   \
		void)                                                          \
	{                                                                      \
		harness_register(#name, harness_f_##fix##_##name);             \
	}                                                                      \
	static void test_##fix##_##name(__attribute__((unused))                \
					FIXTURE_DATA(fix) *self)

#define TH_FAIL_(fatal, ...)                                                   \
	do {                                                                   \
		harness_diag("%s:%d: ", __FILE__, __LINE__);                   \
		harness_diag(__VA_ARGS__);                                     \
		harness_failed = 1;                                            \
		if (fatal)                                                     \
			harness_bail(1);                                       \
	} while (0)

#define TH_CMP_INT_(fatal, op, exp, got)                                       \
	do {                                                                   \
		intmax_t th_e_ = (intmax_t)(exp), th_g_ = (intmax_t)(got);     \
		if (!(th_e_ op th_g_))                                         \
			TH_FAIL_(fatal, "expected %s (%jd) " #op " %s (%jd)",  \
				 #exp, th_e_, #got, th_g_);                    \
	} while (0)

#define EXPECT_EQ(exp, got) TH_CMP_INT_(0, ==, exp, got)
#define EXPECT_NE(exp, got) TH_CMP_INT_(0, !=, exp, got)
#define EXPECT_LT(exp, got) TH_CMP_INT_(0, <, exp, got)
#define EXPECT_LE(exp, got) TH_CMP_INT_(0, <=, exp, got)
#define ASSERT_EQ(exp, got) TH_CMP_INT_(1, ==, exp, got)
#define ASSERT_NE(exp, got) TH_CMP_INT_(1, !=, exp, got)
#define EXPECT_TRUE(c)	    TH_CMP_INT_(0, ==, 1, !!(c))
#define EXPECT_FALSE(c)	    TH_CMP_INT_(0, ==, 0, !!(c))
#define ASSERT_TRUE(c)	    TH_CMP_INT_(1, ==, 1, !!(c))
#define ASSERT_FALSE(c)	    TH_CMP_INT_(1, ==, 0, !!(c))

#define TH_CMP_STR_(fatal, exp, got)                                           \
	do {                                                                   \
		const char *th_e_ = (exp), *th_g_ = (got);                     \
		if (!th_e_ || !th_g_ || strcmp(th_e_, th_g_) != 0)             \
			TH_FAIL_(fatal, "expected %s \"%s\", got %s \"%s\"",   \
				 #exp, th_e_ ? th_e_ : "(null)", #got,         \
				 th_g_ ? th_g_ : "(null)");                    \
	} while (0)

#define EXPECT_STREQ(exp, got) TH_CMP_STR_(0, exp, got)
#define ASSERT_STREQ(exp, got) TH_CMP_STR_(1, exp, got)

/* Substring check: the message a user sees must say what went wrong. */
#define EXPECT_CONTAINS(hay, needle)                                           \
	do {                                                                   \
		const char *th_h_ = (hay), *th_n_ = (needle);                  \
		if (!th_h_ || !strstr(th_h_, th_n_))                           \
			TH_FAIL_(0, "\"%s\" does not contain \"%s\"",          \
				 th_h_ ? th_h_ : "(null)", th_n_);             \
	} while (0)

/* Ends the test as skipped: a missing kernel feature is never a pass. */
#define SKIP(...)                                                              \
	do {                                                                   \
		if (harness_skip_fd >= 0)                                      \
			dprintf(harness_skip_fd, __VA_ARGS__);                 \
		harness_bail(HARNESS_SKIP_CODE);                               \
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
