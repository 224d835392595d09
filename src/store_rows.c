/* store_rows: listing and search rows from the parsed feed. */
#include "config.h"

#include "store_rows.h"

#include <stdlib.h>
#include <string.h>

static const char *const languages[] = {"fi", "sv", "en"};

static void add(struct store_rows *r, const char *s, size_t n)
{
	textbuf_add(&r->text, s, n);
}

static void add_str(struct store_rows *r, const char *s)
{
	if (s)
		add(r, s, strlen(s));
}

/* SEARCH_ML: every language's text, a space between, "" for one missing. */
static void add_ml(struct store_rows *r, const struct ml *m)
{
	add_str(r, m->fi);
	add(r, " ", 1);
	add_str(r, m->sv);
	add(r, " ", 1);
	add_str(r, m->en);
}

/* Binds the text made (a copy: the buffer is made again for the next). */
static bool bind_made(struct store_rows *r, sqlite3_stmt *st, int i)
{
	return !r->text.failed &&
	       sqlite3_bind_text(st, i, r->text.s ? r->text.s : "", (int)r->text.len,
				 SQLITE_TRANSIENT) == SQLITE_OK;
}

static bool bind_str(sqlite3_stmt *st, int i, const char *s)
{
	return (s ? sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC) : sqlite3_bind_null(st, i)) ==
	       SQLITE_OK;
}

static bool step(sqlite3_stmt *st, bool ok)
{
	ok = ok && sqlite3_step(st) == SQLITE_DONE;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return ok;
}

bool store_rows_begin(struct store_rows *r, sqlite3 *db, const struct feed *f)
{
	*r = (struct store_rows){.f = f};
	return feed_index_build(&r->index, f) &&
	       sqlite3_prepare_v2(
		   db, "INSERT INTO listing VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", -1,
		   &r->listing, NULL) == SQLITE_OK &&
	       sqlite3_prepare_v2(db,
				  "INSERT INTO activity_search"
				  " (rowid, name, description, organizer, categories, place)"
				  " VALUES (?, ?, ?, ?, ?, ?)",
				  -1, &r->search, NULL) == SQLITE_OK;
}

void store_rows_end(struct store_rows *r)
{
	sqlite3_finalize(r->listing);
	sqlite3_finalize(r->search);
	feed_index_free(&r->index);
	free(r->text.s);
	*r = (struct store_rows){0};
}

/* The categories' ids one per line, as group_concat(category_id, char(10))
 * over the activity's categories; false (NULL) when it has none. */
static bool add_category_ids(struct store_rows *r, const struct feed_activity *a)
{
	const struct strlist *lists[] = {&a->keywords, &a->audience};
	bool any = false;
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; i < lists[k]->n; i++) {
			if (any)
				add(r, "\n", 1);
			add_str(r, lists[k]->v[i]);
			any = true;
		}
	return any;
}

/* The names of the activity's categories known to the feed, each in every
 * language, a space between; false (NULL) when none is known. */
static bool add_category_names(struct store_rows *r, const struct feed_activity *a)
{
	const struct strlist *lists[] = {&a->keywords, &a->audience};
	bool any = false;
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; i < lists[k]->n; i++) {
			long c = feed_index_category(&r->index, lists[k]->v[i]);
			if (c < 0)
				continue;
			if (any)
				add(r, " ", 1);
			add_ml(r, &r->f->categories[c].name);
			any = true;
		}
	return any;
}

static bool write_listing(struct store_rows *r, const char *source, const struct feed_activity *a,
			  int64_t row, const struct feed_org *org, const struct feed_place *place)
{
	r->text.len = 0;
	bool has_categories = add_category_ids(r, a);
	bool ok = true;
	for (size_t l = 0; ok && l < sizeof(languages) / sizeof(*languages); l++) {
		sqlite3_stmt *st = r->listing;
		const char *lang = languages[l];
		ok = bind_str(st, 1, lang) && sqlite3_bind_int64(st, 2, row) == SQLITE_OK &&
		     bind_str(st, 3, source) && bind_str(st, 4, a->id) &&
		     bind_str(st, 5, ml_get(&a->name, lang)) &&
		     bind_str(st, 6, org ? ml_get(&org->name, lang) : NULL) &&
		     bind_str(st, 7, place ? ml_get(&place->name, lang) : NULL) &&
		     bind_str(st, 8, a->type) && bind_str(st, 9, a->attendance_mode) &&
		     bind_str(st, 10, a->event_status) &&
		     sqlite3_bind_int(st, 11, a->is_free) == SQLITE_OK &&
		     sqlite3_bind_int(st, 12, a->has_offers) == SQLITE_OK &&
		     (has_categories ? bind_made(r, st, 13) : bind_str(st, 13, NULL));
		ok = step(st, ok);
	}
	return ok;
}

static bool write_search(struct store_rows *r, const struct feed_activity *a, int64_t row,
			 const struct feed_org *org, const struct feed_place *place)
{
	static const struct ml none = {0};
	sqlite3_stmt *st = r->search;
	bool ok = sqlite3_bind_int64(st, 1, row) == SQLITE_OK;
	r->text.len = 0;
	add_ml(r, &a->name);
	ok = ok && bind_made(r, st, 2);
	r->text.len = 0;
	add_ml(r, &a->short_description);
	add(r, " ", 1);
	add_ml(r, &a->description);
	ok = ok && bind_made(r, st, 3);
	r->text.len = 0;
	add_ml(r, org ? &org->name : &none);
	ok = ok && bind_made(r, st, 4);
	r->text.len = 0;
	ok = ok && (add_category_names(r, a) ? bind_made(r, st, 5) : bind_str(st, 5, NULL));
	r->text.len = 0;
	add_ml(r, place ? &place->name : &none);
	add(r, " ", 1);
	add_ml(r, place ? &place->street_address : &none);
	add(r, " ", 1);
	add_ml(r, place ? &place->address_locality : &none);
	ok = ok && bind_made(r, st, 6);
	return step(st, ok);
}

bool store_rows_write(struct store_rows *r, const char *source, const struct feed_activity *a,
		      int64_t row)
{
	long o = feed_index_org(&r->index, a->organizer_id);
	long p = feed_index_place(&r->index, a->place_id);
	const struct feed_org *org = o >= 0 ? &r->f->organizations[o] : NULL;
	const struct feed_place *place = p >= 0 ? &r->f->places[p] : NULL;
	return write_listing(r, source, a, row, org, place) && write_search(r, a, row, org, place);
}
