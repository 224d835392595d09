/* SPDX-License-Identifier: EUPL-1.2 */
/* store_apply: writes one parsed feed into cache.db in place of all that
 * its source had, inside one transaction. Only what changed of an
 * activity (its digest's parts, activity_digest.h) is written: its row,
 * its categories, listing and search rows when its rows changed, its
 * dates when they did; the rest stays as it is. */
#include "config.h"

#include "store/store.h"
#include "store/store_bind.h"
#include "store/store_rows.h"
#include "store/activity_digest.h"
#include "util/i18n.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* Three parameters, for ML_SQL in the statement. */
#define ML_SQL "json_object('fi', ?, 'sv', ?, 'en', ?)"
/* The same, NULL when all three are: most dates have no note. */
#define ML_OR_NULL_SQL "nullif(" ML_SQL ", '{\"fi\":null,\"sv\":null,\"en\":null}')"
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

enum {
	ST_CATEGORY,
	ST_ORG,
	ST_PLACE,
	ST_ACTIVITY,
	ST_ACTIVITY_CATEGORY,
	ST_OCCURRENCE,
	ST_ANNOUNCEMENT,
	ST_UPDATE_ACTIVITY,
	ST_DELETE_SEARCH,
	ST_DELETE_LISTING,
	ST_DELETE_CATEGORIES,
	ST_DELETE_OCCURRENCES,
	ST_DELETE_ACTIVITY,
	ST_COUNT
};

/* An activity's columns but its rowid, as bind_activity binds them. */
#define ACTIVITY_COLUMNS                                                                           \
	"source, id, type, name, short_description, description, schedule_text, organizer_id,"     \
	" place_id, attendance_mode, online_url, phone, info_url, event_status, in_language,"      \
	" has_offers, is_free, price, offers_info_url, has_registration, registration_required,"   \
	" registration_url, registration_phone, registration_email, registration_info,"            \
	" membership_required, valid_from, valid_until, updated_at, has_schedule, undated, digest"
#define ACTIVITY_VALUES                                                                            \
	"?, ?, ?, " ML_SQL ", " ML_SQL ", " ML_SQL ", " ML_SQL                                     \
	", ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " ML_SQL ", ?, ?, ?, ?, ?, ?, " ML_SQL                    \
	", ?, ?, ?, ?, ?, ?, ?"

static const char *const insert_sql[ST_COUNT] = {
    [ST_CATEGORY] = "INSERT INTO categories VALUES (?, ?, ?, " ML_SQL ", ?)",
    [ST_ORG] = "INSERT INTO organizations VALUES (?, ?, ?, " ML_SQL ", " ML_SQL ", ?, ?, ?)",
    [ST_PLACE] =
	"INSERT INTO places VALUES (?, ?, " ML_SQL ", " ML_SQL ", " ML_SQL ", ?, ?, ?, " ML_SQL ")",
    [ST_ACTIVITY] =
	"INSERT INTO activities (rowid, " ACTIVITY_COLUMNS ") VALUES (?, " ACTIVITY_VALUES ")",
    [ST_UPDATE_ACTIVITY] =
	"UPDATE activities SET (" ACTIVITY_COLUMNS ") = (" ACTIVITY_VALUES ") WHERE rowid = ?",
    [ST_ACTIVITY_CATEGORY] = "INSERT INTO activity_categories VALUES (?, ?, ?)",
    [ST_OCCURRENCE] = "INSERT INTO occurrences VALUES (?, ?, ?, ?, " ML_OR_NULL_SQL ")",
    [ST_ANNOUNCEMENT] =
	"INSERT INTO announcements VALUES (?, ?, " ML_SQL ", " ML_SQL ", ?, ?, ?, ?, ?, ?)",
    /* An activity's rows, by its rowid; occurrences and categories also
     * follow the activity (ON DELETE CASCADE). */
    [ST_DELETE_SEARCH] = "DELETE FROM activity_search WHERE rowid = ?",
    [ST_DELETE_LISTING] = "DELETE FROM listing WHERE lang IN ('fi', 'sv', 'en') AND activity = ?",
    [ST_DELETE_CATEGORIES] = "DELETE FROM activity_categories WHERE activity = ?",
    [ST_DELETE_OCCURRENCES] = "DELETE FROM occurrences WHERE activity = ?",
    [ST_DELETE_ACTIVITY] = "DELETE FROM activities WHERE rowid = ?",
};

/* An activity the source had before this apply. */
struct stored {
	const char *id;
	int64_t rowid;
	unsigned char digest[ACTIVITY_DIGEST_BYTES];
	bool has_digest; /* rows from before cache schema 8 have none (or one part) */
	bool kept;	 /* the new feed has it too */
};

struct apply {
	const char *name;
	const struct feed *f;
	const struct source_state *state;
	const struct store_apply_hooks *hooks;
	bool refused; /* a hook said no */
	sqlite3_stmt *st[ST_COUNT];
	struct arena arena;    /* of stored and their ids */
	struct stored *stored; /* sorted by id */
	size_t n_stored;
	unsigned char *digests;	  /* of f's activities */
	struct stored **previous; /* of each of f's activities, or NULL */
	unsigned char *written;	  /* of each of f's activities: WRITE_* */
	bool *dated;		  /* of each of f's activities: its dates written */
	bool whole;		  /* every activity written, as into an empty cache */
	struct store_rows rows;	  /* their listing and search rows */
	struct store_apply_counts counts;
	struct shown *shown; /* the source's announcements as stored, by id */
	size_t n_shown;
};

/* An announcement's window as stored. */
struct shown {
	const char *id;
	int64_t valid_from, valid_until;
};

static int shown_by_id(const void *a, const void *b)
{
	return strcmp(((const struct shown *)a)->id, ((const struct shown *)b)->id);
}

/* Runs a statement whose one parameter is the source's name. */
static bool run_for_source(struct store *s, const char *sql, const char *name)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) != SQLITE_OK)
		return false;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	bool ok = sqlite3_step(st) == SQLITE_DONE;
	sqlite3_finalize(st);
	return ok;
}

/* Everything of the source but its activities, which go one by one. */
static bool delete_source_rows(struct store *s, const char *name)
{
	static const char *const sql[] = {
	    "DELETE FROM categories WHERE source = ?1",
	    "DELETE FROM organizations WHERE source = ?1",
	    "DELETE FROM places WHERE source = ?1",
	    "DELETE FROM announcements WHERE source = ?1",
	};
	for (size_t i = 0; i < sizeof(sql) / sizeof(*sql); i++)
		if (!run_for_source(s, sql[i], name))
			return false;
	return true;
}

/* What is written of an activity. */
enum { WRITE_ROWS = 1, WRITE_DATES = 2, WRITE_NEW = 4 };

/* Runs statement k with one rowid. */
static bool run_for_rowid(struct apply *ap, int k, int64_t rowid)
{
	struct binder b = {ap->st[k], 0, true};
	bind_int(&b, rowid);
	return run(&b);
}

/* Deletes the listing and search rows made from a stored activity. */
static bool delete_rows_of(struct apply *ap, int64_t rowid)
{
	return run_for_rowid(ap, ST_DELETE_SEARCH, rowid) &&
	       run_for_rowid(ap, ST_DELETE_LISTING, rowid);
}

/* Deletes a stored activity and every row made from it. */
static bool delete_activity(struct apply *ap, int64_t rowid)
{
	return delete_rows_of(ap, rowid) && run_for_rowid(ap, ST_DELETE_ACTIVITY, rowid);
}

/* Binds activity i's columns but its rowid (ACTIVITY_COLUMNS). */
static void bind_activity(struct binder *b, const struct apply *ap, size_t i)
{
	const struct feed_activity *a = &ap->f->activities[i];
	bind_text(b, ap->name);
	bind_text(b, a->id);
	bind_text(b, a->type);
	bind_ml(b, &a->name);
	bind_ml(b, &a->short_description);
	bind_ml(b, &a->description);
	bind_ml(b, &a->schedule_text);
	bind_text(b, a->organizer_id);
	bind_text(b, a->place_id);
	bind_text(b, a->attendance_mode);
	bind_text(b, a->online_url);
	bind_text(b, a->phone);
	bind_text(b, a->info_url);
	bind_text(b, a->event_status);
	bind_list(b, &a->in_language);
	bind_int(b, a->has_offers);
	bind_int(b, a->is_free);
	bind_ml(b, &a->price);
	bind_text(b, a->offers_info_url);
	bind_int(b, a->has_registration);
	bind_int(b, a->registration_required);
	bind_text(b, a->registration_url);
	bind_text(b, a->registration_phone);
	bind_text(b, a->registration_email);
	bind_ml(b, &a->registration_info);
	bind_int(b, a->membership_required);
	bind_time(b, a->valid_from);
	bind_time(b, a->valid_until);
	bind_time(b, a->updated_at);
	bind_int(b, a->schedule.rrule != NULL);
	bind_int(b, !a->schedule.rrule && !a->n_occurrences); /* undated */
	b->ok = b->ok && sqlite3_bind_blob(b->st, ++b->i, ap->digests + i * ACTIVITY_DIGEST_BYTES,
					   ACTIVITY_DIGEST_BYTES, SQLITE_STATIC) == SQLITE_OK;
}

/* Activity i's topics and life situations, of rowid row. */
static bool insert_categories(struct apply *ap, size_t i, int64_t row)
{
	const struct feed_activity *a = &ap->f->activities[i];
	const struct strlist *lists[] = {&a->keywords, &a->audience};
	static const char *const usages[] = {"topic", "audience"};
	for (int k = 0; k < 2; k++) {
		for (size_t j = 0; j < lists[k]->n; j++) {
			struct binder c = {ap->st[ST_ACTIVITY_CATEGORY], 0, true};
			bind_int(&c, row);
			bind_text(&c, lists[k]->v[j]);
			bind_text(&c, usages[k]);
			if (!run(&c))
				return false;
		}
	}
	return true;
}

/* Activity i's dates, of rowid row. */
static bool insert_occurrences(struct apply *ap, size_t i, int64_t row)
{
	const struct feed_activity *a = &ap->f->activities[i];
	for (size_t j = 0; j < a->n_occurrences; j++) {
		struct binder o = {ap->st[ST_OCCURRENCE], 0, true};
		bind_int(&o, row);
		bind_int(&o, a->occurrences[j].start);
		bind_time(&o, a->occurrences[j].end);
		bind_text(&o, a->occurrences[j].status);
		bind_ml(&o, &a->occurrences[j].note);
		if (!run(&o))
			return false;
	}
	return true;
}

/* Writes what changed of activity i (written[i]): a new one whole (with
 * its previous rowid when it had one); of a stored one, its row, and its
 * categories, listing and search rows or its dates. */
static bool write_activity(struct apply *ap, size_t i)
{
	const struct stored *e = ap->previous[i];
	unsigned what = ap->written[i];
	bool fresh = what & WRITE_NEW;
	int64_t row = e ? e->rowid : 0;
	/* Written whole, the source's rows are gone already. */
	if (fresh && e && !ap->whole && !delete_activity(ap, row))
		return false;
	if (!fresh && (what & WRITE_ROWS) &&
	    (!delete_rows_of(ap, row) || !run_for_rowid(ap, ST_DELETE_CATEGORIES, row)))
		return false;
	if (!fresh && (what & WRITE_DATES) && !run_for_rowid(ap, ST_DELETE_OCCURRENCES, row))
		return false;
	struct binder b = {ap->st[fresh ? ST_ACTIVITY : ST_UPDATE_ACTIVITY], 0, true};
	if (fresh)
		bind_time(&b, row); /* 0: NULL, a new rowid */
	bind_activity(&b, ap, i);
	if (!fresh)
		bind_int(&b, row);
	if (!run(&b))
		return false;
	if (fresh)
		row = sqlite3_last_insert_rowid(sqlite3_db_handle(b.st));
	return (!(what & WRITE_ROWS) ||
		(insert_categories(ap, i, row) &&
		 store_rows_write(&ap->rows, ap->name, &ap->f->activities[i], row))) &&
	       (!(what & WRITE_DATES) || insert_occurrences(ap, i, row));
}

/* The categories, organisations and places: what activities refer to. */
static bool insert_references(struct apply *ap)
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
	return true;
}

/* The windows of the source's announcements as stored, before they are
 * replaced: one dated when first seen keeps that date. */
static bool load_shown(struct store *s, struct apply *ap)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(
		store_db(s),
		"SELECT id, valid_from, valid_until FROM announcements WHERE source = ?", -1, &st,
		NULL) != SQLITE_OK)
		return false;
	sqlite3_bind_text(st, 1, ap->name, -1, SQLITE_STATIC);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (!arena_grow(&ap->arena, (void **)&ap->shown, ap->n_shown, &cap,
				sizeof(*ap->shown)))
			break;
		struct shown *e = &ap->shown[ap->n_shown];
		*e = (struct shown){arena_strndup(&ap->arena,
						  (const char *)sqlite3_column_text(st, 0),
						  (size_t)sqlite3_column_bytes(st, 0)),
				    sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2)};
		if (!e->id)
			break;
		ap->n_shown++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return false;
	if (ap->n_shown)
		qsort(ap->shown, ap->n_shown, sizeof(*ap->shown), shown_by_id);
	return true;
}

static bool insert_announcements(struct apply *ap)
{
	const struct feed *f = ap->f;
	for (size_t i = 0; i < f->n_announcements; i++) {
		struct feed_announcement a = f->announcements[i];
		const struct shown key = {.id = a.id};
		const struct shown *was =
		    a.dated_by_first_sight && ap->n_shown
			? bsearch(&key, ap->shown, ap->n_shown, sizeof(*ap->shown), shown_by_id)
			: NULL;
		if (was && was->valid_from) {
			a.valid_from = was->valid_from;
			a.valid_until = was->valid_until;
		}
		struct binder b = {ap->st[ST_ANNOUNCEMENT], 0, true};
		bind_text(&b, ap->name);
		bind_text(&b, a.id);
		bind_ml(&b, &a.title);
		bind_ml(&b, &a.body);
		bind_int(&b, a.priority);
		bind_time(&b, a.valid_from);
		bind_time(&b, a.valid_until);
		bind_text(&b, a.publisher_id);
		bind_list(&b, &a.municipality_codes);
		bind_text(&b, a.url);
		if (!run(&b))
			return false;
	}
	return true;
}

static int stored_by_id(const void *a, const void *b)
{
	return strcmp(((const struct stored *)a)->id, ((const struct stored *)b)->id);
}

/* The source's activities as they are now, sorted by id. */
static bool load_stored(struct store *s, struct apply *ap)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(store_db(s),
			       "SELECT id, rowid, digest FROM activities WHERE source = ?", -1, &st,
			       NULL) != SQLITE_OK)
		return false;
	sqlite3_bind_text(st, 1, ap->name, -1, SQLITE_STATIC);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (!arena_grow(&ap->arena, (void **)&ap->stored, ap->n_stored, &cap,
				sizeof(*ap->stored)))
			break;
		struct stored *e = &ap->stored[ap->n_stored];
		*e = (struct stored){.id = arena_strndup(&ap->arena,
							 (const char *)sqlite3_column_text(st, 0),
							 (size_t)sqlite3_column_bytes(st, 0)),
				     .rowid = sqlite3_column_int64(st, 1)};
		if (!e->id)
			break;
		ap->n_stored++;
		const void *digest = sqlite3_column_blob(st, 2);
		if (digest && sqlite3_column_bytes(st, 2) == ACTIVITY_DIGEST_BYTES) {
			memcpy(e->digest, digest, ACTIVITY_DIGEST_BYTES);
			e->has_digest = true;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return false;
	if (ap->n_stored)
		qsort(ap->stored, ap->n_stored, sizeof(*ap->stored), stored_by_id);
	return true;
}

/* Whether part (DIGEST_ROWS, DIGEST_DATES) of digest d differs from e's. */
static bool part_changed(const struct stored *e, const unsigned char *d, int part)
{
	return memcmp(e->digest + part, d + part, ACTIVITY_DIGEST_PART) != 0;
}

/* What of the feed's activity i is to be written: a new one (or one
 * stored without a whole digest) whole, of a stored one its parts that
 * changed. */
static unsigned what_changed(const struct apply *ap, size_t i)
{
	const struct stored *e = ap->previous[i];
	const unsigned char *d = ap->digests + i * ACTIVITY_DIGEST_BYTES;
	if (!e || !e->has_digest)
		return WRITE_NEW | WRITE_ROWS | WRITE_DATES;
	return (part_changed(e, d, DIGEST_ROWS) ? WRITE_ROWS : 0) |
	       (part_changed(e, d, DIGEST_DATES) ? WRITE_DATES : 0);
}

/* Which of the feed's activities are to be written, and what of them. */
static bool plan_writes(struct apply *ap)
{
	const struct feed *f = ap->f;
	const struct store_apply_hooks *h = ap->hooks;
	size_t n = f->n_activities ? f->n_activities : 1, rows_written = 0;
	ap->digests = activity_digests(f, h ? h->from : 0, h ? h->until : 0);
	ap->previous = calloc(n, sizeof(*ap->previous));
	ap->written = calloc(n, sizeof(*ap->written));
	ap->dated = calloc(n, sizeof(*ap->dated));
	if (!ap->digests || !ap->previous || !ap->written || !ap->dated)
		return false;
	for (size_t i = 0; i < f->n_activities; i++) {
		struct stored key = {.id = f->activities[i].id};
		struct stored *e = ap->n_stored ? bsearch(&key, ap->stored, ap->n_stored,
							  sizeof(key), stored_by_id)
						: NULL;
		/* An id twice in one feed is inserted twice and refused whole. */
		if (e && e->kept)
			e = NULL;
		if (e)
			e->kept = true;
		ap->previous[i] = e;
		ap->written[i] = (unsigned char)what_changed(ap, i);
		ap->counts.written += ap->written[i] != 0;
		rows_written += (ap->written[i] & WRITE_ROWS) != 0;
	}
	for (size_t k = 0; k < ap->n_stored; k++)
		ap->counts.removed += !ap->stored[k].kept;
	/* When the rows of many changed (a cache from before digests, another
	 * feed), the source is written whole, as into an empty cache: deleting
	 * one activity at a time costs more than writing the unchanged ones
	 * again (make bench). New dates alone (every schedule's, once a day)
	 * are written activity by activity. */
	ap->whole = ap->n_stored == 0 || rows_written * 3 > f->n_activities;
	for (size_t i = 0; i < f->n_activities; i++) {
		if (ap->whole)
			ap->written[i] = WRITE_NEW | WRITE_ROWS | WRITE_DATES;
		ap->dated[i] = (ap->written[i] & WRITE_DATES) != 0;
	}
	if (h && h->plan && !h->plan(h->ctx, ap->dated)) {
		ap->refused = true;
		return false;
	}
	return true;
}

/* Deletes the activities the feed no longer has and writes what changed
 * of the others, one at a time; or, for a source written whole, deletes
 * all its rows in three statements and writes every activity. Activities
 * kept keep their rowids: a screen showing one finds it again. */
static bool write_activities(struct store *s, struct apply *ap)
{
	const struct store_apply_hooks *h = ap->hooks;
	static const char *const delete_whole[] = {
	    "DELETE FROM activity_search WHERE rowid IN"
	    " (SELECT rowid FROM activities WHERE source = ?1)",
	    "DELETE FROM listing WHERE source = ?1",
	    "DELETE FROM activities WHERE source = ?1", /* cascades */
	};
	for (size_t k = 0; ap->whole && k < sizeof(delete_whole) / sizeof(*delete_whole); k++)
		if (!run_for_source(s, delete_whole[k], ap->name))
			return false;
	for (size_t k = 0; !ap->whole && k < ap->n_stored; k++)
		if (!ap->stored[k].kept && !delete_activity(ap, ap->stored[k].rowid))
			return false;
	for (size_t i = 0; i < ap->f->n_activities; i++) {
		if (!ap->written[i])
			continue;
		if (ap->dated[i] && h && h->ready && !h->ready(h->ctx, i)) {
			ap->refused = true;
			return false;
		}
		if (!write_activity(ap, i))
			return false;
	}
	return true;
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
	if (!store_rows_begin(&ap->rows, store_db(s), ap->f))
		return false;
	return load_shown(s, ap) && delete_source_rows(s, ap->name) && insert_references(ap) &&
	       load_stored(s, ap) && plan_writes(ap) && write_activities(s, ap) &&
	       insert_announcements(ap) && save_state(s, ap);
}

bool store_apply_feed_with(struct store *s, const char *name, const struct feed *f,
			   const struct source_state *st, const struct store_apply_hooks *hooks,
			   struct store_apply_counts *counts, char **err)
{
	struct apply ap = {.name = name, .f = f, .state = st, .hooks = hooks};
	bool ok = store_transaction(s, _("saving the feed"), apply_in_transaction, &ap, err);
	for (int i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(ap.st[i]);
	store_rows_end(&ap.rows);
	arena_free(&ap.arena);
	free(ap.digests);
	free(ap.previous);
	free(ap.written);
	free(ap.dated);
	if (ap.refused) {
		free(*err);
		*err = NULL;
	}
	if (counts)
		*counts = ok ? ap.counts : (struct store_apply_counts){0};
	return ok;
}

bool store_apply_feed(struct store *s, const char *name, const struct feed *f,
		      const struct source_state *st, char **err)
{
	return store_apply_feed_with(s, name, f, st, NULL, NULL, err);
}
