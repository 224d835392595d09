/* SPDX-License-Identifier: EUPL-1.2 */
/* board: the announcements valid now, feed and local, in priority order;
 * the chosen one's web address as a QR code. Enter or a tap opens one
 * whole (notice_screen). */
#include "config.h"

#include "util/i18n.h"
#include "util/timefmt.h"
#include "ui.h"
#include "speech/speech_text.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct {
	struct announcement_list list;
	int selected;
} st;

static void load(struct ui *ui)
{
	char *err = NULL;
	announcement_list_free(&st.list);
	if (!model_board(ui->store, ui->now, ui->cfg->municipality, ui->lang, &st.list, &err))
		free(err);
	if (st.selected >= (int)st.list.n)
		st.selected = 0;
}

static void enter(struct ui *ui, const void *arg)
{
	(void)arg;
	st.selected = 0;
	load(ui);
}

static void leave(struct ui *ui)
{
	(void)ui;
	announcement_list_free(&st.list);
	st.selected = 0;
}

static void draw(struct ui *ui)
{
	ui_header(ui, _("Notice board"));
	int top = ui_body_top(ui) + 1, bottom = ui->rows - 1;
	if (st.list.n == 0)
		ui_text(ui, top, 2, ui->cols - 4, UIC_NORMAL, _("No announcements right now."));
	const struct announcement *sel = st.list.n ? &st.list.v[st.selected] : NULL;
	/* The pager (touch): one announcement after another. */
	int pager = ui_pager(ui, top, bottom - top - 1, st.selected + 1, 1, (int)st.list.n);
	int qr_w = 0, qr_h = 0, qr_x = ui->cols - pager - 46;
	if (sel && sel->url && ui->cols - pager >= 90)
		qr_w = ui_qr(ui, top, qr_x, 45, bottom - top - 2, sel->url, QR_WEB, &qr_h);
	if (qr_w)
		ui_wrap(ui, top + qr_h, qr_x, qr_w, 0, 2, UIC_DIM,
			_("Scan with your phone: more information"));
	int width = ui->cols - 4 - pager - (qr_w ? qr_w + 2 : 0), y = top;
	/* From the chosen one on, so that it is always in view. */
	for (int i = st.selected; i < (int)st.list.n && y < bottom - 1; i++) {
		const struct announcement *a = &st.list.v[i];
		bool chosen = i == st.selected;
		int first = y; /* all its lines open it, not the title's alone */
		char title[400];
		snprintf(title, sizeof(title), "%s%s", a->priority >= 2 ? "! " : "", a->title);
		if (chosen)
			ui_fill(ui, y, 1, width + 2, UIC_SELECTED);
		ui_text(ui, y, 2, width,
			chosen		   ? UIC_SELECTED
			: a->priority == 3 ? UIC_URGENT
					   : UIC_HEADING,
			title);
		y++;
		if (a->body) {
			int room = chosen ? bottom - y - 3 : 2;
			int n = ui_wrap(ui, y, 4, width - 2, 0, room, UIC_NORMAL, a->body);
			y += n < room ? n : room;
		}
		/* Where the code does not fit, the address itself (phones read it). */
		if (chosen && a->url && !qr_w) {
			char more[600];
			snprintf(more, sizeof(more), "%s %s", _("More information:"), a->url);
			y += ui_wrap(ui, y, 4, width - 2, 0, 2, UIC_NORMAL, more);
		}
		if (a->valid_until) {
			char until[TIMEFMT_BUFSIZE], meta[160];
			timefmt_date(a->valid_until, until);
			snprintf(meta, sizeof(meta), _("valid until %s"), until);
			ui_text(ui, y++, 4, width - 2, UIC_DIM, meta);
		}
		ui_hit(ui, first, 1, y - first, width + 2, i);
		y++;
	}
	ui_footer(ui, _("↑↓ choose   Enter open   Esc back"));
}

static int open_chosen(struct ui *ui)
{
	static struct notice_arg arg;
	arg.id = st.list.v[st.selected].id;
	return ui_push(ui, &notice_screen, &arg);
}

static int key(struct ui *ui, int k)
{
	if ((k == UI_ENTER || k == '\r' || k == UI_KEY(KEY_ENTER)) && st.list.n)
		return open_chosen(ui);
	int before = st.selected, n = (int)st.list.n;
	if ((k == UI_KEY(KEY_DOWN) || k == UI_KEY(KEY_NPAGE)) && st.selected + 1 < n)
		st.selected++;
	else if ((k == UI_KEY(KEY_UP) || k == UI_KEY(KEY_PPAGE)) && st.selected > 0)
		st.selected--;
	else if (k >= '1' && k <= '9' && k - '1' < n)
		st.selected = k - '1';
	else if (k != UI_KEY(KEY_DOWN) && k != UI_KEY(KEY_UP))
		return UI_NONE;
	return st.selected != before ? UI_REDRAW : UI_HANDLED;
}

static int mouse(struct ui *ui, int tag)
{
	if (tag < 0 || tag >= (int)st.list.n)
		return UI_NONE;
	st.selected = tag;
	return open_chosen(ui);
}

/* Listen: the chosen announcement. */
static char *speak(struct ui *ui)
{
	if (st.selected < 0 || st.selected >= (int)st.list.n)
		return strdup(ui->title);
	const struct announcement *a = &st.list.v[st.selected];
	return speech_announcement(a->title, a->body, ui->lang);
}

const struct screen board_screen = {
    .name = "board",
    .enter = enter,
    .leave = leave,
    .draw = draw,
    .key = key,
    .mouse = mouse,
    .reload = load,
    .speak = speak,
};
