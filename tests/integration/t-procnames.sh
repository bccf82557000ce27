#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The /proc files that name paths, under a policy that hides a directory
# H: a file mapped from H (moved there from outside while mapped), a UNIX
# socket bound in H by a process outside the sandbox and (as root, in a
# mount namespace of the test's) a bind mount on H/mnt do not show in
# maps, smaps, numa_maps, task/TID/maps, mountinfo, mounts, mountstats or
# net/unix (nor, chrooted, in mountinfo, which then names mounts from
# the new root); each is seen natively first, so that a test cannot pass by
# the name not being there. The copy handed over is a memfd; without a
# rule that hides, the files are the kernel's, unchanged. python3 and
# glibc programs still run. As root and as uid 65534.
. "$(dirname "$0")/lib.sh"

test_users
PY=$(command -v /usr/bin/python3 || command -v python3)

# The program run in the sandbox (and natively): maps $D/pub/map, says
# "ready" by a file, waits until it is moved to $D/hid/map from outside,
# then prints its address and the files named in $FILES.
cat >"$TMP/maps.py" <<'EOF'
import ctypes, mmap, os, sys, time
d = sys.argv[1]
f = open(d + "/pub/map", "r+b")
m = mmap.mmap(f.fileno(), 4096)
addr = ctypes.addressof(ctypes.c_char.from_buffer(m))
open(d + "/pub/ready", "w").close()
for _ in range(500):
    if not os.path.exists(d + "/pub/map"):
        break
    time.sleep(0.01)
print("addr %x" % addr)
for name in sys.argv[2:]:
    with open(name.replace("TID", str(os.getpid()))) as g:
        sys.stdout.write(g.read())
EOF
chmod 0644 "$TMP/maps.py"
chmod 0755 "$TMP"

# mapped_moved U AS CMD...: run maps.py by CMD as user U, moving its
# mapping into hid/ once it says ready; $out is what it printed.
mapped_moved() {
	u=$1 as=$2
	shift 2
	rm -f "$D/hid/map" "$D/pub/ready"
	$as sh -c 'head -c 4096 /dev/zero >"$1/pub/map"' sh "$D"
	"$@" $PY "$TMP/maps.py" "$D" /proc/self/maps /proc/self/smaps \
		/proc/self/numa_maps /proc/self/task/TID/maps \
		>"$TMP/out" 2>"$TMP/err" &
	py=$!
	i=0
	while [ ! -e "$D/pub/ready" ] && [ $i -lt 500 ]; do
		sleep 0.01
		i=$((i + 1))
	done
	$as mv "$D/pub/map" "$D/hid/map"
	wait $py
	rc=$?
	out=$(cat "$TMP/out")
	err=$(cat "$TMP/err")
}

for u in $users; do
	as=
	[ "$u" = nobody ] && as=$NOBODY
	D=$(mktemp -d /tmp/syd-pn.XXXXXX)
	tap_alias D "$D"
	mkdir "$D/hid" "$D/pub" "$D/hid/mnt" "$D/vis"
	[ "$u" = nobody ] && chown -R 65534:65534 "$D"
	HIDE="-m default/all:allow -m deny/all+$D/hid/***"
	PLAIN="-m default/all:allow -m deny/read+/nonexistent/***"

	# maps, smaps, numa_maps, task/TID/maps: the path blanked, the line kept
	mapped_moved "$u" "$as" $as
	contains "$u: natively maps name the file moved to hid" "$out" "$D/hid/map"
	mapped_moved "$u" "$as" $as "$SYD" -p nopie $HIDE --
	addr=$(printf '%s\n' "$out" | sed -n 's/^addr //p')
	if [ "$rc" -ne 0 ] || [ -z "$addr" ]; then
		not_ok "$u: maps under syd" "rc=$rc" "stderr: $err"
	else
		case $out in
		*"$D/hid"*) not_ok "$u: maps, smaps, numa_maps and task/TID/maps leave hid out" \
			"$(printf '%s\n' "$out" | grep "$D/hid")" ;;
		*) ok "$u: maps, smaps, numa_maps and task/TID/maps leave hid out" ;;
		esac
		# maps and task/TID/maps: the mapping's line, without a name
		n=$(printf '%s\n' "$out" | grep -c "^$addr-[0-9a-f]* rw-s [0-9a-f]* [0-9a-f:]* [0-9]* *$")
		if [ "$n" -ge 2 ]; then
			ok "$u: the hidden mapping's line stays, its path blanked"
		else
			not_ok "$u: the hidden mapping's line stays, its path blanked" \
				"$n lines for $addr" "$(printf '%s\n' "$out" | grep "^$addr")"
		fi
	fi
	mapped_moved "$u" "$as" $as "$SYD" -p nopie $PLAIN --
	contains "$u: without a rule that hides, maps name hid" "$out" "$D/hid/map"

	# net/unix: a socket bound in hid by a process outside the sandbox
	$as $PY -c 'import socket, sys, time
s = socket.socket(socket.AF_UNIX)
s.bind(sys.argv[1])
time.sleep(30)' "$D/hid/sock" &
	sock=$!
	i=0
	while [ ! -S "$D/hid/sock" ] && [ $i -lt 500 ]; do
		sleep 0.01
		i=$((i + 1))
	done
	run $as cat /proc/net/unix
	contains "$u: natively net/unix names the socket in hid" "$out" "$D/hid/sock"
	run $as "$SYD" $HIDE -- cat /proc/net/unix /proc/self/net/unix \
		/proc/thread-self/net/unix
	case "$rc:$out" in
	0:*"$D/hid"*) not_ok "$u: net/unix leaves the socket in hid out" \
		"$(printf '%s\n' "$out" | grep "$D/hid")" ;;
	0:*Inode*) ok "$u: net/unix leaves the socket in hid out" ;;
	*) not_ok "$u: net/unix leaves the socket in hid out" "rc=$rc" "stderr: $err" ;;
	esac
	run $as "$SYD" $PLAIN -- cat /proc/net/unix
	contains "$u: without a rule that hides, net/unix names hid" "$out" "$D/hid/sock"
	kill $sock 2>/dev/null
	wait $sock 2>/dev/null

	# The copy is a sealed, read-only memfd; the kernel's file otherwise.
	run $as "$SYD" $HIDE -- sh -c 'exec 3</proc/self/mountinfo; readlink /proc/self/fd/3; stat -L -c %a /proc/self/fd/3; { echo x >&3; } 2>/dev/null || echo refused'
	case $out in
	"/memfd:mountinfo (deleted)
444
refused") ok "$u: the copy is a read-only memfd" ;;
	*) not_ok "$u: the copy is a read-only memfd" "out: $out" "stderr: $err" ;;
	esac
	run $as "$SYD" $PLAIN -- sh -c 'exec 3</proc/self/mountinfo; readlink /proc/self/fd/3'
	case $out in
	/proc/*/mountinfo) ok "$u: without a rule that hides, the kernel's file" ;;
	*) not_ok "$u: without a rule that hides, the kernel's file" "out: $out" ;;
	esac
	run $as "$SYD" $PLAIN -- cat /proc/self/mountinfo /proc/self/mounts
	$as cat /proc/self/mountinfo /proc/self/mounts >"$TMP/native"
	if [ "$rc" -eq 0 ] && [ "$out" = "$(cat "$TMP/native")" ]; then
		ok "$u: without a rule that hides, mountinfo and mounts unchanged"
	else
		not_ok "$u: without a rule that hides, mountinfo and mounts unchanged" \
			"rc=$rc" "$(printf '%s\n' "$out" | diff - "$TMP/native" | head -5)"
	fi

	# Programs that read maps still run: python3, and glibc's
	# pthread_getattr_np (through python's threads) and sh, ls, ps.
	expect_ok "$u: python3 runs with threads under a rule that hides" \
		$as "$SYD" -p nopie $HIDE -- $PY -c 'import threading, ctypes
t = threading.Thread(target=lambda: None); t.start(); t.join()'
	expect_ok "$u: ps, ls and sh run under a rule that hides" \
		$as "$SYD" $HIDE -- sh -c 'ps -o pid= -p $$ >/dev/null && ls / >/dev/null'

	# mountinfo, mounts, mountstats: a bind mount on hid/mnt (root: in a
	# mount namespace of the test's, outside syd)
	if [ "$u" = root ] && unshare -m --propagation private true 2>/dev/null; then
		cat >"$TMP/mnt.sh" <<EOF
mount --bind "$D/pub" "$D/hid/mnt" || exit 9
mount --bind "$D/pub" "$D/vis" || exit 9
echo native
cat /proc/self/mountinfo /proc/mounts /proc/self/mountstats
echo syd
"$SYD" $HIDE -- cat /proc/self/mountinfo /proc/mounts /proc/self/mountstats \
	/proc/thread-self/mountinfo /proc/thread-self/mounts
echo chroot
"$SYD" -p nopie $HIDE -- $PY -c 'import os, sys
p = os.open("/proc", os.O_RDONLY)
os.chroot(sys.argv[1])
fd = os.open("self/mountinfo", os.O_RDONLY, dir_fd=p)
sys.stdout.write(os.read(fd, 1 << 20).decode())' "$D"
EOF
		run unshare -m --propagation private sh "$TMP/mnt.sh"
		native=$(printf '%s\n' "$out" | sed -n '/^native$/,/^syd$/p')
		sydout=$(printf '%s\n' "$out" | sed -n '/^syd$/,/^chroot$/p')
		chrootout=$(printf '%s\n' "$out" | sed -n '/^chroot$/,$p')
		contains "$u: natively mountinfo names the mount on hid" "$native" "$D/hid/mnt"
		case "$rc:$sydout" in
		0:*"$D/hid"*) not_ok "$u: mountinfo, mounts and mountstats leave the mount on hid out" \
			"$(printf '%s\n' "$sydout" | grep "$D/hid")" ;;
		0:*" / / "*) ok "$u: mountinfo, mounts and mountstats leave the mount on hid out" ;;
		*) not_ok "$u: mountinfo, mounts and mountstats leave the mount on hid out" \
			"rc=$rc" "stderr: $err" ;;
		esac
		# chrooted, mountinfo names mounts from the new root: /hid/mnt
		case $chrootout in
		*" /hid"*) not_ok "$u: chrooted, mountinfo leaves the mount on hid out" \
			"$(printf '%s\n' "$chrootout" | grep " /hid")" ;;
		*" /vis "*) ok "$u: chrooted, mountinfo leaves the mount on hid out" ;;
		*) not_ok "$u: chrooted, mountinfo leaves the mount on hid out" \
			"rc=$rc" "out: $chrootout" "stderr: $err" ;;
		esac
	else
		skip "$u: mountinfo, mounts and mountstats leave the mount on hid out" \
			"no mount namespace of the test's as $u"
		skip "$u: chrooted, mountinfo leaves the mount on hid out" \
			"no mount namespace of the test's as $u"
	fi
	rm -rf "$D"
done
tap_done
