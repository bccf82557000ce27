/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Built-in profiles: named command lists in Syd's language, printed by
 * syd-cat -p NAME and applied by -p NAME or include_profile NAME. They are
 * plain text on purpose, so what a profile does is exactly what syd-cat
 * shows. Rules are ordered broad first, exceptions last: the last matching
 * rule wins.
 */
#include <string.h>

#include "config/config.h"

/* Read-only access categories, as a comma list used below. */
#define RO "stat,walk,list,read,readdir,readlink,chdir"

static const char linux_text[] =
	"# What any dynamically linked Linux program needs: the system\n"
	"# directories read-only, its loader and libraries, locale and name\n"
	"# service files, the standard devices and its own /proc entries.\n"
	"allow/stat,walk,list,readdir,chdir+/\n"
	"allow/" RO "+/usr/***\n"
	"allow/" RO "+/bin/***\n"
	"allow/" RO "+/sbin/***\n"
	"allow/" RO "+/lib/***\n"
	"allow/" RO "+/lib64/***\n"
	"allow/" RO "+/lib32/***\n"
	"allow/" RO "+/etc/***\n"
	"allow/" RO "+/opt/***\n"
	"allow/" RO "+/var/lib/***\n"
	"allow/exec+/usr/bin/*\n"
	"allow/exec+/usr/sbin/*\n"
	"allow/exec+/usr/lib/**\n"
	"allow/exec+/usr/libexec/**\n"
	"allow/exec+/usr/local/bin/*\n"
	"allow/exec+/bin/*\n"
	"allow/exec+/sbin/*\n"
	"allow/exec+/lib/**\n"
	"allow/exec+/lib64/**\n"
	"# Devices every program may use.\n"
	"allow/stat,walk,list,readdir,chdir+/dev\n"
	"allow/stat,walk,readlink+/dev/fd\n"
	"allow/stat,walk,readlink+/dev/std*\n"
	"allow/stat,read,write,truncate+/dev/null\n"
	"allow/stat,read,write,truncate+/dev/zero\n"
	"allow/stat,read,write,truncate+/dev/full\n"
	"allow/stat,read+/dev/random\n"
	"allow/stat,read+/dev/urandom\n"
	"allow/stat,walk,list,readdir+/dev/shm\n"
	"# The process's own /proc entries, and the system-wide ones\n"
	"# programs read to size themselves.\n"
	"allow/stat,walk,list,readdir,chdir+/proc\n"
	"allow/" RO "+/proc/self/***\n"
	"allow/" RO "+/proc/thread-self/***\n"
	"allow/stat,walk,read+/proc/cpuinfo\n"
	"allow/stat,walk,read+/proc/meminfo\n"
	"allow/stat,walk,read+/proc/stat\n"
	"allow/stat,walk,read+/proc/loadavg\n"
	"allow/stat,walk,read+/proc/filesystems\n"
	"allow/stat,walk,read+/proc/sys/kernel/*\n"
	"allow/stat,walk,read+/proc/sys/vm/overcommit_memory\n"
	"allow/" RO "+/sys/devices/system/cpu/***\n"
	"# Memory files (memfd_create) are the process's own: named\n"
	"# /memfd:NAME, never executable.\n"
	"allow/stat,read,write,truncate+/memfd:**\n"
	"allow/stat,walk+/sys\n"
	"allow/stat,walk+/sys/devices\n"
	"allow/stat,walk+/sys/devices/system\n"
	"# Secrets under /etc stay hidden.\n"
	"deny/" RO "+/etc/shadow*\n"
	"deny/" RO "+/etc/gshadow*\n"
	"deny/" RO "+/etc/sudoers\n"
	"deny/" RO "+/etc/sudoers.d/***\n"
	"deny/" RO "+/etc/ssh/ssh_host_*key\n"
	"deny/" RO "+/etc/ssl/private/***\n";

static const char tty_text[] =
	"# The controlling terminal and pseudo-terminals.\n"
	"allow/stat,read,write,ioctl+/dev/tty\n"
	"allow/stat,read,write,ioctl+/dev/ptmx\n"
	"allow/stat,walk,list,readdir+/dev/pts\n"
	"allow/stat,read,write,ioctl+/dev/pts/[0-9]*\n"
	"allow/stat,read,write,ioctl+/dev/console\n";

static const char paludis_text[] =
	"# Package builds: read the system, write only the build tree (the\n"
	"# working directory syd starts in) and the temporary directories,\n"
	"# no network.\n"
	"include_profile linux\n"
	"include_profile tty\n"
	"allow/" RO "+/***\n"
	"allow/exec+/usr/***\n"
	"allow/all+${SYD_PWD}/***\n"
	"allow/all+/tmp/***\n"
	"allow/all+/var/tmp/***\n"
	"allow/all+/dev/shm/***\n"
	"deny/" RO "+/etc/shadow*\n"
	"deny/" RO "+/etc/gshadow*\n"
	"deny/" RO "+/etc/ssh/ssh_host_*key\n"
	"deny/" RO "+/etc/ssl/private/***\n";

static const char user_text[] =
	"# Interactive use: the system read-only, the home directory\n"
	"# writable, secrets in it hidden.\n"
	"include_profile linux\n"
	"include_profile tty\n"
	"allow/" RO "+/***\n"
	"allow/exec+/usr/***\n"
	"allow/all+${SYD_HOME}/***\n"
	"allow/all+/tmp/***\n"
	"allow/all+/var/tmp/***\n"
	"allow/all+/run/user/${SYD_UID}/***\n"
	"# POSIX shared memory and semaphores (shm_open, sem_open).\n"
	"allow/all+/dev/shm/***\n"
	"deny/all+${SYD_HOME}/.ssh/***\n"
	"deny/all+${SYD_HOME}/.gnupg/***\n"
	"deny/all+${SYD_HOME}/.aws/***\n"
	"deny/" RO "+/etc/shadow*\n"
	"deny/" RO "+/etc/gshadow*\n"
	"allow/net/connect+loopback!0-65535\n"
	"allow/net/bind+loopback!0-65535\n";

static const char agent_text[] =
	"# AI coding agents: read broadly, never touch secrets, write only\n"
	"# the working directory, reach only loopback, and no way back out.\n"
	"include_profile linux\n"
	"include_profile tty\n"
	"allow/" RO "+/***\n"
	"allow/exec+/usr/***\n"
	"allow/all+${SYD_PWD}/***\n"
	"deny/all+${SYD_HOME}/.ssh/***\n"
	"deny/all+${SYD_HOME}/.gnupg/***\n"
	"deny/all+${SYD_HOME}/.aws/***\n"
	"deny/all+${SYD_HOME}/.config/gh/***\n"
	"deny/all+/**/.env*\n"
	"deny/" RO "+/etc/shadow*\n"
	"deny/" RO "+/etc/gshadow*\n"
	"deny/write,create,delete,rename,truncate,symlink,mkdir,rmdir,chmod,"
	"chown,chgrp,chattr,utime+/**/.git/hooks/***\n"
	"deny/write,create,delete,rename,truncate,symlink,chmod,chown,chgrp,"
	"chattr,utime+/**/.git/config\n"
	"allow/net/connect+loopback!0-65535\n"
	"allow/net/bind+loopback!0-65535\n"
	"lock:on\n";

static const struct profile profiles[] = {
	{ "off", "turn all sandboxing off", "sandbox/all:off\n" },
	{ "lib", "everything off and unlocked, for programmatic set-up",
	  "sandbox/all:off\nlock:off\n" },
	{ "linux", "what any dynamically linked program needs", linux_text },
	{ "tty", "the terminal devices", tty_text },
	{ "paludis", "package builds: write only the build tree and /tmp",
	  paludis_text },
	{ "user", "interactive use: home writable, secrets denied", user_text },
	{ "agent", "AI coding agents: workspace writable, secrets hidden",
	  agent_text },
	{ "trace", "allow everything, log everything (learning mode)",
	  "sandbox/all:on\ndefault/all:warn\n" },
	{ "silent", "deny without logging", "default/all:filter\n" },
	{ "quiet", "the same as silent", "default/all:filter\n" },
	{ "noipv4", "no IPv4 networking",
	  "deny/net/bind,net/connect+any4!0-65535\n" },
	{ "noipv6", "no IPv6 networking",
	  "deny/net/bind,net/connect+any6!0-65535\n" },
	{ "nomem", "allow W^X memory for JIT compilers",
	  "trace/allow_unsafe_memory:1\n" },
	{ "nopie", "allow non-PIE executables", "trace/allow_unsafe_nopie:1\n" },
	{ "container", "unshare every namespace",
	  "unshare/mount,uts,ipc,user,pid,net,cgroup,time:1\n" },
	{ "immutable", "container with the system mounted read-only",
	  "include_profile container\n"
	  "bind+/usr:/usr:ro,nodev\n"
	  "bind+/etc:/etc:ro,nodev,nosuid\n"
	  "bind+tmpfs:/tmp:nodev,nosuid\n"
	  "bind+tmpfs:/dev/shm:nodev,nosuid,noexec\n" },
	{ "landlock", "Landlock: system read-only, temporary dirs writable",
	  "sandbox/lock:on\n"
	  "allow/lock/read,readdir,exec+/usr\n"
	  "allow/lock/read,readdir,exec+/bin\n"
	  "allow/lock/read,readdir,exec+/lib\n"
	  "allow/lock/read,readdir+/etc\n"
	  "allow/lock/read,readdir+/proc\n"
	  "allow/lock/read,write,ioctl+/dev/null\n"
	  "allow/lock/all+/tmp\n"
	  "allow/lock/all+/var/tmp\n" },
	{ NULL, NULL, NULL },
};

const struct profile *profile_find(const char *name)
{
	for (const struct profile *p = profiles; p->name; p++)
		if (!strcmp(p->name, name))
			return p;
	return NULL;
}

const struct profile *profile_list(void)
{
	return profiles;
}
