/* SPDX-License-Identifier: EUPL-1.2 */
/* ui: the curses side of the kiosk: colours, the screen stack, clicks and
 * dispatch, the header and footer. Drawing primitives: ui_draw.c. */
#include "config.h"

#include "ui.h"

#include "app/app.h"
#include "app/printjob.h"
#include "model/model_memo.h"
#include "app/speaker.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/timefmt.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

/* Every screen, so that a reset can make each forget its state. */
static const struct screen *const all_screens[] = {
    &attract_screen,	&home_screen,	    &listing_screen,	  &categories_screen,
    &detail_screen,	&board_screen,	    &notice_screen,	  &search_screen,
    &language_screen,	&about_screen,	    &admin_pin_screen,	  &admin_menu_screen,
    &admin_list_screen, &admin_edit_screen, &admin_hidden_screen, &admin_stats_screen};
#define N_SCREENS (sizeof(all_screens) / sizeof(*all_screens))

static attr_t role_attr[UIC_COUNT];

struct role_style {
	short fg, bg;
	attr_t colour_extra, mono;
};

/* Every pair is at least 7:1 (WCAG AAA) on the Linux console's palette,
 * xterm's and foot's (tests/test_screens.c computes it): only white, cyan
 * and yellow on black, and black on white or cyan, are, once bold turns
 * black into dark grey (the console, xterm) and red, green and yellow
 * differ in lightness from one palette to the next. Hence no bold on a
 * dark foreground, warnings in bold yellow, underlined, and urgent news
 * in black on white, not on red. The footer's key hints are plain text
 * beside its buttons (black on white), so that nothing that looks like a
 * button is not one.
 * Without colours, attributes alone (reverse video and underline keep a
 * monochrome terminal readable). */
static const struct role_style normal_roles[UIC_COUNT] = {
    [UIC_NORMAL] = {COLOR_WHITE, COLOR_BLACK, 0, A_NORMAL},
    [UIC_TITLE] = {COLOR_BLACK, COLOR_CYAN, 0, A_REVERSE | A_BOLD},
    [UIC_HEADING] = {COLOR_YELLOW, COLOR_BLACK, A_BOLD, A_BOLD},
    [UIC_SELECTED] = {COLOR_BLACK, COLOR_WHITE, 0, A_REVERSE | A_BOLD},
    [UIC_BUTTON] = {COLOR_BLACK, COLOR_WHITE, 0, A_REVERSE},
    [UIC_WARNING] = {COLOR_YELLOW, COLOR_BLACK, A_BOLD | A_UNDERLINE, A_BOLD | A_UNDERLINE},
    [UIC_URGENT] = {COLOR_BLACK, COLOR_WHITE, 0, A_REVERSE | A_BOLD},
    [UIC_DIM] = {COLOR_CYAN, COLOR_BLACK, 0, A_NORMAL},
    [UIC_FOOTER] = {COLOR_CYAN, COLOR_BLACK, 0, A_NORMAL},
    [UIC_QR] = {COLOR_BLACK, COLOR_WHITE, 0, A_REVERSE},
};

/* For poor eyesight: bold white text, and the pairs of the most contrast
 * on every palette; every role differs from its neighbours in brightness,
 * not in hue alone. */
static const struct role_style high_contrast_roles[UIC_COUNT] = {
    [UIC_NORMAL] = {COLOR_WHITE, COLOR_BLACK, A_BOLD, A_BOLD},
    [UIC_TITLE] = {COLOR_BLACK, COLOR_WHITE, 0, A_REVERSE | A_BOLD},
    [UIC_HEADING] = {COLOR_YELLOW, COLOR_BLACK, A_BOLD | A_UNDERLINE, A_BOLD | A_UNDERLINE},
    [UIC_SELECTED] = {COLOR_BLACK, COLOR_CYAN, 0, A_REVERSE | A_BOLD},
    [UIC_BUTTON] = {COLOR_BLACK, COLOR_WHITE, 0, A_REVERSE | A_BOLD},
    [UIC_WARNING] = {COLOR_YELLOW, COLOR_BLACK, A_BOLD | A_UNDERLINE, A_BOLD | A_UNDERLINE},
    [UIC_URGENT] = {COLOR_BLACK, COLOR_WHITE, 0, A_REVERSE | A_BOLD},
    [UIC_DIM] = {COLOR_CYAN, COLOR_BLACK, A_BOLD, A_NORMAL},
    [UIC_FOOTER] = {COLOR_CYAN, COLOR_BLACK, A_BOLD, A_NORMAL},
    [UIC_QR] = {COLOR_BLACK, COLOR_WHITE, 0, A_REVERSE},
};

static void theme(struct ui *ui)
{
	const struct role_style *roles =
	    ui->cfg && ui->cfg->theme && strcmp(ui->cfg->theme, "high-contrast") == 0
		? high_contrast_roles
		: normal_roles;
	/* COLORS is known only after start_color(): read before it, it was 0
	 * and no terminal ever got colour. */
	ui->colours = has_colors() && start_color() == OK && COLORS >= 8;
	if (ui->colours)
		assume_default_colors(COLOR_WHITE, COLOR_BLACK);
	for (int r = 0; r < UIC_COUNT; r++) {
		if (ui->colours) {
			init_pair((short)(r + 1), roles[r].fg, roles[r].bg);
			role_attr[r] = COLOR_PAIR(r + 1) | roles[r].colour_extra;
		} else {
			role_attr[r] = roles[r].mono;
		}
	}
}

/* The Linux console blanks (and powers down) the display itself: after a
 * minute once the lobby closes, never while it is open. */
static void console_blanking(bool on)
{
	const char *term = termname();
	if (term && !strcmp(term, "linux")) {
		putp(on ? "\033[9;1]" : "\033[9;0]\033[13]");
		fflush(stdout);
	}
}

/* Outside opening hours the screen goes dark: when the lobby closes (if
 * no one is using the kiosk) and at each idle reset, until a touch or key
 * wakes it for one idle timeout. */
static void update_dark(struct ui *ui, int64_t now, bool at_rest)
{
	bool open = opening_is_open(&ui->opening, now);
	bool closing = ui->was_open && !open && ui->depth == 1 && !ui->admin;
	bool dark = !open && (ui->dark || at_rest || closing);
	ui->was_open = open;
	if (dark != ui->dark) {
		ui->dark = dark;
		ui->dirty = true;
		console_blanking(dark);
	}
}

/* A touch or key on a dark screen only wakes it. */
static bool wake(struct ui *ui)
{
	if (!ui->dark)
		return false;
	ui->dark = false;
	ui->dirty = true;
	console_blanking(false);
	return true;
}

int ui_no_key(struct ui *ui, int key)
{
	(void)ui;
	(void)key;
	return UI_NONE;
}

int ui_no_mouse(struct ui *ui, int tag)
{
	(void)ui;
	(void)tag;
	return UI_NONE;
}

int64_t ui_clock(const struct ui *ui)
{
	return ui->app ? app_now(ui->app) : ui->now;
}

void ui_init(struct ui *ui, struct store *s, const struct settings *cfg, const char *data_dir,
	     struct app *app, int64_t now)
{
	*ui = (struct ui){
	    .store = s, .cfg = cfg, .data_dir = data_dir, .app = app, .lang = i18n_language()};
	/* The Linux console (tty1) draws only what its font has. */
	const char *glyphs = cfg && cfg->glyphs ? cfg->glyphs : "auto", *term = termname();
	ui->console = !strcmp(glyphs, "console") ||
		      (!strcmp(glyphs, "auto") && term && !strcmp(term, "linux"));
	raw(); /* Ctrl-C, Ctrl-Z and Ctrl-\ are keys, not signals */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	/* Every mouse event, not only the ones we act on: ncurses waits for
	 * more input after an event outside the mask, so a tap's release that
	 * arrived on its own blocked the loop (the clock and the idle reset
	 * stopped). Releases are read and ignored; no clicks are made up. */
	mousemask(ALL_MOUSE_EVENTS, NULL);
	mouseinterval(0);
	theme(ui);
	getmaxyx(stdscr, ui->rows, ui->cols);
	ui->data_version = model_data_version(s);
	ui_refresh_state(ui, now);
	ui->stack[0] = &attract_screen;
	ui->depth = 1;
	attract_screen.enter(ui, NULL);
	ui->dirty = true;
	char why[200];
	if (!opening_parse(cfg ? cfg->open : NULL, &ui->opening, why, sizeof(why)))
		ui->opening = (struct opening){.always = true}; /* settings checked it */
	ui->was_open = true;
	update_dark(ui, now, true);
}

const struct screen *ui_screen_named(const char *name)
{
	for (size_t i = 0; i < N_SCREENS; i++)
		if (!strcmp(all_screens[i]->name, name))
			return all_screens[i];
	return NULL;
}

void ui_done(struct ui *ui)
{
	for (size_t i = 0; i < N_SCREENS; i++)
		all_screens[i]->leave(ui);
}

const struct screen *ui_top(const struct ui *ui)
{
	return ui->stack[ui->depth - 1];
}

void ui_new_generation(struct ui *ui)
{
	ui->generation++;
	memo_want(ui->memo, ui->generation, ui->lang, ui->now);
}

/* Every screen on the stack reads its data again. */
static void reload_all(struct ui *ui)
{
	ui_new_generation(ui);
	long stamp = model_change_stamp(ui->store);
	for (int i = 0; i < ui->depth; i++) {
		if (ui->stack[i]->reload)
			ui->stack[i]->reload(ui);
		ui->read_at[i] = stamp;
	}
	ui->dirty = true;
}

/* How often lists are read again without new data: "today" drops what
 * has ended, and rolls over at midnight. */
#define UI_RELIST_SECONDS (15 * 60)

void ui_refresh_state(struct ui *ui, int64_t clock)
{
	ui->refreshed_minute = clock / 60;
	bool unsure;
	int64_t now = model_effective_now(ui->store, clock, &unsure);
	if (now / 60 != ui->now / 60 || unsure != ui->clock_unsure)
		ui->dirty = true; /* the clock in the header shows minutes */
	bool new_day = ui->now && timefmt_day_start(now) != timefmt_day_start(ui->now);
	bool relist =
	    new_day || (ui->now && now / UI_RELIST_SECONDS != ui->now / UI_RELIST_SECONDS);
	ui->now = now;
	if (relist) {
		ui->day_turned = new_day; /* a new day's list is another list */
		reload_all(ui);
		ui->day_turned = false;
	}
	ui->clock_unsure = unsure;
	model_freshness(ui->store, ui->cfg, ui->data_dir, clock, ui->lang, &ui->fresh);
	char urgent[sizeof(ui->urgent)];
	model_urgent(ui->store, now, ui->cfg->municipality, ui->lang, urgent, sizeof(urgent));
	if (strcmp(urgent, ui->urgent) != 0) {
		memcpy(ui->urgent, urgent, sizeof(urgent));
		ui->dirty = true;
	}
}

int ui_push(struct ui *ui, const struct screen *s, const void *arg)
{
	ui->push_to = s;
	ui->push_arg = arg;
	return UI_PUSH;
}

void ui_set_language(struct ui *ui, const char *lang)
{
	i18n_set_language(lang);
	ui->lang = i18n_language();
	ui_refresh_state(ui, ui_clock(ui));
	reload_all(ui);
}

static void pop_to(struct ui *ui, int depth)
{
	bool popped = ui->depth > depth;
	while (ui->depth > depth) {
		ui->depth--;
		ui->stack[ui->depth]->leave(ui);
	}
	/* What was done above (an edit, a hide) may change what is below;
	 * otherwise what it read is still what it shows. */
	long stamp = popped ? model_change_stamp(ui->store) : 0;
	if (popped && ui_top(ui)->reload && stamp != ui->read_at[ui->depth - 1]) {
		ui_new_generation(ui); /* what was read ahead is stale too */
		ui_top(ui)->reload(ui);
		ui->read_at[ui->depth - 1] = stamp;
	}
}

/* Admin mode lasts 2 minutes without input (patients' screens: idle_timeout). */
#define ADMIN_IDLE 120

void ui_set_admin(struct ui *ui, bool on)
{
	ui->admin = on;
	if (ui->app) {
		long idle = ui->cfg->idle_timeout;
		app_set_idle_timeout(ui->app, on && idle < ADMIN_IDLE ? ADMIN_IDLE : idle);
	}
	ui->dirty = true;
}

void ui_warn_idle(struct ui *ui)
{
	if (ui_top(ui) == &attract_screen)
		return;
	ui->idle_warning = true;
	ui->dirty = true;
}

/* Input answers the warning; true when it was there (the input is spent). */
static bool answer_idle_warning(struct ui *ui)
{
	if (!ui->idle_warning)
		return false;
	ui->idle_warning = false;
	ui->dirty = true;
	return true;
}

/* Back to the attract screen, every screen left; a visitor who is done
 * (idle, logged out) also has the language reset, one who only stepped
 * back from the menu keeps theirs. */
static void to_attract(struct ui *ui, bool visitor_done)
{
	ui->idle_warning = false;
	ui_set_admin(ui, false);
	for (size_t i = 0; i < N_SCREENS; i++)
		all_screens[i]->leave(ui);
	ui->depth = 1;
	ui->stack[0] = &attract_screen;
	if (visitor_done && strcmp(ui->lang, ui->cfg->language) != 0)
		ui_set_language(ui, ui->cfg->language);
	attract_screen.enter(ui, NULL);
	ui->dirty = true;
	update_dark(ui, ui_clock(ui), true);
}

void ui_reset(struct ui *ui)
{
	speaker_stop(ui->speaker); /* the next person hears nothing of the last */
	printjob_forget(ui->printjob);
	to_attract(ui, true);
	ui_zoom(ui, 0, false); /* the next visitor starts at the chosen size */
}

/* Acts on what a handler returned. */
static void act(struct ui *ui, int flags)
{
	if (flags & (UI_REDRAW | UI_HANDLED))
		ui->dirty = true;
	if (flags & UI_SYNC_NOW && ui->app)
		app_request_sync(ui->app);
	if (flags & UI_ATTRACT) {
		ui_reset(ui);
		return;
	}
	if (flags & UI_HOME)
		pop_to(ui, 2); /* attract, home */
	if (flags & UI_POP) {
		if (flags & UI_PUSH || ui->depth > 2)
			pop_to(ui, ui->depth - 1); /* with a push: replace the top screen */
		else if (ui->depth == 2)
			to_attract(ui, false); /* back from the menu: the attract screen */
	}
	const struct screen *s = flags & UI_PUSH ? ui->push_to : NULL;
	ui->push_to = NULL;
	/* One instance of a screen at a time: its state is its file's, and a
	 * second one would start it afresh under the first (Ctrl-A in the
	 * editor, then "new announcement", lost the draft). */
	for (int i = 0; s && i < ui->depth; i++)
		if (ui->stack[i] == s)
			s = NULL;
	if (s && ui->depth < UI_MAX_DEPTH) {
		if (ui_top(ui) == &attract_screen && s != &home_screen) {
			/* Anything opened from the attract screen has the menu under it. */
			ui->read_at[ui->depth] = model_change_stamp(ui->store);
			ui->stack[ui->depth++] = &home_screen;
			home_screen.enter(ui, NULL);
		}
		ui->read_at[ui->depth] = model_change_stamp(ui->store);
		ui->stack[ui->depth++] = s;
		s->enter(ui, ui->push_arg);
	}
	if (flags)
		ui->dirty = true;
}

void ui_key(struct ui *ui, int key)
{
	if (key != UI_KEY(KEY_RESIZE) && (wake(ui) || answer_idle_warning(ui)))
		return;
	if (key == UI_KEY(KEY_RESIZE)) {
		getmaxyx(stdscr, ui->rows, ui->cols);
		ui->dirty = true;
		return;
	}
	if (key == UI_KEY(KEY_F(5))) { /* Listen */
		ui_speak(ui);
		return;
	}
	speaker_stop(ui->speaker); /* any other key ends what is being said */
	if (key == UI_KEY(KEY_F(12)) || key == UI_KEY(KEY_F(11))) { /* A+ and A- on a keyboard */
		ui_zoom(ui, ui->zoom.step + (key == UI_KEY(KEY_F(12)) ? 1 : -1), true);
		return;
	}
	if (key == UI_ADMIN_KEY && ui_top(ui) != &admin_pin_screen &&
	    ui_top(ui) != &admin_menu_screen) {
		static const int login = PIN_LOGIN;
		act(ui, ui->admin ? ui_push(ui, &admin_menu_screen, NULL)
				  : ui_push(ui, &admin_pin_screen, &login));
		return;
	}
	int flags = ui_top(ui)->key(ui, key);
	if (flags == UI_NONE) {
		if (key == UI_ESC || key == UI_KEY(KEY_BACKSPACE) || key == 127 || key == 8 ||
		    key == UI_KEY(KEY_LEFT))
			flags = UI_POP;
		else if (key == UI_KEY(KEY_HOME))
			flags = UI_HOME;
	}
	act(ui, flags);
}

void ui_click(struct ui *ui, int y, int x)
{
	if (wake(ui) || answer_idle_warning(ui))
		return;
	/* The last region drawn is on top. */
	int i = ui->n_hits - 1;
	while (i >= 0 && (y < ui->hits[i].y || y >= ui->hits[i].y + ui->hits[i].h ||
			  x < ui->hits[i].x || x >= ui->hits[i].x + ui->hits[i].w))
		i--;
	if (i < 0 || ui->hits[i].tag != TAG_SPEAK)
		speaker_stop(ui->speaker); /* any other touch ends what is being said */
	if (i >= 0) {
		int tag = ui->hits[i].tag;
		if (tag == TAG_SPEAK) {
			ui_speak(ui);
		} else if (tag == TAG_CLOCK) {
			/* Five taps within five seconds: the PIN prompt, for touch screens. */
			int64_t now = ui_clock(ui);
			ui->clock_taps = now - ui->clock_tap_at <= 5 ? ui->clock_taps + 1 : 1;
			ui->clock_tap_at = now;
			if (ui->clock_taps >= 5 && !ui->admin) {
				static const int login = PIN_LOGIN;
				ui->clock_taps = 0;
				act(ui, ui_push(ui, &admin_pin_screen, &login));
			}
		} else if (tag == TAG_PAGE_UP || tag == TAG_PAGE_DOWN) {
			const struct screen *top = ui_top(ui);
			if (top->key)
				act(ui, top->key(ui, UI_KEY(tag == TAG_PAGE_UP ? KEY_PPAGE
									       : KEY_NPAGE)));
		} else if (tag == TAG_ZOOM_IN || tag == TAG_ZOOM_OUT) {
			ui_zoom(ui, ui->zoom.step + (tag == TAG_ZOOM_IN ? 1 : -1), true);
		} else if (tag == TAG_BOARD)
			act(ui, ui_top(ui) == &board_screen ? UI_NONE
							    : ui_push(ui, &board_screen, NULL));
		else
			act(ui, tag == TAG_BACK	  ? UI_POP
				: tag == TAG_HOME ? UI_HOME
						  : ui_top(ui)->mouse(ui, tag));
	}
}

void ui_tick(struct ui *ui)
{
	/* An idle kiosk does nothing but ask SQLite whether the data changed:
	 * the state (freshness, urgent notices, the clock) is read again on a
	 * change, when a sync ends (ui_data_changed) and on the minute. */
	if (model_data_version(ui->store) != ui->data_version)
		ui_data_changed(ui); /* a sync committed, maybe while still running */
	else if (ui->app && app_now(ui->app) / 60 != ui->refreshed_minute)
		ui_refresh_state(ui, app_now(ui->app));
	update_dark(ui, ui_clock(ui), false);
	if (ui->speaker && ui->speaker->pid && !speaker_speaking(ui->speaker))
		ui->dirty = true; /* said to the end: Stop is Listen again */
	if (ui->printjob && ui->printjob->pid && printjob_poll(ui->printjob) != PRINTJOB_PRINTING)
		ui->dirty = true; /* printed, or not */
	const struct screen *top = ui_top(ui);
	if (top->tick)
		act(ui, top->tick(ui));
}

void ui_data_changed(struct ui *ui)
{
	long v = model_data_version(ui->store);
	if (ui->app)
		ui_refresh_state(ui, app_now(ui->app));
	ui->dirty = true; /* the header's freshness changed in any case */
	if (v == ui->data_version)
		return;
	ui->data_version = v;
	reload_all(ui);
}

int ui_body_rows(const struct ui *ui)
{
	return ui->rows - ui_body_top(ui) - 1;
}

void ui_draw(struct ui *ui)
{
	if (!ui->dirty)
		return;
	ui->dirty = false;
	ui->n_hits = 0;
	ui_note_shown(ui);
	erase();
	if (ui->dark) { /* closed: nothing lit, nothing to tap but the screen */
		refresh();
		return;
	}
	if (ui->rows < 24 || ui->cols < 80) {
		/* Below the smallest supported size: say so, clearly, without garbling. */
		ui_wrap(ui, 0, 0, ui->cols, 0, ui->rows, UIC_HEADING,
			_("The window is too small: at least 80 x 24 is needed."));
		refresh();
		return;
	}
	ui_top(ui)->draw(ui);
	if (ui->idle_warning) { /* a box over the middle of the screen */
		int w = ui->cols - 20, y = ui->rows / 2 - 2;
		for (int r = 0; r < 5; r++)
			ui_fill(ui, y + r, 10, w, UIC_SELECTED);
		ui_text(ui, y + 1, 12, w - 4, UIC_SELECTED, _("Do you want to continue?"));
		ui_text(ui, y + 3, 12, w - 4, UIC_SELECTED,
			_("Touch the screen or press any key."));
	}
	refresh();
}

unsigned long ui_attr(enum ui_role role)
{
	return role_attr[role];
}

void ui_hit(struct ui *ui, int y, int x, int h, int w, int tag)
{
	if (ui->n_hits < UI_MAX_HITS)
		ui->hits[ui->n_hits++] = (typeof(ui->hits[0])){y, x, h, w, tag};
}
