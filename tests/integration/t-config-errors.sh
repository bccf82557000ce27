#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every kind of bad configuration ends syd with one clear line naming where
# the text came from, the text, and what was expected, and exit status 22;
# nothing runs. Each case is tried from -m and from a file.
. "$(dirname "$0")/lib.sh"

long=$(printf '%04096d' 0 | tr 0 a)

# case | command | message (expect_fail uses name/status/msg: keep apart)
while IFS='|' read -r cname ccmd cmsg; do
	[ -n "$cname" ] || continue
	expect_fail "-m: $cname" 22 "-m '$ccmd': $cmsg" "$SYD" -m "$ccmd" -- true
	printf 'sandbox/read:on\n%s\n' "$ccmd" >"$TMP/bad.syd-3"
	expect_fail "file: $cname" 22 "$TMP/bad.syd-3:2: '$ccmd': $cmsg" \
		"$SYD" -P "$TMP/bad.syd-3" -- true
done <<EOC
unknown command|frobnicate:on|unknown command 'frobnicate'
unknown category|allow/reed+/x|unknown category 'reed'
bad operator|allow/read*/x|unexpected '*' after 'allow/read': expected one of the operators : + - ^ ? !
operator not accepted|sandbox/read+on|operator '+' not accepted
relative pattern|allow/read+relative|pattern must be absolute
unterminated class|allow/read+/a[bc|unterminated '[' in pattern
bad CIDR|allow/net/connect+10.0.0.0/33!80|bad CIDR prefix
bad port range|allow/net/connect+127.0.0.1!9-1|bad port range
undefined variable|allow/read+\${SYD_NO_SUCH_VARIABLE}/x|undefined variable 'SYD_NO_SUCH_VARIABLE'
bad boolean|sandbox/read:maybe|expected on or off
unknown action|default/read:maybe|unknown action 'maybe'
unsupported command|root/map:1|'root/map' is not supported yet
unsupported category|sandbox/crypt:on|category 'crypt' is not supported yet
force with an unknown hash|force+/bin/x:rot13:00|hash algorithm 'rot13'
force with a short digest|force+/bin/x:sha256:abcd|bad sha256 digest 'abcd': expected 64 hex digits
force with an unknown action|force+/bin/x:sha224:00000000000000000000000000000000000000000000000000000000:often|unknown force action 'often'
force allow|force+/bin/x:sha224:00000000000000000000000000000000000000000000000000000000:allow|force action 'allow' would let any content run
force on a relative path|force+bin/x:sha224:00000000000000000000000000000000000000000000000000000000|force path 'bin/x' must be absolute and canonical
force on a non-canonical path|force+/bin/../x:sha224:00000000000000000000000000000000000000000000000000000000|force path '/bin/../x' must be absolute and canonical
force with too few fields|force+/bin/x|expected force+PATH:ALG:HEX[:ACTION]
force^ with a value|force^/bin/x|force^ takes no value
unknown ioctl name|allow/ioctl+TIOCSTIX|unknown ioctl request 'TIOCSTIX': expected a number or a request name of the kernel's headers
EOC

# An overlong pattern: the message quotes only the start of the line.
expect_fail "-m: overlong pattern" 22 "...': pattern too long (at most 4095 bytes)" \
	"$SYD" -m "allow/read+/$long" -- true
printf 'allow/read+/%s\n' "$long" >"$TMP/long.syd-3"
expect_fail "file: overlong pattern" 22 "long.syd-3:1: 'allow/read+/aaaa" \
	"$SYD" -P "$TMP/long.syd-3" -- true

# Include loop: a includes b includes a.
printf 'include b.syd-3\n' >"$TMP/a.syd-3"
printf '\ninclude a.syd-3\n' >"$TMP/b.syd-3"
expect_fail "include loop" 22 "$TMP/b.syd-3:2: 'include a.syd-3': include loop" \
	"$SYD" -P "$TMP/a.syd-3" -- true
printf 'include self.syd-3\n' >"$TMP/self.syd-3"
expect_fail "self include" 22 "include loop" "$SYD" -P "$TMP/self.syd-3" -- true

# Missing files, from -P and from include.
expect_fail "missing -P file" 22 "-P '$TMP/nope.syd-3': cannot open: No such file or directory" \
	"$SYD" -P "$TMP/nope.syd-3" -- true
printf 'include nope.syd-3\n' >"$TMP/inc.syd-3"
expect_fail "missing include" 22 "$TMP/inc.syd-3:1: 'include nope.syd-3': cannot open $TMP/nope.syd-3: No such file or directory" \
	"$SYD" -P "$TMP/inc.syd-3" -- true
expect_fail "wrong extension" 22 "must end in .syd-3" "$SYD" -P /etc/hostname -- true
expect_fail "unknown profile" 22 "-p 'nosuch': unknown profile" "$SYD" -p nosuch -- true
expect_fail "unknown include_profile" 22 "unknown profile 'nosuch'" \
	"$SYD" -m 'include_profile nosuch' -- true

# A later error stops everything: the first bad line is the one reported.
printf 'allow/read+/ok\nbogus\nalso-bogus\n' >"$TMP/two.syd-3"
expect_fail "first error wins" 22 "two.syd-3:2: 'bogus'" "$SYD" -P "$TMP/two.syd-3" -- true

# syd-cat checks files the same way.
expect_fail "syd-cat reports file errors" 22 "$TMP/two.syd-3:2: 'bogus'" \
	"$SYD_CAT" "$TMP/two.syd-3"

tap_done
