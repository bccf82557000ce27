# SPDX-License-Identifier: GPL-3.0-or-later
# TAP output for the shell test scripts: ok, not_ok (with the evidence as
# "#" lines), skip, and tap_done for the plan line and the exit status.
# Sourced by integration/lib.sh and security/run-esc.sh.
#
# A name says what is tested, the same in every run, so that results can
# be compared from run to run (tests/check-names refuses a name given
# twice in one script, or one holding the run's temporary directory). A
# script names a directory that differs from run to run with tap_alias
# and may then write it into names: it is shown by its symbol.
TAP_N=0
TAP_FAILED=0
TAP_NALIAS=0
echo "TAP version 13"

# tap_alias SYMBOL DIR: names show DIR as SYMBOL. Give a directory after
# the one that holds it: the one given last is replaced first.
tap_alias() {
	[ -n "$2" ] || return 0
	TAP_NALIAS=$((TAP_NALIAS + 1))
	eval "TAP_ALIAS_SYM_$TAP_NALIAS=\$1 TAP_ALIAS_DIR_$TAP_NALIAS=\$2"
}

# tap_subst TEXT FROM TO: TAP_TEXT := TEXT with each FROM made TO.
tap_subst() {
	TAP_TEXT="" tap_rest=$1
	while :; do
		case $tap_rest in
		*"$2"*)
			TAP_TEXT=$TAP_TEXT${tap_rest%%"$2"*}$3
			tap_rest=${tap_rest#*"$2"} ;;
		*) break ;;
		esac
	done
	TAP_TEXT=$TAP_TEXT$tap_rest
}

# tap_name NAME: TAP_NAME := NAME on one line, each alias applied.
tap_name() {
	tap_subst "$1" "
" " "
	tap_i=$TAP_NALIAS
	while [ "$tap_i" -gt 0 ]; do
		eval "tap_subst \"\$TAP_TEXT\" \"\$TAP_ALIAS_DIR_$tap_i\" \
			\"\$TAP_ALIAS_SYM_$tap_i\""
		tap_i=$((tap_i - 1))
	done
	TAP_NAME=$TAP_TEXT
}

# ok NAME [LINE...], not_ok NAME [LINE...]: the result, then the LINEs
# (what was seen: counts, messages, paths) as "#" comments.
ok() {
	TAP_N=$((TAP_N + 1))
	tap_name "$1"
	echo "ok $TAP_N - $TAP_NAME"
	shift
	tap_comment "$@"
}

not_ok() {
	TAP_N=$((TAP_N + 1))
	TAP_FAILED=$((TAP_FAILED + 1))
	tap_name "$1"
	echo "not ok $TAP_N - $TAP_NAME"
	shift
	tap_comment "$@"
}

tap_comment() {
	for line in "$@"; do
		printf '%s\n' "$line" | sed 's/^/# /'
	done
}

skip() {
	TAP_N=$((TAP_N + 1))
	tap_name "$1"
	tap_subst "$2" "
" " "
	echo "ok $TAP_N - $TAP_NAME # SKIP $TAP_TEXT"
}

tap_done() {
	echo "1..$TAP_N"
	[ "$TAP_FAILED" -eq 0 ]
}
