/* model_sql: SQL helpers shared by the model's files (model*.c) only. */
#ifndef AULATAULU_MODEL_SQL_H
#define AULATAULU_MODEL_SQL_H

#include "arena.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct store;

/* Text of a multilingual JSON column in language :lang, else Finnish. */
#define ML(col)                                                                                    \
	"coalesce(nullif(json_extract(" col ", '$.' || :lang), ''), json_extract(" col ", "        \
	"'$.fi'))"

/* True when the activity of source `src` and id `id` (SQL expressions) is
 * not hidden on this terminal. A row hidden before hiding was per source
 * has source '' and hides the id in every source. */
#define NOT_HIDDEN(src, id)                                                                        \
	"NOT EXISTS (SELECT 1 FROM local.hidden_activities h"                                      \
	" WHERE h.activity_id = " id " AND h.source IN (" src ", ''))"

/* Column i as a string in the arena, or NULL. */
const char *sql_dup_column(struct arena *a, sqlite3_stmt *st, int i);

/* Bind a named parameter if the statement has it (true when it has not). */
bool sql_bind_int(sqlite3_stmt *st, const char *name, int64_t v);
bool sql_bind_text(sqlite3_stmt *st, const char *name, const char *v);

/* Binds :search with an FTS5 query made of the words the user typed, each
 * as a prefix ("omais" finds "omaishoitajat"); quotes and operators typed
 * are taken as plain text. NULL binds NULL (no filter). */
bool sql_bind_search(sqlite3_stmt *st, const char *typed);

/* Steps st to the end, turning each row into one item of *v (an arena
 * array of items of `size` bytes, grown as needed) with fill. */
typedef void sql_row_filler(sqlite3_stmt *st, struct arena *a, void *item);
bool sql_collect(sqlite3_stmt *st, struct arena *a, void **v, size_t *n, size_t size,
		 sql_row_filler *fill);

/* The first column of the first row of sql, or -1. */
int64_t model_count(struct store *s, const char *sql);

#endif
