/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What the sandbox's initial process gets before its exec, beside the
 * filter: loader variables removed from its environment, and the kernel's
 * Memory-Deny-Write-Execute. Each has its opt-out (trace/allow_unsafe_env,
 * trace/allow_unsafe_exec_memory); the caller asks for each only when it
 * is not set.
 */
#ifndef SYD_SUPERVISE_HARDEN_H
#define SYD_SUPERVISE_HARDEN_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Is NAME (up to '=' or the end) a variable that makes the dynamic loader
 * or libc load code or read files of the caller's choosing (LD_PRELOAD,
 * LD_AUDIT, LD_LIBRARY_PATH, GCONV_PATH, ...)? The list is glibc's own for
 * set-user-ID programs (unsecvars.h), with musl's and the loader's
 * debugging variables.
 */
bool harden_env_is_unsafe(const char *name);

/* The names harden_env_is_unsafe() knows, NULL-terminated (syd-ls env). */
const char *const *harden_env_names(void);

/*
 * Remove every unsafe variable from this process's environment, except
 * those named by an entry of KEEP (N entries "VAR", "VAR=" or "VAR=VAL":
 * the user passed them through with -e, on purpose). Start-up only.
 */
void harden_env_strip(const char *const *keep, size_t n);

/*
 * PR_SET_MDWE(PR_MDWE_REFUSE_EXEC_GAIN) for this process and, across
 * fork and exec, all it runs: no mapping may be writable and executable
 * at once, nor become executable later. Returns 0, 1 when the kernel
 * lacks it (before 6.3: the filter's refusals stand alone), or -errno.
 * Async-signal-safe: for the forked child before its exec.
 */
int harden_mdwe(void);

#endif
