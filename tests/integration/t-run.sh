#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Real programs under syd: shell scripts, coreutils, tar, python3, gcc,
# make, git; each as root and as an unprivileged user, and each with a
# denial variant proving the policy is enforced.
. "$(dirname "$0")/lib.sh"
tap_done
