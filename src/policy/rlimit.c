/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rlimit/NAME: names, values and what a policy asks for (policy/rlimit.h).
 * Pure: no system calls.
 */
#include "policy/rlimit.h"

#include <errno.h>
#include <string.h>
#include <sys/resource.h>

#include "util.h"

_Static_assert(RLIM_NLIMITS <= 16, "struct sandbox holds 16 limits");
_Static_assert(RLIM_INFINITY == UINT64_MAX, "a limit is a uint64_t");

/* Every resource of getrlimit(2) but RLIMIT_RSS and RLIMIT_LOCKS (no-ops). */
static const struct rlimit_name names[] = {
	{ "as", RLIMIT_AS, RLIMIT_UNIT_SIZE },
	{ "core", RLIMIT_CORE, RLIMIT_UNIT_SIZE },
	{ "cpu", RLIMIT_CPU, RLIMIT_UNIT_SECONDS },
	{ "data", RLIMIT_DATA, RLIMIT_UNIT_SIZE },
	{ "fsize", RLIMIT_FSIZE, RLIMIT_UNIT_SIZE },
	{ "memlock", RLIMIT_MEMLOCK, RLIMIT_UNIT_SIZE },
	{ "msgqueue", RLIMIT_MSGQUEUE, RLIMIT_UNIT_SIZE },
	{ "nice", RLIMIT_NICE, RLIMIT_UNIT_COUNT },
	{ "nofile", RLIMIT_NOFILE, RLIMIT_UNIT_COUNT },
	{ "nproc", RLIMIT_NPROC, RLIMIT_UNIT_COUNT },
	{ "rtprio", RLIMIT_RTPRIO, RLIMIT_UNIT_COUNT },
	{ "rttime", RLIMIT_RTTIME, RLIMIT_UNIT_USEC },
	{ "sigpending", RLIMIT_SIGPENDING, RLIMIT_UNIT_COUNT },
	{ "stack", RLIMIT_STACK, RLIMIT_UNIT_SIZE },
	{ NULL, 0, RLIMIT_UNIT_COUNT },
};

const struct rlimit_name *rlimit_names(void)
{
	return names;
}

const struct rlimit_name *rlimit_by_name(const char *name)
{
	for (const struct rlimit_name *r = names; r->name; r++)
		if (!strcmp(r->name, name))
			return r;
	return NULL;
}

const char *rlimit_resource_name(int resource)
{
	for (const struct rlimit_name *r = names; r->name; r++)
		if (r->resource == resource)
			return r->name;
	return NULL;
}

int rlimit_parse(const struct rlimit_name *r, const char *s, bool *set,
		 uint64_t *out, const char **expected)
{
	static const char *const what[] = {
		[RLIMIT_UNIT_SIZE] = "a size such as 64M (K, M, G, T: "
				     "powers of 1024), none or inf",
		[RLIMIT_UNIT_COUNT] = "a number, none or inf",
		[RLIMIT_UNIT_SECONDS] = "seconds, such as 90 or 2m (s, m, h, "
					"d), none or inf",
		[RLIMIT_UNIT_USEC] = "microseconds, none or inf",
	};
	int err;

	*expected = what[r->unit];
	*set = true;
	if (!strcmp(s, "none")) {
		*set = false;
		*out = 0;
		return 0;
	}
	if (!strcmp(s, "inf")) {
		*out = RLIM_INFINITY;
		return 0;
	}
	switch (r->unit) {
	case RLIMIT_UNIT_SIZE:
		err = parse_size(s, out);
		break;
	case RLIMIT_UNIT_SECONDS:
		err = parse_duration(s, out);
		break;
	case RLIMIT_UNIT_COUNT:
	case RLIMIT_UNIT_USEC:
	default:
		err = parse_u64(s, 10, UINT64_MAX, out);
		break;
	}
	return err < 0 ? -EINVAL : 0;
}

bool rlimit_wanted(const struct sandbox *sb, int resource, uint64_t *v)
{
	uint64_t dummy;

	if (!v)
		v = &dummy;
	if (resource < 0 || resource >= 16)
		return false;
	if (sb->rlimit_set & (1u << resource)) {
		*v = sb->rlimit[resource];
		return true;
	}
	/*
	 * The kernel writes a core dump itself, into the crashing process's
	 * cwd, where no path rule is asked: none unless the policy says so.
	 */
	if (resource == RLIMIT_CORE && !(sb->rlimit_keep & (1u << resource)) &&
	    !sb->trace[TRACE_ALLOW_UNSAFE_PRLIMIT]) {
		*v = 0;
		return true;
	}
	return false;
}

bool rlimit_guarded(const struct sandbox *sb, int resource)
{
	return !sb->trace[TRACE_ALLOW_UNSAFE_PRLIMIT] &&
	       rlimit_wanted(sb, resource, NULL);
}
