/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The exec guard's tracer (layer 3 of DESIGN.md). syd's main thread seizes
 * the initial command before it runs, and through the fork, vfork and
 * clone events every process and thread of the sandbox; it sees only
 * their execs, their job-control stops and their exits, never a system
 * call or a single step. At each exec the image the kernel really loaded
 * is decided again (exec_guard()), and a refused one is killed before its
 * first instruction. With PTRACE_O_EXITKILL, when syd goes every traced
 * process is killed with it: nothing of the sandbox runs unsupervised.
 */
#ifndef SYD_SUPERVISE_TRACE_H
#define SYD_SUPERVISE_TRACE_H

#include <stdbool.h>
#include <sys/types.h>

struct supervisor;

/*
 * Seize PID (syd's child, before it runs the command) with the options
 * the guard needs. Called by the thread that then runs trace_loop(): only
 * it may answer the stops. Returns 0 or -errno (EPERM: Yama's
 * ptrace_scope or a container's policy forbids tracing).
 */
int trace_seize(pid_t pid);

/*
 * Answer every stop of the sandbox until INITIAL has exited (with ALL,
 * until no process of it is left), and return syd's exit status for
 * INITIAL: its exit status, or 128+N when signal N ended it; -EACCES when
 * its first image was refused at the exec event (it never ran). STOP_SELF is
 * called when INITIAL stops for job control (^Z): syd stops too, as the
 * shell that started it expects of its job.
 */
int trace_loop(struct supervisor *sv, pid_t initial, bool all,
	       void (*stop_self)(void));

/*
 * Decide the image process PID has just exec'd (at its PTRACE_EVENT_EXEC
 * stop, before its first instruction): the executable and every other
 * file the kernel mapped for it (the ELF interpreter), each as an exec.
 * What the executable is (non-PIE...), TPE, SegvGuard and Force are
 * decided on it again too. Each refusal is logged. EXE (PATH_MAX bytes)
 * gets the executable's name ("" when it could not be read). Returns true
 * when it may run; false when it must be killed. May end syd (the exit
 * and panic actions).
 */
bool exec_guard(struct supervisor *sv, pid_t pid, char *exe);

/*
 * Set AT_SECURE in the auxiliary vector of the image PID has just exec'd
 * (at its PTRACE_EVENT_EXEC stop), so that its C library runs in
 * secure-execution mode (atsecure.c). Returns 0 or -errno; the image must
 * not run then.
 */
int at_secure_set(pid_t pid);

#endif
