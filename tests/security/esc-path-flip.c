/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Attack 4: the path buffer changes under the checker. A second thread
 * flips the last component of the path in memory between "public" and
 * "secret" (same length) while the first keeps calling open() on it. A
 * checker that read the path once to decide and let the kernel read it
 * again to open would sometimes decide "public" and open "secret". Escape:
 * any read of TOPSECRET during ESC_RACE_MS milliseconds.
 */
#include <pthread.h>
#include <stdatomic.h>

#include "esc.h"

static struct esc e;
static atomic_bool stop;
/* The shared buffer. Written byte by byte so the flips tear, too. */
static volatile char path[PATH_MAX];
static size_t name_off;

static void put(const char *name)
{
	for (size_t i = 0; name[i]; i++)
		path[name_off + i] = name[i];
}

static void *flipper(void *arg)
{
	(void)arg;
	while (!atomic_load(&stop)) {
		put("public");
		put("secret");
	}
	return NULL;
}

int main(int argc, char **argv)
{
	long long end;
	long opens = 0, public = 0;
	pthread_t t;

	esc_init(&e, argc, argv);
	/* DIR/public and DIR/secret differ only in the last six bytes. */
	for (size_t i = 0; i <= strlen(e.public_); i++)
		path[i] = e.public_[i];
	name_off = strlen(e.dir) + 1;
	/* The allowed half must work, or a blocked result would prove nothing. */
	{
		int fd = open(e.public_, O_RDONLY | O_CLOEXEC);

		if (fd < 0)
			esc_exit(&e, ESC_SETUP, "open %s: %s", e.public_,
				 strerror(errno));
		close(fd);
	}
	if (pthread_create(&t, NULL, flipper, NULL) != 0)
		esc_exit(&e, ESC_SETUP, "pthread_create failed");
	end = esc_now_ms() + esc_race_ms();
	while (esc_now_ms() < end) {
		/* The cast drops volatile: the kernel reads what is there. */
		int fd = open((const char *)path, O_RDONLY | O_CLOEXEC);

		opens++;
		if (fd < 0)
			continue;
		if (esc_check_close(fd)) {
			atomic_store(&stop, true);
			pthread_join(t, NULL);
			esc_exit(&e, ESC_ESCAPED,
				 "read TOPSECRET through the flipped buffer "
				 "after %ld opens",
				 opens);
		}
		public++;
	}
	atomic_store(&stop, true);
	pthread_join(t, NULL);
	esc_exit(&e, ESC_BLOCKED, "%ld opens, %ld of the public file", opens,
		 public);
}
