#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A real package build under syd: a small Debian source package (lua5.4,
# else zlib), fetched into a cache by debbuild-fetch.sh, extracted with
# dpkg-source and built with its upstream build system, natively and under
# "syd -p paludis" in the build tree, as root and as uid 65534. The
# sandboxed build must succeed and produce the same files, byte for byte,
# as the native one; the same build with the tree made read-only by policy
# must fail with a log line naming a path under the tree. Wall and CPU
# times, native against syd, go out as TAP comments. Without the source (no network, not root and nothing
# cached) every check is skipped with the reason.
#
# Environment: DEBSRC_CACHE (source cache, see debbuild-fetch.sh),
# DEBBUILD_PACKAGES (candidates, default "lua5.4 zlib"), DEBBUILD_JOBS
# (make -j, default 2), DEBBUILD_WORKDIR (where the trees go; default beside
# the cache, outside the temporary directories, so that only paludis's
# working-directory rule lets the sandboxed build write its tree).
. "$(dirname "$0")/lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)

CACHE=${DEBSRC_CACHE:-/var/cache/syd-tests/debsrc}
JOBS=${DEBBUILD_JOBS:-2}
# Fetch (or find in the cache) the source.
# shellcheck disable=SC2086
DEBSRC_CACHE=$CACHE "$HERE/debbuild-fetch.sh" ${DEBBUILD_PACKAGES:-lua5.4 zlib} \
	>"$TMP/fetch.out" 2>"$TMP/fetch.err"
frc=$?
pkg=$(sed -n 's/^package \([^ ]*\) .*/\1/p' "$TMP/fetch.out")
dsc=$(sed -n 's/^package [^ ]* //p' "$TMP/fetch.out")
if [ "$frc" -ne 0 ] || [ -z "$dsc" ] || ! [ -f "$dsc" ]; then
	why=$(grep . "$TMP/fetch.err" | tail -n 1)
	skip "debian source package build under syd" \
		"no source package in $CACHE: ${why:-debbuild-fetch.sh exited $frc}"
	tap_done
	exit
fi
echo "# $pkg from $dsc"

# The trees live outside /tmp, /var/tmp and /dev/shm (which paludis makes
# writable anyway), so the sandboxed build writes its tree only through the
# working-directory rule.
base=${DEBBUILD_WORKDIR:-$(dirname "$CACHE")}
WORK=$(mktemp -d "$base/syd-debbuild.XXXXXX" 2>/dev/null) ||
	WORK=$(mktemp -d "$TMP/work.XXXXXX")
chmod 0755 "$WORK"
trap 'rm -rf "$TMP" "$WORK"' EXIT

users="root"
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null &&
	$NOBODY test -x "$SYD" && $NOBODY test -r "$dsc" && $NOBODY test -x "$WORK"; then
	users="root nobody"
elif [ "$(id -u)" -eq 0 ]; then
	echo "# uid 65534 cannot reach $SYD, $dsc or $WORK: building as root only"
elif [ "$(id -u)" -ne 0 ]; then
	users="user"
fi

# The upstream build and its product check, per package: lua's "make linux"
# instead of Debian's libtool build (hence --skip-patches: 0001-build-system
# replaces the Makefile), zlib's "./configure && make".
# shellcheck disable=SC2016 # the checks run later, in the tree
case $pkg in
lua5.4)
	build="make -j$JOBS linux"
	check='test "$(./src/lua -e "print(1+1)")" = 2'
	;;
zlib)
	build="./configure && make -j$JOBS"
	check='test "$(echo hello | ./minigzip | ./minigzip -d)" = hello'
	;;
*)
	build="make -j$JOBS"
	check='true'
	;;
esac

# extract USER NAME: a fresh tree $WORK/NAME owned by USER; prints its path.
extract() {
	d=$WORK/$2
	rm -rf "$d"
	dpkg-source --skip-patches -x "$dsc" "$d" >"$TMP/extract.log" 2>&1 || {
		echo "dpkg-source failed: $(tail -n 3 "$TMP/extract.log")" >&2
		return 1
	}
	[ "$1" = nobody ] && chown -R 65534:65534 "$d"
	echo "$d"
}

# build USER DIR LOG [SYD-ARGS...]: run the build in DIR as USER, natively
# or, with SYD-ARGS, under syd with the JSON log on $TMP/log. Sets $rc,
# $secs (wall time) and $cpu (user + system time of the build, syd
# included: a steadier measure than wall time on a busy machine).
build() {
	u=$1 dir=$2 log=$3
	shift 3
	as=
	[ "$u" = nobody ] && as=$NOBODY
	t0=$(date +%s.%N)
	if [ $# -gt 0 ]; then
		(cd "$dir" && HOME=$dir SYD_LOG_FD=3 $as "$SYD" "$@" -- sh -c "$build" \
			>"$log" 2>&1 3>"$TMP/log"
		r=$?; times >"$TMP/times"; exit $r)
	else
		(cd "$dir" && HOME=$dir $as sh -c "$build" >"$log" 2>&1
		r=$?; times >"$TMP/times"; exit $r)
	fi
	rc=$?
	secs=$(echo "$t0 $(date +%s.%N)" | awk '{ printf "%.1f", $2 - $1 }')
	# The second line of "times": the children's user and system time.
	cpu=$(sed -n 2p "$TMP/times" | awk '{ split($1, u, /[ms]/); split($2, s, /[ms]/)
		printf "%.1f", u[1] * 60 + u[2] + s[1] * 60 + s[2] }')
}

# listing DIR: every regular file under DIR with its checksum, and every
# other entry with its type.
listing() {
	(cd "$1" && find . -type f -exec sha256sum {} + | sort -k 2) 2>&1
	(cd "$1" && find . ! -type f -printf '%y %p\n' | sort)
}

for u in $users; do
	# shellcheck disable=SC2015 # either extraction failing is the failure
	nat=$(extract "$u" "native-$u") && sbx=$(extract "$u" "syd-$u") || {
		not_ok "$pkg: extract with dpkg-source ($u)" "$(cat "$TMP/extract.log")"
		continue
	}

	build "$u" "$nat" "$TMP/native.log"
	nrc=$rc nsecs=$secs ncpu=$cpu
	if [ "$nrc" -ne 0 ]; then
		not_ok "$pkg: native build as $u (the reference)" "command: $build" \
			"exit $nrc" "$(tail -n 20 "$TMP/native.log")"
		continue
	fi

	build "$u" "$sbx" "$TMP/syd.log" -p paludis
	if [ "$rc" -eq 0 ] && (cd "$sbx" && sh -c "$check") >/dev/null 2>&1; then
		ok "$pkg: build under syd -p paludis as $u ($build)"
	else
		not_ok "$pkg: build under syd -p paludis as $u ($build)" "exit $rc" \
			"build output: $(tail -n 20 "$TMP/syd.log")" \
			"syd log: $(grep '"act":"deny"' "$TMP/log" | head -n 10)"
	fi
	ratio=$(echo "$nsecs $secs" | awk '{ printf "%.2f", ($1 > 0 ? $2 / $1 : 0) }')
	echo "# $u: native $nsecs s, syd $secs s, ratio $ratio (wall, make -j$JOBS)"
	ratio=$(echo "$ncpu $cpu" | awk '{ printf "%.2f", ($1 > 0 ? $2 / $1 : 0) }')
	echo "# $u: native $ncpu s, syd $cpu s, ratio $ratio (user+system CPU)"

	listing "$nat" >"$TMP/native.list"
	listing "$sbx" >"$TMP/syd.list"
	if [ -s "$TMP/native.list" ] && cmp -s "$TMP/native.list" "$TMP/syd.list"; then
		ok "$pkg: same files as the native build, byte for byte ($u)"
	else
		not_ok "$pkg: same files as the native build, byte for byte ($u)" \
			"$(diff "$TMP/native.list" "$TMP/syd.list" | head -n 20)"
	fi
	rm -rf "$nat" "$sbx"

	# Denial: the tree read-only to the policy; the build must fail, with a
	# log line naming a path under the tree.
	ro=$(extract "$u" "ro-$u") || {
		not_ok "$pkg: extract with dpkg-source ($u)" "$(cat "$TMP/extract.log")"
		continue
	}
	build "$u" "$ro" "$TMP/ro.log" -p paludis \
		-m "deny/write,create,delete,rename,truncate,mkdir+$ro/***"
	if [ "$rc" -ne 0 ] && grep -q "\"act\":\"deny\".*\"path\":\"$ro/" "$TMP/log"; then
		ok "$pkg: read-only tree is enforced as $u"
		echo "# $(grep "\"act\":\"deny\".*\"path\":\"$ro/" "$TMP/log" | head -n 1)"
	else
		not_ok "$pkg: read-only tree is enforced as $u" "exit $rc" \
			"build output: $(tail -n 10 "$TMP/ro.log")" \
			"syd log: $(head -c 2000 "$TMP/log")"
	fi
	rm -rf "$ro"
done

tap_done
