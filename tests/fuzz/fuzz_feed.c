/* Fuzz target: the feed parser and the schedule expansion, with the
 * invariant that every string of an accepted feed is clean text. */
#include "config.h"

#include "feed_json.h"
#include "recur.h"
#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void check_clean(const char *s)
{
	if (!s)
		return;
	char *again = text_clean(s, strlen(s), TEXT_PARAGRAPHS);
	if (!again || strcmp(again, s) != 0)
		abort(); /* stored text must be clean already */
	free(again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	if (!ready) {
		text_init();
		setenv("TZ", "Europe/Helsinki", 1);
		ready = 1;
	}
	struct diag d = {0};
	struct feed *f = feed_json_parse((const char *)data, size, &d);
	if (f) {
		for (size_t i = 0; i < f->n_activities; i++) {
			check_clean(f->activities[i].name.fi);
			check_clean(f->activities[i].description.fi);
		}
		for (size_t i = 0; i < f->n_announcements; i++)
			check_clean(f->announcements[i].title.fi);
		recur_expand_feed(f, 1795503600, 1795503600 + 60 * 86400, NULL);
		feed_free(f);
	}
	diag_clear(&d);
	return 0;
}
