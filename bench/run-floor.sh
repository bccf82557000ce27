#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs the floor benchmark: native against every floor configuration, for
# the open, stat and getpid workloads with 1 and 2 threads, interleaved (each
# round runs every configuration once, in a rotated order) and reports the
# median over the rounds. Builds and writes results into OUTDIR (default
# bench/out, which bench/.gitignore keeps out of commits).
#
# Usage: bench/run-floor.sh [-r ROUNDS] [-n OPS] [-o OUTDIR] [-p NICE]
#                            [-x MAXBG] [-Q] [-q]
#   -r  rounds (default 5)
#   -n  operations per run, split across the workload's threads (200000)
#   -o  build and results directory (default bench/out, git-ignored)
#   -p  run each measurement at this nice level (e.g. -10, needs root) so
#       that other developers' builds and tests disturb it less (default 0).
#       With autogroup scheduling nice only ranks tasks of one session, so
#       the script also gives its session's autogroup this nice value.
#   -x  leave out runs during which other processes kept more than MAXBG
#       cores busy (default: keep all; the bg column shows the median)
#   -Q  do not wait for the machine to be quiet before each run
#   -q  quick: 2 rounds of 20000 ops, to check that everything runs
# Re-make the table from earlier runs, pooling their rounds:
#   bench/run-floor.sh [-x MAXBG] -t OUTDIR/raw.tsv [MORE/raw.tsv...]
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
rounds=5
ops=200000
out=$here/out
maxbg=99
prio=0
quiet=1
table_only=

while getopts "r:n:o:p:x:t:Qqh" opt; do
	case $opt in
	r) rounds=$OPTARG ;;
	n) ops=$OPTARG ;;
	o) out=$OPTARG ;;
	p) prio=$OPTARG ;;
	x) maxbg=$OPTARG ;;
	t) table_only=$OPTARG ;;
	Q) quiet=0 ;;
	q) rounds=2 ops=20000 ;;
	*) sed -n '3,24p' "$0"; exit 2 ;;
	esac
done
shift $((OPTIND - 1))

# name|floor arguments ("-" runs the workload without a supervisor).
configs=(
	"native|-"
	"single|--mode single"
	"single+sync|--mode single --sync-wakeup"
	"all-recv-1|--mode all-recv --threads 1"
	"all-recv-1+sync|--mode all-recv --threads 1 --sync-wakeup"
	"all-recv-2|--mode all-recv --threads 2"
	"all-recv-2+sync|--mode all-recv --threads 2 --sync-wakeup"
	"all-recv-4|--mode all-recv --threads 4"
	"all-recv-4+sync|--mode all-recv --threads 4 --sync-wakeup"
	"leader-2|--mode leader --threads 2"
	"leader-2+sync|--mode leader --threads 2 --sync-wakeup"
	"leader-4|--mode leader --threads 4"
	"leader-4+sync|--mode leader --threads 4 --sync-wakeup"
	"epoll-queue-2|--mode epoll-queue --threads 2"
	"epoll-queue-2+sync|--mode epoll-queue --threads 2 --sync-wakeup"
)
workloads=("open 1" "open 2" "stat 1" "stat 2" "getpid 1" "getpid 2")
ncfg=${#configs[@]}
ncpu=$(nproc)

# Busy and total jiffies of all CPUs since boot; steal counts as busy (the
# host took the vCPU away, which slows us down just like a local build).
read_jiffies() {
	local u n s i w irq sirq st
	read -r _ u n s i w irq sirq st _ </proc/stat
	busy=$((u + n + s + irq + sirq + st))
	total=$((busy + i + w))
}

# CPU time, in ms, of this shell's reaped children (`times`, no fork).
children_ms() {
	times >"$out/times"
	children=$(sed -n 2p "$out/times" | awk '{
		t = 0
		for (f = 1; f <= 2; f++) {
			split($f, a, /[ms]/); t += a[1] * 60000 + a[2] * 1000
		}
		printf "%d", t }')
}

# Wait, up to 2 s, until other processes use less than 0.2 cores over a
# half-second sample, so that another developer's build skews fewer runs.
wait_quiet() {
	local b0 t0 i
	for ((i = 0; i < 4; i++)); do
		read_jiffies
		b0=$busy t0=$total
		sleep 0.5
		read_jiffies
		if (((busy - b0) * ncpu * 5 < (total - t0))); then
			return 0
		fi
	done
	echo "machine still busy after 2 s; running anyway" >>"$log"
}

# One run: sets ns and ops_s ("NA" if it failed) and bg, the cores that
# other processes kept busy on average during the run.
run_one() {
	local args=$1 op=$2 threads=$3 b0 t0 c0 line
	local -a cmd=("$out/workload" --threads "$threads" "$op"
		$((ops / threads)))

	if [ "$args" != "-" ]; then
		# shellcheck disable=SC2206 # args is a word list on purpose
		cmd=("$out/floor" --timeout 240 $args -- "${cmd[@]}")
	fi
	if [ "$quiet" = 1 ]; then
		wait_quiet
	fi
	children_ms
	c0=$children
	read_jiffies
	b0=$busy t0=$total
	ns=NA ops_s=NA
	if nice -n "$prio" timeout -k 5 300 "${cmd[@]}" >"$out/line" \
		2>>"$log"; then
		line=$(cat "$out/line")
		ns=$(echo "$line" | sed -E 's/.*ns_per_op=([0-9.]+).*/\1/')
		ops_s=$(echo "$line" | sed -E 's/.*ops_per_sec=([0-9]+).*/\1/')
	else
		echo "run failed: ${cmd[*]}" >>"$log"
	fi
	read_jiffies
	children_ms
	bg=$(awk -v b=$((busy - b0)) -v t=$((total - t0)) -v c=$((children - c0)) \
		-v n="$ncpu" 'BEGIN {
			wall = t * 10 / n; o = (b * 10 - c) / (wall > 0 ? wall : 1)
			printf "%.2f", o < 0 ? 0 : o }')
}

# Medians per (config, op, threads). "added" and "ratio" are taken against
# native of the same round and workload, then the median is taken; spread is
# (max - min) / median of ns/op over the rounds.
# Runs with more than $maxbg background cores are left out.
make_table() {
	local order
	order=$(printf '%s\n' "${configs[@]}" | cut -d'|' -f1 | tr '\n' ' ')
	awk -F'\t' -v order="$order" -v maxbg="$maxbg" '
function median(list,    n, a, i, j, t) {
	n = split(list, a, " ")
	for (i = 2; i <= n; i++) {
		t = a[i] + 0
		for (j = i - 1; j >= 1 && a[j] + 0 > t; j--)
			a[j + 1] = a[j]
		a[j + 1] = t
	}
	if (n == 0)
		return "NA"
	return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
function spread(list, med,    a, i, n, lo, hi) {
	n = split(list, a, " ")
	lo = hi = a[1] + 0
	for (i = 2; i <= n; i++) {
		if (a[i] + 0 < lo) lo = a[i] + 0
		if (a[i] + 0 > hi) hi = a[i] + 0
	}
	return med > 0 ? 100 * (hi - lo) / med : 0
}
FNR == 1 { file++; next }
$5 != "NA" && $7 + 0 <= maxbg + 0 {
	r = file "." $1 # rounds of different files are different rounds
	ns[$2, $3, $4, r] = $5
	tp[$2, $3, $4, r] = $6
	bg[$2, $3, $4, r] = $7
	rounds[r] = 1
	seen[$3, $4] = 1
}
END {
	ncfg = split(order, cfgs, " ")
	nw = split("open:1 open:2 stat:1 stat:2 getpid:1 getpid:2", wl, " ")
	printf "| config | op | thr | ns/op | added ns/op | ratio | spread | kops/s | tput ratio | bg | n |\n"
	printf "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
	for (w = 1; w <= nw; w++) {
		split(wl[w], ot, ":")
		op = ot[1]; th = ot[2]
		if (!((op, th) in seen))
			continue
		for (c = 1; c <= ncfg; c++) {
			cfg = cfgs[c]
			l_ns = l_add = l_rat = l_tp = l_tpr = l_bg = ""
			n = 0
			for (r in rounds) {
				if (!((cfg, op, th, r) in ns))
					continue
				v = ns[cfg, op, th, r]
				l_ns = l_ns " " v
				l_tp = l_tp " " tp[cfg, op, th, r]
				l_bg = l_bg " " bg[cfg, op, th, r]
				n++
				if (("native", op, th, r) in ns) {
					b = ns["native", op, th, r]
					l_add = l_add " " (v - b)
					l_rat = l_rat " " (v / b)
					l_tpr = l_tpr " " (tp[cfg, op, th, r] / tp["native", op, th, r])
				}
			}
			if (l_ns == "") {
				printf "| %s | %s | %s | NA | | | | | | | 0 |\n", cfg, op, th
				continue
			}
			m = median(l_ns)
			printf "| %s | %s | %s | %.0f | %+.0f | %.2f | %.0f%% | %.0f | %.2f | %.2f | %d |\n",
				cfg, op, th, m, median(l_add), median(l_rat),
				spread(l_ns, m), median(l_tp) / 1000, median(l_tpr),
				median(l_bg), n
		}
	}
}' "$@"
}

if [ -n "$table_only" ]; then
	make_table "$table_only" "$@"
	exit
fi

if [ "$prio" != 0 ] && [ -w /proc/self/autogroup ]; then
	echo "$prio" >/proc/self/autogroup
fi

mkdir -p "$out"
for prog in floor workload; do
	cc -std=c17 -O2 -Wall -Wextra -Werror -pthread \
		-o "$out/$prog" "$here/$prog.c"
done
raw=$out/raw.tsv
log=$out/run.log
printf 'round\tconfig\top\tthreads\tns_per_op\tops_per_sec\tbg_cores\n' >"$raw"
: >"$log"

start=$(date +%s)
{
	echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "kernel: $(uname -r)"
	echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //') x $(nproc)"
	echo "rounds: $rounds, ops per run: $ops, nice: $prio" \
		"($(cat /proc/self/autogroup 2>/dev/null || echo no autogroup))"
} | tee "$out/meta.txt"

for ((r = 1; r <= rounds; r++)); do
	echo "round $r/$rounds: loadavg $(cut -d' ' -f1-3 /proc/loadavg)" |
		tee -a "$out/meta.txt"
	for w in "${workloads[@]}"; do
		read -r op threads <<<"$w"
		# Rotate the order each round so no config always runs first.
		for ((i = 0; i < ncfg; i++)); do
			c=${configs[$(((i + (r - 1) * 3) % ncfg))]}
			name=${c%%|*}
			run_one "${c#*|}" "$op" "$threads"
			printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$r" "$name" \
				"$op" "$threads" "$ns" "$ops_s" "$bg" >>"$raw"
		done
	done
done
echo "loadavg at end: $(cut -d' ' -f1-3 /proc/loadavg)," \
	"took $(($(date +%s) - start)) s" | tee -a "$out/meta.txt"

make_table "$raw" | tee "$out/table.md"
echo "raw results: $raw; stderr of the runs: $log"
