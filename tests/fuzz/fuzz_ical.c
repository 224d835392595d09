/* SPDX-License-Identifier: EUPL-1.2 */
/* Fuzz target: the calendar source (libical, zones, overrides, HTML),
 * with the invariants that every text of an accepted feed is clean, every
 * refusal says why, and every schedule it made is one the sync accepts. */
#include "config.h"

#include "feed_check.h"
#include "feed/feed_ical.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_setup();
	static const struct ical_options options = {.name = "fuzz",
						    .categories = "Musiikki: kulttuuri"};
	struct diag d = {0};
	fuzz_check_parsed(feed_ical_parse((const char *)data, size, &options, &d), &d);
	return 0;
}
