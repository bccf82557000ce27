#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# O_CREAT of an existing file in a sticky directory others may write to
# (syscalls/sticky.c): refused when the file is neither the caller's nor
# the directory owner's, as the kernel's fs.protected_regular and
# fs.protected_fifos do at level 1 or more, whatever the host's level;
# trace/allow_unsafe_sticky (alias allow_unsafe_create) leaves the host's.
# syd opens an existing file without O_CREAT, so without this check a
# sandboxed open skipped the kernel's. Run as root: the files need owners.
. "$(dirname "$0")/lib.sh"

if [ "$(id -u)" -ne 0 ]; then
	skip "sticky-directory O_CREAT checks" "needs root to give files other owners"
	tap_done
	exit 0
fi
reg=$(cat /proc/sys/fs/protected_regular 2>/dev/null || echo 2)
fifo=$(cat /proc/sys/fs/protected_fifos 2>/dev/null || echo 2)

D=$TMP/sticky
mkdir "$D" && chmod 1777 "$D" && chmod 0755 "$TMP"
touch "$D/f" && chown 65533 "$D/f" && chmod 0666 "$D/f"
mkfifo "$D/p" && chown 65533 "$D/p" && chmod 0666 "$D/p"
install -d -m 1777 -o 65533 "$D/theirs"
touch "$D/theirs/f" && chown 65533 "$D/theirs/f" && chmod 0666 "$D/theirs/f"
install -d -m 1775 "$D/group"
touch "$D/group/f" && chown 65533 "$D/group/f" && chmod 0666 "$D/group/f"

POL="-p off -m sandbox/write,create:on -m allow/write,create+/***"
# trysyd WHO OP ARGS: try-syscall as root or uid 65534, under syd with $extra.
trysyd() {
	who=$1
	shift
	if [ "$who" = nobody ]; then
		$NOBODY "$SYD" $POL $extra -- "$TRY" "$@"
	else
		"$SYD" $POL $extra -- "$TRY" "$@"
	fi
}
# check NAME WANT OP ARGS: the answer under syd for root and uid 65534.
check() {
	name=$1 want=$2
	shift 2
	for u in root nobody; do
		got=$(trysyd "$u" "$@" 2>&1)
		case "$got" in
		"$want"*) ok "$u: $name" ;;
		*) not_ok "$u: $name" "want: $want" "got: $got" ;;
		esac
	done
}

# The host's own answer, without syd, shows the test can tell.
native=$("$TRY" open "$D/f" wronly,creat,append)
if [ "$reg" -eq 0 ]; then
	case "$native" in
	OK*) ok "natively, protected_regular at 0: O_CREAT of another's file opens" ;;
	*) not_ok "natively, protected_regular at 0: O_CREAT of another's file opens" "$native" ;;
	esac
fi

extra=
check "O_CREAT of another's file in a sticky world-writable dir: EACCES" \
	EACCES open "$D/f" wronly,creat,append
check "the same without O_CREAT opens" OK open "$D/f" wronly,append
check "O_CREAT|O_EXCL of it: EEXIST first" EEXIST open "$D/f" wronly,creat,excl
check "O_CREAT of another's FIFO: EACCES, not ENXIO" \
	EACCES open "$D/p" wronly,creat,nonblock
check "a file the directory's owner owns is exempt" \
	OK open "$D/theirs/f" wronly,creat,append
for u in root nobody; do
	got=$(trysyd "$u" open "$D/new-$u" wronly,creat)$(trysyd "$u" open "$D/new-$u" wronly,creat,append)
	case "$got" in
	OK*OK*) ok "$u: a new name is created, then opened again with O_CREAT" ;;
	*) not_ok "$u: a new name is created, then opened again with O_CREAT" "$got" ;;
	esac
done
check "a group-writable sticky dir is exempt at level 1" \
	OK open "$D/group/f" wronly,creat,append

# fs.protected_symlinks: syd follows links itself (resolve/walk.c), so it
# makes the kernel's check, at the host's level: the same answer as
# natively for a lookup the kernel makes (rdonly) and for one syd walks
# (O_CREAT). Only where the host sets it: tests do not change sysctls.
sym=$(cat /proc/sys/fs/protected_symlinks 2>/dev/null || echo 0)
echo secret >"$TMP/target" && chmod 0666 "$TMP/target"
ln -s "$TMP/target" "$D/l" && chown -h 65533 "$D/l"
for fl in rdonly wronly,creat,append; do
	name="a link planted in a sticky dir, $fl: refused as natively"
	if [ "$sym" -lt 1 ]; then
		skip "$name" "the host's fs.protected_symlinks is 0"
		continue
	fi
	native=$("$TRY" open "$D/l" "$fl")
	extra=
	check "$name" "$native" open "$D/l" "$fl"
done

for opt in allow_unsafe_sticky allow_unsafe_create; do
	extra="-m trace/$opt:1"
	if [ "$reg" -ge 1 ]; then want=EACCES; else want=OK; fi
	check "trace/$opt:1 leaves the host's level (reg)" \
		"$want" open "$D/f" wronly,creat,append
	if [ "$fifo" -ge 1 ]; then want=EACCES; else want=ENXIO; fi
	check "trace/$opt:1: the FIFO as the host's level has it" \
		"$want" open "$D/p" wronly,creat,nonblock
done
tap_done
