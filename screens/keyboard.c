/* SPDX-License-Identifier: EUPL-1.2 */
/* keyboard: rows of keys laid out in units of equal width; a key's tag is
 * KEYBOARD_TAGS + its row * 100 + its place in the row. */
#include "config.h"

#include "keyboard.h"

#include "util/i18n.h"
#include "ui.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <wctype.h>

enum { KEY_SHIFT = -2 };

struct key {
	int code;	   /* what a tap types (a code point, 127, '\t', '\n', KEY_SHIFT) */
	int units;	   /* width in units */
	const char *label; /* NULL: the character itself */
};

/* The letters in two rows (a-o, p-ö), so that a key is three columns
 * wide and two rows high at 80x24 (one row of 29 letters left two). */
#define LETTERS_A_O                                                                                \
	{'a', 1, NULL}, {'b', 1, NULL}, {'c', 1, NULL}, {'d', 1, NULL}, {'e', 1, NULL},            \
	    {'f', 1, NULL}, {'g', 1, NULL}, {'h', 1, NULL}, {'i', 1, NULL}, {'j', 1, NULL},        \
	    {'k', 1, NULL}, {'l', 1, NULL}, {'m', 1, NULL}, {'n', 1, NULL},                        \
	{                                                                                          \
		'o', 1, NULL                                                                       \
	}
#define LETTERS_P_OE                                                                               \
	{'p', 1, NULL}, {'q', 1, NULL}, {'r', 1, NULL}, {'s', 1, NULL}, {'t', 1, NULL},            \
	    {'u', 1, NULL}, {'v', 1, NULL}, {'w', 1, NULL}, {'x', 1, NULL}, {'y', 1, NULL},        \
	    {'z', 1, NULL}, {L'å', 1, NULL}, {L'ä', 1, NULL},                                      \
	{                                                                                          \
		L'ö', 1, NULL                                                                      \
	}
#define DIGITS                                                                                     \
	{'1', 1, NULL}, {'2', 1, NULL}, {'3', 1, NULL}, {'4', 1, NULL}, {'5', 1, NULL},            \
	    {'6', 1, NULL}, {'7', 1, NULL}, {'8', 1, NULL}, {'9', 1, NULL},                        \
	{                                                                                          \
		'0', 1, NULL                                                                       \
	}

/* The search: letters, digits, the dash (ruoka-apu), space, erase and
 * clear, in three rows. */
static const struct key search_a_o[] = {LETTERS_A_O, {127, 3, "⌫"}, {0, 0, NULL}};
static const struct key search_p_oe[] = {
    LETTERS_P_OE, {KEYBOARD_CLEAR, 4, N_("Clear")}, {0, 0, NULL}};
static const struct key search_digits[] = {
    DIGITS, {'-', 1, NULL}, {' ', 7, N_("Space")}, {0, 0, NULL}};
/* The announcement form: the same letters, digits and signs, shift, new
 * line and the next field. */
static const struct key text_a_o[] = {LETTERS_A_O, {127, 3, "⌫"}, {0, 0, NULL}};
static const struct key text_p_oe[] = {LETTERS_P_OE, {'\n', 3, "↵"}, {0, 0, NULL}};
/* The signs an announcement needs most (a date, a time, an address, a
 * question): the rest from a real keyboard. */
static const struct key text_digits[] = {
    DIGITS,	    {'.', 1, NULL}, {',', 1, NULL}, {'-', 1, NULL}, {':', 1, NULL},
    {'?', 1, NULL}, {'!', 1, NULL}, {'/', 1, NULL}, {'@', 1, NULL}, {0, 0, NULL}};
static const struct key text_controls[] = {{KEY_SHIFT, 5, N_("⇧ Capital")},
					   {' ', 6, N_("Space")},
					   {'\t', 7, N_("Next field ⇥")},
					   {0, 0, NULL}};

static const struct key *const search_rows[] = {search_a_o, search_p_oe, search_digits, NULL};
static const struct key *const text_rows[] = {text_a_o, text_p_oe, text_digits, text_controls,
					      NULL};

static const struct key *const *rows_of(const struct keyboard *kb)
{
	return kb->layout == KEYBOARD_TEXT ? text_rows : search_rows;
}

int keyboard_rows(const struct keyboard *kb, int key_h)
{
	int n = 0;
	for (const struct key *const *r = rows_of(kb); *r; r++)
		n++;
	return n * key_h;
}

/* The widest row decides the unit, so that every row fits. */
static int unit_width(const struct ui *ui, const struct keyboard *kb)
{
	int most = 1;
	for (const struct key *const *r = rows_of(kb); *r; r++) {
		int units = 0;
		for (const struct key *k = *r; k->units; k++)
			units += k->units;
		most = units > most ? units : most;
	}
	int w = (ui->cols - 2) / most;
	return w < 2 ? 2 : w;
}

void keyboard_draw(struct ui *ui, const struct keyboard *kb, int y, int key_h)
{
	int unit = unit_width(ui, kb), row = 0;
	for (const struct key *const *r = rows_of(kb); *r; r++, row++, y += key_h) {
		int x = 1, i = 0;
		for (const struct key *k = *r; k->units; k++, i++) {
			int w = k->units * unit - 1;
			if (x + w > ui->cols)
				break;
			char label[MB_LEN_MAX + 1] = "";
			if (!k->label) {
				wint_t c = (wint_t)k->code;
				int n = wctomb(label, (wchar_t)(kb->shift ? towupper(c) : c));
				label[n > 0 ? n : 0] = '\0';
			}
			bool on = k->code == KEY_SHIFT && kb->shift;
			ui_button(ui, y, x, w, key_h, k->label ? _(k->label) : label, on,
				  KEYBOARD_TAGS + row * 100 + i);
			x += w + 1;
		}
	}
}

/* The key that tag names, or NULL. */
static const struct key *key_of(const struct keyboard *kb, int tag)
{
	if (tag < KEYBOARD_TAGS || tag >= KEYBOARD_TAGS + 1000)
		return NULL;
	int row = (tag - KEYBOARD_TAGS) / 100, place = (tag - KEYBOARD_TAGS) % 100;
	const struct key *const *r = rows_of(kb);
	for (int i = 0; i < row; i++)
		if (!r[i])
			return NULL;
	for (const struct key *k = r[row]; k && k->units; k++, place--)
		if (!place)
			return k;
	return NULL;
}

int keyboard_tap(struct keyboard *kb, int tag)
{
	const struct key *k = key_of(kb, tag);
	if (!k)
		return -1;
	if (k->code == KEY_SHIFT) {
		kb->shift = !kb->shift;
		return 0;
	}
	int code = k->code;
	if (kb->shift && iswalpha((wint_t)code)) {
		code = (int)towupper((wint_t)code);
		kb->shift = false;
	}
	return code;
}
