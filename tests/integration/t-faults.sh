#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Failures of syd's own system calls, made on cue by a -Dfault_injection
# build (src/fault.c, SYD_FAULT): where syd cannot go on, it ends, and so
# does the sandbox; it never leaves a call waiting for ever. Registered
# only in a fault-injection build (tests/meson.build).
. "$(dirname "$0")/lib.sh"
: "${TRY:?TRY must point at try-syscall}"

T=$TMP/t
A=$T/allowed
mkdir -p "$A" "$T/hidden"
echo hello >"$A/f"
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

# SYD_FAULT itself: a wrong entry is refused before anything runs.
for bad in "nosuchcall:EIO:1" "openat2:ENOTANERRNO:1" "openat2:EIO:0" \
	"openat2:EIO" "openat2:EIO:1@nosuchsyscall"; do
	under "$bad" openat2 "$A" f rdonly
	case $rc:$err in
	2:*SYD_FAULT*) ok "SYD_FAULT=$bad is refused" ;;
	*) not_ok "SYD_FAULT=$bad is refused" "exit $rc: $err" ;;
	esac
done
tap_done
