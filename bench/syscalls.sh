#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The system calls syd itself makes per sandboxed call, by name: strace
# follows syd's threads (not the sandboxed process) while bench/workload
# runs an operation N and then 2N times; the difference, divided by N, is
# what one operation costs, start-up and idle polling cancelled out.
# Counts, not time: they do not change with the machine's load.
#
#   bench/syscalls.sh [-n N] [-o OUT] [-s SYD] [SCENARIO...]
#
# Scenarios: open stat statx missing symlink creat mkfile libopen
# relopen relmissing (default: all); mkfile is an O_CREAT|O_EXCL of a new
# file and its unlink, two calls; rel*: a path relative to the cwd. -s: the syd to count (default build/src/syd).
# Needs strace and syd built in build/.
set -u
cd "$(dirname "$0")/.." || exit 2
N=400 OUT=bench/out/syscalls SYD=$(pwd)/build/src/syd
while getopts n:o:s: opt; do
	case $opt in
	n) N=$OPTARG ;;
	o) OUT=$OPTARG ;;
	s) SYD=$OPTARG ;;
	*) sed -n '2,15p' "$0" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ -x "$SYD" ] || { echo "syscalls.sh: build syd first" >&2; exit 2; }
command -v strace >/dev/null || { echo "syscalls.sh: needs strace" >&2; exit 2; }
mkdir -p "$OUT" || exit 2
OUT=$(cd "$OUT" && pwd)
${CC:-cc} -std=c17 -O2 -Wall -Wextra -Werror -pthread -o "$OUT/workload" \
	bench/workload.c || exit 2
D=$(mktemp -d) || exit 2
trap 'rm -rf "$D"' EXIT
echo data >"$D/file"
ln -s file "$D/link"
: >"$D/made"
LIB=$(readlink -f /lib/x86_64-linux-gnu/libc.so.6 2>/dev/null)
[ -n "$LIB" ] && LIB=/lib/x86_64-linux-gnu/libc.so.6

# scenario NAME -> "OP PATH"
scenario() {
	case $1 in
	open) echo "open $D/file" ;;
	stat) echo "stat $D/file" ;;
	statx) echo "statx $D/file" ;;
	missing) echo "missing $D/nothing" ;;
	relopen) echo "open file" ;;
	relmissing) echo "missing nothing" ;;
	symlink) echo "open $D/link" ;;
	creat) echo "creat $D/made" ;;
	mkfile) echo "mkfile $D/new" ;;
	libopen) [ -n "$LIB" ] && echo "open $LIB" ;;
	esac
}

# count OP PATH ITERS: syd's system calls, "NAME COUNT" lines, to stdout
count() {
	"$SYD" -p linux -m "allow/all+$D/***" \
		-m "allow/exec,read,stat+$OUT/workload" -- \
		sh -c 'sleep 0.5; cd "$0" && exec "$@"' "$D" "$OUT/workload" --path "$2" \
		"$1" "$3" >/dev/null 2>&1 &
	syd=$!
	sleep 0.1
	strace -f -qq -c -U name,calls -o "$OUT/strace.$$" -p "$syd" \
		2>/dev/null &
	st=$!
	wait "$syd"
	wait "$st"
	# the table's rows: name, calls
	awk 'NF == 2 && $2 ~ /^[0-9]+$/ { print $1, $2 }' "$OUT/strace.$$"
	rm -f "$OUT/strace.$$"
}

[ $# -gt 0 ] || set -- open stat statx missing symlink creat mkfile libopen \
	relopen relmissing
printf '%-10s %7s  %s\n' scenario per-op "by name (per op)"
for s in "$@"; do
	sp=$(scenario "$s")
	[ -n "$sp" ] || { printf '%-10s (unavailable)\n' "$s"; continue; }
	# shellcheck disable=SC2086
	set -- $sp
	count "$1" "$2" "$N" >"$OUT/$s.1"
	count "$1" "$2" $((2 * N)) >"$OUT/$s.2"
	# workload warms up with a tenth more: N + N/10 against 2N + 2N/10
	awk -v n="$N" -v name="$s" '
		FNR == NR { one[$1] = $2; next }
		{ two[$1] = $2 }
		END {
			ops = n + int(n / 10)
			for (k in two) {
				d = (two[k] - one[k]) / ops
				if (k != "total" && d >= 0.05) { all += d; by = by sprintf(" %s=%.2f", k, d) }
			}
			printf "%-10s %7.2f %s\n", name, all, by
		}' "$OUT/$s.1" "$OUT/$s.2"
done
