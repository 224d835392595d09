/* recur: RFC 5545 recurrence of activity schedules, with libical. */
#include "config.h"

#include "recur.h"

#include "timefmt.h"

#include <ctype.h>
#include <libical/ical.h>
#include <stdio.h>
#include <string.h>

/* Iterations one expansion may take: bounds the work a hostile rule causes. */
#define RECUR_MAX_STEPS 20000

bool recur_timezone_known(const char *tzid)
{
	return tzid && icaltimezone_get_builtin_timezone(tzid) != NULL;
}

/* Reads "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS]" (wall time in tz) or an RFC 3339
 * timestamp with an offset (converted to wall time in tz). */
static bool parse_local(const char *s, icaltimezone *tz, struct icaltimetype *out)
{
	int64_t t;
	if (timefmt_parse(s, &t)) {
		*out = icaltime_from_timet_with_zone((time_t)t, 0, tz);
		return true;
	}
	int y, mo, d, h = 0, mi = 0, sec = 0, n = 0;
	size_t len = strlen(s);
	bool is_date = len == 10;
	if (is_date) {
		if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3)
			return false;
	} else if (sscanf(s, "%4d-%2d-%2dT%2d:%2d%n", &y, &mo, &d, &h, &mi, &n) == 5) {
		if (s[n] == ':' && sscanf(s + n, ":%2d%n", &sec, &(int){0}) == 1)
			n += 3;
	} else {
		return false;
	}
	if ((size_t)n != len || !isdigit((unsigned char)s[0]))
		return false;
	if (mo < 1 || mo > 12 || d < 1 || d > icaltime_days_in_month(mo, y) || h > 23 || mi > 59 ||
	    sec > 59)
		return false;
	struct icaltimetype it = icaltime_null_time();
	it.year = y, it.month = mo, it.day = d, it.hour = h, it.minute = mi, it.second = sec;
	it.is_date = is_date;
	*out = icaltime_set_timezone(&it, tz);
	return true;
}

static bool parse_rule(const char *rrule, struct icalrecurrencetype *r)
{
	icalerror_clear_errno();
	icalerror_set_errors_are_fatal(0);
	*r = icalrecurrencetype_from_string(rrule);
	return r->freq != ICAL_NO_RECURRENCE && icalerrno == ICAL_NO_ERROR;
}

bool recur_check(const struct feed_schedule *s, char *why, size_t why_len)
{
	icaltimezone *utc = icaltimezone_get_utc_timezone();
	struct icalrecurrencetype r;
	struct icaltimetype t;
	if (!parse_rule(s->rrule, &r)) {
		snprintf(why, why_len, "rrule: not an RFC 5545 recurrence rule");
		return false;
	}
	if (r.freq == ICAL_SECONDLY_RECURRENCE || r.freq == ICAL_MINUTELY_RECURRENCE ||
	    r.freq == ICAL_HOURLY_RECURRENCE) {
		snprintf(why, why_len, "rrule: more frequent than daily");
		return false;
	}
	if (!parse_local(s->dtstart, utc, &t) || t.is_date) {
		snprintf(why, why_len, "dtstart: not a date and time (2026-09-01T18:00:00)");
		return false;
	}
	if (s->duration) {
		struct icaldurationtype d = icaldurationtype_from_string(s->duration);
		if (icaldurationtype_is_bad_duration(d) || d.is_neg) {
			snprintf(why, why_len, "duration: not an ISO 8601 duration (PT1H30M)");
			return false;
		}
	}
	for (size_t i = 0; i < s->exdates.n; i++) {
		if (!parse_local(s->exdates.v[i], utc, &t)) {
			snprintf(why, why_len, "exdates[%zu]: not a date or date and time", i);
			return false;
		}
	}
	return true;
}

static bool excluded(const struct feed_schedule *s, icaltimezone *tz, struct icaltimetype when)
{
	for (size_t i = 0; i < s->exdates.n; i++) {
		struct icaltimetype ex;
		if (!parse_local(s->exdates.v[i], tz, &ex))
			continue;
		if (ex.year == when.year && ex.month == when.month && ex.day == when.day &&
		    (ex.is_date || (ex.hour == when.hour && ex.minute == when.minute)))
			return true;
	}
	return false;
}

bool recur_expand(struct arena *arena, struct feed_activity *a, const char *tzid, int64_t from,
		  int64_t until)
{
	const struct feed_schedule *s = &a->schedule;
	icaltimezone *tz = icaltimezone_get_builtin_timezone(tzid);
	struct icalrecurrencetype r;
	struct icaltimetype start;
	if (!s->rrule || !tz || !parse_rule(s->rrule, &r) || !parse_local(s->dtstart, tz, &start))
		return true; /* checked at parse time; nothing to add */
	int64_t duration = 0;
	if (s->duration)
		duration = icaldurationtype_as_int(icaldurationtype_from_string(s->duration));

	struct feed_occurrence *occ =
		arena_alloc(arena, (a->n_occurrences + RECUR_MAX_OCCURRENCES) * sizeof(*occ));
	if (!occ)
		return false;
	if (a->n_occurrences)
		memcpy(occ, a->occurrences, a->n_occurrences * sizeof(*occ));
	size_t n = a->n_occurrences;

	icalrecur_iterator *it = icalrecur_iterator_new(r, start);
	if (!it)
		return true;
	/* Jumping ahead is only exact for rules that do not count occurrences. */
	if (r.count == 0 && from - duration > icaltime_as_timet_with_zone(start, tz)) {
		struct icaltimetype jump =
			icaltime_from_timet_with_zone((time_t)(from - duration), 0, tz);
		icalrecur_iterator_set_start(it, jump);
	}
	for (int steps = 0; steps < RECUR_MAX_STEPS && n - a->n_occurrences < RECUR_MAX_OCCURRENCES;
	     steps++) {
		struct icaltimetype next = icalrecur_iterator_next(it);
		if (icaltime_is_null_time(next))
			break;
		int64_t t = (int64_t)icaltime_as_timet_with_zone(next, tz);
		if (t >= until)
			break;
		if (t + duration < from || excluded(s, tz, next))
			continue;
		occ[n++] = (struct feed_occurrence){
			.start = t, .end = duration ? t + duration : 0, .status = a->event_status};
	}
	icalrecur_iterator_free(it);
	a->occurrences = occ;
	a->n_occurrences = n;
	return true;
}

bool recur_expand_feed(struct feed *f, int64_t from, int64_t until)
{
	for (size_t i = 0; i < f->n_activities; i++)
		if (!recur_expand(&f->arena, &f->activities[i], f->header.timezone, from, until))
			return false;
	return true;
}
