/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Attack 29: freeze the supervisor with what any process may make. Each
 * of three processes opens a FIFO of its own for reading, and no process
 * ever opens it for writing: the open waits for ever, natively in the
 * kernel for that caller alone, under syd in the emulator thread that
 * performs it. Three are more than this machine's core emulator threads;
 * another process's plain opens must still be served (esc_dos() in esc.h).
 */
#include <sys/stat.h>

#include "esc.h"

#define STALLS 3

static void fifo_name(const struct esc *e, int i, char *buf)
{
	char leaf[16];

	snprintf(leaf, sizeof(leaf), "/fifo%d", i);
	esc_path(e, buf, e->work, leaf);
}

static void stall(const struct esc *e, int i, int fd)
{
	char name[PATH_MAX];

	fifo_name(e, i, name);
	(void)!write(fd, "g", 1);
	open(name, O_RDONLY | O_CLOEXEC);
	(void)!write(fd, "r", 1);
	_exit(0);
}

int main(int argc, char **argv)
{
	char name[PATH_MAX];
	struct esc e;

	esc_init(&e, argc, argv);
	/* Made here, before any call can stall. */
	for (int i = 0; i < STALLS; i++) {
		fifo_name(&e, i, name);
		if (mkfifo(name, 0600) < 0)
			esc_exit(&e, ESC_SETUP, "mkfifo %s: %s", name,
				 strerror(errno));
	}
	esc_dos(&e, STALLS, stall, "opens of a FIFO");
}
