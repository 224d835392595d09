/* SPDX-License-Identifier: EUPL-1.2 */
/* terminal_input: escape sequences, the mouse's in every encoding. */
#include "config.h"

#include "app/terminal_input.h"

#include <stdbool.h>

/* A button code (0 the first button, 1 the second, 3 a release in X10,
 * 64 and 65 the wheel; bits 4, 8 and 16 the modifiers, 32 motion) and
 * whether the SGR report ended in 'm' (a release). */
static enum terminal_input mouse(int code, bool released, int x, int y, int *row, int *col)
{
	*row = y - 1;
	*col = x - 1;
	if (x < 1 || y < 1)
		return TERMINAL_DROP;
	int button = code & ~(4 | 8 | 16);
	if (button & 32)
		return TERMINAL_DROP; /* motion: no tap */
	if (button == 64)
		return TERMINAL_WHEEL_UP;
	if (button == 65)
		return TERMINAL_WHEEL_DOWN;
	if (released || button == 3)
		return TERMINAL_RELEASE;
	return button == 0 ? TERMINAL_PRESS : TERMINAL_DROP;
}

/* The numbers of a CSI's parameters, "0;12;5": how many (at most 3). */
static int numbers(const unsigned *p, size_t len, int v[3])
{
	int n = 0;
	v[0] = v[1] = v[2] = 0;
	for (size_t i = 0; i < len; i++) {
		if (p[i] == ';') {
			if (++n == 3)
				return -1;
		} else if (p[i] >= '0' && p[i] <= '9') {
			if (v[n] > 100000)
				return -1;
			v[n] = v[n] * 10 + (int)(p[i] - '0');
		} else {
			return -1;
		}
	}
	return len ? n + 1 : 0;
}

enum terminal_input terminal_input_decode(const unsigned *seq, size_t len, int *row, int *col)
{
	*row = *col = -1;
	if (len < 2)
		return TERMINAL_MORE;
	if (seq[1] != '[' && seq[1] != 'O')
		return TERMINAL_ESCAPE; /* ESC, then a key of its own */
	if (len > TERMINAL_INPUT_MAX)
		return TERMINAL_DROP;
	if (seq[1] == 'O') /* SS3: ESC O and one character */
		return len < 3 ? TERMINAL_MORE : TERMINAL_DROP;
	/* X10: ESC [ M and three bytes, each 32 more than its value. */
	if (len >= 3 && seq[2] == 'M') {
		if (len < 6)
			return TERMINAL_MORE;
		return mouse((int)seq[3] - 32, false, (int)seq[4] - 32, (int)seq[5] - 32, row, col);
	}
	/* CSI: parameters and intermediates, then a final byte 0x40-0x7E. */
	unsigned last = seq[len - 1];
	if (len < 3 || last < 0x40 || last > 0x7E)
		return TERMINAL_MORE;
	int v[3];
	bool sgr = seq[2] == '<';
	size_t from = sgr ? 3 : 2;
	int n = numbers(seq + from, len - from - 1, v);
	if (sgr && n == 3 && (last == 'M' || last == 'm'))
		return mouse(v[0], last == 'm', v[1], v[2], row, col);
	if (!sgr && n == 3 && last == 'M') /* urxvt 1015: the code is 32 more */
		return mouse(v[0] - 32, false, v[1], v[2], row, col);
	return TERMINAL_DROP;
}
