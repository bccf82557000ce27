/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * personality(2) under trace/lock_personality, hooked only then: the call
 * may ask (0xffffffff changes nothing) or set the persona the sandbox
 * started with, which is syd's (the child inherits it, exec keeps it);
 * any other persona is refused with EPERM. A persona is how the kernel
 * treats the process: READ_IMPLIES_EXEC makes readable mappings
 * executable, ADDR_NO_RANDOMIZE turns ASLR off for the next exec, UNAME26
 * lies about the kernel. The filter cannot say "neither of two values"
 * in one rule, so the call comes here.
 */
#include <errno.h>
#include <sys/personality.h>

#include "log.h"
#include "syscalls/common.h"

/*
 * Decided on the register alone, which the kernel then uses as it is: a
 * call let through is the call decided, so CONTINUE is safe. The whole
 * register is compared although the kernel reads an unsigned int: upper
 * bits set make a value that is neither, and refused.
 */
long hook_personality(struct notif *n)
{
	uint64_t want = notif_arg(n, 0);
	int cur = personality(0xffffffff);

	if (cur < 0)
		return -EPERM; /* cannot tell: refuse, never guess */
	if (want == 0xffffffffu || want == (uint64_t)(unsigned)cur)
		return HOOK_CONTINUE;
	log_msg(LOG_WARN,
		"personality: pid %d: persona %#llx refused "
		"(trace/lock_personality)",
		(int)n->req->pid, (unsigned long long)want);
	return -EPERM;
}
