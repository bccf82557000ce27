#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Network sandboxing with real programs: python3 (progs/net.py) against
# TCP, UDP and UNIX servers started here outside syd, as root and as an
# unprivileged user: allowed and denied addresses, binds, a non-blocking
# connect, a blocking one its own signal interrupts, UNIX socket files
# made with the caller's umask, trace/allow_safe_bind, net/sendfd, and the
# log line of a refusal with its address and tip.
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
NET=$SRCDIR/tests/integration/progs/net.py
command -v $PY >/dev/null || { skip "network checks" "no $PY"; tap_done; exit 0; }
chmod 0777 "$TMP"
mkdir -p "$TMP/w" "$TMP/r"
echo f >"$TMP/w/f"
echo f >"$TMP/r/f"
ln -s f "$TMP/w/l"
chmod -R a+rwX "$TMP/w" "$TMP/r"
test_users

$PY "$NET" serve "$TMP" </dev/null >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 50); do [ -s "$TMP/ports" ] && break; sleep 0.1; done
read -r P1 P2 U1 U2 <"$TMP/ports" || { not_ok "servers started"; tap_done; exit 0; }

# $LINKFDS CMD...: CMD runs with an O_PATH fd of a symlink and one of a
# /proc magic link, their numbers in FD_LINK and FD_MAGIC.
cat >"$TMP/linkfds.py" <<'EOF'
import os, sys
l = os.open(sys.argv[1], os.O_PATH | os.O_NOFOLLOW)
m = os.open("/proc/self/cwd", os.O_PATH | os.O_NOFOLLOW)
os.set_inheritable(l, True)
os.set_inheritable(m, True)
os.environ["FD_LINK"], os.environ["FD_MAGIC"] = str(l), str(m)
os.execvp(sys.argv[2], sys.argv[2:])
EOF
LINKFDS="$PY $TMP/linkfds.py $TMP/w/l"
inherit=
POLICY="-p linux -p nopie -m allow/read,stat,exec+$SRCDIR/*** -m allow/read,stat+$TMP/***
 -m allow/all+$TMP/w/***
 -m allow/net/connect+127.0.0.1!0-65535 -m allow/net/bind+127.0.0.1!0-65535
 -m allow/net/connect+$TMP/agents/ok-*/agent.sock"

# client USER [-m RULE]... -- CHECK...: net.py's checks under syd, as
# USER; its lines in $out, the log in $log.
client() {
	as=
	[ "$1" = nobody ] && as=$NOBODY
	shift
	extra=
	while [ "$1" != -- ]; do extra="$extra $1"; shift; done
	shift
	# shellcheck disable=SC2086
	out=$(SYD_LOG_FD=3 $as $inherit "$SYD" $POLICY $extra -- $PY "$NET" client "$TMP" "$@" 3>"$TMP/log" 2>&1)
	log=$(cat "$TMP/log")
}

# want USER CHECK EXPECTED: the line of CHECK in $out starts with EXPECTED.
want() {
	line=$(printf '%s\n' "$out" | grep "^$2 ")
	case "$line" in
	"$2 $3"*) ok "$1: $2 -> $3" ;;
	*) not_ok "$1: $2 -> $3" "got: $line" "all: $out" ;;
	esac
}

for u in $users; do
	uid=0
	[ "$u" = root ] || uid=$(if [ "$u" = nobody ]; then echo 65534; else id -u; fi)
	client "$u" -- tcp_ok tcp_denied udp_ok udp_denied bind_ok bind_denied \
		nonblock unix_ok unix_denied unix_bind unix_bind_denied eintr \
		sendfd_ok sendfd_denied
	want "$u" tcp_ok OK
	want "$u" tcp_denied EACCES
	want "$u" udp_ok OK
	want "$u" udp_denied EACCES
	want "$u" bind_ok OK
	want "$u" bind_denied EACCES
	want "$u" nonblock OK
	want "$u" unix_ok OK
	want "$u" unix_denied EACCES
	want "$u" unix_bind "OK mode 750 uid $uid"
	want "$u" unix_bind_denied EACCES
	want "$u" eintr "OK interrupted"
	want "$u" sendfd_ok OK
	want "$u" sendfd_denied EACCES
	contains "$u: a refused connect is logged with its address" "$log" \
		"\"addr\":\"127.0.0.2!$P2\""
	contains "$u: ...and the rule that would allow it" "$log" \
		"\"tip\":\"allow/net/connect+127.0.0.2!$P2\""
	contains "$u: a refused UNIX connect is logged with its path" "$log" \
		"\"path\":\"$TMP/agents/no-1/agent.sock\""
	# allow_safe_bind: connects to what the sandbox bound, not others.
	client "$u" -m deny/net/connect+127.0.0.1!0-65535 -- safe_bind
	want "$u" safe_bind EACCES
	client "$u" -m deny/net/connect+127.0.0.1!0-65535 \
		-m trace/allow_safe_bind:1 -- safe_bind tcp_ok
	want "$u" safe_bind OK
	want "$u" tcp_ok EACCES
	# SCM_RIGHTS of fds no path rule can judge: an O_PATH symlink, a
	# /proc magic link, an fd with no path (eventfd); each refused until
	# its trace/allow_unsafe_sendfd_* opt-out.
	inherit=$LINKFDS
	client "$u" -- sendfd_symlink sendfd_magiclink sendfd_misc
	want "$u" sendfd_symlink EACCES
	want "$u" sendfd_magiclink EACCES
	want "$u" sendfd_misc EACCES
	client "$u" -m trace/allow_unsafe_sendfd_symlink:1 \
		-m trace/allow_unsafe_sendfd_magiclink:1 \
		-m trace/allow_unsafe_sendfd_misc:1 \
		-- sendfd_symlink sendfd_magiclink sendfd_misc
	inherit=
	want "$u" "sendfd_symlink" OK
	# Past the kind check, the path decides: this link is syd's own
	# /proc/PID/cwd (the fd was made before syd ran), hidden: ENOENT.
	want "$u" "sendfd_magiclink" ENOENT
	want "$u" "sendfd_misc" OK
	# block+: a blocked peer refuses, whatever the rules allow.
	client "$u" -m allow/net/connect+any!0-65535 -m block+127.0.0.2 -- \
		tcp_denied
	want "$u" tcp_denied ECONNREFUSED
done

# Unrestricted sockets: no network hook at all (sandbox/net:off).
run env SYD_LOG_FD=-1 "$SYD" $POLICY -m sandbox/net:off -- $PY "$NET" client "$TMP" tcp_denied
case "$out" in "tcp_denied OK"*) ok "sandbox/net:off: every address" ;; *) not_ok "sandbox/net:off: every address" "$out $err" ;; esac

tap_done
