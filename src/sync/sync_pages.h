/* SPDX-License-Identifier: EUPL-1.2 */
/* sync_pages: an API that pages its answer (Linked Events: meta.next)
 * fetched whole, as one document for the parser: a JSON array of the
 * pages. Every page comes from the first one's server, the byte cap holds
 * for all of them together, and at most SYNC_MAX_PAGES are followed. */
#ifndef AULATAULU_SYNC_PAGES_H
#define AULATAULU_SYNC_PAGES_H

#include "sync/fetch.h"

#define SYNC_MAX_PAGES 200

/* Fills *out (the caller frees it with fetch_result_free) like fetch_get;
 * a failure names the page and why. */
enum fetch_status sync_fetch_pages(const struct fetch_options *opt, const char *url,
				   struct fetch_result *out);

#endif
