#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The exec guard and the process tree (supervise/trace.c): what really
# runs is decided (a script's interpreter, ld.so's program, a library),
# syd ends with its command's status, and nothing of the sandbox outlives
# it. Real programs, as root and, where the runner can, as 65534.
. "$(dirname "$0")/lib.sh"

T=$TMP/t
mkdir -p "$T/ok" "$T/no"
chmod -R a+rwX "$TMP"
PY=$(command -v /usr/bin/python3 || command -v python3)
printf '#!%s\nprint("script ran")\n' "$PY" >"$T/ok/s.py"
printf '#!/bin/sh\necho sh script ran\n' >"$T/ok/s.sh"
cp /usr/bin/true "$T/no/true"
LIBM=$(find /lib/x86_64-linux-gnu /usr/lib/x86_64-linux-gnu -name 'libm.so.6' 2>/dev/null | head -n 1)
[ -n "$LIBM" ] && cp "$LIBM" "$T/no/libm.so.6"
chmod -R a+rwX "$T"
chmod 755 "$T/ok/s.py" "$T/ok/s.sh"
LDSO=/lib64/ld-linux-x86-64.so.2

# sx [-m RULE]... -- CMD...: CMD under syd with exec denied under $T/no
# and everything allowed under $T; the log in $TMP/log. -p nopie: Debian
# builds python3 non-PIE.
sx() {
	SYD_LOG_FD=3 "$SYD" -p linux -p nopie -m "allow/all+$T/***" \
		-m "deny/exec+$T/no/***" "$@" 3>"$TMP/log"
}

# A script runs its interpreter: allowed ones run, a denied one is killed
# before its first instruction, and the log says which file.
run sx -- "$T/ok/s.sh"
contains "script with an allowed interpreter runs" "$out" "sh script ran"
run sx -m "deny/exec+${PY%/*}/python3*" -- sh -c "$T/ok/s.py; echo rc=\$?"
contains "script with a denied interpreter: killed" "$out" "rc=137"
contains "script with a denied interpreter: logged at the exec" \
	"$(cat "$TMP/log")" '"sys":"exec","cap":"exec","act":"deny"'

# What the loaded image is, decided at the exec too: a script's
# interpreter that is non-PIE (Debian's python3) is killed, though the
# script passed the check at entry.
if file -L "$PY" 2>/dev/null | grep -q 'LSB executable'; then
	run env SYD_LOG_FD=3 "$SYD" -p linux -m "allow/all+$T/***" -- \
		sh -c "$T/ok/s.py; echo rc=\$?" 3>"$TMP/log"
	contains "non-PIE interpreter of a script: killed at its exec" "$out" \
		"rc=137"
	contains "non-PIE interpreter of a script: logged with its tip" \
		"$(cat "$TMP/log")" 'allow_unsafe_exec_nopie'
else
	skip "non-PIE interpreter" "$PY is PIE here"
fi

# The initial command's image refused: syd says so and exits 13.
run sx -m "deny/exec+${PY%/*}/python3*" -- "$T/ok/s.py"
if [ "$rc" -eq 13 ] && [ -z "$out" ]; then
	ok "initial command's interpreter refused: exit 13, nothing ran"
else
	not_ok "initial command's interpreter refused: exit 13, nothing ran" \
		"rc=$rc" "out: $out"
fi
contains "initial command's interpreter refused: one line" "$err" \
	"cannot run '$T/ok/s.py': Permission denied"

# ld.so maps the programs it is given itself: run as a program it is
# refused, at entry (EACCES) and at the exec (killed), unless
# trace/allow_unsafe_exec_ldso; then a denied program is not mapped.
if [ -x "$LDSO" ]; then
	run sx -- sh -c "$LDSO /usr/bin/echo through ld.so; echo rc=\$?"
	contains "ld.so run as a program: refused" "$out" "rc=126"
	contains "ld.so run as a program: logged with its tip" \
		"$(cat "$TMP/log")" '"tip":"trace/allow_unsafe_exec_ldso:1"'
	run sx -m trace/allow_unsafe_exec_ldso:1 -- "$LDSO" /usr/bin/echo through ld.so
	contains "allow_unsafe_exec_ldso: ld.so runs an allowed program" "$out" \
		"through ld.so"
	run sx -m trace/allow_unsafe_ldso:1 -- "$LDSO" /usr/bin/echo old name
	contains "allow_unsafe_ldso, the old name, still lifts it" "$out" \
		"old name"
	run sx -m trace/allow_unsafe_exec_ldso:1 -- sh -c "$LDSO $T/no/true; echo rc=\$?"
	contains "ld.so cannot run a denied program" "$out" "rc=127"
	contains "ld.so cannot run a denied program: logged" \
		"$(cat "$TMP/log")" '"sys":"mmap","cap":"exec","act":"deny"'
else
	skip "ld.so" "no $LDSO here"
fi

# A library is code too: dlopen of one where exec is denied fails.
if [ -n "$LIBM" ]; then
	run sx -- "$PY" -c "import ctypes; ctypes.CDLL('libm.so.6'); print('libm loaded')"
	contains "dlopen of an allowed library" "$out" "libm loaded"
	run sx -- "$PY" -c "
import ctypes
try:
    ctypes.CDLL('$T/no/libm.so.6')
    print('loaded')
except OSError as e:
    print('refused', e)"
	contains "dlopen of a library where exec is denied" "$out" \
		"failed to map segment"
else
	skip "dlopen" "no libm.so.6 found"
fi

# Exec chains and many short processes.
run sx -- env /usr/bin/printf 'env chain\n'
contains "env execs its command" "$out" "env chain"
run sx -- sh -c 'printf "a\nb\n" | xargs -n1 /usr/bin/echo x'
contains "xargs execs its command per line" "$out" "x b"
run sx -- "$PY" -c "import subprocess; print(subprocess.run(['/usr/bin/echo', 'sub'], capture_output=True).stdout.decode().strip())"
contains "python3 subprocess" "$out" "sub"
run sx -- sh -c 'i=0; while [ $i -lt 1000 ]; do /usr/bin/true; i=$((i+1)); done; echo n=$i'
contains "1000 short processes" "$out" "n=1000"

# SegvGuard counts the crashes the tracer sees: a program that crashed
# maxcrashes times is not run again (its exec refused at entry).
cp /bin/dash "$T/ok/crash"
run sx -m segvguard/maxcrashes:2 -- sh -c "
	$T/ok/crash -c 'kill -SEGV \$\$'
	$T/ok/crash -c 'kill -SEGV \$\$'
	$T/ok/crash -c 'echo ran'; echo rc=\$?"
if [ "${out#*ran}" = "$out" ] && [ "${out#*rc=126}" != "$out" ]; then
	ok "SegvGuard: a program that crashed twice does not run again"
else
	not_ok "SegvGuard: a program that crashed twice does not run again" \
		"out: $out" "log: $(cat "$TMP/log")"
fi
run sx -m segvguard/maxcrashes:2 -- sh -c "
	$T/ok/crash -c 'kill -SEGV \$\$'
	$T/ok/crash -c 'echo ran'"
contains "SegvGuard: one crash of two allowed" "$out" "ran"

# Exit status: the command's, 128+N for signal N.
run sx -- sh -c 'exit 7'
[ "$rc" -eq 7 ] && ok "exit status 7" || not_ok "exit status 7" "rc=$rc"
run sx -- sh -c 'kill -TERM $$'
[ "$rc" -eq 143 ] && ok "killed by SIGTERM: 143" ||
	not_ok "killed by SIGTERM: 143" "rc=$rc"

# alive PID: PID runs (a zombie does not: killed, it waits for init,
# whose reaping takes its time in some containers).
alive() {
	state=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1)
	[ -n "$state" ] && [ "$state" != Z ]
}

# What the command leaves running ends with syd...
run sx -- sh -c "sleep 60 </dev/null >/dev/null 2>&1 & echo \$! >$T/bg.pid; exit 0"
bg=$(cat "$T/bg.pid" 2>/dev/null)
gone=
for _ in 1 2 3 4 5 6 7 8 9 10; do
	if [ -n "$bg" ] && ! alive "$bg"; then
		gone=1
		break
	fi
	sleep 0.2
done
[ "$rc" -eq 0 ] && [ -n "$gone" ] &&
	ok "a background process ends with syd" ||
	not_ok "a background process ends with syd" "rc=$rc pid=$bg still there"
# ... a daemon that left its session too ...
run sx -- sh -c "setsid sh -c 'sleep 60' </dev/null >/dev/null 2>&1 & echo \$! >$T/bg.pid; sleep 0.3"
bg=$(cat "$T/bg.pid" 2>/dev/null)
sleep 0.5
if [ -n "$bg" ] && ! alive "$bg"; then
	ok "a process in a session of its own ends with syd"
else
	not_ok "a process in a session of its own ends with syd" "pid=$bg"
	[ -n "$bg" ] && kill -KILL "$bg" 2>/dev/null
fi
# ... unless trace/exit_wait_all makes syd wait for it.
rm -f "$T/late"
run sx -m trace/exit_wait_all:1 -- sh -c "(sleep 1; echo late >$T/late) & exit 3"
if [ "$rc" -eq 3 ] && [ "$(cat "$T/late" 2>/dev/null)" = late ]; then
	ok "exit_wait_all: syd waits for the rest, exits with the command's status"
else
	not_ok "exit_wait_all: syd waits for the rest, exits with the command's status" \
		"rc=$rc late=$(cat "$T/late" 2>/dev/null)"
fi

# pid/max: the sandbox's tasks are held at the limit. 30 background
# sleeps under pid/max:10 (the shell counts too): the others are killed
# as they are made, and each refusal is logged with the limit's tip.
# descendants: how many live (not zombie) processes descend from $root.
descendants() {
	n=0
	for s in /proc/[0-9]*/stat; do
		line=$(cat "$s" 2>/dev/null) || continue
		set -- ${line##*) }
		[ "$1" = Z ] && continue
		p=$2
		while [ "$p" -gt 1 ] 2>/dev/null; do
			if [ "$p" = "$root" ]; then
				n=$((n + 1))
				break
			fi
			p=$(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null | cut -d' ' -f2)
			[ -n "$p" ] || break
		done
	done
	echo "$n"
}
SYD_LOG_FD=3 "$SYD" -p linux -m sandbox/pid:on -m pid/max:10 -- sh -c \
	'for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 \
		21 22 23 24 25 26 27 28 29 30; do sleep 3 & done; wait' \
	3>"$TMP/log" &
root=$!
sleep 1
n=$(descendants)
wait "$root"
if [ "$n" -le 10 ] && [ "$n" -gt 0 ]; then
	ok "pid/max:10 holds 30 background processes at 10" "$n alive"
else
	not_ok "pid/max:10 holds 30 background processes at 10" "$n alive"
fi
contains "pid/max: refusals logged with the limit" "$(cat "$TMP/log")" \
	'"cap":"pid"'
# A fork bomb (bounded: 2^7 leaves) is held too, and syd ends with it.
cat >"$T/bomb.sh" <<'BOMB'
b() { if [ "$1" -gt 0 ]; then b $(($1 - 1)) & b $(($1 - 1)) & wait; else sleep 1; fi; }
b 7
echo bomb done
BOMB
run timeout 60 env SYD_LOG_FD=3 "$SYD" -p linux -m "allow/read+$T/bomb.sh" \
	-m sandbox/pid:on -m pid/max:40 -- sh "$T/bomb.sh" 3>"$TMP/log"
contains "a fork bomb under pid/max:40 ends" "$out" "bomb done"
contains "a fork bomb under pid/max:40 is held (refusals logged)" \
	"$(cat "$TMP/log")" '"cap":"pid"'

# Job control through a terminal: syd as a shell's job, and a shell as
# syd's command.
JOBCTL=$SRCDIR/tests/integration/progs/jobctl.py
cat >"$TMP/jc1" <<JC
expect \$ 
send $SYD -p linux -p tty -- cat\n
sleep 1
send hello\n
expect hello
send \x1a
expect Stopped
send fg\n
sleep 0.5
send again\n
expect again
send \x04
expect \$ 
send echo rc=\$?\n
expect rc=0
JC
run env -i PATH=/usr/bin:/bin TERM=dumb PS1='$ ' "$PY" "$JOBCTL" "$TMP/jc1" -- bash --norc -i
[ "$rc" -eq 0 ] && ok "job control: ^Z stops syd's job, fg resumes it" ||
	not_ok "job control: ^Z stops syd's job, fg resumes it" "$out"
cat >"$TMP/jc2" <<JC
expect \$ 
send sleep 30\n
sleep 1
send \x1a
expect Stopped
send fg\n
sleep 0.5
send \x03
expect \$ 
send echo back\n
expect back
JC
run env -i PATH=/usr/bin:/bin TERM=dumb PS1='$ ' "$PY" "$JOBCTL" "$TMP/jc2" -- \
	"$SYD" -p linux -p tty -m "allow/all+$TMP/***" -- bash --norc -i
[ "$rc" -eq 0 ] && ok "job control: a shell under syd stops and resumes its jobs" ||
	not_ok "job control: a shell under syd stops and resumes its jobs" "$out"

tap_done
