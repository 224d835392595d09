/* backup: copies of local.db (the liaison person's data) in
 * DATA_DIR/backups/local-YYYYMMDD-HHMMSS.db, made with VACUUM INTO once a
 * day and before each schema migration; the newest 7 are kept. After every
 * change, backups/latest.db is brought up to date as well. A local.db that
 * fails PRAGMA quick_check at start is moved aside and the newest good copy
 * restored (latest.db first). (cache.db needs none: it is fetched again.) */
#ifndef AULATAULU_BACKUP_H
#define AULATAULU_BACKUP_H

#include <stdbool.h>
#include <stdint.h>

#define BACKUP_KEEP 7

/* Makes a backup now and drops all but the newest BACKUP_KEEP. */
bool backup_local(const char *dir, int64_t now, char **err);

/* Copies local.db to DATA_DIR/backups/latest.db (whole, by rename), after
 * every change, so that a damaged local.db loses nothing. */
bool backup_local_latest(const char *dir);

/* Makes a backup when the newest is over a day old (or there is none). */
bool backup_local_if_due(const char *dir, int64_t now);

/* Before local.db is opened: checks it, restores it if broken, and backs
 * it up when its schema is older than `latest` (a migration follows).
 * *note (caller frees; NULL when all was well) says what was done, for
 * the status screen. False only when nothing could be done at all. */
bool backup_prepare_local(const char *dir, int latest, int64_t now, char **note);

#endif
