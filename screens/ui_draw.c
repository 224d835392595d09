/* SPDX-License-Identifier: EUPL-1.2 */
/* ui_draw: the drawing primitives every screen uses: text (shortened with
 * an ellipsis, with the Linux console's own glyphs), wrapped text, fills,
 * buttons, the touch pager and QR codes; and the frame every screen has:
 * the header (site, clock, urgent banner, freshness warning) and the
 * footer (Back, Menu, Listen). */
#include "config.h"

#include "ui.h"

#include "util/i18n.h"
#include "app/qr.h"
#include "util/text.h"
#include "util/timefmt.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ui_fill(struct ui *ui, int y, int x, int width, enum ui_role role)
{
	attrset((attr_t)ui_attr(role));
	mvhline(y, x, ' ', width);
	attrset(A_NORMAL);
	(void)ui;
}

/* What the Linux console's fonts (Debian's Lat15 and Uni2) lack, and what
 * stands in for it there. */
static const struct {
	const char *glyph, *console;
} console_glyphs[] = {
    {"⌂", "#"}, {"☎ ", "Tel. "}, {"♿ ", ""}, {"✓", "OK"}, {"⌫", "<-"},
    {"▏", "_"}, {"␣", "__"},	 {"⇧", "^"}, {"⇥", ">"},  {"↵", "<'"},
};

/* text with the glyphs the console lacks replaced (caller frees), or NULL
 * when there is nothing to replace. */
static char *for_console(const char *text)
{
	char *out = NULL;
	for (size_t i = 0; i < sizeof(console_glyphs) / sizeof(*console_glyphs); i++) {
		const char *in = out ? out : text, *at;
		while ((at = strstr(in, console_glyphs[i].glyph))) {
			char *next = NULL;
			if (asprintf(&next, "%.*s%s%s", (int)(at - in), in,
				     console_glyphs[i].console,
				     at + strlen(console_glyphs[i].glyph)) < 0)
				break;
			free(out);
			in = out = next;
		}
	}
	return out;
}

int ui_text(struct ui *ui, int y, int x, int width, enum ui_role role, const char *text)
{
	if (!text || width <= 0 || y < 0 || y >= ui->rows)
		return 0;
	char *plain = ui->console ? for_console(text) : NULL;
	if (plain)
		text = plain;
	int cols;
	size_t n = text_fit(text, width, &cols);
	bool cut = text[n] && text[n] != '\n';
	if (cut && width >= 2) {
		/* Shortened: an ellipsis, after the last whole word that fits
		 * ("· ma" for "maksuton" read as Monday); mid-word only when one
		 * word is longer than the room (a web address). */
		n = text_fit(text, width - 1, &cols);
		size_t space = n;
		while (space > 0 && text[space] != ' ')
			space--;
		while (space > 0 && text[space - 1] == ' ')
			space--;
		if (space > 0)
			n = space;
	}
	attrset((attr_t)ui_attr(role));
	mvaddnstr(y, x, text, (int)n);
	if (cut && width >= 2) {
		char *shown = strndup(text, n);
		cols = (shown ? text_display_width(shown) : (int)n) + 1;
		free(shown);
		addstr("…");
	}
	attrset(A_NORMAL);
	free(plain);
	return cols;
}

int ui_wrap(struct ui *ui, int y, int x, int width, int skip, int max_lines, enum ui_role role,
	    const char *text)
{
	if (!text)
		return 0;
	struct text_line lines[256];
	size_t n = text_wrap(text, width, lines, 256);
	size_t shown = n < 256 ? n : 256;
	for (size_t i = (size_t)(skip > 0 ? skip : 0), row = 0; i < shown && (int)row < max_lines;
	     i++, row++) {
		/* The last line that fits, with more to come: it says so. */
		bool more = (int)row == max_lines - 1 && i + 1 < n;
		char *line = NULL;
		if (asprintf(&line, "%.*s%s", (int)lines[i].len, lines[i].start, more ? "…" : "") <
		    0)
			line = NULL;
		if (line)
			ui_text(ui, y + (int)row, x, width, role, line);
		free(line);
	}
	return (int)n;
}

/* One of the pager's buttons; dim when there is nothing that way. */
static void pager_button(struct ui *ui, int y, int x, int w, int h, const char *arrow, bool active,
			 int tag)
{
	if (active) {
		ui_button(ui, y, x, w, h, arrow, false, tag);
		return;
	}
	for (int r = 0; r < h; r++)
		ui_fill(ui, y + r, x, w, UIC_DIM);
	ui_text(ui, y + h / 2, x + w / 2, 1, UIC_DIM, arrow);
	ui_hit(ui, y, x, h, w, tag);
}

int ui_pager(struct ui *ui, int y, int h, int first, int count, int total)
{
	if (total <= count || h < 3)
		return 0;
	int x = ui->cols - UI_PAGER_W + 1, w = UI_PAGER_W - 1;
	int bh = h >= 9 ? 3 : 1; /* large targets where there is room */
	pager_button(ui, y, x, w, bh, "▲", first > 1, TAG_PAGE_UP);
	pager_button(ui, y + h - bh, x, w, bh, "▼", first + count - 1 < total, TAG_PAGE_DOWN);
	char where[32];
	int last = first + count - 1 < total ? first + count - 1 : total;
	snprintf(where, sizeof(where), "%d/%d", last, total);
	int ww = text_display_width(where);
	ui_text(ui, y + h / 2, x + (ww < w ? (w - ww) / 2 : 0), w, UIC_DIM, where);
	return UI_PAGER_W;
}

void ui_button(struct ui *ui, int y, int x, int w, int h, const char *label, bool selected, int tag)
{
	enum ui_role role = selected ? UIC_SELECTED : UIC_BUTTON;
	for (int r = 0; r < h; r++)
		ui_fill(ui, y + r, x, w, role);
	int width = text_display_width(label);
	int lx = width < w ? x + (w - width) / 2 : x;
	ui_text(ui, y + h / 2, lx, x + w - lx, role, label);
	ui_hit(ui, y, x, h, w, tag);
}

void ui_confirm(struct ui *ui, int y, const char *question, const char *yes)
{
	const char *no = _("Cancel (Esc)");
	int yes_w = text_display_width(yes) + 4, no_w = text_display_width(no) + 4;
	int x_no = ui->cols - 1 - no_w, x_yes = x_no - 1 - yes_w;
	ui_fill(ui, y, 0, ui->cols, UIC_WARNING);
	ui_text(ui, y, 1, x_yes - 2, UIC_WARNING, question);
	ui_button(ui, y, x_yes, yes_w, 1, yes, true, UI_TAG_YES);
	ui_button(ui, y, x_no, no_w, 1, no, false, UI_TAG_NO);
}

int ui_qr_columns(const struct ui *ui, int modules)
{
	return (modules + 4) * (ui->console ? 2 : 1);
}

int ui_qr_width(const struct ui *ui, const char *text, enum qr_kind kind)
{
	struct qr q;
	if (!text || !qr_make(text, kind, &q))
		return 0;
	int w = ui_qr_columns(ui, q.size);
	qr_free(&q);
	return w;
}

/* The console's fonts have the full block but no half blocks: a module is
 * two full blocks wide (square on 8x16 cells) and one row high. */
static int qr_full_blocks(const struct qr *q, int y, int x, int *h)
{
	const int quiet = 2;
	int side = q->size + 2 * quiet;
	attrset((attr_t)ui_attr(UIC_QR));
	for (int r = 0; r < side; r++) {
		move(y + r, x);
		for (int c = 0; c < side; c++)
			addstr(qr_dark(q, c - quiet, r - quiet) ? "██" : "  ");
	}
	attrset(A_NORMAL);
	*h = side;
	return 2 * side;
}

int ui_qr(struct ui *ui, int y, int x, int max_w, int max_h, const char *text, enum qr_kind kind,
	  int *h)
{
	struct qr q;
	*h = 0;
	if (!qr_make(text, kind, &q))
		return 0;
	const int quiet = 2;
	int w = ui_qr_columns(ui, q.size), rows = ui->console ? q.size + 2 * quiet : (w + 1) / 2;
	if (w > max_w || rows > max_h) {
		qr_free(&q);
		return 0;
	}
	if (ui->console) {
		int cols = qr_full_blocks(&q, y, x, h);
		qr_free(&q);
		return cols;
	}
	attrset((attr_t)ui_attr(UIC_QR));
	for (int r = 0; r < rows; r++) {
		move(y + r, x);
		for (int c = 0; c < w; c++) {
			bool top = qr_dark(&q, c - quiet, 2 * r - quiet);
			bool bottom = qr_dark(&q, c - quiet, 2 * r + 1 - quiet);
			addstr(top && bottom ? "█" : top ? "▀" : bottom ? "▄" : " ");
		}
	}
	attrset(A_NORMAL);
	qr_free(&q);
	*h = rows;
	(void)ui;
	return w;
}

void ui_format_day(const struct ui *ui, int64_t t, char *buf, size_t size)
{
	char date[TIMEFMT_BUFSIZE];
	timefmt_date(t, date);
	*strrchr(date, '.') = '\0'; /* "24.11." without the year */
	snprintf(buf, size, "%s %s.", i18n_weekday(timefmt_weekday(t)), date);
	(void)ui;
}

void ui_format_span(int64_t start, int64_t end, char *buf, size_t size)
{
	timefmt_span(start, end, buf, size);
}

/* When the data may be old or the clock wrong, the line that says so. */
static bool freshness_warning(const struct ui *ui, char *buf, size_t size)
{
	const struct freshness *f = &ui->fresh;
	char d[64], c[TIMEFMT_BUFSIZE];
	if (ui->clock_unsure) {
		snprintf(buf, size, " %s",
			 _("The clock may be wrong; times follow the newest feed."));
	} else if (!f->last_success) {
		snprintf(buf, size, " %s", _("not updated yet"));
	} else if (f->expired) { /* the publisher's expires_at has passed */
		snprintf(buf, size, " %s", _("The information may be out of date."));
	} else if (f->failing || f->stale) {
		ui_format_day(ui, f->last_success, d, sizeof(d));
		timefmt_clock(f->last_success, c);
		snprintf(buf, size, " %s %s %s%s%s", _("Information last updated"), d, c,
			 f->failing ? " – " : "", f->failing ? _("no connection to the feed") : "");
	} else {
		return false;
	}
	return true;
}

int ui_body_top(const struct ui *ui)
{
	char buf[200];
	return 1 + (*ui->urgent ? 1 : 0) + (freshness_warning(ui, buf, sizeof(buf)) ? 1 : 0);
}

void ui_header(struct ui *ui, const char *title)
{
	snprintf(ui->title, sizeof(ui->title), "%s", title);
	ui_fill(ui, 0, 0, ui->cols, UIC_TITLE);
	char right[120], day[64], clock[TIMEFMT_BUFSIZE], left[300];
	ui_format_day(ui, ui->now, day, sizeof(day));
	timefmt_clock(ui->now, clock);
	char lang[3] = {(char)(ui->lang[0] - 32), (char)(ui->lang[1] - 32), 0};
	snprintf(right, sizeof(right), "%s %s  %s ", day, clock, lang);
	int zw = ui_zoom_buttons(ui, 0, ui->cols);
	int rw = text_display_width(right) + zw;
	snprintf(left, sizeof(left), " %s · %s", ui->cfg->site, title);
	if (ui->admin)
		snprintf(left, sizeof(left), " %s · %s", _("ADMIN"), title);
	ui_text(ui, 0, 0, ui->cols - rw - 1, ui->admin ? UIC_WARNING : UIC_TITLE, left);
	ui_text(ui, 0, ui->cols - rw, rw - zw, UIC_TITLE, right);
	ui_hit(ui, 0, ui->cols - rw, 1, rw - zw, TAG_CLOCK);
	int y = 1;
	if (*ui->urgent) {
		ui_fill(ui, y, 0, ui->cols, UIC_URGENT);
		char line[320];
		snprintf(line, sizeof(line), " %s: %s", _("URGENT"), ui->urgent);
		ui_text(ui, y, 0, ui->cols, UIC_URGENT, line);
		ui_hit(ui, y, 0, 1, ui->cols, TAG_BOARD); /* the board opens from the banner */
		y++;
	}
	char warning[200];
	if (freshness_warning(ui, warning, sizeof(warning))) {
		ui_fill(ui, y, 0, ui->cols, UIC_WARNING);
		ui_text(ui, y, 0, ui->cols, UIC_WARNING, warning);
	}
}

void ui_footer(struct ui *ui, const char *help)
{
	int y = ui->rows - 1;
	ui_fill(ui, y, 0, ui->cols, UIC_FOOTER);
	int x = 0;
	if (ui->depth > 1) {
		char back[64];
		snprintf(back, sizeof(back), " ‹ %s ", _("Back"));
		int w = ui_text(ui, y, x, ui->cols, UIC_BUTTON, back);
		ui_hit(ui, y, x, 1, w, TAG_BACK);
		x += w + 1;
	}
	if (ui->depth > 2) {
		char home[64];
		snprintf(home, sizeof(home), " ⌂ %s ", _("Menu"));
		int w = ui_text(ui, y, x, ui->cols - x, UIC_BUTTON, home);
		ui_hit(ui, y, x, 1, w, TAG_HOME);
		x += w + 1;
	}
	int listen = ui_listen_button(ui, y);
	ui_text(ui, y, x + 1, ui->cols - x - 1 - listen, UIC_FOOTER, help);
}
