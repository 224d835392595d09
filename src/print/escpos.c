/* SPDX-License-Identifier: EUPL-1.2 */
/* escpos: a slip in ESC/POS. */
#include "config.h"

#include "print/escpos.h"

#include "app/qr.h"
#include "util/text.h"

#include <iconv.h>
#include <stdlib.h>
#include <string.h>

/* The QR code's module, in dots: 6 dots (0.75 mm) read well on paper. */
#define MODULE_DOTS 6
#define QUIET_MODULES 4

static void put(struct textbuf *b, const char *bytes, size_t n)
{
	textbuf_add(b, bytes, n);
}

/* text in PC858 (what ESC t 19 selects); what it lacks, as near as can be
 * ("–" as "-"). */
static bool put_text(struct textbuf *b, const char *text)
{
	iconv_t cd = iconv_open("CP858//TRANSLIT", "UTF-8");
	if (cd == (iconv_t)-1)
		return false;
	char out[1024];
	char *in = (char *)text, *o = out;
	size_t in_left = strlen(text), out_left = sizeof(out);
	while (in_left && iconv(cd, &in, &in_left, &o, &out_left) == (size_t)-1) {
		if (!out_left)
			break;
		in++, in_left--; /* a byte that is no character: skipped */
		*o++ = '?', out_left--;
	}
	iconv_close(cd);
	put(b, out, (size_t)(o - out));
	return true;
}

/* Lines of at most cols characters, broken between words. */
static bool put_wrapped(struct textbuf *b, const char *text, int cols)
{
	size_t n = text_wrap(text, cols, NULL, 0);
	struct text_line *spans = calloc(n ? n : 1, sizeof(*spans));
	if (!spans)
		return false;
	text_wrap(text, cols, spans, n);
	bool ok = true;
	for (size_t i = 0; i < n && ok; i++) {
		char line[512];
		size_t len = spans[i].len < sizeof(line) - 1 ? spans[i].len : sizeof(line) - 1;
		memcpy(line, spans[i].start, len);
		line[len] = '\0';
		ok = put_text(b, line);
		put(b, "\n", 1);
	}
	free(spans);
	return ok;
}

/* The code as a raster bit image (GS v 0), centred by the print's own
 * justification. */
static void put_qr(struct textbuf *b, const char *text)
{
	struct qr q;
	if (!qr_make(text, QR_WEB, &q))
		return;
	int modules = q.size + 2 * QUIET_MODULES, dots = modules * MODULE_DOTS;
	int row_bytes = (dots + 7) / 8;
	unsigned char head[8] = {0x1d,
				 'v',
				 '0',
				 0,
				 (unsigned char)(row_bytes & 0xff),
				 (unsigned char)(row_bytes >> 8),
				 (unsigned char)(dots & 0xff),
				 (unsigned char)(dots >> 8)};
	put(b,
	    "\x1b"
	    "a\x01",
	    3); /* centred */
	put(b, (const char *)head, sizeof(head));
	unsigned char *row = calloc((size_t)row_bytes, 1);
	for (int y = 0; row && y < dots; y++) {
		memset(row, 0, (size_t)row_bytes);
		for (int x = 0; x < dots; x++)
			if (qr_dark(&q, x / MODULE_DOTS - QUIET_MODULES,
				    y / MODULE_DOTS - QUIET_MODULES))
				row[x / 8] |= (unsigned char)(0x80 >> (x % 8));
		put(b, (const char *)row, (size_t)row_bytes);
	}
	free(row);
	put(b,
	    "\x1b"
	    "a\x00",
	    3);
	qr_free(&q);
}

bool escpos_render(const struct slip *s, int width_dots, struct textbuf *out)
{
	int cols = ESCPOS_COLUMNS(width_dots);
	put(out, "\x1b@", 2);	  /* initialise */
	put(out, "\x1bt\x13", 3); /* code page PC858 */
	bool ok = true;
	for (size_t i = 0; i < s->n && ok; i++) {
		const struct slip_line *l = &s->lines[i];
		if (s->qr && i == s->qr_at) {
			put(out, "\n", 1);
			put_qr(out, s->qr);
		}
		switch (l->style) {
		case SLIP_LARGE:
			put(out, "\x1d!\x11", 3); /* double width and height */
			ok = put_wrapped(out, l->text, cols / 2);
			put(out, "\x1d!\x00", 3);
			break;
		case SLIP_HEADING:
			put(out,
			    "\n\x1b"
			    "E\x01",
			    4); /* a blank line, then bold */
			ok = put_wrapped(out, l->text, cols);
			put(out,
			    "\x1b"
			    "E\x00",
			    3);
			break;
		case SLIP_SMALL:
			put(out, "\n\x1b!\x01", 4); /* font B */
			ok = put_wrapped(out, l->text, cols * 4 / 3);
			put(out, "\x1b!\x00", 3);
			break;
		default:
			ok = put_wrapped(out, l->text, cols);
		}
	}
	if (s->qr && s->qr_at >= s->n) {
		put(out, "\n", 1);
		put_qr(out, s->qr);
	}
	put(out, "\n\n\n\x1dV\x42\x03", 7); /* feed, then a partial cut */
	return ok && !out->failed;
}
