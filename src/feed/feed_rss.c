/* SPDX-License-Identifier: EUPL-1.2 */
/* feed_rss: RSS and Atom news into announcements (libxml2, opened lazily). */
#include "config.h"

#include "feed/feed_rss.h"

#include "feed/feed_json.h"
#include "util/i18n.h"
#include "feed/markup.h"
#include "util/strset.h"
#include "util/text.h"
#include "util/timefmt.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct parse {
	struct feed *f;
	struct diag *d;
	const struct rss_options *o;
	struct strset ids;
	size_t cap, n_item;
	bool atom;
};

static const char *keep(struct parse *p, const char *s)
{
	return s ? arena_strndup(&p->f->arena, s, strlen(s)) : NULL;
}

/* The namespaces of RSS (0.90, 1.0, and 2.0 as some wrote it), RDF and
 * Atom (1.0, 0.3): elements of the feed's own. itunes:title,
 * media:title, an extension's link are other things than the item's. */
static const char *const own_namespaces[] = {"http://purl.org/rss/1.0/",
					     "http://my.netscape.com/rdf/simple/0.9/",
					     "http://backend.userland.com/rss2",
					     "http://blogs.law.harvard.edu/tech/rss",
					     "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
					     "http://www.w3.org/2005/Atom",
					     "http://purl.org/atom/ns#",
					     NULL};
#define DUBLIN_CORE "http://purl.org/dc/elements/1.1/"
#define ATOM "http://www.w3.org/2005/Atom"
#define CONTENT_MODULE "http://purl.org/rss/1.0/modules/content/"
#define MEDIA_RSS "http://search.yahoo.com/mrss/"
#define ITUNES "http://www.itunes.com/dtds/podcast-1.0.dtd"
#define XHTML "http://www.w3.org/1999/xhtml"

static const char *namespace_of(const xmlNode *n)
{
	return n->ns && n->ns->href ? (const char *)n->ns->href : NULL;
}

/* Whether n is the feed's own element name: in no namespace or in one of
 * RSS's or Atom's; a date also Dublin Core's (dc:date). */
static bool is(const xmlNode *n, const char *name)
{
	if (!n || n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, name) != 0)
		return false;
	const char *ns = namespace_of(n);
	if (!ns || (!strcmp(name, "date") && !strcmp(ns, DUBLIN_CORE)))
		return true;
	for (const char *const *own = own_namespaces; *own; own++)
		if (!strcmp(ns, *own))
			return true;
	return false;
}

/* The first child element of n named name (its own, is()), or NULL. */
static const xmlNode *child(const xmlNode *n, const char *name)
{
	for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (is(c, name))
			return c;
	return NULL;
}

/* n's attribute name, or NULL. */
static const char *attribute(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n ? n->properties : NULL; a; a = a->next)
		if (!strcmp((const char *)a->name, name) && a->children &&
		    a->children->type == XML_TEXT_NODE)
			return (const char *)a->children->content;
	return NULL;
}

/* Whether n holds elements: inline XHTML (Atom's type="xhtml", Atom
 * 0.3's "application/xhtml+xml"), or markup a publisher left unescaped. */
static bool holds_elements(const xmlNode *n)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return true;
	return false;
}

/* The text of Atom 0.3's mode="base64" (a NUL-terminated new string), or
 * NULL when it is no base64 of text. */
static char *base64_text(const char *b64)
{
	size_t len = strlen(b64), got = 0;
	unsigned char *bin = malloc(len + 1);
	if (!bin ||
	    sodium_base642bin(bin, len, b64, len, " \t\r\n", &got, NULL,
			      sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    memchr(bin, '\0', got)) {
		free(bin);
		return NULL;
	}
	bin[got] = '\0';
	return (char *)bin;
}

/* Atom 1.0 content of a media type other than text, HTML or XML (an
 * image, "application/octet-stream") is no text to show. */
static bool is_binary_type(const char *type)
{
	return type && strchr(type, '/') && strncmp(type, "text/", 5) && !strstr(type, "xml");
}

/* The text of element n, cleaned, HTML made text (RSS descriptions carry
 * escaped HTML; Atom says so with type="html" or "xhtml"), at most cap
 * characters (longer: shortened at a word with "…"). NULL when empty. */
static const char *text_of(struct parse *p, const xmlNode *n, enum text_mode mode, size_t cap)
{
	if (!n)
		return NULL;
	const char *type = attribute(n, "type"), *how = attribute(n, "mode");
	bool base64 = how && !strcmp(how, "base64");
	if (!base64 && is_binary_type(type))
		return NULL;
	bool xhtml = !base64 && holds_elements(n);
	/* type="html" holding elements (TypePad wrapped its escaped HTML in
	 * an XHTML <div>): the elements' text is still the HTML. */
	bool html = type && (!strcmp(type, "html") || !strcmp(type, "text/html"));
	char *raw = xml_text(n, xhtml), why[160] = "";
	if (raw && base64) {
		char *decoded = base64_text(raw);
		free(raw);
		raw = decoded;
	}
	char *clean = !raw	       ? NULL
		      : xhtml && !html ? text_clean(raw, strlen(raw), mode)
				       : markup_clean(raw, mode, why, sizeof(why));
	if (*why)
		diag_warn(p->d, _("item %zu: its HTML could not be read (%s)"), p->n_item, why);
	char *shortened = clean && *clean ? text_shorten(clean, cap) : NULL;
	const char *out = shortened ? keep(p, shortened) : NULL;
	free(raw);
	free(clean);
	free(shortened);
	return out;
}

/* The web address of an item: RSS's <link>, Atom's alternate link. */
static const char *link_of(struct parse *p, const xmlNode *item)
{
	const char *url = NULL;
	if (!p->atom) {
		/* RSS's own <link>, not an Atom one beside it. */
		for (const xmlNode *c = item->children; c && !url; c = c->next)
			if (is(c, "link") && !(namespace_of(c) && !strcmp(namespace_of(c), ATOM)))
				url = text_of(p, c, TEXT_LINE, FEED_MAX_FIELD);
	}
	/* Atom's alternate link; in RSS, .NET's <a10:link href> when there is
	 * no <link>; then a <guid> that is a permalink (RSS 2.0: unless
	 * isPermaLink="false"). */
	if (!url) {
		for (const xmlNode *c = item->children; c && !url; c = c->next) {
			const char *rel = attribute(c, "rel");
			if (is(c, "link") && (!rel || !strcmp(rel, "alternate")))
				url = attribute(c, "href");
		}
		if (url) {
			char *clean = text_clean(url, strlen(url), TEXT_LINE);
			url = clean && strlen(clean) <= FEED_MAX_FIELD ? keep(p, clean) : NULL;
			free(clean);
		}
	}
	const xmlNode *guid = p->atom || url ? NULL : child(item, "guid");
	const char *permalink = guid ? attribute(guid, "isPermaLink") : NULL;
	if (guid && !(permalink && !strcmp(permalink, "false")))
		url = text_of(p, guid, TEXT_LINE, FEED_MAX_FIELD);
	if (url && strncmp(url, "https://", 8) && strncmp(url, "http://", 7))
		return NULL; /* only web addresses become codes to scan */
	return url;
}

/* A date of item: RFC 822 in RSS, W3C-DTF (RFC 3339 and shorter) in Atom
 * and Dublin Core, each with the variants feeds really write (feedparser's
 * list). *unreadable when one was given that none of them reads. */
static int64_t date_of(struct parse *p, const xmlNode *item, const char *const *names,
		       bool *unreadable)
{
	for (; *names; names++) {
		const xmlNode *n = child(item, *names);
		char *text = n ? xml_text(n, false) : NULL;
		char *s = text;
		while (s && (*s == ' ' || *s == '\n' || *s == '\t'))
			s++;
		if (s)
			s[strcspn(s, "\n\r\t")] = '\0';
		int64_t t = 0;
		bool read = s && (timefmt_parse_rfc822(s, &t) || timefmt_parse_w3c(s, &t));
		if (s && *s && !read) {
			diag_warn(p->d,
				  _("item %zu: \"%s\" is not a date (%s ignored; shown %ld days "
				    "from when it was first seen)"),
				  p->n_item, s, *names, p->o->valid_days);
			*unreadable = true;
		}
		free(text);
		if (read)
			return t;
	}
	return 0;
}

/* The first sentence of text (to its first line's end, or ". ", "! ",
 * "? "), at most cap characters: a heading for an item that has none. */
static const char *heading_from(struct parse *p, const char *text, size_t cap)
{
	size_t n = strcspn(text, "\n");
	for (size_t i = 0; i + 1 < n; i++)
		if (strchr(".!?", text[i]) && text[i + 1] == ' ') {
			n = i + 1;
			break;
		}
	char *line = strndup(text, n), *shortened = line ? text_shorten(line, cap) : NULL;
	const char *out = shortened ? keep(p, shortened) : NULL;
	free(line);
	free(shortened);
	return out;
}

/* The first child element of n named name in namespace ns (in any case:
 * iTunes' is written both ways), or NULL. */
static const xmlNode *child_in(const xmlNode *n, const char *ns, const char *name)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, name) &&
		    namespace_of(c) && !strcasecmp(namespace_of(c), ns))
			return c;
	return NULL;
}

/* The first of an item's elements that has text, in the order given
 * (namespace, name; NULL namespace: the feed's own). */
static const char *first_text(struct parse *p, const xmlNode *item, const char *const *names,
			      enum text_mode mode, size_t cap)
{
	const char *text = NULL;
	for (; !text && names[1]; names += 2)
		text = text_of(
		    p, names[0] ? child_in(item, names[0], names[1]) : child(item, names[1]), mode,
		    cap);
	return text;
}

/* An item's title: its own; then, as feedparser reads them, Dublin
 * Core's, Media RSS's, iTunes'. */
static const char *title_of(struct parse *p, const xmlNode *item)
{
	static const char *const titles[] = {NULL,    "title", DUBLIN_CORE, "title", MEDIA_RSS,
					     "title", ITUNES,  "title",	    NULL,    NULL};
	return first_text(p, item, titles, TEXT_LINE, FEED_MAX_TITLE);
}

/* An item's text: Atom's summary or RSS's description (or Dublin Core's,
 * iTunes'), then the full content (Atom's content, RSS's content:encoded,
 * xhtml:body or body, fullitem). */
static const char *body_of(struct parse *p, const xmlNode *item)
{
	static const char *const atom_texts[] = {NULL, "summary", NULL, "content", NULL, NULL};
	static const char *const rss_texts[] = {
	    NULL,	    "description", DUBLIN_CORE, "description", ITUNES, "summary",
	    CONTENT_MODULE, "encoded",	   XHTML,	"body",	       NULL,   "body",
	    NULL,	    "fullitem",	   NULL,	NULL};
	return first_text(p, item, p->atom ? atom_texts : rss_texts, TEXT_PARAGRAPHS,
			  FEED_MAX_BODY);
}

static void add_item(struct parse *p, const xmlNode *item)
{
	p->n_item++;
	struct feed_announcement a = {.priority = 1};
	a.title.fi = title_of(p, item);
	a.body.fi = body_of(p, item);
	/* RSS 2.0 asks for a title or a description: one with a description
	 * alone is headed by its first sentence. */
	if (!a.title.fi && a.body.fi)
		a.title.fi = heading_from(p, a.body.fi, FEED_MAX_TITLE);
	if (!a.title.fi) {
		diag_warn(p->d, _("item %zu: neither a title nor any text (skipped)"), p->n_item);
		return;
	}
	a.url = link_of(p, item);
	static const char *const published[] = {"pubDate", "published", "date", "updated", NULL};
	static const char *const expires[] = {"expirationDate", NULL};
	bool unreadable = false;
	a.valid_from = date_of(p, item, published, &unreadable);
	a.valid_until = date_of(p, item, expires, &unreadable);
	/* An item whose date cannot be read is not shown for ever. */
	if (!a.valid_from && unreadable && p->o->now) {
		a.valid_from = p->o->now;
		a.dated_by_first_sight = true;
	}
	if (!a.valid_until && a.valid_from)
		a.valid_until = a.valid_from + (int64_t)p->o->valid_days * 86400;
	/* The id: the item's own, or its address, or its title. */
	a.id = text_of(p, child(item, p->atom ? "id" : "guid"), TEXT_LINE, FEED_MAX_FIELD);
	if (!a.id)
		a.id = a.url ? a.url : a.title.fi;
	if (strset_has(&p->ids, a.id)) {
		diag_warn(p->d, _("item %zu (\"%s\"): the same id as an earlier item (skipped)"),
			  p->n_item, a.title.fi);
		return;
	}
	if (!strset_add(&p->ids, a.id) ||
	    !arena_room(&p->f->arena, (void **)&p->f->announcements, p->f->n_announcements, &p->cap,
			sizeof(*p->f->announcements))) {
		diag_warn(p->d, _("item %zu: out of memory (skipped)"), p->n_item);
		return;
	}
	p->f->announcements[p->f->n_announcements++] = a;
}

struct feed *feed_rss_parse(const char *buf, size_t len, const struct rss_options *o,
			    struct diag *d)
{
	char why[256];
	xmlDoc *doc = xml_read(buf, len, why, sizeof(why));
	if (!doc) {
		diag_fail(d, "%s", why);
		return NULL;
	}
	xmlNode *root = xml_root(doc);
	/* RSS 2.0 and 0.9x: rss/channel/item; RSS 1.0: rdf:RDF/item (beside its
	 * channel); Atom: feed/entry. */
	const xmlNode *channel = is(root, "rss") ? child(root, "channel") : root;
	if (!channel && is(root, "rss"))
		channel = root; /* items with no channel around them */
	bool atom = is(root, "feed");
	if (!channel || !(is(root, "rss") || is(root, "RDF") || atom)) {
		diag_fail(d, _("neither RSS nor Atom (the document is <%s>)"),
			  root && root->name ? (const char *)root->name : "?");
		xml_free(doc);
		return NULL;
	}
	struct arena arena = {0};
	struct feed *f = arena_alloc(&arena, sizeof(*f));
	if (!f) {
		arena_free(&arena);
		xml_free(doc);
		diag_fail(d, _("out of memory"));
		return NULL;
	}
	*f = (struct feed){.arena = arena};
	f->header.timezone = "Europe/Helsinki";
	struct parse p = {.f = f, .d = d, .o = o, .atom = atom};
	if (!strset_init(&p.ids, &f->arena, len / 32 + 16)) {
		diag_fail(d, _("out of memory"));
	} else {
		const xmlNode *about = is(root, "RDF") ? child(root, "channel") : channel;
		f->header.publisher_name.fi =
		    text_of(&p, child(about, "title"), TEXT_LINE, FEED_MAX_NAME);
		for (const xmlNode *n = channel->children; n && diag_within_budget(d, false);
		     n = n->next)
			if (is(n, atom ? "entry" : "item"))
				add_item(&p, n);
	}
	xml_free(doc);
	if (d->error) {
		feed_free(f);
		return NULL;
	}
	return f;
}
