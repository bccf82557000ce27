/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Attack: the name read back after an unlink. Four threads keep opening
 * the secret by a path with ".." in it (work/../secret), which a checker
 * may decide on the path of what it looked up, read back from its fd;
 * meanwhile the main thread unlinks the secret (the "deleted" policy lets
 * the sandbox remove it, never read it). Read back after the unlink, that
 * path is "DIR/secret (deleted)", which no rule for DIR/secret matches,
 * and the reopen of the still-held file would hand it over. One shot per
 * run (the secret is gone after it): a broken checker is caught in about
 * one run of five, stress.sh runs it 200 times. Natively the first open
 * reads the secret. Escape: any read of TOPSECRET.
 */
#include <pthread.h>
#include <stdatomic.h>

#include "esc.h"

#define OPENERS 4

static struct esc e;
static char via[PATH_MAX];
static atomic_bool stop, unlinked;
static atomic_long opens, after;

static void *opener(void *arg)
{
	(void)arg;
	while (!atomic_load(&stop)) {
		int fd = open(via, O_RDONLY | O_CLOEXEC);

		atomic_fetch_add(&opens, 1);
		if (esc_check_close(fd)) {
			atomic_store(&stop, true);
			return (void *)1;
		}
		/* Long enough after the unlink for any late reread. */
		if (atomic_load(&unlinked) &&
		    atomic_fetch_add(&after, 1) > 4000)
			atomic_store(&stop, true);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t t[OPENERS];
	bool hit = false;
	void *r;

	esc_init(&e, argc, argv);
	esc_path(&e, via, e.work, "/../secret");
	for (int i = 0; i < OPENERS; i++)
		if (pthread_create(&t[i], NULL, opener, NULL) != 0)
			esc_exit(&e, ESC_SETUP, "pthread_create failed");
	usleep(20 * 1000);
	if (unlink(e.secret) < 0 && !atomic_load(&stop))
		esc_exit(&e, ESC_SETUP, "unlink %s: %s", e.secret,
			 strerror(errno));
	atomic_store(&unlinked, true);
	for (int i = 0; i < OPENERS; i++) {
		pthread_join(t[i], &r);
		hit |= r != NULL;
	}
	if (hit)
		esc_exit(&e, ESC_ESCAPED,
			 "read TOPSECRET by %s around its unlink (%ld opens)",
			 via, atomic_load(&opens));
	esc_exit(&e, ESC_BLOCKED, "%ld opens of %s around its unlink",
		 atomic_load(&opens), via);
}
