/* store_apply: writes one parsed feed into cache.db, replacing all that its
 * source had, inside one transaction. */
#include "config.h"

#include "store.h"
#include "store_listing.h"
#include "i18n.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* Binds parameters left to right; the first failure sticks in ok. */
struct binder {
	sqlite3_stmt *st;
	int i;
	bool ok;
};

static void bind_text(struct binder *b, const char *s)
{
	int rc = s ? sqlite3_bind_text(b->st, ++b->i, s, -1, SQLITE_STATIC)
		   : sqlite3_bind_null(b->st, ++b->i);
	b->ok = b->ok && rc == SQLITE_OK;
}

static void bind_int(struct binder *b, int64_t v)
{
	b->ok = b->ok && sqlite3_bind_int64(b->st, ++b->i, v) == SQLITE_OK;
}

/* A time, NULL when not given. */
static void bind_time(struct binder *b, int64_t t)
{
	int rc = t ? sqlite3_bind_int64(b->st, ++b->i, t) : sqlite3_bind_null(b->st, ++b->i);
	b->ok = b->ok && rc == SQLITE_OK;
}

/* Three parameters, for ML_SQL in the statement. */
#define ML_SQL "json_object('fi', ?, 'sv', ?, 'en', ?)"
static void bind_ml(struct binder *b, const struct ml *m)
{
	bind_text(b, m->fi);
	bind_text(b, m->sv);
	bind_text(b, m->en);
}

/* A string list as a JSON array; the JSON text is freed by SQLite. */
static void bind_list(struct binder *b, const struct strlist *l)
{
	json_t *arr = json_array();
	for (size_t i = 0; arr && i < l->n; i++)
		json_array_append_new(arr, json_string(l->v[i]));
	char *text = arr ? json_dumps(arr, JSON_COMPACT) : NULL;
	json_decref(arr);
	b->ok = b->ok && text && sqlite3_bind_text(b->st, ++b->i, text, -1, free) == SQLITE_OK;
}

/* Runs the statement with what was bound and makes it ready for the next row. */
static bool run(struct binder *b)
{
	bool ok = b->ok && sqlite3_step(b->st) == SQLITE_DONE;
	sqlite3_reset(b->st);
	sqlite3_clear_bindings(b->st);
	b->i = 0;
	b->ok = true;
	return ok;
}

enum {
	ST_CATEGORY,
	ST_ORG,
	ST_PLACE,
	ST_ACTIVITY,
	ST_ACTIVITY_CATEGORY,
	ST_OCCURRENCE,
	ST_ANNOUNCEMENT,
	ST_COUNT
};

static const char *const insert_sql[ST_COUNT] = {
    [ST_CATEGORY] = "INSERT INTO categories VALUES (?, ?, ?, " ML_SQL ", ?)",
    [ST_ORG] = "INSERT INTO organizations VALUES (?, ?, ?, " ML_SQL ", " ML_SQL ", ?, ?, ?)",
    [ST_PLACE] =
	"INSERT INTO places VALUES (?, ?, " ML_SQL ", " ML_SQL ", " ML_SQL ", ?, ?, ?, " ML_SQL ")",
    [ST_ACTIVITY] = "INSERT INTO activities VALUES (NULL, ?, ?, ?, " ML_SQL ", " ML_SQL ", " ML_SQL
		    ", " ML_SQL ", ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " ML_SQL
		    ", ?, ?, ?, ?, ?, ?, " ML_SQL ", ?, ?, ?, ?, ?, ?)",
    [ST_ACTIVITY_CATEGORY] = "INSERT INTO activity_categories VALUES (?, ?, ?)",
    [ST_OCCURRENCE] = "INSERT INTO occurrences VALUES (?, ?, ?, ?)",
    [ST_ANNOUNCEMENT] =
	"INSERT INTO announcements VALUES (?, ?, " ML_SQL ", " ML_SQL ", ?, ?, ?, ?, ?, ?)",
};

struct apply {
	const char *name;
	const struct feed *f;
	const struct source_state *state;
	store_ready_fn *ready;
	void *ready_ctx;
	bool refused; /* ready said no */
	sqlite3_stmt *st[ST_COUNT];
};

static bool delete_source(struct store *s, const char *name)
{
	static const char *const sql[] = {
	    "DELETE FROM activity_search WHERE rowid IN"
	    " (SELECT rowid FROM activities WHERE source = ?1)",
	    "DELETE FROM listing WHERE source = ?1",
	    "DELETE FROM activities WHERE source = ?1", /* cascades */
	    "DELETE FROM categories WHERE source = ?1",
	    "DELETE FROM organizations WHERE source = ?1",
	    "DELETE FROM places WHERE source = ?1",
	    "DELETE FROM announcements WHERE source = ?1",
	};
	for (size_t i = 0; i < sizeof(sql) / sizeof(*sql); i++) {
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(store_db(s), sql[i], -1, &st, NULL) != SQLITE_OK)
			return false;
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
		int rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return false;
	}
	return true;
}

/* Every language's text of m, for the search index. */

static bool insert_activity(struct apply *ap, const struct feed_activity *a)
{
	struct binder b = {ap->st[ST_ACTIVITY], 0, true};
	bind_text(&b, ap->name);
	bind_text(&b, a->id);
	bind_text(&b, a->type);
	bind_ml(&b, &a->name);
	bind_ml(&b, &a->short_description);
	bind_ml(&b, &a->description);
	bind_ml(&b, &a->schedule_text);
	bind_text(&b, a->organizer_id);
	bind_text(&b, a->place_id);
	bind_text(&b, a->attendance_mode);
	bind_text(&b, a->online_url);
	bind_text(&b, a->phone);
	bind_text(&b, a->info_url);
	bind_text(&b, a->event_status);
	bind_list(&b, &a->in_language);
	bind_int(&b, a->has_offers);
	bind_int(&b, a->is_free);
	bind_ml(&b, &a->price);
	bind_text(&b, a->offers_info_url);
	bind_int(&b, a->has_registration);
	bind_int(&b, a->registration_required);
	bind_text(&b, a->registration_url);
	bind_text(&b, a->registration_phone);
	bind_text(&b, a->registration_email);
	bind_ml(&b, &a->registration_info);
	bind_int(&b, a->membership_required);
	bind_time(&b, a->valid_from);
	bind_time(&b, a->valid_until);
	bind_time(&b, a->updated_at);
	bind_int(&b, a->schedule.rrule != NULL);
	bind_int(&b, !a->schedule.rrule && !a->n_occurrences); /* undated */
	if (!run(&b))
		return false;
	int64_t row = sqlite3_last_insert_rowid(sqlite3_db_handle(b.st));

	const struct strlist *lists[] = {&a->keywords, &a->audience};
	static const char *const usages[] = {"topic", "audience"};
	for (int k = 0; k < 2; k++) {
		for (size_t i = 0; i < lists[k]->n; i++) {
			struct binder c = {ap->st[ST_ACTIVITY_CATEGORY], 0, true};
			bind_int(&c, row);
			bind_text(&c, lists[k]->v[i]);
			bind_text(&c, usages[k]);
			if (!run(&c))
				return false;
		}
	}
	for (size_t i = 0; i < a->n_occurrences; i++) {
		struct binder o = {ap->st[ST_OCCURRENCE], 0, true};
		bind_int(&o, row);
		bind_int(&o, a->occurrences[i].start);
		bind_time(&o, a->occurrences[i].end);
		bind_text(&o, a->occurrences[i].status);
		if (!run(&o))
			return false;
	}
	return true;
}

static bool insert_all(struct apply *ap)
{
	const struct feed *f = ap->f;
	for (size_t i = 0; i < f->n_categories; i++) {
		const struct feed_category *c = &f->categories[i];
		struct binder b = {ap->st[ST_CATEGORY], 0, true};
		bind_text(&b, ap->name);
		bind_text(&b, c->id);
		bind_text(&b, c->usage == USAGE_AUDIENCE ? "audience" : "topic");
		bind_ml(&b, &c->name);
		bind_text(&b, c->parent);
		if (!run(&b))
			return false;
	}
	for (size_t i = 0; i < f->n_organizations; i++) {
		const struct feed_org *o = &f->organizations[i];
		struct binder b = {ap->st[ST_ORG], 0, true};
		bind_text(&b, ap->name);
		bind_text(&b, o->id);
		bind_text(&b, o->kind);
		bind_ml(&b, &o->name);
		bind_ml(&b, &o->description);
		bind_text(&b, o->url);
		bind_text(&b, o->phone);
		bind_text(&b, o->email);
		if (!run(&b))
			return false;
	}
	for (size_t i = 0; i < f->n_places; i++) {
		const struct feed_place *p = &f->places[i];
		struct binder b = {ap->st[ST_PLACE], 0, true};
		bind_text(&b, ap->name);
		bind_text(&b, p->id);
		bind_ml(&b, &p->name);
		bind_ml(&b, &p->street_address);
		bind_ml(&b, &p->address_locality);
		bind_text(&b, p->postal_code);
		bind_text(&b, p->municipality_code);
		bind_int(&b, p->accessibility);
		bind_ml(&b, &p->extra_info);
		if (!run(&b))
			return false;
	}
	for (size_t i = 0; i < f->n_activities; i++) {
		if (ap->ready && !ap->ready(ap->ready_ctx, i)) {
			ap->refused = true;
			return false;
		}
		if (!insert_activity(ap, &f->activities[i]))
			return false;
	}
	for (size_t i = 0; i < f->n_announcements; i++) {
		const struct feed_announcement *a = &f->announcements[i];
		struct binder b = {ap->st[ST_ANNOUNCEMENT], 0, true};
		bind_text(&b, ap->name);
		bind_text(&b, a->id);
		bind_ml(&b, &a->title);
		bind_ml(&b, &a->body);
		bind_int(&b, a->priority);
		bind_time(&b, a->valid_from);
		bind_time(&b, a->valid_until);
		bind_text(&b, a->publisher_id);
		bind_list(&b, &a->municipality_codes);
		bind_text(&b, a->url);
		if (!run(&b))
			return false;
	}
	return true;
}

/* Runs one of the per-source statements (store_listing.h) for source name. */
static bool insert_for_source(struct store *s, const char *sql, const char *name)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) != SQLITE_OK)
		return false;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	bool ok = sqlite3_step(st) == SQLITE_DONE;
	sqlite3_finalize(st);
	return ok;
}

/* The listing's rows, and the search's: every language's text of the
 * activity, its organiser, topics, life situations and place. */
static bool insert_listing(struct store *s, const char *name)
{
	return insert_for_source(s, LISTING_INSERT("WHERE a.source = ?"), name) &&
	       insert_for_source(s, SEARCH_INSERT("WHERE a.source = ?"), name);
}

static bool save_state(struct store *s, struct apply *ap)
{
	const struct source_state *st = ap->state;
	const struct feed_header *h = &ap->f->header;
	sqlite3_stmt *stmt;
	if (sqlite3_prepare_v2(store_db(s),
			       "INSERT OR REPLACE INTO sources VALUES"
			       " (?, ?, ?, ?, ?, ?, ?, ?, ?, " ML_SQL ", ?, ?)",
			       -1, &stmt, NULL) != SQLITE_OK)
		return false;
	struct binder b = {stmt, 0, true};
	bind_text(&b, ap->name);
	bind_text(&b, h->id);
	bind_int(&b, h->sequence);
	bind_text(&b, st->etag);
	bind_text(&b, st->last_modified);
	bind_time(&b, st->fetched_at);
	bind_time(&b, h->generated_at);
	bind_time(&b, h->expires_at);
	bind_text(&b, h->timezone);
	bind_ml(&b, &h->publisher_name);
	bind_text(&b, h->publisher_url);
	bind_text(&b, st->content_hash);
	bool ok = run(&b);
	sqlite3_finalize(stmt);
	return ok;
}

static bool apply_in_transaction(struct store *s, void *arg)
{
	struct apply *ap = arg;
	for (int i = 0; i < ST_COUNT; i++)
		if (sqlite3_prepare_v2(store_db(s), insert_sql[i], -1, &ap->st[i], NULL) !=
		    SQLITE_OK)
			return false;
	return delete_source(s, ap->name) && insert_all(ap) && insert_listing(s, ap->name) &&
	       save_state(s, ap);
}

bool store_apply_feed_when_ready(struct store *s, const char *name, const struct feed *f,
				 const struct source_state *st, store_ready_fn *ready, void *ctx,
				 char **err)
{
	struct apply ap = {.name = name, .f = f, .state = st, .ready = ready, .ready_ctx = ctx};
	bool ok = store_transaction(s, _("saving the feed"), apply_in_transaction, &ap, err);
	for (int i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(ap.st[i]);
	if (ap.refused) {
		free(*err);
		*err = NULL;
	}
	return ok;
}

bool store_apply_feed(struct store *s, const char *name, const struct feed *f,
		      const struct source_state *st, char **err)
{
	return store_apply_feed_when_ready(s, name, f, st, NULL, NULL, err);
}
