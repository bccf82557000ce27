/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What the network handlers share (net.c: bind, connect and the decision
 * on an address; sendmsg.c: the send family; socket.c: socket families
 * and routing options): a socket address read once from the caller, the
 * decision on it, and the address the emulated call is made with, which
 * is never the caller's memory again.
 */
#ifndef SYD_SYSCALLS_NET_H
#define SYD_SYSCALLS_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "syscalls/hooks.h"

/* A socket address as read from the caller (LEN bytes, at most 128). */
struct net_addr {
	union {
		struct sockaddr sa;
		struct sockaddr_storage ss;
		struct sockaddr_un un;
	} u;
	socklen_t len;
};

/*
 * The address an emulated call is made with: the caller's bytes, or, for
 * a UNIX socket file, "/proc/thread-self/fd/N" of PIN, our O_PATH fd on
 * the very socket file decided (owned; -1 when none).
 */
struct net_target {
	struct net_addr a;
	int pin;
};

/*
 * Read the address at ADDR (LEN bytes) of the caller into *OUT, as the
 * kernel's move_addr_to_kernel() does. Returns 0, -EINVAL (LEN over 128),
 * -EFAULT, -ESRCH.
 */
int net_read_addr(struct notif *n, uint64_t addr, uint64_t len,
		  struct net_addr *out);

/*
 * Decide the destination A of a connect, sendto or sendmsg (SYS) on our
 * socket SOCK, in net/connect: an IPv4 or IPv6 address by the rules and
 * the block list, a UNIX socket file by its canonical path (resolved for
 * the caller, following symlinks as the kernel does; a hidden one is
 * missing), an abstract name by itself. Logs a refusal with its tip. On
 * success *T holds the address to use (net_target_fini()). Returns 0 or
 * the answer: -EACCES, -ENOENT, -ECONNREFUSED (block list, or not a
 * socket), the resolver's errors, -ESRCH.
 */
int net_decide_dest(struct notif *n, const char *sys, int sock,
		    const struct net_addr *a, struct net_target *t);

void net_target_fini(struct net_target *t);

/* Is SOCK (ours; the caller's open file) in blocking mode? */
bool net_blocking(int sock);

/*
 * The answer for RET, the result of a socket call made between
 * notif_may_block() and now: an interrupted wait answers as the kernel
 * would for the caller (-ERESTARTSYS; -EINTR with a send timeout set).
 */
long net_unblocked(struct notif *n, int sock, long ret);

/*
 * Refuse a UNIX socket call made for a caller whose peer would see syd's
 * identity instead of its own: syd is root and the caller changed its
 * ids (SO_PEERCRED and SCM_CREDENTIALS name the process that connects or
 * sends, here syd). Returns 0 or -EACCES (logged).
 */
int net_unix_identity(struct notif *n, const char *sys, const char *what);

/*
 * Does the IPv4 option list O (LEN bytes, as IP_OPTIONS and IP_RETOPTS
 * take it) hold a source route, which makes the route's first hop the
 * packet's destination? (socket.c)
 */
bool net_source_route(const unsigned char *o, size_t len);

/* Does net/link refuse netlink family PROTO under SB? (socket.c) */
bool net_link_refused(const struct sandbox *sb, int proto);

#endif
