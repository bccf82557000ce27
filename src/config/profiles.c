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

/*
 * What a secrets rule refuses: every category that reads, changes, creates
 * or removes the object. The categories that only look at a name (stat,
 * walk, list, readlink, chdir, chroot) are left as the including profile
 * has them, so a secret is refused with EACCES and never hidden: programs
 * that check for /etc/shadow or a host key keep working, and hiding would
 * make every stat-family call a round trip to syd (DESIGN.md, performance).
 */
#define SECRET                                                                 \
	"read,readdir,write,exec,ioctl,create,delete,rename,symlink,"          \
	"truncate,mkdir,rmdir,chown,chgrp,chmod,chattr,notify,utime,"          \
	"mkbdev,mkcdev,mkfifo,mktemp,net/bind,net/connect"
#define DENY_SECRET(pat) "deny/" SECRET "+" pat "\n"

/*
 * The credential stores of a Debian system, refused by one block that every
 * profile reading broadly (linux, paludis, user, agent) includes after its
 * last allow rule: no broad allow earlier in the same profile reopens them,
 * a user's own later rule does (the last matching rule wins).
 * tests/secrets.list holds a path for each pattern, and the paths next to
 * them that must stay readable; test_config checks the two agree.
 *
 * The block refuses by name. A process allowed to rename a directory above
 * a secret (/etc/ssl, /home/alice) could move it to a name the block does
 * not list; no shipped profile allows that unless paludis or agent is
 * started in such a directory (it is then their writable work tree).
 *
 * Looked at and left out, with the reason:
 * - /etc/machine-id, /var/lib/dbus/machine-id: an identifier, not a
 *   credential; world-readable on purpose, D-Bus and systemd read it.
 * - /etc/passwd, /etc/group, /etc/subuid, /etc/subgid: public account data
 *   every program resolving a name reads; the hashes are in shadow.
 * - /root and other homes as a whole: HOME of the user and agent profiles
 *   when run as root. Only the key stores every home may hold (.ssh,
 *   .gnupg) are listed; other per-user tokens (~/.aws, ~/.config/gh,
 *   Kerberos caches in /tmp/krb5cc_*) are the running user's own, for the
 *   home rules of user and agent.
 * - /var/lib/sss/mc and /var/lib/sss/pipes: the NSS memory cache and socket
 *   every name lookup uses on SSSD systems; only its databases are listed.
 * - Database directories (/var/lib/mysql, /var/lib/postgresql, /var/lib/ldap,
 *   /etc/ldap/slapd.d): password hashes among the daemons' data, in 0700
 *   trees of their own users; the block lists stores whose whole purpose is
 *   a credential.
 * - /etc/cups/printers.conf, /var/log/btmp, /var/log/auth.log: may hold a
 *   password by accident, but are configuration and logs, not stores.
 * - /proc/PID/{mem,environ,...} of other processes: the sandbox's own
 *   /proc checks refuse them for every policy (issue 11), not a profile.
 *
 * One literal with one rule a line, so that syd-cat prints the block as
 * written. It is longer than the 4095 bytes C requires every compiler to
 * accept, which -Wpedantic warns about; GCC and clang, which this project
 * builds with, take any length.
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverlength-strings"
/* clang-format off */
static const char secrets_text[] =
	"# The system's credential stores: refused for reading, writing,\n"
	"# creating and removing, visible to stat (EACCES, not hidden).\n"
	"# Password hashes, their backups and old passwords (pam_pwhistory).\n"
	DENY_SECRET("/etc/shadow*")
	DENY_SECRET("/etc/gshadow*")
	DENY_SECRET("/etc/security/opasswd*")
	DENY_SECRET("/var/backups/shadow.bak*")
	DENY_SECRET("/var/backups/gshadow.bak*")
	"# Who may become root; sudo's record of a recent password.\n"
	DENY_SECRET("/etc/sudoers")
	DENY_SECRET("/etc/sudoers.d/***")
	DENY_SECRET("/etc/doas.conf")
	DENY_SECRET("/run/sudo/***")
	"# Private host keys (the .pub files stay readable).\n"
	DENY_SECRET("/etc/ssh/ssh_host_*key")
	DENY_SECRET("/etc/dropbear/**/*_host_key")
	DENY_SECRET("/etc/ssl/private/***")
	DENY_SECRET("/etc/letsencrypt/keys/***")
	DENY_SECRET("/etc/letsencrypt/accounts/***")
	DENY_SECRET("/etc/letsencrypt/archive/**/privkey*")
	DENY_SECRET("/etc/ipsec.secrets")
	DENY_SECRET("/etc/ipsec.d/private/***")
	DENY_SECRET("/etc/swanctl/private/***")
	DENY_SECRET("/etc/openvpn/**/*.key")
	DENY_SECRET("/etc/wireguard/***")
	DENY_SECRET("/etc/dovecot/private/***")
	DENY_SECRET("/etc/cups/ssl/***")
	"# Kerberos keytabs and KDC, LDAP bind passwords, SSSD, Samba.\n"
	DENY_SECRET("/etc/**/*.keytab")
	DENY_SECRET("/etc/krb5kdc/***")
	DENY_SECRET("/var/lib/krb5kdc/***")
	DENY_SECRET("/etc/*.secret")
	DENY_SECRET("/etc/nslcd.conf")
	DENY_SECRET("/etc/sssd/***")
	DENY_SECRET("/var/lib/sss/db/***")
	DENY_SECRET("/var/lib/sss/secrets/***")
	DENY_SECRET("/var/lib/samba/private/***")
	"# Wi-Fi, VPN and dial-up passwords.\n"
	DENY_SECRET("/etc/NetworkManager/system-connections/***")
	DENY_SECRET("/var/lib/iwd/***")
	DENY_SECRET("/etc/wpa_supplicant/*.conf")
	DENY_SECRET("/etc/ppp/*-secrets")
	"# Service passwords: Debian's MySQL maintenance account, databases\n"
	"# of packages, APT repositories, mail relays, rsync, libvirt.\n"
	DENY_SECRET("/etc/mysql/debian.cnf")
	DENY_SECRET("/etc/dbconfig-common/*.conf")
	DENY_SECRET("/etc/apt/auth.conf")
	DENY_SECRET("/etc/apt/auth.conf.d/***")
	DENY_SECRET("/etc/postfix/sasl_passwd*")
	DENY_SECRET("/etc/exim4/passwd*")
	DENY_SECRET("/etc/rsyncd.secrets")
	DENY_SECRET("/etc/libvirt/secrets/***")
	"# systemd credentials and their host key, disk encryption key\n"
	"# files, kernel module signing keys (DKMS, shim MOK).\n"
	DENY_SECRET("/etc/credstore/***")
	DENY_SECRET("/etc/credstore.encrypted/***")
	DENY_SECRET("/run/credstore/***")
	DENY_SECRET("/run/credstore.encrypted/***")
	DENY_SECRET("/run/credentials/***")
	DENY_SECRET("/var/lib/systemd/credential.secret")
	DENY_SECRET("/etc/cryptsetup-keys.d/***")
	DENY_SECRET("/etc/keys/***")
	DENY_SECRET("/var/lib/dkms/mok.key")
	DENY_SECRET("/var/lib/shim-signed/mok/*.priv")
	"# Every account's SSH and OpenPGP private keys.\n"
	DENY_SECRET("/root/.ssh/***")
	DENY_SECRET("/root/.gnupg/***")
	DENY_SECRET("/home/*/.ssh/***")
	DENY_SECRET("/home/*/.gnupg/***")
	"# The agents that sign with them, by their sockets: ssh-agent's\n"
	"# (its own directory in /tmp, or systemd's unit's), gpg-agent's,\n"
	"# GNOME Keyring's and gcr's, wherever a profile allows /tmp or the\n"
	"# runtime directory.\n"
	DENY_SECRET("/tmp/ssh-*/***")
	DENY_SECRET("/run/user/*/ssh-agent.socket")
	DENY_SECRET("/run/user/*/gnupg/***")
	DENY_SECRET("/run/user/*/keyring/***")
	DENY_SECRET("/run/user/*/gcr/***")
	"# The raw stores all of the above live on: memory, disks and\n"
	"# partitions, swap, and the TPM (it unseals disk keys for this boot).\n"
	DENY_SECRET("/dev/mem")
	DENY_SECRET("/dev/kmem")
	DENY_SECRET("/dev/port")
	DENY_SECRET("/proc/kcore")
	DENY_SECRET("/dev/sd[a-z]*")
	DENY_SECRET("/dev/vd[a-z]*")
	DENY_SECRET("/dev/xvd[a-z]*")
	DENY_SECRET("/dev/hd[a-z]*")
	DENY_SECRET("/dev/nvme[0-9]*")
	DENY_SECRET("/dev/mmcblk[0-9]*")
	DENY_SECRET("/dev/dm-[0-9]*")
	DENY_SECRET("/dev/mapper/***")
	DENY_SECRET("/dev/md[0-9]*")
	DENY_SECRET("/dev/loop[0-9]*")
	DENY_SECRET("/dev/nbd[0-9]*")
	DENY_SECRET("/dev/zram[0-9]*")
	DENY_SECRET("/dev/sr[0-9]*")
	DENY_SECRET("/dev/sg[0-9]*")
	DENY_SECRET("/swapfile")
	DENY_SECRET("/swap.img")
	DENY_SECRET("/dev/tpm[0-9]*")
	DENY_SECRET("/dev/tpmrm[0-9]*")
	/* What is typed and shown on the console: passwords among it. */
	DENY_SECRET("/dev/input/***")
	DENY_SECRET("/dev/uinput")
	DENY_SECRET("/dev/vcs*")
	/* The answers given to debconf at install time, passwords too. */
	DENY_SECRET("/var/cache/debconf/passwords.dat")
	/*
	 * A device node made anywhere is each device above under a name no
	 * rule lists (mknod b 7 0 is /dev/loop0, c 1 1 is /dev/mem): none
	 * may be made, wherever writing is allowed.
	 */
	"deny/mkbdev,mkcdev+/***\n";
/* clang-format on */
#pragma GCC diagnostic pop

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
	"# The local services a C library uses by itself: syslog(3),\n"
	"# journald, nscd and systemd's user database (each answers\n"
	"# name lookups; without them glibc reads the files).\n"
	"allow/net/connect+/dev/log\n"
	"allow/net/connect+/run/systemd/journal/socket\n"
	"allow/net/connect+/run/systemd/journal/dev-log\n"
	"allow/net/connect+/run/nscd/socket\n"
	"allow/net/connect+/run/systemd/userdb/*\n"
	"include_profile secrets\n";

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
	"include_profile secrets\n"
	"# A build runs the distribution's toolchain (Debian's gcc and\n"
	"# python3 are not PIE) and the test programs it builds.\n"
	"trace/allow_unsafe_exec_nopie:1\n"
	"trace/allow_unsafe_exec_stack:1\n"
	"# Uninstalled programs run with LD_LIBRARY_PATH (libtool's\n"
	"# wrappers, make check): no AT_SECURE.\n"
	"trace/allow_unsafe_libc:1\n";

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
	"include_profile secrets\n"
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
	"deny/write,create,delete,rename,truncate,symlink,mkdir,rmdir,chmod,"
	"chown,chgrp,chattr,utime+/**/.git/hooks/***\n"
	"deny/write,create,delete,rename,truncate,symlink,chmod,chown,chgrp,"
	"chattr,utime+/**/.git/config\n"
	"include_profile secrets\n"
	"allow/net/connect+loopback!0-65535\n"
	"allow/net/bind+loopback!0-65535\n"
	"lock:on\n";

static const struct profile profiles[] = {
	{ "off", "turn all sandboxing off", "sandbox/all:off\n" },
	{ "lib", "everything off and unlocked, for programmatic set-up",
	  "sandbox/all:off\nlock:off\n" },
	{ "linux", "what any dynamically linked program needs", linux_text },
	{ "tty", "the terminal devices", tty_text },
	{ "secrets", "the system's credential stores refused (not hidden)",
	  secrets_text },
	{ "paludis", "package builds: write only the build tree and /tmp",
	  paludis_text },
	{ "user", "interactive use: home writable, secrets denied", user_text },
	{ "agent", "AI coding agents: workspace writable, secrets denied",
	  agent_text },
	/*
	 * No secrets block: trace refuses nothing by design. It is the
	 * learning mode whose log a policy is written from, so a refusal
	 * would stop the program at the first secret and hide what it does
	 * next; and it confines nothing else (writes anywhere), so the block
	 * would buy no safety. Stacked after a profile, its defaults never
	 * override that profile's rules, secrets included.
	 */
	{ "trace", "allow everything, log everything (learning mode)",
	  "sandbox/all:on\ndefault/all:warn\n" },
	{ "silent", "deny without logging", "default/all:filter\n" },
	{ "quiet", "the same as silent", "default/all:filter\n" },
	{ "noipv4", "no IPv4 networking",
	  "deny/net/bind,net/connect+any4!0-65535\n" },
	{ "noipv6", "no IPv6 networking",
	  "deny/net/bind,net/connect+any6!0-65535\n" },
	/* JIT compilers (V8, the JVM) write code, then run it. */
	{ "nomem", "allow W^X memory for JIT compilers",
	  "trace/allow_unsafe_exec_memory:1\n" },
	{ "nopie", "allow non-PIE executables",
	  "trace/allow_unsafe_exec_nopie:1\n" },
	{ "container", "unshare every namespace but pid",
	  "unshare/mount,uts,ipc,user,net,cgroup,time:1\n" },
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
	  "allow/lock/all+/var/tmp\n"
	  "allow/lock/bind+0-65535\n"
	  "allow/lock/connect+0-65535\n" },
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
