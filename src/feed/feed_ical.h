/* SPDX-License-Identifier: EUPL-1.2 */
/* feed_ical: an iCalendar file (RFC 5545) into struct feed, with libical.
 *
 * Each VEVENT is an activity: SUMMARY its name, DESCRIPTION (HTML made
 * text) its description, LOCATION its place, URL its web address,
 * CATEGORIES its topics and life situations (by name, or by the source's
 * mapping). A single event gets its one date; a recurring one a schedule
 * (RRULE, EXDATE) in its own time zone, expanded by the sync like any
 * other; RDATEs are dates of their own; an override (RECURRENCE-ID)
 * moves or, with STATUS:CANCELLED, cancels one date. Time zones are IANA
 * names, the Windows names Outlook and Exchange write ("FLE Standard
 * Time", mapped by ICU) or the file's own VTIMEZONE. A calendar is one
 * organiser: the source's, or the calendar's name (X-WR-CALNAME).
 *
 * An event that cannot be read is skipped with a warning naming it; a
 * file that is no calendar is refused (NULL and d->error). The caller owns
 * the result (feed_free) and the messages (diag_clear). */
#ifndef AULATAULU_FEED_ICAL_H
#define AULATAULU_FEED_ICAL_H

#include "util/diag.h"
#include "feed/feed.h"

#include <stddef.h>
#include <stdint.h>

struct ical_options {
	const char *name;	/* the source's name: the organiser when none else */
	const char *organizer;	/* the organiser of every event, or NULL */
	const char *language;	/* the language of the texts: "fi" (NULL), "sv", "en" */
	const char *topics;	/* topics and life situations of every event, or NULL */
	const char *categories; /* "Musiikki: kulttuuri, Diakonia: neuvonta", or NULL */
};

struct feed *feed_ical_parse(const char *buf, size_t len, const struct ical_options *o,
			     struct diag *d);

#endif
