/* SPDX-License-Identifier: EUPL-1.2 */
/* Tests of src/util/text.c: the one gate for text from feeds. */
#include "config.h"

#include "feed/markup.h"
#include "util/text.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void setup(void)
{
	cr_assert(text_init());
}

TestSuite(text, .init = setup);

static char *clean(const char *s, enum text_mode mode)
{
	char *out = text_clean(s, strlen(s), mode);
	cr_assert_not_null(out);
	return out;
}

#define assert_clean(in, mode, expected)                                                           \
	do {                                                                                       \
		char *got_ = clean(in, mode);                                                      \
		cr_assert_str_eq(got_, expected);                                                  \
		free(got_);                                                                        \
	} while (0)

Test(text, keeps_ordinary_finnish_text)
{
	assert_clean("Omaishoitajien kahvila – Åbo, ääni", TEXT_LINE,
		     "Omaishoitajien kahvila – Åbo, ääni");
}

Test(text, removes_escape_sequences_and_controls)
{
	/* CSI, OSC 52 (clipboard), ESC c (reset), BEL, DEL and a C1 CSI (U+009B). */
	assert_clean("a\x1b[2Jb\x1b]52;c;ZXZpbA==\x07"
		     "c\x1b"
		     "cd\x7f"
		     "e\xc2\x9b"
		     "31mf",
		     TEXT_LINE, "a[2Jb]52;c;ZXZpbA==ccde31mf");
}

Test(text, removes_carriage_returns_and_folds_spaces)
{
	assert_clean("  one\r\ntwo\t three  ", TEXT_LINE, "one two three");
	assert_clean("one\r\n\r\n\r\n\r\ntwo\nthree", TEXT_PARAGRAPHS, "one\n\ntwo\nthree");
}

Test(text, removes_bidi_and_zero_width)
{
	/* RLO ... PDF, LRI, ZWSP, ZWJ, BOM, word joiner. */
	assert_clean("\u202Eevil\u202C \u2066x\u2069\u200By\u200Dz\uFEFF\u2060!", TEXT_LINE,
		     "evil xyz!");
}

Test(text, drops_invalid_utf8)
{
	assert_clean("ok\xff\xfe-\xc3(-\xe2\x82-\xed\xa0\x80-\xc0\xaf.", TEXT_LINE, "ok-(---.");
}

Test(text, caps_combining_marks)
{
	char in[2 + 500 * 2 + 2] = "a";
	size_t o = 1;
	for (int i = 0; i < 500; i++) {
		in[o++] = '\xcc';
		in[o++] = '\x81'; /* U+0301 */
	}
	in[o++] = 'b';
	in[o] = '\0';
	assert_clean(in, TEXT_LINE,
		     "a\xcc\x81\xcc\x81"
		     "b");
}

Test(text, idempotent_on_random_bytes)
{
	srand(4242);
	for (int round = 0; round < 2000; round++) {
		char in[64];
		size_t len = (size_t)(rand() % 63);
		for (size_t i = 0; i < len; i++)
			in[i] = (char)(rand() % 256);
		enum text_mode mode = round % 2 ? TEXT_LINE : TEXT_PARAGRAPHS;
		char *once = text_clean(in, len, mode);
		char *twice = text_clean(once, strlen(once), mode);
		cr_assert_str_eq(once, twice, "round %d", round);
		/* No controls survive (newline only in paragraphs). */
		for (const unsigned char *p = (const unsigned char *)once; *p; p++)
			cr_assert(*p >= 0x20 || (*p == '\n' && mode == TEXT_PARAGRAPHS));
		unsigned cp;
		for (size_t i = 0; once[i];) {
			size_t n = text_decode(once + i, strlen(once + i), &cp);
			cr_assert_gt(n, 0, "invalid UTF-8 left in round %d", round);
			cr_assert(!(cp >= 0x80 && cp <= 0x9f), "C1 left in round %d", round);
			i += n;
		}
		free(once);
		free(twice);
	}
}

Test(text, display_width_counts_columns)
{
	cr_assert_eq(text_display_width("ääkkönen"), 8);
	cr_assert_eq(text_display_width("日本"), 4);
	cr_assert_eq(text_display_width("e\xcc\x81"), 1);
	cr_assert_eq(text_char_count("ääkkönen"), 8);
}

Test(text, fit_never_cuts_a_character)
{
	int cols;
	/* "日本語" is 6 columns; 5 fit only two characters. */
	cr_assert_eq(text_fit("日本語", 5, &cols), strlen("日本"));
	cr_assert_eq(cols, 4);
	/* The combining mark stays with its base. */
	cr_assert_eq(text_fit("ae\xcc\x81x", 2, &cols), strlen("ae\xcc\x81"));
	cr_assert_eq(text_fit("line\nnext", 20, NULL), 4);
}

static char *line(const struct text_line *l)
{
	return strndup(l->start, l->len);
}

Test(text, wraps_at_spaces_and_paragraphs)
{
	struct text_line l[8];
	size_t n = text_wrap("Omaishoitajien vertaisryhmä kokoontuu\n\ntiistaisin", 16, l, 8);
	cr_assert_eq(n, 5);
	const char *want[] = {"Omaishoitajien", "vertaisryhmä", "kokoontuu", "", "tiistaisin"};
	for (size_t i = 0; i < n; i++) {
		char *got = line(&l[i]);
		cr_assert_str_eq(got, want[i]);
		cr_assert_leq(text_display_width(got), 16);
		free(got);
	}
	/* A word longer than the line is broken, never a character. */
	n = text_wrap("ääääääääää", 4, l, 8);
	cr_assert_eq(n, 3);
	char *got = line(&l[2]);
	cr_assert_str_eq(got, "ää");
	free(got);
	cr_assert_eq(text_wrap("日本語", 1, l, 8), 3, "a wide character on a line of its own");
}

/* Invisible fillers passed for letters: Hangul fillers make blank "names",
 * Arabic number signs and the combining grapheme joiner hide in text. */
Test(text, removes_invisible_fillers)
{
	static const char *const fillers[] = {"\u3164", "\u115f", "\u1160", "\uffa0",
					      "\u0600", "\u0605", "\u034f", "\u17b4"};
	for (size_t i = 0; i < sizeof(fillers) / sizeof(*fillers); i++) {
		char in[64];
		snprintf(in, sizeof(in), "Ka%shvila%s", fillers[i], fillers[i]);
		char *out = text_clean(in, strlen(in), TEXT_LINE);
		cr_assert_str_eq(out, "Kahvila", "filler %zu survived", i);
		free(out);
	}
	/* A name of fillers alone is no name. */
	char *out = text_clean("\u3164\u3164", strlen("\u3164\u3164"), TEXT_LINE);
	cr_assert_str_eq(out, "");
	free(out);
}

/* HTML from a calendar or an event API becomes text: paragraphs, breaks
 * and list items are lines, entities letters, scripts and styles gone;
 * text that only looks a little like HTML is left alone. */
Test(text, html_becomes_plain_text)
{
	static const struct {
		const char *html, *text;
	} cases[] = {
	    {"<p>Tervetuloa!</p><p>Kahvi&nbsp;&amp; pulla</p>", "Tervetuloa!\nKahvi\u00a0& pulla"},
	    {"Rivi<br>toinen<br/>kolmas", "Rivi\ntoinen\nkolmas"},
	    {"<ul><li>yksi</li><li>kaksi</li></ul>", "• yksi\n• kaksi"},
	    {"<div>L&auml;hde &#228;&#x00e4;</div><script>alert(1)</script><style>p{}</style>",
	     "Lähde ää"},
	    {"<p>Lue <a href=\"https://x.fi\">lisää</a>   täältä.</p>", "Lue lisää täältä."},
	    {"<b>Kesken", "Kesken"},
	};
	char why[160];
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		cr_assert(html_is_markup(cases[i].html, strlen(cases[i].html)), "case %zu", i);
		char *text = html_text(cases[i].html, strlen(cases[i].html), why, sizeof(why));
		cr_assert_not_null(text, "%s", why);
		cr_assert_str_eq(text, cases[i].text, "case %zu", i);
		free(text);
	}
	static const char *const plain[] = {"1 < 2 ja 3 > 2", "Tom & Jerry", "a <3 b", "&",
					    "Hinta 5 €; ilmoittaudu"};
	for (size_t i = 0; i < sizeof(plain) / sizeof(*plain); i++)
		cr_assert(!html_is_markup(plain[i], strlen(plain[i])), "\"%s\"", plain[i]);
}
