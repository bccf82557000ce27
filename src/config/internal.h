/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The parser of Syd's configuration language. A line is split into KEY, one
 * operator of ": + - ^ ? !" and a VALUE; the key picks a row of the command
 * table, the row's handler checks the operator and value and changes the
 * sandbox. A command is applied whole or not at all: multi-category rules
 * roll back on the first failure. Commands this program does not implement
 * yet have a row too, so they are refused by name instead of "unknown".
 *
 * This header is what the parts of the parser share: where a line came
 * from, the context a command is applied in, the command table's row and
 * the handlers. It is private to src/config/: callers outside it include
 * config/config.h, which stays the whole public interface.
 */
#ifndef SYD_CONFIG_INTERNAL_H
#define SYD_CONFIG_INTERNAL_H

#include "config/config.h"

enum src_kind {
	SRC_ARG,
	SRC_FILE,
	SRC_PROFILE
};

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
};

/* lex.c: the lexer, pure (no sandbox, no I/O). */

/* What lex_line() makes of one line. */
enum lex_kind {
	LEX_COMMAND,
	LEX_INCLUDE,
	LEX_INCLUDE_PROFILE
};

struct lex_line {
	enum lex_kind kind;
	char key[256]; /* LEX_COMMAND: the key, such as "allow/read" */
	char op; /* LEX_COMMAND: one of ":+-^?!", 0 for a bare command */
	const char *arg; /* in the line: the value, or what to include */
};

/*
 * Cut the comment ('#' at the start of LINE or after a blank) and the
 * blanks around what is left, in place. Returns the start of what is left,
 * "" for a blank line.
 */
char *lex_strip(char *line);

/*
 * Split LINE, already stripped, into *OUT. Returns 0, or -EINVAL with the
 * reason in WHY (SIZE bytes): an include without an argument, no key (or
 * one of 256 bytes or more), or a character after the key that is no
 * operator. *OUT points into LINE.
 */
int lex_line(const char *line, struct lex_line *out, char *why, size_t size);

/*
 * The next item of a comma list: *ITEM and *LEN are set to it and *NEXT
 * moves past it and its comma, to NULL after the last item. Returns false
 * once *NEXT is NULL. Start with *NEXT at the list: "" is one empty item,
 * and "a,,b" or "a," hold an empty item too.
 */
bool lex_item(const char **next, const char **item, size_t *len);

/* commands.c: the command table and its lookup. */

/*
 * A handler gets the key after its row's prefix (SUB), the operator (0 for
 * a bare command) and the expanded value. It returns 0, or with X->err
 * filled by fail(): -EINVAL (malformed), -EOPNOTSUPP (not supported yet),
 * -ENOENT (a query that is false), -EPERM (a lock that would loosen),
 * -ENOMEM, or -ECANCELED (panic).
 */
typedef int (*cmd_fn)(struct ctx *x, const char *sub, char op, const char *val);

struct cmd {
	const char *key;
	const char *ops; /* operators accepted; "" = bare command */
	const char *usage;
	cmd_fn fn;
};

/* The command table, in the order syd --api lists it, and its length. */
extern const struct cmd cmds[];
extern const size_t ncmds;

/*
 * The row for KEY used with operator OP (0 for none): an exact key first,
 * else the longest prefix row (a key ending in '/'), with *SUB set to the
 * rest of KEY. Returns 0 with *OUT set; -EINVAL for an unknown key, a
 * missing operator or one the row does not take, -EOPNOTSUPP for a row
 * with no handler yet; the reason is in WHY (SIZE bytes).
 */
int cmd_lookup(const char *key, char op, const struct cmd **out,
	       const char **sub, char *why, size_t size);

/* error.c: the message of a refusal, the exit status, the common checks. */

/*
 * Fill X->err with the place of the line, the line (cut short) and the
 * reason, and return CODE; the exit status is 127 for -ECANCELED (panic),
 * CONFIG_EXIT_STATUS otherwise.
 */
__attribute__((format(printf, 3, 4))) int fail(struct ctx *x, int code,
					       const char *fmt, ...);

/* fail() with "out of memory": returns -ENOMEM. */
int oom(struct ctx *x);

/*
 * A refusal with no line to quote: of a -P or -p argument itself, or before
 * the first line. ERR->msg is the whole message. Returns CODE.
 */
__attribute__((format(printf, 3, 4))) int
fail_plain(struct config_err *err, int code, const char *fmt, ...);

/*
 * Refuse with "expected USAGE" unless OP is one of OPS (need_op), or with
 * "missing value: expected USAGE" if VAL is empty (need_value). Return 0,
 * or -EINVAL with X->err filled.
 */
int need_op(struct ctx *x, char op, const char *ops, const char *usage);
int need_value(struct ctx *x, const char *val, const char *usage);

/* cmd_options.c: the commands that set one value each, or act at once. */
int cmd_lock(struct ctx *x, const char *sub, char op, const char *val);
int cmd_reset(struct ctx *x, const char *sub, char op, const char *val);
int cmd_panic(struct ctx *x, const char *sub, char op, const char *val);
/* cmd_caller.c: ghost, cmd/exec (from inside only) */
int cmd_ghost(struct ctx *x, const char *sub, char op, const char *val);
int cmd_cmd_exec(struct ctx *x, const char *sub, char op, const char *val);
/* ipc:PATH and lock:ipc are refused, and why. */
#define IPC_UNVERIFIED                                                         \
	"what Syd's IPC socket accepts, in what form and from whom could "     \
	"not be verified in its documentation"
int cmd_ipc(struct ctx *x, const char *sub, char op, const char *val);
int cmd_stat(struct ctx *x, const char *sub, char op, const char *val);
/*
 * load/FD (load!FD) in -m or a file: the lines of syd's own fd FD, as a
 * file's (load.c). From inside the sandbox it is the caller's fd instead,
 * read by syscalls/devsyd_load.c and applied by config_load_runtime().
 */
int cmd_load(struct ctx *x, const char *sub, char op, const char *val);
int cmd_unshare(struct ctx *x, const char *sub, char op, const char *val);
int cmd_trace(struct ctx *x, const char *sub, char op, const char *val);
int cmd_mem(struct ctx *x, const char *sub, char op, const char *val);
int cmd_pid(struct ctx *x, const char *sub, char op, const char *val);
int cmd_rlimit(struct ctx *x, const char *sub, char op, const char *val);
int cmd_segvguard(struct ctx *x, const char *sub, char op, const char *val);
int cmd_tpe(struct ctx *x, const char *sub, char op, const char *val);
int cmd_root(struct ctx *x, const char *sub, char op, const char *val);
int cmd_name(struct ctx *x, const char *sub, char op, const char *val);
int cmd_log(struct ctx *x, const char *sub, char op, const char *val);
int cmd_config(struct ctx *x, const char *sub, char op, const char *val);

/* cmd_rules.c: sandbox/, default/ and the rules (allow/lock/ included). */
int cmd_sandbox(struct ctx *x, const char *sub, char op, const char *val);
int cmd_default(struct ctx *x, const char *sub, char op, const char *val);
int cmd_allow(struct ctx *x, const char *sub, char op, const char *val);
int cmd_warn(struct ctx *x, const char *sub, char op, const char *val);
int cmd_filter(struct ctx *x, const char *sub, char op, const char *val);
int cmd_deny(struct ctx *x, const char *sub, char op, const char *val);
int cmd_apanic(struct ctx *x, const char *sub, char op, const char *val);
int cmd_stop(struct ctx *x, const char *sub, char op, const char *val);
int cmd_abort(struct ctx *x, const char *sub, char op, const char *val);
int cmd_kill(struct ctx *x, const char *sub, char op, const char *val);
int cmd_exit(struct ctx *x, const char *sub, char op, const char *val);

/* cmd_lists.c: the lists other than the rules. */
int cmd_mask(struct ctx *x, const char *sub, char op, const char *val);
int cmd_append(struct ctx *x, const char *sub, char op, const char *val);
int cmd_block(struct ctx *x, const char *sub, char op, const char *val);
int cmd_ioctl(struct ctx *x, const char *sub, char op, const char *val);
int cmd_exec_kill(struct ctx *x, const char *sub, char op, const char *val);
int cmd_force(struct ctx *x, const char *sub, char op, const char *val);
int cmd_bind(struct ctx *x, const char *sub, char op, const char *val);

#endif
