/* SPDX-License-Identifier: EUPL-1.2 */
/* local_guard: who may use local.db, and its repair.
 *
 * Every process that opens local.db holds a shared flock(2) on
 * DATA_DIR/local.lock for as long as it has the file open. Replacing
 * local.db (a restore from backups/) needs the exclusive lock, so it never
 * happens under another process's open connection. Only real damage
 * (SQLite's CORRUPT or NOTADB, or a failed quick_check) leads to a
 * restore: a busy, full, read-only or unreadable local.db is reported as
 * what it is and left exactly as it was. */
#ifndef AULATAULU_LOCAL_GUARD_H
#define AULATAULU_LOCAL_GUARD_H

#include <stdbool.h>
#include <stdint.h>

/* What local_guard_check found in a database file. */
enum local_health {
	LOCAL_HEALTHY,
	LOCAL_ABSENT,	  /* missing or 0 bytes */
	LOCAL_DAMAGED,	  /* CORRUPT, NOTADB or a failed quick_check */
	LOCAL_UNREADABLE, /* busy, full, read-only, an I/O error: not damage */
};

/* Checks path (read-only, waiting up to 10 s for a busy file); *version
 * (may be NULL) receives its PRAGMA user_version. For LOCAL_UNREADABLE,
 * *err (may be NULL; caller frees) says why in a sentence. */
enum local_health local_guard_check(const char *path, int *version, char **err);

/* Before local.db is opened: takes the shared lock, checks local.db,
 * restores it from the newest good backup when it is damaged, empty or
 * missing while a backup exists (only under the exclusive lock), and
 * backs it up when its schema is older than `latest` (a migration
 * follows). Returns the lock's descriptor, to be held while local.db is
 * open (store_hold_lock), or -1 with *err (caller frees) when local.db
 * cannot be used now; nothing is moved or replaced then. *note (caller
 * frees; NULL when all was well) says what was done, for the status
 * screen and the audit log. */
int local_guard_open(const char *dir, int latest, int64_t now, char **note, char **err);

#endif
