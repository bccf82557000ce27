#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The command line of syd and syd-cat: options, help, version, exit status.
. "$(dirname "$0")/lib.sh"

run "$SYD" -h
if [ "$rc" -eq 0 ]; then ok "-h exits 0"; else not_ok "-h exits 0" "rc=$rc"; fi
contains "-h shows usage" "$out" "usage: syd [-hVxqlf]"
contains "-h names the man pages" "$out" "syd(2)"

run "$SYD" -V
contains "-V prints the version" "$out" "syd 0.1.0"
contains "-V reports user notification" "$out" "seccomp user notification: yes"
contains "-V reports ADDFD_FLAG_SEND" "$out" "seccomp ADDFD_FLAG_SEND: yes"
contains "-V reports SYNC_WAKE_UP" "$out" "SYNC_WAKE_UP: yes"
contains "-V reports Landlock ABI" "$out" "landlock: ABI"
contains "-V reports libseccomp" "$out" "libseccomp: 2."

expect_fail "unknown long option" 22 "unknown option '--frobnicate'" "$SYD" --frobnicate
expect_fail "unknown short option" 22 "unknown option '-j'" "$SYD" -j -- true
expect_fail "-m without argument" 22 "option '-m' needs an argument" "$SYD" -m

# Syd's command line (syd(1) synopsis: syd [-acefhlmpqtxEPV], --el, --sh).
# -c STRING: $SYD_SHELL -c STRING [NAME [ARG...]], the exit status its own.
run "$SYD" -p off -c 'echo "c:$0:$1"; exit 3' name arg1
if [ "$rc" -eq 3 ] && [ "$out" = "c:name:arg1" ]; then
	ok "-c runs the string as sh -c, with its operands and status"
else
	not_ok "-c runs the string as sh -c, with its operands and status" "rc=$rc out=$out" "$err"
fi
expect_fail "-c needs a string" 22 "option '-c' needs an argument" "$SYD" -c
# Login shell: the user profile, then ~/.user.syd-3, before the options.
home="$TMP/home"
mkdir -p "$home"
echo secret >"$home/marker"
run env HOME="$home" "$SYD" -l -- cat "$home/marker"
if [ "$rc" -eq 0 ] && [ "$out" = secret ]; then ok "-l: the user profile lets the home be read"; else not_ok "-l: the user profile lets the home be read" "rc=$rc" "$err"; fi
run env HOME="$home" "$SYD" -- cat "$home/marker"
if [ "$rc" -ne 0 ]; then ok "without -l no user profile: refused"; else not_ok "without -l no user profile: refused" "rc=$rc"; fi
run env HOME="$home" "$SYD" -l -- cat "$home/.ssh/x"
contains "-l: the user profile denies ~/.ssh" "$err" ".ssh/x"
run env HOME="$home" "$SYD" -c "cat '$home/marker'"
if [ "$rc" -eq 0 ] && [ "$out" = secret ]; then ok "-c is a login shell too"; else not_ok "-c is a login shell too" "rc=$rc out=$out" "$err"; fi
if command -v bash >/dev/null; then
	# As login(1) starts a shell: argv[0] "-syd".
	run env HOME="$home" bash -c 'exec -a -syd "$0" -- cat "$1"' "$SYD" "$home/marker"
	if [ "$rc" -eq 0 ] && [ "$out" = secret ]; then ok "argv[0] -syd is a login shell"; else not_ok "argv[0] -syd is a login shell" "rc=$rc out=$out" "$err"; fi
	run sh -c "echo 'echo \$0' | env HOME='$home' SYD_SHELL=/bin/sh '$SYD' -l -m 'allow/all+/***'"
	if [ "$out" = "-sh" ]; then ok "-l: the shell runs as a login shell (argv[0] -sh)"; else not_ok "-l: the shell runs as a login shell" "out=$out" "$err"; fi
else
	skip "argv[0] -syd is a login shell" "no bash"
	skip "-l: the shell runs as a login shell" "no bash"
fi
printf 'deny/read+%s/marker\n' "$home" >"$home/.user.syd-3"
run env HOME="$home" "$SYD" -l -- cat "$home/marker"
if [ "$rc" -ne 0 ] && [ -z "$out" ]; then ok "-l loads ~/.user.syd-3"; else not_ok "-l loads ~/.user.syd-3" "rc=$rc out=$out"; fi
run env HOME="$home" "$SYD" --login -m "allow/read+$home/marker" -- cat "$home/marker"
if [ "$rc" -eq 0 ] && [ "$out" = secret ]; then ok "--login: the options apply after ~/.user.syd-3"; else not_ok "--login: the options apply after ~/.user.syd-3" "rc=$rc" "$err"; fi
printf 'nonsense here\n' >"$home/.user.syd-3"
expect_fail "-l: a bad ~/.user.syd-3 refuses to start" 22 ".user.syd-3:1" \
	env HOME="$home" "$SYD" -l -- true
rm -f "$home/.user.syd-3"
run "$SYD" -q -f -p off -- true
if [ "$rc" -eq 0 ]; then ok "-q and -f are accepted"; else not_ok "-q and -f are accepted" "rc=$rc $err"; fi
# -a ALIAS: argv[0] of the command, the program still found by its name.
run "$SYD" -p off -a my-alias -- sh -c 'echo "$0"'
if [ "$out" = my-alias ]; then ok "-a sets the command's argv[0]"; else not_ok "-a sets the command's argv[0]" "out=$out" "$err"; fi
expect_fail "-a needs an alias" 22 "option '-a' needs an argument" "$SYD" -a
expect_fail "-a refuses an empty alias" 22 "-a: the alias is empty" "$SYD" -a '' -- true
# -t TIMEOUT: the sandbox is killed when it runs out, syd exits 124.
mkdir "$TMP/to"
start=$(date +%s)
run "$SYD" -p off -t 1 -- sh -c '(sleep 30; echo late >"$1/f") & sleep 30' sh "$TMP/to"
took=$(($(date +%s) - start))
sleep 0.2
if [ "$rc" -eq 124 ] && [ "$took" -lt 10 ] && [ ! -e "$TMP/to/f" ]; then
	ok "-t: killed after the timeout, exit 124"
else
	not_ok "-t: killed after the timeout, exit 124" "rc=$rc took=$took" "$err"
fi
contains "-t says why it ended" "$err" "timeout after 1 s"
run "$SYD" -p off -t 1m -- sh -c 'exit 3'
if [ "$rc" -eq 3 ]; then ok "-t: a command done in time keeps its status"; else not_ok "-t: a command done in time keeps its status" "rc=$rc $err"; fi
# The -t clock's thread blocks every signal: SIGTERM still reaches the
# command through syd.
"$SYD" -p off -t 1m -- sh -c 'trap "echo caught; exit 5" TERM; sleep 3 & wait' >"$TMP/tterm" 2>&1 &
bg=$!
sleep 0.5
kill -TERM "$bg"
wait "$bg"
rc=$?
if [ "$rc" -eq 5 ] && grep -q caught "$TMP/tterm"; then ok "-t: SIGTERM still reaches the command"; else not_ok "-t: SIGTERM still reaches the command" "rc=$rc" "$(cat "$TMP/tterm")"; fi
expect_fail "-t refuses a bad duration" 22 "-t 'soon': expected a duration" "$SYD" -t soon -- true
expect_fail "-t refuses 0" 22 "-t '0': expected a duration above 0" "$SYD" -t 0 -- true
# -E MODE: the seccomp filter, and nothing runs.
run "$SYD" -p off -m sandbox/read:on -E pfc -- touch "$TMP/E-ran"
if [ "$rc" -eq 0 ] && [ ! -e "$TMP/E-ran" ]; then ok "-E pfc exits 0 without running the command"; else not_ok "-E pfc exits 0 without running the command" "rc=$rc $err"; fi
contains "-E pfc prints the filter" "$out" "pseudo filter code start"
contains "-E pfc: read sandboxing hooks openat" "$out" "openat"
# While /dev/syd can be read (the lock is not on), open(2) of it must
# reach syd even with no category on.
run "$SYD" -p off -m lock:on -E pfc
case "$out" in
*"# filter for syscall \"openat\""*) not_ok "-E pfc: no read sandboxing, no openat hook" "$out" ;;
*) ok "-E pfc: no read sandboxing, no openat hook" ;;
esac
n=$("$SYD" -m sandbox/read:on -E bpf | wc -c)
if [ "$n" -gt 0 ] && [ $((n % 8)) -eq 0 ]; then ok "-E bpf prints whole BPF instructions ($n bytes)"; else not_ok "-E bpf prints whole BPF instructions" "bytes=$n"; fi
expect_fail "-E refuses other modes" 22 "-E 'json': expected bpf or pfc" "$SYD" -E json
# --el: syd.el, the Emacs Lisp client of /dev/syd.
run "$SYD" --el
if [ "$rc" -eq 0 ]; then ok "--el exits 0"; else not_ok "--el exits 0" "rc=$rc"; fi
contains "--el prints syd.el" "$out" "(provide 'syd)"
contains "--el stats /dev/syd" "$out" '(file-attributes (concat "/dev/syd/" command))'
if command -v emacs >/dev/null; then
	"$SYD" --el >"$TMP/syd.el"
	if emacs --batch -l "$TMP/syd.el" --eval '(unless (= (syd-api) 3) (kill-emacs 1))' 2>/dev/null; then
		ok "--el: emacs loads syd.el"
	else
		not_ok "--el: emacs loads syd.el"
	fi
else
	skip "--el: emacs loads syd.el" "no emacs"
fi

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

# Every command of --api is documented in syd(2) or syd(5).
if command -v python3 >/dev/null; then
	run "$SRCDIR/tests/api-doc.sh" "$SYD" "$SRCDIR/man"
	if [ "$rc" -eq 0 ]; then ok "every --api command is in syd(2) or syd(5)"; else not_ok "every --api command is in syd(2) or syd(5)" "$out" "$err"; fi
else
	skip "every --api command is in syd(2) or syd(5)" "no python3"
fi
run "$SYD" --sh
if [ "$rc" -eq 0 ] && [ "$out" = "$(cat "$SRCDIR/src/esyd.sh")" ]; then
	ok "--sh prints src/esyd.sh, the shell code defining esyd"
else
	not_ok "--sh prints src/esyd.sh, the shell code defining esyd" "rc=$rc" "$err"
fi
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
