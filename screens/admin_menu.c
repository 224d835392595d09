/* SPDX-License-Identifier: EUPL-1.2 */
/* admin_menu: the liaison person's menu: announcements, hidden
 * activities, sync now and how each sync went, change PIN, log out.
 * Esc or "Log out" ends admin mode; from the patients' screens (where an
 * activity is hidden with H) Ctrl-A comes back here. */
#include "config.h"

#include "app/app.h"
#include "util/i18n.h"
#include "util/timefmt.h"
#include "ui.h"

#include <curses.h>
#include <stdio.h>

static const struct edit_arg new_one = {0};
static const int change = PIN_CHANGE;

static const struct entry {
	const char *label;
	const struct screen *screen;
	const void *arg;
} entries[] = {
    {N_("Local announcements"), &admin_list_screen, NULL},
    {N_("New announcement"), &admin_edit_screen, &new_one},
    {N_("Hidden activities"), &admin_hidden_screen, NULL},
    {N_("Sync now"), NULL, NULL},
    {N_("What was looked at"), &admin_stats_screen, NULL},
    {N_("Change PIN"), &admin_pin_screen, &change},
    {N_("Log out"), NULL, NULL},
};
#define N_ENTRIES ((int)(sizeof(entries) / sizeof(*entries)))

static int selected;
static bool sync_asked;

static void enter(struct ui *ui, const void *arg)
{
	(void)ui;
	(void)arg;
	selected = 0;
	sync_asked = false;
}

static void leave(struct ui *ui)
{
	(void)ui;
	selected = 0;
}

static void draw(struct ui *ui)
{
	ui_header(ui, _("Admin"));
	int y = ui_body_top(ui) + 1, w = ui->cols / 2 - 4;
	for (int i = 0; i < N_ENTRIES; i++) {
		char label[128];
		snprintf(label, sizeof(label), "%d  %s", i + 1, _(entries[i].label));
		ui_button(ui, y + i * 3, 2, w, 2, label, i == selected, i);
	}
	/* How the data is doing. */
	int x = w + 6, rw = ui->cols - x - 2;
	const struct freshness *f = &ui->fresh;
	char line[400], day[48], clock[TIMEFMT_BUFSIZE];
	ui_text(ui, y, x, rw, UIC_HEADING, _("Feed"));
	ui_text(ui, y + 1, x, rw, UIC_NORMAL, *f->publisher ? f->publisher : "–");
	if (f->last_success) {
		ui_format_day(ui, f->last_success, day, sizeof(day));
		timefmt_clock(f->last_success, clock);
		snprintf(line, sizeof(line), "%s: %s %s", _("Last updated"), day, clock);
	} else {
		snprintf(line, sizeof(line), "%s", _("not updated yet"));
	}
	ui_text(ui, y + 3, x, rw, UIC_NORMAL, line);
	int row = y + 4;
	if (ui->app && app_syncing(ui->app))
		ui_text(ui, row++, x, rw, UIC_HEADING, _("Syncing now…"));
	else if (sync_asked)
		ui_text(ui, row++, x, rw, UIC_NORMAL, _("Sync finished."));
	if (f->failing)
		row += ui_wrap(ui, row, x, rw, 0, 4, UIC_WARNING, f->error);
	if (*f->restored)
		row += ui_wrap(ui, row + 1, x, rw, 0, 3, UIC_WARNING, f->restored);
	ui_wrap(ui, ui->rows - 4, x, rw, 0, 2, UIC_DIM,
		_("To hide an activity on this terminal, open it and press H."));
	ui_footer(ui, _("1-7 or arrows and Enter   Esc: log out"));
}

static int choose(struct ui *ui, int i)
{
	selected = i;
	if (entries[i].screen)
		return ui_push(ui, entries[i].screen, entries[i].arg);
	if (i == 3) {
		sync_asked = true;
		return UI_SYNC_NOW | UI_REDRAW;
	}
	return UI_ATTRACT; /* log out */
}

static int key(struct ui *ui, int k)
{
	if (k >= '1' && k < '1' + N_ENTRIES)
		return choose(ui, k - '1');
	if (k == UI_ENTER || k == '\r' || k == UI_KEY(KEY_ENTER))
		return choose(ui, selected);
	if (k == UI_KEY(KEY_DOWN) && selected + 1 < N_ENTRIES)
		selected++;
	else if (k == UI_KEY(KEY_UP) && selected > 0)
		selected--;
	else if (k == UI_ESC)
		return UI_ATTRACT;
	else
		return UI_NONE;
	return UI_REDRAW;
}

static int mouse(struct ui *ui, int tag)
{
	return tag >= 0 && tag < N_ENTRIES ? choose(ui, tag) : UI_NONE;
}

static int tick(struct ui *ui)
{
	(void)ui;
	return sync_asked ? UI_REDRAW : UI_NONE; /* the sync's progress */
}

const struct screen admin_menu_screen = {
    .name = "admin_menu",
    .enter = enter,
    .leave = leave,
    .draw = draw,
    .key = key,
    .mouse = mouse,
    .tick = tick,
};
