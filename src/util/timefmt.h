/* SPDX-License-Identifier: EUPL-1.2 */
/* timefmt: RFC 3339 timestamps and local calendar days.
 *
 * Times are kept as seconds since the epoch (int64_t). "Local" means the
 * process time zone (TZ), which main() sets to the kiosk's zone. */
#ifndef AULATAULU_TIMEFMT_H
#define AULATAULU_TIMEFMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Size of a buffer that holds any timestamp this module writes. */
#define TIMEFMT_BUFSIZE 40

/* Parses an RFC 3339 timestamp with an offset ("2026-11-24T18:00:00+02:00",
 * "...Z", fractions ignored) into *out. Returns false when s is not one. */
bool timefmt_parse(const char *s, int64_t *out);

/* Parses a W3C-DTF date as Atom and Dublin Core write it: RFC 3339, and
 * without seconds, with fractions, with a zone of ±hhmm, without a zone
 * (UTC), or a date alone ("2026-11-24": its local midnight). */
bool timefmt_parse_w3c(const char *s, int64_t *out);

/* Parses an RSS date (RFC 822, 1123): "Thu, 01 Jan 2004 19:48:21 GMT",
 * "1 Dec 2026 18:00 +0200", "+02:00", European zone names (EET, EEST, CET,
 * CEST, WET, WEST) and the US ones; a missing zone is UTC. */
bool timefmt_parse_rfc822(const char *s, int64_t *out);

/* Parses a local time as people write it: "24.11.2026 10:00" (or 10.00),
 * "24.11.2026" (at end_of_day: 23:59, else 00:00), or RFC 3339. */
bool timefmt_parse_local(const char *s, bool end_of_day, int64_t *out);

/* Parses a date alone, ISO 8601's "2026-11-24", into the local midnight
 * that starts it. Returns false when s is anything else. */
bool timefmt_parse_date(const char *s, int64_t *out);

/* Writes "24.11.2026 10:00" (the form timefmt_parse_local reads). */
void timefmt_local(int64_t t, char buf[TIMEFMT_BUFSIZE]);

/* Writes t as RFC 3339 in local time with its offset into buf. */
void timefmt_format(int64_t t, char buf[TIMEFMT_BUFSIZE]);

/* Start of the local calendar day that holds t, and of the day n days later. */
int64_t timefmt_day_start(int64_t t);
int64_t timefmt_add_days(int64_t day_start, int n);

/* Writes "24.11.2026" and "18.00" (Finnish conventions) into buf. */
void timefmt_date(int64_t t, char buf[TIMEFMT_BUFSIZE]);
void timefmt_clock(int64_t t, char buf[TIMEFMT_BUFSIZE]);

/* "18.00–19.30", "18.00" without an end, or "all day" (translated) from
 * one midnight to another. */
void timefmt_span(int64_t start, int64_t end, char *buf, size_t size);

/* Weekday of t in local time, 0 = Monday. */
int timefmt_weekday(int64_t t);

/* Milliseconds on a clock that never jumps (for timers and timings). */
double timefmt_monotonic_ms(void);

#endif
