#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every command syd --api lists must be documented in syd(2) or syd(5).
# Usage: tests/api-doc.sh SYD MANDIR. Prints the keys of --api, the keys
# the man pages document, and a diff of the two; exits 1 when a key of
# --api is missing from the pages. A key is documented when it opens a
# bold span (*KEY...) in man/syd.2.scd or man/syd.5.scd; an ACTION/ key
# by the ACTION rule paragraph (_ACTION_*/*) naming *ACTION*.
set -eu
syd=$1 man=$2
tmp=$(mktemp -d /tmp/syd-apidoc.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
"$syd" --api >"$tmp/api.json"
python3 - "$tmp/api.json" "$man/syd.2.scd" "$man/syd.5.scd" "$tmp" <<'PY'
import json, sys
api = json.load(open(sys.argv[1]))
text = open(sys.argv[2]).read() + open(sys.argv[3]).read()
out = sys.argv[4]
keys = sorted(c["key"] for c in api["commands"])
actions = set(api.get("actions", []))
def documented(k):
    if "*" + k in text:
        return True
    a = k[:-1]
    return (k.endswith("/") and a in actions and "_ACTION_*/*" in text
            and "*" + a + "*" in text)
with open(out + "/api.txt", "w") as f:
    f.write("".join(k + "\n" for k in keys))
with open(out + "/doc.txt", "w") as f:
    f.write("".join(k + "\n" for k in keys if documented(k)))
PY
if diff -u --label 'syd --api' --label 'syd(2)+syd(5)' "$tmp/api.txt" "$tmp/doc.txt"; then
	echo "all $(wc -l <"$tmp/api.txt") commands of syd --api are documented"
else
	echo "commands of syd --api (-) missing from syd(2) and syd(5)" >&2
	exit 1
fi
