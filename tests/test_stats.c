/* SPDX-License-Identifier: EUPL-1.2 */
/* The anonymous counts (src/app/stats.c): what stats.db holds, and the rule
 * that a search term that found nothing is shown only once it was
 * searched on 3 different days. */
#include "config.h"

#include "helpers.h"
#include "app/stats.h"
#include "store/store.h"
#include "util/timefmt.h"

#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static char *dir;

static void setup(void)
{
	setenv("TZ", "Europe/Helsinki", 1);
	tzset();
	dir = test_tmpdir();
}

static void teardown(void)
{
	test_rmdir(dir);
	free(dir);
}

TestSuite(stats, .init = setup, .fini = teardown);

/* TEST_NOW plus days days. */
static int64_t day(int days)
{
	return TEST_NOW + (int64_t)days * 86400;
}

static void flush(struct stats *s, int64_t now)
{
	char *err = NULL;
	cr_assert(stats_flush(s, NULL, now, true, &err), "%s", err);
}

/* The unmet searches reported for the whole year around TEST_NOW. */
static size_t unmet(char ***terms)
{
	static struct stats_report r;
	stats_report_free(&r);
	char *err = NULL;
	cr_assert(stats_report(dir, "2026-01-01", "2027-12-31", STATS_BY_DAY, &r, &err), "%s", err);
	*terms = r.unmet;
	return r.n_unmet;
}

Test(stats, a_term_without_results_is_shown_only_after_three_days)
{
	struct stats *s = stats_begin(dir, 60);
	char **terms;
	/* Twice on one day, once on another: two days. */
	stats_search(s, day(0), "Äitiysneuvola", false);
	stats_search(s, day(0), "äitiysneuvola ", false);
	flush(s, day(0));
	stats_search(s, day(1), "ÄITIYSNEUVOLA", false);
	stats_search(s, day(1), "kahvila", true);
	flush(s, day(1));
	cr_assert_eq(unmet(&terms), 0, "a term of two days was shown: %s", terms[0]);
	/* The raw rows exist but no export shows them. */
	struct stats_report r;
	char *err = NULL;
	for (int by = STATS_BY_ACTIVITY; by <= STATS_BY_DAY; by++) {
		cr_assert(stats_report(dir, "2026-01-01", "2027-12-31", by, &r, &err));
		cr_assert_eq(r.n_unmet, 0);
		for (size_t i = 0; i < r.n; i++)
			cr_assert_null(strstr(r.rows[i].name, "neuvola"));
		stats_report_free(&r);
	}
	/* A third day: shown, normalised. */
	stats_search(s, day(5), "äitiysneuvola", false);
	flush(s, day(5));
	cr_assert_eq(unmet(&terms), 1);
	cr_assert_str_eq(terms[0], "aitiysneuvola");
	/* The day's totals count every search, the found one too. */
	cr_assert(stats_report(dir, "2026-11-24", "2026-11-24", STATS_BY_DAY, &r, &err));
	cr_assert_eq(r.n, 1);
	cr_assert_eq(r.rows[0].searches, 2);
	cr_assert_eq(r.rows[0].empty, 2);
	stats_report_free(&r);
	stats_end(s, NULL, day(5));
}

Test(stats, raw_terms_go_after_thirty_days_whatever_happens)
{
	struct stats *s = stats_begin(dir, 60);
	stats_search(s, day(0), "hammaslääkäri", false);
	flush(s, day(0));
	stats_search(s, day(31), "hammaslääkäri", false);
	flush(s, day(31));
	stats_search(s, day(32), "hammaslääkäri", false);
	flush(s, day(32));
	char **terms;
	cr_assert_eq(unmet(&terms), 0, "the first day was forgotten: two days left");
	sqlite3 *db;
	char *path = test_path(dir, "stats.db");
	cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_stmt *st;
	cr_assert_eq(sqlite3_prepare_v2(db, "SELECT min(day) FROM empty_term_day", -1, &st, NULL),
		     SQLITE_OK);
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
	cr_assert_str_eq((const char *)sqlite3_column_text(st, 0), "2026-12-25");
	sqlite3_finalize(st);
	sqlite3_close(db);
	free(path);
	stats_end(s, NULL, day(32));
}

/* Every column of every table is a day, a name or id of what was looked
 * at, a count, or a term kept by the rule: nothing finer than a day,
 * nothing of a session or a sequence. */
Test(stats, the_store_holds_nothing_finer_than_a_day)
{
	struct stats *s = stats_begin(dir, 60);
	stats_session(s, day(0));
	stats_session(s, day(0) + 3600);
	stats_activity(s, day(0), STATS_OPENED, "demo", "a1");
	stats_activity(s, day(0) + 60, STATS_QR, "demo", "a1");
	stats_activity(s, day(0) + 120, STATS_OPENED, "demo", "a2");
	for (int d = 0; d < 3; d++)
		stats_search(s, day(d), "uimahalli", false);
	flush(s, day(2));
	stats_end(s, NULL, day(2));
	static const char *const allowed[] = {
	    "activity_day:day source activity name organizer organizer_name opened qr contact "
	    "printed",
	    "category_day:day category usage name opened qr contact printed",
	    "day_total:day sessions searches empty_searches printed",
	    "empty_term_day:term day",
	    "unmet_term:term last_day",
	    "organization_total:organizer name opened qr contact printed"};
	char *path = test_path(dir, "stats.db");
	sqlite3 *db;
	cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_stmt *tables;
	cr_assert_eq(sqlite3_prepare_v2(db,
					"SELECT name FROM sqlite_schema WHERE type = 'table'"
					" ORDER BY name",
					-1, &tables, NULL),
		     SQLITE_OK);
	size_t n_tables = 0, n_values = 0;
	while (sqlite3_step(tables) == SQLITE_ROW) {
		const char *table = (const char *)sqlite3_column_text(tables, 0);
		n_tables++;
		char sql[200], columns[256] = "";
		snprintf(sql, sizeof(sql), "SELECT * FROM %s", table);
		sqlite3_stmt *rows;
		cr_assert_eq(sqlite3_prepare_v2(db, sql, -1, &rows, NULL), SQLITE_OK);
		for (int c = 0; c < sqlite3_column_count(rows); c++)
			snprintf(columns + strlen(columns), sizeof(columns) - strlen(columns),
				 "%s%s", c ? " " : "", sqlite3_column_name(rows, c));
		char want[300];
		snprintf(want, sizeof(want), "%s:%s", table, columns);
		bool known = false;
		for (size_t i = 0; i < sizeof(allowed) / sizeof(*allowed); i++)
			known = known || !strcmp(allowed[i], want);
		cr_assert(known, "a table or column not reviewed for privacy: %s", want);
		while (sqlite3_step(rows) == SQLITE_ROW) {
			for (int c = 0; c < sqlite3_column_count(rows); c++) {
				const char *name = sqlite3_column_name(rows, c);
				n_values++;
				if (sqlite3_column_type(rows, c) == SQLITE_INTEGER)
					/* a count: never a time (1.8e9 seconds now) */
					cr_assert_lt(sqlite3_column_int64(rows, c), 1000000,
						     "%s.%s holds %lld", table, name,
						     (long long)sqlite3_column_int64(rows, c));
				else if (strstr(name, "day")) {
					const char *v = (const char *)sqlite3_column_text(rows, c);
					int y, m, d;
					char end;
					cr_assert(
					    v && strlen(v) == 10 &&
						sscanf(v, "%4d-%2d-%2d%c", &y, &m, &d, &end) == 3,
					    "%s.%s is not a day: %s", table, name, v);
				}
			}
		}
		sqlite3_finalize(rows);
	}
	sqlite3_finalize(tables);
	sqlite3_close(db);
	cr_assert_eq(n_tables, 6);
	cr_assert_gt(n_values, 20, "the rows were not looked at");
	/* Two sessions the same day are one count of 2, not two rows. */
	struct stats_report r;
	char *err = NULL;
	cr_assert(stats_report(dir, "2026-11-24", "2026-11-24", STATS_BY_DAY, &r, &err));
	cr_assert_eq(r.n, 1);
	cr_assert_eq(r.rows[0].sessions, 2);
	cr_assert_eq(r.rows[0].opened, 2);
	stats_report_free(&r);
	free(path);
}

Test(stats, counts_go_after_four_hundred_days)
{
	struct stats *s = stats_begin(dir, 60);
	stats_session(s, day(0));
	stats_activity(s, day(0), STATS_OPENED, "demo", "a1");
	for (int d = 0; d < 3; d++)
		stats_search(s, day(d), "uimahalli", false);
	flush(s, day(2));
	struct stats_report r;
	char *err = NULL;
	stats_session(s, day(STATS_KEEP_DAYS));
	flush(s, day(STATS_KEEP_DAYS));
	cr_assert(stats_report(dir, "2026-01-01", "2026-12-31", STATS_BY_DAY, &r, &err), "%s", err);
	cr_assert_eq(r.n, 3, "the three days are kept %d days", STATS_KEEP_DAYS);
	stats_report_free(&r);
	stats_session(s, day(STATS_KEEP_DAYS + 3));
	flush(s, day(STATS_KEEP_DAYS + 3));
	for (int by = STATS_BY_ACTIVITY; by <= STATS_BY_DAY; by++) {
		cr_assert(stats_report(dir, "2026-01-01", "2026-12-31", by, &r, &err), "%s", err);
		cr_assert_eq(r.n, 0, "counts older than %d days are kept", STATS_KEEP_DAYS);
		cr_assert_eq(r.n_unmet, 0);
		stats_report_free(&r);
	}
	stats_end(s, NULL, day(STATS_KEEP_DAYS + 3));
}

/* An activity opened just before midnight is counted with its name,
 * organiser and categories even when the next day's first session comes
 * before the kiosk's next write (the day change writes the day's totals;
 * the activity waits for the write that has the cache). */
Test(stats, the_day_change_keeps_what_an_activity_is)
{
	test_apply_demo(dir);
	char *err = NULL;
	struct store *store = store_open(dir, STORE_READ, &err);
	cr_assert_not_null(store, "%s", err);
	struct stats *s = stats_begin(dir, 60);
	int64_t evening = timefmt_day_start(day(0)) + 86400 - 30;
	stats_session(s, evening);
	stats_activity(s, evening, STATS_OPENED, "demo", "demo:omaishoitajien-vertaisryhma");
	stats_session(s, evening + 60); /* the next day */
	cr_assert(stats_flush(s, store, evening + 61, true, &err), "%s", err);
	stats_end(s, store, evening + 61);
	store_close(store);

	struct stats_report r;
	static const struct {
		enum stats_by by;
		const char *key;
	} want[] = {{STATS_BY_ACTIVITY, "demo:omaishoitajien-vertaisryhma"},
		    {STATS_BY_ORGANIZATION, "demo:omaishoitajat-oulu"},
		    {STATS_BY_TOPIC, "yso:p12878"},
		    {STATS_BY_AUDIENCE, "aulataulu:omaishoitajat"}};
	for (size_t i = 0; i < sizeof(want) / sizeof(*want); i++) {
		cr_assert(stats_report(dir, "2026-01-01", "2026-12-31", want[i].by, &r, &err), "%s",
			  err);
		cr_assert_eq(r.n, 1, "%s: %zu rows", want[i].key, r.n);
		cr_assert(r.rows[0].key && strstr(r.rows[0].key, want[i].key), "%s: %s",
			  want[i].key, r.rows[0].key);
		cr_assert_not_null(r.rows[0].name, "%s has no name", want[i].key);
		cr_assert_eq(r.rows[0].opened, 1);
		stats_report_free(&r);
	}
	/* And each day's sessions on their own day. */
	cr_assert(stats_report(dir, "2026-01-01", "2026-12-31", STATS_BY_DAY, &r, &err), "%s", err);
	cr_assert_eq(r.n, 2);
	cr_assert_eq(r.rows[0].sessions, 1);
	cr_assert_eq(r.rows[1].sessions, 1);
	stats_report_free(&r);
}

/* The terms of one table of stats.db, in one string ("a|b|"). */
static char *terms_in(const char *table)
{
	sqlite3 *db;
	char *path = test_path(dir, "stats.db"), sql[128], *all = strdup("");
	cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
	snprintf(sql, sizeof(sql), "SELECT DISTINCT term FROM %s ORDER BY term", table);
	sqlite3_stmt *st;
	cr_assert_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		char *more;
		cr_assert(asprintf(&more, "%s%s|", all, sqlite3_column_text(st, 0)) > 0);
		free(all);
		all = more;
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	free(path);
	return all;
}

/* A personal identity code, an e-mail address, a phone number typed into
 * the search are counted as searches but never kept, on any day; five
 * digits are a postal code and are kept, six are not. */
Test(stats, personal_data_typed_into_search_is_never_kept)
{
	static const char *const personal[] = {
	    "010190-123A",   "131052-308T", "matti.meikalainen@example.fi", "040 123 4567",
	    "+358401234567", "123456",	    "syntynyt 24.11.1950"};
	struct stats *s = stats_begin(dir, 60);
	for (int d = 0; d < 3; d++) {
		for (size_t i = 0; i < sizeof(personal) / sizeof(*personal); i++)
			stats_search(s, day(d), personal[i], false);
		stats_search(s, day(d), "ruoka-apu 90100", false);
		flush(s, day(d));
	}
	char *raw = terms_in("empty_term_day"), *shown = terms_in("unmet_term");
	cr_assert_str_eq(raw, "ruoka-apu 90100|", "kept: %s", raw);
	cr_assert_str_eq(shown, "ruoka-apu 90100|", "shown: %s", shown);
	free(raw);
	free(shown);
	struct stats_report r;
	char *err = NULL;
	cr_assert(stats_report(dir, "2026-11-24", "2026-11-24", STATS_BY_DAY, &r, &err), "%s", err);
	cr_assert_eq(r.rows[0].empty, 8, "every search still counts");
	stats_report_free(&r);
	cr_assert(!stats_term_is_personal("12345"));
	cr_assert(stats_term_is_personal("123456"));
	stats_end(s, NULL, day(2));
}

/* Such terms written by an older version are deleted at the next write. */
Test(stats, personal_data_kept_before_is_deleted)
{
	struct stats *s = stats_begin(dir, 60);
	stats_search(s, day(0), "kahvila", false);
	flush(s, day(0));
	sqlite3 *db;
	char *path = test_path(dir, "stats.db");
	cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
	cr_assert_eq(
	    sqlite3_exec(db,
			 "INSERT INTO empty_term_day VALUES('010190-123a', '2026-11-24');"
			 "INSERT INTO unmet_term VALUES('matti@example.fi', '2026-11-24');",
			 NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(db);
	free(path);
	stats_search(s, day(0), "kahvila", false);
	flush(s, day(0));
	char *raw = terms_in("empty_term_day"), *shown = terms_in("unmet_term");
	cr_assert_str_eq(raw, "kahvila|");
	cr_assert_str_eq(shown, "");
	free(raw);
	free(shown);
	stats_end(s, NULL, day(0));
}

/* A term shown as an unmet need goes 30 days after it was last searched,
 * not after the 400 days of the counts. */
Test(stats, shown_terms_go_thirty_days_after_their_last_search)
{
	struct stats *s = stats_begin(dir, 60);
	for (int d = 0; d < 3; d++) {
		stats_search(s, day(d), "uimahalli", false);
		flush(s, day(d));
	}
	char **terms;
	cr_assert_eq(unmet(&terms), 1);
	stats_session(s, day(2 + STATS_TERM_DAYS));
	flush(s, day(2 + STATS_TERM_DAYS));
	cr_assert_eq(unmet(&terms), 1, "gone before %d days", STATS_TERM_DAYS);
	stats_session(s, day(3 + STATS_TERM_DAYS));
	flush(s, day(3 + STATS_TERM_DAYS));
	cr_assert_eq(unmet(&terms), 0, "kept after %d days", STATS_TERM_DAYS);
	stats_end(s, NULL, day(3 + STATS_TERM_DAYS));
}

/* stats --csv: a cell a spreadsheet would run as a formula stays text, and
 * the unmet searches are there too. */
Test(stats, csv_cells_are_never_formulas)
{
	struct stats *s = stats_begin(dir, 60);
	for (int d = 0; d < 3; d++) {
		stats_search(s, day(d), "kela", false);
		flush(s, day(d));
	}
	stats_end(s, NULL, day(2));
	sqlite3 *db;
	char *path = test_path(dir, "stats.db");
	cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
	cr_assert_eq(
	    sqlite3_exec(
		db,
		"INSERT INTO activity_day(day, source, activity, name, organizer, organizer_name, "
		"opened, qr, contact) VALUES('2026-11-24', 's', 'a1', 'n', "
		"'=HYPERLINK(\"http://x.invalid\")', '@SUM(1+1)', 1, 0, 0);"
		"INSERT INTO activity_day(day, source, activity, name, organizer, organizer_name, "
		"opened, qr, contact) VALUES('2026-11-24', 's', 'a2', 'n', "
		"'-2+3+cmd|'' /C calc''!A0', '+1', 1, 0, 0);",
		NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(db);
	free(path);
	struct run r;
	test_run_in(&r, dir, NULL,
		    (const char *const[]){"stats", "--by", "organization", "--from", "2026-11-01",
					  "--to", "2026-11-30", "--csv", NULL});
	cr_assert_eq(r.status, 0, "%s", r.err);
	cr_assert_not_null(
	    strstr(r.out, "\"'=HYPERLINK(\"\"http://x.invalid\"\")\",\"'@SUM(1+1)\""), "%s", r.out);
	cr_assert_not_null(strstr(r.out, "\"'-2+3+cmd|' /C calc'!A0\",\"'+1\""), "%s", r.out);
	for (const char *line = r.out; line && *line; line = strchr(line, '\n') + 1) {
		cr_assert(!strchr("=+-@", *line), "a line starts with a formula: %s", line);
		if (!strchr(line, '\n'))
			break;
	}
	cr_assert_not_null(strstr(r.out, "\n\nunmet_search\n\"kela\"\n"), "%s", r.out);
	test_run_free(&r);
}

/* A stats.db that is not a database file (here a directory) is said to be
 * one, never read as "nothing counted". */
Test(stats, a_stats_db_that_is_a_directory_is_an_error)
{
	char *path = test_path(dir, "stats.db");
	cr_assert_eq(mkdir(path, 0700), 0);
	struct stats_report r;
	char *err = NULL;
	cr_assert(!stats_report(dir, "2026-01-01", "2026-12-31", STATS_BY_DAY, &r, &err));
	cr_assert(err && strstr(err, "stats.db cannot be read: it is a directory"), "%s",
		  err ? err : "no error");
	free(err);
	struct run run;
	test_run_in(&run, dir, NULL, (const char *const[]){"--lang", "en", "stats", NULL});
	cr_assert_eq(run.status, 1, "%s", run.out);
	cr_assert_not_null(strstr(run.err, "it is a directory"), "%s", run.err);
	test_run_free(&run);
	free(path);
}

/* A name that is not UTF-8 (a damaged stats.db) costs that name, not the
 * whole metrics file: promtool still reads every series. */
Test(stats, a_broken_name_never_breaks_the_metrics_file)
{
	struct stats *s = stats_begin(dir, 60);
	stats_session(s, day(0));
	flush(s, day(0));
	stats_end(s, NULL, day(0));
	sqlite3 *db;
	char *path = test_path(dir, "stats.db");
	cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(db,
				  "INSERT INTO organization_total(organizer, name, opened, qr, "
				  "contact) VALUES('ytj:1', "
				  "CAST(X'4b6f7469ff2072790a22' AS TEXT), 3, 1, 0)",
				  NULL, NULL, NULL),
		     SQLITE_OK);
	sqlite3_close(db);
	char *prom = test_path(dir, "a.prom"), *conf = test_path(dir, "a.conf"), *text;
	cr_assert(asprintf(&text,
			   "[kiosk]\nmetrics_file = %s\n[source a]\nurl = http://127.0.0.1:1/\n",
			   prom) > 0);
	test_write_file(conf, text);
	free(text);
	struct run r;
	test_run_in(&r, dir, conf, (const char *const[]){"metrics", NULL});
	cr_assert_eq(r.status, 0, "%s", r.err);
	test_run_free(&r);
	char cmd[1024];
	snprintf(cmd, sizeof(cmd), "promtool check metrics < %s >/dev/null 2>&1", prom);
	cr_assert_eq(system(cmd), 0, "promtool check metrics refused %s", prom);
	text = test_read_file(prom, NULL);
	cr_assert(text && strstr(text, "aulataulu_activity_opened_total{organization=\"ytj:1\","
				       "organization_name=\"Koti"),
		  "%s", text ? text : "no file");
	free(text);
	free(prom);
	free(conf);
	free(path);
}

/* Slips printed: per activity, rolled up per organisation, and per day
 * (announcements' too); a stats.db of version 1, from before slips were
 * counted, is read as none printed and gains the counts at its next
 * write, its old counts kept. */
Test(stats, slips_printed_are_counted_and_an_older_stats_db_keeps_its_counts)
{
	char *path = test_path(dir, "stats.db");
	sqlite3 *db;
	cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
	/* The schema as 0.1.0 before slips wrote it. */
	cr_assert_eq(
	    sqlite3_exec(
		db,
		"CREATE TABLE activity_day(day TEXT NOT NULL, source TEXT NOT NULL,"
		" activity TEXT NOT NULL, name TEXT, organizer TEXT, organizer_name TEXT,"
		" opened INTEGER NOT NULL DEFAULT 0, qr INTEGER NOT NULL DEFAULT 0,"
		" contact INTEGER NOT NULL DEFAULT 0, PRIMARY KEY(day, source, activity));"
		"CREATE TABLE category_day(day TEXT NOT NULL, category TEXT NOT NULL,"
		" usage TEXT NOT NULL, name TEXT, opened INTEGER NOT NULL DEFAULT 0,"
		" qr INTEGER NOT NULL DEFAULT 0, contact INTEGER NOT NULL DEFAULT 0,"
		" PRIMARY KEY(day, category, usage));"
		"CREATE TABLE day_total(day TEXT PRIMARY KEY,"
		" sessions INTEGER NOT NULL DEFAULT 0, searches INTEGER NOT NULL DEFAULT 0,"
		" empty_searches INTEGER NOT NULL DEFAULT 0);"
		"CREATE TABLE empty_term_day(term TEXT NOT NULL, day TEXT NOT NULL,"
		" PRIMARY KEY(term, day));"
		"CREATE TABLE unmet_term(term TEXT PRIMARY KEY, last_day TEXT NOT NULL);"
		"CREATE TABLE organization_total(organizer TEXT PRIMARY KEY, name TEXT,"
		" opened INTEGER NOT NULL DEFAULT 0, qr INTEGER NOT NULL DEFAULT 0,"
		" contact INTEGER NOT NULL DEFAULT 0);"
		"INSERT INTO activity_day VALUES('2026-11-24', 'demo', 'a1', 'Kuoro', 'org:1',"
		" 'Yhdistys', 5, 2, 1);"
		"INSERT INTO day_total VALUES('2026-11-24', 4, 3, 1);"
		"INSERT INTO organization_total VALUES('org:1', 'Yhdistys', 5, 2, 1);"
		"PRAGMA user_version = 1;",
		NULL, NULL, NULL),
	    SQLITE_OK, "%s", sqlite3_errmsg(db));
	sqlite3_close(db);
	/* Read as it is: nothing printed, nothing changed on disk. */
	struct stats_report r;
	char *err = NULL;
	cr_assert(stats_report(dir, "2026-11-24", "2026-11-24", STATS_BY_ORGANIZATION, &r, &err),
		  "%s", err);
	cr_assert_eq(r.n, 1);
	cr_assert_eq(r.rows[0].opened, 5);
	cr_assert_eq(r.rows[0].printed, 0);
	stats_report_free(&r);
	/* The kiosk counts two slips of a1 and one of an announcement. */
	struct stats *s = stats_begin(dir, 60);
	stats_activity(s, day(0), STATS_PRINTED, "demo", "a1");
	stats_slip(s, day(0));
	stats_activity(s, day(0) + 60, STATS_PRINTED, "demo", "a1");
	stats_slip(s, day(0) + 60);
	stats_slip(s, day(0) + 120);
	flush(s, day(0) + 180);
	stats_end(s, NULL, day(0) + 180);
	cr_assert(stats_report(dir, "2026-11-24", "2026-11-24", STATS_BY_ACTIVITY, &r, &err), "%s",
		  err);
	cr_assert_eq(r.n, 1);
	cr_assert_str_eq(r.rows[0].key, "demo/a1");
	cr_assert_eq(r.rows[0].opened, 5, "the old counts were lost");
	cr_assert_eq(r.rows[0].printed, 2);
	stats_report_free(&r);
	cr_assert(stats_report(dir, "2026-11-24", "2026-11-24", STATS_BY_DAY, &r, &err), "%s", err);
	cr_assert_eq(r.n, 1);
	cr_assert_eq(r.rows[0].sessions, 4);
	cr_assert_eq(r.rows[0].printed, 3, "every slip of the day, the announcement's too");
	stats_report_free(&r);
	/* The organisation's running total, as the metrics read it. */
	cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_stmt *st;
	cr_assert_eq(sqlite3_prepare_v2(db,
					"SELECT opened, printed, (SELECT user_version FROM"
					" pragma_user_version) FROM organization_total",
					-1, &st, NULL),
		     SQLITE_OK);
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
	cr_assert_eq(sqlite3_column_int(st, 0), 5);
	cr_assert_eq(sqlite3_column_int(st, 1), 0, "no organiser known without the cache");
	cr_assert_eq(sqlite3_column_int(st, 2), 2);
	sqlite3_finalize(st);
	sqlite3_close(db);
	free(path);
}
