/* SPDX-License-Identifier: EUPL-1.2 */
/* feed_rss: the wellbeing area's news, RSS (0.9x, 1.0, 2.0) or Atom, into
 * announcements: an item's title, its summary as text (HTML made text),
 * its link as the code to scan, its publication (or update) as the start
 * of its validity and valid_days later its end (an RSS expirationDate
 * ends it sooner or later). A title or a text too long is shortened at a
 * word with "…". An item without a title is skipped with a warning; a
 * document that is no well-formed RSS or Atom is refused (NULL and
 * d->error, with the line). The caller owns the result (feed_free) and
 * the messages (diag_clear). */
#ifndef AULATAULU_FEED_RSS_H
#define AULATAULU_FEED_RSS_H

#include "util/diag.h"
#include "feed/feed.h"

#include <stddef.h>

struct rss_options {
	long valid_days; /* how long an item is shown after it was published */
	int64_t now;	 /* when an item whose date cannot be read is first seen */
};

struct feed *feed_rss_parse(const char *buf, size_t len, const struct rss_options *o,
			    struct diag *d);

#endif
