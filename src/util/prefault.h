/* SPDX-License-Identifier: EUPL-1.2 */
/* prefault: large fresh memory made present in one call. On a virtual
 * machine where the first touch of each page traps into the hypervisor
 * (~9 us a page on the 2-core CI machine, make bench), faulting in the
 * tens of megabytes a sync uses page by page was a fifth of the sync. */
#ifndef AULATAULU_PREFAULT_H
#define AULATAULU_PREFAULT_H

#include <stddef.h>

/* From this size on a fresh block is worth making present at once. */
#define PREFAULT_MIN (1u << 20)

/* Makes the whole pages inside [p, p + len) present and writable, if the
 * kernel can (Linux 5.14 or later); otherwise they fault in as they are
 * touched, as they would have. */
void prefault(void *p, size_t len);

#endif
