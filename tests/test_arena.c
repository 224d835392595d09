/* SPDX-License-Identifier: EUPL-1.2 */
/* Tests of src/util/arena.c: the allocator every parsed feed and list lives in. */
#include "config.h"

#include "util/arena.h"

#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>

Test(arena, gives_zeroed_aligned_memory_and_copies)
{
	struct arena a = {0};
	for (size_t size = 1; size < 200000; size = size * 3 + 1) {
		/* A string of odd length first: what comes after is aligned still. */
		cr_assert_not_null(arena_strndup(&a, "abcdefgh", size % 7));
		unsigned char *p = arena_alloc(&a, size);
		cr_assert_not_null(p);
		cr_assert_eq((uintptr_t)p % _Alignof(max_align_t), 0);
		for (size_t i = 0; i < size; i++)
			cr_assert_eq(p[i], 0);
		memset(p, 0xAA, size);
	}
	char *s = arena_strndup(&a, "Kahvila ikääntyneille", 7);
	cr_assert_str_eq(s, "Kahvila");
	arena_free(&a);
	cr_assert_null(a.head, "empty and reusable");
}

/* A growing array keeps its contents at every size, small (copied into a
 * new place) or large (its own block, resized in place). */
Test(arena, resizes_keeping_contents)
{
	struct arena a = {0};
	char *before = arena_strndup(&a, "before", 6);
	size_t n = 0, cap = 0;
	uint32_t *v = NULL;
	for (uint32_t i = 0; i < 300000; i++) {
		if (n == cap) {
			size_t want = cap ? cap * 2 : 16;
			uint32_t *grown = arena_resize(&a, v, cap * sizeof(*v), want * sizeof(*v));
			cr_assert_not_null(grown);
			for (size_t k = cap; k < want; k++)
				cr_assert_eq(grown[k], 0, "the new part is zeroed");
			v = grown;
			cap = want;
		}
		v[n++] = i * 7u;
	}
	for (uint32_t i = 0; i < n; i++)
		cr_assert_eq(v[i], i * 7u);
	char *after = arena_strndup(&a, "after", 5);
	cr_assert_str_eq(before, "before", "other allocations are untouched");
	cr_assert_str_eq(after, "after");
	arena_free(&a);
}

/* Strings are packed, each right after the one before: rounded up to 16
 * bytes, a listing's short texts took half as much memory again. */
Test(arena, packs_strings_and_aligns_what_follows)
{
	struct arena a = {0};
	char *first = arena_strndup(&a, "EventScheduled", 14);
	char *second = arena_strndup(&a, "fi", 2);
	char *third = arena_strndup(&a, "Kahvila", 7);
	cr_assert_eq(second, first + 15);
	cr_assert_eq(third, second + 3);
	double *d = arena_alloc(&a, sizeof(*d));
	cr_assert_eq((uintptr_t)d % _Alignof(max_align_t), 0);
	cr_assert_geq((char *)d, third + 8);
	*d = 1.5;
	cr_assert_str_eq(first, "EventScheduled");
	cr_assert_str_eq(second, "fi");
	cr_assert_str_eq(third, "Kahvila");
	arena_free(&a);
}

/* arena_grow makes room in an array keeping what it holds, small or large,
 * as arena_room does, without clearing the new room first. */
Test(arena, grows_keeping_contents)
{
	struct arena a = {0};
	size_t cap = 0;
	uint64_t *v = NULL;
	for (uint64_t i = 0; i < 100000; i++) {
		if (i == cap) {
			cr_assert(arena_grow(&a, (void **)&v, i, &cap, sizeof(*v)));
			cr_assert_gt(cap, i);
			for (uint64_t k = 0; k < i; k++)
				cr_assert_eq(v[k], k * 3, "item %llu kept at %zu",
					     (unsigned long long)k, cap);
		}
		v[i] = i * 3;
		arena_strndup(&a, "between", 7); /* other allocations in between */
	}
	arena_free(&a);
}
