/* SPDX-License-Identifier: EUPL-1.2 */
/* Tests of the liaison person's data: src/local/local.c, src/local/pin.c,
 * src/local/backup.c, and their commands. */
#include "config.h"

#include "local/backup.h"
#include "helpers.h"
#include "local/local.h"
#include "model/model.h"
#include "local/pin.h"
#include "store/store.h"
#include "util/text.h"
#include "util/timefmt.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <sqlite3.h>
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

TestSuite(local, .init = setup, .fini = teardown, .timeout = 60);

static struct run run_cli(const char *const *args)
{
	struct run r;
	test_run_in(&r, dir, NULL, args);
	return r;
}

#define CLI(...) run_cli((const char *const[]){__VA_ARGS__, NULL})

static struct store *open_store(void)
{
	char *err = NULL;
	struct store *s = store_open(dir, STORE_READ, &err);
	cr_assert_not_null(s, "%s", err);
	return s;
}

static int64_t at(const char *text)
{
	int64_t t;
	cr_assert(timefmt_parse_local(text, false, &t), "%s", text);
	return t;
}

/* The ids on the board at time now, in order, joined by spaces. */
static char *board_at(struct store *s, int64_t now)
{
	struct announcement_list l;
	char *err = NULL;
	cr_assert(model_board(s, now, "564", "fi", &l, &err), "%s", err);
	char *out = calloc(1, 4096);
	for (size_t i = 0; i < l.n; i++)
		snprintf(out + strlen(out), 4096 - strlen(out), "%s%s", i ? " " : "", l.v[i].id);
	announcement_list_free(&l);
	return out;
}

Test(local, announcements_show_only_inside_their_window)
{
	struct store *s = open_store();
	struct local_announcement a = {.title = "MLL esittäytyy aulassa ke 10–12",
				       .priority = 1,
				       .valid_from = at("25.11.2026 10:00"),
				       .valid_until = at("25.11.2026 12:00")};
	int64_t id;
	char *err = NULL;
	cr_assert(local_announcement_add(s, &a, &id, "cli", TEST_NOW, &err), "%s", err);
	char *b = board_at(s, at("25.11.2026 09:59"));
	cr_assert_str_eq(b, "");
	free(b);
	b = board_at(s, at("25.11.2026 10:00"));
	cr_assert_str_eq(b, "local:1");
	free(b);
	b = board_at(s, at("25.11.2026 12:00"));
	cr_assert_str_eq(b, "", "the end is not included");
	free(b);
	store_close(s);
}

Test(local, by_priority_then_newest_first)
{
	struct store *s = open_store();
	char *err = NULL;
	const struct {
		const char *title;
		int priority;
		const char *from;
	} rows[] = {{"normal old", 1, "20.11.2026 08:00"},
		    {"urgent", 3, "21.11.2026 08:00"},
		    {"normal new", 1, "23.11.2026 08:00"},
		    {"info", 0, "24.11.2026 08:00"}};
	for (int i = 0; i < 4; i++) {
		struct local_announcement a = {.title = rows[i].title,
					       .priority = rows[i].priority,
					       .valid_from = at(rows[i].from)};
		cr_assert(local_announcement_add(s, &a, NULL, "ui", TEST_NOW, &err), "%s", err);
	}
	char *b = board_at(s, TEST_NOW);
	cr_assert_str_eq(b, "local:2 local:3 local:1 local:4");
	free(b);
	/* The header's urgent line: the same first announcement, alone. */
	char title[128];
	cr_assert(model_urgent(s, TEST_NOW, "564", "fi", title, sizeof(title)));
	cr_assert_str_eq(title, "urgent");
	cr_assert_not(model_urgent(s, at("20.11.2026 09:00"), "564", "fi", title, sizeof(title)),
		      "before the urgent one is valid");
	cr_assert_str_eq(title, "");
	store_close(s);
}

Test(local, refuses_bad_input_with_a_reason)
{
	struct store *s = open_store();
	char *err = NULL;
	char long_title[200];
	memset(long_title, 'a', 121);
	long_title[121] = '\0';
	const struct {
		struct local_announcement a;
		const char *why;
	} bad[] = {
	    {{.title = "x", .valid_from = 200, .valid_until = 100}, "the end is not after"},
	    {{.title = long_title}, "longer than 120"},
	    {{.title = "  \x1b[2J  "}, "[2J"}, /* cleaned, then fine: see below */
	    {{.title = ""}, "empty"},
	    {{.title = "x", .priority = 4}, "priority"},
	    {{.title = "x", .url = "javascript:alert(1)"}, "https://"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		bool ok = local_announcement_add(s, &bad[i].a, NULL, "cli", TEST_NOW, &err);
		if (i == 2) { /* escape sequences are cleaned away, the text stays */
			cr_assert(ok, "%s", err);
			continue;
		}
		cr_assert_not(ok, "case %zu accepted", i);
		cr_assert(strstr(err, bad[i].why), "case %zu: %s", i, err);
		free(err);
	}
	struct local_announcement_list l;
	cr_assert(local_announcement_list(s, &l, &err));
	cr_assert_eq(l.n, 1);
	cr_assert_str_eq(l.v[0].title, "[2J");
	local_announcement_list_free(&l);
	struct local_announcement ghost = {.id = 99, .title = "x"};
	cr_assert_not(local_announcement_edit(s, &ghost, "cli", TEST_NOW, &err));
	cr_assert(strstr(err, "no local announcement"), "%s", err);
	free(err);
	store_close(s);
}

Test(local, expired_ones_are_purged_after_30_days)
{
	struct store *s = open_store();
	char *err = NULL;
	struct local_announcement a = {.title = "old", .valid_until = TEST_NOW - 31 * 86400};
	struct local_announcement b = {.title = "recent", .valid_until = TEST_NOW - 29 * 86400};
	cr_assert(local_announcement_add(s, &a, NULL, "cli", TEST_NOW - 40 * 86400, &err));
	cr_assert(local_announcement_add(s, &b, NULL, "cli", TEST_NOW - 40 * 86400, &err));
	cr_assert_eq(local_purge(s, TEST_NOW), 1);
	struct local_announcement_list l;
	cr_assert(local_announcement_list(s, &l, &err));
	cr_assert_eq(l.n, 1);
	cr_assert_str_eq(l.v[0].title, "recent");
	local_announcement_list_free(&l);
	struct audit_list log;
	cr_assert(local_audit_list(s, 10, &log, &err));
	cr_assert_str_eq(log.v[0].action, "announcements purged");
	audit_list_free(&log);
	store_close(s);
}

Test(local, hidden_and_local_survive_every_sync)
{
	struct run r = CLI("sync");
	cr_assert_eq(r.status, 0, "%s", r.err);
	test_run_free(&r);
	r = CLI("hide", "demo:perhekahvila");
	cr_assert_eq(r.status, 0, "%s", r.err);
	test_run_free(&r);
	r = CLI("announce", "add", "--title", "Omaishoitajien kahvila peruttu tällä viikolla");
	cr_assert_eq(r.status, 0, "%s", r.err);
	test_run_free(&r);
	for (int i = 0; i < 2; i++) { /* a new feed version, twice */
		const char *argv[] = {
		    "--data-dir", dir,
		    "--now",	  i ? "2026-11-24T11:00:00+02:00" : "2026-11-24T10:00:00+02:00",
		    "sync",	  NULL};
		test_run(&r, argv);
		cr_assert(strstr(r.out, "updated"), "%s", r.out);
		test_run_free(&r);
	}
	r = CLI("list", "--when", "all", "--json");
	cr_assert_null(strstr(r.out, "demo:perhekahvila"), "a hidden activity is listed");
	test_run_free(&r);
	r = CLI("board", "--json");
	cr_assert(strstr(r.out, "Omaishoitajien kahvila peruttu"), "%s", r.out);
	test_run_free(&r);
	r = CLI("unhide", "demo:perhekahvila");
	cr_assert_eq(r.status, 0);
	test_run_free(&r);
	r = CLI("list", "--when", "all", "--json");
	cr_assert(strstr(r.out, "demo:perhekahvila"));
	test_run_free(&r);
}

Test(local, pin_is_an_argon2id_hash_with_persistent_backoff)
{
	struct store *s = open_store();
	char *err = NULL;
	cr_assert_eq(pin_check(s, "1234", TEST_NOW, NULL), PIN_NOT_SET);
	cr_assert_not(pin_set(s, "12a4", "cli", TEST_NOW, &err));
	free(err);
	cr_assert(pin_set(s, "482915", "cli", TEST_NOW, &err), "%s", err);
	char *hash = local_setting(s, "pin_hash");
	cr_assert(strncmp(hash, "$argon2id$", 10) == 0, "%s", hash);
	cr_assert_null(strstr(hash, "482915"));
	free(hash);
	store_close(s);

	/* Every try opens the database anew, as if the power went off between. */
	int64_t now = TEST_NOW, until;
	for (int i = 1; i <= 2; i++) {
		s = open_store();
		cr_assert_eq(pin_check(s, "0000", now, &until), PIN_WRONG);
		cr_assert_eq(until, 0, "no wait after %d failures", i);
		store_close(s);
	}
	int64_t waits[] = {30, 60, 120, 240, 480, 900, 900};
	for (int i = 0; i < 7; i++) {
		s = open_store();
		cr_assert_eq(pin_check(s, "0000", now, &until), PIN_WRONG);
		cr_assert_eq(until - now, waits[i], "failure %d", i + 3);
		/* Too soon: not even checked, even the right PIN. */
		cr_assert_eq(pin_check(s, "482915", until - 1, NULL), PIN_WAIT);
		store_close(s);
		now = until;
	}
	s = open_store();
	cr_assert_eq(pin_check(s, "482915", now, NULL), PIN_OK, "never a permanent lock-out");
	cr_assert_eq(pin_check(s, "0000", now, &until), PIN_WRONG);
	cr_assert_eq(until, 0, "a success resets the count");
	store_close(s);
}

static size_t count_backups(void)
{
	char cmd[4200];
	snprintf(cmd, sizeof(cmd), "ls %s/backups/local-*.db 2>/dev/null | wc -l", dir);
	FILE *p = popen(cmd, "r");
	size_t n = 0;
	cr_assert_eq(fscanf(p, "%zu", &n), 1);
	pclose(p);
	return n;
}

Test(local, backed_up_daily_keeping_seven)
{
	struct store *s = open_store();
	store_close(s);
	for (int day = 0; day < 10; day++) {
		cr_assert(backup_local_if_due(dir, TEST_NOW + day * 86400));
		cr_assert(backup_local_if_due(dir, TEST_NOW + day * 86400 + 3600), "not due again");
	}
	cr_assert_eq(count_backups(), 7);
	char path[4200];
	snprintf(path, sizeof(path), "%s/backups/local-20261203-090000.db", dir);
	cr_assert_not_null(test_read_file(path, NULL), "the newest is kept");
}

Test(local, a_corrupt_local_db_is_restored_from_the_newest_backup)
{
	struct run r = CLI("announce", "add", "--title", "Tärkeä tiedote");
	cr_assert_eq(r.status, 0, "%s", r.err);
	test_run_free(&r);
	cr_assert_eq(count_backups(), 1, "the first use makes a daily backup");
	char *latest = test_path(dir, "backups/latest.db");
	cr_assert_not_null(test_read_file(latest, NULL), "a change brings latest.db up to date");
	free(latest);
	/* Then the disk garbles local.db. */
	char *path = test_path(dir, "local.db");
	FILE *f = fopen(path, "r+b");
	cr_assert_not_null(f);
	fseek(f, 0, SEEK_SET);
	for (int i = 0; i < 4096; i++)
		fputc(0x5a, f);
	fclose(f);
	r = CLI("announce", "list", "--json");
	cr_assert_eq(r.status, 0, "%s", r.err);
	cr_assert(strstr(r.out, "Tärkeä tiedote"), "not restored: %s", r.out);
	cr_assert(strstr(r.err, "restored from the backup"), "%s", r.err);
	test_run_free(&r);
	r = CLI("status", "--json");
	cr_assert(strstr(r.out, "restored from the backup"), "status does not say so: %s", r.out);
	test_run_free(&r);
	r = CLI("audit");
	cr_assert(strstr(r.out, "local.db restored"), "%s", r.out);
	test_run_free(&r);
	free(path);
}

Test(local, commands_exit_1_with_a_message_on_bad_input)
{
	struct run r = CLI("announce", "add", "--title", "x", "--from", "25.11.2026 12:00",
			   "--until", "25.11.2026 10:00");
	cr_assert_eq(r.status, 1);
	cr_assert(strstr(r.err, "the end is not after the start"), "%s", r.err);
	test_run_free(&r);
	r = CLI("announce", "remove", "42");
	cr_assert_eq(r.status, 1);
	cr_assert(strstr(r.err, "no local announcement with that id"), "%s", r.err);
	test_run_free(&r);
	r = CLI("announce", "add", "--title", "x", "--from", "tomorrow");
	cr_assert_eq(r.status, 1);
	cr_assert(strstr(r.err, "24.11.2026 10:00"), "the message shows the format: %s", r.err);
	test_run_free(&r);
	r = CLI("announce", "frob");
	cr_assert_eq(r.status, 2);
	test_run_free(&r);
	r = CLI("announce", "add", "--title", "Kahvila", "--json");
	cr_assert_eq(r.status, 0, "%s", r.err);
	json_t *doc = json_loads(r.out, 0, NULL);
	cr_assert_eq(json_integer_value(json_object_get(doc, "id")), 1);
	json_decref(doc);
	test_run_free(&r);
	r = CLI("announce", "edit", "1", "--title", "Kahvila tänään", "--priority", "2");
	cr_assert_eq(r.status, 0, "%s", r.err);
	test_run_free(&r);
	r = CLI("announce", "list", "--json");
	doc = json_loads(r.out, 0, NULL);
	json_t *first = json_array_get(json_object_get(doc, "announcements"), 0);
	cr_assert_str_eq(json_string_value(json_object_get(first, "title")), "Kahvila tänään");
	cr_assert_eq(json_integer_value(json_object_get(first, "priority")), 2);
	json_decref(doc);
	test_run_free(&r);
	r = CLI("audit", "--json");
	doc = json_loads(r.out, 0, NULL);
	json_t *entry = json_array_get(json_object_get(doc, "audit"), 0);
	cr_assert_str_eq(json_string_value(json_object_get(entry, "action")),
			 "announcement edited");
	cr_assert_str_eq(json_string_value(json_object_get(entry, "origin")), "cli");
	json_decref(doc);
	test_run_free(&r);
	/* For people, the actions in their language. */
	r = CLI("--lang", "fi", "audit");
	cr_assert(strstr(r.out, "cli    tiedote muokattu"), "%s", r.out);
	test_run_free(&r);
	r = CLI("--lang", "sv", "audit");
	cr_assert(strstr(r.out, "cli    meddelande ändrat"), "%s", r.out);
	test_run_free(&r);
}

/* --priority 4294967298 was stored as 2. */
Test(local, a_priority_out_of_range_is_refused_not_wrapped)
{
	static const char *const bad[] = {"4294967298", "-1", "4", "2x", ""};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		struct run r = CLI("announce", "add", "--title", "Kahvila", "--priority", bad[i]);
		cr_assert_eq(r.status, 1, "--priority %s: %s", bad[i], r.out);
		cr_assert(strstr(r.err, "--priority must be 0, 1, 2 or 3"), "%s", r.err);
		test_run_free(&r);
	}
	struct run r = CLI("announce", "list", "--json");
	cr_assert(strstr(r.out, "\"announcements\": []"), "%s", r.out);
	test_run_free(&r);
}

/* Wrong PINs while the clock was a year ahead (a board without a clock
 * chip, set from a bad source), then the clock put right: the right PIN
 * was refused with 364 days to wait. */
Test(local, a_clock_that_was_ahead_never_locks_the_pin_out)
{
	struct store *s = open_store();
	char *err = NULL;
	cr_assert(pin_set(s, "482915", "cli", TEST_NOW, &err), "%s", err);
	int64_t ahead = TEST_NOW + 365 * 86400, until = 0;
	for (int i = 0; i < 9; i++)
		pin_check(s, "0000", ahead, &until);
	cr_assert_gt(until, ahead);
	/* Back to the right time: a wait, but never past the longest. */
	cr_assert_eq(pin_check(s, "482915", TEST_NOW, &until), PIN_WAIT);
	cr_assert_leq(until - TEST_NOW, PIN_MAX_WAIT, "%lld s to wait",
		      (long long)(until - TEST_NOW));
	store_close(s);
	s = open_store(); /* as after a power cut */
	cr_assert_eq(pin_check(s, "482915", TEST_NOW + PIN_MAX_WAIT, NULL), PIN_OK);
	store_close(s);
}

/* A local.db in which SQLite finds no fault but which is no longer the
 * liaison person's data (cut to one byte, another program's database, an
 * older copy put back) is restored from the backup, PIN and announcements
 * with it; it is never taken for a new, empty one (whose next change would
 * have overwritten latest.db with nothing). */
Test(local, a_local_db_that_is_not_the_programs_is_restored_not_taken_as_new)
{
	struct store *s = open_store();
	char *err = NULL;
	cr_assert(pin_set(s, "482915", "cli", TEST_NOW, &err), "%s", err);
	store_close(s);
	for (int i = 1; i <= 3; i++) {
		char title[32];
		snprintf(title, sizeof(title), "Tiedote %d", i);
		struct run r = CLI("announce", "add", "--title", title);
		cr_assert_eq(r.status, 0, "%s", r.err);
		test_run_free(&r);
	}
	char *path = test_path(dir, "local.db");
	static const char *const ways[] = {"cut to one byte", "another program's database",
					   "an older version put back"};
	for (int how = 0; how < 3; how++) {
		sqlite3 *db;
		if (how == 0) {
			test_write_file(path, "x");
		} else if (how == 1) {
			cr_assert_eq(remove(path), 0);
			cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
			cr_assert_eq(sqlite3_exec(db, "CREATE TABLE muu(x)", NULL, NULL, NULL), SQLITE_OK);
			sqlite3_close(db);
		} else {
			cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
			cr_assert_eq(sqlite3_exec(db, "PRAGMA user_version = 1", NULL, NULL, NULL),
				     SQLITE_OK);
			sqlite3_close(db);
		}
		struct run r = CLI("announce", "list", "--json");
		cr_assert_eq(r.status, 0, "%s: %s", ways[how], r.err);
		for (int i = 1; i <= 3; i++) {
			char title[32];
			snprintf(title, sizeof(title), "Tiedote %d", i);
			cr_assert_not_null(strstr(r.out, title), "%s: %s lost: %s", ways[how], title,
					   r.out);
		}
		cr_assert_not_null(strstr(r.err, "restored from the backup"), "%s: %s", ways[how],
				   r.err);
		test_run_free(&r);
		s = open_store();
		cr_assert_eq(pin_check(s, "482915", TEST_NOW, NULL), PIN_OK, "%s: the PIN was lost",
			     ways[how]);
		store_close(s);
	}
	free(path);
}
