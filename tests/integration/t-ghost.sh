#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Ghost mode (syd(2) "ghost", syd(7)): a shell inside the sandbox runs
# test -c /dev/syd/ghost, after which every call the filter hooks fails
# with ENOSYS (an open of an allowed file, an exec, /dev/syd itself) while
# the rest works (echo's write), what the kernel refuses stays refused (a
# signal to syd), and the shell's exit status still reaches syd's caller.
# Where the lock lets the command through; never at startup. As root and
# as uid 65534.
. "$(dirname "$0")/lib.sh"

test_users
chmod 0777 "$TMP"
D=$TMP/d
mkdir -p "$D"
echo hi >"$D/f"
chmod -R a+rwX "$D"
tap_alias D "$D"

# Reads are ruled (so open is hooked), exec is not hooked.
POL="-p off -m sandbox/read:on -m allow/read+/***"
ENOSYS="Function not implemented"

for u in $users; do
	# Before, ghost, after: the same read; echo and exit keep working.
	run as "$u" "$SYD" $POL sh -c '
		r=
		read x <"$1" && r="before:$x"
		test -c /dev/syd/ghost && r="$r ghost"
		read y <"$1" || r="$r refused"
		echo $r
		exit 7' sh "$D/f"
	want="before:hi ghost refused"
	case "$rc:$out:$err" in
	"7:$want:"*"$ENOSYS"*) ok "$u: after ghost an allowed open fails (ENOSYS), echo works, status 7 reaches the caller" ;;
	*) not_ok "$u: after ghost an allowed open fails, echo works, status 7" \
		"want 7:$want and $ENOSYS" "got $rc:$out" "stderr: $err" ;;
	esac

	# An exec after ghost: hooked (exec ruled), it fails; unhooked, the
	# loader's own opens fail. Either way nothing runs.
	for pol in "-p off -m sandbox/exec:on -m allow/exec+/***" "$POL"; do
		run as "$u" "$SYD" $pol sh -c '
			test -c /dev/syd/ghost || echo no-ghost
			/bin/echo ran
			echo "exec=$?"'
		case "$out" in
		"exec="[1-9]*) ok "$u: no exec after ghost ($pol)" ;;
		*) not_ok "$u: no exec after ghost ($pol)" "got: $out" "stderr: $err" ;;
		esac
	done

	# /dev/syd is gone: no unlock, no second command.
	run as "$u" "$SYD" $POL -m lock:off sh -c '
		test -c /dev/syd/ghost || echo no-ghost
		test -c /dev/syd/lock:off && echo unlocked
		test -c /dev/syd || echo gone'
	if [ "$out" = gone ]; then
		ok "$u: after ghost /dev/syd answers nothing"
	else
		not_ok "$u: after ghost /dev/syd answers nothing" "got: $out" "stderr: $err"
	fi

	# What the kernel refuses stays refused: a signal to syd, which
	# stays to report the status.
	run as "$u" "$SYD" $POL sh -c '
		test -c /dev/syd/ghost || echo no-ghost
		kill -9 $PPID && echo killed
		exit 5'
	if [ "$rc" -eq 5 ] && [ -z "$out" ]; then
		ok "$u: after ghost syd cannot be signalled and reports the status"
	else
		not_ok "$u: after ghost syd cannot be signalled and reports the status" "rc $rc" "out: $out" "stderr: $err"
	fi

	# Each lock state: g when ghost was accepted, then r when the read
	# still works (no ghost) or f when it fails (ghost).
	for st in off:gf exec:gf drop:gf read:nr on:nr; do
		l=${st%%:*} want=${st#*:}
		run as "$u" "$SYD" $POL -m "lock:$l" sh -c '
			r=
			test -c /dev/syd/ghost && r=g || r=n
			{ read x <"$1"; } 2>/dev/null && r=${r}r || r=${r}f
			echo $r' sh "$D/f"
		if [ "$out" = "$want" ]; then
			ok "$u: lock:$l: ghost, then a read = $want"
		else
			not_ok "$u: lock:$l: ghost, then a read = $want" "want $want" "got $out" \
				"stderr: $err"
		fi
	done

	# lock:exec answers the initial process only: a subshell's ghost is
	# refused, and the shell's read still works.
	run as "$u" "$SYD" $POL sh -c '
		(test -c /dev/syd/ghost && echo ghost)
		read x <"$1" && echo "read:$x"' sh "$D/f"
	if [ "$out" = "read:hi" ]; then
		ok "$u: lock:exec: another process than the initial cannot ghost"
	else
		not_ok "$u: lock:exec: another process than the initial cannot ghost" "got: $out" "stderr: $err"
	fi
done

# At startup there is nothing to let go of: -m ghost is refused.
expect_fail "-m ghost is refused at startup" 22 "ghost is a run-time command" \
	"$SYD" -p off -m ghost true

tap_done
