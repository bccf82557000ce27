#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The fs category (sandbox/fs, default/fs, ACTION/fs+TYPE) with real
# programs: with the root file system's type and proc allowed and tmpfs
# not, a file on a tmpfs (/dev/shm) cannot be read, made, truncated or
# run, whichever way it is reached, while the root file system works; the
# log names the type. As root and as uid 65534.
. "$(dirname "$0")/lib.sh"
: "${TRY:?TRY must point at try-syscall}"

test_users

# The types this machine has: those of the root, the programs, their
# libraries and $TMP (ext4, btrfs, xfs, overlayfs...: allowed by number,
# whatever their names), and /dev/shm's, which must be another: tmpfs.
ALLOW=
for d in / /usr /usr/lib /etc "$TMP" "$(dirname "$TRY")" "$(dirname "$SYD")"; do
	[ -e "$d" ] || continue
	if [ "$(stat -f -c %T "$d")" = tmpfs ]; then
		skip "the fs category on a tmpfs" "$d is a tmpfs here: no other type to compare"
		tap_done
		exit 0
	fi
	ALLOW="$ALLOW -m allow/fs+0x$(stat -f -c %t "$d")"
done
SHM_T=$(stat -f -c %T /dev/shm 2>/dev/null)
if [ "$SHM_T" != tmpfs ]; then
	skip "the fs category on a tmpfs" "/dev/shm is not a tmpfs here ($SHM_T)"
	tap_done
	exit 0
fi
SHM=$(mktemp -d /dev/shm/syd-fstype.XXXXXX)
tap_alias SHM "$SHM"
trap 'rm -rf "$TMP" "$SHM"' EXIT
printf 'shm-data\n' >"$SHM/data"
printf 'root-data\n' >"$TMP/data"
cp "$(readlink -f /bin/true)" "$SHM/true"
ln -s "$SHM/data" "$TMP/to-shm"
chmod 0755 "$TMP" "$SHM" "$SHM/true"
chmod 0644 "$SHM/data" "$TMP/data"
export SYD_LOG_FD=3

# fs USER [syd args...] -- CMD...: CMD under every path allowed, fs on with
# the types above and proc allowed; sets out, err, rc, log.
fs() {
	u=$1
	shift
	as=
	[ "$u" = nobody ] && as=$NOBODY
	# shellcheck disable=SC2086 # ALLOW is words
	set -- -p linux -m 'allow/all+/***' -m sandbox/fs:on $ALLOW \
		-m allow/fs+proc "$@"
	$as "$SYD" "$@" >"$TMP/out" 2>"$TMP/err" 3>"$TMP/log"
	rc=$?
	out=$(cat "$TMP/out")
	err=$(cat "$TMP/err")
	log=$(cat "$TMP/log")
}

# refused NAME: the last run printed EACCES, and logged a denial of tmpfs
# by the fs category (no other category refused it); not when a check
# after it added "; but ..." to $out.
refused() {
	case $out:$log in
	*"; but "*) not_ok "$1" "out: $out" ;;
	*EACCES*:*'"cap":"fs","act":"deny"'*'"tip":"allow/fs+tmpfs"'*)
		ok "$1" ;;
	*) not_ok "$1" "want EACCES, by fs" "out: $out" "err: $err" \
		"log: $log" ;;
	esac
}

for u in $users; do
	fs "$u" -- cat "$TMP/data"
	if [ "$out" = root-data ] && [ -z "$log" ]; then
		ok "the root file system's files are read, silently, as $u"
	else
		not_ok "the root file system's files are read, silently, as $u" "rc=$rc" "$out" \
			"$err" "$log"
	fi
	fs "$u" -- cat "$SHM/data"
	case "$rc:$err" in
	1:*"Permission denied"*) ok "a file on tmpfs is refused (EACCES) as $u" ;;
	*) not_ok "a file on tmpfs is refused as $u" "rc=$rc" "$out" "$err" ;;
	esac
	contains "the refusal is logged with its type as $u" "$log" \
		"\"cap\":\"fs\",\"act\":\"deny\",\"path\":\"$SHM/data\",\"errno\":\"EACCES\",\"tip\":\"allow/fs+tmpfs\""

	# Every way to the same object: a symlink on the root file system,
	# .. across the mount point, /proc/self/root, a directory fd.
	fs "$u" -- "$TRY" open "$TMP/to-shm"
	refused "a symlink on the root fs to a tmpfs file as $u"
	fs "$u" -- "$TRY" open "$TMP/../../dev/shm/${SHM##*/}/data"
	refused "a path through .. into the tmpfs as $u"
	fs "$u" -- "$TRY" open "/proc/self/root$SHM/data"
	refused "/proc/self/root into the tmpfs as $u"
	fs "$u" -- "$TRY" openat "$SHM" data rdonly
	refused "openat from a directory fd on the tmpfs as $u"
	fs "$u" -- "$TRY" open "$SHM" path,directory
	refused "an O_PATH open of the tmpfs directory as $u"
	# An fd on the tmpfs handed in from outside: names under it are
	# decided by the object they reach.
	fs "$u" -- "$TRY" openfd 7 data 7<"$SHM"
	refused "openat from a directory fd given from outside as $u"
	fs "$u" -- "$TRY" open /proc/self/fd/7 7<"$SHM/data"
	refused "reopening an fd given from outside by /proc/self/fd as $u"

	# Making, truncating, running.
	fs "$u" -- "$TRY" open "$SHM/new" wronly,creat
	if [ -e "$SHM/new" ]; then
		out="$out; but $SHM/new was made"
		rm -f "$SHM/new"
	fi
	refused "a file cannot be made in the tmpfs as $u"
	fs "$u" -- "$TRY" truncate "$SHM/data" 0
	[ "$(cat "$SHM/data")" = shm-data ] ||
		out="$out; but the file changed: $(cat "$SHM/data")"
	refused "truncate(2) of a tmpfs file is refused, the file unchanged, as $u"
	fs "$u" -- sh -c "'$SHM/true'; echo rc=\$?"
	case "$out" in
	rc=126) ok "a program on the tmpfs does not run as $u" ;;
	*) not_ok "a program on the tmpfs does not run as $u" "$out" "$err" ;;
	esac
	contains "the exec refusal names the type as $u" "$log" \
		'"sys":"execve","cap":"fs","act":"deny"'

	# Rules: an allow, the last rule wins, the default, off.
	fs "$u" -m allow/fs+tmpfs -- cat "$SHM/data"
	contains "allow/fs+tmpfs lets it be read as $u" "$out" shm-data
	fs "$u" -m allow/fs+tmpfs -m deny/fs+tmpfs -- "$TRY" open "$SHM/data"
	refused "the last rule wins as $u"
	fs "$u" -m "allow/fs+0x$(stat -f -c %t "$SHM")" -- cat "$SHM/data"
	contains "a type given by its number as $u" "$out" shm-data
	fs "$u" -m default/fs:warn -- cat "$SHM/data"
	contains "default/fs:warn lets it through as $u" "$out" shm-data
	contains "default/fs:warn logs the type as $u" "$log" \
		'"cap":"fs","act":"warn"'
	fs "$u" -m sandbox/fs:off -- cat "$SHM/data"
	if [ "$out" = shm-data ] && [ -z "$log" ]; then
		ok "sandbox/fs:off decides nothing as $u"
	else
		not_ok "sandbox/fs:off decides nothing as $u" "$out" "$err" "$log"
	fi
	fs "$u" -m default/fs:kill -- sh -c "cat '$SHM/data'; echo rc=\$?"
	case "$out" in
	rc=137) ok "default/fs:kill kills the caller as $u" ;;
	*) not_ok "default/fs:kill kills the caller as $u" "$out" "$err" ;;
	esac
done

# At run time (/dev/syd): rules of a category hooked at start, never a
# category off at start turned on.
u=${users%% *}
fs "$u" -- sh -c "test -c /dev/syd/allow/fs+tmpfs && cat '$SHM/data'"
contains "allow/fs+tmpfs through /dev/syd" "$out" shm-data
fs "$u" -m sandbox/fs:off -- sh -c \
	"test -c /dev/syd/sandbox/fs:on; echo rc=\$?; cat '$SHM/data'"
case "$out" in
rc=1*shm-data) ok "sandbox/fs:on at run time is refused when off at start" ;;
*) not_ok "sandbox/fs:on at run time is refused when off at start" \
	"$out" "$err" ;;
esac

# The language: unknown types are refused at start, with the usage.
expect_fail "an unknown type is refused" 22 "unknown file-system type" \
	"$SYD_CAT" -m allow/fs+ext5
expect_fail "a path is no type" 22 "unknown file-system type" \
	"$SYD_CAT" -m allow/fs+/dev/shm
run "$SYD_CAT" -j -m sandbox/fs:on -m default/fs:warn -m allow/fs+ext \
	-m deny/fs+0x01021994
contains "sandbox/fs in the state" "$out" '"fs":true'
contains "default/fs in the state" "$out" '"fs":"warn"'
contains "fs rules in the state" "$out" \
	'{"act":"allow","cap":"fs","pat":"ext"},{"act":"deny","cap":"fs","pat":"0x01021994"}'

tap_done
