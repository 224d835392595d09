/* SPDX-License-Identifier: EUPL-1.2 */
/* markup: HTML as text, and XML documents, with libxml2 (opened lazily). */
#include "config.h"

#include "feed/markup.h"

#include "util/textbuf.h"

#include "util/i18n.h"
#include "util/lazy.h"

#include <ctype.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlerror.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define LIBXML2_FUNCTIONS(F)                                                                       \
	F(read_memory, "htmlReadMemory", htmlDocPtr,                                               \
	  (const char *, int, const char *, const char *, int))                                    \
	F(root, "xmlDocGetRootElement", xmlNodePtr, (const xmlDoc *))                              \
	F(free_doc, "xmlFreeDoc", void, (xmlDocPtr))                                               \
	F(read_xml, "xmlReadMemory", xmlDocPtr,                                                    \
	  (const char *, int, const char *, const char *, int))                                    \
	F(last_error, "xmlGetLastError", const xmlError *, (void))                                 \
	F(reset_error, "xmlResetLastError", void, (void))                                          \
	F(html_entity, "htmlEntityLookup", const htmlEntityDesc *, (const xmlChar *))

static struct {
	LIBXML2_FUNCTIONS(LAZY_MEMBER)
} X;

static bool loaded;
static char load_error[256];

static void load_libxml2(void)
{
	static const char *const names[] = {LIBXML2_FUNCTIONS(LAZY_NAME)};
#define SLOT(member, symbol, ret, params) (void **)&X.member,
	void **const slots[] = {LIBXML2_FUNCTIONS(SLOT)};
#undef SLOT
	loaded = lazy_resolve("libxml2.so.2", names, slots, sizeof(names) / sizeof(*names),
			      load_error, sizeof(load_error));
}

bool html_is_markup(const char *text, size_t len)
{
	for (size_t i = 0; i + 2 < len; i++) {
		unsigned char c = (unsigned char)text[i + 1];
		bool tag = text[i] == '<' &&
			   (isalpha(c) || (c == '/' && isalpha((unsigned char)text[i + 2])));
		if (tag && memchr(text + i, '>', len - i))
			return true;
		if (text[i] != '&')
			continue;
		size_t start = i + 1 + (c == '#'), k = start;
		while (k < len && k - start < 10 && isalnum((unsigned char)text[k]))
			k++;
		if (k > start && k < len && text[k] == ';')
			return true; /* "&amp;", "&#228;" */
	}
	return false;
}

/* A line ends here, unless one just did. */
static void line_break(struct textbuf *o)
{
	if (o->len && o->s[o->len - 1] != '\n')
		textbuf_add(o, "\n", 1);
}

/* Text as HTML shows it: runs of white space are one space. */
static void put_text(struct textbuf *o, const char *t)
{
	for (; *t; t++) {
		bool space = *t == ' ' || *t == '\t' || *t == '\n' || *t == '\r' || *t == '\f';
		if (!space)
			textbuf_add(o, t, 1);
		else if (o->len && o->s[o->len - 1] != ' ' && o->s[o->len - 1] != '\n')
			textbuf_add(o, " ", 1);
	}
}

/* The text an entity reference stands for: an entity the document
 * declares (<!ENTITY id "...">, which libxml2 keeps as a reference unless
 * told to substitute, and substituting would also fetch external ones), or
 * else an HTML one by name (&auml; of the RSS 0.91 DTD, never loaded). */
static void put_entity(struct textbuf *o, const xmlNode *n, bool as_html)
{
	const xmlEntity *e = (const xmlEntity *)n->children;
	if (e && e->etype == XML_INTERNAL_GENERAL_ENTITY && e->content) {
		if (as_html)
			put_text(o, (const char *)e->content);
		else
			textbuf_add(o, (const char *)e->content, strlen((const char *)e->content));
		return;
	}
	const htmlEntityDesc *h = n->name ? X.html_entity(n->name) : NULL;
	if (!h)
		return;
	char utf8[4];
	textbuf_add(o, utf8, text_encode(h->value, utf8));
}

static bool named(const xmlNode *n, const char *const *names)
{
	for (; *names; names++)
		if (!strcasecmp((const char *)n->name, *names))
			return true;
	return false;
}

static void walk(struct textbuf *o, const xmlNode *n, int depth)
{
	static const char *const skipped[] = {"script", "style", "head", "title", NULL};
	static const char *const blocks[] = {"p",  "div",   "br", "tr", "h1",	      "h2",
					     "h3", "h4",    "h5", "h6", "blockquote", "ul",
					     "ol", "table", "li", NULL};
	for (; n && depth < 256; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (n->content)
				put_text(o, (const char *)n->content);
			continue;
		}
		if (n->type == XML_ENTITY_REF_NODE) {
			put_entity(o, n, true);
			continue;
		}
		if (n->type != XML_ELEMENT_NODE || named(n, skipped))
			continue;
		bool block = named(n, blocks);
		if (block)
			line_break(o);
		/* A list item's bullet, unless the item has no text. */
		size_t before = o->len;
		bool item = !strcasecmp((const char *)n->name, "li");
		if (item)
			textbuf_add(o, "• ", strlen("• "));
		size_t bulleted = o->len;
		walk(o, n->children, depth + 1);
		if (item && o->len == bulleted && !o->failed)
			o->s[o->len = before] = '\0';
		if (block)
			line_break(o);
	}
}

static bool libxml2(char *why, size_t why_len)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, load_libxml2);
	if (!loaded)
		snprintf(why, why_len, "%s", load_error);
	return loaded;
}

/* The text of nodes n and those after it, as lines (HTML), or as it is. */
static char *text_of(const xmlNode *n, bool as_html)
{
	struct textbuf o = {0};
	textbuf_add(&o, "", 0); /* "" when there is no text */
	if (as_html)
		walk(&o, n, 0);
	for (; !as_html && n; n = n->next)
		if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content)
			textbuf_add(&o, (const char *)n->content, strlen((const char *)n->content));
		else if (n->type == XML_ENTITY_REF_NODE)
			put_entity(&o, n, false);
	if (o.failed) {
		free(o.s);
		return NULL;
	}
	/* No line breaks at the end. */
	while (o.len && (o.s[o.len - 1] == '\n' || o.s[o.len - 1] == ' '))
		o.s[--o.len] = '\0';
	return o.s;
}

xmlDoc *xml_read(const char *buf, size_t len, char *why, size_t why_len)
{
	if (!libxml2(why, why_len))
		return NULL;
	if (len > INT32_MAX) {
		snprintf(why, why_len, "%s", _("out of memory"));
		return NULL;
	}
	/* White space before the XML declaration (WordPress writes a line
	 * break there, from a theme's file) is no error to a reader of feeds,
	 * though XML says the declaration comes first. */
	int skipped_lines = 0;
	while (len && (*buf == ' ' || *buf == '\t' || *buf == '\r' || *buf == '\n')) {
		skipped_lines += *buf == '\n';
		buf++, len--;
	}
	/* No network, no entities from outside, no DTD loaded. */
	X.reset_error();
	xmlDoc *doc = X.read_xml(buf, (int)len, NULL, NULL,
				 XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc) {
		const xmlError *e = X.last_error();
		char message[200] = "";
		snprintf(message, sizeof(message), "%s", e && e->message ? e->message : "?");
		message[strcspn(message, "\n")] = '\0';
		snprintf(why, why_len, _("not well-formed XML (line %d: %s)"),
			 e ? e->line + skipped_lines : 0, message);
	}
	return doc;
}

xmlNode *xml_root(xmlDoc *doc)
{
	return X.root(doc);
}

void xml_free(xmlDoc *doc)
{
	if (doc)
		X.free_doc(doc);
}

char *xml_text(const xmlNode *n, bool as_html)
{
	return text_of(n->children, as_html);
}

char *html_text(const char *html, size_t len, char *why, size_t why_len)
{
	if (!libxml2(why, why_len))
		return NULL;
	if (len > 16 * 1024 * 1024) {
		snprintf(why, why_len, "%s", _("out of memory"));
		return NULL;
	}
	htmlDocPtr doc = X.read_memory(html, (int)len, NULL, "UTF-8",
				       HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
					   HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	char *text = doc ? text_of(X.root(doc), true) : strdup("");
	if (doc)
		X.free_doc(doc);
	if (!text)
		snprintf(why, why_len, "%s", _("out of memory"));
	return text;
}

char *markup_clean(const char *raw, enum text_mode mode, char *why, size_t why_len)
{
	*why = '\0';
	size_t len = strlen(raw);
	char *plain = html_is_markup(raw, len) ? html_text(raw, len, why, why_len) : NULL;
	const char *source = plain ? plain : raw;
	char *clean = text_clean(source, strlen(source), mode);
	free(plain);
	return clean;
}
