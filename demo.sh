#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Quick start, step 1: install what is missing (Debian 12), build, and show
# syd at work: an allowed read, a refused secret, a hidden file, a refused
# write with the rule that would allow it, and a policy mistake refused
# before anything runs.
set -eu
cd "$(dirname "$0")"
echo "== installing what is missing and building (the first run takes a minute)"
./tests/deps
[ -f build/build.ninja ] || meson setup build >/dev/null
ninja -C build >/dev/null
syd=$(pwd)/build/src/syd

echo "== this machine's kernel, as syd sees it"
$syd -V
echo
echo "== an allowed access: the linux profile lets programs read /etc/hostname"
$syd -p linux -- cat /etc/hostname
echo
echo "== a denied access: /etc/shadow, a system secret, is refused (EACCES) and the denial logged"
$syd -p linux -- cat /etc/shadow 2>&1 || echo "(exit status $?)"
echo
echo "== a hidden file: a stat rule makes /etc/hostname look missing (ENOENT), to ls too"
(cd /etc && $syd -p linux -m 'deny/stat+/etc/hostname' -- \
	sh -c 'cat hostname; ls | grep -c "^hostname$"' 2>&1) || echo "(exit status $?)"
echo
echo "== a write outside the allowed tree is refused (EACCES), with the rule that would allow it"
cd /tmp
$syd -p linux -m 'allow/all+/tmp/***' -- sh -c 'echo ok >/tmp/syd-demo.txt && echo wrote /tmp/syd-demo.txt; echo no >/etc/syd-demo.txt' 2>&1 ||
	echo "(exit status $?)"
rm -f /tmp/syd-demo.txt
cd - >/dev/null
echo
echo "== a mistake in a policy is refused before anything runs"
$syd -m 'allow/read+relative/path' -- true 2>&1 || echo "(exit status $?)"
