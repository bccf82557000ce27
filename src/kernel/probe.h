/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Probes of the running kernel's features this program builds on. Each probe
 * asks the kernel directly (a flag it rejects or a call it answers), never
 * the version number, so a backported or disabled feature is seen as it is.
 */
#ifndef SYD_KERNEL_PROBE_H
#define SYD_KERNEL_PROBE_H

#include <stdbool.h>

struct kernel_features {
	bool user_notif; /* SECCOMP_RET_USER_NOTIF */
	bool addfd_send; /* SECCOMP_ADDFD_FLAG_SEND (5.14) */
	bool wait_killable; /* SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV (5.19) */
	bool sync_wakeup; /* SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP (6.6) */
	bool pidfd_getfd; /* pidfd_getfd(2) (5.6) */
	bool openat2; /* openat2(2) (5.6) */
	int landlock_abi; /* 0 when Landlock is missing or disabled */
};

/*
 * Fill F. The seccomp probes run in a short-lived child, because installing a
 * filter cannot be undone. Returns 0, or -errno when the child could not be
 * run (then F says "missing" for what it could not test).
 */
int kernel_probe(struct kernel_features *f);

#endif
