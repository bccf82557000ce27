/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Network address rules: parsing the text of Syd's address patterns (CIDR
 * and port range, aliases, UNIX socket path globs, @abstract name globs) and
 * matching socket addresses against them. Pure: no syscalls, no globals, and
 * the match functions neither allocate nor read past the length they are
 * given, since they run on every connect/bind/sendto of the sandboxed tree.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/un.h>

#include "policy/addr.h"
#include "policy/pattern.h"

#define WHY_ANY                                                                \
	"expected ADDR[/PREFIX]!PORT[-PORT], an alias (any, loopback, ...), "  \
	"a UNIX socket path or @abstract"
#define WHY_NO_PORT   "expected ADDR[/PREFIX]!PORT[-PORT]"
#define WHY_CIDR      "expected ADDR[/PREFIX] or an alias (any, loopback, ...)"
#define WHY_PORT_HERE "port not allowed here: expected ADDR[/PREFIX]"
#define WHY_UNIX_HERE "UNIX socket not allowed here: expected ADDR[/PREFIX]"
#define WHY_NO_NAME   "empty abstract socket name"
#define WHY_PFX_NUM   "bad CIDR prefix: expected a decimal number"
#define WHY_PFX_V4    "bad CIDR prefix: at most 32 for IPv4"
#define WHY_PFX_V6    "bad CIDR prefix: at most 128 for IPv6"
#define WHY_PFX_ALIAS "bad CIDR prefix: not allowed after an alias"
#define WHY_PORT      "bad port: expected 0-65535"
#define WHY_RANGE     "bad port range: first port is greater than last"

/* Longest abstract name the kernel can carry: sun_path minus its NUL lead. */
#define ABSTRACT_MAX (sizeof(((struct sockaddr_un *)0)->sun_path) - 1)

/*
 * The fields we read of a sockaddr_in6 end before sin6_scope_id, and the
 * kernel accepts such 24-byte (RFC 2133) addresses in connect, bind and
 * sendmsg; requiring the full struct would let them slip past deny rules.
 */
#define SIN6_LEN_MIN offsetof(struct sockaddr_in6, sin6_scope_id)

/* The IPv4-mapped IPv6 prefix ::ffff:0:0/96. */
static const uint8_t v4mapped[12] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff
};

/* Aliases are written as CIDR text and go through the same parser. */
static const struct alias {
	const char *name;
	const char *nets[5]; /* NULL-terminated */
} aliases[] = {
	{ "any", { "0.0.0.0/0", "::/0" } },
	{ "any4", { "0.0.0.0/0" } },
	{ "any6", { "::/0" } },
	{ "loopback", { "127.0.0.0/8", "::1/128" } },
	{ "loopback4", { "127.0.0.0/8" } },
	{ "loopback6", { "::1/128" } },
	{ "local",
	  { "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7" } },
	{ "linklocal", { "169.254.0.0/16", "fe80::/10" } },
	{ "multicast", { "224.0.0.0/4", "ff00::/8" } },
};

static int fail(const char **why, const char *msg)
{
	if (why)
		*why = msg;
	return -EINVAL;
}

/*
 * Decimal digits only: strtoul() would also take blanks, signs and "0x",
 * none of which belong in a rule. Saturates above MAX instead of wrapping.
 */
static bool parse_dec(const char *s, size_t n, unsigned long max,
		      unsigned long *out)
{
	unsigned long v = 0;
	size_t i;

	if (n == 0)
		return false;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		if (v <= max)
			v = v * 10 + (unsigned long)(s[i] - '0');
	}
	*out = v;
	return true;
}

static void mask_host_bits(struct addr_net *net)
{
	unsigned i, bits = net->prefix;

	for (i = 0; i < sizeof(net->addr); i++) {
		if (bits >= 8) {
			bits -= 8;
			continue;
		}
		net->addr[i] &= (uint8_t)(0xff00U >> bits);
		bits = 0;
	}
}

/* ADDR[/PREFIX], N bytes of TEXT, into *NET (ports left alone). */
static int parse_cidr(const char *text, size_t n, struct addr_net *net,
		      const char **why, const char *why_bad)
{
	char host[INET6_ADDRSTRLEN];
	const char *slash = memchr(text, '/', n);
	size_t hlen = slash ? (size_t)(slash - text) : n;
	unsigned long prefix;

	if (hlen == 0 || hlen >= sizeof(host))
		return fail(why, why_bad);
	memcpy(host, text, hlen);
	host[hlen] = '\0';
	memset(net->addr, 0, sizeof(net->addr));
	if (inet_pton(AF_INET, host, net->addr) == 1) {
		net->family = AF_INET;
		net->prefix = 32;
	} else if (inet_pton(AF_INET6, host, net->addr) == 1) {
		net->family = AF_INET6;
		net->prefix = 128;
	} else {
		return fail(why, why_bad);
	}
	if (slash) {
		if (!parse_dec(slash + 1, n - hlen - 1, 128, &prefix))
			return fail(why, WHY_PFX_NUM);
		if (prefix > net->prefix)
			return fail(why, net->family == AF_INET ? WHY_PFX_V4
								: WHY_PFX_V6);
		net->prefix = (unsigned)prefix;
	}
	/*
	 * Store ::ffff:a.b.c.d/P as a.b.c.d/(P-96): socket addresses are
	 * folded the same way, so the rule matches both spellings of the
	 * peer. Below /96 the network reaches outside the mapped range and
	 * stays IPv6.
	 */
	if (net->family == AF_INET6 && net->prefix >= 96 &&
	    memcmp(net->addr, v4mapped, sizeof(v4mapped)) == 0) {
		memmove(net->addr, net->addr + 12, 4);
		memset(net->addr + 4, 0, sizeof(net->addr) - 4);
		net->family = AF_INET;
		net->prefix -= 96;
	}
	mask_host_bits(net);
	return 0;
}

/* PORT or LO-HI, N bytes of TEXT. */
static int parse_ports(const char *text, size_t n, uint16_t *lo, uint16_t *hi,
		       const char **why)
{
	const char *dash = memchr(text, '-', n);
	size_t llen = dash ? (size_t)(dash - text) : n;
	unsigned long a, b;

	if (!parse_dec(text, llen, 65535, &a) || a > 65535)
		return fail(why, WHY_PORT);
	b = a;
	if (dash &&
	    (!parse_dec(dash + 1, n - llen - 1, 65535, &b) || b > 65535))
		return fail(why, WHY_PORT);
	if (a > b)
		return fail(why, WHY_RANGE);
	*lo = (uint16_t)a;
	*hi = (uint16_t)b;
	return 0;
}

static const struct alias *find_alias(const char *text, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (strlen(aliases[i].name) == n &&
		    memcmp(aliases[i].name, text, n) == 0)
			return &aliases[i];
	return NULL;
}

static int parse_inet(const char *text, bool ports, struct addr_rule *out,
		      const char **why)
{
	/* Split at the last separator: neither can occur in an address. */
	const char *bang = strrchr(text, '!'), *at = strrchr(text, '@');
	const char *sep = bang > at ? bang : at;
	size_t alen = sep ? (size_t)(sep - text) : strlen(text);
	const char *slash = memchr(text, '/', alen);
	const char *why_bad = ports ? WHY_ANY : WHY_CIDR;
	const struct alias *alias;
	struct addr_net one = { 0 };
	uint16_t lo = 0, hi = 65535;
	size_t i, n = 1;
	int err;

	if (!ports && sep)
		return fail(why, WHY_PORT_HERE);
	alias = find_alias(text, slash ? (size_t)(slash - text) : alen);
	if (alias && slash)
		return fail(why, WHY_PFX_ALIAS);
	if (!alias) {
		err = parse_cidr(text, alen, &one, why, why_bad);
		if (err < 0)
			return err;
	}
	if (ports && !sep)
		return fail(why, WHY_NO_PORT);
	if (ports) {
		err = parse_ports(sep + 1, strlen(sep + 1), &lo, &hi, why);
		if (err < 0)
			return err;
	}
	if (alias)
		for (n = 0; alias->nets[n]; n++)
			;
	out->nets = calloc(n, sizeof(*out->nets));
	if (!out->nets)
		return -ENOMEM;
	out->nnets = n;
	for (i = 0; i < n; i++) {
		if (alias) {
			/* Cannot fail: the table above is fixed text. */
			err = parse_cidr(alias->nets[i], strlen(alias->nets[i]),
					 &out->nets[i], NULL, why_bad);
			if (err < 0)
				return err;
		} else {
			out->nets[i] = one;
		}
		out->nets[i].port_lo = lo;
		out->nets[i].port_hi = hi;
	}
	out->kind = ADDR_KIND_INET;
	return 0;
}

/*
 * The glob dialect is defined on absolute paths, so an abstract name is
 * compiled and matched with a '/' in front. The name's own slashes then
 * act as in paths: "@*" does not match "@/tmp/.X11-unix/X0", "@**" does.
 */
static int parse_abstract(const char *name, struct addr_rule *out,
			  const char **why)
{
	size_t n = strlen(name);
	char *text;
	int err;

	if (n == 0)
		return fail(why, WHY_NO_NAME);
	text = malloc(n + 2);
	if (!text)
		return -ENOMEM;
	text[0] = '/';
	memcpy(text + 1, name, n + 1);
	err = pattern_compile(text, &out->glob, why);
	free(text);
	if (err < 0)
		return err;
	out->kind = ADDR_KIND_ABSTRACT;
	return 0;
}

int addr_rule_parse(const char *text, bool ports, struct addr_rule *out,
		    const char **why)
{
	int err;

	memset(out, 0, sizeof(*out)); /* so addr_rule_fini() is safe on error */
	if (why)
		*why = NULL;
	if (!text || text[0] == '\0')
		return fail(why, ports ? WHY_ANY : WHY_CIDR);
	if ((text[0] == '/' || text[0] == '@') && !ports)
		return fail(why, WHY_UNIX_HERE);
	if (text[0] == '/') {
		err = pattern_compile(text, &out->glob, why);
		if (err == 0)
			out->kind = ADDR_KIND_UNIX;
	} else if (text[0] == '@') {
		err = parse_abstract(text + 1, out, why);
	} else {
		err = parse_inet(text, ports, out, why);
	}
	if (err < 0)
		addr_rule_fini(out);
	return err;
}

void addr_rule_fini(struct addr_rule *r)
{
	if (!r)
		return;
	free(r->nets);
	pattern_free(r->glob);
	memset(r, 0, sizeof(*r));
}

static bool net_contains(const struct addr_net *net, const uint8_t *addr)
{
	unsigned whole = net->prefix / 8, rest = net->prefix % 8;
	uint8_t mask;

	if (memcmp(net->addr, addr, whole) != 0)
		return false;
	if (rest == 0)
		return true;
	mask = (uint8_t)(0xff00U >> rest);
	return (addr[whole] & mask) == net->addr[whole];
}

/*
 * PORT < 0 means any port. A v4-mapped ADDR of FAMILY AF_INET6 is tried
 * against the IPv4 networks as the address it carries and against the IPv6
 * networks as itself, so neither "1.2.3.4" nor "any6" can be dodged by
 * choosing the other spelling of the peer.
 */
static bool match_inet(const struct addr_rule *r, int family,
		       const uint8_t *addr, int port)
{
	const uint8_t *v4 = NULL, *v6 = NULL;
	size_t i;

	if (r->kind != ADDR_KIND_INET || !addr)
		return false;
	if (family == AF_INET) {
		v4 = addr;
	} else if (family == AF_INET6) {
		v6 = addr;
		if (memcmp(addr, v4mapped, sizeof(v4mapped)) == 0)
			v4 = addr + sizeof(v4mapped);
	} else {
		return false;
	}
	for (i = 0; i < r->nnets; i++) {
		const struct addr_net *net = &r->nets[i];
		const uint8_t *a = net->family == AF_INET ? v4 : v6;

		if (!a)
			continue;
		if (port >= 0 && (port < net->port_lo || port > net->port_hi))
			continue;
		if (net_contains(net, a))
			return true;
	}
	return false;
}

/*
 * sun_path holds a path up to its first NUL, or, when it starts with a
 * NUL, an abstract name of exactly the remaining LEN bytes. NULs inside an
 * abstract name are ordinary bytes to the kernel ("x" and "x\0" are two
 * sockets), so they are matched as bytes: only a wildcard or class can
 * match one. Refusing such names outright would let them slip past deny
 * rules.
 */
static bool match_unix(const struct addr_rule *r, const struct sockaddr *sa,
		       socklen_t len)
{
	const size_t off = offsetof(struct sockaddr_un, sun_path);
	const char *path = (const char *)sa + off;
	char name[1 + ABSTRACT_MAX];
	size_t n;

	/*
	 * Unnamed (autobind) and oversized addresses are refused by the
	 * kernel with EINVAL; they name no socket a rule could be about.
	 */
	if (len <= off || len > sizeof(struct sockaddr_un) || !r->glob)
		return false;
	n = len - off;
	if (path[0] != '\0')
		return r->kind == ADDR_KIND_UNIX &&
		       pattern_match(r->glob, path, strnlen(path, n));
	if (r->kind != ADDR_KIND_ABSTRACT)
		return false;
	name[0] = '/'; /* as compiled by parse_abstract() */
	memcpy(name + 1, path + 1, n - 1);
	return pattern_match(r->glob, name, n);
}

bool addr_rule_match(const struct addr_rule *r, const struct sockaddr *sa,
		     socklen_t len)
{
	struct sockaddr_in in4;
	struct sockaddr_in6 in6;
	sa_family_t family;

	if (!r || !sa || len < sizeof(family))
		return false;
	/* memcpy: SA is a byte buffer from the tracee, maybe misaligned. */
	memcpy(&family, sa, sizeof(family));
	switch (family) {
	case AF_INET:
		if (len < sizeof(in4))
			return false;
		memcpy(&in4, sa, sizeof(in4));
		return match_inet(r, AF_INET, (const uint8_t *)&in4.sin_addr,
				  ntohs(in4.sin_port));
	case AF_INET6:
		if (len < SIN6_LEN_MIN)
			return false;
		memset(&in6, 0, sizeof(in6));
		memcpy(&in6, sa, SIN6_LEN_MIN);
		return match_inet(r, AF_INET6, in6.sin6_addr.s6_addr,
				  ntohs(in6.sin6_port));
	case AF_UNIX:
		return match_unix(r, sa, len);
	default:
		return false;
	}
}

bool addr_rule_match_ip(const struct addr_rule *r, int family,
			const uint8_t *addr)
{
	if (!r)
		return false;
	return match_inet(r, family, addr, -1);
}
