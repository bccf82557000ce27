#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Fetch the Debian source package that t-debbuild.sh builds under syd into a
# cache directory, and install the tools its upstream build needs.
#
#   debbuild-fetch.sh [PACKAGE...]     (default: lua5.4 zlib, first that works)
#
# DEBSRC_CACHE overrides the cache (default /var/cache/syd-tests/debsrc).
# Idempotent: when the cache already holds a package's .dsc nothing is
# fetched and no network is used. On success prints two lines on stdout,
# "cache DIR" and "package NAME DSC", and exits 0; otherwise prints the
# reason on stderr and exits 1 (2 for a usage error). Progress goes to
# stderr. Fetching needs root (it adds a deb-src twin of the machine's apt
# source entries and runs apt-get update).
set -u

CACHE=${DEBSRC_CACHE:-/var/cache/syd-tests/debsrc}
[ $# -gt 0 ] || set -- lua5.4 zlib
TWIN=/etc/apt/sources.list.d/syd-tests-deb-src.sources

say() { printf 'debbuild-fetch: %s\n' "$*" >&2; }

# cached PKG: the newest .dsc of PKG in the cache, or nothing.
cached() {
	# shellcheck disable=SC2012 # Debian file names: no odd characters
	ls "$CACHE/$1"_*.dsc 2>/dev/null | sort -V | tail -n 1
}

# install_tools: install, with apt, the programs that the upstream build
# systems used by t-debbuild.sh (lua's "make linux", zlib's "./configure &&
# make") and the test itself need and that are missing. Never debhelper or
# the package's Build-Depends.
install_tools() {
	missing=
	for t in gcc:gcc make:make ar:binutils ranlib:binutils \
		dpkg-source:dpkg-dev setpriv:util-linux; do
		command -v "${t%%:*}" >/dev/null 2>&1 && continue
		case " $missing " in *" ${t#*:} "*) ;; *) missing="$missing ${t#*:}" ;; esac
	done
	[ -n "$missing" ] || return 0
	if [ "$(id -u)" -ne 0 ]; then
		say "missing tools:$missing (not root, cannot install)"
		return 1
	fi
	say "installing:$missing"
	# shellcheck disable=SC2086 # a list of package names
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
		$missing >&2
}

# has_deb_src: some active apt source already has a deb-src entry.
has_deb_src() {
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -f "$f" ] && grep -Eq '^[[:space:]]*deb-src[[:space:]]' "$f" && return 0
	done
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] && grep -Eiq '^Types:.*deb-src' "$f" && return 0
	done
	return 1
}

# twin: write, to stdout, a deb-src twin (deb822) of every active "deb"
# entry: one-line entries in *.list files and stanzas in *.sources files.
# Entries with Enabled: no are skipped.
twin() {
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -f "$f" ] || continue
		# deb [opts] URI SUITE COMPONENT...
		awk '
		$1 != "deb" { next }
		{
			i = 2; opts = ""
			if ($2 ~ /^\[/) {
				while (i <= NF) { opts = opts " " $i; if ($i ~ /\]$/) { i++; break } i++ }
			}
			uri = $i; suite = $(i + 1); comps = ""
			for (j = i + 2; j <= NF; j++) comps = comps " " $j
			print "Types: deb-src"
			print "URIs: " uri
			print "Suites: " suite
			if (comps != "") print "Components:" comps
			if (match(opts, /signed-by=[^] ]+/))
				print "Signed-By: " substr(opts, RSTART + 10, RLENGTH - 10)
			print ""
		}' "$f"
	done
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		[ "$f" = "$TWIN" ] && continue
		awk '
		function flush() {
			if (n && types ~ /(^|[ \t])deb([ \t]|$)/ && enabled !~ /^[ \t]*no/) {
				print "Types: deb-src"
				for (k = 1; k <= n; k++) print line[k]
				print ""
			}
			n = 0; types = ""; enabled = ""
		}
		/^[ \t]*#/ { next }
		/^[ \t]*$/ { flush(); next }
		/^Types:/ { types = substr($0, 7); next }
		/^Enabled:/ { enabled = substr($0, 9) }
		{ line[++n] = $0 }
		END { flush() }' "$f"
	done
}

# fetch PKG: download PKG's source into the cache; 0 on success, else sets
# $why to the reason.
fetch() {
	if [ "$(id -u)" -ne 0 ]; then
		why="not cached, and fetching needs root (deb-src entry, apt-get update)"
		return 1
	fi
	if ! has_deb_src; then
		t=$(twin)
		if [ -z "$t" ]; then
			why="no active apt 'deb' entry to twin in /etc/apt/sources.list{,.d}"
			return 1
		fi
		say "adding $TWIN"
		printf '# deb-src twin of the deb entries, added by syd tests/integration/debbuild-fetch.sh\n%s\n' "$t" >"$TWIN"
		UPDATED=
	fi
	if [ -z "$UPDATED" ]; then
		say "apt-get update"
		# A failing third-party entry must not stop us: apt-get source
		# below decides whether the sources index is usable.
		apt-get update -q >&2 || say "apt-get update exited $? (continuing)"
		UPDATED=1
	fi
	if ! [ -d "$CACHE" ]; then
		# Readable by all: the test builds from it as uid 65534 too.
		(umask 022 && mkdir -p "$CACHE") || { why="cannot create $CACHE"; return 1; }
		# apt downloads as _apt where it can: let it write the cache.
		chown _apt "$CACHE" 2>/dev/null
	fi
	say "apt-get source --download-only $1"
	log=$(cd "$CACHE" && apt-get source -q --download-only "$1" 2>&1)
	r=$?
	printf '%s\n' "$log" >&2
	if [ "$r" -ne 0 ]; then
		why="apt-get source exited $r: $(printf '%s\n' "$log" | grep '^E:' | head -n 1)"
		return 1
	fi
}

UPDATED=
reasons=
for pkg in "$@"; do
	dsc=$(cached "$pkg")
	if [ -z "$dsc" ]; then
		start=$(date +%s)
		why=
		fetch "$pkg"
		dsc=$(cached "$pkg")
		if [ -z "$dsc" ]; then
			reasons="$reasons${reasons:+; }$pkg: ${why:-no .dsc in $CACHE after apt-get source}"
			say "could not fetch $pkg: ${why:-no .dsc in $CACHE after apt-get source}"
			continue
		fi
		say "fetched $pkg in $(($(date +%s) - start)) s"
	fi
	install_tools || {
		reasons="$reasons${reasons:+; }$pkg: cannot install the build tools"
		continue
	}
	echo "cache $CACHE"
	echo "package $pkg $dsc"
	exit 0
done
say "no source package available: $reasons"
exit 1
