/* SPDX-License-Identifier: EUPL-1.2 */
/* admin_edit: writing or editing a local announcement with the ncurses
 * form library: dates typed as 24.11.2026 10:00 and checked as you type,
 * the same checks as the command line (local_announcement_check), and a
 * preview of how the board will show it. F2 or Ctrl-S saves. On a touch
 * screen the on-screen keyboard below the form types into it. */
#include "config.h"

#include "app/app.h"
#include "util/i18n.h"
#include "keyboard.h"
#include "local/local.h"
#include "util/text.h"
#include "util/timefmt.h"
#include "ui.h"

#include <curses.h>
#include <form.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

enum { F_TITLE, F_BODY, F_FROM, F_UNTIL, F_PRIORITY, F_URL, N_FIELDS };
enum { TAG_SAVE = 100 };
#define BODY_ROWS 4
#define LABEL_W 16

static const char *const labels[N_FIELDS] = {N_("Title"), N_("Text"),	      N_("Starts"),
					     N_("Ends"),  N_("Priority 0-3"), N_("Web address")};

static struct {
	long long id; /* 0: a new one */
	FIELD *fields[N_FIELDS + 1];
	FORM *form;
	WINDOW *win;	      /* the fields' own window, copied into the screen on each draw */
	int rows, cols, top;  /* what the form was laid out for */
	int height;	      /* rows the fields take */
	char *text[N_FIELDS]; /* the fields' contents between layouts */
	char problem[200], saved[200];
	bool date_ok[2];
	struct keyboard kb;
} st;

/* A field's contents, trimmed; the body's rows joined (caller frees). */
static char *contents(int i)
{
	const char *buf = field_buffer(st.fields[i], 0);
	size_t len = strlen(buf);
	wchar_t *w = calloc(len + 1, sizeof(*w));
	char *out = calloc(len * 2 + 8, 1), mb[MB_LEN_MAX + 1];
	if (!w || !out) {
		free(w);
		free(out);
		return NULL;
	}
	size_t n = mbstowcs(w, buf, len + 1);
	if (n == (size_t)-1)
		n = 0;
	int rows, cols, ignore;
	field_info(st.fields[i], &rows, &cols, &ignore, &ignore, &ignore, &ignore);
	int width = cols;
	dynamic_field_info(st.fields[i], &ignore, &width, &ignore);
	if (i != F_BODY || width <= 0)
		width = (int)n ? (int)n : 1;
	/* Each row: trimmed; rows joined with spaces, an empty row is a paragraph. */
	size_t o = 0;
	bool blank = false;
	for (size_t r = 0; r < n; r += (size_t)width) {
		size_t end = r + (size_t)width < n ? r + (size_t)width : n;
		while (end > r && w[end - 1] == L' ')
			end--;
		if (end == r) {
			blank = true;
			continue;
		}
		if (o)
			o += (size_t)sprintf(out + o, "%s", blank ? "\n\n" : " ");
		blank = false;
		for (size_t k = r; k < end; k++) {
			int m = wctomb(mb, w[k]);
			if (m > 0) {
				memcpy(out + o, mb, (size_t)m);
				o += (size_t)m;
			}
		}
	}
	out[o] = '\0';
	free(w);
	return out;
}

/* The announcement the fields describe; texts into arena. Sets the
 * problem line and the date marks; false when it cannot be saved. */
static bool read_form(struct local_announcement *a, struct arena *arena)
{
	char *text[N_FIELDS];
	bool whole = true;
	for (int i = 0; i < N_FIELDS; i++)
		whole = (text[i] = contents(i)) && whole;
	*a = (struct local_announcement){.id = st.id, .priority = 1};
	st.problem[0] = '\0';
	if (!whole) { /* out of memory: nothing is saved, the form stays */
		for (int i = 0; i < N_FIELDS; i++)
			free(text[i]);
		snprintf(st.problem, sizeof(st.problem), "%s", _("out of memory"));
		return false;
	}
	int64_t *times[2] = {&a->valid_from, &a->valid_until};
	for (int k = 0; k < 2; k++) {
		const char *t = text[F_FROM + k];
		st.date_ok[k] = !*t || timefmt_parse_local(t, k == 1, times[k]);
		if (!st.date_ok[k] && !*st.problem)
			snprintf(st.problem, sizeof(st.problem), "%s",
				 _("Write dates as 24.11.2026 10:00."));
	}
	if (*text[F_PRIORITY]) {
		char *end;
		a->priority = (int)strtol(text[F_PRIORITY], &end, 10);
		if (*end)
			a->priority = -1;
	}
	struct local_announcement raw = *a;
	raw.title = text[F_TITLE];
	raw.body = *text[F_BODY] ? text[F_BODY] : NULL;
	raw.url = *text[F_URL] ? text[F_URL] : NULL;
	char *err = NULL;
	bool ok = !*st.problem && local_announcement_check(&raw, a, arena, &err);
	if (err)
		snprintf(st.problem, sizeof(st.problem), "%s", err);
	free(err);
	for (int i = 0; i < N_FIELDS; i++)
		free(text[i]);
	return ok;
}

static void destroy_form(void)
{
	if (!st.form)
		return;
	for (int i = 0; i < N_FIELDS; i++) {
		free(st.text[i]);
		st.text[i] = contents(i);
	}
	unpost_form(st.form);
	free_form(st.form);
	for (int i = 0; i < N_FIELDS; i++)
		free_field(st.fields[i]);
	delwin(st.win);
	st.form = NULL;
	st.win = NULL;
}

/* Lays the form out for this screen size, keeping what was typed. */
static void build_form(struct ui *ui)
{
	int top = ui_body_top(ui) + 1;
	if (st.form && st.rows == ui->rows && st.cols == ui->cols && st.top == top)
		return;
	destroy_form();
	int w = ui->cols - LABEL_W - 4, y = 0;
	/* A blank row between fields where the keyboard and the preview still
	 * fit below (fields 15, status 2, keyboard 6, preview 6 rows). */
	int gap = ui->rows - top - 1 >= 29 ? 1 : 0;
	static const int widths[N_FIELDS] = {0, 0, 17, 17, 2, 0};
	for (int i = 0; i < N_FIELDS; i++) {
		int h = i == F_BODY ? BODY_ROWS : 1;
		st.fields[i] = new_field(h, widths[i] ? widths[i] : w, y, 0, 0, 0);
		field_opts_off(st.fields[i], O_AUTOSKIP | O_BLANK);
		if (!widths[i]) /* titles, texts and addresses scroll */
			field_opts_off(st.fields[i], O_STATIC);
		set_max_field(st.fields[i], i == F_BODY ? 2000 / w + 2 : i == F_URL ? 400 : 120);
		set_field_back(st.fields[i], (chtype)ui_attr(UIC_BUTTON));
		set_field_buffer(st.fields[i], 0, st.text[i] ? st.text[i] : "");
		y += h + gap;
	}
	st.height = y;
	st.fields[N_FIELDS] = NULL;
	/* The fields live in a window of their own right of the labels (not a
	 * part of stdscr, which each redraw erases), posted once. */
	st.win = newwin(y, w + 1, top, LABEL_W + 2);
	keypad(st.win, TRUE);
	st.form = new_form(st.fields);
	set_form_win(st.form, st.win);
	set_form_sub(st.form, st.win);
	form_opts_off(st.form, O_BS_OVERLOAD); /* Backspace stays in its field */
	post_form(st.form);
	form_driver(st.form, REQ_END_FIELD); /* editing goes on where the title ends */
	st.rows = ui->rows, st.cols = ui->cols, st.top = top;
}

static void forget(void)
{
	destroy_form();
	for (int i = 0; i < N_FIELDS; i++) {
		free(st.text[i]);
		st.text[i] = NULL;
	}
	st.id = 0;
	st.problem[0] = st.saved[0] = '\0';
	st.kb = (struct keyboard){.layout = KEYBOARD_TEXT};
	curs_set(0);
}

static void enter(struct ui *ui, const void *arg)
{
	forget();
	st.id = arg ? ((const struct edit_arg *)arg)->id : 0;
	if (st.id) {
		struct local_announcement_list l;
		char *err = NULL;
		if (local_announcement_get(ui->store, st.id, &l, &err) && l.n) {
			const struct local_announcement *a = &l.v[0];
			char from[TIMEFMT_BUFSIZE] = "", until[TIMEFMT_BUFSIZE] = "", prio[8];
			if (a->valid_from)
				timefmt_local(a->valid_from, from);
			if (a->valid_until)
				timefmt_local(a->valid_until, until);
			snprintf(prio, sizeof(prio), "%d", a->priority);
			const char *values[N_FIELDS] = {a->title, a->body, from,
							until,	  prio,	   a->url};
			for (int i = 0; i < N_FIELDS; i++)
				st.text[i] = strdup(values[i] ? values[i] : "");
			local_announcement_list_free(&l);
		}
		free(err);
	} else {
		st.text[F_PRIORITY] = strdup("1");
	}
}

static void leave(struct ui *ui)
{
	(void)ui;
	forget();
}

static void preview(struct ui *ui, const struct local_announcement *a, int y)
{
	static const char *const levels[] = {N_("info"), N_("normal"), N_("important"),
					     N_("URGENT")};
	ui_text(ui, y, 2, ui->cols - 4, UIC_DIM, _("Preview: the board will show it so"));
	ui_fill(ui, y + 1, 2, ui->cols - 4, UIC_NORMAL);
	char title[300];
	snprintf(title, sizeof(title), "%s%s", a->priority >= 2 ? "! " : "",
		 a->title ? a->title : "…");
	ui_text(ui, y + 1, 4, ui->cols - 8, a->priority == 3 ? UIC_URGENT : UIC_HEADING, title);
	int n = ui_wrap(ui, y + 2, 6, ui->cols - 10, 0, 2, UIC_NORMAL, a->body);
	char until[TIMEFMT_BUFSIZE] = "", meta[160];
	if (a->valid_until)
		timefmt_date(a->valid_until, until);
	snprintf(meta, sizeof(meta), "%s%s%s%s",
		 _(levels[a->priority >= 0 && a->priority <= 3 ? a->priority : 1]),
		 *until ? " · " : "", *until ? _("valid until ") : "", until);
	ui_text(ui, y + 2 + (n < 2 ? n : 2), 6, ui->cols - 10, UIC_DIM, meta);
}

static void draw(struct ui *ui)
{
	ui_header(ui, st.id ? _("Edit announcement") : _("New announcement"));
	build_form(ui);
	overwrite(st.win, stdscr); /* the fields over the freshly erased screen */
	struct arena arena = {0};
	struct local_announcement a;
	bool ok = read_form(&a, &arena);
	for (int i = 0; i < N_FIELDS; i++) {
		int y, x, ignore;
		field_info(st.fields[i], &ignore, &ignore, &y, &x, &ignore, &ignore);
		y += st.top;
		ui_text(ui, y, 2, LABEL_W, UIC_NORMAL, _(labels[i]));
		ui_hit(ui, y, 0, i == F_BODY ? BODY_ROWS : 1, ui->cols, i);
		if (i == F_FROM || i == F_UNTIL) {
			bool good = st.date_ok[i - F_FROM];
			ui_text(ui, y, LABEL_W + 21, ui->cols - LABEL_W - 23,
				good ? UIC_DIM : UIC_WARNING,
				good ? _("✓ e.g. 24.11.2026 10:00")
				     : _("✗ write 24.11.2026 10:00"));
		}
	}
	int y = st.top + st.height + 1;
	if (*st.saved)
		ui_text(ui, y, 2, ui->cols - 4, UIC_HEADING, st.saved);
	else if (!ok)
		ui_text(ui, y, 2, ui->cols - 4, UIC_WARNING, st.problem);
	ui_button(ui, y, ui->cols - 22, 20, 1, _("F2  Save"), ok, TAG_SAVE);
	/* The keyboard below: keys two rows high where there is room. */
	int room = ui->rows - 1 - (y + 1);
	int key_h = room >= keyboard_rows(&st.kb, 2) + 1 ? 2 : 1;
	int ky = y + 1 + (room > keyboard_rows(&st.kb, key_h));
	if (room >= keyboard_rows(&st.kb, 1))
		keyboard_draw(ui, &st.kb, ky, key_h);
	int below = ky + keyboard_rows(&st.kb, key_h);
	if (ui->rows - 1 - (below + 1) >= 5)
		preview(ui, &a, below + 1);
	arena_free(&arena);
	ui_footer(ui, _("Tab: next field   F2 or Ctrl-S: save   Esc: cancel"));
	/* The cursor where the form has it, on the screen. */
	pos_form_cursor(st.form);
	int cy, cx, by, bx;
	getyx(st.win, cy, cx);
	getbegyx(st.win, by, bx);
	move(by + cy, bx + cx);
	curs_set(1);
}

static int save(struct ui *ui)
{
	struct arena arena = {0};
	struct local_announcement a;
	int flags = UI_REDRAW;
	if (read_form(&a, &arena)) {
		char *err = NULL;
		int64_t now = ui_clock(ui);
		bool ok = st.id ? local_announcement_edit(ui->store, &a, "ui", now, &err)
				: local_announcement_add(ui->store, &a, NULL, "ui", now, &err);
		if (ok)
			flags = UI_POP; /* back to the list, which shows it */
		else
			snprintf(st.problem, sizeof(st.problem), "%s", err ? err : "?");
		free(err);
	}
	arena_free(&arena);
	return flags;
}

/* Each edit is validated at once: the field's window shares stdscr's
 * memory, and the next redraw erases what is not in the buffer yet. */
static int request(int req)
{
	form_driver_w(st.form, KEY_CODE_YES, (wchar_t)req);
	if (req == REQ_NEXT_FIELD || req == REQ_PREV_FIELD)
		form_driver(st.form, REQ_END_FIELD); /* go on writing where the text ends */
	form_driver(st.form, REQ_VALIDATION);
	return UI_REDRAW;
}

static int key(struct ui *ui, int k)
{
	st.saved[0] = '\0';
	bool in_body = current_field(st.form) == st.fields[F_BODY];
	switch (k) {
	case UI_ESC:
		return UI_NONE; /* cancel: back */
	case 19:		/* Ctrl-S */
	case UI_KEY(KEY_F(2)):
		return save(ui);
	case '\t':
		return request(REQ_NEXT_FIELD);
	case UI_KEY(KEY_BTAB):
		return request(REQ_PREV_FIELD);
	case UI_KEY(KEY_DOWN):
		return request(in_body ? REQ_NEXT_LINE : REQ_NEXT_FIELD);
	case UI_KEY(KEY_UP):
		return request(in_body ? REQ_PREV_LINE : REQ_PREV_FIELD);
	case UI_KEY(KEY_LEFT):
		return request(REQ_PREV_CHAR);
	case UI_KEY(KEY_RIGHT):
		return request(REQ_NEXT_CHAR);
	case UI_KEY(KEY_HOME):
		return request(REQ_BEG_FIELD);
	case UI_KEY(KEY_END):
		return request(REQ_END_FIELD);
	case UI_KEY(KEY_DC):
		return request(REQ_DEL_CHAR);
	case UI_KEY(KEY_BACKSPACE):
	case 127:
	case 8:
		return request(REQ_DEL_PREV);
	case UI_ENTER:
	case '\r':
	case UI_KEY(KEY_ENTER):
		return request(in_body ? REQ_NEW_LINE : REQ_NEXT_FIELD);
	}
	if (k >= ' ') {
		form_driver_w(st.form, OK, (wchar_t)k);
		form_driver(st.form, REQ_VALIDATION);
		return UI_REDRAW;
	}
	return UI_HANDLED; /* other control keys do nothing here */
}

static int mouse(struct ui *ui, int tag)
{
	if (tag == TAG_SAVE)
		return save(ui);
	int typed = keyboard_tap(&st.kb, tag);
	if (typed > 0)
		return key(ui, typed);
	if (typed == 0)
		return UI_REDRAW;
	if (tag >= 0 && tag < N_FIELDS) {
		set_current_field(st.form, st.fields[tag]);
		form_driver(st.form, REQ_END_FIELD);
		return UI_REDRAW;
	}
	return UI_NONE;
}

const struct screen admin_edit_screen = {
    .name = "admin_edit",
    .enter = enter,
    .leave = leave,
    .draw = draw,
    .key = key,
    .mouse = mouse,
};
