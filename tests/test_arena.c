/* Tests of src/arena.c: the allocator every parsed feed and list lives in. */
#include "config.h"

#include "arena.h"

#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>

Test(arena, gives_zeroed_aligned_memory_and_copies)
{
	struct arena a = {0};
	for (size_t size = 1; size < 200000; size = size * 3 + 1) {
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
