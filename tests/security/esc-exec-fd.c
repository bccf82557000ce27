/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Exec the denied program by an fd instead of its name: execveat with
 * AT_EMPTY_PATH on an O_PATH fd, fexecve on an O_RDONLY one, and the
 * name /proc/self/fd/N.
 */
#include "esc-exec.h"

#include <sys/syscall.h>

int main(int argc, char **argv)
{
	struct esc e;
	char prog[PATH_MAX], byproc[64];
	int fd;

	esc_exec_ran_mode(argc, argv);
	esc_init(&e, argc, argv);
	esc_exec_copy(&e, prog);
	for (int route = 0; route < 3 && !esc_exec_ran(&e); route++) {
		pid_t pid;

		fd = open(prog, (route == 0 ? O_PATH : O_RDONLY));
		if (fd < 0)
			continue;
		snprintf(byproc, sizeof(byproc), "/proc/self/fd/%d", fd);
		pid = fork();
		if (pid == 0) {
			char *args[] = { prog, "--ran", e.secret, NULL };
			char *env[] = { NULL };

			if (route == 0)
				syscall(SYS_execveat, fd, "", args, env,
					AT_EMPTY_PATH);
			else if (route == 1)
				fexecve(fd, args, env);
			else
				execve(byproc, args, env);
			_exit(127);
		}
		if (pid > 0)
			waitpid(pid, NULL, 0);
		close(fd);
	}
	if (esc_exec_ran(&e))
		esc_exit(&e, ESC_ESCAPED, "the denied program ran by its fd");
	esc_exit(&e, ESC_BLOCKED, "no exec by fd ran the denied program");
}
