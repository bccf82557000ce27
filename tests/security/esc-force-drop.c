/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Force under lock:drop: a force+ rule is no tightening. The "forcedrop"
 * policy is "force" (DIR/work/prog listed by the digest of true(1), the
 * sandbox may write DIR/work) with lock:drop, where /dev/syd takes only
 * what leaves the policy at most as open as it was. The attack rewrites
 * the listed program with this very one, which Force then refuses, and
 * asks /dev/syd for force+ with the new digest: a rule that replaces the
 * old one lets the rewritten program run. The same holds for a path no
 * rule names under default/force:deny. Escape: the payload ran (it exits
 * 42) from the listed path.
 */
#include <sys/stat.h>

#include "esc.h"

#define PAYLOAD_STATUS 42

static struct esc e;

/* The sha256 of PATH in HEX (65 bytes), by sha256sum(1). 0 or -1. */
static int digest(const char *path, char *hex)
{
	int p[2], status;
	ssize_t got = 0, n;
	pid_t pid;

	if (pipe(p) < 0)
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		dup2(p[1], STDOUT_FILENO);
		close(p[0]);
		close(p[1]);
		execlp("sha256sum", "sha256sum", path, (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	while (got < 64 && (n = read(p[0], hex + got, 64 - (size_t)got)) > 0)
		got += n;
	close(p[0]);
	hex[64] = '\0';
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0 || got != 64)
		return -1;
	return 0;
}

int main(int argc, char **argv)
{
	char prog[PATH_MAX], hex[65], cmd[2 * PATH_MAX];
	struct stat st;
	int before, after, err;

	if (argc == 2 && !strcmp(argv[1], "--payload"))
		return PAYLOAD_STATUS; /* the rewritten program ran */
	esc_init(&e, argc, argv);
	esc_path(&e, prog, e.work, "/prog");
	if (esc_copy_file("/proc/self/exe", prog, O_TRUNC) < 0)
		esc_exit(&e, ESC_SETUP, "rewrite: %s", strerror(errno));
	if (digest(prog, hex) < 0)
		esc_exit(&e, ESC_SETUP, "sha256sum %s failed", prog);
	before = esc_run_payload(prog);
	snprintf(cmd, sizeof(cmd), "/dev/syd/force+%s:sha256:%s", prog, hex);
	/* Natively there is no /dev/syd, and no Force to ask. */
	err = stat(cmd, &st) < 0 ? errno : 0;
	after = esc_run_payload(prog);
	if (after == PAYLOAD_STATUS)
		esc_exit(&e, ESC_ESCAPED,
			 "the rewritten program ran (before force+: %d, "
			 "force+: %s)",
			 before, esc_errname(err));
	esc_exit(&e, ESC_BLOCKED,
		 "refused before (%d) and after force+ (%s): %d", before,
		 esc_errname(err), after);
}
