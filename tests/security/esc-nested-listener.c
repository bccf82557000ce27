/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Attack 15: a seccomp listener of the sandboxed process's own. Its filter
 * sends openat to a listener it holds, and a second thread answers every
 * notification with SECCOMP_USER_NOTIF_FLAG_CONTINUE. If the kernel asked
 * that listener instead of syd's, the open would run unchecked. Under syd
 * installing the listener must fail (EPERM from syd's filter; the kernel
 * also refuses a second listener in one filter chain with EBUSY).
 */
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <pthread.h>
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/syscall.h>

#include "esc.h"

static int listener = -1;

int main(int argc, char **argv)
{
	struct sock_filter insns[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_openat, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { sizeof(insns) / sizeof(insns[0]), insns };
	struct esc e;
	pthread_t t;
	int fd, err;

	esc_init(&e, argc, argv);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		esc_exit(&e, ESC_SETUP, "PR_SET_NO_NEW_PRIVS: %s",
			 strerror(errno));
	listener = (int)syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER,
				SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog);
	if (listener < 0) {
		err = errno;
		if (err == EINVAL || err == ENOSYS)
			esc_exit(&e, ESC_UNSUPPORTED,
				 "seccomp NEW_LISTENER: %s", esc_errname(err));
		esc_exit(&e, ESC_BLOCKED, "seccomp NEW_LISTENER: %s",
			 esc_errname(err));
	}
	printf("# installed a filter with listener fd %d\n", listener);
	if (pthread_create(&t, NULL, esc_answer_continue,
			   (void *)(intptr_t)listener) != 0)
		esc_exit(&e, ESC_SETUP, "pthread_create failed");
	fd = open(e.secret, O_RDONLY | O_CLOEXEC);
	err = errno;
	if (esc_check_close(fd))
		esc_exit(&e, ESC_ESCAPED,
			 "open answered CONTINUE by our own listener read "
			 "TOPSECRET");
	esc_exit(&e, ESC_BLOCKED, "open under our own listener: %s",
		 fd < 0 ? esc_errname(err) : "opened, not the secret");
}
