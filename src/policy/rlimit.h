/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rlimit/NAME: the resource limits syd gives the sandbox's initial process
 * before its exec, soft and hard alike, which every later process inherits.
 * The names and value syntax, and which limit a policy asks for. Pure: no
 * system calls (supervise/rlimits.c sets them, syscalls/rlimit.c keeps
 * the sandbox from raising them again).
 */
#ifndef SYD_POLICY_RLIMIT_H
#define SYD_POLICY_RLIMIT_H

#include <stdbool.h>
#include <stdint.h>

#include "sandbox.h"

/* How a value is written. */
enum rlimit_unit {
	RLIMIT_UNIT_SIZE, /* bytes, with K, M, G... (parse_size) */
	RLIMIT_UNIT_COUNT, /* a plain number */
	RLIMIT_UNIT_SECONDS, /* seconds, with s, m, h, d (parse_duration) */
	RLIMIT_UNIT_USEC, /* microseconds, a plain number */
};

struct rlimit_name {
	const char *name; /* "nofile", as in rlimit/nofile */
	int resource; /* RLIMIT_NOFILE */
	enum rlimit_unit unit;
};

/* The resources, by name; the table ends with a row whose name is NULL. */
const struct rlimit_name *rlimit_names(void);

/* The row for NAME, or NULL. */
const struct rlimit_name *rlimit_by_name(const char *name);

/* The name of RESOURCE ("nofile"), or NULL for one rlimit/ does not set. */
const char *rlimit_resource_name(int resource);

/*
 * The value S for resource R into *OUT: "none" (leave the inherited limit:
 * *SET false), "inf" (RLIM_INFINITY) or a number in R's unit. Returns 0,
 * or -EINVAL with *EXPECTED saying what was expected.
 */
int rlimit_parse(const struct rlimit_name *r, const char *s, bool *set,
		 uint64_t *out, const char **expected);

/*
 * The limit SB gives RESOURCE (soft and hard) at start: true with *V (V
 * may be NULL), false when the inherited one stays. rlimit/core unset
 * means 0 unless trace/allow_unsafe_prlimit: no core dumps by default.
 */
bool rlimit_wanted(const struct sandbox *sb, int resource, uint64_t *v);

/*
 * Does syd refuse the sandbox a higher RESOURCE limit than it was given?
 * Every limit rlimit_wanted() sets, unless trace/allow_unsafe_prlimit.
 */
bool rlimit_guarded(const struct sandbox *sb, int resource);

#endif
