#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The trace/ options that tighten what a process gets, on a real program,
# as root and as an unprivileged user: trace/force_cloexec (fds syd
# installs are close-on-exec), trace/force_rand_fd (at random numbers,
# never over an fd in use), trace/force_umask (modes of what syd creates,
# and chmod), trace/deny_tsc (rdtsc faults, and the process cannot undo
# it) and trace/lock_personality (personality(2) only reads or keeps the
# persona). Each is checked under syd without the option and natively,
# and with the categories off (the option alone keeps the calls hooked).
. "$(dirname "$0")/lib.sh"

: "${FDOPTS:?FDOPTS must point at the fdopts helper}"
chmod 0755 "$TMP"
test_users
POLICY="-m default/all:allow"
OFF="-m sandbox/all:off"
file=$TMP/file
: >"$file"
chmod 0644 "$file"

# under USER ARGS...: run syd ARGS... as USER; sets $rc $out $err.
under() {
	u=$1
	shift
	as=
	[ "$u" = nobody ] && as=$NOBODY
	# shellcheck disable=SC2086 # as is words
	$as "$SYD" "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	out=$(cat "$TMP/out")
	err=$(cat "$TMP/err")
}

# is NAME WANT: the last run printed WANT and exited 0.
is() {
	if [ "$rc" -eq 0 ] && [ "$out" = "$2" ]; then
		ok "$1"
	else
		not_ok "$1" "want: $2" "got exit $rc: $out" "stderr: $err"
	fi
}

# refused NAME WANT: the last run printed WANT (an errno's name) and
# exited 1, the helper's status for a failed call.
refused() {
	if [ "$rc" -eq 1 ] && [ "$out" = "$2" ]; then
		ok "$1"
	else
		not_ok "$1" "want: exit 1, $2" "got exit $rc: $out" \
			"stderr: $err"
	fi
}

# field NAME: the value of NAME=V in $out.
field() {
	printf '%s\n' "$out" | tr ' ' '\n' | sed -n "s/^$1=//p"
}

# deny_tsc exists on x86 only; its programs are static (see below).
static=$TMP/fdopts-static
tsc_skip=
case $(uname -m) in
x86_64 | i?86)
	${CC:-cc} -static-pie -o "$static" \
		"$SRCDIR/tests/integration/progs/fdopts.c" 2>/dev/null ||
		tsc_skip="cannot link a static-pie program here"
	;;
*) tsc_skip="$(uname -m) has no PR_SET_TSC" ;;
esac
if [ -z "$tsc_skip" ]; then
	chmod 0755 "$static"
	case $("$static" tscon) in
	OK) ok "tsc: natively, PR_SET_TSC and rdtsc work" ;;
	*) not_ok "tsc: natively, PR_SET_TSC and rdtsc work" ;;
	esac
fi

native=$("$FDOPTS" fds "$file")
case $native in
"first=3 distinct=1 above=0 intact=1") ok "fds: natively lowest first" ;;
*) not_ok "fds: natively lowest first" "got: $native" ;;
esac

for u in $users; do
	# shellcheck disable=SC2086 # POLICY and OFF are words
	{
		# trace/force_cloexec
		under "$u" $POLICY -- "$FDOPTS" cloexec "$file"
		is "$u: cloexec: off, open and memfd inherit" "open=0 memfd=0"
		under "$u" $POLICY -m trace/force_cloexec:1 -- \
			"$FDOPTS" cloexec "$file"
		is "$u: cloexec: on, open and memfd close on exec" \
			"open=1 memfd=1"
		under "$u" $OFF -m trace/force_cloexec:1 -- \
			"$FDOPTS" cloexec "$file"
		is "$u: cloexec: categories off, still forced" "open=1 memfd=1"

		# trace/force_rand_fd
		under "$u" $POLICY -- "$FDOPTS" fds "$file"
		is "$u: rand_fd: off, lowest first" \
			"first=3 distinct=1 above=0 intact=1"
		firsts=
		for i in 1 2 3; do
			under "$u" $POLICY -m trace/force_rand_fd:1 -- \
				"$FDOPTS" fds "$file"
			above=$(field above)
			if [ "$rc" -eq 0 ] && [ "$(field distinct)" = 1 ] &&
				[ "$(field intact)" = 1 ] &&
				[ "${above:-0}" -ge 20 ]; then
				ok "$u: rand_fd: run $i: random, distinct, none replaced"
			else
				not_ok "$u: rand_fd: run $i: random, distinct, none replaced" \
					"got exit $rc: $out" "stderr: $err"
			fi
			firsts="$firsts $(field first)"
		done
		# shellcheck disable=SC2086 # firsts is words
		set -- $firsts
		if [ "$1" != "$2" ] || [ "$2" != "$3" ]; then
			ok "$u: rand_fd: runs differ" "first fds:$firsts"
		else
			not_ok "$u: rand_fd: runs differ" "first fds:$firsts"
		fi
		under "$u" $OFF -m trace/force_rand_fd:1 -- "$FDOPTS" fds "$file"
		above=$(field above)
		if [ "$rc" -eq 0 ] && [ "$(field intact)" = 1 ] &&
			[ "${above:-0}" -ge 20 ]; then
			ok "$u: rand_fd: categories off, still random"
		else
			not_ok "$u: rand_fd: categories off, still random" \
				"got exit $rc: $out" "stderr: $err"
		fi

		# trace/force_umask
		d=$(mktemp -d "$TMP/modes.XXXXXX")
		chmod 0777 "$d"
		under "$u" $POLICY -- "$FDOPTS" modes "$d"
		is "$u: umask: off, the modes asked for" \
			"f=666 d=777 p=666 chmod=666 fchmod=777"
		d=$(mktemp -d "$TMP/modes.XXXXXX")
		chmod 0777 "$d"
		under "$u" $POLICY -m trace/force_umask:077 -- \
			"$FDOPTS" modes "$d"
		is "$u: umask: 077 masks open, mkdir, mknod, (f)chmod" \
			"f=600 d=700 p=600 chmod=600 fchmod=700"
		d=$(mktemp -d "$TMP/modes.XXXXXX")
		chmod 0777 "$d"
		under "$u" $OFF -m trace/force_umask:027 -- "$FDOPTS" modes "$d"
		is "$u: umask: categories off, still masked" \
			"f=640 d=750 p=640 chmod=640 fchmod=750"

		# trace/deny_tsc, on a static program: glibc's dynamic loader
		# reads the counter itself on x86, so a dynamic one dies at
		# its start (natively too, under PR_TSC_SIGSEGV).
		if [ -z "$tsc_skip" ]; then
			under "$u" $POLICY -- "$static" rdtsc
			is "$u: tsc: off, rdtsc runs" "OK"
			under "$u" $POLICY -m trace/deny_tsc:1 -- "$static" rdtsc
			if [ "$rc" -eq $((128 + 11)) ] && [ -z "$out" ]; then
				ok "$u: tsc: on, rdtsc dies of SIGSEGV"
			else
				not_ok "$u: tsc: on, rdtsc dies of SIGSEGV" \
					"got exit $rc: $out" "stderr: $err"
			fi
			under "$u" $POLICY -m trace/deny_tsc:1 -- "$static" tscon
			refused "$u: tsc: on, PR_SET_TSC cannot undo it" \
				"prctl: EPERM"
		else
			skip "$u: tsc" "$tsc_skip"
		fi

		# trace/lock_personality
		if [ "$("$FDOPTS" persona)" != "OK query=OK" ]; then
			skip "$u: personality" "PER_LINUX32 fails natively"
			continue
		fi
		under "$u" $POLICY -- "$FDOPTS" persona
		is "$u: personality: off, PER_LINUX32 is set" "OK query=OK"
		under "$u" $POLICY -m trace/lock_personality:1 -- \
			"$FDOPTS" persona
		refused "$u: personality: locked, PER_LINUX32 refused" \
			"set: EPERM"
		under "$u" $POLICY -m trace/lock_personality:1 -- \
			"$FDOPTS" persona-same
		is "$u: personality: locked, the same persona is kept" "OK"
		# By default a flag the kernel clears at a set-user-ID exec
		# cannot be added (syscalls/persona.c).
		under "$u" $POLICY -- "$FDOPTS" persona-rie
		refused "$u: personality: READ_IMPLIES_EXEC refused by default" \
			"set: EPERM"
		under "$u" $POLICY -m trace/allow_unsafe_personality:1 -- \
			"$FDOPTS" persona-rie
		is "$u: personality: READ_IMPLIES_EXEC with allow_unsafe_personality" \
			"OK"
	}
done

tap_done
