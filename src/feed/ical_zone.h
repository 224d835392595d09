/* SPDX-License-Identifier: EUPL-1.2 */
/* ical_zone: the IANA zone a calendar's own VTIMEZONE follows. Outlook
 * writes "Customized Time Zone", Lotus Notes and others their own names,
 * each with its rules in the file; a schedule can only carry an IANA name
 * (its dates are expanded later, in that zone), so the rules are matched
 * to the zone with the same standard offset (ICU's list) whose UTC offset
 * agrees at every sample over the years around the event. */
#ifndef AULATAULU_ICAL_ZONE_H
#define AULATAULU_ICAL_ZONE_H

#include <libical/ical.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* Samples: every 12 hours from a year before `around` to three years
 * after, which every daylight-saving rule changes at least twice in. */
#define ICAL_ZONE_YEARS_BEFORE 1
#define ICAL_ZONE_YEARS_AFTER 3

/* The IANA name of the zone whose offsets equal custom's at every sample
 * around `around`, into out; false when none does (or libical or ICU is
 * missing). */
bool ical_zone_match(icaltimezone *custom, time_t around, char *out, size_t size);

/* The instant of wall time `wall` (its zone ignored) in tz, as RFC 5545
 * 3.3.5 says: a time that occurs twice (the change back from daylight
 * time) is the first; one that does not occur (the gap of the change to
 * it) is read with the offset before the gap, so 03.30 on the morning
 * Finland moves its clocks forward is 04.30 summer time. libical puts it
 * an hour earlier, and its rule iterator kept the later dates an hour
 * late. */
time_t ical_zone_time(struct icaltimetype wall, icaltimezone *tz);

#endif
