/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Read a secret on a refused file-system type (esc-fs.h) from fds on that
 * file system handed in from outside: a process outside the sandbox (the
 * --prepare run's, which lingers) passes O_PATH fds of the tmpfs directory
 * and of the secret over a UNIX socket in DIR/work. An O_PATH fd reads
 * nothing; the attack tries to turn them into a readable one: openat(2)
 * from the directory fd, the secret's fd reopened through /proc/self/fd,
 * fchdir(2) to the directory and a relative open. Each reaches an object
 * on the tmpfs by a path that names only an fd.
 */
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "esc-fs.h"

#define NWAYS 3

/* DIR/work/fs.sock in SA; its length. */
static socklen_t sock_addr(const struct esc *e, struct sockaddr_un *sa)
{
	memset(sa, 0, sizeof(*sa));
	sa->sun_family = AF_UNIX;
	if (snprintf(sa->sun_path, sizeof(sa->sun_path), "%s/fs.sock",
		     e->work) >= (int)sizeof(sa->sun_path))
		esc_exit(e, ESC_SETUP, "socket path too long");
	return sizeof(*sa);
}

/* Send O_PATH fds of DIR and DIR/secret to the connection C. */
static void send_fds(int c, const char *dir)
{
	char secret[PATH_MAX], byte = 'x';
	int fds[2];
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(sizeof(fds))];
	} u;
	struct iovec iov = { &byte, 1 };
	struct msghdr m = { .msg_iov = &iov,
			    .msg_iovlen = 1,
			    .msg_control = u.buf,
			    .msg_controllen = sizeof(u.buf) };

	snprintf(secret, sizeof(secret), "%s/secret", dir);
	fds[0] = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	fds[1] = open(secret, O_PATH | O_CLOEXEC);
	if (fds[0] >= 0 && fds[1] >= 0) {
		memset(u.buf, 0, sizeof(u.buf));
		u.h.cmsg_level = SOL_SOCKET;
		u.h.cmsg_type = SCM_RIGHTS;
		u.h.cmsg_len = CMSG_LEN(sizeof(fds));
		memcpy(CMSG_DATA(&u.h), fds, sizeof(fds));
		(void)sendmsg(c, &m, MSG_NOSIGNAL);
	}
	for (int i = 0; i < 2; i++)
		if (fds[i] >= 0)
			close(fds[i]);
}

/* Serve S for SECONDS, then remove DIR and the socket. */
__attribute__((noreturn)) static void serve(const struct esc *e, int s,
					    const char *dir, int seconds)
{
	struct sockaddr_un sa;
	long long end = esc_now_ms() + seconds * 1000LL;

	sock_addr(e, &sa);
	for (long long now; (now = esc_now_ms()) < end;) {
		struct pollfd p = { s, POLLIN, 0 };
		int c;

		if (poll(&p, 1, (int)(end - now)) <= 0)
			continue;
		c = accept4(s, NULL, NULL, SOCK_CLOEXEC);
		if (c >= 0) {
			send_fds(c, dir);
			close(c);
		}
	}
	unlink(sa.sun_path);
	esc_fs_remove(dir);
	_exit(0);
}

/* Bind DIR/work/fs.sock and fork a server of DIR's fds; its pid. */
static pid_t start_server(const struct esc *e, const char *dir, int seconds,
			  bool quiet)
{
	struct sockaddr_un sa;
	socklen_t len = sock_addr(e, &sa);
	int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	pid_t pid;

	unlink(sa.sun_path);
	if (s < 0 || bind(s, (struct sockaddr *)&sa, len) < 0 ||
	    listen(s, 8) < 0)
		esc_exit(e, ESC_SETUP, "socket %s: %s", sa.sun_path,
			 strerror(errno));
	pid = fork();
	if (pid < 0)
		esc_exit(e, ESC_SETUP, "fork: %s", strerror(errno));
	if (pid == 0) {
		if (quiet) {
			int null = open("/dev/null", O_RDWR);

			dup2(null, 0);
			dup2(null, 1);
			dup2(null, 2);
		}
		serve(e, s, dir, seconds);
	}
	close(s);
	return pid;
}

/* Receive the two fds from the server; false when none came. */
static bool receive(const struct esc *e, int fds[2])
{
	struct sockaddr_un sa;
	socklen_t len = sock_addr(e, &sa);
	int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	char byte;
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(2 * sizeof(int))];
	} u;
	struct iovec iov = { &byte, 1 };
	struct msghdr m = { .msg_iov = &iov,
			    .msg_iovlen = 1,
			    .msg_control = u.buf,
			    .msg_controllen = sizeof(u.buf) };
	struct cmsghdr *c;

	if (s < 0 || connect(s, (struct sockaddr *)&sa, len) < 0 ||
	    recvmsg(s, &m, MSG_CMSG_CLOEXEC) != 1) {
		if (s >= 0)
			close(s);
		return false;
	}
	close(s);
	c = CMSG_FIRSTHDR(&m);
	if (!c || c->cmsg_type != SCM_RIGHTS ||
	    c->cmsg_len != CMSG_LEN(2 * sizeof(int)))
		return false;
	memcpy(fds, CMSG_DATA(c), 2 * sizeof(int));
	return true;
}

int main(int argc, char **argv)
{
	static const char *const ways[] = {
		"openat from the directory fd",
		"the secret's fd reopened by /proc/self/fd",
		"fchdir to the directory fd",
	};
	char dir[PATH_MAX], p[64];
	bool got[NWAYS] = { false }, made;
	struct esc e;
	int fds[2];
	pid_t server = -1;

	if (argc == 3 && !strcmp(argv[1], "--prepare")) {
		argv[1] = argv[0];
		esc_init(&e, 2, argv + 1);
		esc_fs_make(&e, dir, false);
		start_server(&e, dir, ESC_FS_LINGER, true);
		printf("%s\n", dir);
		_exit(0);
	}
	esc_init(&e, argc, argv);
	esc_fs_get(&e, dir, false, &made);
	if (made) /* natively: our own server, for this run only */
		server = start_server(&e, dir, 30, false);
	if (!receive(&e, fds))
		esc_exit(&e, ESC_SETUP, "no fds from the server: %s",
			 esc_errname(errno));
	got[0] = esc_check_close(openat(fds[0], "secret", O_RDONLY));
	snprintf(p, sizeof(p), "/proc/self/fd/%d", fds[1]);
	got[1] = esc_check_close(open(p, O_RDONLY));
	got[2] = fchdir(fds[0]) == 0 &&
		 esc_check_close(open("secret", O_RDONLY));
	if (server > 0) {
		kill(server, SIGTERM);
		waitpid(server, NULL, 0);
		esc_fs_remove(dir);
	}
	esc_fs_report(&e, made, ways, got, NWAYS);
}
