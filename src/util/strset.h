/* SPDX-License-Identifier: EUPL-1.2 */
/* strset: a set of strings (ids) in an arena, for duplicate and reference
 * checks while parsing; strings are not copied and must outlive the set. */
#ifndef AULATAULU_STRSET_H
#define AULATAULU_STRSET_H

#include "util/arena.h"

#include <stdbool.h>
#include <stddef.h>

struct strset {
	const char **slots;
	size_t cap, n;
};

/* Prepares room for at most n strings; false when out of memory. */
bool strset_init(struct strset *s, struct arena *a, size_t n);
/* Makes room for n strings in all, keeping those in s (for a set whose
 * size is not known ahead); false when out of memory (s is as it was). */
bool strset_reserve(struct strset *s, struct arena *a, size_t n);
/* Adds str; returns false when it was there already. */
bool strset_add(struct strset *s, const char *str);
bool strset_has(const struct strset *s, const char *str);

#endif
