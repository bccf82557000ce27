#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Exec-time hardening on real programs, as root and as an unprivileged
# user: non-PIE and executable-stack binaries refused (and run under
# their opt-outs), trace/deny_elf32, deny_elf_static, deny_elf_dynamic
# and deny_script, a malformed ELF file, loader variables removed from
# the initial command's environment, W^X (the filter and MDWE), memfds
# that cannot be executed, python3 and node. Every program that syd
# refuses here runs without syd: the native runs show the refusal is syd's.
. "$(dirname "$0")/lib.sh"

: "${WX:?WX must point at the wx helper}"
chmod 0755 "$TMP"
test_users
export SYD_LOG_FD=3
# Everything allowed by path: only the hardening refuses anything here.
POLICY="-m default/all:allow -m deny/all+/nonexistent/***"

# Programs built here, readable and runnable by every user.
bin=$TMP/bin
mkdir "$bin"
cc=${CC:-cc}
cat >"$bin/hello.c" <<'EOF'
#include <stdio.h>
int main(void) { puts("hello"); return 0; }
EOF
# A 32-bit program without a 32-bit C library: exit(0) by int $0x80.
cat >"$bin/bare32.c" <<'EOF'
void _start(void) { __asm__ volatile("movl $1, %eax; xorl %ebx, %ebx; int $0x80"); }
EOF
built=
for spec in "pie:-fpie -pie" "nopie:-fno-pie -no-pie" "static:-static" \
	"staticpie:-static-pie" "execstack:-z execstack"; do
	name=${spec%%:*} flags=${spec#*:}
	# shellcheck disable=SC2086 # FLAGS are words
	$cc $flags -o "$bin/$name" "$bin/hello.c" 2>/dev/null && built="$built $name"
done
$cc -m32 -nostdlib -static -fno-pie -o "$bin/elf32" "$bin/bare32.c" \
	2>/dev/null && built="$built elf32"
printf '#!/bin/sh\necho script ran\n' >"$bin/script.sh"
# What the C library was told by the kernel, and what its loader kept.
cat >"$bin/auxsec.c" <<'EOF'
#include <stdio.h>
#include <stdlib.h>
#include <sys/auxv.h>
int main(void)
{
	const char *l = getenv("LD_LIBRARY_PATH");
	printf("AT_SECURE=%lu LD_LIBRARY_PATH=%s\n", getauxval(AT_SECURE),
	       l ? l : "unset");
	return 0;
}
EOF
$cc -o "$bin/auxsec" "$bin/auxsec.c"
# ELF magic on garbage: the kernel says ENOEXEC, syd refuses it (EACCES).
printf '\177ELF\002\001\001\000garbage that is no header' >"$bin/bad"
chmod 0755 "$bin"/*
has() { case " $built " in *" $1 "*) return 0 ;; esac; return 1; }

# under USER ARGS...: run syd ARGS... as USER, with the environment
# assignments in $ENVS added; sets $rc $out $err $log.
ENVS=
under() {
	u=$1
	shift
	as=
	[ "$u" = nobody ] && as=$NOBODY
	# shellcheck disable=SC2086 # ENVS and as are words
	$as env $ENVS "$SYD" "$@" >"$TMP/out" 2>"$TMP/err" 3>"$TMP/log"
	rc=$?
	out=$(cat "$TMP/out")
	err=$(cat "$TMP/err")
	log=$(cat "$TMP/log")
}

# refused NAME WHAT TIP USER ARGS...: the initial command is refused (exit
# 13, EACCES) with a log line saying WHAT and naming TIP.
refused() {
	name=$1 what=$2 tip=$3
	shift 3
	under "$@"
	# An empty TIP: nothing lifts the refusal, and no tip is shown.
	case $tip:$log in
	:*'"tip"'*) rc="$rc, a tip" ;;
	esac
	case $rc:$log in
	13:*"\"msg\":\"$what\""*"\"tip\":\"$tip"* | \
	13:*"\"msg\":\"$what\"}"*) ok "$name" ;;
	*) not_ok "$name" "want exit 13 and a log line: $what, $tip" \
		"rc=$rc" "stderr: $err" "log: $log" ;;
	esac
}

# runs NAME WANT USER ARGS...: exits 0 and prints WANT.
runs() {
	name=$1 want=$2
	shift 2
	under "$@"
	if [ "$rc" -eq 0 ] && [ "$out" = "$want" ]; then
		ok "$name"
	else
		not_ok "$name" "want exit 0 and: $want" "rc=$rc" "stdout: $out" \
			"stderr: $err" "log: $log"
	fi
}

for u in $users; do
	# Natively every one of them runs.
	for b in pie nopie static staticpie execstack; do
		has "$b" || continue
		as=
		[ "$u" = nobody ] && as=$NOBODY
		if [ "$($as "$bin/$b")" != hello ]; then
			not_ok "$u: $b runs without syd"
		fi
	done

	runs "$u: a PIE runs" hello $u $POLICY -- "$bin/pie"
	if has nopie; then
		refused "$u: a non-PIE binary is refused" "non-PIE executable" \
			"trace/allow_unsafe_exec_nopie:1" $u $POLICY -- "$bin/nopie"
		runs "$u: a non-PIE binary runs under -p nopie" hello \
			$u $POLICY -p nopie -- "$bin/nopie"
		runs "$u: ... and under the old name allow_unsafe_nopie" hello \
			$u $POLICY -m trace/allow_unsafe_nopie:1 -- "$bin/nopie"
		# From a shell: EACCES, never ENOEXEC (sh would run it itself).
		under $u $POLICY -- sh -c "'$bin/nopie'; echo status \$?"
		contains "$u: a non-PIE binary exec'd by a shell: 126" "$out" "status 126"
	else
		skip "$u: non-PIE binaries" "$cc cannot link -no-pie"
	fi
	if has static && has staticpie; then
		refused "$u: a static non-PIE binary is refused" \
			"non-PIE executable" "trace/allow_unsafe_exec_nopie:1" \
			$u $POLICY -- "$bin/static"
		runs "$u: a static PIE runs" hello $u $POLICY -- "$bin/staticpie"
		refused "$u: deny_elf_static refuses a static PIE" \
			"statically linked executable" "trace/deny_elf_static:0" \
			$u $POLICY -m trace/deny_elf_static:1 -- "$bin/staticpie"
		runs "$u: deny_elf_static lets a dynamic PIE run" hello \
			$u $POLICY -m trace/deny_elf_static:1 -- "$bin/pie"
		refused "$u: deny_elf_dynamic refuses a dynamic PIE" \
			"dynamically linked executable" "trace/deny_elf_dynamic:0" \
			$u $POLICY -m trace/deny_elf_dynamic:1 -- "$bin/pie"
		runs "$u: deny_elf_dynamic lets a static PIE run" hello \
			$u $POLICY -m trace/deny_elf_dynamic:1 -- "$bin/staticpie"
	else
		skip "$u: static binaries" "$cc cannot link -static / -static-pie"
	fi
	if has execstack; then
		refused "$u: an executable stack is refused" \
			"executable with an executable stack" \
			"trace/allow_unsafe_exec_stack:1" $u $POLICY -- "$bin/execstack"
		runs "$u: ... and runs under allow_unsafe_exec_stack" hello \
			$u $POLICY -m trace/allow_unsafe_exec_stack:1 -- "$bin/execstack"
		runs "$u: ... and under the old name allow_unsafe_stack" hello \
			$u $POLICY -m trace/allow_unsafe_stack:1 -- "$bin/execstack"
	else
		skip "$u: executable stacks" "$cc cannot link -z execstack"
	fi
	if has elf32; then
		# Not PIE either: -p nopie, so that deny_elf32 is the reason.
		refused "$u: deny_elf32 refuses a 32-bit program" \
			"32-bit ELF executable" "trace/deny_elf32:0" \
			$u $POLICY -p nopie -m trace/deny_elf32:1 -- "$bin/elf32"
	else
		skip "$u: 32-bit programs" "$cc cannot build -m32"
	fi
	runs "$u: a script runs" "script ran" $u $POLICY -- "$bin/script.sh"
	refused "$u: deny_script refuses a script" "script" \
		"trace/deny_script:0" $u $POLICY -m trace/deny_script:1 -- "$bin/script.sh"
	under $u $POLICY -m trace/deny_script:1 -- sh -c "'$bin/script.sh'; echo status \$?"
	if [ "$out" = "status 126" ]; then
		ok "$u: deny_script: a shell gets EACCES, and does not run it itself"
	else
		not_ok "$u: deny_script: a shell gets EACCES, and does not run it itself" \
			"stdout: $out" "stderr: $err"
	fi
	runs "$u: deny_script: sh FILE reads it as data" "script ran" \
		$u $POLICY -m trace/deny_script:1 -- sh "$bin/script.sh"
	refused "$u: a malformed ELF file is refused" \
		"malformed or foreign ELF executable" "" $u $POLICY -- "$bin/bad"

	# The loader's variables do not reach the initial command.
	ENVS="LD_PRELOAD= LD_BIND_NOW=1 GCONV_PATH=/x"
	under $u $POLICY -- env
	case $out in
	*LD_PRELOAD* | *LD_BIND_NOW* | *GCONV_PATH*)
		not_ok "$u: LD_PRELOAD and its kin are removed" "env: $out" ;;
	*PATH=*) ok "$u: LD_PRELOAD and its kin are removed" ;;
	*) not_ok "$u: LD_PRELOAD and its kin are removed" "rc=$rc" "$err" ;;
	esac
	ENVS="LD_PRELOAD= LD_BIND_NOW=1"
	under $u $POLICY -m trace/allow_unsafe_env:1 -- env
	contains "$u: trace/allow_unsafe_env keeps them" "$out" "LD_BIND_NOW=1"
	# GCONV_PATH is one of those the C library drops itself when AT_SECURE
	# is set (below): without that, -e's value reaches the command.
	under $u $POLICY -m trace/allow_unsafe_libc:1 \
		-e LD_BIND_NOW= -e GCONV_PATH=/y -- env
	ENVS=
	case $out in
	*LD_PRELOAD*) not_ok "$u: -e VAR= passes one through" "env: $out" ;;
	*LD_BIND_NOW=1*GCONV_PATH=/y* | *GCONV_PATH=/y*LD_BIND_NOW=1*)
		ok "$u: -e VAR= passes one through, -e VAR=VAL sets one" ;;
	*) not_ok "$u: -e VAR= passes one through, -e VAR=VAL sets one" "env: $out" ;;
	esac

	# AT_SECURE: every image the sandbox runs is in secure-execution
	# mode, so a loader variable a process sets for its child is ignored
	# by the child's loader (and removed from its environment).
	as=
	[ "$u" = nobody ] && as=$NOBODY
	native=$($as sh -c "LD_LIBRARY_PATH=/lib/x exec $bin/auxsec")
	if [ "$native" != "AT_SECURE=0 LD_LIBRARY_PATH=/lib/x" ]; then
		not_ok "$u: natively AT_SECURE is 0 and LD_LIBRARY_PATH kept" \
			"$native"
	fi
	runs "$u: AT_SECURE is set for the initial command" \
		"AT_SECURE=1 LD_LIBRARY_PATH=unset" $u $POLICY -- "$bin/auxsec"
	runs "$u: ... and for what it runs, whose loader drops LD_LIBRARY_PATH" \
		"AT_SECURE=1 LD_LIBRARY_PATH=unset" $u $POLICY -- \
		sh -c "LD_LIBRARY_PATH=/lib/x exec $bin/auxsec"
	runs "$u: trace/allow_unsafe_libc:1 leaves both as they were" \
		"AT_SECURE=0 LD_LIBRARY_PATH=/lib/x" $u $POLICY \
		-m trace/allow_unsafe_libc:1 -- \
		sh -c "LD_LIBRARY_PATH=/lib/x exec $bin/auxsec"
	runs "$u: -p paludis runs builds without AT_SECURE" \
		"AT_SECURE=0 LD_LIBRARY_PATH=/lib/x" $u -p paludis -- \
		sh -c "LD_LIBRARY_PATH=/lib/x exec $bin/auxsec"
	runs "$u: trace/allow_unsafe_ptrace:1 (no exec event) leaves it 0" \
		"AT_SECURE=0 LD_LIBRARY_PATH=unset" $u $POLICY \
		-m trace/allow_unsafe_ptrace:1 -- "$bin/auxsec"

	# W^X: natively each attempt runs its code.
	as=
	[ "$u" = nobody ] && as=$NOBODY
	for op in mprotect mmap; do
		if [ "$($as "$WX" $op)" != "OK 42" ]; then
			not_ok "$u: wx $op runs its code without syd"
		fi
		under $u $POLICY -- "$WX" $op
		case $out:$log in
		EACCES:*'"tip":"-p nomem (trace/allow_unsafe_exec_memory:1)"'*)
			ok "$u: W^X: $op refused, the log line names -p nomem" ;;
		*) not_ok "$u: W^X: $op refused, the log line names -p nomem" \
			"stdout: $out" "log: $log" ;;
		esac
		runs "$u: W^X: $op under -p nomem" "OK 42" $u $POLICY -p nomem -- "$WX" $op
		runs "$u: W^X: $op under the old name allow_unsafe_memory" "OK 42" \
			$u $POLICY -m trace/allow_unsafe_memory:1 -- "$WX" $op
	done
	if [ "$($as "$WX" mdwe)" = "OK 0" ]; then
		runs "$u: MDWE is on in the sandbox" "OK 1" $u $POLICY -- "$WX" mdwe
		runs "$u: MDWE is off under -p nomem" "OK 0" $u $POLICY -p nomem -- "$WX" mdwe
	else
		skip "$u: MDWE" "PR_GET_MDWE: $($as "$WX" mdwe) (kernel before 6.3)"
	fi

	# memfds: memory yes, programs no.
	if [ "$($as "$WX" memfd-exec)" != "OK ran" ]; then
		not_ok "$u: a memfd runs without syd"
	fi
	runs "$u: a memfd is memory" "OK memory" $u $POLICY -- "$WX" memfd-mem
	under $u $POLICY -- "$WX" memfd-exec
	if [ "$out" = EACCES ]; then
		ok "$u: fexecve of a memfd fails"
	else
		not_ok "$u: fexecve of a memfd fails" "stdout: $out" "log: $log"
	fi
	under $u $POLICY -- "$WX" memfd-xflag
	case $out:$log in
	EACCES:*'"tip":"trace/allow_unsafe_memfd:1"'*)
		ok "$u: MFD_EXEC is refused, the log names the opt-out" ;;
	*) not_ok "$u: MFD_EXEC is refused, the log names the opt-out" \
		"stdout: $out" "log: $log" ;;
	esac
	runs "$u: trace/allow_unsafe_memfd: a memfd runs" "OK ran" \
		$u $POLICY -m trace/allow_unsafe_memfd:1 -- "$WX" memfd-exec

	# python3 (not PIE on Debian: -p nopie) under the memory defaults.
	if [ -x /usr/bin/python3 ]; then
		runs "$u: python3: ctypes callbacks, a memfd, subprocess" "py 42 ok hi" \
			$u $POLICY -p nopie -- /usr/bin/python3 -c '
import ctypes, mmap, os, subprocess
cb = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_int)(lambda x: x * 2)
fd = os.memfd_create("m"); os.ftruncate(fd, 4096)
m = mmap.mmap(fd, 4096); m[:2] = b"ok"
hi = subprocess.run(["echo", "hi"], capture_output=True, text=True).stdout.strip()
print("py", cb(21), m[:2].decode(), hi)'
	else
		skip "$u: python3" "/usr/bin/python3 is missing"
	fi
	# node's JIT needs W^X lifted: one line says so.
	if command -v node >/dev/null; then
		under $u $POLICY -p nopie -- node -e 'console.log("node", 6 * 7)'
		n=$(printf '%s\n' "$log" | grep -c '"tip":"-p nomem')
		if [ "$rc" -ne 0 ] && [ "$n" -ge 1 ]; then
			ok "$u: node without -p nomem fails, and the log says why"
		else
			not_ok "$u: node without -p nomem fails, and the log says why" \
				"rc=$rc" "stdout: $out" "log: $log"
		fi
		runs "$u: node runs under -p nomem" "node 42" \
			$u $POLICY -p nopie -p nomem -- node -e 'console.log("node", 6 * 7)'
	else
		skip "$u: node" "node is not installed"
	fi
done

tap_done
