/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The system's own secrets under a profile that reads broadly: password
 * hashes, sudo's rules, ssh host keys, TLS private keys. Any of them read
 * is an escape. Natively only root reads them (unprivileged: unsupported,
 * there is nothing to take); under syd the profiles' secrets block must
 * refuse them to root too.
 */
#include "esc.h"

#include <dirent.h>

/* True when PATH opens and yields at least one byte. */
static bool readable(const char *path)
{
	char c;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	bool got;

	if (fd < 0) {
		if (errno != ENOENT)
			printf("# %s: %s\n", path, esc_errname(errno));
		return false;
	}
	got = read(fd, &c, 1) == 1;
	close(fd);
	return got;
}

int main(int argc, char **argv)
{
	static const char *const files[] = {
		"/etc/shadow",
		"/etc/gshadow",
		"/etc/shadow-",
		"/etc/gshadow-",
		"/etc/sudoers",
		"/etc/ssh/ssh_host_ed25519_key",
		"/etc/ssh/ssh_host_rsa_key",
		"/etc/ssh/ssh_host_ecdsa_key",
		"/etc/ssl/private/ssl-cert-snakeoil.key",
	};
	char path[PATH_MAX];
	struct esc e;
	bool any = false;
	DIR *d;
	struct dirent *de;

	esc_init(&e, argc, argv);
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		if (access(files[i], F_OK) == 0)
			any = true;
		if (readable(files[i]))
			esc_exit(&e, ESC_ESCAPED, "read %s", files[i]);
	}
	/* Whatever key /etc/ssl/private holds on this machine. */
	d = opendir("/etc/ssl/private");
	while (d && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/etc/ssl/private/%s", de->d_name);
		any = true;
		if (readable(path)) {
			closedir(d);
			esc_exit(&e, ESC_ESCAPED, "read %s", path);
		}
	}
	if (d)
		closedir(d);
	if (!any)
		esc_exit(&e, ESC_UNSUPPORTED,
			 "no system secret on this machine");
	/* Natively only root reads them; under syd this counts as blocked. */
	if (geteuid() != 0)
		esc_exit(&e, ESC_UNSUPPORTED, "only root reads them");
	esc_exit(&e, ESC_BLOCKED, "no system secret could be read");
}
