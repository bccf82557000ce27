/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The ioctl(2) request names of the policy language and syd's default
 * deny list. Pure data and a lookup: no system calls. Numbers come from
 * the kernel's own headers where they define them; those defined only
 * inside the kernel (ext4, XFS) are spelt out with the same _IO macros
 * and layouts, for x86_64.
 */
#include "policy/ioctl.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <linux/blkpg.h>
#include <linux/blkzoned.h>
#include <linux/blktrace_api.h>
#include <linux/btrfs.h>
#include <linux/dm-ioctl.h>
#include <linux/fs.h>
#include <linux/fscrypt.h>
#include <linux/fsverity.h>
#include <linux/hdreg.h>
#include <linux/kd.h>
#include <linux/loop.h>
#include <linux/nbd.h>
#include <linux/nvme_ioctl.h>
#include <linux/pr.h>
#include <linux/sockios.h>
#include <linux/vt.h>
#include <linux/cdrom.h>
#include <scsi/scsi_ioctl.h>
#include <scsi/sg.h>
#include <sys/ioctl.h>

#include "util.h"

/* Generic since 6.9 (FS_IOC_SHUTDOWN); ext4, XFS and f2fs had the number. */
#define SHUTDOWN_REQ _IOR('X', 125, uint32_t)

/* ext4's own, from fs/ext4/ext4.h (layouts as on x86_64). */
struct ext4_new_group_input_ {
	uint32_t group;
	uint64_t block_bitmap, inode_bitmap, inode_table;
	uint32_t blocks_count;
	uint16_t reserved_blocks, unused;
};
struct ext4_fsuuid_ {
	uint32_t len, flags;
};
#define EXT4_IOC_SETVERSION_   _IOW('f', 4, long)
#define EXT4_IOC_GROUP_EXTEND_ _IOW('f', 7, unsigned long)
#define EXT4_IOC_GROUP_ADD_    _IOW('f', 8, struct ext4_new_group_input_)
#define EXT4_IOC_RESIZE_FS_    _IOW('f', 16, uint64_t)
#define EXT4_IOC_SWAP_BOOT_    _IO('f', 17)
#define EXT4_IOC_SETFSUUID_    _IOW('f', 44, struct ext4_fsuuid_)
#define EXT4_IOC_CHECKPOINT_   _IOW('f', 43, uint32_t)
/* Linux 6.18: struct ext4_tune_sb_params, 232 bytes. */
#define EXT4_IOC_SET_TUNE_SB_PARAM_ _IOC(_IOC_WRITE, 'f', 46, 232)

/* XFS's file handle requests (fs/xfs/libxfs/xfs_fs.h). */
struct xfs_fsop_handlereq_ {
	uint32_t fd;
	void *path;
	uint32_t oflags;
	void *ihandle;
	uint32_t ihandlen;
	void *ohandle;
	uint32_t *ohandlen;
};
struct xfs_fsop_attrlist_handlereq_ {
	struct xfs_fsop_handlereq_ hreq;
	uint32_t pos[4];
	uint32_t flags, buflen;
	void *buffer;
};
struct xfs_fsop_attrmulti_handlereq_ {
	struct xfs_fsop_handlereq_ hreq;
	uint32_t opcount;
	void *ops;
};
#define XFS_HANDLE_REQ(n) _IOWR('X', n, struct xfs_fsop_handlereq_)

/* Rows grouped by what the requests do, several to a line. */
/* clang-format off */
#define ALLOW(name) { #name, (uint32_t)(name), false }
#define DENY(name) { #name, (uint32_t)(name), true }
#define DENY_AS(name, value) { name, (uint32_t)(value), true }

static const struct ioctl_req reqs[] = {
	/* Terminals: common requests, by name for ioctl rules. */
	ALLOW(TCGETS), ALLOW(TCSETS), ALLOW(TCSETSW), ALLOW(TCSETSF),
	ALLOW(TIOCSCTTY), ALLOW(TIOCGPGRP), ALLOW(TIOCSPGRP), ALLOW(TIOCOUTQ),
	ALLOW(TIOCGWINSZ), ALLOW(TIOCSWINSZ), ALLOW(FIONREAD), ALLOW(FIONBIO),
	ALLOW(TIOCNOTTY), ALLOW(TIOCGETD), ALLOW(FIONCLEX), ALLOW(FIOCLEX),
	ALLOW(FIOASYNC), ALLOW(TIOCGPTN), ALLOW(TIOCSPTLCK), ALLOW(TIOCGPTPEER),
	ALLOW(FS_IOC_GETFLAGS), ALLOW(FS_IOC_SETFLAGS), ALLOW(FICLONE),
	/*
	 * Input for the shell the sandbox shares its terminal with (TIOCSTI
	 * pushes characters it reads after syd exits; TIOCLINUX pastes the
	 * console selection), the console's messages redirected, a line
	 * discipline attached (kernel code no terminal needs), the console
	 * keymap or a function key's string rewritten for whoever types next.
	 */
	DENY(TIOCSTI), DENY(TIOCLINUX), DENY(TIOCCONS), DENY(TIOCSETD),
	DENY(KDSKBENT), DENY(KDSKBSENT), DENY(KDSETKEYCODE), DENY(KDSIGACCEPT),
	/*
	 * The console itself: keyboard mode (raw: keystrokes no longer reach
	 * the other consoles' programs), text or graphics mode, fonts and
	 * colour maps, switching and giving up virtual terminals, and a
	 * hang-up of the terminal the invoker's shell shares.
	 */
	DENY(KDSKBMODE), DENY(KDSETMODE), DENY(KDSKBMETA), DENY(KDFONTOP),
	DENY(PIO_FONT), DENY(PIO_FONTX), DENY(PIO_CMAP), DENY(PIO_SCRNMAP),
	DENY(PIO_UNISCRNMAP), DENY(PIO_UNIMAP), DENY(PIO_UNIMAPCLR),
	DENY(VT_ACTIVATE), DENY(VT_SETMODE), DENY(VT_RELDISP),
	DENY(VT_DISALLOCATE), DENY(VT_RESIZE), DENY(VT_RESIZEX),
	DENY(VT_LOCKSWITCH), DENY(TIOCVHANGUP),
	/*
	 * Loop devices: new /dev/loopN nodes (LOOP_CTL_GET_FREE adds one when
	 * none is free), files attached as block devices, their settings.
	 */
	DENY(LOOP_CTL_ADD), DENY(LOOP_CTL_REMOVE), DENY(LOOP_CTL_GET_FREE),
	DENY(LOOP_SET_FD), DENY(LOOP_CLR_FD), DENY(LOOP_SET_STATUS),
	DENY(LOOP_SET_STATUS64), DENY(LOOP_CHANGE_FD), DENY(LOOP_SET_CAPACITY),
	DENY(LOOP_SET_DIRECT_IO), DENY(LOOP_SET_BLOCK_SIZE),
	DENY(LOOP_CONFIGURE),
	/*
	 * Block devices: partition tables re-read or edited (on a read-only
	 * fd), the device made read-only, its caches, block size and
	 * read-ahead, data discarded or zeroed, zones reset, I/O traced.
	 */
	DENY(BLKROSET), DENY(BLKRRPART), DENY(BLKPG), DENY(BLKFLSBUF),
	DENY(BLKRASET), DENY(BLKFRASET), DENY(BLKBSZSET), DENY(BLKDISCARD),
	DENY(BLKSECDISCARD), DENY(BLKZEROOUT), DENY(BLKRESETZONE),
	DENY(BLKOPENZONE), DENY(BLKCLOSEZONE), DENY(BLKFINISHZONE),
	DENY(BLKTRACESETUP), DENY(BLKTRACESTART), DENY(BLKTRACESTOP),
	DENY(BLKTRACETEARDOWN),
	/*
	 * Commands passed to the disk as they are: with CAP_SYS_RAWIO a
	 * device open for reading takes writes this way.
	 */
	DENY(SG_IO), DENY(NVME_IOCTL_ADMIN_CMD), DENY(NVME_IOCTL_SUBMIT_IO),
	DENY(NVME_IOCTL_IO_CMD), DENY(NVME_IOCTL_RESET),
	DENY(NVME_IOCTL_SUBSYS_RESET), DENY(NVME_IOCTL_RESCAN),
	DENY(NVME_IOCTL_ADMIN64_CMD), DENY(NVME_IOCTL_IO64_CMD),
	DENY(HDIO_DRIVE_CMD), DENY(HDIO_DRIVE_TASK), DENY(HDIO_DRIVE_TASKFILE),
	/* SCSI_IOCTL_SEND_COMMAND is 1, FIBMAP's number too: refused as that. */
	DENY(CDROM_SEND_PACKET),
	/* Persistent reservations: other hosts locked out of a shared disk. */
	DENY(IOC_PR_REGISTER), DENY(IOC_PR_RESERVE), DENY(IOC_PR_RELEASE),
	DENY(IOC_PR_PREEMPT), DENY(IOC_PR_PREEMPT_ABORT), DENY(IOC_PR_CLEAR),
	/* Device-mapper and network block devices: new block devices. */
	DENY(DM_REMOVE_ALL), DENY(DM_DEV_CREATE), DENY(DM_DEV_REMOVE),
	DENY(DM_DEV_RENAME), DENY(DM_DEV_SUSPEND), DENY(DM_TABLE_LOAD),
	DENY(DM_TABLE_CLEAR), DENY(DM_TARGET_MSG), DENY(DM_DEV_SET_GEOMETRY),
	DENY(NBD_SET_SOCK), DENY(NBD_DO_IT), DENY(NBD_CLEAR_SOCK),
	DENY(NBD_CLEAR_QUE), DENY(NBD_DISCONNECT),
	/*
	 * File systems, through any fd on them (a directory opened for
	 * reading will do): frozen, shut down, relabelled, given a new UUID,
	 * resized, a boot loader inode swapped in; a file's block map read
	 * for raw device access; on a read-only fd, a file's generation set,
	 * fs-verity sealed on it or an encryption policy put on a directory,
	 * none of them a write syd decided.
	 */
	DENY(FIFREEZE), DENY(FITHAW), DENY_AS("FS_IOC_SHUTDOWN", SHUTDOWN_REQ),
	DENY(FS_IOC_SETFSLABEL), DENY(FITRIM),
	DENY_AS("EXT4_IOC_CHECKPOINT", EXT4_IOC_CHECKPOINT_),
	DENY_AS("EXT4_IOC_SET_TUNE_SB_PARAM", EXT4_IOC_SET_TUNE_SB_PARAM_),
	DENY_AS("EXT4_IOC_SETFSUUID", EXT4_IOC_SETFSUUID_),
	DENY_AS("EXT4_IOC_RESIZE_FS", EXT4_IOC_RESIZE_FS_),
	DENY_AS("EXT4_IOC_GROUP_EXTEND", EXT4_IOC_GROUP_EXTEND_),
	DENY_AS("EXT4_IOC_GROUP_ADD", EXT4_IOC_GROUP_ADD_),
	DENY_AS("EXT4_IOC_SWAP_BOOT", EXT4_IOC_SWAP_BOOT_), DENY(FIBMAP),
	DENY(FS_IOC_SETVERSION),
	DENY_AS("EXT4_IOC_SETVERSION", EXT4_IOC_SETVERSION_),
	DENY(FS_IOC_ENABLE_VERITY), DENY(FS_IOC_SET_ENCRYPTION_POLICY),
	DENY(FS_IOC_ADD_ENCRYPTION_KEY), DENY(FS_IOC_REMOVE_ENCRYPTION_KEY),
	DENY(FS_IOC_REMOVE_ENCRYPTION_KEY_ALL_USERS),
	/*
	 * XFS file handles: an inode opened, its link read or its attributes
	 * listed and set by handle, past every path (open_by_handle_at is
	 * refused in the filter for the same reason).
	 */
	DENY_AS("XFS_IOC_PATH_TO_FSHANDLE", XFS_HANDLE_REQ(104)),
	DENY_AS("XFS_IOC_PATH_TO_HANDLE", XFS_HANDLE_REQ(105)),
	DENY_AS("XFS_IOC_FD_TO_HANDLE", XFS_HANDLE_REQ(106)),
	DENY_AS("XFS_IOC_OPEN_BY_HANDLE", XFS_HANDLE_REQ(107)),
	DENY_AS("XFS_IOC_READLINK_BY_HANDLE", XFS_HANDLE_REQ(108)),
	DENY_AS("XFS_IOC_ATTRLIST_BY_HANDLE",
		_IOW('X', 122, struct xfs_fsop_attrlist_handlereq_)),
	DENY_AS("XFS_IOC_ATTRMULTI_BY_HANDLE",
		_IOW('X', 123, struct xfs_fsop_attrmulti_handlereq_)),
	/*
	 * btrfs: subvolumes and snapshots made or removed under a directory
	 * fd (a snapshot is a second name for every file in the tree, made
	 * with no create or read decision), the tree searched and inodes
	 * named or sent whole past the walk and stat checks, devices added,
	 * removed and replaced, the file system resized, balanced, scrubbed
	 * and its quotas and features changed.
	 */
	DENY(BTRFS_IOC_SNAP_CREATE), DENY(BTRFS_IOC_SNAP_CREATE_V2),
	DENY(BTRFS_IOC_SUBVOL_CREATE), DENY(BTRFS_IOC_SUBVOL_CREATE_V2),
	DENY(BTRFS_IOC_SNAP_DESTROY), DENY(BTRFS_IOC_SNAP_DESTROY_V2),
	DENY(BTRFS_IOC_SUBVOL_SETFLAGS), DENY(BTRFS_IOC_DEFAULT_SUBVOL),
	DENY(BTRFS_IOC_SET_RECEIVED_SUBVOL), DENY(BTRFS_IOC_SEND),
	DENY(BTRFS_IOC_TREE_SEARCH), DENY(BTRFS_IOC_TREE_SEARCH_V2),
	DENY(BTRFS_IOC_INO_LOOKUP), DENY(BTRFS_IOC_INO_PATHS),
	DENY(BTRFS_IOC_LOGICAL_INO), DENY(BTRFS_IOC_LOGICAL_INO_V2),
	DENY(BTRFS_IOC_RESIZE), DENY(BTRFS_IOC_ADD_DEV), DENY(BTRFS_IOC_RM_DEV),
	DENY(BTRFS_IOC_RM_DEV_V2), DENY(BTRFS_IOC_SCAN_DEV),
	DENY(BTRFS_IOC_FORGET_DEV), DENY(BTRFS_IOC_DEV_REPLACE),
	DENY(BTRFS_IOC_BALANCE_V2), DENY(BTRFS_IOC_BALANCE_CTL),
	DENY(BTRFS_IOC_SCRUB), DENY(BTRFS_IOC_QUOTA_CTL),
	DENY(BTRFS_IOC_QGROUP_ASSIGN), DENY(BTRFS_IOC_QGROUP_CREATE),
	DENY(BTRFS_IOC_QGROUP_LIMIT), DENY(BTRFS_IOC_SET_FEATURES),
	/*
	 * Network interfaces, routes and neighbour tables set through any
	 * socket (an AF_UNIX one will do: the kernel falls back to these for
	 * every family), with CAP_NET_ADMIN: the host's network, outside the
	 * sandbox. Reading them (SIOCGIF*) stays allowed.
	 */
	DENY(SIOCSIFFLAGS), DENY(SIOCSIFADDR), DENY(SIOCDIFADDR),
	DENY(SIOCSIFDSTADDR), DENY(SIOCSIFBRDADDR), DENY(SIOCSIFNETMASK),
	DENY(SIOCSIFMETRIC), DENY(SIOCSIFMTU), DENY(SIOCSIFHWADDR),
	DENY(SIOCSIFHWBROADCAST), DENY(SIOCSIFNAME), DENY(SIOCSIFMAP),
	DENY(SIOCSIFTXQLEN), DENY(SIOCSIFLINK), DENY(SIOCSIFPFLAGS),
	DENY(SIOCADDMULTI), DENY(SIOCDELMULTI), DENY(SIOCADDRT),
	DENY(SIOCDELRT), DENY(SIOCSARP), DENY(SIOCDARP), DENY(SIOCSRARP),
	DENY(SIOCDRARP), DENY(SIOCBRADDBR), DENY(SIOCBRDELBR),
	DENY(SIOCBRADDIF), DENY(SIOCBRDELIF), DENY(SIOCSHWTSTAMP),
	DENY(SIOCETHTOOL), DENY(SIOCSMIIREG), DENY(SIOCBONDENSLAVE),
	DENY(SIOCBONDRELEASE), DENY(SIOCBONDSETHWADDR),
	DENY(SIOCBONDCHANGEACTIVE), DENY(SIOCWANDEV),
	{ NULL, 0, false },
};
/* clang-format on */

const struct ioctl_req *ioctl_reqs(void)
{
	return reqs;
}

int ioctl_parse(const char *s, uint64_t *out)
{
	uint32_t req;

	for (const struct ioctl_req *r = reqs; r->name; r++) {
		if (!strcmp(r->name, s)) {
			*out = r->req;
			return 0;
		}
	}
	if (ioctl_kernel_name(s, &req) == 0) {
		*out = req;
		return 0;
	}
	return parse_u64(s, 0, UINT32_MAX, out);
}

const char *ioctl_name(uint32_t req)
{
	for (const struct ioctl_req *r = reqs; r->name; r++)
		if (r->req == req)
			return r->name;
	return NULL;
}
