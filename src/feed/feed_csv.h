/* SPDX-License-Identifier: EUPL-1.2 */
/* feed_csv: the coordinator's spreadsheet, saved as CSV, into struct feed.
 *
 * One row per activity under a first row that names the columns
 * (data/activities-template.csv; docs/sources.md).
 * Comma, semicolon or tab separated, as the first row shows; UTF-8 with or
 * without a BOM, or else Windows-1252 (what Excel's plain "CSV" is in
 * Finland), which is said in a summary line. A row that breaks a rule is
 * skipped with a warning naming its row and column; the rest is kept. A
 * file that cannot be read as a table at all (no name column, UTF-16, an
 * unterminated quote) is refused: NULL and d->error. The caller owns the
 * result (feed_free) and the messages (diag_clear). */
#ifndef AULATAULU_FEED_CSV_H
#define AULATAULU_FEED_CSV_H

#include "util/diag.h"
#include "feed/feed.h"

#include <stddef.h>
#include <stdint.h>

/* now: the day schedules start from when no "from" date is given. The
 * topics and life situations are Aulataulu's own (those of the demo
 * feed): a cell names them by id or by name in any language. */
struct feed *feed_csv_parse(const char *buf, size_t len, int64_t now, struct diag *d);

#endif
