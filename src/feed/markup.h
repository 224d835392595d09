/* SPDX-License-Identifier: EUPL-1.2 */
/* markup: HTML as plain text, for descriptions that sources send as HTML
 * (iCalendar from web calendars, Linked Events, RSS), and XML documents
 * (RSS, Atom). libxml2 reads both, opened on first use (lazy.h): the kiosk
 * never needs it. */
#ifndef AULATAULU_MARKUP_H
#define AULATAULU_MARKUP_H

#include "util/text.h"

#include <libxml/tree.h>
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

/* raw as cleaned text (text_clean in mode), its HTML made text first when
 * it has any. A new string (caller frees), or NULL when out of memory;
 * when the HTML cannot be read, why says so and raw is cleaned as it is. */
char *markup_clean(const char *raw, enum text_mode mode, char *why, size_t why_len);

/* An XML document (no network, no entity from outside), or NULL with why
 * ("not well-formed XML (line 12: ...)") or that libxml2 cannot be had. */
xmlDoc *xml_read(const char *buf, size_t len, char *why, size_t why_len);
xmlNode *xml_root(xmlDoc *doc);
void xml_free(xmlDoc *doc);

/* The text inside element n: its text as it is, or (as_html, for XHTML
 * content) its elements as html_text makes them. A new string (caller
 * frees), not yet cleaned, or NULL when out of memory. */
char *xml_text(const xmlNode *n, bool as_html);

#endif
