/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libFuzzer target for src/policy/addr.c. The input up to its first NUL is
 * a rule text, parsed for allow lists (with ports) and block lists (without);
 * the bytes after it fill socket addresses of every family the matcher knows,
 * cut to fuzzed lengths. Each address sits in a heap buffer of exactly its
 * length, so ASan reports any read past it.
 */
#include <errno.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "policy/addr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Bytes after the rule text, handed out in order and then as zeros. */
struct stream {
	const uint8_t *p;
	size_t n;
};

static uint8_t next_byte(struct stream *s)
{
	uint8_t b = 0;

	if (s->n) {
		b = *s->p++;
		s->n--;
	}
	return b;
}

/*
 * Fill a sockaddr_storage from S, set FAMILY, and pick a length: mostly the
 * family's natural SIZE, sometimes anything up to sizeof(sockaddr_storage).
 */
static socklen_t fill(struct stream *s, struct sockaddr_storage *ss,
		      sa_family_t family, size_t size)
{
	uint8_t *b = (uint8_t *)ss;
	uint8_t pick;
	size_t i;

	for (i = 0; i < sizeof(*ss); i++)
		b[i] = next_byte(s);
	memcpy(b, &family, sizeof(family));
	pick = next_byte(s);
	if (pick < 128)
		return (socklen_t)size;
	return (socklen_t)(pick % (sizeof(*ss) + 1));
}

static bool match_exact(const struct addr_rule *r,
			const struct sockaddr_storage *ss, socklen_t len)
{
	void *copy = malloc(len ? len : 1);
	bool ok;

	if (!copy)
		return false;
	memcpy(copy, ss, len);
	ok = addr_rule_match(r, copy, len);
	free(copy);
	return ok;
}

/* A socket-address match implies a match of its IP alone. */
static void check_inet(const struct addr_rule *r,
		       const struct sockaddr_storage *ss, socklen_t len)
{
	const struct sockaddr_in *in4 = (const struct sockaddr_in *)ss;
	const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)ss;
	bool ok = match_exact(r, ss, len);

	if (ss->ss_family == AF_INET && ok &&
	    !addr_rule_match_ip(r, AF_INET, (const uint8_t *)&in4->sin_addr))
		abort();
	if (ss->ss_family == AF_INET6 && ok &&
	    !addr_rule_match_ip(r, AF_INET6, in6->sin6_addr.s6_addr))
		abort();
	if (ok && r->kind != ADDR_KIND_INET)
		abort();
}

static void check_rule(const struct addr_rule *r, struct stream s)
{
	const size_t off = offsetof(struct sockaddr_un, sun_path);
	struct sockaddr_storage ss;
	socklen_t len;
	bool ok;

	len = fill(&s, &ss, AF_INET, sizeof(struct sockaddr_in));
	check_inet(r, &ss, len);

	len = fill(&s, &ss, AF_INET6, sizeof(struct sockaddr_in6));
	check_inet(r, &ss, len);

	/* The same, in the IPv4-mapped range. */
	len = fill(&s, &ss, AF_INET6, sizeof(struct sockaddr_in6));
	memset(&((struct sockaddr_in6 *)&ss)->sin6_addr, 0, 10);
	memset((uint8_t *)&((struct sockaddr_in6 *)&ss)->sin6_addr + 10, 0xff,
	       2);
	check_inet(r, &ss, len);

	/* A UNIX path: never matches an abstract or IP rule. */
	len = fill(&s, &ss, AF_UNIX, off + 1 + next_byte(&s) % 108);
	if (((uint8_t *)&ss)[off] == '\0')
		((uint8_t *)&ss)[off] = '/';
	ok = match_exact(r, &ss, len);
	if (ok && (r->kind != ADDR_KIND_UNIX || len <= off))
		abort();

	/* An abstract name: never matches a path or IP rule. */
	len = fill(&s, &ss, AF_UNIX, off + 1 + next_byte(&s) % 108);
	((uint8_t *)&ss)[off] = '\0';
	ok = match_exact(r, &ss, len);
	if (ok && r->kind != ADDR_KIND_ABSTRACT)
		abort();

	/* Any other family, and raw IPs of any family. */
	len = fill(&s, &ss, (sa_family_t)next_byte(&s), sizeof(ss));
	(void)match_exact(r, &ss, len);
	(void)addr_rule_match_ip(r, next_byte(&s), (const uint8_t *)&ss);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, '\0', size);
	size_t tlen = nul ? (size_t)(nul - data) : size;
	struct stream rest = { nul ? nul + 1 : data + size,
			       nul ? size - tlen - 1 : 0 };
	struct addr_rule r;
	const char *why;
	char *text;
	int ports, err;

	text = malloc(tlen + 1);
	if (!text)
		return 0;
	memcpy(text, data, tlen);
	text[tlen] = '\0';
	for (ports = 0; ports < 2; ports++) {
		why = NULL;
		err = addr_rule_parse(text, ports, &r, &why);
		if (err == -EINVAL && !why)
			abort(); /* every refusal says why */
		if (err == 0) {
			if (r.kind == ADDR_KIND_INET && r.nnets == 0)
				abort();
			check_rule(&r, rest);
		}
		addr_rule_fini(&r);
	}
	free(text);
	return 0;
}
