/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The secret under an allowed name in another mount namespace. A process
 * outside the sandbox (made by --prepare, as a container, a service with a
 * private /tmp or a flatpak app would be) has DIR/secret bind-mounted on
 * DIR/public in a mount namespace of its own and its cwd at DIR. Through
 * its /proc/PID/{cwd,root} the name "DIR/public" is the secret there; in
 * the sandbox's namespace that name is allowed. Tried by path, through a
 * directory fd, fchdir, chdir, RESOLVE_IN_ROOT, and for writing.
 *
 * ESC_PREPARED: "PID" of that process, or "unsupported: why". Without it
 * (the native run) the program makes the process itself.
 */
#include "esc.h"

#include <linux/openat2.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/wait.h>

static bool write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	bool ok;

	if (fd < 0)
		return false;
	ok = write(fd, text, strlen(text)) == (ssize_t)strlen(text);
	close(fd);
	return ok;
}

/* In the child: a mount namespace of its own (in a user namespace of its
 * own when not root) with the secret on the public name. */
static const char *make_view(const struct esc *e)
{
	uid_t uid = geteuid();
	gid_t gid = getegid();
	char map[64];

	if (unshare(CLONE_NEWNS) < 0) {
		if (unshare(CLONE_NEWUSER | CLONE_NEWNS) < 0)
			return "no mount namespace (unshare)";
		snprintf(map, sizeof(map), "%u %u 1", (unsigned)uid,
			 (unsigned)uid);
		write_file("/proc/self/setgroups", "deny");
		if (!write_file("/proc/self/uid_map", map))
			return "cannot map uid";
		snprintf(map, sizeof(map), "%u %u 1", (unsigned)gid,
			 (unsigned)gid);
		if (!write_file("/proc/self/gid_map", map))
			return "cannot map gid";
	}
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		return "cannot make / private";
	if (mount(e->secret, e->public_, NULL, MS_BIND, NULL) < 0)
		return "cannot bind-mount";
	if (chdir(e->dir) < 0)
		return "cannot chdir";
	return NULL;
}

/* Start the outside process; print its pid, or "unsupported: why". */
static pid_t prepare(const struct esc *e, char *why, size_t size)
{
	int p[2];
	pid_t pid;
	char buf[128] = "";
	ssize_t n;

	if (pipe2(p, O_CLOEXEC) < 0)
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		const char *err;

		setsid();
		close(p[0]);
		err = make_view(e);
		if (write(p[1], err ? err : "ok", strlen(err ? err : "ok")) < 0)
			_exit(1);
		close(p[1]);
		if (err)
			_exit(1);
		esc_linger(30);
	}
	close(p[1]);
	n = read(p[0], buf, sizeof(buf) - 1);
	close(p[0]);
	buf[n > 0 ? n : 0] = '\0';
	if (strcmp(buf, "ok")) {
		snprintf(why, size, "%s", n > 0 ? buf : "the child died");
		waitpid(pid, NULL, 0);
		return 0;
	}
	return pid;
}

static pid_t target;

static void done(const struct esc *e, enum esc_status st, const char *what)
{
	if (target > 0)
		kill(target, SIGKILL);
	esc_exit(e, st, "%s", what);
}

static void check(const struct esc *e, int fd, const char *how)
{
	char msg[PATH_MAX + 64];

	if (esc_check_close(fd)) {
		snprintf(msg, sizeof(msg), "read TOPSECRET via %s", how);
		done(e, ESC_ESCAPED, msg);
	}
	printf("# %s: %s\n", how, fd < 0 ? esc_errname(errno) : "not it");
}

int main(int argc, char **argv)
{
	const char *prep = getenv("ESC_PREPARED");
	char path[2 * PATH_MAX], why[128], proc[64];
	struct open_how how = { .flags = O_RDONLY, .resolve = RESOLVE_IN_ROOT };
	struct esc e;
	int dfd, fd;

	if (argc == 3 && !strcmp(argv[1], "--prepare")) {
		char *av[] = { argv[0], argv[2], NULL };
		pid_t pid;

		esc_init(&e, 2, av);
		pid = prepare(&e, why, sizeof(why));
		if (pid > 0)
			printf("%d\n", (int)pid);
		else
			printf("unsupported: %s\n", pid == 0 ? why : "fork");
		return 0;
	}
	esc_init(&e, argc, argv);
	if (prep && *prep) {
		if (!strncmp(prep, "unsupported: ", 13))
			esc_exit(&e, ESC_UNSUPPORTED, "%s", prep + 13);
		target = (pid_t)atoi(prep);
	} else {
		target = prepare(&e, why, sizeof(why));
		if (target == 0)
			esc_exit(&e, ESC_UNSUPPORTED, "%s", why);
	}
	if (target <= 0)
		esc_exit(&e, ESC_SETUP, "no outside process");
	snprintf(proc, sizeof(proc), "/proc/%d", (int)target);

	snprintf(path, sizeof(path), "%s/cwd/public", proc);
	check(&e, open(path, O_RDONLY | O_CLOEXEC), path);
	snprintf(path, sizeof(path), "%s/root%s", proc, e.public_);
	check(&e, open(path, O_RDONLY | O_CLOEXEC), path);

	snprintf(path, sizeof(path), "%s/cwd", proc);
	dfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	printf("# open %s: %s\n", path, dfd < 0 ? esc_errname(errno) : "ok");
	if (dfd >= 0) {
		check(&e, openat(dfd, "public", O_RDONLY | O_CLOEXEC),
		      "openat(cwd fd, public)");
		if (fchdir(dfd) == 0)
			check(&e, open("public", O_RDONLY | O_CLOEXEC),
			      "fchdir(cwd fd), open public");
		close(dfd);
	}
	if (chdir(path) == 0)
		check(&e, open("public", O_RDONLY | O_CLOEXEC),
		      "chdir(/proc/PID/cwd), open public");
	else
		printf("# chdir %s: %s\n", path, esc_errname(errno));

	snprintf(path, sizeof(path), "%s/root", proc);
	dfd = open(path, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fd = (int)syscall(SYS_openat2, dfd, e.public_, &how,
				  sizeof(how));
		check(&e, fd, "openat2(root fd, RESOLVE_IN_ROOT)");
		close(dfd);
	}

	/* Writing: the secret must stay as it is (run-esc.sh checks). */
	snprintf(path, sizeof(path), "%s/cwd/public", proc);
	fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);
	if (fd >= 0 && write(fd, "X", 1) == 1) {
		char buf[32] = "";
		int pfd = open(e.public_, O_RDONLY | O_CLOEXEC);
		ssize_t n = pfd < 0 ? -1 : read(pfd, buf, sizeof(buf) - 1);

		/* Written to what the name is here (public), or not? */
		if (n < 2 || buf[n - 1] != 'X')
			done(&e, ESC_ESCAPED,
			     "appended to the secret via cwd/public");
		printf("# append %s: went to DIR/public\n", path);
		close(pfd);
	} else {
		printf("# append %s: %s\n", path, esc_errname(errno));
	}
	if (fd >= 0)
		close(fd);
	done(&e, ESC_BLOCKED, "every route through the other namespace failed");
}
