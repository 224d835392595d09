/* SPDX-License-Identifier: EUPL-1.2 */
/* feed: the model shared by every feed parser and the store. */
#include "config.h"

#include "feed/feed.h"

#include <stdlib.h>
#include <string.h>

const char *ml_get(const struct ml *m, const char *lang)
{
	const char *s = NULL;
	if (lang && strcmp(lang, "sv") == 0)
		s = m->sv;
	else if (lang && strcmp(lang, "en") == 0)
		s = m->en;
	return s && *s ? s : m->fi;
}

void feed_free(struct feed *f)
{
	if (!f)
		return;
	struct arena a = f->arena; /* f itself lives in its arena */
	arena_free(&a);
}

/* FNV-1a: ids are short and varied. */
static size_t hash_id(const char *s)
{
	size_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

long feed_lookup_find(const struct feed_lookup *x, const char *id)
{
	if (!x->n_slots)
		return -1;
	for (size_t i = hash_id(id) & (x->n_slots - 1);; i = (i + 1) & (x->n_slots - 1)) {
		if (!x->slots[i].id)
			return -1;
		if (!strcmp(x->slots[i].id, id))
			return (long)x->slots[i].pos;
	}
}

static void put(struct feed_lookup_slot *slots, size_t n_slots, struct feed_lookup_slot s)
{
	size_t i = hash_id(s.id) & (n_slots - 1);
	while (slots[i].id)
		i = (i + 1) & (n_slots - 1);
	slots[i] = s;
}

bool feed_lookup_add(struct feed_lookup *x, struct arena *a, const char *id, size_t pos)
{
	/* At most half full, so that a miss ends soon. */
	if (2 * (x->n + 1) > x->n_slots) {
		size_t n_slots = x->n_slots ? 2 * x->n_slots : 64;
		struct feed_lookup_slot *slots = arena_alloc(a, n_slots * sizeof(*slots));
		if (!slots)
			return false;
		for (size_t i = 0; i < x->n_slots; i++)
			if (x->slots[i].id)
				put(slots, n_slots, x->slots[i]);
		x->slots = slots;
		x->n_slots = n_slots;
	}
	put(x->slots, x->n_slots, (struct feed_lookup_slot){id, pos});
	x->n++;
	return true;
}

struct feed_place *feed_place_for(struct feed *f, struct feed_lookup *x, const char *id,
				  bool *added)
{
	*added = false;
	long at = feed_lookup_find(x, id);
	if (at >= 0)
		return &f->places[at];
	if (!arena_room(&f->arena, (void **)&f->places, f->n_places, &x->cap, sizeof(*f->places)) ||
	    !feed_lookup_add(x, &f->arena, id, f->n_places))
		return NULL;
	*added = true;
	struct feed_place *p = &f->places[f->n_places++];
	*p = (struct feed_place){.id = id};
	return p;
}

struct feed_org *feed_org_for(struct feed *f, struct feed_lookup *x, const char *id,
			      const char *name)
{
	long at = feed_lookup_find(x, id);
	if (at >= 0)
		return &f->organizations[at];
	if (!arena_room(&f->arena, (void **)&f->organizations, f->n_organizations, &x->cap,
			sizeof(*f->organizations)) ||
	    !feed_lookup_add(x, &f->arena, id, f->n_organizations))
		return NULL;
	struct feed_org *o = &f->organizations[f->n_organizations++];
	*o = (struct feed_org){.id = id, .kind = "other", .name = {name}};
	return o;
}
