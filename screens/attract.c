/* SPDX-License-Identifier: EUPL-1.2 */
/* attract: what a passer-by sees: what this terminal is, what happens here
 * today, the announcements in turn (urgent ones interrupt), and how to
 * start. Any key or touch opens the menu. */
#include "config.h"

#include "util/i18n.h"
#include "util/text.h"
#include "util/timefmt.h"
#include "ui.h"

#include <stdlib.h>

#define ROTATE_SECONDS 8

static struct activity_list today;
static struct announcement_list board;
static size_t shown;	 /* the announcement in turn */
static double turned_at; /* monotonic ms when it came up or last turned */

static void load(struct ui *ui)
{
	char *err = NULL;
	struct list_query q = {.when = WHEN_TODAY, .lang = ui->lang, .now = ui->now};
	activity_list_free(&today);
	announcement_list_free(&board);
	if (!model_list_activities(ui->store, &q, &today, &err))
		free(err);
	err = NULL;
	if (!model_board(ui->store, ui->now, ui->cfg->municipality, ui->lang, &board, &err))
		free(err);
}

static void enter(struct ui *ui, const void *arg)
{
	(void)arg;
	shown = 0;
	turned_at = timefmt_monotonic_ms();
	load(ui);
}

static void leave(struct ui *ui)
{
	(void)ui;
	activity_list_free(&today);
	announcement_list_free(&board);
}

static void centre(struct ui *ui, int y, enum ui_role role, const char *text)
{
	int w = text_display_width(text);
	ui_text(ui, y, w < ui->cols ? (ui->cols - w) / 2 : 0, ui->cols, role, text);
}

/* The announcements in turn; with urgent ones, only those. */
static const struct announcement *current(void)
{
	if (board.n == 0)
		return NULL;
	size_t urgent = 0;
	while (urgent < board.n && board.v[urgent].priority == 3)
		urgent++;
	size_t pool = urgent ? urgent : board.n;
	return &board.v[shown % pool];
}

static void draw(struct ui *ui)
{
	ui_hit(ui, 0, 0, ui->rows, ui->cols, 0); /* first: the clock's taps stay on top */
	ui_header(ui, _("Welcome"));
	int y = ui_body_top(ui) + 1, rows = ui_body_rows(ui);
	centre(ui, y, UIC_HEADING, "Tervetuloa · Välkommen · Welcome");
	centre(ui, y + 1, UIC_NORMAL,
	       _("Activities of associations and parishes near you, and the notice board"));
	int list_rows = rows - 12;
	int x = ui->cols > 100 ? (ui->cols - 96) / 2 : 2, w = ui->cols - 2 * x;
	ui_text(ui, y + 3, x, w, UIC_HEADING, _("Today here"));
	int row = y + 4;
	if (today.n == 0)
		ui_text(ui, row++, x + 2, w - 2, UIC_DIM,
			_("Nothing more today: see this week's."));
	for (size_t i = 0; i < today.n && row < y + 4 + list_rows; i++, row++) {
		char span[48] = "";
		if (today.v[i].next_start)
			ui_format_span(today.v[i].next_start, today.v[i].next_end, span,
				       sizeof(span));
		ui_text(ui, row, x + 2, 12, UIC_NORMAL, span);
		ui_text(ui, row, x + 15, w - 15, UIC_NORMAL, today.v[i].name);
	}
	const struct announcement *a = current();
	int by = ui->rows - 8;
	if (a) {
		enum ui_role role = a->priority == 3 ? UIC_URGENT : UIC_HEADING;
		ui_text(ui, by, x, w, role, a->title);
		ui_wrap(ui, by + 1, x, w, 0, 2, UIC_NORMAL, a->body);
	}
	centre(ui, ui->rows - 4, UIC_SELECTED,
	       "  Paina mitä tahansa näppäintä tai kosketa näyttöä  ");
	centre(ui, ui->rows - 3, UIC_DIM, "Tryck på valfri tangent eller rör vid skärmen");
	centre(ui, ui->rows - 2, UIC_DIM, "Press any key or touch the screen");
	ui_footer(ui, "");
}

/* Someone begins: a session, counted (and nothing more of it). */
static int begin(struct ui *ui)
{
	stats_session(ui->stats, ui_clock(ui));
	return ui_push(ui, &home_screen, NULL);
}

static int key(struct ui *ui, int k)
{
	(void)k;
	return begin(ui);
}

static int mouse(struct ui *ui, int tag)
{
	(void)tag;
	return begin(ui);
}

static int tick(struct ui *ui)
{
	(void)ui;
	/* By the clock, not by ticks: an idle kiosk ticks every 8 s and when
	 * the data changes (app.c). Half a second early is on time. */
	double now = timefmt_monotonic_ms();
	if (now - turned_at < ROTATE_SECONDS * 1000 - 500)
		return UI_NONE;
	turned_at = now;
	shown++;
	return board.n > 1 ? UI_REDRAW : UI_NONE;
}

const struct screen attract_screen = {
    .name = "attract",
    .enter = enter,
    .leave = leave,
    .draw = draw,
    .key = key,
    .mouse = mouse,
    .tick = tick,
    .reload = load,
};
