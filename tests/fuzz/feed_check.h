/* feed_check: the fuzz targets' invariant of a parsed feed. */
#ifndef AULATAULU_FUZZ_FEED_CHECK_H
#define AULATAULU_FUZZ_FEED_CHECK_H

#include "feed.h"

/* Aborts unless every text of f is clean text. */
void fuzz_check_feed(const struct feed *f);

/* Once per process: UTF-8 and the zone of Finnish wall times. */
void fuzz_setup(void);

#endif
