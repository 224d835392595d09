/* SPDX-License-Identifier: EUPL-1.2 */
/* model_sql: SQL helpers shared by the model's files. */
#include "config.h"

#include "store/model_sql.h"

#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *sql_dup_column(struct arena *a, sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? arena_strndup(a, (const char *)t, (size_t)sqlite3_column_bytes(st, i)) : NULL;
}

bool sql_bind_int(sqlite3_stmt *st, const char *name, int64_t v)
{
	int i = sqlite3_bind_parameter_index(st, name);
	return i == 0 || sqlite3_bind_int64(st, i, v) == SQLITE_OK;
}

bool sql_bind_text(sqlite3_stmt *st, const char *name, const char *v)
{
	int i = sqlite3_bind_parameter_index(st, name);
	return i == 0 || sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT) == SQLITE_OK;
}

bool sql_collect(sqlite3_stmt *st, struct arena *a, void **v, size_t *n, size_t size,
		 sql_row_filler *fill)
{
	size_t cap = *n;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		/* Each item cleared as it is filled, not the room ahead of it. */
		if (!arena_grow(a, v, *n, &cap, size))
			return false;
		char *item = (char *)*v + *n * size;
		memset(item, 0, size);
		fill(st, a, item);
		(*n)++;
	}
	return rc == SQLITE_DONE;
}

int64_t model_count(struct store *s, const char *sql)
{
	sqlite3_stmt *st;
	int64_t n = -1;
	if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}
