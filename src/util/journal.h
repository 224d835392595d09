/* SPDX-License-Identifier: EUPL-1.2 */
/* journal: what an admin watching a terminal needs to know, in systemd's
 * journal with its priority (syslog's LOG_ERR .. LOG_DEBUG): each sync's
 * result, refusals and back-off, the liaison person's logins, wrong PINs
 * and changes (every audit entry), backups and restores, each publication.
 * Nothing when there is no journal; never the terminal, where the kiosk
 * draws. `journalctl -t aulataulu` shows them. */
#ifndef AULATAULU_JOURNAL_H
#define AULATAULU_JOURNAL_H

#include <syslog.h>

void journal_log(int priority, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
