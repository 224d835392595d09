/* SPDX-License-Identifier: EUPL-1.2 */
/* feed_linkedevents: events of a Linked Events API (Helsinki, Turku, Espoo
 * and others run it) into struct feed.
 *
 * The document is one page of the API's event list ({"meta", "data"}) or
 * an array of such pages, as the sync gathers them following meta.next
 * (sync_pages.c). An event's name, short description and description in
 * Finnish, Swedish and English (HTML made text), its place (when the query
 * includes locations), its keywords and audience as topics and life
 * situations (by id, or through the source's mapping), its offers (free
 * or a price), its status (cancelled, postponed, rescheduled shown as
 * such), info_url and provider become an activity; a super event with
 * sub events is one activity with their dates. A deleted event, or one
 * that breaks a rule, is left out with a warning naming its id; a
 * document that is no event list is refused (NULL and d->error). The
 * caller owns the result (feed_free) and the messages (diag_clear). */
#ifndef AULATAULU_FEED_LINKEDEVENTS_H
#define AULATAULU_FEED_LINKEDEVENTS_H

#include "util/diag.h"
#include "feed/feed.h"

#include <stddef.h>

struct linkedevents_options {
	const char *name;	/* the source's name: the organiser when none else */
	const char *organizer;	/* the organiser of events without a provider */
	const char *topics;	/* topics and life situations of every event */
	const char *categories; /* "yso:p916: liikunta, ...": keyword ids as topics */
};

struct feed *feed_linkedevents_parse(const char *buf, size_t len,
				     const struct linkedevents_options *o, struct diag *d);

#endif
