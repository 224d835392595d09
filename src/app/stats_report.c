/* SPDX-License-Identifier: EUPL-1.2 */
/* stats_report: the anonymous counts read back, for `aulataulu stats`,
 * the admin's "Mitä katsottiin" and the metrics. */
#include "config.h"

#include "app/stats.h"

#include "util/i18n.h"
#include "util/path.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A stats.db the kiosk has not written since slips were counted (version
 * 1) is read as if none were printed: views of the same names in the
 * connection's own temporary schema, which a read-only connection may
 * write and which names find first. */
static bool with_printed(sqlite3 *db)
{
	sqlite3_stmt *st;
	int version = 0;
	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			version = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	return version != 1 ||
	       sqlite3_exec(
		   db,
		   "CREATE TEMP VIEW activity_day AS SELECT *, 0 AS printed"
		   " FROM main.activity_day;"
		   "CREATE TEMP VIEW category_day AS SELECT *, 0 AS printed"
		   " FROM main.category_day;"
		   "CREATE TEMP VIEW day_total AS SELECT *, 0 AS printed FROM main.day_total;"
		   "CREATE TEMP VIEW organization_total AS SELECT *, 0 AS printed"
		   " FROM main.organization_total;",
		   NULL, NULL, NULL) == SQLITE_OK;
}

/* Read only: a report never creates stats.db. NULL when there is none. */
static sqlite3 *open_read(const char *dir, char **err)
{
	char *path = path_join(dir, "stats.db");
	sqlite3 *db = NULL;
	/* Missing: nothing counted yet. Anything else that is not a database
	 * file is a problem to say, not "nothing counted". */
	struct stat sb;
	int rc = path ? stat(path, &sb) : 0, saved = errno;
	if (path && (rc != 0 || !S_ISREG(sb.st_mode))) {
		if (err && !(rc != 0 && saved == ENOENT))
			*err = path_format(_("%s cannot be read: %s"), path,
					   rc != 0		 ? strerror(saved)
					   : S_ISDIR(sb.st_mode) ? _("it is a directory")
								 : _("it is not a file"));
		free(path);
		return NULL;
	}
	if (path && sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		sqlite3_close(db);
		db = NULL;
	}
	if (!path && err)
		*err = strdup(_("out of memory"));
	free(path);
	if (db)
		sqlite3_busy_timeout(db, 5000);
	if (db && !with_printed(db)) {
		sqlite3_close(db);
		db = NULL;
	}
	return db;
}

static char *dup_text(sqlite3_stmt *st, int i)
{
	const unsigned char *v = sqlite3_column_text(st, i);
	return strdup(v ? (const char *)v : "");
}

static const char *query_for(enum stats_by by)
{
	switch (by) {
	case STATS_BY_ACTIVITY:
		return "SELECT source || '/' || activity, max(name), sum(opened), sum(qr),"
		       " sum(contact), sum(printed), 0, 0, 0 FROM activity_day"
		       " WHERE day BETWEEN ?1 AND ?2"
		       " GROUP BY source, activity ORDER BY 3 DESC, 2";
	case STATS_BY_ORGANIZATION:
		return "SELECT coalesce(organizer, ''), max(organizer_name), sum(opened), sum(qr),"
		       " sum(contact), sum(printed), 0, 0, 0 FROM activity_day"
		       " WHERE day BETWEEN ?1 AND ?2"
		       " GROUP BY organizer ORDER BY 3 DESC, 2";
	case STATS_BY_TOPIC:
	case STATS_BY_AUDIENCE:
		return "SELECT category, max(name), sum(opened), sum(qr), sum(contact),"
		       " sum(printed), 0, 0, 0"
		       " FROM category_day WHERE day BETWEEN ?1 AND ?2 AND usage = ?3"
		       " GROUP BY category ORDER BY 3 DESC, 2";
	case STATS_BY_DAY:
		break;
	}
	return "SELECT d.day, d.day, coalesce(a.opened, 0), coalesce(a.qr, 0),"
	       " coalesce(a.contact, 0), coalesce(t.printed, 0), coalesce(t.sessions, 0),"
	       " coalesce(t.searches, 0),"
	       " coalesce(t.empty_searches, 0) FROM"
	       " (SELECT day FROM activity_day UNION SELECT day FROM day_total) d"
	       " LEFT JOIN (SELECT day, sum(opened) AS opened, sum(qr) AS qr,"
	       " sum(contact) AS contact FROM activity_day GROUP BY day) a ON a.day = d.day"
	       " LEFT JOIN day_total t ON t.day = d.day"
	       " WHERE d.day BETWEEN ?1 AND ?2 ORDER BY d.day";
}

bool stats_report(const char *dir, const char *from, const char *to, enum stats_by by,
		  struct stats_report *out, char **err)
{
	*out = (struct stats_report){0};
	*err = NULL;
	sqlite3 *db = open_read(dir, err);
	if (!db)
		return !*err; /* nothing counted yet */
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, query_for(by), -1, &st, NULL) != SQLITE_OK) {
		*err = path_format("stats.db: %s", sqlite3_errmsg(db));
		sqlite3_close(db);
		return false;
	}
	sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
	if (by == STATS_BY_TOPIC || by == STATS_BY_AUDIENCE)
		sqlite3_bind_text(st, 3, by == STATS_BY_TOPIC ? "topic" : "audience", -1,
				  SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct stats_row *more = realloc(out->rows, (out->n + 1) * sizeof(*more));
		if (!more)
			break;
		out->rows = more;
		out->rows[out->n++] = (struct stats_row){dup_text(st, 0),
							 dup_text(st, 1),
							 sqlite3_column_int64(st, 2),
							 sqlite3_column_int64(st, 3),
							 sqlite3_column_int64(st, 4),
							 sqlite3_column_int64(st, 5),
							 sqlite3_column_int64(st, 6),
							 sqlite3_column_int64(st, 7),
							 sqlite3_column_int64(st, 8)};
	}
	sqlite3_finalize(st);
	/* Only the terms of 3 days or more: never one searched once or twice. */
	if (sqlite3_prepare_v2(db,
			       "SELECT term FROM unmet_term WHERE last_day BETWEEN ?1 AND ?2"
			       " ORDER BY term",
			       -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
		while (sqlite3_step(st) == SQLITE_ROW) {
			char **more = realloc(out->unmet, (out->n_unmet + 1) * sizeof(*more));
			if (!more)
				break;
			out->unmet = more;
			out->unmet[out->n_unmet++] = dup_text(st, 0);
		}
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return true;
}

void stats_report_free(struct stats_report *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->rows[i].key);
		free(r->rows[i].name);
	}
	for (size_t i = 0; i < r->n_unmet; i++)
		free(r->unmet[i]);
	free(r->rows);
	free(r->unmet);
	*r = (struct stats_report){0};
}

bool stats_totals(const char *dir,
		  void (*fn)(void *ctx, const char *org, const char *name,
			     const long n[STATS_EVENTS]),
		  void *ctx)
{
	sqlite3 *db = open_read(dir, NULL);
	sqlite3_stmt *st;
	if (!db)
		return true;
	if (sqlite3_prepare_v2(db,
			       "SELECT organizer, coalesce(name, ''), opened, qr, contact, printed"
			       " FROM organization_total ORDER BY organizer",
			       -1, &st, NULL) == SQLITE_OK) {
		while (sqlite3_step(st) == SQLITE_ROW) {
			long n[STATS_EVENTS];
			for (int i = 0; i < STATS_EVENTS; i++)
				n[i] = (long)sqlite3_column_int64(st, 2 + i);
			fn(ctx, (const char *)sqlite3_column_text(st, 0),
			   (const char *)sqlite3_column_text(st, 1), n);
		}
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return true;
}
