/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Telling a hidden UNIX socket from a missing name: DIR/secret.sock, a
 * listening socket that --prepare makes outside the sandbox (a child
 * keeps it for a while), is hidden by the policy (hidstat: stat rules on
 * DIR/secret*), and DIR/secret-none.sock does not exist. ESCAPED when
 * connect(2) or bind(2) answers the two differently: the hidden one's
 * existence shows. Without ESC_PREPARED (the native run) the program
 * makes the socket itself.
 */
#include "esc-net.h"

static void prepare(const struct esc *e)
{
	char path[PATH_MAX];
	pid_t pid;

	esc_path(e, path, e->dir, "/secret.sock");
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		esc_listen_unix(e, path);
		esc_linger(30);
	}
	esc_sleep_ms(200);
}

/* connect (BIND false) or bind to PATH: 0 or the errno. */
static int try(const struct esc *e, const char *path, bool bind_it)
{
	union esc_addr a;
	socklen_t len = esc_addr_unix(e, &a, path);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int rc = bind_it ? bind(fd, &a.sa, len) : connect(fd, &a.sa, len);
	int err = rc < 0 ? errno : 0;

	close(fd);
	if (bind_it && rc == 0)
		unlink(path);
	return err;
}

int main(int argc, char **argv)
{
	const char *prep = getenv("ESC_PREPARED");
	char hidden[PATH_MAX], missing[PATH_MAX];
	int c1, c2, b1, b2;
	struct esc e;

	if (argc == 3 && !strcmp(argv[1], "--prepare")) {
		char *av[] = { argv[0], argv[2], NULL };

		esc_init(&e, 2, av);
		prepare(&e);
		printf("ready\n");
		return 0;
	}
	esc_init(&e, argc, argv);
	if (!prep || !*prep)
		prepare(&e);
	esc_path(&e, hidden, e.dir, "/secret.sock");
	esc_path(&e, missing, e.dir, "/secret-none.sock");
	c1 = try(&e, hidden, false);
	c2 = try(&e, missing, false);
	b1 = try(&e, hidden, true);
	b2 = try(&e, missing, true);
	if (c1 != c2 || b1 != b2)
		esc_exit(&e, ESC_ESCAPED,
			 "hidden vs missing: connect %s vs %s, bind %s vs %s",
			 c1 ? esc_errname(c1) : "0", c2 ? esc_errname(c2) : "0",
			 b1 ? esc_errname(b1) : "0",
			 b2 ? esc_errname(b2) : "0");
	esc_exit(&e, ESC_BLOCKED, "both: connect %s, bind %s",
		 c1 ? esc_errname(c1) : "0", b1 ? esc_errname(b1) : "0");
}
