/* SPDX-License-Identifier: EUPL-1.2 */
/* pdf: a slip on A4 with cairo (libcairo, opened lazily). */
#include "config.h"

#include "print/pdf.h"

#include "app/qr.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/lazy.h"
#include "util/path.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <stdlib.h>
#include <string.h>

#define CAIRO_FUNCTIONS(F)                                                                         \
	F(pdf_surface, "cairo_pdf_surface_create_for_stream", cairo_surface_t *,                   \
	  (cairo_write_func_t, void *, double, double))                                            \
	F(pdf_metadata, "cairo_pdf_surface_set_metadata", void,                                    \
	  (cairo_surface_t *, cairo_pdf_metadata_t, const char *))                                 \
	F(create, "cairo_create", cairo_t *, (cairo_surface_t *))                                  \
	F(destroy, "cairo_destroy", void, (cairo_t *))                                             \
	F(status, "cairo_status", cairo_status_t, (cairo_t *))                                     \
	F(status_text, "cairo_status_to_string", const char *, (cairo_status_t))                   \
	F(surface_finish, "cairo_surface_finish", void, (cairo_surface_t *))                       \
	F(surface_status, "cairo_surface_status", cairo_status_t, (cairo_surface_t *))             \
	F(surface_destroy, "cairo_surface_destroy", void, (cairo_surface_t *))                     \
	F(select_font, "cairo_select_font_face", void,                                             \
	  (cairo_t *, const char *, cairo_font_slant_t, cairo_font_weight_t))                      \
	F(font_size, "cairo_set_font_size", void, (cairo_t *, double))                             \
	F(text_extents, "cairo_text_extents", void,                                                \
	  (cairo_t *, const char *, cairo_text_extents_t *))                                       \
	F(move_to, "cairo_move_to", void, (cairo_t *, double, double))                             \
	F(show_text, "cairo_show_text", void, (cairo_t *, const char *))                           \
	F(rectangle, "cairo_rectangle", void, (cairo_t *, double, double, double, double))         \
	F(fill, "cairo_fill", void, (cairo_t *))                                                   \
	F(show_page, "cairo_show_page", void, (cairo_t *))

static struct {
	CAIRO_FUNCTIONS(LAZY_MEMBER)
} C;

static bool load(char **err)
{
	static struct lazy_lib lib;
	static const char *const names[] = {CAIRO_FUNCTIONS(LAZY_NAME)};
#define SLOT(member, symbol, ret, params) (void **)&C.member,
	void **const slots[] = {CAIRO_FUNCTIONS(SLOT)};
#undef SLOT
	return lazy_load(&lib, "libcairo.so.2", names, slots, LAZY_COUNT(names)) ||
	       err_give(err, path_format(_("no page printing: %s (install the Debian package "
					   "libcairo2)"),
					 lib.why));
}

/* A4 in points, margins of 20 mm. */
#define PAGE_W 595.28
#define PAGE_H 841.89
#define MARGIN 56.69
#define QR_SIDE 128.0 /* 45 mm: a phone reads it from arm's length */

struct page {
	cairo_t *cr;
	double y; /* the baseline of the last line */
};

static cairo_status_t collect(void *closure, const unsigned char *data, unsigned int len)
{
	struct textbuf *out = closure;
	textbuf_add(out, data, len);
	return out->failed ? CAIRO_STATUS_NO_MEMORY : CAIRO_STATUS_SUCCESS;
}

/* Room for h more points on this page, or a new page. */
static void room(struct page *p, double h)
{
	if (p->y + h > PAGE_H - MARGIN) {
		C.show_page(p->cr);
		p->y = MARGIN;
	}
}

static double width_of(cairo_t *cr, const char *text, size_t len)
{
	char buf[1024];
	if (len >= sizeof(buf))
		len = sizeof(buf) - 1;
	memcpy(buf, text, len);
	buf[len] = '\0';
	cairo_text_extents_t e;
	C.text_extents(cr, buf, &e);
	return e.x_advance;
}

static void show(struct page *p, const char *text, size_t len, double size)
{
	char buf[1024];
	if (len >= sizeof(buf))
		len = sizeof(buf) - 1;
	memcpy(buf, text, len);
	buf[len] = '\0';
	room(p, size * 1.3);
	p->y += size * 1.3;
	C.move_to(p->cr, MARGIN, p->y);
	C.show_text(p->cr, buf);
}

/* text in lines that fit the page's width, broken between words (a word
 * wider than the page on a line of its own). */
static void wrapped(struct page *p, const char *text, double size, bool bold)
{
	C.select_font(p->cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
		      bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
	C.font_size(p->cr, size);
	const double width = PAGE_W - 2 * MARGIN;
	const char *line = text;
	while (*line) {
		while (*line == ' ')
			line++;
		if (!*line)
			break;
		size_t fits = 0, at = 0;
		for (;;) {
			size_t next = at;
			while (line[next] == ' ')
				next++;
			size_t end = next + strcspn(line + next, " ");
			if (end == next || (fits && width_of(p->cr, line, end) > width))
				break;
			fits = at = end;
		}
		show(p, line, fits, size);
		line += fits;
	}
}

static void draw_qr(struct page *p, const char *url)
{
	struct qr q;
	if (!qr_make(url, QR_WEB, &q))
		return;
	double module = QR_SIDE / q.size;
	room(p, QR_SIDE + 24);
	double top = p->y + 16;
	for (int y = 0; y < q.size; y++)
		for (int x = 0; x < q.size; x++)
			if (qr_dark(&q, x, y))
				C.rectangle(p->cr, MARGIN + x * module, top + y * module, module,
					    module);
	C.fill(p->cr);
	p->y = top + QR_SIDE + 8;
	qr_free(&q);
}

bool pdf_render(const struct slip *s, const char *title, struct textbuf *out, char **err)
{
	if (!load(err))
		return false;
	cairo_surface_t *surface = C.pdf_surface(collect, out, PAGE_W, PAGE_H);
	C.pdf_metadata(surface, CAIRO_PDF_METADATA_TITLE, title);
	C.pdf_metadata(surface, CAIRO_PDF_METADATA_CREATOR, PACKAGE_STRING);
	struct page p = {C.create(surface), MARGIN};
	for (size_t i = 0; i < s->n; i++) {
		const struct slip_line *l = &s->lines[i];
		if (s->qr && i == s->qr_at)
			draw_qr(&p, s->qr);
		switch (l->style) {
		case SLIP_LARGE:
			wrapped(&p, l->text, 22, true);
			break;
		case SLIP_HEADING:
			p.y += 10;
			wrapped(&p, l->text, 13, true);
			break;
		case SLIP_SMALL:
			p.y += 10;
			wrapped(&p, l->text, 10, false);
			break;
		default:
			wrapped(&p, l->text, 13, false);
		}
	}
	if (s->qr && s->qr_at >= s->n)
		draw_qr(&p, s->qr);
	C.show_page(p.cr);
	cairo_status_t status = C.status(p.cr);
	C.destroy(p.cr);
	C.surface_finish(surface);
	if (status == CAIRO_STATUS_SUCCESS)
		status = C.surface_status(surface);
	C.surface_destroy(surface);
	if (status != CAIRO_STATUS_SUCCESS || out->failed)
		return err_give(
		    err, path_format(_("the page could not be made: %s"), C.status_text(status)));
	return true;
}
