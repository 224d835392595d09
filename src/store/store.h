/* SPDX-License-Identifier: EUPL-1.2 */
/* store: the SQLite databases in the data directory.
 *
 * cache.db holds what the feeds said and can always be rebuilt from them;
 * local.db holds the liaison person's data (announcements, hidden
 * activities, settings, audit log) and is never written by a sync. Each has
 * its schema versioned with PRAGMA user_version and migrated on open. */
#ifndef AULATAULU_STORE_H
#define AULATAULU_STORE_H

#include "feed/feed.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

enum store_mode {
	STORE_READ, /* cache.db with local.db attached as "local", mapped */
	STORE_SYNC, /* cache.db alone: a sync never sees local.db */
	STORE_UI,   /* as STORE_READ for the long-running kiosk: not mapped,
		     * so that its memory stays small with any size of cache */
};

struct store;

/* Sets SQLite up for this program; call first, before any store_open. */
void store_library_init(void);

/* What a source's last applied feed left for the next conditional GET. */
struct source_state {
	bool known; /* false: never applied */
	char *feed_id, *etag, *last_modified, *timezone;
	char *content_hash; /* of the document, for formats with no version */
	int64_t sequence, fetched_at, generated_at, expires_at;
};

/* Opens (creating and migrating as needed) the databases in dir, which must
 * exist. A cache.db that is not a database or fails its check is moved
 * aside as cache.db.corrupt and rebuilt empty. On failure returns NULL and
 * sets *err (caller frees). */
struct store *store_open(const char *dir, enum store_mode mode, char **err);
void store_close(struct store *s);

/* For the kiosk when local.db cannot be used (reason says why, in a
 * sentence): cache.db with an empty stand-in for local.db in a private
 * temporary file, removed by store_close. The patients' side then runs
 * from the cache; nothing written to the stand-in is kept, and nothing of
 * it reaches backups/. With reason NULL, store_open. */
struct store *store_open_without_local(const char *dir, enum store_mode mode, const char *reason,
				       char **err);

/* Why local.db is not in use (store_open_without_local), or NULL. */
const char *store_local_problem(const struct store *s);

/* The schema version local.db is migrated to. */
int store_local_version(void);

/* The data directory s was opened in. */
const char *store_dir(const struct store *s);

/* The connection, for the queries in model.c. */
sqlite3 *store_db(struct store *s);

/* Fills *st for source `name` (st->known false if never applied). Caller
 * frees with source_state_free. Returns false on a database error. */
bool store_source_state(struct store *s, const char *name, struct source_state *st, char **err);
void source_state_free(struct source_state *st);

/* How many activities of source the cache holds, or -1 on an error. */
long store_count_activities(struct store *s, const char *source);

/* Forgets what source `name` last applied (its sequence, ETag, feed id),
 * so that its next feed is taken whatever its sequence; the cached data
 * stays until that feed replaces it. *known says whether there was any. */
bool store_forget_source(struct store *s, const char *name, bool *known, char **err);

/* Replaces everything source `name` had with feed f, and its state with
 * *st, in one transaction: all of it or none of it. Activities whose rows
 * would be written as they are stored (activity_digest.h) are left alone. */
bool store_apply_feed(struct store *s, const char *name, const struct feed *f,
		      const struct source_state *st, char **err);

/* What store_apply_feed_with asks while it writes, so that a sync expands
 * only the schedules of the activities to be written (recur_job.h). */
struct store_apply_hooks {
	/* Told, before any activity is written, whose dates will be
	 * (dated[i], valid during the call); false makes the apply fail. */
	bool (*plan)(void *ctx, const bool *dated);
	/* Asked before activity i's dates are written, while its occurrences
	 * may still be coming; false makes the apply fail. */
	bool (*ready)(void *ctx, size_t i);
	void *ctx;
	/* The window schedules are expanded over: the dates of an activity
	 * with a schedule change with it. */
	int64_t from, until;
};

/* What an apply wrote: activities new or changed, and those removed. */
struct store_apply_counts {
	size_t written, removed;
};

/* store_apply_feed with hooks (may be NULL); *counts (may be NULL) says
 * what was written. A hook's refusal leaves *err NULL (the caller knows
 * why). */
bool store_apply_feed_with(struct store *s, const char *name, const struct feed *f,
			   const struct source_state *st, const struct store_apply_hooks *hooks,
			   struct store_apply_counts *counts, char **err);

/* Runs fn inside one transaction (BEGIN IMMEDIATE ... COMMIT, or ROLLBACK
 * when fn returns false, with *err "what: the database's message"). */
bool store_transaction(struct store *s, const char *what, bool (*fn)(struct store *, void *),
		       void *arg, char **err);

/* Runs fn inside a transaction that locks only what fn writes: for the
 * liaison person's changes to local.db, which must not wait for a sync
 * that holds cache.db. */
bool store_local_transaction(struct store *s, const char *what, bool (*fn)(struct store *, void *),
			     void *arg, char **err);

/* Sets *err (unless already set) to store_explain(what) and returns false. */
bool store_error(struct store *s, const char *what, char **err);

/* "what: " and a sentence for db's last error that says what is true
 * (the disk is full, busy, read-only, damaged), with SQLite's message
 * beneath; a new string (caller frees), or NULL when out of memory. db may
 * be NULL (out of memory). */
char *store_explain(sqlite3 *db, const char *what);

/* Whether SQLite reported cache.db damaged (CORRUPT, NOTADB) since it was
 * opened: "database disk image is malformed" would otherwise fail every
 * sync for ever. */
bool store_damaged(const struct store *s);

/* For a sync (STORE_SYNC) that found cache.db damaged: moves it aside as
 * cache.db.corrupt and starts an empty one, which the feeds fill again. */
bool store_rebuild_cache(struct store *s, char **err);

/* For a reader that stays open (the kiosk): opens cache.db anew when a sync
 * replaced it, and returns a number that changes each time it did. */
long store_follow_cache(struct store *s);

/* Hands s the descriptor of local_guard's shared lock, closed (released)
 * when s is closed, after local.db. */
void store_hold_lock(struct store *s, int fd);

#endif
