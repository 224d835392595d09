/* SPDX-License-Identifier: EUPL-1.2 */
/* Fuzz target: the spreadsheet source (encoding, separator, rows, dates),
 * with the invariants that every text of an accepted feed is clean, every
 * refusal says why, and every schedule it made expands. */
#include "config.h"

#include "feed_check.h"
#include "feed/feed_csv.h"
#include "util/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_setup();
	struct diag d = {0};
	fuzz_check_parsed(feed_csv_parse((const char *)data, size, 1795503600, &d), &d);
	return 0;
}
