/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What the network escape attempts (esc-net-*.c) share: listeners the
 * attack starts itself on loopback or in DIR/work, and how it sees that a
 * connection or datagram reached one. Under syd they run with the "net"
 * policy of esc-lib.sh: binds on loopback and connects anywhere are
 * allowed, but not to 127.0.0.2, ::1, DIR/work/denied* or the abstract
 * names @syd-esc-denied*; nor may DIR/public be passed with SCM_RIGHTS.
 */
#ifndef SYD_TESTS_SECURITY_ESC_NET_H
#define SYD_TESTS_SECURITY_ESC_NET_H

#include <arpa/inet.h>
#include <stddef.h>
#include <sys/stat.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "esc.h"

/* An IPv4 or IPv6 address and port, as a sockaddr. */
union esc_addr {
	struct sockaddr sa;
	struct sockaddr_in in4;
	struct sockaddr_in6 in6;
	struct sockaddr_un un;
};

static inline socklen_t esc_addr_len(const union esc_addr *a)
{
	return a->sa.sa_family == AF_INET ? sizeof(a->in4) : sizeof(a->in6);
}

/* Fill A with the text address IP (v4 or v6) and PORT. */
static inline void esc_addr_ip(const struct esc *e, union esc_addr *a,
			       const char *ip, unsigned port)
{
	memset(a, 0, sizeof(*a));
	if (inet_pton(AF_INET, ip, &a->in4.sin_addr) == 1) {
		a->in4.sin_family = AF_INET;
		a->in4.sin_port = htons((uint16_t)port);
	} else if (inet_pton(AF_INET6, ip, &a->in6.sin6_addr) == 1) {
		a->in6.sin6_family = AF_INET6;
		a->in6.sin6_port = htons((uint16_t)port);
	} else {
		esc_exit(e, ESC_SETUP, "bad address %s", ip);
	}
}

/*
 * A socket of TYPE bound to IP on a free port (*PORT), listening when a
 * stream. The attack's own, inside the sandbox under syd. An address this
 * machine lacks (no IPv6) is unsupported.
 */
static inline int esc_listen_ip(const struct esc *e, const char *ip, int type,
				unsigned *port)
{
	union esc_addr a;
	socklen_t len;
	int fd;

	esc_addr_ip(e, &a, ip, 0);
	fd = socket(a.sa.sa_family, type | SOCK_CLOEXEC, 0);
	if (fd < 0 || bind(fd, &a.sa, esc_addr_len(&a)) < 0)
		esc_exit(e,
			 errno == EADDRNOTAVAIL || errno == EAFNOSUPPORT
				 ? ESC_UNSUPPORTED
				 : ESC_SETUP,
			 "listener on %s: %s", ip, esc_errname(errno));
	if (type == SOCK_STREAM && listen(fd, 16) < 0)
		esc_exit(e, ESC_SETUP, "listen: %s", esc_errname(errno));
	len = sizeof(a);
	if (getsockname(fd, &a.sa, &len) < 0)
		esc_exit(e, ESC_SETUP, "getsockname: %s", esc_errname(errno));
	*port = ntohs(a.sa.sa_family == AF_INET ? a.in4.sin_port
						: a.in6.sin6_port);
	return fd;
}

/* Fill A with the UNIX socket PATH (or "@name": abstract). */
static inline socklen_t esc_addr_unix(const struct esc *e, union esc_addr *a,
				      const char *path)
{
	size_t n = strlen(path);

	memset(a, 0, sizeof(*a));
	a->un.sun_family = AF_UNIX;
	if (n >= sizeof(a->un.sun_path))
		esc_exit(e, ESC_SETUP, "socket path too long: %s", path);
	memcpy(a->un.sun_path, path, n);
	if (path[0] == '@')
		a->un.sun_path[0] = '\0'; /* abstract: no NUL at the end */
	return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n +
			   (path[0] == '@' ? 0 : 1));
}

/* A listening UNIX stream socket at PATH ("@name": abstract). */
static inline int esc_listen_unix(const struct esc *e, const char *path)
{
	union esc_addr a;
	socklen_t len = esc_addr_unix(e, &a, path);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (path[0] != '@')
		unlink(path);
	if (fd < 0 || bind(fd, &a.sa, len) < 0 || listen(fd, 16) < 0)
		esc_exit(e, ESC_SETUP, "listener at %s: %s", path,
			 esc_errname(errno));
	return fd;
}

/* Did a connection (stream) or datagram reach FD within MS? */
static inline bool esc_reached(int fd, int ms)
{
	struct pollfd p = { fd, POLLIN, 0 };

	return poll(&p, 1, ms) == 1;
}

/*
 * The end of a connect attempt to the denied listener LFD: RC and ERR
 * are connect's. ESCAPED when the connection was made (and the listener
 * saw it), blocked otherwise, with WHAT in the report.
 */
__attribute__((noreturn)) static inline void
esc_connect_result(const struct esc *e, int rc, int err, int lfd,
		   const char *what)
{
	if (rc == 0 && esc_reached(lfd, 1000))
		esc_exit(e, ESC_ESCAPED, "connected to %s", what);
	esc_exit(e, ESC_BLOCKED, "connect to %s: %s", what,
		 rc == 0 ? "never reached the listener" : esc_errname(err));
}

#endif
