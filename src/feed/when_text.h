/* SPDX-License-Identifier: EUPL-1.2 */
/* when_text: when an activity takes place, as a coordinator writes it in a
 * spreadsheet ("ti", "18.00", "19.30", "joka toinen viikko", "1.9.2026"),
 * into the occurrences, the schedule (RFC 5545) or the validity of a
 * feed activity. */
#ifndef AULATAULU_WHEN_TEXT_H
#define AULATAULU_WHEN_TEXT_H

#include "util/arena.h"
#include "feed/feed.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum when_field {
	WHEN_WEEKDAY, /* "ti", "tiistai", "tisdag", "Tue"; several: "ti, to" */
	WHEN_START,   /* "18", "18:00", "18.00", "klo 18.00" */
	WHEN_END,
	WHEN_REPEAT, /* weekly (default), every 2 weeks, 1.-4. or last weekday of the month */
	WHEN_DATE,   /* one date: "24.12.2026" or "2026-12-24" */
	WHEN_FROM,   /* the first day of a schedule, or of an undated activity's validity */
	WHEN_UNTIL,  /* the last day */
	WHEN_EXCEPT, /* dates without a meeting: "24.12.2026, 31.12.2026" */
	N_WHEN_FIELDS
};

/* Sets a's occurrences (one date), schedule (weekdays) or validity (from
 * and until alone) from the texts (NULL: empty), all strings in arena.
 * A schedule without a from date starts from the day of now. On a text
 * that cannot be read returns false with *bad the field and why the
 * reason, a sentence for the coordinator. */
bool when_text_read(struct arena *arena, const char *const text[N_WHEN_FIELDS], int64_t now,
		    struct feed_activity *a, enum when_field *bad, char *why, size_t why_size);

#endif
