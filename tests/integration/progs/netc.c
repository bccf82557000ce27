/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * One connect, as a program would make it: "netc tcp ADDR PORT", "netc
 * udp ADDR PORT" (a datagram sent, its echo awaited) or "netc unix PATH".
 * Prints OK (and what the server sent first, if anything) or the errno's
 * name. For t-netprofiles.sh.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static int fail(const char *what)
{
	printf("%s\n", strerrorname_np(errno) ? strerrorname_np(errno) : what);
	return 1;
}

int main(int argc, char **argv)
{
	struct sockaddr_storage ss = { 0 };
	socklen_t len;
	char buf[64] = "";
	struct pollfd p;
	ssize_t n;
	int fd, type;

	if (argc < 3) {
		fprintf(stderr, "usage: netc tcp|udp ADDR PORT | unix PATH\n");
		return 2;
	}
	type = strcmp(argv[1], "udp") ? SOCK_STREAM : SOCK_DGRAM;
	if (!strcmp(argv[1], "unix")) {
		struct sockaddr_un *un = (struct sockaddr_un *)&ss;

		un->sun_family = AF_UNIX;
		snprintf(un->sun_path, sizeof(un->sun_path), "%s", argv[2]);
		len = sizeof(*un);
	} else if (argc == 4 && strchr(argv[2], ':')) {
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;

		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((uint16_t)atoi(argv[3]));
		if (inet_pton(AF_INET6, argv[2], &in6->sin6_addr) != 1)
			return 2;
		len = sizeof(*in6);
	} else if (argc == 4) {
		struct sockaddr_in *in = (struct sockaddr_in *)&ss;

		in->sin_family = AF_INET;
		in->sin_port = htons((uint16_t)atoi(argv[3]));
		if (inet_pton(AF_INET, argv[2], &in->sin_addr) != 1)
			return 2;
		len = sizeof(*in);
	} else {
		return 2;
	}
	fd = socket(ss.ss_family, type | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return fail("socket");
	if (connect(fd, (struct sockaddr *)&ss, len) < 0)
		return fail("connect");
	if (type == SOCK_DGRAM && send(fd, "ping", 4, 0) < 0)
		return fail("send");
	/* What the server says first, if it says anything within 2 s. */
	p.fd = fd;
	p.events = POLLIN;
	if (poll(&p, 1, 2000) == 1 &&
	    (n = recv(fd, buf, sizeof(buf) - 1, 0)) > 0)
		buf[n] = '\0';
	printf("OK%s%s\n", buf[0] ? " " : "", buf);
	return 0;
}
