/* SPDX-License-Identifier: EUPL-1.2 */
/* End-to-end tests of the command line (the man page's contract), running the
 * real program on files and the bundled demo. */
#include "config.h"

#include "helpers.h"

#include <criterion/criterion.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *dir;

static void setup(void)
{
	dir = test_tmpdir();
}

static void teardown(void)
{
	test_rmdir(dir);
	free(dir);
}

TestSuite(cli, .init = setup, .fini = teardown, .timeout = 60);

/* Runs aulataulu --data-dir dir --now TEST_NOW_TEXT [--config conf] args... */
static void run(struct run *r, const char *conf, const char *const *args)
{
	test_run_in(r, dir, conf, args);
}

#define RUN(r, conf, ...) run(r, conf, (const char *const[]){__VA_ARGS__, NULL})

static json_t *run_json(const char *conf, const char *const *args)
{
	struct run r;
	run(&r, conf, args);
	cr_assert_eq(r.status, 0, "%s", r.err);
	json_error_t e;
	json_t *doc = json_loads(r.out, 0, &e);
	cr_assert_not_null(doc, "not JSON: %s\n%s", e.text, r.out);
	test_run_free(&r);
	return doc;
}

/* A config whose one source is a file beside it. */
static char *file_source_config(const char *feed_text, const char *extra)
{
	char *feed = test_path(dir, "feed.json");
	test_write_file(feed, feed_text);
	char *conf = test_path(dir, "aulataulu.conf"), *text;
	cr_assert(asprintf(&text,
			   "[kiosk]\n%s\n[source local]\nurl = file://%s\nallow_file = yes\n",
			   extra ? extra : "", feed) > 0);
	test_write_file(conf, text);
	free(text);
	free(feed);
	return conf;
}

Test(cli, check_accepts_a_valid_feed)
{
	struct run r;
	char *path = test_path(TOP_SRCDIR, "tests/data/minimal-feed.json");
	RUN(&r, NULL, "check", path);
	cr_assert_eq(r.status, 0, "%s%s", r.out, r.err);
	cr_assert(strstr(r.out, "2 activities, 1 announcements"), "%s", r.out);
	test_run_free(&r);
	free(path);
}

Test(cli, check_names_every_problem_by_path)
{
	char *feed = test_read_file(TOP_SRCDIR "/tests/data/minimal-feed.json", NULL);
	feed =
	    test_replace(feed, "\"name\": {\"fi\": \"Tukipuhelin\"}", "\"name\": {\"sv\": \"x\"}");
	feed = test_replace(feed, "\"place_id\": \"p1\"", "\"place_id\": \"p9\"");
	char *path = test_path(dir, "bad.json");
	test_write_file(path, feed);
	struct run r;
	RUN(&r, NULL, "check", path);
	cr_assert_eq(r.status, 1);
	cr_assert(strstr(r.out, "activities[0].place_id: refers to no place"), "%s", r.out);
	cr_assert(strstr(r.out, "activities[1].name.fi: missing"), "%s", r.out);
	test_run_free(&r);
	test_write_file(path, "<html>not a feed</html>");
	RUN(&r, NULL, "check", path);
	cr_assert_eq(r.status, 1);
	cr_assert(strstr(r.out, "not a valid JSON document"), "%s", r.out);
	test_run_free(&r);
	free(path);
	free(feed);
}

/* check reads a spreadsheet by its name (".csv") or by --format csv, says
 * the encoding it used when not UTF-8, and names a bad row by row and
 * column; a csv source then lists beside nothing else. */
Test(cli, check_and_sync_a_spreadsheet)
{
	struct run r;
	char *template = test_path(TOP_SRCDIR, "data/activities-template.csv");
	RUN(&r, NULL, "check", template);
	cr_assert_eq(r.status, 0, "%s%s", r.out, r.err);
	cr_assert(strstr(r.out, "valid: 5 activities"), "%s", r.out);
	test_run_free(&r);
	char *path = test_path(dir, "ryhmat.txt");
	test_write_file(path, "nimi;j\xe4rjest\xe4j\xe4;viikonp\xe4iv\xe4;alkaa\n"
			      "K\xe4sity\xf6piiri;Kyl\xe4yhdistys;ma;10\n"
			      "Kuoro;Seurakunta;sunnuntaisin;25\n");
	RUN(&r, NULL, "check", "--format", "csv", path);
	cr_assert_eq(r.status, 1, "%s%s", r.out, r.err);
	cr_assert(strstr(r.out, "read as Windows-1252"), "%s", r.out);
	cr_assert(strstr(r.out, "row 3, column alkaa: \"25\" is not a time of day"), "%s", r.out);
	cr_assert(strstr(r.out, "1 problems; the rest (1 activities"), "%s", r.out);
	test_run_free(&r);
	RUN(&r, NULL, "check", "--format", "pdf", path);
	cr_assert_eq(r.status, 2, "%s%s", r.out, r.err);
	test_run_free(&r);
	char *conf = test_path(dir, "csv.conf"), *text;
	cr_assert(asprintf(&text,
			   "[source ryhmat]\nurl = file://%s\nformat = csv\nallow_file = yes\n",
			   path) > 0);
	test_write_file(conf, text);
	RUN(&r, conf, "sync");
	cr_assert_eq(r.status, 0, "%s%s", r.out, r.err);
	cr_assert(strstr(r.err, "read as Windows-1252"), "%s", r.err);
	test_run_free(&r);
	RUN(&r, conf, "list", "--when", "all");
	cr_assert_eq(r.status, 0, "%s", r.err);
	cr_assert(strstr(r.out, "Mon 30.11.2026"), "%s", r.out);
	cr_assert(strstr(r.out, "Käsityöpiiri"), "%s", r.out);
	cr_assert(strstr(r.out, "Kyläyhdistys"), "%s", r.out);
	test_run_free(&r);
	free(text);
	free(conf);
	free(path);
	free(template);
}

/* A calendar through the commands: check by its name (".ics"), then a
 * source with the parish's settings, synced and listed: the cancelled
 * concert marked, the all-day sale as such, the mapping applied. */
Test(cli, check_and_sync_a_calendar)
{
	struct run r;
	char *ics = test_path(TOP_SRCDIR, "tests/fuzz/corpus/ical/outlook.ics");
	RUN(&r, NULL, "check", ics);
	cr_assert_eq(r.status, 1, "three events cannot be used: %s%s", r.out, r.err);
	cr_assert(strstr(r.out, "event \"nimeton\": no name (SUMMARY)"), "%s", r.out);
	cr_assert(strstr(r.out, "the rest (4 activities"), "%s", r.out);
	test_run_free(&r);
	char *conf = test_path(dir, "ical.conf"), *text;
	cr_assert(asprintf(&text,
			   "[source seurakunta]\nurl = file://%s\nformat = ical\nallow_file = yes\n"
			   "categories = Musiikki: kulttuuri\n",
			   ics) > 0);
	test_write_file(conf, text);
	RUN(&r, conf, "sync");
	cr_assert_eq(r.status, 0, "%s%s", r.out, r.err);
	cr_assert(strstr(r.out, "4 activities"), "%s", r.out);
	test_run_free(&r);
	RUN(&r, conf, "list", "--when", "all", "--category", "aulataulu:kulttuuri");
	cr_assert_eq(r.status, 0, "%s", r.err);
	cr_assert(strstr(r.out, "CANCELLED: Joulukonsertti"), "%s", r.out);
	test_run_free(&r);
	RUN(&r, conf, "list", "--when", "all");
	cr_assert(strstr(r.out, "all day       Joulumyyjäiset"), "%s", r.out);
	cr_assert(strstr(r.out, "18.00–19.30   Omaishoitajien ryhmä"), "%s", r.out);
	test_run_free(&r);
	free(text);
	free(conf);
	free(ics);
}

/* The demo is every kind of source a lobby has: the central feed, a
 * parish's calendar and the coordinator's spreadsheet, all dated from now. */
Test(cli, the_demo_has_a_calendar_and_a_spreadsheet_beside_its_feed)
{
	struct run r;
	RUN(&r, NULL, "sync");
	cr_assert_eq(r.status, 0, "%s%s", r.out, r.err);
	cr_assert(strstr(r.out, "seurakunta: updated to version 1: 3 activities"), "%s", r.out);
	cr_assert(strstr(r.out, "lista: updated to version 1: 3 activities"), "%s", r.out);
	test_run_free(&r);
	RUN(&r, NULL, "list", "--when", "all");
	cr_assert_eq(r.status, 0, "%s", r.err);
	static const char *const from_sources[] = {
	    "Diakoniapiiri", "Sanajumalanpalvelus",	   "Kauneimmat joululaulut",
	    "Rantakävely",   "Lauluhetki muistisairaille", "Nuorten tukiryhmä"};
	for (size_t i = 0; i < sizeof(from_sources) / sizeof(*from_sources); i++)
		cr_assert(strstr(r.out, from_sources[i]), "%s is not listed:\n%s", from_sources[i],
			  r.out);
	test_run_free(&r);
	RUN(&r, NULL, "list", "--when", "all", "--category", "aulataulu:kulttuuri");
	cr_assert(strstr(r.out, "Kauneimmat joululaulut"), "the calendar's mapping: %s", r.out);
	test_run_free(&r);
}

Test(cli, demo_sync_then_list_today_and_week)
{
	struct run r;
	RUN(&r, NULL, "sync");
	cr_assert_eq(r.status, 0, "%s", r.err);
	test_run_free(&r);
	json_t *doc =
	    run_json(NULL, (const char *const[]){"list", "--when", "week", "--json", NULL});
	json_t *acts = json_object_get(doc, "activities");
	cr_assert_geq(json_array_size(acts), 30);
	size_t i;
	json_t *a;
	const char *prev = "";
	json_array_foreach(acts, i, a)
	{
		cr_assert(json_is_string(json_object_get(a, "id")));
		cr_assert(json_is_string(json_object_get(a, "name")));
		cr_assert(json_is_string(json_object_get(a, "organizer")));
		cr_assert(json_is_array(json_object_get(a, "categories")));
		cr_assert(json_is_string(json_object_get(a, "status")));
		const char *start = json_string_value(json_object_get(a, "next_start"));
		if (start) { /* same offset all week: text order is time order */
			cr_assert(strcmp(prev, start) <= 0, "%s after %s", start, prev);
			prev = start;
			cr_assert(strcmp(start, "2026-12-01T00:00:00+02:00") < 0, "%s", start);
		}
		/* Every date of the week, the next one first, in order. */
		json_t *dates = json_object_get(a, "dates");
		cr_assert(json_is_array(dates));
		const char *last = "";
		size_t k;
		json_t *d;
		json_array_foreach(dates, k, d)
		{
			const char *s = json_string_value(json_object_get(d, "start"));
			const char *e = json_string_value(json_object_get(d, "end"));
			cr_assert(s && strcmp(last, s) <= 0, "%s: dates out of order", start);
			cr_assert(strcmp(s, "2026-12-01T00:00:00+02:00") < 0, "%s is not this week",
				  s);
			cr_assert(strcmp(e ? e : s, "2026-11-24T10:00:00+02:00") >= 0, "%s is over",
				  s);
			cr_assert(json_is_string(json_object_get(d, "status")));
			last = s;
		}
		if (start)
			cr_assert_str_eq(
			    json_string_value(json_object_get(json_array_get(dates, 0), "start")),
			    start, "the next date is not the first of the dates");
	}
	json_decref(doc);
	/* A date's own note, in the language asked for. */
	doc = run_json(
	    NULL, (const char *const[]){"--lang", "sv", "list", "--when", "all", "--json", NULL});
	bool noted = false;
	json_array_foreach(json_object_get(doc, "activities"), i, a)
	{
		if (strcmp(json_string_value(json_object_get(a, "id")), "demo:ystavakurssi"))
			continue;
		json_t *second = json_array_get(json_object_get(a, "dates"), 1);
		cr_assert_str_eq(json_string_value(json_object_get(second, "note")),
				 "Andra kvällen: församlingscentrets sal");
		noted = true;
	}
	cr_assert(noted, "no friendship course");
	json_decref(doc);
	doc = run_json(NULL, (const char *const[]){"list", "--when", "today", "--json", NULL});
	json_array_foreach(json_object_get(doc, "activities"), i, a)
	{
		const char *start = json_string_value(json_object_get(a, "next_start"));
		if (start)
			cr_assert(strncmp(start, "2026-11-24T", 11) == 0, "%s is not today", start);
	}
	json_decref(doc);
	RUN(&r, NULL, "--lang", "fi", "list", "--when", "today");
	cr_assert(strstr(r.out, "Omaishoitajien vertaisryhmä"), "%s", r.out);
	cr_assert(strstr(r.out, "Tänään ti 24.11.2026"), "%s", r.out);
	cr_assert(strstr(r.out, "18.00–19.30"), "%s", r.out);
	test_run_free(&r);
}

Test(cli, list_by_category_in_swedish_and_cancelled_marked)
{
	struct run r;
	RUN(&r, NULL, "sync");
	test_run_free(&r);
	json_t *doc =
	    run_json(NULL, (const char *const[]){"--lang", "sv", "list", "--category",
						 "aulataulu:omaishoitajat", "--json", NULL});
	json_t *acts = json_object_get(doc, "activities");
	cr_assert_geq(json_array_size(acts), 4);
	bool swedish = false;
	size_t i;
	json_t *a;
	json_array_foreach(acts, i, a) swedish =
	    swedish || !strcmp(json_string_value(json_object_get(a, "name")),
			       "Kamratgrupp för närståendevårdare");
	cr_assert(swedish);
	json_decref(doc);
	doc = run_json(NULL, (const char *const[]){"list", "--when", "all", "--json", NULL});
	bool cancelled = false;
	json_array_foreach(json_object_get(doc, "activities"), i, a) cancelled =
	    cancelled || !strcmp(json_string_value(json_object_get(a, "status")), "EventCancelled");
	cr_assert(cancelled, "the demo's cancelled film evening is listed as cancelled");
	json_decref(doc);
}

Test(cli, board_orders_by_priority_and_filters_municipality)
{
	char *conf = test_path(dir, "oulu.conf");
	test_write_file(conf, "[kiosk]\nmunicipality = 564\n"
			      "[source demo]\nurl = bundled:demo\nformat = demo\n");
	struct run r;
	RUN(&r, conf, "sync");
	cr_assert_eq(r.status, 0, "%s", r.err);
	test_run_free(&r);
	json_t *doc = run_json(conf, (const char *const[]){"board", "--json", NULL});
	json_t *anns = json_object_get(doc, "announcements");
	cr_assert_geq(json_array_size(anns), 5);
	json_t *first = json_array_get(anns, 0);
	cr_assert_eq(json_integer_value(json_object_get(first, "priority")), 3);
	cr_assert_str_eq(json_string_value(json_object_get(first, "source")), "feed");
	size_t i;
	json_t *a;
	long prev = 3;
	json_array_foreach(anns, i, a)
	{
		long p = (long)json_integer_value(json_object_get(a, "priority"));
		cr_assert_leq(p, prev);
		prev = p;
		cr_assert_str_neq(json_string_value(json_object_get(a, "id")), "demo:ann-raahe",
				  "a Raahe notice on an Oulu terminal");
		cr_assert_str_neq(json_string_value(json_object_get(a, "id")), "demo:ann-vanha",
				  "an expired notice");
	}
	json_decref(doc);
	free(conf);
}

Test(cli, status_reports_each_source)
{
	struct run r;
	RUN(&r, NULL, "sync");
	test_run_free(&r);
	json_t *doc = run_json(NULL, (const char *const[]){"status", "--json", NULL});
	json_t *src = json_array_get(json_object_get(doc, "sources"), 0);
	cr_assert_str_eq(json_string_value(json_object_get(src, "name")), "demo");
	cr_assert_str_eq(json_string_value(json_object_get(src, "last_success")), TEST_NOW_TEXT);
	cr_assert_str_eq(json_string_value(json_object_get(src, "last_attempt")), TEST_NOW_TEXT);
	cr_assert(json_is_integer(json_object_get(src, "sequence")));
	cr_assert(json_is_null(json_object_get(src, "error")));
	json_t *counts = json_object_get(doc, "counts");
	cr_assert_geq(json_integer_value(json_object_get(counts, "activities")), 40);
	json_decref(doc);
}

Test(cli, escape_sequences_never_come_out)
{
	char *feed = test_read_file(TOP_SRCDIR "/tests/data/minimal-feed.json", NULL);
	feed = test_replace(feed, "\"Vertaisryhmä\"",
			    "\"Vertais\\u001b[2J\\u001b]52;c;ZXZpbA==\\u0007ryhmä\\u009b31m"
			    "\\u202eevil\\u200b\\r\\nx\"");
	feed = test_replace(feed, "\"Testiyhdistys ry\"", "\"Testi\\u001bcyhdistys\"");
	char *conf = file_source_config(feed, NULL);
	struct run r;
	RUN(&r, conf, "sync");
	cr_assert_eq(r.status, 0, "%s", r.err);
	test_run_free(&r);
	const char *const forms[][6] = {{"--lang", "fi", "list", "--when", "all", NULL},
					{"--lang", "fi", "list", "--when", "all", "--json"}};
	for (int k = 0; k < 2; k++) {
		RUN(&r, conf, forms[k][0], forms[k][1], forms[k][2], forms[k][3], forms[k][4],
		    forms[k][5]);
		cr_assert_eq(r.status, 0);
		cr_assert(strstr(r.out, "Vertais[2J]52;c;ZXZpbA==ryhmä31mevil x"), "%s", r.out);
		cr_assert_null(strchr(r.out, '\x1b'));
		cr_assert_null(strchr(r.out, '\r'));
		cr_assert_null(strstr(r.out, "\xc2\x9b"));
		cr_assert_null(strstr(r.out, "\u202e"));
		cr_assert_null(strstr(r.out, "\\u001b"), "not even escaped in JSON");
		test_run_free(&r);
	}
	free(conf);
	free(feed);
}

Test(cli, file_urls_only_when_allowed)
{
	char *conf = file_source_config("{}", NULL);
	char *text = test_read_file(conf, NULL);
	text = test_replace(text, "allow_file = yes", "allow_file = no");
	test_write_file(conf, text);
	struct run r;
	RUN(&r, conf, "sync");
	cr_assert_eq(r.status, 1);
	cr_assert(strstr(r.err, "protocol that is not allowed"), "%s", r.err);
	test_run_free(&r);
	free(text);
	free(conf);
}

Test(cli, an_unsure_clock_does_not_hide_everything)
{
	struct run r;
	RUN(&r, NULL, "sync");
	test_run_free(&r);
	/* After a power cut without a real-time clock: 1.1.2020. */
	const char *argv[] = {"--data-dir", dir,      "--now", "2020-01-01T00:00:00Z",
			      "list",	    "--json", NULL};
	test_run(&r, argv);
	cr_assert_eq(r.status, 0);
	json_t *doc = json_loads(r.out, 0, NULL);
	cr_assert(json_is_true(json_object_get(doc, "clock_unsure")));
	cr_assert_geq(json_array_size(json_object_get(doc, "activities")), 20);
	json_decref(doc);
	test_run_free(&r);
}

Test(cli, bad_usage_exits_2)
{
	struct run r;
	RUN(&r, NULL, "list", "--when", "tomorrow");
	cr_assert_eq(r.status, 2);
	test_run_free(&r);
	RUN(&r, NULL, "frobnicate");
	cr_assert_eq(r.status, 2);
	cr_assert(strstr(r.err, "frobnicate"));
	test_run_free(&r);
	const char *argv[] = {"--now", "soon", "list", NULL};
	test_run(&r, argv);
	cr_assert_eq(r.status, 2);
	test_run_free(&r);
	const char *argv2[] = {"--config", "/nonexistent.conf", "list", NULL};
	test_run(&r, argv2);
	cr_assert_eq(r.status, 1);
	cr_assert(strstr(r.err, "/nonexistent.conf: cannot be read"), "%s", r.err);
	test_run_free(&r);
}

/* A demo data directory left under dir: how many. */
static int demo_dirs_left(void)
{
	char cmd[4200];
	snprintf(cmd, sizeof(cmd), "ls -d %s/aulataulu-demo-* 2>/dev/null | wc -l", dir);
	return test_command_number(cmd);
}

Test(cli, demo_mode_shows_today_and_leaves_nothing_behind)
{
	const char *argv[] = {"--lang", "fi", "--demo", "--now", TEST_NOW_TEXT, NULL};
	struct run r;
	setenv("TMPDIR", dir, 1);
	test_run(&r, argv);
	cr_assert_eq(r.status, 0, "%s", r.err);
	cr_assert(strstr(r.out, "46 toimintaa"), "%s", r.out);
	cr_assert(strstr(r.out, "Tänään ti 24.11.2026"), "%s", r.out);
	cr_assert(strstr(r.out, "Omaishoitajien vertaisryhmä"), "%s", r.out);
	/* The demo's data directory (under $TMPDIR) is removed. */
	cr_assert_eq(demo_dirs_left(), 0, "a demo data directory was left in /tmp");
	test_run_free(&r);
}

/* A command of the demo reads the demo (it listed nothing); the demo never
 * takes a --data-dir, which it would remove at the end. */
Test(cli, demo_commands_read_the_demo_and_never_a_users_directory)
{
	setenv("TMPDIR", dir, 1);
	const char *list[] = {"--lang", "fi",	  "--demo", "--now", TEST_NOW_TEXT,
			      "list",	"--when", "week",   NULL};
	struct run r;
	test_run(&r, list);
	cr_assert_eq(r.status, 0, "%s", r.err);
	cr_assert(strstr(r.out, "Omaishoitajien vertaisryhmä"), "%s", r.out);
	test_run_free(&r);
	const char *board[] = {"--lang", "fi", "--demo", "--now", TEST_NOW_TEXT, "board", NULL};
	test_run(&r, board);
	cr_assert(strstr(r.out, "Sairaanhoitajan vastaanotto suljettu"), "%s", r.out);
	test_run_free(&r);
	cr_assert_eq(demo_dirs_left(), 0, "a demo data directory was left behind");

	char *mine = test_path(dir, "omat");
	cr_assert_eq(mkdir(mine, 0700), 0);
	char *kept = test_path(mine, "muistiinpano.txt");
	test_write_file(kept, "tärkeä");
	const char *into[] = {"--demo", "--data-dir", mine, "list", NULL};
	test_run(&r, into);
	cr_assert_eq(r.status, 2, "%s", r.err);
	cr_assert(strstr(r.err, "leave out --data-dir"), "%s", r.err);
	cr_assert_eq(access(kept, F_OK), 0, "the user's directory was emptied");
	test_run_free(&r);
	free(kept);
	free(mine);
}

/* A cache.db whose b-tree pages were overwritten opened fine, and every
 * sync then failed with "database disk image is malformed" for ever. */
Test(cli, a_cache_damaged_inside_is_set_aside_and_fetched_again)
{
	struct run r;
	RUN(&r, NULL, "sync");
	cr_assert_eq(r.status, 0, "%s", r.err);
	test_run_free(&r);
	char *path = test_path(dir, "cache.db");
	FILE *f = fopen(path, "r+b");
	cr_assert_not_null(f);
	cr_assert_eq(fseek(f, 2 * 16384, SEEK_SET), 0); /* past the header page */
	for (int i = 0; i < 160 * 1024; i++)
		fputc(0x5a, f);
	fclose(f);
	/* The next version of the feed must be written over the damage. */
	const char *later[] = {"--data-dir", dir, "--now", "2026-11-25T09:00:00+02:00",
			       "sync",	     NULL};
	test_run(&r, later);
	cr_assert_eq(r.status, 0, "%s", r.err);
	cr_assert(strstr(r.err, "cache.db was damaged"), "%s", r.err);
	test_run_free(&r);
	char *aside = test_path(dir, "cache.db.corrupt");
	cr_assert_not_null(test_read_file(aside, NULL), "nothing was set aside");
	free(aside);
	test_run(&r, later);
	cr_assert_eq(r.status, 0, "the damage stays: %s", r.err);
	test_run_free(&r);
	const char *list[] = {"--data-dir", dir,      "--now", "2026-11-25T09:00:00+02:00",
			      "list",	    "--when", "week",  NULL};
	test_run(&r, list);
	cr_assert_eq(r.status, 0, "%s", r.err);
	cr_assert(strstr(r.out, "Benefits advice for family caregivers"), "%s", r.out);
	test_run_free(&r);
	free(path);
}

/* An id in two sources: the command asks which, and hides only that one. */
Test(cli, hide_asks_which_source_when_an_id_is_in_two)
{
	const char *id = "demo:perhekahvila";
	char *feed = test_path(dir, "feed.json"), *text = test_demo_feed(TEST_NOW);
	test_write_file(feed, text);
	free(text);
	char *conf = test_path(dir, "two.conf");
	cr_assert(asprintf(&text,
			   "[source demo]\nurl = bundled:demo\nformat = demo\n"
			   "[source copy]\nurl = file://%s\nallow_file = yes\n",
			   feed) > 0);
	test_write_file(conf, text);
	free(text);
	struct run r;
	RUN(&r, conf, "sync");
	cr_assert_eq(r.status, 0, "%s", r.err);
	test_run_free(&r);
	RUN(&r, conf, "hide", id);
	cr_assert_eq(r.status, 1);
	cr_assert(strstr(r.err, "several sources (copy, demo)"), "%s", r.err);
	test_run_free(&r);
	RUN(&r, conf, "hide", "--source", "copy", id);
	cr_assert_eq(r.status, 0, "%s", r.err);
	test_run_free(&r);
	RUN(&r, conf, "hide");
	cr_assert(strstr(r.out, "copy/demo:perhekahvila"), "%s", r.out);
	test_run_free(&r);
	json_t *doc =
	    run_json(conf, (const char *const[]){"list", "--when", "all", "--json", NULL});
	int demo = 0, copy = 0;
	json_t *a;
	size_t i;
	json_array_foreach(json_object_get(doc, "activities"), i, a)
	{
		if (strcmp(json_string_value(json_object_get(a, "id")), id))
			continue;
		const char *src = json_string_value(json_object_get(a, "source"));
		demo += !strcmp(src, "demo");
		copy += !strcmp(src, "copy");
	}
	json_decref(doc);
	cr_assert_eq(demo, 1, "hidden in the other source too");
	cr_assert_eq(copy, 0, "not hidden");
	RUN(&r, conf, "unhide", id); /* only one source has it hidden */
	cr_assert_eq(r.status, 0, "%s", r.err);
	test_run_free(&r);
	free(conf);
	free(feed);
}

/* The board, too: an announcement's title and body full of escapes. */
Test(cli, escape_sequences_never_reach_the_board)
{
	char *feed = test_read_file(TOP_SRCDIR "/tests/data/minimal-feed.json", NULL);
	feed = test_replace(feed, "{\"fi\": \"Tervetuloa\"}",
			    "{\"fi\": \"Terve\\u001b[2J\\u001b]0;x\\u0007tuloa\\u009b31m\\u202e\"},"
			    " \"body\": {\"fi\": \"Rivi\\r\\n\\u001b[1;31mpunainen\\u200b\"}");
	char *conf = file_source_config(feed, NULL);
	struct run r;
	RUN(&r, conf, "sync");
	cr_assert_eq(r.status, 0, "%s", r.err);
	test_run_free(&r);
	for (int json = 0; json < 2; json++) {
		if (json)
			RUN(&r, conf, "--lang", "fi", "board", "--json");
		else
			RUN(&r, conf, "--lang", "fi", "board");
		cr_assert_eq(r.status, 0, "%s", r.err);
		cr_assert(strstr(r.out, "Terve[2J]0;xtuloa31m"), "%s", r.out);
		cr_assert_null(strchr(r.out, '\x1b'));
		cr_assert_null(strchr(r.out, '\a'));
		cr_assert_null(strchr(r.out, '\r'));
		cr_assert_null(strstr(r.out, "\xc2\x9b"));
		cr_assert_null(strstr(r.out, "\u202e"));
		cr_assert_null(strstr(r.out, "\\u001b"), "not even escaped in JSON");
		test_run_free(&r);
	}
	free(conf);
	free(feed);
}

/* demo-feed prints a feed that check accepts, dated from --now. */
Test(cli, demo_feed_is_a_valid_feed_of_its_day)
{
	struct run r;
	RUN(&r, NULL, "demo-feed");
	cr_assert_eq(r.status, 0, "%s", r.err);
	json_t *doc = json_loads(r.out, 0, NULL);
	cr_assert_not_null(doc);
	cr_assert_str_eq(
	    json_string_value(json_object_get(json_object_get(doc, "feed"), "generated_at")),
	    "2026-11-24T09:00:00+02:00");
	json_decref(doc);
	char *path = test_path(dir, "demo.json");
	test_write_file(path, r.out);
	test_run_free(&r);
	RUN(&r, NULL, "check", path);
	cr_assert_eq(r.status, 0, "%s%s", r.out, r.err);
	test_run_free(&r);
	free(path);
}

/* config-help names every key with a default that loads as it is. */
Test(cli, config_help_is_a_configuration_that_loads)
{
	struct run r;
	RUN(&r, NULL, "config-help");
	cr_assert_eq(r.status, 0, "%s", r.err);
	static const char *const keys[] = {"[kiosk]",	 "[sync]",	"[source NAME]",
					   "timeout",	 "ca_file",	"public_key",
					   "allow_file", "idle_timeout"};
	for (size_t i = 0; i < sizeof(keys) / sizeof(*keys); i++)
		cr_assert(strstr(r.out, keys[i]), "%s is not in:\n%s", keys[i], r.out);
	char *text = test_replace(strdup(r.out), "[source NAME]", "[source demo]");
	text = test_replace(text, ";url = \n", "url = bundled:demo\n");
	text = test_replace(text, "format = aulataulu\n", "format = demo\n");
	char *conf = test_path(dir, "help.conf");
	test_write_file(conf, text);
	test_run_free(&r);
	RUN(&r, conf, "sync");
	cr_assert_eq(r.status, 0, "config-help's own defaults do not load: %s\n%s", r.err, text);
	test_run_free(&r);
	free(text);
	free(conf);
}

/* status for a person: each source, its success and version, the counts. */
Test(cli, human_status_names_each_source)
{
	struct run r;
	RUN(&r, NULL, "status");
	cr_assert_eq(r.status, 0, "%s", r.err);
	cr_assert(strstr(r.out, "demo (bundled:demo)"), "%s", r.out);
	cr_assert(strstr(r.out, "last success"), "%s", r.out);
	cr_assert(strstr(r.out, "never"), "not synced yet: %s", r.out);
	test_run_free(&r);
	RUN(&r, NULL, "sync");
	test_run_free(&r);
	RUN(&r, NULL, "status");
	cr_assert(strstr(r.out, "version (sequence)"), "%s", r.out);
	cr_assert(strstr(r.out, "2026-11-24T09:00:00+02:00"), "the last success: %s", r.out);
	cr_assert(strstr(r.out, "In the cache:"), "%s", r.out);
	cr_assert_null(strstr(r.out, "never"), "%s", r.out);
	test_run_free(&r);
}

/* Without --data-dir: $XDG_DATA_HOME/aulataulu, else ~/.local/share;
 * without --config: $AULATAULU_CONFIG (then /etc/aulataulu). */
Test(cli, the_default_data_directory_and_configuration)
{
	char *xdg = test_path(dir, "xdg"), *home = test_path(dir, "home");
	setenv("XDG_DATA_HOME", xdg, 1);
	const char *args[] = {"--now", TEST_NOW_TEXT, "announce", "add", "--title", "Koti", NULL};
	struct run r;
	test_run(&r, args);
	cr_assert_eq(r.status, 0, "%s", r.err);
	test_run_free(&r);
	char *db = test_path(xdg, "aulataulu/local.db");
	struct stat sb;
	cr_assert_eq(stat(db, &sb), 0, "%s was not made", db);
	free(db);
	unsetenv("XDG_DATA_HOME");
	setenv("HOME", home, 1);
	test_run(&r, args);
	cr_assert_eq(r.status, 0, "%s", r.err);
	test_run_free(&r);
	db = test_path(home, ".local/share/aulataulu/local.db");
	cr_assert_eq(stat(db, &sb), 0, "%s was not made", db);
	free(db);
	/* A configuration named by the environment is the one read. */
	char *conf = test_path(dir, "env.conf");
	test_write_file(conf, "[kiosk]\nlanguage = xx\n");
	setenv("AULATAULU_CONFIG", conf, 1);
	const char *list[] = {"--data-dir", dir, "list", NULL};
	test_run(&r, list);
	unsetenv("AULATAULU_CONFIG");
	cr_assert_eq(r.status, 1);
	cr_assert(strstr(r.err, "env.conf:2: [kiosk] language = xx"), "%s", r.err);
	test_run_free(&r);
	free(conf);
	free(xdg);
	free(home);
}

/* Every file in a data directory that the kiosk's user owns stays that
 * user's when root runs a command on it (root's restore would otherwise
 * find a backup it cannot use, the kiosk a database it cannot write). */
Test(cli, root_acts_as_the_owner_of_the_data_directory)
{
	if (geteuid() != 0)
		cr_skip_test("needs root (.ci/run runs as root)");
	char *conf = file_source_config("", NULL);
	cr_assert_eq(chmod(dir, 0711), 0, "the user must reach its data directory");
	char *data = test_path(dir, "data");
	cr_assert_eq(mkdir(data, 0700), 0);
	cr_assert_eq(chown(data, 65534, 65534), 0);
	struct run r;
	const char *add[] = {"--data-dir", data,      "--config", conf, "announce",
			     "add",	   "--title", "Juurelta", NULL};
	test_run(&r, add);
	cr_assert_eq(r.status, 0, "%s", r.err);
	test_run_free(&r);
	const char *doctor[] = {"--data-dir", data, "--config", conf, "doctor", NULL};
	test_run(&r, doctor);
	cr_assert_null(strstr(r.out, "belongs to user"), "%s", r.out);
	test_run_free(&r);
	char cmd[512];
	snprintf(cmd, sizeof(cmd), "find %s ! -uid 65534", data);
	FILE *p = popen(cmd, "r");
	char line[512] = "";
	cr_assert_null(fgets(line, sizeof(line), p), "owned by another user: %s", line);
	pclose(p);
	const char *list[] = {"--data-dir", data, "--config", conf, "announce", "list", NULL};
	test_run(&r, list);
	cr_assert_not_null(strstr(r.out, "Juurelta"), "%s", r.out);
	test_run_free(&r);
	/* A directory of a user id that has no user: refused, nothing written. */
	cr_assert_eq(chown(data, 61234, 61234), 0);
	test_run(&r, add);
	cr_assert_eq(r.status, 1);
	cr_assert_not_null(strstr(r.err, "belongs to user 61234, who does not exist"), "%s", r.err);
	test_run_free(&r);
	free(data);
	free(conf);
}

Test(cli, doctor_fetches_each_source_and_checks_who_owns_the_data)
{
	char *text = test_demo_feed(TEST_NOW);
	char *conf = file_source_config(text, "open = ma-pe 7-20");
	free(text);
	struct run r;
	RUN(&r, conf, "doctor");
	cr_assert(strstr(r.out, "source local can be fetched now"), "%s", r.out);
	cr_assert(strstr(r.out, "but unsigned feeds are accepted: set public_key"), "%s", r.out);
	cr_assert(strstr(r.out, "open now (opening hours)"), "%s", r.out);
	test_run_free(&r);
	char *feed = test_path(dir, "feed.json");
	cr_assert_eq(remove(feed), 0);
	RUN(&r, conf, "doctor");
	cr_assert_eq(r.status, 1, "a source that cannot be fetched is a problem");
	cr_assert(strstr(r.out, "PROBLEM  source local cannot be fetched now:"), "%s", r.out);
	test_run_free(&r);
	free(feed);
	free(conf);
}

/* The mode of path, or -1. */
static int mode_of(const char *path)
{
	struct stat sb;
	return lstat(path, &sb) == 0 ? (int)(sb.st_mode & 0777) : -1;
}

/* --data-dir naming someone else's directory (a web root, a home given by
 * mistake), or a symlink to one, is refused, and nothing in it changes. */
Test(cli, a_directory_of_other_things_is_no_data_directory)
{
	char *www = test_path(dir, "www"), *html = test_path(dir, "www/html"),
	     *page = test_path(dir, "www/html/index.html"), *link = test_path(dir, "link");
	cr_assert_eq(mkdir(www, 0755), 0);
	cr_assert_eq(mkdir(html, 0755), 0);
	/* A service user's home (its data directory) gets a .cache of fonts. */
	char *cache = test_path(dir, "data/.cache/fontconfig"), cmd[512];
	snprintf(cmd, sizeof(cmd), "mkdir -p %s", cache);
	cr_assert_eq(system(cmd), 0);
	char *data = test_path(dir, "data");
	struct run home;
	test_run(&home, (const char *const[]){"--data-dir", data, "status", NULL});
	cr_assert_eq(home.status, 0, "a data directory with a .cache was refused: %s", home.err);
	test_run_free(&home);
	free(data);
	free(cache);
	test_write_file(page, "<p>kunta</p>\n");
	cr_assert_eq(chmod(page, 0644), 0);
	cr_assert_eq(symlink(www, link), 0);
	const char *targets[] = {www, link};
	for (int i = 0; i < 2; i++) {
		struct run r;
		const char *args[] = {"--lang", "en", "--data-dir", targets[i], "status", NULL};
		test_run(&r, args);
		cr_assert_eq(r.status, 1, "%s", r.out);
		cr_assert_not_null(strstr(r.err, "holds other things"), "%s", r.err);
		cr_assert_not_null(strstr(r.err, "nothing in it was changed"), "%s", r.err);
		test_run_free(&r);
		cr_assert_eq(mode_of(www), 0755);
		cr_assert_eq(mode_of(html), 0755);
		cr_assert_eq(mode_of(page), 0644);
		char *made = test_path(www, "local.db");
		cr_assert_eq(mode_of(made), -1, "a database was made in someone else's directory");
		free(made);
	}
	free(www);
	free(html);
	free(page);
	free(link);
}

/* In a data directory, only the program's own files are made private: a
 * spreadsheet kept beside them, a folder of the admin's and a file behind
 * a symlink keep their modes. */
Test(cli, only_the_programs_own_files_are_made_private)
{
	char *conf = file_source_config("", NULL);
	char *data = test_path(dir, "data"), *status = test_path(dir, "data/status.json"),
	     *sheet = test_path(dir, "data/ryhmat.csv"), *extra = test_path(dir, "data/omat"),
	     *inner = test_path(dir, "data/omat/muistio.txt"),
	     *outside = test_path(dir, "ulko.txt"), *link = test_path(dir, "data/stats.db");
	struct run r;
	const char *sync[] = {"--data-dir", data, "--config", conf, "sync", NULL};
	test_run(&r, sync);
	test_run_free(&r);
	cr_assert_neq(mode_of(status), -1, "status.json");
	cr_assert_eq(chmod(status, 0644), 0);
	cr_assert_eq(chmod(data, 0755), 0);
	test_write_file(sheet, "nimi\n");
	cr_assert_eq(chmod(sheet, 0644), 0);
	cr_assert_eq(mkdir(extra, 0755), 0);
	test_write_file(inner, "x\n");
	cr_assert_eq(chmod(inner, 0644), 0);
	test_write_file(outside, "x\n");
	cr_assert_eq(chmod(outside, 0644), 0);
	cr_assert_eq(symlink(outside, link), 0);
	const char *args[] = {"--lang", "en", "--data-dir", data, "--config", conf, "board", NULL};
	test_run(&r, args);
	cr_assert_not_null(strstr(r.err, "they are now private"), "%s", r.err);
	test_run_free(&r);
	cr_assert_eq(mode_of(data), 0700);
	cr_assert_eq(mode_of(status), 0600);
	cr_assert_eq(mode_of(sheet), 0644, "a file not the program's");
	cr_assert_eq(mode_of(extra), 0755, "a folder not the program's");
	cr_assert_eq(mode_of(inner), 0644, "inside a folder not the program's");
	cr_assert_eq(mode_of(outside), 0644, "through a symlink");
	free(conf);
	free(data);
	free(status);
	free(sheet);
	free(extra);
	free(inner);
	free(outside);
	free(link);
}

/* The program run from its build tree, with no AULATAULU_LOCALEDIR and
 * nothing installed, still speaks the language asked for: it finds the
 * build tree's catalogues beside itself. */
Test(cli, the_build_trees_program_speaks_finnish_without_help)
{
	char cmd[4200], *out = test_path(dir, "out.txt");
	snprintf(cmd, sizeof(cmd),
		 "env -u AULATAULU_LOCALEDIR -u LANGUAGE %s --lang fi frobnicate 2>%s >/dev/null",
		 getenv("AULATAULU_BIN"), out);
	int rc = system(cmd);
	cr_assert(WIFEXITED(rc) && WEXITSTATUS(rc) == 2, "%d", rc);
	char *text = test_read_file(out, NULL);
	cr_assert_not_null(text);
	cr_assert(strstr(text, "tuntematon komento"), "not in Finnish: %s", text);
	free(text);
	free(out);
}
