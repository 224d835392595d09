/* SPDX-License-Identifier: EUPL-1.2 */
/* Fuzz target: the news source (libxml2, RSS and Atom, HTML in texts),
 * with the invariants that every text of an accepted feed is clean and
 * every refusal says why. */
#include "config.h"

#include "feed_check.h"
#include "feed/feed_rss.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_setup();
	static const struct rss_options options = {14, 1795503600};
	struct diag d = {0};
	fuzz_check_parsed(feed_rss_parse((const char *)data, size, &options, &d), &d);
	return 0;
}
