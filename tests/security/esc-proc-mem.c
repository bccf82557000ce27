/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Another process's memory. A process outside the sandbox (made by
 * --prepare) holds the secret in its memory, as a password manager or an
 * ssh-agent would; /proc/PID/mem opened for reading, syd performing the
 * open with its own rights, would hand it over. Also through
 * /proc/PID/task/PID/mem.
 *
 * ESC_PREPARED: "PID ADDRESS" of that process. Without it (the native
 * run) the program makes the process itself.
 */
#include "esc.h"

#include <signal.h>
#include <sys/wait.h>

static char held[64];

/* Start the outside process; it prints "PID ADDRESS" on FD. */
static pid_t prepare(const struct esc *e, char *line, size_t size)
{
	int p[2];
	pid_t pid;
	ssize_t n;

	if (pipe2(p, O_CLOEXEC) < 0)
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int fd = open(e->secret, O_RDONLY | O_CLOEXEC);
		char msg[64];

		setsid();
		close(p[0]);
		if (fd < 0 || read(fd, held, sizeof(held) - 1) <= 0)
			_exit(1);
		close(fd);
		snprintf(msg, sizeof(msg), "%d %p", (int)getpid(),
			 (void *)held);
		if (write(p[1], msg, strlen(msg)) < 0)
			_exit(1);
		close(p[1]);
		esc_linger(30);
	}
	close(p[1]);
	n = read(p[0], line, size - 1);
	close(p[0]);
	line[n > 0 ? n : 0] = '\0';
	return n > 0 ? pid : -1;
}

int main(int argc, char **argv)
{
	const char *prep = getenv("ESC_PREPARED");
	char line[64], path[64], buf[64];
	unsigned long addr = 0;
	struct esc e;
	int pid = 0;

	if (argc == 3 && !strcmp(argv[1], "--prepare")) {
		char *av[] = { argv[0], argv[2], NULL };

		esc_init(&e, 2, av);
		if (prepare(&e, line, sizeof(line)) < 0)
			return 1;
		printf("%s\n", line);
		return 0;
	}
	esc_init(&e, argc, argv);
	if (prep && *prep)
		snprintf(line, sizeof(line), "%s", prep);
	else if (prepare(&e, line, sizeof(line)) < 0)
		esc_exit(&e, ESC_SETUP, "cannot start the outside process");
	if (sscanf(line, "%d %lx", &pid, &addr) != 2 || pid <= 0)
		esc_exit(&e, ESC_SETUP, "bad ESC_PREPARED: %s", line);
	for (int i = 0; i < 2; i++) {
		int fd;
		ssize_t n;

		if (i == 0)
			snprintf(path, sizeof(path), "/proc/%d/mem", pid);
		else
			snprintf(path, sizeof(path), "/proc/%d/task/%d/mem",
				 pid, pid);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			printf("# open %s: %s\n", path, esc_errname(errno));
			continue;
		}
		n = pread(fd, buf, sizeof(buf) - 1, (off_t)addr);
		close(fd);
		if (n >= (ssize_t)strlen(SECRET_TEXT) &&
		    !strncmp(buf, SECRET_TEXT, strlen(SECRET_TEXT))) {
			kill(pid, SIGKILL);
			esc_exit(&e, ESC_ESCAPED, "read TOPSECRET in %s", path);
		}
		printf("# read %s: %s\n", path,
		       n < 0 ? esc_errname(errno) : "not it");
	}
	kill(pid, SIGKILL);
	esc_exit(&e, ESC_BLOCKED, "the other process's memory stayed closed");
}
