/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Kernel feature probes for syd -V and start-up checks. The seccomp ones
 * install a throw-away filter with a listener in a forked child and ask the
 * listener questions whose error tells whether a flag is known: the kernel
 * validates flags before it looks up the (nonexistent) notification.
 */
#include "kernel/probe.h"
#include "kernel/notify.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/landlock.h>
#include <linux/openat2.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

enum {
	BIT_NOTIF = 1 << 0,
	BIT_SEND = 1 << 1,
	BIT_KILLABLE = 1 << 2,
	BIT_SYNC = 1 << 3,
};

/* A filter that notifies on a syscall nobody makes and allows the rest. */
static int install(unsigned long flags)
{
	struct sock_filter insns[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_kexec_file_load, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { sizeof(insns) / sizeof(insns[0]), insns };

	return (int)syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER,
			    flags | SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog);
}

static int probe_child(void)
{
	struct seccomp_notif_addfd addfd = { 0 };
	int bits = 0, fd;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return 0;
	/* Killable wait first: a filter with an unknown flag is refused. */
	fd = install(SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV);
	if (fd >= 0)
		bits |= BIT_NOTIF | BIT_KILLABLE;
	else
		fd = install(0);
	if (fd < 0)
		return bits;
	bits |= BIT_NOTIF;
	addfd.id = 0; /* no such notification */
	addfd.flags = SECCOMP_ADDFD_FLAG_SEND;
	addfd.srcfd = (__u32)fd;
	if (ioctl(fd, SECCOMP_IOCTL_NOTIF_ADDFD, &addfd) < 0 && errno == ENOENT)
		bits |= BIT_SEND;
	/* This ioctl takes the flags by value, not through a pointer. */
	if (ioctl(fd, SECCOMP_IOCTL_NOTIF_SET_FLAGS,
		  SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP) == 0)
		bits |= BIT_SYNC;
	return bits;
}

int kernel_probe(struct kernel_features *f)
{
	struct open_how how = { .flags = O_RDONLY | O_CLOEXEC,
				.resolve = RESOLVE_NO_MAGICLINKS };
	int status, abi, fd;
	pid_t pid;

	memset(f, 0, sizeof(*f));
	abi = (int)syscall(__NR_landlock_create_ruleset, NULL, 0,
			   LANDLOCK_CREATE_RULESET_VERSION);
	f->landlock_abi = abi > 0 ? abi : 0;
	fd = (int)syscall(__NR_openat2, AT_FDCWD, "/", &how, sizeof(how));
	f->openat2 = fd >= 0;
	if (fd >= 0)
		close(fd);
	/* pidfd_getfd on a bad pidfd: EBADF when the call exists. */
	f->pidfd_getfd =
		syscall(__NR_pidfd_getfd, -1, 0, 0) < 0 && errno == EBADF;

	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid == 0)
		_exit(probe_child());
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	if (!WIFEXITED(status))
		return -ECHILD;
	status = WEXITSTATUS(status);
	f->user_notif = status & BIT_NOTIF;
	f->addfd_send = status & BIT_SEND;
	f->wait_killable = status & BIT_KILLABLE;
	f->sync_wakeup = status & BIT_SYNC;
	return 0;
}
