/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Syd's glob dialect on canonical absolute paths. Compilation checks the
 * pattern once (absolute, classes closed, bounded length); matching is pure,
 * allocation-free and linear in pattern length times path length, so a
 * hostile pattern or path cannot make the supervisor backtrack exponentially.
 *
 *   ?      one character other than '/'
 *   *      any run of characters other than '/'
 *   **     any run of characters, '/' included
 *   ** between two slashes also matches zero whole directories, so the
 *          pattern /a/ ** /b (without the spaces) matches "/a/b"
 *   [...]  a class: [abc], [a-z], [!x] or [^x], [[:alpha:]]; never '/'
 *   \c     the character c itself
 *   /d/ *** (at the end, without the space) the directory /d itself and
 *          everything below it
 */
#ifndef SYD_POLICY_PATTERN_H
#define SYD_POLICY_PATTERN_H

#include <stdbool.h>
#include <stddef.h>

/* Longest pattern text accepted, in bytes, without the NUL: PATH_MAX - 1. */
#define PATTERN_MAX 4095

struct pattern;

/*
 * Compile TEXT. On success *out owns a new pattern (pattern_free()).
 * Returns 0, or:
 *   -EINVAL        not absolute, unterminated '[', bad class, trailing '\'
 *   -ENAMETOOLONG  longer than PATTERN_MAX
 *   -ENOMEM
 * On error *why (if not NULL) points at a static, human-readable reason such
 * as "pattern must be absolute"; *out is NULL.
 */
int pattern_compile(const char *text, struct pattern **out, const char **why);

/* True when PATH (LEN bytes, no NUL needed) matches P. */
bool pattern_match(const struct pattern *p, const char *path, size_t len);

/*
 * Could a path below the directory DIR (LEN bytes, canonical) match P?
 * Conservative: true whenever unsure (a "**" on the way, a component
 * too long); components are compared with fnmatch(3), which reads this
 * dialect's one-component globs alike. For a rename of DIR, which would
 * give whatever P protects below it a name P does not match.
 */
bool pattern_may_match_below(const struct pattern *p, const char *dir,
			     size_t len);

/* The source text P was compiled from (owned by P). */
const char *pattern_text(const struct pattern *p);

void pattern_free(struct pattern *p);

#endif
