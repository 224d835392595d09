/* SPDX-License-Identifier: EUPL-1.2 */
/* admin_hidden: activities hidden on this terminal; Enter shows one again.
 * (An activity is hidden from its detail screen with H in admin mode.) */
#include "config.h"

#include "app/app.h"
#include "util/i18n.h"
#include "local/local.h"
#include "ui.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>

static struct {
	struct hidden_list list;
	int selected;
	char message[200];
} st;

static void load(struct ui *ui)
{
	char *err = NULL;
	hidden_list_free(&st.list);
	if (!local_hidden_list(ui->store, ui->lang, &st.list, &err)) {
		snprintf(st.message, sizeof(st.message), "%s", err ? err : "?");
		free(err);
	}
	if (st.selected >= (int)st.list.n)
		st.selected = st.list.n ? (int)st.list.n - 1 : 0;
}

static void enter(struct ui *ui, const void *arg)
{
	(void)arg;
	st.selected = 0;
	st.message[0] = '\0';
	load(ui);
}

static void leave(struct ui *ui)
{
	(void)ui;
	hidden_list_free(&st.list);
}

static void draw(struct ui *ui)
{
	ui_header(ui, _("Hidden activities"));
	int y = ui_body_top(ui) + 1;
	ui_wrap(ui, y, 2, ui->cols - 4, 0, 2, UIC_DIM,
		_("These are not shown on this terminal. Enter shows the chosen one again."));
	y += 3;
	if (st.list.n == 0)
		ui_text(ui, y, 2, ui->cols - 4, UIC_NORMAL, _("Nothing is hidden."));
	for (int i = 0; i < (int)st.list.n && y < ui->rows - 3; i++, y += 2) {
		const struct hidden_activity *h = &st.list.v[i];
		bool sel = i == st.selected;
		if (sel)
			ui_fill(ui, y, 1, ui->cols - 2, UIC_SELECTED);
		char line[400];
		snprintf(line, sizeof(line), "%s  (%s)",
			 h->name ? h->name : _("(no longer in the feed)"), h->id);
		ui_text(ui, y, 2, ui->cols - 4, sel ? UIC_SELECTED : UIC_NORMAL, line);
		ui_hit(ui, y, 0, 1, ui->cols, i);
	}
	if (*st.message)
		ui_text(ui, ui->rows - 2, 2, ui->cols - 4, UIC_NORMAL, st.message);
	ui_footer(ui, _("Enter: show again   Esc: back"));
}

static int unhide(struct ui *ui, int i)
{
	char *err = NULL;
	bool ok =
	    local_unhide(ui->store, st.list.v[i].source, st.list.v[i].id, "ui", ui_clock(ui), &err);
	snprintf(st.message, sizeof(st.message), "%s", ok ? _("Shown again.") : err);
	free(err);
	load(ui);
	return UI_REDRAW;
}

static int key(struct ui *ui, int k)
{
	int n = (int)st.list.n;
	if ((k == UI_ENTER || k == '\r' || k == UI_KEY(KEY_ENTER)) && n)
		return unhide(ui, st.selected);
	if (k == UI_KEY(KEY_DOWN) && st.selected + 1 < n)
		st.selected++;
	else if (k == UI_KEY(KEY_UP) && st.selected > 0)
		st.selected--;
	else
		return UI_NONE;
	return UI_REDRAW;
}

static int mouse(struct ui *ui, int tag)
{
	return tag >= 0 && tag < (int)st.list.n ? unhide(ui, tag) : UI_NONE;
}

const struct screen admin_hidden_screen = {
    .name = "admin_hidden",
    .enter = enter,
    .leave = leave,
    .draw = draw,
    .key = key,
    .mouse = mouse,
    .reload = load,
};
