/* SPDX-License-Identifier: EUPL-1.2 */
/* Tests of src/app/terminal_input.c: escape sequences read whole. */
#include "config.h"

#include "app/terminal_input.h"

#include <criterion/criterion.h>
#include <string.h>

/* Decodes text (after its ESC) a character at a time, as the kiosk reads
 * it: what it is, and after how many characters. */
static enum terminal_input decode(const char *text, int *row, int *col, size_t *used)
{
	unsigned seq[TERMINAL_INPUT_MAX + 2] = {27};
	size_t len = 1, n = strlen(text);
	enum terminal_input what;
	while ((what = terminal_input_decode(seq, len, row, col)) == TERMINAL_MORE && len <= n)
		seq[len] = (unsigned char)text[len - 1], len++;
	*used = len - 1;
	return what;
}

Test(terminal_input, a_tap_in_every_encoding)
{
	static const struct {
		const char *text;
		enum terminal_input what;
	} cases[] = {
	    {"[<0;12;5M", TERMINAL_PRESS},     {"[<0;12;5m", TERMINAL_RELEASE},
	    {"[M ,%", TERMINAL_PRESS},	       {"[M#,%", TERMINAL_RELEASE},
	    {"[32;12;5M", TERMINAL_PRESS},     {"[35;12;5M", TERMINAL_RELEASE},
	    {"[<64;12;5M", TERMINAL_WHEEL_UP}, {"[<65;12;5M", TERMINAL_WHEEL_DOWN},
	    {"[M`,%", TERMINAL_WHEEL_UP},      {"[<16;12;5M", TERMINAL_PRESS},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		int row, col;
		size_t used;
		cr_assert_eq(decode(cases[i].text, &row, &col, &used), cases[i].what, "%s",
			     cases[i].text);
		cr_assert_eq(used, strlen(cases[i].text), "%s: read %zu", cases[i].text, used);
		cr_assert_eq(row, 4, "%s", cases[i].text);
		cr_assert_eq(col, 11, "%s", cases[i].text);
	}
}

Test(terminal_input, other_sequences_are_read_whole_and_dropped)
{
	static const char *const drop[] = {"[?1;2c", "[200~",	   "[1;5P",	"[99;99;99;99X",
					   "O5",     "[<32;12;5M", "[<2;12;5M", "[<0;0;5M"};
	for (size_t i = 0; i < sizeof(drop) / sizeof(*drop); i++) {
		int row, col;
		size_t used;
		cr_assert_eq(decode(drop[i], &row, &col, &used), TERMINAL_DROP, "%s", drop[i]);
		cr_assert_eq(used, strlen(drop[i]), "%s: read %zu", drop[i], used);
	}
	/* A sequence without end is dropped at TERMINAL_INPUT_MAX. */
	char endless[TERMINAL_INPUT_MAX + 8] = "[";
	memset(endless + 1, '1', sizeof(endless) - 2);
	int row, col;
	size_t used;
	cr_assert_eq(decode(endless, &row, &col, &used), TERMINAL_DROP);
	cr_assert_leq(used, TERMINAL_INPUT_MAX);
	/* ESC and a letter: Escape, then the letter as a key of its own. */
	cr_assert_eq(decode("x", &row, &col, &used), TERMINAL_ESCAPE);
	cr_assert_eq(used, 1);
}
