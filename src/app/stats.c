/* SPDX-License-Identifier: EUPL-1.2 */
/* stats: anonymous daily counts in stats.db. */
#include "config.h"

#include "app/stats.h"

#include "util/i18n.h"
#include "model/model.h"
#include "util/path.h"
#include "util/fold.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* No column is finer than a day: tests/test_stats.c checks every one. */
static const char schema[] =
    "CREATE TABLE IF NOT EXISTS activity_day(day TEXT NOT NULL, source TEXT NOT NULL,"
    " activity TEXT NOT NULL, name TEXT, organizer TEXT, organizer_name TEXT,"
    " opened INTEGER NOT NULL DEFAULT 0, qr INTEGER NOT NULL DEFAULT 0,"
    " contact INTEGER NOT NULL DEFAULT 0, printed INTEGER NOT NULL DEFAULT 0,"
    " PRIMARY KEY(day, source, activity));"
    "CREATE TABLE IF NOT EXISTS category_day(day TEXT NOT NULL, category TEXT NOT NULL,"
    " usage TEXT NOT NULL, name TEXT, opened INTEGER NOT NULL DEFAULT 0,"
    " qr INTEGER NOT NULL DEFAULT 0, contact INTEGER NOT NULL DEFAULT 0,"
    " printed INTEGER NOT NULL DEFAULT 0, PRIMARY KEY(day, category, usage));"
    "CREATE TABLE IF NOT EXISTS day_total(day TEXT PRIMARY KEY,"
    " sessions INTEGER NOT NULL DEFAULT 0, searches INTEGER NOT NULL DEFAULT 0,"
    " empty_searches INTEGER NOT NULL DEFAULT 0, printed INTEGER NOT NULL DEFAULT 0);"
    /* A no-result term by the days it was searched on, for 30 days. */
    "CREATE TABLE IF NOT EXISTS empty_term_day(term TEXT NOT NULL, day TEXT NOT NULL,"
    " PRIMARY KEY(term, day));"
    /* Terms searched without a result on 3 days or more: the unmet needs. */
    "CREATE TABLE IF NOT EXISTS unmet_term(term TEXT PRIMARY KEY, last_day TEXT NOT NULL);"
    /* Every count ever written per organisation, never less (Prometheus). */
    "CREATE TABLE IF NOT EXISTS organization_total(organizer TEXT PRIMARY KEY, name TEXT,"
    " opened INTEGER NOT NULL DEFAULT 0, qr INTEGER NOT NULL DEFAULT 0,"
    " contact INTEGER NOT NULL DEFAULT 0, printed INTEGER NOT NULL DEFAULT 0);"
    "PRAGMA user_version = 2;";

/* Version 1 (0.1.0 before slips) had no slips printed. */
static const char add_printed[] =
    "ALTER TABLE activity_day ADD COLUMN printed INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE category_day ADD COLUMN printed INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE day_total ADD COLUMN printed INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE organization_total ADD COLUMN printed INTEGER NOT NULL DEFAULT 0;"
    "PRAGMA user_version = 2;";

struct pending_activity {
	char day[11], *source, *id;
	long n[STATS_EVENTS];
};

struct pending_term {
	char day[11], *term;
};

struct stats {
	char *path;
	int64_t written_at;
	long flush_every; /* seconds */
	struct pending_activity *acts;
	size_t n_acts;
	struct pending_term *terms;
	size_t n_terms;
	char day[11]; /* of sessions, searches, empty */
	long sessions, searches, empty, printed;
};

void stats_day(int64_t t, char out[11])
{
	time_t tt = (time_t)t;
	struct tm tm;
	localtime_r(&tt, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

struct stats *stats_begin(const char *dir, long flush_every)
{
	struct stats *s = calloc(1, sizeof(*s));
	if (s && !(s->path = path_join(dir, "stats.db"))) {
		free(s);
		s = NULL;
	}
	if (s)
		s->flush_every = flush_every;
	return s;
}

static bool write_noted(struct stats *s, struct store *store, int64_t now, bool totals_only,
			char **err);

/* Day totals of another day are written before this day's begin; only
 * they: the activities and terms noted carry their day and wait for the
 * next write, which has the cache to name them. */
static void day_of_totals(struct stats *s, int64_t now)
{
	char day[11];
	stats_day(now, day);
	if (*s->day && strcmp(s->day, day) != 0 && (s->sessions || s->searches || s->printed)) {
		char *err = NULL;
		write_noted(s, NULL, now, true, &err);
		free(err);
	}
	memcpy(s->day, day, sizeof(day));
}

void stats_activity(struct stats *s, int64_t now, enum stats_event e, const char *source,
		    const char *id)
{
	if (!s || !source || !id)
		return;
	char day[11];
	stats_day(now, day);
	for (size_t i = 0; i < s->n_acts; i++) {
		struct pending_activity *a = &s->acts[i];
		if (!strcmp(a->day, day) && !strcmp(a->source, source) && !strcmp(a->id, id)) {
			a->n[e]++;
			return;
		}
	}
	struct pending_activity *more = realloc(s->acts, (s->n_acts + 1) * sizeof(*more));
	if (!more)
		return; /* a count lost, never the kiosk */
	s->acts = more;
	struct pending_activity *a = &s->acts[s->n_acts];
	*a = (struct pending_activity){.source = strdup(source), .id = strdup(id)};
	memcpy(a->day, day, sizeof(day));
	if (!a->source || !a->id) {
		free(a->source);
		free(a->id);
		return;
	}
	a->n[e] = 1;
	s->n_acts++;
}

void stats_session(struct stats *s, int64_t now)
{
	if (!s)
		return;
	day_of_totals(s, now);
	s->sessions++;
}

void stats_slip(struct stats *s, int64_t now)
{
	if (!s)
		return;
	day_of_totals(s, now);
	s->printed++;
}

bool stats_term_is_personal(const char *term)
{
	int digits = 0;
	for (const char *p = term; *p; p++) {
		if (*p == '@')
			return true;
		if (*p >= '0' && *p <= '9' && ++digits > STATS_TERM_MAX_DIGITS)
			return true;
	}
	return false;
}

void stats_search(struct stats *s, int64_t now, const char *query, bool found)
{
	if (!s)
		return;
	day_of_totals(s, now);
	s->searches++;
	if (found)
		return;
	s->empty++;
	/* Counted, but what a person typed about themselves is not kept. */
	if (stats_term_is_personal(query))
		return;
	/* The term, folded and trimmed: "Äiti  " and "äiti" are one. */
	char folded[128];
	fold_lower(query, strlen(query), folded, sizeof(folded));
	char *p = folded, *end;
	while (*p == ' ')
		p++;
	for (end = p + strlen(p); end > p && end[-1] == ' '; end--)
		;
	*end = '\0';
	if (!*p)
		return;
	struct pending_term *more = realloc(s->terms, (s->n_terms + 1) * sizeof(*more));
	if (!more)
		return;
	s->terms = more;
	s->terms[s->n_terms] = (struct pending_term){.term = strdup(p)};
	stats_day(now, s->terms[s->n_terms].day);
	if (s->terms[s->n_terms].term)
		s->n_terms++;
}

static bool run(sqlite3 *db, const char *sql, const char *const *text, int n_text, const long *num,
		int n_num)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return false;
	for (int i = 0; i < n_text; i++)
		sqlite3_bind_text(st, i + 1, text[i], -1, SQLITE_STATIC);
	for (int i = 0; i < n_num; i++)
		sqlite3_bind_int64(st, n_text + i + 1, num[i]);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE;
}

static bool write_activity(sqlite3 *db, struct store *store, const struct pending_activity *a)
{
	struct activity_facts f = {0};
	bool known = store && model_activity_facts(store, a->source, a->id, &f);
	const char *t[] = {a->day, a->source, a->id, f.name, f.organizer_id, f.organizer};
	bool ok = run(db,
		      "INSERT INTO activity_day(day, source, activity, name, organizer,"
		      " organizer_name, opened, qr, contact, printed)"
		      " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
		      " ON CONFLICT DO UPDATE SET opened = opened + ?7, qr = qr + ?8,"
		      " contact = contact + ?9, printed = printed + ?10, name = coalesce(?4, name),"
		      " organizer = coalesce(?5, organizer),"
		      " organizer_name = coalesce(?6, organizer_name)",
		      t, 6, a->n, STATS_EVENTS);
	if (ok && f.organizer_id) {
		const char *o[] = {f.organizer_id, f.organizer};
		ok = run(db,
			 "INSERT INTO organization_total(organizer, name, opened, qr, contact,"
			 " printed) VALUES(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO UPDATE SET"
			 " opened = opened + ?3, qr = qr + ?4, contact = contact + ?5,"
			 " printed = printed + ?6, name = coalesce(?2, name)",
			 o, 2, a->n, STATS_EVENTS);
	}
	for (size_t i = 0; ok && i < f.n_categories; i++) {
		const char *c[] = {a->day, f.categories[i].id, f.categories[i].usage,
				   f.categories[i].name};
		ok =
		    run(db,
			"INSERT INTO category_day(day, category, usage, name, opened, qr, contact,"
			" printed) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT DO UPDATE SET"
			" opened = opened + ?5, qr = qr + ?6, contact = contact + ?7,"
			" printed = printed + ?8, name = coalesce(?4, name)",
			c, 4, a->n, STATS_EVENTS);
	}
	if (known)
		activity_facts_free(&f);
	return ok;
}

/* A term that found nothing: kept by day for STATS_TERM_DAYS, and among
 * the unmet needs once it was searched on STATS_TERM_MIN_DAYS days. */
static bool write_term(sqlite3 *db, const struct pending_term *t)
{
	const char *v[] = {t->term, t->day};
	long min_days = STATS_TERM_MIN_DAYS;
	return run(db, "INSERT OR IGNORE INTO empty_term_day(term, day) VALUES(?1, ?2)", v, 2, NULL,
		   0) &&
	       run(db,
		   "INSERT INTO unmet_term(term, last_day) SELECT ?1, ?2"
		   " WHERE (SELECT count(*) FROM empty_term_day WHERE term = ?1) >= ?3"
		   " ON CONFLICT DO UPDATE SET last_day = max(last_day, ?2)",
		   v, 2, &min_days, 1);
}

/* Terms that look like personal data, from a stats.db written before
 * they were refused: deleted wherever they stand. */
static bool purge_personal_terms(sqlite3 *db)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db,
			       "SELECT term FROM empty_term_day UNION SELECT term FROM unmet_term",
			       -1, &st, NULL) != SQLITE_OK)
		return false;
	char **found = NULL;
	size_t n = 0;
	bool ok = true;
	while (ok && sqlite3_step(st) == SQLITE_ROW) {
		const char *term = (const char *)sqlite3_column_text(st, 0);
		if (!term || !stats_term_is_personal(term))
			continue;
		char **more = realloc(found, (n + 1) * sizeof(*more));
		ok = more && (more[n] = strdup(term));
		found = more ? more : found;
		n += ok;
	}
	sqlite3_finalize(st);
	for (size_t i = 0; i < n; i++) {
		const char *t[] = {found[i]};
		ok = ok && run(db, "DELETE FROM empty_term_day WHERE term = ?1", t, 1, NULL, 0) &&
		     run(db, "DELETE FROM unmet_term WHERE term = ?1", t, 1, NULL, 0);
		free(found[i]);
	}
	free(found);
	return ok;
}

/* What may no longer be kept: counts after STATS_KEEP_DAYS, every term
 * after STATS_TERM_DAYS (the shown ones too: they are what people typed). */
static bool purge(sqlite3 *db, int64_t now)
{
	char keep[11], terms[11];
	stats_day(now - (int64_t)STATS_KEEP_DAYS * 86400, keep);
	stats_day(now - (int64_t)STATS_TERM_DAYS * 86400, terms);
	const char *k[] = {keep}, *t[] = {terms};
	return run(db, "DELETE FROM activity_day WHERE day < ?1", k, 1, NULL, 0) &&
	       run(db, "DELETE FROM category_day WHERE day < ?1", k, 1, NULL, 0) &&
	       run(db, "DELETE FROM day_total WHERE day < ?1", k, 1, NULL, 0) &&
	       run(db, "DELETE FROM unmet_term WHERE last_day < ?1", t, 1, NULL, 0) &&
	       run(db, "DELETE FROM empty_term_day WHERE day < ?1", t, 1, NULL, 0) &&
	       purge_personal_terms(db);
}

/* A stats.db of an older version gains what this one counts, in one
 * transaction (a second process finds it done). */
static bool migrate(sqlite3 *db)
{
	bool ok = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK;
	sqlite3_stmt *st;
	int version = -1;
	if (ok && sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			version = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	ok = ok && version >= 0 &&
	     (version != 1 || sqlite3_exec(db, add_printed, NULL, NULL, NULL) == SQLITE_OK);
	ok = ok && sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK;
	if (!ok)
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return ok;
}

static sqlite3 *open_db(const char *path, char **err)
{
	sqlite3 *db = NULL;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
		SQLITE_OK ||
	    sqlite3_busy_timeout(db, 5000) != SQLITE_OK ||
	    sqlite3_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;", NULL, NULL,
			 NULL) != SQLITE_OK ||
	    !migrate(db) || sqlite3_exec(db, schema, NULL, NULL, NULL) != SQLITE_OK) {
		*err = path_format("%s: %s", path, db ? sqlite3_errmsg(db) : _("out of memory"));
		sqlite3_close(db);
		return NULL;
	}
	return db;
}

static void forget_pending(struct stats *s, bool totals_only)
{
	s->sessions = s->searches = s->empty = s->printed = 0;
	if (totals_only)
		return;
	for (size_t i = 0; i < s->n_acts; i++) {
		free(s->acts[i].source);
		free(s->acts[i].id);
	}
	for (size_t i = 0; i < s->n_terms; i++)
		free(s->terms[i].term);
	s->n_acts = s->n_terms = 0;
}

/* Writes the day's totals and, unless totals_only, the activities and
 * terms noted, in one transaction. */
static bool write_noted(struct stats *s, struct store *store, int64_t now, bool totals_only,
			char **err)
{
	sqlite3 *db = open_db(s->path, err);
	if (!db)
		return false;
	bool ok = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK;
	for (size_t i = 0; ok && !totals_only && i < s->n_acts; i++)
		ok = write_activity(db, store, &s->acts[i]);
	for (size_t i = 0; ok && !totals_only && i < s->n_terms; i++)
		ok = write_term(db, &s->terms[i]);
	if (ok && *s->day) {
		const char *d[] = {s->day};
		long n[] = {s->sessions, s->searches, s->empty, s->printed};
		ok = run(db,
			 "INSERT INTO day_total(day, sessions, searches, empty_searches, printed)"
			 " VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT DO UPDATE SET"
			 " sessions = sessions + ?2, searches = searches + ?3,"
			 " empty_searches = empty_searches + ?4, printed = printed + ?5",
			 d, 1, n, 4);
	}
	ok = ok && purge(db, now) && sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK;
	if (!ok) {
		*err = path_format("%s: %s", s->path, sqlite3_errmsg(db));
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	} else {
		forget_pending(s, totals_only);
	}
	sqlite3_close(db);
	return ok;
}

bool stats_flush(struct stats *s, struct store *store, int64_t now, bool force, char **err)
{
	*err = NULL;
	if (!s || (!force && now - s->written_at < s->flush_every))
		return true;
	s->written_at = now;
	if (!s->n_acts && !s->n_terms && !s->sessions && !s->searches && !s->printed)
		return true;
	return write_noted(s, store, now, false, err);
}

void stats_end(struct stats *s, struct store *store, int64_t now)
{
	if (!s)
		return;
	char *err = NULL;
	stats_flush(s, store, now, true, &err);
	free(err);
	forget_pending(s, false);
	free(s->acts);
	free(s->terms);
	free(s->path);
	free(s);
}
