/* SPDX-License-Identifier: EUPL-1.2 */
/* journal: events to systemd's journal, by its native protocol (one
 * datagram a message to /run/systemd/journal/socket, systemd.journal-
 * fields(7), "Native Journal Protocol"): no library at every start. */
#include "config.h"

#include "util/journal.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

#define JOURNAL_SOCKET "/run/systemd/journal/socket"

void journal_log(int priority, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = NULL;
	int n = vasprintf(&msg, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	/* MESSAGE=text, or where the text holds a newline, as a binary field:
	 * its name, a newline, its length (64 bits, little endian) and the
	 * bytes (as sd_journal_send writes them). */
	char head[64];
	int head_len = snprintf(head, sizeof(head), "PRIORITY=%d\nSYSLOG_IDENTIFIER=aulataulu\n",
				priority & 7);
	bool binary = memchr(msg, '\n', (size_t)n) != NULL;
	uint64_t len = (uint64_t)n;
	unsigned char size[8];
	for (int i = 0; i < 8; i++)
		size[i] = (unsigned char)(len >> (8 * i));
	static char plain[] = "MESSAGE=", field[] = "MESSAGE\n", newline[] = "\n";
	struct iovec iov[5] = {{head, (size_t)head_len}};
	size_t k = 1;
	if (binary) {
		iov[k++] = (struct iovec){field, sizeof(field) - 1};
		iov[k++] = (struct iovec){size, sizeof(size)};
	} else {
		iov[k++] = (struct iovec){plain, sizeof(plain) - 1};
	}
	iov[k++] = (struct iovec){msg, (size_t)n};
	iov[k++] = (struct iovec){newline, 1};
	struct sockaddr_un to = {.sun_family = AF_UNIX, .sun_path = JOURNAL_SOCKET};
	struct msghdr m = {
	    .msg_name = &to, .msg_namelen = sizeof(to), .msg_iov = iov, .msg_iovlen = k};
	/* Without a journal (a developer's shell, a container) this fails
	 * quietly: the commands print their own messages anyway. */
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd >= 0) {
		if (sendmsg(fd, &m, MSG_NOSIGNAL) < 0) {
			/* too large for one datagram: the journal would need a memfd; cut it */
		}
		close(fd);
	}
	free(msg);
}
