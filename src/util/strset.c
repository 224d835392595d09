/* SPDX-License-Identifier: EUPL-1.2 */
/* strset: open-addressing set of strings. */
#include "config.h"

#include "util/strset.h"

#include <stdint.h>
#include <string.h>

static size_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (size_t)h;
}

bool strset_init(struct strset *s, struct arena *a, size_t n)
{
	*s = (struct strset){0};
	return strset_reserve(s, a, n);
}

static size_t find(const struct strset *s, const char *str)
{
	size_t i = hash(str) & (s->cap - 1);
	while (s->slots[i] && strcmp(s->slots[i], str) != 0)
		i = (i + 1) & (s->cap - 1);
	return i;
}

bool strset_reserve(struct strset *s, struct arena *a, size_t n)
{
	size_t cap = 16;
	while (cap < n * 2)
		cap *= 2;
	if (cap <= s->cap)
		return true;
	/* Four times the room: a set that grows one by one is rehashed
	 * rarely (the old slots stay in the arena until it goes). */
	if (s->cap)
		cap = cap > s->cap * 4 ? cap : s->cap * 4;
	const char **slots = arena_alloc(a, cap * sizeof(*slots));
	if (!slots)
		return false;
	struct strset grown = {slots, cap, 0};
	for (size_t i = 0; i < s->cap; i++)
		if (s->slots[i])
			grown.slots[find(&grown, s->slots[i])] = s->slots[i], grown.n++;
	*s = grown;
	return true;
}

bool strset_add(struct strset *s, const char *str)
{
	size_t i = find(s, str);
	if (s->slots[i])
		return false;
	s->slots[i] = str;
	s->n++;
	return true;
}

bool strset_has(const struct strset *s, const char *str)
{
	return str && s->slots && s->slots[find(s, str)] != NULL;
}
