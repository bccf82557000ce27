#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# One system call at a time under syd (tests/integration/progs/try-syscall):
# allowed calls behave as without syd, denied ones fail with EACCES, hidden
# paths with ENOENT, and the kernel's own errors come back unchanged.
. "$(dirname "$0")/lib.sh"
: "${TRY:?TRY must point at try-syscall}"

T=$TMP/t
tap_alias T "$T" # names show "$T/ro" as "T/ro"
mkdir -p "$T/allowed/sub" "$T/allowed/noreaddir" "$T/ro" "$T/denied" "$T/hidden"
echo hello >"$T/allowed/f"
echo hello >"$T/allowed/noreaddir/f"
echo readonly >"$T/ro/f"
echo nope >"$T/denied/f"
echo secret >"$T/hidden/f"
ln -s f "$T/allowed/lnk"
ln -s ../denied/f "$T/allowed/to-denied"
ln -s ../hidden/f "$T/allowed/to-hidden"
ln -s loop2 "$T/allowed/loop1"
ln -s loop1 "$T/allowed/loop2"
chmod -R a+rwX "$TMP"

POLICY="-p linux -m allow/exec,read,stat+$TRY
	-m allow/all+$T/allowed/***
	-m allow/read,stat,readdir,readlink+$T/ro/***
	-m deny/readdir+$T/allowed/noreaddir
	-m deny/stat+$T/hidden/***
	-m deny/stat+$T/allowed/.env*
	-m deny/stat+$T/ro/.env*
	-m deny/stat+$T/allowed/L/hidden-*
	-m deny/walk+$T/allowed/W"

under() {
	# shellcheck disable=SC2086
	SYD_LOG_FD=-1 "$SYD" $POLICY -- "$TRY" "$@" 2>&1
}

# want [-n NOTE] EXPECTED OP ARGS...: the outcome under syd starts with
# EXPECTED. NOTE tells apart in the names two checks of one call.
want() {
	note=
	[ "$1" = -n ] && note=" ($2)" && shift 2
	expect=$1
	shift
	got=$(under "$@")
	case "$got" in
	"$expect"*) ok "$* -> $expect$note" ;;
	*) not_ok "$* -> $expect$note" "got: $got" ;;
	esac
}

# same [-n NOTE] [-q] OP ARGS...: the outcome under syd equals the outcome
# without it. -q leaves the outcome out of the name (one that holds inode
# numbers and times, which differ from run to run), showing it only when
# they differ.
same() {
	note= quiet=
	[ "$1" = -n ] && note=" ($2)" && shift 2
	[ "$1" = -q ] && quiet=1 && shift
	native=$("$TRY" "$@" 2>&1)
	got=$(under "$@")
	shown=" $native"
	[ -n "$quiet" ] && shown=
	if [ "$got" = "$native" ]; then
		ok "$* ->$shown (as native)$note"
	else
		not_ok "$* ->$shown (as native)$note" "native: $native, syd: $got"
	fi
}

A=$T/allowed
tap_alias A "$A"
# A symlink whose text has ':' in it is a plain relative symlink outside
# /proc; inside, a magic link to an anonymous inode, with or without "[]"
echo colon >"$A/f:[1]"
ln -s 'f:[1]' "$A/to-colon"
want "OK colon" open "$A/to-colon"
# (an inotify fd is syd's socket under a policy that hides names: syd.7
# INOTIFY; the kernel's own anonymous inode natively)
want -n "a socket under hiding rules" "OK 140777" anon inotify stat ANON
same anon eventfd stat ANON
# the shell's "> /dev/full" (O_TRUNC, which a device ignores) is a write
same open /dev/full wronly,trunc
same open /dev/zero wronly,trunc
# memfds are the process's own (linux profile: /memfd:NAME), sized by
# ftruncate and reopened through /proc/self/fd, as native
same memfd m
want "OK memory" memfd m
want "OK hello" open "$A/f"
want "OK hello" open "$A/lnk"
want "OK readonly" open "$T/ro/f"
want EACCES open "$T/ro/f" wronly
want EACCES open "$T/denied/f"
want ENOENT open "$T/hidden/f"
want ENOENT open "$T/hidden/nonexistent"
want EACCES open "$A/to-denied"
want ENOENT open "$A/to-hidden"
want EACCES open "$A/../denied/f"
# A hidden name cannot be probed through what a lookup passes: a file
# used as a directory (ENOTDIR), a ".." out of a hidden directory, a
# symlink whose target goes through one, a hidden symlink itself.
ln -s ../hidden/../allowed/f "$A/via-hidden"
ln -s ../allowed/f "$T/hidden/lnk"
want ENOENT open "$T/hidden/f/x"
want ENOENT stat "$T/hidden/f/"
want ENOENT readlink "$T/hidden/f/x"
want ENOENT open "$A/../hidden/../allowed/f"
want ENOENT stat "$A/../hidden/../allowed/f"
want ENOENT openin "$A" ../hidden/../allowed/f
want ENOENT open "$A/via-hidden"
want ENOENT open "$T/hidden/lnk"
want ENOENT open "$A/to-hidden/x"
# nor by a name too long under it (ENAMETOOLONG would say the directory
# is there), nor by a mount crossing refused under it (EXDEV)
long=$(printf '%0300d' 0)
same stat "$T/nonexistent/$long"
want ENOENT stat "$T/hidden/$long"
want ENOENT open "$T/hidden/$long"
same mkdir "$A/nonexistent/$long"
want ENAMETOOLONG mkdir "$A/$long"
same openat2 /dev shm rdonly no_xdev
got=$(SYD_LOG_FD=-1 "$SYD" $POLICY -m "deny/stat+/dev/shm/***" -- \
	"$TRY" openat2 /dev shm rdonly no_xdev 2>&1)
case $got in
ENOENT) ok "openat2 RESOLVE_NO_XDEV onto a hidden mount point: ENOENT" ;;
*) not_ok "openat2 RESOLVE_NO_XDEV onto a hidden mount point: ENOENT" "$got" ;;
esac
same open "$A/f/x"
want "OK hello" open "$A/../allowed/../allowed/f"
want "OK hello" open "$A/sub/../f"
same open "$A/nonexistent"
same -n again open "$A/f/x"
same openfd 99 x
# syd's pid with the upper 32 bits set is still syd's pid to the kernel
want EPERM killparent 0
# nor may the sandbox signal syd's threads, whose ids the filter cannot
# know (Landlock's signal scope; without Landlock ABI 6 only the pid is
# refused): handed their ids from outside, tkill(TID, 0) is EPERM for each
abi=$("$SYD" -V | sed -n 's/^landlock: ABI //p')
if [ "${abi:-0}" -ge 6 ]; then
	rm -f "$T/tids" "$T/tkill"
	# shellcheck disable=SC2086,SC2016
	SYD_LOG_FD=-1 "$SYD" $POLICY -m "allow/read,stat+$T/tids" -- sh -c '
		while [ ! -s "$1" ]; do sleep 0.05; done
		for t in $(cat "$1"); do "$2" tkill "$t" 0; done' \
		sh "$T/tids" "$TRY" >"$T/tkill" 2>&1 &
	spid=$!
	n=0
	while [ "$(ls "/proc/$spid/task" 2>/dev/null | wc -l)" -lt 2 ] && [ $n -lt 100 ]; do
		sleep 0.05; n=$((n + 1))
	done
	ls "/proc/$spid/task" >"$T/tids.new" && mv "$T/tids.new" "$T/tids"
	wait $spid
	if [ -s "$T/tkill" ] && ! grep -qv '^EPERM$' "$T/tkill"; then
		ok "tkill of each of syd's threads is EPERM" \
			"$(wc -l <"$T/tkill") threads"
	else
		not_ok "tkill of each of syd's threads is EPERM" "$(cat "$T/tkill")"
	fi
else
	skip "tkill of each of syd's threads is EPERM" "no Landlock ABI 6"
fi
same open "$A/loop1"
same open "$A/lnk" rdonly,nofollow
same open "$A/f" rdonly,directory
same open "$A" wronly
same open "$A/f" creat,excl,wronly
# O_PATH|O_NOFOLLOW on a symlink: no fd can be handed over for it, and
# EOPNOTSUPP is what glibc's lchmod (which opens one so) answers anyway;
# a hidden link stays hidden
want EOPNOTSUPP open "$A/lnk" path,nofollow
same lchmod "$A/lnk" 600
want ENOENT open "$T/hidden/lnk" path,nofollow
want ENOENT lchmod "$T/hidden/lnk" 600
same fchdir "$A/sub"
same fchdirpipe x
got=$(SYD_LOG_FD=-1 "$SYD" $POLICY -m "deny/chdir+$A/sub" -- "$TRY" fchdir "$A/sub" 2>&1)
case $got in
EACCES) ok "fchdir is decided as chdir" ;;
*) not_ok "fchdir is decided as chdir" "$got" ;;
esac
want "OK hello" open "$A/f" path
same open "$A/sub/" creat,wronly
same open "$(printf '%0300d' 0)"
same open "$A/$(printf 'x%.0s' $(seq 1 256))"
want "OK fd" open "$A/new1" creat,wronly,excl
want "OK" stat "$A/new1"
want EACCES open "$T/ro/new" creat,wronly
want EACCES open "$T/denied/new" creat,wronly
want "OK fd" open "$A" tmpfile,wronly
want EACCES open "$T/ro" tmpfile,wronly
echo x >"$A/t1"
want "OK" open "$A/t1" wronly,trunc
want EACCES open "$T/ro/f" wronly,trunc
# O_RDONLY|O_TRUNC truncates too (Linux asks for write permission and cuts
# the file): refused where truncation is, and the file is left whole
want EACCES open "$T/ro/f" rdonly,trunc
if [ "$(cat "$T/ro/f")" = readonly ]; then ok "O_RDONLY|O_TRUNC left the read-only file whole"; else not_ok "O_RDONLY|O_TRUNC left the read-only file whole" "now: $(wc -c <"$T/ro/f") bytes"; fi
# O_CREAT of a file that exists is an open of it (decided as write,
# truncate); in a directory one may not write, still refused
want EACCES open "$T/ro/f" creat,wronly
want EACCES open "$T/ro/f" creat,wronly,trunc
echo x >"$A/t2"
want "OK fd" open "$A/t2" creat,wronly,trunc
if [ -s "$A/t2" ]; then not_ok "O_CREAT|O_TRUNC of an existing file truncates it" "$(wc -c <"$A/t2") bytes left"; else ok "O_CREAT|O_TRUNC of an existing file truncates it"; fi
same fdflags "$A/t2" creat,wronly,append
# The fast path (decided by name, opened with O_NONBLOCK) leaves the
# caller's status flags as the kernel would, and decides a directory as one.
same fdflags "$A/f" rdonly
same fdflags "$A/t1" wronly,append
same fdflags "$A/f" rdwr,nonblock
same fdflags "$A/sub" rdonly,directory
want "OK hello" openin "$A" f
want "OK hello" openin "$A/sub" ../f
want EACCES openin "$A/sub" ../../denied/f
want EACCES openin "$T/denied" f
want ENOENT openin "$T/hidden" f
want EACCES open "$A/noreaddir" rdonly,directory
want "OK hello" open "$A/noreaddir/f"
# With only write sandboxing on, read-only opens never leave the kernel
# (the filter looks at open's flags): an O_PATH|O_NOFOLLOW open of a
# symlink, which syd would answer ELOOP, behaves as native; opens that
# write or truncate are still decided.
WONLY="-p off -m sandbox/write,truncate:on -m allow/write,truncate+$A/***"
# shellcheck disable=SC2086
got=$(SYD_LOG_FD=-1 "$SYD" $WONLY -- "$TRY" open "$A/lnk" path,nofollow 2>&1)
native=$("$TRY" open "$A/lnk" path,nofollow 2>&1)
if [ "$got" = "$native" ]; then ok "write sandboxing only: a read-only open stays in the kernel ($got)"; else not_ok "write sandboxing only: a read-only open stays in the kernel" "native: $native" "syd: $got"; fi
for fl in wronly rdwr rdonly,trunc creat,wronly; do
	# shellcheck disable=SC2086
	got=$(SYD_LOG_FD=-1 "$SYD" $WONLY -- "$TRY" open "$T/ro/f" "$fl" 2>&1)
	case $got in EACCES) ok "write sandboxing only: open $fl of a read-only file is refused" ;;
	*) not_ok "write sandboxing only: open $fl of a read-only file is refused" "got: $got" ;; esac
done

# /proc/self is the caller on every route, also where a path climbs back
# out of it: syd's tasks (the shell's parent is syd) do not exist there.
# shellcheck disable=SC2016,SC2086
got=$(SYD_LOG_FD=-1 "$SYD" $POLICY -- sh -c '"$0" stat "/proc/self/task/$PPID/../../../../tmp"' "$TRY" 2>&1)
if [ "$got" = ENOENT ]; then ok "/proc/self/task/SYD/../../../..: syd's task is not there (ENOENT)"; else not_ok "/proc/self/task/SYD/../../../..: syd's task is not there" "got: $got"; fi

# Namespaces: the sandbox may not make its own unless
# trace/allow_unsafe_namespace names the type; threads still start (libc
# falls back from clone3, refused with ENOSYS, to clone).
if native=$(unshare -U true 2>&1); then
	got=$(SYD_LOG_FD=-1 "$SYD" -p off -- unshare -U true 2>&1)
	case $got in *"Operation not permitted"*) ok "unshare(CLONE_NEWUSER) is refused (EPERM)" ;;
	*) not_ok "unshare(CLONE_NEWUSER) is refused (EPERM)" "got: $got" ;; esac
	if got=$(SYD_LOG_FD=-1 "$SYD" -p off -m trace/allow_unsafe_namespace:user -- unshare -U true 2>&1); then
		ok "trace/allow_unsafe_namespace:user lets it through"
	else
		not_ok "trace/allow_unsafe_namespace:user lets it through" "got: $got"
	fi
else
	skip "namespace creation" "unshare -U fails without syd: $native"
fi
got=$(SYD_LOG_FD=-1 "$SYD" -p off -p nopie -- python3 -c 'import threading; t = threading.Thread(target=print, args=("thread",)); t.start(); t.join()' 2>&1)
if [ "$got" = thread ]; then ok "threads start with clone3 refused"; else not_ok "threads start with clone3 refused" "got: $got"; fi

# openat and openat2 with RESOLVE_* flags
want "OK hello" openat "$A" f rdonly
want EACCES openat "$A" ../denied/f rdonly
want "OK hello" openat2 "$A" f rdonly
want EXDEV openat2 "$A" ../ro/f rdonly beneath
want ELOOP openat2 "$A" lnk rdonly no_symlinks
want "OK hello" openat2 "$A" /f rdonly in_root
want ENOENT openat2 "$A" ../../ro/f rdonly in_root
want "OK hello" openat2 "$A" /lnk rdonly in_root
want ELOOP openat2 "/proc/self/fd" 0 rdonly no_magiclinks
# RESOLVE_BENEATH from "/": ".." leaves it, even if "/.." is "/"
same openat2 / .. rdonly beneath
# /proc/self is a symlink for RESOLVE_NO_SYMLINKS too, though syd names it
same openat2 /proc self/comm rdonly no_symlinks
# RESOLVE_NO_XDEV: ".." out of a mount and a magic link's jump cross it
same openat2 /proc .. rdonly no_xdev
same openat2 /proc self/exe rdonly no_xdev
# stat family
want OK stat "$A/f"
want OK stat "$T/ro/f"
want EACCES stat "$T/denied/f"
want ENOENT stat "$T/hidden/f"
want ENOENT lstat "$T/hidden"
want ENOENT statx "$T/hidden/f"
want OK lstat "$A/lnk"
same lstat "$A/lnk"
same stat "$A/lnk"
same statx "$A/f"
# the answer is the statx the caller asked for, with its mask and flags
# (a kernel may leave out what was not asked), whichever way syd found it
same -q statxm "$A/f" fff
same -q statxm "$A/f" 1,dontsync
same -q statxm "$A/f" 7ff,forcesync
same -q statxm "$A/f" 0
same -q statxm "$A/lnk" fff
same -q statxm "$A/lnk" fff,nofollow
same -q statxm "$A" 840
same -q statxm "$A/f" fff,fd
same -q statxm "$A/f" 2,fd
# the mask's reserved bit: EINVAL before any lookup, so also on a hidden
# name; both sync flags at once: EINVAL too
same statxm "$A/f" 80000000
same -n hidden statxm "$T/hidden/f" 80000000
same -n both-sync statxm "$A/f" fff,dontsync,forcesync
want ENOENT statxm "$T/hidden/f" fff
want ENOENT statxm "$T/hidden/f" fff,nofollow
same stat "$A/f/"
same stat "$A/nonexistent"
# open of a missing name relative to the cwd (the cwd's name is read
# once: the fast way hands it on), and below a missing directory
cd "$A" || exit 1
same -n relative open nonexistent
same -n relative open nodir/nonexistent
same -n relative open f/nonexistent
cd - >/dev/null || exit 1
# A name through a symlink that syd's own lookup reads otherwise: /dev/fd
# is /proc/self/fd, syd's fds there. fd 250 is the caller's alone, so
# syd's ENOENT for it is not the answer; 251 is nobody's.
ln -s /proc/self/fd "$A/lfd"
for p in /dev/fd/250 "$A/lfd/250" /dev/fd/251 "$A/lfd/251" "$A/lfd/250/x"; do
	same -n "fd 250 the caller's" fdat 250 "$A/f" open "$p"
done
same fstat "$A/f"
want OK statfs "$A"
want OK access "$A/f" rw
want ENOENT access "$T/hidden/f"
# directories, links, names
want OK mkdir "$A/d1"
same mkdir "$A/d1"
want EACCES mkdir "$T/ro/d1"
want ENOENT mkdir "$T/hidden/d1"
want OK rmdir "$A/d1"
same rmdir "$A/d1"
want OK symlink f "$A/s1"
want "OK f" readlink "$A/s1"
want EACCES symlink f "$T/ro/s1"
want EINVAL readlink "$A/f"
want EINVAL readlink "$A/sub"
want ENOENT readlink "$T/hidden/f"
want EACCES readlink "$T/denied/f"
want "OK ../denied/f" readlink "$A/to-denied"
want "OK ../hidden/f" readlink "$A/sub/../to-hidden"
same readlink /proc/self/cwd
want "OK $A" chdir "$A"
want OK rename "$A/s1" "$A/s2"
want EACCES rename "$T/ro/f" "$A/stolen"
want EACCES rename "$A/f" "$T/ro/f2"
same renameat2 "$A/new1" "$A/f" noreplace
want OK renameat2 "$A/new1" "$A/new2" noreplace
want OK renameat2 "$A/new2" "$A/f" exchange
# The kernel's answers for ".", ".." and "/" last, and for a trailing
# slash on a file (files stay untouched: only errors are compared)
mkdir -p "$A/kd/sub"
echo x >"$A/kf"
same rmdir "$A/kd/sub/.."
same rmdir "$A/kd/."
same rmdir "$A/kd/sub/../"
same unlink "$A/kd/.."
same rename "$A/kd/sub/.." "$A/kd2"
same rename "$A/kf" "$A/kd/."
same renameat2 "$A/kf" "$A/kd/.." noreplace
same rename "$A/kf" "$A/kd/"
same rename "$A/kf/" "$A/kf2"
same rename "$A/nonexistent" "$A/kd/.."
want OK link "$A/f" "$A/hl"
want EACCES link "$T/ro/f" "$A/hl2"
want EACCES link "$T/denied/f" "$A/hl3"
want OK unlink "$A/hl"
same unlink "$A/hl"
want EACCES unlink "$T/ro/f"
same unlink "$A/sub"
want OK chmod "$A/f" 600
want EACCES chmod "$T/ro/f" 600
want OK chown "$A/f" "$(id -u)" "$(id -g)"
echo truncated >"$A/tr"
want OK truncate "$A/tr" 5
want "OK trunc" open "$A/tr"
want EACCES truncate "$T/ro/f" 0
want OK utimensat "$A/f"
want EACCES utimensat "$T/ro/f"
want OK mknod "$A/fifo" fifo
want EACCES mknod "$T/ro/fifo" fifo
same mknod "$A/mkdir-by-mknod" dir
same mknod "$T/hidden/mkdir-by-mknod" dir
# What the kernel checks before permission comes first, as natively: a
# name to be made that exists is EEXIST, one to be removed that is missing
# ENOENT (rm -f, mkdir -p, os.makedirs rely on it), even where the policy
# refuses the call; a hidden name stays hidden (ENOENT)
same unlink "$T/ro/nonexistent"
same rmdir "$T/ro/nonexistent"
same rename "$T/ro/nonexistent" "$T/ro/x"
same mkdir "$T/ro"
same mkdir "$T/ro/f"
same symlink x "$T/ro/f"
same link "$A/f" "$T/ro/f"
same mknod "$T/ro/f" fifo
same open "$T/ro/f" wronly,creat,excl
want ENOENT open "$T/hidden/f" wronly,creat,excl
# a hidden name in a directory that may be seen is one whose making the
# policy refuses (where the name would be made, mkdir is not allowed:
# EACCES, as for any missing name there); under a hidden directory,
# ENOENT as under a missing one
want EACCES mkdir "$T/hidden"
want EACCES mkdir "$T/newname"
want ENOENT mkdir "$T/hidden/f"
want ENOENT symlink x "$T/hidden/f"
want -n "again, beside hidden names" EACCES unlink "$T/ro/f"
want EACCES mkdir "$T/ro/newdir"
# A hidden name gets exactly what a missing name gets in its place, for
# every call that makes a name: EACCES where the policy refuses to make
# one ($T/ro), and EACCES too where it would allow it ($A): the hidden
# object exists, so the call cannot succeed, and EEXIST (or ENOENT, which
# making a name in a directory that exists never answers) would tell.
# Whether the hidden name exists (.env) or not (.env-gone), the answer is
# the same, and the hidden file is untouched.
echo SECRET >"$A/.env"
echo SECRET >"$T/ro/.env"
echo mine >"$A/mine"
chmod a+rw "$A/.env" "$T/ro/.env" "$A/mine"
for d in "$A" "$T/ro"; do
	for name in .env .env-gone; do
		p=$d/$name
		for op in "mkdir $p" "mknod $p fifo" "symlink x $p" \
			"open $p wronly,creat" "open $p wronly,creat,excl" \
			"open $p rdwr,creat,trunc" "link $A/mine $p" \
			"renameat2 $A/mine $p noreplace" "rename $A/mine $p"; do
			# shellcheck disable=SC2086
			want EACCES $op
		done
		# both names of an exchange must exist: hidden is missing
		want ENOENT renameat2 "$A/mine" "$p" exchange
	done
	# ...as a missing name the policy does not hide gets there
	if [ "$d" = "$T/ro" ]; then
		want EACCES mkdir "$d/newname"
		want EACCES open "$d/newname" wronly,creat,excl
		want EACCES renameat2 "$A/mine" "$d/newname" noreplace
	fi
	want ENOENT renameat2 "$A/mine" "$d/newname" exchange
done
if [ "$(cat "$A/.env" "$T/ro/.env")" = "SECRET
SECRET" ] && [ -f "$A/mine" ] && ! [ -e "$A/.env-gone" ]; then
	ok "hidden names are left as they were"
else
	not_ok "hidden names are left as they were" "$(ls -la "$A" "$T/ro")"
fi
# A /proc magic link names the object behind it: one that is hidden is
# not named (ENOENT, as a hidden symlink), for the caller's fds, its cwd
# and another sandboxed process's; getcwd(2) of a hidden cwd is ENOENT,
# the kernel's answer for a cwd that was removed. Visible ones as native.
got=$(under readlink /proc/self/fd/0 <"$A/.env")
case $got in ENOENT) ok "readlink of an fd on a hidden file: ENOENT" ;;
*) not_ok "readlink of an fd on a hidden file: ENOENT" "$got" ;; esac
got=$(under readlink /proc/self/fd/0 <"$A/mine")
case $got in "OK $A/mine") ok "readlink of an fd on a visible file" ;;
*) not_ok "readlink of an fd on a visible file" "$got" ;; esac
for op in "readlink /proc/self/cwd" "getcwd -"; do
	# shellcheck disable=SC2086
	got=$(cd "$T/hidden" && under $op)
	case $got in
	ENOENT) ok "$op in a hidden cwd: ENOENT" ;;
	*) not_ok "$op in a hidden cwd: ENOENT" "got: $got" ;;
	esac
	# shellcheck disable=SC2086
	got=$(cd "$A" && under $op)
	case $got in
	"OK $A") ok "$op in a visible cwd" ;;
	*) not_ok "$op in a visible cwd" "got: $got" ;;
	esac
done
# shellcheck disable=SC2016,SC2086
got=$(cd "$T/hidden" && SYD_LOG_FD=-1 "$SYD" $POLICY -m "allow/stat,walk,readlink+/proc/***" \
	-- sh -c 'sleep 5 & p=$!; "$1" readlink /proc/$p/cwd; "$1" readlink /proc/$p/fd/3; kill $p' \
	sh "$TRY" 3<"$A/.env" 2>/dev/null)
case $got in
"ENOENT
ENOENT") ok "another process's hidden cwd and fd: ENOENT" ;;
*) not_ok "another process's hidden cwd and fd: ENOENT" "$got" ;;
esac
# Listings leave hidden names out, with the kernel's positions (each
# d_off taken again with lseek goes on where it did), across batches made
# only of hidden names (never a premature end), with a buffer the kernel
# would find too small (EINVAL) only when a shown name does not fit, in
# getdents64 and the old getdents, and after a buffer it cannot write to
# (EFAULT) from where it was. A directory that may not be walked lists
# nothing; a list rule hides a name (logged) that stat still shows.
mkdir -p "$A/L" "$A/W/x"
i=0
while [ $i -lt 300 ]; do : >"$A/L/hidden-$i"; i=$((i + 1)); done
: >"$A/L/a"; : >"$A/L/b"; : >"$A/L/zz"
for size in 32768 100 32 24; do
	want "OK a b zz" list "$A/L" $size
	want "OK a b zz" list "$A/L" $size old
	want "OK 3" seekdir "$A/L" $size
done
want "OK a b zz" listfault "$A/L"
same list "$A/L" 10
same list /nonexistent 100
same list "$A/f" 100
got=$(under list "$A/W" 4096)
case $got in OK) ok "a directory that may not be walked lists nothing" ;;
*) not_ok "a directory that may not be walked lists nothing" "$got" ;; esac
got=$(SYD_LOG_FD=2 "$SYD" $POLICY -m "deny/list+$A/L/b" -- sh -c \
	"$TRY list $A/L 4096; $TRY stat $A/L/b" 2>&1)
case $got in
*'"sys":"getdents64","cap":"list","act":"deny","path":"'"$A/L/b"'"'*"OK a zz
OK 100"*) ok "a list rule hides a name, logged, that stat shows" ;;
*) not_ok "a list rule hides a name, logged, that stat shows" "$got" ;;
esac
got=$(SYD_LOG_FD=2 "$SYD" $POLICY -m "filter/list+$A/L/b" -- "$TRY" list "$A/L" 4096 2>&1)
case $got in
"OK a zz") ok "filter/list hides a name without a log line" ;;
*) not_ok "filter/list hides a name without a log line" "$got" ;;
esac
# syd's own /proc entry is not listed; the other processes' are
# shellcheck disable=SC2016,SC2086
got=$(SYD_LOG_FD=-1 "$SYD" $POLICY -- sh -c '"$1" list /proc 65536 |
	tr " " "\n" >"$2"; grep -qx "$PPID" "$2" && echo syd
	grep -qx "$$" "$2" && echo sh' sh "$TRY" "$A/proclist" 2>&1)
case $got in sh) ok "/proc lists the sandbox, not syd" ;;
*) not_ok "/proc lists the sandbox, not syd" "$got" ;; esac
# O_TMPFILE: linkable into the tree (as natively), unless opened with
# O_EXCL: then linkat() fails with ENOENT
mkdir "$A/tmpd"
want ENOENT tmplink "$A/tmpd" excl
want OK tmplink "$A/tmpd"
rm -f "$A/tmpd/tmplinked"
# fstatat(AT_FDCWD, "", AT_EMPTY_PATH) is the cwd's stat
same fstatcwd "$A"
# ...and a hidden cwd (the sandbox started in it) is as hidden by "" as by "."
for op in "fstatcwd -" "stat ."; do
	# shellcheck disable=SC2086
	got=$(cd "$T/hidden" && under $op)
	case $got in
	ENOENT*) ok "$op in a hidden cwd: ENOENT" ;;
	*) not_ok "$op in a hidden cwd: ENOENT" "got: $got" ;;
	esac
done
# ...and a removed cwd answers from the directory it was, as natively
mkdir "$A/gone"
got=$(cd "$A/gone" && rmdir "$A/gone" && under fstatcwd -)
case $got in
OK*) ok "fstatcwd in a removed cwd: $got" ;;
*) not_ok "fstatcwd in a removed cwd: OK" "got: $got" ;;
esac
# RENAME_WHITEOUT leaves a character device at the old name: mkcdev
if [ "$(id -u)" -eq 0 ]; then
	echo w >"$A/wa"
	want OK renameat2 "$A/wa" "$A/wb" whiteout
	echo w >"$A/wc"
	got=$(SYD_LOG_FD=-1 "$SYD" $POLICY -m "deny/mkcdev+$A/wc" -- \
		"$TRY" renameat2 "$A/wc" "$A/wd" whiteout 2>&1)
	case $got in
	EACCES) ok "RENAME_WHITEOUT needs mkcdev on the old name" ;;
	*) not_ok "RENAME_WHITEOUT needs mkcdev on the old name" "$got" ;;
	esac
fi
want OK fchmod "$A/f" 644
want EACCES fchmod "$T/ro/f" 600
want OK ftruncate "$A/tr" 3
want "OK tru" open "$A/tr"
want EACCES ftruncate "$T/ro/f" 0
# the caller's RLIMIT_FSIZE holds for emulated growth: EFBIG and SIGXFSZ
same fsize 4096 ftruncate "$A/tr" 1000000
same fsize 4096 truncate "$A/tr" 1000000
same fsize 4096 fallocate "$A/tr" 1000000
same fsize 4096 ftruncate "$A/tr" 100
want "SIGXFSZ" fsize 4096 ftruncate "$A/tr" 1000000
# syd's own soft limit (the command's at start) does not bind what the
# command does after raising its own to the hard limit
got=$(ulimit -S -f 100 && under fsizeup ftruncate "$A/tr" 1000000)
case $got in
"OK 0") ok "a raised RLIMIT_FSIZE holds for emulated growth" ;;
*) not_ok "a raised RLIMIT_FSIZE holds for emulated growth" "$got" ;;
esac
: >"$A/tr"
# truncate(2) of a file under a lease waits for the lease to be given up,
# and is interrupted by a signal meanwhile, as without syd
if "$TRY" lease "$A/leased" | grep -q EINTR; then
	same lease "$A/leased"
fi
# An open waiting for a FIFO's other end is interrupted by the caller's
# signal as without syd: EINTR with a handler without SA_RESTART, the
# open goes on (and succeeds once a writer comes) with SA_RESTART.
same alarm 1 fifoopen "$A/fifo-eintr"
rm -f "$A/fifo-restart" && mkfifo "$A/fifo-restart"
(sleep 2; : >"$A/fifo-restart") &
want "SIGALRM
OK" alarm 1 restart fifoopen "$A/fifo-restart"
wait
# A signal sent to a process interrupts the wait of the one thread the
# kernel gives it to: another thread's FIFO open goes on (never errno 512)
mkdir -p "$A/fifo-threads"
same fifo2 "$A/fifo-threads"
# ...and of a thread other than the leader when it alone can take it
want "thread: EINTR" fifoblk "$A/fifo-threads"
# An open answered while syd is stopped and continued (^Z, a freezer, a
# debugger attaching) gets its file: never fd 0, which the kernel's
# one-step ADDFD|SEND gave when syd's wait for the hand-over was cut short.
# shellcheck disable=SC2086
SYD_LOG_FD=-1 "$SYD" $POLICY -- "$TRY" openloop "$A/f" 20000 >"$TMP/storm" 2>&1 &
sydpid=$!
i=0
while [ "$i" -lt 5000 ] && kill -STOP "$sydpid" 2>/dev/null; do
	kill -CONT "$sydpid"
	i=$((i + 1))
done
kill -CONT "$sydpid" 2>/dev/null
wait "$sydpid"
got=$(cat "$TMP/storm")
case $got in
"OK bogus=0 errs=0") ok "20000 opens while syd is stopped and continued: all right" \
	"stopped and continued $i times" ;;
*) not_ok "20000 opens while syd is stopped and continued: all right" "got: $got" ;;
esac
# Openers killed while they wait free the emulator threads serving them:
# with at most two threads, a call after four such openers is answered.
rm -f "$A/fifo-kill" && mkfifo "$A/fifo-kill"
# shellcheck disable=SC2086,SC2016
got=$(SYD_NPROC=1 SYD_NPROC_MAX=2 SYD_LOG_FD=-1 timeout 20 "$SYD" $POLICY -- sh -c '
	for i in 1 2 3 4; do
		"$1" fifoopen "$2" & p=$!
		sleep 0.3; kill -9 $p; wait $p
	done
	"$1" stat "$2"' sh "$TRY" "$A/fifo-kill" 2>&1)
case $got in
*"OK 10"[0-7][0-7][0-7]) ok "killed FIFO openers free their emulator threads" ;;
*) not_ok "killed FIFO openers free their emulator threads" "$got" ;;
esac
# file attributes by ioctl are chattr, as by xattr calls
if "$TRY" setflags "$A/f" | grep -q '^OK'; then
	want OK setflags "$A/f"
	want EACCES setflags "$T/ro/f"
else
	same setflags "$A/f" # without CAP_LINUX_IMMUTABLE: EPERM
fi
want -n again "OK $A" chdir "$A"
want EACCES chdir "$T/denied"
want ENOENT chdir "$T/hidden"
# exec
cp /bin/echo "$T/denied/echo"
want "OK" exec /bin/echo OK
want EACCES exec "$T/denied/echo" x
want ENOENT exec "$T/hidden/echo" x
chmod +x "$A/f"
want ENOEXEC exec "$A/f" x
# execveat(AT_EXECVE_CHECK) only asks; decided as an exec all the same
same execcheck /bin/echo
want EACCES execcheck "$T/denied/echo"

# A FIFO open blocks its emulator thread until the other end opens: the
# sandbox must go on meanwhile, and no copy of either end may linger in
# syd (the reader would never see end-of-file).
mkfifo "$A/fifo2"
got=$(SYD_LOG_FD=-1 timeout 20 "$SYD" $POLICY -- sh -c "cat '$A/fifo2' & sleep 0.3; ls '$A' >/dev/null && echo -n 'on '; echo data >'$A/fifo2'; wait; echo done" 2>&1)
if [ "$got" = "on data
done" ]; then ok "FIFO: others go on while an open waits; EOF reaches the reader"; else not_ok "FIFO: others go on while an open waits; EOF reaches the reader" "$got"; fi

# The same in multi receive mode, where every core emulator thread waits
# in RECV: two of them blocked in FIFO opens must not leave the third open
# (the writer's) unanswered. The log shows the pool did switch.
mkdir -p "$A/pool"
got=$(SYD_LOG=debug SYD_LOG_FD=2 SYD_NPROC=2 timeout 30 "$SYD" $POLICY \
	-m "allow/exec,read,stat+$POOL_FIFO" -- "$POOL_FIFO" "$A/pool" 2>"$TMP/pool.log")
if [ "$got" = ok ] && grep -q 'multi receive mode' "$TMP/pool.log"; then
	ok "FIFO opens blocking every multi-mode receiver: the others are still served"
else
	not_ok "FIFO opens blocking every multi-mode receiver: the others are still served" "out: $got" "$(grep -v '"act"' "$TMP/pool.log" | tail -5)"
fi

# syd as root, the sandboxed process not: syd must act with the process's
# credentials, never its own (after a set*id call inside the sandbox)
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
	echo top >"$A/rootonly"
	chmod 0600 "$A/rootonly"
	chmod 0755 "$A/sub"
	drop() {
		SYD_LOG_FD=-1 "$SYD" $POLICY -m "allow/exec+/usr/bin/setpriv" -- \
			setpriv --reuid=65534 --regid=65534 --clear-groups "$TRY" "$@" 2>&1
	}
	got=$(drop open "$A/rootonly")
	case "$got" in EACCES) ok "dropped privileges: root-only file stays unreadable" ;; *) not_ok "dropped privileges: root-only file stays unreadable" "$got" ;; esac
	got=$(drop mkdir "$A/sub/x")
	case "$got" in EACCES) ok "dropped privileges: root's directory stays unwritable" ;; *) not_ok "dropped privileges: root's directory stays unwritable" "$got" ;; esac
	drop open "$A/byuser" creat,wronly >/dev/null
	owner=$(stat -c %U "$A/byuser" 2>/dev/null)
	if [ "$owner" = nobody ]; then ok "dropped privileges: new files belong to the process"; else not_ok "dropped privileges: new files belong to the process" "owner=$owner"; fi
	# ... nor search root's 0700 directory for a file anyone may read:
	# its lookups too are made with its credentials, fast or slow way.
	mkdir -p "$A/rootdir/d"
	echo open >"$A/rootdir/f"
	ln -sf f "$A/rootdir/l"
	chmod 0644 "$A/rootdir/f"
	chmod 0700 "$A/rootdir"
	for op in "open $A/rootdir/f" "open $A/sub/../rootdir/f" "stat $A/rootdir/f" \
		"lstat $A/rootdir/l" "readlink $A/rootdir/l" "access $A/rootdir/f r" \
		"mkdir $A/rootdir/new" "chdir $A/rootdir/d" "open $A/rootdir/l" \
		"open /proc/self/cwd/rootdir/f"; do
		# shellcheck disable=SC2086
		got=$(cd "$A" && drop $op)
		case "$got" in EACCES) ok "dropped privileges: $op -> EACCES" ;; *) not_ok "dropped privileges: $op -> EACCES" "$got" ;; esac
	done
	# and what it may reach still works, through /proc/self too
	got=$(drop open /proc/self/status)
	case "$got" in "OK Name:"*) ok "dropped privileges: /proc/self readable" ;; *) not_ok "dropped privileges: /proc/self readable" "$got" ;; esac
	# Another process's /proc/PID/fd and cwd follow the ptrace rules for
	# a process that changed its ids, as without syd; its own do not.
	# (its cwd: a directory anyone may search, inside root's 0700 one)
	echo g >"$A/rootdir/d/g"
	chmod 0755 "$A/rootdir/d"
	(cd "$A/rootdir/d" && exec sleep 30 7<"$A/rootdir/f") &
	sleeper=$!
	tap_alias /proc/SLEEPER/ "/proc/$sleeper/"
	for op in "open /proc/$sleeper/fd/7" "open /proc/$sleeper/cwd/g" "stat /proc/$sleeper/cwd"; do
		# shellcheck disable=SC2086
		got=$(SYD_LOG_FD=-1 "$SYD" $POLICY -m "allow/exec+/usr/bin/setpriv" \
			-m "allow/read,stat,walk,readlink+/proc/***" -- \
			setpriv --reuid=65534 --regid=65534 --clear-groups "$TRY" $op 2>&1)
		case "$got" in EACCES) ok "dropped privileges: $op -> EACCES" ;; *) not_ok "dropped privileges: $op -> EACCES" "$got" ;; esac
	done
	kill "$sleeper" 2>/dev/null
	wait "$sleeper" 2>/dev/null
	echo rel >"$A/rel"
	# shellcheck disable=SC2086
	got=$(cd "$A" && SYD_LOG_FD=-1 "$SYD" $POLICY -m "allow/exec+/usr/bin/setpriv" \
		-m "allow/read,stat,walk,readlink+/proc/***" -- \
		setpriv --reuid=65534 --regid=65534 --clear-groups "$TRY" open /proc/self/cwd/rel 2>&1)
	case "$got" in "OK rel") ok "dropped privileges: its own /proc/self/cwd" ;; *) not_ok "dropped privileges: its own /proc/self/cwd" "$got" ;; esac
	# A process in more groups than a page of /proc/PID/status holds:
	# creating files (which reads its umask), and its group rights after
	# dropping privileges under a root syd.
	groups=$(seq -s, 3000 3999)
	echo g >"$A/grouponly"
	chown 0:3500 "$A/grouponly"
	chmod 0640 "$A/grouponly"
	# shellcheck disable=SC2086
	got=$(setpriv --reuid=65534 --regid=65534 --groups="$groups" env SYD_LOG_FD=-1 \
		"$SYD" $POLICY -- "$TRY" open "$A/manygroups" creat,wronly 2>&1)
	case "$got" in OK*) ok "1000 groups: a file is created" ;; *) not_ok "1000 groups: a file is created" "$got" ;; esac
	# shellcheck disable=SC2086
	got=$(SYD_LOG_FD=-1 "$SYD" $POLICY -m "allow/exec+/usr/bin/setpriv" -- \
		setpriv --reuid=65534 --regid=65534 --groups="$groups" "$TRY" open "$A/grouponly" 2>&1)
	case "$got" in "OK g") ok "dropped privileges, 1000 groups: group rights apply" ;; *) not_ok "dropped privileges, 1000 groups: group rights apply" "$got" ;; esac
	# shellcheck disable=SC2086
	got=$(SYD_LOG_FD=-1 "$SYD" $POLICY -m "allow/exec+/usr/bin/setpriv" -- \
		setpriv --reuid=65534 --regid=65534 --groups=3000,3001 "$TRY" open "$A/grouponly" 2>&1)
	case "$got" in EACCES) ok "dropped privileges, other groups: no group rights" ;; *) not_ok "dropped privileges, other groups: no group rights" "$got" ;; esac
	# fd-based calls borrow the caller's fd: that takes syd's rights
	echo nb >"$A/nbf"
	chown 65534:65534 "$A/nbf"
	got=$(drop fchmod "$A/nbf" 600)
	case "$got" in OK*) ok "dropped privileges: fchmod of its own file" ;; *) not_ok "dropped privileges: fchmod of its own file" "$got" ;; esac
	got=$(drop ftruncate "$A/nbf" 100000)
	case "$got" in OK*) ok "dropped privileges: ftruncate grows its own file" ;; *) not_ok "dropped privileges: ftruncate grows its own file" "$got" ;; esac
	got=$(drop truncate "$A/nbf" 200000)
	case "$got" in OK*) ok "dropped privileges: truncate grows its own file" ;; *) not_ok "dropped privileges: truncate grows its own file" "$got" ;; esac
	got=$(drop ftruncate "$A/nbf" 0)
	case "$got" in OK*) ok "dropped privileges: ftruncate of its own file" ;; *) not_ok "dropped privileges: ftruncate of its own file" "$got" ;; esac
	got=$(drop openfd 99 x)
	case "$got" in EBADF) ok "dropped privileges: a bad dirfd is EBADF" ;; *) not_ok "dropped privileges: a bad dirfd is EBADF" "$got" ;; esac
	echo rel >"$A/rel"
	got=$(cd "$A" && drop open rel)
	case "$got" in "OK rel") ok "dropped privileges: relative open in its cwd" ;; *) not_ok "dropped privileges: relative open in its cwd" "$got" ;; esac
	# A set*id call naming only the ids the process already has changes
	# nothing (make makes them around every job); any other id does.
	want "OK top" ids -1,0,-1 open "$A/rootonly"
	want EACCES ids -1,65534,-1 open "$A/rootonly"
	want EACCES ids -1,0,-1 ids -1,65534,-1 open "$A/rootonly"
	want EACCES ids 65534,-1,-1 access "$A/rootonly" r
	want "OK top" ids 65534,-1,-1 open "$A/rootonly"
	# A process that dropped to 65534 in place (not dumpable now) still
	# opens its own /proc entries, as the kernel lets it, and no more
	want OK ids 65534,65534,65534 open /proc/self/maps
	want "OK pos:" ids 65534,65534,65534 open /proc/self/fdinfo/1
	same ids 65534,65534,65534 open /proc/self/environ
	same ids 65534,65534,65534 open /proc/self/mem
	# Root without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH cannot read
	# another user's 0600 file, and must not through syd either: dropped
	# from the effective set, or from the bounding set before an exec.
	echo theirs >"$A/nobodys"
	chown 65534:65534 "$A/nobodys"
	chmod 0600 "$A/nobodys"
	want "OK theirs" open "$A/nobodys"
	same nocaps open "$A/nobodys"
	want EACCES nocaps open "$A/nobodys"
	want EACCES nobset exec "$TRY" open "$A/nobodys"
	want EACCES nobsethi exec "$TRY" open "$A/nobodys"
	# A file mapped as root, in a directory only root may search: after
	# dropping to 65534, /proc/self/map_files would reach it, but the
	# kernel wants CAP_CHECKPOINT_RESTORE for that, which syd's thread
	# must not lend while it looks at the caller's own /proc entries.
	mkdir -p "$A/rootdir" && echo mapped >"$A/rootdir/f"
	chmod 0700 "$A/rootdir" && chmod 0644 "$A/rootdir/f"
	same map "$A/rootdir/f" ids 65534,65534,65534 open MAPPED
	want EPERM map "$A/rootdir/f" ids 65534,65534,65534 open MAPPED
	want "OK mapped" map "$A/rootdir/f" open MAPPED
	mkdir -p "$A/nbdir" && echo x >"$A/nbdir/f"
	chown -R 65534:65534 "$A/nbdir"
	chmod 0700 "$A/nbdir"
	same nocaps stat "$A/nbdir/f"
	want EACCES nobset exec "$TRY" stat "$A/nbdir/f"
	# access(2) checks a real uid 0 against the permitted set: still there
	same nocaps access "$A/nobodys" r
	want EACCES nobset exec "$TRY" access "$A/nobodys" r
else
	skip "dropped privileges" "needs root and setpriv"
fi

# A directory fd that is a root symlink itself (O_PATH|O_NOFOLLOW, made
# outside syd): a lookup from it does not follow it (ENOTDIR on a
# merged-/usr system), also once the link is known from paths through it.
if [ -L /bin ] && command -v python3 >/dev/null; then
	holdfd='import os, sys
os.dup2(os.open("/bin", os.O_PATH | os.O_NOFOLLOW), 9)
os.execvp(sys.argv[1], sys.argv[1:])'
	native=$(python3 -c "$holdfd" "$TRY" openfd 9 ls 2>&1)
	# shellcheck disable=SC2086
	got=$(SYD_NPROC=1 SYD_LOG_FD=-1 python3 -c "$holdfd" "$SYD" $POLICY -- \
		sh -c "$TRY stat /bin/ls >/dev/null; $TRY openfd 9 ls" 2>&1)
	if [ "$got" = "$native" ]; then
		ok "openat from a root symlink's own fd -> $native (as native)"
	else
		not_ok "openat from a root symlink's own fd -> $native (as native)" "native: $native" "syd: $got"
	fi
fi

# A relative name from a dirfd that is no open fd is EBADF, also on an
# emulator thread whose last lookup was a relative one: no name of that
# one is left over to be looked up (and changed) instead. One process and
# one emulator thread, so the same thread serves all the calls.
if command -v python3 >/dev/null; then
	badbase='import os
for call in (lambda d: os.stat("badbase", dir_fd=d),
             lambda d: os.chmod("badbase", 0o600 if d else 0o644, dir_fd=d)):
    call(None)
    try:
        call(900)
        print("OK")
    except OSError as e:
        print(os.strerror(e.errno))
print(oct(os.stat("badbase").st_mode & 0o777))'
	echo bad >"$A/badbase"
	chmod 644 "$A/badbase"
	native=$(cd "$A" && python3 -c "$badbase" 2>&1 | tr '\n' ' ')
	chmod 644 "$A/badbase"
	# -p nopie: the python3 in PATH may be Debian's, which is not PIE.
	got=$(cd "$A" && SYD_NPROC=1 SYD_LOG_FD=-1 "$SYD" -p linux -p nopie \
		-m "allow/all+/***" -- python3 -c "$badbase" 2>&1 | tr '\n' ' ')
	if [ "$got" = "$native" ]; then
		ok "stat and chmod from a bad dirfd after relative ones -> $native(as native)"
	else
		not_ok "stat and chmod from a bad dirfd after relative ones -> $native(as native)" "native: $native" "syd: $got"
	fi
fi

# Links in the root directory (merged /usr): a path through one is
# rewritten with the link's text as it is at that moment, also after the
# link was replaced by another (which may reuse its inode) or by a
# directory. One emulator thread, so the one that learned the link serves
# the calls after it.
if [ "$(id -u)" -eq 0 ] && [ -w / ]; then
	RL=/syd-test-rootlink.$$
	mkdir -p "$A/rl-a" "$A/rl-b"
	echo A >"$A/rl-a/f"
	echo B >"$A/rl-b/f"
	# rootlink NAME POLICY...: the link followed, replaced, made a directory
	rootlink() {
		name=$1
		shift
		ln -s "${A#/}/rl-a" "$RL"
		got=$(SYD_NPROC=1 SYD_LOG_FD=-1 "$SYD" "$@" -- sh -c "cat $RL/f;
			cat $RL/f; rm $RL; ln -s /$A/rl-b $RL; cat $RL/f;
			$TRY stat $RL/f; rm $RL; mkdir $RL; echo C >$RL/f;
			cat $RL/f" 2>&1)
		rm -rf "$RL"
		if [ "$got" = "A
A
B
OK 100644
C" ]; then
			ok "$name"
		else
			not_ok "$name" "$got"
		fi
	}
	# shellcheck disable=SC2086
	rootlink "a root link is followed as it is now, replaced or gone" \
		$POLICY -m "allow/all+$RL" -m "allow/all+$RL/***"
	# ...also where nothing is hidden, so no walk learns the link and
	# the one-openat2 lookups that met it do (resolve/rootlink.c)
	rootlink "a root link is followed as it is now, without hiding rules" \
		-p linux -m "allow/all+/***"
fi

# fd calls take the caller's fd through a pidfd syd keeps per thread id:
# a new process given the number of one that is gone (ns_last_pid) gets
# its own file, never the first one's. One emulator thread and no extras
# (SYD_NPROC_MAX=1), so that the second call meets the first one's cached
# pidfd: with another thread it would take the uncached way and prove
# nothing. Skipped when another process took the number first.
if [ "$(id -u)" -eq 0 ] && [ -w /proc/sys/kernel/ns_last_pid ]; then
	echo a >"$A/reuse-a"
	echo b >"$A/reuse-b"
	chmod 0644 "$A/reuse-a" "$A/reuse-b"
	# shellcheck disable=SC2086,SC2016
	got=$(SYD_NPROC=1 SYD_NPROC_MAX=1 SYD_LOG_FD=-1 "$SYD" $POLICY \
		-m "allow/read,write,truncate,stat+/proc/sys/kernel/ns_last_pid" -- sh -c '
		"$1" fchmod "$2" 640 & x=$!; wait $x
		echo $((x - 1)) >/proc/sys/kernel/ns_last_pid
		"$1" fchmod "$3" 600 & y=$!; wait $y
		[ "$x" = "$y" ] && echo reused' sh "$TRY" "$A/reuse-a" "$A/reuse-b" 2>&1)
	modes="$(stat -c %a "$A/reuse-a") $(stat -c %a "$A/reuse-b")"
	case "$got" in
	*reused*)
		if [ "$modes" = "640 600" ]; then
			ok "a reused process id reaches its own fd"
		else
			not_ok "a reused process id reaches its own fd" "$got" "modes: $modes"
		fi ;;
	*) skip "a reused process id reaches its own fd" "the number went elsewhere: $got" ;;
	esac
fi

# Each call in a fresh tree, natively and under syd, by relative names:
# the answer and the tree after it must be the native ones. A trailing
# "/" after a symlink (ld -> d, ldang -> nowhere) is where they parted:
# "rmdir ld/" removed d, "mkfifo new/" made new.
fresh_tree() {
	rm -rf "$1" && mkdir -p "$1/d" "$1/d2" && touch "$1/e" "$1/f" &&
		ln -s d "$1/ld" && ln -s nowhere "$1/ldang" &&
		chmod -R a+rwX "$1"
}
tree_state() {
	(cd "$1" && find . -printf '%p %y %l\n' | sort)
}
as_native() {
	fresh_tree "$A/tn" && fresh_tree "$A/ts" || {
		not_ok "$*: cannot make the trees"
		return
	}
	native=$(cd "$A/tn" && "$TRY" "$@" 2>&1)
	got=$(cd "$A/ts" && under "$@")
	name="$* -> $native, tree as native"
	if [ "$got" != "$native" ]; then
		not_ok "$name" "syd: $got"
	elif [ "$(tree_state "$A/tn")" != "$(tree_state "$A/ts")" ]; then
		not_ok "$name" "the tree natively: $(tree_state "$A/tn")" \
			"under syd: $(tree_state "$A/ts")"
	else
		ok "$name"
	fi
}
as_native rmdir ld/
as_native rmdir ldang/
as_native rmdir f/
as_native unlinkat ld/ removedir
as_native unlink ld/
as_native unlink ldang/
as_native unlink d/
as_native unlink f/
as_native unlink missing/
as_native rename ld/ x
as_native rename e ld/
as_native rename d ld/
as_native rename d new/
as_native rename f/ x
as_native renameat2 d ld/ exchange
as_native renameat2 ld/ d exchange
as_native renameat2 d f/ exchange
as_native renameat2 d2 d/ exchange
as_native renameat2 e f/ noreplace
as_native renameat2 e new/ noreplace
as_native mkdir ldang/
as_native mkdir ld/
as_native mkdir f/
as_native mkdir new/
as_native mknod ldang/ fifo
as_native mknod new/ fifo
as_native mknod f/ fifo
as_native symlink t ldang/
as_native symlink t new/
as_native link e ldang/
as_native link e new/
as_native link ld/ new
as_native open new/ creat,wronly
as_native open ld/ creat,rdonly
as_native open ldang/ creat,wronly
as_native open ldang creat,wronly
as_native open ldang/ rdonly
as_native readlink ld/
as_native chmod ld/ 700
as_native lstat ld/
# utimensat(2) with a NULL path: futimens() on an fd with no flag, EINVAL
# with one; EFAULT on AT_FDCWD (a path is read); only fstatat and statx
# read a NULL path as "" (since 6.11)
as_native utimensat-null cwd 0
as_native utimensat-null cwd nofollow
as_native utimensat-null cwd empty
as_native utimensat-null f 0
as_native utimensat-null f empty
as_native utimensat-null f nofollow
as_native nullpath-at f
# A name hidden below a trailing "/" is missing, as natively a missing one
for op in "mknod $A/.env/ fifo" "symlink x $A/.env/" "link $A/mine $A/.env/"; do
	# shellcheck disable=SC2086
	want ENOENT $op
done
want EISDIR open "$A/.env/" wronly,creat
want EACCES mkdir "$A/.env/"

# A created file takes the caller's umask: the one the sandbox started
# with, and after umask(2) the new one, in that process and the children
# it starts after (syd reads it from /proc once any process changed it);
# a process that did not change it keeps its own
umask_modes() {
	# shellcheck disable=SC2016
	(umask "$1" && SYD_LOG_FD=-1 "$SYD" -p linux -m "allow/all+$A/***" -- \
		sh -c '
		cd "$1" && rm -rf um && mkdir um && cd um
		: >before; mkdir dbefore; mkfifo pbefore
		sh -c ": >sibling" &
		wait
		umask 077
		: >after; mkdir dafter; mkfifo pafter
		sh -c ": >child"
		stat -c "%n %a" before dbefore pbefore sibling after dafter pafter child
		' sh "$A")
}
got=$(umask_modes 027 | tr '\n' ' ')
want_modes="before 640 dbefore 750 pbefore 640 sibling 640 after 600 dafter 700 pafter 600 child 600 "
if [ "$got" = "$want_modes" ]; then
	ok "created files take the caller's umask, before and after umask(2)"
else
	not_ok "created files take the caller's umask, before and after umask(2)" \
		"want: $want_modes" "got: $got"
fi
got=$(umask_modes 002 | tr '\n' ' ')
want_modes="before 664 dbefore 775 pbefore 664 sibling 664 after 600 dafter 700 pafter 600 child 600 "
if [ "$got" = "$want_modes" ]; then
	ok "...and with another starting umask"
else
	not_ok "...and with another starting umask" "want: $want_modes" "got: $got"
fi

# network: sockets of the families rules can name are made as without
# syd (connect, bind and sends are decided: t-net.sh); netlink families
# by net/link (none allowed here); raw and packet sockets and families no
# rule can name are refused, each with its opt-out.
want OK socket inet
want OK socket inet6
want OK socket unix
want EACCES socket netlink
got=$(SYD_LOG_FD=-1 "$SYD" $POLICY -m allow/net/link+route -- "$TRY" socket netlink)
case "$got" in OK*) ok "socket netlink with allow/net/link+route" ;; *) not_ok "socket netlink with allow/net/link+route" "$got" ;; esac
want EACCES socket packet
want EACCES socket 0x100000011
want EAFNOSUPPORT socket 99
got=$(SYD_LOG_FD=-1 "$SYD" $POLICY -m trace/allow_unsupp_socket:1 -- "$TRY" socket 99)
case "$got" in EAFNOSUPPORT*) ok "socket 99 with trace/allow_unsupp_socket:1: the kernel's answer" ;; *) not_ok "socket 99 with trace/allow_unsupp_socket:1" "$got" ;; esac
got=$(SYD_LOG_FD=-1 "$SYD" -p linux -m "allow/exec,read,stat+$TRY" -m sandbox/net:off -- "$TRY" socket packet)
case "$got" in EPERM* | OK*) ok "socket packet with sandbox/net:off: the kernel's answer" ;; *) not_ok "socket packet with sandbox/net:off" "$got" ;; esac
got=$(SYD_LOG_FD=2 "$SYD" -p linux -m "allow/exec,read,stat+$TRY" -- "$TRY" socket 99 2>&1)
contains "an unknown family is logged with its opt-out" "$got" "trace/allow_unsupp_socket:1"

tap_done
