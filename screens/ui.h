/* SPDX-License-Identifier: EUPL-1.2 */
/* ui: the curses side of the kiosk: terminal set-up, colour roles,
 * drawing helpers that never cut a character, click regions, the screen
 * stack and the dispatcher. Screens draw with these helpers and ask
 * src/model for data; they never see SQL or HTTP. */
#ifndef AULATAULU_UI_H
#define AULATAULU_UI_H

#include "model/model.h"
#include "util/opening.h"
#include "app/stats.h"
#include "app/qr.h"
#include "screen.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct app;

/* Keys as screens see them: characters as their code points, curses
 * function keys as -KEY_xxx (so 'ä' and KEY_UP never collide). */
#define UI_KEY(k) (-(k))
#define UI_ENTER '\n'
#define UI_ESC 27

/* Colour roles, themed once in ui.c (and in monochrome with attributes). */
enum ui_role {
	UIC_NORMAL,
	UIC_TITLE,    /* header bar */
	UIC_HEADING,  /* section titles, names */
	UIC_SELECTED, /* the chosen entry */
	UIC_BUTTON,
	UIC_WARNING, /* cancelled, stale data */
	UIC_URGENT,  /* urgent announcements */
	UIC_DIM,     /* secondary text */
	UIC_FOOTER,
	UIC_QR,
	UIC_COUNT
};

#define UI_MAX_HITS 128
#define UI_MAX_DEPTH 8

struct ui {
	struct store *store;
	const struct settings *cfg;
	const char *data_dir;
	struct app *app;  /* NULL when drawing off-screen in tests */
	const char *lang; /* "fi", "sv", "en" */
	int64_t now;	  /* as shown: never before the newest feed */
	bool clock_unsure;
	struct freshness fresh;
	char urgent[256]; /* an urgent announcement's title, or "" */
	int rows, cols;
	const struct screen *stack[UI_MAX_DEPTH];
	int depth;
	/* model_change_stamp when each screen of the stack read its data:
	 * one shown again (Back) reads again only if the data changed. */
	long read_at[UI_MAX_DEPTH];
	/* What the menu leads to, read ahead (model_memo.h; NULL: not), and
	 * the generation of what the screens read now. */
	struct memo *memo;
	long generation;
	const struct screen *push_to;
	const void *push_arg;
	struct {
		int y, x, h, w, tag;
	} hits[UI_MAX_HITS];
	int n_hits;
	bool dirty, colours;
	bool day_turned; /* while screens reload for a new day: lists start at the top */
	long data_version;
	bool admin;	   /* the liaison person is logged in */
	bool idle_warning; /* "Continue?" shown: the idle reset comes soon */
	bool console;	   /* only the glyphs the Linux console's fonts have */
	int clock_taps;	   /* taps on the clock: five open the PIN prompt */
	int64_t clock_tap_at;
	struct stats *stats;	    /* anonymous counts, or NULL: off */
	struct opening opening;	    /* [kiosk] open */
	bool dark;		    /* closed: the screen is dark until touched */
	bool was_open;		    /* at the last tick */
	int64_t refreshed_minute;   /* of the clock when the state was last read */
	const struct screen *shown; /* the screen last drawn, and since when */
	int64_t shown_since;
	struct speaker *speaker;   /* Listen; NULL: none (off-screen tests) */
	struct printjob *printjob; /* Print; NULL: none */
	char title[200];	   /* the header's, for Listen on a screen that says nothing else */
	/* A+ and A- (ui_zoom.c): the text size steps of this visit. */
	struct {
		const char *dir;    /* the session's directory; NULL: no A+ or A- */
		int step, min, max; /* 0: the size chosen for the panel */
		bool restart;	    /* asked for: the kiosk ends with EXIT_RESTART */
	} zoom;
};

/* The key and mouse handlers of a screen that has neither. */
int ui_no_key(struct ui *ui, int key);
int ui_no_mouse(struct ui *ui, int tag);

/* The time now: the running clock, or ui->now off-screen (tests). */
int64_t ui_clock(const struct ui *ui);

/* Sets up ui for a terminal already started with initscr()/newterm(). */
void ui_init(struct ui *ui, struct store *s, const struct settings *cfg, const char *data_dir,
	     struct app *app, int64_t now);
void ui_done(struct ui *ui);

/* Re-reads the clock, freshness and urgent notice; marks dirty on change. */
void ui_refresh_state(struct ui *ui, int64_t now);

/* Dispatching. */
void ui_key(struct ui *ui, int key);
void ui_click(struct ui *ui, int y, int x);
void ui_tick(struct ui *ui);
void ui_reset(struct ui *ui);
/* The idle reset comes soon: ask whether to go on (not on the attract
 * screen, which has nothing to lose). Any key or tap answers it. */
void ui_warn_idle(struct ui *ui); /* back to attract, language and choices forgotten */
void ui_draw(struct ui *ui);	  /* draws the top screen into stdscr if dirty */
void ui_data_changed(struct ui *ui);
void ui_set_language(struct ui *ui, const char *lang);
/* Admin mode on (after the right PIN) or off; admin screens leave. */
void ui_set_admin(struct ui *ui, bool on);

/* Listen: the top screen read aloud, or the speech stopped when it is
 * speaking (the button and F5 both start and stop it). */
void ui_speak(struct ui *ui);
/* Draws Listen (or Stop) at the right of row y; returns the columns taken
 * (0: no speech). */
int ui_listen_button(struct ui *ui, int y);

/* Print (ui_print.c): the button, w wide at (y, x), tagged tag, and what
 * became of the slip of activity id of source (NULL source: announcement
 * id) under it, above row bottom; returns the rows taken (0: no printer
 * or no room). */
int ui_print_button(struct ui *ui, int y, int x, int w, int bottom, const char *source,
		    const char *id, int tag);
/* Prints that slip (the button's tap, F6). */
int ui_print(struct ui *ui, const char *source, const char *id);

/* What the screens read must be read again: a new generation of what is
 * read ahead (model_memo.h). */
void ui_new_generation(struct ui *ui);

/* The screen called name (screen.h), or NULL. */
const struct screen *ui_screen_named(const char *name);

/* A+ and A- (ui_zoom.c). Reads AULATAULU_SESSION_DIR and AULATAULU_ZOOM
 * and opens the visitor's screens again after a restart at a new size. */
void ui_zoom_init(struct ui *ui);
/* Asks the session for step `to`, keeping the visitor's place or not. */
void ui_zoom(struct ui *ui, int to, bool keep_place);
/* Draws A- and A+ ending at column right of row y; returns the columns
 * taken (0: none, no session or admin mode). */
int ui_zoom_buttons(struct ui *ui, int y, int right);

/* The key that opens the PIN prompt: Ctrl-A (documented, not shown). */
#define UI_ADMIN_KEY 1
const struct screen *ui_top(const struct ui *ui);

/* For handlers: ask for screen s (with arg) to open; returns UI_PUSH. */
int ui_push(struct ui *ui, const struct screen *s, const void *arg);

/* Drawing. Every text is cut by display width, never inside a character. */
void ui_header(struct ui *ui, const char *title);
void ui_footer(struct ui *ui, const char *help);
int ui_text(struct ui *ui, int y, int x, int width, enum ui_role role, const char *text);
/* Wrapped text from line `skip` on, at most max_lines; returns the lines
 * it has in all (drawn or not). */
int ui_wrap(struct ui *ui, int y, int x, int width, int skip, int max_lines, enum ui_role role,
	    const char *text);
void ui_fill(struct ui *ui, int y, int x, int width, enum ui_role role);
/* The curses attributes of a role (for the form library's fields). */
unsigned long ui_attr(enum ui_role role);
/* A button: a box of role UIC_BUTTON (or UIC_SELECTED), clickable. */
void ui_button(struct ui *ui, int y, int x, int w, int h, const char *label, bool selected,
	       int tag);
void ui_hit(struct ui *ui, int y, int x, int h, int w, int tag);
/* A question that needs an answer before something is removed or hidden:
 * the question on row y, then the buttons "yes" (tag UI_TAG_YES) and
 * "Cancel" (UI_TAG_NO) at the right. */
enum { UI_TAG_YES = 30000, UI_TAG_NO = 30001 };
void ui_confirm(struct ui *ui, int y, const char *question, const char *yes);

/* Columns the pager takes at the right edge of a scrolling area. */
#define UI_PAGER_W 6

/* When total entries (or lines) do not all fit: large ▲ and ▼ buttons for
 * touch at the right edge of rows [y, y + h), with "last/total" between
 * them (entries first..first+count-1 of total, 1-based, are shown). Their
 * taps reach the screen as PgUp and PgDn. Returns the columns it took
 * (UI_PAGER_W), or 0 when everything fits. */
int ui_pager(struct ui *ui, int y, int h, int first, int count, int total);

/* Columns a QR code of `modules` modules takes with its quiet zone: one a
 * module, or two on the console (full blocks, no half blocks there). */
int ui_qr_columns(const struct ui *ui, int modules);

/* Columns the QR code of text takes with its quiet zone; 0 when text is
 * not one of kind. */
int ui_qr_width(const struct ui *ui, const char *text, enum qr_kind kind);

/* Draws the QR code of text (a kind, qr.h) with half blocks at (y, x),
 * quiet zone included; returns its width in columns (0 when it does not
 * fit in max_w x max_h or cannot be made) and sets *h to its height. */
int ui_qr(struct ui *ui, int y, int x, int max_w, int max_h, const char *text, enum qr_kind kind,
	  int *h);
/* The body area: rows between the header (and banner) and the footer. */
int ui_body_top(const struct ui *ui);
int ui_body_rows(const struct ui *ui);

/* "ti 24.11." and "18.00–19.30" in the UI language. */
void ui_format_day(const struct ui *ui, int64_t t, char *buf, size_t size);
void ui_format_span(int64_t start, int64_t end, char *buf, size_t size);

/* Notes which screen is drawn, and since when (ui_draw calls it). */
void ui_note_shown(struct ui *ui);

/* What the kiosk shows now, for screen.json (ui_report.c); its text only
 * while nobody uses the terminal. The caller frees r with
 * screen_report_free. */
struct screen_report;
void ui_report(struct ui *ui, struct screen_report *r);

#endif
