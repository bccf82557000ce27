#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every command name of SYD-REFERENCE.md sections 3.5 and 4 is either parsed
# with its meaning visible in the sandbox state (syd-cat -j prints the JSON
# that /dev/syd serves), or refused with "not supported yet". Nothing is
# accepted and dropped.
. "$(dirname "$0")/lib.sh"

# supported: command | substring of the resulting JSON state
while IFS='|' read -r cmd want; do
	[ -n "$cmd" ] || continue
	run "$SYD_CAT" -j -m "$cmd"
	case "$out" in
	*"$want"*) [ "$rc" -eq 0 ] && { ok "recorded: $cmd"; continue; } ;;
	esac
	not_ok "recorded: $cmd" "rc=$rc err=$err" "want: $want" "state: $out"
done <<'EOC'
lock:off|"lock":"off"
lock:exec|"lock":"exec"
lock:drop|"lock":"drop"
lock:read|"lock":"read"
lock:on|"lock":"on"
config/expand:0|"config":{"expand":0}
log/level:info|"log":{"level":"info"
log/verbose:1|"verbose":true}
sandbox/stat:off|"stat":false
sandbox/walk:off|"walk":false
sandbox/list:off|"list":false
sandbox/read:off|"read":false
sandbox/write:off|"write":false
sandbox/exec:off|"exec":false
sandbox/ioctl:off|"ioctl":false
sandbox/create:off|"create":false
sandbox/delete:off|"delete":false
sandbox/rename:off|"rename":false
sandbox/symlink:off|"symlink":false
sandbox/readlink:off|"readlink":false
sandbox/truncate:off|"truncate":false
sandbox/chdir:off|"chdir":false
sandbox/readdir:off|"readdir":false
sandbox/mkdir:off|"mkdir":false
sandbox/rmdir:off|"rmdir":false
sandbox/chown:off|"chown":false
sandbox/chgrp:off|"chgrp":false
sandbox/chmod:off|"chmod":false
sandbox/chattr:off|"chattr":false
sandbox/chroot:off|"chroot":false
sandbox/notify:off|"notify":false
sandbox/utime:off|"utime":false
sandbox/mkbdev:off|"mkbdev":false
sandbox/mkcdev:off|"mkcdev":false
sandbox/mkfifo:off|"mkfifo":false
sandbox/mktemp:off|"mktemp":false
sandbox/net/bind:off|"net/bind":false
sandbox/net/connect:off|"net/connect":false
sandbox/net/sendfd:off|"net/sendfd":false
sandbox/net/link:off|"net/link":false
sandbox/net:off|"net/link":false
sandbox/all:off|"mktemp":false
sandbox/lock:on|"lock":true
sandbox/force:on|"force":true
sandbox/tpe:on|"tpe":true
sandbox/pid:on|"pid":true
sandbox/mem:on|"mem":true
sandbox/segvguard:off|"segvguard":false
default/read:warn|"read":"warn"
default/all:filter|"mktemp":"filter"
default/net:allow|"net/connect":"allow"
default/block:warn|"block":"warn"
default/force:warn|"force":"warn"
default/mem:kill|"mem":"kill"
default/pid:kill|"pid":"kill"
default/segvguard:warn|"segvguard":"warn"
default/tpe:warn|"tpe":"warn"
default/lock:warn|"lock":"warn"
allow/read+/usr/***|{"act":"allow","cap":"read","pat":"/usr/***"}
warn/write+/tmp/*|{"act":"warn","cap":"write","pat":"/tmp/*"}
filter/stat+/proc/**|{"act":"filter","cap":"stat","pat":"/proc/**"}
deny/exec+/usr/bin/nc|{"act":"deny","cap":"exec","pat":"/usr/bin/nc"}
panic/chmod+/x|{"act":"panic","cap":"chmod","pat":"/x"}
stop/chown+/x|{"act":"stop","cap":"chown","pat":"/x"}
abort/chgrp+/x|{"act":"abort","cap":"chgrp","pat":"/x"}
kill/exec+/usr/bin/nc|{"act":"kill","cap":"exec","pat":"/usr/bin/nc"}
exit/delete+/x|{"act":"exit","cap":"delete","pat":"/x"}
allow/read,write+/srv/***|{"act":"allow","cap":"write","pat":"/srv/***"}
allow/net/bind+127.0.0.1!8080|{"act":"allow","cap":"net/bind","pat":"127.0.0.1!8080"}
allow/net/connect+127.0.0.1/8!9050|"cap":"net/connect","pat":"127.0.0.1/8!9050"
allow/net/connect+::1/8!9050|"pat":"::1/8!9050"
allow/net/connect+10.0.0.0/8!1024-65535|"pat":"10.0.0.0/8!1024-65535"
allow/net/connect+192.168.1.1@53|"pat":"192.168.1.1@53"
allow/net/connect+loopback!80|"pat":"loopback!80"
allow/net/connect+any!443|"pat":"any!443"
allow/net/connect+/run/user/*/pulse/native|"pat":"/run/user/*/pulse/native"
allow/net/bind+@my-abstract*|"cap":"net/bind","pat":"@my-abstract*"
allow/net/sendfd+/tmp/**|"cap":"net/sendfd","pat":"/tmp/**"
allow/net/link+route|"cap":"net/link","pat":"route"
block+10.0.0.0/8|"block":["10.0.0.0/8"]
block+fe80::/10|"block":["fe80::/10"]
default/block:deny|"block":"deny"
allow/lock/read+/usr|{"path":"/usr","rights":["read"]}
allow/lock/write+/tmp|"rights":["write"]
allow/lock/exec+/bin|"rights":["exec"]
allow/lock/ioctl+/dev/null|"rights":["ioctl"]
allow/lock/create,delete,rename,symlink,truncate+/tmp|"rights":["create","delete","rename","symlink","truncate"]
allow/lock/readdir,mkdir,rmdir+/tmp|"rights":["readdir","mkdir","rmdir"]
allow/lock/mkbdev,mkcdev,mkfifo+/dev|"rights":["mkbdev","mkcdev","mkfifo"]
allow/lock/bind+0|{"op":"bind","lo":0,"hi":0}
allow/lock/connect+80,443|{"op":"connect","lo":443,"hi":443}
allow/lock/bind+1024-2048|"lo":1024,"hi":2048
allow/lock/bind+/run/s|{"path":"/run/s","rights":["bind"]}
allow/lock/mkdev+/dev|"rights":["mkbdev","mkcdev"]
mask+/etc/shadow|"mask":[{"pat":"/etc/shadow","target":"/dev/null"}]
mask+/proc/kcore:/dev/zero|"target":"/dev/zero"
append+/var/log/***|"append":["/var/log/***"]
force+/usr/bin/true:sha256:0000000000000000000000000000000000000000000000000000000000000000|"alg":"sha256"
force+/usr/bin/true:sha512:00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000:warn|"act":"warn"
ioctl/allow+FIONREAD|"allow":[21531]
ioctl/deny+TIOCSTI|"deny":[21522]
ioctl/deny+0x541C|"deny":[21532]
allow/ioctl+TCGETS|"allow":[21505]
deny/ioctl+TIOCSTI|"deny":[21522]
exec/kill+/bin/x|{"act":"kill","cap":"exec","pat":"/bin/x"}
allow/mkdev+/dev/x|{"act":"allow","cap":"mkbdev","pat":"/dev/x"},{"act":"allow","cap":"mkcdev","pat":"/dev/x"}
sandbox/mkdev:off|"mkbdev":false,"mkcdev":false
default/mkdev:kill|"mkbdev":"kill","mkcdev":"kill"
bind+/srv:/srv:ro|{"src":"/srv","dst":"/srv","opt":"ro"}
bind+tmpfs:/tmp:nodev,nosuid|"src":"tmpfs","dst":"/tmp"
unshare/mount:1|"unshare":["mount"]
unshare/uts:1|"unshare":["uts"]
unshare/ipc:1|"unshare":["ipc"]
unshare/user:1|"unshare":["user"]
unshare/pid:1|"unshare":["pid"]
unshare/net:1|"unshare":["net"]
unshare/cgroup:1|"unshare":["cgroup"]
unshare/time:1|"unshare":["time"]
root:/srv/root|"root":"/srv/root"
name/host:box|"hostname":"box"
name/domain:example.org|"domainname":"example.org"
mem/max:256M|"max":268435456
mem/vm_max:4G|"vm_max":4294967296
pid/max:64|"pid":{"max":64}
segvguard/expiry:60|"expiry":60
segvguard/suspension:300|"suspension":300
segvguard/maxcrashes:3|"maxcrashes":3
tpe/gid:100|"tpe":{"gid":100
tpe/negate:1|"negate":true
tpe/root_owned:1|"root_owned":true
tpe/user_owned:1|"user_owned":true
trace/allow_safe_bind:1|"allow_safe_bind":true
trace/allow_safe_kcapi:1|"allow_safe_kcapi":true
trace/allow_safe_setuid:1|"allow_safe_setuid":true
trace/allow_safe_setgid:1|"allow_safe_setgid":true
trace/allow_unsupp_socket:1|"allow_unsupp_socket":true
trace/allow_unsafe_socket:1|"allow_unsafe_socket":true
trace/allow_unsafe_caps:1|"allow_unsafe_caps":true
trace/allow_unsafe_chown:1|"allow_unsafe_chown":true
trace/allow_unsafe_ptrace:1|"allow_unsafe_ptrace":true
trace/allow_unsafe_env:1|"allow_unsafe_env":true
trace/allow_unsafe_exec_memory:1|"allow_unsafe_exec_memory":true
trace/allow_unsafe_memory:1|"allow_unsafe_exec_memory":true
trace/allow_unsafe_memfd:1|"allow_unsafe_memfd":true
trace/allow_unsafe_exec_nopie:1|"allow_unsafe_exec_nopie":true
trace/allow_unsafe_nopie:1|"allow_unsafe_exec_nopie":true
trace/allow_unsafe_exec_stack:1|"allow_unsafe_exec_stack":true
trace/allow_unsafe_stack:1|"allow_unsafe_exec_stack":true
trace/allow_unsafe_exec_ldso:1|"allow_unsafe_exec_ldso":true
trace/allow_unsafe_ldso:1|"allow_unsafe_exec_ldso":true
trace/allow_unsafe_libc:1|"allow_unsafe_libc":true
trace/allow_unsafe_exec:1|"allow_unsafe_exec":true
trace/allow_unsafe_sigreturn:1|"allow_unsafe_sigreturn":true
trace/allow_unsafe_prctl:1|"allow_unsafe_prctl":true
trace/allow_unsafe_prlimit:1|"allow_unsafe_prlimit":true
trace/allow_unsafe_personality:1|"allow_unsafe_personality":true
trace/allow_unsafe_time:1|"allow_unsafe_time":true
trace/allow_unsafe_uring:1|"allow_unsafe_uring":true
trace/allow_unsafe_cbpf:1|"allow_unsafe_cbpf":true
trace/allow_unsafe_ebpf:1|"allow_unsafe_ebpf":true
trace/allow_unsafe_perf:1|"allow_unsafe_perf":true
trace/allow_unsafe_keyring:1|"allow_unsafe_keyring":true
trace/allow_unsafe_pkey:1|"allow_unsafe_pkey":true
trace/allow_unsafe_nice:1|"allow_unsafe_nice":true
trace/allow_unsafe_cpu:1|"allow_unsafe_cpu":true
trace/allow_unsafe_futex:1|"allow_unsafe_futex":true
trace/allow_unsafe_sync:1|"allow_unsafe_sync":true
trace/allow_unsafe_sysinfo:1|"allow_unsafe_sysinfo":true
trace/allow_unsafe_syslog:1|"allow_unsafe_syslog":true
trace/allow_unsafe_msgsnd:1|"allow_unsafe_msgsnd":true
trace/allow_unsafe_namespace:user,net|"allow_unsafe_namespace":["user","net"]
trace/allow_unsafe_spec_exec:1|"allow_unsafe_spec_exec":true
trace/allow_unsafe_magiclinks:1|"allow_unsafe_magiclinks":true
trace/allow_unsafe_filename:1|"allow_unsafe_filename":true
trace/allow_unsafe_link:1|"allow_unsafe_link":true
trace/allow_unsafe_symlinks:1|"allow_unsafe_symlinks":true
trace/allow_unsafe_open_path:1|"allow_unsafe_open_path":true
trace/allow_unsafe_create:1|"allow_unsafe_sticky":true
trace/allow_unsafe_sticky:1|"allow_unsafe_sticky":true
trace/deny_dotdot:1|"deny_dotdot":true
trace/deny_elf32:1|"deny_elf32":true
trace/deny_elf_dynamic:1|"deny_elf_dynamic":true
trace/deny_elf_static:1|"deny_elf_static":true
trace/deny_script:1|"deny_script":true
trace/deny_tsc:1|"deny_tsc":true
trace/lock_personality:1|"lock_personality":true
trace/exit_wait_all:1|"exit_wait_all":true
trace/force_cloexec:1|"force_cloexec":true
trace/force_rand_fd:1|"force_rand_fd":true
trace/force_umask:077|"force_umask":"0077"
trace/sync_seccomp:1|"sync_seccomp":true
reset|"rules":[]
EOC

# Commands that change nothing visible but must be accepted.
expect_ok "accepted: trace/memory_access:1" "$SYD_CAT" -m trace/memory_access:1
run "$SYD_CAT" -m stat
contains "stat prints the state on stderr" "$err" '"lock":"exec"'
expect_fail "panic exits 127" 127 "panic" "$SYD_CAT" -m panic
run "$SYD_CAT" -m 'sandbox/read?'
if [ "$rc" -eq 0 ]; then ok "query true succeeds"; else not_ok "query true succeeds" "$err"; fi
expect_fail "query false fails" 22 "query is false" "$SYD_CAT" -m sandbox/read:off -m 'sandbox/read?'
run "$SYD_CAT" -m 'unshare/net:1' -m 'unshare/net?'
if [ "$rc" -eq 0 ]; then ok "unshare query"; else not_ok "unshare query" "$err"; fi
run "$SYD_CAT" -j -m 'allow/read+/a' -m 'allow/read+/b' -m 'allow/read-/a'
contains "- removes" "$out" '"rules":[{"act":"allow","cap":"read","pat":"/b"}]'
run "$SYD_CAT" -j -m 'mask+/a' -m 'mask+/b' -m 'mask^'
contains "mask^ clears" "$out" '"mask":[]'
run "$SYD_CAT" -j -m 'block+10.0.0.0/8' -m 'block-10.0.0.0/8'
contains "block- removes" "$out" '"block":[]'
run "$SYD_CAT" -j -m 'force+/x:sha224:00000000000000000000000000000000000000000000000000000000' -m 'force-/x'
contains "force- removes" "$out" '"force":[]'
run "$SYD_CAT" -j -m 'force+/x:sha224:00000000000000000000000000000000000000000000000000000000' -m 'force+/x:sha224:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:warn'
contains "force+ replaces the rule for its path" "$out" '"force":[{"path":"/x","alg":"sha224","sum":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","act":"warn"}]'
run "$SYD_CAT" -j -m 'include_profile off'
contains "include_profile applies" "$out" '"read":false'

# load/FD in -m: the lines of syd's own fd FD, as a file's.
printf 'allow/read+/loaded/***\n' >"$TMP/load.syd-3"
run "$SYD_CAT" -j -m load/3 3<"$TMP/load.syd-3"
contains "load/FD in -m applies the lines of syd's own fd" "$out" '"pat":"/loaded/***"'
expect_fail "load/FD in -m: a fd not open" 22 "cannot read fd 999" "$SYD_CAT" -m load/999

# Known commands that are not supported yet: refused by name.
while IFS='|' read -r cmd; do
	[ -n "$cmd" ] || continue
	expect_fail "not supported yet: $cmd" 22 "not supported yet" "$SYD_CAT" -m "$cmd"
done <<'EOC'
ipc:@syd
lock:ipc
crypt+/secret/***
crypt/key:0000
crypt/tmp:mem
sandbox/crypt:on
sandbox/proxy:on
sandbox/pty:on
proxy/port:9050
proxy/addr:127.0.0.1
proxy/ext/host:127.0.0.1
proxy/ext/port:9050
proxy/ext/unix:/run/tor.sock
setuid+0:65534
setgid+0:65534
time:3600
root/map:1
root/fake:1
allow/net/connect+tcp!1.2.3.4!80
EOC

tap_done
