/* SPDX-License-Identifier: EUPL-1.2 */
/* opening: a lobby's opening hours ("ma-pe 7-20, la 9-15", [kiosk] open):
 * outside them the kiosk's screen goes dark until a touch or a key, and
 * syncs go on. Days are Finnish abbreviations (ma ti ke to pe la su),
 * alone or as a range; hours are H, H.MM or H:MM, up to 24. */
#ifndef AULATAULU_OPENING_H
#define AULATAULU_OPENING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define OPENING_MAX_SPANS 4 /* a day */

struct opening {
	bool always; /* no hours given: open all the time */
	struct {
		uint16_t from, until;  /* minutes since midnight, local time */
	} spans[7][OPENING_MAX_SPANS]; /* Monday first */
	uint8_t n[7];
};

/* Parses text (NULL or blank: always open) into *o; false with why (a
 * message naming what is wrong) when it is not opening hours. */
bool opening_parse(const char *text, struct opening *o, char *why, size_t why_len);

/* Whether o is open at time now, in the local time zone. */
bool opening_is_open(const struct opening *o, int64_t now);

#endif
