#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Lock sandboxing (syd.7): with sandbox/lock:on the sandbox, and syd in
# what it does for the sandbox, live in a Landlock domain made of the
# allow/lock/ rules. Most checks run with syd's categories off (-p off):
# no rule of syd's sees those calls, so a refusal there is the kernel's.
# One system call at a time (progs/try-syscall), as root and uid 65534.
. "$(dirname "$0")/lib.sh"
: "${TRY:?TRY must point at try-syscall}"

A=$TMP/a
tap_alias A "$A"
mkdir -p "$A/ro" "$A/rw" "$A/no"
for d in ro rw no; do echo hello >"$A/$d/f"; done
echo hello >"$A/ro/t"
chmod -R a+rwX "$TMP"
test_users

ABI=$("$SYD" -V | sed -n 's/^landlock: ABI //p')
if [ -z "$ABI" ]; then
	skip "Lock sandboxing" "no Landlock in this kernel"
	tap_done
	exit
fi

# What every run needs: the program, its libraries, ld.so's cache.
BASE="-m sandbox/lock:on -m allow/lock/read,exec,readdir+/usr
 -m allow/lock/read,exec,readdir+/lib -m allow/lock/read,readdir+/etc
 -m allow/lock/read,readdir+/proc -m allow/lock/read,exec+$TRY"

# under USER [ENV=VALUE...] [-p P] [-m RULE]... -- OP ARGS...: try-syscall
# as USER (root or nobody) under syd -p off with BASE and the rules.
under() {
	who=$1
	shift
	envs='' extra=''
	while [ "$1" != -- ]; do
		case $1 in
		*=*) envs="$envs $1" ;;
		*) extra="$extra $1" ;;
		esac
		shift
	done
	shift
	as=
	[ "$who" = nobody ] && as=$NOBODY
	# shellcheck disable=SC2086 # words
	env SYD_LOG_FD=-1 $envs $as "$SYD" -p off $BASE $extra -- "$TRY" "$@" 2>&1
}

# want USER EXPECTED [ENV=VALUE...] [-m RULE]... -- OP ARGS...: the
# outcome starts with EXPECTED.
want() {
	who=$1 expect=$2
	shift 2
	got=$(under "$who" "$@")
	case "$got" in
	"$expect"*) ok "$who: $* -> $expect" ;;
	*) not_ok "$who: $* -> $expect" "got: $got" ;;
	esac
}

# Three free TCP ports on loopback, P to P+2 (each bound once natively).
seed=$$
for _ in 1 2 3 4 5 6 7 8 9 10; do
	P=$(awk -v s="$seed" 'BEGIN { srand(s); print 20000 + int(rand() * 20000) }')
	seed=$((seed + 1))
	[ "$("$TRY" tcpbind "$P")$("$TRY" tcpbind $((P + 1)))$("$TRY" tcpbind \
		$((P + 2)))" = "OK 0OK 0OK 0" ] && break
done
tap_alias P1 $((P + 1))
tap_alias P2 $((P + 2))
tap_alias P "$P"

for u in $users; do
	# Reading: within a rule's hierarchy and not; the same call with
	# Lock sandboxing off is allowed (syd's categories are off).
	want "$u" OK -m "allow/lock/read+$A/ro" -- open "$A/ro/f"
	want "$u" EACCES -m "allow/lock/read+$A/ro" -- open "$A/no/f"
	as=
	[ "$u" = nobody ] && as=$NOBODY
	# shellcheck disable=SC2086 # words
	got=$(env SYD_LOG_FD=-1 $as "$SYD" -p off -- "$TRY" open "$A/no/f" 2>&1)
	case $got in
	OK*) ok "$u: the same open without sandbox/lock -> OK" ;;
	*) not_ok "$u: the same open without sandbox/lock -> OK" "got: $got" ;;
	esac
	want "$u" EACCES -m "allow/lock/read+$A/ro" -- list "$A/ro"
	want "$u" OK -m "allow/lock/read,readdir+$A/ro" -- list "$A/ro"
	# A rule on a file grants what a file can have (read, not readdir).
	want "$u" OK -m "allow/lock/read,readdir+$A/ro/f" -- open "$A/ro/f"
	want "$u" EACCES -m "allow/lock/read,readdir+$A/ro/f" -- open "$A/ro/t"

	# Writing and making things: each its own right.
	want "$u" EACCES -m "allow/lock/read+$A/rw" -- open "$A/rw/f" wronly
	want "$u" OK -m "allow/lock/write+$A/rw" -- open "$A/rw/f" wronly
	want "$u" EACCES -m "allow/lock/read,write+$A/rw" -- \
		open "$A/rw/new" wronly,creat
	want "$u" OK -m "allow/lock/write,create+$A/rw" -- \
		open "$A/rw/new-$u" wronly,creat
	want "$u" EACCES -m "allow/lock/create+$A/rw" -- mkdir "$A/rw/d-$u"
	want "$u" OK -m "allow/lock/mkdir+$A/rw" -- mkdir "$A/rw/d-$u"
	want "$u" EACCES -m "allow/lock/mkdir+$A/rw" -- rmdir "$A/rw/d-$u"
	want "$u" OK -m "allow/lock/rmdir+$A/rw" -- rmdir "$A/rw/d-$u"
	want "$u" EACCES -m "allow/lock/create+$A/rw" -- \
		mknod "$A/rw/fifo-$u" fifo
	want "$u" OK -m "allow/lock/mkfifo+$A/rw" -- mknod "$A/rw/fifo-$u" fifo
	want "$u" EACCES -m "allow/lock/delete+$A/rw" -- symlink x "$A/rw/sl-$u"
	want "$u" OK -m "allow/lock/symlink+$A/rw" -- symlink x "$A/rw/sl-$u"
	want "$u" EACCES -m "allow/lock/symlink+$A/rw" -- unlink "$A/rw/sl-$u"
	want "$u" OK -m "allow/lock/delete+$A/rw" -- unlink "$A/rw/sl-$u"
	# bind with a path: a UNIX socket made there (mknod S_IFSOCK).
	want "$u" EACCES -m "allow/lock/create+$A/rw" -- \
		mknod "$A/rw/sock-$u" sock
	want "$u" OK -m "allow/lock/bind+$A/rw" -- mknod "$A/rw/sock-$u" sock

	# truncate (ABI 3): refused without the right; as on a kernel whose
	# Landlock does not know it (SYD_LANDLOCK_ABI=2), best effort lets
	# it through: the kernel handles only what it knows.
	if [ "$ABI" -ge 3 ]; then
		want "$u" EACCES -m "allow/lock/read,write+$A/ro" -- \
			truncate "$A/ro/t" 1
		want "$u" OK -m "allow/lock/truncate+$A/ro" -- \
			truncate "$A/ro/t" 2
		want "$u" OK SYD_LANDLOCK_ABI=2 -m default/lock:warn \
			-m "allow/lock/read,write+$A/ro" -- truncate "$A/ro/t" 3
	else
		skip "$u: truncate" "Landlock ABI $ABI < 3"
	fi

	# Ports (ABI 4): bind and connect, each to the ports named.
	if [ "$ABI" -ge 4 ]; then
		NET="-m allow/lock/bind+$P -m allow/lock/connect+$((P + 1))"
		# shellcheck disable=SC2086 # words
		want "$u" OK $NET -- tcpbind "$P"
		want "$u" EACCES $NET -- tcpbind "$((P + 2))"
		want "$u" ECONNREFUSED $NET -- tcpconnect "$((P + 1))"
		want "$u" EACCES $NET -- tcpconnect "$((P + 2))"
		want "$u" OK -m "allow/lock/bind+$((P + 1))-$((P + 2))" -- \
			tcpbind "$((P + 2))"
		# Rules that cover every port: that right is not handled.
		want "$u" OK -m "allow/lock/bind+0-$P" \
			-m "allow/lock/bind+$((P + 1))-65535" -- tcpbind "$((P + 2))"
		# No port rule: no TCP bind or connect at all.
		want "$u" EACCES -- tcpconnect "$((P + 1))"
		want "$u" OK SYD_LANDLOCK_ABI=3 -m default/lock:warn -- \
			tcpbind "$((P + 2))"
	else
		skip "$u: ports" "Landlock ABI $ABI < 4"
	fi

	# What syd does for the sandbox stays inside the rules: with its
	# read category on and allowing, syd's open of the file for the
	# caller meets Landlock too.
	SYDR="-m allow/exec,read,stat,walk+/*** -m allow/read,stat+$A/***"
	# shellcheck disable=SC2086 # words
	got=$(env SYD_LOG_FD=-1 $as "$SYD" -p linux $SYDR -- "$TRY" \
		open "$A/no/f" 2>&1)
	case $got in
	OK*) ok "$u: syd's read rules allow $A/no/f" ;;
	*) not_ok "$u: syd's read rules allow $A/no/f" "got: $got" ;;
	esac
	want "$u" EACCES -p linux $SYDR -m "allow/lock/read+$A/ro" -- \
		open "$A/no/f"
	want "$u" OK -p linux $SYDR -m "allow/lock/read+$A/ro" -- \
		open "$A/ro/f"
done

# Applied once: at run time /dev/syd refuses to change Lock sandboxing,
# in any spelling, and the state keeps saying it is on.
# shellcheck disable=SC2086 # words
run env SYD_LOG_FD=-1 "$SYD" -p off -m lock:off $BASE -- sh -c '
	for c in sandbox/lock:off sandbox/read,lock:off default/lock:warn \
		default/read,lock:warn allow/lock/read+/ allow/lock/bind+1; do
		test -c "/dev/syd/$c" && echo "$c: accepted"
	done
	test -c /dev/syd/sandbox/lock? && echo still-on
	test -c /dev/syd/sandbox/read:off && echo others-work'
if [ "$out" = "still-on
others-work" ]; then
	ok "/dev/syd refuses every change of Lock sandboxing"
else
	not_ok "/dev/syd refuses every change of Lock sandboxing" "got: $out" \
		"stderr: $err"
fi

# The compatibility level, on a kernel that knows fewer rights
# (SYD_LANDLOCK_ABI): kill refuses to start, deny runs without Landlock,
# warn enforces what the kernel knows.
# shellcheck disable=SC2086 # words
expect_fail "kill: ABI 1 lacks rights: syd refuses to start" 95 \
	"Landlock (ABI 1) cannot enforce ioctl (ABI 5), rename (ABI 2)" \
	env SYD_LOG_FD=-1 SYD_LANDLOCK_ABI=1 "$SYD" -p off $BASE \
	-m "allow/lock/read+$A/ro" -- "$TRY" open "$A/no/f"
expect_fail "kill: no Landlock: syd refuses to start" 95 \
	"Landlock is not available" \
	env SYD_LOG_FD=-1 SYD_LANDLOCK_ABI=0 "$SYD" -p off $BASE -- true
want root OK SYD_LANDLOCK_ABI=1 -m default/lock:deny \
	-m "allow/lock/read+$A/ro" -- open "$A/no/f"
run env SYD_LANDLOCK_ABI=1 "$SYD" -p off $BASE -m default/lock:deny \
	-- "$TRY" open "$A/ro/f"
contains "deny: ABI 1: not enforced, and syd says so" "$err" \
	"sandbox/lock:on not enforced (default/lock:deny)"
want root EACCES SYD_LANDLOCK_ABI=1 -m default/lock:warn \
	-m "allow/lock/read+$A/ro" -- open "$A/no/f"
want root OK SYD_LANDLOCK_ABI=1 -m default/lock:warn \
	-m "allow/lock/read+$A/ro" -- open "$A/ro/f"
run env SYD_LANDLOCK_ABI=1 "$SYD" -p off $BASE -m default/lock:warn \
	-- "$TRY" open "$A/ro/f"
contains "warn: ABI 1: enforced in part, and syd says so" "$err" \
	"sandbox/lock:on enforced in part (default/lock:warn)"
want root OK SYD_LANDLOCK_ABI=0 -m default/lock:warn -- open "$A/no/f"

# A path that does not exist: fatal, unless the level is best effort,
# which skips that rule and keeps the others.
# shellcheck disable=SC2086 # words
expect_fail "kill: a missing path refuses to start" 2 \
	"allow/lock/ path $A/missing: No such file or directory" \
	env SYD_LOG_FD=-1 "$SYD" -p off $BASE -m "allow/lock/read+$A/missing" \
	-- true
# shellcheck disable=SC2086 # words
expect_fail "deny: a missing path refuses to start" 2 \
	"allow/lock/ path $A/missing: No such file or directory" \
	env SYD_LOG_FD=-1 "$SYD" -p off $BASE -m default/lock:deny \
	-m "allow/lock/read+$A/missing" -- true
want root OK -m default/lock:warn -m "allow/lock/read+$A/missing" \
	-m "allow/lock/read+$A/ro" -- open "$A/ro/f"
want root EACCES -m default/lock:warn -m "allow/lock/read+$A/missing" \
	-m "allow/lock/read+$A/ro" -- open "$A/no/f"

tap_done
