/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Reading and writing the memory of a sandboxed process, and the few facts
 * about it that only /proc knows (credentials, umask). Every read copies
 * into a buffer the supervisor owns, so a racing thread in the tracee cannot
 * change what was checked: decisions are made on the copy only.
 */
#ifndef SYD_KERNEL_TRACEE_H
#define SYD_KERNEL_TRACEE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/*
 * Copy LEN bytes at ADDR in PID into BUF. Returns 0, or -EFAULT (unmapped or
 * short), -ESRCH (gone), -errno.
 */
int tracee_read(pid_t pid, uint64_t addr, void *buf, size_t len);

/*
 * Copy the NUL-terminated string at ADDR into BUF (SIZE bytes, NUL
 * included). Returns its length, or -EFAULT (unreadable; also a NULL
 * ADDR), -ENAMETOOLONG (no NUL within SIZE bytes), -ESRCH, -errno.
 */
ssize_t tracee_read_str(pid_t pid, uint64_t addr, char *buf, size_t size);

/* Copy LEN bytes of BUF to ADDR in PID. Returns 0 or -errno. */
int tracee_write(pid_t pid, uint64_t addr, const void *buf, size_t len);

/*
 * Our own copy of fd number FD of thread TID (the same open file
 * description, as pidfd_getfd(2) gives it), for the calls that must act
 * on the caller's open file itself (ftruncate needs its write mode).
 * Closing the copy runs the file's flush (FUSE, NFS write back): to only
 * look at a file, reach it through /proc instead. Returns the fd, or
 * -EBADF (no such fd in its table), -ESRCH (gone, or not ours to take).
 */
int tracee_getfd(pid_t tid, int fd);

/* Close what tracee_getfd() left for after the answer (this thread's). */
void tracee_tidy(void);

/*
 * Read /proc/PID/NAME (a small text file) into BUF, NUL-terminated. Returns
 * the length, or -ESRCH (no such process), -errno.
 */
ssize_t proc_read_file(pid_t pid, const char *name, char *buf, size_t size);

/*
 * Has thread TID a signal pending that it does not block or ignore, one
 * that interrupts its wait for sure: sent to it, or to its process when
 * it is the thread group's leader or every other thread blocks it?
 * Returns 1, 0, or -ESRCH / -errno.
 */
int proc_signal_pending(pid_t tid);

/*
 * Is ANCESTOR among the ancestors of process (or thread) PID, by the chain
 * of parents in /proc? 1 or 0; a chain that cannot be read to its end, or
 * that passes a parent younger than its child (a reused number), is 0.
 */
int proc_descends_from(pid_t pid, pid_t ancestor);

/* The thread group of thread TID, from /proc. Returns it or -ESRCH. */
pid_t proc_tgid(pid_t tid);

/* What the kernel checks file access against. */
struct tracee_creds {
	uid_t ruid, euid, suid, fsuid;
	gid_t rgid, egid, sgid, fsgid;
	mode_t umask;
	uint64_t cap_eff, cap_prm; /* capability sets */
	int ngroups;
	gid_t *groups; /* NGROUPS_MAX of them at most; tracee_creds_fini() */
};

/*
 * Read the thread TID's real, effective, saved and filesystem ids, umask, effective and
 * permitted capabilities and supplementary groups from /proc. Returns 0
 * (then C holds memory for tracee_creds_fini()), -ESRCH, -ENOMEM, -errno.
 */
int tracee_creds(pid_t tid, struct tracee_creds *c);

void tracee_creds_fini(struct tracee_creds *c);

#endif
