/* SPDX-License-Identifier: EUPL-1.2 */
/* publish_output: the publisher's output directory: feed.json checked as
 * the terminals check it, signed, the signature verified as they verify
 * it, and both files replaced, each atomically and readable by the web
 * server that serves them. */
#ifndef AULATAULU_PUBLISH_OUTPUT_H
#define AULATAULU_PUBLISH_OUTPUT_H

#include "publish/minisign_sign.h"
#include "util/diag.h"
#include "util/settings.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Text in doc that the terminals would make plain (a language's string
 * with HTML in it: an organiser's name written "Koti &amp; Perhe ry") is
 * made plain here, as they would make it, so that the published feed says
 * what they show and they have nothing to warn of. */
struct json_t;
void publish_output_make_text(struct json_t *doc);

/* Whether the terminals take text (their parser does not refuse it, and
 * it is within max_size); false and *err (caller frees) if not. What they
 * would warn of (HTML made text, an item skipped) goes to *warnings, to
 * be listed: it does not stop a publication that every terminal would
 * apply. */
bool publish_output_valid(const char *text, size_t len, long max_size, struct diag *warnings,
			  char **err);

/* The sequence of the feed now in the output directory (0: none), and
 * whether its signature verifies with public_key (NULL: not checked). */
int64_t publish_output_sequence(const struct settings *cfg, const char *public_key, bool *valid);

/* Signs text as feed sequence at time now, checks the signature with
 * public_key, and replaces feed.json, then feed.json.minisig. False and
 * *err (caller frees) on failure. */
bool publish_output_write(const struct settings *cfg, const struct minisign_secret *key,
			  const char *public_key, const char *text, int64_t now, int64_t sequence,
			  char **err);

#endif
