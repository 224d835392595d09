/* SPDX-License-Identifier: EUPL-1.2 */
/* Fuzz target: the Linked Events source (pages, super and sub events,
 * HTML in texts), with the invariants that every text of an accepted feed
 * is clean and every refusal says why. */
#include "config.h"

#include "feed_check.h"
#include "feed/feed_linkedevents.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_setup();
	static const struct linkedevents_options options = {.name = "fuzz",
							    .categories = "yso:p916: liikunta"};
	struct diag d = {0};
	fuzz_check_parsed(feed_linkedevents_parse((const char *)data, size, &options, &d), &d);
	return 0;
}
