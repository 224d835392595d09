/* SPDX-License-Identifier: EUPL-1.2 */
/* admin_pin: the PIN prompt that opens admin mode (and, in admin mode,
 * changes the PIN). Digits show as dots; an on-screen keypad serves touch
 * screens. Wrong PINs slow down (src/local/pin.c). */
#include "config.h"

#include "app/app.h"
#include "util/i18n.h"
#include "model/model.h"
#include "local/pin.h"
#include "util/timefmt.h"
#include "ui.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PIN_MAX 12
enum { TAG_DIGIT = 100, TAG_ERASE = 110, TAG_OK };

static struct {
	int mode;
	char pin[PIN_MAX + 1], first[PIN_MAX + 1]; /* first: the new PIN typed once */
	char message[200];
	bool error;
	int64_t wait_until; /* after wrong PINs: no try before this (0: now) */
} st;

static void forget(void)
{
	memset(&st, 0, sizeof(st)); /* no PIN stays in memory */
}

static void enter(struct ui *ui, const void *arg)
{
	(void)ui;
	forget();
	st.mode = arg ? *(const int *)arg : PIN_LOGIN;
}

static void leave(struct ui *ui)
{
	(void)ui;
	forget();
}

/* local.db cannot be used: no PIN can be checked or set, and the liaison
 * person learns why and whom to ask, not a PIN that fails. */
static void draw_local_problem(struct ui *ui, const char *why)
{
	int y = ui_body_top(ui) + 1, x = 2, w = ui->cols - 4, n;
	n = ui_wrap(ui, y, x, w, 0, 3, UIC_WARNING,
		    _("The liaison person's data (local.db) cannot be used now: local "
		      "announcements, hidden activities and the PIN are not available."));
	y += (n < 3 ? n : 3) + 1;
	n = ui_wrap(ui, y, x, w, 0, 4, UIC_NORMAL, why);
	y += (n < 4 ? n : 4) + 1;
	ui_wrap(ui, y, x, w, 0, 4, UIC_HEADING,
		_("The patients' screens work from the cache. Ask the IT admin to run "
		  "aulataulu doctor on this terminal; nothing has been deleted."));
	ui_footer(ui, _("Esc back"));
}

static void draw(struct ui *ui)
{
	ui_header(ui, st.mode == PIN_CHANGE ? _("Change PIN") : _("Admin login"));
	const char *problem = model_local_problem(ui->store);
	if (problem) {
		draw_local_problem(ui, problem);
		return;
	}
	int y = ui_body_top(ui) + 1, x = (ui->cols - 40) / 2;
	const char *ask = st.mode == PIN_LOGIN ? _("Enter the PIN:")
			  : !*st.first	       ? _("Type the new PIN (6-12 digits):")
					       : _("Type the new PIN again:");
	ui_text(ui, y, x, 40, UIC_HEADING, ask);
	char dots[PIN_MAX * 4 + 1] = "";
	for (size_t i = 0; i < strlen(st.pin); i++)
		strcat(dots, "● ");
	ui_fill(ui, y + 2, x, 40, UIC_BUTTON);
	ui_text(ui, y + 2, x + 1, 38, UIC_BUTTON, dots);
	int64_t now = ui_clock(ui);
	if (*st.message)
		ui_wrap(ui, y + 4, x, 40, 0, 1, st.error ? UIC_WARNING : UIC_NORMAL, st.message);
	if (st.wait_until > now) {
		char when[TIMEFMT_BUFSIZE], wait[160];
		timefmt_clock(st.wait_until, when);
		snprintf(wait, sizeof(wait), _("Wait %lld s before the next try (until %s)."),
			 (long long)(st.wait_until - now), when);
		ui_wrap(ui, y + 5, x, 40, 0, 2, UIC_HEADING, wait);
	}
	/* The keypad: 1-9, erase, 0, OK. */
	static const char *const labels[] = {"1", "2", "3", "4", "5", "6",
					     "7", "8", "9", "⌫", "0", "OK"};
	for (int i = 0; i < 12; i++) {
		int tag = i < 9	    ? TAG_DIGIT + i + 1
			  : i == 9  ? TAG_ERASE
			  : i == 10 ? TAG_DIGIT
				    : TAG_OK;
		ui_button(ui, y + 7 + (i / 3) * 3, x + (i % 3) * 14, 12, 2, labels[i], false, tag);
	}
	ui_footer(ui, _("Digits, Enter: OK   Backspace: erase   Esc: cancel"));
}

/* What the PIN typed leads to. */
static int submit(struct ui *ui)
{
	int64_t now = ui_clock(ui), wait_until = 0;
	st.error = true;
	if (st.mode == PIN_CHANGE) {
		if (!pin_valid(st.pin)) {
			snprintf(st.message, sizeof(st.message), "%s",
				 _("A PIN is 6 to 12 digits."));
		} else if (!*st.first) {
			memcpy(st.first, st.pin, sizeof(st.first));
			st.error = false;
			st.message[0] = '\0';
		} else if (strcmp(st.first, st.pin) != 0) {
			st.first[0] = '\0';
			snprintf(st.message, sizeof(st.message), "%s",
				 _("The PINs differ. Start again."));
		} else {
			char *err = NULL;
			bool ok = pin_set(ui->store, st.pin, "ui", now, &err);
			snprintf(st.message, sizeof(st.message), "%s",
				 ok ? _("The PIN was changed.") : err);
			free(err);
			st.error = !ok;
			st.first[0] = '\0';
		}
		memset(st.pin, 0, sizeof(st.pin));
		return UI_REDRAW;
	}
	enum pin_result r = pin_check(ui->store, st.pin, now, &wait_until);
	memset(st.pin, 0, sizeof(st.pin));
	switch (r) {
	case PIN_OK:
		ui_set_admin(ui, true);
		forget();
		return UI_POP | ui_push(ui, &admin_menu_screen, NULL);
	case PIN_NOT_SET:
		snprintf(st.message, sizeof(st.message), "%s",
			 _("No PIN has been set. Set one with: aulataulu pin set"));
		break;
	case PIN_WRONG:
		snprintf(st.message, sizeof(st.message), "%s", _("Wrong PIN."));
		st.wait_until = wait_until;
		break;
	case PIN_WAIT:
		/* Not even checked: it is too soon, not wrong. The countdown
		 * under the pad says how long (draw). */
		st.message[0] = '\0';
		st.error = false;
		st.wait_until = wait_until;
		break;
	case PIN_ERROR:
		snprintf(st.message, sizeof(st.message), "%s", _("The PIN could not be checked."));
		break;
	}
	return UI_REDRAW;
}

static int type(struct ui *ui, int key)
{
	if (model_local_problem(ui->store)) /* nothing to type into */
		return key == UI_ESC ? UI_NONE : UI_HANDLED;
	size_t n = strlen(st.pin);
	if (key >= '0' && key <= '9' && n < PIN_MAX) {
		st.pin[n] = (char)key;
		st.message[0] = '\0';
		return UI_REDRAW;
	}
	if ((key == 127 || key == 8 || key == UI_KEY(KEY_BACKSPACE)) && n > 0) {
		st.pin[n - 1] = '\0';
		return UI_REDRAW;
	}
	if (key == UI_ENTER || key == '\r' || key == UI_KEY(KEY_ENTER))
		return submit(ui);
	return key == UI_ESC ? UI_NONE : UI_HANDLED; /* nothing else leaks out */
}

static int key(struct ui *ui, int k)
{
	return type(ui, k);
}

/* The countdown of the wait after wrong PINs, second by second. */
static int tick(struct ui *ui)
{
	if (!st.wait_until)
		return UI_NONE;
	if (ui_clock(ui) >= st.wait_until)
		st.wait_until = 0; /* the next try may come */
	return UI_REDRAW;
}

static int mouse(struct ui *ui, int tag)
{
	if (model_local_problem(ui->store))
		return UI_NONE;
	if (tag >= TAG_DIGIT && tag <= TAG_DIGIT + 9)
		return type(ui, '0' + tag - TAG_DIGIT);
	if (tag == TAG_ERASE)
		return type(ui, 127);
	if (tag == TAG_OK)
		return submit(ui);
	return UI_NONE;
}

const struct screen admin_pin_screen = {
    .name = "admin_pin",
    .enter = enter,
    .leave = leave,
    .draw = draw,
    .key = key,
    .mouse = mouse,
    .tick = tick,
};
