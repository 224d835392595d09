/* SPDX-License-Identifier: EUPL-1.2 */
/* activity_digest: what an activity's rows in cache.db are made of, in two
 * parts of 16 bytes. A part whose digest is the one stored would be
 * written again exactly as it is, so an apply leaves it alone
 * (store_apply.c).
 *
 * The first part, the rows, covers every field the store writes of the
 * activity, its topics and life situations, and the whole rows of the
 * organisation, place and categories its listing and search rows are made
 * from. The second, the dates, covers its given dates and its schedule
 * with the window it is expanded over: what its occurrences are. */
#ifndef AULATAULU_ACTIVITY_DIGEST_H
#define AULATAULU_ACTIVITY_DIGEST_H

#include "feed/feed.h"

#include <stdint.h>

#define ACTIVITY_DIGEST_PART 16
#define ACTIVITY_DIGEST_BYTES (2 * ACTIVITY_DIGEST_PART)
/* Where each part starts in a digest. */
enum activity_digest_part { DIGEST_ROWS = 0, DIGEST_DATES = ACTIVITY_DIGEST_PART };

/* The digest of each of f's activities, ACTIVITY_DIGEST_BYTES apiece in
 * their order (caller frees), schedules taken as expanded over [from,
 * until) in the feed's time zone. Reads the activities' occurrences:
 * call it before their schedules are expanded, or after, never during.
 * NULL when out of memory. */
unsigned char *activity_digests(const struct feed *f, int64_t from, int64_t until);

#endif
