/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * File-system type names (see fstype.h) and the fs category's decision.
 * The names come from a table generated from <linux/magic.h> by
 * tools/gen-fstype-names.py and checked in, as the ioctl names are: the
 * magics are kernel ABI and never change, and a build must not depend on
 * the headers of the build host. Names are exact, not globs: a rule for
 * "ext*" would silently take in file systems added later.
 */
#include "policy/fstype.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct fstype {
	const char *name;
	uint32_t magic;
	bool shown; /* the name logs show for this magic */
};

/* clang-format off */
static const struct fstype types[] = {
#include "policy/fstype_names.inc"
};
/* clang-format on */

#define NTYPES (sizeof(types) / sizeof(types[0]))

/* A number rule, "0x" and 1 to 8 hex digits: its magic in *OUT. */
static bool parse_number(const char *value, uint32_t *out)
{
	size_t n;

	if (value[0] != '0' || (value[1] != 'x' && value[1] != 'X'))
		return false;
	n = strspn(value + 2, "0123456789abcdefABCDEF");
	if (n == 0 || n > 8 || value[2 + n] != '\0')
		return false;
	*out = (uint32_t)strtoul(value + 2, NULL, 16);
	return true;
}

int fstype_check(const char *value, const char **why)
{
	uint32_t magic;

	if (parse_number(value, &magic))
		return 0;
	for (size_t i = 0; i < NTYPES; i++)
		if (!strcmp(types[i].name, value))
			return 0;
	/*
	 * Refused rather than kept as a rule that matches nothing: a typo
	 * in an allow rule would otherwise fail closed only at run time,
	 * and in a deny rule would silently let the type through.
	 */
	*why = "unknown file-system type (expected a name of <linux/magic.h> "
	       "such as ext4, btrfs, xfs, tmpfs, proc, sysfs, cgroup2, "
	       "overlayfs, fuse, nfs, devpts; ext for ext2/3/4; or 0xHEX, "
	       "the f_type of statfs(2); see syd-fs(1) or stat -f -c %t)";
	return -EINVAL;
}

bool fstype_names(const char *value, uint32_t magic)
{
	uint32_t m;

	if (parse_number(value, &m))
		return m == magic;
	for (size_t i = 0; i < NTYPES; i++)
		if (types[i].magic == magic && !strcmp(types[i].name, value))
			return true;
	return false;
}

const char *fstype_name(uint32_t magic, char *buf, size_t size)
{
	for (size_t i = 0; i < NTYPES; i++) {
		if (types[i].magic == magic && types[i].shown) {
			snprintf(buf, size, "%s", types[i].name);
			return buf;
		}
	}
	snprintf(buf, size, "0x%x", (unsigned)magic);
	return buf;
}

enum action fstype_decide(const struct sandbox *sb, uint32_t magic,
			  const struct rule **rule)
{
	const struct rule_list *l = &sb->rules[CAT_FS];
	const struct rule *r = NULL;

	if (rule)
		*rule = NULL;
	if (!sandbox_enabled(sb, CAT_FS))
		return ACTION_ALLOW;
	/* The last rule naming the type wins, as in every category. */
	for (size_t i = l->n; i-- > 0;) {
		if (fstype_names(l->v[i].text, magic)) {
			r = &l->v[i];
			break;
		}
	}
	if (rule)
		*rule = r;
	return r ? r->act : sb->dflt[CAT_FS];
}
