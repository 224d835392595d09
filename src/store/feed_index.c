/* SPDX-License-Identifier: EUPL-1.2 */
/* feed_index: a feed's referenced things by id. */
#include "config.h"

#include "store/feed_index.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

_Static_assert(offsetof(struct feed_org, id) == 0 && offsetof(struct feed_place, id) == 0 &&
		   offsetof(struct feed_category, id) == 0,
	       "each indexed struct begins with its id");

static int by_id(const void *a, const void *b)
{
	return strcmp(((const struct feed_index_entry *)a)->id,
		      ((const struct feed_index_entry *)b)->id);
}

/* n things of size bytes from first, whose id is the first member. */
static struct feed_index_entry *sorted(const void *first, size_t n, size_t size)
{
	struct feed_index_entry *v = malloc((n ? n : 1) * sizeof(*v));
	for (size_t i = 0; v && i < n; i++)
		v[i] = (struct feed_index_entry){
		    *(const char *const *)((const char *)first + i * size), i};
	if (v)
		qsort(v, n, sizeof(*v), by_id);
	return v;
}

bool feed_index_build(struct feed_index *x, const struct feed *f)
{
	*x = (struct feed_index){
	    .orgs = sorted(f->organizations, f->n_organizations, sizeof(*f->organizations)),
	    .places = sorted(f->places, f->n_places, sizeof(*f->places)),
	    .categories = sorted(f->categories, f->n_categories, sizeof(*f->categories)),
	    .n_orgs = f->n_organizations,
	    .n_places = f->n_places,
	    .n_categories = f->n_categories};
	if (x->orgs && x->places && x->categories)
		return true;
	feed_index_free(x);
	return false;
}

void feed_index_free(struct feed_index *x)
{
	free(x->orgs);
	free(x->places);
	free(x->categories);
	*x = (struct feed_index){0};
}

static long find(const struct feed_index_entry *v, size_t n, const char *id)
{
	struct feed_index_entry key = {.id = id};
	const struct feed_index_entry *e = id ? bsearch(&key, v, n, sizeof(key), by_id) : NULL;
	return e ? (long)e->pos : -1;
}

long feed_index_org(const struct feed_index *x, const char *id)
{
	return find(x->orgs, x->n_orgs, id);
}

long feed_index_place(const struct feed_index *x, const char *id)
{
	return find(x->places, x->n_places, id);
}

long feed_index_category(const struct feed_index *x, const char *id)
{
	return find(x->categories, x->n_categories, id);
}
