/* recur: RFC 5545 recurrence of activity schedules, with libical.
 *
 * A schedule's dtstart is local wall time in the feed's time zone
 * ("2026-09-01T18:00:00"; an offset, if given, is converted to that zone),
 * so a weekly group meets at 18.00 on both sides of a daylight-saving change. */
#ifndef AULATAULU_RECUR_H
#define AULATAULU_RECUR_H

#include "feed.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Most occurrences one schedule yields inside one window. */
#define RECUR_MAX_OCCURRENCES 400

/* True when tzid names a time zone this system knows ("Europe/Helsinki"). */
bool recur_timezone_known(const char *tzid);

/* Checks a schedule (rrule, dtstart, duration, exdates) without expanding it;
 * on false, why holds the reason. Rules more frequent than daily are refused. */
bool recur_check(const struct feed_schedule *s, char *why, size_t why_len);

/* Adds to a->occurrences (allocated from arena) every occurrence of
 * a->schedule in time zone tzid that overlaps [from, until). Returns false
 * only when out of memory; a schedule with no rule adds nothing. */
bool recur_expand(struct arena *arena, struct feed_activity *a, const char *tzid, int64_t from,
		  int64_t until);

/* Expands the schedules of every activity of f over [from, until) in the
 * feed's time zone. Returns false only when out of memory. */
bool recur_expand_feed(struct feed *f, int64_t from, int64_t until);

#endif
