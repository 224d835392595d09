/* SPDX-License-Identifier: EUPL-1.2 */
/* admin_list: the local announcements; Enter or a tap edits, N adds, D or
 * the Remove button removes after a question. */
#include "config.h"

#include "util/i18n.h"
#include "local/local.h"
#include "util/text.h"
#include "util/timefmt.h"
#include "ui.h"
#include "app/app.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>

static struct {
	struct local_announcement_list list;
	int selected;
	bool confirm; /* asked whether to remove the chosen one */
	char message[200];
	struct edit_arg arg;
} st;

enum { TAG_NEW = 1000, TAG_REMOVE = 2000 };

static void load(struct ui *ui)
{
	char *err = NULL;
	local_announcement_list_free(&st.list);
	if (!local_announcement_list(ui->store, &st.list, &err)) {
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
	st.confirm = false;
	st.message[0] = '\0';
	load(ui);
}

static void leave(struct ui *ui)
{
	(void)ui;
	local_announcement_list_free(&st.list);
}

static void window_text(const struct local_announcement *a, int64_t now, char *buf, size_t size)
{
	char from[TIMEFMT_BUFSIZE] = "…", until[TIMEFMT_BUFSIZE] = "…";
	if (a->valid_from)
		timefmt_local(a->valid_from, from);
	if (a->valid_until)
		timefmt_local(a->valid_until, until);
	const char *state = a->valid_until && a->valid_until <= now ? _("ended")
			    : a->valid_from && a->valid_from > now  ? _("coming")
								    : _("shown now");
	snprintf(buf, size, "%s – %s  (%s)", from, until, state);
}

static void draw(struct ui *ui)
{
	ui_header(ui, _("Local announcements"));
	int y = ui_body_top(ui) + 1;
	ui_button(ui, y, 2, 30, 1, _("N  New announcement"), false, TAG_NEW);
	y += 2;
	if (st.list.n == 0)
		ui_text(ui, y, 2, ui->cols - 4, UIC_NORMAL, _("No local announcements."));
	int per = (ui->rows - y - 3) / 3;
	const char *remove = _("Remove");
	int remove_w = text_display_width(remove) + 4;
	int top = st.selected >= per ? st.selected - per + 1 : 0;
	for (int i = top; i < (int)st.list.n && i < top + per; i++, y += 3) {
		const struct local_announcement *a = &st.list.v[i];
		bool sel = i == st.selected;
		char line[300], when[160];
		snprintf(line, sizeof(line), "[%d] %s", a->priority, a->title);
		if (sel)
			ui_fill(ui, y, 1, ui->cols - 2, UIC_SELECTED);
		ui_text(ui, y, 2, ui->cols - 6 - remove_w, sel ? UIC_SELECTED : UIC_HEADING, line);
		window_text(a, ui->now, when, sizeof(when));
		ui_text(ui, y + 1, 6, ui->cols - 10 - remove_w, UIC_DIM, when);
		ui_hit(ui, y, 0, 2, ui->cols, i);
		ui_button(ui, y, ui->cols - 2 - remove_w, remove_w, 2, remove, false,
			  TAG_REMOVE + i);
	}
	if (st.confirm && st.selected < (int)st.list.n) {
		char question[300];
		snprintf(question, sizeof(question), _("Remove \"%s\"?"),
			 st.list.v[st.selected].title);
		ui_confirm(ui, ui->rows - 2, question, _("Yes, remove (D)"));
	} else if (*st.message)
		ui_text(ui, ui->rows - 2, 2, ui->cols - 4, UIC_NORMAL, st.message);
	ui_footer(ui, _("Enter: edit   N: new   D: remove   Esc: back"));
}

static int edit(struct ui *ui, long long id)
{
	st.arg.id = id;
	return ui_push(ui, &admin_edit_screen, &st.arg);
}

static int remove_chosen(struct ui *ui)
{
	char *err = NULL;
	bool ok = local_announcement_remove(ui->store, st.list.v[st.selected].id, "ui",
					    ui_clock(ui), &err);
	snprintf(st.message, sizeof(st.message), "%s", ok ? _("Removed.") : err);
	free(err);
	st.confirm = false;
	load(ui);
	return UI_REDRAW;
}

static int key(struct ui *ui, int k)
{
	int n = (int)st.list.n;
	bool confirming = st.confirm;
	st.confirm = false;
	st.message[0] = '\0';
	if (k == 'n' || k == 'N' || k == '+')
		return edit(ui, 0);
	if ((k == UI_ENTER || k == '\r' || k == UI_KEY(KEY_ENTER)) && n)
		return edit(ui, st.list.v[st.selected].id);
	if ((k == 'd' || k == 'D' || k == UI_KEY(KEY_DC)) && n) {
		if (!confirming) {
			st.confirm = true; /* asked first */
			return UI_REDRAW;
		}
		return remove_chosen(ui);
	}
	if (confirming && k == UI_ESC)
		return UI_REDRAW; /* not removed; Esc stays here */
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
	if (tag == UI_TAG_YES && st.confirm && st.selected < (int)st.list.n)
		return remove_chosen(ui);
	bool confirming = st.confirm;
	st.confirm = false;
	st.message[0] = '\0';
	if (tag == UI_TAG_NO && confirming)
		return UI_REDRAW;
	if (tag >= TAG_REMOVE && tag < TAG_REMOVE + (int)st.list.n) {
		st.selected = tag - TAG_REMOVE;
		st.confirm = true;
		return UI_REDRAW;
	}
	if (tag == TAG_NEW)
		return edit(ui, 0);
	if (tag >= 0 && tag < (int)st.list.n) {
		st.selected = tag;
		return edit(ui, st.list.v[tag].id);
	}
	return UI_NONE;
}

const struct screen admin_list_screen = {
    .name = "admin_list",
    .enter = enter,
    .leave = leave,
    .draw = draw,
    .key = key,
    .mouse = mouse,
    .reload = load,
};
