/* html_text: HTML as plain text, for descriptions that sources send as
 * HTML (iCalendar from web calendars, Linked Events, RSS). libxml2's HTML
 * parser reads it, opened on first use (lazy.h): the kiosk never needs it. */
#ifndef AULATAULU_HTML_TEXT_H
#define AULATAULU_HTML_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* Whether text has HTML in it: a tag ("<p>", "</a>", "<br/>") or an
 * entity ("&amp;", "&#228;"). "1 < 2" and "Tom & Jerry" are text. */
bool html_is_markup(const char *text, size_t len);

/* The text of html: paragraphs, line breaks, list items and table rows
 * as lines, entities decoded, scripts and styles left out. A new string
 * (caller frees), not yet cleaned (text_clean), or NULL when libxml2
 * cannot be had (why says so) or memory runs out. */
char *html_text(const char *html, size_t len, char *why, size_t why_len);

#endif
