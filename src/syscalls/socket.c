/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * socket(2) and setsockopt(2), for the shapes the filter sends here only
 * (supervise/filter.c): a socket family no rule can name, a raw or packet
 * socket, a netlink family net/link refuses, and the socket options that
 * set an IPv4 source route or an IPv6 routing header. Each is refused
 * with its log line and tip. Nothing else of these calls leaves the
 * kernel.
 */
#include <errno.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "kernel/notify.h"
#include "syscalls/access.h"
#include "syscalls/common.h"
#include "syscalls/net.h"

#ifndef AF_ALG
#define AF_ALG 38
#endif

bool net_source_route(const unsigned char *o, size_t len)
{
	for (size_t i = 0; i < len;) {
		if (o[i] == 0)
			break; /* end of the list */
		if (o[i] == 1) {
			i++; /* no-op */
			continue;
		}
		/* Loose and strict source routes (RFC 791) name next hops. */
		if (o[i] == 131 || o[i] == 137)
			return true;
		if (i + 1 >= len || o[i + 1] < 2)
			break; /* malformed: the kernel refuses it */
		i += o[i + 1];
	}
	return false;
}

/* The decision of net/link on netlink family PROTO. */
static enum action link_action(const struct sandbox *sb, int proto)
{
	const struct rule_list *l = &sb->rules[CAT_NET_LINK];

	if (!sandbox_enabled(sb, CAT_NET_LINK))
		return ACTION_ALLOW;
	for (size_t i = l->n; i-- > 0;)
		if (l->v[i].netlink == proto || l->v[i].netlink == NETLINK_ALL)
			return l->v[i].act;
	return sb->dflt[CAT_NET_LINK];
}

bool net_link_refused(const struct sandbox *sb, int proto)
{
	return !action_allows(link_action(sb, proto));
}

long hook_socket(struct notif *n)
{
	int domain = (int)notif_arg(n, 0), type = (int)notif_arg(n, 1) & 0xf;
	int proto = (int)notif_arg(n, 2);
	const struct sandbox *sb = n->sb;
	char what[48];
	int err;

	if (domain == AF_NETLINK) {
		const char *name = netlink_family_name(proto);
		enum action act;

		sandbox_rdlock(n->sb);
		act = link_action(sb, proto);
		sandbox_unlock(n->sb);
		if (strcmp(name, "?"))
			snprintf(what, sizeof(what), "%s", name);
		else
			snprintf(what, sizeof(what), "%d", proto);
		err = notif_act_addr(n, "socket", what, CAT_NET_LINK, act,
				     -EACCES, strcmp(name, "?") ? NULL : "");
	} else if (domain == AF_PACKET ||
		   ((domain == AF_INET || domain == AF_INET6) &&
		    type == SOCK_RAW)) {
		/* Raw packets carry any address past every rule. */
		snprintf(what, sizeof(what), "raw socket (family %d)", domain);
		err = sb->trace[TRACE_ALLOW_UNSAFE_SOCKET]
			      ? 0
			      : notif_act_addr(n, "socket", what,
					       CAT_NET_CONNECT, ACTION_DENY,
					       -EACCES,
					       "trace/allow_unsafe_socket:1");
	} else if (domain == AF_UNIX || domain == AF_INET ||
		   domain == AF_INET6 || sb->trace[TRACE_ALLOW_UNSUPP_SOCKET] ||
		   (domain == AF_ALG && sb->trace[TRACE_ALLOW_SAFE_KCAPI])) {
		err = 0;
	} else {
		/* A family no rule can name: as a kernel without it. */
		snprintf(what, sizeof(what), "socket family %d", domain);
		err = notif_act_addr(n, "socket", what, CAT_NET_CONNECT,
				     ACTION_DENY, -EAFNOSUPPORT,
				     domain == AF_ALG
					     ? "trace/allow_safe_kcapi:1"
					     : "trace/allow_unsupp_socket:1");
	}
	/*
	 * Allowed after all: continuing is safe, since socket(2) takes all
	 * its arguments in registers, which the kernel reads as we did.
	 */
	return err < 0 ? err : HOOK_CONTINUE;
}

/*
 * setsockopt(2) of IP_OPTIONS (a source route makes the first hop of every
 * packet and connect the route's, past the destination decided) and of
 * the IPv6 routing header options (the same, for IPv6). IP_OPTIONS
 * without a route is set by syd on the caller's socket from our copy of
 * the value, read once.
 */
long hook_setsockopt(struct notif *n)
{
	int level = (int)notif_arg(n, 1), name = (int)notif_arg(n, 2);
	uint32_t len = (uint32_t)notif_arg(n, 4);
	unsigned char opt[40];
	int err;

	if (level != SOL_IP || name != IP_OPTIONS)
		return notif_act_addr(n, "setsockopt", "IPv6 routing header",
				      CAT_NET_CONNECT, ACTION_DENY, -EACCES,
				      "");
	if (len > sizeof(opt))
		return -EINVAL; /* the kernel's bound on IPv4 options */
	int sock AUTO_FD = tracee_getfd(n->req->pid, notif_fd_arg(n, 0));
	if (sock < 0)
		return sock;
	err = len ? tracee_read(n->req->pid, notif_arg(n, 3), opt, len) : 0;
	if (err == 0 && notify_id_valid(n->listener, n->req->id) < 0)
		err = -ESRCH;
	if (err < 0)
		return err;
	if (net_source_route(opt, len))
		return notif_act_addr(n, "setsockopt", "IPv4 source route",
				      CAT_NET_CONNECT, ACTION_DENY, -EACCES,
				      "");
	return setsockopt(sock, SOL_IP, IP_OPTIONS, opt, len) < 0 ? -errno : 0;
}
