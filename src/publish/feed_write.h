/* SPDX-License-Identifier: EUPL-1.2 */
/* feed_write: the items of a parsed feed (feed.h) written back as format 1
 * JSON objects (jansson), as the publisher serves them. What a parser
 * left out stays out; times are RFC 3339 in the process's time zone. */
#ifndef AULATAULU_FEED_WRITE_H
#define AULATAULU_FEED_WRITE_H

#include "feed/feed.h"

struct json_t;

/* Each returns a new object (NULL when out of memory). id: the id it is
 * published under (NULL: its own). */
struct json_t *feed_write_category(const struct feed_category *x);
struct json_t *feed_write_org(const struct feed_org *x);
struct json_t *feed_write_place(const struct feed_place *x);
struct json_t *feed_write_activity(const struct feed_activity *x, const char *id);
struct json_t *feed_write_announcement(const struct feed_announcement *x, const char *id);

/* Multilingual text as {"fi", "sv", "en"} (absent languages left out),
 * or NULL when it has none. */
struct json_t *feed_write_ml(const struct ml *m);

#endif
