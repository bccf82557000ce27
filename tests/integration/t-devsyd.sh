#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# /dev/syd (syd(2)): a shell inside the sandbox changes its own policy
# with test -c /dev/syd/COMMAND, as esyd does. It allows a directory it
# could not write to, locks, and then fails to unlock; each lock state
# against a query, a command that tightens and one that loosens; lock:exec
# answers the initial process only; a name other than the exact one runs
# nothing. As root and as uid 65534.
. "$(dirname "$0")/lib.sh"

test_users
shared_dir

# The write category on, everything else off: sh runs, writes are ruled.
POL="-p off -m sandbox/write:on -m allow/write+/dev/null"

for u in $users; do
	rm -f "$D"/*
	# Allow, lock, fail to unlock; each step's result in one line.
	as "$u" "$SYD" $POL -m lock:exec sh -c '
		d=$1; r=
		{ echo x >"$d/a"; } 2>/dev/null && r="$r wrote-before" || r="$r refused"
		test -c /dev/syd && r="$r check"
		test -c "/dev/syd/allow/write+$d/***" && r="$r allowed"
		{ echo x >"$d/b"; } 2>/dev/null && r="$r wrote"
		test -c /dev/syd/lock:on && r="$r locked"
		test -c /dev/syd/lock:off || r="$r still-locked"
		test -c /dev/syd || r="$r gone"
		test -c "/dev/syd/deny/write+$d/***" || r="$r no-command"
		{ echo x >"$d/c"; } 2>/dev/null && r="$r still-writes"
		echo $r' sh "$D" >"$TMP/out" 2>"$TMP/err"
	want="refused check allowed wrote locked still-locked gone no-command still-writes"
	if [ "$(cat "$TMP/out")" = "$want" ] && [ -f "$D/b" ] && [ ! -e "$D/a" ]; then
		ok "$u: allow a directory through /dev/syd, lock, cannot unlock"
	else
		not_ok "$u: allow a directory through /dev/syd, lock, cannot unlock" \
			"want: $want" "got: $(cat "$TMP/out")" "stderr: $(cat "$TMP/err")"
	fi

	# Each lock state: a query, a tightening, a loosening command, then
	# whether the tightening rule (deny/write+$D/t) holds.
	for st in off:yyy exec:yyy drop:yyn read:ynn on:nnn; do
		l=${st%%:*} want=${st#*:}
		as "$u" "$SYD" $POL -m "allow/write+$D/***" -m "lock:$l" sh -c '
			d=$1; r=
			test -c /dev/syd/sandbox/write? && r=${r}y || r=${r}n
			test -c "/dev/syd/deny/write+$d/t" && r=${r}y || r=${r}n
			test -c "/dev/syd/allow/write+/etc/***" && r=${r}y || r=${r}n
			echo $r' sh "$D" >"$TMP/out" 2>"$TMP/err"
		got=$(cat "$TMP/out")
		if [ "$got" = "$want" ]; then
			ok "$u: lock:$l: query, tighten, loosen = $want"
		else
			not_ok "$u: lock:$l: query, tighten, loosen = $want" "want $want" \
				"got $got" "stderr: $(cat "$TMP/err")"
		fi
	done

	# A rule added under lock:drop is enforced at once.
	rm -f "$D"/*
	as "$u" "$SYD" $POL -m "allow/write+$D/***" -m lock:drop sh -c '
		test -c "/dev/syd/deny/write+$1/t" && { echo x >"$1/t"; } 2>/dev/null
		echo x >"$1/u"' sh "$D" 2>/dev/null
	if [ ! -e "$D/t" ] && [ -f "$D/u" ]; then
		ok "$u: a rule added under lock:drop holds for the next call"
	else
		not_ok "$u: a rule added under lock:drop holds for the next call" "$(ls "$D")"
	fi

	# lock:exec: the initial process only; its children see no /dev/syd.
	run as "$u" "$SYD" $POL -m lock:exec sh -c \
		'sh -c "test -c /dev/syd" && echo child-sees; test -c /dev/syd && echo initial-sees'
	if [ "$out" = initial-sees ]; then
		ok "$u: lock:exec answers the initial process only"
	else
		not_ok "$u: lock:exec answers the initial process only" "got: $out" "$err"
	fi

	# Queries: true succeeds, false fails with ENOENT (stat(1) says so).
	run as "$u" "$SYD" $POL -m lock:off sh -c \
		'test -c "/dev/syd/sandbox/write?" && echo w; test -c "/dev/syd/sandbox/read?" || echo r;
		 stat -c %F /dev/syd/sandbox/write?; stat /dev/syd/sandbox/read? 2>&1; true'
	contains "$u: a true query is a character device" "$out" "w
r
character special file"
	contains "$u: a false query is ENOENT" "$out" "No such file or directory"

	# Refusals: unknown EINVAL, startup-only EBUSY, a category never
	# hooked EBUSY, a loosening lock EPERM; includes are refused.
	run as "$u" "$SYD" $POL -m lock:off sh -c '
		stat /dev/syd/no/such:cmd 2>&1; stat /dev/syd/unshare/net:1 2>&1
		stat /dev/syd/sandbox/read:on 2>&1; stat "/dev/syd/include /etc/passwd" 2>&1
		stat /dev/syd/lock:on >/dev/null; true'
	contains "$u: unknown command: EINVAL" "$out" "no/such:cmd': Invalid argument"
	contains "$u: a startup-only command: EBUSY" "$out" "unshare/net:1': Device or resource busy"
	contains "$u: a category not hooked at start: EBUSY" "$out" "sandbox/read:on': Device or resource busy"
	contains "$u: include: EPERM" "$out" "passwd': Operation not permitted"

	# Only the exact name: other spellings are looked up, and find nothing.
	ln -sf /dev/syd "$D/link"
	run as "$u" "$SYD" $POL -m lock:off sh -c '
		for p in /dev/./syd/lock:on //dev/syd/lock:on /dev/../dev/syd/lock:on "$1/link/lock:on"; do
			test -c "$p" && echo "ran $p"
		done
		cd /dev && test -c syd/lock:on && echo "ran relative"
		test -c /dev/syd && echo unlocked' sh "$D"
	if [ "$out" = unlocked ]; then
		ok "$u: only /dev/syd as written reaches syd"
	else
		not_ok "$u: only /dev/syd as written reaches syd" "got: $out" "$err"
	fi

	# Hiding: only where a rule could hide a name at start (the listings
	# are hooked then). Otherwise a hiding rule, or taking away an allow
	# rule, is refused (EBUSY) and undone: ls and stat still show the name.
	rm -f "$D"/*
	: >"$D/h"
	: >"$D/h2"
	chmod 0666 "$D"/*
	HID="-p off -m sandbox/stat,list:on -m default/stat,list:allow"
	run as "$u" "$SYD" $HID -m lock:off sh -c '
		d=$1
		stat "/dev/syd/deny/stat+$d/h" >/dev/null 2>&1 || echo refused
		stat "/dev/syd/allow/stat-/nonexistent" >/dev/null 2>&1 || echo refused-removal
		test -e "$d/h" && echo seen
		ls "$d"' sh "$D"
	want="refused
refused-removal
seen
h
h2"
	if [ "$out" = "$want" ]; then
		ok "$u: hiding not possible at start: refused and undone"
	else
		not_ok "$u: hiding not possible at start: refused and undone" \
			"want: $want" "got: $out" "$err"
	fi
	run as "$u" "$SYD" $HID -m "deny/stat+$D/nothing" -m lock:off sh -c '
		d=$1
		test -c "/dev/syd/deny/stat+$d/h" && echo hidden
		test -e "$d/h" || echo gone
		ls "$d"' sh "$D"
	want="hidden
gone
h2"
	if [ "$out" = "$want" ]; then
		ok "$u: hiding possible at start: a rule added hides from ls too"
	else
		not_ok "$u: hiding possible at start: a rule added hides from ls too" \
			"want: $want" "got: $out" "$err"
	fi
done
tap_done
