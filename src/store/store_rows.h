/* SPDX-License-Identifier: EUPL-1.2 */
/* store_rows: an activity's rows in the listing and in the search index,
 * made from the parsed feed: the text cache migrations 4 and 5 made with
 * SQL from the tables (tests/test_store.c checks that they agree), without
 * reading JSON back out of them (that was a third of an import). */
#ifndef AULATAULU_STORE_ROWS_H
#define AULATAULU_STORE_ROWS_H

#include "feed/feed.h"
#include "store/feed_index.h"
#include "util/textbuf.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

struct store_rows {
	const struct feed *f;
	struct feed_index index;
	sqlite3_stmt *listing, *search;
	struct textbuf text; /* the row being made */
};

/* Prepares to write the rows of f's activities into db; false on an
 * error (store_rows_end cleans up either way). */
bool store_rows_begin(struct store_rows *r, sqlite3 *db, const struct feed *f);

/* Writes the listing rows (one per language) and the search row of
 * activity a of source, stored as rowid row. */
bool store_rows_write(struct store_rows *r, const char *source, const struct feed_activity *a,
		      int64_t row);

void store_rows_end(struct store_rows *r);

#endif
