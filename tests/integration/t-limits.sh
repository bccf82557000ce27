#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# rlimit/NAME and memory sandboxing (mem/max, mem/vm_max, default/mem) on
# real programs: sh's ulimit and python3's resource module see the limits
# syd set, soft and hard, and cannot raise them; programs that allocate
# past a memory limit by brk, mmap, mremap or malloc are refused (ENOMEM,
# MemoryError) or killed, as default/mem says, and work below it.
. "$(dirname "$0")/lib.sh"
: "${MEM_ALLOC:?MEM_ALLOC must point at mem-alloc}"
tap_alias MEM_ALLOC "$MEM_ALLOC"

have_python=
command -v python3 >/dev/null 2>&1 && have_python=1

# What python3 sees of each limit: "NAME SOFT HARD" lines, "inf" for none.
cat >"$TMP/limits.py" <<'EOF'
import resource
names = ["as", "core", "cpu", "data", "fsize", "memlock", "msgqueue", "nice",
         "nofile", "nproc", "rtprio", "rttime", "sigpending", "stack"]
def show(v):
    return "inf" if v == resource.RLIM_INFINITY else str(v)
for n in names:
    s, h = resource.getrlimit(getattr(resource, "RLIMIT_" + n.upper()))
    print(n, show(s), show(h))
EOF
# Try to raise and lower RLIMIT_NOFILE; each outcome on a line.
cat >"$TMP/raise.py" <<'EOF'
import resource, sys
R = resource.RLIMIT_NOFILE
s, h = resource.getrlimit(R)
for lim in [(h, h + 64), (h, resource.RLIM_INFINITY), (h // 2, h - 8),
            (h // 2 + 1, h - 8), (h - 8, h - 8)]:
    try:
        resource.setrlimit(R, lim)
        print("ok", *resource.getrlimit(R))
    except (ValueError, OSError):
        print("refused")
EOF

# -- rlimit/NAME -----------------------------------------------------------

run "$SYD" -p off -m rlimit/nofile:64 -- sh -c 'ulimit -n; ulimit -Hn'
if [ "$rc" -eq 0 ] && [ "$out" = "64
64" ]; then
	ok "rlimit/nofile:64: sh's ulimit -n and -Hn say 64"
else
	not_ok "rlimit/nofile:64: sh's ulimit -n and -Hn say 64" "rc=$rc" "$out" "$err"
fi
run "$SYD" -p off -m rlimit/nofile:64 -- sh -c 'ulimit -n 128 2>/dev/null || echo refused; ulimit -Hn'
if [ "$rc" -eq 0 ] && [ "$out" = "refused
64" ]; then ok "sh cannot raise it (ulimit -n 128)"; else not_ok "sh cannot raise it (ulimit -n 128)" "rc=$rc" "$out" "$err"; fi
run "$SYD" -p off -m rlimit/nofile:64 -- sh -c 'ulimit -n 32 && ulimit -n'
if [ "$rc" -eq 0 ] && [ "$out" = 32 ]; then ok "sh may lower it (ulimit -n 32)"; else not_ok "sh may lower it (ulimit -n 32)" "rc=$rc" "$out" "$err"; fi

if [ -n "$have_python" ]; then
	# Every resource, each to a value the caller may set: its hard limit
	# now, or a number where that is unlimited.
	native=$(python3 "$TMP/limits.py")
	set --
	while read -r name soft hard; do
		case $name in
		as | data) want=$(( 4 << 30 )) ;;
		stack) want=$(( 8 << 20 )) ;;
		cpu) want=3600 ;;
		rttime) want=500000 ;;
		nice | rtprio) want=0 ;;
		*) want=$(( 3 << 20 )) ;;
		esac
		if [ "$hard" != inf ] && [ "$hard" -lt "$want" ]; then
			want=$hard
		fi
		set -- "$@" -m "rlimit/$name:$want"
		printf '%s %s %s\n' "$name" "$want" "$want"
	done >"$TMP/want" <<EOF
$native
EOF
	run "$SYD" -p off -p nopie "$@" -- python3 "$TMP/limits.py"
	if [ "$rc" -eq 0 ] && [ "$out" = "$(cat "$TMP/want")" ]; then
		ok "every rlimit/NAME reaches python3's resource.getrlimit, soft and hard"
	else
		not_ok "every rlimit/NAME reaches python3's resource.getrlimit, soft and hard" \
			"rc=$rc" "want: $(cat "$TMP/want")" "got: $out" "$err"
	fi

	run "$SYD" -p off -p nopie -m rlimit/nofile:64 -- python3 -c \
		'import resource; print(resource.getrlimit(resource.RLIMIT_NOFILE))'
	if [ "$out" = "(64, 64)" ]; then ok "python3 getrlimit(RLIMIT_NOFILE) is (64, 64)"; else not_ok "python3 getrlimit(RLIMIT_NOFILE) is (64, 64)" "$out" "$err"; fi
	run "$SYD" -p off -p nopie -m rlimit/nofile:64 -- python3 "$TMP/raise.py"
	want="refused
refused
ok 32 56
ok 33 56
ok 56 56"
	if [ "$out" = "$want" ]; then
		ok "python3 setrlimit: above the hard limit refused, lower set"
	else
		not_ok "python3 setrlimit: above the hard limit refused, lower set" "got: $out" "$err"
	fi
	# A process holding CAP_SYS_RESOURCE (here: in a user namespace of
	# its own) has its setrlimit emulated by syd, which refuses every
	# raise and sets what is lower.
	if unshare -U -r true 2>/dev/null; then
		run "$SYD" -p off -p nopie -m rlimit/nofile:64 \
			-m trace/allow_unsafe_namespace:user -- \
			unshare -U -r python3 "$TMP/raise.py"
		if [ "$out" = "$want" ]; then
			ok "with CAP_SYS_RESOURCE (user namespace): refused and set alike"
		else
			not_ok "with CAP_SYS_RESOURCE (user namespace): refused and set alike" "got: $out" "$err"
		fi
		run "$SYD" -p off -p nopie -m rlimit/nofile:64 \
			-m trace/allow_unsafe_namespace:user -- \
			unshare -U -r python3 -c 'import resource as r, os
print(r.prlimit(0, r.RLIMIT_NOFILE, (30, 40)), r.getrlimit(r.RLIMIT_NOFILE))
try: r.prlimit(os.getppid(), r.RLIMIT_NOFILE, (20, 20))
except OSError as e: print(e.errno)'
		if [ "$out" = "(64, 64) (30, 40)
1" ]; then
			ok "prlimit64 emulated: the old limits written back, another process's refused (EPERM)"
		else
			not_ok "prlimit64 emulated: the old limits written back, another process's refused (EPERM)" "got: $out" "$err"
		fi
	else
		skip "setrlimit with CAP_SYS_RESOURCE" "no user namespaces here"
		skip "prlimit64 emulated" "no user namespaces here"
	fi

	# rlimit/core: 0 unless asked otherwise; "none" keeps syd's own.
	core='import resource; print(*resource.getrlimit(resource.RLIMIT_CORE))'
	run "$SYD" -p off -p nopie -- python3 -c "$core"
	if [ "$out" = "0 0" ]; then ok "rlimit/core: 0 and 0 by default"; else not_ok "rlimit/core: 0 and 0 by default" "$out" "$err"; fi
	if [ "$(sh -c 'ulimit -Hc')" != 0 ]; then
		run "$SYD" -p off -p nopie -m rlimit/core:1K -- python3 -c "$core"
		if [ "$out" = "1024 1024" ]; then ok "rlimit/core:1K sets 1024 and 1024"; else not_ok "rlimit/core:1K sets 1024 and 1024" "$out" "$err"; fi
		run "$SYD" -p off -p nopie -m rlimit/core:1K -- python3 -c 'import resource as r
try: r.setrlimit(r.RLIMIT_CORE, (2048, 2048)); print("raised")
except ValueError: print("refused")'
		if [ "$out" = refused ]; then ok "rlimit/core:1K cannot be raised"; else not_ok "rlimit/core:1K cannot be raised" "$out" "$err"; fi
	else
		skip "rlimit/core:1K sets 1024 and 1024" "syd was started with a hard core limit of 0"
		skip "rlimit/core:1K cannot be raised" "syd was started with a hard core limit of 0"
	fi
	run "$SYD" -p off -p nopie -m rlimit/core:none -- python3 -c "$core"
	if [ "$out" = "$(python3 -c "$core")" ]; then ok "rlimit/core:none keeps syd's"; else not_ok "rlimit/core:none keeps syd's" "$out" "$err"; fi
else
	for t in "every rlimit/NAME reaches python3" "python3 getrlimit" \
		"python3 setrlimit" "with CAP_SYS_RESOURCE" \
		"prlimit64 emulated" "rlimit/core: 0" "rlimit/core:1K sets" \
		"rlimit/core:1K cannot be raised" "rlimit/core:none"; do
		skip "$t" "no python3"
	done
fi

# The kernel enforces them: CPU time (SIGKILL at the hard limit) and
# file size (SIGXFSZ).
run timeout 30 "$SYD" -p off -m rlimit/cpu:1 -- sh -c 'while :; do :; done'
case $rc in
137 | 152) ok "rlimit/cpu:1 ends a busy loop (status $rc)" ;;
*) not_ok "rlimit/cpu:1 ends a busy loop" "rc=$rc" "$err" ;;
esac
run "$SYD" -p off -m rlimit/fsize:1K -- sh -c "head -c 4096 /dev/zero >'$TMP/big'"
if [ "$rc" -eq 153 ] && [ "$(wc -c <"$TMP/big")" -eq 1024 ]; then
	ok "rlimit/fsize:1K: SIGXFSZ past 1024 bytes"
else
	not_ok "rlimit/fsize:1K: SIGXFSZ past 1024 bytes" "rc=$rc" "$(wc -c <"$TMP/big")"
fi

# Values syd cannot read, and limits it cannot set: one clear line.
expect_fail "rlimit/nofile:lots refused" 22 \
	"rlimit/nofile: expected a number, none or inf" \
	"$SYD" -p off -m rlimit/nofile:lots -- true
expect_fail "rlimit/as:1X refused" 22 \
	"rlimit/as: expected a size such as 64M" \
	"$SYD" -p off -m rlimit/as:1X -- true
expect_fail "rlimit/cpu:soon refused" 22 \
	"rlimit/cpu: expected seconds, such as 90 or 2m" \
	"$SYD" -p off -m rlimit/cpu:soon -- true
expect_fail "rlimit/rss refused" 22 \
	"unknown resource 'rlimit/rss': expected as, core, cpu" \
	"$SYD" -p off -m rlimit/rss:1M -- true
nr_open=$(cat /proc/sys/fs/nr_open)
expect_fail "rlimit/nofile past nr_open refused at start" 1 \
	"syd: rlimit/nofile:$((nr_open + 1)) is above" \
	"$SYD" -p off -m "rlimit/nofile:$((nr_open + 1))" -- true
expect_fail "rlimit/nofile:3 refused: no room for syd's listener" 24 \
	"syd: rlimit/nofile:3 is too low to start: syd hands the sandbox its listener as descriptor 3" \
	"$SYD" -p off -m rlimit/nofile:3 -- true
run "$SYD" -p off -m rlimit/nofile:4 -- sh -c 'ulimit -n'
if [ "$rc" -eq 0 ] && [ "$out" = 4 ]; then ok "rlimit/nofile:4 is enough"; else not_ok "rlimit/nofile:4 is enough" "rc=$rc" "$out" "$err"; fi
hard=$(sh -c 'ulimit -Hn')
cap=$(awk '/^CapEff/ { print $2 }' /proc/self/status)
if [ "$hard" != unlimited ] && [ $(( 0x$cap >> 24 & 1 )) -eq 0 ]; then
	expect_fail "rlimit/nofile above the hard limit, without CAP_SYS_RESOURCE" 1 \
		"rlimit/nofile:$((hard + 1)) is above the hard limit syd was started with ($hard)" \
		"$SYD" -p off -m "rlimit/nofile:$((hard + 1))" -- true
else
	skip "rlimit/nofile above the hard limit" "we may raise it"
fi

# -- memory sandboxing ------------------------------------------------------

# mem HOW MIB STEP OPTS...: mem-alloc under memory sandboxing; sets out,
# rc and log.
mem() {
	how=$1 mib=$2 step=$3
	shift 3
	SYD_LOG_FD=3 "$SYD" -p off -m sandbox/mem:on "$@" -- \
		"$MEM_ALLOC" "$how" "$mib" "$step" \
		>"$TMP/out" 2>"$TMP/err" 3>"$TMP/log"
	rc=$?
	out=$(cat "$TMP/out")
	log=$(cat "$TMP/log")
}

for how in brk mmap mremap malloc; do
	mem "$how" 32 4 -m mem/max:64M
	if [ "$out" = "OK 32" ] && [ -z "$log" ]; then ok "$how: 32M under mem/max:64M"; else not_ok "$how: 32M under mem/max:64M" "$out" "$log"; fi
	mem "$how" 256 4 -m mem/max:64M
	case $out in
	"ENOMEM "*)
		had=${out#ENOMEM }
		if [ "$had" -ge 32 ] && [ "$had" -lt 64 ]; then
			ok "$how: refused (ENOMEM) past mem/max:64M, after ${had}M"
		else
			not_ok "$how: refused (ENOMEM) past mem/max:64M, after ${had}M" "after ${had}M"
		fi ;;
	*) not_ok "$how: refused (ENOMEM) past mem/max:64M" "$out" ;;
	esac
	case $how in malloc) sys= ;; *) sys="\"sys\":\"$how\"," ;; esac
	contains "$how: logged with the limit that would do" "$log" \
		"$sys\"cap\":\"mem\",\"act\":\"deny\",\"errno\":\"ENOMEM\",\"tip\":\"mem/max:"
done
# In one go: the call's own length counts, not only what is resident.
mem mmap 128 128 -m mem/max:64M
if [ "$out" = "ENOMEM 0" ]; then ok "one mmap of 128M refused under mem/max:64M"; else not_ok "one mmap of 128M refused under mem/max:64M" "$out"; fi
mem brk 128 128 -m mem/max:64M
if [ "$out" = "ENOMEM 0" ]; then ok "one brk of 128M refused under mem/max:64M"; else not_ok "one brk of 128M refused under mem/max:64M" "$out"; fi

# default/mem: kill, warn, filter; deny is the default.
mem mmap 256 4 -m mem/max:64M -m default/mem:kill
if [ "$rc" -eq 137 ] && [ -z "$out" ]; then ok "default/mem:kill: killed past mem/max"; else not_ok "default/mem:kill: killed past mem/max" "rc=$rc" "$out"; fi
contains "default/mem:kill: logged" "$log" '"cap":"mem","act":"kill"'
mem mmap 96 4 -m mem/max:64M -m default/mem:warn
if [ "$out" = "OK 96" ]; then ok "default/mem:warn: allowed"; else not_ok "default/mem:warn: allowed" "$out"; fi
contains "default/mem:warn: logged" "$log" '"cap":"mem","act":"warn"'
mem mmap 96 4 -m mem/max:64M -m default/mem:filter
case "$out:$log" in
"ENOMEM "*:) ok "default/mem:filter: refused, not logged" ;;
*) not_ok "default/mem:filter: refused, not logged" "$out" "$log" ;;
esac
mem mmap 96 4 -m mem/max:64M -m default/mem:allow
if [ "$out" = "OK 96" ] && [ -z "$log" ]; then ok "default/mem:allow: nothing kept"; else not_ok "default/mem:allow: nothing kept" "$out" "$log"; fi
mem mmap 96 4 -m mem/max:64M -m sandbox/mem:off
if [ "$out" = "OK 96" ]; then ok "sandbox/mem:off: no limit"; else not_ok "sandbox/mem:off: no limit" "$out"; fi

# mem/vm_max: virtual memory, a reservation that is never touched too.
mem mmap 64 64 -m mem/vm_max:256M
if [ "$out" = "OK 64" ]; then ok "mem/vm_max:256M: 64M mapped"; else not_ok "mem/vm_max:256M: 64M mapped" "$out"; fi
mem mmap 512 512 -m mem/vm_max:256M
if [ "$out" = "ENOMEM 0" ]; then ok "mem/vm_max:256M: 512M refused"; else not_ok "mem/vm_max:256M: 512M refused" "$out"; fi
contains "mem/vm_max: its tip" "$log" '"tip":"mem/vm_max:'

# python3 allocating a bytearray.
if [ -n "$have_python" ]; then
	py='import sys; b = bytearray(int(sys.argv[1]) << 20); print("OK")'
	run "$SYD" -p off -p nopie -m sandbox/mem:on -m mem/max:128M -- python3 -c "$py" 16
	if [ "$out" = OK ]; then ok "python3: 16M under mem/max:128M"; else not_ok "python3: 16M under mem/max:128M" "$out" "$err"; fi
	SYD_LOG_FD=-1 run "$SYD" -p off -p nopie -m sandbox/mem:on -m mem/max:128M -- python3 -c "$py" 256
	case "$rc:$err" in
	1:*MemoryError*) ok "python3: 256M past mem/max:128M: MemoryError" ;;
	*) not_ok "python3: 256M past mem/max:128M: MemoryError" "rc=$rc" "$err" ;;
	esac
	SYD_LOG_FD=-1 run "$SYD" -p off -p nopie -m sandbox/mem:on -m mem/max:128M \
		-m default/mem:kill -- python3 -c "$py" 256
	if [ "$rc" -eq 137 ]; then ok "python3: killed with default/mem:kill"; else not_ok "python3: killed with default/mem:kill" "rc=$rc" "$err"; fi
else
	skip "python3 under mem/max" "no python3"
fi

tap_done
