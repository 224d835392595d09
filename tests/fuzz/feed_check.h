/* SPDX-License-Identifier: EUPL-1.2 */
/* feed_check: the fuzz targets' invariant of a parsed feed. */
#ifndef AULATAULU_FUZZ_FEED_CHECK_H
#define AULATAULU_FUZZ_FEED_CHECK_H

#include "feed/feed.h"

/* Aborts unless every text of f is clean text. */
void fuzz_check_feed(const struct feed *f);

/* Aborts unless every schedule of f (a source's own) is one recur_check
 * accepts. */
void fuzz_check_schedules(const struct feed *f);

/* What every target asks of a parser's result: a refusal says why; an
 * accepted feed is clean, its schedules usable, and it expands over 60
 * days. Frees f and clears d. */
struct diag;
void fuzz_check_parsed(struct feed *f, struct diag *d);

/* Once per process: UTF-8 and the zone of Finnish wall times. */
void fuzz_setup(void);

#endif
