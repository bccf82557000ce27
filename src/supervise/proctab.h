/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The tracer's table of the sandbox's processes (thread-group leaders):
 * the executable each runs, as decided at its last exec (inherited from
 * its parent at fork until then). A process's death is reported with its
 * wait status when /proc/PID/exe no longer reads, so what crashed is
 * named from here (SegvGuard). Used by the tracer's thread alone: no lock.
 */
#ifndef SYD_SUPERVISE_PROCTAB_H
#define SYD_SUPERVISE_PROCTAB_H

#include <stddef.h>
#include <sys/types.h>

/* PID, a new process, runs what PARENT runs (0 or unknown: nothing yet). */
int proctab_fork(pid_t parent, pid_t pid);

/* PID exec'd EXE (its canonical path). Returns 0 or -ENOMEM. */
int proctab_exec(pid_t pid, const char *exe);

/* The executable PID runs, or NULL (not a process we know, or unknown). */
const char *proctab_exe(pid_t pid);

/* PID is gone. */
void proctab_exit(pid_t pid);

/* Processes in the table. */
size_t proctab_count(void);

#endif
