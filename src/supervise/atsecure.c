/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * AT_SECURE for every image the sandbox runs (see trace.h). The C library
 * reads the auxiliary vector's AT_SECURE once, at its start, to decide
 * whether the environment may steer it: in secure-execution mode glibc's
 * loader ignores LD_PRELOAD paths, LD_LIBRARY_PATH, LD_AUDIT and the rest
 * of its "unsecure" list, and removes them from the environment, so a
 * sandboxed process cannot inject code into the programs it starts (the
 * initial command's environment is cleaned by harden.c; this covers what
 * processes inside set for their children). At the exec event the new
 * image has not run an instruction yet, so the value written here is the
 * one its C library reads.
 *
 * The vector is on the new stack, above argc, argv and envp:
 *   sp -> argc, argv[0..argc-1], NULL, envp[...], NULL, auxv pairs, AT_NULL
 */
#include "supervise/trace.h"

#include <elf.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/auxv.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/user.h>

#include "kernel/caps.h"

/* Words read at once: argv and envp of a usual command fit in one read. */
#define CHUNK_WORDS 512
/*
 * No more than this is walked (8 MiB of pointers, the default stack
 * limit): past it the vector is not searched and the image does not run.
 */
#define MAX_WORDS (1u << 20)

struct stack {
	pid_t pid;
	uintptr_t sp;
	uint64_t *w;
	size_t have, cap;
};

static int stack_pointer(pid_t pid, uintptr_t *sp)
{
#if defined(__x86_64__) || defined(__aarch64__)
	struct user_regs_struct regs;
	struct iovec iov = { &regs, sizeof(regs) };

	if (ptrace(PTRACE_GETREGSET, pid, (void *)NT_PRSTATUS, &iov) < 0)
		return -errno;
#if defined(__x86_64__)
	*sp = (uintptr_t)regs.rsp;
#else
	*sp = (uintptr_t)regs.sp;
#endif
	return 0;
#else
	(void)pid;
	(void)sp;
	return -ENOSYS; /* no register layout known here: refused */
#endif
}

/* Make word I of the stack readable in S->w; 0 or -errno. */
static int need(struct stack *s, size_t i)
{
	while (i >= s->have) {
		struct iovec local, remote;
		ssize_t n;

		if (s->have >= MAX_WORDS)
			return -E2BIG;
		if (s->have + CHUNK_WORDS > s->cap) {
			size_t cap = s->cap ? s->cap * 2 : CHUNK_WORDS;
			uint64_t *w = realloc(s->w, cap * sizeof(*w));

			if (!w)
				return -ENOMEM;
			s->w = w;
			s->cap = cap;
		}
		local.iov_base = s->w + s->have;
		local.iov_len = CHUNK_WORDS * sizeof(*s->w);
		remote.iov_base = (void *)(s->sp + s->have * sizeof(*s->w));
		remote.iov_len = local.iov_len;
		/*
		 * With syd's rights: a tracee that changed its ids since
		 * (a root sandbox's setuid) is still syd's to trace. A read
		 * short of the chunk stops at the stack's end.
		 */
		priv_raise();
		n = process_vm_readv(s->pid, &local, 1, &remote, 1, 0);
		priv_lower();
		if (n < 0)
			return -errno;
		if ((size_t)n < sizeof(*s->w))
			return -EFAULT;
		s->have += (size_t)n / sizeof(*s->w);
	}
	return 0;
}

/* The index of AT_SECURE's value in the vector, or -errno. */
static long find_secure(struct stack *s)
{
	size_t i;
	int err;

	if ((err = need(s, 0)) < 0)
		return err;
	if (s->w[0] > MAX_WORDS)
		return -E2BIG;
	i = 1 + (size_t)s->w[0]; /* argv's NULL */
	if ((err = need(s, i)) < 0)
		return err;
	if (s->w[i] != 0)
		return -EINVAL;
	for (i++;; i++) { /* envp up to its NULL */
		if ((err = need(s, i)) < 0)
			return err;
		if (s->w[i] == 0)
			break;
	}
	for (i++;; i += 2) {
		if ((err = need(s, i + 1)) < 0)
			return err;
		if (s->w[i] == AT_SECURE)
			return (long)(i + 1);
		if (s->w[i] == AT_NULL)
			return -ENOENT; /* every kernel since 2.6 gives it */
	}
}

int at_secure_set(pid_t pid)
{
	struct stack s = { pid, 0, NULL, 0, 0 };
	long i;
	int err;

	if ((err = stack_pointer(pid, &s.sp)) < 0)
		return err;
	i = find_secure(&s);
	if (i >= 0 && s.w[i] != 1) {
		/*
		 * POKEDATA, a tracer's request: no access check beyond
		 * being the tracer, and the stack page is the tracee's own
		 * private, writable memory.
		 */
		if (ptrace(PTRACE_POKEDATA, pid,
			   (void *)(s.sp + (uintptr_t)i * sizeof(*s.w)),
			   (void *)1) < 0)
			i = -errno;
	}
	free(s.w);
	return i < 0 ? (int)i : 0;
}
