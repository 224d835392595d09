/* SPDX-License-Identifier: EUPL-1.2 */
/* when_text: dates, times and repeats as people write them. */
#include "config.h"

#include "feed/when_text.h"

#include "util/i18n.h"
#include "feed/recur.h"
#include "util/fold.h"
#include "util/timefmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct date {
	int y, m, d;
};

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
static long days_of(struct date t)
{
	int y = t.m <= 2 ? t.y - 1 : t.y;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (t.m + (t.m > 2 ? -3 : 9)) + 2) / 5 + t.d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static struct date date_of(long z)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	int d = (int)(doy - (153 * mp + 2) / 5 + 1);
	int m = (int)(mp < 10 ? mp + 3 : mp - 9);
	return (struct date){(int)(yoe + era * 400 + (m <= 2)), m, d};
}

static int days_in_month(int y, int m)
{
	static const int n[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : n[m - 1];
}

/* 0 = Monday, as timefmt_weekday. */
static int weekday_of(long days)
{
	return (int)(((days % 7) + 7 + 3) % 7);
}

/* "24.12.2026", "24.12.2026." or "2026-12-24". */
static bool parse_date(const char *s, struct date *out)
{
	int y, m, d, n = 0;
	bool finnish =
	    sscanf(s, "%d.%d.%d%n", &d, &m, &y, &n) == 3 && (!s[n] || !strcmp(s + n, "."));
	if (!finnish && !(sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && !s[n]))
		return false;
	if (y < 2000 || y > 2100 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return false;
	*out = (struct date){y, m, d};
	return true;
}

/* "18", "18:00", "18.00", "klo 18.00": minutes after midnight. */
static bool parse_time(const char *s, int *minutes)
{
	if (!strncmp(s, "klo ", 4) || !strncmp(s, "kl. ", 4))
		s += 4;
	int h, m = 0, n = 0;
	if (sscanf(s, "%d%n", &h, &n) != 1)
		return false;
	if (s[n] == ':' || s[n] == '.') {
		int k = 0;
		if (sscanf(s + n + 1, "%2d%n", &m, &k) != 1 || k != 2)
			return false;
		n += 1 + k;
	}
	if (s[n] || h < 0 || h > 23 || m < 0 || m > 59)
		return false;
	*minutes = h * 60 + m;
	return true;
}

/* Weekdays by their first two letters in Finnish, Swedish or English;
 * no two of the languages' words disagree ("to" is Thursday in both). */
static const struct {
	const char *start;
	int day;
} weekday_starts[] = {
    {"ma", 0}, {"mo", 0}, {"ti", 1}, {"tu", 1}, {"ke", 2}, {"on", 2}, {"we", 2}, {"to", 3},
    {"th", 3}, {"pe", 4}, {"fr", 4}, {"la", 5}, {"lo", 5}, {"sa", 5}, {"su", 6}, {"so", 6},
};

/* The weekdays of text as bits (1 << 0: Monday), 0 when a word is none. */
static unsigned parse_weekdays(const char *text)
{
	char folded[256];
	fold_lower(text, strlen(text), folded, sizeof(folded));
	unsigned days = 0;
	for (char *w = strtok(folded, " ,/&"); w; w = strtok(NULL, " ,/&")) {
		if (!strcmp(w, "ja") || !strcmp(w, "och") || !strcmp(w, "and"))
			continue;
		int found = -1;
		for (size_t i = 0; i < sizeof(weekday_starts) / sizeof(*weekday_starts); i++)
			if (strlen(w) >= 2 && !strncmp(w, weekday_starts[i].start, 2))
				found = weekday_starts[i].day;
		if (found < 0)
			return 0;
		days |= 1u << found;
	}
	return days;
}

/* The repeat: every `interval` weeks, or (nth != 0) monthly on the nth
 * weekday (-1: the last). */
static bool parse_repeat(const char *text, int *interval, int *nth)
{
	static const struct {
		const char *word;
		int interval, nth;
	} words[] = {
	    {"weekly", 1, 0},
	    {"viikoittain", 1, 0},
	    {"joka viikko", 1, 0},
	    {"varje vecka", 1, 0},
	    {"every week", 1, 0},
	    {"2 weeks", 2, 0},
	    {"every 2 weeks", 2, 0},
	    {"biweekly", 2, 0},
	    {"joka toinen viikko", 2, 0},
	    {"varannan vecka", 2, 0},
	    {"1.", 1, 1},
	    {"1st", 1, 1},
	    {"first", 1, 1},
	    {"ensimmainen", 1, 1},
	    {"forsta", 1, 1},
	    {"2.", 1, 2},
	    {"2nd", 1, 2},
	    {"second", 1, 2},
	    {"toinen", 1, 2},
	    {"andra", 1, 2},
	    {"3.", 1, 3},
	    {"3rd", 1, 3},
	    {"third", 1, 3},
	    {"kolmas", 1, 3},
	    {"tredje", 1, 3},
	    {"4.", 1, 4},
	    {"4th", 1, 4},
	    {"fourth", 1, 4},
	    {"neljas", 1, 4},
	    {"fjarde", 1, 4},
	    {"last", 1, -1},
	    {"viimeinen", 1, -1},
	    {"sista", 1, -1},
	};
	*interval = 1, *nth = 0;
	if (!text)
		return true;
	char w[128];
	fold_lower(text, strlen(text), w, sizeof(w));
	for (size_t i = 0; i < sizeof(words) / sizeof(*words); i++)
		if (!strcmp(w, words[i].word)) {
			*interval = words[i].interval, *nth = words[i].nth;
			return true;
		}
	return false;
}

/* Whether day (since the epoch) is one the rule meets. */
static bool meets(long day, unsigned weekdays, int nth)
{
	if (!(weekdays & (1u << weekday_of(day))))
		return false;
	struct date t = date_of(day);
	if (nth > 0)
		return (t.d - 1) / 7 + 1 == nth;
	if (nth < 0)
		return t.d + 7 > days_in_month(t.y, t.m);
	return true;
}

/* "2026-12-24T18:00:00": a wall time as a schedule writes it. */
static const char *wall_time(struct arena *a, struct date t, int minutes)
{
	char buf[64];
	int n = snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:00", t.y, t.m, t.d,
			 minutes / 60, minutes % 60);
	return arena_strndup(a, buf, (size_t)n);
}

struct reader {
	const char *const *text;
	enum when_field *bad;
	char *why;
	size_t why_size;
};

static bool fail(struct reader *r, enum when_field f, const char *why)
{
	*r->bad = f;
	snprintf(r->why, r->why_size, "%s", why);
	return false;
}

static bool read_date(struct reader *r, enum when_field f, struct date *out)
{
	if (parse_date(r->text[f], out))
		return true;
	char why[200];
	snprintf(why, sizeof(why), _("\"%s\" is not a date (24.12.2026 or 2026-12-24)"),
		 r->text[f]);
	return fail(r, f, why);
}

static bool read_time(struct reader *r, enum when_field f, int *minutes)
{
	if (parse_time(r->text[f], minutes))
		return true;
	char why[200];
	snprintf(why, sizeof(why), _("\"%s\" is not a time of day (18.00)"), r->text[f]);
	return fail(r, f, why);
}

/* One meeting on a date. */
static bool one_date(struct reader *r, struct arena *arena, int start, int end,
		     struct feed_activity *a)
{
	struct date t;
	if (!read_date(r, WHEN_DATE, &t))
		return false;
	char buf[64];
	int64_t from, until = 0;
	snprintf(buf, sizeof(buf), "%d.%d.%d %02d:%02d", t.d, t.m, t.y, start / 60, start % 60);
	if (!timefmt_parse_local(buf, false, &from))
		return fail(r, WHEN_DATE, _("this date and time do not exist here"));
	if (end >= 0) {
		snprintf(buf, sizeof(buf), "%d.%d.%d %02d:%02d", t.d, t.m, t.y, end / 60, end % 60);
		if (!timefmt_parse_local(buf, false, &until))
			return fail(r, WHEN_END, _("this date and time do not exist here"));
	}
	a->occurrences = arena_alloc(arena, sizeof(*a->occurrences));
	if (!a->occurrences)
		return fail(r, WHEN_DATE, _("out of memory"));
	a->occurrences[0] = (struct feed_occurrence){.start = from, .end = until};
	a->n_occurrences = 1;
	return true;
}

/* Meetings on weekdays: an RFC 5545 rule from the first one on or after
 * the from date (or today). */
static bool weekly(struct reader *r, struct arena *arena, int64_t now, int start, int end,
		   struct feed_activity *a)
{
	unsigned days = parse_weekdays(r->text[WHEN_WEEKDAY]);
	if (!days)
		return fail(r, WHEN_WEEKDAY,
			    _("not a weekday (ma, ti, ke, to, pe, la, su, or written out)"));
	int interval, nth;
	if (!parse_repeat(r->text[WHEN_REPEAT], &interval, &nth))
		return fail(r, WHEN_REPEAT,
			    _("not a repeat this program knows: weekly, every 2 weeks, or 1., "
			      "2., 3., 4. or last (weekday of the month)"));
	struct date base;
	if (r->text[WHEN_FROM]) {
		if (!read_date(r, WHEN_FROM, &base))
			return false;
	} else if (interval > 1) {
		return fail(r, WHEN_FROM,
			    _("every other week needs its first date in this column, or the "
			      "weeks are not known"));
	} else {
		char today[TIMEFMT_BUFSIZE];
		timefmt_date(now, today);
		if (!parse_date(today, &base))
			return fail(r, WHEN_FROM, _("the clock's date cannot be read"));
	}
	long first = days_of(base);
	while (!meets(first, days, nth) && first < days_of(base) + 400)
		first++;
	char rule[128];
	int n = snprintf(rule, sizeof(rule), "FREQ=%s", nth ? "MONTHLY" : "WEEKLY");
	if (interval > 1)
		n += snprintf(rule + n, sizeof(rule) - (size_t)n, ";INTERVAL=%d", interval);
	n += snprintf(rule + n, sizeof(rule) - (size_t)n, ";BYDAY=");
	static const char *const names[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
	for (int k = 0, put = 0; k < 7; k++)
		if (days & (1u << k))
			n += snprintf(rule + n, sizeof(rule) - (size_t)n, "%s%.0d%s",
				      put++ ? "," : "", nth, names[k]);
	if (r->text[WHEN_UNTIL]) {
		struct date u;
		if (!read_date(r, WHEN_UNTIL, &u))
			return false;
		if (days_of(u) < first)
			return fail(r, WHEN_UNTIL, _("the last day is before the first meeting"));
		snprintf(rule + n, sizeof(rule) - (size_t)n, ";UNTIL=%04d%02d%02dT235959", u.y, u.m,
			 u.d);
	}
	struct feed_schedule *s = &a->schedule;
	s->rrule = arena_strndup(arena, rule, strlen(rule));
	s->dtstart = wall_time(arena, date_of(first), start);
	if (end >= 0) {
		char d[32];
		snprintf(d, sizeof(d), "PT%dH%dM", (end - start) / 60, (end - start) % 60);
		s->duration = arena_strndup(arena, d, strlen(d));
	}
	/* Dates without a meeting (holidays). */
	const char *except = r->text[WHEN_EXCEPT];
	size_t max = 1;
	for (const char *p = except; p && *p; p++)
		max += *p == ',' || *p == ';' || *p == ' ';
	s->exdates.v = except ? arena_alloc(arena, max * sizeof(*s->exdates.v)) : NULL;
	for (const char *p = except; p && *p && s->exdates.v;) {
		size_t len = strcspn(p, ",; ");
		char word[32];
		snprintf(word, sizeof(word), "%.*s", (int)(len < 31 ? len : 31), p);
		struct date x;
		if (*word && !parse_date(word, &x)) {
			char why[200];
			snprintf(why, sizeof(why),
				 _("\"%s\" is not a date (24.12.2026 or 2026-12-24)"), word);
			return fail(r, WHEN_EXCEPT, why);
		}
		if (*word)
			s->exdates.v[s->exdates.n++] = wall_time(arena, x, start);
		p += len + (p[len] ? 1 : 0);
	}
	char why[160];
	if (!s->rrule || !s->dtstart || (end >= 0 && !s->duration))
		return fail(r, WHEN_REPEAT, _("out of memory"));
	if (!recur_check(s, why, sizeof(why)))
		return fail(r, WHEN_REPEAT, why);
	return true;
}

bool when_text_read(struct arena *arena, const char *const text[N_WHEN_FIELDS], int64_t now,
		    struct feed_activity *a, enum when_field *bad, char *why, size_t why_size)
{
	struct reader r = {text, bad, why, why_size};
	int start = -1, end = -1;
	if (text[WHEN_START] && !read_time(&r, WHEN_START, &start))
		return false;
	if (text[WHEN_END] && !read_time(&r, WHEN_END, &end))
		return false;
	if (end >= 0 && start < 0)
		return fail(&r, WHEN_START, _("an end time needs a start time"));
	if (end >= 0 && end <= start)
		return fail(&r, WHEN_END, _("ends before it starts"));
	if (text[WHEN_DATE] && text[WHEN_WEEKDAY])
		return fail(&r, WHEN_DATE, _("give a date or a weekday, not both"));
	if ((text[WHEN_DATE] || text[WHEN_WEEKDAY]) && start < 0)
		return fail(&r, WHEN_START, _("a date or a weekday needs a start time"));
	if (text[WHEN_DATE])
		return one_date(&r, arena, start, end, a);
	if (text[WHEN_WEEKDAY])
		return weekly(&r, arena, now, start, end, a);
	if (start >= 0 || text[WHEN_REPEAT] || text[WHEN_EXCEPT])
		return fail(&r, WHEN_WEEKDAY, _("a time needs a weekday or a date"));
	/* No dates: shown from and until the days given, if any. */
	struct date t;
	char buf[32];
	if (text[WHEN_FROM]) {
		if (!read_date(&r, WHEN_FROM, &t))
			return false;
		snprintf(buf, sizeof(buf), "%d.%d.%d", t.d, t.m, t.y);
		timefmt_parse_local(buf, false, &a->valid_from);
	}
	if (text[WHEN_UNTIL]) {
		if (!read_date(&r, WHEN_UNTIL, &t))
			return false;
		snprintf(buf, sizeof(buf), "%d.%d.%d", t.d, t.m, t.y);
		timefmt_parse_local(buf, true, &a->valid_until);
	}
	if (a->valid_from && a->valid_until && a->valid_until < a->valid_from)
		return fail(&r, WHEN_UNTIL, _("the last day is before the first"));
	return true;
}
