#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# inotify(7) when a rule hides names (syd.7, SECURITY: hidden names): a
# watcher under syd gets the events of visible names and none of a hidden
# one touched from outside the sandbox, reading blocking, non-blocking
# with poll, select or epoll, after fork, and after the watched directory
# moved (under a hidden name too); inotify_rm_watch ends the events with
# IN_IGNORED; a watcher that does not read gets IN_Q_OVERFLOW; instances
# count against the caller's fs.inotify.max_user_instances as natively.
# What differs from a real instance (a read too short for the next event,
# FIONREAD) is checked as syd.7 says it. Without a hiding rule the
# instance is the kernel's own. As root and as uid 65534.
. "$(dirname "$0")/lib.sh"
: "${INOTIFY_WATCH:?INOTIFY_WATCH must point at inotify-watch}"
tap_alias INOTIFY_WATCH "$INOTIFY_WATCH"
W=$INOTIFY_WATCH

test_users
chmod 755 "$TMP"
POLICY="-m default/all:allow -m deny/stat+/**/.env*"

# watch AS MODE DIR MS ACTIONS [SYD...]: run the watcher (under the syd
# command line given, or natively), wait for it to be ready, run ACTIONS
# (sh, outside the sandbox), wait for it; its lines in $out, rc in $rc.
watch() {
	_as=$1 _mode=$2 _dir=$3 _ms=$4 _act=$5
	shift 5
	: >"$TMP/w.err"
	$_as "$@" "$W" "$_mode" "$_dir" "$_ms" >"$TMP/w.out" 2>"$TMP/w.err" &
	_pid=$!
	_i=0
	while ! grep -q ready "$TMP/w.err" 2>/dev/null && [ $_i -lt 100 ]; do
		sleep 0.05
		_i=$((_i + 1))
	done
	sh -c "$_act"
	wait "$_pid"
	rc=$?
	out=$(cat "$TMP/w.out")
	err=$(cat "$TMP/w.err")
}

# has LINE: is LINE one of $out's lines?
has() {
	printf '%s\n' "$out" | grep -qx -- "$1"
}

# names: the names $out's events carry, sorted, once each.
names() {
	printf '%s\n' "$out" | awk '$1 != "-" && $1 != "rm" { print $1 }' |
		sort -u | tr '\n' ' '
}

TOUCH='touch "$D/visible" "$D/.env" "$D/.env.local"; echo x >"$D/visible"
	echo y >"$D/.env"; mv "$D/.env.local" "$D/moved"; mv "$D/moved" "$D/.env2"
	rm -f "$D/.env" "$D/.env2"'

for u in $users; do
	as=
	[ "$u" = nobody ] && as=$NOBODY
	B=$TMP/$u
	mkdir -p "$B"
	[ "$u" = nobody ] && chown 65534:65534 "$B"
	export D="$B/w"
	$as mkdir -p "$D"

	# The test sees a leak: natively the hidden names are there.
	watch "$as" nonblock "$D" 1200 "$TOUCH"
	if [ "$(names)" = ".env .env.local .env2 moved visible " ]; then
		ok "$u: natively the events name .env, .env.local, .env2"
	else
		not_ok "$u: natively the events name .env, .env.local, .env2" "rc=$rc" \
			"names: $(names)" "$err"
	fi
	rm -f "$D"/*

	for mode in nonblock block select epoll fork; do
		watch "$as" "$mode" "$D" 1200 "$TOUCH" "$SYD" $POLICY --
		if [ "$rc" -eq 0 ] && [ "$(names)" = "moved visible " ] &&
			has "visible 100" && has "visible 2" &&
			has "moved 40" && has "moved 80"; then
			ok "$u: $mode: events of visible names only"
		else
			not_ok "$u: $mode: events of visible names only" \
				"rc=$rc" "names: $(names)" "$out" "$err"
		fi
		rm -f "$D"/*
	done

	# The fd is a socket, said so in syd.7; without a hiding rule the
	# kernel's own instance, and no call more goes to syd.
	watch "$as" kind "$D" 0 : "$SYD" $POLICY --
	case "$out" in
	socket:*) ok "$u: with hiding rules the fd is a socket" ;;
	*) not_ok "$u: with hiding rules the fd is a socket" "$out" "$err" ;;
	esac
	watch "$as" kind "$D" 0 : "$SYD" -m default/all:allow \
		-m deny/read+/**/.env* --
	if [ "$out" = "anon_inode:inotify" ]; then
		ok "$u: without one, the kernel's own instance"
	else
		not_ok "$u: without one, the kernel's own instance" "$out" "$err"
	fi

	# inotify_rm_watch: IN_IGNORED, then nothing.
	watch "$as" rm "$D" 1500 'touch "$D/a"; sleep 0.5; touch "$D/b"' \
		"$SYD" $POLICY --
	if has "a 100" && has "rm 0" && has "- 8000" && ! has "b 100"; then
		ok "$u: inotify_rm_watch: IN_IGNORED, then no event"
	else
		not_ok "$u: inotify_rm_watch: IN_IGNORED, then no event" \
			"rc=$rc" "$out" "$err"
	fi
	rm -f "$D"/*

	# A watched directory moves: its entries are decided where it is
	# now; under a hidden name, none is shown.
	$as mkdir -p "$D/sub"
	# The relay decides an event where the directory is when it reads
	# the event: each move waits until the events before it are read
	# (a loaded machine may take that long), or "two" would be decided
	# under .envdir, and dropped (the stricter answer).
	watch "$as" nonblock "$D/sub" 3000 'touch "$D/sub/one" "$D/sub/.env"
		sleep 0.5; mv "$D/sub" "$D/sub2"
		touch "$D/sub2/two" "$D/sub2/.env3"
		sleep 0.5; mv "$D/sub2" "$D/.envdir"; touch "$D/.envdir/three"' \
		"$SYD" $POLICY --
	if [ "$(names)" = "one two " ] && has "- 800"; then
		ok "$u: a watched directory renamed: decided where it is now"
	else
		not_ok "$u: a watched directory renamed: decided where it is now" \
			"rc=$rc" "names: $(names)" "$out" "$err"
	fi
	rm -rf "$D"/.envdir "$D"/sub*

	# A watcher that does not read: the kernel's queue overflows, and
	# IN_Q_OVERFLOW comes through.
	max=$(cat /proc/sys/fs/inotify/max_queued_events 2>/dev/null)
	if [ -n "$max" ] && [ "$max" -le 65536 ]; then
		$as mkdir -p "$D/many"
		watch "$as" overflow "$D/many" 4000 \
			"seq 1 $((max + 2000)) | (cd \"\$D/many\" && xargs touch)" \
			"$SYD" $POLICY --
		if has "- 4000"; then
			ok "$u: a queue full: IN_Q_OVERFLOW"
		else
			not_ok "$u: a queue full: IN_Q_OVERFLOW" "rc=$rc" \
				"$(printf '%s\n' "$out" | tail -3)" "$err"
		fi
		rm -rf "$D/many"
	else
		skip "$u: IN_Q_OVERFLOW" "max_queued_events unknown or large"
	fi

	# Where a record is not an inotify read: a read too short for the
	# next event gets its first bytes (the kernel: EINVAL). FIONREAD
	# says all that is queued, as the kernel does, of what the relay
	# has written so far.
	watch "$as" small "$D" 2000 'touch "$D/visible"' "$SYD" $POLICY --
	if has "small 16"; then
		ok "$u: a read too short for the event gets 16 bytes of it"
	else
		not_ok "$u: a read too short for the event gets 16 bytes of it" "$out" "$err"
	fi
	watch "$as" fionread "$D" 2000 'touch "$D/visible"' "$SYD" $POLICY --
	n=${out#fionread }
	if [ "$out" != "$n" ] && [ "$n" -ge 32 ] && [ $((n % 16)) -eq 0 ]; then
		ok "$u: FIONREAD: the bytes of the events queued"
	else
		not_ok "$u: FIONREAD: the bytes of the events queued" "$out" "$err"
	fi
	rm -f "$D"/*

	# fs.inotify.max_user_instances: the caller's, as natively.
	watch "$as" count "$D" 0 :
	native=$out
	watch "$as" count "$D" 0 : "$SYD" $POLICY --
	# A root run shares root's count with whatever else runs as root.
	n0=${native#count } n1=${out#count }
	if [ "${native##* }" = "${out##* }" ] && [ "${n0%% *}" -gt 0 ] &&
		[ $((${n0%% *} - ${n1%% *})) -le 4 ] &&
		[ $((${n1%% *} - ${n0%% *})) -le 4 ]; then
		ok "$u: as many instances as natively, then the same errno"
	else
		not_ok "$u: as many instances as natively, then the same errno" \
			"native: $native" "under syd: $out" "$err"
	fi
	# A caller that changed its uid under a root syd: its instances
	# count against its new user, as the kernel counts them (by euid).
	max=$(cat /proc/sys/fs/inotify/max_user_instances 2>/dev/null)
	if [ "$u" = root ] && [ -n "$max" ] && [ "$max" -gt 100 ]; then
		watch "$NOBODY" hold "$D" 3000 \
			"$SYD $POLICY -- $NOBODY $W count / 0 >$TMP/c.out"
		if [ "$(cat "$TMP/c.out")" = "count $((max - 100)) 24" ]; then
			ok "root: a caller now uid 65534 has 65534's instances"
		else
			not_ok "root: a caller now uid 65534 has 65534's instances" \
				"$(cat "$TMP/c.out")" "$err"
		fi
	fi
done

tap_done
