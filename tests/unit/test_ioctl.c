/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The ioctl request table: one row per name and per number (a request
 * under two names would be allowed by one and denied by the other), the
 * numbers of the kernel's ABI, and names read back as numbers.
 */
#include "harness.h"

#include "policy/ioctl.h"
#include "util.h"

TEST(names_and_numbers_are_unique)
{
	for (const struct ioctl_req *a = ioctl_reqs(); a->name; a++) {
		for (const struct ioctl_req *b = a + 1; b->name; b++) {
			EXPECT_TRUE(strcmp(a->name, b->name) != 0);
			EXPECT_TRUE(a->req != b->req);
		}
	}
}

TEST(numbers_are_the_kernels)
{
	/* From strace's tables and the kernel headers, for x86_64. */
	static const struct {
		const char *name;
		uint32_t req;
		bool deny;
	} known[] = {
		{ "TIOCSTI", 0x5412, true },
		{ "TIOCLINUX", 0x541c, true },
		{ "TCGETS", 0x5401, false },
		{ "LOOP_CTL_ADD", 0x4c80, true },
		{ "LOOP_CTL_GET_FREE", 0x4c82, true },
		{ "LOOP_CONFIGURE", 0x4c0a, true },
		{ "BLKRRPART", 0x125f, true },
		{ "BLKDISCARD", 0x1277, true },
		{ "FIFREEZE", 0xc0045877, true },
		{ "FITHAW", 0xc0045878, true },
		{ "FS_IOC_SHUTDOWN", 0x8004587d, true },
		{ "FS_IOC_SETFSLABEL", 0x41009432, true },
		{ "EXT4_IOC_RESIZE_FS", 0x40086610, true },
		{ "XFS_IOC_OPEN_BY_HANDLE", 0xc038586b, true },
		{ "SG_IO", 0x2285, true },
		{ "DM_DEV_CREATE", 0xc138fd03, true },
		{ "FICLONE", 0x40049409, false },
	};

	for (size_t i = 0; i < ARRAY_SIZE(known); i++) {
		uint64_t v = 0;
		const struct ioctl_req *r;

		ASSERT_EQ(0, ioctl_parse(known[i].name, &v));
		EXPECT_EQ((long)known[i].req, (long)v);
		EXPECT_STREQ(known[i].name, ioctl_name(known[i].req));
		for (r = ioctl_reqs(); r->name; r++)
			if (r->req == known[i].req)
				break;
		ASSERT_TRUE(r->name != NULL);
		EXPECT_EQ(known[i].deny, r->deny);
	}
}

TEST(numbers_parse_and_stay_32_bits)
{
	uint64_t v = 0;

	EXPECT_EQ(0, ioctl_parse("0x4c80", &v));
	EXPECT_EQ(0x4c80, (long)v);
	EXPECT_EQ(0, ioctl_parse("21505", &v));
	EXPECT_EQ(0x5401, (long)v);
	EXPECT_EQ(-ERANGE, ioctl_parse("0x100000000", &v));
	EXPECT_EQ(-EINVAL, ioctl_parse("NO_SUCH_IOCTL", &v));
	EXPECT_EQ(-EINVAL, ioctl_parse("", &v));
	EXPECT_TRUE(ioctl_name(0x12345678) == NULL);
}

/*
 * Names only the kernel headers' table (ioctl_names.inc) has, compared
 * with the headers this test is compiled against: a regenerated table
 * that lost its order (bsearch) or a value would fail here.
 */
#include <sys/ioctl.h>
#include <linux/kvm.h>
#include <linux/sockios.h>
#include <linux/random.h>

TEST(kernel_header_names)
{
	static const struct {
		const char *name;
		uint32_t req;
	} known[] = {
		{ "TCGETS2", 0x802c542au }, /* x86_64: struct termios2 */
		{ "TIOCGWINSZ", (uint32_t)TIOCGWINSZ },
		{ "KVM_RUN", (uint32_t)KVM_RUN },
		{ "KVM_GET_API_VERSION", (uint32_t)KVM_GET_API_VERSION },
		{ "SIOCGIFNAME", (uint32_t)SIOCGIFNAME },
		{ "RNDGETENTCNT", (uint32_t)RNDGETENTCNT },
		/* First and last rows of the table, for the binary search. */
		{ "ACRN_IOCTL_ASSIGN_MMIODEV", 0x4068a257u },
		{ "XSDFEC_STOP_DEV", 0x6601u },
	};
	uint32_t r;
	uint64_t v;

	for (size_t i = 0; i < ARRAY_SIZE(known); i++) {
		ASSERT_EQ(0, ioctl_kernel_name(known[i].name, &r));
		EXPECT_EQ((long)known[i].req, (long)r);
		ASSERT_EQ(0, ioctl_parse(known[i].name, &v));
		EXPECT_EQ((long)known[i].req, (long)v);
	}
	/* Case matters, as in the headers; a prefix is no name. */
	EXPECT_EQ(-ENOENT, ioctl_kernel_name("tcgets", &r));
	EXPECT_EQ(-ENOENT, ioctl_kernel_name("TCGET", &r));
	EXPECT_EQ(-ENOENT, ioctl_kernel_name("", &r));
}
