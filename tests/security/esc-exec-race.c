/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Swap the file an exec names between the check at execve entry and the
 * kernel's own lookup: DIR/lnk links to /usr/bin/true (allowed) and to
 * DIR/work/prog (denied) in turn, exchanged atomically by a thread while
 * the main thread execs DIR/lnk again and again. A check of the path
 * alone loses the race sometimes; the exec guard decides the image the
 * kernel loaded, and kills it.
 */
#include "esc-exec.h"

#include <pthread.h>
#include <stdio.h>
#include <sys/syscall.h>

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

static char lnk[PATH_MAX], alt[PATH_MAX];
static atomic_bool stop;

static void *flipper(void *arg)
{
	(void)arg;
	while (!atomic_load(&stop))
		syscall(SYS_renameat2, AT_FDCWD, lnk, AT_FDCWD, alt,
			RENAME_EXCHANGE);
	return NULL;
}

int main(int argc, char **argv)
{
	struct esc e;
	char prog[PATH_MAX];
	pthread_t t;
	long long end;
	long runs = 0;

	esc_exec_ran_mode(argc, argv);
	esc_init(&e, argc, argv);
	esc_exec_copy(&e, prog);
	esc_path(&e, lnk, e.dir, "/lnk");
	esc_path(&e, alt, e.dir, "/alt");
	if (symlink("/usr/bin/true", lnk) < 0 || symlink(prog, alt) < 0)
		esc_exit(&e, ESC_SETUP, "symlink: %s", strerror(errno));
	if (pthread_create(&t, NULL, flipper, NULL))
		esc_exit(&e, ESC_SETUP, "pthread_create failed");
	end = esc_now_ms() + esc_race_ms();
	while (esc_now_ms() < end && !esc_exec_ran(&e)) {
		char *args[] = { lnk, "--ran", lnk, NULL };

		esc_exec_run(args);
		runs++;
	}
	atomic_store(&stop, true);
	pthread_join(t, NULL);
	if (esc_exec_ran(&e))
		esc_exit(&e, ESC_ESCAPED, "the denied copy ran (%ld execs)",
			 runs);
	esc_exit(&e, ESC_BLOCKED, "the denied copy never ran in %ld execs",
		 runs);
}
