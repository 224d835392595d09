/* SPDX-License-Identifier: EUPL-1.2 */
/* csv_rows: encoding, separator and rows of a CSV file (libcsv). */
#include "config.h"

#include "feed/csv_rows.h"

#include "util/i18n.h"
#include "util/text.h"

#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static bool is_utf8(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		unsigned cp;
		size_t n = text_decode(s + i, len - i, &cp);
		if (n == 0)
			return false;
		i += n;
	}
	return true;
}

/* buf as UTF-8 in a new buffer (caller frees), or NULL with d->error.
 * A file that says it is UTF-8 (its BOM) is, whatever bytes it holds:
 * *repair then says that cells may hold bytes that are not, which cost
 * only those cells (on_cell), never the whole file read as another
 * encoding. */
static char *to_utf8(const char *buf, size_t len, size_t *out_len, bool *repair, struct diag *d)
{
	*repair = false;
	const unsigned char *u = (const unsigned char *)buf;
	if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
		diag_fail(d, _("the file is UTF-16 (\"Unicode text\"); save it as \"CSV UTF-8\" "
			       "or \"CSV\" instead"));
		return NULL;
	}
	bool bom = len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF;
	if (bom)
		buf += 3, len -= 3;
	if (bom || is_utf8(buf, len)) {
		*repair = bom && !is_utf8(buf, len);
		char *copy = malloc(len + 1);
		if (!copy) {
			diag_fail(d, _("out of memory"));
			return NULL;
		}
		memcpy(copy, buf, len);
		copy[len] = '\0';
		*out_len = len;
		return copy;
	}
	/* Excel's plain "CSV" in Finland: Windows-1252, at most 3 bytes of
	 * UTF-8 for each byte of it. */
	iconv_t cd = iconv_open("UTF-8", "WINDOWS-1252");
	char *out = cd != (iconv_t)-1 && len < SIZE_MAX / 4 ? malloc(len * 3 + 1) : NULL;
	if (!out) {
		if (cd != (iconv_t)-1)
			iconv_close(cd);
		diag_fail(d, _("out of memory"));
		return NULL;
	}
	char *in = (char *)buf, *o = out;
	size_t in_left = len, out_left = len * 3;
	size_t rc = iconv(cd, &in, &in_left, &o, &out_left);
	iconv_close(cd);
	if (rc == (size_t)-1) {
		diag_fail(d,
			  _("the file is neither UTF-8 nor Windows-1252 (byte %zu cannot be "
			    "read); save it as \"CSV UTF-8\""),
			  (size_t)(in - buf) + 1);
		free(out);
		return NULL;
	}
	*o = '\0';
	*out_len = (size_t)(o - out);
	diag_note(d, _("read as Windows-1252 (Excel's \"CSV\"), as the file is not UTF-8"));
	return out;
}

/* The separator the first row uses most: comma, semicolon or tab. */
static unsigned char separator_of(const char *s)
{
	size_t comma = 0, semicolon = 0, tab = 0;
	bool quoted = false;
	for (; *s && (quoted || (*s != '\n' && *s != '\r')); s++) {
		if (*s == '"')
			quoted = !quoted;
		else if (!quoted)
			comma += *s == ',', semicolon += *s == ';', tab += *s == '\t';
	}
	if (tab > comma && tab > semicolon)
		return '\t';
	return semicolon > comma ? ';' : ',';
}

struct rows {
	char **cells;
	size_t n, cap, row, max_rows;
	csv_row_fn *on_row;
	void *arg;
	struct diag *d;
	bool stopped, out_of_memory;
	bool repair; /* UTF-8 by its BOM, with bytes that are not */
};

/* A cell with each byte that is not UTF-8, and each NUL, replaced by
 * U+FFFD; NULL when out of memory. *replaced: how many. */
static char *repaired_cell(const char *field, size_t len, size_t *replaced)
{
	char *out = len < SIZE_MAX / 3 ? malloc(len * 3 + 1) : NULL, *o = out;
	*replaced = 0;
	for (size_t i = 0; out && i < len;) {
		unsigned cp;
		size_t n = field[i] ? text_decode(field + i, len - i, &cp) : 0;
		if (n == 0) {
			memcpy(o, "\xEF\xBF\xBD", 3);
			o += 3, i++, (*replaced)++;
		} else {
			memcpy(o, field + i, n);
			o += n, i += n;
		}
	}
	if (out)
		*o = '\0';
	return out;
}

static void on_cell(void *field, size_t len, void *arg)
{
	struct rows *r = arg;
	if (r->stopped)
		return;
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 32;
		char **grown = realloc(r->cells, cap * sizeof(*grown));
		if (!grown) {
			r->stopped = r->out_of_memory = true;
			return;
		}
		r->cells = grown, r->cap = cap;
	}
	char *copy = NULL;
	size_t replaced = 0;
	if (field && len && (r->repair || memchr(field, '\0', len))) {
		/* A stray byte costs its cell's text, said with its place; the
		 * rest of the file is read as it is. */
		copy = repaired_cell(field, len, &replaced);
		if (copy && replaced)
			diag_warn(r->d,
				  _("row %zu, column %zu: %zu bytes that are not text (not UTF-8, "
				    "or NUL) were replaced with \"\xEF\xBF\xBD\""),
				  r->row + 1, r->n + 1, replaced);
	} else if (field && len) {
		copy = malloc(len + 1);
		if (copy) {
			memcpy(copy, field, len);
			copy[len] = '\0';
		}
	}
	if (field && len && !copy) {
		r->stopped = r->out_of_memory = true;
		return;
	}
	r->cells[r->n++] = copy;
}

static void on_row_end(int terminator, void *arg)
{
	(void)terminator;
	struct rows *r = arg;
	if (!r->stopped && ++r->row > r->max_rows) {
		diag_fail(r->d, _("more than %zu rows: is this the spreadsheet of activities?"),
			  r->max_rows);
		r->stopped = true;
	}
	if (!r->stopped && !r->on_row(r->arg, r->row, (const char *const *)r->cells, r->n))
		r->stopped = true;
	for (size_t i = 0; i < r->n; i++)
		free(r->cells[i]);
	r->n = 0;
}

bool csv_rows_read(const char *buf, size_t len, size_t max_rows, csv_row_fn *on_row, void *arg,
		   struct diag *d)
{
	size_t text_len;
	bool repair;
	char *text = to_utf8(buf, len, &text_len, &repair, d);
	if (!text)
		return false;
	struct csv_parser p;
	if (csv_init(&p, CSV_APPEND_NULL) != 0) {
		free(text);
		return diag_fail(d, _("out of memory"));
	}
	csv_set_delim(&p, separator_of(text));
	struct rows r = {
	    .max_rows = max_rows, .on_row = on_row, .arg = arg, .d = d, .repair = repair};
	bool parsed = csv_parse(&p, text, text_len, on_cell, on_row_end, &r) == text_len;
	/* Lenient inside ("Kerho "Ilo"" typed in a text editor), strict at the
	 * end: a quote left open means the file was cut short. */
	csv_set_opts(&p, CSV_APPEND_NULL | CSV_STRICT | CSV_STRICT_FINI);
	int fini = r.stopped ? 0 : csv_fini(&p, on_cell, on_row_end, &r);
	int code = fini ? fini : parsed ? CSV_SUCCESS : csv_error(&p);
	if (r.out_of_memory || code == CSV_ENOMEM || code == CSV_ETOOBIG)
		diag_fail(d, _("out of memory"));
	else if (code != CSV_SUCCESS)
		diag_fail(d, _("the file ends inside a quoted cell (a \" without its pair)"));
	for (size_t i = 0; i < r.n; i++)
		free(r.cells[i]);
	free(r.cells);
	csv_free(&p);
	free(text);
	return !r.stopped && code == CSV_SUCCESS && !d->error;
}
