#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every built-in profile is listed, printable, and parses cleanly under
# syd-cat and syd (as root and, when possible, as an unprivileged user).
. "$(dirname "$0")/lib.sh"

names=$("$SYD_CAT" -p list | awk '{print $1}')
for want in off linux user paludis noipv4 noipv6 silent quiet trace landlock \
	container immutable tty nomem nopie agent lib secrets; do
	case " $(echo $names) " in
	*" $want "*) ok "profile $want is listed" ;;
	*) not_ok "profile $want is listed" "$names" ;;
	esac
done
for p in $names; do
	run "$SYD_CAT" -p "$p"
	if [ "$rc" -eq 0 ] && [ -n "$out" ]; then ok "syd-cat -p $p prints"; else not_ok "syd-cat -p $p prints" "$err"; fi
	run "$SYD_CAT" -j -p "$p"
	if [ "$rc" -eq 0 ]; then ok "profile $p parses"; else not_ok "profile $p parses" "$err"; fi
done
# Profiles stack: later ones win.
run "$SYD_CAT" -j -p linux -p off
contains "stacked profiles: off after linux" "$out" '"read":false'

# Unprivileged users get the same parse (variables come from their env).
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null &&
	setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$SYD_CAT"; then
	run setpriv --reuid=65534 --regid=65534 --clear-groups \
		env HOME=/nonexistent "$SYD_CAT" -j -p user
	contains "user profile as nobody" "$out" '"pat":"/nonexistent/***"'
else
	skip "user profile as nobody" "needs root, setpriv and a build uid 65534 can reach"
fi
# The user profile runs what interactive use needs: POSIX semaphores in
# /dev/shm (Python's multiprocessing locks). -p nopie: the python3 in
# PATH may be Debian's, which is not PIE.
if command -v python3 >/dev/null; then
	run env SYD_LOG_FD=-1 "$SYD" -p user -p nopie -- python3 -c \
		'import multiprocessing as m; l = m.Lock(); l.acquire(); l.release(); print("locked")'
	contains "user profile: a multiprocessing lock (sem_open in /dev/shm)" "$out" locked
else
	skip "user profile: a multiprocessing lock" "no python3"
fi
tap_done
