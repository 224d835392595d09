/* SPDX-License-Identifier: EUPL-1.2 */
/* ui_zoom: A+ and A- in the header. A terminal's font is its own, so a
 * larger text is a new terminal: the kiosk keeps the visitor's place and
 * language (app/resume.h), writes the step asked for and ends with
 * EXIT_RESTART; its session (aulataulu-session) starts the terminal
 * again at that size and the kiosk where the visitor was. The idle reset
 * goes back to the chosen size. Without a session there is no A+ or A-. */
#include "config.h"

#include "ui.h"

#include "app/app.h"
#include "app/display.h"
#include "app/printjob.h"
#include "util/atomic_file.h"
#include "util/i18n.h"
#include "util/path.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>

#define RESUME_FILE "resume.json"
#define ZOOM_FILE "zoom"

/* The steps this terminal has: foot's from the panel, the console's
 * from the framebuffer (display.h). */
static bool zoom_range(const struct ui *ui, int step, int *min, int *max)
{
	struct display_output out;
	struct display_font f;
	char *err = NULL;
	const char *given = getenv("AULATAULU_OUTPUT");
	bool ok = ui->console ? display_framebuffer_read("/sys", given, &out, &err) &&
				    display_console_font(&out, step, &f)
			      : display_output_read("/sys", given, &out, &err) &&
				    display_foot_font(&out, step, &f);
	if (!ok)
		syslog(LOG_WARNING, _("A+ and A- are off: %s"),
		       err ? err : _("no text size keeps 80x24 cells"));
	free(err);
	*min = ok ? f.zoom_min : 0, *max = ok ? f.zoom_max : 0;
	return ok;
}

static void resume_place(struct ui *ui, const struct resume *r)
{
	if (*r->lang)
		ui_set_language(ui, r->lang);
	if (ui->printjob)
		printjob_visit_printed(ui->printjob, r->printed, r->n_printed);
	for (int i = 0; i < r->n && ui->depth < UI_MAX_DEPTH; i++) {
		const struct screen *s = ui_screen_named(r->screens[i].name);
		if (!s || s == &attract_screen)
			continue;
		ui->stack[ui->depth++] = s;
		if (s->resume)
			s->resume(ui, &r->screens[i].state);
		else
			s->enter(ui, NULL);
	}
	ui->dirty = true;
}

void ui_zoom_init(struct ui *ui)
{
	const char *dir = getenv("AULATAULU_SESSION_DIR"), *step = getenv("AULATAULU_ZOOM");
	if (!dir || !*dir)
		return;
	ui->zoom.step = step ? atoi(step) : 0;
	if (!zoom_range(ui, ui->zoom.step, &ui->zoom.min, &ui->zoom.max))
		return;
	ui->zoom.dir = dir;
	char *path = path_join(dir, RESUME_FILE);
	struct resume r;
	if (path && resume_take(path, (int64_t)time(NULL), &r)) /* the real clock, not --now */
		resume_place(ui, &r);
	free(path);
}

/* The visitor's screens from the menu up; never the liaison person's,
 * which ask for the PIN again. */
static void save_place(const struct ui *ui, struct resume *r)
{
	*r = (struct resume){0};
	snprintf(r->lang, sizeof(r->lang), "%s", ui->lang);
	for (int i = 0; i < ui->depth && r->n < RESUME_MAX_SCREENS; i++) {
		const struct screen *s = ui->stack[i];
		if (s == &attract_screen)
			continue;
		if (!strncmp(s->name, "admin", 5))
			break;
		snprintf(r->screens[r->n].name, sizeof(r->screens[r->n].name), "%s", s->name);
		if (s->save)
			s->save((struct ui *)ui, &r->screens[r->n].state);
		r->n++;
	}
	for (int i = 0; ui->printjob && i < ui->printjob->n_printed && i < RESUME_MAX_PRINTED; i++)
		snprintf(r->printed[r->n_printed++], sizeof(r->printed[0]), "%s",
			 ui->printjob->printed[i]);
}

void ui_zoom(struct ui *ui, int to, bool keep_place)
{
	if (!ui->zoom.dir || to < ui->zoom.min || to > ui->zoom.max || to == ui->zoom.step)
		return;
	char *resume = path_join(ui->zoom.dir, RESUME_FILE),
	     *zoom = path_join(ui->zoom.dir, ZOOM_FILE);
	char *err = NULL, step[16];
	struct resume r;
	save_place(ui, &r);
	int len = snprintf(step, sizeof(step), "%d\n", to);
	bool ok = resume && zoom && (!keep_place || resume_write(resume, &r, &err)) &&
		  atomic_file_write_mode(zoom, step, (size_t)len, 0600, &err);
	if (ok) {
		ui->zoom.restart = true;
		if (ui->app)
			ui->app->quit = true;
	} else {
		syslog(LOG_WARNING, _("A+ or A- cannot start the terminal again: %s"),
		       err ? err : _("out of memory"));
	}
	free(err);
	free(resume);
	free(zoom);
}

int ui_zoom_buttons(struct ui *ui, int y, int right)
{
	if (!ui->zoom.dir || ui->admin)
		return 0;
	static const struct {
		const char *label, *console;
		int tag, delta;
	} buttons[] = {{" A− ", " A- ", TAG_ZOOM_OUT, -1}, {" A+ ", " A+ ", TAG_ZOOM_IN, 1}};
	int x = right - 9; /* " A− " " A+ ", a column apart */
	for (int i = 0; i < 2; i++, x += 5) {
		int to = ui->zoom.step + buttons[i].delta;
		bool can = to >= ui->zoom.min && to <= ui->zoom.max;
		ui_text(ui, y, x, 4, can ? UIC_BUTTON : UIC_TITLE,
			ui->console ? buttons[i].console : buttons[i].label);
		if (can)
			ui_hit(ui, y, x, 1, 4, buttons[i].tag);
	}
	return 10;
}
