/* SPDX-License-Identifier: EUPL-1.2 */
/* publish_build: the publisher's feed document, made from the items its
 * database holds (publish_state.h): each input's activities and
 * announcements in order, and once each the organisations, places and
 * categories they refer to (the first input to name one gives it). */
#ifndef AULATAULU_PUBLISH_BUILD_H
#define AULATAULU_PUBLISH_BUILD_H

#include "publish/publish_state.h"
#include "util/settings.h"

#include <stddef.h>

struct json_t;

struct publish_counts {
	size_t activities, announcements;
};

/* The feed of cfg's inputs, its header without sequence and times (the
 * publication sets them); NULL and *err (caller frees) on failure. */
struct json_t *publish_build(const struct settings *cfg, struct pstate *st,
			     struct publish_counts *counts, char **err);

#define PUBLISH_HASH_HEX 65 /* SYNC_HASH_HEX */

/* A hash of doc's content, in hex: equal hashes, equal feeds. */
void publish_content_hash(struct json_t *doc, char out[PUBLISH_HASH_HEX]);

#endif
