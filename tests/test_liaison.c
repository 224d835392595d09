/* SPDX-License-Identifier: EUPL-1.2 */
/* The liaison person's data is never lost: concurrent commands, a full
 * disk, an empty or deleted local.db, backups cut short, and who may read
 * the files (src/local/local_guard.c, src/local/backup.c, src/util/data_dir.c). Each runs
 * the real program. */
#include "config.h"

#include "helpers.h"
#include "local/local_guard.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <jansson.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
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

TestSuite(liaison, .init = setup, .fini = teardown, .timeout = 120);

static struct run run_cli(const char *const *args)
{
	struct run r;
	test_run_in(&r, dir, NULL, args);
	return r;
}

#define CLI(...) run_cli((const char *const[]){__VA_ARGS__, NULL})

/* Runs a command that must succeed. */
#define CLI_OK(...)                                                                                \
	do {                                                                                       \
		struct run r_ = CLI(__VA_ARGS__);                                                  \
		cr_assert_eq(r_.status, 0, "%s", r_.err);                                          \
		test_run_free(&r_);                                                                \
	} while (0)

/* The titles of the local announcements, as `announce list --json` says. */
static size_t count_announcements(void)
{
	struct run r = CLI("announce", "list", "--json");
	cr_assert_eq(r.status, 0, "%s", r.err);
	json_t *doc = json_loads(r.out, 0, NULL);
	cr_assert_not_null(doc, "%s", r.out);
	size_t n = json_array_size(json_object_get(doc, "announcements"));
	json_decref(doc);
	test_run_free(&r);
	return n;
}

/* Files in dir whose names begin with prefix. */
static int count_files(const char *in, const char *prefix)
{
	DIR *d = opendir(in);
	int n = 0;
	struct dirent *e;
	while (d && (e = readdir(d)))
		n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
	if (d)
		closedir(d);
	return n;
}

/* A child that runs `status --json` over and over until killed. */
static pid_t start_status_loop(void)
{
	pid_t pid = fork();
	cr_assert_neq(pid, -1);
	if (pid == 0) {
		for (;;) {
			struct run r = CLI("status", "--json");
			test_run_free(&r);
		}
	}
	return pid;
}

static void stop_child(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

Test(liaison, announcements_added_beside_a_status_loop_are_all_kept, .timeout = 300)
{
	CLI_OK("announce", "add", "--title", "Ensimmäinen");
	pid_t loop = start_status_loop();
	int added = 1, adds = test_rounds("AULATAULU_CONCURRENT_ADDS", 150);
	for (int i = 2; i <= adds; i++) {
		char title[32];
		snprintf(title, sizeof(title), "Tiedote %d", i);
		struct run r = CLI("announce", "add", "--title", title);
		cr_assert_eq(r.status, 0, "add %d: %s", i, r.err);
		cr_assert(strstr(r.out, "Added as"), "add %d: %s", i, r.out);
		added++;
		test_run_free(&r);
	}
	stop_child(loop);
	cr_assert_eq(count_announcements(), (size_t)added, "acknowledged writes were lost");
	cr_assert_eq(count_files(dir, "local.db.corrupt"), 0, "local.db was moved aside");
}

Test(liaison, a_sync_holding_the_cache_does_not_hold_up_the_liaison_person)
{
	CLI_OK("announce", "add", "--title", "Kahvila");
	/* A long sync: cache.db's write lock held for the whole command. */
	char *cache = test_path(dir, "cache.db");
	sqlite3 *db;
	cr_assert_eq(sqlite3_open(cache, &db), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	struct run r = CLI("announce", "edit", "1", "--title", "Kahvila auki");
	cr_assert_eq(r.status, 0, "%s", r.err);
	test_run_free(&r);
	r = CLI("announce", "add", "--title", "Toinen");
	cr_assert_eq(r.status, 0, "%s", r.err);
	cr_assert_lt(r.seconds, 5.0, "waited for the sync: %.1f s", r.seconds);
	test_run_free(&r);
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(db);
	free(cache);
	cr_assert_eq(count_announcements(), 2);
}

Test(liaison, a_busy_local_db_is_reported_busy_and_never_taken_for_damage)
{
	CLI_OK("announce", "add", "--title", "Kahvila");
	/* Another writer holds local.db (here, for longer than the 10 s that
	 * a command waits). */
	char *path = test_path(dir, "local.db");
	sqlite3 *db;
	cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	struct run r = CLI("announce", "edit", "1", "--title", "Kahvila auki");
	cr_assert_eq(r.status, 1);
	cr_assert(strstr(r.err, "busy"), "%s", r.err);
	cr_assert_null(strstr(r.err, "no local announcement"), "%s", r.err);
	test_run_free(&r);
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(db);
	free(path);
	cr_assert_eq(count_files(dir, "local.db.corrupt"), 0, "local.db was moved aside");
	cr_assert_eq(count_announcements(), 1);
}

/* Busy the way WAL mode really is busy: a connection in exclusive locking
 * mode shuts every reader out (BEGIN IMMEDIATE does not: readers still
 * read, and the health check never sees "busy"). Reported busy, never
 * taken for damage, nothing restored or moved. */
Test(liaison, a_local_db_held_exclusively_is_busy_never_damaged, .timeout = 60)
{
	CLI_OK("announce", "add", "--title", "Kahvila");
	char *path = test_path(dir, "local.db");
	sqlite3 *db;
	cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(db,
				  "PRAGMA locking_mode = EXCLUSIVE; BEGIN IMMEDIATE;"
				  " CREATE TABLE IF NOT EXISTS held (x); COMMIT;",
				  NULL, NULL, NULL),
		     SQLITE_OK, "%s", sqlite3_errmsg(db));
	struct run r = CLI("announce", "list");
	cr_assert_eq(r.status, 1, "read through an exclusive lock: %s", r.out);
	cr_assert(strstr(r.err, "busy"), "%s", r.err);
	cr_assert_null(strstr(r.err, "restored"), "%s", r.err);
	test_run_free(&r);
	sqlite3_exec(db, "DROP TABLE held", NULL, NULL, NULL);
	sqlite3_close(db);
	free(path);
	cr_assert_eq(count_files(dir, "local.db.corrupt"), 0, "local.db was moved aside");
	cr_assert_eq(count_announcements(), 1);
}

/* A restore replaces local.db: never while another process has it open
 * (a shared lock on local.lock, as every one that opens it holds). Then
 * it says who is in the way and leaves everything; once that one is gone
 * the restore goes through. */
Test(liaison, no_restore_while_another_process_has_local_db_open)
{
	CLI_OK("announce", "add", "--title", "Kahvila");
	CLI_OK("announce", "add", "--title", "Kerho");
	char *path = test_path(dir, "local.db"), *lock = test_path(dir, "local.lock");
	test_write_file(path, "x");
	char *wal = test_path(dir, "local.db-wal"), *shm = test_path(dir, "local.db-shm");
	remove(wal);
	remove(shm);
	int fd = open(lock, O_RDWR | O_CREAT, 0600);
	cr_assert_geq(fd, 0);
	cr_assert_eq(flock(fd, LOCK_SH), 0);
	struct run r = CLI("announce", "list");
	cr_assert_eq(r.status, 1, "%s", r.out);
	cr_assert(strstr(r.err, "another aulataulu process"), "%s", r.err);
	test_run_free(&r);
	struct stat st;
	cr_assert_eq(stat(path, &st), 0);
	cr_assert_eq(st.st_size, 1, "local.db replaced under another's lock");
	close(fd);
	r = CLI("announce", "list");
	cr_assert_eq(r.status, 0, "%s", r.err);
	cr_assert(strstr(r.out, "Kerho"), "%s", r.out);
	test_run_free(&r);
	cr_assert_eq(count_announcements(), 2);
	free(wal);
	free(shm);
	free(lock);
	free(path);
}

/* A full disk, for real: a 4 MB tmpfs in a mount namespace of our own
 * (root only; .ci/run runs as root and fails on a skipped test). */
Test(liaison, a_full_disk_keeps_local_db_and_the_pin_intact)
{
	if (geteuid() != 0 || system("unshare --mount true 2>/dev/null") != 0)
		cr_skip_test("needs root and unshare(1) for a tmpfs of its own");
	char *script = test_path(dir, "full.sh"), *mnt = test_path(dir, "mnt");
	cr_assert_eq(mkdir(mnt, 0700), 0);
	test_write_file(
	    script,
	    "set -u\n"
	    "D=$1 B=$2 OUT=$3\n"
	    "mount -t tmpfs -o size=4m tmpfs \"$D\" || exit 77\n"
	    "run() { \"$B\" --lang en --data-dir \"$D\" --now 2026-11-24T09:00:00+02:00 \"$@\"; }\n"
	    "run announce add --title 'Ennen täyttä levyä' >/dev/null || exit 3\n"
	    "echo 246824 | run pin set >/dev/null || exit 4\n"
	    "dd if=/dev/zero of=\"$D/fill\" bs=64k 2>/dev/null\n"
	    "for c in list board 'status --json' 'announce list'; do\n"
	    "  run $c >/dev/null 2>>\"$OUT/full.err\"; echo \"$c $?\" >>\"$OUT/full.rc\"\n"
	    "done\n"
	    "run announce add --title 'Täydellä levyllä' >/dev/null 2>>\"$OUT/full.err\"\n"
	    "echo \"add $?\" >>\"$OUT/full.rc\"\n"
	    "ls \"$D\" >\"$OUT/full.ls\"\n"
	    "rm \"$D/fill\"\n"
	    "run announce list --json >\"$OUT/after.json\" || exit 5\n"
	    "run announce add --title 'Tilaa taas' >/dev/null || exit 6\n"
	    "cp \"$D\"/local.db* \"$OUT/\"\n");
	char cmd[8192];
	snprintf(cmd, sizeof(cmd),
		 "LC_ALL=C.UTF-8 AULATAULU_LANG=en unshare --mount sh %s %s %s %s", script, mnt,
		 getenv("AULATAULU_BIN"), dir);
	int rc = system(cmd);
	cr_assert(WIFEXITED(rc) && WEXITSTATUS(rc) == 0, "the script failed: %d", rc);
	char *p = test_path(dir, "full.rc");
	char *rcs = test_read_file(p, NULL);
	free(p);
	/* The add on the full disk fails and says why. */
	cr_assert(strstr(rcs, "add 1"), "%s", rcs);
	p = test_path(dir, "full.err");
	char *errs = test_read_file(p, NULL);
	free(p);
	cr_assert(strstr(errs, "the disk is full"), "%s", errs);
	cr_assert_null(strstr(errs, "damaged"), "%s", errs);
	cr_assert_null(strstr(errs, "restored"), "%s", errs);
	p = test_path(dir, "full.ls");
	char *ls = test_read_file(p, NULL);
	free(p);
	cr_assert_null(strstr(ls, "corrupt"), "local.db was moved aside:\n%s", ls);
	/* After space came back: the announcement, and the PIN. */
	p = test_path(dir, "after.json");
	char *after = test_read_file(p, NULL);
	free(p);
	cr_assert(strstr(after, "Ennen täyttä levyä"), "%s", after);
	cr_assert_null(strstr(after, "Täydellä levyllä"), "%s", after);
	p = test_path(dir, "local.db");
	sqlite3 *db;
	sqlite3_stmt *st;
	cr_assert_eq(sqlite3_open_v2(p, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(db,
					"SELECT value FROM settings WHERE key = 'pin_hash' AND"
					" value LIKE '$argon2id$%'",
					-1, &st, NULL),
		     SQLITE_OK);
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW, "the PIN is gone");
	sqlite3_finalize(st);
	sqlite3_close(db);
	free(p);
	free(rcs);
	free(errs);
	free(ls);
	free(after);
	free(script);
	free(mnt);
}

/* Makes local.db empty (0 bytes) or removes it, with its side files. */
static void lose_local_db(bool remove_it)
{
	const char *names[] = {"local.db", "local.db-wal", "local.db-shm"};
	for (int i = 0; i < 3; i++) {
		char *p = test_path(dir, names[i]);
		if (remove_it || i > 0)
			unlink(p);
		else
			cr_assert_eq(truncate(p, 0), 0);
		free(p);
	}
}

Test(liaison, an_empty_or_deleted_local_db_is_restored_from_the_backup)
{
	CLI_OK("announce", "add", "--title", "Kuorolaiset esittäytyvät");
	for (int remove_it = 0; remove_it <= 1; remove_it++) {
		lose_local_db(remove_it);
		struct run r = CLI("announce", "list");
		cr_assert_eq(r.status, 0, "%s", r.err);
		cr_assert(strstr(r.out, "Kuorolaiset esittäytyvät"), "not restored: %s", r.out);
		cr_assert(strstr(r.err, "empty or missing and was restored from the backup"), "%s",
			  r.err);
		test_run_free(&r);
	}
	struct run r = CLI("audit");
	cr_assert(strstr(r.out, "local.db restored"), "%s", r.out);
	test_run_free(&r);
}

Test(liaison, a_new_terminal_starts_empty_without_a_message)
{
	struct run r = CLI("announce", "list");
	cr_assert_eq(r.status, 0, "%s", r.err);
	cr_assert_str_eq(r.err, "");
	test_run_free(&r);
}

/* Every local-*.db in backups/ is a whole copy of local.db. */
static void assert_backups_whole(const char *when)
{
	char *bdir = test_path(dir, "backups");
	DIR *d = opendir(bdir);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (strncmp(e->d_name, "local-", 6) || len < 4 ||
		    strcmp(e->d_name + len - 3, ".db"))
			continue;
		char *p = test_path(bdir, e->d_name);
		int version = 0;
		cr_assert_eq(local_guard_check(p, &version, NULL), LOCAL_HEALTHY, "%s: %s broken",
			     when, e->d_name);
		cr_assert_geq(version, 1, "%s: %s has no schema", when, e->d_name);
		free(p);
	}
	if (d)
		closedir(d);
	free(bdir);
}

Test(liaison, kill_9_during_the_daily_backup_leaves_no_broken_backup)
{
	/* Enough in local.db for the copy to take a moment. */
	char body[1800];
	memset(body, 'x', sizeof(body) - 1);
	body[sizeof(body) - 1] = '\0';
	for (int i = 0; i < 40; i++)
		CLI_OK("announce", "add", "--title", "Pitkä tiedote", "--body", body);
	char *bdir = test_path(dir, "backups"), cmd[8192];
	unsigned seed = (unsigned)time(NULL);
	srand(seed);
	for (int trial = 0; trial < 60; trial++) {
		/* No daily backup yet: the next command makes one. */
		snprintf(cmd, sizeof(cmd), "rm -f %s/local-*", bdir);
		cr_assert_eq(system(cmd), 0);
		pid_t pid = fork();
		if (pid == 0) {
			if (!freopen("/dev/null", "w", stdout))
				_exit(126);
			execl(getenv("AULATAULU_BIN"), "aulataulu", "--data-dir", dir, "announce",
			      "list", (char *)NULL);
			_exit(127);
		}
		usleep((useconds_t)(rand() % 40000));
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		assert_backups_whole("right after kill -9");
	}
	/* A broken copy left by an older version, and a temporary file: the
	 * next command removes both and makes a good daily backup. */
	snprintf(cmd, sizeof(cmd),
		 "rm -f %s/local-*; f=%s/latest.db; head -c $(($(stat -c %%s $f) / 2)) $f >"
		 " %s/local-20261124-080000.db; echo x > %s/local-20261124-081000.db.tmp",
		 bdir, bdir, bdir, bdir);
	cr_assert_eq(system(cmd), 0);
	CLI_OK("announce", "list");
	assert_backups_whole("after the next command");
	cr_assert_eq(count_files(bdir, "local-20261124-08"), 0, "the broken ones stay");
	cr_assert_eq(count_files(bdir, "local-"), 1, "no new daily backup (seed %u)", seed);
	free(bdir);
}

/* The mode bits of dir/name. */
static mode_t mode_of(const char *name)
{
	char *p = test_path(dir, name);
	struct stat sb;
	cr_assert_eq(stat(p, &sb), 0, "%s", p);
	free(p);
	return sb.st_mode & 07777;
}

Test(liaison, the_data_is_private_to_the_program_user)
{
	cr_assert_eq(chmod(dir, 0755), 0);
	CLI_OK("announce", "add", "--title", "Kahvila");
	struct run r = CLI("status", "--json");
	test_run_free(&r);
	cr_assert_eq(mode_of("."), 0700);
	cr_assert_eq(mode_of("local.db"), 0600);
	cr_assert_eq(mode_of("cache.db"), 0600);
	cr_assert_eq(mode_of("backups"), 0700);
	cr_assert_eq(mode_of("backups/latest.db"), 0600);
	/* A directory left open by an older version is closed, with a word. */
	cr_assert_eq(chmod(dir, 0755), 0);
	char *p = test_path(dir, "local.db");
	cr_assert_eq(chmod(p, 0644), 0);
	free(p);
	r = CLI("announce", "list");
	cr_assert_eq(r.status, 0, "%s", r.err);
	cr_assert(strstr(r.err, "readable by other users"), "%s", r.err);
	test_run_free(&r);
	cr_assert_eq(mode_of("."), 0700);
	cr_assert_eq(mode_of("local.db"), 0600);
}

Test(liaison, new_pins_have_at_least_six_digits)
{
	char cmd[8192];
	snprintf(cmd, sizeof(cmd), "echo 2468 | %s --lang en --data-dir %s pin set 2>%s/pin.err",
		 getenv("AULATAULU_BIN"), dir, dir);
	int rc = system(cmd);
	cr_assert(WIFEXITED(rc) && WEXITSTATUS(rc) == 1);
	char *p = test_path(dir, "pin.err");
	char *err = test_read_file(p, NULL);
	cr_assert(strstr(err, "6 to 12 digits"), "%s", err);
	free(err);
	free(p);
	snprintf(cmd, sizeof(cmd), "echo 246824 | %s --data-dir %s pin set >/dev/null",
		 getenv("AULATAULU_BIN"), dir);
	cr_assert_eq(system(cmd), 0);
	/* The PIN change is in latest.db at once. */
	p = test_path(dir, "backups/latest.db");
	sqlite3 *db;
	sqlite3_stmt *st;
	cr_assert_eq(sqlite3_open_v2(p, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	cr_assert_eq(
	    sqlite3_prepare_v2(db, "SELECT 1 FROM settings WHERE key = 'pin_hash'", -1, &st, NULL),
	    SQLITE_OK);
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
	sqlite3_finalize(st);
	sqlite3_close(db);
	free(p);
}

/* On a read-only data directory every command said local.db "is damaged". */
Test(liaison, a_read_only_data_directory_is_named_as_such)
{
	if (geteuid() != 0 || system("unshare --mount true 2>/dev/null") != 0)
		cr_skip_test("needs root and unshare(1) for a mount of its own");
	char *script = test_path(dir, "ro.sh"), *mnt = test_path(dir, "mnt");
	cr_assert_eq(mkdir(mnt, 0700), 0);
	test_write_file(
	    script,
	    "D=$1 B=$2 OUT=$3\n"
	    "mount -t tmpfs -o size=8m tmpfs \"$D\" || exit 77\n"
	    "run() { \"$B\" --lang en --data-dir \"$D\" --now 2026-11-24T09:00:00+02:00 \"$@\"; }\n"
	    "run announce add --title 'Ennen' >/dev/null || exit 3\n"
	    "mount -o remount,ro \"$D\" || exit 4\n"
	    "for c in list 'announce list' 'status --json'; do\n"
	    "  run $c >/dev/null 2>>\"$OUT/ro.err\"\n"
	    "done\n"
	    "run announce add --title x >/dev/null 2>>\"$OUT/ro.err\" && exit 5\n"
	    "mount -o remount,rw \"$D\" || exit 6\n"
	    "run announce list > \"$OUT/ro.out\" || exit 7\n"
	    "ls \"$D\" > \"$OUT/ro.ls\"\n");
	char cmd[8192];
	snprintf(cmd, sizeof(cmd), "AULATAULU_LANG=en unshare --mount sh %s %s %s %s", script, mnt,
		 getenv("AULATAULU_BIN"), dir);
	int rc = system(cmd);
	cr_assert(WIFEXITED(rc) && WEXITSTATUS(rc) == 0, "the script failed: %d", rc);
	char *p = test_path(dir, "ro.err"), *errs = test_read_file(p, NULL);
	free(p);
	cr_assert(strstr(errs, "is read-only"), "%s", errs);
	cr_assert_null(strstr(errs, "damaged"), "%s", errs);
	p = test_path(dir, "ro.out");
	char *out = test_read_file(p, NULL);
	free(p);
	cr_assert(strstr(out, "Ennen"), "%s", out);
	p = test_path(dir, "ro.ls");
	char *ls = test_read_file(p, NULL);
	free(p);
	cr_assert_null(strstr(ls, "corrupt"), "%s", ls);
	free(errs);
	free(out);
	free(ls);
	free(script);
	free(mnt);
}
