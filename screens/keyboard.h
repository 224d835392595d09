/* SPDX-License-Identifier: EUPL-1.2 */
/* keyboard: the on-screen keyboard of the search and of the announcement
 * form, for touch screens without a keyboard. A tap on a key comes back as
 * the key a real keyboard would have sent, so a screen handles both alike. */
#ifndef AULATAULU_KEYBOARD_H
#define AULATAULU_KEYBOARD_H

#include <stdbool.h>

struct ui;

enum keyboard_layout {
	KEYBOARD_LETTERS, /* the search: letters, digits, dash, space, erase, clear */
	KEYBOARD_TEXT,	  /* the form: letters, digits, punctuation, shift, next field */
};

/* What the clear key types: Ctrl-U, a terminal's "erase the line". */
#define KEYBOARD_CLEAR 21

struct keyboard {
	enum keyboard_layout layout;
	bool shift; /* the next letter in capitals (one letter, as on phones) */
};

/* Click tags [KEYBOARD_TAGS, KEYBOARD_TAGS + 1000) are the keyboard's. */
#define KEYBOARD_TAGS 20000

/* Rows the keyboard takes with keys key_h rows high. */
int keyboard_rows(const struct keyboard *kb, int key_h);

/* Draws the keys from row y on, across the screen's width. */
void keyboard_draw(struct ui *ui, const struct keyboard *kb, int y, int key_h);

/* The key a tap on tag stands for: a character's code point, 127 (erase),
 * KEYBOARD_CLEAR, '\t' (next field) or '\n' (new line); 0 when the tap only changed the
 * keyboard (shift); -1 when the tag is not the keyboard's. */
int keyboard_tap(struct keyboard *kb, int tag);

#endif
