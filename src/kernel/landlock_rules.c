/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Lock sandboxing: the allow/lock/ rules as one Landlock ruleset. It
 * handles every right the running ABI knows (SYD_LANDLOCK_ABI lowers it,
 * kernel/landlock.h), so what no rule allows is refused by the kernel.
 * The compatibility level decides what happens when the kernel knows
 * fewer rights than syd does. This file only builds and applies; the
 * rules are parsed in config/cmd_rules.c and never change after start.
 */
#include "kernel/landlock_rules.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/landlock.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "kernel/landlock.h"
#include "log.h"

/* Rights and structures newer than the headers of Debian 12 (ABI 2). */
#ifndef LANDLOCK_ACCESS_FS_TRUNCATE
#define LANDLOCK_ACCESS_FS_TRUNCATE (1ULL << 14)
#endif
#ifndef LANDLOCK_ACCESS_FS_IOCTL_DEV
#define LANDLOCK_ACCESS_FS_IOCTL_DEV (1ULL << 15)
#endif
#define LL_NET_BIND_TCP	   (1ULL << 0) /* LANDLOCK_ACCESS_NET_BIND_TCP */
#define LL_NET_CONNECT_TCP (1ULL << 1) /* LANDLOCK_ACCESS_NET_CONNECT_TCP */
#define LL_RULE_NET_PORT   2 /* LANDLOCK_RULE_NET_PORT */
#define LL_NET_ABI	   4 /* TCP bind and connect ports */

struct ll_ruleset_attr {
	uint64_t handled_access_fs;
	uint64_t handled_access_net;
	uint64_t scoped; /* ABI 6; zero here: scopes are kernel/landlock.c's */
};

struct ll_net_port_attr {
	uint64_t allowed_access;
	uint64_t port;
};

/*
 * Each right of syd-lock(1) and the Landlock right it stands for, with
 * the ABI that brought it. bind (a path) is the creation of a UNIX
 * socket there; bind and connect with ports are net rules.
 */
static const struct {
	uint64_t access;
	int abi;
} ll_map[LL_COUNT] = {
	[LL_READ] = { LANDLOCK_ACCESS_FS_READ_FILE, 1 },
	[LL_WRITE] = { LANDLOCK_ACCESS_FS_WRITE_FILE, 1 },
	[LL_EXEC] = { LANDLOCK_ACCESS_FS_EXECUTE, 1 },
	[LL_IOCTL] = { LANDLOCK_ACCESS_FS_IOCTL_DEV, 5 },
	[LL_CREATE] = { LANDLOCK_ACCESS_FS_MAKE_REG, 1 },
	[LL_DELETE] = { LANDLOCK_ACCESS_FS_REMOVE_FILE, 1 },
	[LL_RENAME] = { LANDLOCK_ACCESS_FS_REFER, 2 },
	[LL_SYMLINK] = { LANDLOCK_ACCESS_FS_MAKE_SYM, 1 },
	[LL_TRUNCATE] = { LANDLOCK_ACCESS_FS_TRUNCATE, 3 },
	[LL_READDIR] = { LANDLOCK_ACCESS_FS_READ_DIR, 1 },
	[LL_MKDIR] = { LANDLOCK_ACCESS_FS_MAKE_DIR, 1 },
	[LL_RMDIR] = { LANDLOCK_ACCESS_FS_REMOVE_DIR, 1 },
	[LL_MKBDEV] = { LANDLOCK_ACCESS_FS_MAKE_BLOCK, 1 },
	[LL_MKCDEV] = { LANDLOCK_ACCESS_FS_MAKE_CHAR, 1 },
	[LL_MKFIFO] = { LANDLOCK_ACCESS_FS_MAKE_FIFO, 1 },
	[LL_BIND] = { LANDLOCK_ACCESS_FS_MAKE_SOCK, 1 },
};

/* What Landlock lets a rule grant on a file that is not a directory. */
#define LL_FILE_ACCESS                                                         \
	(LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_WRITE_FILE |          \
	 LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_TRUNCATE |          \
	 LANDLOCK_ACCESS_FS_IOCTL_DEV)

/* What the ruleset handles, and whether it is applied at all. */
struct ll_plan {
	int abi;
	enum action level; /* kill, deny or warn: default/lock */
	uint64_t fs, net;
	bool apply;
};

/*
 * Do the allow/lock/bind (CONNECT false) or connect ports of SB cover
 * every port? Then that right need not be handled at all: the same
 * meaning, without 65536 rules for the kernel to add and look up.
 */
static bool ports_cover_all(const struct sandbox *sb, bool connect)
{
	uint8_t seen[65536 / 8] = { 0 };
	uint32_t n = 0;

	for (size_t i = 0; i < sb->ll_ports.n; i++) {
		const struct ll_ports *lp = vec_at(&sb->ll_ports, i);

		if (lp->connect != connect)
			continue;
		for (uint32_t port = lp->lo; port <= lp->hi; port++) {
			if (!(seen[port / 8] & (1u << (port % 8))))
				n++;
			seen[port / 8] |= (uint8_t)(1u << (port % 8));
		}
	}
	return n == 65536;
}

/*
 * Decide what the ruleset handles. With WHY, also say (in WHY, SIZE
 * bytes) what the kernel lacks; returns -EOPNOTSUPP when the level
 * (kill, a hard requirement) makes that fatal. Pure, apart from the ABI
 * probe: the child repeats it and must come to the same plan.
 */
static int ll_plan(const struct sandbox *sb, struct ll_plan *p, char *why,
		   size_t size)
{
	size_t n = 0;
	bool complete = true;

	*p = (struct ll_plan){ .abi = landlock_abi(),
			       .level = sb->dflt[CAT_LOCK] };
	if (!sandbox_enabled(sb, CAT_LOCK))
		return 0;
	for (int r = 0; r < LL_COUNT; r++)
		if (p->abi >= ll_map[r].abi) {
			p->fs |= ll_map[r].access;
		} else {
			complete = false;
			if (why && n < size)
				n += (size_t)snprintf(
					why + n, size - n, "%s%s (ABI %d)",
					n ? ", " : "",
					ll_right_name((enum ll_right)r),
					ll_map[r].abi);
		}
	if (p->abi >= LL_NET_ABI) {
		if (!ports_cover_all(sb, false))
			p->net |= LL_NET_BIND_TCP;
		if (!ports_cover_all(sb, true))
			p->net |= LL_NET_CONNECT_TCP;
	} else {
		complete = false;
		if (why && n < size)
			snprintf(why + n, size - n,
				 "%sbind and connect ports (ABI %d)",
				 n ? ", " : "", LL_NET_ABI);
	}
	/*
	 * Nothing missing: enforced as written. Otherwise the level says:
	 * kill refuses to run with less than asked, deny runs without
	 * Landlock (a ruleset enforced in part is not enforced, as with
	 * the landlock crate's SoftRequirement), warn enforces what the
	 * kernel knows.
	 */
	if (complete)
		p->apply = true;
	else if (p->level == ACTION_WARN)
		p->apply = p->abi > 0;
	else if (p->level != ACTION_DENY)
		return -EOPNOTSUPP; /* kill, or anything else: fail closed */
	return 0;
}

/* The Landlock rights of RIGHTS (1u << enum ll_right), as far as FS has. */
static uint64_t ll_access(uint32_t rights, uint64_t fs)
{
	uint64_t a = 0;

	for (int r = 0; r < LL_COUNT; r++)
		if (rights & (1u << r))
			a |= ll_map[r].access;
	return a & fs;
}

int landlock_rules_check(const struct sandbox *sb, char *why, size_t size)
{
	char missing[512] = "";
	struct ll_plan p;
	int err, fd;

	err = ll_plan(sb, &p, missing, sizeof(missing));
	if (!sandbox_enabled(sb, CAT_LOCK))
		return 0;
	if (err < 0) {
		if (p.abi == 0)
			snprintf(why, size,
				 "sandbox/lock:on: Landlock is not available "
				 "(off in this kernel, or SYD_LANDLOCK_ABI=0); "
				 "default/lock:kill makes it a hard "
				 "requirement, default/lock:warn runs without "
				 "it");
		else
			snprintf(why, size,
				 "sandbox/lock:on: this kernel's Landlock (ABI "
				 "%d) cannot enforce %s; default/lock:kill "
				 "makes every right a hard requirement, "
				 "default/lock:warn enforces the rest",
				 p.abi, missing);
		return err;
	}
	if (!p.apply) {
		log_msg(LOG_WARN,
			"sandbox/lock:on not enforced (default/lock:%s): "
			"Landlock ABI %d lacks %s",
			action_name(p.level), p.abi,
			p.abi ? missing : "everything");
		return 0;
	}
	if (*missing)
		log_msg(LOG_WARN,
			"sandbox/lock:on enforced in part (default/lock:warn): "
			"Landlock ABI %d lacks %s",
			p.abi, missing);
	/*
	 * A path that cannot be opened is fatal unless the level is best
	 * effort (syd-lock(1): ENOENT). Said here, by the parent, in a
	 * message; the child opens each path again in its own view.
	 */
	for (size_t i = 0; i < sb->ll_paths.n; i++) {
		const struct ll_path *lp = vec_at(&sb->ll_paths, i);

		fd = open(lp->path, O_PATH | O_CLOEXEC);
		if (fd >= 0) {
			close(fd);
			continue;
		}
		err = -errno;
		if (p.level != ACTION_WARN) {
			snprintf(why, size,
				 "allow/lock/ path %s: %s (default/lock:warn "
				 "skips such rules)",
				 lp->path, strerror(-err));
			return err;
		}
		log_msg(LOG_WARN, "allow/lock/ path %s skipped: %s", lp->path,
			strerror(-err));
	}
	return 0;
}

/* Add the rule for allow/lock/RIGHTS+PATH to RULESET, if it grants any. */
static int add_path(int ruleset, const struct ll_path *lp,
		    const struct ll_plan *p)
{
	struct landlock_path_beneath_attr pb = { 0 };
	struct stat st;
	int err = 0;

	/*
	 * O_PATH: a handle on the inode, which the rule is tied to; the
	 * name is resolved once, here, and never again.
	 */
	pb.parent_fd = open(lp->path, O_PATH | O_CLOEXEC);
	if (pb.parent_fd < 0)
		return p->level == ACTION_WARN ? 0 : -errno;
	pb.allowed_access = ll_access(lp->rights, p->fs);
	/* Directory rights mean nothing on a file; Landlock says EINVAL. */
	if (fstat(pb.parent_fd, &st) < 0)
		err = -errno;
	else if (!S_ISDIR(st.st_mode))
		pb.allowed_access &= LL_FILE_ACCESS;
	if (!err && pb.allowed_access &&
	    syscall(__NR_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH,
		    &pb, 0) < 0)
		err = -errno;
	close(pb.parent_fd);
	return err;
}

/* One rule per port: Landlock knows no ranges. */
static int add_ports(int ruleset, const struct ll_ports *lp,
		     const struct ll_plan *p)
{
	struct ll_net_port_attr np = { 0 };

	np.allowed_access = lp->connect ? LL_NET_CONNECT_TCP : LL_NET_BIND_TCP;
	if (!(np.allowed_access & p->net))
		return 0; /* not handled: every port is allowed */
	for (uint32_t port = lp->lo; port <= lp->hi; port++) {
		np.port = port;
		if (syscall(__NR_landlock_add_rule, ruleset, LL_RULE_NET_PORT,
			    &np, 0) < 0)
			return -errno;
	}
	return 0;
}

/*
 * syd's own layer reads /proc of the processes it supervises (their
 * memory, status, links), which the rules of the sandbox need not allow.
 */
static int add_proc(int ruleset, const struct ll_plan *p)
{
	struct ll_path proc = { "/proc", 1u << LL_READ | 1u << LL_READDIR };

	return add_path(ruleset, &proc, p);
}

int landlock_rules_apply(const struct sandbox *sb, bool syd)
{
	struct ll_ruleset_attr attr = { 0 };
	struct ll_plan p;
	int err, fd;

	err = ll_plan(sb, &p, NULL, 0);
	if (err < 0 || !p.apply)
		return err;
	attr.handled_access_fs = p.fs;
	attr.handled_access_net = p.net;
	/*
	 * A kernel older than the structure takes it as long as what it
	 * does not know is zero (scoped always is; net is below ABI 4).
	 */
	fd = (int)syscall(__NR_landlock_create_ruleset, &attr, sizeof(attr), 0);
	if (fd < 0)
		return -errno;
	if (syd)
		err = add_proc(fd, &p);
	for (size_t i = 0; !err && i < sb->ll_paths.n; i++)
		err = add_path(fd, vec_at(&sb->ll_paths, i), &p);
	for (size_t i = 0; !err && i < sb->ll_ports.n; i++)
		err = add_ports(fd, vec_at(&sb->ll_ports, i), &p);
	if (!err && syscall(__NR_landlock_restrict_self, fd, 0) < 0)
		err = -errno;
	close(fd);
	return err;
}
