/* SPDX-License-Identifier: EUPL-1.2 */
/* publish_input: one input of the publisher read with the terminals' own
 * adapters (sync_fetch, sync_parse) and turned into the items it adds to
 * the published feed (publish_state.h): ids prefixed by the input's name,
 * each with what it refers to. */
#ifndef AULATAULU_PUBLISH_INPUT_H
#define AULATAULU_PUBLISH_INPUT_H

#include "util/diag.h"
#include "publish/publish_state.h"
#include "util/settings.h"

#include <stdint.h>

enum input_outcome { INPUT_READ, INPUT_UNCHANGED, INPUT_FAILED };

struct input_items {
	struct pstate_item *v;
	size_t n;
	char **owned; /* the strings of v, n_owned of them */
	size_t n_owned;
};

/* Reads input in as at now, given what the last try left (prev: its
 * etag, content hash, sequence). INPUT_READ fills *items (the caller
 * frees them with input_items_free) and *got (what pstate_input_tried
 * keeps; its strings point into prev or are owned by items). On
 * INPUT_FAILED, d->error says why; d collects the parser's warnings. */
enum input_outcome publish_read_input(const struct settings *cfg, const struct source_config *in,
				      const struct pstate_input *prev, int64_t now,
				      struct input_items *items, struct pstate_input *got,
				      struct diag *d);

void input_items_free(struct input_items *items);

#endif
