# SPDX-License-Identifier: GPL-3.0-or-later
# Helpers for integration scripts on top of ../tap.sh: running a command
# and checking its exit status, message and output. Source, then call
# tap_done at the end.
: "${SYD:?SYD must point at the syd binary}"
: "${SYD_CAT:?SYD_CAT must point at the syd-cat binary}"
TMP=$(mktemp -d /tmp/syd-it.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
. "$(dirname "$0")/../tap.sh"
# Names show the programs under test and the run's temporary directory
# by their variables' names: they lie elsewhere in each run (tap.sh).
for v in SRCDIR SYD SYD_CAT TRY POOL_FIFO; do
	eval "tap_alias $v \"\${$v:-}\""
done
tap_alias TMP "$TMP"

# Runs a command as uid 65534 (a test may set its own, with more).
NOBODY="setpriv --reuid=65534 --regid=65534 --clear-groups"

# as WHO CMD...: run CMD as root (WHO root or user: as this script runs)
# or, for WHO nobody, as uid 65534.
as() {
	as_who=$1
	shift
	if [ "$as_who" = nobody ]; then $NOBODY "$@"; else "$@"; fi
}

# shared_dir: D := $TMP/d, a directory every user a test runs as may
# write in ($TMP itself made passable to them).
shared_dir() {
	chmod 0777 "$TMP"
	D=$TMP/d
	mkdir -p "$D"
	chmod 0777 "$D"
	tap_alias D "$D"
}

# test_users: $users := who a test's checks run as: "user" when not root;
# as root "root nobody" when uid 65534 can reach syd, else "root", with a
# skip that says why.
test_users() {
	if [ "$(id -u)" -ne 0 ]; then
		users=user
	elif command -v setpriv >/dev/null && $NOBODY test -x "$SYD"; then
		users="root nobody"
	else
		users=root
		skip "unprivileged runs" "uid 65534 cannot reach $SYD"
	fi
}

# run CMD...: sets $out (stdout), $err (stderr), $rc.
run() {
	"$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	out=$(cat "$TMP/out")
	err=$(cat "$TMP/err")
}

# expect_fail NAME STATUS MESSAGE CMD...: exits STATUS with one stderr line
# containing MESSAGE, and prints nothing on stdout.
expect_fail() {
	name=$1 status=$2 msg=$3
	shift 3
	run "$@"
	lines=$(printf '%s\n' "$err" | grep -c .)
	case "$err" in
	*"$msg"*)
		if [ "$rc" -eq "$status" ] && [ "$lines" -eq 1 ] && [ -z "$out" ]; then
			ok "$name"
			return
		fi ;;
	esac
	not_ok "$name" "command: $*" "want exit $status and one line with: $msg" \
		"got exit $rc, stderr: $err" "stdout: $out"
}

# expect_ok NAME CMD...: exits 0.
expect_ok() {
	name=$1
	shift
	run "$@"
	if [ "$rc" -eq 0 ]; then
		ok "$name"
	else
		not_ok "$name" "command: $*" "exit $rc" "stderr: $err"
	fi
}

# contains NAME HAYSTACK NEEDLE
contains() {
	case "$2" in
	*"$3"*) ok "$1" ;;
	*) not_ok "$1" "missing: $3" "in: $2" ;;
	esac
}
