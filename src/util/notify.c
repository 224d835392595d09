/* SPDX-License-Identifier: EUPL-1.2 */
/* notify: sd_notify's protocol, written out. */
#include "config.h"

#include "util/notify.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

bool notify_send(const char *state)
{
	const char *path = getenv("NOTIFY_SOCKET");
	size_t len = path ? strlen(path) : 0;
	struct sockaddr_un to = {.sun_family = AF_UNIX};
	if (!len || len >= sizeof(to.sun_path) || (path[0] != '/' && path[0] != '@'))
		return false;
	memcpy(to.sun_path, path, len);
	if (to.sun_path[0] == '@') /* an abstract socket */
		to.sun_path[0] = '\0';
	socklen_t to_len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len);
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return false;
	bool ok =
	    sendto(fd, state, strlen(state), MSG_NOSIGNAL, (struct sockaddr *)&to, to_len) >= 0;
	close(fd);
	return ok;
}

uint64_t notify_watchdog_usec(void)
{
	const char *usec = getenv("WATCHDOG_USEC"), *pid = getenv("WATCHDOG_PID");
	char *end;
	if (!usec || (pid && strtol(pid, &end, 10) != (long)getpid()))
		return 0;
	unsigned long long v = strtoull(usec, &end, 10);
	return *end || end == usec ? 0 : (uint64_t)v;
}
