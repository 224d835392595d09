/* SPDX-License-Identifier: EUPL-1.2 */
/* search: results as you type (FTS5, forgiving of case and accents), with
 * an on-screen keyboard for touch screens without a keyboard. */
#include "config.h"

#include "model/model_memo.h"
#include "util/i18n.h"
#include "keyboard.h"
#include "list_view.h"
#include "util/text.h"
#include "ui.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define QUERY_MAX 64
/* The letters of a shorter word suggested when nothing is found. */
#define SHORTER_LETTERS 4

static struct {
	char query[QUERY_MAX + 8];
	struct search_base base; /* what is searched, read once */
	char base_lang[4];	 /* its language and generation (model_memo.h) */
	long base_generation;
	struct activity_list list;
	struct list_view view;
	struct keyboard kb; /* letters in one row */
	int page;
	/* When nothing is found: a shorter word that finds something (the
	 * first letters of the typed one), or "" when none does. */
	char shorter[QUERY_MAX + 8];
} st;

/* The first letters of what is typed that find something, into
 * st.shorter ("" when none): suggested only when it helps. */
static void find_shorter(struct ui *ui)
{
	st.shorter[0] = '\0';
	if (strchr(st.query, ' ') || text_char_count(st.query) <= SHORTER_LETTERS)
		return;
	size_t len = 0;
	for (int n = 0; n < SHORTER_LETTERS; n++) {
		unsigned cp;
		size_t step = text_decode(st.query + len, strlen(st.query + len), &cp);
		if (!step)
			return;
		len += step;
	}
	char prefix[QUERY_MAX + 8];
	snprintf(prefix, sizeof(prefix), "%.*s", (int)len, st.query);
	struct activity_list found;
	char *err = NULL;
	if (model_search_typed(ui->store, &st.base, prefix, &found, &err) && found.n)
		snprintf(st.shorter, sizeof(st.shorter), "%s", prefix);
	activity_list_free(&found);
	free(err);
}

/* The results for what is typed now. */
static void search(struct ui *ui)
{
	char *err = NULL;
	activity_list_free(&st.list);
	if (!model_search_typed(ui->store, &st.base, st.query, &st.list, &err))
		free(err);
	st.view = (struct list_view){0};
	st.shorter[0] = '\0';
	if (*st.query && !st.list.n)
		find_shorter(ui);
}

/* What is searched, given back: kept for the next visitor while current. */
static void give_back(struct ui *ui)
{
	if (*st.base_lang)
		memo_give_search(ui->memo, st.base_generation, st.base_lang, &st.base);
	*st.base_lang = '\0';
}

/* Everything searched read again (new data, a new day, a language). */
static void reload(struct ui *ui)
{
	struct list_query q = {.when = WHEN_ALL, .lang = ui->lang, .now = ui->now};
	char *err = NULL;
	activity_list_free(&st.list);
	give_back(ui);
	if (!memo_take_search(ui->memo, ui->generation, ui->lang, &st.base) &&
	    !model_search_begin(ui->store, &q, &st.base, &err))
		free(err);
	snprintf(st.base_lang, sizeof(st.base_lang), "%s", ui->lang);
	st.base_generation = ui->generation;
	search(ui);
}

static void enter(struct ui *ui, const void *arg)
{
	(void)arg;
	st.query[0] = '\0';
	reload(ui);
}

static void leave(struct ui *ui)
{
	/* A search is counted by what it found when the person left it. */
	if (*st.query)
		stats_search(ui->stats, ui_clock(ui), st.query, st.list.n > 0);
	activity_list_free(&st.list);
	give_back(ui);		    /* what is searched: the data, nothing of the person */
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
	int ky = ui->rows - 1 - keyboard_rows(&st.kb, 2);
	keyboard_draw(ui, &st.kb, ky, 2);
	int top = y + 2, rows = ky - top - 1;
	if (!*st.query) {
		ui_wrap(ui, top, 2, ui->cols - 4, 0, 2, UIC_DIM,
			_("Type a word, e.g. \"carer\", \"choir\" or \"food\": the results appear "
			  "as you type."));
	} else if (st.list.n == 0 && *st.shorter) {
		char hint[QUERY_MAX + 128];
		snprintf(hint, sizeof(hint), _("Nothing found. Try a shorter word: \"%s\"."),
			 st.shorter);
		ui_text(ui, top, 2, ui->cols - 4, UIC_NORMAL, hint);
	} else if (st.list.n == 0) {
		ui_text(ui, top, 2, ui->cols - 4, UIC_NORMAL, _("Nothing found."));
	}
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
	if (k == KEYBOARD_CLEAR) { /* the clear key, or Ctrl-U */
		st.query[0] = '\0';
		search(ui);
		return UI_REDRAW;
	}
	if (k == UI_KEY(KEY_BACKSPACE) || k == 127 || k == 8) {
		if (!*st.query)
			return UI_NONE; /* nothing to erase: back */
		erase_last();
		search(ui);
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
		search(ui);
		return UI_REDRAW;
	}
	int open;
	int flags = list_view_key(&st.view, &st.list, k, st.page, &open);
	return open >= 0 ? open_result(ui, open) : flags;
}

static int mouse(struct ui *ui, int tag)
{
	int typed = keyboard_tap(&st.kb, tag);
	if (typed > 0)
		return key(ui, typed) | UI_HANDLED; /* erasing the empty query stays here */
	if (typed == 0)
		return UI_REDRAW;
	if (tag >= 0 && tag < (int)st.list.n)
		return open_result(ui, tag);
	return UI_NONE;
}

/* A+ and A-: the same search again at the new size. */
static void save(struct ui *ui, struct resume_state *rs)
{
	(void)ui;
	snprintf(rs->text[0], sizeof(rs->text[0]), "%s", st.query);
}

static void resume(struct ui *ui, const struct resume_state *rs)
{
	enter(ui, NULL);
	snprintf(st.query, sizeof(st.query), "%.*s", QUERY_MAX, rs->text[0]);
	reload(ui);
}

/* Listen: the chosen result, its name and next date. */
static char *speak(struct ui *ui)
{
	return list_view_speak(ui, &st.view, &st.list);
}

const struct screen search_screen = {
    .name = "search",
    .enter = enter,
    .leave = leave,
    .draw = draw,
    .key = key,
    .mouse = mouse,
    .reload = reload,
    .save = save,
    .resume = resume,
    .speak = speak,
};
