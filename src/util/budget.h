/* SPDX-License-Identifier: EUPL-1.2 */
/* budget: what one operation (the parse of one source) may spend: the
 * processor time of the thread that runs it and the memory the process
 * allocates meanwhile (jansson's, libxml2's and libical's trees included,
 * as the allocator counts them). A source over it is refused, whatever
 * made it costly: a shape no parser has a cap for is still bounded. */
#ifndef AULATAULU_BUDGET_H
#define AULATAULU_BUDGET_H

#include <stdbool.h>
#include <stddef.h>

struct budget {
	double cpu_max_ms; /* 0: no bound */
	size_t memory_max; /* bytes more than at the start; 0: no bound */
	double cpu_start_ms;
	size_t memory_start;
	unsigned checks; /* since the last measurement */
	enum { BUDGET_LEFT, BUDGET_CPU_SPENT, BUDGET_MEMORY_SPENT } state;
};

/* Starts counting from now. */
void budget_start(struct budget *b, double cpu_max_ms, size_t memory_max);

/* Whether some of b is left. Cheap enough for every item of a feed: it
 * measures at every BUDGET_EVERY'th call, and at each call with exact.
 * Once spent, b stays spent. */
#define BUDGET_EVERY 32
bool budget_left(struct budget *b, bool exact);

/* The processor time of the calling thread, in ms (the monotonic clock
 * where the system has none): another thread's work or a busy machine is
 * not an operation's cost. */
double budget_thread_cpu_ms(void);

/* The bytes the allocator has handed out and not had back, process-wide
 * (glibc's count, or the sanitizer's under AddressSanitizer). */
size_t budget_memory_in_use(void);

#endif
