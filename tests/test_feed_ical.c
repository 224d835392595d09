/* SPDX-License-Identifier: EUPL-1.2 */
/* Tests of the calendar source (src/feed/feed_ical.c): the public iCalendar
 * samples, a calendar as Outlook exports it (Windows zone names, CRLF,
 * folded lines, overrides), what a calendar may get wrong, and the real
 * sync path of an ical source. */
#include "config.h"

#include "feed/feed_ical.h"
#include "helpers.h"
#include "feed/ical_nesting.h"
#include "feed/recur.h"
#include "model/model.h"
#include "store/store.h"
#include "sync/sync.h"
#include "util/text.h"
#include "util/timefmt.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void setup(void)
{
	cr_assert(text_init());
	setenv("TZ", "Europe/Helsinki", 1);
	tzset();
}

TestSuite(feed_ical, .init = setup);

/* 2026-12-01 18:00 in Helsinki (winter: UTC+2), and a day. */
#define TUE_1_DEC_18 ((int64_t)1796140800)
#define DAY 86400

/* A parish's calendar as Outlook exports it: the Windows zone name with
 * its VTIMEZONE, CRLF, a fold inside a two-byte letter, HTML in a
 * description, a weekly series with holidays, one date moved and one
 * cancelled, a cancelled concert, an all-day sale, an event in UTC, and
 * three that cannot be used. */
static const char outlook[] =
    "BEGIN:VCALENDAR\r\n"
    "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\n"
    "VERSION:2.0\r\n"
    "X-WR-CALNAME:Oulun seurakunnat\r\n"
    "BEGIN:VTIMEZONE\r\n"
    "TZID:FLE Standard Time\r\n"
    "BEGIN:STANDARD\r\n"
    "DTSTART:16011028T040000\r\n"
    "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\n"
    "TZOFFSETFROM:+0300\r\n"
    "TZOFFSETTO:+0200\r\n"
    "END:STANDARD\r\n"
    "BEGIN:DAYLIGHT\r\n"
    "DTSTART:16010325T030000\r\n"
    "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\n"
    "TZOFFSETFROM:+0200\r\n"
    "TZOFFSETTO:+0300\r\n"
    "END:DAYLIGHT\r\n"
    "END:VTIMEZONE\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:vertaisryhma@seurakunta.example.fi\r\n"
    "SUMMARY:Omaishoitajien ryhm\xC3\r\n"
    " \xA4\r\n"
    "DTSTART;TZID=FLE Standard Time:20260901T180000\r\n"
    "DTEND;TZID=FLE Standard Time:20260901T193000\r\n"
    "RRULE:FREQ=WEEKLY;BYDAY=TU\r\n"
    "EXDATE;TZID=FLE Standard Time:20261222T180000,20261229T180000\r\n"
    "CATEGORIES:Vertaistuki,Omaishoitajat\r\n"
    "LOCATION:Seurakuntatalo\\, sali 2\r\n"
    "DESCRIPTION:<p>Tervetuloa!</p><ul><li>Kahvia</li><li>Juttuseuraa</li></ul><p>L\r\n"
    " is&auml\\;tietoja: <a href=\"https://x.example.fi\">x.example.fi</a></p>\r\n"
    "URL:https://seurakunta.example.fi/ryhma\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:vertaisryhma@seurakunta.example.fi\r\n"
    "RECURRENCE-ID;TZID=FLE Standard Time:20261201T180000\r\n"
    "SUMMARY:Omaishoitajien ryhmä (siirretty)\r\n"
    "LOCATION:Seurakuntatalo\\, kerhohuone\r\n"
    "DTSTART;TZID=FLE Standard Time:20261202T170000\r\n"
    "DTEND;TZID=FLE Standard Time:20261202T183000\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:vertaisryhma@seurakunta.example.fi\r\n"
    "RECURRENCE-ID;TZID=FLE Standard Time:20261208T180000\r\n"
    "SUMMARY:Omaishoitajien ryhmä\r\n"
    "STATUS:CANCELLED\r\n"
    "DTSTART;TZID=FLE Standard Time:20261208T180000\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:konsertti\r\n"
    "SUMMARY:Joulukonsertti\r\n"
    "DTSTART;TZID=FLE Standard Time:20261213T180000\r\n"
    "DURATION:PT2H\r\n"
    "STATUS:CANCELLED\r\n"
    "CATEGORIES:Musiikki\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:myyjaiset\r\n"
    "SUMMARY:Joulumyyjäiset\r\n"
    "DTSTART;VALUE=DATE:20261205\r\n"
    "DTEND;VALUE=DATE:20261206\r\n"
    "CATEGORIES:Myyjäiset\\, joulu\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:luento\r\n"
    "SUMMARY:Etäluento\r\n"
    "DTSTART:20261126T160000Z\r\n"
    "DTEND:20261126T170000Z\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:nimeton\r\n"
    "DTSTART:20261201T100000\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:konsertti\r\n"
    "SUMMARY:Toinen konsertti\r\n"
    "DTSTART:20261201T100000\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:liian-usein\r\n"
    "SUMMARY:Joka sekunti\r\n"
    "DTSTART:20261201T100000\r\n"
    "RRULE:FREQ=SECONDLY\r\n"
    "END:VEVENT\r\n"
    "END:VCALENDAR\r\n";

static const struct ical_options parish = {.name = "seurakunta",
					   .categories = "Musiikki: kulttuuri"};

static struct feed *parse(const char *text, size_t len, const struct ical_options *o,
			  struct diag *d)
{
	*d = (struct diag){0};
	return feed_ical_parse(text, len ? len : strlen(text), o, d);
}

/* The status of a's occurrence that starts at start, or "none". */
static const char *status_at(const struct feed_activity *a, int64_t start)
{
	for (size_t i = 0; i < a->n_occurrences; i++)
		if (a->occurrences[i].start == start)
			return a->occurrences[i].status ? a->occurrences[i].status : "scheduled";
	return "none";
}

/* The note of a's occurrence that starts at start, or NULL. */
static const char *note_at(const struct feed_activity *a, int64_t start)
{
	for (size_t i = 0; i < a->n_occurrences; i++)
		if (a->occurrences[i].start == start)
			return a->occurrences[i].note.fi;
	return NULL;
}

static bool warned(const struct diag *d, const char *text)
{
	for (size_t i = 0; i < d->n_kept; i++)
		if (strstr(d->warnings[i], text))
			return true;
	return false;
}

Test(feed_ical, an_outlook_calendar_reads_as_its_activities)
{
	struct diag d;
	struct feed *f = parse(outlook, 0, &parish, &d);
	cr_assert_not_null(f, "%s", d.error);
	cr_assert_eq(f->n_activities, 4, "%zu", f->n_activities);
	cr_assert_eq(f->n_organizations, 1);
	cr_assert_str_eq(f->organizations[0].name.fi, "Oulun seurakunnat", "X-WR-CALNAME");

	const struct feed_activity *a = test_activity(f, "vertaisryhma@seurakunta.example.fi");
	cr_assert_str_eq(a->name.fi, "Omaishoitajien ryhmä", "a fold inside a letter");
	cr_assert_str_eq(a->description.fi,
			 "Tervetuloa!\n• Kahvia\n• Juttuseuraa\nLisätietoja: x.example.fi");
	cr_assert_str_eq(a->schedule.tzid, "Europe/Helsinki", "the Windows name, through ICU: %s",
			 a->schedule.tzid ? a->schedule.tzid : "(none)");
	cr_assert_str_eq(a->schedule.rrule, "FREQ=WEEKLY;BYDAY=TU");
	cr_assert_str_eq(a->schedule.dtstart, "2026-09-01T18:00:00");
	cr_assert_str_eq(a->schedule.duration, "PT5400S");
	cr_assert_eq(a->schedule.exdates.n, 4, "two holidays, one moved, one cancelled");
	cr_assert_str_eq(a->schedule.exdates.v[2], "2026-12-01T18:00:00");
	cr_assert(test_has(&a->keywords, "yso:p12878") &&
		  test_has(&a->audience, "aulataulu:omaishoitajat"));
	cr_assert_str_eq(f->places[0].name.fi, "Seurakuntatalo, sali 2");
	cr_assert_str_eq(a->info_url, "https://seurakunta.example.fi/ryhma");
	cr_assert_str_eq(status_at(a, TUE_1_DEC_18 + DAY - 3600), "EventRescheduled");
	cr_assert_str_eq(status_at(a, TUE_1_DEC_18 + 7 * DAY), "EventCancelled");
	/* The moved date's own name and place are that date's; the
	 * cancelled one's name is the series' own, so it has no note. */
	cr_assert_str_eq(note_at(a, TUE_1_DEC_18 + DAY - 3600),
			 "Omaishoitajien ryhmä (siirretty) · Seurakuntatalo, kerhohuone");
	cr_assert_null(note_at(a, TUE_1_DEC_18 + 7 * DAY));

	a = test_activity(f, "konsertti");
	cr_assert_str_eq(a->event_status, "EventCancelled");
	cr_assert_eq(a->n_occurrences, 1);
	cr_assert_eq(a->occurrences[0].end - a->occurrences[0].start, 2 * 3600, "DURATION");
	cr_assert(test_has(&a->keywords, "aulataulu:kulttuuri"), "CATEGORIES through the mapping");

	a = test_activity(f, "myyjaiset"); /* all day: midnight to midnight, here */
	cr_assert_eq(a->occurrences[0].start, TUE_1_DEC_18 + 4 * DAY - 18 * 3600);
	cr_assert_eq(a->occurrences[0].end, a->occurrences[0].start + DAY);

	a = test_activity(f, "luento");
	cr_assert_eq(a->occurrences[0].start, TUE_1_DEC_18 - 5 * DAY);

	cr_assert(warned(&d, "event \"nimeton\": no name (SUMMARY)"));
	cr_assert(warned(&d, "event \"konsertti\": another version of it in the file is read"));
	cr_assert(warned(&d, "event \"Joka sekunti\": its repeat rule cannot be used"));
	cr_assert(warned(&d, "Myyjäiset, joulu"), "an escaped comma is inside one category");
	feed_free(f);
	diag_clear(&d);
}

/* The series expanded as a sync does: Tuesdays at 18.00 Helsinki time,
 * without the holidays and the moved and cancelled dates, which are
 * dates of their own. */
Test(feed_ical, the_series_expands_in_its_zone_without_its_exceptions)
{
	struct diag d;
	struct feed *f = parse(outlook, 0, &parish, &d);
	cr_assert_not_null(f, "%s", d.error);
	cr_assert(recur_expand_feed(f, TEST_NOW, TEST_NOW + 60 * DAY, NULL));
	const struct feed_activity *a = test_activity(f, "vertaisryhma@seurakunta.example.fi");
	cr_assert_str_eq(status_at(a, TUE_1_DEC_18 - 7 * DAY), "scheduled");
	cr_assert_str_eq(status_at(a, TUE_1_DEC_18 + 14 * DAY), "scheduled");
	cr_assert_str_eq(status_at(a, TUE_1_DEC_18 + 21 * DAY), "none", "a holiday");
	cr_assert_str_eq(status_at(a, TUE_1_DEC_18 + 28 * DAY), "none", "a holiday");
	cr_assert_str_eq(status_at(a, TUE_1_DEC_18 + 35 * DAY), "scheduled");
	cr_assert_str_eq(status_at(a, TUE_1_DEC_18), "none", "moved to the next day");
	size_t at_the_cancelled = 0;
	for (size_t i = 0; i < a->n_occurrences; i++)
		at_the_cancelled += a->occurrences[i].start == TUE_1_DEC_18 + 7 * DAY;
	cr_assert_eq(at_the_cancelled, 1, "the cancelled date once, as cancelled");
	feed_free(f);
	diag_clear(&d);
}

/* Zones: a Windows name with no VTIMEZONE in the file, Evolution's long
 * names, a zone only the file defines, and one nobody knows. */
Test(feed_ical, zones_are_found_by_every_name_calendars_use)
{
	static const char text[] =
	    "BEGIN:VCALENDAR\nVERSION:2.0\n"
	    "BEGIN:VTIMEZONE\nTZID:Oma vyöhyke\nBEGIN:STANDARD\nDTSTART:19700101T000000\n"
	    "TZOFFSETFROM:+0500\nTZOFFSETTO:+0500\nEND:STANDARD\nEND:VTIMEZONE\n"
	    "BEGIN:VEVENT\nUID:w\nSUMMARY:Berliini\n"
	    "DTSTART;TZID=W. Europe Standard Time:20261201T180000\nRRULE:FREQ=WEEKLY\n"
	    "END:VEVENT\n"
	    "BEGIN:VEVENT\nUID:e\nSUMMARY:Evolution\n"
	    "DTSTART;TZID=/freeassociation.sourceforge.net/Tzfile/Europe/Stockholm:"
	    "20261201T180000\nRRULE:FREQ=WEEKLY\nEND:VEVENT\n"
	    "BEGIN:VEVENT\nUID:o\nSUMMARY:Oma\nDTSTART;TZID=Oma vyöhyke:20261201T180000\n"
	    "END:VEVENT\n"
	    "BEGIN:VEVENT\nUID:u\nSUMMARY:Tuntematon\nDTSTART;TZID=Mars/Olympus:20261201T180000\n"
	    "END:VEVENT\nEND:VCALENDAR\n";
	struct diag d;
	struct feed *f = parse(text, 0, &parish, &d);
	cr_assert_not_null(f, "%s", d.error);
	cr_assert_str_eq(test_activity(f, "w")->schedule.tzid, "Europe/Berlin");
	cr_assert_str_eq(test_activity(f, "e")->schedule.tzid, "Europe/Stockholm");
	cr_assert_eq(test_activity(f, "o")->occurrences[0].start,
		     TUE_1_DEC_18 + 2 * 3600 - 5 * 3600, "18.00 at +0500 is 13.00 UTC");
	cr_assert_eq(test_activity(f, "u")->occurrences[0].start, TUE_1_DEC_18,
		     "taken as Helsinki");
	cr_assert(warned(&d, "unknown time zone \"Mars/Olympus\""));
	feed_free(f);
	diag_clear(&d);
}

/* Outlook's "Customized Time Zone": the rules written out in the file
 * (here the US Eastern ones, as Outlook exports them from 1601), a weekly
 * meeting at 10.00 across the US change (14 March 2027), two weeks before
 * Finland's (28 March). Its dates were expanded with Finland's daylight
 * saving: an hour off between the two changes. */
Test(feed_ical, a_calendars_own_zone_keeps_its_own_daylight_saving)
{
	static const char text[] =
	    "BEGIN:VCALENDAR\r\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\n"
	    "VERSION:2.0\r\nMETHOD:PUBLISH\r\n"
	    "BEGIN:VTIMEZONE\r\nTZID:Customized Time Zone\r\n"
	    "BEGIN:STANDARD\r\nDTSTART:16011104T020000\r\n"
	    "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11\r\n"
	    "TZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nEND:STANDARD\r\n"
	    "BEGIN:DAYLIGHT\r\nDTSTART:16010311T020000\r\n"
	    "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3\r\n"
	    "TZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n"
	    "BEGIN:VEVENT\r\nUID:040000008200E00074C5B7101A82E008\r\n"
	    "SUMMARY;LANGUAGE=en-us:Sister parish call\r\n"
	    "DTSTART;TZID=Customized Time Zone:20270302T100000\r\n"
	    "DTEND;TZID=Customized Time Zone:20270302T110000\r\n"
	    "RRULE:FREQ=WEEKLY;COUNT=6;BYDAY=TU\r\n"
	    "END:VEVENT\r\nEND:VCALENDAR\r\n";
	struct diag d;
	struct feed *f = parse(text, 0, &parish, &d);
	cr_assert_not_null(f, "%s", d.error);
	const struct feed_activity *a = &f->activities[0];
	cr_assert_not_null(a->schedule.tzid, "no zone for the series");
	cr_assert(!strncmp(a->schedule.tzid, "America/", 8), "%s", a->schedule.tzid);
	int64_t mar_2 = 1803999600; /* 2027-03-02T15:00:00Z, 10.00 EST */
	cr_assert(recur_expand_feed(f, mar_2 - DAY, mar_2 + 60 * DAY, NULL));
	cr_assert_eq(a->n_occurrences, 6, "%zu dates", a->n_occurrences);
	for (int week = 0; week < 6; week++) {
		/* 10.00 in New York: 15.00 UTC, 14.00 UTC from 14 March. */
		int64_t want = mar_2 + week * 7 * DAY - (week >= 2 ? 3600 : 0);
		cr_assert_str_eq(status_at(a, want), "scheduled", "week %d: not at %lld", week,
				 (long long)want);
	}
	cr_assert_not(warned(&d, "follows no known zone"));
	feed_free(f);
	diag_clear(&d);

	/* Rules no zone has (summer time from February): said, not hidden. */
	char odd[sizeof(text)];
	memcpy(odd, text, sizeof(text));
	memcpy(strstr(odd, "BYDAY=2SU;BYMONTH=3"), "BYDAY=2SU;BYMONTH=2", 19);
	f = parse(odd, 0, &parish, &d);
	cr_assert_not_null(f, "%s", d.error);
	cr_assert(
	    warned(&d, "time zone \"Customized Time Zone\" of the calendar follows no known"));
	feed_free(f);
	diag_clear(&d);
}

/* The public samples (tests/data/samples, SOURCES.md): an RDATE with a
 * period, an EXDATE and a monthly rule in Vancouver; Google's weekly
 * rule in Zurich with a multi-line LOCATION; a fuzzed file libical
 * cannot read, refused with a reason. */
Test(feed_ical, the_public_samples)
{
	size_t len;
	char *text = test_read_file(
	    TOP_SRCDIR "/tests/data/samples/icalendar_period_with_timezone.ics", &len);
	cr_assert_not_null(text);
	struct diag d;
	struct feed *f = parse(text, len, &parish, &d);
	cr_assert_not_null(f, "%s", d.error);
	const struct feed_activity *a = test_activity(f, "1");
	cr_assert_str_eq(a->schedule.tzid, "America/Vancouver");
	cr_assert_str_eq(a->schedule.exdates.v[0], "2023-12-20T12:00:00");
	cr_assert_eq(a->n_occurrences, 1, "the RDATE's period");
	cr_assert_eq(a->occurrences[0].end - a->occurrences[0].start, 3 * 3600);
	feed_free(f);
	diag_clear(&d);
	free(text);

	text = test_read_file(TOP_SRCDIR "/tests/data/samples/icalendar_x_location_nonascii.ics",
			      &len);
	f = parse(text, len, &parish, &d);
	cr_assert_not_null(f, "%s", d.error);
	a = &f->activities[0];
	cr_assert_str_eq(a->name.fi, "Daily Sync");
	cr_assert_str_eq(a->schedule.tzid, "Europe/Zurich");
	cr_assert_str_eq(f->places[0].name.fi, "Roadstar 16 12764 Happyville Denmark");
	cr_assert_str_eq(f->organizations[0].name.fi, "ITC");
	feed_free(f);
	diag_clear(&d);
	free(text);

	text = test_read_file(TOP_SRCDIR "/tests/data/samples/libical_zday_malformed.ics", &len);
	f = parse(text, len, &parish, &d);
	cr_assert_null(f);
	cr_assert(strstr(d.error, "line 11: END:DAYLIGHT without its BEGIN:DAYLIGHT"), "%s",
		  d.error);
	diag_clear(&d);
	free(text);
}

/* What is no calendar is refused with a reason; an empty calendar is
 * one with nothing in it; a source's settings name the organiser, the
 * language and every event's topics. */
Test(feed_ical, what_is_no_calendar_is_refused_and_settings_apply)
{
	struct diag d;
	cr_assert_null(parse("<html>404</html>", 0, &parish, &d));
	cr_assert(strstr(d.error, "BEGIN:VCALENDAR"), "%s", d.error);
	diag_clear(&d);
	struct feed *f = parse("BEGIN:VCALENDAR\nEND:VCALENDAR\n", 0, &parish, &d);
	cr_assert_not_null(f, "%s", d.error);
	cr_assert_eq(f->n_activities, 0);
	cr_assert_str_eq(f->organizations[0].name.fi, "seurakunta", "the source's name");
	feed_free(f);
	diag_clear(&d);
	const struct ical_options swedish = {.name = "x",
					     .organizer = "Församlingen",
					     .language = "sv",
					     .topics = "Andlighet, Äldre"};
	f = parse("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:m\nSUMMARY:Mässa\n"
		  "DTSTART:20261201T100000\nEND:VEVENT\nEND:VCALENDAR\n",
		  0, &swedish, &d);
	cr_assert_not_null(f, "%s", d.error);
	cr_assert_str_eq(f->organizations[0].name.fi, "Församlingen");
	cr_assert_str_eq(f->activities[0].name.sv, "Mässa");
	cr_assert_str_eq(f->activities[0].name.fi, "Mässa", "Finnish falls back to it");
	cr_assert(test_has(&f->activities[0].keywords, "aulataulu:hengellisyys"));
	cr_assert(test_has(&f->activities[0].audience, "yso:p2433"));
	feed_free(f);
	diag_clear(&d);
}

/* A stray END line closes the calendar early for libical and leaves the
 * next events outside it: refused, not read as a calendar without them. */
Test(feed_ical, an_end_without_its_begin_is_refused)
{
	struct diag d;
	cr_assert_null(parse("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VEVENT\r\n"
			     "BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20261125T100000Z\r\n"
			     "SUMMARY:Kuoro\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
			     0, &parish, &d));
	cr_assert(d.error && strstr(d.error, "line 3: END:VEVENT without its BEGIN:VEVENT"), "%s",
		  d.error);
	diag_clear(&d);
	/* Two calendars one after the other are two calendars. */
	struct feed *f = parse("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\n"
			       "DTSTART:20261125T100000Z\r\nSUMMARY:Kuoro\r\nEND:VEVENT\r\n"
			       "END:VCALENDAR\r\nBEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:b\r\n"
			       "DTSTART:20261126T100000Z\r\nSUMMARY:Messu\r\nEND:VEVENT\r\n"
			       "END:VCALENDAR\r\n",
			       0, &parish, &d);
	cr_assert_not_null(f, "%s", d.error);
	cr_assert_eq(f->n_activities, 2);
	feed_free(f);
	diag_clear(&d);
}

/* The refusal of text, which must name want. */
static void assert_refused(const char *text, const char *want)
{
	struct diag d;
	cr_assert_null(parse(text, 0, &parish, &d), "read: %s", text);
	cr_assert(d.error && strstr(d.error, want), "%s: %s", want, d.error);
	for (const char *p = d.error; *p; p++)
		cr_assert((unsigned char)*p >= 0x20, "a control character in: %s", d.error);
	diag_clear(&d);
}

/* BEGIN and END lines pair up by name, whatever their case and however
 * they are folded; the first that does not is named by its line, a file
 * cut short by the BEGIN left open, and nothing but the component's name
 * (letters, digits, dashes) of the file reaches the message. */
Test(feed_ical, begin_and_end_lines_pair_up_by_name)
{
	static const char event[] = "BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20261125T100000Z\r\n"
				    "SUMMARY:Kuoro\r\n";
	char text[1024];
	snprintf(text, sizeof(text), "BEGIN:VCALENDAR\r\n%sEND:VTODO\r\nEND:VCALENDAR\r\n", event);
	assert_refused(text, "line 6: END:VTODO without its BEGIN:VTODO");
	snprintf(text, sizeof(text), "BEGIN:VCALENDAR\r\n%sEND:VCALENDAR\r\nEND:VEVENT\r\n", event);
	assert_refused(text, "line 6: END:VCALENDAR where END:VEVENT was expected");
	snprintf(text, sizeof(text), "BEGIN:VCALENDAR\r\n%sEND:VEVENT\r\n%s", event, event);
	assert_refused(text, "line 7: BEGIN:VEVENT is never ended (was the file cut short?)");
	snprintf(text, sizeof(text), "BEGIN:VCALENDAR\r\n%sEND:\x1b[2J\x1b]0;x\a\r\n", event);
	assert_refused(text, "line 6: END: without its BEGIN:");
	char deep[4096] = "BEGIN:VCALENDAR\n";
	for (int i = 0; i < 40; i++)
		strcat(deep, "BEGIN:X-GROUP\n");
	assert_refused(deep, "line 33: BEGIN:X-GROUP inside more components than a calendar has");
	snprintf(text, sizeof(text), "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n%sEND:VEVENT\r\n", event);
	assert_refused(text, "a component outside the calendar");

	/* Folded, in lower case, with LF alone and a BOM: one event. */
	struct diag d;
	struct feed *f = parse("\xEF\xBB\xBF"
			       "BEGIN:VCALENDAR\nbegin:vevent\nUID:a\n"
			       "DTSTART:20261125T100000Z\nSUMMARY:Kuoro\nEND:VEV\n ENT\n"
			       "End:VCalendar\n",
			       0, &parish, &d);
	cr_assert_not_null(f, "%s", d.error);
	cr_assert_eq(f->n_activities, 1);
	feed_free(f);
	diag_clear(&d);
}

/* An ical source through the real sync path: applied (with a BOM, as
 * Windows tools write), unchanged while the file is; every cut of the
 * Outlook calendar is refused with the cache unchanged, or read. */
Test(feed_ical, an_ical_source_syncs_and_every_cut_keeps_the_cache, .timeout = 120)
{
	char *dir = test_memdir(), *path = test_path(dir, "kalenteri.ics");
	struct settings cfg;
	struct store *s = test_open_file_source(dir, path, "ical", &cfg);
	char *with_bom = malloc(sizeof(outlook) + 3);
	memcpy(with_bom, "\xEF\xBB\xBF", 3);
	memcpy(with_bom + 3, outlook, sizeof(outlook));
	test_write_file(path, with_bom);
	struct sync_result r;
	cr_assert_eq(sync_source(s, &cfg, &cfg.sources[0], TEST_NOW, &r), SYNC_APPLIED, "%s",
		     r.diag.error);
	cr_assert_eq(r.activities, 4);
	sync_result_free(&r);
	/* What differs on the moved date reaches the detail screen's model. */
	struct activity_detail detail;
	char *err = NULL;
	struct store *reader = store_open(dir, STORE_READ, &err);
	cr_assert_not_null(reader, "%s", err);
	cr_assert(model_activity(reader, cfg.sources[0].name, "vertaisryhma@seurakunta.example.fi",
				 "sv", TEST_NOW, &detail, &err),
		  "%s", err ? err : "not found");
	const char *moved_note = NULL;
	for (size_t i = 0; i < detail.n_next; i++)
		if (detail.next[i].start == TUE_1_DEC_18 + DAY - 3600)
			moved_note = detail.next[i].note;
	cr_assert_str_eq(moved_note ? moved_note : "(none)",
			 "Omaishoitajien ryhmä (siirretty) · Seurakuntatalo, kerhohuone");
	for (size_t i = 0; i < detail.n_next; i++)
		cr_assert(detail.next[i].start == TUE_1_DEC_18 + DAY - 3600 || !detail.next[i].note,
			  "a date with nothing of its own has a note");
	activity_detail_free(&detail);
	store_close(reader);
	cr_assert_eq(sync_source(s, &cfg, &cfg.sources[0], TEST_NOW + 60, &r), SYNC_UNCHANGED);
	sync_result_free(&r);
	size_t len = strlen(outlook),
	       refused = test_sync_every_cut(s, &cfg, dir, path, outlook, len);
	cr_assert_gt(refused, 0);
	cr_assert_lt(refused, len);
	printf("feed_ical: %zu cuts: %zu refused (cache unchanged), %zu read\n", len, refused,
	       len - refused);
	free(with_bom);
	store_close(s);
	settings_free(&cfg);
	test_rmdir(dir);
	free(dir);
	free(path);
}

/* A calendar with a DESCRIPTION of size bytes, folded as RFC 5545 folds
 * (75 octets a line); the caller frees it. */
static char *calendar_with_description(size_t size)
{
	size_t cap = size + size / 70 * 3 + 512, n = 0;
	char *text = malloc(cap);
	n += (size_t)sprintf(text, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:pitka\r\n"
				   "DTSTART:20261125T100000Z\r\nSUMMARY:Luento\r\nDESCRIPTION:");
	for (size_t i = 0, col = 12; i < size; i++, col++) {
		if (col == 75) {
			memcpy(text + n, "\r\n ", 3);
			n += 3;
			col = 1;
		}
		text[n++] = 'a' + (char)(i % 26);
	}
	n += (size_t)sprintf(text + n, "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
	return text;
}

/* A content line longer than ICAL_MAX_LINE unfolded (libical's time grows
 * faster than a line's length: 24 s for 15 MB) is refused by its line
 * before libical reads it; one just inside is read. */
Test(feed_ical, a_line_longer_than_the_cap_is_refused_before_libical)
{
	size_t head = strlen("DESCRIPTION:");
	char *inside = calendar_with_description(ICAL_MAX_LINE - head);
	struct diag d;
	struct feed *f = parse(inside, 0, &parish, &d);
	cr_assert_not_null(f, "%s", d.error);
	cr_assert_eq(f->n_activities, 1);
	feed_free(f);
	diag_clear(&d);
	char *over = calendar_with_description(ICAL_MAX_LINE - head + 1);
	cr_assert_null(parse(over, 0, &parish, &d));
	char want[128];
	snprintf(want, sizeof(want), "line 7 is %d bytes long, more than the %d", ICAL_MAX_LINE + 1,
		 ICAL_MAX_LINE);
	cr_assert(d.error && strstr(d.error, want), "%s", d.error);
	diag_clear(&d);
	free(inside);
	free(over);
}

/* A 432-byte calendar whose time zone changes every minute since 1601
 * made libical grow without end (and check hang): refused by its line
 * before libical reads it. Real zones' yearly rules pass. */
Test(feed_ical, a_time_zone_that_changes_every_minute_is_refused, .timeout = 20)
{
	static const char *const freqs[] = {"MINUTELY", "HOURLY", "DAILY", "MONTHLY"};
	for (size_t i = 0; i < sizeof(freqs) / sizeof(*freqs); i++) {
		char text[1024];
		snprintf(
		    text, sizeof(text),
		    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VTIMEZONE\r\nTZID:Minuutti\r\n"
		    "BEGIN:STANDARD\r\nDTSTART:16010101T000000\r\nRRULE:FREQ=%s;INTERVAL=1\r\n"
		    "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0300\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
		    "BEGIN:VEVENT\r\nUID:a\r\nDTSTART;TZID=Minuutti:20261125T100000\r\n"
		    "SUMMARY:Kuoro\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
		    freqs[i]);
		struct diag d;
		cr_assert_null(parse(text, 0, &parish, &d), "FREQ=%s read", freqs[i]);
		char want[128];
		snprintf(want, sizeof(want),
			 "line 7: a time zone whose STANDARD rule repeats FREQ=%s", freqs[i]);
		cr_assert(d.error && strstr(d.error, want), "%s", d.error);
		diag_clear(&d);
	}
	size_t len;
	char *helsinki = test_read_file(
	    TOP_SRCDIR "/tests/data/samples/libical_Europe_Helsinki_vtimezone.ics", &len);
	cr_assert_not_null(helsinki);
	struct ical_nesting n;
	cr_assert(ical_nesting_check(helsinki, len, &n), "a real zone refused: line %zu", n.line);
	free(helsinki);
}

/* A calendar of n lines: events of 8 lines each, or (one_event) one event
 * of n - 6 properties; the caller frees it. */
static char *calendar_of_lines(size_t n, bool one_event)
{
	size_t cap = n * 40 + 256, len = 0;
	char *text = malloc(cap);
	len += (size_t)sprintf(text, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
	size_t lines = 2;
	if (one_event) {
		len += (size_t)sprintf(text + len,
				       "BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20261201T100000Z\r\n");
		for (lines += 3; lines < n - 2; lines++)
			len += (size_t)sprintf(text + len, "X-A:b\r\n");
		len += (size_t)sprintf(text + len, "END:VEVENT\r\n");
	} else {
		for (size_t i = 0; lines + 8 <= n - 1; i++, lines += 8)
			len += (size_t)sprintf(
			    text + len,
			    "BEGIN:VEVENT\r\nUID:e%zu\r\nDTSTART:20261201T100000Z\r\n"
			    "SUMMARY:T\r\nLOCATION:P\r\nDESCRIPTION:K\r\nX-A:b\r\n"
			    "END:VEVENT\r\n",
			    i);
	}
	sprintf(text + len, "END:VCALENDAR\r\n");
	return text;
}

/* libical's memory grows with a calendar's lines (~400 bytes each), and
 * its time on one component faster still: one component of more than
 * ICAL_MAX_COMPONENT_LINES lines, or a calendar of more than ICAL_MAX_LINES,
 * is refused before libical reads it; just inside, both are read. */
Test(feed_ical, a_calendar_of_too_many_lines_is_refused_before_libical, .timeout = 60)
{
	struct ical_nesting n;
	char *text =
	    calendar_of_lines(ICAL_MAX_COMPONENT_LINES + 5, true); /* its own lines: n - 5 */
	cr_assert(ical_nesting_check(text, strlen(text), &n), "line %zu", n.line);
	free(text);
	text = calendar_of_lines(ICAL_MAX_COMPONENT_LINES + 6, true);
	struct diag d;
	cr_assert_null(parse(text, 0, &parish, &d));
	char want[96];
	snprintf(want, sizeof(want), "VEVENT has more than %d lines", ICAL_MAX_COMPONENT_LINES);
	cr_assert(d.error && strstr(d.error, want), "%s", d.error);
	diag_clear(&d);
	free(text);
	text = calendar_of_lines(ICAL_MAX_LINES, false);
	cr_assert(ical_nesting_check(text, strlen(text), &n), "line %zu", n.line);
	free(text);
	text = calendar_of_lines(ICAL_MAX_LINES + 8, false);
	cr_assert(!ical_nesting_check(text, strlen(text), &n));
	cr_assert_eq(n.problem, ICAL_TOO_MANY_LINES);
	cr_assert(n.in_all);
	free(text);
}

/* An irregular series: RDATEs without a rule (a podcast's recordings; a
 * real one kept 1 date of 12), an RDATE on DTSTART (one date, not two),
 * an EXDATE that removes an RDATE, and an RDATE's instance moved, which
 * leaves no copy behind (RFC 5545 3.8.5). */
Test(feed_ical, dates_without_a_rule_are_each_a_date)
{
	static const char cal[] =
	    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Podcast//FI\r\n"
	    "BEGIN:VEVENT\r\nUID:aanitys@example.fi\r\nDTSTAMP:20261120T120000Z\r\n"
	    "SUMMARY:Podcastin äänitys\r\n"
	    "DTSTART;TZID=Europe/Helsinki:20261201T180000\r\nDURATION:PT1H\r\n"
	    "RDATE;TZID=Europe/Helsinki:20261201T180000,20261208T180000,20261215T180000\r\n"
	    "RDATE;TZID=Europe/Helsinki:20261222T180000\r\n"
	    "EXDATE;TZID=Europe/Helsinki:20261215T180000\r\n"
	    "END:VEVENT\r\n"
	    "BEGIN:VEVENT\r\nUID:aanitys@example.fi\r\nDTSTAMP:20261120T120000Z\r\n"
	    "RECURRENCE-ID;TZID=Europe/Helsinki:20261208T180000\r\n"
	    "SUMMARY:Podcastin äänitys\r\n"
	    "DTSTART;TZID=Europe/Helsinki:20261209T180000\r\nDURATION:PT1H\r\n"
	    "END:VEVENT\r\nEND:VCALENDAR\r\n";
	struct diag d;
	struct feed *f = parse(cal, 0, &parish, &d);
	cr_assert_not_null(f, "%s", d.error);
	const struct feed_activity *a = test_activity(f, "aanitys@example.fi");
	cr_assert_null(a->schedule.rrule);
	cr_assert_eq(a->n_occurrences, 3, "1.12., 9.12. (moved from 8.12.) and 22.12.: %zu",
		     a->n_occurrences);
	cr_assert_str_eq(status_at(a, TUE_1_DEC_18), "scheduled");
	cr_assert_str_eq(status_at(a, TUE_1_DEC_18 + 7 * DAY), "none", "the moved one stayed");
	cr_assert_str_eq(status_at(a, TUE_1_DEC_18 + 8 * DAY), "EventRescheduled");
	cr_assert_str_eq(status_at(a, TUE_1_DEC_18 + 14 * DAY), "none", "EXDATE kept it");
	cr_assert_str_eq(status_at(a, TUE_1_DEC_18 + 21 * DAY), "scheduled");
	for (size_t i = 0; i < a->n_occurrences; i++)
		cr_assert_eq(a->occurrences[i].end - a->occurrences[i].start, 3600);
	feed_free(f);
	diag_clear(&d);
}

/* Google and iCloud export an instance of a series shared with you
 * alone: RECURRENCE-ID without its series. It is an event of its own at
 * its own time, and two such instances are two dates of it. */
Test(feed_ical, an_instance_without_its_series_is_an_event_of_its_own)
{
	static const char cal[] =
	    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar "
	    "70.9054//EN\r\n"
	    "BEGIN:VEVENT\r\nDTSTART:20261201T160000Z\r\nDTEND:20261201T170000Z\r\n"
	    "DTSTAMP:20261120T120000Z\r\nUID:5n1h2@google.com\r\n"
	    "RECURRENCE-ID:20261201T150000Z\r\nSUMMARY:Vertaisryhmä (siirretty)\r\n"
	    "END:VEVENT\r\n"
	    "BEGIN:VEVENT\r\nDTSTART:20261208T160000Z\r\nDTEND:20261208T170000Z\r\n"
	    "DTSTAMP:20261120T120000Z\r\nUID:5n1h2@google.com\r\n"
	    "RECURRENCE-ID:20261208T160000Z\r\nSUMMARY:Vertaisryhmä\r\n"
	    "END:VEVENT\r\nEND:VCALENDAR\r\n";
	struct diag d;
	struct feed *f = parse(cal, 0, &parish, &d);
	cr_assert_not_null(f, "%s", d.error);
	cr_assert_eq(d.n_warnings, 0, "%s", d.n_kept ? d.warnings[0] : "");
	const struct feed_activity *a = test_activity(f, "5n1h2@google.com");
	cr_assert_eq(a->n_occurrences, 2);
	cr_assert_str_eq(status_at(a, TUE_1_DEC_18), "scheduled", "at its own time");
	cr_assert_str_eq(status_at(a, TUE_1_DEC_18 + 7 * DAY), "scheduled");
	feed_free(f);
	diag_clear(&d);
}

/* An event edited and exported twice into one file: the newest version
 * is read (SEQUENCE, then LAST-MODIFIED), wherever it stands, and a date
 * of a series given twice is one date. */
Test(feed_ical, the_newest_version_of_an_event_is_read)
{
	static const char cal[] =
	    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Nextcloud//FI\r\n"
	    /* The edited one first, the old one after it. */
	    "BEGIN:VEVENT\r\nUID:kuoro\r\nSEQUENCE:2\r\nDTSTAMP:20261101T120000Z\r\n"
	    "SUMMARY:Kuoro (uusi aika)\r\nDTSTART;TZID=Europe/Helsinki:20261201T190000\r\n"
	    "END:VEVENT\r\n"
	    "BEGIN:VEVENT\r\nUID:kuoro\r\nSEQUENCE:1\r\nDTSTAMP:20261120T120000Z\r\n"
	    "SUMMARY:Kuoro\r\nDTSTART;TZID=Europe/Helsinki:20261201T180000\r\n"
	    "END:VEVENT\r\n"
	    /* The same SEQUENCE: LAST-MODIFIED decides. */
	    "BEGIN:VEVENT\r\nUID:kerho\r\nDTSTAMP:20261120T120000Z\r\n"
	    "LAST-MODIFIED:20261110T120000Z\r\n"
	    "SUMMARY:Kerho\r\nDTSTART;TZID=Europe/Helsinki:20261201T180000\r\n"
	    "RRULE:FREQ=WEEKLY;COUNT=3\r\nEND:VEVENT\r\n"
	    "BEGIN:VEVENT\r\nUID:kerho\r\nDTSTAMP:20261120T120000Z\r\n"
	    "LAST-MODIFIED:20261115T120000Z\r\n"
	    "SUMMARY:Kerho (siirretty)\r\nDTSTART;TZID=Europe/Helsinki:20261201T170000\r\n"
	    "RRULE:FREQ=WEEKLY;COUNT=3\r\nEND:VEVENT\r\n"
	    /* One of its dates moved, given twice. */
	    "BEGIN:VEVENT\r\nUID:kerho\r\nDTSTAMP:20261120T120000Z\r\n"
	    "RECURRENCE-ID;TZID=Europe/Helsinki:20261208T170000\r\n"
	    "SUMMARY:Kerho\r\nDTSTART;TZID=Europe/Helsinki:20261209T170000\r\nEND:VEVENT\r\n"
	    "BEGIN:VEVENT\r\nUID:kerho\r\nDTSTAMP:20261120T120000Z\r\n"
	    "RECURRENCE-ID;TZID=Europe/Helsinki:20261208T170000\r\n"
	    "SUMMARY:Kerho\r\nDTSTART;TZID=Europe/Helsinki:20261209T170000\r\nEND:VEVENT\r\n"
	    "END:VCALENDAR\r\n";
	struct diag d;
	struct feed *f = parse(cal, 0, &parish, &d);
	cr_assert_not_null(f, "%s", d.error);
	cr_assert_eq(f->n_activities, 2);
	const struct feed_activity *a = test_activity(f, "kuoro");
	cr_assert_str_eq(a->name.fi, "Kuoro (uusi aika)");
	cr_assert_str_eq(status_at(a, TUE_1_DEC_18 + 3600), "scheduled");
	cr_assert_eq(a->n_occurrences, 1);
	a = test_activity(f, "kerho");
	cr_assert_str_eq(a->name.fi, "Kerho (siirretty)");
	cr_assert_str_eq(a->schedule.dtstart, "2026-12-01T17:00:00");
	cr_assert_eq(a->n_occurrences, 1, "the moved date once: %zu", a->n_occurrences);
	cr_assert_eq(a->schedule.exdates.n, 1);
	cr_assert(warned(&d, "event \"kuoro\": another version of it in the file is read"));
	feed_free(f);
	diag_clear(&d);
}

/* Names are case-insensitive (RFC 5545 3.1): a calendar written in lower
 * case ("begin:vcalendar", "rrule:freq=weekly") is read, not refused. */
Test(feed_ical, a_calendar_in_lower_case_is_read)
{
	static const char lower[] =
	    "begin:vcalendar\r\nversion:2.0\r\nbegin:vevent\r\nuid:kuoro\r\n"
	    "summary:Kuoro\r\ndtstart:20261208T160000Z\r\n"
	    "dtend:20261208T170000Z\r\nrrule:freq=weekly;count=3\r\n"
	    "end:vevent\r\nend:vcalendar\r\n";
	struct diag d;
	struct feed *f = parse(lower, 0, &parish, &d);
	cr_assert_not_null(f, "%s", d.error);
	cr_assert(recur_expand_feed(f, TEST_NOW, TEST_NOW + 60 * DAY, NULL));
	const struct feed_activity *a = test_activity(f, "kuoro");
	cr_assert_str_eq(a->name.fi, "Kuoro");
	cr_assert_eq(a->n_occurrences, 3, "%zu dates", a->n_occurrences);
	feed_free(f);
	diag_clear(&d);
}

/* RANGE=THISANDFUTURE moves that date and every later one as it moved
 * itself, the RDATE after it too, and lasts as long (RFC 5545 3.8.4.4);
 * a later override of one date still names it as the rule made it. The
 * expectations are python-recurring-ical-events' own (test_issue_75) for
 * its test calendar; Debian's 2.0.1 moves the one date only. */
Test(feed_ical, this_and_future_moves_every_later_date)
{
	char *text =
	    test_read_file(TOP_SRCDIR "/tests/data/corpus/ical/issue_75_range_parameter.ics", NULL);
	cr_assert_not_null(text);
	struct diag d;
	struct feed *f = parse(text, 0, &parish, &d);
	cr_assert_not_null(f, "%s", d.error);
	int64_t from, until;
	cr_assert(timefmt_parse("2024-09-01T00:00:00Z", &from));
	cr_assert(timefmt_parse("2024-10-01T00:00:00Z", &until));
	cr_assert(recur_expand_feed(f, from, until, NULL));
	const struct feed_activity *a = test_activity(f, "210");
	static const struct {
		const char *start, *end;
	} want[] = {
	    {"2024-09-11T12:00:00Z", "2024-09-11T14:00:00Z"}, /* before: as the rule */
	    {"2024-09-13T09:00:00Z", "2024-09-13T16:00:00Z"}, /* the move itself */
	    {"2024-09-14T06:00:00Z", "2024-09-14T13:00:00Z"}, /* the RDATE, moved */
	    {"2024-09-15T17:00:00Z", "2024-09-15T19:00:00Z"}, /* its own override */
	    {"2024-09-17T09:00:00Z", "2024-09-17T16:00:00Z"}, /* moved with it */
	    {"2024-09-22T14:22:00Z", "2024-09-22T16:13:00Z"}, /* the second move */
	    {"2024-09-24T14:22:00Z", "2024-09-24T16:13:00Z"},
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(*want); i++) {
		int64_t start, end;
		cr_assert(timefmt_parse(want[i].start, &start) && timefmt_parse(want[i].end, &end));
		bool found = false;
		for (size_t k = 0; k < a->n_occurrences && !found; k++)
			found = a->occurrences[k].start == start && a->occurrences[k].end == end;
		cr_assert(found, "no date %s-%s", want[i].start, want[i].end);
	}
	/* And none left at the times the moves left. */
	static const char *const gone[] = {"2024-09-13T12:00:00Z", "2024-09-17T12:00:00Z",
					   "2024-09-21T12:00:00Z", "2024-09-23T12:00:00Z",
					   "2024-09-14T09:00:00Z"};
	for (size_t i = 0; i < sizeof(gone) / sizeof(*gone); i++) {
		int64_t t;
		cr_assert(timefmt_parse(gone[i], &t));
		cr_assert_str_eq(status_at(a, t), "none", "a date left at %s", gone[i]);
	}
	feed_free(f);
	diag_clear(&d);
	free(text);
}

/* What is guessed is said (check shows it): a rule part no calendar knows
 * ("UNTL", which made an ending rule endless), a second RRULE, an end
 * before the start. Real files of python-recurring-ical-events' tests. */
Test(feed_ical, what_is_guessed_is_said)
{
	static const struct {
		const char *file, *warning;
	} cases[] = {
	    {"bad_rrule_missing_until_event.ics",
	     "line 9: the repeat rule has a part no calendar knows, \"UNTL\""},
	    {"duplicated_rrule.ics", "more than one repeat rule (RRULE): the first is read"},
	    {"issue_132_swapped_start_and_end.ics", "it ends before it starts (shown with no end)"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char path[512];
		snprintf(path, sizeof(path), "%s/tests/data/corpus/ical/%s", TOP_SRCDIR,
			 cases[i].file);
		char *text = test_read_file(path, NULL);
		cr_assert_not_null(text, "%s", path);
		struct diag d;
		struct feed *f = parse(text, 0, &parish, &d);
		cr_assert_not_null(f, "%s: %s", cases[i].file, d.error);
		cr_assert_eq(f->n_activities, 1, "%s: still shown", cases[i].file);
		cr_assert(warned(&d, cases[i].warning), "%s: not told \"%s\"", cases[i].file,
			  cases[i].warning);
		feed_free(f);
		diag_clear(&d);
		free(text);
	}
	/* A calendar with none of these is told nothing of them. */
	struct diag d;
	struct feed *f = parse(outlook, 0, &parish, &d);
	cr_assert_not(warned(&d, "no calendar knows") || warned(&d, "ends before it starts") ||
		      warned(&d, "more than one repeat rule"));
	feed_free(f);
	diag_clear(&d);
}
