# SPDX-License-Identifier: GPL-3.0-or-later
# TAP helpers for integration scripts: each check prints "ok N - name" or
# "not ok N - name" with the evidence as "#" lines. Source, then call
# tap_done at the end.
: "${SYD:?SYD must point at the syd binary}"
: "${SYD_CAT:?SYD_CAT must point at the syd-cat binary}"
TAP_N=0
TAP_FAILED=0
TMP=$(mktemp -d /tmp/syd-it.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
echo "TAP version 13"

ok() {
	TAP_N=$((TAP_N + 1))
	echo "ok $TAP_N - $1"
}

not_ok() {
	TAP_N=$((TAP_N + 1))
	TAP_FAILED=$((TAP_FAILED + 1))
	echo "not ok $TAP_N - $1"
	shift
	for line in "$@"; do
		printf '%s\n' "$line" | sed 's/^/# /'
	done
}

skip() {
	TAP_N=$((TAP_N + 1))
	echo "ok $TAP_N - $1 # SKIP $2"
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

tap_done() {
	echo "1..$TAP_N"
	[ "$TAP_FAILED" -eq 0 ]
}
