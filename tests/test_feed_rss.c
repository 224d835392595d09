/* SPDX-License-Identifier: EUPL-1.2 */
/* Tests of the news source (src/feed/feed_rss.c): RSS 2.0, 1.0 and Atom as
 * announcements, the public samples, hostile XML, and the real sync path
 * of an rss source. */
#include "config.h"

#include "feed/feed_rss.h"
#include "helpers.h"
#include "store/store.h"
#include "sync/sync.h"
#include "util/text.h"
#include "util/timefmt.h"

#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void setup(void)
{
	cr_assert(text_init());
	setenv("TZ", "Europe/Helsinki", 1);
	tzset();
}

TestSuite(feed_rss, .init = setup);

static const struct rss_options two_weeks = {14, TEST_NOW};

static struct feed *parse(const char *text, struct diag *d)
{
	*d = (struct diag){0};
	return feed_rss_parse(text, strlen(text), &two_weeks, d);
}

static const struct feed_announcement *announcement(const struct feed *f, const char *id)
{
	for (size_t i = 0; i < f->n_announcements; i++)
		if (!strcmp(f->announcements[i].id, id))
			return &f->announcements[i];
	cr_assert_fail("no announcement \"%s\"", id);
	return NULL;
}

static bool warned(const struct diag *d, const char *text)
{
	for (size_t i = 0; i < d->n_kept; i++)
		if (strstr(d->warnings[i], text))
			return true;
	return false;
}

/* 2026-11-23 08:00 in Helsinki. */
#define MON_23_NOV_8 ((int64_t)1795413600)

/* The wellbeing area's news as RSS 2.0: escaped HTML in descriptions, a
 * title too long for the board, an item with no link, one with a link
 * that is no web address, one with a description alone, a repeated guid,
 * a date in no known form, an expiry of its own, one with nothing to read. */
static const char rss2[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<rss version=\"2.0\"><channel><title>Pohteen uutiset</title>\n"
    "<item><title>Influenssarokotukset alkavat</title>"
    "<link>https://pohde.example.fi/uutiset/1</link>\n"
    "<description>&lt;p&gt;Rokotukset alkavat &lt;b&gt;maanantaina&lt;/b&gt;.&lt;/p&gt;"
    "&lt;p&gt;Varaa aika &amp;amp; tule.&lt;/p&gt;</description>\n"
    "<pubDate>Mon, 23 Nov 2026 08:00:00 +0200</pubDate><guid>pohde-1</guid></item>\n"
    "<item><title>Terveysaseman aukioloajat muuttuvat joulun ja uudenvuoden välisenä aikana "
    "kaikilla alueen terveysasemilla, myös Kempeleessä ja Limingassa</title>"
    "<description>Pelkkää tekstiä</description><link>/uutiset/2</link>"
    "<pubDate>23 Nov 2026 06:00 GMT</pubDate></item>\n"
    "<item><description>Vastaanotto on suljettu perjantaina. Kiireellisissä asioissa soita "
    "116117.</description><guid>p2</guid></item>\n"
    "<item><title>Toinen</title><guid>pohde-1</guid></item>\n"
    "<item><title>Outo päivä</title><guid>p3</guid><pubDate>maanantaina</pubDate></item>\n"
    "<item><title>Lyhyt</title><guid>p4</guid><pubDate>Mon, 23 Nov 2026 08:00:00 +0200"
    "</pubDate><expirationDate>Wed, 25 Nov 2026 06:00:00 GMT</expirationDate></item>\n"
    "<item><guid>p5</guid><link>https://pohde.example.fi/5</link></item>\n"
    "</channel></rss>\n";

Test(feed_rss, rss_items_become_announcements)
{
	struct diag d;
	struct feed *f = parse(rss2, &d);
	cr_assert_not_null(f, "%s", d.error);
	cr_assert_eq(f->n_activities, 0);
	cr_assert_eq(f->n_announcements, 5, "%zu", f->n_announcements);
	cr_assert_str_eq(f->header.publisher_name.fi, "Pohteen uutiset");
	const struct feed_announcement *a = announcement(f, "pohde-1");
	cr_assert_str_eq(a->title.fi, "Influenssarokotukset alkavat");
	cr_assert_str_eq(a->body.fi, "Rokotukset alkavat maanantaina.\nVaraa aika & tule.");
	cr_assert_str_eq(a->url, "https://pohde.example.fi/uutiset/1");
	cr_assert_eq(a->valid_from, MON_23_NOV_8);
	cr_assert_eq(a->valid_until, MON_23_NOV_8 + 14 * 86400, "valid_days after it");
	cr_assert_eq(a->priority, 1);

	/* No guid: its title is its id; too long a title ends at a word. */
	const struct feed_announcement *b = &f->announcements[1];
	cr_assert_leq(text_char_count(b->title.fi), 120);
	cr_assert(strstr(b->title.fi, "…"), "%s", b->title.fi);
	cr_assert_null(b->url, "a link that is no web address is no code to scan");
	cr_assert_eq(b->valid_from, MON_23_NOV_8, "a date without its weekday");

	/* A date no reader understands: shown from when it is first seen. */
	cr_assert_eq(announcement(f, "p3")->valid_from, TEST_NOW);
	cr_assert_eq(announcement(f, "p3")->valid_until, TEST_NOW + 14 * 86400);
	cr_assert(announcement(f, "p3")->dated_by_first_sight);
	cr_assert_eq(announcement(f, "p4")->valid_until, MON_23_NOV_8 + 2 * 86400);
	/* RSS 2.0 asks for a title or a description: a description alone
	 * heads the announcement with its first sentence. */
	cr_assert_str_eq(announcement(f, "p2")->title.fi, "Vastaanotto on suljettu perjantaina.");
	cr_assert_str_eq(
	    announcement(f, "p2")->body.fi,
	    "Vastaanotto on suljettu perjantaina. Kiireellisissä asioissa soita 116117.");
	cr_assert(warned(&d, "item 7: neither a title nor any text (skipped)"));
	cr_assert(warned(&d, "item 4 (\"Toinen\"): the same id as an earlier item"));
	cr_assert(warned(&d, "item 5: \"maanantaina\" is not a date"));
	feed_free(f);
	diag_clear(&d);
}

/* Atom: text, HTML and XHTML content; the alternate link, not "self";
 * published before updated. RSS 1.0: items beside the channel, dc:date. */
Test(feed_rss, atom_and_rss_1_0)
{
	static const char atom[] =
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Hyvinvointialue</title>\n"
	    "<entry><title type=\"html\">Uusi &lt;b&gt;palvelu&lt;/b&gt;</title>"
	    "<id>tag:pohde,2026:1</id>"
	    "<link rel=\"self\" href=\"https://pohde.example.fi/feed/1\"/>"
	    "<link rel=\"alternate\" href=\"https://pohde.example.fi/1\"/>"
	    "<published>2026-11-23T08:00:00+02:00</published>"
	    "<updated>2026-11-24T08:00:00+02:00</updated>"
	    "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">"
	    "<p>Yksi.</p><ul><li>kaksi</li></ul></div></content></entry>\n"
	    "<entry><title>Päivitetty</title><id>2</id><link href=\"https://pohde.example.fi/2\"/>"
	    "<updated>2026-11-23T06:00:00Z</updated><summary>Lyhyesti.</summary></entry>\n"
	    "</feed>\n";
	struct diag d;
	struct feed *f = parse(atom, &d);
	cr_assert_not_null(f, "%s", d.error);
	cr_assert_eq(d.n_warnings, 0, "%s", d.n_kept ? d.warnings[0] : "");
	const struct feed_announcement *a = announcement(f, "tag:pohde,2026:1");
	cr_assert_str_eq(a->title.fi, "Uusi palvelu");
	cr_assert_str_eq(a->body.fi, "Yksi.\n• kaksi");
	cr_assert_str_eq(a->url, "https://pohde.example.fi/1");
	cr_assert_eq(a->valid_from, MON_23_NOV_8);
	a = announcement(f, "2");
	cr_assert_str_eq(a->body.fi, "Lyhyesti.");
	cr_assert_eq(a->valid_from, MON_23_NOV_8);
	feed_free(f);
	diag_clear(&d);

	static const char rdf[] =
	    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
	    "xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
	    "<channel><title>Kunta</title></channel>"
	    "<item><title>Tiedote</title><link>https://kunta.example.fi/t</link>"
	    "<dc:date>2026-11-23T08:00:00+02:00</dc:date></item></rdf:RDF>";
	f = parse(rdf, &d);
	cr_assert_not_null(f, "%s", d.error);
	cr_assert_eq(f->n_announcements, 1);
	cr_assert_str_eq(f->header.publisher_name.fi, "Kunta");
	cr_assert_eq(f->announcements[0].valid_from, MON_23_NOV_8);
	feed_free(f);
	diag_clear(&d);
}

/* The public samples (tests/data/samples, SOURCES.md): an item with only
 * an expiry is no announcement; an Atom feed that uses an XHTML entity
 * XML does not know is not well-formed (as feedvalidator expects). */
Test(feed_rss, the_public_samples)
{
	char *text = test_read_file(
	    TOP_SRCDIR "/tests/data/samples/feedparser_rss_item_expirationDate.xml", NULL);
	cr_assert_not_null(text);
	struct diag d;
	struct feed *f = parse(text, &d);
	cr_assert_not_null(f, "%s", d.error);
	cr_assert_eq(f->n_announcements, 0);
	cr_assert(warned(&d, "item 1: neither a title nor any text"));
	feed_free(f);
	diag_clear(&d);
	free(text);
	text = test_read_file(
	    TOP_SRCDIR "/tests/data/samples/feedvalidator_atom_xhtml_named_entity.xml", NULL);
	cr_assert_null(parse(text, &d));
	cr_assert(strstr(d.error, "not well-formed XML (line 28"), "%s", d.error);
	diag_clear(&d);
	free(text);
}

/* What is no news feed is refused with a reason; XML that reaches for a
 * file or multiplies entities gets neither read. */
Test(feed_rss, hostile_or_foreign_documents)
{
	struct diag d;
	cr_assert_null(parse("<html><body>404</body>", &d));
	cr_assert(strstr(d.error, "not well-formed XML"), "%s", d.error);
	diag_clear(&d);
	cr_assert_null(parse("<html><body>404</body></html>", &d));
	cr_assert(strstr(d.error, "neither RSS nor Atom (the document is <html>)"), "%s", d.error);
	diag_clear(&d);
	cr_assert_null(parse("", &d));
	diag_clear(&d);
	static const char xxe[] =
	    "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
	    "<rss><channel><item><title>a&x;b</title><guid>1</guid></item></channel></rss>";
	struct feed *f = parse(xxe, &d);
	cr_assert_not_null(f, "%s", d.error);
	cr_assert_eq(f->n_announcements, 1);
	cr_assert_str_eq(f->announcements[0].title.fi, "ab", "no file read into it");
	feed_free(f);
	diag_clear(&d);
	static const char laughs[] =
	    "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\">"
	    "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c "
	    "\"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
	    "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e "
	    "\"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
	    "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\"><!ENTITY g "
	    "\"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">"
	    "]><rss><channel><item><title>x&g;</title><guid>1</guid></item></channel></rss>";
	cr_assert_null(parse(laughs, &d), "entities multiplied a billion times are refused");
	cr_assert(strstr(d.error, "not well-formed XML"), "%s", d.error);
	diag_clear(&d);
}

/* An rss source through the real sync path: applied, unchanged while the
 * file is; every cut of the RSS file is refused with the cache unchanged,
 * or read. */
Test(feed_rss, an_rss_source_syncs_and_every_cut_keeps_the_cache, .timeout = 120)
{
	char *dir = test_memdir(), *path = test_path(dir, "uutiset.rss");
	struct settings cfg;
	struct store *s = test_open_file_source(dir, path, "rss", &cfg);
	test_write_file(path, rss2);
	struct sync_result r;
	cr_assert_eq(sync_source(s, &cfg, &cfg.sources[0], TEST_NOW, &r), SYNC_APPLIED, "%s",
		     r.diag.error);
	cr_assert_eq(r.announcements, 5);
	sync_result_free(&r);
	cr_assert_eq(sync_source(s, &cfg, &cfg.sources[0], TEST_NOW + 60, &r), SYNC_UNCHANGED);
	sync_result_free(&r);
	size_t len = strlen(rss2), refused = test_sync_every_cut(s, &cfg, dir, path, rss2, len);
	cr_assert_gt(refused, 0);
	cr_assert_lt(refused, len);
	printf("feed_rss: %zu cuts: %zu refused (cache unchanged), %zu read\n", len, refused,
	       len - refused);
	store_close(s);
	settings_free(&cfg);
	test_rmdir(dir);
	free(dir);
	free(path);
}

/* WordPress writes a line break before the XML declaration (17 of 613
 * real feeds): read, not refused. */
Test(feed_rss, white_space_before_the_declaration_is_read)
{
	static const char feed[] = "\n  \r\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
				   "<rss version=\"2.0\"><channel><title>Yhdistys</title>"
				   "<item><title>Syyskokous</title><guid>s1</guid></item>"
				   "</channel></rss>";
	struct diag d;
	struct feed *f = parse(feed, &d);
	cr_assert_not_null(f, "%s", d.error);
	cr_assert_eq(f->n_announcements, 1);
	feed_free(f);
	diag_clear(&d);
}

/* The dates real feeds write that feedparser reads: European zone names,
 * an offset with a colon, Atom and Dublin Core without seconds or with a
 * date alone. */
Test(feed_rss, the_dates_real_feeds_write_are_read)
{
	static const struct {
		const char *text, *same_as;
	} dates[] = {
	    {"Tue, 24 Nov 2026 10:00:00 EET", "2026-11-24T10:00:00+02:00"},
	    {"Wed, 01 Jul 2026 10:00:00 EEST", "2026-07-01T10:00:00+03:00"},
	    {"Tue, 24 Nov 2026 10:00:00 CET", "2026-11-24T10:00:00+01:00"},
	    {"Wed, 01 Jul 2026 10:00:00 CEST", "2026-07-01T10:00:00+02:00"},
	    {"Tue, 24 Nov 2026 10:00:00 +02:00", "2026-11-24T10:00:00+02:00"},
	    {"24 Nov 2026 10:00 +0200", "2026-11-24T10:00:00+02:00"},
	    {"2026-11-24T10:00+02:00", "2026-11-24T10:00:00+02:00"},
	    {"2026-11-24T10:00:00.123+02:00", "2026-11-24T10:00:00+02:00"},
	    {"2026-11-24T08:00:00", "2026-11-24T08:00:00Z"},
	    {"2026-11-24T10:00:00+0200", "2026-11-24T10:00:00+02:00"},
	    {"2026-11-24", "2026-11-24T00:00:00+02:00"},
	};
	for (size_t i = 0; i < sizeof(dates) / sizeof(*dates); i++) {
		int64_t t = 0, want;
		cr_assert(timefmt_parse(dates[i].same_as, &want));
		cr_assert(timefmt_parse_rfc822(dates[i].text, &t) ||
			      timefmt_parse_w3c(dates[i].text, &t),
			  "not read: %s", dates[i].text);
		cr_assert_eq(t, want, "%s: %lld s off", dates[i].text, (long long)(t - want));
	}
	static const char *const not_dates[] = {"Tue, 24 Nov 2026 10:00:00 XYZ", "eilen",
						"2026-11-24T25:00+02:00", "2026-11-24T10:00+2:00"};
	for (size_t i = 0; i < sizeof(not_dates) / sizeof(*not_dates); i++) {
		int64_t t;
		cr_assert_not(timefmt_parse_rfc822(not_dates[i], &t) ||
				  timefmt_parse_w3c(not_dates[i], &t),
			      "read: %s", not_dates[i]);
	}
}

/* The window stored for announcement id of the source in dir's cache. */
static void stored_window(const char *dir, const char *id, int64_t *from, int64_t *until)
{
	char *path = test_path(dir, "cache.db");
	sqlite3 *db;
	sqlite3_stmt *st;
	cr_assert_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	cr_assert_eq(
	    sqlite3_prepare_v2(db, "SELECT valid_from, valid_until FROM announcements WHERE id = ?",
			       -1, &st, NULL),
	    SQLITE_OK);
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW, "no announcement %s", id);
	*from = sqlite3_column_int64(st, 0);
	*until = sqlite3_column_int64(st, 1);
	sqlite3_finalize(st);
	sqlite3_close(db);
	free(path);
}

/* An item whose date no reader understands was shown for ever: now it is
 * shown valid_days from when it was first seen, and a later sync (the
 * daily one, the feed changed around it) keeps that first sight. */
Test(feed_rss, an_item_of_an_unreadable_date_is_shown_from_its_first_sight)
{
	static const char first[] = "<rss version=\"2.0\"><channel><title>Yhdistys</title>"
				    "<item><title>Kevätretki</title><guid>r1</guid>"
				    "<pubDate>tiistaina 24.11.</pubDate></item></channel></rss>";
	static const char later[] = "<rss version=\"2.0\"><channel><title>Yhdistys</title>"
				    "<item><title>Joulumyyjäiset</title><guid>j1</guid>"
				    "<pubDate>Wed, 02 Dec 2026 10:00:00 EET</pubDate></item>"
				    "<item><title>Kevätretki</title><guid>r1</guid>"
				    "<pubDate>tiistaina 24.11.</pubDate></item></channel></rss>";
	char *dir = test_memdir(), *path = test_path(dir, "uutiset.rss");
	struct settings cfg;
	struct store *s = test_open_file_source(dir, path, "rss", &cfg);
	test_write_file(path, first);
	struct sync_result r;
	cr_assert_eq(sync_source(s, &cfg, &cfg.sources[0], TEST_NOW, &r), SYNC_APPLIED, "%s",
		     r.diag.error);
	cr_assert_eq(r.diag.n_kept, 1);
	cr_assert(strstr(r.diag.warnings[0], "shown 14 days from when it was first seen"), "%s",
		  r.diag.warnings[0]);
	sync_result_free(&r);
	int64_t from, until;
	stored_window(dir, "r1", &from, &until);
	cr_assert_eq(from, TEST_NOW);
	cr_assert_eq(until, TEST_NOW + 14 * 86400);
	test_write_file(path, later);
	cr_assert_eq(sync_source(s, &cfg, &cfg.sources[0], TEST_NOW + 8 * 86400, &r), SYNC_APPLIED,
		     "%s", r.diag.error);
	sync_result_free(&r);
	stored_window(dir, "r1", &from, &until);
	cr_assert_eq(from, TEST_NOW, "its first sight was forgotten");
	cr_assert_eq(until, TEST_NOW + 14 * 86400);
	store_close(s);
	settings_free(&cfg);
	test_rmdir(dir);
	free(dir);
	free(path);
}

/* Namespaces say whose an element is: a podcast's itunes:title and
 * media:title are not the item's title, an atom:link beside RSS's own
 * link is not its link; without a <link>, .NET's a10:link, then a guid
 * that is a permalink (isPermaLink="false" is not) give the address. */
Test(feed_rss, namespaces_say_whose_an_element_is)
{
	static const char feed[] =
	    "<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\""
	    " xmlns:media=\"http://search.yahoo.com/mrss/\""
	    " xmlns:atom=\"http://www.w3.org/2005/Atom\""
	    " xmlns:a10=\"http://www.w3.org/2005/Atom\"><channel><title>Podcast</title>"
	    "<item><itunes:title>Jakso 1 (iTunes)</itunes:title><media:title>Media</media:title>"
	    "<title>Jakso 1</title><atom:link href=\"https://example.fi/feed\" rel=\"self\"/>"
	    "<link>https://example.fi/jakso-1</link><guid>j1</guid></item>"
	    "<item><title>Jakso 2</title><guid>j2</guid>"
	    "<a10:link href=\"https://example.fi/jakso-2\"/></item>"
	    "<item><title>Jakso 3</title><guid>https://example.fi/jakso-3</guid></item>"
	    "<item><title>Jakso 4</title>"
	    "<guid isPermaLink=\"false\">https://example.fi/tunniste-4</guid></item>"
	    "</channel></rss>";
	struct diag d;
	struct feed *f = parse(feed, &d);
	cr_assert_not_null(f, "%s", d.error);
	cr_assert_eq(f->n_announcements, 4);
	const struct feed_announcement *a = announcement(f, "j1");
	cr_assert_str_eq(a->title.fi, "Jakso 1");
	cr_assert_str_eq(a->url, "https://example.fi/jakso-1");
	cr_assert_str_eq(announcement(f, "j2")->url, "https://example.fi/jakso-2");
	cr_assert_str_eq(announcement(f, "https://example.fi/jakso-3")->url,
			 "https://example.fi/jakso-3");
	cr_assert_null(announcement(f, "https://example.fi/tunniste-4")->url);
	feed_free(f);
	diag_clear(&d);
}

/* One announcement of feed (which must hold exactly one), its title and text. */
static void assert_one(const char *feed, const char *title, const char *body)
{
	struct diag d;
	struct feed *f = parse(feed, &d);
	cr_assert_not_null(f, "%s", d.error);
	cr_assert_eq(f->n_announcements, 1, "%zu announcements of:\n%s", f->n_announcements, feed);
	cr_assert_str_eq(f->announcements[0].title.fi, title, "of:\n%s", feed);
	if (body)
		cr_assert_str_eq(f->announcements[0].body.fi, body, "of:\n%s", feed);
	else
		cr_assert_null(f->announcements[0].body.fi, "of:\n%s", feed);
	feed_free(f);
	diag_clear(&d);
}

/* Text as real feeds write it is kept: markup left unescaped, entities
 * the document declares and HTML's (the RSS 0.91 DTD is never loaded),
 * the full content where there is no description, a title in Dublin Core,
 * Atom 0.3's inline XHTML and base64; an empty list item is no bullet. */
Test(feed_rss, text_is_kept_however_it_is_written)
{
	assert_one("<rss version=\"2.0\"><channel><item><title>Kevät<b>retki</b> "
		   "Nuuksioon</title><description>Lähtö <b>klo 9</b> asemalta.</description>"
		   "</item></channel></rss>",
		   "Kevätretki Nuuksioon", "Lähtö klo 9 asemalta.");
	assert_one("<!DOCTYPE rss [<!ENTITY yhd \"Omaishoitajat ry\">]>\n"
		   "<rss version=\"2.0\"><channel><item><title>&yhd;: syyskokous</title>"
		   "</item></channel></rss>",
		   "Omaishoitajat ry: syyskokous", NULL);
	assert_one("<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" "
		   "\"http://my.netscape.com/publish/formats/rss-0.91.dtd\">\n"
		   "<rss version=\"0.91\"><channel><item><title>P&auml;iv&auml;toiminta "
		   "&ndash; uusi ryhm&auml;</title></item></channel></rss>",
		   "Päivätoiminta – uusi ryhmä", NULL);
	assert_one(
	    "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">"
	    "<channel><item><title>Muistikahvila</title><content:encoded><![CDATA[<p>Joka "
	    "toinen tiistai.</p>]]></content:encoded></item></channel></rss>",
	    "Muistikahvila", "Joka toinen tiistai.");
	assert_one("<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel>"
		   "<item><dc:title>Lukupiiri</dc:title></item></channel></rss>",
		   "Lukupiiri", NULL);
	assert_one("<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><entry><title "
		   "type=\"application/xhtml+xml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">"
		   "Kuoro <b>&amp;</b> bändi</div></title></entry></feed>",
		   "Kuoro & bändi", NULL);
	assert_one("<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><entry><title "
		   "mode=\"base64\">S3VvcmlsYXVsdQ==</title></entry></feed>",
		   "Kuorilaulu", NULL);
	assert_one(
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>Ohjelma</title>"
	    "<content type=\"html\">&lt;ul&gt;&lt;li&gt;&lt;/li&gt;&lt;li&gt;Tanssi&lt;/li&gt;"
	    "&lt;/ul&gt;</content></entry></feed>",
	    "Ohjelma", "• Tanssi");
	/* TypePad wrapped its escaped HTML in an XHTML <div>: type="html"
	 * still says the text is HTML, so no tag reaches the screen. */
	assert_one("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>Kuoro</title>"
		   "<content type=\"html\"><div xmlns=\"http://www.w3.org/1999/xhtml\">"
		   "Harjoitukset &lt;b&gt;torstaisin&lt;/b&gt;</div></content></entry></feed>",
		   "Kuoro", "Harjoitukset torstaisin");
	/* An image's bytes are no text. */
	assert_one("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>Kuva</title>"
		   "<content type=\"image/png\">iVBORw0KGgo=</content></entry></feed>",
		   "Kuva", NULL);
}
