/* SPDX-License-Identifier: EUPL-1.2 */
/* categories: the topics, or the life situations (audiences), that have
 * activities ahead; choosing one lists them. */
#include "config.h"

#include "model/model_memo.h"
#include "util/i18n.h"
#include "ui.h"
#include "speech/speech_text.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct {
	int usage;
	struct category_list list;
	int selected, top, page; /* page: buttons shown at once */
	struct listing_arg arg;	 /* what the listing opened last shows */
	char loaded_lang[4];	 /* the list's language and generation (model_memo.h) */
	long loaded_generation;
	enum category_usage loaded_usage;
} st;

/* The list shown, given back: kept for the next visitor while current. */
static void give_back(struct ui *ui)
{
	if (*st.loaded_lang) /* a list was read */
		memo_give_categories(ui->memo, st.loaded_generation, st.loaded_usage,
				     st.loaded_lang, &st.list);
	*st.loaded_lang = '\0';
}

static void load(struct ui *ui)
{
	char *err = NULL;
	give_back(ui);
	if (!memo_take_categories(ui->memo, ui->generation, st.usage, ui->lang, &st.list) &&
	    !model_categories(ui->store, st.usage, ui->lang, ui->now, &st.list, &err))
		free(err);
	snprintf(st.loaded_lang, sizeof(st.loaded_lang), "%s", ui->lang);
	st.loaded_generation = ui->generation;
	st.loaded_usage = st.usage;
	if (st.selected >= (int)st.list.n)
		st.selected = 0;
}

static void enter(struct ui *ui, const void *arg)
{
	st.usage = *(const int *)arg;
	st.selected = st.top = 0;
	load(ui);
}

static void leave(struct ui *ui)
{
	give_back(ui);
	st.selected = st.top = 0;
}

static void draw(struct ui *ui)
{
	ui_header(ui, st.usage == USAGE_AUDIENCE ? _("For whom") : _("By topic"));
	int y = ui_body_top(ui) + 1, rows = ui_body_rows(ui) - 2;
	ui_text(ui, y, 2, ui->cols - 4, UIC_HEADING,
		st.usage == USAGE_AUDIENCE ? _("Choose a life situation:") : _("Choose a topic:"));
	/* Buttons with a gap, two rows high where there is room, in two
	 * columns on wide screens. */
	int bh = rows >= 30 ? 2 : 1;
	int cols = ui->cols >= 120 ? 2 : 1, per_col = (rows - 2) / (bh + 1);
	int page = per_col * cols;
	st.page = page;
	if (st.top > st.selected)
		st.top = st.selected;
	if (st.selected >= st.top + page)
		st.top = st.selected - page + 1;
	int pager = ui_pager(ui, y + 2, per_col * (bh + 1) - 1, st.top + 1, page, (int)st.list.n);
	int bw = (ui->cols - 4 - pager - (cols - 1) * 2) / cols;
	for (int i = 0; i < page && st.top + i < (int)st.list.n; i++) {
		const struct category_entry *c = &st.list.v[st.top + i];
		char label[256];
		if (i < 9)
			snprintf(label, sizeof(label), "%d  %s (%ld)", i + 1, c->name, c->upcoming);
		else
			snprintf(label, sizeof(label), "   %s (%ld)", c->name, c->upcoming);
		ui_button(ui, y + 2 + (i % per_col) * (bh + 1), 2 + (i / per_col) * (bw + 2), bw,
			  bh, label, st.top + i == st.selected, st.top + i);
	}
	if (st.list.n == 0)
		ui_text(ui, y + 2, 2, ui->cols - 4, UIC_NORMAL, _("No activities ahead."));
	ui_footer(ui, _("↑↓ choose  Enter or 1-9 open  Esc back"));
}

static int open_category(struct ui *ui, int i)
{
	st.selected = i;
	st.arg = (struct listing_arg){WHEN_ALL, st.list.v[i].id, st.list.v[i].name};
	return ui_push(ui, &listing_screen, &st.arg);
}

static int key(struct ui *ui, int k)
{
	int n = (int)st.list.n, before = st.selected;
	if (k >= '1' && k <= '9' && st.top + k - '1' < n)
		return open_category(ui, st.top + k - '1');
	if ((k == UI_ENTER || k == '\r' || k == UI_KEY(KEY_ENTER) || k == UI_KEY(KEY_RIGHT)) &&
	    n > 0)
		return open_category(ui, st.selected);
	if (k == UI_KEY(KEY_DOWN) && st.selected + 1 < n)
		st.selected++;
	else if (k == UI_KEY(KEY_UP) && st.selected > 0)
		st.selected--;
	else if (k == UI_KEY(KEY_NPAGE) && st.top + st.page < n)
		st.top += st.page, st.selected = st.top;
	else if (k == UI_KEY(KEY_PPAGE) && st.top > 0)
		st.top = st.top > st.page ? st.top - st.page : 0, st.selected = st.top;
	else if (k == UI_KEY(KEY_NPAGE) || k == UI_KEY(KEY_PPAGE))
		return UI_HANDLED;
	else
		return UI_NONE;
	return st.selected != before ? UI_REDRAW : UI_HANDLED;
}

static int mouse(struct ui *ui, int tag)
{
	return tag >= 0 && tag < (int)st.list.n ? open_category(ui, tag) : UI_NONE;
}

/* Listen: the choices, as numbered on the screen. */
static char *speak(struct ui *ui)
{
	char text[2048] = "";
	size_t len = 0;
	for (size_t i = 0; i < st.list.n && len < sizeof(text); i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len, "%zu, %s. ", i + 1,
					st.list.v[i].name);
	return speech_announcement(*text ? text : ui->title, NULL, ui->lang);
}

/* A+ and A-: the same categories again at the new size. */
static void save(struct ui *ui, struct resume_state *rs)
{
	(void)ui;
	rs->number = st.usage;
}

static void resume(struct ui *ui, const struct resume_state *rs)
{
	enter(ui, &rs->number);
}

const struct screen categories_screen = {
    .name = "categories",
    .enter = enter,
    .leave = leave,
    .draw = draw,
    .key = key,
    .mouse = mouse,
    .reload = load,
    .save = save,
    .resume = resume,
    .speak = speak,
};
