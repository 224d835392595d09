/* SPDX-License-Identifier: EUPL-1.2 */
/* arena: a bump allocator that owns every string and array of one parsed
 * feed, so that a feed of 50,000 activities is freed with one call. */
#ifndef AULATAULU_ARENA_H
#define AULATAULU_ARENA_H

#include <stdbool.h>
#include <stddef.h>

struct arena_block;
struct arena {
	struct arena_block *head;
};

/* Returns zeroed memory owned by the arena, or NULL when out of memory. */
void *arena_alloc(struct arena *a, size_t size);
/* Grows (or shrinks) p, an arena allocation of old_size bytes or NULL, to
 * size bytes with the same contents, the rest zeroed; returns the new
 * address or NULL when out of memory (p stays valid). Arrays over 64 KiB
 * grow in place instead of leaving a copy behind for every doubling. */
void *arena_resize(struct arena *a, void *p, size_t old_size, size_t size);
/* Makes room in *v, an array of n items of size bytes with room for *cap,
 * for one more (doubling it); false when out of memory (*v stays valid). */
bool arena_room(struct arena *a, void **v, size_t n, size_t *cap, size_t size);
/* As arena_room, the new room not cleared: for arrays whose items are
 * written whole as they are added. The doubled room an array never
 * reaches is then never touched: a feed's 10,000 activities left 2.6 MB
 * of it, zeroed and faulted in for nothing. */
bool arena_grow(struct arena *a, void **v, size_t n, size_t *cap, size_t size);
/* Moves everything allocated from `from` into a (freed with it); `from`
 * is left empty. */
void arena_adopt(struct arena *a, struct arena *from);
/* Copies n bytes of s and a terminating NUL into the arena. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* Frees everything allocated from a; a is empty and reusable afterwards. */
void arena_free(struct arena *a);

#endif
