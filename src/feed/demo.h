/* SPDX-License-Identifier: EUPL-1.2 */
/* demo: the bundled demo feed, dated relative to "now".
 *
 * The template (data/demo-feed.template.json) writes times as tokens:
 * "@D+3T18:00" is 18.00 local time three days from today, "@NOW" is now
 * and "@SEQ" a sequence that grows with time, so the demo never goes stale. */
#ifndef AULATAULU_DEMO_H
#define AULATAULU_DEMO_H

#include <stddef.h>
#include <stdint.h>

/* Returns the demo feed (format 1) for time now, NUL-terminated, in a new
 * buffer the caller frees; *len receives its length. NULL when out of memory. */
char *demo_feed_generate(int64_t now, size_t *len);

/* The demo's other sources, dated relative to now: "calendar" (a parish's
 * iCalendar file) or "sheet" (the coordinator's spreadsheet, CSV); "demo"
 * is the feed above. A new NUL-terminated buffer (caller frees) with its
 * length in *len, or NULL (unknown name, or out of memory). */
char *demo_document(const char *name, int64_t now, size_t *len);

#endif
