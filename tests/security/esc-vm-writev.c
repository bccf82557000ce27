/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Attack 16: a sibling process rewrites the path in the caller's memory
 * with process_vm_writev(2) while the caller is inside open(). Like the
 * in-process flip of attack 4, but from another process, which the caller
 * cannot stop with its own locks. The child opens DIR/public in a loop;
 * the parent flips the name in the child's buffer to "secret" and back.
 */
#include <signal.h>
#include <sys/uio.h>
#include <sys/wait.h>

#include "esc.h"

/* Same address in parent and child after fork(). */
static char path[PATH_MAX];

/* The child: exits 0 on TOPSECRET, 1 when time runs out. */
static int opener(long long end)
{
	long opens = 0, public = 0;

	while (esc_now_ms() < end) {
		int fd = open(path, O_RDONLY | O_CLOEXEC);

		opens++;
		if (fd < 0)
			continue;
		if (esc_check_close(fd)) {
			printf("# child: TOPSECRET after %ld opens\n", opens);
			return 0;
		}
		public++;
	}
	printf("# child: %ld opens, %ld of the public file\n", opens, public);
	return 1;
}

int main(int argc, char **argv)
{
	static const char *const names[] = { "public", "secret" };
	struct esc e;
	long long end;
	long flips = 0, errors = 0;
	size_t off;
	pid_t pid;
	int status, err = 0;

	esc_init(&e, argc, argv);
	snprintf(path, sizeof(path), "%s", e.public_);
	off = strlen(e.dir) + 1;
	/* The allowed half must work, or a blocked result would prove nothing. */
	{
		int fd = open(path, O_RDONLY | O_CLOEXEC);

		if (fd < 0)
			esc_exit(&e, ESC_SETUP, "open %s: %s", path,
				 strerror(errno));
		close(fd);
	}
	end = esc_now_ms() + esc_race_ms();
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		esc_exit(&e, ESC_SETUP, "fork: %s", strerror(errno));
	if (pid == 0)
		_exit(opener(end));
	for (unsigned i = 0; waitpid(pid, &status, WNOHANG) == 0; i++) {
		struct iovec local = { (void *)names[i & 1], 6 };
		struct iovec remote = { path + off, 6 };

		if (process_vm_writev(pid, &local, 1, &remote, 1, 0) == 6) {
			flips++;
		} else {
			errors++;
			err = errno;
			if (errors > 1000 && flips == 0) {
				kill(pid, SIGKILL);
				waitpid(pid, &status, 0);
				break;
			}
		}
	}
	if (flips == 0)
		esc_exit(&e, ESC_BLOCKED, "process_vm_writev: %s",
			 esc_errname(err));
	if (!WIFEXITED(status))
		esc_exit(&e, ESC_SETUP, "child died (status %#x)", status);
	if (WEXITSTATUS(status) == 0)
		esc_exit(&e, ESC_ESCAPED,
			 "the child read TOPSECRET after a process_vm_writev "
			 "flip");
	esc_exit(&e, ESC_BLOCKED, "%ld flips of the child's buffer, no secret",
		 flips);
}
