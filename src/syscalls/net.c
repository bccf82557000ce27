/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bind(2) and connect(2), and the decision on a socket address that the
 * send family shares (net.h). The caller's socket is borrowed with
 * pidfd_getfd(2) (the same open file description: its options, its
 * O_NONBLOCK, its state), the address is read once into our memory,
 * decided, and the call is made by syd on that socket with that copy:
 * never continued, since a thread of the caller could rewrite the address
 * between our read and the kernel's. A UNIX socket file is resolved like
 * every other path and reached through our fd on it, so no symlink swapped
 * in after the check can redirect the call.
 */
#include "syscalls/net.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kernel/notify.h"
#include "kernel/procfs.h"
#include "syscalls/access.h"
#include "syscalls/common.h"
#include "syscalls/creds.h"

#define SUN_OFF offsetof(struct sockaddr_un, sun_path)
/* The shortest IPv6 address the kernel takes (RFC 2133: no scope id). */
#define SIN6_MIN offsetof(struct sockaddr_in6, sin6_scope_id)
/* "@" + the longest abstract name, or an address "v6!port", with a NUL. */
#define ADDR_TEXT 128

int net_read_addr(struct notif *n, uint64_t addr, uint64_t len,
		  struct net_addr *out)
{
	memset(out, 0, sizeof(*out));
	if (len > sizeof(out->u.ss))
		return -EINVAL;
	out->len = (socklen_t)len;
	if (len == 0)
		return 0;
	return tracee_read(n->req->pid, addr, &out->u, (size_t)len);
}

void net_target_fini(struct net_target *t)
{
	close_reset(&t->pin);
}

bool net_blocking(int sock)
{
	int fl = fcntl(sock, F_GETFL);

	return fl >= 0 && !(fl & O_NONBLOCK);
}

long net_unblocked(struct notif *n, int sock, long ret)
{
	struct timeval tv = { 0, 0 };
	socklen_t tl = sizeof(tv);

	if (!notif_unblocked(n) || ret != -EINTR)
		return ret;
	/*
	 * The kernel restarts a socket wait only when it has no timeout
	 * (sock_intr_errno()): with SO_SNDTIMEO set the caller gets EINTR.
	 */
	if (getsockopt(sock, SOL_SOCKET, SO_SNDTIMEO, &tv, &tl) == 0 &&
	    (tv.tv_sec || tv.tv_usec))
		return -EINTR;
	return -ERESTARTSYS;
}

int net_unix_identity(struct notif *n, const char *sys, const char *what)
{
	int err;

	if (!n->cp->privileged || !atomic_load(&n->cp->changed))
		return 0;
	if (!n->have_creds) {
		err = tracee_creds(n->req->pid, &n->caller_creds);
		if (err < 0)
			return err == -ESRCH ? -ESRCH : -EACCES;
		n->have_creds = true;
	}
	if (n->caller_creds.fsuid == geteuid() &&
	    n->caller_creds.fsgid == getegid())
		return 0;
	/*
	 * The peer of a UNIX connection learns who connected (SO_PEERCRED)
	 * from the process that made the call: syd, root here. Made for a
	 * caller that is not root any more, the call would lend it root's
	 * identity: refused rather than lent.
	 */
	return notif_act_addr(n, sys, what, CAT_NET_CONNECT, ACTION_DENY,
			      -EACCES, "");
}

/* The address as rules are written: "a.b.c.d!port", "v6!port", "@name". */
static void addr_text(const struct net_addr *a, char *buf)
{
	const struct sockaddr_in *in4 = (const void *)&a->u;
	const struct sockaddr_in6 *in6 = (const void *)&a->u;
	char ip[INET6_ADDRSTRLEN] = "?";
	size_t i, len;

	switch (a->u.sa.sa_family) {
	case AF_INET:
		inet_ntop(AF_INET, &in4->sin_addr, ip, sizeof(ip));
		snprintf(buf, ADDR_TEXT, "%s!%u", ip, ntohs(in4->sin_port));
		return;
	case AF_INET6:
		inet_ntop(AF_INET6, &in6->sin6_addr, ip, sizeof(ip));
		snprintf(buf, ADDR_TEXT, "%s!%u", ip, ntohs(in6->sin6_port));
		return;
	default:
		/* Abstract: the bytes after the NUL; unprintable ones as '?'. */
		len = a->len > SUN_OFF + 1 ? a->len - SUN_OFF - 1 : 0;
		buf[0] = '@';
		for (i = 0; i < len && i + 2 < ADDR_TEXT; i++) {
			char c = a->u.un.sun_path[i + 1];

			buf[i + 1] = c >= 0x20 && c < 0x7f ? c : '?';
		}
		buf[i + 1] = '\0';
	}
}

/* Is A (AF_INET or AF_INET6, long enough) named by a block+ entry? */
static bool blocked(const struct sandbox *sb, const struct net_addr *a)
{
	const struct sockaddr_in *in4 = (const void *)&a->u;
	const struct sockaddr_in6 *in6 = (const void *)&a->u;
	int family = a->u.sa.sa_family;
	const uint8_t *ip = family == AF_INET
				    ? (const uint8_t *)&in4->sin_addr
				    : (const uint8_t *)&in6->sin6_addr;

	for (size_t i = 0; i < sb->blocks.n; i++)
		if (addr_rule_match_ip(vec_at(&sb->blocks, i), family, ip))
			return true;
	return false;
}

/*
 * A destination of 0.0.0.0 or :: is the local host to the kernel, which
 * connects it to loopback (ip_route_connect(), tcp_v6_connect()): it is
 * decided as that, or "deny ::1" would be passed by writing "::".
 */
static void unspecified_to_loopback(struct net_addr *a)
{
	struct sockaddr_in *in4 = (void *)&a->u;
	struct sockaddr_in6 *in6 = (void *)&a->u;

	if (a->u.sa.sa_family == AF_INET) {
		if (in4->sin_addr.s_addr == htonl(INADDR_ANY))
			in4->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	} else if (IN6_IS_ADDR_UNSPECIFIED(&in6->sin6_addr)) {
		in6->sin6_addr = in6addr_loopback;
	} else if (IN6_IS_ADDR_V4MAPPED(&in6->sin6_addr) &&
		   in6->sin6_addr.s6_addr32[3] == htonl(INADDR_ANY)) {
		in6->sin6_addr.s6_addr32[3] = htonl(INADDR_LOOPBACK);
	}
}

/*
 * Decide A, an IPv4 or IPv6 address (or an abstract UNIX name), in CAT for
 * SYS: the block list first for a destination, then the rules (last match
 * wins), else the default. Returns 0 or the answer, logged.
 */
static int decide_addr(struct notif *n, const char *sys, enum cat cat,
		       const struct net_addr *a)
{
	struct net_addr d = *a;
	char text[ADDR_TEXT];
	enum action act = ACTION_ALLOW, block = ACTION_ALLOW;
	const struct rule *rule;
	int err;

	if (cat == CAT_NET_CONNECT && d.u.sa.sa_family != AF_UNIX)
		unspecified_to_loopback(&d);
	addr_text(&d, text);
	sandbox_rdlock(n->sb);
	if (cat == CAT_NET_CONNECT && d.u.sa.sa_family != AF_UNIX &&
	    blocked(n->sb, &d))
		block = n->sb->dflt[CAT_BLOCK];
	if (sandbox_enabled(n->sb, cat)) {
		rule = rule_list_match_addr(&n->sb->rules[cat], &d.u.sa, d.len);
		act = rule ? rule->act : n->sb->dflt[cat];
	}
	sandbox_unlock(n->sb);
	/* A blocked peer refuses the connection, as a firewall would. */
	err = notif_act_addr(n, sys, text, CAT_BLOCK, block, -ECONNREFUSED, "");
	if (err < 0)
		return err;
	return notif_act_addr(n, sys, text, cat, act, -EACCES, NULL);
}

/* The path of a named UNIX address A into P (its NUL added). */
static void unix_path(const struct net_addr *a, char *p)
{
	size_t len = strnlen(a->u.un.sun_path, a->len - SUN_OFF);

	memcpy(p, a->u.un.sun_path, len);
	p[len] = '\0';
}

/*
 * The socket file named by A, for a connect or send: resolved for the
 * caller (a final symlink followed, as the kernel's unix_find_bsd()
 * does), decided by its canonical path, and pinned: *T gets our O_PATH fd
 * on it and the address "/proc/thread-self/fd/N". The kernel's lookup of
 * that name jumps straight to the inode we hold, so nothing renamed or
 * swapped in along the caller's path after the check can change which
 * socket is reached, and the permission check on the socket file (write)
 * is still made, with the caller's ids.
 */
static int unix_dest(struct notif *n, const char *sys, const struct net_addr *a,
		     struct net_target *t)
{
	char p[sizeof(a->u.un.sun_path) + 1];
	struct fdpath link;
	RESOLVED(r);
	int err;

	unix_path(a, p);
	err = resolve_path(n->req->pid, AT_FDCWD, p, RES_FOLLOW, &r);
	if (err < 0)
		return err;
	err = notif_check(n, sys, r.path, CAT_BIT(CAT_NET_CONNECT));
	if (err < 0)
		return err;
	if (!S_ISSOCK(r.st.st_mode))
		return -ECONNREFUSED; /* the kernel's answer */
	err = net_unix_identity(n, sys, r.path);
	if (err < 0)
		return err;
	t->pin = r.fd;
	r.fd = -1;
	fdpath(&link, t->pin);
	memset(&t->a, 0, sizeof(t->a));
	t->a.u.un.sun_family = AF_UNIX;
	memcpy(t->a.u.un.sun_path, link.s, strlen(link.s) + 1);
	t->a.len = (socklen_t)(SUN_OFF + strlen(link.s) + 1);
	return 0;
}

/* The family SOCK (ours) was made with, or AF_UNSPEC. */
static int sock_domain(int sock)
{
	int d = AF_UNSPEC;
	socklen_t l = sizeof(d);

	return getsockopt(sock, SOL_SOCKET, SO_DOMAIN, &d, &l) == 0 ? d
								    : AF_UNSPEC;
}

/*
 * How the kernel reads A on SOCK: the family an IP protocol takes it as.
 * An IPv4 socket takes AF_UNSPEC as AF_INET in sendto, sendmsg and bind
 * (udp_sendmsg(), raw_sendmsg(), inet_bind()): decided as what it is. In
 * connect it dissolves the association (no destination). Returns the
 * family to decide by, or AF_UNSPEC for none.
 */
static int addr_family(const struct net_addr *a, int sock, bool connect)
{
	int family = a->u.sa.sa_family;

	if (a->len < sizeof(sa_family_t))
		return AF_UNSPEC;
	if (family == AF_UNSPEC && !connect && sock_domain(sock) == AF_INET)
		return AF_INET;
	return family;
}

/*
 * Is A long enough for the kernel to take it as FAMILY? A shorter one
 * fails there with EINVAL whatever it names: nothing to decide.
 */
static bool long_enough(const struct net_addr *a, int family)
{
	switch (family) {
	case AF_INET:
		return a->len >= sizeof(struct sockaddr_in);
	case AF_INET6:
		return a->len >= SIN6_MIN;
	default:
		return a->len > SUN_OFF;
	}
}

int net_decide_dest(struct notif *n, const char *sys, int sock,
		    const struct net_addr *a, struct net_target *t)
{
	int family = addr_family(a, sock, !strcmp(sys, "connect"));
	struct net_addr d = *a;

	t->a = *a;
	t->pin = -1;
	if ((family != AF_INET && family != AF_INET6 && family != AF_UNIX) ||
	    !long_enough(a, family))
		return 0; /* no address, or one no rule can name */
	d.u.sa.sa_family = (sa_family_t)family;
	if (family == AF_UNIX && a->u.un.sun_path[0] != '\0')
		return unix_dest(n, sys, a, t);
	if (family == AF_UNIX) {
		int err = net_unix_identity(n, sys, "abstract socket");

		if (err < 0)
			return err;
	}
	return decide_addr(n, sys, CAT_NET_CONNECT, &d);
}

/*
 * trace/allow_safe_bind: allow connects to TEXT (a rule value), the
 * address a bind just took. Added once, at the end: the last match wins.
 */
static void safe_bind_allow(struct notif *n, const char *text)
{
	struct rule_list *l = &n->sb->rules[CAT_NET_CONNECT];
	const char *why;
	bool known = false;

	sandbox_wrlock(n->sb);
	for (size_t i = 0; i < l->n && !known; i++)
		known = l->v[i].act == ACTION_ALLOW &&
			!strcmp(l->v[i].text, text);
	if (!known)
		(void)rule_list_add(l, CAT_NET_CONNECT, ACTION_ALLOW, text,
				    &why);
	sandbox_unlock(n->sb);
}

/* safe_bind_allow() for the IP address SOCK (ours) is bound to now. */
static void safe_bind_inet(struct notif *n, int sock)
{
	struct net_addr a = { .len = sizeof(a.u) };
	const struct sockaddr_in *in4 = (const void *)&a.u;
	const struct sockaddr_in6 *in6 = (const void *)&a.u;
	char text[ADDR_TEXT];

	if (getsockname(sock, &a.u.sa, &a.len) < 0)
		return;
	/* Bound to any address: reached through loopback from here. */
	if (a.u.sa.sa_family == AF_INET &&
	    in4->sin_addr.s_addr == htonl(INADDR_ANY))
		snprintf(text, sizeof(text), "loopback4!%u",
			 ntohs(in4->sin_port));
	else if (a.u.sa.sa_family == AF_INET6 &&
		 IN6_IS_ADDR_UNSPECIFIED(&in6->sin6_addr))
		snprintf(text, sizeof(text), "loopback!%u",
			 ntohs(in6->sin6_port));
	else if (a.u.sa.sa_family == AF_INET || a.u.sa.sa_family == AF_INET6)
		addr_text(&a, text);
	else
		return;
	safe_bind_allow(n, text);
}

/* safe_bind_allow() for a UNIX socket file or abstract name: TEXT. */
static void safe_bind_unix(struct notif *n, const char *text)
{
	struct strbuf b = { 0 };

	/* Glob characters escaped: the rule names exactly this socket. */
	for (const char *p = text; *p; p++) {
		if (strchr("*?[]\\", *p))
			strbuf_putc(&b, '\\');
		strbuf_putc(&b, *p);
	}
	if (!strbuf_failed(&b))
		safe_bind_allow(n, strbuf_str(&b));
	strbuf_fini(&b);
}

/*
 * bind(2) of a UNIX socket file: the name is made like mknod makes one
 * (hidden, missing and existing names answered as for any new name), in
 * the directory resolved for the caller, with its ids and umask (the
 * kernel's unix_bind_bsd() applies the umask of the thread that binds).
 * The name is bound relative to that directory's fd, after fchdir(2) in
 * this thread (its cwd is its own: unshare(CLONE_FS)): no path string is
 * looked up again. The socket then reads its own address (getsockname)
 * as the last component only.
 */
static long unix_bind(struct notif *n, int sock, const struct net_addr *a)
{
	char p[sizeof(a->u.un.sun_path) + 1];
	struct sockaddr_un u = { .sun_family = AF_UNIX };
	size_t len;
	RESOLVED(r);
	long ret;
	int err;

	unix_path(a, p);
	err = resolve_path(n->req->pid, AT_FDCWD, p, RES_PARENT, &r);
	if (err < 0)
		return err;
	/* "name/": the kernel fails before it asks (EEXIST is EADDRINUSE). */
	if (r.trailing_slash && r.fd < 0)
		return -ENOENT;
	err = notif_check_new_name(n, "bind", r.path, CAT_BIT(CAT_NET_BIND));
	if (err < 0)
		return err;
	if (r.fd >= 0)
		return notif_seen_answer(n, "bind", r.path, -EADDRINUSE);
	err = notif_check(n, "bind", r.path, CAT_BIT(CAT_NET_BIND));
	if (err < 0)
		return err;
	len = strlen(r.name);
	if (len >= sizeof(u.sun_path))
		return -ENAMETOOLONG;
	memcpy(u.sun_path, r.name, len + 1);
	err = notif_creds_take(n, CREDS_FS | CREDS_UMASK);
	if (err < 0)
		return err;
	if (fchdir(r.dirfd) < 0)
		return notif_acted(n, -1);
	ret = notif_acted(n, bind(sock, (struct sockaddr *)&u,
				  (socklen_t)(SUN_OFF + len + 1)));
	(void)!chdir("/");
	if (ret == 0 && n->sb->trace[TRACE_ALLOW_SAFE_BIND])
		safe_bind_unix(n, r.path);
	return ret;
}

/*
 * The start of every socket call: our copy of the caller's socket (fd
 * argument 0) and its address (pointer argument AP, length argument LP),
 * then the check that the caller is still the one that asked. Returns
 * our fd, or the answer.
 */
static int net_begin(struct notif *n, int ap, int lp, struct net_addr *a)
{
	int sock, err;

	sock = tracee_getfd(n->req->pid, notif_fd_arg(n, 0));
	if (sock < 0)
		return sock;
	err = net_read_addr(n, notif_arg(n, ap), (uint32_t)notif_arg(n, lp), a);
	if (err == 0 && notify_id_valid(n->listener, n->req->id) < 0)
		err = -ESRCH;
	if (err < 0) {
		close(sock);
		return err;
	}
	return sock;
}

long hook_connect(struct notif *n)
{
	struct net_addr a;
	struct net_target t = { .pin = -1 };
	int sock AUTO_FD = net_begin(n, 1, 2, &a);
	long ret;
	int err = sock < 0 ? sock : net_decide_dest(n, "connect", sock, &a, &t);

	if (err < 0) {
		net_target_fini(&t);
		return err;
	}
	/*
	 * Non-blocking: EINPROGRESS as without syd. Blocking: the receiver
	 * role passes on while it waits, and the caller's signal ends the
	 * wait as it would end the caller's own (net_unblocked()).
	 */
	if (net_blocking(sock))
		notif_may_block(n);
	ret = connect(sock, &t.a.u.sa, t.a.len) < 0 ? -errno : 0;
	ret = net_unblocked(n, sock, ret);
	net_target_fini(&t);
	return ret;
}

long hook_bind(struct notif *n)
{
	struct net_addr a;
	int sock AUTO_FD = net_begin(n, 1, 2, &a);
	int family, err;
	long ret;

	if (sock < 0)
		return sock;
	family = addr_family(&a, sock, false);
	/* Autobind: the kernel picks an abstract name no rule can know. */
	if (family == AF_UNIX && a.len == sizeof(sa_family_t))
		return bind(sock, &a.u.sa, a.len) < 0 ? -errno : 0;
	if (family == AF_UNIX && long_enough(&a, family) &&
	    a.u.un.sun_path[0] != '\0')
		return unix_bind(n, sock, &a);
	if ((family == AF_INET || family == AF_INET6 || family == AF_UNIX) &&
	    long_enough(&a, family)) {
		struct net_addr d = a;

		d.u.sa.sa_family = (sa_family_t)family;
		err = decide_addr(n, "bind", CAT_NET_BIND, &d);
		if (err < 0)
			return err;
	}
	ret = bind(sock, &a.u.sa, a.len) < 0 ? -errno : 0;
	if (ret == 0 && n->sb->trace[TRACE_ALLOW_SAFE_BIND]) {
		if (family == AF_UNIX) {
			char text[ADDR_TEXT];

			addr_text(&a, text);
			safe_bind_unix(n, text);
		} else {
			safe_bind_inet(n, sock);
		}
	}
	return ret;
}
