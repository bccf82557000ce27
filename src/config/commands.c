/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The command table: one row per key of the language, with the operators
 * it accepts, its usage line and its handler. Commands this program does
 * not implement yet have a row too (no handler), so they are refused by
 * name instead of as unknown. cmd_lookup() finds a key's row and refuses
 * an unknown key, a row with no handler yet and a wrong operator.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "config/internal.h"

/* ------------------------------------------------------------------ */
/* The command table. A key ending in '/' is a prefix: the rest of the  */
/* key is passed to the handler. fn == NULL: known, not supported yet.  */

const struct cmd cmds[] = {
	{ "lock", ":", "lock:off|exec|drop|read|on", cmd_lock },
	{ "reset", "", "reset", cmd_reset },
	{ "panic", "", "panic", cmd_panic },
	{ "stat", "", "stat", cmd_stat },
	{ "ghost", "", "ghost", cmd_ghost },
	{ "load/", "", "load/FD", cmd_load },
	{ "load", "!", "load!FD (load/FD)", cmd_load },
	{ "cmd/exec", "!", "cmd/exec!PROGRAM", cmd_cmd_exec },
	{ "ipc", ":", "ipc:PATH", cmd_ipc },
	{ "config/", ":", "config/expand:SECONDS", cmd_config },
	{ "log/", ":", "log/level:LEVEL, log/verbose:BOOL", cmd_log },
	{ "sandbox/", ":?", "sandbox/CATEGORIES:on|off", cmd_sandbox },
	{ "default/", ":", "default/CATEGORIES:ACTION", cmd_default },
	{ "allow/", "+-^", "allow/CATEGORIES+PATTERN", cmd_allow },
	{ "warn/", "+-^", "warn/CATEGORIES+PATTERN", cmd_warn },
	{ "filter/", "+-^", "filter/CATEGORIES+PATTERN", cmd_filter },
	{ "deny/", "+-^", "deny/CATEGORIES+PATTERN", cmd_deny },
	{ "panic/", "+-^", "panic/CATEGORIES+PATTERN", cmd_apanic },
	{ "stop/", "+-^", "stop/CATEGORIES+PATTERN", cmd_stop },
	{ "abort/", "+-^", "abort/CATEGORIES+PATTERN", cmd_abort },
	{ "kill/", "+-^", "kill/CATEGORIES+PATTERN", cmd_kill },
	{ "exit/", "+-^", "exit/CATEGORIES+PATTERN", cmd_exit },
	{ "exec/", "+-^", "exec/kill+PATTERN (kill/exec+PATTERN)",
	  cmd_exec_kill },
	{ "mask", "+-^", "mask+PATTERN[:TARGET]", cmd_mask },
	{ "append", "+-^", "append+PATTERN", cmd_append },
	{ "block", "+-^", "block+ADDR[/PREFIX]", cmd_block },
	{ "ioctl/", "+-^", "ioctl/allow+REQUEST, ioctl/deny+REQUEST",
	  cmd_ioctl },
	{ "force", "+-^", "force+PATH:ALG:HEX[:ACTION]", cmd_force },
	{ "bind", "+-^", "bind+SRC:DST[:OPTIONS]", cmd_bind },
	{ "root", ":", "root:PATH", cmd_root },
	{ "root/map", ":", "root/map:BOOL", NULL },
	{ "root/fake", ":", "root/fake:BOOL", NULL },
	{ "name/", ":", "name/host:NAME, name/domain:NAME", cmd_name },
	{ "time", ":", "time:SECONDS", NULL },
	{ "unshare/", ":?", "unshare/NAMESPACES:BOOL", cmd_unshare },
	{ "trace/", ":", "trace/OPTION:VALUE", cmd_trace },
	{ "mem/", ":", "mem/max:SIZE, mem/vm_max:SIZE", cmd_mem },
	{ "pid/", ":", "pid/max:NUMBER", cmd_pid },
	{ "rlimit/", ":", "rlimit/NAME:VALUE|none|inf", cmd_rlimit },
	{ "segvguard/", ":", "segvguard/expiry|suspension|maxcrashes:VALUE",
	  cmd_segvguard },
	{ "tpe/", ":", "tpe/gid|negate|root_owned|user_owned:VALUE", cmd_tpe },
	{ "crypt", "+-^", "crypt+PATTERN", NULL },
	{ "crypt/", ":", "crypt/key:HEX, crypt/tmp:PATH", NULL },
	{ "proxy/", ":", "proxy/port|addr|ext/host|ext/port|ext/unix:VALUE",
	  NULL },
	{ "setuid", "+-^", "setuid+SRC:DST", NULL },
	{ "setgid", "+-^", "setgid+SRC:DST", NULL },
};

const size_t ncmds = ARRAY_SIZE(cmds);

static const struct cmd *cmd_find(const char *key, const char **sub)
{
	const struct cmd *best = NULL;
	size_t i;

	/* Exact keys first ("root/map" before the "root" row is moot). */
	for (i = 0; i < ncmds; i++) {
		if (!strcmp(cmds[i].key, key)) {
			*sub = "";
			return &cmds[i];
		}
	}
	for (i = 0; i < ncmds; i++) {
		size_t n = strlen(cmds[i].key);

		if (cmds[i].key[n - 1] == '/' &&
		    !strncmp(cmds[i].key, key, n) &&
		    (!best || n > strlen(best->key))) {
			best = &cmds[i];
			*sub = key + n;
		}
	}
	return best;
}

int cmd_lookup(const char *key, char op, const struct cmd **out,
	       const char **sub, char *why, size_t size)
{
	const struct cmd *cmd = cmd_find(key, sub);

	*out = cmd;
	if (!cmd) {
		snprintf(why, size, "unknown command '%s' (see syd(2))", key);
		return -EINVAL;
	}
	if (!cmd->fn) {
		snprintf(why, size, "'%s' is not supported yet", key);
		return -EOPNOTSUPP;
	}
	if (!op && *cmd->ops) {
		snprintf(why, size, "missing operator: expected %s",
			 cmd->usage);
		return -EINVAL;
	}
	if (op && !strchr(cmd->ops, op)) {
		snprintf(why, size, "operator '%c' not accepted: expected %s",
			 op, cmd->usage);
		return -EINVAL;
	}
	return 0;
}
