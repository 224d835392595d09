/* SPDX-License-Identifier: EUPL-1.2 */
/* A feed or server must not stall or trap a terminal: recurrence bombs,
 * sequence fast-forwards, slow and redirecting servers, hostile phone
 * fields and bytes in messages. Each runs the real program. */
#include "config.h"

#include "helpers.h"
#include "app/qr.h"
#include "feed/feed.h"
#include "feed/phone.h"
#include "sync/sync.h"
#include "util/budget.h"
#include "util/diag.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static char *dir;

static void setup(void)
{
	setenv("TZ", "Europe/Helsinki", 1);
	dir = test_tmpdir();
}

static void teardown(void)
{
	test_rmdir(dir);
	free(dir);
}

TestSuite(hostile, .init = setup, .fini = teardown, .timeout = 120);

static struct run run_cli(const char *conf, const char *const *args)
{
	struct run r;
	test_run_in(&r, dir, conf, args);
	return r;
}

#define CLI(conf, ...) run_cli(conf, (const char *const[]){__VA_ARGS__, NULL})

/* A config with one file source, feed.json in dir, and [sync] settings. */
static char *file_config(const char *sync)
{
	char *conf = test_path(dir, "aulataulu.conf"), *text;
	cr_assert(
	    asprintf(&text,
		     "[sync]\n%s[source local]\nurl = file://%s/feed.json\nallow_file = yes\n",
		     sync ? sync : "", dir) > 0);
	test_write_file(conf, text);
	free(text);
	return conf;
}

/* A format 1 feed: its header, one organization, and activities. */
static json_t *feed_doc(json_int_t sequence)
{
	return json_pack("{s:s, s:i, s:{s:s, s:I, s:s}, s:[{s:s, s:s, s:{s:s}}], s:[], s:[]}",
			 "format", "aulataulu-feed", "format_version", 1, "feed", "id", "local",
			 "sequence", sequence, "generated_at", "2026-11-24T08:00:00+02:00",
			 "organizations", "id", "org-1", "kind", "association", "name", "fi",
			 "Yhdistys ry", "activities", "announcements");
}

static void add_activity(json_t *doc, const char *id, const char *name, const char *rrule,
			 const char *dtstart)
{
	json_t *a = json_pack("{s:s, s:s, s:{s:s}, s:s}", "id", id, "type", "group", "name", "fi",
			      name, "organizer_id", "org-1");
	if (rrule)
		json_object_set_new(a, "schedule",
				    json_pack("{s:s, s:s, s:s}", "rrule", rrule, "dtstart", dtstart,
					      "duration", "PT1H"));
	json_array_append_new(json_object_get(doc, "activities"), a);
}

static void write_feed(json_t *doc)
{
	char *path = test_path(dir, "feed.json");
	cr_assert_eq(json_dump_file(doc, path, JSON_COMPACT), 0);
	free(path);
}

/* Recurrence bombs up to the size cap: every rule that made libical
 * search for centuries (357 s of CPU for 1,000 of them), or counted a
 * billion days from 1900, beside two honest weekly groups. */
Test(hostile, a_recurrence_bomb_feed_of_the_size_cap_syncs_within_the_timeout)
{
	static const char *const bombs[][2] = {
	    {"FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=31", "2026-09-01T18:00:00"},
	    {"FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30", "2026-09-01T18:00:00"},
	    {"FREQ=DAILY;COUNT=1000000000", "1900-01-01T10:00:00"},
	    {"FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6", "2026-09-01T18:00:00"},
	    {"FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23;"
	     "BYMINUTE=0,10,20,30,40,50",
	     "2026-09-01T18:00:00"},
	    {"FREQ=WEEKLY;COUNT=400000000;BYDAY=MO,TU,WE,TH,FR,SA,SU", "1900-01-01T10:00:00"},
	};
	json_t *doc = feed_doc(1);
	add_activity(doc, "hyva-1", "Omaishoitajien ryhmä", "FREQ=WEEKLY;BYDAY=TU",
		     "2026-09-01T18:00:00");
	size_t cap = 1 << 20, n = 0;
	char id[32];
	for (;; n++) {
		snprintf(id, sizeof(id), "pommi-%zu", n);
		const char *const *b = bombs[n % (sizeof(bombs) / sizeof(*bombs))];
		add_activity(doc, id, "Pommi", b[0], b[1]);
		if (n % 64 == 0) {
			char *text = json_dumps(doc, JSON_COMPACT);
			size_t len = strlen(text);
			free(text);
			if (len > cap - 4096)
				break;
		}
	}
	add_activity(doc, "hyva-2", "Kuoro", "FREQ=WEEKLY;BYDAY=WE", "2026-09-02T17:00:00");
	write_feed(doc);
	json_decref(doc);
	cr_assert_gt(n, 2000, "the feed holds %zu rules", n);
	char *conf = file_config("max_size = 1M\ntimeout = 10\n");
	struct run r = CLI(conf, "sync");
	cr_assert_eq(r.status, 0, "%s", r.err);
	cr_assert_lt(r.seconds, 10.0, "the sync took %.1f s", r.seconds);
	cr_assert(strstr(r.err, "rrule: never occurs"), "%s", r.err);
	cr_assert(strstr(r.err, "too long to expand"), "no warning for dropped rules: %s",
		  r.err + (strlen(r.err) > 2000 ? strlen(r.err) - 2000 : 0));
	test_run_free(&r);
	r = CLI(conf, "list", "--when", "week", "--json");
	cr_assert_eq(r.status, 0, "%s", r.err);
	cr_assert(strstr(r.out, "Omaishoitajien ryhmä"), "%s", r.out);
	cr_assert(strstr(r.out, "Kuoro"), "%s", r.out);
	test_run_free(&r);
	free(conf);
}

static void write_feed_with_sequence(json_int_t sequence, const char *name)
{
	json_t *doc = feed_doc(sequence);
	add_activity(doc, "ryhma", name, NULL, NULL);
	write_feed(doc);
	json_decref(doc);
}

/* A sequence of 2^63-1 made every later feed a "rollback" for ever. */
Test(hostile, an_absurd_sequence_cannot_trap_the_terminal)
{
	char *conf = file_config(NULL);
	write_feed_with_sequence(5, "Versio viisi");
	struct run r = CLI(conf, "sync");
	cr_assert_eq(r.status, 0, "%s", r.err);
	test_run_free(&r);
	write_feed_with_sequence(INT64_MAX, "Ansa");
	r = CLI(conf, "sync");
	cr_assert_eq(r.status, 1);
	cr_assert(strstr(r.err, "feed.sequence: larger than 2^53"), "%s", r.err);
	test_run_free(&r);
	/* Far beyond the last (but under 2^53) is refused too, naming the
	 * way out. */
	write_feed_with_sequence(5 + 2000000000LL, "Hyppy");
	r = CLI(conf, "sync");
	cr_assert_eq(r.status, 1);
	cr_assert(strstr(r.err, "aulataulu reset-source local"), "%s", r.err);
	test_run_free(&r);
	write_feed_with_sequence(6, "Versio kuusi");
	r = CLI(conf, "sync");
	cr_assert_eq(r.status, 0, "the terminal is trapped: %s", r.err);
	test_run_free(&r);
	r = CLI(conf, "list", "--when", "all");
	cr_assert(strstr(r.out, "Versio kuusi"), "%s", r.out);
	test_run_free(&r);
	free(conf);
}

/* A feed of sequence and generated_at. */
static void write_feed_at(json_int_t sequence, const char *generated_at)
{
	json_t *doc = feed_doc(sequence);
	json_object_set_new(json_object_get(doc, "feed"), "generated_at",
			    json_string(generated_at));
	add_activity(doc, "ryhma", "Ryhmä", NULL, NULL);
	write_feed(doc);
	json_decref(doc);
}

static int sync_status(const char *conf, const char *why)
{
	struct run r = CLI(conf, "sync");
	int status = r.status;
	if (why)
		cr_assert(strstr(r.err, why), "\"%s\" not in: %s", why, r.err);
	test_run_free(&r);
	return status;
}

/* The rules a feed's sequence and clock must keep, each at its bound
 * (TEST_NOW is 24.11. 9.00): one sequence back is a rollback, the same
 * one no change; a jump of 10^9 is taken, one more is not; a feed made a
 * day ahead of the terminal's clock is taken, a second more is not. */
Test(hostile, sequence_and_clock_rules_hold_at_their_bounds)
{
	char *conf = file_config(NULL);
	const char *at = "2026-11-24T08:00:00+02:00";
	write_feed_at(1000, at);
	cr_assert_eq(sync_status(conf, NULL), 0);
	write_feed_at(999, at);
	cr_assert_eq(sync_status(conf, "older than the 1000 already shown"), 1);
	write_feed_at(1000, at);
	cr_assert_eq(sync_status(conf, NULL), 0, "the same sequence is no change");
	write_feed_at(1000 + 1000000000LL + 1, at);
	cr_assert_eq(sync_status(conf, "jumps more than 1000000000 past the 1000"), 1);
	write_feed_at(1000 + 1000000000LL, at);
	cr_assert_eq(sync_status(conf, NULL), 0, "a jump of exactly 10^9 is taken");
	json_int_t base = 1000 + 1000000000LL;
	write_feed_at(base + 1, "2026-11-25T10:00:00+02:00");
	cr_assert_eq(sync_status(conf, "more than a day in the future"), 1, "25 hours ahead");
	write_feed_at(base + 1, "2026-11-25T09:00:01+02:00");
	cr_assert_eq(sync_status(conf, "more than a day in the future"), 1, "a day and 1 s");
	write_feed_at(base + 1, "2026-11-25T09:00:00+02:00");
	cr_assert_eq(sync_status(conf, NULL), 0, "exactly a day ahead is taken");
	free(conf);
}

/* A publisher that really renumbered (or a feed that got through before
 * this version): the IT admin's way out, shown by doctor. */
Test(hostile, reset_source_is_the_documented_way_out_of_a_rollback)
{
	char *conf = file_config(NULL);
	write_feed_with_sequence(900, "Vanha numerointi");
	struct run r = CLI(conf, "sync");
	cr_assert_eq(r.status, 0, "%s", r.err);
	test_run_free(&r);
	write_feed_with_sequence(1, "Uusi numerointi");
	r = CLI(conf, "sync");
	cr_assert_eq(r.status, 1);
	cr_assert(strstr(r.err, "rollback"), "%s", r.err);
	test_run_free(&r);
	r = CLI(conf, "doctor");
	cr_assert_eq(r.status, 1, "%s", r.out);
	cr_assert(strstr(r.out, "aulataulu reset-source local"), "%s", r.out);
	test_run_free(&r);
	r = CLI(conf, "reset-source", "local");
	cr_assert_eq(r.status, 0, "%s", r.err);
	test_run_free(&r);
	/* The cached data stays until the next feed replaces it. */
	r = CLI(conf, "list", "--when", "all");
	cr_assert(strstr(r.out, "Vanha numerointi"), "%s", r.out);
	test_run_free(&r);
	r = CLI(conf, "sync", "--due");
	cr_assert_eq(r.status, 0, "%s", r.err);
	cr_assert(strstr(r.out, "updated to version 1"), "not due at once: %s", r.out);
	test_run_free(&r);
	r = CLI(conf, "list", "--when", "all");
	cr_assert(strstr(r.out, "Uusi numerointi"), "%s", r.out);
	test_run_free(&r);
	r = CLI(conf, "doctor");
	cr_assert_eq(r.status, 0, "%s", r.out);
	cr_assert(strstr(r.out, "0 problems"), "%s", r.out);
	test_run_free(&r);
	r = CLI(conf, "reset-source", "nosuch");
	cr_assert_eq(r.status, 1);
	cr_assert(strstr(r.err, "no source \"nosuch\""), "%s", r.err);
	test_run_free(&r);
	free(conf);
}

/* Phone fields were drawn as "scan to call" codes whatever they held. */
Test(hostile, a_phone_field_is_a_phone_number_or_nothing)
{
	static const char *const bad[] = {
	    "javascript:alert(1)", "https://example.invalid/x", "data:text/html,<h1>x",
	    "file:///etc/passwd", "WIFI:S:lobby;T:WPA;P:x;;", "smsto:+35840123:hei",
	    "040 123 4567 ext. 5", "12", "+358 40 +123", "123456789012345678901",
	    /* Letters alone, with nothing else amiss. */
	    "040 123 456x", "O40 123 4567", "040 CALL NOW 1", "+358 40 123 äö"};
	struct qr q;
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		cr_assert_not(qr_make(bad[i], QR_PHONE, &q), "encoded as a phone: %s", bad[i]);
		cr_assert_null(phone_tel_uri(bad[i]), "%s", bad[i]);
	}
	/* The digit counts at their bounds: 3 and 20 read (2 and 21, above, not). */
	static const char *const good[][2] = {{"+358 (40) 123-4567", "tel:+358401234567"},
					      {"112", "tel:112"},
					      {"12345678901234567890", "tel:12345678901234567890"}};
	for (size_t i = 0; i < sizeof(good) / sizeof(*good); i++) {
		char *uri = phone_tel_uri(good[i][0]);
		cr_assert_str_eq(uri, good[i][1]);
		free(uri);
	}
	cr_assert(qr_make("040 123 4567", QR_PHONE, &q));
	qr_free(&q);
	/* A web address is http(s) and nothing else. */
	cr_assert(qr_make("https://www.mll.fi/", QR_WEB, &q));
	qr_free(&q);
	static const char *const not_web[] = {"javascript:alert(1)", "data:text/html,x",
					      "file:///etc/passwd", "WIFI:S:x;;", "tel:112"};
	for (size_t i = 0; i < sizeof(not_web) / sizeof(*not_web); i++)
		cr_assert_not(qr_make(not_web[i], QR_WEB, &q), "encoded as web: %s", not_web[i]);
	/* Read from a feed, such a field is ignored with a warning. */
	json_t *doc = feed_doc(1);
	add_activity(doc, "ryhma", "Ryhmä", NULL, NULL);
	json_t *a = json_array_get(json_object_get(doc, "activities"), 0);
	json_object_set_new(a, "phone", json_string("javascript:alert(1)"));
	json_object_set_new(a, "registration",
			    json_pack("{s:b, s:s}", "required", 1, "phone", "WIFI:S:x;;"));
	write_feed(doc);
	json_decref(doc);
	char *feed = test_path(dir, "feed.json");
	struct run r = CLI(NULL, "check", feed);
	cr_assert(strstr(r.out, "activities[0].phone: not a phone number (field ignored)"), "%s%s",
		  r.out, r.err);
	cr_assert(strstr(r.out, "activities[0].registration.phone: not a phone number"), "%s%s",
		  r.out, r.err);
	test_run_free(&r);
	free(feed);
}

/* The budget itself, at its bounds: processor time of this thread, and
 * memory allocated since it started (4 MiB over a 1 MiB budget, then
 * within an 8 MiB one). */
Test(hostile, a_budget_counts_processor_time_and_memory_at_its_bounds)
{
	struct budget b;
	struct timespec start, now;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start);
	budget_start(&b, 5.0, 0);
	volatile unsigned long spin = 0;
	size_t calls = 0;
	while (budget_left(&b, true))
		for (int i = 0; i < 10000; i++)
			spin += (unsigned long)i, calls++;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
	double spent =
	    (double)(now.tv_sec - start.tv_sec) * 1e3 + (double)(now.tv_nsec - start.tv_nsec) / 1e6;
	cr_assert_eq(b.state, BUDGET_CPU_SPENT);
	cr_assert_geq(spent, 5.0, "spent after %.3f ms", spent);
	cr_assert_not(budget_left(&b, true), "a spent budget stays spent");
	/* Every BUDGET_EVERY'th call measures: the first 31 do not. */
	budget_start(&b, 1e-6, 0);
	for (int i = 0; i < BUDGET_EVERY - 1; i++)
		cr_assert(budget_left(&b, false), "call %d", i);
	cr_assert_not(budget_left(&b, false));

	budget_start(&b, 0, (size_t)1 << 20);
	char *big = malloc((size_t)4 << 20);
	cr_assert_not_null(big);
	memset(big, 1, (size_t)4 << 20);
	cr_assert_not(budget_left(&b, true), "4 MiB allocated within a 1 MiB budget");
	cr_assert_eq(b.state, BUDGET_MEMORY_SPENT);
	free(big);
	budget_start(&b, 0, (size_t)8 << 20);
	big = malloc((size_t)4 << 20);
	cr_assert_not_null(big);
	memset(big, 1, (size_t)4 << 20);
	cr_assert(budget_left(&b, true), "4 MiB within an 8 MiB budget");
	free(big);
}

/* n items of format, each with a problem of its own (a warning each). */
static char *document_of_warnings(const char *format, size_t n)
{
	char *doc = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&doc, &size);
	if (!strcmp(format, "csv")) {
		fputs("nimi;järjestäjä;viikonpäivä;alkaa\n", f);
		for (size_t i = 0; i < n; i++)
			fprintf(f, "Ryhmä %zu;Yhdistys;ma;25\n", i);
	} else if (!strcmp(format, "ical")) {
		fputs("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//FI\r\n", f);
		for (size_t i = 0; i < n; i++)
			fprintf(f,
				"BEGIN:VEVENT\r\nUID:e%zu\r\nDTSTAMP:20261120T000000Z\r\n"
				"DTSTART:20261125T100000Z\r\nEND:VEVENT\r\n",
				i);
		fputs("END:VCALENDAR\r\n", f);
	} else if (!strcmp(format, "rss")) {
		fputs("<rss version=\"2.0\"><channel><title>Uutiset</title>", f);
		for (size_t i = 0; i < n; i++)
			fputs("<item><title>Sama</title><guid>sama</guid></item>", f);
		fputs("</channel></rss>", f);
	} else if (!strcmp(format, "linkedevents")) {
		fputs("{\"meta\": {\"next\": null}, \"data\": [", f);
		for (size_t i = 0; i < n; i++)
			fprintf(f, "%s{\"name\": {\"fi\": \"Tapahtuma\"}}", i ? "," : "");
		fputs("]}", f);
	} else {
		fputs("{\"format\": \"aulataulu-feed\", \"format_version\": 1, \"feed\": {\"id\": "
		      "\"t\", \"sequence\": 1, \"generated_at\": \"2026-11-24T08:00:00+02:00\"}, "
		      "\"activities\": [",
		      f);
		for (size_t i = 0; i < n; i++)
			fprintf(f, "%s{\"id\": \"a%zu\", \"type\": \"group\"}", i ? "," : "", i);
		fputs("]}", f);
	}
	fclose(f);
	return doc;
}

/* Every format's parser asks the budget at each item and stops at the
 * first "spent": a document of 2,000 items, each with a warning, is
 * refused after about BUDGET_EVERY of them, not read to its end; with the
 * default budget the same document is read whole. */
Test(hostile, every_parser_stops_once_its_budget_is_spent)
{
	static const char *const formats[] = {"aulataulu", "csv", "ical", "rss", "linkedevents"};
	for (size_t k = 0; k < sizeof(formats) / sizeof(*formats); k++) {
		char *doc = document_of_warnings(formats[k], 2000);
		struct diag d = {0};
		struct feed *f = sync_parse(formats[k], doc, strlen(doc), TEST_NOW, NULL, &d);
		/* RSS: the first item is no duplicate. */
		cr_assert_geq(d.n_warnings, 1999, "%s: %zu warnings, error %s", formats[k],
			      d.n_warnings, d.error ? d.error : "none");
		feed_free(f);
		diag_clear(&d);
		struct budget b;
		budget_start(&b, 1e-6, 0);
		d.budget = &b;
		f = sync_parse(formats[k], doc, strlen(doc), TEST_NOW, NULL, &d);
		cr_assert_null(f, "%s: read within a spent budget", formats[k]);
		cr_assert(d.error && strstr(d.error, "seconds of processor time"), "%s: %s",
			  formats[k], d.error ? d.error : "no error");
		cr_assert_leq(d.n_warnings, 2 * BUDGET_EVERY, "%s: read on to %zu warnings",
			      formats[k], d.n_warnings);
		diag_clear(&d);
		free(doc);
		/* Fewer items than a parser measures after: the end is measured
		 * (here, a budget of 1 KiB of memory). */
		doc = document_of_warnings(formats[k], 3);
		budget_start(&b, 0, 1024);
		d.budget = &b;
		f = sync_parse(formats[k], doc, strlen(doc), TEST_NOW, NULL, &d);
		cr_assert_null(f, "%s: 3 items read over the budget", formats[k]);
		cr_assert(d.error && strstr(d.error, "MiB of memory"), "%s: %s", formats[k],
			  d.error ? d.error : "no error");
		diag_clear(&d);
		free(doc);
	}
}

/* An RSS file of max_size (16 MiB) in items of body bytes each, or with
 * body 0, each with an element of 8 empty attributes (libxml2 keeps two
 * nodes of each: over 20 times its size); how many. */
static size_t write_news(const char *path, size_t body)
{
	FILE *f = fopen(path, "w");
	cr_assert_not_null(f);
	size_t cap = (size_t)16 << 20, len = 0;
	char *text = malloc(body + 1);
	memset(text, 'a', body);
	text[body] = '\0';
	for (size_t i = 0; body > 0 && i + 64 < body; i += 64)
		text[i] = ' '; /* words, not one endless one */
	len += (size_t)fprintf(f, "<rss version=\"2.0\"><channel><title>Uutiset</title>");
	size_t i = 0;
	for (;; i++) {
		char item[256];
		int n =
		    body ? snprintf(item, sizeof(item), "<item><title>t%zu</title><description>", i)
			 : snprintf(item, sizeof(item),
				    "<item><title>t%zu</title>"
				    "<x a=\"\" b=\"\" c=\"\" d=\"\" e=\"\" f=\"\" g=\"\" h=\"\"/>"
				    "</item>",
				    i);
		if (len + (size_t)n + body + 40 > cap - 64)
			break;
		if (body)
			len += (size_t)fprintf(f, "%s%s</description></item>", item, text);
		else
			len += (size_t)fprintf(f, "%s", item);
	}
	fputs("</channel></rss>", f);
	fclose(f);
	free(text);
	return i;
}

/* Bounded memory whatever the shape: 16 MiB of news items, each with an
 * element of empty attributes, is a tree of over 20 times its size
 * (whichever allocator counts it: glibc's, or AddressSanitizer's, which
 * counts no headers); the source is refused by name and the cache keeps
 * what it had. The same 16 MiB in items of 1 KiB, as real news are, is
 * read. */
Test(hostile, a_document_that_needs_over_16_times_its_size_in_memory_is_refused)
{
	char *news = test_path(dir, "uutiset.rss"), *conf = test_path(dir, "news.conf"), *text;
	cr_assert(asprintf(&text,
			   "[source uutiset]\nurl = file://%s\nformat = rss\nallow_file = yes\n",
			   news) > 0);
	test_write_file(conf, text);
	free(text);
	test_write_file(news, "<rss version=\"2.0\"><channel><title>Uutiset</title><item>"
			      "<title>Kahvila auki</title><guid>k1</guid></item></channel></rss>");
	struct run r = CLI(conf, "sync");
	cr_assert_eq(r.status, 0, "%s", r.err);
	test_run_free(&r);
	char *before = test_cache_fingerprint(dir);
	cr_assert_gt(write_news(news, 0), 200000);
	r = CLI(conf, "sync");
	cr_assert_eq(r.status, 1, "%s", r.err);
	cr_assert(strstr(r.err, "uutiset"), "the source is not named: %s", r.err);
	cr_assert(strstr(r.err, "needed more than 256 MiB of memory"), "%s", r.err);
	test_run_free(&r);
	char *after = test_cache_fingerprint(dir);
	cr_assert_str_eq(before, after, "the refused document changed the cache");
	r = CLI(conf, "board");
	cr_assert(strstr(r.out, "Kahvila auki"), "%s", r.out);
	test_run_free(&r);
	write_news(news, 1024);
	r = CLI(conf, "sync");
	cr_assert_eq(r.status, 0, "16 MiB of real-sized news refused: %s",
		     r.err + (strlen(r.err) > 500 ? strlen(r.err) - 500 : 0));
	test_run_free(&r);
	free(before);
	free(after);
	free(news);
	free(conf);
}
