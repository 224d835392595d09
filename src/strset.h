/* strset: a set of strings (ids) in an arena, for duplicate and reference
 * checks while parsing; strings are not copied and must outlive the set. */
#ifndef AULATAULU_STRSET_H
#define AULATAULU_STRSET_H

#include "arena.h"

#include <stdbool.h>
#include <stddef.h>

struct strset {
	const char **slots;
	size_t cap;
};

/* Prepares room for at most n strings; false when out of memory. */
bool strset_init(struct strset *s, struct arena *a, size_t n);
/* Adds str; returns false when it was there already. */
bool strset_add(struct strset *s, const char *str);
bool strset_has(const struct strset *s, const char *str);

#endif
