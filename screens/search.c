/* search: results as you type (FTS5, forgiving of case and accents), with
 * an on-screen keyboard for touch screens without a keyboard. */
#include "config.h"

#include "i18n.h"
#include "list_view.h"
#include "text.h"
#include "ui.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define QUERY_MAX 64
enum { TAG_KEYS = 20000, TAG_ERASE = 20100, TAG_SPACE };

/* The on-screen keyboard: Finnish letters, one row. */
static const char *const letters[] = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j",
				      "k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
				      "u", "v", "w", "x", "y", "z", "å", "ä", "ö"};
#define N_LETTERS ((int)(sizeof(letters) / sizeof(*letters)))

static struct {
	char query[QUERY_MAX + 8];
	struct activity_list list;
	struct list_view view;
	int page;
} st;

static void load(struct ui *ui)
{
	struct list_query q = {
	    .when = WHEN_ALL, .lang = ui->lang, .now = ui->now, .search = st.query};
	char *err = NULL;
	activity_list_free(&st.list);
	if (!model_list_activities(ui->store, &q, &st.list, &err))
		free(err);
	st.view = (struct list_view){0};
}

static void enter(struct ui *ui, const void *arg)
{
	(void)arg;
	st.query[0] = '\0';
	load(ui);
}

static void leave(struct ui *ui)
{
	(void)ui;
	activity_list_free(&st.list);
	memset(&st, 0, sizeof(st)); /* what the last person typed is gone */
}

static void draw(struct ui *ui)
{
	ui_header(ui, _("Search"));
	int y = ui_body_top(ui) + 1;
	char line[QUERY_MAX + 64];
	snprintf(line, sizeof(line), "%s: %s▏", _("Search"), st.query);
	ui_fill(ui, y, 1, ui->cols - 2, UIC_BUTTON);
	ui_text(ui, y, 2, ui->cols - 4, UIC_BUTTON, line);
	/* The keyboard: the letters, space and erase, clickable. */
	int ky = ui->rows - 3, x = 1, kw = (ui->cols - 2) / (N_LETTERS + 5);
	if (kw < 2)
		kw = 2;
	for (int i = 0; i < N_LETTERS && x + kw <= ui->cols; i++, x += kw)
		ui_button(ui, ky, x, kw - 1 > 0 ? kw - 1 : 1, 2, letters[i], false, TAG_KEYS + i);
	if (x + 2 * kw <= ui->cols)
		ui_button(ui, ky, x, 2 * kw - 1, 2, "␣", false, TAG_SPACE);
	x += 2 * kw;
	if (x + 3 * kw - 1 <= ui->cols)
		ui_button(ui, ky, x, 3 * kw - 1 < ui->cols - x ? 3 * kw - 1 : ui->cols - x, 2, "⌫",
			  false, TAG_ERASE);
	int top = y + 2, rows = ky - top - 1;
	if (!*st.query)
		ui_wrap(ui, top, 2, ui->cols - 4, 0, 2, UIC_DIM,
			_("Type a word, e.g. \"omais\", \"kuoro\" or \"ruoka\": the results appear "
			  "as you type."));
	else if (st.list.n == 0)
		ui_text(ui, top, 2, ui->cols - 4, UIC_NORMAL,
			_("Nothing found. Try a shorter word."));
	st.page = list_view_draw(ui, &st.view, &st.list, top, rows, false);
	ui_footer(ui, _("Type to search  ↑↓ choose  Enter open  Esc back"));
}

static void append(const char *utf8)
{
	size_t len = strlen(st.query);
	if (len + strlen(utf8) <= QUERY_MAX)
		memcpy(st.query + len, utf8, strlen(utf8) + 1);
}

static void erase_last(void)
{
	size_t len = strlen(st.query);
	while (len > 0 && ((unsigned char)st.query[len - 1] & 0xC0) == 0x80)
		len--;
	if (len > 0)
		len--;
	st.query[len] = '\0';
}

static int open_result(struct ui *ui, int i)
{
	static struct detail_arg arg;
	arg = (struct detail_arg){st.list.v[i].source, st.list.v[i].id};
	return ui_push(ui, &detail_screen, &arg);
}

static int key(struct ui *ui, int k)
{
	if (k == UI_KEY(KEY_BACKSPACE) || k == 127 || k == 8) {
		if (!*st.query)
			return UI_NONE; /* nothing to erase: back */
		erase_last();
		load(ui);
		return UI_REDRAW;
	}
	if (k >= ' ' && k != 127) {
		/* Typed text: the character as UTF-8, cleaned like any text. */
		char buf[8] = "";
		wchar_t wc = (wchar_t)k;
		int n = wctomb(buf, wc);
		if (n > 0) {
			buf[n] = '\0';
			char *clean = text_clean(buf, (size_t)n, TEXT_LINE);
			if (clean && (*clean || k == ' '))
				append(k == ' ' ? " " : clean);
			free(clean);
		}
		load(ui);
		return UI_REDRAW;
	}
	int open;
	int flags = list_view_key(&st.view, &st.list, k, st.page, &open);
	return open >= 0 ? open_result(ui, open) : flags;
}

static int mouse(struct ui *ui, int tag)
{
	if (tag >= TAG_KEYS && tag < TAG_KEYS + N_LETTERS)
		append(letters[tag - TAG_KEYS]);
	else if (tag == TAG_SPACE)
		append(" ");
	else if (tag == TAG_ERASE)
		erase_last();
	else if (tag >= 0 && tag < (int)st.list.n)
		return open_result(ui, tag);
	else
		return UI_NONE;
	load(ui);
	return UI_REDRAW;
}

const struct screen search_screen = {
    .name = "search",
    .enter = enter,
    .leave = leave,
    .draw = draw,
    .key = key,
    .mouse = mouse,
    .reload = load,
};
