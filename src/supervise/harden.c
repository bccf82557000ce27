/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Start-up hardening of the initial command. The loader reads LD_PRELOAD
 * and its kin before the program's first instruction: a library named
 * there runs inside the sandboxed program, as that program, with every
 * right the policy gave it; what the variable named is decided by no
 * rule that thought of it. The kernel's W^X (MDWE) turns shellcode
 * injection into a failed mprotect; the seccomp filter says the same to
 * calls it can see (supervise/filter.c), MDWE holds where it cannot
 * (personality READ_IMPLIES_EXEC, calls the filter does not inspect).
 */
#include "supervise/harden.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>

#ifndef PR_SET_MDWE
#define PR_SET_MDWE 65
#endif
#ifndef PR_MDWE_REFUSE_EXEC_GAIN
#define PR_MDWE_REFUSE_EXEC_GAIN (1UL << 0)
#endif

/*
 * glibc's UNSECURE_ENVVARS (elf/dl-support.c removes them for set-user-ID
 * programs), the loader variables glibc only ignores there (debugging,
 * binding, tracing) and musl's (LD_PRELOAD, LD_LIBRARY_PATH). TMPDIR is
 * glibc's too: a program's temporary files go where the sandbox's caller
 * sends them, not where the environment says.
 */
static const char *const unsafe_env[] = {
	"GCONV_PATH",
	"GETCONF_DIR",
	"GLIBC_TUNABLES",
	"HOSTALIASES",
	"LD_AUDIT",
	"LD_BIND_NOT",
	"LD_BIND_NOW",
	"LD_DEBUG",
	"LD_DEBUG_OUTPUT",
	"LD_DYNAMIC_WEAK",
	"LD_HWCAP_MASK",
	"LD_LIBRARY_PATH",
	"LD_ORIGIN_PATH",
	"LD_POINTER_GUARD",
	"LD_PREFER_MAP_32BIT_EXEC",
	"LD_PRELOAD",
	"LD_PROFILE",
	"LD_PROFILE_OUTPUT",
	"LD_SHOW_AUXV",
	"LD_TRACE_LOADED_OBJECTS",
	"LD_USE_LOAD_BIAS",
	"LD_VERBOSE",
	"LD_WARN",
	"LOCALDOMAIN",
	"LOCPATH",
	"MALLOC_CHECK_",
	"MALLOC_TRACE",
	"NIS_PATH",
	"NLSPATH",
	"RESOLV_HOST_CONF",
	"RES_OPTIONS",
	"TMPDIR",
	"TZDIR",
	NULL,
};

/* Does ENTRY ("VAR", "VAR=" or "VAR=VAL") name the variable NAME (LEN)? */
static bool names(const char *entry, const char *name, size_t len)
{
	return !strncmp(entry, name, len) &&
	       (entry[len] == '\0' || entry[len] == '=');
}

bool harden_env_is_unsafe(const char *name)
{
	size_t len = strcspn(name, "=");

	for (const char *const *p = unsafe_env; *p; p++)
		if (strlen(*p) == len && !strncmp(*p, name, len))
			return true;
	return false;
}

const char *const *harden_env_names(void)
{
	return unsafe_env;
}

void harden_env_strip(const char *const *keep, size_t n)
{
	for (const char *const *p = unsafe_env; *p; p++) {
		size_t len = strlen(*p);
		bool kept = false;

		for (size_t i = 0; i < n && !kept; i++)
			kept = names(keep[i], *p, len);
		if (!kept)
			unsetenv(*p);
	}
}

int harden_mdwe(void)
{
	if (prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN, 0L, 0L, 0L) == 0)
		return 0;
	/* EINVAL: an option this kernel does not know (before 6.3). */
	return errno == EINVAL ? 1 : -errno;
}
