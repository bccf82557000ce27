#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# syd against native and the do-nothing floor, in one run, interleaved
# (bench/README.md, "syd"). Prints a table and leaves the raw numbers in
# OUT (default bench/out/syd).
#
#   bench/run-syd.sh [-r ROUNDS] [-n OPS] [-p NICE] [-o OUT] [-b BUILDS] [-B] [-q]
#                    [-s SYD] [-S BASE]
#
#   -r ROUNDS  rounds of the micro benchmarks (default 5)
#   -n OPS     operations per open/stat/denied run (default 100000; the
#              other operations scale from it)
#   -p NICE    run every measured command at this nice level, and set
#              this session's autogroup to it (needs root for < 0)
#   -b BUILDS  package builds per configuration (default 3)
#   -B         skip the package build
#   -q         quick: 2 rounds of 10000 operations, no package build
#   -s SYD     the syd to measure (default build/src/syd)
#   -S BASE    also measure this other syd, as "syd-base", in the same
#              rounds of the micro benchmarks: a change against the
#              commit before it
#
# Needs syd built in build/ (meson setup build && ninja -C build) and, for
# the package build, the source package tests/integration/debbuild-fetch.sh
# fetches (as root, from the Debian archive, once).
set -u
cd "$(dirname "$0")/.." || exit 2
ROUNDS=5 OPS=100000 NICE='' OUT=bench/out/syd BUILD=1 BUILDS=3
SYD=$(pwd)/build/src/syd BASE=
while getopts r:n:p:o:b:Bqs:S: opt; do
	case $opt in
	b) BUILDS=$OPTARG ;;
	r) ROUNDS=$OPTARG ;;
	n) OPS=$OPTARG ;;
	p) NICE=$OPTARG ;;
	o) OUT=$OPTARG ;;
	B) BUILD=0 ;;
	q) ROUNDS=2 OPS=10000 BUILD=0 ;;
	s) SYD=$(cd "$(dirname "$OPTARG")" && pwd)/$(basename "$OPTARG") ;;
	S) BASE=$(cd "$(dirname "$OPTARG")" && pwd)/$(basename "$OPTARG") ;;
	*) sed -n '2,26p' "$0" >&2; exit 2 ;;
	esac
done
[ -x "$SYD" ] || { echo "run-syd.sh: build syd first (ninja -C build)" >&2; exit 2; }
[ -z "$BASE" ] || [ -x "$BASE" ] || { echo "run-syd.sh: $BASE is not executable" >&2; exit 2; }
mkdir -p "$OUT" || exit 2
OUT=$(cd "$OUT" && pwd)
CC=${CC:-cc}
$CC -std=c17 -O2 -Wall -Wextra -Werror -pthread -o "$OUT/floor" bench/floor.c &&
	$CC -std=c17 -O2 -Wall -Wextra -Werror -pthread -o "$OUT/workload" bench/workload.c ||
	exit 2
W=$OUT/workload F=$OUT/floor

if [ -n "$NICE" ]; then
	# nice ranks tasks only within an autogroup (one per session): ours
	# must rank against the other sessions of a shared machine too.
	echo "$NICE" >/proc/self/autogroup 2>/dev/null || true
	RUN="nice -n $NICE"
else
	RUN=
fi

FIX=$(mktemp -d /tmp/syd-bench.XXXXXX) || exit 2
trap 'rm -rf "$FIX"' EXIT
mkdir "$FIX/dir"
(cd "$FIX/dir" && i=0 && while [ "$i" -lt 1000 ]; do : >"f$i"; i=$((i + 1)); done)
echo denied >"$FIX/denied"
# A realistic profile: linux (system files readable, /tmp not), plus the
# benchmark's own binaries and its directory of 1000 files.
POLICY="-p linux -m allow/exec,read,stat+$OUT/*** -m allow/read,readdir,stat+$FIX/dir
	-m allow/net/bind,net/connect+loopback!0-65535"

# One line of raw.tsv: round op threads config ns_per_op ops_per_sec
raw=$OUT/raw.tsv
: >"$raw"
measure() { # ROUND OP THREADS ITERS PATH CONFIG COMMAND...
	r=$1 op=$2 t=$3 n=$4 p=$5 cfg=$6
	shift 6
	set -- "$@" "$W" --threads "$t" ${p:+--path "$p"} "$op" "$n"
	# shellcheck disable=SC2086 # $RUN is "nice -n N" or nothing
	line=$(SYD_LOG_FD=-1 timeout 600 $RUN "$@" 2>/dev/null | tail -n 1)
	case $line in
	op=*) ;;
	*) echo "# $cfg $op t=$t failed" >&2; return ;;
	esac
	ns=$(printf '%s\n' "$line" | sed 's/.*ns_per_op=\([0-9.]*\).*/\1/')
	ops=$(printf '%s\n' "$line" | sed 's/.*ops_per_sec=\([0-9.]*\).*/\1/')
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$r" "$op" "$t" "$cfg" "$ns" "$ops" >>"$raw"
}

# OP THREADS ITERATIONS PATH
CASES="open 1 $OPS -
open 2 $OPS -
stat 1 $OPS -
stat 2 $OPS -
denied 1 $OPS $FIX/denied
getpid 1 $((OPS * 10)) -
readdir 1 $((OPS / 50)) $FIX/dir
forkexec 1 $((OPS / 100)) -
connect 1 $((OPS / 20)) -
sendto 1 $OPS -"

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(uname -r), $(nproc) CPUs, loadavg $(cut -d' ' -f1-3 /proc/loadavg)" |
	tee "$OUT/meta.txt"
r=1
while [ "$r" -le "$ROUNDS" ]; do
	echo "# round $r/$ROUNDS (loadavg $(cut -d' ' -f1-3 /proc/loadavg))" | tee -a "$OUT/meta.txt"
	printf '%s\n' "$CASES" | while read -r op t n p; do
		[ "$p" = - ] && p=
		# The floor in its best receive design for T caller threads
		# (bench/README.md): one receiver with synchronous wake-ups
		# for one, two receivers without for two.
		if [ "$t" -eq 1 ]; then
			best="--mode single --sync-wakeup"
		else
			best="--mode all-recv --threads 2"
		fi
		# shellcheck disable=SC2086
		set -- native floor syd ${BASE:+syd-base}
		case $op in open | denied | readdir) set -- "$@" floor-emu ;; esac
		# The floor hooks no socket call: syd with loopback allowed
		# (net rules: each call decided), and with -p off (no rules:
		# nothing hooked, what unrestricted sockets cost).
		case $op in
		connect | sendto) set -- native syd syd-off ${BASE:+syd-base} ;;
		esac
		# Rotate the order each round: a slow spell of the machine
		# must not always hit the same configuration.
		k=$(( (r - 1) % $# ))
		while [ "$k" -gt 0 ]; do x=$1; shift; set -- "$@" "$x"; k=$((k - 1)); done
		for cfg in "$@"; do
			# $best and $POLICY are word lists on purpose.
			# shellcheck disable=SC2086
			case $cfg in
			native) measure "$r" "$op" "$t" "$n" "$p" native ;;
			floor) measure "$r" "$op" "$t" "$n" "$p" floor "$F" $best -- ;;
			# Hands the fd over as syd does: ADDFD, then SEND.
			floor-emu) measure "$r" "$op" "$t" "$n" "$p" floor-emu "$F" $best --split-addfd -- ;;
			syd) measure "$r" "$op" "$t" "$n" "$p" syd "$SYD" $POLICY -- ;;
			syd-off) measure "$r" "$op" "$t" "$n" "$p" syd-off "$SYD" -p off -- ;;
			syd-base) measure "$r" "$op" "$t" "$n" "$p" syd-base "$BASE" $POLICY -- ;;
			esac
		done
	done
	# Start-up: 100 runs of true, natively and as "syd -p off -- true".
	for cfg in native syd; do
		t0=$(date +%s%N)
		i=0
		while [ $i -lt 100 ]; do
			if [ "$cfg" = native ]; then $RUN /bin/true; else $RUN "$SYD" -p off -- /bin/true; fi
			i=$((i + 1))
		done
		ns=$(( ($(date +%s%N) - t0) / 100 ))
		printf '%s\tstartup\t1\t%s\t%s\t0\n' "$r" "$cfg" "$ns" >>"$raw"
	done
	r=$((r + 1))
done

# The package build: the source t-debbuild.sh builds, natively, on the
# floor hooking every path call syd hooks under paludis (--hooks all), and
# under syd -p paludis, BUILDS times each, interleaved in a rotating order;
# syd's peak RSS while it runs.
if [ "$BUILD" -eq 1 ]; then
	CACHE=${DEBSRC_CACHE:-/var/cache/syd-tests/debsrc}
	if DEBSRC_CACHE=$CACHE tests/integration/debbuild-fetch.sh lua5.4 >"$FIX/fetch" 2>"$FIX/fetch.err"; then
		dsc=$(sed -n 's/^package [^ ]* //p' "$FIX/fetch")
		r=1
		while [ "$r" -le "$BUILDS" ]; do
			set -- native floor syd
			k=$(( (r - 1) % 3 ))
			while [ "$k" -gt 0 ]; do x=$1; shift; set -- "$@" "$x"; k=$((k - 1)); done
			for cfg in "$@"; do
				tree=$FIX/build-$cfg-$r
				dpkg-source --skip-patches -x "$dsc" "$tree" >/dev/null 2>&1 || continue
				t0=$(date +%s%N)
				hwm=0
				# Every configuration runs in the background under the
				# same polling loop (it reads syd's VmHWM), so the
				# poller's own processes cost all three alike.
				case $cfg in
				native) (cd "$tree" && $RUN make -j2 linux >/dev/null 2>&1) & ;;
				floor) (cd "$tree" && $RUN "$F" --sync-wakeup --hooks all -- make -j2 linux >/dev/null 2>&1) & ;;
				syd) (cd "$tree" && SYD_LOG_FD=-1 $RUN "$SYD" -p paludis -- make -j2 linux >/dev/null 2>&1) & ;;
				esac
				bg=$!
				# syd is the subshell itself or its child.
				while kill -0 "$bg" 2>/dev/null; do
					for pid in "$bg" $(pgrep -P "$bg"); do
						[ "$(cat "/proc/$pid/comm" 2>/dev/null)" = syd ] || continue
						h=$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\).*/\1/p' "/proc/$pid/status" 2>/dev/null)
						[ -n "$h" ] && [ "$h" -gt "$hwm" ] && hwm=$h
					done
					sleep 0.2
				done
				wait "$bg"
				ns=$(($(date +%s%N) - t0))
				[ -x "$tree/src/lua" ] || { echo "# package build ($cfg) failed" >&2; continue; }
				printf '%s\tbuild\t2\t%s\t%s\t%s\n' "$r" "$cfg" "$ns" "$hwm" >>"$raw"
				rm -rf "$tree"
			done
			r=$((r + 1))
		done
	else
		echo "# no package build: $(tail -n 1 "$FIX/fetch.err")" >&2
	fi
fi

python3 - "$raw" <<'PY' | tee "$OUT/table.md"
import collections, statistics, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
by = collections.defaultdict(dict)  # (op, thr) -> {round: {cfg: (ns, ops)}}
for r, op, t, cfg, ns, ops in rows:
    by[(op, int(t))].setdefault(r, {})[cfg] = (float(ns), float(ops))
def med(xs):
    return statistics.median(xs) if xs else float("nan")
print("| op | thr | native ns | floor added | floor-emu added | syd added | syd/floor | syd/floor-emu | syd ratio to native | n |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
order = ["open", "stat", "denied", "getpid", "readdir", "forkexec", "connect", "sendto", "startup", "build"]
base_rows = []
off_rows = []
for key in sorted(by, key=lambda k: (order.index(k[0]) if k[0] in order else 99, k[1])):
    op, t = key
    rounds = by[key]
    nat = [v["native"][0] for v in rounds.values() if "native" in v]
    def added(cfg):
        return [v[cfg][0] - v["native"][0] for v in rounds.values() if cfg in v and "native" in v]
    fa, ea, sa = med(added("floor")), med(added("floor-emu")), med(added("syd"))
    rat = med([v["syd"][0] / v["native"][0] for v in rounds.values() if "syd" in v and "native" in v])
    def fmt(x, unit=""):
        if x != x:
            return "-"
        if op == "build":
            return f"{x / 1e9:+.1f} s" if unit else f"{x / 1e9:.1f} s"
        if op == "startup":
            return f"{x / 1e6:+.2f} ms" if unit else f"{x / 1e6:.2f} ms"
        return f"{x:+.0f}" if unit else f"{x:.0f}"
    def ratio(a, b):
        return f"{a / b:.2f}" if a == a and b == b and b > 0 else "-"
    print(f"| {op} | {t} | {fmt(med(nat))} | {fmt(fa, 1)} | {fmt(ea, 1)} | {fmt(sa, 1)} | {ratio(sa, fa)} | {ratio(sa, ea)} | {rat:.2f} | {len(nat)} |")
    oa = med(added("syd-off"))
    if oa == oa:
        off_rows.append(f"| {op} | {t} | {fmt(sa, 1)} | {fmt(oa, 1)} |")
    ba = med(added("syd-base"))
    if ba == ba:
        base_rows.append(f"| {op} | {t} | {fmt(ba, 1)} | {fmt(sa, 1)} | {ratio(sa, ba)} |")
if off_rows:
    print("\nsockets: ns added to native with loopback allowed by rules, and with no net rules (-p off)")
    print("| op | thr | syd (rules) added | syd -p off added |")
    print("|---|---:|---:|---:|")
    print("\n".join(off_rows))
if base_rows:
    print("\nagainst the other syd (-S), in the same rounds: ns added to native")
    print("| op | thr | syd-base added | syd added | syd/syd-base |")
    print("|---|---:|---:|---:|---:|")
    print("\n".join(base_rows))
bn = [(v["native"][0], v.get("floor", (float("nan"),))[0], v["syd"][0]) for v in by.get(("build", 2), {}).values() if "native" in v and "syd" in v]
if bn:
    print("\npackage build, each round (native / floor --hooks all / syd, seconds): " +
          "; ".join(f"{n / 1e9:.2f} / {f / 1e9:.2f} / {s / 1e9:.2f}" for n, f, s in bn))
    print(f"medians of the ratios to native: floor {med([f / n for n, f, s in bn if f == f]):.3f}, syd {med([s / n for n, f, s in bn]):.3f}")
hwm = [float(o) for r, op, t, cfg, ns, o in rows if op == "build" and cfg == "syd" and float(o) > 0]
if hwm:
    print(f"\nsyd peak RSS during the package build (VmHWM): {max(hwm) / 1024:.1f} MiB")
PY
