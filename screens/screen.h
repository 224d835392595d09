/* SPDX-License-Identifier: EUPL-1.2 */
/* screen: the one small interface every screen implements, one screen per
 * file (screens/NAME.c exports `const struct screen NAME_screen`).
 *
 * Handlers return UI_* flags; only the dispatcher in ui.c acts on them, so
 * screens never call each other: a screen asks for another with ui_push()
 * and returns UI_PUSH. State lives in each file's statics and is forgotten
 * in leave(), which also runs for every screen when the terminal returns to
 * the attract screen (the next person sees nothing of the last one). So a
 * screen is on the stack at most once: the dispatcher refuses to push one
 * that is already there (Ctrl-A from the editor keeps its draft). */
#ifndef AULATAULU_SCREEN_H
#define AULATAULU_SCREEN_H

#include "app/resume.h"

struct ui;

enum ui_flags {
	UI_NONE = 0, /* not handled: the dispatcher's own keys apply */
	UI_HANDLED = 1,
	UI_REDRAW = 2,
	UI_PUSH = 4,	 /* open the screen given to ui_push() */
	UI_POP = 8,	 /* back */
	UI_HOME = 16,	 /* back to the main menu */
	UI_ATTRACT = 32, /* back to the attract screen, everything forgotten */
	UI_RELOAD = 64,	 /* the language changed: every screen re-reads */
	UI_SYNC_NOW = 128,
};

/* Click regions with these tags are the dispatcher's; screens use tags >= 0. */
enum {
	TAG_BACK = -1,
	TAG_HOME = -2,
	TAG_BOARD = -3,
	TAG_CLOCK = -4,
	TAG_PAGE_UP = -5, /* the pager's buttons: PgUp and PgDn to the screen */
	TAG_PAGE_DOWN = -6,
	TAG_ZOOM_IN = -7, /* A+ and A- in the header */
	TAG_ZOOM_OUT = -8,
	TAG_SPEAK = -9, /* Listen, in the footer */
};

struct screen {
	const char *name;
	void (*enter)(struct ui *ui, const void *arg); /* pushed; arg from ui_push() */
	void (*leave)(struct ui *ui);		       /* popped or reset: forget */
	void (*draw)(struct ui *ui);
	int (*key)(struct ui *ui, int key);   /* keys: see ui.h */
	int (*mouse)(struct ui *ui, int tag); /* a click on a region of ours */
	int (*tick)(struct ui *ui);	      /* about once a second */
	void (*reload)(struct ui *ui);	      /* new data or language: re-read */
	/* A+ and A- start the terminal again at the new size: what the screen
	 * keeps over it, and how it opens again from that. NULL: the screen
	 * opens with no argument (enter(ui, NULL)) as it would anew. */
	void (*save)(struct ui *ui, struct resume_state *st);
	void (*resume)(struct ui *ui, const struct resume_state *st);
	/* Listen: what the screen is about, as words to say (speech_text.h),
	 * a new string; NULL: the screen's title is said. */
	char *(*speak)(struct ui *ui);
};

extern const struct screen attract_screen, home_screen, listing_screen, categories_screen,
    detail_screen, board_screen, notice_screen, search_screen, language_screen, about_screen;

/* The liaison person's screens (admin mode, behind the PIN). */
extern const struct screen admin_pin_screen, admin_menu_screen, admin_list_screen,
    admin_edit_screen, admin_hidden_screen, admin_stats_screen;

/* What admin_pin_screen asks for. */
enum { PIN_LOGIN, PIN_CHANGE };

/* Which announcement admin_edit_screen edits (0: a new one). */
struct edit_arg {
	long long id;
};

/* What listing_screen shows. */
struct listing_arg {
	int when; /* enum model_when */
	const char *category, *title;
};

/* Which announcement notice_screen shows (its id on the board). */
struct notice_arg {
	const char *id;
};

/* Which activity detail_screen shows. */
struct detail_arg {
	const char *source, *id;
};

#endif
