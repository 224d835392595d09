/* SPDX-License-Identifier: EUPL-1.2 */
/* list_view: a scrolling, numbered, clickable list of activities, shared
 * by the screens that list them (listing, search, attract). Not a screen. */
#ifndef AULATAULU_LIST_VIEW_H
#define AULATAULU_LIST_VIEW_H

#include "ui.h"

/* Rows one entry takes: name line, organiser line, a blank line. */
#define LIST_ENTRY_ROWS 3

struct list_view {
	int selected, top; /* indices into the list */
};

/* Draws l from v->top in rows [y, y + h); each entry is clickable with its
 * index as the tag. Returns how many entries fit on a page. */
int list_view_draw(struct ui *ui, struct list_view *v, const struct activity_list *l, int y, int h,
		   bool numbers);

/* Arrows, PgUp/PgDn, digits 1-9 (the numbered entries) and Enter. Returns
 * UI flags; *open is the index to open, or -1. */
int list_view_key(struct list_view *v, const struct activity_list *l, int key, int page, int *open);

/* Listen: l's chosen entry, its name and next date, as words to say (a
 * new string; the title when the list is empty). */
char *list_view_speak(struct ui *ui, const struct list_view *v, const struct activity_list *l);

/* Keeps v's selection on the entry with the same id after a reload. */
void list_view_follow(struct list_view *v, const struct activity_list *old_list,
		      const struct activity_list *new_list);

#endif
