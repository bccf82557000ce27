/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * syd-cat: print built-in profiles, and check configuration files by parsing
 * them exactly as syd would, printing the commands they amount to (comments
 * dropped, variables expanded, includes and profiles followed). With -j the
 * resulting sandbox state is printed as the JSON /dev/syd serves.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "config/config.h"
#include "log.h"

static void usage(FILE *f)
{
	fputs("usage: syd-cat -p NAME        print a built-in profile\n"
	      "       syd-cat -p list        list the built-in profiles\n"
	      "       syd-cat [-j] [-m CMD | -p NAME | -P FILE | FILE]...\n"
	      "                              check configuration and print "
	      "it normalised\n"
	      "  -j  print the resulting sandbox state as JSON instead\n",
	      f);
}

/* Collected, and printed only when everything parsed: no half output. */
static void echo_line(void *arg, const char *cmd)
{
	struct strbuf *b = arg;

	if (cmd[0] == '#')
		return;
	strbuf_puts(b, cmd);
	strbuf_putc(b, '\n');
}

static void check(int err, const struct config_err *cerr)
{
	if (err < 0) {
		fflush(stdout);
		die(cerr->status, "%s", cerr->msg);
	}
}

int main(int argc, char **argv)
{
	struct sandbox sb;
	struct config cfg;
	struct config_err cerr;
	struct strbuf text = { 0 };
	const struct profile *p;
	bool json = false;
	int opt, nsrc = 0;

	/* A lone "-p NAME" prints the profile's text as written. */
	if (argc == 3 && !strcmp(argv[1], "-p")) {
		if (!strcmp(argv[2], "list")) {
			for (p = profile_list(); p->name; p++)
				printf("%-10s %s\n", p->name, p->summary);
			return 0;
		}
		p = profile_find(argv[2]);
		if (!p)
			die(22,
			    "-p '%s': unknown profile (syd-cat -p list "
			    "shows them)",
			    argv[2]);
		fputs(p->text, stdout);
		return 0;
	}
	if (sandbox_init(&sb) < 0)
		die(ENOMEM, "out of memory");
	config_init(&cfg, &sb);
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "-j"))
			json = true;
	if (!json) {
		cfg.echo = echo_line;
		cfg.echo_arg = &text;
	}
	opterr = 0;
	while ((opt = getopt(argc, argv, "hjm:p:P:")) != -1) {
		switch (opt) {
		case 'h':
			usage(stdout);
			return 0;
		case 'j':
			break;
		case 'm':
			check(config_apply_arg(&cfg, optarg, &cerr), &cerr);
			nsrc++;
			break;
		case 'p':
			check(config_load_profile(&cfg, optarg, &cerr), &cerr);
			nsrc++;
			break;
		case 'P':
			check(config_load_file(&cfg, optarg, &cerr), &cerr);
			nsrc++;
			break;
		default:
			die(22,
			    "unknown option or missing argument (syd-cat -h "
			    "shows the usage)");
		}
	}
	for (; optind < argc; optind++, nsrc++)
		check(config_load_file(&cfg, argv[optind], &cerr), &cerr);
	if (nsrc == 0)
		die(22, "nothing to check: give -p NAME, -P FILE, -m CMD or "
			"FILE (syd-cat -h shows the usage)");
	if (json) {
		if (sandbox_to_json(&sb, &text) < 0)
			die(ENOMEM, "out of memory");
		strbuf_putc(&text, '\n');
	}
	if (strbuf_failed(&text))
		die(ENOMEM, "out of memory");
	fputs(strbuf_str(&text), stdout);
	strbuf_fini(&text);
	sandbox_fini(&sb);
	return 0;
}
