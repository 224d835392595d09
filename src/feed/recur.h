/* SPDX-License-Identifier: EUPL-1.2 */
/* recur: RFC 5545 recurrence of activity schedules, with libical.
 *
 * A schedule's dtstart is local wall time in the feed's time zone
 * ("2026-09-01T18:00:00"; an offset, if given, is converted to that zone),
 * so a weekly group meets at 18.00 on both sides of a daylight-saving change. */
#ifndef AULATAULU_RECUR_H
#define AULATAULU_RECUR_H

#include "feed/feed.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Most occurrences one schedule yields inside one window. */
#define RECUR_MAX_OCCURRENCES 400

/* True when tzid names a time zone this system knows ("Europe/Helsinki"). */
bool recur_timezone_known(const char *tzid);

/* Checks a schedule (rrule, dtstart, duration, exdates) without expanding it;
 * on false, why holds the reason. Refused: rules more frequent than daily
 * or with more than one time a day, BYYEARDAY and BYWEEKNO, and rules that
 * can never occur (BYMONTHDAY=31 with BYMONTH=2, BYSETPOS beyond the
 * period), which made libical search for centuries. */
bool recur_check(const struct feed_schedule *s, char *why, size_t why_len);

/* What expanding one feed's schedules may cost. A rule that needs more
 * than RECUR_MAX_STEPS iterations (COUNT from 1900) is dropped: its
 * activity gets no dates from it. Rules slower than RECUR_SLOW_MS of CPU
 * time (an honest one takes microseconds; libical's first use, longer;
 * CPU time, so that a busy machine does not drop honest rules) count
 * against the feed's RECUR_FEED_MS; once that is spent, counting rules
 * that start before the window are dropped untried and the others get
 * RECUR_SLOW_MS and the steps an honest rule needs. A feed thus expands in
 * seconds, the honest rules in it keep their dates, and below the budget
 * what is dropped does not depend on the machine's speed. */
#define RECUR_SLOW_MS 2.0
#define RECUR_FEED_MS 2000.0

struct recur_budget {
	double spent_ms;	   /* by the slow rules */
	size_t dropped;		   /* schedules dropped */
	const char *first_dropped; /* the first one's activity id (the feed's) */
};

/* Adds to a->occurrences (allocated from arena) every occurrence of
 * a->schedule in its own time zone or else tzid that overlaps [from, until), within
 * *budget (NULL: this rule's own limits only). Returns false only when out
 * of memory; a schedule with no rule adds nothing. */
bool recur_expand(struct arena *arena, struct feed_activity *a, const char *tzid, int64_t from,
		  int64_t until, struct recur_budget *budget);

/* Expands the schedules of every activity of f over [from, until) in the
 * feed's time zone, within *budget (may be NULL). Returns false only when
 * out of memory. */
bool recur_expand_feed(struct feed *f, int64_t from, int64_t until, struct recur_budget *budget);

#endif
