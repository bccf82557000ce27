/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libFuzzer target for the configuration parser: the input is split into
 * lines, each applied as a -m command to one sandbox, then the state is
 * dumped as JSON and a few paths are decided. Any crash, leak, or sanitizer
 * report is a bug; errors are expected and fine.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const paths[] = { "/", "/etc/passwd", "/tmp/x/y",
					     "/usr/lib/libc.so.6" };
	struct sandbox sb;
	struct config cfg;
	struct config_err err;
	struct strbuf b = { 0 };
	char *text, *line, *save = NULL;

	/* Expansion reads the environment; keep it deterministic. */
	setenv("HOME", "/home/fuzz", 1);
	text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (sandbox_init(&sb) < 0) {
		free(text);
		return 0;
	}
	config_init(&cfg, &sb);
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		/*
		 * panic and stat only print or exit; load reads one of the
		 * fuzzer's own fds (stdin may block): skip them here.
		 */
		if (!strncmp(line, "panic", 5) || !strncmp(line, "stat", 4) ||
		    !strncmp(line + strspn(line, " \t"), "load", 4))
			continue;
		(void)config_apply_arg(&cfg, line, &err);
	}
	(void)sandbox_to_json(&sb, &b);
	strbuf_fini(&b);
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		for (int c = 0; c < CAT_COUNT; c++)
			(void)sandbox_check_path(&sb, (enum cat)c, paths[i],
						 strlen(paths[i]), NULL);
	sandbox_fini(&sb);
	free(text);
	return 0;
}
