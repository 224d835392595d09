/* SPDX-License-Identifier: EUPL-1.2 */
/* local: the liaison person's data in local.db. */
#include "config.h"

#include "local/local.h"

#include "util/err.h"
#include "util/journal.h"

#include "local/backup.h"
#include "feed/feed_json.h"
#include "util/i18n.h"
#include "store/model_sql.h"
#include "store/store.h"
#include "util/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A cleaned copy of text in the arena; NULL when text is NULL or empty. */
static bool clean_into(struct arena *arena, const char *text, enum text_mode mode, const char **out)
{
	*out = NULL;
	if (!text)
		return true;
	char *tmp = text_clean(text, strlen(text), mode);
	if (!tmp)
		return false;
	if (*tmp)
		*out = arena_strndup(arena, tmp, strlen(tmp));
	bool ok = !*tmp || *out;
	free(tmp);
	return ok;
}

bool local_announcement_check(const struct local_announcement *in, struct local_announcement *a,
			      struct arena *arena, char **err)
{
	*a = *in;
	if (!clean_into(arena, in->title, TEXT_LINE, &a->title) ||
	    !clean_into(arena, in->body, TEXT_PARAGRAPHS, &a->body) ||
	    !clean_into(arena, in->url, TEXT_LINE, &a->url) ||
	    !clean_into(arena, in->lang, TEXT_LINE, &a->lang))
		return err_say(err, _("out of memory"));
	if (!a->title)
		return err_say(err, _("the title is empty"));
	if (text_char_count(a->title) > FEED_MAX_TITLE)
		return err_say(err, _("the title is longer than 120 characters"));
	if (a->body && text_char_count(a->body) > FEED_MAX_BODY)
		return err_say(err, _("the text is longer than 2,000 characters"));
	if (a->priority < 0 || a->priority > 3)
		return err_say(
		    err,
		    _("the priority must be 0 (info), 1 (normal), 2 (important) or 3 (urgent)"));
	if (a->valid_from && a->valid_until && a->valid_until <= a->valid_from)
		return err_say(err, _("the end is not after the start"));
	if (a->url && strncmp(a->url, "https://", 8) && strncmp(a->url, "http://", 7))
		return err_say(err, _("the web address must begin with https:// or http://"));
	if (a->lang && strcmp(a->lang, "fi") && strcmp(a->lang, "sv") && strcmp(a->lang, "en"))
		return err_say(err, _("the language must be fi, sv or en"));
	return true;
}

static bool bind_announcement(sqlite3_stmt *st, const struct local_announcement *a, int64_t now)
{
	return sql_bind_text(st, ":title", a->title) && sql_bind_text(st, ":body", a->body) &&
	       sql_bind_text(st, ":url", a->url) && sql_bind_text(st, ":lang", a->lang) &&
	       sql_bind_int(st, ":priority", a->priority) &&
	       (a->valid_from ? sql_bind_int(st, ":from", a->valid_from)
			      : sql_bind_text(st, ":from", NULL)) &&
	       (a->valid_until ? sql_bind_int(st, ":until", a->valid_until)
			       : sql_bind_text(st, ":until", NULL)) &&
	       sql_bind_int(st, ":now", now) && sql_bind_int(st, ":id", a->id);
}

/* One change and its audit entry. */
struct change {
	const char *sql, *origin, *action;
	struct local_announcement *a;
	const char *text;   /* bound as :text (an id) */
	const char *source; /* bound as :source (hide/unhide) */
	int64_t now;
	bool ran;    /* the statement itself succeeded */
	int changed; /* rows it changed (0: the id was not there) */
	char *detail;
};

static bool run_change(struct store *s, void *arg)
{
	struct change *c = arg;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(store_db(s), c->sql, -1, &st, NULL) != SQLITE_OK)
		return false;
	bool ok = (!c->a || bind_announcement(st, c->a, c->now)) &&
		  sql_bind_text(st, ":text", c->text) && sql_bind_text(st, ":source", c->source) &&
		  sql_bind_int(st, ":now", c->now) && sqlite3_step(st) == SQLITE_DONE;
	c->ran = ok;
	c->changed = ok ? sqlite3_changes(store_db(s)) : 0;
	sqlite3_finalize(st);
	if (ok && c->a && !c->a->id)
		c->a->id = sqlite3_last_insert_rowid(store_db(s));
	if (!ok || !c->changed)
		return false;
	char id[32];
	snprintf(id, sizeof(id), "%lld", c->a ? (long long)c->a->id : 0LL);
	int rc = c->a			   ? asprintf(&c->detail, "%s: %s", id, c->a->title)
		 : c->source && *c->source ? asprintf(&c->detail, "%s/%s", c->source, c->text)
					   : asprintf(&c->detail, "%s", c->text);
	if (rc < 0)
		return false;
	return local_audit(s, c->origin, c->action, c->detail, c->now);
}

static bool apply(struct store *s, struct change *c, const char *unknown, char **err)
{
	bool ok = store_local_transaction(s, _("saving to local.db"), run_change, c, err);
	free(c->detail);
	if (ok) /* a damaged local.db will lose nothing */
		backup_local_latest(store_dir(s));
	/* Only a statement that ran and found nothing means "no such id";
	 * a busy, full or read-only database says so itself. */
	if (!ok && c->ran && !c->changed && unknown) {
		free(*err);
		*err = strdup(unknown);
	}
	return ok;
}

/* Checks in, then stores it with sql (an INSERT or an UPDATE). */
static bool save(struct store *s, const struct local_announcement *in, int64_t *id, const char *sql,
		 const char *action, const char *origin, int64_t now, char **err)
{
	*err = NULL;
	struct arena arena = {0};
	struct local_announcement a;
	bool ok = local_announcement_check(in, &a, &arena, err);
	if (ok) {
		struct change c = {
		    .sql = sql, .origin = origin, .action = action, .a = &a, .now = now};
		ok = apply(s, &c, _("there is no local announcement with that id"), err);
		if (ok && id)
			*id = a.id;
	}
	arena_free(&arena);
	return ok;
}

bool local_announcement_add(struct store *s, const struct local_announcement *a, int64_t *id,
			    const char *origin, int64_t now, char **err)
{
	struct local_announcement fresh = *a;
	fresh.id = 0;
	return save(s, &fresh, id,
		    "INSERT INTO local.announcements (title, body, lang, priority, valid_from,"
		    " valid_until, url, created_at, updated_at) VALUES (:title, :body, :lang,"
		    " :priority, :from, :until, :url, :now, :now)",
		    N_("announcement added"), origin, now, err);
}

bool local_announcement_edit(struct store *s, const struct local_announcement *a,
			     const char *origin, int64_t now, char **err)
{
	return save(s, a, NULL,
		    "UPDATE local.announcements SET title = :title, body = :body, lang = :lang,"
		    " priority = :priority, valid_from = :from, valid_until = :until, url = :url,"
		    " updated_at = :now WHERE id = :id",
		    N_("announcement edited"), origin, now, err);
}

bool local_announcement_remove(struct store *s, int64_t id, const char *origin, int64_t now,
			       char **err)
{
	*err = NULL;
	char text[32];
	snprintf(text, sizeof(text), "%lld", (long long)id);
	struct change c = {.sql = "DELETE FROM local.announcements WHERE id = :text",
			   .origin = origin,
			   .action = N_("announcement removed"),
			   .text = text,
			   .now = now};
	return apply(s, &c, _("there is no local announcement with that id"), err);
}

static void fill_announcement(sqlite3_stmt *st, struct arena *a, void *item)
{
	*(struct local_announcement *)item =
	    (struct local_announcement){.id = sqlite3_column_int64(st, 0),
					.title = sql_dup_column(a, st, 1),
					.body = sql_dup_column(a, st, 2),
					.url = sql_dup_column(a, st, 3),
					.lang = sql_dup_column(a, st, 4),
					.priority = sqlite3_column_int(st, 5),
					.valid_from = sqlite3_column_int64(st, 6),
					.valid_until = sqlite3_column_int64(st, 7),
					.created_at = sqlite3_column_int64(st, 8),
					.updated_at = sqlite3_column_int64(st, 9)};
}

static bool list_where(struct store *s, const char *where, int64_t id,
		       struct local_announcement_list *out, char **err)
{
	*out = (struct local_announcement_list){0};
	char sql[512];
	snprintf(sql, sizeof(sql),
		 "SELECT id, title, body, url, lang, priority, valid_from, valid_until, created_at,"
		 " updated_at FROM local.announcements %s ORDER BY coalesce(valid_from, created_at)"
		 " DESC, id DESC",
		 where);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) != SQLITE_OK)
		return store_error(s, _("reading local announcements"), err);
	bool ok =
	    sql_bind_int(st, ":id", id) && sql_collect(st, &out->arena, (void **)&out->v, &out->n,
						       sizeof(*out->v), fill_announcement);
	sqlite3_finalize(st);
	if (!ok)
		store_error(s, _("reading local announcements"), err);
	return ok;
}

bool local_announcement_list(struct store *s, struct local_announcement_list *out, char **err)
{
	return list_where(s, "", 0, out, err);
}

bool local_announcement_get(struct store *s, int64_t id, struct local_announcement_list *out,
			    char **err)
{
	return list_where(s, "WHERE id = :id", id, out, err);
}

void local_announcement_list_free(struct local_announcement_list *l)
{
	arena_free(&l->arena);
	*l = (struct local_announcement_list){0};
}

int local_purge(struct store *s, int64_t now)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(store_db(s),
			       "DELETE FROM local.announcements WHERE valid_until < :cut", -1, &st,
			       NULL) != SQLITE_OK)
		return -1;
	bool ok =
	    sql_bind_int(st, ":cut", now - LOCAL_KEEP_EXPIRED) && sqlite3_step(st) == SQLITE_DONE;
	int n = sqlite3_changes(store_db(s));
	sqlite3_finalize(st);
	if (ok && n > 0) {
		char detail[64];
		snprintf(detail, sizeof(detail), _("%d expired over 30 days ago"), n);
		local_audit(s, "system", N_("announcements purged"), detail, now);
	}
	return ok ? n : -1;
}

bool local_hide(struct store *s, const char *source, const char *id, const char *origin,
		int64_t now, char **err)
{
	*err = NULL;
	struct change c = {.sql = "INSERT OR IGNORE INTO local.hidden_activities"
				  " SELECT :source, :text, :now WHERE EXISTS (SELECT 1 FROM"
				  " activities WHERE source = :source AND id = :text)",
			   .origin = origin,
			   .action = N_("activity hidden"),
			   .text = id,
			   .source = source,
			   .now = now};
	return apply(s, &c, _("there is no such activity in the listings, or it is hidden already"),
		     err);
}

bool local_unhide(struct store *s, const char *source, const char *id, const char *origin,
		  int64_t now, char **err)
{
	*err = NULL;
	struct change c = {.sql = "DELETE FROM local.hidden_activities"
				  " WHERE source = :source AND activity_id = :text",
			   .origin = origin,
			   .action = N_("activity shown again"),
			   .text = id,
			   .source = source,
			   .now = now};
	return apply(s, &c, _("that activity is not hidden"), err);
}

static void fill_source(sqlite3_stmt *st, struct arena *a, void *item)
{
	*(const char **)item = sql_dup_column(a, st, 0);
}

bool local_sources_of(struct store *s, const char *id, bool hidden, struct source_names *out,
		      char **err)
{
	*out = (struct source_names){0};
	sqlite3_stmt *st;
	const char *sql = hidden ? "SELECT source FROM local.hidden_activities"
				   " WHERE activity_id = :id ORDER BY source"
				 : "SELECT source FROM activities WHERE id = :id ORDER BY source";
	if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) != SQLITE_OK)
		return store_error(s, _("finding the activity"), err);
	bool ok =
	    sql_bind_text(st, ":id", id) &&
	    sql_collect(st, &out->arena, (void **)&out->v, &out->n, sizeof(*out->v), fill_source);
	sqlite3_finalize(st);
	if (!ok)
		store_error(s, _("finding the activity"), err);
	return ok;
}

void source_names_free(struct source_names *l)
{
	arena_free(&l->arena);
	*l = (struct source_names){0};
}

static void fill_hidden(sqlite3_stmt *st, struct arena *a, void *item)
{
	*(struct hidden_activity *)item =
	    (struct hidden_activity){.source = sql_dup_column(a, st, 0),
				     .id = sql_dup_column(a, st, 1),
				     .name = sql_dup_column(a, st, 2),
				     .hidden_at = sqlite3_column_int64(st, 3)};
}

bool local_hidden_list(struct store *s, const char *lang, struct hidden_list *out, char **err)
{
	*out = (struct hidden_list){0};
	sqlite3_stmt *st;
	/* clang-format off */
	static const char sql[] =
	    "SELECT h.source, h.activity_id,"
	    "  (SELECT " ML("a.name") " FROM activities a WHERE a.id = h.activity_id"
	    "   AND h.source IN (a.source, '') LIMIT 1),"
	    "  h.hidden_at"
	    " FROM local.hidden_activities h ORDER BY h.hidden_at DESC";
	/* clang-format on */
	if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) != SQLITE_OK)
		return store_error(s, _("reading hidden activities"), err);
	bool ok =
	    sql_bind_text(st, ":lang", lang ? lang : "fi") &&
	    sql_collect(st, &out->arena, (void **)&out->v, &out->n, sizeof(*out->v), fill_hidden);
	sqlite3_finalize(st);
	if (!ok)
		store_error(s, _("reading hidden activities"), err);
	return ok;
}

void hidden_list_free(struct hidden_list *l)
{
	arena_free(&l->arena);
	*l = (struct hidden_list){0};
}

bool local_audit(struct store *s, const char *origin, const char *action, const char *detail,
		 int64_t now)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(store_db(s),
			       "INSERT INTO local.audit_log (at, origin, action, detail)"
			       " VALUES (:now, :origin, :action, :detail)",
			       -1, &st, NULL) != SQLITE_OK)
		return false;
	bool ok = sql_bind_int(st, ":now", now) && sql_bind_text(st, ":origin", origin) &&
		  sql_bind_text(st, ":action", action) && sql_bind_text(st, ":detail", detail) &&
		  sqlite3_step(st) == SQLITE_DONE;
	sqlite3_finalize(st);
	/* Every entry is the admin's to see in the journal too. */
	if (ok) {
		bool alarming =
		    !strcmp(action, "wrong PIN") || !strcmp(action, "local.db restored");
		journal_log(alarming ? LOG_WARNING : LOG_NOTICE, "%s (%s)%s%s", _(action), origin,
			    detail ? ": " : "", detail ? detail : "");
	}
	return ok;
}

static void fill_audit(sqlite3_stmt *st, struct arena *a, void *item)
{
	*(struct audit_entry *)item = (struct audit_entry){.at = sqlite3_column_int64(st, 0),
							   .origin = sql_dup_column(a, st, 1),
							   .action = sql_dup_column(a, st, 2),
							   .detail = sql_dup_column(a, st, 3)};
}

bool local_audit_list(struct store *s, int limit, struct audit_list *out, char **err)
{
	*out = (struct audit_list){0};
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(store_db(s),
			       "SELECT at, origin, action, detail FROM local.audit_log"
			       " ORDER BY id DESC LIMIT :limit",
			       -1, &st, NULL) != SQLITE_OK)
		return store_error(s, _("reading the audit log"), err);
	bool ok =
	    sql_bind_int(st, ":limit", limit) &&
	    sql_collect(st, &out->arena, (void **)&out->v, &out->n, sizeof(*out->v), fill_audit);
	sqlite3_finalize(st);
	if (!ok)
		store_error(s, _("reading the audit log"), err);
	return ok;
}

void audit_list_free(struct audit_list *l)
{
	arena_free(&l->arena);
	*l = (struct audit_list){0};
}

char *local_setting(struct store *s, const char *key)
{
	sqlite3_stmt *st;
	char *v = NULL;
	if (sqlite3_prepare_v2(store_db(s), "SELECT value FROM local.settings WHERE key = :key", -1,
			       &st, NULL) != SQLITE_OK)
		return NULL;
	if (sql_bind_text(st, ":key", key) && sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_text(st, 0))
		v = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return v;
}

bool local_set_setting(struct store *s, const char *key, const char *value)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(
		store_db(s),
		"INSERT OR REPLACE INTO local.settings (key, value) VALUES (:key, :value)", -1, &st,
		NULL) != SQLITE_OK)
		return false;
	bool ok = sql_bind_text(st, ":key", key) && sql_bind_text(st, ":value", value) &&
		  sqlite3_step(st) == SQLITE_DONE;
	sqlite3_finalize(st);
	return ok;
}

void local_maintain(struct store *s, const char *dir, int64_t now)
{
	local_purge(s, now);
	backup_local_if_due(dir, now);
}
