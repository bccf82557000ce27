/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd/exec!PROGRAM (syd(2)): run a program outside the sandbox for a
 * process inside it. An escape by design, so only where the lock lets a
 * command through at all (off; exec, for the initial process), and never
 * with more than the caller has: its ids, its groups, at most its
 * capabilities, no_new_privs.
 */
#ifndef SYD_SUPERVISE_CMD_EXEC_H
#define SYD_SUPERVISE_CMD_EXEC_H

#include <stdbool.h>
#include <sys/types.h>

struct notif;

/*
 * Run ARGS (the program, then its arguments, each ended by ASCII 0x1F or
 * the end of the string, as syd-exec(1) writes them) as N's caller's
 * credentials, outside the sandbox: syd's child, in a process group of
 * its own, stdin /dev/null, stdout and stderr syd's, no other fd, cwd /,
 * umask 077, syd's environment, PATH searched when the name has no
 * slash. syd does not wait for it. Returns 0 once it runs, or -errno: of
 * the exec (ENOENT...), EPERM when syd cannot take on the caller's
 * credentials, EINVAL for an empty program, EAGAIN when too many run.
 */
int cmd_exec_run(struct notif *n, const char *args);

/*
 * Is PID a program cmd/exec started, still running? syd's end kills its
 * children (the sandbox's orphans come back to it), but for these: they
 * are no part of the sandbox.
 */
bool cmd_exec_running(pid_t pid);

/*
 * For the tracer's waitpid(-1) (trace.c): true when PID was a program
 * cmd/exec started (it is forgotten then), which is no process of the
 * sandbox and counts for nothing.
 */
bool cmd_exec_reaped(pid_t pid);

#endif
