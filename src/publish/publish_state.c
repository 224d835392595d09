/* SPDX-License-Identifier: EUPL-1.2 */
/* publish_state: the publisher's SQLite database. */
#include "config.h"

#include "publish/publish_state.h"

#include "util/i18n.h"
#include "util/path.h"

#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pstate {
	sqlite3 *db;
};

static const char schema[] =
    "CREATE TABLE IF NOT EXISTS inputs(name TEXT PRIMARY KEY, etag TEXT, last_modified TEXT,"
    " content_hash TEXT, options TEXT, sequence INTEGER NOT NULL DEFAULT 0,"
    " last_attempt INTEGER NOT NULL DEFAULT 0, last_success INTEGER NOT NULL DEFAULT 0,"
    " error TEXT);"
    "CREATE TABLE IF NOT EXISTS items(input TEXT NOT NULL, id TEXT NOT NULL, kind TEXT NOT NULL,"
    " name TEXT, body TEXT NOT NULL, pos INTEGER NOT NULL, PRIMARY KEY(input, id));"
    "CREATE TABLE IF NOT EXISTS pending(input TEXT NOT NULL, id TEXT NOT NULL,"
    " kind TEXT NOT NULL, name TEXT, body TEXT NOT NULL, pos INTEGER NOT NULL,"
    " since INTEGER NOT NULL, PRIMARY KEY(input, id));"
    "CREATE TABLE IF NOT EXISTS publication(one INTEGER PRIMARY KEY CHECK(one = 1),"
    " sequence INTEGER NOT NULL, content_hash TEXT, generated_at INTEGER NOT NULL,"
    " expires_at INTEGER NOT NULL);"
    "PRAGMA user_version = 1;";

static bool fail(struct pstate *s, char **err)
{
	*err = path_format(_("publish.db: %s"), sqlite3_errmsg(s->db));
	return false;
}

static bool exec(struct pstate *s, const char *sql, char **err)
{
	return sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK || fail(s, err);
}

/* A statement with text parameters (NULL: SQL NULL) bound in order. */
static sqlite3_stmt *prepare(struct pstate *s, const char *sql, char **err, int n, ...)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		fail(s, err);
		return NULL;
	}
	va_list ap;
	va_start(ap, n);
	for (int i = 1; i <= n; i++)
		sqlite3_bind_text(st, i, va_arg(ap, const char *), -1, SQLITE_TRANSIENT);
	va_end(ap);
	return st;
}

/* Steps st to its end and finalizes it. */
static bool run(struct pstate *s, sqlite3_stmt *st, char **err)
{
	if (!st)
		return false;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || fail(s, err);
}

static char *column_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *v = sqlite3_column_text(st, i);
	return v ? strdup((const char *)v) : NULL;
}

struct pstate *pstate_open(const char *dir, char **err)
{
	*err = NULL;
	struct pstate *s = calloc(1, sizeof(*s));
	char *path = path_join(dir, "publish.db");
	if (!s || !path) {
		free(s);
		free(path);
		*err = strdup(_("out of memory"));
		return NULL;
	}
	int rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_busy_timeout(s->db, 10000);
		rc = sqlite3_exec(s->db, "PRAGMA synchronous = FULL;", NULL, NULL, NULL);
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(s->db, schema, NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		*err =
		    path_format("%s: %s", path, s->db ? sqlite3_errmsg(s->db) : _("out of memory"));
		sqlite3_close(s->db);
		free(s);
		s = NULL;
	}
	free(path);
	return s;
}

void pstate_close(struct pstate *s)
{
	if (!s)
		return;
	sqlite3_close(s->db);
	free(s);
}

bool pstate_begin(struct pstate *s, char **err)
{
	return exec(s, "BEGIN IMMEDIATE", err);
}

bool pstate_commit(struct pstate *s, char **err)
{
	return exec(s, "COMMIT", err);
}

void pstate_rollback(struct pstate *s)
{
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

bool pstate_input_get(struct pstate *s, const char *name, struct pstate_input *out, char **err)
{
	*out = (struct pstate_input){0};
	sqlite3_stmt *st = prepare(s,
				   "SELECT etag, last_modified, content_hash, error, sequence,"
				   " last_attempt, last_success,"
				   " (SELECT count(*) FROM items WHERE input = ?1), options"
				   " FROM inputs WHERE name = ?1",
				   err, 1, name);
	if (!st)
		return false;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->etag = column_dup(st, 0);
		out->last_modified = column_dup(st, 1);
		out->content_hash = column_dup(st, 2);
		out->error = column_dup(st, 3);
		out->sequence = sqlite3_column_int64(st, 4);
		out->last_attempt = sqlite3_column_int64(st, 5);
		out->last_success = sqlite3_column_int64(st, 6);
		out->items = (size_t)sqlite3_column_int64(st, 7);
		out->options = column_dup(st, 8);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE || fail(s, err);
}

void pstate_input_free(struct pstate_input *in)
{
	free(in->etag);
	free(in->last_modified);
	free(in->content_hash);
	free(in->error);
	free(in->options);
	*in = (struct pstate_input){0};
}

bool pstate_input_tried(struct pstate *s, const char *name, int64_t now, const char *error,
			const struct pstate_input *got, char **err)
{
	sqlite3_stmt *st;
	if (error)
		st = prepare(s,
			     "INSERT INTO inputs(name, error) VALUES(?1, ?2) ON CONFLICT(name)"
			     " DO UPDATE SET error = ?2",
			     err, 2, name, error);
	else
		st = prepare(s,
			     "INSERT INTO inputs(name) VALUES(?1) ON CONFLICT(name) DO UPDATE SET"
			     " error = NULL, etag = ?2, last_modified = ?3, content_hash = ?4,"
			     " options = ?5",
			     err, 5, name, got->etag, got->last_modified, got->content_hash,
			     got->options);
	if (!run(s, st, err))
		return false;
	st = prepare(s, "UPDATE inputs SET last_attempt = ?2 WHERE name = ?1", err, 1, name);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 2, now);
	if (!run(s, st, err))
		return false;
	if (error)
		return true;
	st = prepare(s, "UPDATE inputs SET last_success = ?2, sequence = ?3 WHERE name = ?1", err,
		     1, name);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int64(st, 3, got->sequence);
	return run(s, st, err);
}

/* The body of id in table (items or pending) of input, or NULL. */
static char *body_of(struct pstate *s, const char *table, const char *input, const char *id,
		     char **err)
{
	char sql[128];
	snprintf(sql, sizeof(sql), "SELECT body FROM %s WHERE input = ?1 AND id = ?2", table);
	sqlite3_stmt *st = prepare(s, sql, err, 2, input, id);
	char *body = st && sqlite3_step(st) == SQLITE_ROW ? column_dup(st, 0) : NULL;
	sqlite3_finalize(st);
	return body;
}

/* Inserts or replaces item (at pos) in table; pending items also get since. */
static bool put_item(struct pstate *s, const char *table, const char *input,
		     const struct pstate_item *it, size_t pos, int64_t since, char **err)
{
	char sql[200];
	bool pending = strcmp(table, "pending") == 0;
	snprintf(sql, sizeof(sql),
		 "INSERT OR REPLACE INTO %s(input, id, kind, name, body, pos%s)"
		 " VALUES(?1, ?2, ?3, ?4, ?5, ?6%s)",
		 table, pending ? ", since" : "", pending ? ", ?7" : "");
	sqlite3_stmt *st = prepare(s, sql, err, 5, input, it->id, it->kind, it->name, it->body);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 6, (sqlite3_int64)pos);
	if (pending)
		sqlite3_bind_int64(st, 7, since);
	return run(s, st, err);
}

static bool delete_item(struct pstate *s, const char *table, const char *input, const char *id,
			char **err)
{
	char sql[100];
	snprintf(sql, sizeof(sql), "DELETE FROM %s WHERE input = ?1 AND id = ?2", table);
	return run(s, prepare(s, sql, err, 2, input, id), err);
}

/* Reports and deletes the items of input that are not in "incoming". */
static bool drop_removed(struct pstate *s, const char *input, pstate_change_fn *fn, void *ctx,
			 char **err)
{
	sqlite3_stmt *st = prepare(s,
				   "SELECT id, name FROM items WHERE input = ?1"
				   " AND id NOT IN (SELECT id FROM temp.incoming)",
				   err, 1, input);
	if (!st)
		return false;
	while (sqlite3_step(st) == SQLITE_ROW)
		fn(ctx, '-', (const char *)sqlite3_column_text(st, 0),
		   (const char *)sqlite3_column_text(st, 1));
	sqlite3_finalize(st);
	return run(s,
		   prepare(s,
			   "DELETE FROM items WHERE input = ?1"
			   " AND id NOT IN (SELECT id FROM temp.incoming)",
			   err, 1, input),
		   err) &&
	       run(s,
		   prepare(s,
			   "DELETE FROM pending WHERE input = ?1"
			   " AND id NOT IN (SELECT id FROM temp.incoming)",
			   err, 1, input),
		   err);
}

bool pstate_replace_items(struct pstate *s, const char *input, const struct pstate_item *items,
			  size_t n, bool review, int64_t now, pstate_change_fn *fn, void *ctx,
			  char **err)
{
	if (!exec(s,
		  "CREATE TEMP TABLE IF NOT EXISTS incoming(id TEXT PRIMARY KEY);"
		  "DELETE FROM temp.incoming;",
		  err))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!run(s,
			 prepare(s, "INSERT OR IGNORE INTO temp.incoming VALUES(?1)", err, 1,
				 items[i].id),
			 err))
			return false;
	if (!drop_removed(s, input, fn, ctx, err))
		return false;
	/* An input no longer reviewed has nothing waiting. */
	if (!review &&
	    !run(s, prepare(s, "DELETE FROM pending WHERE input = ?1", err, 1, input), err))
		return false;
	for (size_t i = 0; i < n; i++) {
		const struct pstate_item *it = &items[i];
		char *old = body_of(s, "items", input, it->id, err);
		bool same = old && strcmp(old, it->body) == 0, ok;
		if (same || !review) {
			if (!same)
				fn(ctx, old ? '~' : '+', it->id, it->name);
			/* The same item again: only its place in the order may change. */
			ok = put_item(s, "items", input, it, i, now, err) &&
			     (!review || delete_item(s, "pending", input, it->id, err));
		} else {
			char *waiting = body_of(s, "pending", input, it->id, err);
			bool known = waiting && strcmp(waiting, it->body) == 0;
			if (!known)
				fn(ctx, '?', it->id, it->name);
			ok = known || put_item(s, "pending", input, it, i, now, err);
			free(waiting);
		}
		free(old);
		if (!ok)
			return false;
	}
	return true;
}

bool pstate_drop_input(struct pstate *s, const char *input, char **err)
{
	return run(s, prepare(s, "DELETE FROM items WHERE input = ?1", err, 1, input), err) &&
	       run(s, prepare(s, "DELETE FROM pending WHERE input = ?1", err, 1, input), err);
}

char **pstate_known_inputs(struct pstate *s, char **err)
{
	sqlite3_stmt *st = prepare(s,
				   "SELECT name FROM inputs UNION SELECT input FROM items"
				   " UNION SELECT input FROM pending",
				   err, 0);
	size_t n = 0, cap = 8;
	char **names = st ? calloc(cap + 1, sizeof(*names)) : NULL;
	while (names && sqlite3_step(st) == SQLITE_ROW) {
		if (n == cap) {
			char **more = realloc(names, (cap * 2 + 1) * sizeof(*names));
			if (!more)
				break;
			names = more;
			cap *= 2;
		}
		names[n++] = column_dup(st, 0);
		names[n] = NULL;
	}
	sqlite3_finalize(st);
	if (!names && !*err)
		*err = strdup(_("out of memory"));
	return names;
}

bool pstate_each_item(struct pstate *s, const char *input,
		      bool (*fn)(void *ctx, const char *kind, const char *body), void *ctx,
		      char **err)
{
	sqlite3_stmt *st =
	    prepare(s, "SELECT kind, body FROM items WHERE input = ?1 ORDER BY pos", err, 1, input);
	if (!st)
		return false;
	bool ok = true;
	int rc;
	while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW)
		ok = fn(ctx, (const char *)sqlite3_column_text(st, 0),
			(const char *)sqlite3_column_text(st, 1));
	sqlite3_finalize(st);
	if (!ok && !*err)
		*err = strdup(_("out of memory"));
	return ok;
}

bool pstate_each_pending(struct pstate *s,
			 void (*fn)(void *ctx, const char *input, const char *id, const char *kind,
				    const char *name, int64_t since),
			 void *ctx, char **err)
{
	sqlite3_stmt *st = prepare(
	    s, "SELECT input, id, kind, name, since FROM pending ORDER BY input, pos", err, 0);
	if (!st)
		return false;
	while (sqlite3_step(st) == SQLITE_ROW)
		fn(ctx, (const char *)sqlite3_column_text(st, 0),
		   (const char *)sqlite3_column_text(st, 1),
		   (const char *)sqlite3_column_text(st, 2),
		   (const char *)sqlite3_column_text(st, 3), sqlite3_column_int64(st, 4));
	sqlite3_finalize(st);
	return true;
}

bool pstate_approve(struct pstate *s, const char *id, bool *found, char **err)
{
	const char *where = id ? " WHERE id = ?1" : "";
	char sql[200];
	snprintf(sql, sizeof(sql),
		 "INSERT OR REPLACE INTO items(input, id, kind, name, body, pos)"
		 " SELECT input, id, kind, name, body, pos FROM pending%s",
		 where);
	if (!run(s, prepare(s, sql, err, id ? 1 : 0, id), err))
		return false;
	*found = sqlite3_changes(s->db) > 0;
	snprintf(sql, sizeof(sql), "DELETE FROM pending%s", where);
	return run(s, prepare(s, sql, err, id ? 1 : 0, id), err);
}

bool pstate_publication_get(struct pstate *s, struct pstate_publication *out, char **err)
{
	*out = (struct pstate_publication){0};
	sqlite3_stmt *st = prepare(
	    s, "SELECT sequence, content_hash, generated_at, expires_at FROM publication", err, 0);
	if (!st)
		return false;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->sequence = sqlite3_column_int64(st, 0);
		out->content_hash = column_dup(st, 1);
		out->generated_at = sqlite3_column_int64(st, 2);
		out->expires_at = sqlite3_column_int64(st, 3);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE || fail(s, err);
}

bool pstate_publication_set(struct pstate *s, const struct pstate_publication *p, char **err)
{
	sqlite3_stmt *st = prepare(s,
				   "INSERT OR REPLACE INTO publication(one, sequence, content_hash,"
				   " generated_at, expires_at) VALUES(1, ?2, ?1, ?3, ?4)",
				   err, 1, p->content_hash);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 2, p->sequence);
	sqlite3_bind_int64(st, 3, p->generated_at);
	sqlite3_bind_int64(st, 4, p->expires_at);
	return run(s, st, err);
}

void pstate_publication_free(struct pstate_publication *p)
{
	free(p->content_hash);
	*p = (struct pstate_publication){0};
}
