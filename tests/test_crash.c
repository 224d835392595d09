/* SPDX-License-Identifier: EUPL-1.2 */
/* Crash safety: `aulataulu sync` killed with SIGKILL at random moments of
 * an import. Afterwards PRAGMA integrity_check is ok, the cache holds
 * either the old or the new feed whole (never a mix), and the local
 * announcements are intact. 20 trials here (3 under the sanitizers); `make soak` runs 200
 * (AULATAULU_CRASH_TRIALS). A power cut after a commit of cache.db
 * (synchronous=NORMAL): its WAL cut at every frame. Prints the outcome. */
#include "config.h"

#include "helpers.h"
#include "store/search_tokenizer.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define ACTIVITIES 3000

static char *dir, *feed, *conf, *text_a, *text_b;

/* tests/genfeed.py's feed of n activities with ids from prefix; extra:
 * more of its arguments ("--ical") or "". */
static char *generate_n(int n, const char *prefix, const char *extra)
{
	char cmd[4096];
	snprintf(cmd, sizeof(cmd), "%s %s/tests/genfeed.py %d 1 %s %s",
		 getenv("PYTHON3") ? getenv("PYTHON3") : "python3",
		 getenv("top_srcdir") ? getenv("top_srcdir") : TOP_SRCDIR, n, prefix, extra);
	FILE *p = popen(cmd, "r");
	cr_assert_not_null(p);
	size_t cap = 8 << 20, len = 0, got;
	char *out = malloc(cap);
	while ((got = fread(out + len, 1, cap - len - 1, p)) > 0)
		len += got;
	out[len] = '\0';
	cr_assert_eq(pclose(p), 0, "tests/genfeed.py failed");
	return out;
}

static char *generate(const char *prefix)
{
	return generate_n(ACTIVITIES, prefix, "");
}

static void publish(const char *text, int sequence)
{
	char seq[64];
	snprintf(seq, sizeof(seq), "\"sequence\": %d", sequence);
	char *t = test_replace(strdup(text), "\"sequence\": 1", seq);
	test_write_file(feed, t);
	free(t);
}

static pid_t start_sync(void)
{
	pid_t pid = fork();
	cr_assert(pid >= 0);
	if (pid == 0) {
		freopen("/dev/null", "w", stdout);
		freopen("/dev/null", "w", stderr);
		execl(getenv("AULATAULU_BIN"), "aulataulu", "--config", conf, "--data-dir", dir,
		      "--now", TEST_NOW_TEXT, "sync", (char *)NULL);
		_exit(127);
	}
	return pid;
}

static void setup(void)
{
	dir = test_tmpdir();
	feed = test_path(dir, "feed.json");
	conf = test_path(dir, "aulataulu.conf");
	char *c;
	cr_assert(asprintf(&c, "[source s]\nurl = file://%s\nallow_file = yes\n", feed) > 0);
	test_write_file(conf, c);
	free(c);
	text_a = generate("a-");
	text_b = generate("b-");
}

static void teardown(void)
{
	test_rmdir(dir);
	free(dir);
	free(feed);
	free(conf);
	free(text_a);
	free(text_b);
}

TestSuite(crash, .init = setup, .fini = teardown, .timeout = 600);

static int64_t query(sqlite3 *db, const char *sql)
{
	search_tokenizer_register(db); /* the search table's, to read it */
	sqlite3_stmt *st;
	cr_assert_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK, "%s",
		     sqlite3_errmsg(db));
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
	int64_t v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* The trials a kill test runs: 20, or AULATAULU_CRASH_TRIALS (200 in make
 * soak, 3 in the sanitizer build's make check). */
static int trials_wanted(void)
{
	return test_rounds("AULATAULU_CRASH_TRIALS", 20);
}

/* Starts a sync and kills it with SIGKILL after us microseconds. */
static void sync_killed_after(long us)
{
	pid_t pid = start_sync();
	usleep((useconds_t)us);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

/* cache.db opened, its PRAGMA integrity_check ok (caller closes). */
static sqlite3 *open_whole_cache(void)
{
	char *path = test_path(dir, "cache.db");
	sqlite3 *db;
	cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
	free(path);
	cr_assert_eq(query(db, "SELECT count(*) FROM pragma_integrity_check"
			       " WHERE integrity_check != 'ok'"),
		     0, "the cache is damaged");
	return db;
}

/* The feed whose sequence the cache holds, checked whole: returns it. */
static int64_t check_cache(void)
{
	sqlite3 *db = open_whole_cache();
	int64_t seq = query(db, "SELECT sequence FROM sources");
	int64_t total = query(db, "SELECT count(*) FROM activities");
	int64_t from_a = query(db, "SELECT count(*) FROM activities WHERE id LIKE 'a-%'");
	int64_t search = query(db, "SELECT count(*) FROM activity_search");
	cr_assert_eq(total, ACTIVITIES, "a partial import: %lld activities", (long long)total);
	cr_assert_eq(search, ACTIVITIES, "the search index disagrees");
	/* Odd sequences carry feed A, even ones feed B: never a mix. */
	cr_assert_eq(from_a, seq % 2 ? ACTIVITIES : 0, "sequence %lld with %lld of feed A",
		     (long long)seq, (long long)from_a);
	sqlite3_close(db);
	char *path = test_path(dir, "local.db");
	cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
	cr_assert_eq(query(db, "SELECT count(*) FROM announcements"), 1,
		     "a local announcement was lost");
	sqlite3_close(db);
	free(path);
	return seq;
}

Test(crash, kill_9_during_imports_leaves_old_or_new_whole)
{
	int trials = trials_wanted();
	publish(text_a, 1);
	int status;
	pid_t pid = start_sync();
	waitpid(pid, &status, 0);
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the first sync failed");
	const char *argv[] = {"--data-dir",    dir, "announce", "add", "--title",
			      "Ei saa kadota", NULL};
	struct run r;
	test_run(&r, argv);
	cr_assert_eq(r.status, 0, "%s", r.err);
	test_run_free(&r);
	/* How long a whole import takes here: the kills land inside it. */
	struct timespec t0, t1;
	publish(text_b, 2);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	waitpid(start_sync(), &status, 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	long span_us = (t1.tv_sec - t0.tv_sec) * 1000000L + (t1.tv_nsec - t0.tv_nsec) / 1000;
	int64_t seq = check_cache();
	unsigned seed = 42;
	int kept_old = 0, got_new = 0;
	for (int t = 0; t < trials; t++) {
		int next = (int)seq + 1;
		publish(next % 2 ? text_a : text_b, next);
		sync_killed_after(rand_r(&seed) % (span_us + 1));
		int64_t now_seq = check_cache();
		if (now_seq == next)
			got_new++;
		else
			kept_old++;
		cr_assert(now_seq == seq || now_seq == next);
		seq = now_seq;
	}
	printf("crash: %d kill -9 trials during imports of %d activities (%.2f s each): "
	       "%d kept the old feed, %d had the new one, 0 mixed, 0 integrity errors, "
	       "0 local announcements lost\n",
	       trials, ACTIVITIES, (double)span_us / 1e6, kept_old, got_new);
}

/* Runs `strace -f -e inject=INJECT aulataulu sync`; returns its stderr. */
static char *sync_with_fault(const char *inject, int *exit_status)
{
	char *err_path = test_path(dir, "sync.err"), cmd[8192];
	snprintf(cmd, sizeof(cmd),
		 /* LeakSanitizer cannot run under ptrace: in the sanitizer build
		  * it would fail every exit. */
		 "ASAN_OPTIONS=\"${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0\" "
		 "strace -f -o /dev/null -e trace=%s -e inject=%s %s --lang en --config %s "
		 "--data-dir %s --now %s sync >/dev/null 2>%s",
		 strncmp(inject, "pwrite", 6) == 0 ? "pwrite64,write" : "fsync,fdatasync", inject,
		 getenv("AULATAULU_BIN"), conf, dir, TEST_NOW_TEXT, err_path);
	int rc = system(cmd);
	cr_assert(WIFEXITED(rc), "strace did not run (install the Debian package strace)");
	*exit_status = WEXITSTATUS(rc);
	char *text = test_read_file(err_path, NULL);
	free(err_path);
	return text;
}

Test(crash, io_errors_during_a_sync_leave_old_or_new_whole)
{
	publish(text_a, 1);
	int status;
	waitpid(start_sync(), &status, 0);
	const char *argv[] = {"--data-dir",    dir, "announce", "add", "--title",
			      "Ei saa kadota", NULL};
	struct run r;
	test_run(&r, argv);
	test_run_free(&r);
	cr_assert_eq(check_cache(), 1);
	/* Each fault either fails the sync before its commit (a clean error,
	 * the old data) or comes after it (the new data, whole). */
	static const struct {
		const char *inject, *says;
		bool committed;
	} faults[] = {
	    /* The first fdatasync is the WAL's, before the commit. */
	    {"fdatasync:error=EIO", "disk I/O error", false},
	    /* With synchronous=NORMAL the commit itself syncs nothing: the
	     * later ones are the closing checkpoint's, which fails and leaves
	     * the committed update in cache.db-wal, where readers find it and
	     * the next checkpoint takes it (docs/admin.md). */
	    {"fdatasync:error=EIO:when=2+", NULL, true},
	    {"pwrite64:error=ENOSPC:when=3+", "No space left on device", false},
	};
	int64_t seq = 1;
	for (size_t i = 0; i < sizeof(faults) / sizeof(*faults); i++) {
		publish(seq % 2 ? text_b : text_a, (int)seq + 1);
		char *err = sync_with_fault(faults[i].inject, &status);
		if (faults[i].committed) {
			cr_assert_eq(status, 0, "%s: exit %d\n%s", faults[i].inject, status, err);
			seq++;
		} else {
			cr_assert_eq(status, 1, "%s: exit %d\n%s", faults[i].inject, status, err);
			cr_assert(strstr(err, faults[i].says), "%s: %s", faults[i].inject, err);
			cr_assert(strstr(err, "unchanged"), "%s", err);
		}
		free(err);
		cr_assert_eq(check_cache(), seq, "%s: neither the old data nor the new",
			     faults[i].inject);
	}
	/* And once the disk is well again, the sync goes through. */
	waitpid(start_sync(), &status, 0);
	cr_assert_eq(check_cache(), seq + 1);
	printf("io faults: %zu injected (EIO on fdatasync, ENOSPC on pwrite): each a clean "
	       "error with the old data, or after the commit the new data, whole\n",
	       sizeof(faults) / sizeof(*faults));
}

/* The activities of source, and how many have ids from prefix. */
static void count_source(sqlite3 *db, const char *source, const char *prefix, int64_t *total,
			 int64_t *from_prefix)
{
	char sql[256];
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM activities WHERE source = '%s'", source);
	*total = query(db, sql);
	snprintf(sql, sizeof(sql),
		 "SELECT count(*) FROM activities WHERE source = '%s' AND id LIKE '%s%%'", source,
		 prefix);
	*from_prefix = query(db, sql);
}

#define CALENDAR_EVENTS 1500
#define SHEET_ROWS 400

/* A spreadsheet of SHEET_ROWS groups with ids from prefix. */
static char *sheet(const char *prefix)
{
	size_t cap = 64 + SHEET_ROWS * 64, len = 0;
	char *out = malloc(cap);
	len += (size_t)snprintf(out, cap, "tunnus;nimi;järjestäjä;viikonpäivä;alkaa\n");
	for (int i = 0; i < SHEET_ROWS; i++)
		len += (size_t)snprintf(out + len, cap - len, "%s%d;Ryhmä %d;Seura %d;ti;18\n",
					prefix, i, i, i % 20);
	return out;
}

/* Three sources synced by one command (a feed of format 1, a calendar, a
 * spreadsheet), killed at random moments: every source holds its old or
 * its new version whole, whatever the others hold. */
Test(crash, kill_9_during_a_multi_source_sync_leaves_each_source_old_or_new)
{
	char *cal = test_path(dir, "kalenteri.ics"), *csv = test_path(dir, "ryhmat.csv"), *c;
	cr_assert(asprintf(&c,
			   "[source s]\nurl = file://%s\nallow_file = yes\n"
			   "[source cal]\nurl = file://%s\nformat = ical\nallow_file = yes\n"
			   "[source lista]\nurl = file://%s\nformat = csv\nallow_file = yes\n",
			   feed, cal, csv) > 0);
	test_write_file(conf, c);
	free(c);
	char *cals[2] = {generate_n(CALENDAR_EVENTS, "a-", "--ical"),
			 generate_n(CALENDAR_EVENTS, "b-", "--ical")};
	char *sheets[2] = {sheet("a-"), sheet("b-")};
	const char *prefixes[2] = {"a-", "b-"};
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int status, sequence = 1;
	publish(text_a, sequence);
	test_write_file(cal, cals[0]);
	test_write_file(csv, sheets[0]);
	waitpid(start_sync(), &status, 0);
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the first sync failed");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	long span_us = (t1.tv_sec - t0.tv_sec) * 1000000L + (t1.tv_nsec - t0.tv_nsec) / 1000;
	int trials = trials_wanted(), mixed_moments = 0;
	unsigned seed = 7;
	for (int t = 1; t <= trials; t++) {
		int v = t % 2; /* this trial publishes variant B when odd */
		publish(v ? text_b : text_a, ++sequence);
		test_write_file(cal, cals[v]);
		test_write_file(csv, sheets[v]);
		sync_killed_after(rand_r(&seed) % (span_us + 1));
		sqlite3 *db = open_whole_cache();
		static const struct {
			const char *name;
			int64_t whole;
		} sources[] = {{"s", ACTIVITIES}, {"cal", CALENDAR_EVENTS}, {"lista", SHEET_ROWS}};
		int news = 0;
		for (size_t k = 0; k < 3; k++) {
			int64_t total, from_new;
			count_source(db, sources[k].name, prefixes[v], &total, &from_new);
			cr_assert_eq(total, sources[k].whole,
				     "trial %d: source %s has %lld activities", t, sources[k].name,
				     (long long)total);
			cr_assert(from_new == 0 || from_new == total,
				  "trial %d: source %s is a mix: %lld of %lld new", t,
				  sources[k].name, (long long)from_new, (long long)total);
			news += from_new == total;
		}
		mixed_moments += news > 0 && news < 3;
		sqlite3_close(db);
	}
	printf("crash: %d kill -9 trials during a sync of three sources (%.2f s each): %d left "
	       "some sources new and others old, each whole; 0 mixed sources\n",
	       trials, (double)span_us / 1e6, mixed_moments);
	for (int i = 0; i < 2; i++) {
		free(cals[i]);
		free(sheets[i]);
	}
	free(cal);
	free(csv);
}

/* Sets the minutes of a local time "YYYY-MM-DDTHH:MM..." to those of round. */
static void set_minutes(json_t *holder, const char *key, int round)
{
	const char *t = json_string_value(json_object_get(holder, key));
	if (!t)
		return;
	char *moved = strdup(t);
	cr_assert(moved && strlen(moved) >= 16 && moved[13] == ':');
	moved[14] = (char)('0' + round % 60 / 10);
	moved[15] = (char)('0' + round % 10);
	json_object_set_new(holder, key, json_string(moved));
	free(moved);
}

/* Feed A as sequence round, a publisher's ordinary day, a few activities
 * changed: every tenth activity's Finnish name marked with round, and the
 * dates of every tenth from the fifth on at round's minutes past the hour. */
static char *with_round(int round)
{
	json_t *doc = json_loads(text_a, 0, NULL);
	cr_assert_not_null(doc);
	json_object_set_new(json_object_get(doc, "feed"), "sequence", json_integer(round));
	json_t *activities = json_object_get(doc, "activities"), *a;
	size_t i;
	json_array_foreach(activities, i, a)
	{
		if (i % 10 == 5) {
			set_minutes(json_object_get(a, "schedule"), "dtstart", round);
			json_t *dates = json_object_get(a, "occurrences"), *date;
			size_t j;
			json_array_foreach(dates, j, date)
			{
				set_minutes(date, "start", round);
				set_minutes(date, "end", round);
			}
		}
		if (i % 10)
			continue;
		json_t *name = json_object_get(a, "name");
		char *fi;
		cr_assert(asprintf(&fi, "%s (kierros %d)",
				   json_string_value(json_object_get(name, "fi")), round) > 0);
		json_object_set_new(name, "fi", json_string(fi));
		free(fi);
	}
	char *text = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	return text;
}

/* The cache holds one round's changes whole, in the activities, the
 * listing, the search and the dates: returns that round (the sequence). */
static int64_t check_round(void)
{
	sqlite3 *db = open_whole_cache();
	/* The search index agrees with the rows it indexes. */
	cr_assert_eq(sqlite3_exec(db,
				  "INSERT INTO activity_search(activity_search)"
				  " VALUES('integrity-check')",
				  NULL, NULL, NULL),
		     SQLITE_OK, "the search index is damaged: %s", sqlite3_errmsg(db));
	int64_t round = query(db, "SELECT sequence FROM sources");
	char sql[512];
	static const char *const marked[] = {
	    "SELECT count(*) FROM activities WHERE json_extract(name, '$.fi') LIKE",
	    "SELECT count(*) FROM listing WHERE lang = 'fi' AND name LIKE",
	    "SELECT count(*) FROM activity_search WHERE name LIKE"};
	for (size_t k = 0; k < sizeof(marked) / sizeof(*marked); k++) {
		snprintf(sql, sizeof(sql), "%s '%%(kierros %lld)%%'", marked[k], (long long)round);
		cr_assert_eq(query(db, sql), ACTIVITIES / 10, "round %lld: %s", (long long)round,
			     sql);
		snprintf(sql, sizeof(sql), "%s '%%(kierros %%'", marked[k]);
		cr_assert_eq(query(db, sql), ACTIVITIES / 10, "round %lld: a mix of rounds: %s",
			     (long long)round, sql);
	}
	cr_assert_eq(query(db, "SELECT count(*) FROM activity_search"
			       " WHERE activity_search MATCH 'kierros'"),
		     ACTIVITIES / 10);
	/* And the dates of one round: those of every tenth from the fifth on
	 * (ids a-5, a-15, ...) all at its minutes. */
	static const char dated[] = "SELECT count(*) FROM occurrences o JOIN activities a"
				    " ON a.rowid = o.activity WHERE a.id LIKE 'a-%5'";
	snprintf(sql, sizeof(sql), "%s AND strftime('%%M', o.start, 'unixepoch') = '%02d'", dated,
		 (int)(round % 60));
	int64_t at_minutes = query(db, sql);
	cr_assert_gt(at_minutes, 0, "round %lld: no dates of the round", (long long)round);
	cr_assert_eq(query(db, dated), at_minutes, "round %lld: a mix of rounds' dates",
		     (long long)round);
	cr_assert_eq(query(db, "SELECT count(*) FROM activities"), ACTIVITIES);
	cr_assert_eq(query(db, "SELECT count(*) FROM listing"), 3 * ACTIVITIES);
	sqlite3_close(db);
	return round;
}

/* Kills during imports that change the texts of a tenth of the
 * activities and the dates of another tenth (each writes only those, and
 * of them only what changed): the cache holds the old round or the new
 * one, never some activities of each. */
Test(crash, kill_9_during_incremental_imports_leaves_old_or_new_whole)
{
	int trials = trials_wanted();
	char *text = with_round(1);
	test_write_file(feed, text);
	free(text);
	int status;
	waitpid(start_sync(), &status, 0);
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the first sync failed");
	text = with_round(2);
	test_write_file(feed, text);
	free(text);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	waitpid(start_sync(), &status, 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	long span_us = (t1.tv_sec - t0.tv_sec) * 1000000L + (t1.tv_nsec - t0.tv_nsec) / 1000;
	int64_t round = check_round();
	cr_assert_eq(round, 2);
	unsigned seed = 1130;
	int kept_old = 0, got_new = 0;
	for (int t = 0; t < trials; t++) {
		text = with_round((int)round + 1);
		test_write_file(feed, text);
		free(text);
		/* The import writes in the last part of a sync's time: kills
		 * from a third of it to a little past its end. */
		sync_killed_after(span_us / 3 +
				  rand_r(&seed) % (span_us - span_us / 3 + span_us / 5));
		int64_t now_round = check_round();
		cr_assert(now_round == round || now_round == round + 1);
		if (now_round == round)
			kept_old++;
		else
			got_new++;
		round = now_round;
	}
	printf("crash: %d kill -9 trials during imports changing the texts of %d and the dates "
	       "of %d of %d activities (%.2f s each): %d kept the old round, %d had the new "
	       "one, 0 mixed, 0 integrity errors\n",
	       trials, ACTIVITIES / 10, ACTIVITIES / 10, ACTIVITIES, (double)span_us / 1e6,
	       kept_old, got_new);
}

#define CUT_ACTIVITIES 300

/* The whole file at path as bytes (caller frees), copied by cp first:
 * were this process to open and close cache.db itself, POSIX would drop
 * every lock it holds on the file, the reader's among them. */
static unsigned char *copy_bytes(const char *path, size_t *len)
{
	char *copy = test_path(dir, "copy.bin"), cmd[8400];
	snprintf(cmd, sizeof(cmd), "cp '%s' '%s'", path, copy);
	cr_assert_eq(system(cmd), 0, "%s is missing", path);
	char *text = test_read_file(copy, len);
	unlink(copy);
	free(copy);
	cr_assert_not_null(text);
	return (unsigned char *)text;
}

static void write_bytes(const char *path, const unsigned char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	cr_assert_not_null(f, "%s", path);
	cr_assert(fwrite(data, 1, len, f) == len && fclose(f) == 0, "%s", path);
}

/* cache.db is synchronous=NORMAL (a cache of signed feeds): a commit is
 * in the WAL, synced only at the next checkpoint, so a power cut may lose
 * the WAL's last frames, in any order the disk wrote them. SQLite's
 * frames carry checksums chained over the log, so what is left is a
 * prefix of it: every prefix, at each frame and torn inside one, must
 * open as the old feed or the new one whole, the sync's state (its
 * sequence) with it. */
Test(crash, a_power_cut_after_a_normal_commit_leaves_old_or_new)
{
	char *small_a = generate_n(CUT_ACTIVITIES, "a-", ""),
	     *small_b = generate_n(CUT_ACTIVITIES, "b-", "");
	publish(small_a, 1);
	int status;
	waitpid(start_sync(), &status, 0);
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the first sync failed");
	/* The old feed checkpointed into cache.db; a reader held open, as the
	 * kiosk holds one, so that the sync's end does not checkpoint. */
	char *db_path = test_path(dir, "cache.db"), *wal_path = test_path(dir, "cache.db-wal");
	sqlite3 *reader;
	cr_assert_eq(sqlite3_open(db_path, &reader), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(reader,
				  "SELECT count(*) FROM sqlite_schema;"
				  " PRAGMA wal_checkpoint(TRUNCATE)",
				  NULL, NULL, NULL),
		     SQLITE_OK, "%s", sqlite3_errmsg(reader));
	size_t db_len, db_after_len, wal_len;
	unsigned char *db_before = copy_bytes(db_path, &db_len);
	publish(small_b, 2);
	waitpid(start_sync(), &status, 0);
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the second sync failed");
	unsigned char *db_after = copy_bytes(db_path, &db_after_len);
	unsigned char *wal = copy_bytes(wal_path, &wal_len);
	sqlite3_close(reader);
	/* What the test stands on: the new feed only in the WAL. */
	cr_assert(db_len == db_after_len && !memcmp(db_before, db_after, db_len),
		  "a checkpoint ran during the sync: the cut would not be after the commit");
	cr_assert_gt(wal_len, 32u, "the sync wrote no WAL");
	unsigned page =
	    (unsigned)wal[8] << 24 | (unsigned)wal[9] << 16 | (unsigned)wal[10] << 8 | wal[11];
	size_t frame = 24 + page, frames = (wal_len - 32) / frame;
	char *cut_dir = test_tmpdir(), *cut_db = test_path(cut_dir, "cache.db"),
	     *cut_wal = test_path(cut_dir, "cache.db-wal"),
	     *cut_shm = test_path(cut_dir, "cache.db-shm");
	int old_whole = 0, new_whole = 0;
	for (size_t k = 0; k <= frames; k++) {
		for (int torn = 0; torn < 2 && (k < frames || !torn); torn++) {
			size_t cut = 32 + k * frame + (torn ? 24 + page / 2 : 0);
			write_bytes(cut_db, db_before, db_len);
			write_bytes(cut_wal, wal, cut);
			sqlite3 *db;
			cr_assert_eq(sqlite3_open(cut_db, &db), SQLITE_OK);
			cr_assert_eq(query(db, "SELECT count(*) FROM pragma_integrity_check"
					       " WHERE integrity_check != 'ok'"),
				     0, "cut at %zu bytes: the cache is damaged", cut);
			int64_t seq = query(db, "SELECT sequence FROM sources");
			int64_t total = query(db, "SELECT count(*) FROM activities");
			int64_t from_a =
			    query(db, "SELECT count(*) FROM activities WHERE id LIKE 'a-%'");
			int64_t search = query(db, "SELECT count(*) FROM activity_search");
			sqlite3_close(db);
			cr_assert(seq == 1 || seq == 2, "cut at %zu bytes: sequence %lld", cut,
				  (long long)seq);
			cr_assert(
			    total == CUT_ACTIVITIES && search == CUT_ACTIVITIES &&
				from_a == (seq == 1 ? CUT_ACTIVITIES : 0),
			    "cut at %zu bytes: sequence %lld with %lld activities, %lld of the "
			    "old feed, %lld searchable",
			    cut, (long long)seq, (long long)total, (long long)from_a,
			    (long long)search);
			*(seq == 1 ? &old_whole : &new_whole) += 1;
			unlink(cut_wal); /* and the index SQLite built of it */
			unlink(cut_shm);
			unlink(cut_db);
		}
	}
	cr_assert_gt(old_whole, 0);
	cr_assert_gt(new_whole, 0, "the whole WAL did not give the new feed");
	printf("power cut: the WAL of a sync (%zu frames) cut at %d places: %d left the old feed "
	       "whole, %d the new one, 0 mixed, 0 integrity errors\n",
	       frames, old_whole + new_whole, old_whole, new_whole);
	test_rmdir(cut_dir);
	free(cut_dir);
	free(cut_db);
	free(cut_wal);
	free(cut_shm);
	free(db_before);
	free(db_after);
	free(wal);
	free(db_path);
	free(wal_path);
	free(small_a);
	free(small_b);
}
