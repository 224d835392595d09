/* SPDX-License-Identifier: EUPL-1.2 */
/* admin_stats: "What was looked at": the anonymous counts (stats.h) of the
 * last 7 and 30 days per organisation (and its slips printed in 30), and
 * what was searched for without
 * a result on 3 days or more, for the liaison person to pass on. */
#include "config.h"

#include "app/app.h"
#include "util/i18n.h"
#include "app/stats.h"
#include "util/timefmt.h"
#include "ui.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct {
	struct stats_report week, month;
	char message[200];
} st;

static void load(struct ui *ui)
{
	int64_t now = ui_clock(ui);
	char *err = NULL;
	/* What the kiosk holds in memory is written first: the view is whole. */
	if (!stats_flush(ui->stats, ui->store, now, true, &err)) {
		snprintf(st.message, sizeof(st.message), "%s", err ? err : "?");
		free(err);
		err = NULL;
	}
	char today[11], week[11], month[11];
	stats_day(now, today);
	stats_day(timefmt_add_days(timefmt_day_start(now), -6), week);
	stats_day(timefmt_add_days(timefmt_day_start(now), -29), month);
	if (!stats_report(ui->data_dir, week, today, STATS_BY_ORGANIZATION, &st.week, &err) ||
	    !stats_report(ui->data_dir, month, today, STATS_BY_ORGANIZATION, &st.month, &err)) {
		snprintf(st.message, sizeof(st.message), "%s", err ? err : "?");
		free(err);
	}
}

static void enter(struct ui *ui, const void *arg)
{
	(void)arg;
	st.message[0] = '\0';
	load(ui);
}

static void leave(struct ui *ui)
{
	(void)ui;
	stats_report_free(&st.week);
	stats_report_free(&st.month);
}

/* The week's count of organisation key. */
static long week_count(const char *key)
{
	for (size_t i = 0; i < st.week.n; i++)
		if (!strcmp(st.week.rows[i].key, key))
			return st.week.rows[i].opened;
	return 0;
}

static void draw(struct ui *ui)
{
	ui_header(ui, _("What was looked at"));
	int y = ui_body_top(ui) + 1, bottom = ui->rows - 2, w = ui->cols - 4;
	if (!ui->stats) {
		ui_wrap(ui, y, 2, w, 0, 3, UIC_NORMAL,
			_("Counting is off on this terminal (statistics = off)."));
		ui_footer(ui, _("Esc back"));
		return;
	}
	y += ui_wrap(ui, y, 2, w, 0, 2, UIC_DIM,
		     _("Times an activity was opened in 7 and 30 days and the slips printed of "
		       "activities in 30, per organiser. Only these counts are kept, per day; "
		       "nothing about anyone."));
	y++;
	char line[512];
	snprintf(line, sizeof(line), "%8s %8s %8s  %s", _("7 days"), _("30 days"), _("Slips"),
		 _("Organiser"));
	ui_text(ui, y++, 2, w, UIC_HEADING, line);
	if (!st.month.n)
		ui_text(ui, y++, 2, w, UIC_NORMAL, _("Nothing has been looked at yet."));
	for (size_t i = 0; i < st.month.n && y < bottom - 3; i++) {
		const struct stats_row *r = &st.month.rows[i];
		snprintf(line, sizeof(line), "%8ld %8ld %8ld  %s", week_count(r->key), r->opened,
			 r->printed, *r->name ? r->name : r->key);
		ui_text(ui, y++, 2, w, UIC_NORMAL, line);
	}
	y++;
	if (st.month.n_unmet && y < bottom) {
		ui_text(ui, y++, 2, w, UIC_HEADING,
			_("Searched for without a result on 3 days or more (30 days):"));
		line[0] = '\0';
		for (size_t i = 0; i < st.month.n_unmet; i++)
			snprintf(line + strlen(line), sizeof(line) - strlen(line), "%s%s",
				 i ? ", " : "", st.month.unmet[i]);
		y += ui_wrap(ui, y, 2, w, 0, bottom - y, UIC_NORMAL, line);
	}
	if (*st.message && y < bottom)
		ui_text(ui, y, 2, w, UIC_WARNING, st.message);
	ui_footer(ui, _("aulataulu stats gives more   Esc back"));
}

static void reload(struct ui *ui)
{
	leave(ui);
	load(ui);
}

const struct screen admin_stats_screen = {
    .name = "admin_stats",
    .enter = enter,
    .leave = leave,
    .draw = draw,
    .key = ui_no_key,
    .mouse = ui_no_mouse,
    .reload = reload,
};
