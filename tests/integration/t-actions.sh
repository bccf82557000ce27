#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every action of syd(7), applied to a real process: what the denied call
# returns, what happens to the process or to syd, and what is logged.
. "$(dirname "$0")/lib.sh"
: "${TRY:?TRY must point at try-syscall}"

mkdir -p "$TMP/d"
echo data >"$TMP/d/f"
chmod -R a+rwX "$TMP"

# act ACTION: open $TMP/d/f under a rule with that action; sets out, err,
# rc and log.
act() {
	SYD_LOG_FD=3 "$SYD" -p linux -m "allow/exec,read,stat+$TRY" \
		-m "$1/read+$TMP/d/f" -- "$TRY" open "$TMP/d/f" \
		>"$TMP/out" 2>"$TMP/err" 3>"$TMP/log"
	rc=$?
	out=$(cat "$TMP/out")
	err=$(cat "$TMP/err")
	log=$(cat "$TMP/log")
}

act allow
if [ "$out" = "OK data" ] && [ -z "$log" ]; then ok "allow: allowed, silent"; else not_ok "allow: allowed, silent" "$out" "$log"; fi
act warn
if [ "$out" = "OK data" ]; then ok "warn: allowed"; else not_ok "warn: allowed" "$out"; fi
contains "warn: logged" "$log" '"act":"warn"'
# exec/kill+PATTERN, the older spelling Paludis's helper still sends, is
# kill/exec+PATTERN: the shell's child running the program is killed
out=$(SYD_LOG_FD=-1 "$SYD" -p linux -m "allow/exec,read,stat+$TRY" \
	-m "exec/kill+$TRY" -- /bin/sh -c "'$TRY' open '$TMP/d/f'; echo rc=\$?" 2>/dev/null)
if [ "$out" = rc=137 ]; then ok "exec/kill+: the program is killed"; else not_ok "exec/kill+: the program is killed" "$out"; fi
act filter
if [ "$out" = EACCES ] && [ -z "$log" ]; then ok "filter: denied, not logged"; else not_ok "filter: denied, not logged" "$out" "$log"; fi
act deny
if [ "$out" = EACCES ] && [ "$rc" -eq 0 ]; then ok "deny: EACCES"; else not_ok "deny: EACCES" "$out rc=$rc"; fi
contains "deny: logged with its tip" "$log" "\"act\":\"deny\",\"path\":\"$TMP/d/f\",\"errno\":\"EACCES\",\"tip\":\"allow/read+$TMP/d/f\""
act kill
if [ "$rc" -eq 137 ] && [ -z "$out" ]; then ok "kill: process killed by SIGKILL"; else not_ok "kill: process killed by SIGKILL" "rc=$rc out=$out"; fi
contains "kill: logged" "$log" '"act":"kill"'
act abort
if [ "$rc" -eq 134 ]; then ok "abort: process got SIGABRT"; else not_ok "abort: process got SIGABRT" "rc=$rc out=$out"; fi
act exit
if [ "$rc" -eq 13 ] && [ -z "$out" ]; then ok "exit: syd ends with the errno"; else not_ok "exit: syd ends with the errno" "rc=$rc out=$out"; fi
act panic
if [ "$rc" -eq 127 ] && [ -z "$out" ]; then ok "panic: syd ends with 127"; else not_ok "panic: syd ends with 127" "rc=$rc out=$out"; fi

# stop: the process is stopped; syd waits. Continue it from outside.
# (No pgrep: a minimal system has no procps. /proc tells the same.)
# child_of: "PID STATE" of a child of $parent.
child_of() {
	for s in /proc/[0-9]*/stat; do
		read -r line <"$s" 2>/dev/null || continue
		# "pid (comm) STATE PPID ...": fields after the last ") "
		set -- ${line##*) }
		if [ "$2" = "$parent" ]; then
			pid=${s#/proc/}
			echo "${pid%/stat} $1"
		fi
	done
}
SYD_LOG_FD=-1 "$SYD" -p linux -m "allow/exec,read,stat+$TRY" \
	-m "stop/read+$TMP/d/f" -- "$TRY" open "$TMP/d/f" >"$TMP/out" 2>&1 &
sydpid=$!
stopped=
for _ in $(seq 1 50); do
	parent=$sydpid
	set -- $(child_of)
	# T, or t: a traced process's stop (the exec guard traces it)
	if [ "${2:-}" = T ] || [ "${2:-}" = t ]; then
		stopped=$1
		break
	fi
	sleep 0.1
done
if [ -n "$stopped" ]; then
	ok "stop: process stopped"
	kill -CONT "$stopped"
else
	not_ok "stop: process stopped" "no stopped child of $sydpid"
	parent=$sydpid
	set -- $(child_of)
	[ -n "${1:-}" ] && kill -KILL "$1" 2>/dev/null
	kill -KILL "$sydpid" 2>/dev/null
fi
wait "$sydpid"
contains "stop: the call was denied" "$(cat "$TMP/out")" "EACCES"

# default actions work the same way
SYD_LOG_FD=3 "$SYD" -p linux -m "allow/exec,read,stat+$TRY" \
	-m "default/read:kill" -- "$TRY" open "$TMP/d/f" >/dev/null 2>&1 3>"$TMP/log"
rc=$?
if [ "$rc" -eq 137 ]; then ok "default/read:kill kills"; else not_ok "default/read:kill kills" "rc=$rc"; fi

# warn on the visibility categories: allowed, and logged, by the full
# lookup and by the fast ones alike (stat, open, readlink)
for op in stat open readlink; do
	SYD_LOG_FD=3 "$SYD" -p linux -m "allow/exec,read,stat+$TRY" \
		-m "allow/read,stat,readlink+$TMP/d/***" -m "warn/stat+$TMP/d/f" \
		-- "$TRY" $op "$TMP/d/f" >"$TMP/out" 2>&1 3>"$TMP/log"
	out=$(cat "$TMP/out")
	case "$out" in OK* | EINVAL) ok "warn/stat: $op allowed" ;; *) not_ok "warn/stat: $op allowed" "$out" ;; esac
	contains "warn/stat: $op logged" "$(cat "$TMP/log")" "\"cap\":\"stat\",\"act\":\"warn\",\"path\":\"$TMP/d/f\""
done
SYD_LOG_FD=3 "$SYD" -p linux -m "allow/exec,read,stat+$TRY" \
	-m "allow/read,stat,walk+$TMP/d/***" -m "warn/walk+$TMP/d" \
	-- "$TRY" open "$TMP/d/f" >"$TMP/out" 2>&1 3>"$TMP/log"
if [ "$(cat "$TMP/out")" = "OK data" ]; then ok "warn/walk: allowed"; else not_ok "warn/walk: allowed" "$(cat "$TMP/out")"; fi
contains "warn/walk: the directory logged" "$(cat "$TMP/log")" "\"cap\":\"walk\",\"act\":\"warn\",\"path\":\"$TMP/d\""

# Decisions are remembered per path only where nothing is owed: a warning
# is logged at every call, and a path allowed for reading is still
# denied for writing, in the same run.
SYD_NPROC=1 SYD_LOG_FD=3 "$SYD" -p linux -m "allow/exec,read,stat+$TRY" \
	-m "allow/read,stat+$TMP/d/***" -m "warn/read+$TMP/d/f" -- \
	sh -c "cat $TMP/d/f; cat $TMP/d/f; cat $TMP/d/f; echo more >>$TMP/d/f; cat $TMP/d/f" \
	>"$TMP/out" 2>/dev/null 3>"$TMP/log"
n=$(grep -c "\"act\":\"warn\",\"path\":\"$TMP/d/f\"" "$TMP/log")
if [ "$n" -eq 4 ]; then ok "warn: logged at every call"; else not_ok "warn: logged at every call" "$n lines"; fi
if [ "$(cat "$TMP/out")" = "data
data
data
data" ] && [ "$(cat "$TMP/d/f")" = data ]; then
	ok "a path read before is still not writable"
else
	not_ok "a path read before is still not writable" "$(cat "$TMP/out")" "$(cat "$TMP/d/f")"
fi

# kill and stop reach a process that changed its ids (root syd acts with
# the process's credentials, but signals with its own)
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
	SYD_LOG_FD=-1 "$SYD" -p linux -m "allow/exec,read,stat+$TRY" \
		-m "allow/exec+/usr/bin/setpriv" -m "kill/read+$TMP/d/f" -- \
		setpriv --reuid=65534 --regid=65534 --clear-groups "$TRY" open "$TMP/d/f" >/dev/null 2>&1
	rc=$?
	if [ "$rc" -eq 137 ]; then ok "kill: a process with other ids is killed"; else not_ok "kill: a process with other ids is killed" "rc=$rc"; fi
	SYD_LOG_FD=-1 "$SYD" -p linux -m "allow/exec,read,stat+$TRY" \
		-m "allow/exec+/usr/bin/setpriv" -m "abort/read+$TMP/d/f" -- \
		setpriv --reuid=65534 --regid=65534 --clear-groups "$TRY" open "$TMP/d/f" >/dev/null 2>&1
	rc=$?
	if [ "$rc" -eq 134 ]; then ok "abort: a process with other ids gets SIGABRT"; else not_ok "abort: a process with other ids gets SIGABRT" "rc=$rc"; fi
else
	skip "kill/abort of a process with other ids" "needs root and setpriv"
fi

tap_done
