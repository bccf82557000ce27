/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Trusted Path Execution: copy a program the policy lets run (this very
 * one) into a directory the attacker can write to, and run the copy. The
 * exec rules allow the whole work directory, so only TPE stands in the
 * way: a copy in a directory others may write to (as /tmp) must not run,
 * nor, under tpe/root_owned, one in a directory of the attacker's own
 * (when the attacker is not root: root's own directory is root-owned).
 * Natively both copies run. ESCAPED when a copy ran.
 */
#include "esc.h"

#include <sys/stat.h>

/* The copy, run with this argument, only says that it ran. */
#define PAYLOAD	     "--payload"
#define PAYLOAD_EXIT 42
#define EXEC_EACCES  100

/* Copy the file FROM to TO (mode 0755). */
static void copy(const struct esc *e, const char *from, const char *to)
{
	char buf[65536];
	int in = open(from, O_RDONLY | O_CLOEXEC), out;
	ssize_t n;

	if (in < 0)
		esc_exit(e, ESC_SETUP, "open %s: %s", from, strerror(errno));
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
	if (out < 0)
		esc_exit(e, ESC_SETUP, "create %s: %s", to, strerror(errno));
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n)
			esc_exit(e, ESC_SETUP, "write %s: %s", to,
				 strerror(errno));
	if (n < 0)
		esc_exit(e, ESC_SETUP, "read %s: %s", from, strerror(errno));
	close(in);
	if (fchmod(out, 0755) < 0 || close(out) < 0)
		esc_exit(e, ESC_SETUP, "chmod %s: %s", to, strerror(errno));
}

/*
 * Put a copy of SELF in DIR/work/NAME, a directory of mode MODE, and run
 * it. Returns true when it ran; false when its exec was refused with
 * EACCES; a setup error otherwise.
 */
static bool try_copy(const struct esc *e, const char *self, const char *name,
		     mode_t mode)
{
	char dir[PATH_MAX], prog[PATH_MAX], sub[64];
	int status;
	pid_t pid;

	snprintf(sub, sizeof(sub), "/%s", name);
	esc_path(e, dir, e->work, sub);
	if (mkdir(dir, 0700) < 0 && errno != EEXIST)
		esc_exit(e, ESC_SETUP, "mkdir %s: %s", dir, strerror(errno));
	/* chmod, not mkdir's mode: the umask must not take bits away. */
	if (chmod(dir, mode) < 0)
		esc_exit(e, ESC_SETUP, "chmod %s: %s", dir, strerror(errno));
	esc_path(e, prog, dir, "/prog");
	copy(e, self, prog);
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		esc_exit(e, ESC_SETUP, "fork: %s", strerror(errno));
	if (pid == 0) {
		execl(prog, prog, PAYLOAD, (char *)NULL);
		_exit(errno == EACCES ? EXEC_EACCES : 101);
	}
	if (waitpid(pid, &status, 0) < 0)
		esc_exit(e, ESC_SETUP, "waitpid: %s", strerror(errno));
	if (WIFEXITED(status) && WEXITSTATUS(status) == PAYLOAD_EXIT)
		return true;
	if (WIFEXITED(status) && WEXITSTATUS(status) == EXEC_EACCES)
		return false;
	esc_exit(e, ESC_SETUP, "the copy in %s ended with status %#x", dir,
		 status);
}

int main(int argc, char **argv)
{
	struct esc e;
	bool own;

	if (argc == 2 && !strcmp(argv[1], PAYLOAD))
		return PAYLOAD_EXIT;
	esc_init(&e, argc, argv);
	/* A directory anyone may write to, sticky as /tmp is. */
	if (try_copy(&e, argv[0], "drop", 01777))
		esc_exit(&e, ESC_ESCAPED,
			 "a copy in a world-writable directory ran");
	/* The attacker's own directory: trusted by tpe/root_owned for root
	 * only, whose own directory it is. */
	own = geteuid() != 0;
	if (own && try_copy(&e, argv[0], "own", 0755))
		esc_exit(&e, ESC_ESCAPED,
			 "a copy in the attacker's own directory ran");
	esc_exit(&e, ESC_BLOCKED,
		 "the copy in a world-writable directory was refused%s",
		 own ? ", and the one in the attacker's own directory" : "");
}
