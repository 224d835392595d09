/* SPDX-License-Identifier: EUPL-1.2 */
/* Tests of src/store/store.c and src/store/store_apply.c: schema, one-transaction
 * imports, and the cache kept apart from the liaison person's data. */
#include "config.h"

#include "feed/feed_json.h"
#include "helpers.h"
#include "local/local.h"
#include "model/model.h"
#include "feed/recur.h"
#include "store/store.h"
#include "util/text.h"

#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dir;

static void setup(void)
{
	cr_assert(text_init());
	setenv("TZ", "Europe/Helsinki", 1);
	dir = test_tmpdir();
}

static void teardown(void)
{
	test_rmdir(dir);
	free(dir);
}

TestSuite(store, .init = setup, .fini = teardown);

static struct feed *demo_feed(void)
{
	char *text = test_demo_feed(TEST_NOW);
	struct diag d = {0};
	struct feed *f = feed_json_parse(text, strlen(text), &d);
	cr_assert_not_null(f, "%s", d.error);
	cr_assert(recur_expand_feed(f, TEST_NOW - 86400, TEST_NOW + 60 * 86400, NULL));
	diag_clear(&d);
	free(text);
	return f;
}

static struct store *open_store(enum store_mode mode)
{
	char *err = NULL;
	struct store *s = store_open(dir, mode, &err);
	cr_assert_not_null(s, "%s", err);
	return s;
}

static int64_t count(struct store *s, const char *sql)
{
	sqlite3_stmt *st;
	cr_assert_eq(sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL), SQLITE_OK, "%s",
		     sqlite3_errmsg(store_db(s)));
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
	int64_t n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void apply(struct store *s, const char *name, struct feed *f)
{
	char etag[] = "\"abc\"";
	struct source_state st = {.etag = etag, .fetched_at = TEST_NOW};
	char *err = NULL;
	cr_assert(store_apply_feed(s, name, f, &st, &err), "%s", err);
}

/* The demo feed, applied as source "demo" by a sync that has finished. */
static struct feed *applied_demo(void)
{
	struct feed *f = demo_feed();
	struct store *s = open_store(STORE_SYNC);
	apply(s, "demo", f);
	store_close(s);
	return f;
}

Test(store, creates_both_databases_at_their_versions)
{
	struct store *s = open_store(STORE_READ);
	cr_assert_eq(count(s, "PRAGMA main.user_version"), 9);
	cr_assert_eq(count(s, "PRAGMA local.user_version"), 2);
	cr_assert_eq(count(s, "SELECT count(*) FROM local.announcements"), 0);
	cr_assert_eq(count(s, "PRAGMA main.page_size"), 16384, "a new cache has 16 KiB pages");
	store_close(s);
}

Test(store, applies_a_feed_and_its_state)
{
	struct feed *f = demo_feed();
	struct store *s = open_store(STORE_SYNC);
	apply(s, "demo", f);
	cr_assert_eq(count(s, "SELECT count(*) FROM activities"), (int64_t)f->n_activities);
	cr_assert_eq(count(s, "SELECT count(*) FROM announcements"), (int64_t)f->n_announcements);
	cr_assert_gt(count(s, "SELECT count(*) FROM occurrences"), 40);
	/* The search holds every activity whose own text says it, and those
	 * whose topics, life situations or organiser do. */
	cr_assert_eq(
	    count(s, "SELECT count(*) FROM activity_search WHERE activity_search MATCH 'omais*'"),
	    count(s,
		  "SELECT count(*) FROM activities a WHERE a.name LIKE '%maishoita%'"
		  " OR a.short_description LIKE '%maishoita%' OR a.description LIKE '%maishoita%'"
		  " OR EXISTS (SELECT 1 FROM activity_categories ac JOIN categories c"
		  "  ON c.source = a.source AND c.id = ac.category_id"
		  "  WHERE ac.activity = a.rowid AND c.name LIKE '%maishoita%')"
		  " OR EXISTS (SELECT 1 FROM organizations g WHERE g.source = a.source"
		  "  AND g.id = a.organizer_id AND g.name LIKE '%maishoita%')"));
	struct source_state st;
	char *err = NULL;
	cr_assert(store_source_state(s, "demo", &st, &err));
	cr_assert(st.known);
	cr_assert_str_eq(st.etag, "\"abc\"");
	cr_assert_eq(st.sequence, f->header.sequence);
	source_state_free(&st);
	store_close(s);
	feed_free(f);
}

Test(store, a_second_import_replaces_not_adds)
{
	struct feed *f = demo_feed();
	struct store *s = open_store(STORE_SYNC);
	apply(s, "demo", f);
	apply(s, "demo", f);
	cr_assert_eq(count(s, "SELECT count(*) FROM activities"), (int64_t)f->n_activities);
	cr_assert_eq(count(s, "SELECT count(*) FROM activity_search"), (int64_t)f->n_activities);
	cr_assert_eq(count(s, "SELECT count(*) FROM listing"), 3 * (int64_t)f->n_activities,
		     "a listing row for each language");
	apply(s, "other", f);
	cr_assert_eq(count(s, "SELECT count(*) FROM activities"), 2 * (int64_t)f->n_activities,
		     "sources are kept apart");
	cr_assert_eq(count(s, "SELECT count(*) FROM listing"), 6 * (int64_t)f->n_activities);
	store_close(s);
	feed_free(f);
}

Test(store, a_failing_import_changes_nothing)
{
	struct feed *f = applied_demo();
	char *before = test_cache_fingerprint(dir);
	struct store *s = open_store(STORE_SYNC);
	/* Make the last announcement's insert fail, after everything else went in. */
	char sql[512];
	snprintf(sql, sizeof(sql),
		 "CREATE TRIGGER fail BEFORE INSERT ON announcements WHEN NEW.id = '%s'"
		 " BEGIN SELECT RAISE(ABORT, 'disk trouble'); END",
		 f->announcements[f->n_announcements - 1].id);
	cr_assert_eq(sqlite3_exec(store_db(s), sql, NULL, NULL, NULL), SQLITE_OK);
	f->header.sequence++;
	struct source_state st = {.fetched_at = TEST_NOW + 60};
	char *err = NULL;
	cr_assert_not(store_apply_feed(s, "demo", f, &st, &err));
	cr_assert(strstr(err, "disk trouble"), "%s", err);
	free(err);
	sqlite3_exec(store_db(s), "DROP TRIGGER fail", NULL, NULL, NULL);
	store_close(s);
	char *after = test_cache_fingerprint(dir);
	cr_assert_str_eq(before, after);
	free(before);
	free(after);
	feed_free(f);
}

Test(store, a_sync_never_opens_local_data)
{
	struct store *s = open_store(STORE_READ);
	cr_assert_eq(sqlite3_exec(store_db(s),
				  "INSERT INTO local.announcements (title, created_at, updated_at)"
				  " VALUES ('MLL esittäytyy aulassa', 1, 1)",
				  NULL, NULL, NULL),
		     SQLITE_OK);
	store_close(s);
	struct feed *f = demo_feed();
	s = open_store(STORE_SYNC);
	cr_assert_neq(
	    sqlite3_exec(store_db(s), "SELECT * FROM local.announcements", NULL, NULL, NULL),
	    SQLITE_OK, "local.db must not be attached during a sync");
	apply(s, "demo", f);
	store_close(s);
	s = open_store(STORE_READ);
	cr_assert_eq(count(s, "SELECT count(*) FROM local.announcements"), 1);
	store_close(s);
	feed_free(f);
}

Test(store, a_corrupt_cache_is_set_aside_and_rebuilt)
{
	char *path = test_path(dir, "cache.db");
	test_write_file(path, "this is not a database, but it is long enough to look like one......"
			      "..............................................................");
	struct store *s = open_store(STORE_READ);
	cr_assert_eq(count(s, "SELECT count(*) FROM activities"), 0);
	store_close(s);
	char *aside = test_path(dir, "cache.db.corrupt");
	char *text = test_read_file(aside, NULL);
	cr_assert_not_null(text, "the broken file is kept for inspection");
	free(text);
	free(aside);
	free(path);
}

Test(store, refuses_a_database_from_a_newer_version)
{
	struct store *s = open_store(STORE_SYNC);
	sqlite3_exec(store_db(s), "PRAGMA user_version = 99", NULL, NULL, NULL);
	store_close(s);
	char *err = NULL;
	cr_assert_null(store_open(dir, STORE_SYNC, &err));
	cr_assert(strstr(err, "newer version"), "%s", err);
	free(err);
}

/* Commands map the cache; the kiosk reads through the page cache, so that
 * its memory does not grow with the cache. Both see local.db. */
Test(store, the_kiosk_does_not_map_the_cache)
{
	struct feed *f = applied_demo();
	struct store *s = open_store(STORE_READ);
	cr_assert_gt(count(s, "PRAGMA main.mmap_size"), 0);
	store_close(s);
	s = open_store(STORE_UI);
	cr_assert_eq(count(s, "PRAGMA main.mmap_size"), 0);
	cr_assert_eq(count(s, "SELECT count(*) FROM local.hidden_activities"), 0);
	long activities, announcements;
	model_counts(s, &activities, &announcements);
	cr_assert_eq(activities, (long)f->n_activities);
	cr_assert_eq(announcements, (long)f->n_announcements);
	store_close(s);
	feed_free(f);
}

/* A cache of schema 3 (before the listing table) gets it filled on opening,
 * and the new search (schemas 5 and 6) too. */
Test(store, migrates_a_cache_without_the_listing)
{
	struct feed *f = demo_feed();
	struct store *s = open_store(STORE_SYNC);
	apply(s, "demo", f);
	cr_assert_eq(
	    sqlite3_exec(store_db(s),
			 "DROP TABLE listing; ALTER TABLE sources DROP COLUMN content_hash;"
			 " DROP INDEX activities_digest; ALTER TABLE activities DROP COLUMN digest;"
			 " ALTER TABLE occurrences DROP COLUMN note; PRAGMA user_version = 3",
			 NULL, NULL, NULL),
	    SQLITE_OK);
	store_close(s);
	s = open_store(STORE_READ);
	cr_assert_eq(count(s, "PRAGMA main.user_version"), 9);
	cr_assert_eq(count(s, "SELECT count(*) FROM pragma_table_info('occurrences')"
			      " WHERE name = 'note'"),
		     1, "schema 9: the dates' notes");
	cr_assert_eq(count(s, "SELECT count(*) FROM listing"), 3 * (int64_t)f->n_activities);
	cr_assert_eq(count(s, "SELECT count(*) FROM activity_search"), (int64_t)f->n_activities);
	cr_assert_gt(count(s, "SELECT count(*) FROM activity_search WHERE activity_search"
			      " MATCH 'omaishoitajat'"),
		     3, "the migrated search stems");
	cr_assert_eq(count(s, "SELECT count(*) FROM sqlite_master WHERE name = 'activity_search'"
			      " AND sql LIKE '%detail = column%prefix = ''1 2''%'"),
		     1, "the search of schema 6: columns, no positions; short prefixes indexed");
	struct list_query q = {.when = WHEN_WEEK, .lang = "en", .now = TEST_NOW};
	struct activity_list l;
	char *err = NULL;
	cr_assert(model_list_activities(s, &q, &l, &err), "%s", err);
	cr_assert_gt(l.n, 5);
	activity_list_free(&l);
	store_close(s);
	feed_free(f);
}

Test(store, lists_by_day_and_category)
{
	struct feed *f = applied_demo();
	struct store *s = open_store(STORE_READ);
	struct list_query q = {.when = WHEN_WEEK,
			       .lang = "fi",
			       .now = TEST_NOW,
			       .category = "aulataulu:omaishoitajat"};
	struct activity_list l;
	char *err = NULL;
	cr_assert(model_list_activities(s, &q, &l, &err), "%s", err);
	cr_assert_geq(l.n, 5);
	for (size_t i = 0; i < l.n; i++) {
		bool found = false;
		for (size_t k = 0; k < l.v[i].n_categories; k++)
			found =
			    found || strcmp(l.v[i].categories[k], "aulataulu:omaishoitajat") == 0;
		cr_assert(found, "%s is not for caregivers", l.v[i].name);
		if (i > 0 && l.v[i].next_start && l.v[i - 1].next_start)
			cr_assert_geq(l.v[i].next_start, l.v[i - 1].next_start, "in date order");
	}
	activity_list_free(&l);
	/* Hidden here: never listed. */
	sqlite3_exec(store_db(s),
		     "INSERT INTO local.hidden_activities VALUES"
		     " ('demo', 'demo:omaishoitajien-vertaisryhma', 1)",
		     NULL, NULL, NULL);
	cr_assert(model_list_activities(s, &q, &l, &err));
	for (size_t i = 0; i < l.n; i++)
		cr_assert_str_neq(l.v[i].id, "demo:omaishoitajien-vertaisryhma");
	activity_list_free(&l);
	store_close(s);
	feed_free(f);
}

/* How many listed activities of the week have this id, per source. */
static int listed(struct store *s, const char *source, const char *id)
{
	struct list_query q = {.when = WHEN_ALL, .now = TEST_NOW, .lang = "fi"};
	struct activity_list l;
	char *err = NULL;
	cr_assert(model_list_activities(s, &q, &l, &err), "%s", err);
	int n = 0;
	for (size_t i = 0; i < l.n; i++)
		n += !strcmp(l.v[i].source, source) && !strcmp(l.v[i].id, id);
	activity_list_free(&l);
	return n;
}

/* The same id in two sources was hidden in both. */
Test(store, hiding_is_per_source)
{
	struct feed *f = applied_demo();
	struct store *w = open_store(STORE_SYNC);
	apply(w, "toinen", f); /* another feed that uses the same ids */
	store_close(w);
	const char *id = "demo:omaishoitajien-vertaisryhma";
	struct store *s = open_store(STORE_READ);
	cr_assert_eq(listed(s, "demo", id), 1);
	cr_assert_eq(listed(s, "toinen", id), 1);
	char *err = NULL;
	cr_assert(local_hide(s, "demo", id, "cli", TEST_NOW, &err), "%s", err);
	cr_assert_eq(listed(s, "demo", id), 0, "not hidden");
	cr_assert_eq(listed(s, "toinen", id), 1, "hidden in the other source too");
	struct hidden_list h;
	cr_assert(local_hidden_list(s, "fi", &h, &err), "%s", err);
	cr_assert_eq(h.n, 1);
	cr_assert_str_eq(h.v[0].source, "demo");
	cr_assert_str_eq(h.v[0].name, "Omaishoitajien vertaisryhmä");
	hidden_list_free(&h);
	cr_assert(local_unhide(s, "demo", id, "cli", TEST_NOW, &err), "%s", err);
	cr_assert_eq(listed(s, "demo", id), 1);
	store_close(s);
	feed_free(f);
}

/* A row hidden before: migrated with source '', it still hides the id. */
Test(store, hidden_rows_of_the_old_schema_are_kept)
{
	struct feed *f = applied_demo();
	char *path = test_path(dir, "local.db");
	sqlite3 *db;
	cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
	cr_assert_eq(
	    sqlite3_exec(db,
			 "CREATE TABLE announcements(id INTEGER PRIMARY KEY, title TEXT NOT"
			 " NULL, body TEXT, lang TEXT, priority INTEGER NOT NULL DEFAULT 1,"
			 " valid_from INTEGER, valid_until INTEGER, url TEXT, created_at"
			 " INTEGER NOT NULL, updated_at INTEGER NOT NULL);"
			 "CREATE TABLE hidden_activities(activity_id TEXT PRIMARY KEY,"
			 " hidden_at INTEGER NOT NULL);"
			 "CREATE TABLE settings(key TEXT PRIMARY KEY, value);"
			 "CREATE TABLE audit_log(id INTEGER PRIMARY KEY, at INTEGER NOT NULL,"
			 " origin TEXT NOT NULL, action TEXT NOT NULL, detail TEXT);"
			 "INSERT INTO hidden_activities VALUES"
			 " ('demo:omaishoitajien-vertaisryhma', 5);"
			 "PRAGMA user_version = 1;",
			 NULL, NULL, NULL),
	    SQLITE_OK, "%s", sqlite3_errmsg(db));
	sqlite3_close(db);
	free(path);
	struct store *s = open_store(STORE_READ);
	cr_assert_eq(count(s, "PRAGMA local.user_version"), 2);
	cr_assert_eq(count(s, "SELECT count(*) FROM local.hidden_activities WHERE source = ''"
			      " AND hidden_at = 5"),
		     1);
	cr_assert_eq(listed(s, "demo", "demo:omaishoitajien-vertaisryhma"), 0);
	char *err = NULL;
	cr_assert(local_unhide(s, "", "demo:omaishoitajien-vertaisryhma", "ui", TEST_NOW, &err),
		  "%s", err);
	cr_assert_eq(listed(s, "demo", "demo:omaishoitajien-vertaisryhma"), 1);
	store_close(s);
	feed_free(f);
}

/* The rowid of activity id of source demo, or 0. */
static int64_t rowid_of(struct store *s, const char *id)
{
	sqlite3_stmt *st;
	cr_assert_eq(
	    sqlite3_prepare_v2(store_db(s),
			       "SELECT rowid FROM activities WHERE source = 'demo' AND id = ?", -1,
			       &st, NULL),
	    SQLITE_OK);
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	int64_t row = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return row;
}

/* A feed with one activity renamed, one gone and one replaced by another
 * id: those are written, the rest keep their rows (and rowids). With half
 * of them changed the source is written whole; rowids are still kept. */
/* What the kiosk reads of the activity renamed "Sukututkimuspiiri": its
 * listing and search rows. */
static void assert_renamed(struct store *s)
{
	cr_assert_eq(count(s, "SELECT count(*) FROM listing WHERE lang = 'fi'"
			      " AND name = 'Sukututkimuspiiri'"),
		     1);
	cr_assert_eq(count(s, "SELECT count(*) FROM activity_search"
			      " WHERE activity_search MATCH 'sukututkimuspiiri'"),
		     1);
}

Test(store, an_import_writes_only_the_activities_that_changed)
{
	struct feed *f = demo_feed();
	struct store *s = open_store(STORE_SYNC);
	apply(s, "demo", f);
	size_t n = f->n_activities;
	int64_t *before = calloc(n, sizeof(*before));
	for (size_t i = 0; i < n; i++)
		before[i] = rowid_of(s, f->activities[i].id);
	const char *gone = f->activities[1].id, *replaced = f->activities[2].id;
	int64_t renamed_row = before[0];
	f->activities[0].name.fi = "Sukututkimuspiiri";
	f->activities[2].id = "uusi-ryhma";
	memmove(&f->activities[1], &f->activities[2], (n - 2) * sizeof(*f->activities));
	f->n_activities--;

	struct store_apply_counts counts;
	struct source_state st = {.fetched_at = TEST_NOW};
	char *err = NULL;
	cr_assert(store_apply_feed_with(s, "demo", f, &st, NULL, &counts, &err), "%s", err);
	cr_assert_eq(counts.written, 2, "written: %zu", counts.written);
	cr_assert_eq(counts.removed, 2, "removed: %zu", counts.removed);
	cr_assert_eq(rowid_of(s, gone), 0);
	cr_assert_eq(rowid_of(s, replaced), 0);
	cr_assert_eq(rowid_of(s, f->activities[0].id), renamed_row, "a changed activity moved");
	for (size_t i = 3; i < n; i++)
		cr_assert_eq(rowid_of(s, f->activities[i - 1].id), before[i],
			     "the unchanged %s was written again", f->activities[i - 1].id);
	assert_renamed(s);
	cr_assert_eq(count(s, "SELECT count(*) FROM listing"), 3 * (int64_t)f->n_activities);
	cr_assert_eq(count(s, "SELECT count(*) FROM activity_search"), (int64_t)f->n_activities);
	cr_assert_eq(count(s, "SELECT count(*) FROM occurrences WHERE activity NOT IN"
			      " (SELECT rowid FROM activities)"),
		     0);
	/* The same feed once more: nothing to write. */
	cr_assert(store_apply_feed_with(s, "demo", f, &st, NULL, &counts, &err), "%s", err);
	cr_assert_eq(counts.written + counts.removed, 0);
	/* Half of them renamed: the source is written whole, rowids kept. */
	for (size_t i = 0; i < f->n_activities; i++)
		before[i] = rowid_of(s, f->activities[i].id);
	for (size_t i = 0; i < f->n_activities; i += 2)
		f->activities[i].name.fi = "Lukupiiri";
	cr_assert(store_apply_feed_with(s, "demo", f, &st, NULL, &counts, &err), "%s", err);
	cr_assert_eq(counts.written, (f->n_activities + 1) / 2);
	cr_assert_eq(counts.removed, 0);
	for (size_t i = 0; i < f->n_activities; i++)
		cr_assert_eq(rowid_of(s, f->activities[i].id), before[i], "%s moved",
			     f->activities[i].id);
	cr_assert_eq(
	    count(s, "SELECT count(*) FROM listing WHERE lang = 'fi' AND name = 'Lukupiiri'"),
	    (int64_t)(f->n_activities + 1) / 2);
	cr_assert_eq(count(s, "SELECT count(*) FROM activity_search WHERE activity_search MATCH "
			      "'lukupiiri'"),
		     (int64_t)(f->n_activities + 1) / 2);
	cr_assert_eq(count(s, "SELECT count(*) FROM activity_search"), (int64_t)f->n_activities);
	store_close(s);
	free(before);
	feed_free(f);
}

/* Every row deleted from the tables below is noted in temp.deleted. */
static void note_deletes(struct store *s)
{
	static const char *const tables[] = {"listing", "activity_categories", "occurrences",
					     "activities"};
	char *err = NULL;
	cr_assert_eq(
	    sqlite3_exec(store_db(s), "CREATE TEMP TABLE deleted(tbl, activity)", NULL, NULL, &err),
	    SQLITE_OK, "%s", err);
	for (size_t i = 0; i < sizeof(tables) / sizeof(*tables); i++) {
		char sql[300];
		snprintf(sql, sizeof(sql),
			 "CREATE TEMP TRIGGER noted_%s AFTER DELETE ON main.%s BEGIN"
			 " INSERT INTO deleted VALUES ('%s', old.%s); END",
			 tables[i], tables[i], tables[i], i == 3 ? "rowid" : "activity");
		cr_assert_eq(sqlite3_exec(store_db(s), sql, NULL, NULL, &err), SQLITE_OK, "%s",
			     err);
	}
}

/* Of an activity whose dates changed only its dates are written again,
 * and of one whose text changed not its dates. */
Test(store, an_import_writes_only_the_part_of_an_activity_that_changed)
{
	struct feed *f = demo_feed();
	struct store *s = open_store(STORE_SYNC);
	apply(s, "demo", f);
	note_deletes(s);
	struct feed_activity *dated = NULL, *renamed = NULL;
	for (size_t i = 0; i < f->n_activities; i++) {
		struct feed_activity *a = &f->activities[i];
		if (!dated && a->n_occurrences && !a->schedule.rrule)
			dated = a;
		else if (!renamed && a->n_occurrences)
			renamed = a;
	}
	cr_assert(dated && renamed, "the demo feed has activities with dates");
	int64_t dated_row = rowid_of(s, dated->id), renamed_row = rowid_of(s, renamed->id);
	dated->occurrences[0].start += 3600;
	renamed->name.fi = "Sukututkimuspiiri";
	size_t renamed_dates = renamed->n_occurrences;

	struct store_apply_counts counts;
	struct source_state st = {.fetched_at = TEST_NOW};
	char *err = NULL;
	cr_assert(store_apply_feed_with(s, "demo", f, &st, NULL, &counts, &err), "%s", err);
	cr_assert_eq(counts.written, 2, "written: %zu", counts.written);
	cr_assert_eq(counts.removed, 0);
	cr_assert_eq(rowid_of(s, dated->id), dated_row);
	cr_assert_eq(rowid_of(s, renamed->id), renamed_row);
	char sql[300];
	/* The one with new dates: its dates, not its listing, search or categories. */
	snprintf(sql, sizeof(sql),
		 "SELECT count(*) FROM deleted WHERE activity = %lld AND tbl <> 'occurrences'",
		 (long long)dated_row);
	cr_assert_eq(count(s, sql), 0, "the rows of an activity with new dates were written");
	snprintf(sql, sizeof(sql),
		 "SELECT count(*) FROM occurrences WHERE activity = %lld AND start = %lld",
		 (long long)dated_row, (long long)dated->occurrences[0].start);
	cr_assert_eq(count(s, sql), 1, "the new date is not there");
	/* The renamed one: its listing and search, not its dates. */
	snprintf(sql, sizeof(sql),
		 "SELECT count(*) FROM deleted WHERE activity = %lld AND tbl IN ('occurrences', "
		 "'activities')",
		 (long long)renamed_row);
	cr_assert_eq(count(s, sql), 0, "the dates of a renamed activity were written");
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM occurrences WHERE activity = %lld",
		 (long long)renamed_row);
	cr_assert_eq(count(s, sql), (int64_t)renamed_dates);
	assert_renamed(s);
	/* Nothing else was touched. */
	snprintf(sql, sizeof(sql),
		 "SELECT count(*) FROM deleted WHERE activity NOT IN (%lld, %lld)",
		 (long long)dated_row, (long long)renamed_row);
	cr_assert_eq(count(s, sql), 0);
	store_close(s);
	feed_free(f);
}

/* The listing's and the search's rows as cache migrations 4 and 5 made
 * them with SQL from the tables: what store_rows.c must write. */
/* clang-format off */
#define LISTING_ML(col)                                                    \
	"coalesce(nullif(json_extract(" col ", '$.' || l.lang), ''),"      \
	" json_extract(" col ", '$.fi'))"
#define LISTING_INSERT(where)                                              \
	"INSERT INTO listing"                                              \
	" SELECT l.lang, a.rowid, a.source, a.id,"                         \
	"  " LISTING_ML("a.name") ","                                      \
	"  " LISTING_ML("g.name") ","                                      \
	"  " LISTING_ML("p.name") ","                                      \
	"  a.type, a.attendance_mode, a.event_status, a.is_free,"          \
	"  a.has_offers,"                                                  \
	"  (SELECT group_concat(category_id, char(10))"                    \
	"   FROM activity_categories c WHERE c.activity = a.rowid)"        \
	" FROM activities a"                                               \
	" JOIN (SELECT 'fi' AS lang UNION ALL SELECT 'sv'"                 \
	"       UNION ALL SELECT 'en') l"                                  \
	" LEFT JOIN organizations g"                                       \
	"  ON g.source = a.source AND g.id = a.organizer_id"               \
	" LEFT JOIN places p ON p.source = a.source AND p.id = a.place_id" \
	" " where
/* Every language's text of a multilingual column, for the search. */
#define SEARCH_ML(col)                                                     \
	"coalesce(json_extract(" col ", '$.fi'), '') || ' ' ||"            \
	" coalesce(json_extract(" col ", '$.sv'), '') || ' ' ||"           \
	" coalesce(json_extract(" col ", '$.en'), '')"
/* The search's rows of the activities matching `where`: name,
 * description, organiser, topics and life situations, place. */
#define SEARCH_INSERT(where)                                               \
	"INSERT INTO activity_search"                                      \
	"  (rowid, name, description, organizer, categories, place)"       \
	" SELECT a.rowid, " SEARCH_ML("a.name") ","                        \
	"  " SEARCH_ML("a.short_description") " || ' ' || "                \
	SEARCH_ML("a.description") ","                                     \
	"  " SEARCH_ML("g.name") ","                                       \
	"  (SELECT group_concat(" SEARCH_ML("c.name") ", ' ')"             \
	"   FROM activity_categories ac JOIN categories c"                 \
	"   ON c.source = a.source AND c.id = ac.category_id"              \
	"   WHERE ac.activity = a.rowid),"                                 \
	"  " SEARCH_ML("p.name") " || ' ' || "                             \
	SEARCH_ML("p.street_address") " || ' ' || "                        \
	SEARCH_ML("p.address_locality")                                    \
	" FROM activities a"                                               \
	" LEFT JOIN organizations g"                                       \
	"  ON g.source = a.source AND g.id = a.organizer_id"               \
	" LEFT JOIN places p ON p.source = a.source AND p.id = a.place_id" \
	" " where
/* clang-format on */

/* Rows of query not in the table, and the table's not in query. */
static void assert_same_rows(struct store *s, const char *table, const char *insert)
{
	const char *query = strstr(insert, " SELECT "); /* the INSERT's rows */
	char *sql;
	cr_assert(
	    asprintf(&sql,
		     "SELECT (SELECT count(*) FROM (SELECT * FROM %s EXCEPT SELECT * FROM (%s)))"
		     " + (SELECT count(*) FROM (SELECT * FROM (%s) EXCEPT SELECT * FROM %s))",
		     table, query, query, table) > 0);
	sqlite3_stmt *st;
	cr_assert_eq(sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL), SQLITE_OK, "%s",
		     sqlite3_errmsg(store_db(s)));
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
	cr_assert_eq(sqlite3_column_int64(st, 0), 0, "%s differs from its SQL definition", table);
	sqlite3_finalize(st);
	free(sql);
}

/* The rows written from the parsed feed are those the SQL makes from the
 * tables: in every language, for an activity whose organiser, place and a
 * category the feed does not have, and with a second source beside. */
Test(store, listing_and_search_rows_are_as_their_sql_makes_them)
{
	struct feed *f = demo_feed();
	struct store *s = open_store(STORE_SYNC);
	apply(s, "demo", f);
	f->activities[0].organizer_id = "ei-ole";
	f->activities[0].place_id = "ei-ole";
	static const char *unknown[] = {"ei-ole", NULL};
	f->activities[1].keywords = (struct strlist){unknown, 1};
	f->activities[2].name.sv = "";
	apply(s, "toinen", f);
	cr_assert_eq(count(s, "SELECT count(*) FROM listing"), 6 * (int64_t)f->n_activities);
	assert_same_rows(s, "listing", LISTING_INSERT(""));
	assert_same_rows(s,
			 "(SELECT rowid, name, description, organizer, categories, place"
			 " FROM activity_search)",
			 SEARCH_INSERT(""));
	store_close(s);
	feed_free(f);
}
