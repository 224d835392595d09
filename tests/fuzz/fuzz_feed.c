/* SPDX-License-Identifier: EUPL-1.2 */
/* Fuzz target: the feed parser and the schedule expansion, with the
 * invariants that every text of an accepted feed is clean, and that every
 * refused feed says why. */
#include "config.h"

#include "feed_check.h"
#include "feed/feed_json.h"
#include "util/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_setup();
	struct diag d = {0};
	fuzz_check_parsed(feed_json_parse((const char *)data, size, &d), &d);
	return 0;
}
