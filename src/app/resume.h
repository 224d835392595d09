/* SPDX-License-Identifier: EUPL-1.2 */
/* resume: what the kiosk keeps over a restart at another text size (a
 * visitor's A+ or A-: the terminal is started again with a larger font),
 * so that the visitor is where they were, in their language. Kept in the
 * session's runtime directory for seconds, never on disk for the next
 * person: a record older than RESUME_MAX_AGE is not read. */
#ifndef AULATAULU_RESUME_H
#define AULATAULU_RESUME_H

#include <stdbool.h>
#include <stdint.h>

/* What one screen needs to be opened again as it was. */
struct resume_state {
	int number;
	char text[2][512];
};

#define RESUME_MAX_SCREENS 8
#define RESUME_MAX_AGE 30 /* seconds */
#define RESUME_MAX_PRINTED 16

struct resume {
	char lang[3];
	int n;
	struct {
		char name[32];
		struct resume_state state;
	} screens[RESUME_MAX_SCREENS];
	/* The slips this visit printed (app/printjob.h): one each a visit. */
	char printed[RESUME_MAX_PRINTED][256];
	int n_printed;
};

/* Writes r to path (atomically); false with a message. */
bool resume_write(const char *path, const struct resume *r, char **err);

/* Reads the record at path, made at most RESUME_MAX_AGE seconds before
 * now, and removes it whatever it held: false when there is none. */
bool resume_take(const char *path, int64_t now, struct resume *r);

#endif
