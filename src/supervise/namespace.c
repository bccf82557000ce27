/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * unshare/NAMES, bind+SRC:DST:OPTS, root:DIR, name/host, name/domain.
 *
 * syd decides every hooked call by the path the caller names and then
 * resolves and opens that path itself, in its own mount namespace, and it
 * reads /proc/PID of callers by the pids the kernel reports to it. Were
 * the sandbox given mounts syd did not see, syd would decide on one object
 * and open another. So syd does not set up namespaces for the command
 * alone: it moves itself into them, here, while it is still one thread
 * (unshare(2) refuses CLONE_NEWUSER and CLONE_NEWNS to a process whose
 * threads share its fs state), makes the mounts, and only then forks the
 * command, which inherits the same mount, UTS, IPC, network, user and
 * cgroup namespaces (and the time namespace, which only children enter).
 * Path rules thus match the path as the sandbox sees it (a bind's
 * target), and what syd opens is what the caller named.
 *
 * unshare/pid is refused: the sandbox would need a /proc of its own pid
 * namespace, and, sharing syd's mount namespace, syd would see that /proc
 * too, whose numbers are not the pids seccomp and ptrace report to syd;
 * keeping syd's /proc instead would show the sandbox other processes'
 * entries under its own pids. Neither is consistent, so syd refuses.
 *
 * Every failure here ends syd before the command exists. All that was
 * applied lives in namespaces syd created and nothing else holds, so it
 * goes with syd: nothing is left half-applied on the host.
 */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "kernel/caps.h"
#include "sandbox.h"
#include "supervise/namespace.h"

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

static const struct {
	uint32_t bit;
	int flag;
	const char *name;
} ns_table[] = {
	{ NS_MOUNT, CLONE_NEWNS, "mount" },
	{ NS_UTS, CLONE_NEWUTS, "uts" },
	{ NS_IPC, CLONE_NEWIPC, "ipc" },
	{ NS_USER, CLONE_NEWUSER, "user" },
	{ NS_PID, CLONE_NEWPID, "pid" },
	{ NS_NET, CLONE_NEWNET, "net" },
	{ NS_CGROUP, CLONE_NEWCGROUP, "cgroup" },
	{ NS_TIME, CLONE_NEWTIME, "time" },
};

/* "mount,uts" for the bits in SET, for messages. */
static void ns_names(uint32_t set, char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < sizeof(ns_table) / sizeof(ns_table[0]); i++)
		if ((set & ns_table[i].bit) && len < size)
			len += (size_t)snprintf(buf + len, size - len, "%s%s",
						len ? "," : "",
						ns_table[i].name);
}

static int write_file(const char *path, const char *text)
{
	size_t len = strlen(text);
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, text, len);
	if (n < 0)
		n = -errno;
	close(fd);
	return n < 0 ? (int)n : (size_t)n == len ? 0 : -EIO;
}

/*
 * Why the kernel refuses a user namespace, as the knob or limit an
 * administrator would look at.
 */
static const char *userns_reason(int err)
{
	switch (err) {
	case ENOSPC:
		return "the limit of user namespaces is reached "
		       "(sysctl user.max_user_namespaces)";
	case EPERM:
	case EACCES:
		return "the kernel refuses this user one (e.g. "
		       "kernel.unprivileged_userns_clone=0, an LSM policy, or "
		       "a container's seccomp filter)";
	case EUSERS:
		return "user namespaces are nested too deeply";
	default:
		return strerror(err);
	}
}

/*
 * A new user namespace where syd's ids map to themselves: the sandbox
 * runs as the same user, with no capabilities once it execs, while syd
 * holds those it needs below to mount and name, and drops them after.
 */
static int enter_userns(char *why, size_t size)
{
	uid_t uid = geteuid();
	gid_t gid = getegid();
	char map[64];
	int err;

	if (unshare(CLONE_NEWUSER) < 0) {
		err = errno;
		snprintf(why, size,
			 "unshare/user: cannot create a user namespace: %s",
			 userns_reason(err));
		return -err;
	}
	/* An unprivileged writer of gid_map must give up setgroups(2). */
	err = write_file("/proc/self/setgroups", "deny");
	if (err == 0) {
		snprintf(map, sizeof(map), "%u %u 1\n", uid, uid);
		err = write_file("/proc/self/uid_map", map);
	}
	if (err == 0) {
		snprintf(map, sizeof(map), "%u %u 1\n", gid, gid);
		err = write_file("/proc/self/gid_map", map);
	}
	if (err < 0)
		snprintf(why, size, "unshare/user: cannot map ids: %s",
			 strerror(-err));
	return err;
}

struct mnt_opts {
	unsigned long ms; /* mount(2) flags, for a new file system */
	uint64_t set, clr; /* mount_setattr(2), for a bind */
	char data[256]; /* key=value items, for a new file system */
};

/* OPTS, the comma list the parser accepted (config/cmd_lists.c). */
static int parse_opts(const char *opts, struct mnt_opts *o)
{
	static const struct {
		const char *name;
		unsigned long ms;
		uint64_t set, clr;
	} table[] = {
		{ "ro", MS_RDONLY, MOUNT_ATTR_RDONLY, 0 },
		{ "rw", 0, 0, MOUNT_ATTR_RDONLY },
		{ "noexec", MS_NOEXEC, MOUNT_ATTR_NOEXEC, 0 },
		{ "exec", 0, 0, MOUNT_ATTR_NOEXEC },
		{ "nosuid", MS_NOSUID, MOUNT_ATTR_NOSUID, 0 },
		{ "suid", 0, 0, MOUNT_ATTR_NOSUID },
		{ "nodev", MS_NODEV, MOUNT_ATTR_NODEV, 0 },
		{ "dev", 0, 0, MOUNT_ATTR_NODEV },
		{ "nosymfollow", MS_NOSYMFOLLOW, MOUNT_ATTR_NOSYMFOLLOW, 0 },
		{ "noatime", MS_NOATIME, MOUNT_ATTR_NOATIME,
		  MOUNT_ATTR__ATIME },
		{ "relatime", MS_RELATIME, MOUNT_ATTR_RELATIME,
		  MOUNT_ATTR__ATIME },
		{ "strictatime", MS_STRICTATIME, MOUNT_ATTR_STRICTATIME,
		  MOUNT_ATTR__ATIME },
		{ "nodiratime", MS_NODIRATIME, MOUNT_ATTR_NODIRATIME, 0 },
	};
	const char *p = opts;
	size_t dlen = 0;

	memset(o, 0, sizeof(*o));
	while (p && *p) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		size_t i;

		for (i = 0; i < sizeof(table) / sizeof(table[0]); i++)
			if (strlen(table[i].name) == len &&
			    !memcmp(table[i].name, p, len))
				break;
		if (i < sizeof(table) / sizeof(table[0])) {
			/* the later of two opposite options wins */
			o->ms |= table[i].ms;
			o->set = (o->set & ~table[i].clr) | table[i].set;
			o->clr = (o->clr & ~table[i].set) | table[i].clr;
		} else if (len) {
			/* key=value: given to the file system as it is */
			if (dlen + len + 2 > sizeof(o->data))
				return -E2BIG;
			dlen += (size_t)snprintf(
				o->data + dlen, sizeof(o->data) - dlen,
				"%s%.*s", dlen ? "," : "", (int)len, p);
		}
		p = end ? end + 1 : NULL;
	}
	return 0;
}

/*
 * bind+SRC:DST:OPTS. SRC an absolute path: a recursive bind of it on DST,
 * then the options as mount attributes, which only add restrictions the
 * kernel may refuse to lift (a locked nosuid stays). SRC a file-system
 * type (tmpfs): a new one of it on DST. DST must exist: syd creates
 * nothing on the host for a mount that lives only in its namespace.
 * With root:DIR, DST names a path under DIR, as the sandbox will see it.
 */
static int apply_bind(const struct bind_entry *bd, const char *root, char *why,
		      size_t size)
{
	char target[4096];
	struct mnt_opts o;
	struct stat st;
	int err;

	if ((size_t)snprintf(target, sizeof(target), "%s%s", root ? root : "",
			     bd->dst) >= sizeof(target)) {
		snprintf(why, size, "bind+%s:%s: target path too long", bd->src,
			 bd->dst);
		return -ENAMETOOLONG;
	}
	if (parse_opts(bd->opts, &o) < 0) {
		snprintf(why, size, "bind+%s:%s: options too long", bd->src,
			 bd->dst);
		return -E2BIG;
	}
	if (bd->src[0] == '/' && stat(bd->src, &st) < 0) {
		err = errno;
		snprintf(why, size, "bind+%s:%s: source %s: %s", bd->src,
			 bd->dst, bd->src, strerror(err));
		return -err;
	}
	if (stat(target, &st) < 0) {
		err = errno;
		snprintf(why, size,
			 "bind+%s:%s: target %s: %s (syd does not create it)",
			 bd->src, bd->dst, target, strerror(err));
		return -err;
	}
	if (bd->src[0] != '/') {
		if (mount(bd->src, target, bd->src, o.ms,
			  o.data[0] ? o.data : NULL) == 0)
			return 0;
		err = errno;
		snprintf(why, size, "bind+%s:%s: cannot mount %s on %s: %s",
			 bd->src, bd->dst, bd->src, target, strerror(err));
		return -err;
	}
	if (o.data[0]) {
		snprintf(why, size,
			 "bind+%s:%s: '%s' is for a new file system (such as "
			 "tmpfs), not for a bind of a path",
			 bd->src, bd->dst, o.data);
		return -EINVAL;
	}
	if (mount(bd->src, target, NULL, MS_BIND | MS_REC, NULL) < 0) {
		err = errno;
		snprintf(why, size, "bind+%s:%s: cannot bind %s on %s: %s",
			 bd->src, bd->dst, bd->src, target, strerror(err));
		return -err;
	}
	if (o.set || o.clr) {
		struct mount_attr attr = { .attr_set = o.set,
					   .attr_clr = o.clr };

		if (mount_setattr(AT_FDCWD, target, AT_RECURSIVE, &attr,
				  sizeof(attr)) < 0) {
			err = errno;
			snprintf(why, size,
				 "bind+%s:%s: cannot apply '%s' to %s: %s",
				 bd->src, bd->dst, bd->opts, target,
				 strerror(err));
			return -err;
		}
	}
	return 0;
}

/*
 * root:DIR, after the binds (which DIR holds). syd's /proc, bound on
 * DIR/proc, keeps each /proc/PID syd reads the one of the pid the kernel
 * reports; pivot_root(2) moves syd and, through fork, the command into
 * DIR, and the old root is detached so that nothing reaches it by path.
 */
static int enter_root(const char *root, char *why, size_t size)
{
	char proc[4096];
	struct stat st;
	int err;

	if ((size_t)snprintf(proc, sizeof(proc), "%s/proc", root) >=
	    sizeof(proc)) {
		snprintf(why, size, "root:%s: path too long", root);
		return -ENAMETOOLONG;
	}
	if (stat(proc, &st) < 0 || !S_ISDIR(st.st_mode)) {
		snprintf(why, size,
			 "root:%s: %s must be a directory: syd mounts its "
			 "/proc there, which it reads for every process of "
			 "the sandbox",
			 root, proc);
		return -ENOTDIR;
	}
	if (mount("/proc", proc, NULL, MS_BIND | MS_REC, NULL) < 0)
		goto fail;
	if (chdir(root) < 0)
		goto fail;
	/* The old root lands on top of the new one at "." and is detached. */
	if (syscall(SYS_pivot_root, ".", ".") < 0)
		goto fail;
	if (umount2(".", MNT_DETACH) < 0)
		goto fail;
	if (chdir("/") < 0)
		goto fail;
	return 0;
fail:
	err = errno;
	snprintf(why, size, "root:%s: %s", root, strerror(err));
	return -err;
}

/* A new network namespace has only lo, and lo down: bring it up. */
static int lo_up(char *why, size_t size)
{
	struct ifreq ifr = { 0 };
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), err = 0;

	if (fd < 0)
		err = -errno;
	strncpy(ifr.ifr_name, "lo", sizeof(ifr.ifr_name) - 1);
	if (!err && ioctl(fd, SIOCGIFFLAGS, &ifr) < 0)
		err = -errno;
	ifr.ifr_flags |= IFF_UP;
	if (!err && ioctl(fd, SIOCSIFFLAGS, &ifr) < 0)
		err = -errno;
	if (fd >= 0)
		close(fd);
	if (err)
		snprintf(why, size, "unshare/net: cannot bring lo up: %s",
			 strerror(-err));
	return err;
}

/* What needs what, said before anything is changed. */
static int check(const struct sandbox *sb, char *why, size_t size)
{
	if (sb->unshare & NS_PID) {
		snprintf(why, size,
			 "unshare/pid is not supported: the sandbox would need "
			 "a /proc of its pid namespace, which syd, sharing its "
			 "mounts, would read by the pids the kernel reports "
			 "to syd, another namespace's numbers");
		return -EOPNOTSUPP;
	}
	/*
	 * In a user namespace that maps one id, files of every other owner
	 * read as the overflow id (65534): TPE, which trusts a directory by
	 * its owner, could tell neither root's nor the caller's apart.
	 */
	if ((sb->unshare & NS_USER) && sandbox_enabled(sb, CAT_TPE)) {
		snprintf(why, size,
			 "sandbox/tpe with unshare/user is refused: in the "
			 "user namespace a file's owner other than syd's own "
			 "id reads as 65534, so TPE could not tell who owns "
			 "a directory");
		return -EINVAL;
	}
	if (sb->binds.n && !(sb->unshare & NS_MOUNT)) {
		snprintf(why, size,
			 "bind needs unshare/mount:1 (syd mounts nothing in "
			 "the namespace it was started in)");
		return -EINVAL;
	}
	if (sb->root && !(sb->unshare & NS_MOUNT)) {
		snprintf(why, size, "root:%s needs unshare/mount:1", sb->root);
		return -EINVAL;
	}
	if ((sb->hostname || sb->domainname) && !(sb->unshare & NS_UTS)) {
		snprintf(why, size,
			 "%s needs unshare/uts:1 (syd names no host but one "
			 "of its own)",
			 sb->hostname ? "name/host" : "name/domain");
		return -EINVAL;
	}
	return 0;
}

int namespace_setup(const struct sandbox *sb, char *why, size_t size)
{
	uint32_t rest = sb->unshare & ~(uint32_t)NS_USER;
	int flags = 0, err;
	char names[64], cwd[4096];

	if (!sb->unshare && !sb->binds.n && !sb->root && !sb->hostname &&
	    !sb->domainname)
		return 0;
	err = check(sb, why, size);
	if (err < 0)
		return err;
	if (sb->unshare & NS_USER) {
		err = enter_userns(why, size);
		if (err < 0)
			return err;
	}
	for (size_t i = 0; i < sizeof(ns_table) / sizeof(ns_table[0]); i++)
		if (rest & ns_table[i].bit)
			flags |= ns_table[i].flag;
	if (flags && unshare(flags) < 0) {
		err = errno;
		ns_names(rest, names, sizeof(names));
		if (err == EPERM && !(sb->unshare & NS_USER))
			snprintf(why, size,
				 "unshare/%s: %s: syd lacks CAP_SYS_ADMIN; "
				 "unshare/user:1 gives it that in a user "
				 "namespace of its own, where the kernel "
				 "allows one",
				 names, strerror(err));
		else
			snprintf(why, size, "unshare/%s: %s", names,
				 strerror(err));
		return -err;
	}
	if (sb->unshare & NS_MOUNT) {
		/* No mount of ours may propagate back to the host. */
		if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0) {
			err = errno;
			snprintf(why, size,
				 "unshare/mount: cannot make / private: %s",
				 strerror(err));
			return -err;
		}
		/* DIR a mount point of its own, which pivot_root(2) needs. */
		if (sb->root && mount(sb->root, sb->root, NULL,
				      MS_BIND | MS_REC, NULL) < 0) {
			err = errno;
			snprintf(why, size, "root:%s: %s", sb->root,
				 strerror(err));
			return -err;
		}
		for (size_t i = 0; i < sb->binds.n; i++) {
			err = apply_bind(vec_at(&sb->binds, i), sb->root, why,
					 size);
			if (err < 0)
				return err;
		}
		if (sb->root && (err = enter_root(sb->root, why, size)) < 0)
			return err;
		/*
		 * A bind over the directory syd started in: the command
		 * starts in what that path names now, as after a cd, not in
		 * the directory the mount hides. Failing, it stays where it
		 * was, which syd and the command still share.
		 */
		if (!sb->root && getcwd(cwd, sizeof(cwd)))
			(void)!chdir(cwd);
	}
	if (sb->hostname &&
	    sethostname(sb->hostname, strlen(sb->hostname)) < 0) {
		err = errno;
		snprintf(why, size, "name/host:%s: %s", sb->hostname,
			 strerror(err));
		return -err;
	}
	if (sb->domainname &&
	    setdomainname(sb->domainname, strlen(sb->domainname)) < 0) {
		err = errno;
		snprintf(why, size, "name/domain:%s: %s", sb->domainname,
			 strerror(err));
		return -err;
	}
	if ((sb->unshare & NS_NET) && (err = lo_up(why, size)) < 0)
		return err;
	/*
	 * The capabilities the user namespace gave syd were for the above.
	 * Kept, syd would open files for callers with CAP_DAC_OVERRIDE and
	 * the like over what its ids map to: lending what callers lack.
	 */
	if (sb->unshare & NS_USER) {
		err = prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) <
				      0
			      ? -errno
			      : caps_set_effective(0, 0);
		if (err < 0) {
			snprintf(why, size,
				 "unshare/user: cannot drop capabilities: %s",
				 strerror(-err));
			return err;
		}
	}
	return 0;
}
