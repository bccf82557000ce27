/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The trace/ options that take from the sandbox what a process has by
 * default: trace/deny_tsc (the timestamp counter), trace/lock_personality
 * (the execution domain), and the calls that trace/force_cloexec,
 * trace/force_rand_fd and trace/force_umask need hooked whatever
 * categories are on. The emulation side of the three force_ options is
 * in syscalls/ (fdinstall.c, creds.c, the chmod handlers).
 */
#ifndef SYD_SUPERVISE_TIGHTEN_H
#define SYD_SUPERVISE_TIGHTEN_H

#include <seccomp.h>
#include <stdbool.h>

#include "sandbox.h"

/*
 * trace/deny_tsc: PR_SET_TSC(PR_TSC_SIGSEGV) for this process and all it
 * runs (the flag is inherited by fork and kept by exec): reading the
 * timestamp counter (rdtsc, rdtscp) raises SIGSEGV. Returns 0 (also when
 * the option is off) or -errno: -EINVAL where the architecture has no
 * such control (not x86), which refuses the start, as the option asked
 * for a defence that would not be there. glibc's dynamic loader and the
 * vDSO's clock_gettime (TSC clock source) read the counter themselves:
 * those programs die of SIGSEGV, as under syd-tsc(1). Async-signal-safe:
 * for the forked child before its exec.
 */
int tighten_child(const struct sandbox *sb);

/*
 * The filter's part: prctl(PR_SET_TSC) refused (EPERM) under deny_tsc, so
 * the process cannot give itself the counter back. Returns 0 or a
 * libseccomp -errno.
 */
int tighten_filter(scmp_filter_ctx ctx, const struct sandbox *sb);

/*
 * Is the row of system call NAME hooked because of these options, whatever
 * categories are on? The open family and umask under any force_ option
 * (umask: to know the caller's, for what the open creates), mkdir, mknod
 * and the chmod family under force_umask (memfd_create is always hooked),
 * personality under lock_personality (syscalls/persona.c).
 */
bool tighten_row(const struct sandbox *sb, const char *name);

/*
 * Must every open(2)/openat(2) be hooked, read-only ones too, because the
 * fd it makes is to be numbered or marked by syd?
 */
bool tighten_all_opens(const struct sandbox *sb);

#endif
