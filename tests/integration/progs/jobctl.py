#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Job control through a terminal, as a person at it would use it: run
ARGV in a new pseudo-terminal, type what SCRIPT says and wait for what it
expects. Exit 0 when every expectation was met, 1 (with what was seen)
when one was not within its time.

Usage: jobctl.py SCRIPT -- ARGV...
SCRIPT lines: "send TEXT" (\\n, \\x1a (^Z), \\x03 (^C), \\x04 (^D) are
read as escapes), "expect TEXT" (wait for TEXT in the output since the
last expect), "sleep SECONDS".
"""
import os
import pty
import select
import sys
import time


def main():
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        print(__doc__, file=sys.stderr)
        return 2
    script = open(sys.argv[1]).read().splitlines()
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(sys.argv[3], sys.argv[3:])
    seen = b""
    mark = 0
    for line in script:
        if not line.strip() or line.startswith("#"):
            continue
        verb, _, arg = line.partition(" ")
        text = arg.encode().decode("unicode_escape").encode()
        if verb == "send":
            os.write(fd, text)
        elif verb == "sleep":
            time.sleep(float(arg))
        elif verb == "expect":
            end = time.time() + 20
            while text not in seen[mark:]:
                left = end - time.time()
                if left <= 0:
                    print("expected %r, saw %r" % (text, seen[-600:]))
                    os.kill(pid, 9)
                    return 1
                r, _, _ = select.select([fd], [], [], left)
                if r:
                    try:
                        data = os.read(fd, 4096)
                    except OSError:
                        data = b""
                    if not data:
                        print("the terminal closed; expected %r, saw %r"
                              % (text, seen[-600:]))
                        return 1
                    seen += data
            mark = seen.index(text, mark) + len(text)
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
