# SPDX-License-Identifier: GPL-3.0-or-later
# TAP output for the shell test scripts: ok, not_ok (with the evidence as
# "#" lines), skip, and tap_done for the plan line and the exit status.
# Sourced by integration/lib.sh and security/run-esc.sh.
TAP_N=0
TAP_FAILED=0
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

tap_done() {
	echo "1..$TAP_N"
	[ "$TAP_FAILED" -eq 0 ]
}
