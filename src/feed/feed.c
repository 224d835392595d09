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

struct feed_place *feed_place_for(struct feed *f, size_t *cap, const char *id, bool *added)
{
	*added = false;
	for (size_t i = 0; i < f->n_places; i++)
		if (!strcmp(f->places[i].id, id))
			return &f->places[i];
	if (!arena_room(&f->arena, (void **)&f->places, f->n_places, cap, sizeof(*f->places)))
		return NULL;
	*added = true;
	struct feed_place *x = &f->places[f->n_places++];
	*x = (struct feed_place){.id = id};
	return x;
}

struct feed_org *feed_org_for(struct feed *f, size_t *cap, const char *id, const char *name)
{
	for (size_t i = 0; i < f->n_organizations; i++)
		if (!strcmp(f->organizations[i].id, id))
			return &f->organizations[i];
	if (!arena_room(&f->arena, (void **)&f->organizations, f->n_organizations, cap,
			sizeof(*f->organizations)))
		return NULL;
	struct feed_org *x = &f->organizations[f->n_organizations++];
	*x = (struct feed_org){.id = id, .kind = "other", .name = {name}};
	return x;
}
