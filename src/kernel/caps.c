/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "kernel/caps.h"

#include <errno.h>
#include <linux/capability.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

int caps_get_permitted(uint64_t *prm)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2] = { { 0, 0, 0 }, { 0, 0, 0 } };

	if (syscall(SYS_capget, &h, d) < 0)
		return -errno;
	*prm = (uint64_t)d[0].permitted | (uint64_t)d[1].permitted << 32;
	return 0;
}

int caps_set_effective(uint64_t eff, uint64_t prm)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2] = {
		{ (uint32_t)eff, (uint32_t)prm, 0 },
		{ (uint32_t)(eff >> 32), (uint32_t)(prm >> 32), 0 },
	};

	return syscall(SYS_capset, &h, d) < 0 ? -errno : 0;
}

static _Thread_local struct {
	bool active;
	unsigned raised; /* depth of priv_raise() */
	uint64_t eff, prm;
} priv;

int priv_enter(uint64_t eff, uint64_t prm)
{
	int err = caps_set_effective(eff & prm, prm);

	if (err < 0)
		return err;
	priv.active = true;
	priv.raised = 0;
	priv.eff = eff & prm;
	priv.prm = prm;
	return 0;
}

void priv_leave(void)
{
	if (!priv.active)
		return;
	/*
	 * Failing would leave the thread with fewer rights than syd's:
	 * later calls denied more, never allowed more.
	 */
	(void)caps_set_effective(priv.prm, priv.prm);
	priv.active = false;
	priv.raised = 0;
}

bool priv_acting(void)
{
	return priv.active;
}

/*
 * What a raise adds to the caller's capabilities: reaching another task
 * (ptrace access: its memory, its fds, its /proc entries), reading those
 * entries whoever owns them, and asking whether it is alive (kill(tid,
 * 0) as a caller whose ids changed). Not syd's whole set: a file opened
 * while raised keeps the opener's credentials, and the kernel checks some
 * of them later on that file (CAP_SYS_ADMIN for the frame numbers of
 * /proc/PID/pagemap and for /proc/PID/stack), or at the lookup itself
 * (CAP_CHECKPOINT_RESTORE for /proc/PID/map_files): a process acting for
 * itself has only its own.
 */
#define RAISE_CAPS                                                             \
	((1ULL << CAP_SYS_PTRACE) | (1ULL << CAP_DAC_OVERRIDE) |               \
	 (1ULL << CAP_DAC_READ_SEARCH) | (1ULL << CAP_KILL))

static void (*fatal)(int status);

void priv_set_fatal(void (*fn)(int status))
{
	fatal = fn;
}

static void raise_with(uint64_t caps)
{
	/* A failure shows as EPERM on what needed the rights: fail closed. */
	if (priv.active && priv.raised++ == 0)
		(void)caps_set_effective(priv.eff | (priv.prm & caps),
					 priv.prm);
}

void priv_raise(void)
{
	raise_with(RAISE_CAPS);
}

void priv_raise_ptrace(void)
{
	raise_with(1ULL << CAP_SYS_PTRACE);
}

void priv_lower(void)
{
	if (!priv.active || priv.raised == 0 || --priv.raised > 0)
		return;
	/*
	 * Dropping capabilities one holds cannot fail but for a bug; going
	 * on with syd's rights for a caller would be an escape.
	 */
	if (caps_set_effective(priv.eff, priv.prm) < 0) {
		if (fatal)
			fatal(EPERM);
		abort();
	}
}
