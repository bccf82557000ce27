/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The tracer's loop (see trace.h). Every stop is answered at once: a
 * traced process waits in its stop until we do, and nothing here waits
 * for anything else (not for the emulator threads, nor they for us), so
 * the sandbox never waits on the tracer for more than one stop's work.
 */
#include "supervise/trace.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sched.h>
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/wait.h>

#include "log.h"
#include "supervise/cmd_exec.h"
#include "supervise/proctab.h"
#include "supervise/supervisor.h"
#include "syscalls/trust.h"

int trace_seize(pid_t pid)
{
	/*
	 * The fork, vfork and clone events attach every new process and
	 * thread before it runs (a thread may exec too, and an untraced one
	 * would exec unchecked: clone's CLONE_UNTRACED and clone3 are
	 * refused by the filter for that reason). EXITKILL: syd gone means
	 * no supervisor; the sandbox goes with it.
	 */
	const long opts = PTRACE_O_TRACEEXEC | PTRACE_O_TRACEFORK |
			  PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE |
			  PTRACE_O_EXITKILL;

	if (ptrace(PTRACE_SEIZE, pid, 0, opts) < 0)
		return -errno;
	return proctab_fork(0, pid);
}

/*
 * Did PID's clone, stopped at its PTRACE_EVENT_CLONE, make a thread
 * (CLONE_THREAD, clone's first argument), not a process? Unknown: a
 * process, which costs a table entry, never a missed crash.
 */
static bool made_thread(pid_t pid)
{
#ifdef __x86_64__
	struct user_regs_struct regs;

	if (ptrace(PTRACE_GETREGS, pid, 0, &regs) == 0)
		return regs.rdi & CLONE_THREAD;
#endif
	(void)pid;
	return false;
}

struct tracer {
	struct supervisor *sv;
	pid_t initial;
	void (*stop_self)(void);
	bool started; /* the initial command's first image was decided */
	bool refused; /* ... and refused: it never ran */
	/*
	 * Tasks (processes and threads) of the sandbox alive: one per fork,
	 * vfork and clone event, less one per death reported (and per
	 * leader an exec by another thread replaced, whose death is not).
	 */
	uint64_t tasks;
};

/*
 * pid/max: a new task (CHILD, made by PID) past the limit. The task
 * exists already: it is killed before it runs anything of its own, the
 * maker too under the kill action; warn only logs. A fork bomb is held
 * at the limit.
 */
static void pid_limit(struct tracer *t, pid_t pid, pid_t child)
{
	struct sandbox *sb = t->sv->sb;
	struct log_access a = { .pid = pid, .sys = "fork", .cap = CAT_PID };
	char tip[48];
	uint64_t max;
	bool on;

	sandbox_rdlock(sb);
	on = sandbox_enabled(sb, CAT_PID);
	max = sb->pid_max;
	a.act = sb->dflt[CAT_PID];
	sandbox_unlock(sb);
	if (!on || max == 0 || t->tasks <= max || a.act == ACTION_ALLOW)
		return;
	snprintf(tip, sizeof(tip), "pid/max:%llu",
		 (unsigned long long)t->tasks);
	a.msg = "more tasks than pid/max";
	a.tip = tip;
	a.err = action_allows(a.act) ? 0 : EAGAIN;
	log_access(&a);
	if (action_allows(a.act))
		return;
	if (a.act == ACTION_EXIT || a.act == ACTION_PANIC)
		supervisor_abort(t->sv, a.act == ACTION_EXIT ? EAGAIN : 127);
	(void)kill(child, SIGKILL);
	if (a.act == ACTION_KILL)
		(void)kill(pid, SIGKILL);
}

/* A new task of PID's (a fork, vfork or clone event): the table's. */
static void new_task(struct tracer *t, pid_t pid, int event)
{
	unsigned long child = 0;

	t->tasks++;
	if (ptrace(PTRACE_GETEVENTMSG, pid, 0, &child) < 0 || child == 0)
		return;
	pid_limit(t, pid, (pid_t)child);
	if (event == PTRACE_EVENT_CLONE && made_thread(pid))
		return;
	/*
	 * A process the table cannot hold (ENOMEM) would crash unseen by
	 * SegvGuard: it does not run.
	 */
	if (proctab_fork(pid, (pid_t)child) < 0) {
		log_msg(LOG_WARN, "process %d killed: no memory to track it",
			(int)child);
		(void)kill((pid_t)child, SIGKILL);
	}
}

/*
 * AT_SECURE for the image PID runs, unless trace/allow_unsafe_libc. Not
 * set, the image does not run: its loader would obey the environment.
 */
static bool secure(struct supervisor *sv, pid_t pid, const char *exe)
{
	int err;

	if (sv->sb->trace[TRACE_ALLOW_UNSAFE_LIBC])
		return true;
	err = at_secure_set(pid);
	if (err < 0)
		log_msg(LOG_WARN,
			"exec of process %d refused: %s: cannot set AT_SECURE: "
			"%s (trace/allow_unsafe_libc:1 runs it without)",
			(int)pid, exe, strerror(-err));
	return err == 0;
}

static bool stop_signal(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN ||
	       sig == SIGTTOU;
}

/*
 * Answer one stop of PID. A tracee gone meanwhile (killed) makes the
 * request fail with ESRCH: nothing is owed to it then.
 */
static void on_stop(struct tracer *t, pid_t pid, int status)
{
	int sig = WSTOPSIG(status);

	switch (status >> 16) {
	case 0:
		/* A signal on its way: it is delivered as if untraced. */
		(void)ptrace(PTRACE_CONT, pid, 0, sig);
		break;
	case PTRACE_EVENT_EXEC: {
		char exe[PATH_MAX];
		unsigned long former = 0;
		bool run;

		/* A thread's exec took its leader's place: one task less. */
		if (ptrace(PTRACE_GETEVENTMSG, pid, 0, &former) == 0 &&
		    former != 0 && (pid_t)former != pid && t->tasks > 1)
			t->tasks--;

		run = exec_guard(t->sv, pid, exe) && secure(t->sv, pid, exe);

		/* What it runs names its crash (SegvGuard): known, or no run. */
		if (run && proctab_exec(pid, exe) < 0) {
			log_msg(LOG_WARN,
				"exec of process %d refused: %s: "
				"no memory to track it",
				(int)pid, exe);
			run = false;
		}
		if (run) {
			(void)ptrace(PTRACE_CONT, pid, 0, 0);
		} else {
			(void)kill(pid, SIGKILL);
			t->refused |= pid == t->initial && !t->started;
		}
		t->started |= pid == t->initial;
		break;
	}
	case PTRACE_EVENT_STOP:
		/*
		 * A group-stop (job control): it stays stopped until a
		 * SIGCONT, which LISTEN lets the kernel deliver without us.
		 * Any other PTRACE_EVENT_STOP (a new task's first stop, the
		 * stop a SIGCONT ends a LISTEN with) goes on.
		 */
		if (!stop_signal(sig)) {
			(void)ptrace(PTRACE_CONT, pid, 0, 0);
			break;
		}
		(void)ptrace(PTRACE_LISTEN, pid, 0, 0);
		/*
		 * SIGTSTP, SIGTTIN, SIGTTOU: job control, which stopped the
		 * process group syd is in too, but for syd (who ignores them,
		 * see spawn.c). A SIGSTOP (the stop action, kill -STOP) is
		 * for the process alone.
		 */
		if (pid == t->initial && sig != SIGSTOP && t->stop_self)
			t->stop_self();
		break;
	default:
		/* fork, vfork, clone: the new task is traced already. */
		new_task(t, pid, status >> 16);
		(void)ptrace(PTRACE_CONT, pid, 0, 0);
		break;
	}
}

int trace_loop(struct supervisor *sv, pid_t initial, bool all,
	       void (*stop_self)(void))
{
	struct tracer t = { sv, initial, stop_self, false, false, 1 };
	int status, result = -1;

	for (;;) {
		pid_t pid = waitpid(-1, &status, __WALL);

		if (pid < 0 && errno == EINTR)
			continue;
		if (supervisor_ending()) {
			/* supervisor_abort() is ending syd: let it finish. */
			for (;;)
				pause();
		}
		if (pid < 0)
			return result != -1 ? result : 1; /* nothing left */
		if (WIFSTOPPED(status)) {
			on_stop(&t, pid, status);
			continue;
		}
		if (cmd_exec_reaped(pid))
			continue; /* cmd/exec's: no process of the sandbox */
		if (t.tasks > 0)
			t.tasks--;
		/* A process of the sandbox ended: a crash counts. */
		if (proctab_exe(pid) && WIFSIGNALED(status))
			(void)trust_note_exit(sv->sb, proctab_exe(pid), status);
		proctab_exit(pid);
		if (pid != initial || supervisor_exit_status(status) < 0)
			continue;
		/*
		 * lock:exec names the initial process by its number: gone,
		 * the number may come back as another process of the sandbox
		 * (trace/exit_wait_all keeps the rest running), which must not
		 * inherit the interface.
		 */
		sandbox_wrlock(sv->sb);
		if (sv->sb->lock_state == LOCK_STATE_EXEC)
			sv->sb->lock_state = LOCK_STATE_ON;
		sandbox_unlock(sv->sb);
		result = t.refused ? -EACCES : supervisor_exit_status(status);
		if (!all)
			return result;
	}
}
