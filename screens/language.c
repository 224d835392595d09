/* SPDX-License-Identifier: EUPL-1.2 */
/* language: Suomi, Svenska, English. The choice lasts until the terminal
 * returns to the attract screen. */
#include "config.h"

#include "util/i18n.h"
#include "ui.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

static const struct {
	const char *code, *label;
} languages[] = {{"fi", "1  Suomi"}, {"sv", "2  Svenska"}, {"en", "3  English"}};

static int selected;

static void enter(struct ui *ui, const void *arg)
{
	(void)arg;
	selected = 0;
	for (int i = 0; i < 3; i++)
		if (strcmp(ui->lang, languages[i].code) == 0)
			selected = i;
}

static void leave(struct ui *ui)
{
	(void)ui;
	selected = 0;
}

static void draw(struct ui *ui)
{
	ui_header(ui, "Kieli · Språk · Language");
	int y = ui_body_top(ui) + 2, w = ui->cols > 60 ? 40 : ui->cols - 4;
	ui_text(ui, y, 2, ui->cols - 4, UIC_HEADING,
		"Valitse kieli · Välj språk · Choose a language");
	for (int i = 0; i < 3; i++)
		ui_button(ui, y + 2 + i * 4, (ui->cols - w) / 2, w, 3, languages[i].label,
			  i == selected, i);
	ui_footer(ui, "1-3, Enter · Esc");
}

static int choose(struct ui *ui, int i)
{
	ui_set_language(ui, languages[i].code);
	return UI_POP;
}

static int key(struct ui *ui, int k)
{
	if (k >= '1' && k <= '3')
		return choose(ui, k - '1');
	if (k == UI_ENTER || k == '\r' || k == UI_KEY(KEY_ENTER))
		return choose(ui, selected);
	if (k == UI_KEY(KEY_DOWN) && selected < 2)
		selected++;
	else if (k == UI_KEY(KEY_UP) && selected > 0)
		selected--;
	else
		return UI_NONE;
	return UI_REDRAW;
}

static int mouse(struct ui *ui, int tag)
{
	return tag >= 0 && tag < 3 ? choose(ui, tag) : UI_NONE;
}

/* Listen: the question and the three choices, numbered as on the
 * buttons. */
static char *speak(struct ui *ui)
{
	(void)ui;
	char *text = NULL;
	if (asprintf(&text, "Valitse kieli. Välj språk. Choose a language. %s. %s. %s.",
		     languages[0].label, languages[1].label, languages[2].label) < 0)
		return NULL;
	return text;
}

const struct screen language_screen = {
    .name = "language",
    .enter = enter,
    .leave = leave,
    .draw = draw,
    .key = key,
    .mouse = mouse,
    .speak = speak,
};
