/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ioctl(2) requests by name, and the requests syd refuses by default:
 * those that change kernel state outside the sandbox (terminal input,
 * loop, device-mapper and network block devices, partition tables, file
 * system freeze, shutdown, label, resize and snapshots) or reach data
 * past the checks every path gets (raw SCSI, NVMe and ATA commands, XFS
 * file handles, btrfs tree searches). Pure: no system calls. Request
 * numbers are those of x86_64; the kernel reads a request as 32 bits.
 */
#ifndef SYD_POLICY_IOCTL_H
#define SYD_POLICY_IOCTL_H

#include <stdbool.h>
#include <stdint.h>

struct ioctl_req {
	const char *name;
	uint32_t req;
	bool deny; /* refused unless ioctl/allow names it */
};

/* The table of known requests, ending with a row whose name is NULL. */
const struct ioctl_req *ioctl_reqs(void);

/*
 * A request by NAME ("LOOP_CTL_ADD": the policy table's, then the kernel
 * headers') or number (decimal, 0x hex, 0 octal; at most 32 bits) into
 * *OUT. Returns 0, -EINVAL (neither a known name nor a number) or -ERANGE
 * (a number past 32 bits).
 */
int ioctl_parse(const char *s, uint64_t *out);

/*
 * A request by its name in the kernel's UAPI headers (ioctl_names.c, all
 * of them, not only the policy table's) into *OUT: 0 or -ENOENT.
 */
int ioctl_kernel_name(const char *s, uint32_t *out);

/* The name of request REQ, or NULL when the table has none. */
const char *ioctl_name(uint32_t req);

#endif
