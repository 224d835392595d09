/* SPDX-License-Identifier: EUPL-1.2 */
/* budget: processor time and memory one operation may spend. */
#include "config.h"

#include "util/budget.h"

#include "util/timefmt.h"

#include <malloc.h>
#include <time.h>

#if defined(__SANITIZE_ADDRESS__)
#define BUDGET_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BUDGET_SANITIZED 1
#endif
#endif
#ifdef BUDGET_SANITIZED
/* The sanitizer runtime's count (sanitizer/allocator_interface.h, which
 * GCC does not install; the runtime exports it all the same). */
size_t __sanitizer_get_current_allocated_bytes(void);
#endif

double budget_thread_cpu_ms(void)
{
	struct timespec t;
	if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t) != 0)
		return timefmt_monotonic_ms();
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

size_t budget_memory_in_use(void)
{
#ifdef BUDGET_SANITIZED
	return __sanitizer_get_current_allocated_bytes();
#else
	/* In use from the heaps (uordblks) and in blocks of their own
	 * (hblkhd: large allocations, a feed's arena blocks). */
	struct mallinfo2 m = mallinfo2();
	return m.uordblks + m.hblkhd;
#endif
}

void budget_start(struct budget *b, double cpu_max_ms, size_t memory_max)
{
	*b = (struct budget){.cpu_max_ms = cpu_max_ms, .memory_max = memory_max};
	b->cpu_start_ms = budget_thread_cpu_ms();
	b->memory_start = budget_memory_in_use();
}

bool budget_left(struct budget *b, bool exact)
{
	if (b->state != BUDGET_LEFT)
		return false;
	if (!exact && ++b->checks < BUDGET_EVERY)
		return true;
	b->checks = 0;
	if (b->cpu_max_ms > 0 && budget_thread_cpu_ms() - b->cpu_start_ms > b->cpu_max_ms)
		b->state = BUDGET_CPU_SPENT;
	else if (b->memory_max) {
		size_t now = budget_memory_in_use();
		if (now > b->memory_start && now - b->memory_start > b->memory_max)
			b->state = BUDGET_MEMORY_SPENT;
	}
	return b->state == BUDGET_LEFT;
}
