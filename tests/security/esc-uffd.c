/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * userfaultfd: a page registered with one and never filled makes every
 * access to it wait for an answer that never comes, syd's own reads of a
 * path argument placed there included, so one such call held syd's
 * thread for good. The attack only needs a userfaultfd armed on its own
 * memory: by the userfaultfd(2) system call (user-mode only, which the
 * kernel grants without privilege, then with kernel faults too) or by
 * USERFAULTFD_IOC_NEW on /dev/userfaultfd (the "devices" policy lets the
 * sandbox open it; tried with high bits set in the request too). ESCAPED
 * when one route gives a userfaultfd that accepts UFFDIO_API and
 * UFFDIO_REGISTER.
 */
#include <linux/userfaultfd.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include "esc.h"

#ifndef UFFD_USER_MODE_ONLY
#define UFFD_USER_MODE_ONLY 1
#endif
#ifndef USERFAULTFD_IOC_NEW
#define USERFAULTFD_IOC_NEW _IO(0xAA, 0x00)
#endif

/* Does UFFD take the handshake and guard a page of ours? Closes UFFD. */
static bool armed(int uffd)
{
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_register reg;
	long page = sysconf(_SC_PAGESIZE);
	void *p;
	bool ok = false;

	p = mmap(NULL, (size_t)page, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p != MAP_FAILED && ioctl(uffd, UFFDIO_API, &api) == 0) {
		memset(&reg, 0, sizeof(reg));
		reg.range.start = (uintptr_t)p;
		reg.range.len = (uint64_t)page;
		reg.mode = UFFDIO_REGISTER_MODE_MISSING;
		ok = ioctl(uffd, UFFDIO_REGISTER, &reg) == 0;
	}
	if (p != MAP_FAILED)
		munmap(p, (size_t)page);
	close(uffd);
	return ok;
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		unsigned long req; /* 0: the system call with FLAGS */
		int flags;
	} routes[] = {
		{ "userfaultfd(UFFD_USER_MODE_ONLY)", 0,
		  O_CLOEXEC | UFFD_USER_MODE_ONLY },
		{ "userfaultfd(0)", 0, O_CLOEXEC },
		{ "USERFAULTFD_IOC_NEW | 1 << 32",
		  (1UL << 32) | USERFAULTFD_IOC_NEW, O_CLOEXEC },
		{ "USERFAULTFD_IOC_NEW", USERFAULTFD_IOC_NEW, O_CLOEXEC },
	};
	char why[512] = "";
	size_t used = 0;
	struct esc e;

	esc_init(&e, argc, argv);
	for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		int uffd, err;

		if (!routes[i].req) {
			uffd = (int)syscall(SYS_userfaultfd, routes[i].flags);
		} else {
			int dev =
				open("/dev/userfaultfd", O_RDONLY | O_CLOEXEC);

			uffd = dev < 0 ? -1
				       : (int)syscall(SYS_ioctl, dev,
						      routes[i].req,
						      (long)routes[i].flags);
			err = errno;
			if (dev >= 0)
				close(dev);
			errno = err;
		}
		err = errno;
		if (uffd >= 0 && armed(uffd))
			esc_exit(&e, ESC_ESCAPED,
				 "%s gave an armed userfaultfd: a path in a "
				 "page it guards stalls whoever reads it",
				 routes[i].name);
		used += (size_t)snprintf(
			why + used, sizeof(why) - used, "%s%s: %s",
			used ? ", " : "", routes[i].name,
			uffd >= 0 ? "made, not armed" : esc_errname(err));
		if (used >= sizeof(why))
			used = sizeof(why) - 1;
	}
	esc_exit(&e, ESC_BLOCKED, "%s", why);
}
