#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Trusted Path Execution (sandbox/tpe, tpe/*) with real programs: a copy
# of true in a directory others may write to does not run, the same
# program in a directory only root or its owner writes to does; each
# option, as root and as any other user (directories owned by someone
# else are made only as root).
. "$(dirname "$0")/lib.sh"
: "${TRY:?TRY must point at try-syscall}"

T=$TMP/tpe
tap_alias T "$T"
uid=$(id -u)
gid=$(id -g)
# true(1) where it lies (/usr/bin on a merged-/usr system), not a link to it
TRUE=$(readlink -f /bin/true)

# dir NAME MODE: a directory of ours holding a copy of true (mode 0755).
dir() {
	mkdir -p "$T/$1"
	cp "$TRUE" "$T/$1/true"
	chmod 0755 "$T/$1/true"
	chmod "$2" "$T/$1"
}
mkdir -p "$T"
chmod 0755 "$TMP" "$T"
dir ww 0777     # writable by anyone
dir sticky 1777 # as /tmp
dir gw 0775     # writable by the group
dir own 0755    # ours, only we write to it
cp "$TRUE" "$T/own/wfile"
chmod 0757 "$T/own/wfile" # the file itself writable by others
ln -s ../ww/true "$T/own/to-ww"
ln -s "$TRUE" "$T/ww/to-true"

P="-p linux -m allow/exec,read,stat,walk+$T/*** -m sandbox/tpe:on"

# tpe NAME WANT [OPTS...] -- CMD...: syd with $P and OPTS runs CMD as its
# initial command: WANT "ok" (exit 0) or "refused" (exit 13, "cannot run").
tpe() {
	name=$1 want=$2
	shift 2
	opts=
	while [ "$1" != -- ]; do
		opts="$opts -m $1"
		shift
	done
	shift
	# shellcheck disable=SC2086
	if [ "$want" = ok ]; then
		expect_ok "$name" env SYD_LOG_FD=-1 "$SYD" $P $opts -- "$@"
	else
		expect_fail "$name" 13 "cannot run '$1': Permission denied" \
			env SYD_LOG_FD=-1 "$SYD" $P $opts -- "$@"
	fi
}

tpe "a program in a root directory only root writes to runs" ok -- "$TRUE"
tpe "a copy in a world-writable directory is refused" refused -- "$T/ww/true"
tpe "a copy in a sticky world-writable directory (/tmp) is refused" \
	refused -- "$T/sticky/true"
tpe "a copy in a group-writable directory is refused" refused -- "$T/gw/true"
tpe "a file writable by others is refused" refused -- "$T/own/wfile"
tpe "a copy in a directory only its owner writes to runs" ok -- "$T/own/true"
tpe "sandbox/tpe:off lets the world-writable directory run" ok \
	sandbox/tpe:off -- "$T/ww/true"
tpe "default/tpe:warn lets it run" ok default/tpe:warn -- "$T/ww/true"
# The object executed is judged, not the name: a symlink in a trusted
# directory to the copy is refused, one in the untrusted directory to
# true runs.
tpe "a symlink to the copy is judged by the copy's directory" refused \
	-- "$T/own/to-ww"
tpe "a symlink in the writable directory to true runs true" ok \
	-- "$T/ww/to-true"

# tpe/root_owned: our own directory is trusted only when we are root.
if [ "$uid" -eq 0 ]; then
	tpe "root_owned: root's own directory runs (as root)" ok \
		tpe/root_owned:1 -- "$T/own/true"
else
	tpe "root_owned: the caller's own directory is refused" refused \
		tpe/root_owned:1 -- "$T/own/true"
fi
tpe "root_owned: a root directory runs" ok tpe/root_owned:1 -- "$TRUE"
tpe "user_owned: the caller's own directory runs" ok tpe/user_owned:1 \
	-- "$T/own/true"
tpe "user_owned: a root directory runs" ok tpe/user_owned:1 -- "$TRUE"
tpe "user_owned: a world-writable directory of the caller's is refused" \
	refused tpe/user_owned:1 -- "$T/ww/true"

# A directory of another user's: only root can make one.
if [ "$uid" -eq 0 ]; then
	dir other 0755
	chown 65534:65534 "$T/other" "$T/other/true"
	tpe "another user's directory runs by default" ok -- "$T/other/true"
	tpe "user_owned: another user's directory is refused" refused \
		tpe/user_owned:1 -- "$T/other/true"
	tpe "root_owned: another user's directory is refused" refused \
		tpe/root_owned:1 -- "$T/other/true"
else
	skip "user_owned/root_owned: another user's directory" \
		"only root can make a directory owned by another user"
fi

# tpe/gid: only its members are judged; tpe/negate: all but them.
other_gid=4242
[ "$gid" -eq "$other_gid" ] && other_gid=4243
tpe "gid: a member is judged" refused "tpe/gid:$gid" -- "$T/ww/true"
tpe "gid: a non-member is not judged" ok "tpe/gid:$other_gid" -- "$T/ww/true"
tpe "gid none: every caller is judged again" refused "tpe/gid:$other_gid" \
	tpe/gid:none -- "$T/ww/true"
tpe "negate: a member of the trusted group is exempt" ok "tpe/gid:$gid" \
	tpe/negate:1 -- "$T/ww/true"
tpe "negate: a non-member is judged" refused "tpe/gid:$other_gid" \
	tpe/negate:1 -- "$T/ww/true"

# Below the initial command: a shell's child, execveat(2), and an exec of
# an fd (fexecve: execveat(fd, "", AT_EMPTY_PATH)).
run env SYD_LOG_FD=-1 "$SYD" $P -m "allow/exec,read,stat+$TRY" -- \
	sh -c '"$1"; echo "rc=$?"; "$2"; echo "rc=$?"' sh "$T/ww/true" \
	"$T/own/true"
contains "a shell's child: refused (126)" "$out" "rc=126"
contains "a shell's child: the trusted copy runs" "$out" "rc=0"
run env SYD_LOG_FD=-1 "$SYD" $P -m "allow/exec,read,stat+$TRY" -- \
	"$TRY" execat "$T/ww/true"
contains "execveat of the copy: EACCES" "$out" "EACCES"
run env SYD_LOG_FD=-1 "$SYD" $P -m "allow/exec,read,stat+$TRY" -- \
	"$TRY" fexec "$T/ww/true"
contains "execveat(fd, \"\", AT_EMPTY_PATH) of the copy: EACCES" "$out" \
	"EACCES"
run env SYD_LOG_FD=-1 "$SYD" $P -m "allow/exec,read,stat+$TRY" \
	-m "allow/exec,read,stat+/usr/bin/echo" -- \
	"$TRY" fexec /usr/bin/echo fexec-ran
contains "execveat(fd, \"\", AT_EMPTY_PATH) of a trusted program runs" \
	"$out" "fexec-ran"

# What is logged: the category, the action, and why (the tip).
SYD_LOG_FD=3 "$SYD" $P -- "$T/ww/true" 3>"$TMP/log" 2>/dev/null
contains "the refusal is logged as tpe" "$(cat "$TMP/log")" \
	"\"cap\":\"tpe\",\"act\":\"deny\",\"path\":\"$T/ww/true\",\"errno\":\"EACCES\""
contains "the log says why in its tip" "$(cat "$TMP/log")" \
	"\"tip\":\"untrusted: its directory is writable by group or others"
SYD_LOG_FD=3 "$SYD" $P -m default/tpe:warn -- "$T/ww/true" 3>"$TMP/log" \
	2>/dev/null
contains "default/tpe:warn logs a warning" "$(cat "$TMP/log")" \
	"\"cap\":\"tpe\",\"act\":\"warn\""
# kill: the caller dies by SIGKILL, its shell goes on.
run env SYD_LOG_FD=-1 "$SYD" $P -m default/tpe:kill -- \
	sh -c '"$1"; echo "rc=$?"' sh "$T/ww/true"
contains "default/tpe:kill kills the caller" "$out" "rc=137"

tap_done
