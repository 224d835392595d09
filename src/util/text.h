/* SPDX-License-Identifier: EUPL-1.2 */
/* text: UTF-8 cleaning and display width, shared by every parser and screen.
 *
 * Text from a feed is hostile until cleaned: it may carry terminal escape
 * sequences, C1 controls, bidirectional overrides or invisible characters.
 * text_clean() is the one gate every string passes before it is stored.
 * It needs a UTF-8 LC_CTYPE for its width tables: call text_init() first. */
#ifndef AULATAULU_TEXT_H
#define AULATAULU_TEXT_H

#include <stdbool.h>
#include <stddef.h>

enum text_mode {
	TEXT_LINE,	/* one line: newlines and tabs become spaces */
	TEXT_PARAGRAPHS /* keeps newlines; a blank line separates paragraphs */
};

/* Most combining marks kept on one base character ("Zalgo" text is cut). */
#define TEXT_MAX_COMBINING 2

/* Makes sure LC_CTYPE is a UTF-8 locale (falls back to C.UTF-8).
 * Returns false when no UTF-8 locale could be set. */
bool text_init(void);

/* Returns a newly allocated, cleaned copy of the first len bytes of in
 * (the caller frees it), or NULL when out of memory. The result is valid
 * UTF-8 without C0/C1 controls (but '\n' in TEXT_PARAGRAPHS), DEL, bidi
 * controls or zero-width characters, holds at most TEXT_MAX_COMBINING marks
 * per base character, has folded white space and no leading or trailing
 * space. Cleaning a cleaned string returns the same string. */
char *text_clean(const char *in, size_t len, enum text_mode mode);

/* Cleaned text s at most max_chars (>= 2) characters long: whole, or cut
 * at the end of a word with "…". A new string (caller frees), or NULL. */
char *text_shorten(const char *s, size_t max_chars);

/* Number of Unicode code points in valid UTF-8 s. */
size_t text_char_count(const char *s);

/* Terminal columns needed to show cleaned text s (one line). */
int text_display_width(const char *s);

/* Length in bytes of the longest prefix of s (stopping at '\n') that fits
 * in max_cols columns without cutting a character or its combining marks;
 * *cols (if not NULL) receives that prefix's width. */
size_t text_fit(const char *s, int max_cols, int *cols);

/* One line of wrapped text: len bytes from start. */
struct text_line {
	const char *start;
	size_t len;
};

/* Wraps s into lines of at most width columns, breaking at spaces (a word
 * longer than a line is broken between characters) and at '\n'; a blank
 * line stays blank. Fills up to max lines and returns how many there are in
 * all (which may be more than max). */
size_t text_wrap(const char *s, int width, struct text_line *lines, size_t max);

/* Decodes one UTF-8 character at s (at most len bytes); returns its length
 * (1..4) and stores it in *cp, or 0 for an invalid sequence. */
size_t text_decode(const char *s, size_t len, unsigned *cp);

/* Writes code point c (a valid one) as UTF-8 into out (room for 4);
 * returns its length. */
size_t text_encode(unsigned c, char *out);

#endif
