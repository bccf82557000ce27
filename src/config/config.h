/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Syd's configuration language: one command per line from -m arguments,
 * .syd-3 files, built-in profiles and (later) /dev/syd paths. Text in, state
 * changes out: every command is either understood completely and applied,
 * or refused with a message naming where it came from, the text, and what
 * was expected. Nothing is silently ignored.
 */
#ifndef SYD_CONFIG_CONFIG_H
#define SYD_CONFIG_CONFIG_H

#include <stdbool.h>
#include <stdio.h>

#include "sandbox.h"

/* Exit status of syd on a configuration error (EINVAL). */
#define CONFIG_EXIT_STATUS 22

struct config_err {
	char msg[2048]; /* one line, without "syd: " and newline */
	int status; /* exit status syd should end with */
};

/*
 * A configuration run. ECHO, when set, receives every command applied (after
 * variable expansion, includes followed), which is how syd-cat prints a
 * normalised policy.
 */
struct config {
	struct sandbox *sb;
	void (*echo)(void *arg, const char *cmd);
	void *echo_arg;
	/*
	 * "all" leaves out stat, walk and list: set for a command at run
	 * time where the listings were not hooked at start, so that a rule
	 * for every category (Paludis's esandbox deny) holds for those it can
	 * rather than hiding a name the listings would still show.
	 */
	bool all_keeps_names;
	bool runtime; /* from inside the sandbox (config_apply_runtime) */
	/* owned: cmd/exec!VALUE accepted at run time, for the caller to run */
	char *cmd_exec;
	/* private: include and profile nesting, for loop detection */
	unsigned depth;
	struct {
		unsigned long long dev, ino;
		const char *profile;
	} stack[16];
};

void config_init(struct config *c, struct sandbox *sb);

/*
 * Apply the command of one -m argument. Returns 0, or a negative errno with
 * ERR filled: -EINVAL for anything malformed or unknown, -EOPNOTSUPP for a
 * known command that is not supported yet, -ENOENT for a query that is
 * false, -ECANCELED for "panic" (ERR->status is 127).
 */
int config_apply_arg(struct config *c, const char *text,
		     struct config_err *err);

/*
 * Apply TEXT, one command sent from inside the sandbox through /dev/syd,
 * as the lock state allows: lock:read and stricter take queries only,
 * lock:drop only commands that tighten; includes, variable expansion,
 * commands applied once at startup, and turning on a category outside
 * HOOKED (the categories the filter hooks) are refused. Caller holds the
 * sandbox's write lock and has decided the caller may reach /dev/syd at
 * all. Returns as config_apply_arg(), or -EPERM (the lock refuses it) or
 * -EBUSY (takes effect at startup only).
 */
int config_apply_runtime(struct config *c, const char *text, uint64_t hooked,
			 struct config_err *err);

/*
 * Apply TEXT (LEN bytes, lines as in a .syd-3 file), handed to syd with
 * load/FD through /dev/syd; WHAT ("load/3") names it in messages. Each
 * line is judged as config_apply_runtime() judges a command, and the
 * lines are applied all or none: the first refused leaves the sandbox as
 * it was. A query, an include, reset, panic or a command outside the
 * rules, defaults, categories, force and lock refuses the whole text
 * before anything is applied. Caller holds the sandbox's write lock.
 * Returns 0 or as config_apply_runtime(), ERR naming the line.
 */
int config_load_runtime(struct config *c, const char *text, size_t len,
			const char *what, uint64_t hooked,
			struct config_err *err);

/* Load a .syd-3 file (-P). Returns as config_apply_arg(). */
int config_load_file(struct config *c, const char *path,
		     struct config_err *err);

/* Apply a built-in profile (-p). Returns as config_apply_arg(). */
int config_load_profile(struct config *c, const char *name,
			struct config_err *err);

/* Built-in profiles (profiles.c). */
struct profile {
	const char *name;
	const char *summary;
	const char *text;
};

const struct profile *profile_find(const char *name);
/* The table of profiles, terminated by an entry with a NULL name. */
const struct profile *profile_list(void);

/*
 * Expand ${VAR}, $VAR and a leading ~ in IN into OUT (expand.c). "$$" is a
 * literal '$'. An undefined variable is an error, never empty. Built-in
 * variables SYD_HOME, SYD_PWD, SYD_UID and SYD_GID are always defined.
 * Returns 0, or -EINVAL with a message in WHY (SIZE bytes).
 */
int config_expand(const char *in, struct strbuf *out, char *why, size_t size);

/* The inventory of commands, for syd --api: JSON array into OUT. */
void config_api_json(struct strbuf *out);

#endif
