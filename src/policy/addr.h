/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Network address patterns of Syd's language and their matcher:
 *   ADDR[/PREFIX]!PORT[-PORT]   IPv4 or IPv6 network and a port range
 *                               ('@' is accepted in place of '!')
 *   ALIAS!PORT[-PORT]           any any4 any6 loopback loopback4 loopback6
 *                               local linklocal multicast
 *   /path/glob                  UNIX socket path (glob of pattern.h)
 *   @name-glob                  abstract UNIX socket
 * An IPv4-mapped IPv6 address (::ffff:a.b.c.d), in a rule or in a socket
 * address, is matched as the IPv4 address it carries. Pure: no syscalls.
 */
#ifndef SYD_POLICY_ADDR_H
#define SYD_POLICY_ADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

struct pattern;

enum addr_kind {
	ADDR_KIND_INET, /* AF_INET or AF_INET6 network + port range */
	ADDR_KIND_UNIX, /* filesystem UNIX socket path glob */
	ADDR_KIND_ABSTRACT, /* abstract UNIX socket name glob, without '@' */
};

struct addr_net {
	int family; /* AF_INET or AF_INET6 */
	uint8_t addr[16]; /* network byte order; 4 bytes used for AF_INET */
	unsigned prefix; /* 0..32 or 0..128; host bits of addr are zero */
	uint16_t port_lo, port_hi; /* inclusive */
};

/* One parsed address rule; an alias may expand to several networks. */
struct addr_rule {
	enum addr_kind kind;
	struct addr_net *nets; /* owned; ADDR_KIND_INET only */
	size_t nnets;
	struct pattern *glob; /* owned; UNIX and ABSTRACT only */
};

/*
 * Parse TEXT into *out (caller-provided, filled on success; release with
 * addr_rule_fini()). With PORTS false the port part, UNIX paths and abstract
 * names are refused and the rule covers all ports (block lists: "CIDR"
 * only). Host bits past the prefix are cleared ("127.0.0.1/8" is
 * 127.0.0.0/8). On error *out is zeroed, so addr_rule_fini() is still safe.
 * WHY may be NULL. Returns 0 or:
 *   -EINVAL        malformed; *why says what was expected (for a UNIX path
 *                  or abstract name it is pattern_compile()'s reason)
 *   -ENAMETOOLONG  a path or abstract glob longer than PATTERN_MAX
 *   -ENOMEM
 */
int addr_rule_parse(const char *text, bool ports, struct addr_rule *out,
		    const char **why);

/* Free what R owns and zero it: a second call, or R NULL, is a no-op. */
void addr_rule_fini(struct addr_rule *r);

/*
 * True when the socket address SA (LEN bytes, as passed to connect/bind;
 * only those bytes are read, at any alignment) matches R. AF_INET/AF_INET6
 * match INET rules by network and port; AF_INET6 needs 24 bytes, the size
 * the kernel accepts (sin6_scope_id is not used). AF_UNIX matches a UNIX
 * rule by the path up to its first NUL within LEN, or an ABSTRACT rule by
 * the name of exactly the bytes after the leading NUL; a NUL inside such a
 * name is an ordinary byte that only a wildcard or class matches. A path
 * never matches an abstract rule nor the reverse. A malformed, truncated,
 * unnamed or oversized (> sizeof(struct sockaddr_un)) SA matches nothing.
 * No allocation.
 */
bool addr_rule_match(const struct addr_rule *r, const struct sockaddr *sa,
		     socklen_t len);

/*
 * Match an IP address alone (block lists; the rule's ports are ignored),
 * FAMILY AF_INET or AF_INET6 with ADDR (4 or 16 bytes) in network byte order.
 * An IPv4-mapped IPv6 ADDR matches IPv4 networks as the IPv4 address it
 * carries and IPv6 networks as itself. False for other families.
 */
bool addr_rule_match_ip(const struct addr_rule *r, int family,
			const uint8_t *addr);

#endif
