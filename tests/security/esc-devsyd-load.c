/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Loosen a locked policy with load/FD (syd(2) LOAD), to allow the secret
 * and read it. The commands come from a file and from a pipe, as
 * /dev/syd/load/FD and /dev/syd/load!FD: the allow alone; hidden after a
 * line that tightens (as lock:drop lets through) and before a bad line
 * (a load must apply all or none); after lock:off; and through
 * "/proc/self/root/dev/syd/load/FD". Each attempt is followed by a read
 * of the secret. Without syd there is no /dev/syd and no policy: the read
 * works, which shows this program sees an escape; under syd with the lock
 * on or drop, every load is refused or applies nothing, and the secret
 * stays denied.
 */
#include "esc.h"

#include <sys/stat.h>

static bool read_secret(const struct esc *e)
{
	int fd = open(e->secret, O_RDONLY | O_CLOEXEC);

	return fd >= 0 && esc_check_close(fd);
}

/* stat(2) of PREFIX FD, with FD holding TEXT (from a file or a pipe). */
static void load(const struct esc *e, const char *prefix, const char *text,
		 bool pipe_it)
{
	char path[PATH_MAX + 64], file[PATH_MAX];
	struct stat st;
	int fd, p[2];

	if (pipe_it) {
		if (pipe(p) < 0)
			esc_exit(e, ESC_SETUP, "pipe: %s", strerror(errno));
		if (write(p[1], text, strlen(text)) != (ssize_t)strlen(text))
			esc_exit(e, ESC_SETUP, "write: %s", strerror(errno));
		close(p[1]);
		fd = p[0];
	} else {
		esc_path(e, file, e->work, "/load.syd-3");
		fd = open(file, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
		if (fd < 0 || write(fd, text, strlen(text)) < 0 ||
		    lseek(fd, 0, SEEK_SET) < 0)
			esc_exit(e, ESC_SETUP, "%s: %s", file, strerror(errno));
	}
	snprintf(path, sizeof(path), "%s%d", prefix, fd);
	(void)stat(path, &st);
	close(fd);
}

int main(int argc, char **argv)
{
	struct esc e;
	char allow[PATH_MAX + 64], texts[4][3 * PATH_MAX];
	const char *const prefixes[] = { "/dev/syd/load/", "/dev/syd/load!",
					 "/proc/self/root/dev/syd/load/" };
	int n = 0;

	esc_init(&e, argc, argv);
	snprintf(allow, sizeof(allow), "allow/all+%s\n", e.secret);
	snprintf(texts[0], sizeof(texts[0]), "%s", allow);
	snprintf(texts[1], sizeof(texts[1]), "deny/write+%s/x\n%s", e.work,
		 allow);
	snprintf(texts[2], sizeof(texts[2]), "%sallow/write+relative\n", allow);
	snprintf(texts[3], sizeof(texts[3]), "lock:off\n%s", allow);
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(*prefixes); i++) {
		for (size_t t = 0; t < 4; t++) {
			for (int pipe_it = 0; pipe_it < 2; pipe_it++) {
				load(&e, prefixes[i], texts[t], pipe_it);
				n++;
				if (read_secret(&e))
					esc_exit(&e, ESC_ESCAPED,
						 "secret read after %s (text "
						 "%zu, %s)",
						 prefixes[i], t,
						 pipe_it ? "pipe" : "file");
			}
		}
	}
	esc_exit(&e, ESC_BLOCKED, "%d loads, none loosened the policy", n);
}
