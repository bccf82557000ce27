/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Variable and tilde expansion for configuration values. Deliberately not
 * wordexp(3): no command substitution, no globbing, no word splitting, so a
 * value can never run anything or turn into something other than one
 * string. An undefined variable is an error rather than an empty string:
 * a write rule under ${BUILD} with BUILD unset must not become a write rule
 * for the whole file system.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config/config.h"

/* Built-in variables first, then the environment. NULL when undefined. */
static const char *lookup(const char *name, char *buf, size_t size)
{
	const char *v;

	if (!strcmp(name, "SYD_UID")) {
		snprintf(buf, size, "%u", (unsigned)getuid());
		return buf;
	}
	if (!strcmp(name, "SYD_GID")) {
		snprintf(buf, size, "%u", (unsigned)getgid());
		return buf;
	}
	if (!strcmp(name, "SYD_PWD"))
		return getcwd(buf, size);
	if (!strcmp(name, "SYD_HOME") || !strcmp(name, "HOME")) {
		struct passwd *pw;

		v = getenv("HOME");
		if (v && *v)
			return v;
		pw = getpwuid(getuid());
		if (!pw || !pw->pw_dir)
			return NULL;
		snprintf(buf, size, "%s", pw->pw_dir);
		return buf;
	}
	return getenv(name);
}

static bool is_name_start(char c)
{
	return isalpha((unsigned char)c) || c == '_';
}

static bool is_name_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

int config_expand(const char *in, struct strbuf *out, char *why, size_t size)
{
	char name[256], buf[PATH_MAX];
	const char *p = in, *v;
	size_t n;

	/* ~ only where a path starts: the whole value, or "~/...". */
	if (p[0] == '~' && (p[1] == '\0' || p[1] == '/')) {
		v = lookup("HOME", buf, sizeof(buf));
		if (!v) {
			snprintf(why, size, "cannot expand '~': HOME is unset");
			return -EINVAL;
		}
		strbuf_puts(out, v);
		p++;
	}
	while (*p) {
		if (*p != '$') {
			strbuf_putc(out, *p++);
			continue;
		}
		if (p[1] == '$') {
			strbuf_putc(out, '$');
			p += 2;
			continue;
		}
		if (p[1] == '{') {
			const char *end = strchr(p + 2, '}');

			n = end ? (size_t)(end - (p + 2)) : 0;
			if (!end || n == 0 || !is_name_start(p[2])) {
				snprintf(why, size,
					 "bad variable reference: expected "
					 "${NAME}");
				return -EINVAL;
			}
			for (size_t i = 0; i < n; i++) {
				if (!is_name_char(p[2 + i])) {
					snprintf(why, size,
						 "bad variable name in "
						 "'${%.*s}'",
						 (int)n, p + 2);
					return -EINVAL;
				}
			}
			p += 2;
		} else if (is_name_start(p[1])) {
			p++;
			for (n = 0; is_name_char(p[n]); n++)
				;
		} else {
			snprintf(why, size,
				 "stray '$': write $$ for a literal '$'");
			return -EINVAL;
		}
		if (n >= sizeof(name)) {
			snprintf(why, size, "variable name too long");
			return -EINVAL;
		}
		memcpy(name, p, n);
		name[n] = '\0';
		p += n + (p[-1] == '{' ? 1 : 0);
		v = lookup(name, buf, sizeof(buf));
		if (!v) {
			snprintf(why, size, "undefined variable '%s'", name);
			return -EINVAL;
		}
		strbuf_puts(out, v);
	}
	if (strbuf_failed(out)) {
		snprintf(why, size, "out of memory");
		return -ENOMEM;
	}
	return 0;
}
