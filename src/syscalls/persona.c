/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * personality(2). A persona is how the kernel treats the process:
 * READ_IMPLIES_EXEC makes every readable mapping executable (W^X gone
 * with no mprotect for syd to see), ADDR_NO_RANDOMIZE turns ASLR off for
 * the next exec, ADDR_COMPAT_LAYOUT and MMAP_PAGE_ZERO weaken the layout:
 * the flags the kernel itself clears at a set-user-ID exec
 * (PER_CLEAR_ON_SETID). By default the sandbox may not add them (EPERM),
 * unless trace/allow_unsafe_personality; any other persona (PER_LINUX32
 * for setarch i686, UNAME26) goes through. Under trace/lock_personality
 * the call may only ask (0xffffffff changes nothing) or set the persona
 * the sandbox started with (syd's: the child inherits it, exec keeps it).
 * The filter cannot say "neither of two values" in one rule, so the call
 * comes here; it is rare (setarch, a few build tools), so this costs
 * nothing measurable.
 */
#include <errno.h>
#include <sys/personality.h>

#include "log.h"
#include "syscalls/common.h"

/*
 * Decided on the register alone, which the kernel then uses as it is: a
 * call let through is the call decided, so CONTINUE is safe. The kernel
 * reads an unsigned int: the low 32 bits are what is judged (-1 passed
 * as a long is the query 0xffffffff there too). The sandbox cannot gain
 * an unsafe flag, so the ones it may have are syd's own (inherited at the
 * start): a flag syd has is no change.
 */
long hook_personality(struct notif *n)
{
	const unsigned unsafe = READ_IMPLIES_EXEC | ADDR_NO_RANDOMIZE |
				ADDR_COMPAT_LAYOUT | MMAP_PAGE_ZERO;
	uint64_t arg = notif_arg(n, 0);
	unsigned want = (unsigned)arg;
	int cur = personality(0xffffffff);
	bool lock = n->sb->trace[TRACE_LOCK_PERSONALITY];

	if (cur < 0)
		return -EPERM; /* cannot tell: refuse, never guess */
	if (want == 0xffffffffu || want == (unsigned)cur)
		return HOOK_CONTINUE;
	if (!lock && !(want & unsafe & ~(unsigned)cur))
		return HOOK_CONTINUE;
	log_msg(LOG_WARN, "personality: pid %d: persona %#llx refused (%s)",
		(int)n->req->pid, (unsigned long long)arg,
		lock ? "trace/lock_personality"
		     : "a flag of PER_CLEAR_ON_SETID: "
		       "trace/allow_unsafe_personality:1");
	return -EPERM;
}
