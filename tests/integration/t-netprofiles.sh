#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The built-in profiles' network promises, with real programs (a small C
# client, curl, git over http) against servers started here outside syd,
# as root and as an unprivileged user: user and agent reach loopback and
# nothing else; user reaches UNIX sockets in its home but no signing
# agent (ssh-agent's socket in /tmp); agent reaches UNIX sockets in its
# workspace only; paludis has no network but its build tree's sockets;
# noipv4 and noipv6 take one family away.
. "$(dirname "$0")/lib.sh"

: "${NETC:?NETC must point at the netc helper}"
PY=/usr/bin/python3
command -v $PY >/dev/null || { skip "network profiles" "no $PY"; tap_done; exit 0; }
chmod 0777 "$TMP"
cp "$NETC" "$TMP/netc"
chmod 0755 "$TMP/netc"
test_users

# An ssh-agent's socket where OpenSSH makes one (the secrets profile).
AGENT=$(mktemp -d /tmp/ssh-XXXXsydtest)
chmod 0777 "$AGENT"
# A socket outside every directory the profiles allow (not /tmp): in
# /run, where only root may make one.
OTHER=
[ "$(id -u)" -eq 0 ] && OTHER=$(mktemp -d /run/syd-nettest.XXXXXX) &&
	chmod 0777 "$OTHER"
mkdir -p "$TMP/www"
echo hello >"$TMP/www/hello.txt"
git init -q "$TMP/src" && echo one >"$TMP/src/f" &&
	git -C "$TMP/src" add f &&
	git -C "$TMP/src" -c user.name=t -c user.email=t@t commit -qm one &&
	git clone -q --bare "$TMP/src" "$TMP/www/repo.git" &&
	git -C "$TMP/www/repo.git" update-server-info
cat >"$TMP/serve.py" <<'PY'
import http.server, os, socket, sys, threading
d, agent = sys.argv[1], sys.argv[2]
def tcp(fam, ip):
    s = socket.socket(fam); s.bind((ip, 0)); s.listen(16)
    def loop():
        while True:
            c, _ = s.accept(); c.sendall(b"hi"); c.close()
    threading.Thread(target=loop, daemon=True).start()
    return s.getsockname()[1]
def unix(path):
    s = socket.socket(socket.AF_UNIX); s.bind(path); os.chmod(path, 0o777)
    s.listen(16)
    def loop():
        while True:
            c, _ = s.accept(); c.sendall(b"sock"); c.close()
    threading.Thread(target=loop, daemon=True).start()
    return s
keep = [unix(p) for p in sys.argv[3:]]
os.chdir(d + "/www")
h = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
    http.server.SimpleHTTPRequestHandler)
threading.Thread(target=h.serve_forever, daemon=True).start()
ports = [tcp(socket.AF_INET, "127.0.0.1"), tcp(socket.AF_INET6, "::1"),
         h.server_address[1]]
with open(d + "/ports.tmp", "w") as f:
    f.write(" ".join(map(str, ports)) + "\n")
os.rename(d + "/ports.tmp", d + "/ports")
threading.Event().wait()
PY

for u in $users; do
	h=$TMP/home-$u w=$TMP/ws-$u
	mkdir -p "$h" "$w"
	chmod 0777 "$h" "$w"
	socks="$socks $h/app.sock $w/ws.sock"
done
# shellcheck disable=SC2086 # the socket paths are words
$PY "$TMP/serve.py" "$TMP" "$AGENT" "$AGENT/agent.1" \
	${OTHER:+"$OTHER/x.sock"} $socks >"$TMP/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$TMP" "$AGENT" ${OTHER:+"$OTHER"}' EXIT
for _ in $(seq 100); do [ -s "$TMP/ports" ] && break; sleep 0.1; done
read -r P4 P6 PH <"$TMP/ports" ||
	{ not_ok "servers started" "$(cat "$TMP/serve.log")"; tap_done; exit 0; }

# net USER PROFILES -- NETC-ARGS: the client under syd -p PROFILES, from
# the user's workspace, with the user's home; its line in $out.
net() {
	u=$1 as=
	[ "$u" = nobody ] && as=$NOBODY
	shift
	profiles=
	while [ "$1" != -- ]; do profiles="$profiles -p $1"; shift; done
	shift
	# shellcheck disable=SC2086 # profiles are words
	out=$(cd "$TMP/ws-$u" && $as env HOME="$TMP/home-$u" SYD_LOG_FD=-1 \
		"$SYD" $profiles -m "allow/exec,read,stat+$TMP/netc" -- \
		"$TMP/netc" "$@" 2>&1)
}

# expect NAME WANT: $out's first word is WANT.
expect() {
	case "$out" in
	"$2" | "$2 "*) ok "$1" ;;
	*) not_ok "$1" "want $2, got: $out" ;;
	esac
}

for u in $users; do
	as=
	[ "$u" = nobody ] && as=$NOBODY
	# Natively every server answers this user.
	for target in "tcp 127.0.0.1 $P4" "tcp ::1 $P6" "unix $AGENT/agent.1" \
		${OTHER:+"unix $OTHER/x.sock"}; do
		# shellcheck disable=SC2086 # TARGET is words
		out=$($as "$TMP/netc" $target 2>&1)
		case "$out" in
		OK*) ;;
		*) not_ok "$u: natively: $target" "$out" ;;
		esac
	done

	net "$u" user -- tcp 127.0.0.1 "$P4"
	expect "$u: user: loopback IPv4" OK
	net "$u" user -- tcp ::1 "$P6"
	expect "$u: user: loopback IPv6" OK
	net "$u" user -- tcp 10.255.255.1 9
	expect "$u: user: nothing but loopback" EACCES
	net "$u" user -- unix "$TMP/home-$u/app.sock"
	expect "$u: user: a UNIX socket in its home" OK
	net "$u" user -- unix "$AGENT/agent.1"
	expect "$u: user: not ssh-agent's socket in /tmp" EACCES
	if [ -n "$OTHER" ]; then
		net "$u" user -- unix "$OTHER/x.sock"
		expect "$u: user: not a UNIX socket outside home and /tmp" EACCES
	else
		skip "$u: user: not a UNIX socket outside home and /tmp" \
			"only root may make one in /run"
	fi

	net "$u" agent -- tcp 127.0.0.1 "$P4"
	expect "$u: agent: loopback" OK
	net "$u" agent -- tcp 10.255.255.1 9
	expect "$u: agent: nothing but loopback" EACCES
	net "$u" agent -- unix "$TMP/ws-$u/ws.sock"
	expect "$u: agent: a UNIX socket in its workspace" OK
	net "$u" agent -- unix "$TMP/home-$u/app.sock"
	expect "$u: agent: no UNIX socket outside its workspace" EACCES
	net "$u" agent -- unix "$AGENT/agent.1"
	expect "$u: agent: not ssh-agent's socket" EACCES

	net "$u" paludis -- tcp 127.0.0.1 "$P4"
	expect "$u: paludis: no network, loopback neither" EACCES
	net "$u" paludis -- unix "$TMP/ws-$u/ws.sock"
	expect "$u: paludis: its build tree's UNIX sockets" OK
	net "$u" paludis -- unix "$AGENT/agent.1"
	expect "$u: paludis: not ssh-agent's socket in /tmp" EACCES

	net "$u" user noipv4 -- tcp 127.0.0.1 "$P4"
	expect "$u: noipv4: no IPv4" EACCES
	net "$u" user noipv4 -- tcp ::1 "$P6"
	expect "$u: noipv4: IPv6 still" OK
	net "$u" user noipv6 -- tcp ::1 "$P6"
	expect "$u: noipv6: no IPv6" EACCES

	# curl and git over http to a server on loopback, and curl's refusal
	# said in syd's log with the address and the rule that would allow it.
	out=$(cd "$TMP/ws-$u" && $as env HOME="$TMP/home-$u" SYD_LOG_FD=-1 \
		"$SYD" -p user -- curl -s "http://127.0.0.1:$PH/hello.txt" 2>&1)
	expect "$u: user: curl over loopback" hello
	log=$(cd "$TMP/ws-$u" && $as env HOME="$TMP/home-$u" SYD_LOG_FD=2 \
		"$SYD" -p user -p noipv4 -- \
		curl -s "http://127.0.0.1:$PH/hello.txt" 2>&1)
	contains "$u: noipv4: curl refused, logged with the address" "$log" \
		"\"addr\":\"127.0.0.1!$PH\""
	# A port the rules refuse: curl fails to connect (exit 7), and the
	# log names the rule that would allow it.
	log=$(cd "$TMP/ws-$u" && $as env HOME="$TMP/home-$u" SYD_LOG_FD=2 \
		"$SYD" -p user -m "deny/net/connect+loopback!$PH" -- \
		curl -s "http://127.0.0.1:$PH/hello.txt" 2>&1)
	rc=$?
	if [ "$rc" -eq 7 ]; then
		contains "$u: user: curl to a denied port fails, with a tip" \
			"$log" "\"tip\":\"allow/net/connect+127.0.0.1!$PH\""
	else
		not_ok "$u: user: curl to a denied port fails, with a tip" \
			"curl exit $rc (want 7)" "$log"
	fi
	rm -rf "$TMP/home-$u/clone"
	out=$(cd "$TMP/ws-$u" && $as env HOME="$TMP/home-$u" SYD_LOG_FD=-1 \
		"$SYD" -p user -- git clone -q "http://127.0.0.1:$PH/repo.git" \
		"$TMP/home-$u/clone" 2>&1 && echo cloned)
	expect "$u: user: git clone over http on loopback" cloned
done
tap_done
