/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Filtering the /proc files that name paths (policy/procview.c), case by
 * case from a table: each format with a hidden name, escaped names, the
 * " (deleted)" tail, long lines, a last line without its newline.
 */
#include "harness.h"

#include <stdlib.h>

#include "policy/procview.h"

/*
 * What the cases hide: /h and everything under it, the exact names
 * "/pub/a\nb", "/pub/del", "/pub/x y", "/pub/bs\\012" (a backslash, then
 * "012"), any name longer than 3000 bytes, and any name not absolute
 * (as syscalls/procview.c decides a relative socket name).
 */
static bool hidden(void *ctx, const char *path, size_t len)
{
	static const char *const exact[] = { "/pub/a\nb", "/pub/del",
					     "/pub/x y", "/pub/bs\\012" };
	int *calls = ctx;

	(*calls)++;
	EXPECT_EQ(strlen(path), len);
	if (path[0] != '/' || len > 3000)
		return true;
	if (!strncmp(path, "/h", 2) && (path[2] == '/' || path[2] == '\0'))
		return true;
	for (size_t i = 0; i < sizeof(exact) / sizeof(exact[0]); i++)
		if (!strcmp(path, exact[i]))
			return true;
	return false;
}

struct pv_case {
	const char *name;
	enum procview_kind kind;
	const char *in, *want;
};

#define MAP "7f00-7f10 r--p 00000000 08:01 1234"
#define PAD "                       "

static const struct pv_case cases[] = {
	{ "maps: a hidden path is blanked, the line kept", PROCVIEW_MAPS,
	  MAP " " PAD "/h/lib.so\n" MAP " " PAD "/pub/ok\n"
	      "7f20-7f30 rw-p 00000000 00:00 0 " PAD "[heap]\n"
	      "7f40-7f50 rw-p 00000000 00:00 0 \n",
	  MAP " \n" MAP " " PAD "/pub/ok\n"
	      "7f20-7f30 rw-p 00000000 00:00 0 " PAD "[heap]\n"
	      "7f40-7f50 rw-p 00000000 00:00 0 \n" },
	{ "maps: a newline printed as \\012 is read back", PROCVIEW_MAPS,
	  MAP " " PAD "/pub/a\\012b\n" MAP " " PAD "/pub/a\\012c\n",
	  MAP " \n" MAP " " PAD "/pub/a\\012c\n" },
	{ "maps: \\012 may be the name's own text (backslash not escaped)",
	  PROCVIEW_MAPS, MAP " " PAD "/pub/bs\\012\n", MAP " \n" },
	{ "maps: \" (deleted)\" is cut off before deciding", PROCVIEW_MAPS,
	  MAP " " PAD "/pub/del (deleted)\n" MAP " " PAD "/pub/ok (deleted)\n",
	  MAP " \n" MAP " " PAD "/pub/ok (deleted)\n" },
	{ "maps: a last line without its newline", PROCVIEW_MAPS,
	  MAP " " PAD "/pub/ok\n" MAP " " PAD "/h/x",
	  MAP " " PAD "/pub/ok\n" MAP " " },
	{ "maps: an empty file stays empty", PROCVIEW_MAPS, "", "" },
	{ "smaps: header lines blanked, the counters kept", PROCVIEW_SMAPS,
	  MAP " " PAD "/h/x\nSize:                  4 kB\nVmFlags: rd mr\n" MAP
	      " " PAD "/pub/ok\nSize:                  8 kB\n",
	  MAP " \nSize:                  4 kB\nVmFlags: rd mr\n" MAP " " PAD
	      "/pub/ok\nSize:                  8 kB\n" },
	{ "numa_maps: the file= field of a hidden path left out",
	  PROCVIEW_NUMA_MAPS,
	  "7f00 default file=/h/lib.so mapped=2 N0=2 kernelpagesize_kB=4\n"
	  "7f10 default file=/pub/x\\040y mapped=1\n"
	  "7f20 default file=/pub/ok mapped=1\n"
	  "7f30 default heap anon=1 dirty=1\n",
	  "7f00 default mapped=2 N0=2 kernelpagesize_kB=4\n"
	  "7f10 default mapped=1\n"
	  "7f20 default file=/pub/ok mapped=1\n"
	  "7f30 default heap anon=1 dirty=1\n" },
	{ "mountinfo: a hidden mount point, the mounts on it, a bind of a "
	  "hidden directory and the mounts on that dropped",
	  PROCVIEW_MOUNTINFO,
	  "1 0 8:1 / / rw - ext4 /dev/sda1 rw\n"
	  "2 1 0:5 / /proc rw - proc proc rw\n"
	  "3 1 0:6 / /h/mnt rw - tmpfs tmpfs rw\n"
	  "4 3 0:7 / /h/mnt/sub rw - tmpfs tmpfs rw\n"
	  "5 1 8:1 /h/dir /pub/bind rw - ext4 /dev/sda1 rw\n"
	  "6 5 0:8 / /pub/bind/in rw - tmpfs tmpfs rw\n"
	  "7 1 8:1 /pub/dir /pub/ok rw - ext4 /dev/sda1 rw\n"
	  "8 1 0:9 / /pub/x\\040y rw - tmpfs tmpfs rw\n"
	  "9 1 0:10 / /pub/x\\040z rw - tmpfs tmpfs rw\n",
	  "1 0 8:1 / / rw - ext4 /dev/sda1 rw\n"
	  "2 1 0:5 / /proc rw - proc proc rw\n"
	  "7 1 8:1 /pub/dir /pub/ok rw - ext4 /dev/sda1 rw\n"
	  "9 1 0:10 / /pub/x\\040z rw - tmpfs tmpfs rw\n" },
	{ "mountinfo: a bind from a file system mounted elsewhere",
	  PROCVIEW_MOUNTINFO,
	  "1 0 8:1 / / rw - ext4 /dev/sda1 rw\n"
	  "2 1 8:2 / /h rw - ext4 /dev/sda2 rw\n"
	  "3 1 8:2 /a /pub/a rw - ext4 /dev/sda2 rw\n"
	  "4 1 8:3 /h /pub/b rw - ext4 /dev/sda3 rw\n",
	  "1 0 8:1 / / rw - ext4 /dev/sda1 rw\n"
	  "4 1 8:3 /h /pub/b rw - ext4 /dev/sda3 rw\n" },
	{ "mountinfo: a line that does not read as a mount is dropped",
	  PROCVIEW_MOUNTINFO, "1 0 8:1 / / rw - ext4 /dev/sda1 rw\ngarbage\n",
	  "1 0 8:1 / / rw - ext4 /dev/sda1 rw\n" },
	{ "mounts: a hidden mount point, escaped or not, dropped",
	  PROCVIEW_MOUNTS,
	  "/dev/sda1 / ext4 rw 0 0\ntmpfs /h/mnt tmpfs rw 0 0\n"
	  "tmpfs /pub/x\\040y tmpfs rw 0 0\ntmpfs /pub/ok tmpfs rw 0 0",
	  "/dev/sda1 / ext4 rw 0 0\ntmpfs /pub/ok tmpfs rw 0 0" },
	{ "mountstats: a hidden mount dropped with its statistics, a line "
	  "that does not read as a mount too",
	  PROCVIEW_MOUNTSTATS,
	  "device /dev/sda1 mounted on / with fstype ext4\n"
	  "device srv:/e mounted on /h/nfs with fstype nfs4 statvers=1.1\n"
	  "\topts:\trw\n\n\tage:\t5\n"
	  "device tmpfs mounted on /pub with fstype tmpfs\n"
	  "device x mounted at /pub with fstype tmpfs\n",
	  "device /dev/sda1 mounted on / with fstype ext4\n"
	  "device tmpfs mounted on /pub with fstype tmpfs\n" },
	{ "net/unix: hidden and relative paths blanked, abstract names kept",
	  PROCVIEW_UNIX,
	  "Num       RefCount Protocol Flags    Type St Inode Path\n"
	  "0000000000000000: 00000002 00000000 00010000 0001 01 11 /h/sock\n"
	  "0000000000000000: 00000002 00000000 00010000 0001 01 12 @abs/h\n"
	  "0000000000000000: 00000002 00000000 00010000 0001 01 13 rel/s\n"
	  "0000000000000000: 00000003 00000000 00000000 0001 03    14\n"
	  "0000000000000000: 00000002 00000000 00010000 0001 01 15 /pub/s\n",
	  "Num       RefCount Protocol Flags    Type St Inode Path\n"
	  "0000000000000000: 00000002 00000000 00010000 0001 01 11\n"
	  "0000000000000000: 00000002 00000000 00010000 0001 01 12 @abs/h\n"
	  "0000000000000000: 00000002 00000000 00010000 0001 01 13\n"
	  "0000000000000000: 00000003 00000000 00000000 0001 03    14\n"
	  "0000000000000000: 00000002 00000000 00010000 0001 01 15 /pub/s\n" },
	{ "net/unix: a name with a newline, printed raw, is one name",
	  PROCVIEW_UNIX,
	  "Num       RefCount Protocol Flags    Type St Inode Path\n"
	  "0000000000000000: 00000002 00000000 00010000 0001 01 11 /pub/a\nb\n"
	  "0000000000000000: 00000002 00000000 00010000 0001 01 12 /pub/a\nc\n",
	  "Num       RefCount Protocol Flags    Type St Inode Path\n"
	  "0000000000000000: 00000002 00000000 00010000 0001 01 11\n"
	  "0000000000000000: 00000002 00000000 00010000 0001 01 12 "
	  "/pub/a\nc\n" },
	{ "swaps: a hidden swap file's line dropped", PROCVIEW_SWAPS,
	  "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n"
	  "/h/swapfile                             file\t\t1024\t\t0\t\t-2\n"
	  "/pub/x\\040y file\t\t1024\t\t0\t\t-3\n"
	  "/pub/swap                               file\t\t1024\t\t0\t\t-4\n",
	  "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n"
	  "/pub/swap                               file\t\t1024\t\t0\t\t-4\n" },
};

static char *run(enum procview_kind kind, const char *in, size_t len,
		 int *calls)
{
	char *out = malloc(len + 1);
	ssize_t n;

	if (!out)
		return NULL;
	n = procview_filter(kind, in, len, out, hidden, calls);
	EXPECT_LE(0, n);
	EXPECT_LE(n, (ssize_t)len);
	out[n < 0 ? 0 : n] = '\0';
	return out;
}

TEST(procview_cases)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct pv_case *c = &cases[i];
		int calls = 0;
		char *out = run(c->kind, c->in, strlen(c->in), &calls);
		char *copy = strdup(c->in);

		harness_diag("%s", c->name);
		ASSERT_TRUE(out && copy);
		EXPECT_STREQ(c->want, out);
		/* In place, as syscalls/procview.c filters. */
		{
			ssize_t n = procview_filter(c->kind, copy, strlen(copy),
						    copy, hidden, &calls);

			ASSERT_TRUE(n >= 0);
			copy[n] = '\0';
			EXPECT_STREQ(c->want, copy);
		}
		free(out);
		free(copy);
	}
}

/* A line longer than any buffer of the filter: decided, not cut. */
TEST(procview_long_lines)
{
	size_t plen = 5000;
	char *in = malloc(plen + 3000), *p = in;
	char *out;
	int calls = 0;

	ASSERT_TRUE(in);
	p += sprintf(p, "%s /pub/", MAP);
	memset(p, 'a', 2500); /* shown: under 3000 bytes */
	p += 2500;
	p += sprintf(p, "\n%s /pub/", MAP);
	memset(p, 'b', plen); /* too long to read back: hidden */
	p += plen;
	*p++ = '\n';
	*p = '\0';
	out = run(PROCVIEW_MAPS, in, strlen(in), &calls);
	ASSERT_TRUE(out);
	EXPECT_EQ(strlen(MAP) + 2507 + strlen(MAP) + 2, strlen(out));
	EXPECT_TRUE(strstr(out, "bbbb") == NULL);
	EXPECT_TRUE(strstr(out, "aaaa") != NULL);
	free(out);
	free(in);
}

/* Nothing hidden: every format comes out as it went in. */
static bool none(void *ctx, const char *path, size_t len)
{
	(void)ctx;
	(void)path;
	(void)len;
	return false;
}

TEST(procview_nothing_hidden_changes_nothing)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct pv_case *c = &cases[i];
		size_t len = strlen(c->in);
		char *out = malloc(len + 1);
		ssize_t n;

		/* a line that does not read as it should is dropped */
		if (strstr(c->name, "does not read")) {
			free(out);
			continue;
		}
		ASSERT_TRUE(out);
		n = procview_filter(c->kind, c->in, len, out, none, NULL);
		EXPECT_EQ((ssize_t)len, n);
		EXPECT_EQ(0, memcmp(c->in, out, len));
		free(out);
	}
}

TEST(procview_kinds)
{
	EXPECT_EQ(PROCVIEW_MAPS, procview_kind("maps", false));
	EXPECT_EQ(PROCVIEW_SMAPS, procview_kind("smaps", false));
	EXPECT_EQ(PROCVIEW_NUMA_MAPS, procview_kind("numa_maps", false));
	EXPECT_EQ(PROCVIEW_MOUNTINFO, procview_kind("mountinfo", false));
	EXPECT_EQ(PROCVIEW_MOUNTS, procview_kind("mounts", false));
	EXPECT_EQ(PROCVIEW_MOUNTSTATS, procview_kind("mountstats", false));
	EXPECT_EQ(PROCVIEW_UNIX, procview_kind("net/unix", false));
	EXPECT_EQ(PROCVIEW_SWAPS, procview_kind("swaps", true));
	EXPECT_EQ(PROCVIEW_NONE, procview_kind("swaps", false));
	EXPECT_EQ(PROCVIEW_NONE, procview_kind("maps", true));
	EXPECT_EQ(PROCVIEW_NONE, procview_kind("smaps_rollup", false));
	EXPECT_EQ(PROCVIEW_NONE, procview_kind("net/tcp", false));
	EXPECT_EQ(PROCVIEW_NONE, procview_kind("status", false));
}
