/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A chroot the supervisor does not see. execve(2) is decided by syd and
 * then performed by the kernel; when syd does not know the caller's root
 * moved, it decides the name as its own root sees it while the kernel runs
 * the file of that name inside the jail. As root, the program copies
 * itself, the libraries it has mapped and its ELF interpreter into
 * DIR/work/jail under their own absolute names, chroots there and execs
 * its own name. The "chroot" policy denies exec under DIR/work and turns
 * the chroot, walk and stat categories off (nothing else asks syd about
 * a chroot). ESCAPED when the copy runs: it reports from inside the jail.
 */
#include <elf.h>
#include <sys/stat.h>

#include "esc.h"

/* mkdir -p of the directories above PATH (which starts with '/'). */
static int make_parents(const char *path)
{
	char buf[PATH_MAX];

	snprintf(buf, sizeof(buf), "%s", path);
	for (char *p = strchr(buf + 1, '/'); p; p = strchr(p + 1, '/')) {
		*p = '\0';
		if (mkdir(buf, 0755) < 0 && errno != EEXIST)
			return -errno;
		*p = '/';
	}
	return 0;
}

/* Copy the file FROM to JAIL/TO (TO absolute), mode 0755. */
static int copy_in(const char *jail, const char *from, const char *to)
{
	char dst[PATH_MAX], buf[65536];
	int in, out, err = 0;
	ssize_t n;

	if (snprintf(dst, sizeof(dst), "%s%s", jail, to) >= (int)sizeof(dst))
		return -ENAMETOOLONG;
	if (make_parents(dst) < 0)
		return -errno;
	in = open(from, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return -errno;
	out = open(dst, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
	if (out < 0) {
		err = -errno;
		close(in);
		return err;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n) {
			err = -EIO;
			break;
		}
	if (n < 0)
		err = -errno;
	close(in);
	close(out);
	return err;
}

/* The ELF interpreter named by the program EXE (PT_INTERP), or "". */
static void read_interp(const char *exe, char *out, size_t size)
{
	Elf64_Ehdr eh;
	int fd = open(exe, O_RDONLY | O_CLOEXEC);

	out[0] = '\0';
	if (fd < 0)
		return;
	if (pread(fd, &eh, sizeof(eh), 0) == sizeof(eh)) {
		for (unsigned i = 0; i < eh.e_phnum; i++) {
			Elf64_Phdr ph;
			off_t at = (off_t)(eh.e_phoff + i * sizeof(ph));

			if (pread(fd, &ph, sizeof(ph), at) != sizeof(ph))
				break;
			if (ph.p_type != PT_INTERP || ph.p_filesz >= size)
				continue;
			if (pread(fd, out, ph.p_filesz, (off_t)ph.p_offset) !=
			    (ssize_t)ph.p_filesz)
				out[0] = '\0';
			else
				out[ph.p_filesz] = '\0';
			break;
		}
	}
	close(fd);
}

/*
 * A library is mapped by its file's name (libasan.so.8.0.0) but loaded by
 * its soname (libasan.so.8), a symlink the jail lacks: copy PATH in under
 * each shorter version too, down to one number after ".so".
 */
static void copy_sonames(const struct esc *e, const char *jail,
			 const char *path)
{
	char name[PATH_MAX];
	char *so, *dot;
	int err;

	snprintf(name, sizeof(name), "%s", path);
	so = strstr(name, ".so.");
	if (!so)
		return;
	while ((dot = strrchr(name, '.')) > so + 3) {
		*dot = '\0';
		err = copy_in(jail, path, name);
		if (err < 0)
			esc_exit(e, ESC_SETUP, "copy %s into the jail: %s",
				 name, strerror(-err));
	}
}

/* Copy every file we have mapped (ourselves, libc, the loader) in. */
static void copy_mapped(const struct esc *e, const char *jail)
{
	char line[PATH_MAX + 256], last[PATH_MAX] = "";
	FILE *f = fopen("/proc/self/maps", "re");

	if (!f)
		esc_exit(e, ESC_SETUP, "/proc/self/maps: %s", strerror(errno));
	while (fgets(line, sizeof(line), f)) {
		char *path = strchr(line, '/');
		int err;

		if (!path)
			continue;
		path[strcspn(path, "\n")] = '\0';
		if (strstr(path, " (deleted)") || !strcmp(path, last))
			continue;
		snprintf(last, sizeof(last), "%s", path);
		err = copy_in(jail, path, path);
		if (err < 0)
			esc_exit(e, ESC_SETUP, "copy %s into the jail: %s",
				 path, strerror(-err));
		copy_sonames(e, jail, path);
	}
	fclose(f);
}

int main(int argc, char **argv)
{
	char self[PATH_MAX], jail[PATH_MAX], interp[PATH_MAX], real[PATH_MAX];
	struct esc e;
	ssize_t n;
	int err;

	/* The copy, run inside the jail: nothing should have let it run. */
	if (argc == 3 && !strcmp(argv[2], "--payload")) {
		esc_init(&e, 2, argv);
		esc_exit(&e, ESC_ESCAPED,
			 "the copy in the jail ran, though exec is denied "
			 "under %s",
			 e.work);
	}
	esc_init(&e, argc, argv);
	if (geteuid() != 0)
		esc_exit(&e, ESC_UNSUPPORTED, "chroot needs CAP_SYS_CHROOT");
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n <= 0)
		esc_exit(&e, ESC_SETUP, "readlink /proc/self/exe: %s",
			 strerror(errno));
	self[n] = '\0';
	esc_path(&e, jail, e.work, "/jail");
	if (mkdir(jail, 0755) < 0)
		esc_exit(&e, ESC_SETUP, "mkdir %s: %s", jail, strerror(errno));
	copy_mapped(&e, jail);
	/* The kernel loads the interpreter by the name the binary gives. */
	read_interp(self, interp, sizeof(interp));
	if (interp[0] == '/' && realpath(interp, real)) {
		err = copy_in(jail, real, interp);
		if (err < 0)
			esc_exit(&e, ESC_SETUP, "copy %s into the jail: %s",
				 interp, strerror(-err));
	}
	if (chroot(jail) < 0)
		esc_exit(&e, ESC_SETUP, "chroot %s: %s", jail, strerror(errno));
	if (chdir("/") < 0)
		esc_exit(&e, ESC_SETUP, "chdir /: %s", strerror(errno));
	execv(self, (char *[]){ self, e.dir, "--payload", NULL });
	esc_exit(&e, ESC_BLOCKED, "exec of %s in the jail: %s", self,
		 esc_errname(errno));
}
