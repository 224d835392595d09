/* SPDX-License-Identifier: EUPL-1.2 */
/* list_view: a scrolling, numbered, clickable list of activities. */
#include "config.h"

#include "list_view.h"

#include "util/i18n.h"
#include "speech/speech_text.h"
#include "util/text.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "Oulun seudun omaishoitajat ry · Järjestötalo · maksuton" */
static void second_line(const struct activity_summary *a, char *buf, size_t size)
{
	const char *where = a->place ? a->place : i18n_attendance(a->attendance_mode);
	snprintf(buf, size, "%s%s%s%s%s", a->organizer ? a->organizer : "", where ? " · " : "",
		 where ? where : "", a->has_offers && a->is_free ? " · " : "",
		 a->has_offers && a->is_free ? _("free of charge") : "");
}

int list_view_draw(struct ui *ui, struct list_view *v, const struct activity_list *l, int y, int h,
		   bool numbers)
{
	int page = h / LIST_ENTRY_ROWS;
	if (page < 1)
		page = 1;
	if (v->selected >= (int)l->n)
		v->selected = l->n ? (int)l->n - 1 : 0;
	if (v->selected < v->top)
		v->top = v->selected;
	if (v->selected >= v->top + page)
		v->top = v->selected - page + 1;
	/* The pager (touch) at the right edge when not all fit. */
	int pager = ui_pager(ui, y, page * LIST_ENTRY_ROWS - 1, v->top + 1, page, (int)l->n);
	int width = ui->cols - 2 - pager, name_x = 28;
	for (int i = 0; i < page && v->top + i < (int)l->n; i++) {
		const struct activity_summary *a = &l->v[v->top + i];
		int row = y + i * LIST_ENTRY_ROWS;
		bool sel = v->top + i == v->selected;
		enum ui_role role = sel ? UIC_SELECTED : UIC_HEADING;
		if (sel) {
			ui_fill(ui, row, 0, ui->cols - pager, UIC_SELECTED);
			ui_fill(ui, row + 1, 0, ui->cols - pager, UIC_SELECTED);
		}
		char when[96] = "", day[48], span[48];
		if (a->next_start) {
			ui_format_day(ui, a->next_start, day, sizeof(day));
			ui_format_span(a->next_start, a->next_end, span, sizeof(span));
			snprintf(when, sizeof(when), "%s %s", day, span);
		} else {
			snprintf(when, sizeof(when), "%s", _("ongoing"));
		}
		int x;
		if (numbers && i < 9) {
			char num[8];
			snprintf(num, sizeof(num), "%d", i + 1);
			ui_text(ui, row, 1, 2, sel ? UIC_SELECTED : UIC_DIM, num);
		}
		ui_text(ui, row, 4, name_x - 5, sel ? UIC_SELECTED : UIC_NORMAL, when);
		x = name_x;
		const char *mark = i18n_event_status(a->status);
		if (mark)
			x += ui_text(ui, row, x, width - x, UIC_WARNING, mark) + 1;
		ui_text(ui, row, x, width - x, role, a->name);
		char second[512];
		second_line(a, second, sizeof(second));
		ui_text(ui, row + 1, name_x, width - name_x, sel ? UIC_SELECTED : UIC_DIM, second);
		ui_hit(ui, row, 0, LIST_ENTRY_ROWS - 1, ui->cols - pager, v->top + i);
	}
	return page;
}

int list_view_key(struct list_view *v, const struct activity_list *l, int key, int page, int *open)
{
	int n = (int)l->n, before = v->selected;
	*open = -1;
	if (key == UI_KEY(KEY_DOWN))
		v->selected++;
	else if (key == UI_KEY(KEY_UP))
		v->selected--;
	else if (key == UI_KEY(KEY_NPAGE))
		v->selected += page, v->top += page;
	else if (key == UI_KEY(KEY_PPAGE))
		v->selected -= page, v->top -= page;
	else if ((key == UI_ENTER || key == '\r' || key == UI_KEY(KEY_ENTER) ||
		  key == UI_KEY(KEY_RIGHT)) &&
		 n > 0)
		*open = v->selected;
	else if (key >= '1' && key <= '9' && v->top + key - '1' < n)
		*open = v->selected = v->top + key - '1';
	else
		return UI_NONE;
	if (v->selected >= n)
		v->selected = n - 1;
	if (v->selected < 0)
		v->selected = 0;
	if (v->top > v->selected)
		v->top = v->selected;
	if (v->top < 0)
		v->top = 0;
	return v->selected != before || *open >= 0 ? UI_REDRAW : UI_HANDLED;
}

void list_view_follow(struct list_view *v, const struct activity_list *old_list,
		      const struct activity_list *new_list)
{
	if (v->selected >= (int)old_list->n)
		return;
	const char *id = old_list->v[v->selected].id;
	for (size_t i = 0; i < new_list->n; i++) {
		if (strcmp(new_list->v[i].id, id) == 0) {
			v->top += (int)i - v->selected;
			v->selected = (int)i;
			return;
		}
	}
}

char *list_view_speak(struct ui *ui, const struct list_view *v, const struct activity_list *l)
{
	if (v->selected < 0 || v->selected >= (int)l->n)
		return strdup(ui->title);
	const struct activity_summary *a = &l->v[v->selected];
	char *when = a->next_start ? speech_when(a->next_start, a->next_end, ui->lang) : NULL;
	char *text = speech_announcement(a->name, when, ui->lang);
	free(when);
	return text;
}
