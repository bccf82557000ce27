/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libFuzzer target for src/policy/pattern.c. The input is pattern text, a
 * NUL, then a path (no NUL: the whole input is the pattern, the path is
 * empty). Compile errors must agree with the reference in
 * tests/unit/pattern_ref.h; matches must agree too while both parts are
 * short enough for the backtracking reference to finish.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy/pattern.h"
#include "unit/pattern_ref.h"

/* Longer inputs are only compiled and matched: looking for crashes. */
#define REF_MAX_BYTES 24
#define REF_BUDGET    (1UL << 20)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, '\0', size);
	size_t tlen = nul ? (size_t)(nul - data) : size;
	const char *path = nul ? (const char *)nul + 1 : "";
	size_t plen = nul ? size - tlen - 1 : 0;
	const char *why = NULL, *rwhy = NULL;
	struct pattern *p = NULL;
	char *text;
	int err, rerr, want;
	bool got;

	text = malloc(tlen + 1);
	if (!text)
		return 0;
	memcpy(text, data, tlen);
	text[tlen] = '\0';

	err = pattern_compile(text, &p, &why);
	rerr = ref_check(text, &rwhy);
	if (err != rerr ||
	    (err < 0 && (p || !why || !rwhy || strcmp(why, rwhy) != 0))) {
		fprintf(stderr, "compile: %d \"%s\", reference %d \"%s\"\n",
			err, why ? why : "(null)", rerr,
			rwhy ? rwhy : "(null)");
		abort();
	}
	if (err == 0) {
		if (strcmp(pattern_text(p), text) != 0)
			abort();
		got = pattern_match(p, path, plen);
		if (tlen <= REF_MAX_BYTES && plen <= REF_MAX_BYTES) {
			want = ref_match_budget(text, path, plen, REF_BUDGET);
			if (want >= 0 && got != (want == 1)) {
				fprintf(stderr,
					"match: pattern \"%s\" path \"%.*s\": "
					"got %d, reference %d\n",
					text, (int)plen, path, got, want);
				abort();
			}
		}
		pattern_free(p);
	}
	free(text);
	return 0;
}
