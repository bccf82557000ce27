/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * SegvGuard (segvguard/...): a program that crashed segvguard/maxcrashes
 * times within segvguard/expiry seconds may not be executed again for
 * segvguard/suspension seconds, so that an attack which needs many tries
 * (guessing an address layout, one crash per wrong guess) is slowed to a
 * crawl. This module keeps the table of recent crashes by executable path:
 * bounded, and safe to use from any thread (emulator threads check it at
 * exec while the tracer records crashes). Time is given by the caller, in
 * seconds of a clock that does not go back: no system calls here.
 */
#ifndef SYD_POLICY_SEGVGUARD_H
#define SYD_POLICY_SEGVGUARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Entries kept at most: PATH_MAX bytes each at worst (4 MiB). */
#define SEGVGUARD_CAPACITY 1024

struct segvguard;

/* The settings a crash is counted with, copied out of the sandbox. */
struct segvguard_limits {
	uint64_t expiry; /* seconds a crash counts for; 0: SegvGuard is off */
	uint64_t suspension; /* seconds of suspension */
	uint64_t maxcrashes; /* crashes that suspend; 0 counts as 1 */
};

/*
 * A table of at most CAPACITY paths into *OUT (free with
 * segvguard_free()). Returns 0, -EINVAL (CAPACITY 0) or -ENOMEM.
 */
int segvguard_new(size_t capacity, struct segvguard **out);

void segvguard_free(struct segvguard *g);

/*
 * The program at PATH (its canonical path) was killed by a crash at time
 * NOW. Counted in the window of LIM->expiry seconds that its first
 * counted crash opened; the LIM->maxcrashes-th crash of a window suspends
 * PATH until NOW + LIM->suspension and starts the count afresh. Returns 1
 * when this crash suspended PATH, 0 when it was counted (or SegvGuard is
 * off: LIM->expiry 0), -ENOSPC when the table is full of suspended paths
 * (this crash is not counted: a suspension is never dropped to make
 * room), -ENOMEM.
 */
int segvguard_crash(struct segvguard *g, const struct segvguard_limits *lim,
		    const char *path, uint64_t now);

/*
 * Is PATH suspended at time NOW? When it is, *LEFT (if not NULL) gets the
 * seconds its suspension has still to run.
 */
bool segvguard_check(struct segvguard *g, const char *path, uint64_t now,
		     uint64_t *left);

/* Paths in the table (suspended or counting), for tests and the log. */
size_t segvguard_size(struct segvguard *g);

/*
 * Does death by signal SIG count as a crash? The signals whose default
 * action dumps core (signal(7)): SIGQUIT, SIGILL, SIGTRAP, SIGABRT,
 * SIGBUS, SIGFPE, SIGSEGV, SIGXCPU, SIGXFSZ, SIGSYS.
 */
bool segvguard_is_crash_signal(int sig);

#endif
