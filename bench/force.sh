#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# What Force adds to an exec: fork+execve+wait of /usr/bin/true under syd
# (-p linux), with Force off, on with the program unlisted (default/force:
# allow: looked up, not hashed) and on with a rule for it (hashed at every
# exec). Rounds alternate the three; the median ns per exec of each is
# printed. Usage: bench/force.sh [-n EXECS] [-r ROUNDS]
N=2000 ROUNDS=5
while getopts n:r: o; do
	case $o in
	n) N=$OPTARG ;;
	r) ROUNDS=$OPTARG ;;
	*) sed -n '2,8p' "$0" >&2; exit 2 ;;
	esac
done
SYD=${SYD:-build/src/syd}
[ -x "$SYD" ] || { echo "force.sh: build syd first (ninja -C build)" >&2; exit 2; }
OUT=$(mktemp -d /tmp/syd-bench-force.XXXXXX) || exit 2
trap 'rm -rf "$OUT"' EXIT
${CC:-cc} -std=c17 -O2 -pthread -o "$OUT/workload" bench/workload.c || exit 2
W=$OUT/workload
P=$(realpath /usr/bin/true)
H=$(sha256sum "$P" | cut -d' ' -f1)
HW=$(sha256sum "$W" | cut -d' ' -f1)
BASE="-p linux -m allow/exec,read,stat+$OUT/***"
ON="-m sandbox/force:on -m force+$W:sha256:$HW"

one() { # CONFIG ARGS...: one run, ns_per_op appended to $OUT/CONFIG
	cfg=$1
	shift
	# shellcheck disable=SC2086 # word splitting of the -m lists is meant
	SYD_LOG_FD=-1 "$SYD" $BASE "$@" -- "$W" --path "$P" forkexec "$N" 2>/dev/null |
		sed -n 's/.*ns_per_op=\([0-9.]*\).*/\1/p' >>"$OUT/$cfg"
}
r=0
while [ "$r" -lt "$ROUNDS" ]; do
	one off
	# shellcheck disable=SC2086
	one unlisted $ON -m default/force:allow
	# shellcheck disable=SC2086
	one listed $ON -m "force+$P:sha256:$H"
	r=$((r + 1))
done
echo "# $(uname -r), $(nproc) CPUs, $N execs of $P ($(stat -c %s "$P") bytes) x $ROUNDS rounds"
for cfg in off unlisted listed; do
	printf '%-9s %s ns/exec\n' "$cfg" "$(sort -n "$OUT/$cfg" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
done
