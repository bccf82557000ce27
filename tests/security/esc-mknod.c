/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A device under a name no rule lists. --prepare (outside the sandbox, as
 * root) copies DIR/secret to DIR/secret.img, padded to a sector (a loop
 * device is as long as whole sectors of its file; the policies deny
 * DIR/secret*), attaches that to a loop device, which a process keeps open
 * with LO_FLAGS_AUTOCLEAR (the device goes when it dies), and prints
 * "PID MAJOR MINOR". The attack makes a block device node with those
 * numbers in DIR/work, where the policy lets it write, and reads the
 * secret through it: the rules refuse /dev/loop* and DIR/secret by name,
 * the node has neither.
 *
 * ESC_PREPARED: that line, or "unsupported: why". Without it (the native
 * run) the program prepares itself.
 */
#include "esc.h"

#include <linux/loop.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>

/* Attach E's secret to a free loop device, kept by a child; print it. */
static void prepare(const struct esc *e, char *line, size_t size)
{
	struct loop_config cfg = { 0 };
	char dev[64];
	struct stat st;
	int ctl, loop, file, n;
	pid_t pid;

	snprintf(line, size, "unsupported: ");
	ctl = open("/dev/loop-control", O_RDWR | O_CLOEXEC);
	if (ctl < 0) {
		snprintf(line, size, "unsupported: /dev/loop-control: %s",
			 esc_errname(errno));
		return;
	}
	n = ioctl(ctl, LOOP_CTL_GET_FREE);
	close(ctl);
	snprintf(dev, sizeof(dev), "/dev/loop%d", n);
	{
		char img[PATH_MAX + 8], buf[4096] = { 0 };
		int in = open(e->secret, O_RDONLY | O_CLOEXEC), out;

		snprintf(img, sizeof(img), "%s.img", e->secret);
		out = open(img, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
		if (in < 0 || out < 0 || read(in, buf, sizeof(buf)) <= 0 ||
		    write(out, buf, sizeof(buf)) != sizeof(buf)) {
			snprintf(line, size, "unsupported: cannot copy %s",
				 "DIR/secret");
			return;
		}
		close(in);
		close(out);
		file = open(img, O_RDONLY | O_CLOEXEC);
	}
	loop = n < 0 ? -1 : open(dev, O_RDONLY | O_CLOEXEC);
	cfg.fd = (unsigned)file;
	cfg.info.lo_flags = LO_FLAGS_READ_ONLY | LO_FLAGS_AUTOCLEAR;
	if (file < 0 || loop < 0 || ioctl(loop, LOOP_CONFIGURE, &cfg) < 0 ||
	    fstat(loop, &st) < 0) {
		snprintf(line, size, "unsupported: no loop device: %s",
			 esc_errname(errno));
		return;
	}
	close(file);
	pid = fork();
	if (pid < 0)
		return;
	if (pid == 0) {
		setsid();
		/*
		 * Holds LOOP, and goes soon, so that a stress run's hundreds
		 * of rounds do not hold hundreds of loop devices.
		 */
		esc_linger(10);
	}
	close(loop); /* the child's copy keeps it attached */
	snprintf(line, size, "%d %u %u", (int)pid, major(st.st_rdev),
		 minor(st.st_rdev));
}

int main(int argc, char **argv)
{
	const char *prep = getenv("ESC_PREPARED");
	char line[128], node[PATH_MAX + 8];
	unsigned maj, min;
	struct esc e;
	int pid, fd;
	bool hit;

	if (argc == 3 && !strcmp(argv[1], "--prepare")) {
		char *av[] = { argv[0], argv[2], NULL };

		esc_init(&e, 2, av);
		prepare(&e, line, sizeof(line));
		printf("%s\n", line);
		return 0;
	}
	esc_init(&e, argc, argv);
	if (prep && *prep)
		snprintf(line, sizeof(line), "%s", prep);
	else
		prepare(&e, line, sizeof(line));
	if (!strncmp(line, "unsupported: ", 13))
		esc_exit(&e, ESC_UNSUPPORTED, "%s", line + 13);
	if (sscanf(line, "%d %u %u", &pid, &maj, &min) != 3 || pid <= 0)
		esc_exit(&e, ESC_SETUP, "bad preparation: %s", line);
	snprintf(node, sizeof(node), "%s/node", e.work);
	if (mknod(node, S_IFBLK | 0600, makedev(maj, min)) < 0) {
		int err = errno;

		kill(pid, SIGKILL);
		esc_exit(&e, ESC_BLOCKED, "mknod %s: %s", node,
			 esc_errname(err));
	}
	fd = open(node, O_RDONLY | O_CLOEXEC);
	printf("# open %s: %s\n", node, fd < 0 ? esc_errname(errno) : "ok");
	hit = esc_check_close(fd);
	unlink(node);
	kill(pid, SIGKILL);
	if (hit)
		esc_exit(&e, ESC_ESCAPED, "read TOPSECRET through %s", node);
	esc_exit(&e, ESC_BLOCKED, "the node gave nothing");
}
