/* SPDX-License-Identifier: EUPL-1.2 */
/* kiosk: the full-screen kiosk: the app loop (src/app/app.c) driving the
 * screens through ui.c. */
#ifndef AULATAULU_KIOSK_H
#define AULATAULU_KIOSK_H

struct cli;
struct store;

/* Runs the kiosk on the terminal with the data of s until SIGTERM or
 * SIGHUP; returns the exit status. The terminal is restored on every way
 * out. */
int kiosk_run(struct cli *c, struct store *s);

#endif
