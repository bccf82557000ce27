#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# esyd and the files of /dev/syd (syd(2)): a shell inside the sandbox
# loads esyd (from syd --sh, or /dev/syd.sh), allows a directory, locks
# and fails to unlock; python3 parses the JSON state read from /dev/syd
# and finds a rule just added; a build script tightens its own policy
# before an untrusted step; load/FD applies a file's commands all or
# none; the lock decides who may open /dev/syd. As root and uid 65534.
. "$(dirname "$0")/lib.sh"

test_users
shared_dir
"$SYD" --sh >"$TMP/esyd.sh"
chmod 0644 "$TMP/esyd.sh"
# Debian's python3 is not PIE; /usr/bin/python3 is uid 65534's too.
PY=/usr/bin/python3

# The write category on, everything else off: sh runs, writes are ruled.
POL="-p off -m sandbox/write:on -m allow/write+/dev/null"

run "$SYD" -p off -m lock:off cat /dev/syd.sh
if [ "$rc" -eq 0 ] && [ "$out" = "$(cat "$TMP/esyd.sh")" ]; then
	ok "/dev/syd.sh inside is what syd --sh prints"
else
	not_ok "/dev/syd.sh inside is what syd --sh prints" "rc=$rc" "$err"
fi

for u in $users; do
	rm -rf "${D:?}"/*
	# esyd from syd --sh, then from /dev/syd.sh: allow a directory,
	# lock, fail to unlock.
	for src in "$TMP/esyd.sh" /dev/syd.sh; do
		rm -f "$D"/*
		as "$u" "$SYD" $POL sh -c '
			. "$1"; d=$2; r=
			esyd check && r="$r check"
			{ echo x >"$d/a"; } 2>/dev/null || r="$r refused"
			esyd allow_write "$d/***" && r="$r allowed"
			{ echo x >"$d/b"; } 2>/dev/null && r="$r wrote"
			esyd enabled_write && r="$r write-on"
			esyd enabled_read || r="$r read-off"
			esyd lock && r="$r locked"
			esyd unlock || r="$r still-locked"
			esyd check || r="$r gone"
			esyd deny_write "$d/***" || r="$r no-command"
			{ echo x >"$d/c"; } 2>/dev/null && r="$r still-writes"
			echo $r' sh "$src" "$D" >"$TMP/out" 2>"$TMP/err"
		want="check refused allowed wrote write-on read-off locked still-locked gone no-command still-writes"
		if [ "$(cat "$TMP/out")" = "$want" ] && [ -f "$D/b" ] &&
			[ ! -e "$D/a" ]; then
			ok "$u: esyd ($src): allow a directory, lock, cannot unlock"
		else
			not_ok "$u: esyd ($src): allow a directory, lock, cannot unlock" \
				"want: $want" "got: $(cat "$TMP/out")" "stderr: $(cat "$TMP/err")"
		fi
	done

	# Queries: test -c /dev/syd/sandbox/read? fails, write? succeeds.
	run as "$u" "$SYD" $POL sh -c '
		test -c "/dev/syd/sandbox/read?" && echo read-on || echo read-off
		test -c "/dev/syd/sandbox/write?" && echo write-on || echo write-off
		. /dev/syd.sh && esyd enable_write && esyd enabled write && echo esyd'
	if [ "$out" = "read-off
write-on
esyd" ]; then
		ok "$u: test -c /dev/syd/sandbox/read? false, write? true"
	else
		not_ok "$u: test -c /dev/syd/sandbox/read? false, write? true" "got: $out" "$err"
	fi

	# The JSON state, parsed by python3, holds a rule just added; the
	# initial process execs python3 and keeps /dev/syd under lock:exec.
	run as "$u" "$SYD" $POL -m trace/allow_unsafe_exec_nopie:1 sh -c '
		. /dev/syd.sh
		esyd allow_write "$1/json/***" || exit 1
		exec "$2" -c "
import json, sys
s = json.load(open(\"/dev/syd\"))
rules = [r for r in s[\"rules\"] if r[\"cap\"] == \"write\" and r[\"act\"] == \"allow\"]
print(s[\"lock\"], s[\"sandbox\"][\"write\"], s[\"sandbox\"][\"read\"],
      any(r[\"pat\"] == sys.argv[1] + \"/json/***\" for r in rules))
" "$1"' sh "$D" "$PY"
	if [ "$out" = "exec True False True" ]; then
		ok "$u: python3 parses /dev/syd and finds the rule esyd added"
	else
		not_ok "$u: python3 parses /dev/syd and finds the rule esyd added" \
			"got: $out" "$err"
	fi

	# A build script tightens its own policy before an untrusted step,
	# with the commands of its tree's policy file (esyd load): its
	# sources may no longer be written, and the step cannot undo it.
	rm -rf "${D:?}"/*
	mkdir -p "$D/src" "$D/out"
	echo 'int main(void) { return 0; }' >"$D/src/main.c"
	printf 'deny/write+%s/src/***\nlock:on\n' "$D" >"$D/tighten.syd-3"
	chmod -R a+rwX "$D"
	as "$u" "$SYD" $POL -m "allow/write+$D/***" sh -c '
		d=$1
		. /dev/syd.sh || exit 1
		cp "$d/src/main.c" "$d/out/main.o" || exit 2
		esyd load 3 3<"$d/tighten.syd-3" || exit 3
		# the untrusted step
		sh -c "echo evil >>\"$d/src/main.c\"" 2>/dev/null && echo wrote-src
		sh -c "test -c \"/dev/syd/deny/write-$d/src/***\"" && echo undone
		sh -c "echo ok >\"$d/out/log\"" && echo wrote-out
		exit 0' sh "$D" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	if [ "$rc" -eq 0 ] && [ "$(cat "$TMP/out")" = wrote-out ] &&
		[ "$(cat "$D/src/main.c")" = 'int main(void) { return 0; }' ] &&
		[ -f "$D/out/main.o" ]; then
		ok "$u: a build script denies writes to its sources, locks, then an untrusted step fails to write them"
	else
		not_ok "$u: a build script denies writes to its sources, locks, then an untrusted step fails to write them" \
			"rc=$rc" "out: $(cat "$TMP/out")" "stderr: $(cat "$TMP/err")" \
			"main.c: $(cat "$D/src/main.c")"
	fi

	# load FD: a good file applied whole; a file whose 2nd line is bad
	# applies nothing (its 1st line's allow does not hold) and answers
	# EINVAL.
	rm -rf "${D:?}"/*
	mkdir -p "$D/l1" "$D/l2"
	chmod -R a+rwX "$D"
	printf '# a comment\nallow/write+%s/l1/***\n\ndeny/write+%s/l1/no\n' \
		"$D" "$D" >"$TMP/good.syd-3"
	printf 'allow/write+%s/l2/***\nallow/write+relative/path\n' "$D" \
		>"$TMP/bad.syd-3"
	chmod 0644 "$TMP"/*.syd-3
	run as "$u" "$SYD" $POL -m lock:off sh -c '
		. /dev/syd.sh; d=$1
		esyd load 3 3<"$2" && echo loaded
		{ echo x >"$d/l1/yes"; } 2>/dev/null && echo wrote-yes
		{ echo x >"$d/l1/no"; } 2>/dev/null && echo wrote-no
		esyd load 3 3<"$3" || echo refused
		stat /dev/syd/load/3 3<"$3" 2>&1 | grep -o "Invalid argument"
		{ echo x >"$d/l2/x"; } 2>/dev/null && echo wrote-l2
		esyd load 9 2>/dev/null || echo no-fd
		stat /dev/syd/load/5 5</dev/null 2>&1 | grep -o "Invalid argument"
		echo "allow/write+$d/l2/piped" | { esyd load 0 && echo piped; }
		{ echo x >"$d/l2/piped"; } 2>/dev/null && echo wrote-piped
		echo done' sh "$D" "$TMP/good.syd-3" "$TMP/bad.syd-3"
	if [ "$out" = "loaded
wrote-yes
refused
Invalid argument
no-fd
Invalid argument
piped
wrote-piped
done" ] && [ ! -e "$D/l2/x" ] && [ ! -e "$D/l1/no" ]; then
		ok "$u: load FD: a good file and a pipe apply, a bad 2nd line applies nothing (EINVAL), a device is refused"
	else
		not_ok "$u: load FD: a good file and a pipe apply, a bad 2nd line applies nothing (EINVAL), a device is refused" \
			"got: $out" "$err"
	fi

	# The lock decides who may open /dev/syd: read before lock:on, ENOENT
	# after (O_PATH, O_DIRECTORY and writes too); under lock:exec the
	# initial process reads, its child gets ENOENT. No O_CREAT here: a
	# syd that let the open through would make /dev/syd on the host.
	run as "$u" "$SYD" $POL -m lock:off sh -c '
		t=$1
		$t open /dev/syd | cut -c1-10
		$t open /dev/syd wronly; $t open /dev/syd directory
		$t open /dev/syd trunc; $t open /proc/self/root/dev/syd
		test -c /dev/syd/lock:on
		for f in rdonly path directory wronly; do $t open /dev/syd $f; done
		$t open /dev/syd.sh
		stat /dev/syd/load/x 2>&1 | grep -o "No such file or directory"' \
		sh "$TRY"
	want='OK {"versi
EACCES
ENOTDIR
EACCES
ENOENT
ENOENT
ENOENT
ENOENT
ENOENT
ENOENT
No such file or directory'
	if [ "$out" = "$want" ]; then
		ok "$u: open of /dev/syd: JSON, then ENOENT once lock:on (load/x too)"
	else
		not_ok "$u: open of /dev/syd: JSON, then ENOENT once lock:on (load/x too)" \
			"want: $want" "got: $out" "$err"
	fi
	run as "$u" "$SYD" $POL -m lock:exec sh -c '
		while IFS= read -r l; do echo "${l%%:*}"; done </dev/syd
		sh -c "$1 open /dev/syd"' sh "$TRY"
	if [ "$out" = '{"version"
ENOENT' ]; then
		ok "$u: lock:exec: the initial process reads /dev/syd, its child gets ENOENT"
	else
		not_ok "$u: lock:exec: the initial process reads /dev/syd, its child gets ENOENT" \
			"got: $out" "$err"
	fi

	# No category on: the opens the filter sends only for /dev/syd go
	# back to the kernel (an O_PATH|O_NOFOLLOW open of a symlink, which
	# syd answers otherwise, is as native), /dev/syd's are syd's.
	ln -sf /etc/passwd "$D/lnk"
	native=$(as "$u" "$TRY" open "$D/lnk" path,nofollow 2>&1)
	run as "$u" "$SYD" -p off -m lock:off sh -c '
		$1 open "$2/lnk" path,nofollow; $1 open /dev/syd | cut -c1-10' \
		sh "$TRY" "$D"
	if [ "$out" = "$native
OK {\"versi" ]; then
		ok "$u: -p off: other opens stay the kernel's ($native), /dev/syd is syd's"
	else
		not_ok "$u: -p off: other opens stay the kernel's ($native), /dev/syd is syd's" \
			"native: $native" "got: $out" "$err"
	fi
done
tap_done
