/* SPDX-License-Identifier: EUPL-1.2 */
/* publish: many sources into one signed format 1 feed for a wellbeing
 * area (`aulataulu publish`, docs/publisher.md).
 *
 * Each input is read with the terminals' own adapters; its items land in
 * the publisher's database (publish_state.h), where an input that fails
 * keeps its last good items for max_stale. The feed is built from that
 * database, checked with the terminals' own parser, signed (minisign
 * format) and checked with their verification before feed.json and
 * feed.json.minisig are replaced, each atomically. Its sequence rises
 * only when its content changed (or half of expires_after has passed),
 * so terminals keep getting 304s. */
#ifndef AULATAULU_PUBLISH_H
#define AULATAULU_PUBLISH_H

#include "util/settings.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

enum publish_mode {
	PUBLISH_FETCH,	 /* read every input, publish what changed */
	PUBLISH_DRY_RUN, /* read every input, say what would change, keep all */
	PUBLISH_STORED,	 /* publish the stored items (after an approval) */
};

/* Runs a publication of cfg's [publish] with data (publish.db) in
 * data_dir, as at now. What changed goes to out, problems to err.
 * Returns 0, or 1 when an input failed or nothing could be published
 * (then the output is as it was). */
int publish_run(const struct settings *cfg, const char *data_dir, int64_t now,
		enum publish_mode mode, FILE *out, FILE *err);

/* Approves the waiting items ids (n of them; all == every one), then
 * publishes the stored items. Returns an exit status like publish_run. */
int publish_approve(const struct settings *cfg, const char *data_dir, int64_t now, char *const *ids,
		    size_t n, bool all, FILE *out, FILE *err);

/* The state of the publisher as JSON: {"publication": {...}, "inputs":
 * [...], "waiting": [...]}; NULL and *err (caller frees) on failure. */
struct json_t;
struct json_t *publish_status(const struct settings *cfg, const char *data_dir, char **err);

#endif
