/* SPDX-License-Identifier: EUPL-1.2 */
/* store_rows: listing and search rows from the parsed feed. */
#include "config.h"

#include "store/store_rows.h"

#include "store/store_bind.h"

#include <stdlib.h>
#include <string.h>

static const char *const languages[] = {"fi", "sv", "en"};

static void add_str(struct store_rows *r, const char *s)
{
	if (s)
		textbuf_add(&r->text, s, strlen(s));
}

/* SEARCH_ML: every language's text, a space between, "" for one missing. */
static void add_ml(struct store_rows *r, const struct ml *m)
{
	add_str(r, m->fi);
	textbuf_add(&r->text, " ", 1);
	add_str(r, m->sv);
	textbuf_add(&r->text, " ", 1);
	add_str(r, m->en);
}

/* Binds the text made (copied: the buffer is made again for the next). */
static void bind_made(struct store_rows *r, struct binder *b)
{
	b->ok = b->ok && !r->text.failed;
	bind_copy(b, r->text.s, r->text.len);
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

/* The activity's categories, sep between: their ids, or (names) the
 * names in every language of those the feed knows, as cache migrations 4
 * and 5 joined them; false (bind NULL) when there are none. */
static bool add_categories(struct store_rows *r, const struct feed_activity *a, bool names,
			   const char *sep)
{
	const struct strlist *lists[] = {&a->keywords, &a->audience};
	bool any = false;
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; i < lists[k]->n; i++) {
			long c = names ? feed_index_category(&r->index, lists[k]->v[i]) : 0;
			if (c < 0)
				continue;
			if (any)
				add_str(r, sep);
			if (names)
				add_ml(r, &r->f->categories[c].name);
			else
				add_str(r, lists[k]->v[i]);
			any = true;
		}
	return any;
}

static bool write_listing(struct store_rows *r, const char *source, const struct feed_activity *a,
			  int64_t row, const struct feed_org *org, const struct feed_place *place)
{
	r->text.len = 0;
	bool has_categories = add_categories(r, a, false, "\n");
	bool ok = true;
	for (size_t l = 0; ok && l < sizeof(languages) / sizeof(*languages); l++) {
		const char *lang = languages[l];
		struct binder b = {r->listing, 0, true};
		bind_text(&b, lang);
		bind_int(&b, row);
		bind_text(&b, source);
		bind_text(&b, a->id);
		bind_text(&b, ml_get(&a->name, lang));
		bind_text(&b, org ? ml_get(&org->name, lang) : NULL);
		bind_text(&b, place ? ml_get(&place->name, lang) : NULL);
		bind_text(&b, a->type);
		bind_text(&b, a->attendance_mode);
		bind_text(&b, a->event_status);
		bind_int(&b, a->is_free);
		bind_int(&b, a->has_offers);
		if (has_categories)
			bind_made(r, &b);
		else
			bind_text(&b, NULL);
		ok = run(&b);
	}
	return ok;
}

static bool write_search(struct store_rows *r, const struct feed_activity *a, int64_t row,
			 const struct feed_org *org, const struct feed_place *place)
{
	static const struct ml none = {0};
	struct binder b = {r->search, 0, true};
	bind_int(&b, row);
	r->text.len = 0;
	add_ml(r, &a->name);
	bind_made(r, &b);
	r->text.len = 0;
	add_ml(r, &a->short_description);
	textbuf_add(&r->text, " ", 1);
	add_ml(r, &a->description);
	bind_made(r, &b);
	r->text.len = 0;
	add_ml(r, org ? &org->name : &none);
	bind_made(r, &b);
	r->text.len = 0;
	if (add_categories(r, a, true, " "))
		bind_made(r, &b);
	else
		bind_text(&b, NULL);
	r->text.len = 0;
	add_ml(r, place ? &place->name : &none);
	textbuf_add(&r->text, " ", 1);
	add_ml(r, place ? &place->street_address : &none);
	textbuf_add(&r->text, " ", 1);
	add_ml(r, place ? &place->address_locality : &none);
	bind_made(r, &b);
	return run(&b);
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
