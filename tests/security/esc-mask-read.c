/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Masking: DIR/secret is readable by the policy's rules but masked
 * (mask+DIR/secret, the "mask" policy of esc-lib.sh). Read its content
 * anyway: open and read it; open it O_PATH and reopen that through
 * /proc/self/fd; stat it for its size; hard link or rename it to a name no
 * mask covers and read that. Under syd the opens give /dev/null, the stat
 * /dev/null's, and the link and rename are refused (EACCES).
 */
#include <sys/stat.h>

#include "esc.h"

static void try_read(const struct esc *e, const char *how, const char *name)
{
	if (esc_check_close(open(name, O_RDONLY | O_CLOEXEC)))
		esc_exit(e, ESC_ESCAPED, "read TOPSECRET (%s)", how);
}

int main(int argc, char **argv)
{
	char hl[PATH_MAX], moved[PATH_MAX], proc[64];
	struct stat st;
	struct esc e;
	int fd, err[2];

	esc_init(&e, argc, argv);
	esc_path(&e, hl, e.work, "/hl");
	esc_path(&e, moved, e.work, "/moved");
	try_read(&e, "open", e.secret);
	fd = open(e.secret, O_PATH | O_CLOEXEC);
	if (fd >= 0) {
		snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
		try_read(&e, "O_PATH, reopen via /proc/self/fd", proc);
		close(fd);
	}
	if (stat(e.secret, &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size == (off_t)strlen(SECRET_TEXT "\n"))
		esc_exit(&e, ESC_ESCAPED, "stat tells the secret's size");
	err[0] = link(e.secret, hl) < 0 ? errno : 0;
	if (err[0] == 0)
		try_read(&e, "hard link", hl);
	err[1] = rename(e.secret, moved) < 0 ? errno : 0;
	if (err[1] == 0)
		try_read(&e, "rename", moved);
	esc_exit(&e, ESC_BLOCKED, "reads empty; link: %s, rename: %s",
		 esc_errname(err[0]), esc_errname(err[1]));
}
