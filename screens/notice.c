/* SPDX-License-Identifier: EUPL-1.2 */
/* notice: one announcement of the board, whole, with its web address as a
 * QR code as large as the screen allows (or the address as text where no
 * code fits), and Print (F6) where there is a printer. ▲/▼ go to the
 * previous and the next announcement. */
#include "config.h"

#include "app/printjob.h"
#include "util/i18n.h"
#include "util/timefmt.h"
#include "ui.h"
#include "speech/speech_text.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { TAG_PRINT = 1 };

static struct {
	struct announcement_list list;
	int shown; /* index in list, -1: no longer on the board */
	char *id;  /* the one shown, to find it again after a reload */
} st;

static void load(struct ui *ui)
{
	char *err = NULL;
	announcement_list_free(&st.list);
	if (!model_board(ui->store, ui->now, ui->cfg->municipality, ui->lang, &st.list, &err))
		free(err);
	st.shown = -1;
	for (size_t i = 0; st.id && i < st.list.n; i++)
		if (!strcmp(st.list.v[i].id, st.id))
			st.shown = (int)i;
}

static void show(int i)
{
	free(st.id);
	st.id = strdup(st.list.v[i].id);
	st.shown = st.id ? i : -1;
}

static void enter(struct ui *ui, const void *arg)
{
	free(st.id);
	st.id = strdup(((const struct notice_arg *)arg)->id);
	load(ui);
}

static void leave(struct ui *ui)
{
	(void)ui;
	announcement_list_free(&st.list);
	free(st.id);
	st.id = NULL;
	st.shown = -1;
}

static void draw(struct ui *ui)
{
	ui_header(ui, _("Notice board"));
	int top = ui_body_top(ui) + 1, bottom = ui->rows - 1;
	if (st.shown < 0) {
		ui_text(ui, top, 2, ui->cols - 4, UIC_NORMAL,
			_("This announcement is no longer on the board."));
		ui_footer(ui, _("Esc back"));
		return;
	}
	const struct announcement *a = &st.list.v[st.shown];
	int pager = ui_pager(ui, top, bottom - top, st.shown + 1, 1, (int)st.list.n);
	/* The code at the right while the text keeps 30 columns beside it. */
	int qr_w = ui_qr_width(ui, a->url, QR_WEB), qr_h = 0;
	int qr_x = ui->cols - pager - qr_w - 1;
	if (qr_w && qr_x - 2 >= 30)
		qr_w = ui_qr(ui, top, qr_x, qr_w, bottom - top, a->url, QR_WEB, &qr_h);
	else
		qr_w = 0;
	int caption = 0;
	if (qr_w) /* what the code is, where there is room under it */
		caption = ui_wrap(ui, top + qr_h, qr_x, qr_w, 0, bottom - top - qr_h, UIC_DIM,
				  _("Scan with your phone: more information"));
	/* Print under the code, or under the text where there is none. */
	bool print_right = qr_w && top + qr_h + caption + 1 + 2 < bottom;
	if (print_right)
		ui_print_button(ui, top + qr_h + caption + 1, qr_x, qr_w, bottom, NULL, a->id,
				TAG_PRINT);
	int print_rows = !print_right && printjob_available(ui->printjob) ? 5 : 0;
	int width = ui->cols - 4 - pager - (qr_w ? qr_w + 2 : 0), y = top;
	char title[400];
	snprintf(title, sizeof(title), "%s%s", a->priority >= 2 ? "! " : "", a->title);
	int n = ui_wrap(ui, y, 2, width, 0, 3, a->priority == 3 ? UIC_URGENT : UIC_HEADING, title);
	y += (n < 3 ? n : 3) + 1;
	int meta_rows = (a->valid_until ? 2 : 0) + (a->url && !qr_w ? 4 : 0);
	int body_room = bottom - y - meta_rows - print_rows - 1;
	if (a->body) {
		n = ui_wrap(ui, y, 2, width, 0, body_room, UIC_NORMAL, a->body);
		y += (n < body_room ? n : body_room) + 1;
	}
	if (a->url && !qr_w) { /* phones read the address as well */
		char more[600];
		snprintf(more, sizeof(more), "%s %s", _("More information:"), a->url);
		y += ui_wrap(ui, y, 2, width, 0, 3, UIC_NORMAL, more) + 1;
	}
	if (a->valid_until) {
		char until[TIMEFMT_BUFSIZE], meta[160];
		timefmt_date(a->valid_until, until);
		snprintf(meta, sizeof(meta), _("valid until %s"), until);
		ui_text(ui, y, 2, width, UIC_DIM, meta);
		y += 2;
	}
	if (print_rows)
		ui_print_button(ui, y, 2, width, bottom, NULL, a->id, TAG_PRINT);
	ui_footer(ui, _("↑↓ previous / next   Esc back"));
}

static int key(struct ui *ui, int k)
{
	int n = (int)st.list.n, before = st.shown;
	if (st.shown < 0)
		return UI_NONE;
	if (k == UI_KEY(KEY_F(6)))
		return ui_print(ui, NULL, st.id);
	if ((k == UI_KEY(KEY_DOWN) || k == UI_KEY(KEY_NPAGE)) && st.shown + 1 < n)
		show(st.shown + 1);
	else if ((k == UI_KEY(KEY_UP) || k == UI_KEY(KEY_PPAGE)) && st.shown > 0)
		show(st.shown - 1);
	else if (k != UI_KEY(KEY_DOWN) && k != UI_KEY(KEY_UP) && k != UI_KEY(KEY_NPAGE) &&
		 k != UI_KEY(KEY_PPAGE))
		return UI_NONE;
	return st.shown != before ? UI_REDRAW : UI_HANDLED;
}

static int mouse(struct ui *ui, int tag)
{
	return tag == TAG_PRINT && st.shown >= 0 ? ui_print(ui, NULL, st.id) : UI_NONE;
}

/* A+ and A-: the same notice again at the new size. */
static void save(struct ui *ui, struct resume_state *rs)
{
	(void)ui;
	snprintf(rs->text[0], sizeof(rs->text[0]), "%s", st.id ? st.id : "");
}

static void resume(struct ui *ui, const struct resume_state *rs)
{
	struct notice_arg a = {.id = rs->text[0]};
	enter(ui, &a);
}

/* Listen: the announcement. */
static char *speak(struct ui *ui)
{
	if (st.shown < 0 || st.shown >= (int)st.list.n)
		return strdup(ui->title);
	const struct announcement *a = &st.list.v[st.shown];
	return speech_announcement(a->title, a->body, ui->lang);
}

const struct screen notice_screen = {
    .name = "notice",
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
