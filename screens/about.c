/* SPDX-License-Identifier: EUPL-1.2 */
/* about: what this terminal is, whose data it shows and how current it is. */
#include "config.h"

#include "util/i18n.h"
#include "util/timefmt.h"
#include "ui.h"

#include <stdio.h>
#include <string.h>

static void enter(struct ui *ui, const void *arg)
{
	(void)ui;
	(void)arg;
}

static void leave(struct ui *ui)
{
	(void)ui;
}

static void line(struct ui *ui, int *y, const char *label, const char *value)
{
	ui_text(ui, *y, 2, 30, UIC_DIM, label);
	*y += ui_wrap(ui, *y, 32, ui->cols - 34, 0, 3, UIC_NORMAL, value);
}

static void when(const struct ui *ui, int64_t t, char *buf, size_t size)
{
	char day[48], clock[TIMEFMT_BUFSIZE];
	if (!t) {
		snprintf(buf, size, "%s", _("never"));
		return;
	}
	ui_format_day(ui, t, day, sizeof(day));
	timefmt_clock(t, clock);
	snprintf(buf, size, "%s %s", day, clock);
}

static const char *what_it_is(void)
{
	return _("This terminal shows activities of associations and parishes and the health "
		 "centre's notices. It stores nothing about you; your choices are forgotten "
		 "when you leave.");
}

/* What is counted, said plainly (stats.h). */
static const char *what_is_counted(void)
{
	return _("We only count how often each activity is looked at or printed, per day, so "
		 "that the associations can see what their work reaches. We store nothing "
		 "about you.");
}

static void draw(struct ui *ui)
{
	const struct freshness *f = &ui->fresh;
	ui_header(ui, _("About this terminal"));
	int y = ui_body_top(ui) + 1;
	ui_wrap(ui, y, 2, ui->cols - 4, 0, 3, UIC_NORMAL, what_it_is());
	y += 4;
	if (ui->stats)
		y += 1 + ui_wrap(ui, y, 2, ui->cols - 4, 0, 3, UIC_NORMAL, what_is_counted());
	char buf[256];
	line(ui, &y, _("Site"), ui->cfg->site);
	line(ui, &y, _("Information from"), *f->publisher ? f->publisher : "–");
	when(ui, f->last_success, buf, sizeof(buf));
	line(ui, &y, _("Last updated"), buf);
	if (f->failing) {
		when(ui, f->last_success, buf, sizeof(buf));
		line(ui, &y, _("Offline since"), buf);
		line(ui, &y, _("Reason"), f->error);
	}
	if (f->expired)
		line(ui, &y, _("Note"), _("The information may be out of date."));
	if (*f->restored)
		line(ui, &y, _("Local data"), f->restored);
	if (ui->clock_unsure)
		line(ui, &y, _("Clock"),
		     _("The clock may be wrong; times follow the newest feed."));
	line(ui, &y, _("Version"), PACKAGE_NAME " " PACKAGE_VERSION);
	ui_footer(ui, _("Esc back"));
}

/* Listen: what the terminal is, what it counts, and when its information
 * was last updated. */
static char *speak(struct ui *ui)
{
	char updated[256], *text = NULL;
	when(ui, ui->fresh.last_success, updated, sizeof(updated));
	if (asprintf(&text, "%s. %s %s %s: %s.", _("About this terminal"), what_it_is(),
		     ui->stats ? what_is_counted() : "", _("Last updated"), updated) < 0)
		return NULL;
	return text;
}

const struct screen about_screen = {
    .name = "about",
    .enter = enter,
    .leave = leave,
    .draw = draw,
    .key = ui_no_key,
    .mouse = ui_no_mouse,
    .speak = speak,
};
