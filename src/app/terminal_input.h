/* SPDX-License-Identifier: EUPL-1.2 */
/* terminal_input: the escape sequences a terminal sends, read whole. A tap
 * arrives in whichever mouse encoding the terminal speaks (X10, SGR 1006,
 * urxvt 1015), whatever TERM names (ncurses decodes only the one its
 * terminfo entry says); any other sequence (a function key ncurses did not
 * know, a reply, a paste's bracket) is recognised whole, so that none of
 * its bytes is ever read as a key, typed into the search or counted. */
#ifndef AULATAULU_TERMINAL_INPUT_H
#define AULATAULU_TERMINAL_INPUT_H

#include <stddef.h>

enum terminal_input {
	TERMINAL_MORE,	     /* not whole yet: give the next character */
	TERMINAL_ESCAPE,     /* ESC alone (the Escape key); the last one given is
			      * not part of it when len > 1 */
	TERMINAL_PRESS,	     /* the first button pressed at row, col */
	TERMINAL_RELEASE,    /* a button released at row, col */
	TERMINAL_WHEEL_UP,   /* the wheel, or a swipe down */
	TERMINAL_WHEEL_DOWN, /* the wheel, or a swipe up */
	TERMINAL_DROP,	     /* a sequence of nothing the kiosk acts on */
};

/* Most characters one sequence may take before it is dropped. */
#define TERMINAL_INPUT_MAX 32

/* What seq, len characters read after an ESC (seq[0] is the ESC), is; for
 * the mouse, *row and *col (0-based) where. */
enum terminal_input terminal_input_decode(const unsigned *seq, size_t len, int *row, int *col);

#endif
