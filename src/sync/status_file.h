/* SPDX-License-Identifier: EUPL-1.2 */
/* status_file: status.json in the data directory, what the IT admin's
 * monitoring reads: per source the last attempt, last success, error and
 * failures in a row. It is written whole (mkstemp + rename) by each sync and
 * kept apart from cache.db, so a refused feed leaves the cache byte for byte
 * as it was. */
#ifndef AULATAULU_STATUS_FILE_H
#define AULATAULU_STATUS_FILE_H

#include <stdbool.h>
#include <stdint.h>

struct source_status {
	int64_t last_attempt, last_success; /* 0: never */
	int64_t next_try;		    /* earliest next sync after failures */
	long failures;			    /* in a row */
	bool signature_refused;		    /* the last attempt's feed, for its signature */
	char *error;			    /* the last attempt's, or NULL */
};

/* Reads the status of source `name` from dir/status.json; a missing or
 * unreadable file gives an empty status. Caller frees with source_status_free. */
void status_file_read(const char *dir, const char *name, struct source_status *out);

/* Replaces the status of source `name` atomically. False (and *err) on
 * failure, e.g. a full disk. */
bool status_file_write(const char *dir, const char *name, const struct source_status *st,
		       char **err);

void source_status_free(struct source_status *st);

#endif
