/* SPDX-License-Identifier: EUPL-1.2 */
/* backup: copies of local.db (the liaison person's data) in
 * DATA_DIR/backups/local-YYYYMMDD-HHMMSS.db, made with VACUUM INTO once a
 * day and before each schema migration; the newest 7 good ones are kept.
 * After every change, backups/latest.db is brought up to date as well.
 * Every copy is written under a temporary name, checked, and only then
 * renamed into place: a copy cut short (a power cut, kill -9, a full disk)
 * never stands under a backup's name. Restoring is local_guard's work.
 * (cache.db needs none: it is fetched again.) */
#ifndef AULATAULU_BACKUP_H
#define AULATAULU_BACKUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BACKUP_KEEP 7
#define BACKUP_DIR "backups"
#define BACKUP_LATEST "latest.db"

/* Makes a backup now and drops all but the newest BACKUP_KEEP. */
bool backup_local(const char *dir, int64_t now, char **err);

/* Copies local.db to DATA_DIR/backups/latest.db (whole, by rename), after
 * every change, so that a damaged local.db loses nothing. */
bool backup_local_latest(const char *dir);

/* Drops broken daily backups and leftovers of interrupted ones, then makes
 * a backup when the newest is over a day old (or there is none). */
bool backup_local_if_due(const char *dir, int64_t now);

/* The daily backups' names, oldest first (the names sort by time); free
 * with backup_list_free. NULL with *n 0 when there are none. */
char **backup_list(const char *dir, size_t *n);
void backup_list_free(char **names, size_t n);

#endif
