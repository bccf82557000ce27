/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Run a program that lies on a refused file-system type (esc-fs.h: a copy
 * of true(1) on the tmpfs): by execve(2), by execveat(2) of an fd (an
 * O_PATH open, which reads nothing), and through the dynamic loader run
 * as the program, which maps the file itself rather than having the
 * kernel exec it. The program ran when its exit status is 0.
 */
#include <sys/syscall.h>

#include "esc-fs.h"

#define NWAYS 3

#ifndef AT_EMPTY_PATH
#define AT_EMPTY_PATH 0x1000
#endif

static const char *const loaders[] = {
	"/lib64/ld-linux-x86-64.so.2",
	"/lib/ld-linux-aarch64.so.1",
	"/lib/ld-linux-x86-64.so.2",
};

/* Run PROG in a child by WAY (0 execve, 1 execveat, 2 the loader). */
static bool ran(const char *prog, int way)
{
	char *argv[] = { (char *)prog, NULL, NULL };
	char *envp[] = { NULL };
	int status, fd;
	pid_t pid = fork();

	if (pid < 0)
		return false;
	if (pid == 0) {
		if (way == 0) {
			execve(prog, argv, envp);
		} else if (way == 1) {
			fd = open(prog, O_PATH | O_CLOEXEC);
			if (fd >= 0)
				syscall(SYS_execveat, fd, "", argv, envp,
					AT_EMPTY_PATH);
		} else {
			for (size_t i = 0;
			     i < sizeof(loaders) / sizeof(loaders[0]); i++) {
				argv[0] = (char *)loaders[i];
				argv[1] = (char *)prog;
				if (access(loaders[i], X_OK) == 0)
					execve(loaders[i], argv, envp);
			}
		}
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid)
		return false;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

int main(int argc, char **argv)
{
	static const char *const ways[] = { "execve", "execveat of an fd",
					    "the dynamic loader" };
	char dir[PATH_MAX], prog[PATH_MAX];
	bool got[NWAYS] = { false }, made;
	struct esc e;

	if (argc == 3 && !strcmp(argv[1], "--prepare")) {
		argv[1] = argv[0];
		esc_init(&e, 2, argv + 1);
		esc_fs_prepare(&e, true);
	}
	esc_init(&e, argc, argv);
	esc_fs_get(&e, dir, true, &made);
	esc_path(&e, prog, dir, "/prog");
	if (made && !ran(prog, 0)) {
		/* natively: a noexec /dev/shm runs nothing at all */
		esc_fs_remove(dir);
		esc_exit(&e, ESC_UNSUPPORTED,
			 "a program on /dev/shm does not run here (noexec?)");
	}
	for (int way = 0; way < NWAYS; way++)
		got[way] = ran(prog, way);
	if (made)
		esc_fs_remove(dir);
	esc_fs_report(&e, made, ways, got, NWAYS);
}
