/* SPDX-License-Identifier: EUPL-1.2 */
/* publish_input: an input of the publisher, fetched, parsed and bundled. */
#include "config.h"

#include "publish/publish_input.h"

#include "publish/feed_write.h"
#include "sync/fetch.h"
#include "util/i18n.h"
#include "util/path.h"
#include "feed/recur.h"
#include "sync/sync.h"
#include "util/timefmt.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* An input is read whole again after this long even when its server says
 * "not modified": its adapter may read it differently as days pass. */
#define INPUT_REREAD_AFTER (24 * 3600)

/* Keeps s (malloc'd) among the strings items owns; NULL on failure. */
static char *own(struct input_items *items, char *s)
{
	if (!s)
		return NULL;
	char **more = realloc(items->owned, (items->n_owned + 1) * sizeof(*more));
	if (!more) {
		free(s);
		return NULL;
	}
	items->owned = more;
	items->owned[items->n_owned++] = s;
	return s;
}

static const struct feed_org *find_org(const struct feed *f, const char *id)
{
	for (size_t i = 0; id && i < f->n_organizations; i++)
		if (strcmp(f->organizations[i].id, id) == 0)
			return &f->organizations[i];
	return NULL;
}

static const struct feed_place *find_place(const struct feed *f, const char *id)
{
	for (size_t i = 0; id && i < f->n_places; i++)
		if (strcmp(f->places[i].id, id) == 0)
			return &f->places[i];
	return NULL;
}

/* Adds category id of f (and its parent) to the array cats, once. */
static void add_category(json_t *cats, const struct feed *f, const char *id, int depth)
{
	for (size_t i = 0; id && depth < 8 && i < f->n_categories; i++) {
		const struct feed_category *c = &f->categories[i];
		if (strcmp(c->id, id) != 0)
			continue;
		size_t k;
		json_t *e;
		json_array_foreach(cats, k, e)
		{
			if (strcmp(json_string_value(json_object_get(e, "id")), id) == 0)
				return;
		}
		json_array_append_new(cats, feed_write_category(c));
		add_category(cats, f, c->parent, depth + 1);
		return;
	}
}

/* The published id of an item: the input's name, a colon, its own id. */
static char *published_id(struct input_items *items, const char *input, const char *id)
{
	return own(items, path_format("%s:%s", input, id));
}

/* A schedule whose wall times are in another zone than the area's is
 * published as its dates over the look-ahead window: format 1 has one
 * zone a feed. */
static bool expand_foreign_schedule(const struct settings *cfg, struct feed *f,
				    struct feed_activity *a, int64_t now)
{
	const char *zone = a->schedule.tzid ? a->schedule.tzid : f->header.timezone;
	if (!a->schedule.rrule || !zone || strcmp(zone, cfg->publish.timezone) == 0)
		return true;
	int64_t from = timefmt_add_days(timefmt_day_start(now), -1);
	int64_t until = timefmt_add_days(from, (int)cfg->window_days + 1);
	if (!recur_expand(&f->arena, a, zone, from, until, NULL))
		return false;
	a->schedule = (struct feed_schedule){0};
	return true;
}

/* The bundle of one item: it, and what of f it refers to. */
static char *bundle(const char *kind, json_t *item, const struct feed *f, const char *org_id,
		    const char *place_id, const struct strlist *k1, const struct strlist *k2)
{
	json_t *b = json_object();
	json_object_set_new(b, kind, item);
	const struct feed_org *org = find_org(f, org_id);
	if (org)
		json_object_set_new(b, "organization", feed_write_org(org));
	const struct feed_place *place = find_place(f, place_id);
	if (place)
		json_object_set_new(b, "place", feed_write_place(place));
	json_t *cats = json_array();
	for (size_t i = 0; k1 && i < k1->n; i++)
		add_category(cats, f, k1->v[i], 0);
	for (size_t i = 0; k2 && i < k2->n; i++)
		add_category(cats, f, k2->v[i], 0);
	if (json_array_size(cats))
		json_object_set_new(b, "categories", cats);
	else
		json_decref(cats);
	char *text = json_dumps(b, JSON_COMPACT);
	json_decref(b);
	return text;
}

static bool add_item(struct input_items *items, const char *kind, char *id, const char *name,
		     char *body)
{
	if (!id || !own(items, body))
		return false;
	struct pstate_item *more = realloc(items->v, (items->n + 1) * sizeof(*more));
	if (!more)
		return false;
	items->v = more;
	items->v[items->n++] = (struct pstate_item){id, kind, name ? name : "", body};
	return true;
}

static bool bundle_feed(const struct settings *cfg, const struct source_config *in, struct feed *f,
			int64_t now, struct input_items *items)
{
	for (size_t i = 0; i < f->n_activities; i++) {
		struct feed_activity *a = &f->activities[i];
		char *id = published_id(items, in->name, a->id);
		if (!id || !expand_foreign_schedule(cfg, f, a, now))
			return false;
		char *body = bundle("activity", feed_write_activity(a, id), f, a->organizer_id,
				    a->place_id, &a->keywords, &a->audience);
		if (!add_item(items, "activity", id, a->name.fi, body))
			return false;
	}
	for (size_t i = 0; i < f->n_announcements; i++) {
		struct feed_announcement *x = &f->announcements[i];
		char *id = published_id(items, in->name, x->id);
		char *body = id ? bundle("announcement", feed_write_announcement(x, id), f,
					 x->publisher_id, NULL, NULL, NULL)
				: NULL;
		if (!add_item(items, "announcement", id, x->title.fi, body))
			return false;
	}
	/* The names point into f, which goes: they are copied. */
	for (size_t i = 0; i < items->n; i++)
		if (!(items->v[i].name = own(items, strdup(items->v[i].name))))
			return false;
	return true;
}

/* What of in's configuration shapes its items: when it changes, the
 * input is read and bundled again, whatever its server says. */
static char *options_of(const struct source_config *in)
{
	const char *v[] = {in->url,	  in->format,	in->feed_id, in->public_key,
			   in->organizer, in->language, in->topics,  in->categories};
	char *text = path_format("%ld %d", in->valid_days, in->review);
	for (size_t i = 0; text && i < sizeof(v) / sizeof(*v); i++) {
		char *more = path_format("%s\x1f%s", text, v[i] ? v[i] : "");
		free(text);
		text = more;
	}
	return text;
}

enum input_outcome publish_read_input(const struct settings *cfg, const struct source_config *in,
				      const struct pstate_input *prev, int64_t now,
				      struct input_items *items, struct pstate_input *got,
				      struct diag *d)
{
	*items = (struct input_items){0};
	*got = (struct pstate_input){0};
	/* Conditional GET while the last read was good, recent, and made
	 * with the same configuration. */
	char *options = own(items, options_of(in));
	bool conditional = options && prev->options && !strcmp(prev->options, options) &&
			   prev->last_success && !prev->error && prev->items &&
			   now - prev->last_success < INPUT_REREAD_AFTER;
	struct fetch_result fr;
	struct sync_signature sig;
	enum fetch_status fs =
	    sync_fetch(cfg, in, conditional ? prev->etag : NULL,
		       conditional ? prev->last_modified : NULL, now, &fr, &sig, d);
	enum input_outcome outcome = INPUT_FAILED;
	struct feed *f = NULL;
	if (fs == FETCH_NOT_MODIFIED) {
		*got = (struct pstate_input){.etag = prev->etag,
					     .last_modified = prev->last_modified,
					     .content_hash = prev->content_hash,
					     .options = prev->options,
					     .sequence = prev->sequence};
		outcome = INPUT_UNCHANGED;
		goto out;
	}
	if (fs == FETCH_FAILED)
		goto out;
	char hash[SYNC_HASH_HEX];
	sync_content_hash(fr.body, fr.len, hash);
	char *etag = own(items, fr.etag ? strdup(fr.etag) : NULL);
	char *modified = own(items, fr.last_modified ? strdup(fr.last_modified) : NULL);
	char *content_hash = own(items, strdup(hash));
	if (conditional && prev->content_hash && !strcmp(prev->content_hash, hash)) {
		*got = (struct pstate_input){.etag = etag,
					     .last_modified = modified,
					     .content_hash = prev->content_hash,
					     .options = prev->options,
					     .sequence = prev->sequence};
		outcome = INPUT_UNCHANGED;
		goto out;
	}
	f = sync_parse(in->format, fr.body, fr.len, now, in, d);
	if (!f)
		goto out;
	if (sync_format_versioned(in->format) && prev->sequence &&
	    f->header.sequence < prev->sequence) {
		diag_fail(d,
			  _("its sequence %lld is older than the %lld already read (a rollback); "
			    "its last good items are kept"),
			  (long long)f->header.sequence, (long long)prev->sequence);
		goto out;
	}
	if (!content_hash || !options || !bundle_feed(cfg, in, f, now, items)) {
		diag_fail(d, _("out of memory"));
		goto out;
	}
	/* One bad cell must not empty every lobby's listing of this input. */
	if (sync_looks_emptied(items->n, (long)prev->items, d, in->allow_empty)) {
		diag_fail(d,
			  _("it gives %zu items where it gave %zu, and %zu of its items had "
			    "problems (above): it looks broken, so its last good items are kept. "
			    "If the change is meant, fix those items, or set allow_empty = yes for "
			    "this input"),
			  items->n, prev->items, d->n_warnings);
		goto out;
	}
	*got = (struct pstate_input){
	    .etag = etag,
	    .last_modified = modified,
	    .content_hash = content_hash,
	    .options = options,
	    .sequence = sync_format_versioned(in->format) ? f->header.sequence : 0};
	outcome = INPUT_READ;
out:
	if (outcome == INPUT_FAILED) {
		input_items_free(items);
		*got = (struct pstate_input){0};
	}
	feed_free(f);
	fetch_result_free(&fr);
	return outcome;
}

void input_items_free(struct input_items *items)
{
	for (size_t i = 0; i < items->n_owned; i++)
		free(items->owned[i]);
	free(items->owned);
	free(items->v);
	*items = (struct input_items){0};
}
