# SPDX-License-Identifier: GPL-3.0-or-later
# esyd: a shell function that drives syd from inside the sandbox (syd(2)).
# Printed by `syd --sh' and served as /dev/syd.sh inside the sandbox; load
# it with  eval "$(syd --sh)"  or  . /dev/syd.sh  and run  esyd help.
#
# Each subcommand is the shell's own `test -c /dev/syd/COMMAND' (a stat(2)
# syd answers) or a read of /dev/syd: no subcommand starts a process, so
# esyd works under lock:exec too, where only the initial process reaches
# /dev/syd. It returns 0 when syd took every command, 1 otherwise.
# Written for this syd in POSIX sh (dash, bash, zsh, busybox sh).

# _esyd_cat NAME: the category of a subcommand suffix, "net_bind" for
# net/bind: sets _esyd_c.
_esyd_cat() {
	case $1 in
	net_*) _esyd_c=net/${1#net_} ;;
	*) _esyd_c=$1 ;;
	esac
}

# _esyd_each PREFIX SUFFIX ARG...: test -c /dev/syd/PREFIX ARG SUFFIX for
# every ARG; fails when one fails or when there is none.
_esyd_each() {
	_esyd_p=$1 _esyd_s=$2
	shift 2
	if [ $# -eq 0 ]; then
		echo "esyd: an argument is missing (esyd help)" >&2
		return 1
	fi
	_esyd_r=0
	for _esyd_a; do
		test -c "/dev/syd/$_esyd_p$_esyd_a$_esyd_s" || _esyd_r=1
	done
	return $_esyd_r
}

esyd() {
	if [ $# -eq 0 ]; then
		esyd help >&2
		return 1
	fi
	_esyd_cmd=$1
	shift
	case $_esyd_cmd in
	api)
		echo 3 ;;
	check)
		test -c /dev/syd ;;
	lock)
		test -c /dev/syd/lock:on ;;
	unlock)
		test -c /dev/syd/lock:off ;;
	exec_lock)
		test -c /dev/syd/lock:exec ;;
	drop_lock)
		test -c /dev/syd/lock:drop ;;
	read_lock)
		test -c /dev/syd/lock:read ;;
	panic | reset | stat)
		test -c "/dev/syd/$_esyd_cmd" ;;
	load)
		# The commands of the caller's fd $1, all or none (syd(2)).
		if [ $# -ne 1 ]; then
			echo "esyd: load takes one fd number" >&2
			return 1
		fi
		test -c "/dev/syd/load/$1" ;;
	info | dump)
		# Read in this shell, not in a subshell: under lock:exec only
		# the initial process may open /dev/syd.
		test -c /dev/syd || return 1
		_esyd_json=
		while IFS= read -r _esyd_l || [ -n "$_esyd_l" ]; do
			_esyd_json=$_esyd_json$_esyd_l
		done </dev/syd || return 1
		[ -n "$_esyd_json" ] || return 1
		printf '%s\n' "$_esyd_json" ;;
	enable | disable | enabled)
		case $_esyd_cmd in
		enable) _esyd_s=:on ;;
		disable) _esyd_s=:off ;;
		*) _esyd_s=\? ;;
		esac
		_esyd_each sandbox/ "$_esyd_s" "$@" ;;
	enable_* | disable_* | enabled_*)
		_esyd_cat "${_esyd_cmd#*_}"
		case $_esyd_cmd in
		enable_*) _esyd_s=:on ;;
		disable_*) _esyd_s=:off ;;
		*) _esyd_s=\? ;;
		esac
		test -c "/dev/syd/sandbox/$_esyd_c$_esyd_s" ;;
	allow_* | disallow_* | deny_* | nodeny_* | addfilter_* | rmfilter_*)
		_esyd_cat "${_esyd_cmd#*_}"
		case $_esyd_cmd in
		allow_*) _esyd_p=allow/$_esyd_c+ ;;
		disallow_*) _esyd_p=allow/$_esyd_c- ;;
		deny_*) _esyd_p=deny/$_esyd_c+ ;;
		nodeny_*) _esyd_p=deny/$_esyd_c- ;;
		addfilter_*) _esyd_p=filter/$_esyd_c+ ;;
		*) _esyd_p=filter/$_esyd_c- ;;
		esac
		_esyd_each "$_esyd_p" "" "$@" ;;
	kill)
		# Running a matching program kills it (kill/exec).
		_esyd_each kill/exec+ "" "$@" ;;
	help)
		cat <<'EOF'
esyd SUBCOMMAND [ARG...]: drive syd from inside the sandbox (syd(2)).
  api                    the command API version (3)
  check                  is /dev/syd there (running under syd, unlocked)?
  lock | exec_lock | drop_lock | read_lock | unlock
                         lock:on, exec, drop, read, off (stricter only)
  info | dump            the sandbox state as JSON, one line
  stat | reset | panic   the commands of the same name
  load FD                the commands of the fd FD, all or none
  enable CAT... | disable CAT... | enabled CAT...
  enable_CAT | disable_CAT | enabled_CAT
                         sandbox/CAT:on, :off, ? (net_bind for net/bind)
  allow_CAT PAT... | disallow_CAT PAT...     allow/CAT+PAT, allow/CAT-PAT
  deny_CAT PAT... | nodeny_CAT PAT...        deny/CAT+PAT, deny/CAT-PAT
  addfilter_CAT PAT... | rmfilter_CAT PAT... filter/CAT+PAT, filter/CAT-PAT
  kill PAT...            kill/exec+PAT
EOF
		;;
	*)
		echo "esyd: unknown subcommand '$_esyd_cmd' (esyd help)" >&2
		return 1 ;;
	esac
}
