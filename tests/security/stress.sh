#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Rerun every escape attempt of esc-lib.sh under syd, ESC_ROUNDS times
# (default 200) per policy variant, while two busy loops keep both cores
# loaded: races between the sandbox, its racing threads and syd's emulator
# threads get a different interleaving each time. Fails when any run
# escaped even once (or could not run). Not part of `meson test`; CI runs
# it on its own:
#   SYD=build/src/syd ESC_BINDIR=build/tests/security tests/security/stress.sh
# Env: ESC_ROUNDS, ESC_RACE_MS (default 200 here: racing attacks run for
# that long each round), ESC_ONLY (space-separated names to run), ESC_LOAD
# (busy loops, default 2).
set -u
. "$(dirname "$0")/esc-lib.sh"
ESC_ROUNDS=${ESC_ROUNDS:-200}
ESC_RACE_MS=${ESC_RACE_MS:-200}
ESC_LOAD=${ESC_LOAD:-2}
export ESC_RACE_MS
ESC_SCRATCH=$(mktemp -d /tmp/syd-esc-stress.XXXXXX)
loaders=

cleanup() {
	# Only the busy loops this script started, by pid.
	for pid in $loaders; do
		kill "$pid" 2>/dev/null
	done
	rm -rf "$ESC_SCRATCH"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A private copy of syd and the programs: the build tree may be relinked
# while this runs, and every round should test the same binaries.
mkdir "$ESC_SCRATCH/bin"
cp "$SYD" "$ESC_SCRATCH/bin/syd" || exit 2
for prog in "$ESC_BINDIR"/esc-*; do
	case $prog in *.p) continue ;; esac
	[ -x "$prog" ] && cp "$prog" "$ESC_SCRATCH/bin/"
done
SYD=$ESC_SCRATCH/bin/syd
ESC_BINDIR=$ESC_SCRATCH/bin

i=0
while [ "$i" -lt "$ESC_LOAD" ]; do
	sh -c 'while :; do :; done' &
	loaders="$loaders $!"
	i=$((i + 1))
done
echo "stress: $ESC_ROUNDS rounds per test and policy, ESC_RACE_MS=$ESC_RACE_MS," \
	"$ESC_LOAD busy loops (pids$loaders), $(nproc) CPUs"

total=0 escapes=0 errors=0 start=$(date +%s)
while read -r name variants flags <&3; do
	[ -n "$name" ] || continue
	if [ -n "${ESC_ONLY:-}" ]; then
		case " $ESC_ONLY " in *" $name "*) ;; *) continue ;; esac
	fi
	for v in $(printf '%s\n' "$variants" | tr ',' ' '); do
		e=0 f=0 r=0 t0=$(date +%s) first=
		while [ "$r" -lt "$ESC_ROUNDS" ]; do
			r=$((r + 1))
			d=$(esc_layout) || { f=$((f + 1)); continue; }
			esc_run "$name" syd "$d" "$v" "$flags"
			rm -rf "$d"
			verdict=$(esc_verdict "$name" "$flags" | head -n 1)
			case $verdict in
			blocked) ;;
			escaped)
				e=$((e + 1))
				[ -n "$first" ] || first="round $r: $out" ;;
			*)
				f=$((f + 1))
				[ -n "$first" ] || first="round $r: exit $rc: $out $err" ;;
			esac
		done
		total=$((total + r)) escapes=$((escapes + e)) errors=$((errors + f))
		printf '%-16s %-8s %4d runs  %4d escaped  %4d errors  %4ss\n' \
			"$name" "$v" "$r" "$e" "$f" "$(($(date +%s) - t0))"
		[ -z "$first" ] || printf '    first: %s\n' "$first" | head -n 4
	done
done 3<<EOT
$ESC_TESTS
EOT
echo "stress: $total runs, $escapes escaped, $errors errors, $(($(date +%s) - start))s"
[ "$escapes" -eq 0 ] && [ "$errors" -eq 0 ]
