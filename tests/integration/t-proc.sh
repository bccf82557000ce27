#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# /proc of other processes under syd: what ps reads of a process outside
# the sandbox stays readable, its magic links and the files that expose it
# are refused (EACCES) unless trace/allow_unsafe_magiclinks:1, syd's own
# entries do not exist, and the sandbox's own processes stay open to each
# other but for what needs the right to attach (mem). As root and as uid 65534; each refusal also tried natively, where
# it must work, so a test cannot pass by the entry being unreadable anyway.
. "$(dirname "$0")/lib.sh"

test_users
# A policy with the path categories hooked: a rule can refuse something.
POLICY="-m default/all:allow -m deny/all+/nonexistent/***"

for u in $users; do
	as=
	[ "$u" = nobody ] && as=$NOBODY
	# The outside process: ours (same user), started before syd.
	$as sleep 60 &
	out_pid=$!
	tap_alias /OUTSIDE/ "/$out_pid/" # in task/PID: a name for each run
	sleep 0.2

	for e in environ maps auxv "fd/0" cwd root exe mem; do
		if [ "$e" = mem ]; then
			cmd="exec 3</proc/$out_pid/mem"
		else
			cmd="cat /proc/$out_pid/$e >/dev/null || readlink /proc/$out_pid/$e"
		fi
		if ! $as sh -c "$cmd" >/dev/null 2>&1; then
			skip "$u: /proc/OUTSIDE/$e" "not open natively either"
			continue
		fi
		run $as "$SYD" $POLICY -- sh -c "$cmd"
		case "$rc:$err" in
		0:*) not_ok "$u: /proc/OUTSIDE/$e refused" "it was opened" ;;
		*"ermission denied"*) ok "$u: /proc/OUTSIDE/$e refused" ;;
		*) not_ok "$u: /proc/OUTSIDE/$e refused with EACCES" "rc=$rc" "stderr: $err" ;;
		esac
	done
	run $as "$SYD" $POLICY -- ls /proc/$out_pid/fd
	case "$rc:$err" in
	0:*) not_ok "$u: listing /proc/OUTSIDE/fd refused" "out: $out" ;;
	*) ok "$u: listing /proc/OUTSIDE/fd refused" ;;
	esac
	for e in stat status cmdline comm statm "task/$out_pid/stat"; do
		expect_ok "$u: /proc/OUTSIDE/$e readable" \
			$as "$SYD" $POLICY -- cat /proc/$out_pid/$e
	done
	run $as "$SYD" $POLICY -- ps -e -o pid=,comm=
	contains "$u: ps sees the outside process" "$out" "$out_pid sleep"
	expect_ok "$u: trace/allow_unsafe_magiclinks:1 opens its links" \
		$as "$SYD" $POLICY -m trace/allow_unsafe_magiclinks:1 -- \
		sh -c "readlink /proc/$out_pid/cwd && cat /proc/$out_pid/environ >/dev/null"
	kill "$out_pid" 2>/dev/null
	wait "$out_pid" 2>/dev/null

	# The sandbox's own processes: a child's links and memory map.
	expect_ok "$u: a child's /proc/PID/{cwd,environ,maps} open" \
		$as "$SYD" $POLICY -- sh -c 'sleep 5 & p=$!;
		readlink /proc/$p/cwd && cat /proc/$p/environ /proc/$p/maps >/dev/null;
		r=$?; kill $p; exit $r'
	# What needs the right to attach: another process's memory, its
	# child's too (ptrace is refused in the sandbox); its own stays open.
	if $as sh -c 'sleep 5 & p=$!; (exec 3</proc/$p/mem); r=$?; kill $p; exit $r' \
		2>/dev/null; then
		run $as "$SYD" $POLICY -- sh -c 'sleep 5 & p=$!;
		(exec 3</proc/$p/mem); r=$?; kill $p; exit $r'
		case "$rc:$err" in
		0:*) not_ok "$u: a child's /proc/PID/mem refused" "it was opened" ;;
		*"ermission denied"*) ok "$u: a child's /proc/PID/mem refused" ;;
		*) not_ok "$u: a child's /proc/PID/mem refused with EACCES" "rc=$rc" "stderr: $err" ;;
		esac
	else
		skip "$u: a child's /proc/PID/mem" "not open natively either"
	fi
	# -p nopie: Debian's python3 is not PIE.
	expect_ok "$u: its own /proc/self/mem and its thread's open" \
		$as "$SYD" $POLICY -p nopie -- python3 -c 'import os, threading
def f(): os.close(os.open("/proc/%d/mem" % os.getpid(), os.O_RDONLY))
t = threading.Thread(target=f); t.start(); t.join()
os.close(os.open("/proc/self/mem", os.O_RDONLY))'
	# syd (the sandbox's parent) has no /proc entries for the sandbox.
	run $as "$SYD" $POLICY -- sh -c 'cat /proc/$PPID/status'
	contains "$u: syd's own /proc/PID is missing" "$err" "No such file"
done
# The repro of issue 11 as written: the secret bind-mounted on an allowed
# name in another mount namespace, read through that process's cwd.
if [ "$(id -u)" -eq 0 ] && command -v unshare >/dev/null; then
	mkdir -p "$TMP/ns/secret" "$TMP/ns/pub"
	echo TOPSECRET >"$TMP/ns/secret/FILE"
	echo public >"$TMP/ns/pub/FILE"
	unshare -m --propagation private sh -c "mount --bind $TMP/ns/secret \
		$TMP/ns/pub; cd $TMP/ns/pub; exec sleep 300" &
	ns_pid=$!
	tap_alias /proc/NS/ "/proc/$ns_pid/"
	sleep 0.5
	if [ "$(cat /proc/$ns_pid/cwd/FILE 2>/dev/null)" != TOPSECRET ]; then
		skip "the bind-mount repro" "the namespace could not be made"
	else
		for extra in "" "-m trace/allow_unsafe_magiclinks:1"; do
			run "$SYD" -m default/all:allow -m "deny/all+$TMP/ns/secret/***" \
				$extra -- cat /proc/$ns_pid/cwd/FILE
			case $out in
			*TOPSECRET*) not_ok "the bind-mount repro ${extra:-as written}: blocked" \
				"printed the secret" ;;
			*) ok "the bind-mount repro ${extra:-as written}: blocked ($err)" ;;
			esac
		done
	fi
	kill "$ns_pid" 2>/dev/null
	wait "$ns_pid" 2>/dev/null
else
	skip "the bind-mount repro" "needs root for unshare -m"
fi
tap_done
