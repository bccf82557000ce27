/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The /proc files whose text names paths (maps, mountinfo, net/unix...),
 * filtered line by line so that a name the sandbox hides does not show in
 * them. Pure: the text comes in, the filtered text goes out, and whether a
 * path is hidden is asked of the caller (syscalls/procview.c decides it as
 * a stat of it would be decided). Each name is read back from the kernel's
 * escaping first; a name that cannot be read for certain is hidden.
 */
#ifndef SYD_POLICY_PROCVIEW_H
#define SYD_POLICY_PROCVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

enum procview_kind {
	PROCVIEW_NONE = 0,
	PROCVIEW_MAPS, /* /proc/PID/maps: the path blanked, the line kept */
	PROCVIEW_SMAPS, /* the same, for each mapping's header line */
	PROCVIEW_NUMA_MAPS, /* its "file=PATH" left out */
	PROCVIEW_MOUNTINFO, /* the mount and the mounts on it dropped */
	PROCVIEW_MOUNTS, /* the mount dropped */
	PROCVIEW_MOUNTSTATS, /* the mount and its statistics dropped */
	PROCVIEW_UNIX, /* net/unix: the socket's path blanked */
	PROCVIEW_SWAPS, /* /proc/swaps: the swap file's line dropped */
};

/*
 * Is PATH (LEN bytes, NUL-terminated, absolute or, for net/unix, as a
 * socket was bound) hidden from the caller? CTX is the caller's.
 */
typedef bool procview_hidden_fn(void *ctx, const char *path, size_t len);

/*
 * The kind of the file NAME (what follows "/proc/PID/" or
 * "/proc/PID/task/TID/": "maps", "net/unix"), or for TOP (a file of /proc
 * itself: "swaps"). PROCVIEW_NONE for any other.
 */
enum procview_kind procview_kind(const char *name, bool top);

/*
 * Filter the LEN bytes of IN, the text of a file of KIND, into OUT (LEN
 * bytes at least: the result is never longer; OUT may be IN), asking
 * HIDDEN(CTX, ...) about each path it names. Returns the bytes written to
 * OUT, or -ENOMEM.
 */
ssize_t procview_filter(enum procview_kind kind, const char *in, size_t len,
			char *out, procview_hidden_fn *hidden, void *ctx);

#endif
