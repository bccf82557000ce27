#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# unshare/NAMES, bind+SRC:DST:OPTS, root:DIR and name/host with real
# programs: the host name the sandbox reads, a read-only bind refusing a
# write with EROFS, path rules deciding a bind's target by the path the
# sandbox names (and syd opening the bound object, not the one under it),
# a network namespace holding only lo, an IPC namespace of its own, a
# command run in root:DIR; and each refusal at start with its message,
# the command not run. As root without a user namespace, and as any other
# user (uid 65534, when run as root) with unshare/user:1 where the kernel
# allows it one; the refusals of a kernel that allows none, too.
. "$(dirname "$0")/lib.sh"

T=$TMP/ns
tap_alias T "$T"
mkdir -p "$T/src" "$T/dst" "$T/root/proc" "$T/root/usr"
echo from-src >"$T/src/f"
echo secret >"$T/src/secret"
echo from-dst >"$T/dst/f"
echo in-root >"$T/root/marker"
for l in bin lib lib64 sbin; do
	[ -e "/usr/$l" ] && ln -s "usr/$l" "$T/root/$l"
done
chmod 0755 "$TMP" "$T" "$T/src" "$T/dst" "$T/root"
chmod 0666 "$T/src/f" "$T/dst/f"

A="-p linux -m allow/all+$T/***"

test_users
# Anyone but root needs a user namespace for all of it: can it have one?
all=$users users=
for u in $all; do
	case $u in
	root) users=root ;;
	nobody) pre=$NOBODY ;;
	*) pre= ;;
	esac
	[ "$u" = root ] && continue
	if $pre unshare -U true 2>/dev/null; then
		users="$users $u"
	else
		skip "$u: namespaces" \
			"this user cannot create a user namespace (unshare -U fails)"
	fi
done

for u in $users; do
	case $u in
	root) as='' U='' ;;
	nobody) as=$NOBODY U="-m unshare/user:1" ;;
	*) as='' U="-m unshare/user:1" ;;
	esac
	# shellcheck disable=SC2086
	s() { $as "$SYD" $A $U "$@"; }

	run s -m unshare/uts:1 -m name/host:syd-ns-test -m \
		name/domain:example.org -- sh -c \
		'hostname; cat /proc/sys/kernel/domainname'
	if [ "$rc" -eq 0 ] && [ "$out" = "syd-ns-test
example.org" ]; then
		ok "$u: name/host and name/domain are the sandbox's names"
	else
		not_ok "$u: name/host and name/domain are the sandbox's names" \
			"exit $rc" "out: $out" "err: $err"
	fi
	if [ "$(hostname)" != syd-ns-test ]; then
		ok "$u: the host keeps its name"
	else
		not_ok "$u: the host keeps its name" "$(hostname)"
	fi

	run s -m unshare/mount:1 -m "bind+$T/src:$T/dst:ro,nosuid,nodev" -- \
		sh -c "cat $T/dst/f; echo x >$T/dst/f"
	if [ "$rc" -ne 0 ] && [ "$out" = from-src ]; then
		ok "$u: a bind shows its source at its target"
	else
		not_ok "$u: a bind shows its source at its target" "exit $rc" \
			"out: $out" "err: $err"
	fi
	contains "$u: a ro bind makes a write EROFS" "$err" \
		"Read-only file system"
	if [ "$(cat "$T/src/f")" = from-src ] &&
		[ "$(cat "$T/dst/f")" = from-dst ]; then
		ok "$u: the host's files are unchanged"
	else
		not_ok "$u: the host's files are unchanged" \
			"src: $(cat "$T/src/f")" "dst: $(cat "$T/dst/f")"
	fi
	contains "$u: the host does not see the bind" \
		"$(cat "$T/dst/f")" from-dst

	# A bind over the working directory: syd (which resolves a relative
	# path by the caller's cwd) and the kernel (sandbox off: no hook) both
	# open the bound file, the command having started in the bind.
	cd "$T/dst" || exit 1
	run s -m unshare/mount:1 -m "bind+$T/src:$T/dst" -- cat f
	o1=$out
	run s -m sandbox/all:off -m unshare/mount:1 -m "bind+$T/src:$T/dst" \
		-- cat f
	cd / || exit 1
	if [ "$o1" = from-src ] && [ "$out" = from-src ]; then
		ok "$u: a bind over the working directory is where it starts"
	else
		not_ok "$u: a bind over the working directory is where it starts" \
			"syd: $o1" "kernel: $out" "err: $err"
	fi

	# The rule names the in-sandbox path: the bound source is denied
	# there and allowed by its own (host) path.
	run s -m unshare/mount:1 -m "bind+$T/src:$T/dst" \
		-m "deny/read+$T/dst/secret" -- \
		sh -c "cat $T/dst/secret; echo rc=\$?; cat $T/src/secret"
	if [ "$out" = "rc=1
secret" ]; then
		ok "$u: a bind's target is decided by its in-sandbox path"
	else
		not_ok "$u: a bind's target is decided by its in-sandbox path" \
			"exit $rc" "out: $out" "err: $err"
	fi
	contains "$u: the denial names the in-sandbox path" "$err" \
		"\"path\":\"$T/dst/secret\""

	run s -m unshare/mount:1 -m "bind+tmpfs:$T/dst:nodev,size=1M" -- \
		sh -c "ls -A $T/dst; echo new >$T/dst/n; cat $T/dst/n"
	if [ "$rc" -eq 0 ] && [ "$out" = new ] && ! [ -e "$T/dst/n" ]; then
		ok "$u: bind+tmpfs mounts an empty tmpfs, gone with syd"
	else
		not_ok "$u: bind+tmpfs mounts an empty tmpfs, gone with syd" \
			"exit $rc" "out: $out" "err: $err"
	fi

	run s -m unshare/net:1 -- sh -c \
		'sed -n "s/^ *\([^:]*\):.*/\1/p" /proc/net/dev'
	if [ "$rc" -eq 0 ] && [ "$out" = lo ]; then
		ok "$u: unshare/net leaves only lo"
	else
		not_ok "$u: unshare/net leaves only lo" "exit $rc" "out: $out" \
			"err: $err"
	fi
	# lo joins 224.0.0.1 when it comes up (sysfs shows the host's lo).
	run s -m unshare/net:1 -- cat /proc/net/igmp
	contains "$u: lo is up in the new network namespace" "$out" "1	lo "

	host_ipc=$(readlink /proc/self/ns/ipc)
	shmid=$($as ipcmk -M 4096 2>/dev/null | sed -n 's/.*: *//p')
	run s -m unshare/ipc:1 -- sh -c 'readlink /proc/self/ns/ipc; ipcs -m'
	if [ "$rc" -eq 0 ] && [ -n "$out" ] &&
		[ "${out%%
*}" != "$host_ipc" ]; then
		ok "$u: unshare/ipc gives the sandbox its own IPC namespace"
	else
		not_ok "$u: unshare/ipc gives the sandbox its own IPC namespace" \
			"host: $host_ipc" "exit $rc" "out: $out" "err: $err"
	fi
	if [ -n "$shmid" ]; then
		case "$out" in
		*" $shmid "*) not_ok "$u: the host's shm segment is not seen" \
			"$out" ;;
		*) ok "$u: the host's shm segment is not seen" ;;
		esac
		$as ipcrm -m "$shmid" 2>/dev/null
	else
		skip "$u: the host's shm segment is not seen" "ipcmk failed"
	fi

	run s -m unshare/mount:1 -m "root:$T/root" -m bind+/usr:/usr:ro \
		-m allow/read+/marker -- sh -c 'cat /marker; pwd; ls /'
	if [ "$rc" -eq 0 ] && [ "${out%%
*}" = in-root ]; then
		ok "$u: root:DIR runs the command in DIR"
	else
		not_ok "$u: root:DIR runs the command in DIR" "exit $rc" \
			"out: $out" "err: $err"
	fi
	contains "$u: root:DIR starts at /" "$out" "
/
"
	# Its rules name paths as the sandbox sees them.
	run s -m unshare/mount:1 -m "root:$T/root" -m bind+/usr:/usr:ro \
		-m deny/read+/marker -- cat /marker
	contains "$u: root:DIR: a rule on /marker holds in DIR" "$err" \
		'"path":"/marker"'

	# Refusals at start: a message naming the option, the command not run.
	rm -f "$T/ran"
	expect_fail "$u: a missing bind source is refused" 2 \
		"bind+$T/nonexistent:$T/dst: source $T/nonexistent: No such file" \
		s -m unshare/mount:1 -m "bind+$T/nonexistent:$T/dst" -- \
		touch "$T/ran"
	expect_fail "$u: a missing bind target is refused" 2 \
		"target $T/nonexistent: No such file or directory (syd does not create it)" \
		s -m unshare/mount:1 -m "bind+$T/src:$T/nonexistent" -- \
		touch "$T/ran"
	expect_fail "$u: key=value on a bind of a path is refused" 22 \
		"'size=1M' is for a new file system" \
		s -m unshare/mount:1 -m "bind+$T/src:$T/dst:size=1M" -- \
		touch "$T/ran"
	expect_fail "$u: bind without unshare/mount is refused" 22 \
		"bind needs unshare/mount:1" \
		s -m "bind+$T/src:$T/dst" -- touch "$T/ran"
	expect_fail "$u: root without unshare/mount is refused" 22 \
		"root:$T/root needs unshare/mount:1" \
		s -m "root:$T/root" -- touch "$T/ran"
	expect_fail "$u: root:DIR without DIR/proc is refused" 20 \
		"root:$T/src: $T/src/proc must be a directory" \
		s -m unshare/mount:1 -m "root:$T/src" -- touch "$T/ran"
	expect_fail "$u: name/host without unshare/uts is refused" 22 \
		"name/host needs unshare/uts:1" \
		s -m name/host:x -- touch "$T/ran"
	expect_fail "$u: sandbox/tpe with unshare/user is refused" 22 \
		"sandbox/tpe with unshare/user is refused: in the user namespace" \
		s -m unshare/user:1 -m sandbox/tpe:on -- touch "$T/ran"
	expect_fail "$u: unshare/pid is refused with the reason" 95 \
		"unshare/pid is not supported: the sandbox would need a /proc" \
		s -m unshare/pid:1 -- touch "$T/ran"
	if [ -e "$T/ran" ]; then
		not_ok "$u: no refused start ran the command"
	else
		ok "$u: no refused start ran the command"
	fi
done

# Parser refusals: the same for everyone.
expect_fail "bad bind syntax: no target" 22 "expected bind+SRC:DST" \
	"$SYD" -m bind+/usr -- true
expect_fail "bad bind syntax: a relative source" 22 \
	"bind source must be an absolute path or a filesystem type" \
	"$SYD" -m bind+usr/x:/usr -- true
expect_fail "bad bind syntax: an unknown option" 22 \
	"unknown mount option 'bogus'" "$SYD" -m bind+/usr:/usr:bogus -- true
expect_fail "an unknown namespace is refused" 22 \
	"unknown namespace 'bogus'" "$SYD" -m unshare/bogus:1 -- true

# Without CAP_SYS_ADMIN and without unshare/user, the kernel refuses.
if [ "$(id -u)" -ne 0 ]; then
	pre=
elif $NOBODY test -x "$SYD"; then
	pre=$NOBODY
else
	pre=-
	skip "unshare without a user namespace is refused unprivileged" \
		"uid 65534 cannot reach syd"
fi
# shellcheck disable=SC2086 # $pre: a command's words, or none
[ "$pre" = - ] ||
	expect_fail "unshare without a user namespace is refused unprivileged" \
		1 "unshare/uts: Operation not permitted: syd lacks CAP_SYS_ADMIN" \
		$pre "$SYD" -m unshare/uts:1 -- touch "$T/ran"
# With no user namespace to be had: user.max_user_namespaces lowered to
# 0 in a user namespace of the test's own (the limit holds below it).
if unshare -U -r sh -c 'echo 0 >/proc/sys/user/max_user_namespaces' \
	2>/dev/null; then
	expect_fail "unshare/user with no user namespace left is refused" 28 \
		"unshare/user: cannot create a user namespace: the limit of user namespaces is reached" \
		unshare -U -r sh -c \
		'echo 0 >/proc/sys/user/max_user_namespaces && exec "$0" -m unshare/user,mount:1 -- touch "$1"' \
		"$SYD" "$T/ran"
	if [ -e "$T/ran" ]; then
		not_ok "the refused start did not run the command"
	else
		ok "the refused start did not run the command"
	fi
else
	skip "unshare/user with no user namespace left is refused" \
		"cannot lower user.max_user_namespaces in a user namespace here"
	skip "the refused start did not run the command" "as above"
fi

tap_done
