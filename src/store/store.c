/* SPDX-License-Identifier: EUPL-1.2 */
/* store: the SQLite databases in the data directory. */
#include "config.h"

#include "store/store.h"

#include "util/i18n.h"
#include "util/path.h"
#include "store/search_tokenizer.h"
#include "store/store_schema.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct store {
	sqlite3 *db;
	enum store_mode mode;
	int local_lock;	 /* local_guard's shared lock, or -1 */
	bool damaged;	 /* SQLite said CORRUPT or NOTADB of cache.db */
	dev_t cache_dev; /* the cache.db this connection has open */
	ino_t cache_ino;
	long generation;		     /* how many times cache.db was opened anew */
	char *dir, *cache_path, *local_path; /* owned */
	char *local_problem;		     /* why local.db is not used (a stand-in is), or NULL */
};

const char *store_dir(const struct store *s)
{
	return s->dir;
}

const char *store_local_problem(const struct store *s)
{
	return s->local_problem;
}

/* The system's reason behind an I/O error ("No space left on device"). */
static const char *system_reason(sqlite3 *db)
{
	int code = sqlite3_errcode(db), sys = sqlite3_system_errno(db);
	return (code == SQLITE_IOERR || code == SQLITE_FULL || code == SQLITE_CANTOPEN) && sys
		   ? strerror(sys)
		   : NULL;
}

/* What a person can act on, for the errors that have a plain cause. */
static const char *plain_reason(sqlite3 *db)
{
	int code = db ? sqlite3_errcode(db) : SQLITE_NOMEM;
	int sys = db ? sqlite3_system_errno(db) : 0;
	if (code == SQLITE_FULL || sys == ENOSPC || sys == EDQUOT)
		return _("the disk is full: nothing was changed. Free some space and try again.");
	if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		return _("the database is busy (another aulataulu process, such as a sync, is "
			 "writing): nothing was changed. Try again in a moment.");
	if (code == SQLITE_READONLY || sys == EROFS || sys == EACCES || sys == EPERM)
		return _("the data directory is read-only or not writable for this user: "
			 "nothing was changed.");
	if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
		return _("the database file is damaged.");
	if (code == SQLITE_NOMEM)
		return _("out of memory");
	return NULL;
}

char *store_explain(sqlite3 *db, const char *what)
{
	const char *plain = plain_reason(db), *why = db ? system_reason(db) : NULL;
	const char *msg = db ? sqlite3_errmsg(db) : _("out of memory");
	char *out = NULL;
	/* The plain sentence first; SQLite's own words beneath, for the admin. */
	int rc = plain ? asprintf(&out, "%s: %s (%s%s%s)", what, plain, msg, why ? ": " : "",
				  why ? why : "")
		       : asprintf(&out, "%s: %s%s%s%s", what, msg, why ? " (" : "", why ? why : "",
				  why ? ")" : "");
	return rc < 0 ? NULL : out;
}

bool store_error(struct store *s, const char *what, char **err)
{
	int code = s->db ? sqlite3_errcode(s->db) : SQLITE_OK;
	if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
		s->damaged = true; /* local.db's own damage is local_guard's */
	if (err && !*err)
		*err = store_explain(s->db, what);
	return false;
}

bool store_damaged(const struct store *s)
{
	return s->damaged;
}

sqlite3 *store_db(struct store *s)
{
	return s->db;
}

static bool exec(struct store *s, const char *sql, char **err)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK)
		return true;
	return store_error(s, _("database"), err);
}

static int user_version(struct store *s, const char *schema)
{
	char sql[64];
	snprintf(sql, sizeof(sql), "PRAGMA %s.user_version", schema);
	sqlite3_stmt *st;
	int v = -1;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Runs the migrations schema `name` lacks, each with its version bump in
 * one transaction. */
static bool migrate(struct store *s, const char *name, const char *const *steps, int n_steps,
		    char **err)
{
	int v = user_version(s, name);
	if (v < 0)
		return store_error(s, name, err);
	if (v > n_steps) {
		if (asprintf(err, _("%s: made by a newer version of aulataulu (schema %d)"), name,
			     v) < 0)
			*err = NULL;
		return false;
	}
	while (v < n_steps) {
		if (!exec(s, "BEGIN IMMEDIATE", err))
			return false;
		/* Read again under the write lock: another process may have
		 * migrated it meanwhile (two commands on a new data directory). */
		v = user_version(s, name);
		if (v >= n_steps || v < 0) {
			exec(s, "ROLLBACK", NULL);
			return v >= 0 || store_error(s, name, err);
		}
		char bump[64];
		snprintf(bump, sizeof(bump), "PRAGMA %s.user_version = %d;", name, v + 1);
		if (!exec(s, steps[v], err) || !exec(s, bump, err) || !exec(s, "COMMIT", err)) {
			exec(s, "ROLLBACK", NULL);
			return false;
		}
		v++;
	}
	return true;
}

/* WAL for both. cache.db, a cache of signed feeds, syncs its log only at
 * checkpoints (NORMAL): a commit stays atomic, and one lost to a power
 * cut is the sync's state and its data together, fetched again at the
 * next sync (tests/test_crash.c cuts the log after a commit). local.db
 * holds what the liaison person wrote: every commit synced (FULL). */
#define CACHE_SYNCHRONOUS "NORMAL"
#define LOCAL_SYNCHRONOUS "FULL"

static bool configure(struct store *s, const char *schema, const char *synchronous, char **err)
{
	char sql[160];
	snprintf(sql, sizeof(sql), "PRAGMA %s.journal_mode = WAL; PRAGMA %s.synchronous = %s;",
		 schema, schema, synchronous);
	return exec(s, sql, err);
}

/* Opens path as s->db with our settings (synchronous: the PRAGMA's
 * value) and brings its schema up to date; a new database gets pages of
 * page_size bytes (0: SQLite's 4 KiB). */
static bool open_migrated(struct store *s, const char *path, const char *const *steps, int n_steps,
			  int page_size, const char *synchronous, char **err)
{
	/* A connection is only ever used by the thread that opened it: no
	 * mutex around every call (13 per row of a listing). */
	if (!s->db &&
	    sqlite3_open_v2(path, &s->db,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK)
		return store_error(s, path, err);
	sqlite3_busy_timeout(s->db, 10000);
	char pages[48];
	snprintf(pages, sizeof(pages), "PRAGMA main.page_size = %d", page_size);
	/* Only a database still empty takes it; before WAL mode is set. */
	return (page_size == 0 || exec(s, pages, err)) &&
	       exec(s, "PRAGMA foreign_keys = ON", err) && configure(s, "main", synchronous, err) &&
	       migrate(s, "main", steps, n_steps, err);
}

#define N_STEPS(a) ((int)(sizeof(a) / sizeof(*(a))))

static bool open_cache(struct store *s, const char *path, char **err)
{
	/* The search table's tokenizer, before a migration fills it. */
	if (sqlite3_open_v2(path, &s->db,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK ||
	    !search_tokenizer_register(s->db))
		return store_error(s, path, err);
	/* 16 KiB pages: a 10,000-activity import writes a quarter as many
	 * pages (100 of its 570 ms) and listings read shallower trees. */
	bool ok = open_migrated(s, path, cache_migrations, N_STEPS(cache_migrations), 16384,
				CACHE_SYNCHRONOUS, err);
	struct stat sb;
	if (ok && stat(path, &sb) == 0) {
		s->cache_dev = sb.st_dev;
		s->cache_ino = sb.st_ino;
	}
	return ok;
}

/* local.db is migrated on a connection of its own (its statements name no
 * schema), then attached to the cache's connection as "local". */
static bool attach_local(struct store *s, const char *path, char **err)
{
	struct store local = {0};
	bool ok = open_migrated(&local, path, local_migrations, N_STEPS(local_migrations), 0,
				LOCAL_SYNCHRONOUS, err);
	sqlite3_close(local.db);
	if (!ok)
		return false;
	sqlite3_stmt *st;
	ok = sqlite3_prepare_v2(s->db, "ATTACH DATABASE ? AS local", -1, &st, NULL) == SQLITE_OK;
	if (ok) {
		sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
		ok = sqlite3_step(st) == SQLITE_DONE;
	}
	sqlite3_finalize(st);
	if (!ok)
		return store_error(s, path, err);
	return configure(s, "local", LOCAL_SYNCHRONOUS, err);
}

/* The cache can always be fetched again: a broken one is set aside. */
static bool rebuild_cache(struct store *s, const char *path, char **err)
{
	char *aside = path_format("%s.corrupt", path), *wal = path_format("%s-wal", path),
	     *shm = path_format("%s-shm", path);
	sqlite3_close(s->db);
	s->db = NULL;
	free(*err);
	*err = NULL;
	bool ok = aside && wal && shm;
	if (!ok) {
		*err = strdup(_("out of memory"));
	} else if (rename(path, aside) != 0 && errno != ENOENT) {
		*err = path_format(_("%s: cannot move the broken cache aside: %s"), path,
				   strerror(errno));
		ok = false;
	} else {
		remove(wal);
		remove(shm);
	}
	free(aside);
	free(wal);
	free(shm);
	return ok && open_cache(s, path, err);
}

int store_local_version(void)
{
	return N_STEPS(local_migrations);
}

void store_library_init(void)
{
	/* Nothing reads SQLite's memory statistics: no global mutex around
	 * each of its allocations. Only possible before SQLite's first use. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/* Opens cache.db (rebuilding it when it is not a database) and, but for a
 * sync, attaches local.db: s->db. */
static bool open_all(struct store *s, char **err)
{
	*err = NULL;
	if (!open_cache(s, s->cache_path, err)) {
		int code = s->db ? sqlite3_errcode(s->db) : SQLITE_OK;
		if ((code != SQLITE_CORRUPT && code != SQLITE_NOTADB) ||
		    !rebuild_cache(s, s->cache_path, err))
			return false;
	}
	/* An import of 50,000 activities inserts into indexes far larger than
	 * SQLite's default 2 MiB of cache: with 32 MiB its save took 2.3 s,
	 * not 3.5 (make bench). */
	if (s->mode == STORE_SYNC) {
		exec(s, "PRAGMA main.cache_size = -32768", NULL);
		return true;
	}
	/* Commands map the cache: no read() per page for every listing.
	 * The kiosk reads through SQLite's page cache of 2 MiB instead:
	 * a mapped 50,000-activity cache counted ~80 MiB to its RSS. */
	if (s->mode == STORE_READ)
		exec(s, "PRAGMA main.mmap_size = 268435456", NULL);
	return attach_local(s, s->local_path, err);
}

/* An empty local database in a private temporary file (the kiosk's unit
 * has a /tmp of its own): NULL when none can be made. */
static char *stand_in_path(void)
{
	const char *tmp = getenv("TMPDIR");
	char *path = path_join(tmp && *tmp ? tmp : "/tmp", "aulataulu-local-XXXXXX");
	int fd = path ? mkstemp(path) : -1;
	if (fd < 0) {
		free(path);
		return NULL;
	}
	close(fd);
	unlink(path); /* SQLite makes it anew, as an empty database */
	return path;
}

struct store *store_open(const char *dir, enum store_mode mode, char **err)
{
	return store_open_without_local(dir, mode, NULL, err);
}

struct store *store_open_without_local(const char *dir, enum store_mode mode, const char *reason,
				       char **err)
{
	struct store *s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->mode = mode;
	s->local_lock = -1;
	s->dir = strdup(dir);
	s->cache_path = path_join(dir, "cache.db");
	s->local_path = reason ? stand_in_path() : path_join(dir, "local.db");
	s->local_problem = reason ? strdup(reason) : NULL;
	if (!s->dir || !s->cache_path || !s->local_path || (reason && !s->local_problem)) {
		*err = strdup(_("out of memory"));
		store_close(s);
		return NULL;
	}
	if (!open_all(s, err)) {
		store_close(s);
		return NULL;
	}
	return s;
}

bool store_rebuild_cache(struct store *s, char **err)
{
	*err = NULL;
	s->damaged = false;
	s->generation++;
	return rebuild_cache(s, s->cache_path, err) &&
	       (s->mode != STORE_SYNC || exec(s, "PRAGMA main.cache_size = -32768", NULL));
}

long store_follow_cache(struct store *s)
{
	struct stat sb;
	if (stat(s->cache_path, &sb) != 0 ||
	    (sb.st_dev == s->cache_dev && sb.st_ino == s->cache_ino))
		return s->generation;
	/* A sync moved a damaged cache aside and made a new one. */
	sqlite3 *old = s->db;
	s->db = NULL;
	char *err = NULL;
	if (open_all(s, &err)) {
		sqlite3_close(old);
		s->generation++;
	} else {
		sqlite3_close(s->db);
		s->db = old; /* keep showing what we have */
	}
	free(err);
	return s->generation;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	sqlite3_close(s->db);
	if (s->local_lock >= 0)
		close(s->local_lock);		 /* only after local.db is closed */
	if (s->local_problem && s->local_path) { /* the stand-in goes with it */
		char *wal = path_format("%s-wal", s->local_path),
		     *shm = path_format("%s-shm", s->local_path);
		unlink(s->local_path);
		if (wal)
			unlink(wal);
		if (shm)
			unlink(shm);
		free(wal);
		free(shm);
	}
	free(s->local_problem);
	free(s->dir);
	free(s->cache_path);
	free(s->local_path);
	free(s);
}

void store_hold_lock(struct store *s, int fd)
{
	if (s->local_lock >= 0)
		close(s->local_lock);
	s->local_lock = fd;
}

static char *column_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? strdup((const char *)t) : NULL;
}

bool store_source_state(struct store *s, const char *name, struct source_state *out, char **err)
{
	*out = (struct source_state){0};
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(
		s->db,
		"SELECT feed_id, etag, last_modified, timezone, sequence, fetched_at,"
		" generated_at, expires_at, content_hash FROM main.sources WHERE name = ?",
		-1, &st, NULL) != SQLITE_OK)
		return store_error(s, _("reading the source state"), err);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->known = true;
		out->feed_id = column_dup(st, 0);
		out->etag = column_dup(st, 1);
		out->last_modified = column_dup(st, 2);
		out->timezone = column_dup(st, 3);
		out->sequence = sqlite3_column_int64(st, 4);
		out->fetched_at = sqlite3_column_int64(st, 5);
		out->generated_at = sqlite3_column_int64(st, 6);
		out->expires_at = sqlite3_column_int64(st, 7);
		out->content_hash = column_dup(st, 8);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_error(s, _("reading the source state"), err);
	return true;
}

long store_count_activities(struct store *s, const char *source)
{
	sqlite3_stmt *st;
	long n = -1;
	if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM main.activities WHERE source = ?", -1,
			       &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, source, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

bool store_forget_source(struct store *s, const char *name, bool *known, char **err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "DELETE FROM main.sources WHERE name = ?", -1, &st, NULL) !=
	    SQLITE_OK)
		return store_error(s, _("forgetting the source's version"), err);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	bool ok = sqlite3_step(st) == SQLITE_DONE;
	*known = ok && sqlite3_changes(s->db) > 0;
	sqlite3_finalize(st);
	return ok || store_error(s, _("forgetting the source's version"), err);
}

void source_state_free(struct source_state *st)
{
	free(st->feed_id);
	free(st->etag);
	free(st->last_modified);
	free(st->timezone);
	free(st->content_hash);
	*st = (struct source_state){0};
}

/* BEGIN IMMEDIATE locks every attached database for writing; a deferred
 * BEGIN locks only what the transaction writes. */
static bool transaction(struct store *s, const char *begin, const char *what,
			bool (*fn)(struct store *, void *), void *arg, char **err)
{
	if (!exec(s, begin, err))
		return false;
	if (!fn(s, arg)) {
		store_error(s, what, err); /* before ROLLBACK replaces the message */
		exec(s, "ROLLBACK", NULL);
		return false;
	}
	if (exec(s, "COMMIT", err))
		return true;
	exec(s, "ROLLBACK", NULL);
	return false;
}

bool store_transaction(struct store *s, const char *what, bool (*fn)(struct store *, void *),
		       void *arg, char **err)
{
	return transaction(s, "BEGIN IMMEDIATE", what, fn, arg, err);
}

bool store_local_transaction(struct store *s, const char *what, bool (*fn)(struct store *, void *),
			     void *arg, char **err)
{
	return transaction(s, "BEGIN", what, fn, arg, err);
}
