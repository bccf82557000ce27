/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * syd: command line, configuration sources in order, start-up checks and the
 * exit status. Nothing clever lives here: every option either changes the
 * sandbox through the configuration module or prints something and exits.
 * A configuration error ends the program with status 22 before anything runs.
 */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <pwd.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "esyd.h"
#include "config.h"
#include "config/config.h"
#include "kernel/probe.h"
#include "log.h"
#include "sandbox.h"
#include "supervise/harden.h"
#include "supervise/namespace.h"
#include "supervise/supervisor.h"

static void usage(FILE *f)
{
	fputs("usage: syd [-hVxqlf] [-m CMD]... [-p PROFILE]... [-P FILE]... "
	      "[-e VAR[=VAL]]...\n"
	      "           [-a ALIAS] [-t TIMEOUT] [--] [COMMAND [ARG...]]\n"
	      "       syd [OPTION]... -c STRING [NAME [ARG...]]\n"
	      "       syd [OPTION]... -E bpf|pfc\n"
	      "       syd --check | --api | --el | --sh\n"
	      "\n"
	      "  -m CMD      apply one configuration command "
	      "(e.g. allow/read+/usr/***)\n"
	      "  -p PROFILE  apply a built-in profile (syd-cat -p list)\n"
	      "  -P FILE     apply a configuration file (*.syd-3)\n"
	      "  -e VAR=VAL  set VAR for the command; -e VAR unsets it;\n"
	      "              -e VAR= passes an unsafe variable through\n"
	      "  -x          trace mode: allow and log everything "
	      "(-p trace)\n"
	      "  -a ALIAS    run COMMAND with ALIAS as its argv[0]\n"
	      "  -t TIMEOUT  kill the sandbox after TIMEOUT (seconds, or\n"
	      "              with s, m, h, d) and exit 124\n"
	      "  -c STRING   login shell: run STRING with $SYD_SHELL -c\n"
	      "  -l, --login login shell: the user profile, then\n"
	      "              /etc/user.syd-3 and ~/.user.syd-3\n"
	      "  -f, -q      accepted for compatibility; no effect\n"
	      "  -E MODE     print the seccomp filter (bpf or pfc), exit\n"
	      "  -V          print version and kernel features\n"
	      "  -h          print this help\n"
	      "  --check     exit 0 when running inside syd\n"
	      "  --api       print the command inventory as JSON\n"
	      "  --el        print syd.el, the Emacs Lisp client\n"
	      "  --sh        print the shell code defining esyd\n"
	      "\n"
	      "Options apply in order; the last matching rule wins. With no\n"
	      "COMMAND the shell $SYD_SHELL (default /bin/sh) runs.\n"
	      "See syd(1), syd(2), syd(5) and syd(7).\n",
	      f);
}

static const char *yes(bool b)
{
	return b ? "yes" : "no";
}

static int print_version(void)
{
	const struct scmp_version *v = seccomp_version();
	struct kernel_features kf;
	struct utsname u;

	printf("syd %s (C implementation, Syd API 3)\n", SYD_VERSION);
	if (v)
		printf("libseccomp: %u.%u.%u\n", v->major, v->minor, v->micro);
	if (uname(&u) == 0)
		printf("kernel: %s %s %s\n", u.sysname, u.release, u.machine);
	if (kernel_probe(&kf) < 0) {
		printf("kernel features: probe failed\n");
		return 0;
	}
	printf("seccomp user notification: %s\n", yes(kf.user_notif));
	printf("seccomp ADDFD_FLAG_SEND: %s\n", yes(kf.addfd_send));
	printf("seccomp WAIT_KILLABLE_RECV: %s\n", yes(kf.wait_killable));
	printf("seccomp SYNC_WAKE_UP: %s\n", yes(kf.sync_wakeup));
	printf("pidfd_getfd: %s\n", yes(kf.pidfd_getfd));
	printf("openat2: %s\n", yes(kf.openat2));
	if (kf.landlock_abi)
		printf("landlock: ABI %d\n", kf.landlock_abi);
	else
		printf("landlock: not available\n");
	return 0;
}

/* The -e arguments, applied in order after the unsafe ones are gone. */
static const char **env_args;
static size_t nenv_args;

static void env_apply(void)
{
	for (size_t k = 0; k < nenv_args; k++) {
		const char *eq = strchr(env_args[k], '=');
		char name[256];
		size_t n =
			eq ? (size_t)(eq - env_args[k]) : strlen(env_args[k]);

		if (n >= sizeof(name))
			die(CONFIG_EXIT_STATUS, "-e '%s': name too long",
			    env_args[k]);
		memcpy(name, env_args[k], n);
		name[n] = '\0';
		if (!eq)
			unsetenv(name);
		else if (eq[1])
			setenv(name, eq + 1, 1);
	}
}

static void check_env_arg(const char *arg)
{
	size_t n = strcspn(arg, "=");

	if (n == 0)
		die(CONFIG_EXIT_STATUS,
		    "-e '%s': expected VAR=VALUE, VAR or VAR=", arg);
	for (size_t i = 0; i < n; i++)
		if (!(arg[i] == '_' || (arg[i] >= 'A' && arg[i] <= 'Z') ||
		      (arg[i] >= 'a' && arg[i] <= 'z') ||
		      (i > 0 && arg[i] >= '0' && arg[i] <= '9')))
			die(CONFIG_EXIT_STATUS,
			    "-e '%s': bad variable name '%.*s'", arg, (int)n,
			    arg);
}

static void check(int err, const struct config_err *cerr)
{
	if (err < 0)
		die(cerr->status, "%s", cerr->msg);
}

/*
 * Login shell (-l, -c, or argv[0] starting with '-', as login(1) runs a
 * shell): the user profile, then the system's and the user's own files,
 * before any option, so the command line can still tighten or loosen.
 * A missing file is no error; one that exists and fails is, as with -P.
 */
static void load_login(struct config *cfg)
{
	const char *home = getenv("HOME");
	struct config_err cerr;
	char path[4096];
	struct stat st;

	check(config_load_profile(cfg, "user", &cerr), &cerr);
	if (stat("/etc/user.syd-3", &st) == 0)
		check(config_load_file(cfg, "/etc/user.syd-3", &cerr), &cerr);
	if (!home || !*home) {
		const struct passwd *pw = getpwuid(getuid());

		home = pw ? pw->pw_dir : NULL;
	}
	if (!home || (size_t)snprintf(path, sizeof(path), "%s/.user.syd-3",
				      home) >= sizeof(path))
		return;
	if (stat(path, &st) == 0)
		check(config_load_file(cfg, path, &cerr), &cerr);
}

/* -t: the sandbox's wall-clock limit, in seconds. */
static uint64_t timeout_secs;

static void *timeout_main(void *arg)
{
	struct timespec ts = { .tv_sec = (time_t)timeout_secs };

	(void)arg;
	while (clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, &ts) == EINTR)
		;
	fprintf(stderr, "syd: timeout after %llu s: the sandbox is killed\n",
		(unsigned long long)timeout_secs);
	/* As timeout(1): 124. Kills every process of the sandbox first. */
	supervisor_abort(NULL, 124);
}

/*
 * Start the -t clock. Every signal is blocked in its thread, so that
 * SIGTERM, SIGHUP and the job-control signals reach the thread that
 * passes them on to the command; the command inherits the main thread's
 * mask, which is put back.
 */
static void timeout_start(void)
{
	sigset_t all, old;
	pthread_t t;
	int err;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	err = pthread_create(&t, NULL, timeout_main, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (err)
		die(err, "-t: cannot start the timer: %s", strerror(err));
	pthread_detach(t);
}

/* -E MODE: the filter the command would run under, on stdout. */
static int export_filter(struct sandbox *sb, const char *mode)
{
	int err;

	fflush(stdout);
	err = filter_dump(sb, STDOUT_FILENO, !strcmp(mode, "pfc"));
	if (err < 0)
		die(-err, "-E %s: %s", mode, strerror(-err));
	return 0;
}

/* "-" and the shell's name: argv[0] of a login shell, as login(1) has it. */
static char *login_name(const char *shell)
{
	const char *base = strrchr(shell, '/');
	size_t n;
	char *s;

	base = base ? base + 1 : shell;
	n = strlen(base);
	s = malloc(n + 2);
	if (!s)
		die(ENOMEM, "out of memory");
	s[0] = '-';
	memcpy(s + 1, base, n + 1);
	return s;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "login", no_argument, NULL, 'l' },
		{ "check", no_argument, NULL, 'C' },
		{ "api", no_argument, NULL, 'A' },
		{ "el", no_argument, NULL, 'L' },
		{ "sh", no_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 },
	};
	/* '+': stop at the first non-option, so "syd ls -l" runs ls -l. */
	static const char shortopts[] = "+:hVxqlfc:a:t:E:m:p:P:e:";
	struct sandbox sb;
	struct config cfg;
	struct config_err cerr;
	const char *why = NULL, *shell, *alias = NULL;
	const char *cmd_string = NULL, *export_mode = NULL;
	bool login = argv[0] && argv[0][0] == '-';
	struct stat st;
	int opt;

	if (log_init(&why) < 0)
		die(CONFIG_EXIT_STATUS, "%s", why);
	if (sandbox_init(&sb) < 0)
		die(ENOMEM, "out of memory");
	config_init(&cfg, &sb);

	/* A first pass only to learn whether this is a login shell. */
	while ((opt = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1)
		if (opt == 'l' || opt == 'c')
			login = true;
	if (login)
		load_login(&cfg);
	optind = 0; /* glibc: start again, from argv[1] */

	while ((opt = getopt_long(argc, argv, shortopts, longopts, NULL)) !=
	       -1) {
		switch (opt) {
		case 'h':
			usage(stdout);
			sandbox_fini(&sb);
			return 0;
		case 'V':
			sandbox_fini(&sb);
			return print_version();
		case 'C':
			sandbox_fini(&sb);
			/* Inside syd the supervisor answers for /dev/syd. */
			return lstat("/dev/syd", &st) == 0 ? 0 : 1;
		case 'A': {
			struct strbuf b = { 0 };

			sandbox_fini(&sb);
			config_api_json(&b);
			if (strbuf_failed(&b))
				die(ENOMEM, "out of memory");
			puts(strbuf_str(&b));
			strbuf_fini(&b);
			return 0;
		}
		case 'L':
			sandbox_fini(&sb);
			fputs(cli_el_text, stdout);
			return fflush(stdout) == 0 ? 0 : EIO;
		case 'S':
			sandbox_fini(&sb);
			fputs(esyd_sh, stdout);
			return fflush(stdout) == 0 ? 0 : EIO;
		case 'x':
			check(config_load_profile(&cfg, "trace", &cerr), &cerr);
			break;
		case 'm':
			check(config_apply_arg(&cfg, optarg, &cerr), &cerr);
			break;
		case 'p':
			check(config_load_profile(&cfg, optarg, &cerr), &cerr);
			break;
		case 'P':
			check(config_load_file(&cfg, optarg, &cerr), &cerr);
			break;
		case 'e':
			check_env_arg(optarg);
			env_args = realloc(env_args,
					   (nenv_args + 1) * sizeof(*env_args));
			if (!env_args)
				die(ENOMEM, "out of memory");
			env_args[nenv_args++] = optarg;
			break;
		case 'l':
		case 'f': /* login(1) and shells pass it; nothing to do */
		case 'q': /* quick boot: syd does not re-execute itself */
			break;
		case 'c':
			cmd_string = optarg;
			break;
		case 'a':
			if (!*optarg)
				die(CONFIG_EXIT_STATUS,
				    "-a: the alias is empty");
			alias = optarg;
			break;
		case 't':
			if (parse_duration(optarg, &timeout_secs) < 0 ||
			    timeout_secs == 0 || timeout_secs > INT32_MAX)
				die(CONFIG_EXIT_STATUS,
				    "-t '%s': expected a duration above 0 "
				    "(seconds, or with s, m, h, d)",
				    optarg);
			break;
		case 'E':
			if (strcmp(optarg, "bpf") && strcmp(optarg, "pfc"))
				die(CONFIG_EXIT_STATUS,
				    "-E '%s': expected bpf or pfc", optarg);
			export_mode = optarg;
			break;
		case ':':
			die(CONFIG_EXIT_STATUS,
			    "option '%s' needs an argument (syd -h lists the "
			    "options)",
			    argv[optind - 1]);
		default:
			die(CONFIG_EXIT_STATUS,
			    "unknown option '%s' (syd -h lists the options)",
			    argv[optind - 1]);
		}
	}
	log_set_level((enum log_level)sb.log_level);
	if (export_mode) {
		int ret = export_filter(&sb, export_mode);

		sandbox_fini(&sb);
		return ret;
	}

	shell = getenv("SYD_SHELL");
	if (!shell || !*shell)
		shell = "/bin/sh";
	{
		/* Before any thread: syd enters the sandbox's namespaces. */
		char why_ns[512];
		int err = namespace_setup(&sb, why_ns, sizeof(why_ns));

		if (err < 0)
			die(-err, "%s", why_ns);
	}
	/* -e VAR= passes an unsafe variable through: harden_env_strip(). */
	if (!sb.trace[TRACE_ALLOW_UNSAFE_ENV])
		harden_env_strip(env_args, nenv_args);
	env_apply();
	if (timeout_secs)
		timeout_start();
	{
		/* sh -c STRING [NAME [ARG...]]: the operands follow STRING. */
		int nops = argc - optind;
		char **cmd = calloc((size_t)nops + 4, sizeof(*cmd));
		const char *file;

		if (!cmd)
			die(ENOMEM, "out of memory");
		if (cmd_string) {
			cmd[0] = (char *)shell;
			cmd[1] = (char *)"-c";
			cmd[2] = (char *)cmd_string;
			memcpy(cmd + 3, argv + optind,
			       (size_t)nops * sizeof(*cmd));
		} else if (nops > 0) {
			memcpy(cmd, argv + optind, (size_t)nops * sizeof(*cmd));
		} else {
			/* A login shell's shell is one too: it reads its
			 * profile, as it would were it the login shell. */
			cmd[0] = login ? login_name(shell) : (char *)shell;
		}
		file = cmd_string || nops == 0 ? shell : cmd[0];
		if (alias)
			cmd[0] = (char *)alias;
		/* Exits: SB stays for the threads serving the sandbox. */
		supervisor_run_file(&sb, file, cmd, environ);
	}
}
