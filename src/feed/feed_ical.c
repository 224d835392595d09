/* SPDX-License-Identifier: EUPL-1.2 */
/* feed_ical: iCalendar into struct feed (libical and ICU, opened lazily). */
#include "config.h"

#include "feed/feed_ical.h"

#include "feed/feed_json.h"
#include "feed/markup.h"
#include "util/i18n.h"
#include "feed/ical_nesting.h"
#include "feed/ical_zone.h"
#include "util/lazy.h"
#include "feed/recur.h"
#include "util/fold.h"
#include "util/strset.h"
#include "util/text.h"
#include "feed/vocabulary.h"

#include <libical/ical.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicode/ucal.h>
#include <unicode/uvernum.h>

/* libical, opened on first use like recur.c's (the kiosk never needs it). */
#define LIBICAL_FUNCTIONS(F)                                                                       \
	F(parse_string, "icalparser_parse_string", icalcomponent *, (const char *))                \
	F(free, "icalcomponent_free", void, (icalcomponent *))                                     \
	F(isa, "icalcomponent_isa", icalcomponent_kind, (const icalcomponent *))                   \
	F(first_component, "icalcomponent_get_first_component", icalcomponent *,                   \
	  (icalcomponent *, icalcomponent_kind))                                                   \
	F(next_component, "icalcomponent_get_next_component", icalcomponent *,                     \
	  (icalcomponent *, icalcomponent_kind))                                                   \
	F(first_property, "icalcomponent_get_first_property", icalproperty *,                      \
	  (icalcomponent *, icalproperty_kind))                                                    \
	F(next_property, "icalcomponent_get_next_property", icalproperty *,                        \
	  (icalcomponent *, icalproperty_kind))                                                    \
	F(value, "icalproperty_get_value", icalvalue *, (const icalproperty *))                    \
	F(text, "icalvalue_get_text", const char *, (const icalvalue *))                           \
	F(datetime, "icalvalue_get_datetime", struct icaltimetype, (const icalvalue *))            \
	F(integer, "icalvalue_get_integer", int, (const icalvalue *))                              \
	F(as_string, "icalproperty_get_value_as_string", const char *, (const icalproperty *))     \
	F(rdate, "icalproperty_get_rdate", struct icaldatetimeperiodtype, (const icalproperty *))  \
	F(duration, "icalproperty_get_duration", struct icaldurationtype, (const icalproperty *))  \
	F(duration_seconds, "icaldurationtype_as_int", int, (struct icaldurationtype))             \
	F(status, "icalproperty_get_status", enum icalproperty_status, (const icalproperty *))     \
	F(x_name, "icalproperty_get_x_name", const char *, (icalproperty *))                       \
	F(x, "icalproperty_get_x", const char *, (const icalproperty *))                           \
	F(first_parameter, "icalproperty_get_first_parameter", icalparameter *,                    \
	  (icalproperty *, icalparameter_kind))                                                    \
	F(tzid, "icalparameter_get_tzid", const char *, (const icalparameter *))                   \
	F(range, "icalparameter_get_range", icalparameter_range, (const icalparameter *))          \
	F(builtin, "icaltimezone_get_builtin_timezone", icaltimezone *, (const char *))            \
	F(utc, "icaltimezone_get_utc_timezone", icaltimezone *, (void))                            \
	F(calendar_zone, "icalcomponent_get_timezone", icaltimezone *,                             \
	  (icalcomponent *, const char *))                                                         \
	F(as_timet, "icaltime_as_timet_with_zone", time_t,                                         \
	  (const struct icaltimetype, const icaltimezone *))                                       \
	F(from_timet, "icaltime_from_timet_with_zone", struct icaltimetype,                        \
	  (const time_t, const int, const icaltimezone *))                                         \
	F(is_null, "icaltime_is_null_time", int, (const struct icaltimetype))                      \
	F(errors_are_fatal, "icalerror_set_errors_are_fatal", void, (int))

static struct {
	LIBICAL_FUNCTIONS(LAZY_MEMBER)
} L;

/* ICU's Windows to IANA zone names; ICU's symbols carry its version. */
#define SYMBOL_NAME(f) #f
#define SYMBOL(f) SYMBOL_NAME(f)
static int32_t (*windows_zone)(const UChar *, int32_t, const char *, UChar *, int32_t,
			       UErrorCode *);

static bool loaded;
static char load_error[256];

static void load(void)
{
	static const char *const names[] = {LIBICAL_FUNCTIONS(LAZY_NAME)};
#define SLOT(member, symbol, ret, params) (void **)&L.member,
	void **const slots[] = {LIBICAL_FUNCTIONS(SLOT)};
#undef SLOT
	loaded = lazy_resolve("libical.so.3", names, slots, sizeof(names) / sizeof(*names),
			      load_error, sizeof(load_error));
	if (loaded)
		L.errors_are_fatal(0);
	/* Without ICU only the Windows names are lost. */
	static const char *const icu_names[] = {SYMBOL(ucal_getTimeZoneIDForWindowsID)};
	void **const icu_slots[] = {(void **)&windows_zone};
	char ignored[256];
	if (!lazy_resolve("libicui18n.so." U_ICU_VERSION_SHORT, icu_names, icu_slots, 1, ignored,
			  sizeof(ignored)))
		windows_zone = NULL;
}

/* A zone: where its times are, and the IANA name a schedule can carry
 * (NULL: the zone is the file's own, or floating; then times are
 * converted to the feed's zone). */
struct zone {
	icaltimezone *tz;
	const char *iana;
};

struct parse {
	struct feed *f;
	struct diag *d;
	const struct ical_options *o;
	icalcomponent *calendar;
	icaltimezone *local; /* the feed's zone: floating times are in it */
	size_t cap_activities;
	struct feed_lookup places, organizations, activities_by_id;
	struct strset uids;
	/* The newest version of each event (UID and RECURRENCE-ID) of the
	 * calendar at hand: newest[i] of the key versions says is at i. */
	struct feed_lookup versions;
	icalcomponent **newest;
	struct feed_lookup all_day; /* the UIDs of series of whole days */
	icaltimezone *wr_zone;	    /* X-WR-TIMEZONE: floating times are in it */
	const char *wr_iana;
	const char *organizer_id;
	const char *event; /* the event at hand, for warnings */
	char *unknown;	   /* categories that named no topic, for one warning */
	size_t unknown_len;
	/* The calendar's own zone last matched to an IANA one (ical_zone.h),
	 * and what it matched (NULL: none). */
	icaltimezone *own_zone;
	const char *own_iana;
};

static const char *keep(struct parse *p, const char *s)
{
	return s ? arena_strndup(&p->f->arena, s, strlen(s)) : NULL;
}

/* The IANA name of the Windows zone name tzid, into out. */
static bool from_windows(const char *tzid, char *out, size_t size)
{
	UChar win[128], id[128];
	size_t n = strlen(tzid);
	if (!windows_zone || n >= sizeof(win) / sizeof(*win))
		return false;
	for (size_t i = 0; i < n; i++) {
		if ((unsigned char)tzid[i] >= 0x80)
			return false; /* Windows names are ASCII */
		win[i] = (UChar)tzid[i];
	}
	/* Finland's zone first ("FLE Standard Time" is Helsinki here, Kyiv
	 * elsewhere), then the name's own. */
	UErrorCode status = U_ZERO_ERROR;
	int32_t len = windows_zone(win, (int32_t)n, "FI", id, 128, &status);
	if (U_FAILURE(status) || len <= 0) {
		status = U_ZERO_ERROR;
		len = windows_zone(win, (int32_t)n, NULL, id, 128, &status);
	}
	if (U_FAILURE(status) || len <= 0 || (size_t)len >= size)
		return false;
	for (int32_t i = 0; i < len; i++)
		out[i] = id[i] < 0x80 ? (char)id[i] : '?';
	out[len] = '\0';
	return true;
}

/* The zone of a time property: its TZID as IANA, Windows (ICU) or the
 * file's VTIMEZONE; UTC for "Z" times; the feed's zone for floating ones. */
static struct zone zone_of(struct parse *p, icalproperty *prop, struct icaltimetype t)
{
	icalparameter *param = L.first_parameter(prop, ICAL_TZID_PARAMETER);
	const char *tzid = param ? L.tzid(param) : NULL;
	if (!tzid)
		return t.zone == L.utc() ? (struct zone){L.utc(), "UTC"}
		       /* A day is the lobby's day, whatever zone the calendar keeps. */
		       : p->wr_zone && !t.is_date ? (struct zone){p->wr_zone, p->wr_iana}
						  : (struct zone){p->local, NULL};
	icaltimezone *tz = L.builtin(tzid);
	if (tz)
		return (struct zone){tz, keep(p, tzid)};
	/* Globally unique names without their VTIMEZONE, Evolution's among
	 * them: "/mozilla.org/20050126_1/Europe/Helsinki",
	 * "/softwarestudio.org/Tzfile/Europe/Helsinki": the IANA name at
	 * their end. */
	for (const char *s = strchr(tzid, '/'); s; s = strchr(s + 1, '/'))
		if ((tz = L.builtin(s + 1)))
			return (struct zone){tz, keep(p, s + 1)};
	char iana[128];
	if (from_windows(tzid, iana, sizeof(iana)) && (tz = L.builtin(iana)))
		return (struct zone){tz, keep(p, iana)};
	if ((tz = L.calendar_zone(p->calendar, tzid))) {
		if (tz != p->own_zone) { /* Outlook's "Customized Time Zone" and the like */
			char matched[128];
			p->own_zone = tz;
			p->own_iana =
			    ical_zone_match(tz, L.as_timet(t, tz), matched, sizeof(matched))
				? keep(p, matched)
				: NULL;
			if (!p->own_iana)
				diag_warn(
				    p->d,
				    _("time zone \"%s\" of the calendar follows no known zone's "
				      "rules: its repeating dates follow the feed's daylight "
				      "saving"),
				    tzid);
		}
		if (p->own_iana)
			return (struct zone){L.builtin(p->own_iana), p->own_iana};
		return (struct zone){tz, NULL};
	}
	diag_warn(p->d, _("event \"%s\": unknown time zone \"%s\", taken as the feed's"), p->event,
		  tzid);
	return (struct zone){p->local, NULL};
}

static time_t time_of(struct icaltimetype t, struct zone z)
{
	return ical_zone_time(t, z.tz); /* a time in a gap as RFC 5545 reads it */
}

/* t as wall time in zone into ("2026-09-01T18:00:00"). */
static const char *wall_time(struct parse *p, time_t t, icaltimezone *zone)
{
	struct icaltimetype w = L.from_timet(t, 0, zone);
	char buf[32];
	snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d", w.year, w.month, w.day, w.hour,
		 w.minute, w.second);
	return keep(p, buf);
}

/* The text of property kind of event, cleaned, or NULL. */
static const char *text_of(struct parse *p, icalcomponent *event, icalproperty_kind kind,
			   enum text_mode mode, size_t cap)
{
	icalproperty *prop = L.first_property(event, kind);
	icalvalue *v = prop ? L.value(prop) : NULL;
	const char *raw = kind == ICAL_URL_PROPERTY ? (prop ? L.as_string(prop) : NULL)
			  : v			    ? L.text(v)
						    : NULL;
	if (!raw || !*raw)
		return NULL;
	char why[160] = "";
	char *clean = mode == TEXT_PARAGRAPHS ? markup_clean(raw, mode, why, sizeof(why))
					      : text_clean(raw, strlen(raw), mode);
	if (*why)
		diag_warn(p->d, _("event \"%s\": its HTML could not be read (%s)"), p->event, why);
	const char *out = NULL;
	if (clean && *clean && text_char_count(clean) <= cap)
		out = keep(p, clean);
	else if (clean && *clean)
		diag_warn(p->d, _("event \"%s\": a text longer than %zu characters (left out)"),
			  p->event, cap);
	free(clean);
	return out;
}

/* The place named location, added once (its name is its id). */
static const char *place_of(struct parse *p, const char *location)
{
	bool added;
	struct feed_place *x = feed_place_for(p->f, &p->places, location, &added);
	if (x && added)
		x->name.fi = location;
	return x ? x->id : NULL;
}

/* Sets the text of a's language. */
static void set_text(const struct parse *p, struct ml *m, const char *text)
{
	const char *lang = p->o->language ? p->o->language : "fi";
	if (!strcmp(lang, "sv"))
		m->sv = text;
	else if (!strcmp(lang, "en"))
		m->en = text;
	else
		m->fi = text;
	if (!m->fi)
		m->fi = text; /* Finnish is every text's fallback */
}

static void note_unknown(void *arg, const char *word)
{
	struct parse *p = arg;
	if (p->unknown && strstr(p->unknown, word))
		return;
	size_t n = strlen(word);
	char *grown = realloc(p->unknown, p->unknown_len + n + 3);
	if (!grown)
		return;
	if (p->unknown_len)
		memcpy(grown + p->unknown_len, ", ", 2), p->unknown_len += 2;
	memcpy(grown + p->unknown_len, word, n + 1);
	p->unknown = grown;
	p->unknown_len += n;
}

static void add_categories(struct parse *p, icalcomponent *event, struct feed_activity *a)
{
	if (p->o->topics)
		vocabulary_add_named(p->f, a, p->o->topics, NULL, note_unknown, p);
	for (icalproperty *c = L.first_property(event, ICAL_CATEGORIES_PROPERTY); c;
	     c = L.next_property(event, ICAL_CATEGORIES_PROPERTY)) {
		icalvalue *v = L.value(c);
		const char *word = v ? L.text(v) : NULL;
		/* One category per value, an escaped comma and all. */
		char *clean = word ? text_clean(word, strlen(word), TEXT_LINE) : NULL;
		if (clean && *clean && vocabulary_add_one(p->f, a, clean, p->o->categories) == 0)
			note_unknown(p, clean);
		free(clean);
	}
}

/* Occurrences one activity may list itself (RDATEs, overrides). */
static bool add_occurrence(struct parse *p, struct feed_activity *a, int64_t start, int64_t end,
			   const char *status)
{
	struct feed_occurrence *v =
	    arena_resize(&p->f->arena, a->occurrences, a->n_occurrences * sizeof(*v),
			 (a->n_occurrences + 1) * sizeof(*v));
	if (!v)
		return false;
	v[a->n_occurrences++] = (struct feed_occurrence){start, end, status, {0}};
	a->occurrences = v;
	return true;
}

static bool add_exdate(struct parse *p, struct feed_schedule *s, const char *wall)
{
	const char **v = arena_resize(&p->f->arena, s->exdates.v, s->exdates.n * sizeof(*v),
				      (s->exdates.n + 1) * sizeof(*v));
	if (!v || !wall)
		return false;
	v[s->exdates.n++] = wall;
	s->exdates.v = v;
	return true;
}

/* When the event starts and how long it lasts; false when it has no
 * DTSTART. An all-day event lasts its days; one whose end comes before its
 * start lasts no time (*reversed, when given, says so). */
static bool span_of(struct parse *p, icalcomponent *event, struct zone *z, time_t *start,
		    int64_t *seconds, bool *reversed)
{
	icalproperty *dtstart = L.first_property(event, ICAL_DTSTART_PROPERTY);
	struct icaltimetype t = dtstart ? L.datetime(L.value(dtstart)) : (struct icaltimetype){0};
	if (!dtstart || L.is_null(t))
		return false;
	*z = zone_of(p, dtstart, t);
	*start = time_of(t, *z);
	*seconds = t.is_date ? 86400 : 0;
	icalproperty *dtend = L.first_property(event, ICAL_DTEND_PROPERTY);
	icalproperty *duration = L.first_property(event, ICAL_DURATION_PROPERTY);
	if (dtend) {
		struct icaltimetype e = L.datetime(L.value(dtend));
		if (!L.is_null(e))
			*seconds = (int64_t)time_of(e, zone_of(p, dtend, e)) - *start;
	} else if (duration) {
		*seconds = L.duration_seconds(L.duration(duration));
	}
	if (reversed)
		*reversed = *seconds < 0;
	if (*seconds < 0)
		*seconds = 0;
	return true;
}

/* The day t names, as a schedule's date ("2026-12-08"), in the arena:
 * its own calendar fields, in whatever zone it is written. */
static const char *day_text(struct parse *p, struct icaltimetype t)
{
	char buf[16];
	snprintf(buf, sizeof(buf), "%04d-%02d-%02d", t.year, t.month, t.day);
	return keep(p, buf);
}

/* The local midnight that starts the day t names. */
static time_t day_start(struct parse *p, struct icaltimetype t)
{
	struct icaltimetype d = {.year = t.year, .month = t.month, .day = t.day, .is_date = 1};
	return time_of(d, (struct zone){p->local, NULL});
}

/* rule with its UNTIL through the whole last day: a DATE ("UNTIL=20190830",
 * as Google writes it) and, for a series of whole days, a UTC time
 * ("UTC=20200415T220000Z", Outlook's: the day it falls on in UTC) both
 * name the last day, which libical lost against a series of local
 * midnights. In the arena. */
static const char *until_through_day(struct parse *p, const char *rule, bool whole_days)
{
	const char *u = strstr(rule, "UNTIL=");
	if (!u)
		return keep(p, rule);
	u += strlen("UNTIL=");
	size_t n = strspn(u, "0123456789TZ");
	bool date = n == 8, utc = n == 16 && u[8] == 'T' && u[15] == 'Z';
	if (!date && !(utc && whole_days))
		return keep(p, rule);
	char buf[512];
	if (snprintf(buf, sizeof(buf), "%.*s%.8sT235959%s", (int)(u - rule), rule, u, u + n) >=
	    (int)sizeof(buf))
		return keep(p, rule);
	return keep(p, buf);
}

/* Adds each RDATE of event to a's dates (a period's own end, else the
 * event's length), but one already there: an RDATE on DTSTART or on a
 * date given twice is one date (RFC 5545 3.8.5.2). */
static bool add_rdates(struct parse *p, icalcomponent *event, struct feed_activity *a,
		       int64_t seconds)
{
	for (icalproperty *r = L.first_property(event, ICAL_RDATE_PROPERTY); r;
	     r = L.next_property(event, ICAL_RDATE_PROPERTY)) {
		struct icaldatetimeperiodtype dp = L.rdate(r);
		bool period = L.is_null(dp.time);
		struct icaltimetype t = period ? dp.period.start : dp.time;
		if (L.is_null(t))
			continue;
		time_t from = time_of(t, zone_of(p, r, t));
		int64_t to = period && !L.is_null(dp.period.end)
				 ? (int64_t)time_of(dp.period.end, zone_of(p, r, dp.period.end))
			     : seconds ? from + seconds
				       : 0;
		bool again = false;
		for (size_t i = 0; i < a->n_occurrences && !again; i++)
			again = a->occurrences[i].start == from;
		if (!again && !add_occurrence(p, a, from, to, NULL))
			return false;
	}
	return true;
}

/* Removes from a's dates those an EXDATE of event names: an EXDATE
 * removes an RDATE too (RFC 5545 3.8.5.1); against whole days it names a
 * day. */
static void remove_exdated(struct parse *p, icalcomponent *event, struct feed_activity *a,
			   bool whole_days)
{
	for (icalproperty *x = L.first_property(event, ICAL_EXDATE_PROPERTY); x;
	     x = L.next_property(event, ICAL_EXDATE_PROPERTY)) {
		struct icaltimetype t = L.datetime(L.value(x));
		if (L.is_null(t))
			continue;
		time_t gone = whole_days ? day_start(p, t) : time_of(t, zone_of(p, x, t));
		size_t kept = 0;
		for (size_t i = 0; i < a->n_occurrences; i++)
			if (a->occurrences[i].start != gone)
				a->occurrences[kept++] = a->occurrences[i];
		a->n_occurrences = kept;
	}
}

/* Whether rule ends (UNTIL) before its first date, start (its wall time
 * dtstart for a floating UNTIL): the series is DTSTART alone then, which
 * RFC 5545 always counts as its first date. */
static bool ends_before_start(const char *rule, const char *dtstart, time_t start)
{
	const char *u = strstr(rule, "UNTIL=");
	int y, mo, d, h = 23, mi = 59, sec = 59, n = 0;
	if (!u || sscanf(u += strlen("UNTIL="), "%4d%2d%2d%n", &y, &mo, &d, &n) != 3 || n != 8 ||
	    (u[8] == 'T' && sscanf(u + 9, "%2d%2d%2d", &h, &mi, &sec) != 3))
		return false;
	if (u[8] == 'T' && u[15] == 'Z') {
		struct tm tm = {.tm_year = y - 1900,
				.tm_mon = mo - 1,
				.tm_mday = d,
				.tm_hour = h,
				.tm_min = mi,
				.tm_sec = sec};
		return timegm(&tm) < start;
	}
	char wall[32];
	snprintf(wall, sizeof(wall), "%04d-%02d-%02dT%02d:%02d:%02d", y, mo, d, h, mi, sec);
	return strcmp(wall, dtstart) < 0;
}

/* An event's dates: DTSTART with its RDATEs, less its EXDATEs, or a
 * schedule in its zone (with its EXDATEs) and its RDATEs. */
static bool read_dates(struct parse *p, icalcomponent *event, struct feed_activity *a)
{
	struct zone z;
	time_t start;
	int64_t seconds;
	bool reversed;
	if (!span_of(p, event, &z, &start, &seconds, &reversed)) {
		diag_warn(p->d, _("event \"%s\": no start (DTSTART) (event skipped)"), p->event);
		return false;
	}
	/* What is guessed is said, so that `check` shows it. */
	if (reversed)
		diag_warn(p->d, _("event \"%s\": it ends before it starts (shown with no end)"),
			  p->event);
	icalproperty *dtstart = L.first_property(event, ICAL_DTSTART_PROPERTY);
	bool whole_days = L.datetime(L.value(dtstart)).is_date;
	icalproperty *rrule = L.first_property(event, ICAL_RRULE_PROPERTY);
	if (rrule && L.next_property(event, ICAL_RRULE_PROPERTY))
		diag_warn(p->d,
			  _("event \"%s\": more than one repeat rule (RRULE): the first is "
			    "read, the others ignored"),
			  p->event);

	struct feed_schedule *s = &a->schedule;
	icaltimezone *wall_zone = z.iana ? z.tz : p->local;
	if (rrule) {
		s->rrule = until_through_day(p, L.as_string(rrule), whole_days);
		s->dtstart = wall_time(p, start, wall_zone);
		if (!s->rrule || !s->dtstart)
			return false;
	}
	if (!rrule || ends_before_start(s->rrule, s->dtstart, start)) {
		*s = (struct feed_schedule){0};
		if (!add_occurrence(p, a, start, seconds ? start + seconds : 0, NULL) ||
		    !add_rdates(p, event, a, seconds))
			return false;
		remove_exdated(p, event, a, whole_days);
		return true;
	}
	if (whole_days && !feed_lookup_add(&p->all_day, &p->f->arena, a->id, 0))
		return false;
	s->tzid = z.iana;
	if (seconds) {
		char d[32];
		snprintf(d, sizeof(d), "PT%lldS", (long long)seconds);
		s->duration = keep(p, d);
	}
	for (icalproperty *x = L.first_property(event, ICAL_EXDATE_PROPERTY); x;
	     x = L.next_property(event, ICAL_EXDATE_PROPERTY)) {
		struct icaltimetype t = L.datetime(L.value(x));
		/* Against whole days, an EXDATE names a day, in whatever zone
		 * or form it is written (Outlook's "W. Europe Standard Time"). */
		if (!L.is_null(t) &&
		    !add_exdate(p, s,
				whole_days ? day_text(p, t)
					   : wall_time(p, time_of(t, zone_of(p, x, t)), wall_zone)))
			return false;
	}
	if (!add_rdates(p, event, a, seconds))
		return false;
	remove_exdated(p, event, a, whole_days);
	char why[160];
	if (!recur_check(s, why, sizeof(why))) {
		diag_warn(p->d,
			  _("event \"%s\": its repeat rule cannot be used: %s (event skipped)"),
			  p->event, why);
		return false;
	}
	return true;
}

static struct feed_activity *find_activity(struct parse *p, const char *uid)
{
	long at = feed_lookup_find(&p->activities_by_id, uid);
	return at < 0 ? NULL : &p->f->activities[at];
}

/* A VEVENT without RECURRENCE-ID: an activity of its own. */
static void add_event(struct parse *p, icalcomponent *event, const char *uid)
{
	struct feed_activity a = {.id = uid, .type = "event", .organizer_id = p->organizer_id};
	const char *summary = text_of(p, event, ICAL_SUMMARY_PROPERTY, TEXT_LINE, FEED_MAX_NAME);
	if (!summary) {
		diag_warn(p->d, _("event \"%s\": no name (SUMMARY) (event skipped)"), p->event);
		return;
	}
	p->event = summary;
	if (strset_has(&p->uids, uid)) {
		diag_warn(p->d, _("event \"%s\": the same UID as an earlier event (event skipped)"),
			  p->event);
		return;
	}
	set_text(p, &a.name, summary);
	set_text(
	    p, &a.description,
	    text_of(p, event, ICAL_DESCRIPTION_PROPERTY, TEXT_PARAGRAPHS, FEED_MAX_DESCRIPTION));
	const char *location = text_of(p, event, ICAL_LOCATION_PROPERTY, TEXT_LINE, FEED_MAX_NAME);
	if (location) {
		a.place_id = place_of(p, location);
		a.attendance_mode = "offline";
	}
	const char *url = text_of(p, event, ICAL_URL_PROPERTY, TEXT_LINE, FEED_MAX_FIELD);
	if (url && (!strncmp(url, "https://", 8) || !strncmp(url, "http://", 7)))
		a.info_url = url;
	icalproperty *status = L.first_property(event, ICAL_STATUS_PROPERTY);
	if (status && L.status(status) == ICAL_STATUS_CANCELLED)
		a.event_status = "EventCancelled";
	add_categories(p, event, &a);
	if (!read_dates(p, event, &a))
		return;
	if (!strset_add(&p->uids, uid) ||
	    !arena_room(&p->f->arena, (void **)&p->f->activities, p->f->n_activities,
			&p->cap_activities, sizeof(*p->f->activities)) ||
	    !feed_lookup_add(&p->activities_by_id, &p->f->arena, a.id, p->f->n_activities)) {
		diag_warn(p->d, _("event \"%s\": out of memory (event skipped)"), p->event);
		return;
	}
	p->f->activities[p->f->n_activities++] = a;
}

/* What one date's own VEVENT says that its series does not: its name,
 * its place, its text (shortened), joined by " · "; NULL when nothing
 * differs. In the arena. */
static const char *override_note(struct parse *p, icalcomponent *event,
				 const struct feed_activity *a)
{
	const char *name = text_of(p, event, ICAL_SUMMARY_PROPERTY, TEXT_LINE, FEED_MAX_NAME);
	const char *location = text_of(p, event, ICAL_LOCATION_PROPERTY, TEXT_LINE, FEED_MAX_NAME);
	const char *text =
	    text_of(p, event, ICAL_DESCRIPTION_PROPERTY, TEXT_PARAGRAPHS, FEED_MAX_DESCRIPTION);
	const char *series_name = ml_get(&a->name, p->o->language);
	const char *series_text = ml_get(&a->description, p->o->language);
	const char *place = location ? place_of(p, location) : NULL;
	const char *parts[3] = {name && (!series_name || strcmp(name, series_name)) ? name : NULL,
				place && (!a->place_id || strcmp(place, a->place_id)) ? location
										      : NULL,
				text && (!series_text || strcmp(text, series_text)) ? text : NULL};
	char *shortened = parts[2] ? text_shorten(parts[2], 120) : NULL;
	if (shortened)
		shortened[strcspn(shortened, "\n")] = '\0'; /* its first paragraph */
	parts[2] = shortened;
	size_t len = 0;
	for (size_t i = 0; i < 3; i++)
		len += parts[i] ? strlen(parts[i]) + strlen(" · ") : 0;
	char *note = len ? arena_alloc(&p->f->arena, len + 1) : NULL;
	if (note) {
		*note = '\0';
		for (size_t i = 0; i < 3; i++)
			if (parts[i]) {
				if (*note)
					strcat(note, " · ");
				strcat(note, parts[i]);
			}
	}
	free(shortened);
	return note;
}

/* The note of the occurrence just added to a. */
static void note_last(struct parse *p, icalcomponent *event, struct feed_activity *a)
{
	if (a->n_occurrences)
		set_text(p, &a->occurrences[a->n_occurrences - 1].note, override_note(p, event, a));
}

/* A VEVENT with RECURRENCE-ID: one date of its series moved or cancelled. */
/* An instance of a series without a rule (its DTSTART and RDATEs, or
 * instances exported alone): the date it replaces moves, or is cancelled;
 * one not among them is one more. */
static void move_single_date(struct parse *p, icalcomponent *event, struct feed_activity *a,
			     time_t original)
{
	icalproperty *status = L.first_property(event, ICAL_STATUS_PROPERTY);
	bool cancelled = status && L.status(status) == ICAL_STATUS_CANCELLED;
	struct zone z;
	time_t start = original;
	int64_t seconds = 0;
	if (!cancelled && !span_of(p, event, &z, &start, &seconds, NULL))
		return;
	struct feed_occurrence moved = {.start = start,
					.end = seconds ? start + seconds : 0,
					.status = cancelled	      ? "EventCancelled"
						  : start != original ? "EventRescheduled"
								      : NULL};
	const char *note = cancelled ? NULL : override_note(p, event, a);
	for (size_t i = 0; i < a->n_occurrences; i++)
		if (a->occurrences[i].start == original) {
			a->occurrences[i] = moved;
			set_text(p, &a->occurrences[i].note, note);
			return;
		}
	if (!add_occurrence(p, a, moved.start, moved.end, moved.status))
		diag_warn(p->d, _("event \"%s\": out of memory (a date left out)"), p->event);
	else
		set_text(p, &a->occurrences[a->n_occurrences - 1].note, note);
}

/* RANGE=THISANDFUTURE: this instance and every later one move as this
 * one did and last as long (RFC 5545 3.8.4.4), the rule's and the dates
 * given beside it (RDATE) alike. False when it is no move (a cancellation,
 * no readable time): the one instance is then taken as it is. */
static bool move_from_here_on(struct parse *p, icalcomponent *event, struct feed_activity *a,
			      time_t original)
{
	icalproperty *status = L.first_property(event, ICAL_STATUS_PROPERTY);
	struct zone z;
	time_t start;
	int64_t seconds;
	if ((status && L.status(status) == ICAL_STATUS_CANCELLED) ||
	    !span_of(p, event, &z, &start, &seconds, NULL))
		return false;
	struct feed_schedule *s = &a->schedule;
	struct feed_shift *v = arena_resize(&p->f->arena, s->shifts, s->n_shifts * sizeof(*v),
					    (s->n_shifts + 1) * sizeof(*v));
	if (!v) {
		diag_warn(p->d, _("event \"%s\": out of memory (a date left out)"), p->event);
		return true;
	}
	size_t at = s->n_shifts;
	while (at > 0 && v[at - 1].from > original) {
		v[at] = v[at - 1];
		at--;
	}
	v[at] = (struct feed_shift){.from = original, .by = start - original, .duration = seconds};
	s->shifts = v;
	s->n_shifts++;
	for (size_t i = 0; i < a->n_occurrences; i++) {
		struct feed_occurrence *o = &a->occurrences[i];
		if (o->start < original || o->status)
			continue;
		o->start += start - original;
		o->end = seconds ? o->start + seconds : o->end ? o->end + (start - original) : 0;
	}
	return true;
}

static void add_override(struct parse *p, icalcomponent *event, icalproperty *recurrence,
			 const char *uid)
{
	struct feed_activity *a = find_activity(p, uid);
	struct icaltimetype id = L.datetime(L.value(recurrence));
	if (L.is_null(id)) {
		diag_warn(p->d, _("event \"%s\": its RECURRENCE-ID is no date (ignored)"),
			  p->event);
		return;
	}
	/* An instance whose series is not in the file (a shared instance
	 * that Google or iCloud exports alone) is an event of its own. */
	if (!a) {
		add_event(p, event, uid);
		return;
	}
	/* Against a series of whole days, the RECURRENCE-ID names a day,
	 * however it is written ("20200921T000000Z"). */
	bool whole_days = feed_lookup_find(&p->all_day, uid) >= 0;
	time_t original = whole_days ? day_start(p, id) : time_of(id, zone_of(p, recurrence, id));
	if (!a->schedule.rrule) {
		move_single_date(p, event, a, original);
		return;
	}
	icalparameter *range = L.first_parameter(recurrence, ICAL_RANGE_PARAMETER);
	if (range && L.range(range) == ICAL_RANGE_THISANDFUTURE &&
	    move_from_here_on(p, event, a, original))
		return;
	icaltimezone *wall_zone = a->schedule.tzid ? L.builtin(a->schedule.tzid) : p->local;
	if (!add_exdate(p, &a->schedule,
			whole_days ? day_text(p, id) : wall_time(p, original, wall_zone)))
		return;
	icalproperty *status = L.first_property(event, ICAL_STATUS_PROPERTY);
	struct zone z;
	time_t start;
	int64_t seconds;
	if (status && L.status(status) == ICAL_STATUS_CANCELLED)
		add_occurrence(p, a, original, 0, "EventCancelled");
	else if (span_of(p, event, &z, &start, &seconds, NULL) &&
		 add_occurrence(p, a, start, seconds ? start + seconds : 0,
				start != original ? "EventRescheduled" : NULL))
		note_last(p, event, a);
}

/* The events of one VCALENDAR: the series first, then their overrides. */
/* How new a version of an event is: its SEQUENCE, then LAST-MODIFIED,
 * then DTSTAMP (RFC 5545 3.8.7). */
struct version {
	int sequence;
	time_t modified, stamp;
};

static time_t utc_time_of(struct parse *p, icalcomponent *e, icalproperty_kind kind)
{
	icalproperty *prop = L.first_property(e, kind);
	struct icaltimetype t = prop ? L.datetime(L.value(prop)) : (struct icaltimetype){0};
	return prop && !L.is_null(t) ? time_of(t, zone_of(p, prop, t)) : 0;
}

static struct version version_of(struct parse *p, icalcomponent *e)
{
	icalproperty *sequence = L.first_property(e, ICAL_SEQUENCE_PROPERTY);
	return (struct version){sequence ? L.integer(L.value(sequence)) : 0,
				utc_time_of(p, e, ICAL_LASTMODIFIED_PROPERTY),
				utc_time_of(p, e, ICAL_DTSTAMP_PROPERTY)};
}

static bool newer(struct version a, struct version b)
{
	return a.sequence != b.sequence	  ? a.sequence > b.sequence
	       : a.modified != b.modified ? a.modified > b.modified
					  : a.stamp > b.stamp;
}

/* What makes an event one: its UID and, for one date of a series, its
 * RECURRENCE-ID ("uid\x1f20261208T180000"), in the arena. */
static const char *identity_of(struct parse *p, icalcomponent *e, const char *uid)
{
	icalproperty *recurrence = L.first_property(e, ICAL_RECURRENCEID_PROPERTY);
	const char *at = recurrence ? L.as_string(recurrence) : "";
	size_t n = strlen(uid) + strlen(at ? at : "") + 2;
	char *key = arena_alloc(&p->f->arena, n);
	if (key)
		snprintf(key, n, "%s\x1f%s", uid, at ? at : "");
	return key;
}

/* The newest version of each event of calendar, found before any is read:
 * an event edited and exported twice is read as it was edited last, and a
 * date of a series given twice is one date. */
static bool find_newest(struct parse *p, icalcomponent *calendar)
{
	size_t cap = 0;
	for (icalcomponent *e = L.first_component(calendar, ICAL_VEVENT_COMPONENT); e;
	     e = L.next_component(calendar, ICAL_VEVENT_COMPONENT)) {
		const char *uid = text_of(p, e, ICAL_UID_PROPERTY, TEXT_LINE, FEED_MAX_FIELD);
		const char *key = uid ? identity_of(p, e, uid) : NULL;
		if (!uid)
			continue;
		if (!key)
			return false;
		long at = feed_lookup_find(&p->versions, key);
		if (at >= 0) {
			if (newer(version_of(p, e), version_of(p, p->newest[at])))
				p->newest[at] = e;
			continue;
		}
		if (!arena_room(&p->f->arena, (void **)&p->newest, p->versions.n, &cap,
				sizeof(*p->newest)) ||
		    !feed_lookup_add(&p->versions, &p->f->arena, key, p->versions.n))
			return false;
		p->newest[p->versions.n - 1] = e;
	}
	return true;
}

/* Whether e is the version of its event to read (one without a UID is
 * its own). */
static bool is_newest(struct parse *p, icalcomponent *e, const char *uid)
{
	const char *key = identity_of(p, e, uid);
	long at = key ? feed_lookup_find(&p->versions, key) : -1;
	return at < 0 || p->newest[at] == e;
}

/* X-WR-TIMEZONE (Google's, Apple's): the zone of the calendar's floating
 * times, as their own apps read them. */
static void calendar_zone(struct parse *p, icalcomponent *calendar)
{
	p->wr_zone = NULL;
	p->wr_iana = NULL;
	for (icalproperty *x = L.first_property(calendar, ICAL_X_PROPERTY); x;
	     x = L.next_property(calendar, ICAL_X_PROPERTY)) {
		const char *name = L.x_name(x), *value = L.x(x);
		if (name && value && !strcmp(name, "X-WR-TIMEZONE") &&
		    (p->wr_zone = L.builtin(value)))
			p->wr_iana = keep(p, value);
	}
}

static void read_calendar(struct parse *p, icalcomponent *calendar)
{
	p->calendar = calendar;
	calendar_zone(p, calendar);
	p->versions = (struct feed_lookup){0};
	p->newest = NULL;
	if (!find_newest(p, calendar)) {
		diag_fail(p->d, _("out of memory"));
		return;
	}
	for (int pass = 0; pass < 2; pass++) {
		size_t n = 0;
		for (icalcomponent *e = L.first_component(calendar, ICAL_VEVENT_COMPONENT);
		     e && diag_within_budget(p->d, false);
		     e = L.next_component(calendar, ICAL_VEVENT_COMPONENT)) {
			n++;
			icalproperty *recurrence = L.first_property(e, ICAL_RECURRENCEID_PROPERTY);
			if ((pass == 0) == (recurrence != NULL))
				continue;
			char label[32];
			snprintf(label, sizeof(label), "VEVENT %zu", n);
			const char *uid =
			    text_of(p, e, ICAL_UID_PROPERTY, TEXT_LINE, FEED_MAX_FIELD);
			p->event = uid ? uid : label;
			if (uid && !is_newest(p, e, uid)) {
				diag_warn(
				    p->d,
				    _("event \"%s\": another version of it in the file is read "
				      "instead, the newest by SEQUENCE, LAST-MODIFIED and DTSTAMP "
				      "(this one skipped)"),
				    p->event);
				continue;
			}
			if (!uid)
				uid = keep(p, label); /* no UID: its place in the file */
			if (recurrence)
				add_override(p, e, recurrence, uid);
			else
				add_event(p, e, uid);
		}
	}
}

/* The calendar's name (X-WR-CALNAME): the organiser when none is set. */
static const char *calendar_name(struct parse *p, icalcomponent *calendar)
{
	for (icalproperty *x = L.first_property(calendar, ICAL_X_PROPERTY); x;
	     x = L.next_property(calendar, ICAL_X_PROPERTY)) {
		const char *name = L.x_name(x), *value = L.x(x);
		if (name && value && !strcmp(name, "X-WR-CALNAME")) {
			char *clean = text_clean(value, strlen(value), TEXT_LINE);
			const char *out = clean && *clean ? keep(p, clean) : NULL;
			free(clean);
			return out;
		}
	}
	return NULL;
}

/* Whether what libical read has something outside every calendar (an
 * event after END:VCALENDAR, say), which would read as a calendar with
 * fewer events. */
static bool outside_calendars(icalcomponent *root)
{
	if (L.isa(root) == ICAL_VCALENDAR_COMPONENT)
		return false;
	for (icalcomponent *c = L.first_component(root, ICAL_ANY_COMPONENT); c;
	     c = L.next_component(root, ICAL_ANY_COMPONENT))
		if (L.isa(c) != ICAL_VCALENDAR_COMPONENT)
			return true;
	return false;
}

static bool add_organizer(struct parse *p, const char *name)
{
	p->organizer_id = name;
	return feed_org_for(p->f, &p->organizations, name, name) != NULL;
}

/* Whether buf has a BEGIN:VCALENDAR, in any case: names are
 * case-insensitive (RFC 5545 3.1; "begin:vcalendar" is valid). */
static bool has_calendar(const char *buf, size_t len)
{
	static const char begin[] = "BEGIN:VCALENDAR";
	for (size_t i = 0; i + sizeof(begin) - 1 <= len; i++)
		if ((buf[i] == 'B' || buf[i] == 'b') &&
		    !strncasecmp(buf + i, begin, sizeof(begin) - 1))
			return true;
	return false;
}

struct feed *feed_ical_parse(const char *buf, size_t len, const struct ical_options *o,
			     struct diag *d)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, load);
	if (!loaded) {
		diag_fail(d, "%s", load_error);
		return NULL;
	}
	if (!has_calendar(buf, len)) {
		diag_fail(d, _("not an iCalendar file: no BEGIN:VCALENDAR"));
		return NULL;
	}
	if (!ical_nesting_whole(buf, len, d))
		return NULL;
	char *text = malloc(len + 1); /* libical reads a C string */
	struct arena arena = {0};
	struct feed *f = text ? arena_alloc(&arena, sizeof(*f)) : NULL;
	if (!f) {
		free(text);
		arena_free(&arena);
		diag_fail(d, _("out of memory"));
		return NULL;
	}
	memcpy(text, buf, len);
	text[len] = '\0';
	*f = (struct feed){.arena = arena};
	f->header.timezone = "Europe/Helsinki";
	struct parse p = {.f = f, .d = d, .o = o, .local = L.builtin(f->header.timezone)};
	icalcomponent *root = L.parse_string(text);
	free(text);
	bool ok = root && vocabulary_add_to(f) && strset_init(&p.uids, &f->arena, len / 16 + 16);
	/* Before the calendars are walked: both use root's one iterator. */
	bool stray = root && outside_calendars(root);
	icalcomponent *first = !root ? NULL
			       : L.isa(root) == ICAL_VCALENDAR_COMPONENT
				   ? root
				   : L.first_component(root, ICAL_VCALENDAR_COMPONENT);
	const char *organizer = o->organizer ? keep(&p, o->organizer) : NULL;
	if (ok && first && !organizer)
		organizer = calendar_name(&p, first);
	if (ok && first)
		ok = add_organizer(&p, organizer ? organizer : keep(&p, o->name ? o->name : "?"));
	if (!root || !first)
		diag_fail(d, _("not an iCalendar file: no calendar (VCALENDAR) could be read"));
	else if (stray)
		diag_fail(d, _("a component outside the calendar (after its END:VCALENDAR?): "
			       "its events would be lost"));
	else if (!ok)
		diag_fail(d, _("out of memory"));
	for (icalcomponent *c = first; ok && c;
	     c = c == root ? NULL : L.next_component(root, ICAL_VCALENDAR_COMPONENT))
		read_calendar(&p, c);
	if (ok && p.unknown)
		diag_summary(d,
			     _("categories that name no topic or life situation of Aulataulu "
			       "(map them with categories = in the source): %s"),
			     p.unknown);
	free(p.unknown);
	if (root)
		L.free(root);
	if (d->error) {
		feed_free(f);
		return NULL;
	}
	return f;
}
