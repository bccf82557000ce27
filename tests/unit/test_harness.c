/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The harness itself: FIXTURE and TEST_F run setup, test and teardown in
 * the test's child, the teardown also after a failed ASSERT or a SKIP,
 * and a setup that fails fails its test. Each case runs one test of
 * harness_probe (built beside this file's program) and reads the TAP it
 * prints and its exit status: what a user of the harness would see.
 */
#include "harness.h"

#include <limits.h>

struct probe_run {
	int status; /* the probe's exit status, or -1 */
	char out[8192]; /* its stdout */
};

/* Runs the probe's test NAME alone into *R. */
static void probe(const char *name, struct probe_run *r)
{
	char exe[PATH_MAX], prog[PATH_MAX + 16];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	size_t len = 0;
	int pfd[2], status;
	pid_t pid;

	memset(r, 0, sizeof(*r));
	r->status = -1;
	ASSERT_TRUE(n > 0);
	exe[n] = '\0';
	*strrchr(exe, '/') = '\0';
	snprintf(prog, sizeof(prog), "%s/harness_probe", exe);
	ASSERT_EQ(0, access(prog, X_OK));
	ASSERT_EQ(0, pipe(pfd));
	fflush(stdout);
	pid = fork();
	ASSERT_TRUE(pid >= 0);
	if (pid == 0) {
		dup2(pfd[1], STDOUT_FILENO);
		close(pfd[0]);
		close(pfd[1]);
		execl(prog, prog, name, (char *)NULL);
		_exit(127);
	}
	close(pfd[1]);
	while (len < sizeof(r->out) - 1 &&
	       (n = read(pfd[0], r->out + len, sizeof(r->out) - 1 - len)) > 0)
		len += (size_t)n;
	r->out[len] = '\0';
	close(pfd[0]);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	if (WIFEXITED(status))
		r->status = WEXITSTATUS(status);
	/* One test ran: the name picked it alone. */
	EXPECT_CONTAINS(r->out, "\n1..1\n");
}

/* R's output as comments, indented: its TAP lines are not this test's. */
static void show(const struct probe_run *r)
{
	for (const char *p = r->out; *p;) {
		size_t n = strcspn(p, "\n");

		harness_diag("  %.*s", (int)n, p);
		p += n + (p[n] == '\n');
	}
}

/* Are the NULL-terminated LINES in R's output, each after the one before? */
static bool in_order(const struct probe_run *r, const char *const *lines)
{
	const char *at = r->out;

	for (; *lines; lines++) {
		const char *hit = strstr(at, *lines);

		if (!hit) {
			harness_diag("\"%.*s\" is not where it should be in:",
				     (int)strcspn(*lines, "\n"), *lines);
			show(r);
			return false;
		}
		at = hit + strlen(*lines);
	}
	return true;
}

/* How many times NEEDLE is in R's output. */
static int count(const struct probe_run *r, const char *needle)
{
	int n = 0;

	for (const char *p = r->out; (p = strstr(p, needle)); p++)
		n++;
	return n;
}

TEST(fixture_setup_test_and_teardown_run_in_order)
{
	static const char *const lines[] = { "# probe: setup, value 0\n",
					     "# probe: test, value 42\n",
					     "# probe: teardown, value 43\n",
					     "ok 1 - probe_passes\n", NULL };
	struct probe_run r;

	probe("probe_passes", &r);
	EXPECT_EQ(0, r.status);
	EXPECT_TRUE(in_order(&r, lines));
}

TEST(fixture_teardown_runs_after_a_failed_assert)
{
	static const char *const lines[] = {
		"# probe: test\n", "expected 1 (1) == 2 (2)",
		"# probe: teardown, value 44\n",
		"not ok 1 - probe_fails_an_assert\n", NULL
	};
	struct probe_run r;

	probe("probe_fails_an_assert", &r);
	EXPECT_EQ(1, r.status);
	EXPECT_TRUE(in_order(&r, lines));
	EXPECT_EQ(0, count(&r, "after the assert"));
}

TEST(fixture_failed_expect_goes_on_then_tears_down)
{
	static const char *const lines[] = {
		"expected 1 (1) == 2 (2)", "# probe: after the expect\n",
		"# probe: teardown, value 42\n",
		"not ok 1 - probe_fails_an_expect\n", NULL
	};
	struct probe_run r;

	probe("probe_fails_an_expect", &r);
	EXPECT_EQ(1, r.status);
	EXPECT_TRUE(in_order(&r, lines));
}

TEST(fixture_teardown_runs_after_a_skip)
{
	static const char *const lines[] = {
		"# probe: teardown, value 42\n",
		"ok 1 - probe_skips # SKIP probe: not here\n", NULL
	};
	struct probe_run r;

	probe("probe_skips", &r);
	EXPECT_EQ(0, r.status);
	EXPECT_TRUE(in_order(&r, lines));
	EXPECT_EQ(0, count(&r, "after the skip"));
}

/* The fixture is the test's: a process it forks cannot tear it down. */
TEST(fixture_outlives_a_forked_process_that_fails)
{
	static const char *const lines[] = { "# probe: child exit 1\n",
					     "# probe: teardown, value 42\n",
					     "ok 1 - probe_child_asserts\n",
					     NULL };
	struct probe_run r;

	probe("probe_child_asserts", &r);
	EXPECT_EQ(0, r.status);
	EXPECT_TRUE(in_order(&r, lines));
	EXPECT_EQ(1, count(&r, "teardown"));
	EXPECT_EQ(0, count(&r, "the child went on"));
}

TEST(fixture_setup_that_fails_an_assert_fails_the_test)
{
	static const char *const lines[] = {
		"# probe: setup\n", "expected 0 (0) == 1 (1)",
		"FIXTURE_SETUP(bad_setup) failed: the test did not run",
		"not ok 1 - probe_setup_asserts\n", NULL
	};
	struct probe_run r;

	probe("probe_setup_asserts", &r);
	EXPECT_EQ(1, r.status);
	EXPECT_TRUE(in_order(&r, lines));
	/* Neither the test nor the teardown of a half-made state ran. */
	EXPECT_EQ(0, count(&r, "probe: test"));
	EXPECT_EQ(0, count(&r, "teardown"));
	EXPECT_EQ(0, count(&r, "after the setup's assert"));
}

TEST(fixture_setup_that_fails_an_expect_fails_the_test)
{
	static const char *const lines[] = {
		"expected 0 (0) == 1 (1)",
		"FIXTURE_SETUP(soft_setup) failed: the test did not run",
		"# probe: teardown\n", "not ok 1 - probe_setup_expects\n", NULL
	};
	struct probe_run r;

	probe("probe_setup_expects", &r);
	EXPECT_EQ(1, r.status);
	EXPECT_TRUE(in_order(&r, lines));
	EXPECT_EQ(0, count(&r, "probe: test"));
}

TEST(fixture_setup_that_skips_skips_the_test)
{
	static const char *const lines[] = {
		"ok 1 - probe_setup_skips # SKIP probe: no such thing\n", NULL
	};
	struct probe_run r;

	probe("probe_setup_skips", &r);
	EXPECT_EQ(0, r.status);
	EXPECT_TRUE(in_order(&r, lines));
	EXPECT_EQ(0, count(&r, "probe: test"));
	EXPECT_EQ(0, count(&r, "teardown"));
	EXPECT_EQ(0, count(&r, "failed"));
}

TEST(fixture_teardown_that_fails_an_assert_fails_the_test)
{
	static const char *const lines[] = {
		"# probe: test\n", "expected 0 (0) == 1 (1)",
		"not ok 1 - probe_teardown_asserts\n", NULL
	};
	struct probe_run r;

	probe("probe_teardown_asserts", &r);
	EXPECT_EQ(1, r.status);
	EXPECT_TRUE(in_order(&r, lines));
	EXPECT_EQ(0, count(&r, "after the teardown's assert"));
}

TEST(plain_test_ends_at_a_failed_assert)
{
	static const char *const lines[] = { "expected 1 (1) == 2 (2)",
					     "not ok 1 - probe_plain_asserts\n",
					     NULL };
	struct probe_run r;

	probe("probe_plain_asserts", &r);
	EXPECT_EQ(1, r.status);
	EXPECT_TRUE(in_order(&r, lines));
	EXPECT_EQ(0, count(&r, "after the assert"));
}
