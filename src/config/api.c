/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The inventory of the configuration language for syd --api: every row of
 * the command table (known but not supported yet included), the categories
 * and the actions, as one JSON object. It reads the table, never the
 * sandbox, so the answer is the same for every policy.
 */
#include "config/internal.h"

void config_api_json(struct strbuf *out)
{
	strbuf_puts(out, "{\"api\":3,\"commands\":[");
	for (size_t i = 0; i < ncmds; i++) {
		if (i)
			strbuf_putc(out, ',');
		strbuf_puts(out, "{\"key\":");
		strbuf_json_str(out, cmds[i].key);
		strbuf_puts(out, ",\"ops\":");
		strbuf_json_str(out, cmds[i].ops);
		strbuf_puts(out, ",\"usage\":");
		strbuf_json_str(out, cmds[i].usage);
		strbuf_printf(out, ",\"supported\":%s}",
			      cmds[i].fn ? "true" : "false");
	}
	strbuf_puts(out, "],\"categories\":[");
	for (int c = 0; c < CAT_COUNT; c++) {
		if (c)
			strbuf_putc(out, ',');
		strbuf_json_str(out, cat_name((enum cat)c));
	}
	strbuf_puts(out, "],\"actions\":[");
	for (int a = 0; a < ACTION_COUNT; a++) {
		if (a)
			strbuf_putc(out, ',');
		strbuf_json_str(out, action_name((enum action)a));
	}
	strbuf_puts(out, "]}");
}
