/* SPDX-License-Identifier: EUPL-1.2 */
/* csv_rows: a CSV file as spreadsheets save it, one row at a time.
 *
 * The separator is the comma, semicolon or tab that the first row uses
 * most. Text is UTF-8 (a BOM is skipped) or, when it is not, Windows-1252,
 * converted to UTF-8 and said in d's note. libcsv splits the
 * rows (quotes, separators and newlines inside quoted cells). */
#ifndef AULATAULU_CSV_ROWS_H
#define AULATAULU_CSV_ROWS_H

#include "util/diag.h"

#include <stdbool.h>
#include <stddef.h>

/* Called for each row (the first is 1) with its cells, NUL-terminated
 * (NULL: empty); returning false stops the reading, which then fails. */
typedef bool csv_row_fn(void *arg, size_t row, const char *const *cells, size_t n);

/* Reads every row of buf; false with d->error when the file cannot be
 * read as a table (UTF-16, not text, an unterminated quote, more than
 * max_rows rows) or on_row stopped it. */
bool csv_rows_read(const char *buf, size_t len, size_t max_rows, csv_row_fn *on_row, void *arg,
		   struct diag *d);

#endif
