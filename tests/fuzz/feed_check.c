/* SPDX-License-Identifier: EUPL-1.2 */
/* What every parsed feed must hold, whatever its source format: each of
 * its texts is clean already (cleaning it again changes nothing). */
#include "config.h"

#include "feed_check.h"

#include "util/diag.h"
#include "feed/recur.h"
#include "util/text.h"

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

static void check_ml(const struct ml *m)
{
	check_clean(m->fi);
	check_clean(m->sv);
	check_clean(m->en);
}

void fuzz_check_feed(const struct feed *f)
{
	for (size_t i = 0; i < f->n_categories; i++)
		check_ml(&f->categories[i].name);
	for (size_t i = 0; i < f->n_organizations; i++) {
		const struct feed_org *o = &f->organizations[i];
		check_ml(&o->name);
		check_ml(&o->description);
		check_clean(o->url);
		check_clean(o->phone);
	}
	for (size_t i = 0; i < f->n_places; i++) {
		check_ml(&f->places[i].name);
		check_ml(&f->places[i].street_address);
		check_ml(&f->places[i].extra_info);
	}
	for (size_t i = 0; i < f->n_activities; i++) {
		const struct feed_activity *a = &f->activities[i];
		check_clean(a->id);
		check_ml(&a->name);
		check_ml(&a->short_description);
		check_ml(&a->description);
		check_ml(&a->schedule_text);
		check_clean(a->phone);
		check_clean(a->info_url);
	}
	for (size_t i = 0; i < f->n_announcements; i++) {
		check_ml(&f->announcements[i].title);
		check_ml(&f->announcements[i].body);
		check_clean(f->announcements[i].url);
	}
}

void fuzz_setup(void)
{
	static int ready;
	if (!ready) {
		text_init();
		setenv("TZ", "Europe/Helsinki", 1);
		ready = 1;
	}
}

void fuzz_check_schedules(const struct feed *f)
{
	for (size_t i = 0; i < f->n_activities; i++) {
		char why[160];
		const struct feed_schedule *s = &f->activities[i].schedule;
		if (s->rrule && !recur_check(s, why, sizeof(why)))
			abort(); /* only rules the sync can expand */
	}
}

void fuzz_check_parsed(struct feed *f, struct diag *d)
{
	if (!f && !d->error)
		abort(); /* a refusal always says why */
	if (f) {
		fuzz_check_feed(f);
		fuzz_check_schedules(f);
		recur_expand_feed(f, 1795503600, 1795503600 + 60 * 86400, NULL);
		feed_free(f);
	}
	diag_clear(d);
}
