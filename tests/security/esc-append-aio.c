/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Append-only: Linux AIO takes the RWF_* flags of each request from
 * memory (struct iocb's aio_rw_flags), where no filter can read them:
 * io_submit(2) of a write at offset 0 with RWF_NOAPPEND on an O_APPEND fd
 * overwrites. Under syd, while an append rule exists, io_setup(2) and
 * io_submit(2) fail with ENOSYS (programs fall back to plain calls).
 */
#include <linux/aio_abi.h>
#include <sys/syscall.h>

#include "esc-append.h"

int main(int argc, char **argv)
{
	static char data[] = "XXXXXX";
	struct iocb cb, *cbs[1] = { &cb };
	struct io_event ev;
	aio_context_t ctx = 0;
	struct esc e;
	long n;
	int fd;

	esc_init(&e, argc, argv);
	fd = open(e.public_, O_WRONLY | O_APPEND | O_CLOEXEC);
	if (fd < 0)
		esc_exit(&e, ESC_SETUP, "open O_APPEND: %s",
			 esc_errname(errno));
	if (syscall(SYS_io_setup, 1, &ctx) < 0)
		esc_exit(&e, errno == ENOSYS ? ESC_BLOCKED : ESC_SETUP,
			 "io_setup: %s", esc_errname(errno));
	memset(&cb, 0, sizeof(cb));
	cb.aio_lio_opcode = IOCB_CMD_PWRITE;
	cb.aio_fildes = (unsigned)fd;
	cb.aio_buf = (uint64_t)(uintptr_t)data;
	cb.aio_nbytes = 6;
	cb.aio_offset = 0;
	cb.aio_rw_flags = RWF_NOAPPEND;
	n = syscall(SYS_io_submit, ctx, 1, cbs);
	if (n == 1)
		syscall(SYS_io_getevents, ctx, 1, 1, &ev, NULL);
	else if (errno == EOPNOTSUPP || errno == EINVAL)
		esc_exit(&e, ESC_UNSUPPORTED, "io_submit RWF_NOAPPEND: %s",
			 esc_errname(errno));
	close(fd);
	esc_public_check(&e, "io_submit(RWF_NOAPPEND) at 0");
	esc_exit(&e, ESC_BLOCKED, "io_submit: %s",
		 n == 1 ? "appended" : esc_errname(errno));
}
