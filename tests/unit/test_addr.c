/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Unit tests of src/policy/addr.c: every rule form and alias, every parse
 * error with the reason a user would see, CIDR and port boundaries, the
 * folding of IPv4-mapped addresses in both directions, truncated socket
 * addresses, and the separation of UNIX paths from abstract names. Socket
 * addresses are handed over in buffers of exactly their length, so ASan
 * catches any read past it.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "harness.h"
#include "policy/addr.h"
#include "policy/pattern.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define WHY_ANY                                                                \
	"expected ADDR[/PREFIX]!PORT[-PORT], an alias (any, loopback, ...), "  \
	"a UNIX socket path or @abstract"

/* "NET!LO[-HI],..." for INET rules, "unix:GLOB" or "abstract:GLOB". */
static void format_rule(const struct addr_rule *r, char *buf, size_t size)
{
	char ip[INET6_ADDRSTRLEN];
	size_t i, used = 0;

	buf[0] = '\0';
	if (r->kind != ADDR_KIND_INET) {
		snprintf(buf, size, "%s:%s",
			 r->kind == ADDR_KIND_UNIX ? "unix" : "abstract",
			 r->glob ? pattern_text(r->glob) : "(null)");
		return;
	}
	for (i = 0; i < r->nnets && used < size; i++) {
		const struct addr_net *n = &r->nets[i];

		inet_ntop(n->family, n->addr, ip, sizeof(ip));
		used += (size_t)snprintf(buf + used, size - used, "%s%s/%u!%u",
					 i ? "," : "", ip, n->prefix,
					 n->port_lo);
		if (used < size && n->port_hi != n->port_lo)
			used += (size_t)snprintf(buf + used, size - used, "-%u",
						 n->port_hi);
	}
}

static void expect_parses_to(const char *text, bool ports, const char *want)
{
	struct addr_rule r;
	const char *why = NULL;
	char got[512];
	int err;

	err = addr_rule_parse(text, ports, &r, &why);
	if (err != 0) {
		harness_diag("\"%s\" (ports=%d): %d %s", text, ports, err,
			     why ? why : "");
		EXPECT_EQ(0, err);
		return;
	}
	EXPECT_TRUE(why == NULL);
	format_rule(&r, got, sizeof(got));
	if (strcmp(got, want) != 0)
		harness_diag("\"%s\" (ports=%d)", text, ports);
	EXPECT_STREQ(want, got);
	addr_rule_fini(&r);
}

static void expect_fails(const char *text, bool ports, int want_err,
			 const char *want_why)
{
	struct addr_rule r;
	const char *why = NULL;
	int err;

	err = addr_rule_parse(text, ports, &r, &why);
	if (err != want_err || !why || !strstr(why, want_why))
		harness_diag("\"%s\" (ports=%d)", text ? text : "(null)",
			     ports);
	EXPECT_EQ(want_err, err);
	EXPECT_CONTAINS(why, want_why);
	/* A failed parse leaves nothing behind to free. */
	EXPECT_TRUE(r.nets == NULL && r.nnets == 0 && r.glob == NULL);
	addr_rule_fini(&r);
}

static const struct parse_case {
	const char *text;
	bool ports;
	const char *want;
} parse_ok[] = {
	/* Forms from Syd's documentation; host bits are cleared. */
	{ "127.0.0.1/8!9050", true, "127.0.0.0/8!9050" },
	{ "::1/8!9050", true, "::/8!9050" },
	{ "192.168.1.1!53", true, "192.168.1.1/32!53" },
	{ "10.0.0.0/8!1024-65535", true, "10.0.0.0/8!1024-65535" },
	{ "127.0.0.1@9050", true, "127.0.0.1/32!9050" },
	{ "2001:db8::1!443", true, "2001:db8::1/128!443" },
	{ "2001:db8::1@443", true, "2001:db8::1/128!443" },
	/* CIDR boundaries. */
	{ "10.1.2.3/32!80", true, "10.1.2.3/32!80" },
	{ "10.1.2.3/0!80", true, "0.0.0.0/0!80" },
	{ "10.1.2.3/008!80", true, "10.0.0.0/8!80" },
	{ "255.255.255.255/31!1", true, "255.255.255.254/31!1" },
	{ "255.255.255.255/1!1", true, "128.0.0.0/1!1" },
	{ "255.255.255.255/12!1", true, "255.240.0.0/12!1" },
	{ "::/128!1", true, "::/128!1" },
	{ "2001:db8::1/0!1", true, "::/0!1" },
	{ "ffff:ffff::/17!1", true, "ffff:8000::/17!1" },
	{ "febf::1/10!1", true, "fe80::/10!1" },
	{ "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/127!1", true,
	  "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/127!1" },
	/* Ports. */
	{ "1.2.3.4!0", true, "1.2.3.4/32!0" },
	{ "1.2.3.4!65535", true, "1.2.3.4/32!65535" },
	{ "1.2.3.4!0-65535", true, "1.2.3.4/32!0-65535" },
	{ "1.2.3.4!1-1", true, "1.2.3.4/32!1" },
	{ "1.2.3.4!0080", true, "1.2.3.4/32!80" },
	{ "1.2.3.4@1-2", true, "1.2.3.4/32!1-2" },
	/* IPv4-mapped rules are stored as IPv4 from /96 on. */
	{ "::ffff:1.2.3.4!80", true, "1.2.3.4/32!80" },
	{ "::ffff:1.2.3.4/128!80", true, "1.2.3.4/32!80" },
	{ "::ffff:10.1.2.3/104!80", true, "10.0.0.0/8!80" },
	{ "::ffff:1.2.3.4/96!80", true, "0.0.0.0/0!80" },
	{ "::ffff:0:0/96!80", true, "0.0.0.0/0!80" },
	{ "::ffff:1.2.3.4/95!80", true, "::fffe:0:0/95!80" },
	{ "::1.2.3.4!80", true, "::1.2.3.4/128!80" }, /* compatible: no */
	/* Block lists: no port, all ports. */
	{ "10.0.0.0/8", false, "10.0.0.0/8!0-65535" },
	{ "1.2.3.4", false, "1.2.3.4/32!0-65535" },
	{ "::1", false, "::1/128!0-65535" },
	{ "::ffff:1.2.3.4", false, "1.2.3.4/32!0-65535" },
	/* Every alias. */
	{ "any!80", true, "0.0.0.0/0!80,::/0!80" },
	{ "any4!80", true, "0.0.0.0/0!80" },
	{ "any6!80", true, "::/0!80" },
	{ "loopback!80", true, "127.0.0.0/8!80,::1/128!80" },
	{ "loopback4!80", true, "127.0.0.0/8!80" },
	{ "loopback6!80", true, "::1/128!80" },
	{ "local!80", true,
	  "10.0.0.0/8!80,172.16.0.0/12!80,192.168.0.0/16!80,fc00::/7!80" },
	{ "linklocal!80", true, "169.254.0.0/16!80,fe80::/10!80" },
	{ "multicast!80", true, "224.0.0.0/4!80,ff00::/8!80" },
	{ "loopback@1-1024", true, "127.0.0.0/8!1-1024,::1/128!1-1024" },
	{ "any", false, "0.0.0.0/0!0-65535,::/0!0-65535" },
	{ "multicast", false, "224.0.0.0/4!0-65535,ff00::/8!0-65535" },
	/* UNIX paths are globs, taken verbatim ('!' and '@' included). */
	{ "/run/user/*/pulse/native", true, "unix:/run/user/*/pulse/native" },
	{ "/tmp/sock!80", true, "unix:/tmp/sock!80" },
	{ "/", true, "unix:/" },
	/* Abstract names are compiled with a '/' in front. */
	{ "@foo", true, "abstract:/foo" },
	{ "@foo@80", true, "abstract:/foo@80" },
	{ "@*", true, "abstract:/*" },
	{ "@/tmp/.X11-unix/X0", true, "abstract://tmp/.X11-unix/X0" },
};

TEST(parse_accepts_every_form_and_alias)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(parse_ok); i++)
		expect_parses_to(parse_ok[i].text, parse_ok[i].ports,
				 parse_ok[i].want);
}

static const struct error_case {
	const char *text;
	bool ports;
	int err;
	const char *why;
} parse_err[] = {
	/* Not an address at all. */
	{ "", true, -EINVAL, WHY_ANY },
	{ "", false, -EINVAL, "expected ADDR[/PREFIX]" },
	{ "foo!80", true, -EINVAL, WHY_ANY },
	{ "Loopback!80", true, -EINVAL, WHY_ANY },
	{ "anyx!80", true, -EINVAL, WHY_ANY },
	{ "foo", false, -EINVAL, "expected ADDR[/PREFIX] or an alias" },
	{ "!80", true, -EINVAL, WHY_ANY },
	{ "/80", false, -EINVAL, "expected ADDR[/PREFIX]" },
	{ "1.2.3!80", true, -EINVAL, WHY_ANY },
	{ "1.2.3.4.5!80", true, -EINVAL, WHY_ANY },
	{ "256.1.1.1!80", true, -EINVAL, WHY_ANY },
	{ "1.2.3.4x!80", true, -EINVAL, WHY_ANY },
	{ "0x7f.0.0.1!80", true, -EINVAL, WHY_ANY },
	{ "fe80::1%eth0!80", true, -EINVAL, WHY_ANY },
	{ "1:2:3:4:5:6:7:8:9!80", true, -EINVAL, WHY_ANY },
	{ "1.2.3.4!80!90", true, -EINVAL, WHY_ANY },
	{ "1.2.3.4!!80", true, -EINVAL, WHY_ANY },
	{ "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.2555!1", true, -EINVAL,
	  WHY_ANY },
	/* Whitespace is never part of an address. */
	{ " 1.2.3.4!80", true, -EINVAL, WHY_ANY },
	{ "1.2.3.4 !80", true, -EINVAL, WHY_ANY },
	{ "1.2.3.4! 80", true, -EINVAL, "bad port: expected 0-65535" },
	{ "1.2.3.4!80 ", true, -EINVAL, "bad port: expected 0-65535" },
	{ "1.2.3.4!80\n", true, -EINVAL, "bad port: expected 0-65535" },
	{ "loopback !80", true, -EINVAL, WHY_ANY },
	{ "10.0.0.0/8 ", false, -EINVAL, "bad CIDR prefix" },
	/* Missing or unwanted port. */
	{ "1.2.3.4", true, -EINVAL, "expected ADDR[/PREFIX]!PORT[-PORT]" },
	{ "10.0.0.0/8", true, -EINVAL, "expected ADDR[/PREFIX]!PORT[-PORT]" },
	{ "loopback", true, -EINVAL, "expected ADDR[/PREFIX]!PORT[-PORT]" },
	{ "1.2.3.4!80", false, -EINVAL,
	  "port not allowed here: expected ADDR[/PREFIX]" },
	{ "1.2.3.4@80", false, -EINVAL,
	  "port not allowed here: expected ADDR[/PREFIX]" },
	{ "any!80", false, -EINVAL,
	  "port not allowed here: expected ADDR[/PREFIX]" },
	/* CIDR prefix. */
	{ "10.0.0.0/33!80", true, -EINVAL,
	  "bad CIDR prefix: at most 32 for IPv4" },
	{ "10.0.0.0/128!80", true, -EINVAL,
	  "bad CIDR prefix: at most 32 for IPv4" },
	{ "10.0.0.0/99999999999999999999999!80", true, -EINVAL,
	  "bad CIDR prefix: at most 32 for IPv4" },
	{ "10.0.0.0/33", false, -EINVAL,
	  "bad CIDR prefix: at most 32 for IPv4" },
	{ "::/129!80", true, -EINVAL, "bad CIDR prefix: at most 128 for IPv6" },
	{ "::ffff:1.2.3.4/129!80", true, -EINVAL,
	  "bad CIDR prefix: at most 128 for IPv6" },
	{ "10.0.0.0/!80", true, -EINVAL, "bad CIDR prefix" },
	{ "10.0.0.0/x!80", true, -EINVAL, "bad CIDR prefix" },
	{ "10.0.0.0/-1!80", true, -EINVAL, "bad CIDR prefix" },
	{ "10.0.0.0/+8!80", true, -EINVAL, "bad CIDR prefix" },
	{ "10.0.0.0/8/8!80", true, -EINVAL, "bad CIDR prefix" },
	{ "10.0.0.0/0x8!80", true, -EINVAL, "bad CIDR prefix" },
	{ "loopback/8!80", true, -EINVAL, "bad CIDR prefix" },
	{ "any/0", false, -EINVAL, "bad CIDR prefix" },
	/* Ports. */
	{ "1.2.3.4!65536", true, -EINVAL, "bad port: expected 0-65535" },
	{ "1.2.3.4!1-65536", true, -EINVAL, "bad port: expected 0-65535" },
	{ "1.2.3.4!99999999999999999999", true, -EINVAL,
	  "bad port: expected 0-65535" },
	{ "1.2.3.4!", true, -EINVAL, "bad port: expected 0-65535" },
	{ "1.2.3.4!-1", true, -EINVAL, "bad port: expected 0-65535" },
	{ "1.2.3.4!+1", true, -EINVAL, "bad port: expected 0-65535" },
	{ "1.2.3.4!1-", true, -EINVAL, "bad port: expected 0-65535" },
	{ "1.2.3.4!-", true, -EINVAL, "bad port: expected 0-65535" },
	{ "1.2.3.4!1-2-3", true, -EINVAL, "bad port: expected 0-65535" },
	{ "1.2.3.4!0x50", true, -EINVAL, "bad port: expected 0-65535" },
	{ "1.2.3.4!http", true, -EINVAL, "bad port: expected 0-65535" },
	{ "1.2.3.4!1,2", true, -EINVAL, "bad port: expected 0-65535" },
	{ "1.2.3.4!9-1", true, -EINVAL,
	  "bad port range: first port is greater than last" },
	{ "1.2.3.4!2-1", true, -EINVAL,
	  "bad port range: first port is greater than last" },
	{ "1.2.3.4!65535-0", true, -EINVAL,
	  "bad port range: first port is greater than last" },
	/* UNIX sockets. */
	{ "/tmp/sock", false, -EINVAL, "expected ADDR[/PREFIX]" },
	{ "@sock", false, -EINVAL, "expected ADDR[/PREFIX]" },
	{ "@", true, -EINVAL, "empty abstract socket name" },
};

TEST(parse_rejects_malformed_with_reason)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(parse_err); i++)
		expect_fails(parse_err[i].text, parse_err[i].ports,
			     parse_err[i].err, parse_err[i].why);
}

TEST(parse_rejects_null_text)
{
	expect_fails(NULL, true, -EINVAL, WHY_ANY);
}

/* Errors of the glob compiler reach the user with its own reason. */
TEST(parse_passes_pattern_errors_through)
{
	static const char *const bad[] = { "/tmp/[", "@[", "/tmp/\\", "@x\\" };
	static char path[PATTERN_MAX + 2], name[PATTERN_MAX + 2];
	struct addr_rule r;
	const char *why;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		why = NULL;
		EXPECT_EQ(-EINVAL, addr_rule_parse(bad[i], true, &r, &why));
		EXPECT_TRUE(why != NULL && why[0] != '\0');
		EXPECT_TRUE(why == NULL || strcmp(why, WHY_ANY) != 0);
		addr_rule_fini(&r);
	}
	/* PATTERN_MAX bytes fit; the abstract '@' turns into the '/'. */
	memset(path, 'a', sizeof(path) - 1);
	path[0] = '/';
	path[PATTERN_MAX] = '\0';
	EXPECT_EQ(0, addr_rule_parse(path, true, &r, NULL));
	addr_rule_fini(&r);
	path[PATTERN_MAX] = 'a';
	EXPECT_EQ(-ENAMETOOLONG, addr_rule_parse(path, true, &r, NULL));
	memset(name, 'a', sizeof(name) - 1);
	name[0] = '@';
	name[PATTERN_MAX] = '\0';
	EXPECT_EQ(0, addr_rule_parse(name, true, &r, NULL));
	addr_rule_fini(&r);
	name[PATTERN_MAX] = 'a';
	EXPECT_EQ(-ENAMETOOLONG, addr_rule_parse(name, true, &r, NULL));
}

TEST(parse_allows_null_why_and_repeated_fini)
{
	struct addr_rule r;

	EXPECT_EQ(-EINVAL, addr_rule_parse("nope", true, &r, NULL));
	EXPECT_EQ(0, addr_rule_parse("loopback!1", true, &r, NULL));
	EXPECT_EQ(2, r.nnets);
	addr_rule_fini(&r);
	addr_rule_fini(&r);
	addr_rule_fini(NULL);
	EXPECT_EQ(0, addr_rule_parse("/x", true, &r, NULL));
	EXPECT_EQ(ADDR_KIND_UNIX, r.kind);
	addr_rule_fini(&r);
}

/* Parse RULE or end the test: the match tables depend on it. */
static void parse_or_die(const char *rule, bool ports, struct addr_rule *r)
{
	const char *why = NULL;
	int err = addr_rule_parse(rule, ports, r, &why);

	if (err != 0)
		harness_diag("\"%s\": %d %s", rule, err, why ? why : "");
	ASSERT_EQ(0, err);
}

/*
 * Match SA against R from a heap buffer of exactly LEN bytes, so that any
 * read past LEN is an ASan error rather than a silent pass.
 */
static bool match_exact(const struct addr_rule *r, const void *sa,
			socklen_t len)
{
	void *copy = malloc(len ? len : 1);
	bool ok;

	ASSERT_TRUE(copy != NULL);
	memcpy(copy, sa, len);
	ok = addr_rule_match(r, copy, len);
	free(copy);
	return ok;
}

/* LEN 0 stands for the size of the family's struct. */
static const struct inet_case {
	const char *rule;
	bool ports;
	int family;
	const char *addr;
	uint16_t port;
	socklen_t len;
	bool want;
} inet_cases[] = {
	{ "127.0.0.1/8!9050", true, AF_INET, "127.1.2.3", 9050, 0, true },
	{ "127.0.0.1/8!9050", true, AF_INET, "127.255.255.255", 9050, 0, true },
	{ "127.0.0.1/8!9050", true, AF_INET, "128.0.0.1", 9050, 0, false },
	{ "127.0.0.1/8!9050", true, AF_INET, "126.255.255.255", 9050, 0,
	  false },
	{ "127.0.0.1/8!9050", true, AF_INET, "127.0.0.1", 9051, 0, false },
	{ "127.0.0.1/8!9050", true, AF_INET, "127.0.0.1", 9049, 0, false },
	/* Port range edges. */
	{ "10.0.0.0/8!1024-65535", true, AF_INET, "10.0.0.1", 1024, 0, true },
	{ "10.0.0.0/8!1024-65535", true, AF_INET, "10.0.0.1", 65535, 0, true },
	{ "10.0.0.0/8!1024-65535", true, AF_INET, "10.0.0.1", 1023, 0, false },
	{ "1.2.3.4!0", true, AF_INET, "1.2.3.4", 0, 0, true },
	{ "1.2.3.4!0", true, AF_INET, "1.2.3.4", 1, 0, false },
	{ "1.2.3.4!1-1", true, AF_INET, "1.2.3.4", 1, 0, true },
	{ "1.2.3.4!1-1", true, AF_INET, "1.2.3.4", 2, 0, false },
	/* Prefix edges, inside a byte and across. */
	{ "192.168.1.0/25!1", true, AF_INET, "192.168.1.127", 1, 0, true },
	{ "192.168.1.0/25!1", true, AF_INET, "192.168.1.128", 1, 0, false },
	{ "192.168.1.0/24!1", true, AF_INET, "192.168.1.255", 1, 0, true },
	{ "192.168.1.0/24!1", true, AF_INET, "192.168.2.0", 1, 0, false },
	{ "1.2.3.4!1", true, AF_INET, "1.2.3.5", 1, 0, false },
	{ "0.0.0.0/0!1", true, AF_INET, "255.255.255.255", 1, 0, true },
	{ "fe80::/10!22", true, AF_INET6, "fe80::1", 22, 0, true },
	{ "fe80::/10!22", true, AF_INET6, "febf:ffff::1", 22, 0, true },
	{ "fe80::/10!22", true, AF_INET6, "fec0::1", 22, 0, false },
	{ "::1!22", true, AF_INET6, "::1", 22, 0, true },
	{ "::1!22", true, AF_INET6, "::2", 22, 0, false },
	{ "::/0!22", true, AF_INET6, "ffff::ffff", 22, 0, true },
	/* Families never cross, except through the mapped range. */
	{ "1.2.3.4!80", true, AF_INET6, "::1.2.3.4", 80, 0, false },
	{ "1.2.3.4!80", true, AF_INET6, "102:304::", 80, 0, false },
	{ "::102:304!80", true, AF_INET, "1.2.3.4", 80, 0, false },
	{ "any4!80", true, AF_INET6, "2001:db8::1", 80, 0, false },
	{ "any6!80", true, AF_INET, "1.2.3.4", 80, 0, false },
	/* A mapped peer matches IPv4 rules as its IPv4 address ... */
	{ "1.2.3.4!80", true, AF_INET6, "::ffff:1.2.3.4", 80, 0, true },
	{ "1.2.3.4!80", true, AF_INET6, "::ffff:1.2.3.4", 81, 0, false },
	{ "1.2.3.4!80", true, AF_INET6, "::ffff:1.2.3.5", 80, 0, false },
	{ "loopback4!80", true, AF_INET6, "::ffff:127.9.9.9", 80, 0, true },
	{ "any4!80", true, AF_INET6, "::ffff:8.8.8.8", 80, 0, true },
	/* ... and IPv6 rules as itself. */
	{ "any6!80", true, AF_INET6, "::ffff:1.2.3.4", 80, 0, true },
	{ "::ffff:0:0/95!80", true, AF_INET6, "::ffff:1.2.3.4", 80, 0, true },
	{ "::ffff:0:0/95!80", true, AF_INET, "1.2.3.4", 80, 0, false },
	/* A mapped rule matches plain IPv4 peers and mapped ones. */
	{ "::ffff:1.2.3.4!80", true, AF_INET, "1.2.3.4", 80, 0, true },
	{ "::ffff:1.2.3.4!80", true, AF_INET6, "::ffff:1.2.3.4", 80, 0, true },
	{ "::ffff:10.0.0.0/104!80", true, AF_INET, "10.9.9.9", 80, 0, true },
	{ "::ffff:10.0.0.0/104!80", true, AF_INET, "11.0.0.0", 80, 0, false },
	/* Aliases. */
	{ "any!80", true, AF_INET, "1.2.3.4", 80, 0, true },
	{ "any!80", true, AF_INET6, "2001:db8::1", 80, 0, true },
	{ "loopback!80", true, AF_INET, "127.0.0.1", 80, 0, true },
	{ "loopback!80", true, AF_INET6, "::1", 80, 0, true },
	{ "loopback!80", true, AF_INET6, "::2", 80, 0, false },
	{ "local!80", true, AF_INET, "172.31.255.255", 80, 0, true },
	{ "local!80", true, AF_INET, "172.32.0.0", 80, 0, false },
	{ "local!80", true, AF_INET, "192.168.0.1", 80, 0, true },
	{ "local!80", true, AF_INET6, "fdff::1", 80, 0, true },
	{ "local!80", true, AF_INET6, "fe00::1", 80, 0, false },
	{ "linklocal!80", true, AF_INET, "169.254.1.1", 80, 0, true },
	{ "linklocal!80", true, AF_INET6, "fe80::1", 80, 0, true },
	{ "multicast!80", true, AF_INET, "239.255.255.250", 80, 0, true },
	{ "multicast!80", true, AF_INET, "240.0.0.1", 80, 0, false },
	{ "multicast!80", true, AF_INET6, "ff02::1", 80, 0, true },
	/* Block-list rules cover every port. */
	{ "10.0.0.0/8", false, AF_INET, "10.0.0.1", 0, 0, true },
	{ "10.0.0.0/8", false, AF_INET, "10.0.0.1", 65535, 0, true },
	{ "any", false, AF_INET6, "::", 1, 0, true },
	/* Lengths: the struct is needed, more is fine. */
	{ "any!80", true, AF_INET, "1.2.3.4", 80, sizeof(struct sockaddr_in),
	  true },
	{ "any!80", true, AF_INET, "1.2.3.4", 80,
	  sizeof(struct sockaddr_in) - 1, false },
	{ "any!80", true, AF_INET, "1.2.3.4", 80, 8, false },
	{ "any!80", true, AF_INET, "1.2.3.4", 80, 2, false },
	{ "any!80", true, AF_INET, "1.2.3.4", 80, 1, false },
	{ "any!80", true, AF_INET, "1.2.3.4", 80,
	  sizeof(struct sockaddr_storage), true },
	{ "any!80", true, AF_INET6, "::1", 80, sizeof(struct sockaddr_in6),
	  true },
	/* RFC 2133 size, without sin6_scope_id: the kernel accepts it. */
	{ "any!80", true, AF_INET6, "::1", 80, 24, true },
	{ "any!80", true, AF_INET6, "::1", 80, 23, false },
	{ "any!80", true, AF_INET6, "::1", 80, sizeof(struct sockaddr_in),
	  false },
	{ "any!80", true, AF_INET6, "::1", 80, 1, false },
	{ "any!80", true, AF_INET6, "::1", 80, sizeof(struct sockaddr_storage),
	  true },
	/* Other families, and UNIX rules, match no IP peer. */
	{ "any!80", true, AF_PACKET, "1.2.3.4", 80, 0, false },
	{ "any!80", true, AF_UNSPEC, "1.2.3.4", 80, 0, false },
	{ "/**", true, AF_INET, "1.2.3.4", 80, 0, false },
	{ "@**", true, AF_INET6, "::1", 80, 0, false },
};

/* Build a sockaddr_in or _in6 (AF_INET shape for other families). */
static socklen_t build_inet(const struct inet_case *c,
			    struct sockaddr_storage *ss)
{
	struct sockaddr_in *in4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (c->family == AF_INET6 ||
	    (c->family != AF_INET && strchr(c->addr, ':'))) {
		in6->sin6_family = (sa_family_t)c->family;
		in6->sin6_port = htons(c->port);
		ASSERT_EQ(1, inet_pton(AF_INET6, c->addr, &in6->sin6_addr));
		return sizeof(*in6);
	}
	in4->sin_family = (sa_family_t)c->family;
	in4->sin_port = htons(c->port);
	ASSERT_EQ(1, inet_pton(AF_INET, c->addr, &in4->sin_addr));
	return sizeof(*in4);
}

TEST(match_inet_by_network_port_and_length)
{
	struct sockaddr_storage ss;
	struct addr_rule r;
	socklen_t len;
	size_t i;
	bool got;

	for (i = 0; i < ARRAY_SIZE(inet_cases); i++) {
		const struct inet_case *c = &inet_cases[i];

		parse_or_die(c->rule, c->ports, &r);
		len = build_inet(c, &ss);
		if (c->len)
			len = c->len;
		got = match_exact(&r, &ss, len);
		if (got != c->want)
			harness_diag("\"%s\" vs %s port %u len %u", c->rule,
				     c->addr, c->port, (unsigned)len);
		EXPECT_EQ(c->want, got);
		addr_rule_fini(&r);
	}
}

/* PATHLEN bytes of sun_path are passed: len = offsetof(sun_path) + PATHLEN. */
static const struct unix_case {
	const char *rule;
	const char *path;
	int pathlen;
	bool want;
} unix_cases[] = {
	{ "/run/user/*/pulse/native", "/run/user/1000/pulse/native", 27, true },
	{ "/run/user/*/pulse/native", "/run/user/1/2/pulse/native", 26, false },
	{ "/run/**", "/run/user/1/2/pulse/native", 26, true },
	{ "/tmp/s", "/tmp/s", 6, true },
	{ "/tmp/s", "/tmp/s", 7, true }, /* trailing NUL counted */
	{ "/tmp/s", "/tmp/s\0junk", 11, true }, /* path ends at its NUL */
	{ "/tmp/s", "/tmp/s", 5, false }, /* "/tmp/": len cuts the path */
	{ "/tmp/s", "/tmp/sx", 7, false },
	/* A path never matches an abstract rule, nor the reverse. */
	{ "@/tmp/s", "/tmp/s", 6, false },
	{ "@**", "/tmp/s", 6, false },
	{ "/tmp/s", "\0/tmp/s", 7, false },
	{ "/**", "\0/tmp/s", 7, false },
	{ "any!80", "/tmp/s", 6, false },
	{ "any!80", "\0x", 2, false },
	/* Abstract names are exactly the LEN bytes after the NUL. */
	{ "@foo", "\0foo", 4, true },
	{ "@foo", "\0fo", 3, false },
	{ "@foo", "\0foo\0", 5, false }, /* "foo\0" is another socket */
	{ "@foo*", "\0foo\0bar", 8, true }, /* NUL is an ordinary byte */
	{ "@foo?bar", "\0foo\0bar", 8, true },
	{ "@foo", "\0foo\0bar", 8, false },
	{ "@/tmp/.X11-unix/X0", "\0/tmp/.X11-unix/X0", 18, true },
	{ "@*", "\0/tmp/.X11-unix/X0", 18, false }, /* '*' stops at '/' */
	{ "@**", "\0/tmp/.X11-unix/X0", 18, true },
	{ "@*", "\0", 1, true }, /* the empty abstract name */
	{ "@foo", "\0", 1, false },
	/* Unnamed, truncated and oversized addresses name nothing. */
	{ "/**", "", 0, false },
	{ "@**", "", 0, false },
	{ "/**", "", -1, false },
	{ "/**", "", -2, false },
};

static bool match_unix(const char *rule, const char *path, int pathlen)
{
	const size_t off = offsetof(struct sockaddr_un, sun_path);
	unsigned char buf[sizeof(struct sockaddr_un) + 8] = { 0 };
	sa_family_t family = AF_UNIX;
	struct addr_rule r;
	bool ok;

	memcpy(buf, &family, sizeof(family));
	if (pathlen > 0)
		memcpy(buf + off, path, (size_t)pathlen);
	parse_or_die(rule, true, &r);
	ok = match_exact(&r, buf, (socklen_t)((int)off + pathlen));
	addr_rule_fini(&r);
	return ok;
}

TEST(match_unix_paths_and_abstract_names_apart)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(unix_cases); i++) {
		const struct unix_case *c = &unix_cases[i];

		bool got = match_unix(c->rule, c->path, c->pathlen);

		if (got != c->want)
			harness_diag("\"%s\" vs unix_cases[%zu]", c->rule, i);
		EXPECT_EQ(c->want, got);
	}
}

/*
 * sun_path filled to the last byte, with no NUL: reads stay within len. One
 * byte more than sockaddr_un is refused by the kernel, and matches nothing.
 */
TEST(match_unix_full_length_without_nul)
{
	enum {
		N = sizeof(((struct sockaddr_un *)0)->sun_path)
	};
	char path[N + 1], rule[N + 2];

	memset(path, 'a', sizeof(path));
	path[0] = '/';
	memcpy(rule, path, N);
	rule[N] = '\0';
	EXPECT_TRUE(match_unix(rule, path, N));
	EXPECT_TRUE(match_unix("/**", path, N));
	EXPECT_FALSE(match_unix(rule, path, N - 1));
	EXPECT_FALSE(match_unix("/**", path, N + 1));
	/* The longest abstract name: 107 bytes after the NUL. */
	path[0] = '\0';
	rule[0] = '@';
	EXPECT_TRUE(match_unix(rule, path, N));
	EXPECT_TRUE(match_unix("@**", path, N));
	EXPECT_FALSE(match_unix(rule, path, N - 1));
	EXPECT_FALSE(match_unix("@**", path, N + 1));
}

TEST(match_rejects_null_and_empty_sockaddr)
{
	struct addr_rule r;
	sa_family_t family = AF_INET;

	parse_or_die("any!0-65535", true, &r);
	EXPECT_FALSE(addr_rule_match(&r, NULL, 16));
	EXPECT_FALSE(match_exact(&r, &family, 0));
	EXPECT_FALSE(match_exact(&r, &family, sizeof(family)));
	addr_rule_fini(&r);
}

static const struct ip_case {
	const char *rule;
	bool ports;
	int family;
	const char *addr;
	bool want;
} ip_cases[] = {
	{ "10.0.0.0/8", false, AF_INET, "10.1.1.1", true },
	{ "10.0.0.0/8", false, AF_INET, "11.1.1.1", false },
	{ "10.0.0.0/8", false, AF_INET6, "::ffff:10.1.1.1", true },
	{ "10.0.0.0/8", false, AF_INET6, "::a01:101", false },
	{ "10.0.0.0/8", false, AF_UNIX, "10.1.1.1", false },
	{ "::ffff:10.0.0.0/104", false, AF_INET, "10.1.1.1", true },
	{ "::ffff:10.0.0.0/104", false, AF_INET6, "::ffff:10.1.1.1", true },
	{ "2001:db8::/32", false, AF_INET6, "2001:db8:ffff::1", true },
	{ "2001:db8::/32", false, AF_INET6, "2001:db9::1", false },
	{ "any6", false, AF_INET6, "::ffff:1.2.3.4", true },
	{ "any6", false, AF_INET, "1.2.3.4", false },
	{ "any4", false, AF_INET6, "::1", false },
	{ "loopback", false, AF_INET, "127.0.0.53", true },
	/* Ports are ignored, even on a rule that has them. */
	{ "1.2.3.4!80", true, AF_INET, "1.2.3.4", true },
	{ "1.2.3.4!80", true, AF_INET6, "::ffff:1.2.3.4", true },
	{ "/**", true, AF_INET, "1.2.3.4", false },
	{ "@**", true, AF_INET6, "::1", false },
};

TEST(match_ip_folds_mapped_and_ignores_ports)
{
	struct addr_rule r;
	uint8_t addr[16];
	size_t i;
	bool got;

	for (i = 0; i < ARRAY_SIZE(ip_cases); i++) {
		const struct ip_case *c = &ip_cases[i];
		int af = strchr(c->addr, ':') ? AF_INET6 : AF_INET;

		ASSERT_EQ(1, inet_pton(af, c->addr, addr));
		parse_or_die(c->rule, c->ports, &r);
		got = addr_rule_match_ip(&r, c->family, addr);
		if (got != c->want)
			harness_diag("\"%s\" vs %s", c->rule, c->addr);
		EXPECT_EQ(c->want, got);
		addr_rule_fini(&r);
	}
	parse_or_die("any", false, &r);
	EXPECT_FALSE(addr_rule_match_ip(&r, AF_INET, NULL));
	EXPECT_FALSE(addr_rule_match_ip(NULL, AF_INET, addr));
	addr_rule_fini(&r);
}
