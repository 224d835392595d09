/* SPDX-License-Identifier: EUPL-1.2 */
/* Tests of src/util/timefmt.c: RFC 3339 and local days (Europe/Helsinki). */
#include "config.h"

#include "util/timefmt.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <time.h>

static void setup(void)
{
	setenv("TZ", "Europe/Helsinki", 1);
	tzset();
}

TestSuite(timefmt, .init = setup);

Test(timefmt, parses_offsets_and_zulu)
{
	int64_t a, b, c;
	cr_assert(timefmt_parse("2026-11-24T18:00:00+02:00", &a));
	cr_assert(timefmt_parse("2026-11-24T16:00:00Z", &b));
	cr_assert(timefmt_parse("2026-11-24T16:00:00.250Z", &c));
	cr_assert_eq(a, b);
	cr_assert_eq(b, c);
	cr_assert_eq(a, (int64_t)1795536000);
}

Test(timefmt, refuses_what_is_not_rfc3339)
{
	int64_t t;
	const char *bad[] = {"",
			     "2026-11-24",
			     "2026-11-24T18:00:00",
			     "2026-11-24 18:00",
			     "2026-13-01T00:00:00Z",
			     "2026-02-29T00:00:00Z",
			     "2026-11-24T24:00:00Z",
			     "2026-11-24T18:00:00+2:00",
			     "2026-11-24T18:00:00Zjunk",
			     "yesterday",
			     "1969-12-31T23:59:59Z"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		cr_assert_not(timefmt_parse(bad[i], &t), "accepted \"%s\"", bad[i]);
	cr_assert(timefmt_parse("2028-02-29T00:00:00Z", &t), "leap day refused");
}

Test(timefmt, formats_local_time_with_offset)
{
	char buf[TIMEFMT_BUFSIZE];
	timefmt_format(1795536000, buf);
	cr_assert_str_eq(buf, "2026-11-24T18:00:00+02:00");
	timefmt_format(1784131200, buf); /* July: summer time */
	cr_assert_str_eq(buf, "2026-07-15T19:00:00+03:00");
	timefmt_date(1795536000, buf);
	cr_assert_str_eq(buf, "24.11.2026");
	timefmt_clock(1795536000, buf);
	cr_assert_str_eq(buf, "18.00");
	cr_assert_eq(timefmt_weekday(1795536000), 1); /* Tuesday */
}

Test(timefmt, days_follow_the_calendar_across_dst)
{
	int64_t t, day;
	/* Summer time ends on 25.10.2026: that day has 25 hours. */
	cr_assert(timefmt_parse("2026-10-25T12:00:00+02:00", &t));
	day = timefmt_day_start(t);
	cr_assert_eq(timefmt_add_days(day, 1) - day, 25 * 3600);
	char buf[TIMEFMT_BUFSIZE];
	timefmt_format(day, buf);
	cr_assert_str_eq(buf, "2026-10-25T00:00:00+03:00");
}

/* RSS dates as feeds write them: with and without the weekday, seconds
 * or century, in GMT, a US zone or an offset; and what is no date. */
Test(timefmt, reads_rss_dates)
{
	static const struct {
		const char *text;
		int64_t t;
	} good[] = {
	    {"Thu, 01 Jan 2004 19:48:21 GMT", 1072986501},
	    {"Mon, 23 Nov 2026 08:00:00 +0200", 1795413600},
	    {"23 Nov 2026 06:00 GMT", 1795413600},
	    {"Mon, 23 Nov 26 01:00:00 EST", 1795413600},
	    {"Mon, 23 Nov 2026 06:00:00", 1795413600},
	};
	for (size_t i = 0; i < sizeof(good) / sizeof(*good); i++) {
		int64_t t = 0;
		cr_assert(timefmt_parse_rfc822(good[i].text, &t), "%s", good[i].text);
		cr_assert_eq(t, good[i].t, "%s: %lld", good[i].text, (long long)t);
	}
	static const char *const bad[] = {"maanantaina",	   "",
					  "31 Feb 2026 10:00 GMT", "23 Xyz 2026 10:00 GMT",
					  "23 Nov 2026 25:00 GMT", "23 Nov 2026 10:00 Mars"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		int64_t t;
		cr_assert(!timefmt_parse_rfc822(bad[i], &t), "\"%s\" was read", bad[i]);
	}
}

/* A date alone (Linked Events' events without a time): ISO's form and
 * nothing more, a real day, at the local midnight. */
Test(timefmt, a_date_alone_is_its_local_midnight)
{
	int64_t t, want;
	cr_assert(timefmt_parse_date("2026-11-24", &t));
	cr_assert(timefmt_parse("2026-11-24T00:00:00+02:00", &want));
	cr_assert_eq(t, want);
	cr_assert(timefmt_parse_date("2026-07-01", &t), "summer time");
	cr_assert(timefmt_parse("2026-07-01T00:00:00+03:00", &want));
	cr_assert_eq(t, want);
	cr_assert(timefmt_parse_date("2028-02-29", &t), "a leap day");
	static const char *const not_dates[] = {"2026-02-29", "2026-11-24T10:00", "2026-1-05",
						"24.11.2026", "2026-13-01", "2026-11-24 ", ""};
	for (size_t i = 0; i < sizeof(not_dates) / sizeof(*not_dates); i++)
		cr_assert_not(timefmt_parse_date(not_dates[i], &t), "\"%s\"", not_dates[i]);
}
