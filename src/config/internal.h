/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What the parts of the configuration parser share: where a line came from,
 * the context a command is applied in, and the row of the command table.
 * Private to src/config/: callers outside it include config/config.h, which
 * stays the whole public interface.
 */
#ifndef SYD_CONFIG_INTERNAL_H
#define SYD_CONFIG_INTERNAL_H

#include "config/config.h"

enum src_kind { SRC_ARG, SRC_FILE, SRC_PROFILE };

struct where {
	enum src_kind kind;
	const char *name; /* file path or profile name */
	unsigned line;
	const char *dir; /* directory of the file, for relative includes */
};

struct ctx {
	struct config *c;
	struct sandbox *sb;
	struct config_err *err;
	const struct where *w;
	const char *text; /* the line as written, for messages */
	const char *key;
};

typedef int (*cmd_fn)(struct ctx *x, const char *sub, char op,
		      const char *val);

struct cmd {
	const char *key;
	const char *ops; /* operators accepted; "" = bare command */
	const char *usage;
	cmd_fn fn;
};

/* The command table and its length (parse.c). */
extern const struct cmd cmds[];
extern const size_t ncmds;

#endif
