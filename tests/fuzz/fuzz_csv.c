/* Fuzz target: the spreadsheet source (encoding, separator, rows, dates),
 * with the invariants that every text of an accepted feed is clean, every
 * refusal says why, and every schedule it made expands. */
#include "config.h"

#include "feed_check.h"
#include "feed_csv.h"
#include "recur.h"
#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_setup();
	struct diag d = {0};
	struct feed *f = feed_csv_parse((const char *)data, size, 1795503600, &d);
	if (!f && !d.error)
		abort(); /* a refusal always says why */
	if (f) {
		fuzz_check_feed(f);
		for (size_t i = 0; i < f->n_activities; i++) {
			char why[160];
			const struct feed_schedule *s = &f->activities[i].schedule;
			if (s->rrule && !recur_check(s, why, sizeof(why)))
				abort(); /* the rules it writes are valid ones */
		}
		recur_expand_feed(f, 1795503600, 1795503600 + 60 * 86400, NULL);
		feed_free(f);
	}
	diag_clear(&d);
	return 0;
}
