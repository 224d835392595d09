/* SPDX-License-Identifier: EUPL-1.2 */
/* listing: activities of a period or a category, by next date. Filters:
 * free of charge only (0), this week or everything ahead (Tab). */
#include "config.h"

#include "model/model_memo.h"
#include "util/i18n.h"
#include "list_view.h"
#include "ui.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { TAG_FREE = 10000, TAG_SPAN };

static struct {
	int when;
	char *category, *title;
	bool free_only;
	struct activity_list list;
	/* What list answers (its language copied: ui->lang changes), and in
	 * which generation it was read, to give it back (model_memo.h). */
	struct list_query loaded;
	char loaded_lang[4];
	long loaded_generation;
	struct list_view view;
	int page;
} st;

/* The list shown, given back: kept for the next visitor while current. */
static void give_back(struct ui *ui)
{
	if (*st.loaded_lang) /* a list was read */
		memo_give_list(ui->memo, st.loaded_generation, &st.loaded, &st.list);
	*st.loaded_lang = '\0';
}

static void load(struct ui *ui)
{
	struct list_query q = {.when = st.when,
			       .category = st.category,
			       .lang = ui->lang,
			       .now = ui->now,
			       .free_only = st.free_only};
	struct activity_list fresh;
	char *err = NULL;
	if (!memo_take_list(ui->memo, ui->generation, &q, &fresh) &&
	    !model_list_activities(ui->store, &q, &fresh, &err)) {
		free(err);
		fresh = (struct activity_list){0};
	}
	if (ui->day_turned)
		st.view = (struct list_view){0};
	else
		list_view_follow(&st.view, &st.list, &fresh);
	give_back(ui);
	st.list = fresh;
	st.loaded = q;
	snprintf(st.loaded_lang, sizeof(st.loaded_lang), "%s", ui->lang);
	st.loaded.lang = st.loaded_lang;
	st.loaded_generation = ui->generation;
}

static void leave(struct ui *ui)
{
	give_back(ui);
	free(st.category);
	free(st.title);
	memset(&st, 0, sizeof(st));
}

static void enter(struct ui *ui, const void *arg)
{
	const struct listing_arg *a = arg;
	leave(ui);
	st.when = a->when;
	st.category = a->category ? strdup(a->category) : NULL;
	st.title = strdup(a->title);
	load(ui);
}

static void draw(struct ui *ui)
{
	/* Period titles are message ids; category names come translated. This
	 * week says which days it holds (on Sunday, today only). */
	char title[200];
	snprintf(title, sizeof(title), "%s", st.category ? st.title : _(st.title));
	if (st.when == WHEN_WEEK && !st.category) {
		char first[48], last[48];
		ui_format_day(ui, ui->now, first, sizeof(first));
		ui_format_day(ui, model_period_end(WHEN_WEEK, ui->now) - 12 * 3600, last,
			      sizeof(last));
		size_t len = strlen(title);
		if (strcmp(first, last))
			snprintf(title + len, sizeof(title) - len, " %s–%s", first, last);
		else
			snprintf(title + len, sizeof(title) - len, " %s", first);
	}
	ui_header(ui, title);
	int y = ui_body_top(ui);
	char label[96];
	snprintf(label, sizeof(label), "0  %s %s", st.free_only ? "☑" : "☐",
		 _("Free of charge only"));
	ui_button(ui, y, 1, 34, 1, label, st.free_only, TAG_FREE);
	if (st.category) {
		snprintf(label, sizeof(label), "Tab  %s",
			 st.when == WHEN_WEEK ? _("Show everything ahead")
					      : _("Show this week only"));
		ui_button(ui, y, 37, 40, 1, label, false, TAG_SPAN);
	}
	int top = y + 2, rows = ui_body_rows(ui) - 2;
	if (st.list.n == 0) {
		ui_wrap(ui, top, 2, ui->cols - 4, 0, 3, UIC_NORMAL,
			st.free_only
			    ? _("Nothing free of charge in this period. Press 0 to show all.")
			    : _("No activities in this period."));
	}
	st.page = list_view_draw(ui, &st.view, &st.list, top, rows, true);
	ui_footer(ui, _("↑↓ choose  Enter or 1-9 open  0 free only  Esc back"));
}

static int open_selected(struct ui *ui, int i)
{
	static struct detail_arg arg;
	arg = (struct detail_arg){st.list.v[i].source, st.list.v[i].id};
	return ui_push(ui, &detail_screen, &arg);
}

static int toggle(struct ui *ui, int tag)
{
	if (tag == TAG_FREE)
		st.free_only = !st.free_only;
	else if (st.category)
		st.when = st.when == WHEN_WEEK ? WHEN_ALL : WHEN_WEEK;
	st.view = (struct list_view){0};
	load(ui);
	return UI_REDRAW;
}

static int key(struct ui *ui, int k)
{
	if (k == '0')
		return toggle(ui, TAG_FREE);
	if (k == '\t' && st.category)
		return toggle(ui, TAG_SPAN);
	int open;
	int flags = list_view_key(&st.view, &st.list, k, st.page, &open);
	return open >= 0 ? open_selected(ui, open) : flags;
}

static int mouse(struct ui *ui, int tag)
{
	if (tag == TAG_FREE || tag == TAG_SPAN)
		return toggle(ui, tag);
	if (tag >= 0 && tag < (int)st.list.n) {
		st.view.selected = tag;
		return open_selected(ui, tag);
	}
	return UI_NONE;
}

static void save(struct ui *ui, struct resume_state *rs)
{
	(void)ui;
	rs->number = st.when;
	snprintf(rs->text[0], sizeof(rs->text[0]), "%s", st.category ? st.category : "");
	snprintf(rs->text[1], sizeof(rs->text[1]), "%s", st.title ? st.title : "");
}

static void resume(struct ui *ui, const struct resume_state *rs)
{
	struct listing_arg a = {.when = rs->number,
				.category = *rs->text[0] ? rs->text[0] : NULL,
				.title = rs->text[1]};
	enter(ui, &a);
}

/* Listen: the chosen entry, its name and next date. */
static char *speak(struct ui *ui)
{
	return list_view_speak(ui, &st.view, &st.list);
}

const struct screen listing_screen = {
    .name = "listing",
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
