#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Paludis's sydbox helper for Syd 3 (esandbox, 2024) drives syd through
# [[ -e /dev/syd/COMMAND ]] from the ebuild's own shell under -p paludis:
# every command it can send must be accepted with its meaning, including
# the category names Syd used before it renamed them (attr, node,
# tmpfile, net/send, mkdev, exec/kill). Rules that would hide a name
# (deny/stat+, filter/stat+, allow/stat-) answer EBUSY: the listings were
# not hooked at start; "all" then stands for every other category.
. "$(dirname "$0")/lib.sh"

command -v bash >/dev/null || { skip "esandbox commands" "no bash"; tap_done; exit 0; }
test_users
shared_dir

# The commands, as the helper builds them for each of its subcommands.
cat >"$TMP/esandbox.bash" <<'EOS'
P=$1
fails=
t() { [[ -e "/dev/syd/$1" ]] || fails="$fails $1"; }
cats="read stat write create delete truncate attr chown chgrp ioctl node tmpfile exec net"
for c in $cats; do t "sandbox/$c?"; t "sandbox/$c:on"; done
t "sandbox/all?"
for c in read write create delete truncate attr chown chgrp ioctl node \
	tmpfile exec all; do
	for r in allow deny; do t "$r/$c+$P/x"; t "$r/$c-$P/x"; done
done
for c in write read exec; do t "filter/$c+$P/x"; t "filter/$c-$P/x"; done
for c in bind connect send; do
	for a in '127.0.0.1!80' '::1!80' "$P/sock"; do
		t "allow/net/$c+$a"; t "allow/net/$c-$a"
		t "filter/net/$c+$a"; t "filter/net/$c-$a"
	done
done
t "exec/kill+$P/never"
t "sandbox/mkdev:on"
t "allow/mkdev+$P/x"
# Hiding, refused at run time here:
for c in "deny/stat+$P/x" "filter/stat+$P/x" "allow/stat-$P/y"; do
	[[ -e "/dev/syd/$c" ]] && fails="$fails $c"
done
# Behaviour: a directory allowed for writing, a file denied by deny/all,
# which stays visible (stat) but cannot be written.
t "allow/write,create+$P/***"
t "deny/all+$P/no"
{ echo ok >"$P/yes"; } 2>/dev/null || fails="$fails write-allowed"
{ : >"$P/no"; } 2>/dev/null && fails="$fails write-denied"
[[ -e "$P/no" ]] || fails="$fails no-stat"
for c in $cats; do t "sandbox/$c:off"; done
t "lock:exec"
echo "fails:$fails"
EOS

for u in $users; do
	rm -f "$D"/*
	: >"$D/no" && chmod 0666 "$D/no"
	if [ "$u" = nobody ]; then as=$NOBODY; else as=; fi
	run $as "$SYD" -p paludis -m "allow/read,stat,exec+$TMP/***" -- \
		bash "$TMP/esandbox.bash" "$D"
	if [ "$out" = "fails:" ] && [ "$(cat "$D/yes" 2>/dev/null)" = ok ]; then
		ok "$u: every command esandbox sends is accepted with its meaning"
	else
		not_ok "$u: every command esandbox sends is accepted with its meaning" \
			"$out" "$err"
	fi
done
tap_done
