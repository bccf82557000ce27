#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Quick start, step 1: install what is missing (Debian 12), build, and show
# syd at work. Until the supervisor lands (issue 3) the demonstration shows
# how syd reads and checks a policy, what it decides, and that it refuses to
# run anything it cannot confine.
set -eu
cd "$(dirname "$0")"
echo "== installing what is missing and building (the first run takes a minute)"
./tests/deps
[ -f build/build.ninja ] || meson setup build >/dev/null
ninja -C build >/dev/null
syd=./build/src/syd
cat=./build/src/syd-cat

echo "== this machine's kernel, as syd sees it"
$syd -V
echo
echo "== a policy: read the system, write only /tmp, hide /etc/shadow"
$cat -p linux -m 'allow/write,create+/tmp/***' -m 'deny/read+/etc/shadow' \
	-j | python3 -c '
import json, sys
s = json.load(sys.stdin)
print("lock:", s["lock"], "| rules:", len(s["rules"]),
      "| default read:", s["default"]["read"])'
echo
echo "== a mistake in a policy is refused before anything runs"
$syd -m 'allow/read+relative/path' -- true 2>&1 || echo "(exit status $?)"
echo
echo "== and nothing runs unconfined while the supervisor is missing"
$syd -p linux -- cat /etc/hostname 2>&1 || echo "(exit status $?)"
