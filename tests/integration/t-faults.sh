#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Failures of syd's own system calls, made on cue by a -Dfault_injection
# build (src/fault.c, SYD_FAULT): whatever fails while a call is handled,
# the call ends in an error or in the allow it had anyway, never in
# access to what the policy refuses, never "continued" to the kernel,
# never in a hang; where syd cannot go on, it ends, and so does the
# sandbox. Registered only in a fault-injection build (tests/meson.build).
#
# For each call below, every wrapped call its handler makes is failed in
# turn (SYD_FAULT=*:EIO:N@SYSCALL, N = 1, 2... until no call is left),
# again with ENOENT (the error a lookup most easily takes for "missing"),
# then each kind of call at once (NAME:EIO:*@SYSCALL).
. "$(dirname "$0")/lib.sh"
: "${TRY:?TRY must point at try-syscall}"

T=$TMP/t
A=$T/allowed
mkdir -p "$A/d" "$T/denied/d" "$T/hidden" "$T/ro"
echo hello >"$A/f"
echo SECRET-denied >"$T/denied/f"
echo SECRET-hidden >"$T/hidden/f"
echo SECRET-env >"$A/.env"
echo readonly >"$T/ro/f"
ln -s f "$A/lnk"
ln -s ../denied/f "$A/to-denied"
ln -s ../hidden/f "$A/to-hidden"
ln -s ../denied "$A/to-denied-dir"
ln -s ../hidden "$A/to-hidden-dir"
ln -s f "$T/hidden/lnk"
# a program the policy refuses to run: it would print the secret
cp "$TRY" "$T/denied/prog"
ln -s ../denied/prog "$A/to-prog"
chmod -R a+rwX "$TMP"

POLICY="-p linux -m allow/exec,read,stat+$TRY
	-m allow/all+$A/***
	-m allow/read,stat,readdir,readlink+$T/ro/***
	-m deny/stat+$T/hidden/***
	-m deny/stat+$A/.env*"

# under FAULT ARGS...: try-syscall ARGS under syd with SYD_FAULT=FAULT.
# Sets $out (its output), $err (syd's stderr) and $rc. A hang is a failure
# (timeout's 124); the sanitizer build is slow, hence the margin.
under() {
	fault=$1
	shift
	# shellcheck disable=SC2086
	SYD_FAULT=$fault SYD_LOG_FD=-1 timeout 60 "$SYD" $POLICY -- \
		"$TRY" "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	out=$(cat "$TMP/out")
	err=$(cat "$TMP/err")
}

# The call failed on cue: its name, or "" when no call was left to fail.
hit() {
	sed -n 's/^syd: fault: \(.*\) failed with .*/\1/p' "$TMP/err" | head -n 1
}

is_errno() {
	case $1 in
	E[A-Z0-9]*) return 0 ;;
	*) return 1 ;;
	esac
}

# judge KIND BASE EFFECT CALL: what is wrong with the last run, if
# anything, on stdout. KIND deny: the call is refused without a fault, so
# it must fail with one, and EFFECT (a shell test that says "done" when
# the call's effect happened) must stay silent. KIND allow: an error or
# the outcome BASE it has without a fault; after an error EFFECT must be
# silent too, unless the fault was in handing the answer over (the effect
# is made first, as the kernel makes it before copying a result out).
# Where syd cannot go on (its rights could not be dropped again) it ends
# with an errno as its status, and the sandbox with it: the call then got
# nothing (killed) or ENOSYS (the listener closed), never an answer.
judge() {
	kind=$1 base=$2 effect=$3 call=$4 why= ended=
	case $rc in
	0) ;;
	# a hang (timeout), ASan's and UBSan's status (tests/run), a signal
	98 | 99 | 124 | 1[3-9][0-9] | 2[0-9][0-9]) why="exit $rc;" ;;
	*) ended=1
	   case $out in "" | ENOSYS) ;; *) why="exit $rc after an answer;" ;; esac
	   ;;
	esac
	case $out in *SECRET*) why="$why the secret;" ;; esac
	case $err in *"answered continue"*) why="$why continued;" ;; esac
	done=
	[ -n "$effect" ] && done=$(eval "$effect")
	if [ -n "$ended" ]; then
		[ "$kind" = allow ] || [ -z "$done" ] || why="$why its effect;"
	elif [ "$kind" = deny ]; then
		is_errno "$out" || why="$why allowed;"
		[ -z "$done" ] || why="$why its effect;"
	elif is_errno "$out"; then
		case $call in notif_addfd | notif_send) done= ;; esac
		[ -z "$done" ] || why="$why an error, yet its effect;"
	elif [ "$out" != "$base" ]; then
		why="$why not its outcome ($base);"
	fi
	[ -z "$why" ] || echo "$why got: $out"
}

# faults NAME KIND SYSCALL BEFORE EFFECT ARGS...: the test described at
# the top for try-syscall ARGS, whose handler is SYSCALL's. BEFORE (shell)
# puts back what a run changed.
faults() {
	name=$1 kind=$2 sys=$3 before=$4 effect=$5
	shift 5
	eval "$before"
	under "" "$@"
	base=$out
	if [ "$kind" = deny ] && ! is_errno "$base"; then
		not_ok "$name: refused without a fault" "got: $base"
		return
	fi
	bad= calls= n=1
	while :; do
		eval "$before"
		under "*:EIO:$n@$sys" "$@"
		call=$(hit)
		[ -n "$call" ] || break
		calls="$calls $call"
		why=$(judge "$kind" "$base" "$effect" "$call")
		[ -z "$why" ] || bad="$bad
fault $n ($call, EIO): $why"
		n=$((n + 1))
	done
	total=$((n - 1))
	# The same calls fail in the same order: the handler is the same
	# until the fault. A notification ioctl's ENOENT says the caller is
	# gone, and nothing then waits for the answer: not made up here.
	n=0
	for call in $calls; do
		n=$((n + 1))
		case $call in notif_*) continue ;; esac
		eval "$before"
		under "*:ENOENT:$n@$sys" "$@"
		why=$(judge "$kind" "$base" "$effect" "$(hit)")
		[ -z "$why" ] || bad="$bad
fault $n ($(hit), ENOENT): $why"
	done
	for call in $(printf '%s\n' $calls | sort -u); do
		eval "$before"
		under "$call:EIO:*@$sys" "$@"
		# Every answer failing ends syd: judged on its own below.
		[ "$call" = notif_send ] && continue
		why=$(judge "$kind" "$base" "$effect" "$call")
		[ -z "$why" ] || bad="$bad
every $call: $why"
	done
	if [ "$total" -lt 3 ]; then
		not_ok "$name" "only $total calls failed on cue: is syd built" \
			"with -Dfault_injection=true? $err"
	elif [ -n "$bad" ]; then
		not_ok "$name: each of $total faults" "$bad"
	else
		ok "$name: each of $total faults, and every call of a kind"
	fi
}

# open(2) family (openat2: the loader opens libraries with openat, which
# would be failed too)
faults "an allowed open" allow openat2 "" "" openat2 "$A" f rdonly
faults "an allowed open through a symlink" allow openat2 "" "" \
	openat2 "$A" lnk rdonly
faults "an open of a denied file through a symlink" deny openat2 "" "" \
	openat2 "$A" to-denied rdonly
faults "an open of a hidden file through a symlink" deny openat2 "" "" \
	openat2 "$A" to-hidden rdonly
faults "an open of a denied file by .." deny openat2 "" "" \
	openat2 "$A" ../denied/f rdonly
faults "an open of a hidden name" deny openat2 "" "" openat2 "$A" .env rdonly
faults "an allowed create" allow openat2 'rm -f "$A/new"' \
	'[ -e "$A/new" ] && echo done' openat2 "$A" new creat,wronly
faults "a create in a denied directory through a symlink" deny openat2 "" \
	'[ -e "$T/denied/new" ] && echo done' \
	openat2 "$A" to-denied-dir/new creat,wronly
faults "a truncating open of a read-only file" deny openat2 "" \
	'[ -s "$T/ro/f" ] || echo done' openat2 "$T/ro" f wronly,trunc
faults "an open of another process's /proc entry" deny openat2 "" "" \
	openat2 /proc 1/environ rdonly
faults "an open through the caller's own /proc/self" allow openat2 "" "" \
	openat2 /proc self/cwd/f rdonly
# stat(2) family (statx: the loader stats with newfstatat)
faults "a stat under a hidden directory through a symlink" deny statx "" "" \
	statx "$A/to-hidden-dir/f"
faults "a stat of a hidden name" deny statx "" "" statx "$A/.env"
faults "an allowed stat" allow statx "" "" statx "$A/f"
faults "an access(2) under a hidden directory" deny access "" "" \
	access "$A/to-hidden-dir/f"
# a listing never shows the hidden name, whatever fails while it is made
faults "a listing with a hidden name" allow getdents64 "" \
	'case $out in *.env*) echo done ;; esac' list "$A"
# an exec the policy refuses never runs (the program would print the
# secret); by execveat, as syd starts the sandbox with an execve
faults "an exec of a denied program through a symlink" deny execveat "" "" \
	execat "$A/to-prog" openat2 "$T/denied" f rdonly
# calls that change the file system
faults "an allowed mkdir" allow mkdir 'rmdir "$A/new" 2>/dev/null' \
	'[ -d "$A/new" ] && echo done' mkdir "$A/new"
faults "a mkdir in a denied directory" deny mkdir "" \
	'[ -d "$T/denied/new" ] && echo done' mkdir "$A/to-denied-dir/new"
faults "an rmdir in a denied directory" deny rmdir "" \
	'[ -d "$T/denied/d" ] || echo done' rmdir "$A/to-denied-dir/d"
faults "an allowed unlink" allow unlink 'echo v >"$A/v"' \
	'[ -e "$A/v" ] || echo done' unlink "$A/v"
faults "an unlink in a denied directory" deny unlink "" \
	'[ -e "$T/denied/f" ] || echo done' unlink "$A/to-denied-dir/f"
faults "an allowed rename" allow rename 'rm -f "$A/w"; echo v >"$A/v"' \
	'[ -e "$A/w" ] && echo done' rename "$A/v" "$A/w"
faults "a rename out of a denied directory" deny rename "" \
	'[ -e "$A/stolen" ] && echo done' rename "$A/to-denied-dir/f" "$A/stolen"
faults "a link to a denied file" deny link "" \
	'[ -e "$A/stolen" ] && echo done' link "$A/to-denied-dir/f" "$A/stolen"
faults "a symlink in a denied directory" deny symlink "" \
	'[ -L "$T/denied/sl" ] && echo done' symlink x "$A/to-denied-dir/sl"
faults "a readlink under a hidden directory" deny readlink "" "" \
	readlink "$A/to-hidden-dir/lnk"
faults "a chmod of a denied file" deny chmod "" \
	'[ "$(stat -c %a "$T/denied/f")" = 600 ] && echo done' \
	chmod "$A/to-denied-dir/f" 600
faults "a truncate of a denied file" deny truncate "" \
	'[ -s "$T/denied/f" ] || echo done' truncate "$A/to-denied-dir/f" 0
faults "a utimensat of a denied file" deny utimensat \
	'touch -d @946684800 "$T/denied/f"' \
	'[ "$(stat -c %Y "$T/denied/f")" = 946684800 ] || echo done' \
	utimensat "$A/to-denied-dir/f"
faults "a mknod in a denied directory" deny mknodat "" \
	'[ -p "$T/denied/fifo" ] && echo done' mknod "$A/to-denied-dir/fifo" fifo
faults "a chdir into a hidden directory" deny chdir "" "" \
	chdir "$A/to-hidden-dir"
# A caller whose ids changed is served with its credentials: a fault in
# taking them on never leaves the call to syd's own.
if [ "$(id -u)" -eq 0 ]; then
	echo root >"$A/root"
	faults "a write as uid 65534 to a file only root may write" deny \
		openat2 'chmod 644 "$A/root"' \
		'[ "$(cat "$A/root")" = root ] || echo done' \
		ids 65534,65534,65534 openat2 "$A" root wronly,trunc
	faults "an access(2) as uid 65534 to a file only root may read" deny \
		access 'chmod 600 "$A/root"' "" \
		ids 65534,65534,65534 access "$A/root" r
else
	skip "faults in taking on a caller's credentials" "syd runs as root only there"
fi

# An answer that cannot be sent: a plain denial instead; if that fails
# too, syd ends (status EIO), which closes the listener, and the sandbox
# with it: nothing started meanwhile gets to act.
under "notif_send:EIO:1@statx" statx "$A/f"
if [ "$rc" -eq 0 ] && [ "$out" = EACCES ]; then
	ok "an answer that cannot be sent: denied instead"
else
	not_ok "an answer that cannot be sent: denied instead" \
		"exit $rc, got: $out" "$err"
fi
rm -f "$A/marker"
# shellcheck disable=SC2086
SYD_FAULT="notif_send:EIO:*@statx" SYD_LOG_FD=-1 timeout 60 "$SYD" $POLICY \
	-m "allow/exec+/bin/*" -m "allow/exec+/usr/bin/*" -- sh -c '
	(sleep 1; echo alive >"$1/marker") &
	"$2" statx "$1/f"' sh "$A" "$TRY" >"$TMP/out" 2>&1
rc=$?
sleep 2
if [ "$rc" -eq 5 ] && [ ! -e "$A/marker" ] &&
	! grep -q '^OK' "$TMP/out"; then
	ok "no answer can be sent: syd ends, with the sandbox"
else
	not_ok "no answer can be sent: syd ends, with the sandbox" \
		"exit $rc (want 5), marker: $(cat "$A/marker" 2>&1)" \
		"$(cat "$TMP/out")"
fi
# A receive that fails (never for a working listener): syd ends.
under "notif_recv:EIO:4" openat2 "$A" f rdonly
if [ "$rc" -eq 5 ] && [ -z "$out" ]; then
	ok "a notification that cannot be received: syd ends"
else
	not_ok "a notification that cannot be received: syd ends" \
		"exit $rc (want 5), got: $out" "$err"
fi

# The exec guard's tracer (@tracer): each allocation it makes at an exec
# failed in turn. Whatever it was for (the image's ELF read, AT_SECURE,
# the process table SegvGuard names crashes from), the image does not run:
# syd says "cannot run" and exits 13; with no allocation left, it runs.
for kind in malloc realloc; do
	n=1
	while [ "$n" -le 20 ]; do
		SYD_FAULT="$kind:ENOMEM:$n@tracer" SYD_LOG_FD=2 timeout 60 \
			"$SYD" -p off -- sh -c 'echo ran' >"$TMP/out" 2>"$TMP/err"
		rc=$?
		out=$(cat "$TMP/out")
		[ -z "$(hit)" ] && break
		if [ "$rc" -eq 13 ] && [ -z "$out" ]; then
			ok "tracer: $kind $n fails at the exec: the image does not run"
		else
			not_ok "tracer: $kind $n fails at the exec: the image does not run" \
				"exit $rc (want 13), got: $out" "$(cat "$TMP/err")"
		fi
		n=$((n + 1))
	done
	if [ "$out" = ran ] && [ "$n" -gt 1 ]; then
		ok "tracer: with no $kind failed, it runs"
	else
		not_ok "tracer: with no $kind failed, it runs" \
			"after $n: exit $rc, got: $out" "$(cat "$TMP/err")"
	fi
done
# The table growing (past 32 processes at once) fails: who it was for is
# killed before it runs anything.
SYD_FAULT="calloc:ENOMEM:1@tracer" SYD_LOG_FD=2 timeout 60 "$SYD" -p off -- \
	sh -c 'for i in $(seq 40); do (sleep 1 && echo x) & done; wait' \
	>"$TMP/out" 2>"$TMP/err"
ran=$(grep -c x "$TMP/out")
if [ "$(hit)" = calloc ] && [ "$ran" -lt 40 ] &&
	grep -q 'killed: no memory to track it' "$TMP/err"; then
	ok "tracer: a process the table cannot hold is killed"
else
	not_ok "tracer: a process the table cannot hold is killed" \
		"$ran of 40 ran" "$(cat "$TMP/err")"
fi

# SYD_FAULT itself: a wrong entry is refused before anything runs.
for bad in "nosuchcall:EIO:1" "openat2:ENOTANERRNO:1" "openat2:EIO:0" \
	"openat2:EIO" "openat2:EIO:1@nosuchsyscall" "openat2:EIO:1@tracers"; do
	under "$bad" openat2 "$A" f rdonly
	case $rc:$err in
	2:*SYD_FAULT*) ok "SYD_FAULT=$bad is refused" ;;
	*) not_ok "SYD_FAULT=$bad is refused" "exit $rc: $err" ;;
	esac
done
tap_done
