/* SPDX-License-Identifier: EUPL-1.2 */
/* synonyms: the words people use for the same thing (older people,
 * free of charge), from data/search-words.txt built into the program. */
#ifndef AULATAULU_SYNONYMS_H
#define AULATAULU_SYNONYMS_H

#include <stdbool.h>
#include <stddef.h>

struct synonym_group {
	bool free;	    /* "free:": the free-of-charge filter, not text */
	const char **words; /* folded (no case, no accents) */
	size_t n;
};

/* The group that word (as typed, len bytes) belongs to: it is one of the
 * group's words, or from four letters the start of one. NULL when none
 * (or the table could not be read: out of memory). */
const struct synonym_group *synonyms_find(const char *word, size_t len);

#endif
