/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * syd: command line, configuration sources in order, start-up checks and the
 * exit status. Nothing clever lives here: every option either changes the
 * sandbox through the configuration module or prints something and exits.
 * A configuration error ends the program with status 22 before anything runs.
 */
#include <errno.h>
#include <getopt.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "config.h"
#include "config/config.h"
#include "kernel/probe.h"
#include "log.h"
#include "sandbox.h"
#include "supervise/harden.h"
#include "supervise/supervisor.h"

static void usage(FILE *f)
{
	fputs("usage: syd [-hVx] [-m CMD]... [-p PROFILE]... [-P FILE]... "
	      "[-e VAR[=VAL]]... [--] [COMMAND [ARG...]]\n"
	      "       syd --check | --api | --sh\n"
	      "\n"
	      "  -m CMD      apply one configuration command "
	      "(e.g. allow/read+/usr/***)\n"
	      "  -p PROFILE  apply a built-in profile (syd-cat -p list)\n"
	      "  -P FILE     apply a configuration file (*.syd-3)\n"
	      "  -e VAR=VAL  set VAR for the command; -e VAR unsets it;\n"
	      "              -e VAR= passes an unsafe variable through\n"
	      "  -x          trace mode: allow and log everything "
	      "(-p trace)\n"
	      "  -V          print version and kernel features\n"
	      "  -h          print this help\n"
	      "  --check     exit 0 when running inside syd\n"
	      "  --api       print the command inventory as JSON\n"
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

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "check", no_argument, NULL, 'C' },
		{ "api", no_argument, NULL, 'A' },
		{ "sh", no_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 },
	};
	struct sandbox sb;
	struct config cfg;
	struct config_err cerr;
	const char *why = NULL, *shell, *unenforced;
	struct stat st;
	int opt;

	if (log_init(&why) < 0)
		die(CONFIG_EXIT_STATUS, "%s", why);
	if (sandbox_init(&sb) < 0)
		die(ENOMEM, "out of memory");
	config_init(&cfg, &sb);

	/* '+': stop at the first non-option, so "syd ls -l" runs ls -l. */
	while ((opt = getopt_long(argc, argv, "+:hVxm:p:P:e:", longopts,
				  NULL)) != -1) {
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
		case 'S':
			die(EOPNOTSUPP, "--sh is not supported yet");
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

	shell = getenv("SYD_SHELL");
	if (!shell || !*shell)
		shell = "/bin/sh";
	unenforced = sandbox_unenforced(&sb);
	if (unenforced)
		die(EOPNOTSUPP,
		    "'%s' is not enforced by this build yet: "
		    "refusing to start",
		    unenforced);
	/* -e VAR= passes an unsafe variable through: harden_env_strip(). */
	if (!sb.trace[TRACE_ALLOW_UNSAFE_ENV])
		harden_env_strip(env_args, nenv_args);
	env_apply();
	{
		char *shell_argv[] = { (char *)shell, NULL };
		char **cmd = optind < argc ? argv + optind : shell_argv;
		/* Exits: SB stays for the threads serving the sandbox. */
		supervisor_run(&sb, cmd, environ);
	}
}
