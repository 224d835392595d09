/* SPDX-License-Identifier: EUPL-1.2 */
/* store_bind: a statement's parameters bound left to right and run once
 * per row, for the store's writers (store_apply.c, store_rows.c). */
#ifndef AULATAULU_STORE_BIND_H
#define AULATAULU_STORE_BIND_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The first failure to bind sticks in ok. */
struct binder {
	sqlite3_stmt *st;
	int i;
	bool ok;
};

/* A string that outlives the run, or NULL. */
static inline void bind_text(struct binder *b, const char *s)
{
	int rc = s ? sqlite3_bind_text(b->st, ++b->i, s, -1, SQLITE_STATIC)
		   : sqlite3_bind_null(b->st, ++b->i);
	b->ok = b->ok && rc == SQLITE_OK;
}

/* len bytes of s, copied (s may change before the run). */
static inline void bind_copy(struct binder *b, const char *s, size_t len)
{
	b->ok = b->ok && sqlite3_bind_text(b->st, ++b->i, s ? s : "", (int)len, SQLITE_TRANSIENT) ==
			     SQLITE_OK;
}

static inline void bind_int(struct binder *b, int64_t v)
{
	b->ok = b->ok && sqlite3_bind_int64(b->st, ++b->i, v) == SQLITE_OK;
}

/* A time, NULL when not given (0). */
static inline void bind_time(struct binder *b, int64_t t)
{
	int rc = t ? sqlite3_bind_int64(b->st, ++b->i, t) : sqlite3_bind_null(b->st, ++b->i);
	b->ok = b->ok && rc == SQLITE_OK;
}

/* Runs the statement with what was bound and makes it ready for the next row. */
static inline bool run(struct binder *b)
{
	bool ok = b->ok && sqlite3_step(b->st) == SQLITE_DONE;
	sqlite3_reset(b->st);
	sqlite3_clear_bindings(b->st);
	b->i = 0;
	b->ok = true;
	return ok;
}

#endif
