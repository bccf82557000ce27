/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The message of a refusal: where the line came from (-m, FILE:LINE or
 * profile NAME:LINE), the line as written, cut short to stay one readable
 * line, and the reason; and the exit status syd ends with. Every part of
 * the parser refuses through here, so the form of a message is decided in
 * one place. Also the checks every handler makes of its operator and
 * value, so that each message says the same.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "config/internal.h"

/* Longest part of a line quoted in an error message. */
#define QUOTE_MAX 160

__attribute__((format(printf, 3, 4))) int fail(struct ctx *x, int code,
					       const char *fmt, ...)
{
	char reason[1024], text[QUOTE_MAX + 4];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	/* Quote the line, but keep the message one readable line. */
	snprintf(text, sizeof(text), "%.*s%s", QUOTE_MAX, x->text,
		 strlen(x->text) > QUOTE_MAX ? "..." : "");
	switch (x->w->kind) {
	case SRC_ARG:
		snprintf(x->err->msg, sizeof(x->err->msg), "-m '%s': %s", text,
			 reason);
		break;
	case SRC_FILE:
		snprintf(x->err->msg, sizeof(x->err->msg), "%s:%u: '%s': %s",
			 x->w->name, x->w->line, text, reason);
		break;
	case SRC_PROFILE:
		snprintf(x->err->msg, sizeof(x->err->msg),
			 "profile %s:%u: '%s': %s", x->w->name, x->w->line,
			 text, reason);
		break;
	}
	x->err->status = code == -ECANCELED ? 127 : CONFIG_EXIT_STATUS;
	return code;
}

/*
 * A refusal with no line to quote: of a -P or -p argument itself, or before
 * the first line. ERR->msg is the whole message. Returns CODE.
 */
__attribute__((format(printf, 3, 4))) int
fail_plain(struct config_err *err, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	err->status = CONFIG_EXIT_STATUS;
	return code;
}

int oom(struct ctx *x)
{
	return fail(x, -ENOMEM, "out of memory");
}

int need_op(struct ctx *x, char op, const char *ops, const char *usage)
{
	if (!op || !strchr(ops, op))
		return fail(x, -EINVAL, "expected %s", usage);
	return 0;
}

int need_value(struct ctx *x, const char *val, const char *usage)
{
	if (!*val)
		return fail(x, -EINVAL, "missing value: expected %s", usage);
	return 0;
}
