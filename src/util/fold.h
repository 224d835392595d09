/* SPDX-License-Identifier: EUPL-1.2 */
/* fold: words compared as people type them: without case and accents
 * ("Ikääntyneet": "ikaantyneet"), for the search index and for the words a
 * spreadsheet's coordinator writes. */
#ifndef AULATAULU_FOLD_H
#define AULATAULU_FOLD_H

#include <stdbool.h>
#include <stddef.h>

/* The lower-case form of word without accents (ä -> a, é -> e), at most
 * size - 1 bytes, in out; returns whether it differs from word. */
bool fold_word(const char *word, size_t len, char *out, size_t size);

/* The same for any text with capitals (ASCII and Latin letters): how
 * names and words people type are compared ("Ikääntyneet": "ikaantyneet").
 * At most 1023 bytes of s are read. */
void fold_lower(const char *s, size_t len, char *out, size_t size);

#endif
