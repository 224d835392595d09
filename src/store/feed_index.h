/* SPDX-License-Identifier: EUPL-1.2 */
/* feed_index: a parsed feed's organisations, places and categories found
 * by id, for what an activity refers to (its digest, its listing and
 * search rows). */
#ifndef AULATAULU_FEED_INDEX_H
#define AULATAULU_FEED_INDEX_H

#include "feed/feed.h"

#include <stdbool.h>
#include <stddef.h>

struct feed_index_entry {
	const char *id;
	size_t pos; /* in the feed's array */
};

struct feed_index {
	struct feed_index_entry *orgs, *places, *categories; /* sorted by id */
	size_t n_orgs, n_places, n_categories;
};

/* Indexes f (which must outlive x); false when out of memory. */
bool feed_index_build(struct feed_index *x, const struct feed *f);
void feed_index_free(struct feed_index *x);

/* The position of id (may be NULL) among the feed's organisations,
 * places or categories, or -1 when there is none. */
long feed_index_org(const struct feed_index *x, const char *id);
long feed_index_place(const struct feed_index *x, const char *id);
long feed_index_category(const struct feed_index *x, const char *id);

#endif
