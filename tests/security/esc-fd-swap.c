/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The fd changes under the checker. The policy lets the sandbox read the
 * secret but not change its mode. One thread calls fchmod() on an fd
 * number again and again; another keeps pointing that number, with
 * dup2(), at the public file and at the secret in turn. A checker that
 * looked the fd up once to decide and a second time to act would
 * sometimes decide on the public file and chmod the secret. Escape: the
 * secret's mode changes during ESC_RACE_MS milliseconds.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <sys/stat.h>

#include "esc.h"

#define TARGET 100 /* the fd number both threads use */

static struct esc e;
static atomic_bool stop;
static int pub_fd, secret_fd;

static void *swapper(void *arg)
{
	(void)arg;
	while (!atomic_load(&stop)) {
		dup2(pub_fd, TARGET);
		dup2(secret_fd, TARGET);
	}
	return NULL;
}

static mode_t mode_of(const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0)
		esc_exit(&e, ESC_SETUP, "stat %s: %s", path, strerror(errno));
	return st.st_mode & 07777;
}

int main(int argc, char **argv)
{
	long calls = 0, ok = 0;
	long long end;
	mode_t before;
	pthread_t t;

	esc_init(&e, argc, argv);
	pub_fd = open(e.public_, O_RDONLY | O_CLOEXEC);
	secret_fd = open(e.secret, O_RDONLY | O_CLOEXEC);
	if (pub_fd < 0 || secret_fd < 0)
		esc_exit(&e, ESC_SETUP, "open: %s", strerror(errno));
	before = mode_of(e.secret);
	/* The allowed half must work, or a blocked result would prove nothing. */
	if (fchmod(pub_fd, 0640) < 0)
		esc_exit(&e, ESC_SETUP, "fchmod of the public file: %s",
			 strerror(errno));
	if (dup2(pub_fd, TARGET) < 0)
		esc_exit(&e, ESC_SETUP, "dup2: %s", strerror(errno));
	if (pthread_create(&t, NULL, swapper, NULL) != 0)
		esc_exit(&e, ESC_SETUP, "pthread_create failed");
	end = esc_now_ms() + esc_race_ms();
	while (esc_now_ms() < end) {
		calls++;
		if (fchmod(TARGET, before ^ 0004) == 0)
			ok++;
		if (mode_of(e.secret) != before) {
			atomic_store(&stop, true);
			pthread_join(t, NULL);
			esc_exit(&e, ESC_ESCAPED,
				 "changed the secret's mode through a swapped "
				 "fd after %ld calls",
				 calls);
		}
	}
	atomic_store(&stop, true);
	pthread_join(t, NULL);
	esc_exit(&e, ESC_BLOCKED, "%ld calls, %ld allowed", calls, ok);
}
