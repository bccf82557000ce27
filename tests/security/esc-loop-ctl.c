/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Device control by ioctl(2): on /dev/loop-control, which the "devices"
 * policy lets the sandbox open for reading only, LOOP_CTL_ADD makes the
 * kernel register a new loop device and devtmpfs create /dev/loopN, a
 * change outside the sandbox no path rule ever saw (and a block device the
 * sandbox could then attach files to). The request is tried as the kernel
 * reads it (the low 32 bits of the argument) with the high bits set
 * first, so a filter comparing all 64 bits is caught too, then plainly,
 * then LOOP_CTL_GET_FREE, which adds a device when none is free. ESCAPED
 * when one of them succeeds; the device made is removed again.
 */
#include <linux/loop.h>
#include <sys/syscall.h>

#include "esc.h"

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		unsigned long req;
	} tries[] = {
		{ "LOOP_CTL_ADD | 1 << 32", (1UL << 32) | LOOP_CTL_ADD },
		{ "LOOP_CTL_ADD", LOOP_CTL_ADD },
		{ "LOOP_CTL_GET_FREE", LOOP_CTL_GET_FREE },
	};
	char why[256] = "";
	size_t used = 0;
	struct esc e;
	int fd;

	esc_init(&e, argc, argv);
	if (geteuid() != 0)
		esc_exit(&e, ESC_UNSUPPORTED,
			 "loop control needs CAP_SYS_ADMIN (run as root)");
	fd = open("/dev/loop-control", O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT)
		esc_exit(&e, ESC_UNSUPPORTED, "no /dev/loop-control here");
	if (fd < 0)
		esc_exit(&e, ESC_SETUP, "open /dev/loop-control: %s",
			 esc_errname(errno));
	for (size_t i = 0; i < sizeof(tries) / sizeof(tries[0]); i++) {
		/* -1: any free number; LOOP_CTL_GET_FREE ignores it. */
		long n = syscall(SYS_ioctl, fd, tries[i].req, -1L);

		if (n >= 0) {
			/* Undo what we did outside; best effort. */
			if (tries[i].req != LOOP_CTL_GET_FREE)
				(void)ioctl(fd, LOOP_CTL_REMOVE, n);
			esc_exit(&e, ESC_ESCAPED,
				 "%s on a read-only /dev/loop-control "
				 "answered /dev/loop%ld",
				 tries[i].name, n);
		}
		used += (size_t)snprintf(why + used, sizeof(why) - used,
					 "%s%s: %s", used ? ", " : "",
					 tries[i].name, esc_errname(errno));
		if (used >= sizeof(why))
			used = sizeof(why) - 1;
	}
	esc_exit(&e, ESC_BLOCKED, "%s", why);
}
