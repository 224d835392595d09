/* SPDX-License-Identifier: EUPL-1.2 */
/* sync_run: syncing the configured sources of a data directory, as
 * `aulataulu sync` does and as the kiosk's sync child does: under the data
 * directory's lock, each result recorded in status.json. */
#ifndef AULATAULU_SYNC_RUN_H
#define AULATAULU_SYNC_RUN_H

#include "util/diag.h"
#include "util/settings.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

enum sync_which {
	SYNC_ALL, /* every source, now (the command, "sync now") */
	SYNC_DUE, /* the sources whose interval or back-off has passed, and any
		     the cache lacks */
};

/* Syncs the sources of cfg into data_dir as at time now. Progress lines go
 * to out and problems to err (either may be NULL). Returns false when a
 * source failed or the data directory could not be used. */
bool sync_run(const struct settings *cfg, const char *data_dir, int64_t now, enum sync_which which,
	      FILE *out, FILE *err);

/* Prints the note and the warnings of d (those kept, and how many more)
 * to err (may be NULL) as "source: warning: ...". */
void sync_print_warnings(FILE *err, const char *source, const struct diag *d);

/* When to try again after `failures` failed syncs in a row: 30 s doubling
 * to an hour, less up to 20 % jitter; a server's retry_after (seconds, or
 * 0) is honoured up to the same hour. */
int64_t sync_next_try(int64_t now, long failures, long retry_after);

/* The earliest time a source of cfg is due by its status (<= now: at once). */
int64_t sync_next_due(const struct settings *cfg, const char *data_dir, int64_t now);

/* The IT admin's way out of a feed whose sequence trapped the terminal
 * (every later feed a "rollback"): forgets what source `name` last
 * applied and makes it due at once, under the data directory's lock. Its
 * cached data stays until the next feed replaces it. False with *err
 * (caller frees). */
bool sync_reset_source(const struct settings *cfg, const char *data_dir, const char *name,
		       char **err);

#endif
