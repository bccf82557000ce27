#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Floors that hold whatever the policy says (syd.7, SUPERVISION), each
# with its opt-out. One system call at a time (tests/integration/progs/
# try-syscall), compared with the kernel's own answer where the two should
# agree.
. "$(dirname "$0")/lib.sh"
: "${TRY:?TRY must point at try-syscall}"

A=$TMP/a
tap_alias A "$A"
mkdir -p "$A/jail"
echo hello >"$A/f"
echo jailed >"$A/jail/f"
chmod -R a+rwX "$TMP"
ROOT=false
[ "$(id -u)" -eq 0 ] && ROOT=true

POLICY="-p linux -m allow/exec,read,stat+$TRY -m allow/all+$A/***"

# under [-m RULE]... -- OP ARGS...: try-syscall under syd with POLICY and
# the extra rules.
under() {
	extra=
	while [ "$1" != -- ]; do
		extra="$extra $1"
		shift
	done
	shift
	# shellcheck disable=SC2086
	SYD_LOG_FD=-1 "$SYD" $POLICY $extra -- "$TRY" "$@" 2>&1
}

# want EXPECTED [-m RULE]... -- OP ARGS...: the outcome under syd starts
# with EXPECTED.
want() {
	expect=$1
	shift
	got=$(under "$@")
	case "$got" in
	"$expect"*) ok "$* -> $expect" ;;
	*) not_ok "$* -> $expect" "got: $got" ;;
	esac
}

# same [-m RULE]... -- OP ARGS...: the outcome under syd is the kernel's.
same() {
	args=$*
	while [ "$1" != -- ]; do shift; done
	shift
	native=$("$TRY" "$@" 2>&1)
	got=$(under $args)
	if [ "$got" = "$native" ]; then
		ok "$args -> $native (as native)"
	else
		not_ok "$args -> $native (as native)" "syd: $got"
	fi
}

# Core dumps: the sandbox starts with RLIMIT_CORE 0 and 0 and cannot
# raise it by setrlimit or prlimit64; setting 0 again (ulimit -c 0) works.
want "OK 0 0" -- core get
want "OK 0" -- core set 0 0
want EPERM -- core set 0 inf
want EPERM -- core set inf inf
want EINVAL -- core set 1 0
want "OK 0 0" -- core prlimit 0 0 0
want EPERM -- core prlimit 0 0 inf
sleep 60 &
other=$!
tap_alias "prlimit OTHER " "prlimit $other " # its pid differs in each run
want EPERM -- core prlimit "$other" 0 0
# Any limit of another process (a file size of 0 kills it at its next
# write), here one outside the sandbox that the same user may change
# without syd; the caller's own limits as without syd.
if prlimit --pid "$other" --nofile=512:1024 2>/dev/null; then
	run "$SYD" -p linux -- prlimit --pid "$other" --fsize=0:0
	case "$rc:$err" in
	0:*) not_ok "prlimit64 on another process refused" "it was set" ;;
	*"ermitted"*) ok "prlimit64 on another process refused (EPERM)" ;;
	*) not_ok "prlimit64 on another process refused with EPERM" "rc=$rc" "$err" ;;
	esac
	case $(prlimit --pid "$other" --fsize --noheadings -o SOFT 2>&1) in
	unlimited) ok "its limit is as it was" ;;
	*) not_ok "its limit is as it was" ;;
	esac
else
	skip "prlimit64 on another process" "not possible without syd either"
fi
expect_ok "prlimit64 on a process of the sandbox (its shell) and on itself" "$SYD" -p linux -- \
	sh -c 'prlimit --pid $$ --nofile=256:1024 && prlimit --nofile=128:1024 &&
	[ "$(ulimit -n)" = 256 ]'
kill "$other"
got=$(SYD_LOG_FD=-1 "$SYD" -p linux -- sh -c 'ulimit -c 0 && ulimit -c && ulimit -Hc' 2>&1 | tr '\n' ' ')
case "$got" in "0 0 ") ok "ulimit -c 0 in sh" ;; *) not_ok "ulimit -c 0 in sh" "got: $got" ;; esac
# ... whatever categories are on
want "OK 0 0" -m sandbox/all:off -- core get
want EPERM -m sandbox/all:off -- core set inf inf
# trace/allow_unsafe_prlimit: the limits syd was given, raised as without syd
same -m trace/allow_unsafe_prlimit:1 -- core get
same -m trace/allow_unsafe_prlimit:1 -- core set inf inf

# trace/deny_dotdot: a ".." component in the path the caller passes to the
# open family or chdir is refused (EACCES), whatever categories are on;
# a name that only contains dots is a name; off, ".." is followed
mkdir -p "$A/sub"
echo dots >"$A/..x"
for pol in "" "-m sandbox/all:off"; do
	want EACCES $pol -m trace/deny_dotdot:1 -- open "$A/sub/../f"
	want EACCES $pol -m trace/deny_dotdot:1 -- openat "$A/sub" ../f rdonly
	want EACCES $pol -m trace/deny_dotdot:1 -- openat2 "$A/sub" ../f rdonly
	want EACCES $pol -m trace/deny_dotdot:1 -- openat "$A/sub" .. rdonly
	want EACCES $pol -m trace/deny_dotdot:1 -- chdir "$A/sub/.."
	want "OK dots" $pol -m trace/deny_dotdot:1 -- open "$A/..x"
	want "OK hello" $pol -- open "$A/sub/../f"
done
same -m trace/deny_dotdot:1 -- chdir "$A/sub"

# ioctl: device and file-system control fails with EPERM before the
# kernel looks at the fd (which here could not do it: /dev/null), the
# upper 32 bits of the request being ignored as the kernel ignores them
want EPERM -- ioctl /dev/null 0xc0045877
want EPERM -- ioctl /dev/null 0x1c0045877
want EPERM -- ioctl /dev/null 0x8004587d
want EPERM -- ioctl /dev/null 0x41009432
want EPERM -- ioctl /dev/null 0x5412
same -- ioctl /dev/null 0x541b
# FITRIM, EXT4_IOC_SET_TUNE_SB_PARAM, EXT4_IOC_CHECKPOINT; SIOCSIFFLAGS
# (reading them, SIOCGIFFLAGS, as without syd); KDSKBMODE, VT_ACTIVATE;
# device-mapper by its type, whatever the size bits say
want EPERM -- ioctl /dev/null 0xc0185879
want EPERM -- ioctl /dev/null 0x40e8662e
want EPERM -- ioctl /dev/null 0x4004662b
want EPERM -- ioctl /dev/null 0x8914
same -- ioctl /dev/null 0x8913
want EPERM -- ioctl /dev/null 0x4b45
want EPERM -- ioctl /dev/null 0x5606
want EPERM -- ioctl /dev/null 0xc138fd03
want EPERM -- ioctl /dev/null 0xc000fd03
same -m ioctl/allow+DM_DEV_CREATE -- ioctl /dev/null 0xc000fd03
# ioctl/allow lifts one (by name or number), and a later ioctl/deny wins
same -m ioctl/allow+FIFREEZE -- ioctl /dev/null 0xc0045877
same -m ioctl/allow+0x8004587d -- ioctl /dev/null 0x8004587d
want EPERM -m ioctl/allow+FIFREEZE -m ioctl/deny+FIFREEZE -- ioctl /dev/null 0xc0045877
same -m ioctl/deny+FIFREEZE -m ioctl/allow+FIFREEZE -- ioctl /dev/null 0xc0045877
# ioctl/deny adds requests, named or not
want EPERM -m ioctl/deny+FIONREAD -- ioctl /dev/null 0x541b
want EPERM -m ioctl/deny+0x12345678 -- ioctl /dev/null 0x112345678
# Syd's spelling, allow/ioctl+REQUEST and deny/ioctl+REQUEST, with any
# request name of the kernel headers (RNDGETENTCNT is in no policy table)
same -m allow/ioctl+FIFREEZE -- ioctl /dev/null 0xc0045877
want EPERM -m deny/ioctl+FIONREAD -- ioctl /dev/null 0x541b
want EPERM -m deny/ioctl+RNDGETENTCNT -- ioctl /dev/null 0x80045200
same -m deny/ioctl+RNDGETENTCNT -m allow/ioctl+RNDGETENTCNT -- ioctl /dev/null 0x80045200
if $ROOT && [ -e /dev/loop-control ]; then
	want EPERM -m allow/read,stat+/dev/loop-control -- ioctl /dev/loop-control 0x4c82
	same -m allow/read,stat+/dev/loop-control -m ioctl/allow+LOOP_CTL_GET_FREE \
		-- ioctl /dev/loop-control 0x4c82
else
	skip "LOOP_CTL_GET_FREE on /dev/loop-control" "needs root and /dev/loop-control"
fi

# userfaultfd: refused by both ways of making one
want EPERM -- uffd user
want EPERM -- uffd all
same -m trace/allow_unsafe_uffd:1 -- uffd user
if $ROOT && [ -e /dev/userfaultfd ]; then
	want EPERM -m allow/read,stat+/dev/userfaultfd -- ioctl /dev/userfaultfd 0xaa00
	same -m allow/read,stat+/dev/userfaultfd -m trace/allow_unsafe_uffd:1 \
		-- ioctl /dev/userfaultfd 0xaa00
else
	skip "USERFAULTFD_IOC_NEW on /dev/userfaultfd" "needs root and /dev/userfaultfd"
fi

# chroot: every later lookup starts at the new root, also when the chroot
# category (and walk and stat, the only others on its row before) is off
if $ROOT; then
	for off in "" "-m sandbox/chroot:off" "-m sandbox/chroot,walk,stat:off"; do
		# shellcheck disable=SC2086
		same $off -- chroot "$A/jail" open /f
		# shellcheck disable=SC2086
		same $off -- chroot "$A/jail" open "$A/f"
		# shellcheck disable=SC2086
		same $off -- chroot "$A/jail" stat "$A/f"
	done
	# "chroot /", as some build tools do, changes nothing
	same -m sandbox/chroot:off -- chroot / open "$A/f"
	want EACCES -m "deny/chroot+$A/jail" -- chroot "$A/jail" open /f
else
	skip "chroot" "needs CAP_SYS_CHROOT"
fi

tap_done
