/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The supervisor: spawns the sandboxed command with the seccomp filter,
 * receives its notifications on a pool of emulator threads, and reports its
 * exit status. One struct supervisor exists per run; its fields after start
 * are written only through atomics or under the sandbox lock.
 */
#ifndef SYD_SUPERVISE_SUPERVISOR_H
#define SYD_SUPERVISE_SUPERVISOR_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <sys/types.h>

#include "sandbox.h"
#include "syscalls/creds.h"
#include "syscalls/hooks.h"

/* x86_64 system call numbers are below this. */
#define DISPATCH_MAX 512

/*
 * Which calls of a row the filter sends only because /dev/syd can be
 * reached (HOOK_IF_DEVSYD): none, the opens that neither write, create
 * nor truncate (filter_open_writes() false), or all. Without /dev/syd
 * they would have stayed in the kernel.
 */
enum devsyd_only {
	DEVSYD_ONLY_NONE,
	DEVSYD_ONLY_READS,
	DEVSYD_ONLY_ALL,
};

struct supervisor {
	struct sandbox *sb;
	int listener; /* owned: the seccomp notification fd */
	pid_t child; /* the initial command */
	const struct hook *dispatch[DISPATCH_MAX];
	unsigned char devsyd_only[DISPATCH_MAX]; /* enum devsyd_only */
	struct creds_policy creds; /* how handlers act as their callers */

	/* emulator pool */
	unsigned core, max; /* SYD_NPROC, SYD_NPROC_MAX */
	atomic_uint total, busy, waiting;
	/*
	 * The receiver role (pool.c): recv_owner is the serial of the thread
	 * that holds it, 0 for nobody, and changes under recv_lock; recv_cond
	 * wakes the threads that wait for it. Its holder reads it without
	 * the lock between two calls: the monitor may take the role from a
	 * handler that stalls.
	 */
	pthread_mutex_t recv_lock;
	pthread_cond_t recv_cond;
	atomic_uint recv_owner, serials;
	_Atomic uint64_t last_id; /* of the last notification received */
	atomic_bool monitor_idle; /* asleep until a handler starts */
	pthread_mutex_t spawn_lock; /* guards spawn_requests, waits */
	pthread_cond_t spawn_cond; /* wakes the monitor */
	unsigned spawn_requests;
	struct notif_wait
		*waits; /* handlers waiting outside syd (spawn_lock) */
	pthread_attr_t attr;
	/*
	 * Receive mode (pool.c): one receiver with synchronous wake-ups, or
	 * (multi) every core thread in RECV at once, when several callers
	 * keep syd busy. The rest is what the switch is decided on.
	 */
	bool sync_wakeup; /* the kernel took SYNC_WAKE_UP: modes can switch */
	atomic_bool multi;
	atomic_int last_tid;
	atomic_uint tid_hist, solo;
};

/*
 * Run ARGV (ARGV[0] looked up in PATH as execvp does) with environment ENVP
 * under SB, then exit syd with the command's status, 128+N for a signal,
 * or the errno of a failure to start it (with one line on stderr saying
 * why). It never returns: what the command left running is still served
 * by the emulator threads until the process is gone, so SB and everything
 * else they use must stay as it is (see the end of supervisor_run()).
 */
_Noreturn void supervisor_run(struct sandbox *sb, char *const argv[],
			      char *const envp[]);

/* The same, running FILE (looked up in PATH) with ARGV as its arguments:
 * syd -a sets the command's argv[0] apart from the program it names. */
_Noreturn void supervisor_run_file(struct sandbox *sb, const char *file,
				   char *const argv[], char *const envp[]);

/*
 * Start the emulator pool and its monitor on SV->listener. Returns 0 or
 * -errno; on error some threads may already run, and the caller ends syd
 * with supervisor_abort().
 */
int pool_start(struct supervisor *sv);

struct sock_fprog;

/*
 * Build SV->dispatch and the BPF program of the sandbox's seccomp filter
 * from the hook table and the enabled categories (filter.c). On success
 * *prog owns the instructions (free(prog->filter)). Returns 0 or -errno.
 */
int filter_build(struct supervisor *sv, struct sock_fprog *prog);

/*
 * Does an open(2) or openat(2) with FLAGS write, create or truncate: is it
 * one the filter sends whatever categories decide read-only opens?
 */
bool filter_open_writes(uint64_t flags);

/*
 * syd -E: write the filter SB would run under to FD, as BPF (what the
 * kernel loads) or, with PFC, libseccomp's readable pseudo filter code.
 * The supervisor's own pid is in it as it is now. Returns 0 or -errno.
 */
int filter_dump(struct sandbox *sb, int fd, bool pfc);

/*
 * rlimit/NAME (rlimits.c). rlimits_check(), in syd before the sandbox
 * starts: can each limit SB asks for be set? 0, or -EPERM with the reason
 * in WHY (SIZE bytes): a hard limit raised without CAP_SYS_RESOURCE, or
 * open files past nr_open; -EMFILE: too few open files for the listener
 * the initial process holds before its exec. rlimits_apply(), in the
 * initial process before
 * its filter and exec: sets each, soft and hard alike; 0 or -errno.
 */
int rlimits_check(const struct sandbox *sb, char *why, size_t size);
int rlimits_apply(const struct sandbox *sb);

/* The pool's side of struct notif_host (syscalls/hooks.h). */
extern const struct notif_host pool_host;

/*
 * End syd now, from any thread: kill the sandbox and exit with STATUS.
 * The listener closes with the process, so every pending call fails.
 */
__attribute__((noreturn)) void supervisor_abort(struct supervisor *sv,
						int status);

/* Has supervisor_abort() begun to end syd? */
bool supervisor_ending(void);

/*
 * syd's exit status for the initial command's wait status WSTATUS: its
 * exit status, 128+N for signal N; -1 for a status that is no end.
 */
int supervisor_exit_status(int wstatus);

#endif
