/* SPDX-License-Identifier: EUPL-1.2 */
/* ui_report: the kiosk's screen as a screen_report, for the admin's
 * aulataulu screen: which screen, since when, and its text read back from
 * curses, but only while nobody uses the terminal. */
#include "config.h"

#include "ui.h"

#include "screen.h"
#include "app/screen_report.h"
#include "util/textbuf.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

void ui_note_shown(struct ui *ui)
{
	const struct screen *top = ui_top(ui);
	if (top != ui->shown) {
		ui->shown = top;
		ui->shown_since = ui_clock(ui);
	}
}

/* The rows of the screen as drawn, trailing blanks cut. */
static char *screen_text(const struct ui *ui)
{
	struct textbuf b = {0};
	wchar_t row[1024];
	char bytes[4096];
	int y0, x0;
	getyx(stdscr, y0, x0);
	for (int y = 0; y < ui->rows; y++) {
		int n = mvinnwstr(y, 0, row, ui->cols < 1023 ? ui->cols : 1023);
		if (n < 0)
			n = 0;
		row[n] = L'\0';
		while (n > 0 && row[n - 1] == L' ')
			row[--n] = L'\0';
		size_t len = wcstombs(bytes, row, sizeof(bytes) - 1);
		if (len == (size_t)-1)
			len = 0;
		textbuf_add(&b, bytes, len);
		textbuf_add(&b, "\n", 1);
	}
	move(y0, x0);
	if (b.failed) {
		free(b.s);
		return NULL;
	}
	return b.s;
}

void ui_report(struct ui *ui, struct screen_report *r)
{
	ui_note_shown(ui);
	*r = (struct screen_report){.since = ui->shown_since,
				    .written = ui_clock(ui),
				    .in_use = ui->depth > 1 || ui->admin,
				    .dark = ui->dark,
				    .rows = ui->rows,
				    .cols = ui->cols};
	snprintf(r->screen, sizeof(r->screen), "%s", ui->shown->name);
	if (!r->in_use)
		r->text = screen_text(ui);
}
