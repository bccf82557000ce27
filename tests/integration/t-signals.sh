#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Signals a program sends within its own tree (kill by pid and by group,
# tkill, tgkill, sigqueue, pidfd_send_signal, SIGIO by F_SETOWN) answer
# under syd exactly as natively: with Landlock's signal scope (kernels
# 6.12 and later) and without it, where syd decides them itself
# (syscalls/signal.c; SYD_LANDLOCK_ABI=5 makes syd act as on such a
# kernel). kill(-1) reaches the sandbox only: an outside process and syd
# live on. As root and as an unprivileged user.
. "$(dirname "$0")/lib.sh"

: "${SIGS:?SIGS must point at the sigs helper}"
test_users
export SYD_LOG_FD=-1

# same NAME WANT GOT: the same lines, or the difference.
same() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		not_ok "$1" "$(printf '%s\n' "$2" >"$TMP/want"
			printf '%s\n' "$3" | diff "$TMP/want" - )"
	fi
}

# The helper, where uid 65534 may run it.
cp "$SIGS" "$TMP/sigs"
chmod 0755 "$TMP" "$TMP/sigs"

for u in $users; do
	as=
	[ "$u" = nobody ] && as=$NOBODY
	native=$($as "$TMP/sigs")
	case $native in
	*"pidfd_send_signal gone: ESRCH"*) ;;
	*) not_ok "$u: the helper runs natively" "$native"; continue ;;
	esac
	for abi in "" 5; do
		what="with Landlock's signal scope"
		[ -n "$abi" ] && what="without it (SYD_LANDLOCK_ABI=$abi)"
		got=$($as env SYD_LANDLOCK_ABI=$abi "$SYD" -p off -- "$TMP/sigs")
		same "$u: signals within the sandbox, $what" "$native" "$got"
	done
	# The owner read from memory (F_SETOWN_EX, FIOSETOWN): another
	# thread could rewrite it after syd's check. Refused where syd
	# decides signals; with Landlock's scope, the kernel decides.
	want="F_SETOWN_EX: 0
FIOSETOWN: 0"
	same "$u: F_SETOWN_EX and FIOSETOWN natively" "$want" \
		"$($as "$TMP/sigs" owner)"
	same "$u: ... and under syd with Landlock's signal scope" "$want" \
		"$($as "$SYD" -p off -- "$TMP/sigs" owner)"
	same "$u: ... refused without it" "F_SETOWN_EX: EPERM
FIOSETOWN: EPERM" "$($as env SYD_LANDLOCK_ABI=5 "$SYD" -p off -- \
		"$TMP/sigs" owner)"
done

# kill(-1): natively every process the caller may signal. Only as uid
# 65534 (as root a mistake would end every process of the machine).
case " $users " in
*" nobody "*)
	for abi in "" 5; do
		what="with Landlock's signal scope"
		[ -n "$abi" ] && what="without it (SYD_LANDLOCK_ABI=$abi)"
		$NOBODY sleep 30 &
		outside=$!
		got=$($NOBODY env SYD_LANDLOCK_ABI=$abi "$SYD" -p off -- \
			"$TMP/sigs" minus1)
		rc=$?
		if [ "$rc" -eq 0 ] && kill -0 "$outside" 2>/dev/null &&
			[ "$got" = "kill(-1): 0
child: killed by 15" ]; then
			ok "nobody: kill(-1) reaches the sandbox only, $what"
		else
			not_ok "nobody: kill(-1) reaches the sandbox only, $what" \
				"syd exit $rc" "$got" \
				"outside: $(kill -0 "$outside" 2>&1 || echo gone)"
		fi
		kill "$outside" 2>/dev/null
		wait "$outside" 2>/dev/null
	done ;;
*) skip "kill(-1)" "only run as uid 65534" ;;
esac
tap_done
