/* SPDX-License-Identifier: EUPL-1.2 */
/* timefmt: RFC 3339 timestamps and local calendar days. */
#include "config.h"

#include "util/timefmt.h"

#include "util/i18n.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static bool digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Seconds since the epoch of a UTC date and time (a leap second is :59). */
static int64_t utc_seconds(int y, int mo, int d, int h, int mi, int sec)
{
	struct tm tm = {.tm_year = y - 1900,
			.tm_mon = mo - 1,
			.tm_mday = d,
			.tm_hour = h,
			.tm_min = mi,
			.tm_sec = sec > 59 ? 59 : sec};
	return (int64_t)timegm(&tm);
}

/* "+02:00", or with compact "+0200" too (the whole of s): its offset in
 * seconds. */
static bool zone_offset(const char *s, bool compact, int *out)
{
	int h, m;
	size_t len = strlen(s);
	if ((*s != '+' && *s != '-') || !digits(s + 1, 2, &h))
		return false;
	if (!(len == 6 && s[3] == ':' && digits(s + 4, 2, &m)) &&
	    !(compact && len == 5 && digits(s + 3, 2, &m)))
		return false;
	if (h > 23 || m > 59)
		return false;
	*out = (h * 60 + m) * 60 * (*s == '-' ? -1 : 1);
	return true;
}

/* ISO 8601 date and time: RFC 3339 exactly, or (lenient) W3C-DTF as feeds
 * write it: without seconds, with a "+0200" zone or none (UTC). */
static bool parse_iso(const char *s, bool lenient, int64_t *out)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y, mo, d, h, mi, sec = 0;
	if (!s || strlen(s) < 16)
		return false;
	if (!digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &mo) || s[7] != '-' ||
	    !digits(s + 8, 2, &d) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
	    !digits(s + 11, 2, &h) || s[13] != ':' || !digits(s + 14, 2, &mi))
		return false;
	const char *p = s + 16;
	if (*p == ':' && digits(p + 1, 2, &sec))
		p += 3;
	else if (!lenient)
		return false;
	if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] + (mo == 2 && leap(y)) ||
	    h > 23 || mi > 59 || sec > 60)
		return false;
	if (*p == '.') {
		p++;
		if (!isdigit((unsigned char)*p))
			return false;
		while (isdigit((unsigned char)*p))
			p++;
	}
	int offset = 0;
	if ((*p == 'Z' || *p == 'z') && !p[1])
		;
	else if (*p == '+' || *p == '-') {
		if (!zone_offset(p, lenient, &offset))
			return false;
	} else if (*p || !lenient) {
		return false;
	}
	*out = utc_seconds(y, mo, d, h, mi, sec) - offset;
	return true;
}

bool timefmt_parse(const char *s, int64_t *out)
{
	return parse_iso(s, false, out);
}

bool timefmt_parse_w3c(const char *s, int64_t *out)
{
	return parse_iso(s, true, out) || timefmt_parse_date(s, out);
}

bool timefmt_parse_rfc822(const char *s, int64_t *out)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	static const struct {
		const char *name;
		int hours;
	} zones[] = {{"GMT", 0},  {"UT", 0},   {"UTC", 0},  {"Z", 0},	 {"EST", -5}, {"EDT", -4},
		     {"CST", -6}, {"CDT", -5}, {"MST", -7}, {"MDT", -6}, {"PST", -8}, {"PDT", -7},
		     {"WET", 0},  {"WEST", 1}, {"CET", 1},  {"CEST", 2}, {"EET", 2},  {"EEST", 3}};
	if (!s)
		return false;
	while (*s == ' ')
		s++;
	const char *comma = strchr(s, ',');
	if (comma && comma - s <= 10)
		s = comma + 1; /* the weekday, in any language, is not needed */
	int d, y, h, mi, sec = 0, n = 0;
	char mon[4] = "", zone[8] = "";
	if (sscanf(s, " %d %3s %d %d:%d%n", &d, mon, &y, &h, &mi, &n) != 5)
		return false;
	s += n;
	if (*s == ':' && sscanf(s, ":%d%n", &sec, &n) == 1)
		s += n;
	const char *m = strstr(months, mon);
	if (strlen(mon) != 3 || !m || (m - months) % 3)
		return false;
	if (y < 100)
		y += y < 70 ? 2000 : 1900;
	int mo = (int)(m - months) / 3 + 1;
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1970 || y > 9999 || d < 1 || d > mdays[mo - 1] + (mo == 2 && leap(y)) || h < 0 ||
	    h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 60)
		return false;
	int offset = 0;
	if (sscanf(s, " %7s", zone) == 1) {
		bool known = false;
		if (zone[0] == '+' || zone[0] == '-')
			known = zone_offset(zone, true, &offset);
		for (size_t i = 0; !known && i < sizeof(zones) / sizeof(*zones); i++)
			if (!strcmp(zone, zones[i].name)) {
				offset = zones[i].hours * 3600;
				known = true;
			}
		if (!known)
			return false;
	}
	*out = utc_seconds(y, mo, d, h, mi, sec) - offset;
	return true;
}

static struct tm local(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	localtime_r(&tt, &tm);
	return tm;
}

void timefmt_format(int64_t t, char buf[TIMEFMT_BUFSIZE])
{
	struct tm tm = local(t);
	long off = tm.tm_gmtoff;
	char sign = off < 0 ? '-' : '+';
	if (off < 0)
		off = -off;
	size_t n = strftime(buf, TIMEFMT_BUFSIZE, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf + n, TIMEFMT_BUFSIZE - n, "%c%02d:%02d", sign, (int)(off / 3600 % 24),
		 (int)(off % 3600 / 60));
}

int64_t timefmt_day_start(int64_t t)
{
	struct tm tm = local(t);
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

int64_t timefmt_add_days(int64_t day_start, int n)
{
	/* Through the calendar, not n * 86400: days around DST are 23 or 25 h. */
	struct tm tm = local(day_start);
	tm.tm_mday += n;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

void timefmt_date(int64_t t, char buf[TIMEFMT_BUFSIZE])
{
	struct tm tm = local(t);
	snprintf(buf, TIMEFMT_BUFSIZE, "%d.%d.%04d", tm.tm_mday, tm.tm_mon + 1, tm.tm_year + 1900);
}

void timefmt_clock(int64_t t, char buf[TIMEFMT_BUFSIZE])
{
	struct tm tm = local(t);
	snprintf(buf, TIMEFMT_BUFSIZE, "%d.%02d", tm.tm_hour, tm.tm_min);
}

void timefmt_span(int64_t start, int64_t end, char *buf, size_t size)
{
	if (end > start && timefmt_day_start(start) == start && timefmt_day_start(end) == end) {
		snprintf(buf, size, "%s", _("all day"));
		return;
	}
	char a[TIMEFMT_BUFSIZE] = "", b[TIMEFMT_BUFSIZE] = "";
	if (start)
		timefmt_clock(start, a);
	if (end > start)
		timefmt_clock(end, b);
	snprintf(buf, size, "%s%s%s", a, *b ? "–" : "", b);
}

double timefmt_monotonic_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int timefmt_weekday(int64_t t)
{
	struct tm tm = local(t);
	return (tm.tm_wday + 6) % 7;
}

bool timefmt_parse_local(const char *s, bool end_of_day, int64_t *out)
{
	if (timefmt_parse(s, out))
		return true;
	int d, m, y, h = end_of_day ? 23 : 0, mi = end_of_day ? 59 : 0, n = 0;
	char sep;
	if (sscanf(s, "%2d.%2d.%4d%n", &d, &m, &y, &n) != 3 || y < 1970 || m < 1 || m > 12 ||
	    d < 1 || d > 31)
		return false;
	const char *rest = s + n;
	if (*rest) {
		int used = 0;
		if (sscanf(rest, " %2d%c%2d%n", &h, &sep, &mi, &used) != 3 ||
		    (sep != ':' && sep != '.') || rest[used] || h > 23 || mi > 59 || used < 3 ||
		    rest[used - 3] != sep) /* minutes with two digits */
			return false;
	}
	struct tm tm = {.tm_year = y - 1900,
			.tm_mon = m - 1,
			.tm_mday = d,
			.tm_hour = h,
			.tm_min = mi,
			.tm_isdst = -1};
	time_t t = mktime(&tm);
	if (t == (time_t)-1 || tm.tm_mday != d) /* 31.2. rolls over: refused */
		return false;
	*out = (int64_t)t;
	return true;
}

bool timefmt_parse_date(const char *s, int64_t *out)
{
	int y, m, d, n = 0;
	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 ||
	    y < 1970 || m < 1 || m > 12 || d < 1 || d > 31)
		return false;
	struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_isdst = -1};
	time_t t = mktime(&tm);
	if (t == (time_t)-1 || tm.tm_mday != d)
		return false;
	*out = (int64_t)t;
	return true;
}

void timefmt_local(int64_t t, char buf[TIMEFMT_BUFSIZE])
{
	struct tm tm = local(t);
	strftime(buf, TIMEFMT_BUFSIZE, "%d.%m.%Y %H:%M", &tm);
}
