/* SPDX-License-Identifier: EUPL-1.2 */
/* feed_json_items: format 1's items and header, for feed_json.c, which
 * reads the document around them. */
#ifndef AULATAULU_FEED_JSON_ITEMS_H
#define AULATAULU_FEED_JSON_ITEMS_H

#include "util/diag.h"
#include "feed/feed.h"
#include "feed/feed_json.h"
#include "util/strset.h"

#include <jansson.h>
#include <stdbool.h>

/* Parsing state of one document; `bad` marks the current item as skipped. */
struct ctx {
	struct feed *f;
	struct diag *d;
	const char *kind; /* "activity", ...: named in skip warnings */
	bool bad;
	struct strset categories, organizations, places, activities, announcements;
};

/* The longest JSON path named in a warning. */
#define PATH_MAX_LEN 160

/* Skips the current item (c->bad), warning "path.key: why (kind skipped)"
 * (key may be NULL). */
void feed_json_skip(struct ctx *c, const char *path, const char *key, const char *why);

/* Each parses the JSON object o at path p into item (zeroed room for
 * one); c->bad afterwards: it was skipped, with a warning in c->d. */
void feed_json_category(struct ctx *c, json_t *o, const char *p, void *item);
void feed_json_org(struct ctx *c, json_t *o, const char *p, void *item);
void feed_json_place(struct ctx *c, json_t *o, const char *p, void *item);
void feed_json_activity(struct ctx *c, json_t *o, const char *p, void *item);
void feed_json_announcement(struct ctx *c, json_t *o, const char *p, void *item);

/* The header object v into c->f->header; false with c->d->error. */
bool feed_json_header(struct ctx *c, json_t *v);

#endif
