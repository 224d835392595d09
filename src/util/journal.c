/* SPDX-License-Identifier: EUPL-1.2 */
/* journal: events to systemd's journal (sd-journal). */
#include "config.h"

#include "util/journal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <systemd/sd-journal.h>

void journal_log(int priority, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = NULL;
	int n = vasprintf(&msg, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	/* Without a journal (a developer's shell, a container) this fails
	 * quietly: the commands print their own messages anyway. */
	sd_journal_send("MESSAGE=%s", msg, "PRIORITY=%i", priority, "SYSLOG_IDENTIFIER=aulataulu",
			NULL);
	free(msg);
}
