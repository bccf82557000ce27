# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by run-esc.sh and stress.sh: the table of escape attempts, the
# directory each one gets, the policies it runs under, and how one run's
# exit status is read. Source it with SYD and ESC_BINDIR set.
: "${SYD:?SYD must point at the syd binary}"
: "${ESC_BINDIR:?ESC_BINDIR must name the directory of the esc-* programs}"
ESC_TIMEOUT=${ESC_TIMEOUT:-120}
SYD_LOG_FD=-1
export SYD_LOG_FD

# NAME POLICIES FLAGS, one per line. POLICIES: comma-separated names of
# esc_policy() variants the attempt runs under. FLAGS, comma-separated, or
# "-" for none: "kill" when a kill by signal under syd counts as blocked
# (foreign ABIs); "prep" when "esc-NAME --prepare DIR" is run outside syd
# first and its output handed in as ESC_PREPARED (something the sandbox
# could have been given, like a file handle); "lingers" when the report
# comes from a process that outlives the command (and syd): its line, read
# once every holder of stdout has closed it, is the result; "dos" for a
# denial of service of syd, where nothing freezes without syd: the native
# run must report blocked (esc_dos() in esc.h); "preload" when the run,
# syd included, is started with LD_PRELOAD naming libesc-preload.so;
# "pty" when it runs on a pseudo-terminal of script(1), the child of a
# shell in the terminal's foreground group (stdout and stderr to files).
ESC_TESTS='
dotdot          all,read  -
symlink         all,read  -
symlink-race    all,read  -
path-flip       all,read  -
hardlink        all,read  -
proc-root       all,read  -
proc-cwd        all,read  -
proc-fd         all,read  -
openat2         all,read  -
handle          all,read  prep
rename          all       -
io-uring        all       -
int80           all       kill
x32             all       kill
nested-listener all       -
vm-writev       all,read  -
deleted-fd      deleted   -
bind-mount      all       -
bind-unmask     bindhide  -
steal-listener  all       -
acct            all       -
dotdot-move     all,read  -
unlink-race     deleted   -
hidden-probe    all       -
hidden-create   hidstat,hidall,rohid -
hidden-list     all,hidstat -
hidden-doff     all,hidstat -
inotify-hidden  all,hidstat prep
force-swap      force     -
force-drop      forcedrop -
umask-acl       umask     -
setid-lend      offappend,offmask,offcloexec,offumask,offdevsyd lend
devsyd-hijack   all,offexec -
fd-swap         chmod     -
deleted-link    linked    prep
tiocsti         all       -
exit-race       all,dflallow lingers
proc-ns         dflallow,magiclinks prep
proc-mem        dflallow  prep
stall-uffd      all,uffd  dos
stall-fifo      all       dos
coredump        rowork    -
loop-ctl        devices   -
uffd            all,devices -
chroot          chroot    -
sys-secrets     user,agent,paludis -
mknod           user,agent,paludis prep
exec-race       execwork  -
exec-interp     execwork  -
exec-ldso       execwork  -
exec-fd         execwork  -
exec-untraced   execwork  -
exec-dlopen     execwork  -
signal          all,ll5   prep
tpe-copy        tpe       -
wx-mprotect     all,dflallow -
wx-mmap         all,dflallow -
memfd-exec      dflallow  -
ld-preload      all,dflallow preload
preload-child   all,dflallow -
rlimit-raise    rlimit    -
proc-names      hiddir    prep,mountns
tty-sigio       all,ll5   pty
net-direct      net       -
net-mapped      net       -
net-alias6      net       -
net-udp         net       -
net-cmsg        net       -
net-mmsg        net       -
net-fastopen    net       -
net-race        net       -
net-unix-symlink net      -
net-abstract    net       -
net-sendfd      net       -
net-unix-bind   net       -
net-unix-hidden hidstat   prep
devsyd-unlock   locked    -
ghost           execwork  -
cmd-exec        locked,dropped -
landlock-paths  lock      -
persona         all,persona -
fs-path         fs        prep
fs-fdpass       fs        prep
fs-exec         fs        prep
devsyd-load     locked,dropped -
append-trunc    append    -
append-fd       append    -
append-setfl    append,append5 -
append-noappend append    -
append-aio      append    -
append-write    append    -
append-mmap     append    -
append-replace  append    -
mask-read       mask      -
append-movedir  append,mask -
'

# The -m options under which the sandbox may use userfaultfd(2), for the
# "uffd" variant: the one place to name its opt-out when syd refuses it.
ESC_UFFD_OPTS='trace/allow_unsafe_uffd:1'

# esc_layout: make a fresh directory with the layout esc.h describes and
# print its canonical path.
esc_layout() {
	d=$(mktemp -d /tmp/syd-esc.XXXXXX) || return 1
	d=$(cd "$d" && pwd -P) || return 1
	printf 'TOPSECRET\n' >"$d/secret"
	printf 'public\n' >"$d/public"
	mkdir "$d/work"
	printf 'allowed\n' >"$d/work/allowed"
	printf '%s\n' "$d"
}

# esc_policy VARIANT DIR: the -m rules protecting DIR/secret, one per line.
#   all      every category denied on the secret (it is hidden, too)
#   read     only reading it is denied (it stays visible)
#   deleted  it may be seen, overwritten and removed, never read, renamed
#            or linked
#   chmod    it may be read, never have its mode changed
#   linked   deleted, for DIR/secret and its second name DIR/secret2
#   locked   all, with lock:on: /dev/syd is gone
#   dropped  all, with lock:drop: /dev/syd takes only commands that tighten
#   append   DIR/public and DIR/work/allowed append-only (append+),
#            nothing denied: read and added to, never cut, overwritten or
#            replaced
#   append5  append, with Landlock ABI 5 (no signal scoping: fcntl's
#            O_ASYNC goes through syd's SIGIO owner check too)
#   mask     DIR/secret and DIR/work/allowed masked (mask+), nothing
#            denied: they open and stat as /dev/null
#   dflallow everything allowed by default, the secret denied by a rule
#   magiclinks dflallow, with trace/allow_unsafe_magiclinks:1 (the /proc
#            of processes outside the sandbox open to it)
#   uffd     all, with userfaultfd(2) allowed ($ESC_UFFD_OPTS)
#   rowork   all, and DIR/work may be read but not written to
#   devices  all, and /dev/loop-control and /dev/userfaultfd may be read
#   user, agent, paludis: every category denied on DIR/secret*, then -p
#            that profile (its secrets block last)
#   chroot   all, no exec under DIR/work, and the chroot, walk and stat
#            categories off (then no other hook sees a chroot)
#   hidstat  DIR/secret and every missing DIR/secret* hidden (stat), all
#            else allowed: a hidden name that could otherwise be made
#   hidall   every category denied on DIR/secret and DIR/secret*
#   rohid    all, and no name may be made in DIR itself
#   execwork all, and nothing under DIR/work may be run (exec, or mapped
#            executable)
#   tpe      all, and Trusted Path Execution on with tpe/root_owned
#   force    all, Force on with DIR/work/prog (written here: a copy of
#            true(1)) listed by its digest, anything else allowed to run
#   forcedrop force, with lock:drop (/dev/syd takes what tightens)
#   umask    all, and trace/force_umask:077
#   offappend, offmask, offcloexec, offumask, offdevsyd: every category
#            off, and calls still emulated for an append rule, a mask
#            rule, trace/force_cloexec, trace/force_umask, or /dev/syd
#            (lock:off)
#   offexec  every category off, lock:exec (/dev/syd the initial
#            process's alone): opens no category decides go back to the
#            kernel, but not another process's writing ones
#   rlimit   all, and RLIMIT_NOFILE set to 64 (rlimit/nofile)
#   persona  all, and trace/lock_personality on (all alone refuses the
#            flags too: syd's default personality allowlist)
#   ll5      all, with syd started as on a kernel whose Landlock has no
#            signal scope (SYD_LANDLOCK_ABI=5: before Linux 6.12)
#   hiddir   all, and the directory DIR/hid (made here) hidden with all
#            beneath it
#   lock     syd's categories off, Lock sandboxing (Landlock) on: the
#            system and the programs readable, DIR/public readable,
#            DIR/work anything, DIR itself and DIR/secret nothing
#   fs       all, and the fs category on: every file-system type DIR,
#            the root and the programs lie on allowed (by number), and
#            proc and devpts; tmpfs not (esc-fs.h puts the secret there)
#   net      all, binds on loopback, connects anywhere but to 127.0.0.2,
#            ::1, DIR/work/denied* and @syd-esc-denied*; DIR/public may
#            not be passed with SCM_RIGHTS (esc-net.h)
# A line env=VAR=VALUE is put in syd's environment, not given as -m.
esc_policy() {
	case $1 in
	all) printf '%s\n' "deny/all+$2/secret" ;;
	read) printf '%s\n' "deny/read+$2/secret" ;;
	deleted) printf '%s\n' "deny/all+$2/secret" \
		"allow/stat,walk,write,delete+$2/secret" ;;
	chmod) printf '%s\n' "deny/chmod+$2/secret" ;;
	linked) esc_policy deleted "$2" && printf '%s\n' "deny/all+$2/secret2" \
		"allow/stat,walk,write,delete+$2/secret2" ;;
	dflallow) printf '%s\n' "default/all:allow" "deny/all+$2/secret" ;;
	locked) esc_policy all "$2" && printf '%s\n' "lock:on" ;;
	dropped) esc_policy all "$2" && printf '%s\n' "lock:drop" ;;
	droplock) esc_policy all "$2" && printf '%s\n' "lock:drop" ;;
	append) printf '%s\n' "append+$2/public" "append+$2/work/allowed" ;;
	append5) esc_policy append "$2" &&
		printf '%s\n' "env=SYD_LANDLOCK_ABI=5" ;;
	mask) printf '%s\n' "mask+$2/secret" "mask+$2/work/allowed" ;;
	magiclinks) esc_policy dflallow "$2" &&
		printf '%s\n' "trace/allow_unsafe_magiclinks:1" ;;
	uffd) esc_policy all "$2" && for o in $ESC_UFFD_OPTS; do
		printf '%s\n' "$o"; done ;;
	rowork) esc_policy all "$2" &&
		printf '%s\n' "deny/create,write,truncate,delete,rename+$2/work/***" ;;
	devices) esc_policy all "$2" &&
		printf '%s\n' "allow/stat,read+/dev/loop-control" \
			"allow/stat,read+/dev/userfaultfd" ;;
	user | agent | paludis) printf '%s\n' "deny/all+$2/secret*" \
		"profile=$1" ;;
	chroot) esc_policy all "$2" &&
		printf '%s\n' "sandbox/chroot,walk,stat:off" \
			"deny/exec+$2/work/***" ;;
	hidstat) printf '%s\n' "deny/stat+$2/secret*" ;;
	hidall) printf '%s\n' "deny/all+$2/secret*" ;;
	rohid) printf '%s\n' "deny/create,mkdir,mkfifo,symlink,rename+$2/*" \
		"deny/all+$2/secret" ;;
	execwork) esc_policy all "$2" &&
		printf '%s\n' "deny/exec+$2/work/***" ;;
	tpe) esc_policy all "$2" &&
		printf '%s\n' "sandbox/tpe:on" "tpe/root_owned:1" ;;
	force) esc_policy all "$2" && cp /bin/true "$2/work/prog" &&
		printf '%s\n' "sandbox/force:on" "default/force:allow" \
			"force+$2/work/prog:sha256:$(sha256sum <"$2/work/prog" |
				cut -d' ' -f1)" ;;
	forcedrop) esc_policy force "$2" && printf '%s\n' "lock:drop" ;;
	umask) esc_policy all "$2" && printf '%s\n' "trace/force_umask:077" ;;
	offappend) printf '%s\n' "sandbox/all:off" "append+$2/public" ;;
	offmask) printf '%s\n' "sandbox/all:off" "mask+$2/work/allowed" ;;
	offcloexec) printf '%s\n' "sandbox/all:off" "trace/force_cloexec:1" ;;
	offumask) printf '%s\n' "sandbox/all:off" "trace/force_umask:022" ;;
	offdevsyd) printf '%s\n' "sandbox/all:off" "lock:off" ;;
	offexec) printf '%s\n' "sandbox/all:off" "lock:exec" ;;
	rlimit) esc_policy all "$2" && printf '%s\n' "rlimit/nofile:64" ;;
	persona) esc_policy all "$2" &&
		printf '%s\n' "trace/lock_personality:1" ;;
	ll5) esc_policy all "$2" && printf '%s\n' "env=SYD_LANDLOCK_ABI=5" ;;
	hiddir) mkdir -p "$2/hid" && esc_policy all "$2" &&
		printf '%s\n' "deny/all+$2/hid/***" ;;
	fs) esc_policy all "$2" && printf '%s\n' sandbox/fs:on \
		"allow/fs+0x$(stat -f -c %t /)" "allow/fs+0x$(stat -f -c %t "$2")" \
		"allow/fs+0x$(stat -f -c %t "$ESC_BINDIR")" allow/fs+proc \
		allow/fs+devpts 'allow/all+/dev/shm/syd-esc-fs.*/***' ;;
	net) esc_policy all "$2" &&
		printf '%s\n' 'allow/net/bind+loopback!0-65535' \
			'allow/net/connect+any!0-65535' \
			'deny/net/connect+127.0.0.2!0-65535' \
			'deny/net/connect+::1!0-65535' \
			"deny/net/connect+$2/work/denied*" \
			'allow/net/bind,net/connect+@syd-esc-*' \
			'deny/net/connect+@syd-esc-denied*' \
			"deny/net/sendfd+$2/public" ;;
	lock) printf '%s\n' "sandbox/all:off" "sandbox/lock:on" \
		"allow/lock/read,exec,readdir+/usr" \
		"allow/lock/read,readdir+/etc" "allow/lock/read,readdir+/proc" \
		"allow/lock/read,write+/dev/null" \
		"allow/lock/read,exec,readdir+$(cd "$ESC_BINDIR" && pwd -P)" \
		"allow/lock/read+$2/public" "allow/lock/all+$2/work" ;;
	# The secret hidden only by a read-only bind of public over it; a
	# user namespace where syd has no CAP_SYS_ADMIN of its own.
	bindhide) [ "$(id -u)" -eq 0 ] || printf '%s\n' unshare/user:1
		printf '%s\n' unshare/mount:1 "bind+$2/public:$2/secret:ro" ;;
	*) echo "esc_policy: unknown variant $1" >&2; return 1 ;;
	esac
}

# esc_run NAME MODE DIR [VARIANT [FLAGS]]: run esc-NAME on DIR, natively
# (MODE=native) or under syd with the policy VARIANT (MODE=syd). Sets
# $rc, $out (stdout), $err (stderr).
esc_run() {
	prog="$ESC_BINDIR/esc-$1" esc_name=$1 esc_flags=${5:-} esc_dir=$3
	ESC_PREPARED=
	case $2:$esc_flags in
	syd:*prep*) ESC_PREPARED=$("$prog" --prepare "$3" 2>/dev/null) ;;
	esac
	export ESC_PREPARED
	if [ "$2" = native ]; then
		set -- "$prog" "$3"
	else
		bindir=$(cd "$ESC_BINDIR" && pwd -P)
		dir=$3
		variant=$4
		set -- "$SYD" -p linux -p tty \
			-m "allow/all+$dir/***" \
			-m "allow/exec,read,stat+$bindir/***"
		envs=
		for rule in $(esc_policy "$variant" "$dir"); do
			case $rule in
			profile=*) set -- "$@" -p "${rule#profile=}" ;;
			env=*) envs="$envs ${rule#env=}" ;;
			*) set -- "$@" -m "$rule" ;;
			esac
		done
		set -- "$@" -- "$prog" "$dir"
		# shellcheck disable=SC2086 # ENVS are words
		[ -n "$envs" ] && set -- env $envs "$@"
	fi
	case $esc_flags in
	*mountns*)
		if unshare -m --propagation private true 2>/dev/null; then
			set -- unshare -m --propagation private sh -c \
				'mkdir -p "$1/hid/mnt" &&
				mount --bind "$1/work" "$1/hid/mnt" || exit 2
				shift; ESC_MOUNTED=1 exec "$@"' sh "$esc_dir" "$@"
		fi ;;
	esac
	case $esc_flags in
	*preload*)
		# ASan (the sanitizer build) insists on being loaded first.
		set -- env LD_PRELOAD="$ESC_BINDIR/libesc-preload.so" \
			ESC_PRELOAD=1 \
			ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
			"$@" ;;
	esac
	case $esc_flags in
	*pty*)
		# A shell that outlives the command (it has more to do) in
		# the foreground group; the words quoted for it.
		{
			for a in "$@"; do
				printf "'%s' " "$(printf '%s' "$a" |
					sed "s/'/'\\\\''/g")"
			done
			printf '>"$1/out" 2>"$1/err"; echo $? >"$1/rc"\n'
		} >"$ESC_SCRATCH/pty.sh"
		rm -f "$ESC_SCRATCH/rc"
		timeout -k 5 "$ESC_TIMEOUT" script -qec \
			"sh $ESC_SCRATCH/pty.sh $ESC_SCRATCH" /dev/null \
			</dev/null >/dev/null 2>&1
		out=$(cat "$ESC_SCRATCH/out")
		err=$(cat "$ESC_SCRATCH/err")
		# The shell gone (what the attack aims at): the report says.
		rc=$(cat "$ESC_SCRATCH/rc" 2>/dev/null) || case $out in
		*"esc-$esc_name: ESCAPED:"*) rc=0 ;;
		*"esc-$esc_name: blocked:"*) rc=1 ;;
		*) rc=255 ;;
		esac
		return ;;
	esac
	case $esc_flags in
	*lingers*)
		# Through a pipe, so that cat ends only when the last process
		# holding stdout does; the report line says what happened.
		{
			timeout -k 5 "$ESC_TIMEOUT" "$@" </dev/null \
				2>"$ESC_SCRATCH/err"
			echo "$?" >"$ESC_SCRATCH/rc"
		} | cat >"$ESC_SCRATCH/out"
		rc=$(cat "$ESC_SCRATCH/rc")
		case $(cat "$ESC_SCRATCH/out") in
		*"esc-$esc_name: ESCAPED:"*) rc=0 ;;
		*"esc-$esc_name: blocked:"*) rc=1 ;;
		*"esc-$esc_name: setup error:"*) rc=2 ;;
		esac ;;
	*)
		timeout -k 5 "$ESC_TIMEOUT" "$@" </dev/null \
			>"$ESC_SCRATCH/out" 2>"$ESC_SCRATCH/err"
		rc=$? ;;
	esac
	out=$(cat "$ESC_SCRATCH/out")
	err=$(cat "$ESC_SCRATCH/err")
}

# esc_verdict NAME FLAGS: read $rc and $out of a run under syd. Prints
# "blocked", "escaped" or "error", with the reason on a second line.
esc_verdict() {
	case $rc in
	0)
		echo escaped
		echo "exit 0: the attack reached the secret" ;;
	1 | 3)
		# The program's own report: a status of syd's (EPERM=1) must
		# not pass for "blocked".
		case $out in
		*"esc-$1: blocked:"* | *"esc-$1: unsupported:"*)
			echo blocked
			printf '%s\n' "$out" | grep "^esc-$1:" ;;
		*)
			echo error
			echo "exit $rc without the program's report line" ;;
		esac ;;
	124 | 137)
		echo error
		echo "timed out after ${ESC_TIMEOUT}s" ;;
	*)
		if [ "$rc" -gt 128 ] && [ "${2#*kill}" != "$2" ]; then
			case $out in
			*"ESCAPED"*) echo escaped; echo "report says ESCAPED" ;;
			*) echo blocked
			   echo "killed by signal $((rc - 128)) (syd exit $rc)" ;;
			esac
		else
			echo error
			echo "exit $rc"
		fi ;;
	esac
}
