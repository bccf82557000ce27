#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# mask and append with real programs, as root and as uid 65534. mask: cat
# of a masked file reads nothing, what is written to it vanishes, stat
# shows the replacement, a rename or link of it (or a rename of a
# directory above it) is refused; the file itself is untouched; a TARGET
# replaces it (a directory for a directory). append: >> adds; >,
# truncate(1), rm, mv (of it or of a directory above it) and sed -i are
# refused; dd conv=notrunc at offset 0 and Python's writes land at the
# end, a read-write open is refused; the first line is never lost.
. "$(dirname "$0")/lib.sh"

test_users
chmod 0755 "$TMP"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=

# sy USER OPTS... -- CMD...: syd (no sandboxing but the options) runs CMD
# as USER, log lines off.
sy() {
	u=$1
	shift
	as "$u" env SYD_LOG_FD=-1 "$SYD" -p off \
		-m trace/allow_unsafe_exec_nopie:1 "$@"
}

for u in $users; do
	T=$TMP/$u
	mkdir -p "$T/dir" "$T/empty"
	printf 'secret\n' >"$T/secret"
	printf 'decoy\n' >"$T/decoy"
	printf 'inside\n' >"$T/dir/file"
	printf 'line1\n' >"$T/log"
	mkdir -p "$T/sub"
	printf 'kept\n' >"$T/sub/kept"
	[ "$u" = nobody ] && chown -R 65534:65534 "$T"
	tap_alias T "$T"
	M="-m mask+$T/secret"
	A="-m append+$T/log"

	# --- mask ---
	# shellcheck disable=SC2086
	run sy "$u" $M -- cat "$T/secret"
	if [ "$rc" -eq 0 ] && [ -z "$out" ]; then
		ok "$u: cat of a masked file reads nothing"
	else
		not_ok "$u: cat of a masked file reads nothing" \
			"exit $rc, stdout: $out" "stderr: $err"
	fi
	# shellcheck disable=SC2086
	run sy "$u" $M -- sh -c "echo overwritten >'$T/secret' &&
		echo more >>'$T/secret' && cat '$T/secret'"
	if [ "$rc" -eq 0 ] && [ -z "$out" ] &&
		[ "$(cat "$T/secret")" = secret ]; then
		ok "$u: writes to a masked file vanish, the file is unchanged"
	else
		not_ok "$u: writes to a masked file vanish, the file is unchanged" \
			"exit $rc, stdout: $out, file: $(cat "$T/secret")" \
			"stderr: $err"
	fi
	# shellcheck disable=SC2086
	run sy "$u" $M -- stat -L -c '%F %s' "$T/secret"
	contains "$u: stat of a masked file is /dev/null's" "$out" \
		"character special file 0"
	# shellcheck disable=SC2086
	run sy "$u" $M -- cat "$T/decoy"
	contains "$u: a file next to it is not masked" "$out" decoy
	# shellcheck disable=SC2086
	run sy "$u" $M -- sh -c "mv '$T/secret' '$T/moved' ||
		ln '$T/secret' '$T/linked' || echo refused"
	if [ "$out" = refused ] && [ -f "$T/secret" ] && [ ! -e "$T/moved" ] &&
		[ ! -e "$T/linked" ]; then
		ok "$u: a masked file is not renamed or linked elsewhere"
	else
		not_ok "$u: a masked file is not renamed or linked elsewhere" \
			"stdout: $out" "stderr: $err"
	fi
	run sy "$u" -m "mask+$T/secret:$T/decoy" -- cat "$T/secret"
	contains "$u: mask+PATTERN:TARGET reads the target" "$out" decoy
	run sy "$u" -m "mask+$T/dir:$T/empty" -- ls -A "$T/dir"
	if [ "$rc" -eq 0 ] && [ -z "$out" ]; then
		ok "$u: a directory masked by an empty one lists nothing"
	else
		not_ok "$u: a directory masked by an empty one lists nothing" \
			"exit $rc, stdout: $out" "stderr: $err"
	fi
	run sy "$u" -m "mask+$T/dir/***" -- sh -c "ls '$T/dir'; cat '$T/dir/file'"
	if [ "$out" = file ]; then
		ok "$u: DIR/*** masks the files below, their names stay"
	else
		not_ok "$u: DIR/*** masks the files below, their names stay" \
			"stdout: $out" "stderr: $err"
	fi

	run sy "$u" -m "mask+$T/sub/kept" -- mv "$T/sub" "$T/sub2"
	if [ "$rc" -ne 0 ] && [ -d "$T/sub" ]; then
		contains "$u: a directory above a masked file is not renamed" \
			"$err" "Permission denied"
	else
		not_ok "$u: a directory above a masked file is not renamed" \
			"exit $rc" "stderr: $err"
	fi

	# --- append ---
	run sy "$u" -m "append+$T/sub/kept" -- mv "$T/sub" "$T/sub2"
	if [ "$rc" -ne 0 ] && [ -d "$T/sub" ]; then
		contains "$u: a directory above an append-only file is not renamed" \
			"$err" "Operation not permitted"
	else
		not_ok "$u: a directory above an append-only file is not renamed" \
			"exit $rc" "stderr: $err"
	fi
	# shellcheck disable=SC2086
	run sy "$u" $A -- sh -c "echo line2 >>'$T/log'"
	if [ "$rc" -eq 0 ] && [ "$(cat "$T/log")" = "line1
line2" ]; then
		ok "$u: >> adds to an append-only file"
	else
		not_ok "$u: >> adds to an append-only file" "exit $rc" \
			"file: $(cat "$T/log")" "stderr: $err"
	fi
	# shellcheck disable=SC2086
	run sy "$u" $A -- sh -c "echo gone >'$T/log'"
	case "$rc:$err" in
	[1-9]*"Operation not permitted"*) ok "$u: > is refused (EPERM)" ;;
	*) not_ok "$u: > is refused (EPERM)" "exit $rc" "stderr: $err" ;;
	esac
	for cmd in "truncate -s 0" "rm -f" "sed -i s/line/LINE/"; do
		# shellcheck disable=SC2086
		run sy "$u" $A -- $cmd "$T/log"
		if [ "$rc" -ne 0 ] && [ -f "$T/log" ]; then
			contains "$u: $cmd is refused (EPERM)" "$err" \
				"Operation not permitted"
		else
			not_ok "$u: $cmd is refused (EPERM)" "exit $rc" \
				"stderr: $err"
		fi
	done
	# shellcheck disable=SC2086
	run sy "$u" $A -- mv "$T/log" "$T/log.old"
	if [ "$rc" -ne 0 ] && [ ! -e "$T/log.old" ]; then
		contains "$u: mv is refused (EPERM)" "$err" "Operation not permitted"
	else
		not_ok "$u: mv is refused (EPERM)" "exit $rc" "stderr: $err"
	fi
	# dd opens without O_TRUNC and writes at offset 0: it lands at the end.
	# shellcheck disable=SC2086
	run sy "$u" $A -- sh -c "printf 'XXXXX\n' |
		dd of='$T/log' conv=notrunc seek=0 status=none"
	if [ "$rc" -eq 0 ] && [ "$(cat "$T/log")" = "line1
line2
XXXXX" ]; then
		ok "$u: dd conv=notrunc at offset 0 appends"
	else
		not_ok "$u: dd conv=notrunc at offset 0 appends" "exit $rc" \
			"file: $(cat "$T/log")" "stderr: $err"
	fi
	if [ -n "$PY" ]; then
		# shellcheck disable=SC2086
		run sy "$u" $A -- "$PY" -c "
import os, sys
p = sys.argv[1]
with open(p, 'a') as f:
    f.write('py\n')
fd = os.open(p, os.O_WRONLY)
os.pwrite(fd, b'ZZ', 0)
os.close(fd)
try:
    open(p, 'r+')
    print('r+ opened')
except PermissionError:
    print('r+ refused')
" "$T/log"
		if [ "$out" = "r+ refused" ] && [ "$(head -n 1 "$T/log")" = line1 ] &&
			[ "$(tail -n 1 "$T/log")" = ZZ ]; then
			ok "$u: python: 'a' appends, pwrite at 0 appends, 'r+' refused"
		else
			not_ok "$u: python: 'a' appends, pwrite at 0 appends, 'r+' refused" \
				"exit $rc, stdout: $out" "file: $(cat "$T/log")" \
				"stderr: $err"
		fi
	else
		skip "$u: python: 'a' appends, pwrite at 0 appends, 'r+' refused" \
			"no $PY"
	fi
	# Grown by the appends above, never cut.
	if [ "$(head -n 1 "$T/log")" = line1 ] &&
		[ "$(grep -c . "$T/log")" -ge 3 ]; then
		ok "$u: the append-only file kept its first line throughout"
	else
		not_ok "$u: the append-only file kept its first line throughout" \
			"file: $(cat "$T/log")"
	fi
	# shellcheck disable=SC2086
	run sy "$u" $A -- cat "$T/log"
	contains "$u: an append-only file reads as usual" "$out" line1
done

tap_done
