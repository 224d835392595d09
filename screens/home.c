/* SPDX-License-Identifier: EUPL-1.2 */
/* home: the main menu, big numbered buttons. */
#include "config.h"

#include "util/i18n.h"
#include "ui.h"
#include "speech/speech_text.h"

#include <curses.h>
#include <stdio.h>

static const struct listing_arg today = {WHEN_TODAY, NULL, N_("Today")};
static const struct listing_arg week = {WHEN_WEEK, NULL, N_("This week")};
static const int by_topic = USAGE_TOPIC, by_audience = USAGE_AUDIENCE;

static const struct entry {
	const char *label;
	const struct screen *screen;
	const void *arg;
} entries[] = {
    {N_("Today"), &listing_screen, &today},
    {N_("This week"), &listing_screen, &week},
    {N_("By topic"), &categories_screen, &by_topic},
    {N_("For whom: life situations"), &categories_screen, &by_audience},
    {N_("Notice board"), &board_screen, NULL},
    {N_("Search"), &search_screen, NULL},
    {"Kieli · Språk · Language", &language_screen, NULL},
    {N_("About this terminal"), &about_screen, NULL},
};
#define N_ENTRIES ((int)(sizeof(entries) / sizeof(*entries)))

static int selected;

static void enter(struct ui *ui, const void *arg)
{
	(void)ui;
	(void)arg;
	selected = 0;
}

static void leave(struct ui *ui)
{
	(void)ui;
	selected = 0;
}

static void draw(struct ui *ui)
{
	ui_header(ui, _("Menu"));
	int top = ui_body_top(ui) + 1, rows = ui_body_rows(ui) - 2;
	ui_text(ui, top, 2, ui->cols - 4, UIC_HEADING, _("What would you like to find?"));
	/* Two columns of buttons, as tall as the screen allows (3 rows or more). */
	int per_col = (N_ENTRIES + 1) / 2, bh = (rows - 2) / per_col - 1;
	if (bh > 5)
		bh = 5;
	if (bh < 1)
		bh = 1;
	int bw = (ui->cols - 6) / 2;
	for (int i = 0; i < N_ENTRIES; i++) {
		int col = i / per_col, row = i % per_col;
		char label[160];
		snprintf(label, sizeof(label), "%d  %s", i + 1, _(entries[i].label));
		ui_button(ui, top + 2 + row * (bh + 1), 2 + col * (bw + 2), bw, bh, label,
			  i == selected, i);
	}
	ui_footer(ui, _("1-8 or arrows and Enter: choose   Esc: back"));
}

static int open_entry(struct ui *ui, int i)
{
	selected = i;
	return ui_push(ui, entries[i].screen, entries[i].arg);
}

static int key(struct ui *ui, int k)
{
	int per_col = (N_ENTRIES + 1) / 2;
	if (k >= '1' && k < '1' + N_ENTRIES)
		return open_entry(ui, k - '1');
	if (k == UI_ENTER || k == '\r' || k == UI_KEY(KEY_ENTER))
		return open_entry(ui, selected);
	int before = selected;
	if (k == UI_KEY(KEY_DOWN) && selected + 1 < N_ENTRIES)
		selected++;
	else if (k == UI_KEY(KEY_UP) && selected > 0)
		selected--;
	else if (k == UI_KEY(KEY_RIGHT) && selected + per_col < N_ENTRIES)
		selected += per_col;
	else if (k == UI_KEY(KEY_LEFT) && selected >= per_col)
		selected -= per_col;
	else if (k == UI_KEY(KEY_LEFT) || k == UI_KEY(KEY_RIGHT))
		return UI_HANDLED; /* at the edge: not "back" */
	else
		return UI_NONE;
	return selected != before ? UI_REDRAW : UI_HANDLED;
}

static int mouse(struct ui *ui, int tag)
{
	return tag >= 0 && tag < N_ENTRIES ? open_entry(ui, tag) : UI_NONE;
}

/* Listen: the choices, as numbered on the screen. */
static char *speak(struct ui *ui)
{
	char text[1024] = "";
	size_t len = 0;
	for (int i = 0; i < N_ENTRIES && len < sizeof(text); i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len, "%d, %s. ", i + 1,
					_(entries[i].label));
	return speech_announcement(text, NULL, ui->lang);
}

const struct screen home_screen = {
    .name = "home",
    .enter = enter,
    .leave = leave,
    .draw = draw,
    .key = key,
    .mouse = mouse,
    .speak = speak,
};
