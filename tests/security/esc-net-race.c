/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A thread rewrites the address between the allowed 127.0.0.1 and the
 * denied 127.0.0.2 (the same port on both) while the other connects
 * with it again and again: a check of one value and a connect with the
 * other would reach the denied listener.
 */
#include "esc-net.h"

#include <pthread.h>

static union esc_addr shared;
static atomic_bool stop;

static void *flip(void *arg)
{
	(void)arg;
	while (!atomic_load(&stop)) {
		shared.in4.sin_addr.s_addr = htonl(0x7f000001);
		shared.in4.sin_addr.s_addr = htonl(0x7f000002);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	struct esc e;
	unsigned port, port2;
	int lno, lok, tries = 0;
	pthread_t t;
	long long end;

	esc_init(&e, argc, argv);
	lno = esc_listen_ip(&e, "127.0.0.2", SOCK_STREAM, &port);
	/* The same port on 127.0.0.1, or the allowed value leads nowhere. */
	{
		union esc_addr a;

		esc_addr_ip(&e, &a, "127.0.0.1", port);
		lok = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (bind(lok, &a.sa, sizeof(a.in4)) < 0 || listen(lok, 64) < 0)
			esc_exit(&e, ESC_SETUP, "127.0.0.1!%u: %s", port,
				 esc_errname(errno));
		port2 = port;
	}
	esc_addr_ip(&e, &shared, "127.0.0.1", port2);
	if (pthread_create(&t, NULL, flip, NULL) != 0)
		esc_exit(&e, ESC_SETUP, "pthread_create");
	end = esc_now_ms() + esc_race_ms();
	while (esc_now_ms() < end) {
		int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

		(void)!connect(fd, &shared.sa, sizeof(shared.in4));
		close(fd);
		tries++;
		if (esc_reached(lno, 0)) {
			atomic_store(&stop, true);
			esc_exit(&e, ESC_ESCAPED,
				 "127.0.0.2 reached after %d connects", tries);
		}
		/* Drain the allowed listener's backlog. */
		while (esc_reached(lok, 0)) {
			int c = accept(lok, NULL, NULL);

			if (c < 0)
				break;
			close(c);
		}
	}
	atomic_store(&stop, true);
	esc_exit(&e, ESC_BLOCKED, "%d connects, 127.0.0.2 never reached",
		 tries);
}
