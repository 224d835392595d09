/* SPDX-License-Identifier: EUPL-1.2 */
/* vocabulary: Aulataulu's own topics and life situations, for sources that
 * bring none (a spreadsheet, a calendar): those of the bundled demo feed,
 * so that every terminal's menus name them alike. */
#ifndef AULATAULU_VOCABULARY_H
#define AULATAULU_VOCABULARY_H

#include "feed/feed.h"

#include <stdbool.h>

/* Copies the vocabulary into f (its categories); false when out of memory. */
bool vocabulary_add_to(struct feed *f);

/* The category of f that text names, by id ("yso:p2433"), by its id's
 * word ("kulttuuri" for "aulataulu:kulttuuri") or by name in any language,
 * case and accents forgiven ("ikaantyneet"); NULL if none. */
const struct feed_category *vocabulary_find(const struct feed *f, const char *text);

/* Adds to a's topics or life situations (keywords, audience) the one
 * that word names, once; the word is first looked up in mapping
 * ("Musiikki: kulttuuri, Diakonia: neuvonta", NULL: none). 1 when it
 * names one, 0 when none, -1 when out of memory. */
int vocabulary_add_one(struct feed *f, struct feed_activity *a, const char *word,
		       const char *mapping);

/* Adds to a's topics and life situations (keywords, audience) those that
 * text names, separated by commas, semicolons or slashes, each once; a
 * word is first looked up in mapping ("Musiikki: kulttuuri, Diakonia:
 * neuvonta", NULL: none). unknown(ctx, word) hears of each word that
 * names none. False when out of memory. */
bool vocabulary_add_named(struct feed *f, struct feed_activity *a, const char *text,
			  const char *mapping, void (*unknown)(void *, const char *), void *ctx);

#endif
