#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The system's credential stores (the "secrets" lines of tests/secrets.list,
# which test_config checks against the secrets profile) are refused under
# every built-in profile, alone and stacked after user, as root and as uid
# 65534: a real reader (head) is refused each one, and syd's own deny line
# names it, so the refusal is syd's and not the kernel's.
#
# As root the test reruns itself in a private mount namespace with overlays
# on /etc, /var, /run, /root and /home: there every secret is a stand-in
# anyone may read and write (mode 0666 in a 0777 directory), so uid 65534
# is refused by syd alone, files that are missing here are tested too, and
# what a failing test writes lands in the overlay, never on the host.
# Outside it (not root, or no overlays) only the paths that exist are read,
# and nothing is written. Devices, /proc/kcore and swap files are only ever
# read, and only where they exist.
if [ "$(id -u)" -eq 0 ] && [ -z "${T_SECRETS_NS:-}" ] &&
	unshare -m --propagation private true 2>/dev/null; then
	T_SECRETS_NS=1 exec unshare -m --propagation private -- "$0" "$@"
fi
. "$(dirname "$0")/lib.sh"

LIST=$SRCDIR/tests/secrets.list
secrets=$(sed -n 's/^secret //p' "$LIST")
NOBODY="setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=/nonexistent"

# Stand-ins: overlays on the top directories the list names, so the test
# can create, replace and open up what it likes without touching the host.
standins= tops=
if [ "${T_SECRETS_NS:-}" = 1 ]; then
	for top in /etc /var /run /root /home; do
		[ -d "$top" ] || continue
		o=$TMP/ov$(echo "$top" | tr / _)
		mkdir -p "$o/u" "$o/w"
		if ! mount -t overlay overlay \
			-o "lowerdir=$top,upperdir=$o/u,workdir=$o/w" "$top"; then
			echo "# no overlay on $top: its secrets are read only where they exist"
			continue
		fi
		for p in $secrets; do
			case $p in "$top"/*) ;; *) continue ;; esac
			d=$(dirname "$p")
			mkdir -p "$d"
			# Every directory down to it open to all, as the file.
			while [ "$d" != / ]; do chmod 0777 "$d"; d=$(dirname "$d"); done
			printf 'SYD-STANDIN %s\n' "$p" >"$p" && chmod 0666 "$p" &&
				standins="$standins $p"
		done
		tops="$tops $top"
	done
fi
# What is read: the stand-ins, and whatever else of the list exists.
paths=
for p in $secrets; do
	[ -e "$p" ] && paths="$paths $p"
done
npaths=$(echo $paths | wc -w)
if [ "$npaths" -eq 0 ]; then
	skip "secrets" "none of the paths in $LIST exists here"
	tap_done
	exit 0
fi

# The users: root (when we are) and 65534.
if [ "$(id -u)" -eq 0 ]; then
	if $NOBODY test -x "$SYD"; then
		users="root nobody"
	else
		users=root
		skip "secrets as uid 65534" "uid 65534 cannot reach $SYD"
	fi
else
	users="uid$(id -u)"
fi
READER='echo START; for f; do
	if e=$(head -c 64 -- "$f" 2>&1 >/dev/null); then echo "READ $f"
	else echo "REFUSED $f: $e"; fi
done'

# check_refused WHAT: every path of $paths was refused in $out, and the
# log ($TMP/log) holds syd's deny line for it with the same errno: EACCES,
# or ENOENT where the profile hides it (user and agent hide ~/.ssh and
# ~/.gnupg, and root's home is /root).
check_refused() {
	bad=
	for cp in $paths; do
		for why in "Permission denied:EACCES" "No such file or directory:ENOENT"; do
			line=$(printf '%s\n' "$out" | grep -F -x -e "REFUSED $cp: head: cannot open '$cp' for reading: ${why%:*}")
			[ -n "$line" ] && break
		done
		# A hidden path's line names the directory the walk stopped at.
		a=$cp deny=
		while [ -z "$deny" ] && [ "$a" != / ]; do
			deny=$(grep -F "\"path\":\"$a\"" "$TMP/log" | grep -F '"act":"deny"' | grep -F "\"errno\":\"${why#*:}\"")
			a=$(dirname "$a")
		done
		if [ -z "$line" ]; then
			bad="$bad
$(printf '%s\n' "$out" | grep -F " $cp" | head -n 1 || echo "no result for $cp")"
		elif [ -z "$deny" ]; then
			bad="$bad
$cp: refused, but syd logged no deny line for it"
		fi
	done
	if [ -z "$bad" ]; then
		ok "$1: all $npaths secrets refused by syd"
	else
		not_ok "$1: all $npaths secrets refused by syd" "$bad"
	fi
}

# run_reader USER ARGS...: the reader under syd ARGS, log in $TMP/log.
run_reader() {
	u=$1
	shift
	: >"$TMP/log"
	run as "$u" env SYD_LOG_FD=3 "$SYD" "$@" -- sh -c "$READER" sh $paths \
		3>>"$TMP/log"
}

for u in $users; do
	# Control: without syd, each stand-in reads (the refusals below are
	# syd's, even where the kernel would also refuse a real file).
	if [ -n "$standins" ]; then
		run as "$u" sh -c "$READER" sh $standins
		bad=$(printf '%s\n' "$out" | grep '^REFUSED' || true)
		if [ -z "$bad" ]; then
			ok "secrets as $u: every stand-in reads without syd"
		else
			not_ok "secrets as $u: every stand-in reads without syd" "$bad"
		fi
	fi
	for prof in $("$SYD_CAT" -p list | awk '{print $1}'); do
		case $prof in
		off | lib)
			skip "secrets as $u under $prof" "turns sandboxing off, by design"
			continue ;;
		trace)
			skip "secrets as $u under trace alone" \
				"learning mode allows everything with a log line, by design (stacked after user below)" ;;
		*)
			run_reader "$u" -p "$prof"
			case $out in
			START*) check_refused "secrets as $u under $prof" ;;
			*) skip "secrets as $u under $prof" \
				"cannot run a command alone: $(printf '%s\n' "$err" | grep -v '^{' | head -n 1)" ;;
			esac ;;
		esac
		# A profile stacked after one that refuses never reopens.
		run_reader "$u" -p user -p "$prof"
		case $out in
		START*) check_refused "secrets as $u under user then $prof" ;;
		*) skip "secrets as $u under user then $prof" \
			"syd does not start: $(printf '%s\n' "$err" | grep -v '^{' | head -n 1)" ;;
		esac
	done
	# The user's word is last: a later rule of theirs reopens.
	key=/etc/ssh/ssh_host_ed25519_key
	if as "$u" head -c 1 "$key" >/dev/null 2>&1; then
		run as "$u" env SYD_LOG_FD=-1 "$SYD" -p user \
			-m 'allow/read+/etc/ssh/***' -- head -c 64 "$key"
		contains "secrets as $u: a later allow/read+/etc/ssh/*** reopens $key" \
			"$out" "SYD-STANDIN $key"
	else
		skip "secrets as $u: a later rule reopens" "no $key readable here"
	fi
done

# Writing, creating, removing, renaming, relinking and chmod of secrets are
# refused too, where a profile lets everything around them be written:
# paludis started in the top directory (/etc, /var, ...) makes all of it
# its build tree (allow/all+/etc/***). Only on stand-ins, in the overlays.
WRITER='echo START; for f; do
	for op in append rm mv chmod; do
		case $op in
		append) e=$( (: >>"$f") 2>&1) ;;
		rm) e=$(rm -- "$f" 2>&1) ;;
		mv) e=$(mv -- "$f" "$f.moved" 2>&1) ;;
		chmod) e=$(chmod 0600 -- "$f" 2>&1) ;;
		esac && echo "DONE $op $f" || echo "REFUSED $op $f: $e"
	done
done'
CREATOR='echo START; for f; do
	for op in creat mkdir symlink link mkfifo; do
		case $op in
		creat) e=$( (: >"$f") 2>&1) ;;
		mkdir) e=$(mkdir -- "$f" 2>&1) ;;
		symlink) e=$(ln -s /etc/passwd "$f" 2>&1) ;;
		link) e=$(ln "$SRC" "$f" 2>&1) ;;
		mkfifo) e=$(mkfifo -- "$f" 2>&1) ;;
		esac && echo "DONE $op $f" || echo "REFUSED $op $f: $e"
	done
done'

# check_ops WHAT OPS FILES: each op of OPS on each of FILES was refused
# with EACCES and syd logged a deny line for the file's path.
check_ops() {
	bad=
	for cp in $3; do
		for op in $2; do
			line=$(printf '%s\n' "$out" | grep -F -e "REFUSED $op $cp: " | grep -F 'Permission denied')
			deny=$(grep -F "\"path\":\"$cp\"" "$TMP/log" | grep -F '"act":"deny"')
			if [ -z "$line" ]; then
				bad="$bad
$(printf '%s\n' "$out" | grep -F " $op $cp" | head -n 1 || echo "no result for $op $cp")"
			elif [ -z "$deny" ]; then
				bad="$bad
$op $cp: refused, but syd logged no deny line for it"
			fi
		done
	done
	if [ -z "$bad" ]; then
		ok "$1"
	else
		not_ok "$1" "$bad"
	fi
}

# paludis_in TOP USER SCRIPT FILES...: SCRIPT under paludis started in TOP.
paludis_in() {
	top=$1 u=$2 script=$3
	shift 3
	: >"$TMP/log"
	here=$(pwd)
	cd "$top" || return 1
	run as "$u" env SYD_LOG_FD=3 SRC="$src" "$SYD" -p paludis -- \
		sh -c "$script" sh "$@" 3>>"$TMP/log"
	cd "$here" || return 1
}

if [ -n "$standins" ]; then
	# Outside the overlays: a link to it from a secret's name is refused
	# before the kernel could say EXDEV.
	src=$(mktemp /tmp/syd-secrets-src.XXXXXX)
	chmod 0666 "$src"
	for u in $users; do
		for top in $tops; do
			files=
			for f in $standins; do
				case $f in "$top"/*) files="$files $f" ;; esac
			done
			[ -n "$files" ] || continue
			what="secrets as $u under paludis in $top"
			# A file next to them the profile does let be written:
			# the refusals below are the secrets block's.
			probe=$top/syd-write-probe
			printf 'probe\n' >"$probe" && chmod 0666 "$probe"
			paludis_in "$top" "$u" "$WRITER" "$probe" $files
			contains "$what: the profile writes $top (a plain file there is removed)" \
				"$out" "DONE append $probe
DONE rm $probe"
			rm -f "$probe" "$probe.moved"
			check_ops "$what: no write, rm, mv or chmod" \
				"append rm mv chmod" "$files"
			changed=
			for f in $files; do
				if ! printf 'SYD-STANDIN %s\n' "$f" | cmp -s - "$f" ||
					[ "$(stat -c %a "$f")" != 666 ]; then
					changed="$changed $f"
				fi
			done
			if [ -z "$changed" ]; then
				ok "$what: every stand-in unchanged"
			else
				not_ok "$what: every stand-in unchanged" "$changed"
			fi
			# The same names, now missing, cannot be made.
			rm -rf $files
			paludis_in "$top" "$u" "$CREATOR" $files
			check_ops "$what: no creat, mkdir, symlink, link or mkfifo" \
				"creat mkdir symlink link mkfifo" "$files"
			made=
			for f in $files; do
				if [ -e "$f" ] || [ -L "$f" ]; then
					made="$made $f"
				fi
				rm -rf "$f" "$f.moved"
				printf 'SYD-STANDIN %s\n' "$f" >"$f" && chmod 0666 "$f"
			done
			if [ -z "$made" ]; then
				ok "$what: none of the names was made"
			else
				not_ok "$what: none of the names was made" "$made"
			fi
		done
	done
	rm -f "$src"
else
	skip "secrets: writes refused" "needs root and overlays for stand-ins (real secrets are never written to)"
fi
tap_done
