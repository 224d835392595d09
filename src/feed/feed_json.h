/* SPDX-License-Identifier: EUPL-1.2 */
/* feed_json: parser of the central feed, format 1 (aulataulu JSON).
 *
 * feed_json_parse() reads a whole document, the activities one at a time. A document-level problem
 * (not JSON, not UTF-8, wrong format or version, bad header) rejects it: NULL is returned and
 * d->error says why. An item that breaks its rules is skipped with a warning in d naming its JSON
 * path; the rest is returned. The caller owns the result (feed_free) and the messages (diag_clear).
 */
#ifndef AULATAULU_FEED_JSON_H
#define AULATAULU_FEED_JSON_H

#include "util/diag.h"
#include "feed/feed.h"

#include <stddef.h>

/* Longest texts accepted, in characters (longer: the item is skipped). */
#define FEED_MAX_NAME 200
#define FEED_MAX_TITLE 120
#define FEED_MAX_SHORT 500
#define FEED_MAX_BODY 2000
#define FEED_MAX_DESCRIPTION 10000
#define FEED_MAX_FIELD 2048
/* An occurrence's note: what differs on that date (name, place, text). */
#define FEED_MAX_NOTE 600

struct feed *feed_json_parse(const char *buf, size_t len, struct diag *d);

/* feed_json_parse for a document read once and freed after: the memory of
 * what has been read goes back to the kernel as the activities are read
 * (buf's content is gone after the call, but not its allocation). */
struct feed *feed_json_parse_consuming(char *buf, size_t len, struct diag *d);

#endif
