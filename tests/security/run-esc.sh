#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The escape attempts of tests/security/, as TAP. Each esc-* program runs
# twice on a fresh directory: without syd, where the attack must reach the
# secret (exit 0: the program can tell an escape when it sees one; SKIP
# when the kernel or our privileges lack the primitive; a denial of
# service of syd, flag "dos", and a right syd must not lend, flag "lend",
# must be blocked there), and under syd
# with each policy of its row in esc-lib.sh, where it must be blocked.
# Env: SYD, ESC_BINDIR (set by meson), ESC_RACE_MS, ESC_TIMEOUT.
set -u
. "$(dirname "$0")/esc-lib.sh"
ESC_SCRATCH=$(mktemp -d /tmp/syd-esc-run.XXXXXX)
trap 'rm -rf "$ESC_SCRATCH"' EXIT
. "$(dirname "$0")/../tap.sh"
tap_alias ESC_BINDIR "${ESC_BINDIR:-}"

report() {
	printf '%s\n' "$out" | grep "^esc-$1:" || printf '%s\n' "$out" | tail -n 1
}

native() {
	name=$1 flags=$2
	d=$(esc_layout) || { not_ok "$name: native: cannot make a directory"; return; }
	esc_run "$name" native "$d" - "$flags"
	rm -rf "$d"
	line=$(report "$name")
	case $flags in
	*dos*)
		# Nothing freezes without syd; the program showed its stalls
		# held while the prober was served.
		what="$name: native: the stalls hold, nothing freezes"
		case $rc in
		1) ok "$what" "$line" ;;
		3) skip "$what" "${line#*unsupported: }" ;;
		*) not_ok "$what" "the prober should be served without syd" \
			"exit $rc" "stdout: $out" "stderr: $err" ;;
		esac
		return ;;
	esac
	case $flags in
	*lend*)
		# Rights the kernel refuses the caller: natively blocked, as
		# under syd, which must not lend its own.
		what="$name: native: the kernel refuses the caller"
		case $rc in
		1) ok "$what" "$line" ;;
		3) skip "$what" "${line#*unsupported: }" ;;
		*) not_ok "$what" "the kernel should refuse it" \
			"exit $rc" "stdout: $out" "stderr: $err" ;;
		esac
		return ;;
	esac
	what="$name: native: the attack works without syd"
	case $rc in
	0) ok "$what" "$line" ;;
	3) skip "$what" "${line#*unsupported: }" ;;
	*) not_ok "$what" "the attack should reach the secret without syd" \
		"exit $rc" "stdout: $out" "stderr: $err" ;;
	esac
}

under_syd() {
	name=$1 variant=$2 flags=$3
	d=$(esc_layout) || { not_ok "$name: syd: cannot make a directory"; return; }
	esc_run "$name" syd "$d" "$variant" "$flags"
	# An effect on the secret itself (written to, replaced) is evidence
	# too, whatever the program reported.
	changed=
	if [ -e "$d/secret" ] && ! printf 'TOPSECRET\n' | cmp -s - "$d/secret"; then
		changed="the secret was modified: now $(wc -c <"$d/secret") bytes"
	fi
	rm -rf "$d"
	verdict=$(esc_verdict "$name" "$flags")
	why=$(printf '%s\n' "$verdict" | sed -n '2,$p')
	verdict=$(printf '%s\n' "$verdict" | head -n 1)
	if [ -n "$changed" ] && [ "$verdict" = blocked ]; then
		verdict=escaped why="reported blocked, but $changed"
	fi
	what="$name: syd ($variant): blocked"
	case $verdict in
	blocked*) ok "$what" "$why" ;;
	escaped*) not_ok "$what" "ESCAPE: $why" \
		"stdout: $out" "stderr: $err" ${changed:+"$changed"} ;;
	*) not_ok "$what" "$why" "stdout: $out" "stderr: $err" ;;
	esac
}

# fd 3 carries the table, so nothing a test runs can read it away.
while read -r name variants flags <&3; do
	[ -n "$name" ] || continue
	if [ ! -x "$ESC_BINDIR/esc-$name" ]; then
		not_ok "$name: $ESC_BINDIR/esc-$name is missing"
		continue
	fi
	native "$name" "$flags"
	for v in $(printf '%s\n' "$variants" | tr ',' ' '); do
		under_syd "$name" "$v" "$flags"
	done
done 3<<EOT
$ESC_TESTS
EOT
tap_done
