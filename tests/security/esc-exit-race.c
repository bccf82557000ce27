/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Attack 27: syd ends when the command it started ends, and what that
 * command left in the background ends with it. Four threads of a
 * background process open the secret in a loop while the command exits:
 * not one of those opens may be decided on a policy syd is tearing down
 * (rules freed under a default of allow deny nothing). Each must fail as
 * denied until the process is killed (or, were it left running, with
 * ENOSYS once syd is gone: the listener closed with it). The command says
 * "blocked" as it exits; the background process, if it gets on, reports
 * for itself, and an ESCAPED line of its wins. run-esc.sh reads every
 * line (flag "lingers") until the last process holding stdout is gone.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <sys/mman.h>

#include "esc.h"

#define THREADS	    4
#define BEFORE_EXIT 200 /* denied opens the command waits for */

struct shared {
	atomic_long attempts;
	atomic_int done;
};

static struct esc e;
static struct shared *sh;

static void *opener(void *arg)
{
	time_t end = time(NULL) + 30;

	(void)arg;
	while (time(NULL) < end) {
		int fd = open(e.secret, O_RDONLY | O_CLOEXEC);

		atomic_fetch_add(&sh->attempts, 1);
		if (fd >= 0) {
			bool hit = esc_fd_is_secret(fd);

			atomic_store(&sh->done, 1);
			esc_exit(&e, ESC_ESCAPED,
				 "open gave fd %d%s after %ld opens", fd,
				 hit ? ", which reads TOPSECRET" : "",
				 atomic_load(&sh->attempts));
		}
		if (errno == ENOSYS) {
			atomic_store(&sh->done, 1);
			esc_exit(&e, ESC_BLOCKED,
				 "%ld opens denied, then ENOSYS: syd is gone",
				 atomic_load(&sh->attempts));
		}
		if (errno != EACCES && errno != ENOENT) {
			atomic_store(&sh->done, 1);
			esc_exit(&e, ESC_SETUP, "open: unexpected %s",
				 esc_errname(errno));
		}
	}
	esc_exit(&e, ESC_SETUP, "syd was still answering after 30 s");
}

int main(int argc, char **argv)
{
	pthread_t t;
	pid_t pid;

	esc_init(&e, argc, argv);
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		esc_exit(&e, ESC_SETUP, "mmap: %s", strerror(errno));
	pid = fork();
	if (pid < 0)
		esc_exit(&e, ESC_SETUP, "fork: %s", strerror(errno));
	if (pid == 0) {
		for (int i = 1; i < THREADS; i++)
			if (pthread_create(&t, NULL, opener, NULL) != 0)
				esc_exit(&e, ESC_SETUP,
					 "pthread_create failed");
		opener(NULL);
	}
	/* End the command while the opens are in full swing. */
	for (int i = 0; i < 10000; i++) {
		if (atomic_load(&sh->done) ||
		    atomic_load(&sh->attempts) >= BEFORE_EXIT)
			break;
		usleep(1000);
	}
	/*
	 * The background process's verdict wins if it gets to give one;
	 * killed with syd, it says nothing, and this one stands.
	 */
	esc_exit(&e, ESC_BLOCKED,
		 "the command exits, %ld opens of what it left denied so far",
		 atomic_load(&sh->attempts));
}
