/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Force: a listed binary swapped for another after the policy was written.
 * Under syd the "force" policy lists DIR/work/prog (a copy of true(1)) with
 * its digest, and the sandbox may write DIR/work. The attack runs the
 * genuine program (it must run, or the test proves nothing), then
 * overwrites it in place with a copy of this very program and runs it,
 * and last renames another copy over it and runs that. Escape: the payload ran (it exits
 * 42) from the listed path.
 */
#include <sys/stat.h>

#include "esc.h"

#define PAYLOAD_STATUS 42

static struct esc e;

int main(int argc, char **argv)
{
	char prog[PATH_MAX], next[PATH_MAX];
	int st;

	if (argc == 2 && !strcmp(argv[1], "--payload"))
		return PAYLOAD_STATUS; /* the swapped-in program ran */
	esc_init(&e, argc, argv);
	esc_path(&e, prog, e.work, "/prog");
	esc_path(&e, next, e.work, "/prog.new");
	/* Natively nothing wrote the listed program: write it as syd's does. */
	if (access(prog, F_OK) != 0 &&
	    esc_copy_file("/bin/true", prog, O_TRUNC) < 0)
		esc_exit(&e, ESC_SETUP, "copy /bin/true: %s", strerror(errno));
	st = esc_run_payload(prog);
	if (st != 0)
		esc_exit(&e, ESC_SETUP, "the genuine program did not run: %d",
			 st);
	/* Written in place: the same inode, other contents. */
	if (esc_copy_file("/proc/self/exe", prog, O_TRUNC) < 0)
		esc_exit(&e, ESC_SETUP, "rewrite: %s", strerror(errno));
	st = esc_run_payload(prog);
	if (st == PAYLOAD_STATUS)
		esc_exit(&e, ESC_ESCAPED, "a rewritten binary ran");
	/* Swapped by a rename: a new inode at the listed path. */
	if (esc_copy_file("/proc/self/exe", next, O_TRUNC) < 0 ||
	    rename(next, prog) < 0)
		esc_exit(&e, ESC_SETUP, "swap: %s", strerror(errno));
	st = esc_run_payload(prog);
	if (st == PAYLOAD_STATUS)
		esc_exit(&e, ESC_ESCAPED, "a renamed-over binary ran");
	esc_exit(&e, ESC_BLOCKED, "both swapped binaries refused (last: %d)",
		 st);
}
