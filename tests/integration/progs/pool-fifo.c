/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pool-fifo DIR: first two threads make hooked calls at the same time for
 * a while (which turns syd's pool to multi receive mode), then two threads
 * each block opening a FIFO of DIR for reading while a third opens both
 * for writing. Every emulator thread syd has in multi mode may be blocked
 * in a FIFO open at once: the third open still has to be answered. Prints
 * "ok" when both readers got their byte.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *dir;
static pthread_barrier_t barrier;

static void *stat_loop(void *arg)
{
	struct stat st;

	(void)arg;
	pthread_barrier_wait(&barrier);
	for (int i = 0; i < 3000; i++)
		stat(dir, &st);
	return NULL;
}

static void *reader(void *arg)
{
	char path[4096], c = 0;
	int fd;

	snprintf(path, sizeof(path), "%s/fifo%d", dir, (int)(long)arg);
	fd = open(path, O_RDONLY);
	if (fd < 0 || read(fd, &c, 1) != 1 || c != 'x') {
		fprintf(stderr, "reader %s: %s\n", path, strerror(errno));
		exit(1);
	}
	close(fd);
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t t[2];
	char path[4096];

	if (argc != 2)
		return 2;
	dir = argv[1];
	pthread_barrier_init(&barrier, NULL, 2);
	for (long i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, stat_loop, NULL);
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	for (long i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/fifo%ld", dir, i);
		if (mkfifo(path, 0600) < 0 && errno != EEXIST)
			return perror("mkfifo"), 1;
		pthread_create(&t[i], NULL, reader, (void *)i);
	}
	usleep(300 * 1000); /* both readers wait in open(2) */
	for (int i = 0; i < 2; i++) {
		int fd;

		snprintf(path, sizeof(path), "%s/fifo%d", dir, i);
		fd = open(path, O_WRONLY);
		if (fd < 0 || write(fd, "x", 1) != 1)
			return perror("writer"), 1;
		close(fd);
	}
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	puts("ok");
	return 0;
}
