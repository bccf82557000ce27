/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Start-up and the end of a run. The child sets no_new_privs, installs the
 * filter with a new listener, hands its number to us over a socketpair,
 * closes its own copy (a sandboxed process holding the listener could
 * answer its own calls), waits for "go" and execs the command; its exec is
 * the first call the supervisor decides. We serve notifications from the
 * pool and reap: syd is a child subreaper, so orphaned descendants come back
 * to it instead of escaping to init.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kernel/caps.h"
#include "kernel/landlock.h"
#include "kernel/landlock_rules.h"
#include "kernel/ldso.h"
#include "kernel/notify.h"
#include "log.h"
#include "supervise/cmd_exec.h"
#include "supervise/harden.h"
#include "supervise/supervisor.h"
#include "supervise/tighten.h"
#include "supervise/trace.h"

static volatile pid_t child_pid;
/* Set by supervisor_abort() before it kills: the status syd ends with. */
static atomic_int abort_status = -1;

/*
 * The listener reaches syd as a number, which syd takes with
 * pidfd_getfd(2): under the filter the child's sendmsg(2), the way an fd
 * is passed otherwise, would go to the supervisor, which is not listening
 * yet. Writes 'L' and the number as one record.
 */
static int send_fd_number(int sock, int fd)
{
	char msg[1 + sizeof(int)] = { 'L' };

	memcpy(msg + 1, &fd, sizeof(int));
	return write(sock, msg, sizeof(msg)) == (ssize_t)sizeof(msg) ? 0
								     : -errno;
}

/*
 * Take the listener the child PID names on SOCK (send_fd_number()).
 * Returns our fd (close-on-exec), or -errno: -EPIPE when the child sent
 * nothing, its errno when it sent one (it failed), -EPROTO.
 */
static int take_fd(int sock, pid_t pid)
{
	char msg[1 + sizeof(int)];
	int fd, pidfd, ours, err;
	ssize_t n;

	do
		n = read(sock, msg, sizeof(msg));
	while (n < 0 && errno == EINTR);
	if (n <= 0)
		return n < 0 ? -errno : -EPIPE;
	if (n == (ssize_t)sizeof(int)) {
		memcpy(&err, msg, sizeof(int));
		return err > 0 ? -err : -EPROTO;
	}
	if (n != (ssize_t)sizeof(msg) || msg[0] != 'L')
		return -EPROTO;
	memcpy(&fd, msg + 1, sizeof(int));
	priv_raise();
	pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	ours = pidfd < 0 ? -1 : (int)syscall(SYS_pidfd_getfd, pidfd, fd, 0);
	err = errno;
	priv_lower();
	if (pidfd >= 0)
		close(pidfd);
	return ours < 0 ? -err : ours;
}

/*
 * Find FILE in PATH as execvp(3) would, before the filter is installed: a
 * PATH search under the filter would show up as a string of denied execs.
 */
static const char *find_program(const char *file, char *buf, size_t size)
{
	const char *path = getenv("PATH");
	const char *p;

	if (strchr(file, '/'))
		return file;
	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (p = path;; p = strchr(p, ':') + 1) {
		size_t n = strcspn(p, ":");
		int len = snprintf(buf, size, "%.*s%s%s", (int)n, p,
				   n ? "/" : "", file);

		if (len > 0 && (size_t)len < size && access(buf, X_OK) == 0)
			return buf;
		if (!strchr(p, ':'))
			break;
	}
	return file; /* execve reports ENOENT */
}

__attribute__((noreturn)) static void
child(int sock, const struct sock_fprog *prog, const char *file,
      char *const argv[], char *const envp[], const struct sandbox *sb)
{
	char pathbuf[PATH_MAX], go = 0;
	const char *exe = find_program(file, pathbuf, sizeof(pathbuf));
	int fd, err;

	/*
	 * syd dead means no supervisor: do not outlive it. The signal
	 * dispositions and mask stay those syd was started with (forked
	 * before syd set its own), as the command would have them without
	 * syd: a signal ignored by nohup or a CI runner stays ignored.
	 */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (log_fd() > STDERR_FILENO)
		close(log_fd()); /* the log is not the sandbox's to write */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		goto fail;
	/*
	 * rlimit/NAME, soft and hard, before the filter: every descendant
	 * inherits them and the filter keeps anyone from raising them
	 * (syscalls/rlimit.c). No core dumps unless asked for: the kernel
	 * writes one itself, into the crashing process's cwd, and no path
	 * rule is asked; PR_SET_DUMPABLE would not survive an exec.
	 */
	err = rlimits_apply(sb);
	if (err < 0) {
		errno = -err;
		goto fail;
	}
	/* W^X in the kernel too, unless trace/allow_unsafe_exec_memory. */
	if (!sb->trace[TRACE_ALLOW_UNSAFE_MEMORY] &&
	    (err = harden_mdwe()) < 0) {
		errno = -err;
		goto fail;
	}
	/* trace/deny_tsc: no timestamp counter, for all it runs. */
	err = tighten_child(sb);
	if (err < 0) {
		errno = -err;
		goto fail;
	}
	/*
	 * Nothing in the sandbox may signal syd (a stopped syd stalls every
	 * supervised call; its threads' ids are not knowable to the filter)
	 * or anything else outside. Without Landlock ABI 6 syd decides the
	 * calls that name a target itself (syscalls/signal.c).
	 */
	err = landlock_scope_signals();
	if (err < 0 && err != -EOPNOTSUPP) {
		errno = -err;
		goto fail;
	}
	/*
	 * sandbox/lock: a layer of its own, on top of the signal scope
	 * (Landlock layers intersect), before the filter and the exec.
	 */
	err = landlock_rules_apply(sb, false);
	if (err < 0) {
		errno = -err;
		goto fail;
	}
	fd = (int)syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER,
			  SECCOMP_FILTER_FLAG_NEW_LISTENER |
				  SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV,
			  prog);
	if (fd < 0 && errno == EINVAL)
		fd = (int)syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER,
				  SECCOMP_FILTER_FLAG_NEW_LISTENER, prog);
	if (fd < 0)
		goto fail;
	err = send_fd_number(sock, fd);
	if (err < 0) {
		errno = -err;
		goto fail;
	}
	/* syd has taken the listener once it says go. */
	if (read(sock, &go, 1) != 1 || go != 'G')
		_exit(127);
	close(fd);
	execve(exe, argv, envp);
fail:
	err = errno;
	(void)!write(sock, &err, sizeof(err));
	_exit(127);
}

/* Kill every descendant of ours: they are the sandbox. */
static void kill_sandbox(void)
{
	bool again = true;

	if (child_pid > 0)
		kill(child_pid, SIGKILL);
	/* Orphans were reparented to us (subreaper): find them by ppid. */
	for (int round = 0; again && round < 8; round++) {
		DIR *d = opendir("/proc");
		struct dirent *e;

		again = false;
		if (!d)
			return;
		while ((e = readdir(d))) {
			char path[300], buf[512], *p;
			int fd, ppid = 0;
			ssize_t n;

			if (e->d_name[0] < '0' || e->d_name[0] > '9')
				continue;
			snprintf(path, sizeof(path), "/proc/%s/stat",
				 e->d_name);
			fd = open(path, O_RDONLY | O_CLOEXEC);
			if (fd < 0)
				continue;
			n = read(fd, buf, sizeof(buf) - 1);
			close(fd);
			if (n <= 0)
				continue;
			buf[n] = '\0';
			p = strrchr(buf, ')');
			if (p && sscanf(p + 1, " %*c %d", &ppid) == 1 &&
			    ppid == getpid() &&
			    !cmd_exec_running(atoi(e->d_name))) {
				kill(atoi(e->d_name), SIGKILL);
				again = true;
			}
		}
		closedir(d);
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
	}
}

bool supervisor_ending(void)
{
	return atomic_load(&abort_status) >= 0;
}

int supervisor_exit_status(int wstatus)
{
	if (WIFEXITED(wstatus))
		return WEXITSTATUS(wstatus);
	if (WIFSIGNALED(wstatus))
		return 128 + WTERMSIG(wstatus);
	return -1;
}

void supervisor_abort(struct supervisor *sv, int status)
{
	int expected = -1;

	(void)sv;
	status = status & 0xff ? status & 0xff : 1;
	/* The main thread, woken by the child's death, must not win. */
	if (!atomic_compare_exchange_strong(&abort_status, &expected, status))
		status = atomic_load(&abort_status);
	kill_sandbox();
	fflush(stderr);
	_exit(status);
}

/* priv_lower()'s way to end (kernel/caps.h): the sandbox goes too. */
static void end_now(int status)
{
	supervisor_abort(NULL, status);
}

static void forward(int sig)
{
	if (child_pid > 0)
		kill(child_pid, sig);
}

/*
 * The initial command stopped for job control (^Z reached its process
 * group): syd stops too, so that the shell that started it sees its job
 * stop and takes the terminal back. fg continues the whole group, syd
 * with it; a SIGCONT sent to syd alone is passed on (forward()).
 */
static void stop_self(void)
{
	raise(SIGSTOP);
}

/*
 * Pass SIG on to the sandbox, unless it was ignored when syd started:
 * then the command ignores it too (nohup), and so does syd.
 */
static void forward_unless_ignored(int sig)
{
	struct sigaction old;

	if (sigaction(sig, NULL, &old) == 0 && old.sa_handler == SIG_IGN)
		return;
	signal(sig, forward);
}

/*
 * Reap until PID, the initial command, has exited, and return syd's exit
 * status for it. With ALL (trace/exit_wait_all), go on reaping until no
 * descendant is left (orphans are reparented to us, a subreaper), so that
 * what the command left running in the background keeps its supervisor.
 */
static int wait_child(pid_t pid, bool all)
{
	int status, result = -1;

	for (;;) {
		pid_t got = waitpid(-1, &status, 0);

		if (got < 0 && errno == EINTR)
			continue;
		if (supervisor_ending()) {
			/* supervisor_abort() is ending syd: let it finish. */
			for (;;)
				pause();
		}
		if (got < 0)
			return result >= 0 ? result : 1; /* no child left */
		if (got != pid || supervisor_exit_status(status) < 0)
			continue; /* an orphan of the sandbox: reaped */
		result = supervisor_exit_status(status);
		if (!all)
			return result;
		child_pid = 0; /* the rest are orphans: nothing to forward to */
	}
}

static unsigned env_count(const char *name, unsigned dflt)
{
	const char *s = getenv(name);
	uint64_t v;

	if (!s || !*s || parse_u64(s, 10, 4096, &v) < 0 || v == 0)
		return dflt;
	return (unsigned)v;
}

_Noreturn void supervisor_run(struct sandbox *sb, char *const argv[],
			      char *const envp[])
{
	supervisor_run_file(sb, argv[0], argv, envp);
}

_Noreturn void supervisor_run_file(struct sandbox *sb, const char *file,
				   char *const argv[], char *const envp[])
{
	struct supervisor sv = { .sb = sb, .listener = -1 };
	struct sock_fprog prog = { 0, NULL };
	int sp[2], err, result;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	ssize_t n;
	pid_t pid;

	sv.creds.privileged = geteuid() == 0;
	/* What the command inherits: umask(2) reads only by setting. */
	sv.creds.umask0 = umask(022);
	umask(sv.creds.umask0);
	{
		uid_t ru = 0, eu = geteuid(), su = 0;
		gid_t rg = 0, eg = getegid(), sg = 0;

		sv.creds.uniform_ids = getresuid(&ru, &eu, &su) == 0 &&
				       getresgid(&rg, &eg, &sg) == 0 &&
				       ru == eu && eu == su && rg == eg &&
				       eg == sg;
		sv.creds.uid = eu;
		sv.creds.gid = eg;
	}
	/*
	 * A process in a user namespace it made holds other ids and no
	 * capabilities in ours, and nothing tells us when it makes one:
	 * when that is allowed, credentials are read for every call.
	 */
	if (sb->unsafe_ns & NS_USER)
		atomic_store(&sv.creds.changed, true);
	if (sv.creds.privileged) {
		err = caps_get_permitted(&sv.creds.cap_prm);
		if (err < 0)
			die(-err, "capget: %s", strerror(-err));
	}
	sv.core = env_count("SYD_NPROC", ncpu > 0 ? (unsigned)ncpu : 1);
	sv.max = env_count("SYD_NPROC_MAX", sv.core > 64 ? sv.core : 64);
	if (sv.max < sv.core)
		sv.max = sv.core;
	{
		/* A limit the child could not set, said here and clearly. */
		char why[512];

		err = rlimits_check(sb, why, sizeof(why));
		if (err < 0)
			die(-err, "%s", why);
		/* sandbox/lock as default/lock demands, or not at all. */
		err = landlock_rules_check(sb, why, sizeof(why));
		if (err < 0)
			die(-err, "%s", why);
	}
	/* ld.so run as a program is known by its inode (kernel/ldso.h). */
	(void)ldso_find();
	err = filter_build(&sv, &prog);
	if (err < 0)
		die(-err, "cannot build the seccomp filter: %s",
		    strerror(-err));
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sp) < 0)
		die(errno, "socketpair: %s", strerror(errno));
	/*
	 * sandbox/lock binds syd too: a call it makes for the sandbox (an
	 * open it emulates) meets the rules as the sandbox's own would. Its
	 * threads and the child inherit this layer; no_new_privs, which
	 * Landlock wants, changes nothing for syd, which execs nothing.
	 */
	if (sandbox_enabled(sb, CAT_LOCK)) {
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
			die(errno, "prctl(PR_SET_NO_NEW_PRIVS): %s",
			    strerror(errno));
		err = landlock_rules_apply(sb, true);
		if (err < 0)
			die(-err, "cannot apply the Landlock ruleset: %s",
			    strerror(-err));
	}
	/* Orphans of the sandbox come back to us, not to init. */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		die(errno, "fork: %s", strerror(errno));
	if (pid == 0) {
		close(sp[0]);
		child(sp[1], &prog, file, argv, envp, sb);
	}
	child_pid = pid;
	sv.child = pid; /* lock:exec: the one process /dev/syd answers */
	free(prog.filter);
	/*
	 * Not dumpable: processes of the same user cannot ptrace syd, read
	 * /proc/SYD/mem or take its fds, whatever the sandbox allows them.
	 */
	prctl(PR_SET_DUMPABLE, 0);
	close(sp[1]);
	/* ^C reaches the sandbox from the terminal; syd stays to reap it. */
	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	forward_unless_ignored(SIGTERM);
	forward_unless_ignored(SIGHUP);
	signal(SIGPIPE, SIG_IGN);
	/*
	 * Job control. A traced process's stop signal reaches it through
	 * the tracer, syd's main thread: stopped by the same ^Z, syd could
	 * not pass it on, and the job would stop only after fg. syd stops
	 * once the command has (stop_self()).
	 */
	if (!sb->trace[TRACE_ALLOW_UNSAFE_PTRACE]) {
		signal(SIGTSTP, SIG_IGN);
		signal(SIGTTIN, SIG_IGN);
		signal(SIGTTOU, SIG_IGN);
		signal(SIGCONT, forward);
	}
	/*
	 * A caller's file size limit is the caller's (notif_fsize_check());
	 * the soft limit syd was given, which the command may raise up to the
	 * hard one, must not cut syd's own emulated truncations shorter, nor
	 * kill syd with SIGXFSZ.
	 */
	{
		struct rlimit fsize;

		if (getrlimit(RLIMIT_FSIZE, &fsize) == 0 &&
		    fsize.rlim_cur != fsize.rlim_max) {
			fsize.rlim_cur = fsize.rlim_max;
			(void)setrlimit(RLIMIT_FSIZE, &fsize);
		}
	}
	signal(SIGXFSZ, SIG_IGN);

	sv.listener = take_fd(sp[0], pid);
	if (sv.listener < 0) {
		int e = 0;

		if (read(sp[0], &e, sizeof(e)) == sizeof(e) && e)
			err = e;
		else
			err = -sv.listener;
		kill(pid, SIGKILL);
		wait_child(pid, false);
		die(err, "cannot install the seccomp filter: %s",
		    strerror(err));
	}
	/* 6.6+; optional: without it the pool never changes receive mode */
	sv.sync_wakeup = notify_set_sync_wakeup(sv.listener, true) == 0;
	priv_set_fatal(end_now);
	err = pool_start(&sv);
	if (err < 0) {
		log_msg(LOG_CRIT, "cannot start emulator threads: %s",
			strerror(-err));
		supervisor_abort(&sv, -err);
	}
	/*
	 * The exec guard (supervise/trace.c): seized before the command
	 * runs, so that no exec of the sandbox goes unseen. Where the
	 * kernel or a container forbids tracing, syd does not start: exec
	 * rules would hold only at execve entry. Not before now: from the
	 * seizing on, a signal to the child (a SIGCONT passed on) stops it
	 * until this thread answers, which it does only in trace_loop(),
	 * not while it waits for the listener above.
	 */
	if (!sb->trace[TRACE_ALLOW_UNSAFE_PTRACE]) {
		err = trace_seize(pid);
		if (err < 0) {
			kill(pid, SIGKILL);
			waitpid(pid, NULL, __WALL);
			die(-err,
			    "cannot trace the sandbox (ptrace: %s), which the "
			    "exec guard needs; trace/allow_unsafe_ptrace:1 "
			    "runs "
			    "without it, checking exec at execve entry only",
			    strerror(-err));
		}
	}
	if (write(sp[0], "G", 1) != 1)
		supervisor_abort(&sv, errno);
	if (sb->trace[TRACE_ALLOW_UNSAFE_PTRACE]) {
		/* Until the exec: EOF (the socket closed on exec) or an errno. */
		do
			n = read(sp[0], &err, sizeof(err));
		while (n < 0 && errno == EINTR);
		close(sp[0]);
		if (n == sizeof(err)) {
			wait_child(pid, false);
			die(err, "cannot run '%s': %s", file, strerror(err));
		}
		result = wait_child(pid, sb->trace[TRACE_EXIT_WAIT_ALL]);
	} else {
		/*
		 * The child is ours to answer from now on, its exec not yet
		 * made: a signal sent it meanwhile (a SIGTERM passed on) stops
		 * it until we do. So the loop starts at once, and the errno of
		 * a failed exec is read afterwards: the socket then holds it,
		 * or nothing (closed at the exec).
		 */
		result = trace_loop(&sv, pid, sb->trace[TRACE_EXIT_WAIT_ALL],
				    stop_self);
		n = recv(sp[0], &err, sizeof(err), MSG_DONTWAIT);
		close(sp[0]);
		if (n == sizeof(err)) {
			kill_sandbox();
			die(err, "cannot run '%s': %s", file, strerror(err));
		}
	}
	/*
	 * What the command left running goes with it: without syd it
	 * would run unsupervised, every supervised call failing. With
	 * exit_wait_all nothing is left by now.
	 */
	child_pid = 0;
	kill_sandbox();
	/* Its exec passed the check at entry, not the one of its image. */
	if (result == -EACCES)
		die(EACCES, "cannot run '%s': %s (its image: see the log)",
		    file, strerror(EACCES));
	/*
	 * Without exit_wait_all, what the command left in the background
	 * still runs, and the emulator threads still answer it: SV (on this
	 * stack) and SB must outlive them. Returning would hand this stack to
	 * exit() and main() would free the rules, so that a thread matching
	 * a path against a list being freed could allow what a rule denies.
	 * exit() from here keeps both: the threads go with the process, the
	 * listener with them, and every call still waiting fails (ENOSYS).
	 */
	fflush(NULL);
	exit(result);
}
