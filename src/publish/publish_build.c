/* SPDX-License-Identifier: EUPL-1.2 */
/* publish_build: the feed document from the publisher's stored items. */
#include "config.h"

#include "publish/publish_build.h"

#include "publish/feed_write.h"
#include "util/i18n.h"
#include "sync/sync.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* The document being built: each section, and the ids already in it. */
struct build {
	json_t *sections[5], *seen[3];
	struct publish_counts *counts;
};

enum { CATEGORIES, ORGANIZATIONS, PLACES, ACTIVITIES, ANNOUNCEMENTS };
static const char *const section_names[] = {"categories", "organizations", "places", "activities",
					    "announcements"};

/* Appends item to section s unless an item with its id is there. */
static void add_once(struct build *b, int s, json_t *item)
{
	const char *id = json_string_value(json_object_get(item, "id"));
	if (!id || json_object_get(b->seen[s], id))
		return;
	json_object_set_new(b->seen[s], id, json_true());
	json_array_append(b->sections[s], item);
}

static bool add_bundle(void *ctx, const char *kind, const char *body)
{
	struct build *b = ctx;
	json_t *bundle = json_loads(body, 0, NULL);
	if (!bundle)
		return false;
	bool activity = !strcmp(kind, "activity");
	json_array_append(b->sections[activity ? ACTIVITIES : ANNOUNCEMENTS],
			  json_object_get(bundle, kind));
	*(activity ? &b->counts->activities : &b->counts->announcements) += 1;
	json_t *org = json_object_get(bundle, "organization");
	json_t *place = json_object_get(bundle, "place");
	if (org)
		add_once(b, ORGANIZATIONS, org);
	if (place)
		add_once(b, PLACES, place);
	size_t i;
	json_t *c;
	json_array_foreach(json_object_get(bundle, "categories"), i, c)
	{
		add_once(b, CATEGORIES, c);
	}
	json_decref(bundle);
	return true;
}

static json_t *header(const struct settings *cfg)
{
	const struct publish_settings *p = &cfg->publish;
	json_t *h = json_object();
	json_object_set_new(h, "id", json_string(p->feed_id));
	json_object_set_new(h, "timezone", json_string(p->timezone));
	json_t *pub = json_object();
	struct ml name = {p->publisher, p->publisher_sv, p->publisher_en};
	json_object_set_new(pub, "name", feed_write_ml(&name));
	if (p->publisher_url)
		json_object_set_new(pub, "url", json_string(p->publisher_url));
	json_object_set_new(h, "publisher", pub);
	return h;
}

json_t *publish_build(const struct settings *cfg, struct pstate *st, struct publish_counts *counts,
		      char **err)
{
	*counts = (struct publish_counts){0};
	struct build b = {.counts = counts};
	json_t *doc = json_object();
	json_object_set_new(doc, "format", json_string("aulataulu-feed"));
	json_object_set_new(doc, "format_version", json_integer(1));
	json_object_set_new(doc, "feed", header(cfg));
	for (int s = 0; s < 5; s++) {
		b.sections[s] = json_array();
		json_object_set_new(doc, section_names[s], b.sections[s]);
	}
	for (int s = 0; s < 3; s++)
		b.seen[s] = json_object();
	bool ok = true;
	for (size_t i = 0; ok && i < cfg->n_inputs; i++)
		ok = pstate_each_item(st, cfg->inputs[i].name, add_bundle, &b, err);
	for (int s = 0; s < 3; s++)
		json_decref(b.seen[s]);
	if (!ok) {
		json_decref(doc);
		return NULL;
	}
	return doc;
}

void publish_content_hash(json_t *doc, char out[PUBLISH_HASH_HEX])
{
	char *text = json_dumps(doc, JSON_COMPACT);
	sync_content_hash(text ? text : "", text ? strlen(text) : 0, out);
	free(text);
}
