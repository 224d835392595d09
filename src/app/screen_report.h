/* SPDX-License-Identifier: EUPL-1.2 */
/* screen_report: what the kiosk shows, for an admin who is not in the
 * lobby (aulataulu screen, status --json, the metrics). The running kiosk
 * writes screen.json in its data directory when asked (SIGUSR1) and with
 * its metrics; the text of the screen only while nobody uses the terminal
 * (the attract screen, or dark): what a visitor is looking at or typing
 * is theirs, not the admin's. */
#ifndef AULATAULU_SCREEN_REPORT_H
#define AULATAULU_SCREEN_REPORT_H

#include <stdbool.h>
#include <stdint.h>

struct screen_report {
	char screen[32];  /* the name of the screen shown (screen.h), e.g. "attract" */
	int64_t since;	  /* shown since (Unix time) */
	int64_t written;  /* when the kiosk wrote this */
	bool in_use;	  /* a visitor or the liaison person is using it: no text */
	bool dark;	  /* closed (opening hours): the screen is dark */
	int rows, cols;	  /* the terminal's size */
	char *text;	  /* its rows, each ending in '\n'; NULL while in use */
};

/* Replaces data_dir/screen.json with r. False and *err (caller frees). */
bool screen_report_write(const char *data_dir, const struct screen_report *r, char **err);

/* The last report written, whatever its age; false when there is none. */
bool screen_report_read(const char *data_dir, struct screen_report *r);

void screen_report_free(struct screen_report *r);

enum screen_request {
	SCREEN_REPORTED, /* *r is the kiosk's fresh report */
	SCREEN_NO_KIOSK, /* no kiosk runs on data_dir */
	SCREEN_NO_ANSWER /* one runs, but wrote nothing within the time */
};

/* Asks the kiosk that runs on data_dir for a fresh report and waits up to
 * timeout_ms for it. */
enum screen_request screen_report_request(const char *data_dir, int timeout_ms,
					  struct screen_report *r);

#endif
