/* SPDX-License-Identifier: EUPL-1.2 */
/* notify: the service manager's notification protocol (sd_notify(3),
 * "NOTIFY_SOCKET"): a datagram of "READY=1", "WATCHDOG=1" or "STOPPING=1"
 * to the socket systemd names, abstract ("@...") or a path. Outside
 * systemd (no NOTIFY_SOCKET) nothing is sent. No library at every start. */
#ifndef AULATAULU_NOTIFY_H
#define AULATAULU_NOTIFY_H

#include <stdbool.h>
#include <stdint.h>

/* Sends state; false when there is no socket or it failed. */
bool notify_send(const char *state);

/* The watchdog's interval in microseconds (WATCHDOG_USEC), when it is
 * meant for this process (WATCHDOG_PID unset or ours); 0: none. */
uint64_t notify_watchdog_usec(void);

#endif
