/* SPDX-License-Identifier: EUPL-1.2 */
/* feed_json: parser of the central feed, format 1, into struct feed: the
 * document read member by member, the activities one at a time; the
 * items themselves in feed_json_items.c. */
#include "config.h"

#include "feed/feed_json.h"

#include "feed/feed_json_items.h"
#include "util/json_bump.h"
#include "util/json_members.h"
#include "util/i18n.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

typedef void item_parser(struct ctx *c, json_t *o, const char *path, void *item);

/* A section of items: its name, what its items are called in warnings,
 * their ids, size and parser, and where the parsed ones go. */
struct section {
	const char *name, *kind;
	struct strset *ids;
	size_t item_size;
	item_parser *parse;
	void **out;
	size_t *n;
};

/* Item i of section sec into the next slot of items; a skipped one leaves
 * no trace. */
static void parse_item(struct ctx *c, const struct section *sec, json_t *o, size_t i, char *items)
{
	char path[PATH_MAX_LEN];
	snprintf(path, sizeof(path), "%s[%zu]", sec->name, i);
	void *slot = items + *sec->n * sec->item_size;
	c->bad = false;
	if (!json_is_object(o)) {
		feed_json_skip(c, path, NULL, _("not an object"));
		return;
	}
	sec->parse(c, o, path, slot);
	if (c->bad)
		memset(slot, 0, sec->item_size);
	else
		(*sec->n)++;
}

/* Parses section sec, arr (an array, or NULL when absent), into a new
 * array of items. */
static bool parse_section(struct ctx *c, const struct section *sec, json_t *arr)
{
	*sec->n = 0;
	size_t count = json_is_array(arr) ? json_array_size(arr) : 0;
	if (arr && !json_is_null(arr) && !json_is_array(arr))
		return diag_fail(c->d, _("%s: not an array"), sec->name);
	char *items = arena_alloc(&c->f->arena, (count + 1) * sec->item_size);
	if (!items || !strset_init(sec->ids, &c->f->arena, count))
		return diag_fail(c->d, _("out of memory while reading %s"), sec->name);
	c->kind = sec->kind;
	for (size_t i = 0; i < count; i++)
		parse_item(c, sec, json_array_get(arr, i), i, items);
	*sec->out = items;
	return true;
}

static bool not_valid_json(struct diag *d, const json_error_t *err)
{
	return diag_fail(d, _("not a valid JSON document (line %d, column %d: %s)"), err->line,
			 err->column, err->text);
}

/* Parses section sec, the array r has entered, one item at a time: only
 * one item's tree is in memory at once (bump is reset after each). */
static bool parse_section_streamed(struct ctx *c, const struct section *sec, struct json_members *r,
				   struct json_bump *bump)
{
	*sec->n = 0;
	size_t cap = 0, i = 0;
	char *items = NULL;
	if (!strset_init(sec->ids, &c->f->arena, 0) ||
	    !arena_room(&c->f->arena, (void **)&items, 0, &cap, sec->item_size))
		return diag_fail(c->d, _("out of memory while reading %s"), sec->name);
	c->kind = sec->kind;
	json_t *o;
	enum json_step step;
	while ((step = json_members_item(r, &o)) == JSON_STEP_ITEM) {
		/* Room for this one and a zeroed slot after the last, cleared
		 * here: not the doubled room ahead, which is never touched. */
		bool room =
		    arena_grow(&c->f->arena, (void **)&items, *sec->n + 1, &cap, sec->item_size) &&
		    strset_reserve(sec->ids, &c->f->arena, sec->ids->n + 1);
		if (room) {
			memset(items + *sec->n * sec->item_size, 0, 2 * sec->item_size);
			parse_item(c, sec, o, i++, items);
		}
		json_decref(o);
		json_bump_reset(bump);
		json_members_release_behind(r);
		if (!room)
			return diag_fail(c->d, _("out of memory while reading %s"), sec->name);
		if (!diag_within_budget(c->d, false))
			return false;
	}
	if (step == JSON_STEP_ERROR)
		return not_valid_json(c->d, &r->error);
	/* The room doubled for items never read goes (a fifth of the feed's
	 * memory at 50,000 activities). */
	void *fitted =
	    arena_resize(&c->f->arena, items, cap * sec->item_size, (*sec->n + 1) * sec->item_size);
	*sec->out = fitted ? fitted : items;
	return true;
}

/* What the top level of the document held, as it is read. */
struct top {
	bool format_ok, version_ok, seen_format, seen_version;
	bool seen[5];	      /* of the sections, in sections[] order */
	bool header_done;     /* "feed" parsed */
	size_t activities_at; /* where the activities' value starts, when deferred */
	bool activities_deferred;
};

enum { SEC_CATEGORIES, SEC_ORGANIZATIONS, SEC_PLACES, SEC_ACTIVITIES, SEC_ANNOUNCEMENTS };

/* Activities refer to the categories, organisations and places: they are
 * read as they come only when those (and the header) came first, as in
 * every feed this project writes; otherwise after the rest. */
static bool activities_now(const struct top *t)
{
	return t->header_done && t->seen[SEC_CATEGORIES] && t->seen[SEC_ORGANIZATIONS] &&
	       t->seen[SEC_PLACES];
}

/* Section sec's value at r, decoded whole. */
static bool read_section(struct ctx *c, const struct section *sec, struct json_members *r)
{
	json_t *v = json_members_value(r);
	if (!v)
		return not_valid_json(c->d, &r->error);
	bool ok = parse_section(c, sec, v);
	json_decref(v);
	return ok;
}

/* The activities' value at r: item by item when an array. */
static bool read_activities(struct ctx *c, const struct section *sec, struct json_members *r,
			    struct json_bump *bump)
{
	return json_members_enter_array(r) ? parse_section_streamed(c, sec, r, bump)
					   : read_section(c, sec, r);
}

/* Steps over the value at r (an array item by item) without keeping it. */
static bool skip_value(struct ctx *c, struct json_members *r, struct json_bump *bump)
{
	json_t *v;
	if (json_members_enter_array(r)) {
		enum json_step step;
		while ((step = json_members_item(r, &v)) == JSON_STEP_ITEM) {
			json_decref(v);
			json_bump_reset(bump);
		}
		return step == JSON_STEP_END || not_valid_json(c->d, &r->error);
	}
	if (!(v = json_members_value(r)))
		return not_valid_json(c->d, &r->error);
	json_decref(v);
	return true;
}

/* One member of the top-level object, its key read. */
static bool read_member(struct ctx *c, struct json_members *r, const char *key,
			const struct section *sections, struct top *t, struct json_bump *bump)
{
	for (int k = 0; k < 5; k++) {
		if (strcmp(key, sections[k].name) != 0)
			continue;
		if (t->seen[k])
			return diag_fail(c->d, _("%s: given twice"), key);
		t->seen[k] = true;
		if (k == SEC_ACTIVITIES && !activities_now(t)) {
			t->activities_deferred = true;
			t->activities_at = json_members_tell(r);
			return skip_value(c, r, bump);
		}
		return k == SEC_ACTIVITIES ? read_activities(c, &sections[k], r, bump)
					   : read_section(c, &sections[k], r);
	}
	json_t *v = json_members_value(r);
	if (!v)
		return not_valid_json(c->d, &r->error);
	bool ok = true;
	if (!strcmp(key, "format")) {
		t->seen_format = true;
		t->format_ok = json_is_string(v) && !strcmp(json_string_value(v), "aulataulu-feed");
	} else if (!strcmp(key, "format_version")) {
		t->seen_version = true;
		t->version_ok = json_is_integer(v) && json_integer_value(v) == 1;
	} else if (!strcmp(key, "feed")) {
		ok = t->header_done ? diag_fail(c->d, _("%s: given twice"), key)
				    : feed_json_header(c, v);
		t->header_done = true;
	}
	json_decref(v);
	return ok;
}

/* The document's shape, read as a whole: why it is refused. */
static void refuse_whole(const char *buf, size_t len, struct diag *d)
{
	json_error_t err;
	json_t *root = json_loadb(buf, len, 0, &err);
	if (!root)
		not_valid_json(d, &err);
	else
		diag_fail(d, _("the document is not a JSON object"));
	json_decref(root);
}

/* The feed in buf; owned: buf, when its memory may go as it is read. */
static struct feed *parse_document(const char *buf, char *owned, size_t len, struct diag *d)
{
	struct json_bump bump;
	json_bump_begin(&bump);
	struct json_members r;
	struct arena arena = {0};
	struct feed *f = NULL;
	if (!(owned ? json_members_open_consuming(&r, owned, len)
		    : json_members_open(&r, buf, len))) {
		refuse_whole(buf, len, d);
		goto out;
	}
	f = arena_alloc(&arena, sizeof(*f));
	if (!f) {
		diag_fail(d, _("out of memory"));
		goto out;
	}
	f->arena = arena;
	struct ctx c = {.f = f, .d = d};
	const struct section sections[5] = {
	    [SEC_CATEGORIES] = {"categories", "category", &c.categories,
				sizeof(struct feed_category), feed_json_category,
				(void **)&f->categories, &f->n_categories},
	    [SEC_ORGANIZATIONS] = {"organizations", "organization", &c.organizations,
				   sizeof(struct feed_org), feed_json_org,
				   (void **)&f->organizations, &f->n_organizations},
	    [SEC_PLACES] = {"places", "place", &c.places, sizeof(struct feed_place),
			    feed_json_place, (void **)&f->places, &f->n_places},
	    [SEC_ACTIVITIES] = {"activities", "activity", &c.activities,
				sizeof(struct feed_activity), feed_json_activity,
				(void **)&f->activities, &f->n_activities},
	    [SEC_ANNOUNCEMENTS] = {"announcements", "announcement", &c.announcements,
				   sizeof(struct feed_announcement), feed_json_announcement,
				   (void **)&f->announcements, &f->n_announcements},
	};
	struct top t = {0};
	json_t *key;
	enum json_step step = JSON_STEP_END;
	bool ok = true;
	while (ok && (step = json_members_key(&r, &key)) == JSON_STEP_ITEM) {
		/* A wrong format is refused before its content is read. */
		ok = (!t.seen_format || t.format_ok) && (!t.seen_version || t.version_ok) &&
		     read_member(&c, &r, json_string_value(key), sections, &t, &bump);
		json_decref(key);
		json_bump_reset(&bump);
	}
	if (ok && step == JSON_STEP_ERROR)
		ok = not_valid_json(d, &r.error);
	if (!d->error && !t.format_ok)
		ok = diag_fail(d, _("format: expected \"aulataulu-feed\""));
	else if (!d->error && !t.version_ok)
		ok = diag_fail(d, _("format_version: this terminal reads version 1 only"));
	else if (ok && !t.header_done)
		ok = diag_fail(d, _("feed: the header object is missing"));
	/* The sections not in the document are empty. */
	for (int k = 0; ok && k < 5; k++)
		if (!t.seen[k])
			ok = parse_section(&c, &sections[k], NULL);
	if (ok && t.activities_deferred) {
		json_members_seek(&r, t.activities_at);
		ok = read_activities(&c, &sections[SEC_ACTIVITIES], &r, &bump);
	}
	ok = ok && !d->error; /* out of memory inside an item */
	if (!ok) {
		feed_free(f);
		f = NULL;
	}
out:
	json_bump_end(&bump); /* the whole document, without a walk through it */
	return f;
}

struct feed *feed_json_parse(const char *buf, size_t len, struct diag *d)
{
	return parse_document(buf, NULL, len, d);
}

struct feed *feed_json_parse_consuming(char *buf, size_t len, struct diag *d)
{
	return parse_document(buf, buf, len, d);
}
