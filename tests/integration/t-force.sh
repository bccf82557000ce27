#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Force (verified exec) with real programs, as root and as uid 65534: a
# binary runs only with the digest its force+ rule gives; a wrong digest
# gets the rule's action (kill by default, deny, warn, filter); a binary no
# rule names gets default/force (deny); a script runs only if each #!
# interpreter passes too; every refusal is logged with a tip naming the
# exact content; a hash the kernel lacks is refused when it is written.
. "$(dirname "$0")/lib.sh"

chmod 0755 "$TMP"
test_users

# Two different programs, copied where their paths are our own.
cp /bin/true "$TMP/prog"
cp /bin/false "$TMP/other"
cp "$(command -v sh)" "$TMP/interp"
chmod 0755 "$TMP/prog" "$TMP/other" "$TMP/interp"
H=$(sha256sum "$TMP/prog" | cut -d' ' -f1)
HO=$(sha256sum "$TMP/other" | cut -d' ' -f1)
HI=$(sha256sum "$TMP/interp" | cut -d' ' -f1)
# The shell that runs the inner commands, by its canonical path.
SH=$(realpath "$(command -v sh)")
HS=$(sha256sum "$SH" | cut -d' ' -f1)
export SYD_LOG_FD=3

# forced USER CMD [syd args...] -- ARGS: run under -p off with force on,
# the shell listed; sets out, err, rc, log.
forced() {
	u=$1
	shift
	as=
	[ "$u" = nobody ] && as=$NOBODY
	$as "$SYD" -p off -m sandbox/force:on -m "force+$SH:sha256:$HS" "$@" \
		>"$TMP/out" 2>"$TMP/err" 3>"$TMP/log"
	rc=$?
	out=$(cat "$TMP/out")
	err=$(cat "$TMP/err")
	log=$(cat "$TMP/log")
}

for u in $users; do
	forced "$u" -m "force+$TMP/prog:sha256:$H" -- "$TMP/prog"
	if [ "$rc" -eq 0 ] && [ -z "$log" ]; then
		ok "the right digest runs, silently, as $u"
	else
		not_ok "the right digest runs, silently, as $u" "rc=$rc" "$err" "$log"
	fi

	# The digest of another program: killed (the default action).
	forced "$u" -m "force+$TMP/prog:sha256:$HO" -- sh -c "'$TMP/prog'; echo rc=\$?"
	if [ "$out" = rc=137 ]; then
		ok "a wrong digest is killed by default as $u"
	else
		not_ok "a wrong digest is killed by default as $u" "$out" "$err"
	fi
	contains "kill is logged with the tip of this content as $u" "$log" \
		"\"cap\":\"force\",\"act\":\"kill\",\"path\":\"$TMP/prog\",\"errno\":\"EACCES\",\"tip\":\"force+$TMP/prog:sha256:$H\""

	forced "$u" -m "force+$TMP/prog:sha256:$HO:deny" -- sh -c "'$TMP/prog'; echo rc=\$?"
	case "$out$err" in
	rc=126*"Permission denied"*) ok "deny answers EACCES as $u" ;;
	*) not_ok "deny answers EACCES as $u" "$out" "$err" ;;
	esac
	contains "deny is logged as $u" "$log" '"act":"deny"'

	forced "$u" -m "force+$TMP/prog:sha256:$HO:warn" -- sh -c "'$TMP/prog'; echo rc=\$?"
	if [ "$out" = rc=0 ]; then ok "warn runs it as $u"; else not_ok "warn runs it as $u" "$out" "$err"; fi
	contains "warn is logged as $u" "$log" '"act":"warn"'

	forced "$u" -m "force+$TMP/prog:sha256:$HO:filter" -- sh -c "'$TMP/prog'; echo rc=\$?"
	if [ "$out" = rc=126 ] && [ -z "$log" ]; then
		ok "filter refuses silently as $u"
	else
		not_ok "filter refuses silently as $u" "$out" "$log"
	fi

	# No rule: default/force, deny by default; the initial command too.
	forced "$u" -- "$TMP/prog"
	if [ "$rc" -eq 13 ]; then ok "an unlisted command is refused (13) as $u"; else not_ok "an unlisted command is refused (13) as $u" "rc=$rc" "$err"; fi
	contains "its refusal says so as $u" "$err" "cannot run '$TMP/prog': Permission denied"
	contains "its tip gives its digest as $u" "$log" "\"tip\":\"force+$TMP/prog:sha256:$H\""
	forced "$u" -m default/force:kill -- sh -c "'$TMP/prog'; echo rc=\$?"
	if [ "$out" = rc=137 ]; then ok "default/force:kill kills the unlisted as $u"; else not_ok "default/force:kill kills the unlisted as $u" "$out" "$err"; fi
	forced "$u" -m default/force:allow -- "$TMP/other"
	if [ "$rc" -eq 1 ]; then ok "default/force:allow runs the unlisted as $u"; else not_ok "default/force:allow runs the unlisted as $u" "rc=$rc" "$err"; fi

	# A listed script whose interpreter no rule names: refused; listed: runs.
	printf '#!%s\necho script-ran\n' "$TMP/interp" >"$TMP/script"
	chmod 0755 "$TMP/script"
	HSC=$(sha256sum "$TMP/script" | cut -d' ' -f1)
	forced "$u" -m "force+$TMP/script:sha256:$HSC" -- sh -c "'$TMP/script'; echo rc=\$?"
	if [ "$out" = rc=126 ]; then
		ok "a script with an unlisted interpreter is refused as $u"
	else
		not_ok "a script with an unlisted interpreter is refused as $u" "$out" "$err"
	fi
	contains "the interpreter is named in the log as $u" "$log" \
		"\"path\":\"$TMP/interp\",\"errno\":\"EACCES\",\"tip\":\"force+$TMP/interp:sha256:$HI\""
	forced "$u" -m "force+$TMP/script:sha256:$HSC" -m "force+$TMP/interp:sha256:$HI" -- "$TMP/script"
	if [ "$rc" -eq 0 ] && [ "$out" = script-ran ]; then
		ok "a script whose interpreter is listed runs as $u"
	else
		not_ok "a script whose interpreter is listed runs as $u" "rc=$rc" "$out" "$err" "$log"
	fi
	# The interpreter listed, the script changed: refused.
	forced "$u" -m "force+$TMP/script:sha256:$H:deny" -m "force+$TMP/interp:sha256:$HI" -- "$TMP/script"
	if [ "$rc" -eq 13 ]; then ok "a changed script is refused as $u"; else not_ok "a changed script is refused as $u" "rc=$rc" "$out"; fi

	# Through a symlink: the rule names the file, the link leads there.
	ln -sf "$TMP/prog" "$TMP/link"
	forced "$u" -m "force+$TMP/prog:sha256:$H" -- "$TMP/link"
	if [ "$rc" -eq 0 ]; then ok "a symlink to a listed file runs as $u"; else not_ok "a symlink to a listed file runs as $u" "rc=$rc" "$err"; fi
	forced "$u" -m "force+$TMP/link:sha256:$H" -- "$TMP/link"
	if [ "$rc" -eq 13 ]; then ok "a rule on the link's own name is not the file's as $u"; else not_ok "a rule on the link's own name is not the file's as $u" "rc=$rc"; fi
done

# Rules are checked when written: a hash the kernel lacks, bad hex.
unset SYD_LOG_FD
expect_fail "an unknown hash is refused at start" 22 "hash algorithm 'rot13'" \
	"$SYD" -p off -m "force+$TMP/prog:rot13:00" -- true
expect_fail "a short digest is refused at start" 22 "expected 64 hex digits" \
	"$SYD" -p off -m "force+$TMP/prog:sha256:abcd" -- true
expect_fail "an unknown action is refused at start" 22 "unknown force action 'sometimes'" \
	"$SYD" -p off -m "force+$TMP/prog:sha256:$H:sometimes" -- true
tap_done
