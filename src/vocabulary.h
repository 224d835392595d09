/* vocabulary: Aulataulu's own topics and life situations, for sources that
 * bring none (a spreadsheet, a calendar): those of the bundled demo feed,
 * so that every terminal's menus name them alike. */
#ifndef AULATAULU_VOCABULARY_H
#define AULATAULU_VOCABULARY_H

#include "feed.h"

#include <stdbool.h>

/* Copies the vocabulary into f (its categories); false when out of memory. */
bool vocabulary_add_to(struct feed *f);

/* The category of f that text names, by id ("yso:p2433"), by its id's
 * word ("kulttuuri" for "aulataulu:kulttuuri") or by name in any language,
 * case and accents forgiven ("ikaantyneet"); NULL if none. */
const struct feed_category *vocabulary_find(const struct feed *f, const char *text);

#endif
