/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The lexer of the configuration language: text of one line in, its parts
 * out, with no state and no effect, so it is tested on its own. A line
 * loses its comment and surrounding blanks (lex_strip), then splits into
 * an include or a KEY, one operator of ": + - ^ ? !" and the rest as the
 * value (lex_line); a comma list in a key or a value splits into items
 * (lex_item). What a key or a value means is not decided here: the command
 * table and the handlers do that.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "config/internal.h"

static bool is_key_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
	       ch == '_' || ch == '/' || ch == ',';
}

char *lex_strip(char *line)
{
	char *s, *e, *hash;

	/* '#' starts a comment at the start of a line or after space. */
	for (hash = line; (hash = strchr(hash, '#')); hash++) {
		if (hash == line || hash[-1] == ' ' || hash[-1] == '\t') {
			*hash = '\0';
			break;
		}
	}
	s = line + strspn(line, " \t\r");
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

int lex_line(const char *line, struct lex_line *out, char *why, size_t size)
{
	size_t klen = 0;

	out->key[0] = '\0';
	out->op = 0;
	out->arg = "";
	if (!strncmp(line, "include ", 8) ||
	    !strncmp(line, "include_profile ", 16)) {
		bool prof = line[7] == '_';
		const char *arg = line + (prof ? 16 : 8);

		arg += strspn(arg, " \t");
		out->kind = prof ? LEX_INCLUDE_PROFILE : LEX_INCLUDE;
		out->arg = arg;
		if (!*arg) {
			snprintf(why, size, "expected %s",
				 prof ? "include_profile NAME"
				      : "include PATH");
			return -EINVAL;
		}
		return 0;
	}
	out->kind = LEX_COMMAND;
	while (is_key_char(line[klen]))
		klen++;
	if (klen == 0 || klen >= sizeof(out->key)) {
		snprintf(why, size,
			 "expected a command such as sandbox/read:on or "
			 "allow/read+/usr/*** (see syd(2))");
		return -EINVAL;
	}
	memcpy(out->key, line, klen);
	out->key[klen] = '\0';
	out->op = line[klen];
	if (out->op && !strchr(":+-^?!", out->op)) {
		snprintf(why, size,
			 "unexpected '%c' after '%s': expected one of the "
			 "operators : + - ^ ? !",
			 out->op, out->key);
		return -EINVAL;
	}
	out->arg = out->op ? line + klen + 1 : "";
	return 0;
}

bool lex_item(const char **next, const char **item, size_t *len)
{
	if (!*next)
		return false;
	*item = *next;
	*len = strcspn(*next, ",");
	/* An empty item is one too: the caller refuses "read,,write". */
	*next = (*next)[*len] ? *next + *len + 1 : NULL;
	return true;
}
