/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * trace/deny_tsc and trace/lock_personality, and which calls the force_
 * options keep hooked (supervise/tighten.h). The timestamp counter is the
 * finest clock a process has without a system call: cache-timing attacks
 * (Spectre's, Flush+Reload) measure with it; without it they need a
 * coarser clock or a counting thread. personality(2) changes how the
 * kernel lays out and treats the process (READ_IMPLIES_EXEC makes every
 * readable mapping executable, ADDR_NO_RANDOMIZE turns ASLR off for what
 * it runs next): locked, only the persona the sandbox started with holds
 * (syscalls/persona.c decides the calls this hooks).
 */
#include "supervise/tighten.h"

#include <errno.h>
#include <string.h>
#include <sys/prctl.h>

#include "util.h"

#ifndef PR_SET_TSC
#define PR_SET_TSC 26
#endif
#ifndef PR_TSC_SIGSEGV
#define PR_TSC_SIGSEGV 2
#endif

int tighten_child(const struct sandbox *sb)
{
	if (!sb->trace[TRACE_DENY_TSC])
		return 0;
	if (prctl(PR_SET_TSC, PR_TSC_SIGSEGV, 0L, 0L, 0L) < 0)
		return -errno;
	return 0;
}

int tighten_filter(scmp_filter_ctx ctx, const struct sandbox *sb)
{
	if (!sb->trace[TRACE_DENY_TSC])
		return 0;
	/*
	 * Any PR_SET_TSC undoes or repeats what was set: refused. The kernel
	 * reads the option as an int: the low 32 bits are compared, so upper
	 * bits set in the register do not slip past.
	 */
	return seccomp_rule_add(
		ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(prctl), 1,
		SCMP_A0_64(SCMP_CMP_MASKED_EQ, 0xffffffffu, PR_SET_TSC));
}

bool tighten_all_opens(const struct sandbox *sb)
{
	return sb->trace[TRACE_FORCE_CLOEXEC] || sb->trace[TRACE_FORCE_RAND_FD];
}

bool tighten_row(const struct sandbox *sb, const char *name)
{
	static const char *const opens[] = { "open", "openat", "openat2",
					     "creat", "umask" };
	static const char *const creates[] = {
		"mkdir", "mkdirat", "mknod", "mknodat", "chmod", "fchmodat",
		"fchmodat2", "fchmod",
		/* POSIX ACLs: notif_xattr_umask_ok() */
		"setxattr", "lsetxattr", "fsetxattr"
	};
	bool umask_on = sb->force_umask != UINT32_MAX;

	/* Hooked unless every persona may be set (syscalls/persona.c). */
	if (!strcmp(name, "personality"))
		return sb->trace[TRACE_LOCK_PERSONALITY] ||
		       !sb->trace[TRACE_ALLOW_UNSAFE_PERSONALITY];

	if (tighten_all_opens(sb) || umask_on)
		for (size_t i = 0; i < ARRAY_SIZE(opens); i++)
			if (!strcmp(name, opens[i]))
				return true;
	if (umask_on)
		for (size_t i = 0; i < ARRAY_SIZE(creates); i++)
			if (!strcmp(name, creates[i]))
				return true;
	return false;
}
