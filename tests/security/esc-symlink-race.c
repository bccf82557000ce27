/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Attack 3: a symlink swapped under the checker. One thread keeps renaming
 * freshly made symlinks over work/link, so that it points alternately at
 * work/allowed and at the secret (rename(2) is atomic: the name always
 * exists); another keeps opening work/link. A checker that resolved the
 * path, decided, and then let the kernel look the path up again would
 * sometimes check "allowed" and open "secret". Escape: any read of
 * TOPSECRET during ESC_RACE_MS milliseconds.
 */
#include <pthread.h>
#include <stdatomic.h>

#include "esc.h"

static struct esc e;
static atomic_bool stop;
static atomic_long flips, flip_errors;
static char link_path[PATH_MAX], tmp_path[PATH_MAX];

static void *flipper(void *arg)
{
	(void)arg;
	for (unsigned long i = 0; !atomic_load(&stop); i++) {
		const char *target = (i & 1) ? e.secret : e.allowed;

		/* A new link under a private name, then atomically over. */
		unlink(tmp_path);
		if (symlink(target, tmp_path) < 0 ||
		    rename(tmp_path, link_path) < 0) {
			atomic_fetch_add(&flip_errors, 1);
			continue;
		}
		atomic_fetch_add(&flips, 1);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	long long end;
	long opens = 0, allowed = 0, failed = 0;
	pthread_t t;

	esc_init(&e, argc, argv);
	esc_path(&e, link_path, e.work, "/link");
	esc_path(&e, tmp_path, e.work, "/link.tmp");
	if (symlink(e.allowed, link_path) < 0)
		esc_exit(&e, ESC_SETUP, "symlink: %s", strerror(errno));
	/* The allowed half must work, or a blocked result would prove nothing. */
	{
		int fd = open(link_path, O_RDONLY | O_CLOEXEC);

		if (fd < 0)
			esc_exit(&e, ESC_SETUP, "open %s: %s", link_path,
				 strerror(errno));
		close(fd);
	}
	if (pthread_create(&t, NULL, flipper, NULL) != 0)
		esc_exit(&e, ESC_SETUP, "pthread_create failed");
	end = esc_now_ms() + esc_race_ms();
	while (esc_now_ms() < end) {
		int fd = open(link_path, O_RDONLY | O_CLOEXEC);

		opens++;
		if (fd < 0) {
			failed++;
			continue;
		}
		if (esc_check_close(fd)) {
			atomic_store(&stop, true);
			pthread_join(t, NULL);
			esc_exit(&e, ESC_ESCAPED,
				 "read TOPSECRET through the swapped link "
				 "after %ld opens",
				 opens);
		}
		allowed++;
	}
	atomic_store(&stop, true);
	pthread_join(t, NULL);
	if (atomic_load(&flips) == 0)
		esc_exit(&e, ESC_SETUP,
			 "the link was never swapped (%ld errors)",
			 atomic_load(&flip_errors));
	esc_exit(&e, ESC_BLOCKED,
		 "%ld opens (%ld of the allowed file, %ld failed), %ld swaps",
		 opens, allowed, failed, atomic_load(&flips));
}
