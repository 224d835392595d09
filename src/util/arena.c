/* SPDX-License-Identifier: EUPL-1.2 */
/* arena: a bump allocator that owns one parsed feed. */
#include "config.h"

#include "util/arena.h"

#include "util/prefault.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK 65536
/* Blocks grow with the arena up to this, and from PREFAULT_MIN on are made
 * present at once (prefault.h): a parsed 10,000-activity feed is ~20 MB. */
#define ARENA_BLOCK_MAX (4u << 20)

struct arena_block {
	struct arena_block *next;
	size_t used, size;
	max_align_t data[];
};

#define ALIGN_UP(n) (((n) + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t))

/* Room for size bytes, zeroed only when asked: a copy that fills it at
 * once (strings, a grown array) need not pay for clearing it first.
 * Aligned for any type when asked; strings are packed, as a listing's
 * many short texts each padded to 16 bytes cost it 90 more pages of
 * memory to fault in at 10,000 activities (a tenth of a week's listing). */
static void *take_room(struct arena *a, size_t size, bool zeroed, bool aligned)
{
	struct arena_block *b = a->head;
	if (b && aligned)
		b->used = ALIGN_UP(b->used) < b->size ? ALIGN_UP(b->used) : b->size;
	if (!b || b->size - b->used < size) {
		/* Shared blocks double as the arena grows: fewer of them, and
		 * large enough to be worth making present at once. */
		size_t shared = b ? b->size * 2 : ARENA_BLOCK;
		if (shared > ARENA_BLOCK_MAX)
			shared = ARENA_BLOCK_MAX;
		size_t want = size > ARENA_BLOCK ? ALIGN_UP(size) : shared;
		b = malloc(sizeof(*b) + want);
		if (!b)
			return NULL;
		if (want >= PREFAULT_MIN)
			prefault(b, sizeof(*b) + want);
		b->used = 0;
		b->size = want;
		/* A block too big to share goes second, so the head keeps its room. */
		if (a->head && size > ARENA_BLOCK) {
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
	}
	void *p = (char *)b->data + b->used;
	b->used += size;
	if (zeroed)
		memset(p, 0, size);
	return p;
}

static void *take(struct arena *a, size_t size, bool zeroed)
{
	return take_room(a, size, zeroed, true);
}

void *arena_alloc(struct arena *a, size_t size)
{
	return take(a, size, true);
}

/* p grown or shrunk to size bytes, the new room zeroed when asked. */
static void *resize(struct arena *a, void *p, size_t old_size, size_t size, bool zeroed)
{
	/* Over ARENA_BLOCK, p is the whole data of a block of its own: realloc
	 * the block (one malloc has mapped is moved by the kernel, not copied). */
	struct arena_block **link = &a->head;
	while (p && size > ARENA_BLOCK && old_size > ARENA_BLOCK && *link &&
	       (void *)(*link)->data != p)
		link = &(*link)->next;
	if (!p || size <= ARENA_BLOCK || old_size <= ARENA_BLOCK || !*link) {
		size_t kept = p ? (old_size < size ? old_size : size) : 0;
		char *q = take(a, size, false);
		if (q) {
			if (kept)
				memcpy(q, p, kept);
			if (zeroed)
				memset(q + kept, 0, size - kept);
		}
		return q;
	}
	struct arena_block *b = realloc(*link, sizeof(*b) + size);
	if (!b)
		return NULL;
	if (zeroed && size > b->size)
		memset((char *)b->data + b->size, 0, size - b->size);
	b->size = b->used = size;
	*link = b;
	return b->data;
}

void *arena_resize(struct arena *a, void *p, size_t old_size, size_t size)
{
	return resize(a, p, old_size, size, true);
}

void arena_adopt(struct arena *a, struct arena *from)
{
	if (!from->head)
		return;
	struct arena_block *last = from->head;
	while (last->next)
		last = last->next;
	/* Behind a's head, so that a keeps allocating from its own block. */
	if (a->head) {
		last->next = a->head->next;
		a->head->next = from->head;
	} else {
		a->head = from->head;
	}
	from->head = NULL;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = take_room(a, n + 1, false, false);
	if (p) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

void arena_free(struct arena *a)
{
	while (a->head) {
		struct arena_block *next = a->head->next;
		free(a->head);
		a->head = next;
	}
}

/* Room for item n in *v (doubling it), the new room zeroed when asked. */
static bool room(struct arena *a, void **v, size_t n, size_t *cap, size_t size, bool zeroed)
{
	if (n < *cap)
		return true;
	size_t more = *cap ? *cap * 2 : 16;
	void *grown = resize(a, *v, *cap * size, more * size, zeroed);
	if (!grown)
		return false;
	*v = grown;
	*cap = more;
	return true;
}

bool arena_room(struct arena *a, void **v, size_t n, size_t *cap, size_t size)
{
	return room(a, v, n, cap, size, true);
}

bool arena_grow(struct arena *a, void **v, size_t n, size_t *cap, size_t size)
{
	return room(a, v, n, cap, size, false);
}
