/* SPDX-License-Identifier: EUPL-1.2 */
/* recur: RFC 5545 recurrence of activity schedules, with libical. */
#include "config.h"

#include "feed/recur.h"

#include "feed/ical_zone.h"

#include "util/budget.h"
#include "util/lazy.h"
#include "util/timefmt.h"
#include "util/i18n.h"

#include <ctype.h>
#include <stdlib.h>
#include <libical/ical.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* Iterations one expansion may take: bounds the work a hostile rule
 * causes. An honest rule needs at most RECUR_MAX_OCCURRENCES in the window
 * and a few to reach it (rules that do not count jump there). */
#define RECUR_MAX_STEPS 20000
#define RECUR_TIGHT_STEPS (RECUR_MAX_OCCURRENCES + 100)

/* libical (which brings ICU), opened on first use (lazy.h): only a sync
 * or a feed check needs it. */
#define LIBICAL_FUNCTIONS(F)                                                                       \
	F(builtin_timezone, "icaltimezone_get_builtin_timezone", icaltimezone *, (const char *))   \
	F(utc_timezone, "icaltimezone_get_utc_timezone", icaltimezone *, (void))                   \
	F(from_timet_with_zone, "icaltime_from_timet_with_zone", struct icaltimetype,              \
	  (const time_t, const int, const icaltimezone *))                                         \
	F(days_in_month, "icaltime_days_in_month", int, (const int, const int))                    \
	F(null_time, "icaltime_null_time", struct icaltimetype, (void))                            \
	F(set_timezone, "icaltime_set_timezone", struct icaltimetype,                              \
	  (struct icaltimetype *, const icaltimezone *))                                           \
	F(clear_errno, "icalerror_clear_errno", void, (void))                                      \
	F(errors_are_fatal, "icalerror_set_errors_are_fatal", void, (int))                         \
	F(errno_return, "icalerrno_return", icalerrorenum *, (void))                               \
	F(recurrence_from_string, "icalrecurrencetype_from_string", struct icalrecurrencetype,     \
	  (const char *))                                                                          \
	F(duration_from_string, "icaldurationtype_from_string", struct icaldurationtype,           \
	  (const char *))                                                                          \
	F(duration_is_bad, "icaldurationtype_is_bad_duration", int, (struct icaldurationtype))     \
	F(duration_as_int, "icaldurationtype_as_int", int, (struct icaldurationtype))              \
	F(iterator_new, "icalrecur_iterator_new", icalrecur_iterator *,                            \
	  (struct icalrecurrencetype, struct icaltimetype))                                        \
	F(iterator_set_start, "icalrecur_iterator_set_start", int,                                 \
	  (icalrecur_iterator *, struct icaltimetype))                                             \
	F(iterator_next, "icalrecur_iterator_next", struct icaltimetype, (icalrecur_iterator *))   \
	F(iterator_free, "icalrecur_iterator_free", void, (icalrecur_iterator *))                  \
	F(is_null_time, "icaltime_is_null_time", int, (const struct icaltimetype))                 \
	F(as_timet_with_zone, "icaltime_as_timet_with_zone", time_t,                               \
	  (const struct icaltimetype, const icaltimezone *))                                       \
	F(day_position, "icalrecurrencetype_day_position", int, (short))                           \
	F(month_month, "icalrecurrencetype_month_month", int, (short))

static struct {
	LIBICAL_FUNCTIONS(LAZY_MEMBER)
} I;

static bool loaded;
static char load_error[256];

static void load_ical(void)
{
	static const char *const names[] = {LIBICAL_FUNCTIONS(LAZY_NAME)};
#define SLOT(member, symbol, ret, params) (void **)&I.member,
	void **const slots[] = {LIBICAL_FUNCTIONS(SLOT)};
#undef SLOT
	loaded = lazy_resolve("libical.so.3", names, slots, sizeof(names) / sizeof(*names),
			      load_error, sizeof(load_error));
}

static bool ical(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, load_ical);
	return loaded;
}

bool recur_timezone_known(const char *tzid)
{
	return tzid && ical() && I.builtin_timezone(tzid) != NULL;
}

/* Reads "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS]" (wall time in tz) or an RFC 3339
 * timestamp with an offset (converted to wall time in tz). */
static bool parse_local(const char *s, icaltimezone *tz, struct icaltimetype *out)
{
	int64_t t;
	if (timefmt_parse(s, &t)) {
		*out = I.from_timet_with_zone((time_t)t, 0, tz);
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
	if (mo < 1 || mo > 12 || d < 1 || d > I.days_in_month(mo, y) || h > 23 || mi > 59 ||
	    sec > 59)
		return false;
	struct icaltimetype it = I.null_time();
	it.year = y, it.month = mo, it.day = d, it.hour = h, it.minute = mi, it.second = sec;
	it.is_date = is_date;
	*out = I.set_timezone(&it, tz);
	return true;
}

static bool parse_rule(const char *rrule, struct icalrecurrencetype *r)
{
	I.clear_errno();
	I.errors_are_fatal(0);
	*r = I.recurrence_from_string(rrule);
	return r->freq != ICAL_NO_RECURRENCE && *I.errno_return() == ICAL_NO_ERROR;
}

/* Values in one of libical's BY* arrays. */
static size_t by_count(const short *v, size_t cap)
{
	size_t n = 0;
	while (n < cap && v[n] != ICAL_RECURRENCE_ARRAY_MAX)
		n++;
	return n;
}

#define BY_COUNT(r, field) by_count((r)->field, sizeof((r)->field) / sizeof(*(r)->field))

/* Whether some month of the rule has some day of its BYMONTHDAY. */
static bool month_days_possible(const struct icalrecurrencetype *r)
{
	static const int longest[13] = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	size_t n_days = BY_COUNT(r, by_month_day), n_months = BY_COUNT(r, by_month);
	if (n_days == 0)
		return true;
	for (size_t m = 0; m < (n_months ? n_months : 12); m++) {
		int month = n_months ? I.month_month(r->by_month[m]) : (int)m + 1;
		for (size_t d = 0; month >= 1 && month <= 12 && d < n_days; d++) {
			int day = r->by_month_day[d];
			if (day != 0 && abs(day) <= longest[month])
				return true;
		}
	}
	return false;
}

/* Most occurrences one period (month, year) of the rule can have, before
 * BYSETPOS picks among them. */
static int period_size(const struct icalrecurrencetype *r)
{
	size_t n_days = BY_COUNT(r, by_month_day), n_weekdays = BY_COUNT(r, by_day);
	int months = r->freq == ICAL_YEARLY_RECURRENCE ? 12 : 1;
	size_t n_months = BY_COUNT(r, by_month);
	if (r->freq == ICAL_YEARLY_RECURRENCE && n_months)
		months = (int)n_months;
	if (n_days)
		return (int)n_days * months;
	int size = 0;
	for (size_t i = 0; i < n_weekdays; i++)
		size += I.day_position(r->by_day[i]) ? 1 : 5 * months;
	return size ? size : months;
}

/* Rule shapes that make libical search for centuries (one call took
 * seconds) or expand into many times a day; why says which. */
static bool rule_reasonable(const struct icalrecurrencetype *r, char *why, size_t why_len)
{
	if (BY_COUNT(r, by_hour) > 1 || BY_COUNT(r, by_minute) > 1 || BY_COUNT(r, by_second) > 1) {
		snprintf(why, why_len,
			 _("rrule: more than one time a day (BYHOUR, BYMINUTE, BYSECOND)"));
		return false;
	}
	if (BY_COUNT(r, by_year_day) || BY_COUNT(r, by_week_no)) {
		snprintf(why, why_len, _("rrule: BYYEARDAY and BYWEEKNO are not supported"));
		return false;
	}
	if (!month_days_possible(r)) {
		snprintf(why, why_len, _("rrule: never occurs (no such day in those months)"));
		return false;
	}
	size_t n_pos = BY_COUNT(r, by_set_pos);
	if (n_pos && r->freq != ICAL_MONTHLY_RECURRENCE && r->freq != ICAL_YEARLY_RECURRENCE) {
		snprintf(why, why_len, _("rrule: BYSETPOS only with FREQ=MONTHLY or YEARLY"));
		return false;
	}
	int size = period_size(r);
	for (size_t i = 0; i < n_pos; i++)
		if (r->by_set_pos[i] != 0 && abs(r->by_set_pos[i]) <= size)
			return true;
	if (n_pos) {
		snprintf(why, why_len,
			 _("rrule: never occurs (BYSETPOS beyond the %d in a period)"), size);
		return false;
	}
	return true;
}

bool recur_check(const struct feed_schedule *s, char *why, size_t why_len)
{
	if (!ical()) {
		snprintf(why, why_len, "%s", load_error);
		return false;
	}
	icaltimezone *utc = I.utc_timezone();
	struct icalrecurrencetype r;
	struct icaltimetype t;
	if (!parse_rule(s->rrule, &r)) {
		snprintf(why, why_len, _("rrule: not an RFC 5545 recurrence rule"));
		return false;
	}
	if (r.freq == ICAL_SECONDLY_RECURRENCE || r.freq == ICAL_MINUTELY_RECURRENCE ||
	    r.freq == ICAL_HOURLY_RECURRENCE) {
		snprintf(why, why_len, _("rrule: more frequent than daily"));
		return false;
	}
	if (!rule_reasonable(&r, why, why_len))
		return false;
	if (!parse_local(s->dtstart, utc, &t) || t.is_date) {
		snprintf(why, why_len, _("dtstart: not a date and time (2026-09-01T18:00:00)"));
		return false;
	}
	if (s->duration) {
		struct icaldurationtype d = I.duration_from_string(s->duration);
		if (I.duration_is_bad(d) || d.is_neg) {
			snprintf(why, why_len, _("duration: not an ISO 8601 duration (PT1H30M)"));
			return false;
		}
	}
	for (size_t i = 0; i < s->exdates.n; i++) {
		if (!parse_local(s->exdates.v[i], utc, &t)) {
			snprintf(why, why_len, _("exdates[%zu]: not a date or date and time"), i);
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

/* Whether an RDATE gives a the date t of its rule already: one date, not
 * two (RFC 5545 3.8.5.2). A date moved onto t (rescheduled, a status of
 * its own) is another instance, and stays beside it. */
static bool given(const struct feed_activity *a, int64_t t)
{
	for (size_t i = 0; i < a->n_occurrences; i++)
		if (a->occurrences[i].start == t && !a->occurrences[i].status)
			return true;
	return false;
}

/* The shift that moves instance t (the last that starts at or before it),
 * or NULL. */
static const struct feed_shift *shift_of(const struct feed_schedule *s, int64_t t)
{
	const struct feed_shift *found = NULL;
	for (size_t i = 0; i < s->n_shifts && s->shifts[i].from <= t; i++)
		found = &s->shifts[i];
	return found;
}

/* Counts a dropped rule. */
static void drop(struct recur_budget *b, const struct feed_activity *a)
{
	if (b->dropped++ == 0)
		b->first_dropped = a->id;
}

bool recur_expand(struct arena *arena, struct feed_activity *a, const char *tzid, int64_t from,
		  int64_t until, struct recur_budget *budget)
{
	const struct feed_schedule *s = &a->schedule;
	struct recur_budget own = {0};
	struct recur_budget *b = budget ? budget : &own;
	if (!s->rrule || !ical())
		return true; /* recur_check refused such a schedule already */
	icaltimezone *tz = I.builtin_timezone(a->schedule.tzid ? a->schedule.tzid : tzid);
	struct icalrecurrencetype r;
	struct icaltimetype start;
	if (!tz || !parse_rule(s->rrule, &r) || !parse_local(s->dtstart, tz, &start))
		return true; /* checked at parse time; nothing to add */
	/* Once slow rules have spent the feed's budget, a rule that must be
	 * iterated from its start (it counts) is not tried, and the others
	 * get only what an honest rule needs. */
	bool tight = b->spent_ms >= RECUR_FEED_MS;
	if (tight && r.count > 0 && ical_zone_time(start, tz) < from) {
		drop(b, a);
		return true;
	}
	int max_steps = tight ? RECUR_TIGHT_STEPS : RECUR_MAX_STEPS;
	int64_t duration = 0;
	if (s->duration)
		duration = I.duration_as_int(I.duration_from_string(s->duration));
	/* Shifted instances may come from before the window, or leave it:
	 * the rule is walked that much further each way. */
	int64_t slack = 0;
	for (size_t i = 0; i < s->n_shifts; i++) {
		int64_t reach = llabs(s->shifts[i].by) + s->shifts[i].duration;
		slack = reach > slack ? reach : slack;
	}

	/* Gathered here, then copied at their size: reserving the most there
	 * can be in the arena for every activity zeroed ~10 KB each, 48 MB
	 * for 5,000 weekly schedules. */
	struct feed_occurrence found[RECUR_MAX_OCCURRENCES];
	size_t n = 0;

	/* Processor time, not the wall clock: by the wall clock a busy
	 * terminal dropped honest rules. */
	double t0 = budget_thread_cpu_ms();
	/* The rule is walked in wall time, without a zone, and each date read
	 * in the zone as RFC 5545 says (ical_zone_time): with the zone, libical
	 * moved a date in the spring-forward gap an hour and kept every later
	 * one there. UNTIL, a UTC time, becomes the zone's wall time. */
	struct icaltimetype wall = start;
	wall.zone = NULL;
	if (!I.is_null_time(r.until) && !r.until.is_date && r.until.zone == I.utc_timezone()) {
		r.until =
		    I.from_timet_with_zone(I.as_timet_with_zone(r.until, r.until.zone), 0, tz);
		r.until.zone = NULL;
	}
	icalrecur_iterator *it = I.iterator_new(r, wall);
	if (!it)
		return true;
	/* Jumping ahead is only exact for rules that do not count occurrences. */
	if (r.count == 0 && from - duration - slack > ical_zone_time(start, tz)) {
		struct icaltimetype jump =
		    I.from_timet_with_zone((time_t)(from - duration - slack), 0, tz);
		jump.zone = NULL;
		I.iterator_set_start(it, jump);
	}
	bool over = false;
	for (int steps = 0; n < RECUR_MAX_OCCURRENCES; steps++) {
		/* Over budget: too many steps to reach the window (COUNT from
		 * 1900); once the feed's time is spent, also too long. */
		if (steps == max_steps ||
		    (tight && (steps & 63) == 0 && budget_thread_cpu_ms() - t0 > RECUR_SLOW_MS)) {
			over = true;
			break;
		}
		struct icaltimetype next = I.iterator_next(it);
		if (I.is_null_time(next))
			break;
		int64_t t = (int64_t)ical_zone_time(next, tz);
		if (t >= until + slack)
			break;
		/* Exceptions name the instance as the rule makes it; a shift
		 * then moves it (THISANDFUTURE). */
		if (excluded(s, tz, next) || given(a, t))
			continue;
		const struct feed_shift *shift = shift_of(s, t);
		int64_t at = shift ? t + shift->by : t;
		int64_t length = shift && shift->duration ? shift->duration : duration;
		if (at >= until || at + length < from)
			continue;
		found[n++] = (struct feed_occurrence){
		    .start = at, .end = length ? at + length : 0, .status = a->event_status};
	}
	I.iterator_free(it);
	double ms = budget_thread_cpu_ms() - t0;
	if (ms > RECUR_SLOW_MS)
		b->spent_ms += ms;
	if (over || (tight && ms > RECUR_SLOW_MS)) {
		drop(b, a);
		return true;
	}
	if (n == 0)
		return true;
	struct feed_occurrence *occ = arena_alloc(arena, (a->n_occurrences + n) * sizeof(*occ));
	if (!occ)
		return false;
	if (a->n_occurrences)
		memcpy(occ, a->occurrences, a->n_occurrences * sizeof(*occ));
	memcpy(occ + a->n_occurrences, found, n * sizeof(*occ));
	a->occurrences = occ;
	a->n_occurrences += n;
	return true;
}

bool recur_expand_feed(struct feed *f, int64_t from, int64_t until, struct recur_budget *budget)
{
	for (size_t i = 0; i < f->n_activities; i++)
		if (!recur_expand(&f->arena, &f->activities[i], f->header.timezone, from, until,
				  budget))
			return false;
	return true;
}
