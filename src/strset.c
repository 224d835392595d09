/* strset: open-addressing set of strings. */
#include "config.h"

#include "strset.h"

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
	s->cap = 16;
	while (s->cap < n * 2)
		s->cap *= 2;
	s->slots = arena_alloc(a, s->cap * sizeof(*s->slots));
	return s->slots != NULL;
}

static size_t find(const struct strset *s, const char *str)
{
	size_t i = hash(str) & (s->cap - 1);
	while (s->slots[i] && strcmp(s->slots[i], str) != 0)
		i = (i + 1) & (s->cap - 1);
	return i;
}

bool strset_add(struct strset *s, const char *str)
{
	size_t i = find(s, str);
	if (s->slots[i])
		return false;
	s->slots[i] = str;
	return true;
}

bool strset_has(const struct strset *s, const char *str)
{
	return str && s->slots && s->slots[find(s, str)] != NULL;
}
