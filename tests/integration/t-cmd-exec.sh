#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# cmd/exec!PROGRAM (syd(2)): a process in the sandbox has syd run a
# program outside it, its arguments joined by ASCII 0x1F as syd-exec(1)
# writes them. Outside: it writes where the sandbox may not. As the
# caller: its uid, at most its capabilities, no_new_privs (a root syd's
# caller that became uid 65534 gets no root back). Only where the lock
# lets a command through (off; exec, for the initial process); never at
# startup, never after ghost. As root and as uid 65534.
. "$(dirname "$0")/lib.sh"
: "${TRY:?TRY must point at try-syscall}"

test_users
shared_dir
US=$(printf '\037')

# Writes are ruled and $D is not allowed: only what runs outside writes it.
POL="-p off -m sandbox/write:on -m allow/write+/dev/null"

# wait_for FILE: the program runs on its own; give it a few seconds to
# make FILE (written under another name, then moved there).
wait_for() {
	i=0
	while [ ! -e "$1" ] && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}

# A line the program writes: its uid, effective caps, no_new_privs.
PROBE="id -u; sed -n 's/^CapEff:[[:space:]]*//p; s/^NoNewPrivs:[[:space:]]*//p' /proc/self/status"

for u in $users; do
	uid=0
	[ "$u" = root ] || uid=$(as "$u" id -u)
	rm -f "$D"/*
	run as "$u" "$SYD" $POL -m lock:off sh -c '
		r=
		{ echo x >"$1/in"; } 2>/dev/null && r="$r wrote-inside"
		test -c "/dev/syd/cmd/exec!/bin/sh$2-c$2{ $3; } >$1/o; mv $1/o $1/out" && r="$r ran"
		test -c "/dev/syd/cmd/exec!no-such-program-here" || r="$r refused"
		echo $r' \
		sh "$D" "$US" "$PROBE"
	wait_for "$D/out"
	got=$(tr '\n' ' ' <"$D/out" 2>/dev/null)
	mode=$(stat -c %a "$D/out" 2>/dev/null)
	case "$out|$got|$mode|$uid" in
	"ran refused|$uid "*" 1 |600|"*) ok "$u: cmd/exec runs outside, as the caller ($got), umask 077" ;;
	*) not_ok "$u: cmd/exec runs outside, as the caller" "out: $out" \
		"program: $got mode $mode" "stderr: $err" ;;
	esac
	# A root caller's capabilities are its own (full here), not none.
	case "$u:$got" in
	root:"0 0000000000000000 "* | *:) not_ok "$u: the program has the caller's capabilities" "got $got" ;;
	*) ok "$u: the program has the caller's capabilities ($got)" ;;
	esac

	# Each lock state; lock:exec from the initial process and from a
	# subshell (another process): y when the program ran.
	for st in off:y exec:y drop:n read:n on:n sub:n; do
		l=${st%%:*} want=${st#*:}
		rm -f "$D"/*
		lock=$l
		[ "$l" = sub ] && lock=exec
		if [ "$l" = sub ]; then
			script='(test -c "/dev/syd/cmd/exec!/bin/touch$2$1/ran")'
		else
			script='test -c "/dev/syd/cmd/exec!/bin/touch$2$1/ran"'
		fi
		run as "$u" "$SYD" $POL -m "lock:$lock" sh -c "$script" sh "$D" "$US"
		[ "$want" = y ] && wait_for "$D/ran"
		[ "$want" = n ] && sleep 0.3
		got=n
		[ -e "$D/ran" ] && got=y
		if [ "$got" = "$want" ]; then
			ok "$u: lock:$l: cmd/exec ran = $want"
		else
			not_ok "$u: lock:$l: cmd/exec ran = $want" "want $want" "got $got" "stderr: $err"
		fi
	done

	# After ghost /dev/syd is gone: no cmd/exec.
	rm -f "$D"/*
	run as "$u" "$SYD" $POL -m lock:off sh -c '
		test -c /dev/syd/ghost
		test -c "/dev/syd/cmd/exec!/bin/touch$2$1/ran"' sh "$D" "$US"
	sleep 0.3
	if [ ! -e "$D/ran" ]; then
		ok "$u: no cmd/exec after ghost"
	else
		not_ok "$u: no cmd/exec after ghost" "stderr: $err"
	fi
done

# A root syd's caller that became uid 65534: the program runs as 65534,
# with no capability and no way back to root.
if [ "$(id -u)" -eq 0 ]; then
	rm -f "$D"/*
	run "$SYD" -p off -m lock:off -- "$TRY" ids 65534,65534,65534 stat \
		"/dev/syd/cmd/exec!/bin/sh$US-c$US{ $PROBE; } >$D/o; mv $D/o $D/out"
	wait_for "$D/out"
	got=$(tr '\n' ' ' <"$D/out" 2>/dev/null)
	if [ "$got" = "65534 0000000000000000 1 " ]; then
		ok "root syd, caller uid 65534: the program runs as 65534, no capabilities"
	else
		not_ok "root syd, caller uid 65534: the program runs as 65534, no capabilities" \
			"got: $got" "out: $out" "stderr: $err"
	fi
else
	skip "root syd, caller uid 65534" "not root"
fi

expect_fail "-m cmd/exec is refused at startup" 22 "cmd/exec is a run-time command" \
	"$SYD" -p off -m "cmd/exec!/bin/true" true

tap_done
