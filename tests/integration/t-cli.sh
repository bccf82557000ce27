#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The command line of syd and syd-cat: options, help, version, exit status.
. "$(dirname "$0")/lib.sh"

run "$SYD" -h
if [ "$rc" -eq 0 ]; then ok "-h exits 0"; else not_ok "-h exits 0" "rc=$rc"; fi
contains "-h shows usage" "$out" "usage: syd [-hVx]"
contains "-h names the man pages" "$out" "syd(2)"

run "$SYD" -V
contains "-V prints the version" "$out" "syd 0.1.0"
contains "-V reports user notification" "$out" "seccomp user notification: yes"
contains "-V reports ADDFD_FLAG_SEND" "$out" "seccomp ADDFD_FLAG_SEND: yes"
contains "-V reports SYNC_WAKE_UP" "$out" "SYNC_WAKE_UP: yes"
contains "-V reports Landlock ABI" "$out" "landlock: ABI"
contains "-V reports libseccomp" "$out" "libseccomp: 2."

expect_fail "unknown long option" 22 "unknown option '--frobnicate'" "$SYD" --frobnicate
expect_fail "unknown short option" 22 "unknown option '-q'" "$SYD" -q -- true
expect_fail "-m without argument" 22 "option '-m' needs an argument" "$SYD" -m

run "$SYD" --check
if [ "$rc" -eq 1 ]; then ok "--check outside syd exits 1"; else not_ok "--check outside syd exits 1" "rc=$rc"; fi

run "$SYD" --api
contains "--api prints the inventory" "$out" '"commands":[{"key":"lock"'
if command -v python3 >/dev/null; then
	if printf '%s' "$out" | python3 -c 'import json,sys; json.load(sys.stdin)'; then
		ok "--api output is valid JSON"
	else
		not_ok "--api output is valid JSON" "$out"
	fi
else
	skip "--api output is valid JSON" "no python3"
fi

expect_fail "--sh is refused as unsupported" 95 "--sh is not supported yet" "$SYD" --sh
expect_fail "-e needs a name" 22 "-e '=x': expected VAR=VALUE" "$SYD" -e =x -- true
expect_fail "-e rejects bad names" 22 "bad variable name" "$SYD" -e '1A=b' -- true

# Exit status: the command's, 128+N for a signal, errno for syd's failures.
run "$SYD" -p off -- true
if [ "$rc" -eq 0 ]; then ok "exit status 0 passes through"; else not_ok "exit status 0 passes through" "rc=$rc $err"; fi
run "$SYD" -p off -- sh -c 'exit 42'
if [ "$rc" -eq 42 ]; then ok "exit status 42 passes through"; else not_ok "exit status 42 passes through" "rc=$rc $err"; fi
run "$SYD" -p off -- sh -c 'kill -TERM $$'
if [ "$rc" -eq 143 ]; then ok "death by SIGTERM is 128+15"; else not_ok "death by SIGTERM is 128+15" "rc=$rc $err"; fi
# Signals: SIGTERM and SIGHUP sent to syd reach the command; one ignored
# when syd started (nohup) stays ignored, by syd and by the command, as
# without syd. sigs SIGNAL IGNORE: send SIGNAL to syd (or, natively, to
# the command), which then prints; prints "rc=N" at the end.
sigs() {
	(
		[ "$2" = ignore ] && trap '' "$1"
		exec ${3:-} sh -c 'sleep 0.5; echo survived'
	) >"$TMP/sig.out" 2>&1 &
	bg=$!
	sleep 0.2
	kill -s "$1" "$bg"
	wait "$bg"
	echo "rc=$? $(cat "$TMP/sig.out")"
}
for sig in TERM HUP; do
	native=$(sigs $sig ignore)
	got=$(sigs $sig ignore "$SYD -p off --")
	if [ "$got" = "$native" ] && [ "$got" = "rc=0 survived" ]; then
		ok "SIG$sig ignored at start stays ignored"
	else
		not_ok "SIG$sig ignored at start stays ignored" "native: $native" "syd: $got"
	fi
	native=$(sigs $sig catch)
	got=$(sigs $sig catch "$SYD -p off --")
	if [ "$got" = "$native" ]; then ok "SIG$sig reaches the command ($got)"; else not_ok "SIG$sig reaches the command" "native: $native" "syd: $got"; fi
done
expect_fail "default policy refuses to exec" 13 \
	"cannot run 'true': Permission denied" env SYD_LOG_FD=-1 "$SYD" -- true
expect_fail "missing command" 2 "cannot run 'no-such-cmd-xyz': No such file or directory" \
	"$SYD" -p off -- no-such-cmd-xyz
run sh -c "echo 'echo from-the-shell' | env SYD_SHELL= '$SYD' -p off"
contains "default shell is /bin/sh" "$out" "from-the-shell"
expect_fail "SYD_SHELL is used" 2 "cannot run '/bin/zsh-nope'" \
	env SYD_SHELL=/bin/zsh-nope "$SYD" -p off
expect_fail "unenforced protections refuse to start" 95 \
	"'sandbox/lock:on' is not enforced by this build yet" \
	"$SYD" -p off -m sandbox/lock:on -- true
expect_fail "panic exits 127" 127 "panic" "$SYD" -m panic -- true

expect_fail "bad SYD_LOG" 22 "SYD_LOG: expected" env SYD_LOG=chatty "$SYD" -p off -- true
expect_fail "bad SYD_LOG_FD" 22 "SYD_LOG_FD: expected a file descriptor" \
	env SYD_LOG_FD=x "$SYD" -p off -- true

# syd-cat
run "$SYD_CAT" -p list
contains "syd-cat -p list lists paludis" "$out" "paludis"
contains "syd-cat -p list lists agent" "$out" "agent"
run "$SYD_CAT" -p off
if [ "$out" = "sandbox/all:off" ]; then ok "syd-cat -p off prints the profile"; else not_ok "syd-cat -p off prints the profile" "$out"; fi
expect_fail "syd-cat unknown profile" 22 "-p 'nosuch': unknown profile" "$SYD_CAT" -p nosuch
expect_fail "syd-cat with nothing" 22 "syd-cat: nothing to check" "$SYD_CAT"
expect_fail "syd-cat bad option" 22 "syd-cat: unknown option" "$SYD_CAT" -x

cat >"$TMP/n.syd-3" <<'EOC'
# a comment
   sandbox/read:on   
allow/read+${HOME}/x   # note

include_profile off
EOC
run env HOME=/home/cat "$SYD_CAT" "$TMP/n.syd-3"
expected=$(printf 'sandbox/read:on\nallow/read+/home/cat/x\nsandbox/all:off')
if [ "$rc" -eq 0 ] && [ "$out" = "$expected" ]; then
	ok "syd-cat FILE prints it normalised"
else
	not_ok "syd-cat FILE prints it normalised" "rc=$rc" "$out"
fi
# trace/exit_wait_all: a job the command left in the background keeps its
# supervisor until it is done, and the command's status is syd's
mkdir "$TMP/bg"
# shellcheck disable=SC2016
run "$SYD" -p linux -m "allow/all+$TMP/bg/***" -m trace/exit_wait_all:1 -- \
	sh -c '(sleep 0.3; echo late >"$1/f") & exit 7' sh "$TMP/bg"
if [ "$rc" -eq 7 ] && [ "$(cat "$TMP/bg/f" 2>/dev/null)" = late ]; then
	ok "exit_wait_all: the background job finished under syd"
else
	not_ok "exit_wait_all: the background job finished under syd" "rc=$rc" "$err"
fi

run "$SYD_CAT" -j -m 'allow/read+/x'
contains "syd-cat -j prints the state" "$out" '"rules":[{"act":"allow","cap":"read","pat":"/x"}]'

tap_done
