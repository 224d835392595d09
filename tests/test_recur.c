/* SPDX-License-Identifier: EUPL-1.2 */
/* Tests of src/feed/recur.c: schedules expanded with libical in local wall time. */
#include "config.h"

#include "helpers.h"
#include "feed/feed_json.h"
#include "feed/recur.h"
#include "sync/recur_job.h"
#include "util/timefmt.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void setup(void)
{
	setenv("TZ", "Europe/Helsinki", 1);
	tzset();
}

TestSuite(recur, .init = setup);

static int64_t at(const char *rfc3339)
{
	int64_t t;
	cr_assert(timefmt_parse(rfc3339, &t), "%s", rfc3339);
	return t;
}

/* Expands a schedule of one activity over [from, until). */
static void expand(struct arena *a, struct feed_activity *act, const char *rrule,
		   const char *dtstart, const char *duration, const char *from, const char *until)
{
	*act = (struct feed_activity){0};
	act->schedule.rrule = rrule;
	act->schedule.dtstart = dtstart;
	act->schedule.duration = duration;
	char why[128];
	cr_assert(recur_check(&act->schedule, why, sizeof(why)), "%s", why);
	cr_assert(recur_expand(a, act, "Europe/Helsinki", at(from), at(until), NULL));
}

/* A weekly 03.30 in Helsinki across both changes, as RFC 5545 3.3.5 and
 * Python's zoneinfo read it (tests/data/samples/google_helsinki_spring_
 * forward.ics is compared with python-recurring-ical-events): 03.30 on
 * the morning of the change to summer time does not exist and is read
 * with the offset before it (04.30 summer time); on the morning back it
 * occurs twice and is the first (summer time). libical moved the gap's
 * date an hour and kept every later one there. */
Test(recur, a_time_in_the_gap_or_twice_is_read_as_rfc_5545_says)
{
	struct arena a = {0};
	struct feed_activity act;
	expand(&a, &act, "FREQ=WEEKLY", "2027-03-21T03:30:00", "PT1H", "2027-03-20T00:00:00+02:00",
	       "2027-04-12T00:00:00+03:00");
	cr_assert_eq(act.n_occurrences, 4);
	static const char *const spring[] = {"2027-03-21T01:30:00Z", "2027-03-28T01:30:00Z",
					     "2027-04-04T00:30:00Z", "2027-04-11T00:30:00Z"};
	for (int i = 0; i < 4; i++)
		cr_assert_eq(act.occurrences[i].start, at(spring[i]), "week %d", i);
	expand(&a, &act, "FREQ=WEEKLY", "2027-10-24T03:30:00", "PT1H", "2027-10-23T00:00:00+03:00",
	       "2027-11-08T00:00:00+02:00");
	cr_assert_eq(act.n_occurrences, 3);
	static const char *const autumn[] = {"2027-10-24T00:30:00Z", "2027-10-31T00:30:00Z",
					     "2027-11-07T01:30:00Z"};
	for (int i = 0; i < 3; i++)
		cr_assert_eq(act.occurrences[i].start, at(autumn[i]), "week %d", i);
	arena_free(&a);
}

Test(recur, weekly_keeps_wall_time_across_dst)
{
	struct arena a = {0};
	struct feed_activity act;
	expand(&a, &act, "FREQ=WEEKLY;BYDAY=TU", "2026-09-01T18:00:00", "PT1H30M",
	       "2026-10-12T00:00:00+03:00", "2026-11-03T00:00:00+02:00");
	cr_assert_eq(act.n_occurrences, 3);
	char buf[TIMEFMT_BUFSIZE];
	timefmt_format(act.occurrences[0].start, buf);
	cr_assert_str_eq(buf, "2026-10-13T18:00:00+03:00");
	timefmt_format(act.occurrences[2].start, buf);
	cr_assert_str_eq(buf, "2026-10-27T18:00:00+02:00", "after the change: still 18.00");
	cr_assert_eq(act.occurrences[2].end - act.occurrences[2].start, 5400);
	arena_free(&a);
}

Test(recur, honours_exdates_and_count)
{
	struct arena a = {0};
	struct feed_activity act = {0};
	const char *ex[] = {"2026-11-10", "2026-11-17T18:00:00"};
	act.schedule = (struct feed_schedule){.rrule = "FREQ=WEEKLY;BYDAY=TU;COUNT=4",
					      .dtstart = "2026-11-03T18:00:00",
					      .exdates = {ex, 2}};
	cr_assert(recur_expand(&a, &act, "Europe/Helsinki", at("2026-11-01T00:00:00+02:00"),
			       at("2027-01-01T00:00:00+02:00"), NULL));
	cr_assert_eq(act.n_occurrences, 2, "4 by COUNT, 2 of them excluded");
	char buf[TIMEFMT_BUFSIZE];
	timefmt_date(act.occurrences[1].start, buf);
	cr_assert_str_eq(buf, "24.11.2026");
	cr_assert_eq(act.occurrences[0].end, 0, "no duration: no end");
	arena_free(&a);
}

Test(recur, monthly_by_weekday_and_offsets_in_dtstart)
{
	struct arena a = {0};
	struct feed_activity act;
	/* First Wednesday of the month; dtstart given in UTC is 17.00 Helsinki. */
	expand(&a, &act, "FREQ=MONTHLY;BYDAY=1WE", "2025-09-03T14:00:00Z", "PT2H",
	       "2026-11-01T00:00:00+02:00", "2027-01-31T00:00:00+02:00");
	cr_assert_eq(act.n_occurrences, 3);
	char buf[TIMEFMT_BUFSIZE];
	timefmt_format(act.occurrences[0].start, buf);
	cr_assert_str_eq(buf, "2026-11-04T17:00:00+02:00");
	timefmt_format(act.occurrences[2].start, buf);
	cr_assert_str_eq(buf, "2027-01-06T17:00:00+02:00");
	arena_free(&a);
}

Test(recur, keeps_given_occurrences_first)
{
	struct arena a = {0};
	struct feed_occurrence given = {.start = 100, .end = 200};
	struct feed_activity act = {.occurrences = &given, .n_occurrences = 1};
	act.schedule =
	    (struct feed_schedule){.rrule = "FREQ=DAILY", .dtstart = "2026-11-24T10:00:00"};
	cr_assert(recur_expand(&a, &act, "Europe/Helsinki", at("2026-11-24T00:00:00+02:00"),
			       at("2026-11-27T00:00:00+02:00"), NULL));
	cr_assert_eq(act.n_occurrences, 4);
	cr_assert_eq(act.occurrences[0].start, 100);
	arena_free(&a);
}

Test(recur, refuses_what_it_cannot_expand_safely)
{
	char why[128];
	struct feed_schedule s = {.rrule = "FREQ=HOURLY", .dtstart = "2026-11-24T10:00:00"};
	cr_assert_not(recur_check(&s, why, sizeof(why)));
	s.rrule = "NOT A RULE";
	cr_assert_not(recur_check(&s, why, sizeof(why)));
	s.rrule = "FREQ=WEEKLY";
	s.dtstart = "2026-11-24";
	cr_assert_not(recur_check(&s, why, sizeof(why)), "a date alone has no time of day");
	s.dtstart = "2026-11-24T10:00:00";
	s.duration = "an hour";
	cr_assert_not(recur_check(&s, why, sizeof(why)));
	cr_assert(recur_timezone_known("Europe/Helsinki"));
	cr_assert_not(recur_timezone_known("Europe/Atlantis"));
}

/* Rules that made libical search for centuries, or expand into many
 * times a day, are refused when the feed is read. */
Test(recur, refuses_rules_that_never_occur_or_run_many_times_a_day)
{
	static const char *const bombs[] = {
	    "FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=31",
	    "FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30",
	    "FREQ=YEARLY;BYMONTH=4,6,9,11;BYMONTHDAY=31",
	    "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=-30",
	    "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6",
	    "FREQ=WEEKLY;BYDAY=MO;BYSETPOS=1",
	    "FREQ=YEARLY;BYWEEKNO=53;BYDAY=MO",
	    "FREQ=YEARLY;BYYEARDAY=366",
	    "FREQ=DAILY;BYHOUR=8,9,10",
	    "FREQ=DAILY;BYMINUTE=0,1,2,3",
	    "FREQ=DAILY;BYSECOND=0,1",
	};
	char why[128];
	for (size_t i = 0; i < sizeof(bombs) / sizeof(*bombs); i++) {
		struct feed_schedule s = {.rrule = bombs[i], .dtstart = "2026-09-01T18:00:00"};
		cr_assert_not(recur_check(&s, why, sizeof(why)), "accepted %s", bombs[i]);
		cr_assert(strstr(why, "rrule: "), "%s: %s", bombs[i], why);
	}
	/* Rare but real dates stay. */
	static const char *const fine[] = {
	    "FREQ=MONTHLY;BYMONTHDAY=13;BYDAY=FR", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
	    "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=5",	   "FREQ=MONTHLY;BYDAY=-1FR",
	    "FREQ=MONTHLY;BYMONTHDAY=31",	   "FREQ=WEEKLY;BYDAY=TU;BYHOUR=18",
	    "FREQ=MONTHLY;BYDAY=TU,TH;BYSETPOS=-1"};
	for (size_t i = 0; i < sizeof(fine) / sizeof(*fine); i++) {
		struct feed_schedule s = {.rrule = fine[i], .dtstart = "2026-09-01T18:00:00"};
		cr_assert(recur_check(&s, why, sizeof(why)), "%s: %s", fine[i], why);
	}
}

/* A rule that needs too many steps to reach the window is dropped and
 * counted, not expanded for a minute. */
Test(recur, a_rule_over_its_budget_is_dropped_and_counted)
{
	struct arena a = {0};
	struct feed_activity act = {.id = "pommi"};
	act.schedule = (struct feed_schedule){.rrule = "FREQ=DAILY;COUNT=1000000000",
					      .dtstart = "1900-01-01T10:00:00"};
	char why[128];
	cr_assert(recur_check(&act.schedule, why, sizeof(why)), "%s", why);
	struct recur_budget b = {0};
	cr_assert(recur_expand(&a, &act, "Europe/Helsinki", at("2026-11-24T00:00:00+02:00"),
			       at("2027-01-24T00:00:00+02:00"), &b));
	cr_assert_eq(act.n_occurrences, 0);
	cr_assert_eq(b.dropped, 1);
	cr_assert_str_eq(b.first_dropped, "pommi");
	cr_assert_gt(b.spent_ms, RECUR_SLOW_MS, "its time counts against the feed");
	/* Past the feed's budget, a counting rule from the past is dropped
	 * untried; an honest weekly rule still gets its dates. */
	b.spent_ms = RECUR_FEED_MS;
	act.n_occurrences = 0;
	act.schedule.rrule = "FREQ=DAILY;COUNT=100";
	cr_assert(recur_expand(&a, &act, "Europe/Helsinki", at("2026-11-24T00:00:00+02:00"),
			       at("2027-01-24T00:00:00+02:00"), &b));
	cr_assert_eq(b.dropped, 2);
	struct feed_activity weekly = {.id = "viikko"};
	weekly.schedule =
	    (struct feed_schedule){.rrule = "FREQ=WEEKLY", .dtstart = "2020-11-03T18:00:00"};
	cr_assert(recur_expand(&a, &weekly, "Europe/Helsinki", at("2026-11-24T00:00:00+02:00"),
			       at("2027-01-24T00:00:00+02:00"), &b));
	cr_assert_eq(weekly.n_occurrences, 9);
	cr_assert_eq(b.dropped, 2);
	arena_free(&a);
}

Test(recur, bounds_the_number_of_occurrences)
{
	struct arena a = {0};
	struct feed_activity act;
	expand(&a, &act, "FREQ=DAILY", "2026-01-01T10:00:00", NULL, "2026-01-01T00:00:00+02:00",
	       "2030-01-01T00:00:00+02:00");
	cr_assert_eq(act.n_occurrences, RECUR_MAX_OCCURRENCES);
	arena_free(&a);
}

static struct feed *demo(void)
{
	char *text = test_demo_feed(TEST_NOW);
	struct diag d = {0};
	struct feed *f = feed_json_parse(text, strlen(text), &d);
	cr_assert_not_null(f, "%s", d.error);
	diag_clear(&d);
	free(text);
	return f;
}

/* In a thread, waited for activity by activity: the same dates as the
 * plain expansion, for every activity. */
Test(recur, a_job_expands_what_the_plain_expansion_does)
{
	int64_t from = TEST_NOW - 86400, until = TEST_NOW + 60 * 86400;
	struct feed *plain = demo(), *f = demo();
	cr_assert(recur_expand_feed(plain, from, until, NULL));
	struct recur_job *job = recur_job_start(f, from, until, NULL);
	cr_assert_not_null(job);
	size_t dated = 0;
	for (size_t i = 0; i < f->n_activities; i++) {
		cr_assert(recur_job_ready(job, i));
		const struct feed_activity *a = &f->activities[i], *p = &plain->activities[i];
		cr_assert_eq(a->n_occurrences, p->n_occurrences, "%s", a->id);
		for (size_t k = 0; k < a->n_occurrences; k++) {
			cr_assert_eq(a->occurrences[k].start, p->occurrences[k].start);
			cr_assert_eq(a->occurrences[k].end, p->occurrences[k].end);
		}
		dated += a->schedule.rrule && a->n_occurrences > 0;
	}
	cr_assert_gt(dated, 3, "the demo feed has weekly schedules");
	cr_assert(recur_job_finish(job, NULL));
	feed_free(plain);
	feed_free(f); /* the job's memory went with the feed's */
}

/* A save that fails at once stops the job: far from every activity got
 * its dates, and nothing is left behind (the sanitizers' leak check). */
Test(recur, a_job_can_be_stopped_before_its_end)
{
	enum { N = 20000 };
	json_t *acts = json_array();
	for (int i = 0; i < N; i++) {
		char id[32];
		snprintf(id, sizeof(id), "a%d", i);
		json_array_append_new(
		    acts, json_pack("{s:s, s:s, s:{s:s}, s:s, s:{s:s, s:s}}", "id", id, "type",
				    "group", "name", "fi", "Ryhmä", "organizer_id", "o", "schedule",
				    "rrule", "FREQ=WEEKLY", "dtstart", "2026-09-01T18:00:00"));
	}
	json_t *doc =
	    json_pack("{s:s, s:i, s:{s:s, s:i, s:s}, s:[{s:s, s:s, s:{s:s}}], s:o}", "format",
		      "aulataulu-feed", "format_version", 1, "feed", "id", "x", "sequence", 1,
		      "generated_at", "2026-11-24T08:00:00+02:00", "organizations", "id", "o",
		      "kind", "association", "name", "fi", "Y", "activities", acts);
	char *text = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	struct diag d = {0};
	struct feed *f = feed_json_parse(text, strlen(text), &d);
	cr_assert_not_null(f, "%s", d.error);
	cr_assert_eq(f->n_activities, (size_t)N);
	diag_clear(&d);
	free(text);
	struct recur_job *job = recur_job_start(f, TEST_NOW - 86400, TEST_NOW + 60 * 86400, NULL);
	cr_assert_not_null(job);
	cr_assert(recur_job_finish(job, NULL));
	size_t expanded = 0;
	for (size_t i = 0; i < f->n_activities; i++)
		expanded += f->activities[i].n_occurrences > 0;
	cr_assert_lt(expanded, (size_t)N / 2, "the job ran on: %zu of %d expanded", expanded, N);
	feed_free(f);
}
