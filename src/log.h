/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Logging: one JSON object per line to SYD_LOG_FD (default stderr), levels
 * from SYD_LOG, per (process, path) rate limiting of access records, and
 * die() for start-up failures, which print one plain "syd: ..." line.
 * Mutable globals of the program live here (and in the signal fd only).
 */
#ifndef SYD_LOG_H
#define SYD_LOG_H

#include <stdbool.h>
#include <sys/types.h>

#include "policy/rules.h"

enum log_level {
	LOG_EMERG,
	LOG_ALERT,
	LOG_CRIT,
	LOG_ERR,
	LOG_WARN,
	LOG_NOTICE,
	LOG_INFO,
	LOG_DEBUG,
};

/*
 * Read SYD_LOG and SYD_LOG_FD. Returns 0, or -EINVAL with *why naming the
 * bad variable (the caller reports it and exits 22).
 */
int log_init(const char **why);

/* Override the level (log/level from the configuration). */
void log_set_level(enum log_level level);
enum log_level log_get_level(void);
bool log_enabled(enum log_level level);
const char *log_level_name(enum log_level level);
int log_level_from_name(const char *name, enum log_level *out);

/* The log fd, or -1 when logging is off (SYD_LOG_FD negative). */
int log_fd(void);

/* One access decision to record. Fields that are NULL or 0 are left out. */
struct log_access {
	pid_t pid;
	const char *sys; /* system call name */
	enum cat cap;
	enum action act;
	const char *path; /* or NULL */
	const char *addr; /* or NULL */
	int err; /* errno returned to the caller, 0 if allowed */
	const char *msg; /* or NULL: what was refused, when no rule did */
	/*
	 * What would allow it when no rule list decided (tpe, segvguard,
	 * force, the image checks: why, and the opt-out); NULL: the allow
	 * rule for the path or address; "": none.
	 */
	const char *tip;
};

/*
 * Log an access at warn level with its tip, unless the action is filter,
 * allow, or this (pid, path) was logged less than a second ago (then the
 * count of suppressed lines rides along with the next one). Reads
 * /proc/PID for ppid, cmd and cwd. Never fails: logging is best effort.
 */
void log_access(const struct log_access *a);

/* A JSON line {"level":..,"msg":..} at LEVEL, when that level is enabled. */
__attribute__((format(printf, 2, 3))) void log_msg(enum log_level level,
						   const char *fmt, ...);

/* Print "syd: MESSAGE" on stderr and exit with STATUS. Start-up only. */
__attribute__((noreturn, format(printf, 2, 3))) void die(int status,
							 const char *fmt, ...);

#endif
