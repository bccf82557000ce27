/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Not a test suite: the fixtures test_harness runs, one test at a time,
 * to read what the harness reports. Most of them fail or skip on purpose.
 * Each step prints a "# probe: ..." line, so the order in which setup,
 * test and teardown ran (or did not) can be read from the TAP.
 */
#include "harness.h"

FIXTURE(probe)
{
	int value;
};

FIXTURE_SETUP(probe)
{
	harness_diag("probe: setup, value %d", self->value);
	self->value = 42;
}

FIXTURE_TEARDOWN(probe)
{
	harness_diag("probe: teardown, value %d", self->value);
}

TEST_F(probe, probe_passes)
{
	harness_diag("probe: test, value %d", self->value);
	EXPECT_EQ(42, self->value);
	self->value = 43;
}

TEST_F(probe, probe_fails_an_assert)
{
	harness_diag("probe: test");
	self->value = 44;
	ASSERT_EQ(1, 2);
	harness_diag("probe: after the assert");
}

TEST_F(probe, probe_fails_an_expect)
{
	EXPECT_EQ(1, 2);
	harness_diag("probe: after the expect");
}

TEST_F(probe, probe_skips)
{
	SKIP("probe: not here");
	harness_diag("probe: after the skip");
}

/* A process the test forks fails an ASSERT: it ends, the fixture stays. */
TEST_F(probe, probe_child_asserts)
{
	pid_t pid = fork();
	int status = 0;

	ASSERT_TRUE(pid >= 0);
	if (pid == 0) {
		ASSERT_EQ(1, 2);
		harness_diag("probe: the child went on");
		_exit(0);
	}
	waitpid(pid, &status, 0);
	harness_diag("probe: child exit %d", WEXITSTATUS(status));
}

FIXTURE(bad_setup)
{
	int unused;
};

FIXTURE_SETUP(bad_setup)
{
	harness_diag("probe: setup");
	ASSERT_EQ(0, 1);
	harness_diag("probe: after the setup's assert");
}

FIXTURE_TEARDOWN(bad_setup)
{
	harness_diag("probe: teardown");
}

TEST_F(bad_setup, probe_setup_asserts)
{
	harness_diag("probe: test");
}

FIXTURE(soft_setup)
{
	int unused;
};

FIXTURE_SETUP(soft_setup)
{
	EXPECT_EQ(0, 1);
}

FIXTURE_TEARDOWN(soft_setup)
{
	harness_diag("probe: teardown");
}

TEST_F(soft_setup, probe_setup_expects)
{
	harness_diag("probe: test");
}

FIXTURE(skip_setup)
{
	int unused;
};

FIXTURE_SETUP(skip_setup)
{
	SKIP("probe: no such thing");
}

FIXTURE_TEARDOWN(skip_setup)
{
	harness_diag("probe: teardown");
}

TEST_F(skip_setup, probe_setup_skips)
{
	harness_diag("probe: test");
}

FIXTURE(bad_teardown)
{
	int unused;
};

FIXTURE_SETUP(bad_teardown)
{
}

FIXTURE_TEARDOWN(bad_teardown)
{
	ASSERT_EQ(0, 1);
	harness_diag("probe: after the teardown's assert");
}

TEST_F(bad_teardown, probe_teardown_asserts)
{
	harness_diag("probe: test");
}

/* A plain TEST still ends at its failed ASSERT. */
TEST(probe_plain_asserts)
{
	ASSERT_EQ(1, 2);
	harness_diag("probe: after the assert");
}
