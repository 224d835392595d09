/* SPDX-License-Identifier: EUPL-1.2 */
/* Tests of the Linked Events source (src/feed/feed_linkedevents.c and
 * src/sync/sync_pages.c): Turku's real page, a super event with its sub
 * events, and the pages of a query served on 127.0.0.1 through the real
 * sync path: followed, capped and refused as they must be. */
#include "config.h"

#include "feed/feed_linkedevents.h"
#include "helpers.h"
#include "store/store.h"
#include "sync/sync.h"
#include "util/text.h"
#include "util/timefmt.h"

#include <criterion/criterion.h>
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

TestSuite(feed_linkedevents, .init = setup, .timeout = 120);

static const struct linkedevents_options city = {.name = "kaupunki",
						 .categories = "yso:p916: liikunta"};

static struct feed *parse(const char *text, struct diag *d)
{
	*d = (struct diag){0};
	return feed_linkedevents_parse(text, strlen(text), &city, d);
}

static bool warned(const struct diag *d, const char *text)
{
	for (size_t i = 0; i < d->n_kept; i++)
		if (strstr(d->warnings[i], text))
			return true;
	return false;
}

/* Turku's page (tests/data/samples, SOURCES.md): a sub event whose super
 * event is on another page, rescheduled, with a price in HTML. */
Test(feed_linkedevents, turkus_page)
{
	char *text = test_read_file(
	    TOP_SRCDIR "/tests/data/samples/linkedevents_turku_event_page.json", NULL);
	cr_assert_not_null(text);
	struct diag d;
	struct feed *f = parse(text, &d);
	cr_assert_not_null(f, "%s", d.error);
	cr_assert_eq(d.n_warnings, 0, "%s", d.n_kept ? d.warnings[0] : "");
	cr_assert_eq(f->n_activities, 1);
	const struct feed_activity *a = test_activity(f, "turku:991417");
	cr_assert_str_eq(a->name.fi, "Kesäillan vesijumppa");
	cr_assert_str_eq(a->short_description.fi, "Vauhdikas vesijumppa illan päätteeksi!");
	cr_assert_str_eq(a->price.fi, "Sisäänpääsymaksu + ohjausmaksu 2,50 €");
	cr_assert(a->has_offers && !a->is_free);
	cr_assert_str_eq(a->event_status, "EventRescheduled");
	cr_assert_str_eq(f->organizations[0].name.fi, "Turun kaupungin liikuntapalvelut");
	cr_assert(strstr(a->info_url, "https://www.turku.fi/"));
	cr_assert_null(a->place_id, "the location is null");
	cr_assert_eq(a->n_occurrences, 1);
	int64_t start;
	cr_assert(timefmt_parse("2022-06-14T16:30:00Z", &start));
	cr_assert_eq(a->occurrences[0].start, start);
	cr_assert_eq(a->occurrences[0].end, start + 45 * 60);
	feed_free(f);
	diag_clear(&d);
	free(text);
}

/* Two pages of a query with locations and keywords included: a weekly
 * group as a super event and its dates as sub events (one cancelled),
 * keywords that are topics by id or through the source's mapping, a
 * deleted event, one without a name, one twice. */
static const char pages[] =
    "[{\"meta\": {\"count\": 6, \"next\": \"https://api.example.fi/v1/event/?page=2\"},"
    " \"data\": ["
    "  {\"id\": \"x:1\", \"name\": {\"fi\": \"Tuolijumppa\", \"sv\": \"Stolgympa\"},"
    "   \"description\": {\"fi\": \"<p>Rauhallista liikuntaa.</p><p>Tervetuloa!</p>\"},"
    "   \"provider\": {\"fi\": \"Eläkeliitto\"},"
    "   \"location\": {\"id\": \"tprek:8100\", \"name\": {\"fi\": \"Kirjasto\"},"
    "     \"street_address\": {\"fi\": \"Kirjastokatu 1\"}, \"postal_code\": \"90100\"},"
    "   \"keywords\": [{\"@id\": \"https://api.example.fi/v1/keyword/yso:p916/\"},"
    "                 {\"@id\": \"https://api.example.fi/v1/keyword/yso:p1235/\"}],"
    "   \"audience\": [{\"@id\": \"https://api.example.fi/v1/keyword/yso:p2433/\"}],"
    "   \"offers\": [{\"is_free\": true}], \"event_status\": \"EventScheduled\","
    "   \"super_event_type\": \"recurring\","
    "   \"sub_events\": [{\"@id\": \"https://api.example.fi/v1/event/x:2/\"},"
    "                   {\"@id\": \"https://api.example.fi/v1/event/x:3/\"}],"
    "   \"start_time\": \"2026-11-01T10:00:00Z\", \"end_time\": \"2027-05-31T11:00:00Z\"},"
    "  {\"id\": \"x:9\", \"deleted\": true, \"name\": {\"fi\": \"Poistettu\"}},"
    "  {\"id\": \"x:8\", \"name\": {}},"
    "  {\"id\": \"x:7\", \"name\": {\"en\": \"Concert\"}, \"type_id\": \"Volunteering\"}"
    " ]},"
    " {\"meta\": {\"count\": 6, \"next\": null}, \"data\": ["
    "  {\"id\": \"x:2\", \"name\": {\"fi\": \"Tuolijumppa\"},"
    "   \"super_event\": {\"@id\": \"https://api.example.fi/v1/event/x:1/\"},"
    "   \"start_time\": \"2026-11-25T10:00:00Z\", \"end_time\": \"2026-11-25T11:00:00Z\"},"
    "  {\"id\": \"x:3\", \"name\": {\"fi\": \"Tuolijumppa\"}, \"event_status\": \"EventCancelled\","
    "   \"super_event\": {\"@id\": \"https://api.example.fi/v1/event/x:1/\"},"
    "   \"start_time\": \"2026-12-02T10:00:00Z\"},"
    "  {\"id\": \"x:7\", \"name\": {\"fi\": \"Toinen\"}}"
    " ]}]";

Test(feed_linkedevents, a_super_event_is_one_activity_with_its_dates)
{
	struct diag d;
	struct feed *f = parse(pages, &d);
	cr_assert_not_null(f, "%s", d.error);
	cr_assert_eq(f->n_activities, 2, "x:1 and x:7");
	const struct feed_activity *a = test_activity(f, "x:1");
	cr_assert_str_eq(a->description.fi, "Rauhallista liikuntaa.\nTervetuloa!");
	cr_assert_str_eq(a->name.sv, "Stolgympa");
	cr_assert_eq(a->n_occurrences, 2, "its sub events, not its own span");
	int64_t t;
	cr_assert(timefmt_parse("2026-12-02T10:00:00Z", &t));
	cr_assert_eq(a->occurrences[1].start, t);
	cr_assert_str_eq(a->occurrences[1].status, "EventCancelled");
	cr_assert_null(a->occurrences[0].status);
	cr_assert(test_has(&a->keywords, "aulataulu:liikunta"), "a keyword through the mapping");
	cr_assert(test_has(&a->audience, "yso:p2433"), "an audience by its id");
	cr_assert_eq(a->keywords.n, 1, "keywords that name no topic are not topics");
	cr_assert(a->has_offers && a->is_free);
	cr_assert_str_eq(f->places[0].name.fi, "Kirjasto");
	cr_assert_str_eq(f->places[0].street_address.fi, "Kirjastokatu 1");
	cr_assert_str_eq(f->organizations[0].name.fi, "Eläkeliitto");
	const struct feed_activity *b = test_activity(f, "x:7");
	cr_assert_str_eq(b->name.fi, "Concert", "Finnish falls back to English");
	cr_assert_str_eq(b->type, "volunteering");
	cr_assert_str_eq(f->organizations[1].name.fi, "kaupunki", "no provider: the source");
	cr_assert(warned(&d, "event x:8: no name"));
	cr_assert(warned(&d, "event x:7: twice in the list"));
	cr_assert(!warned(&d, "x:9"), "a deleted event is no problem");
	feed_free(f);
	diag_clear(&d);
}

/* The pages are read in three passes (ids, events, sub events): what is
 * left out is said once, not in each. */
Test(feed_linkedevents, an_event_without_an_id_is_named_once)
{
	static const char page[] = "{\"meta\": {\"count\": 2, \"next\": null}, \"data\": ["
				   " {\"name\": {\"fi\": \"Nimetön\"}},"
				   " {\"id\": \"x:1\", \"name\": {\"fi\": \"Kuoro\"},"
				   "  \"start_time\": \"2026-12-14T16:00:00Z\"}"
				   "]}";
	struct diag d;
	struct feed *f = parse(page, &d);
	cr_assert_not_null(f, "%s", d.error);
	cr_assert_eq(f->n_activities, 1);
	cr_assert_eq(d.n_warnings, 1, "%zu warnings", d.n_warnings);
	cr_assert(warned(&d, "page 1, event 1: no id"));
	feed_free(f);
	diag_clear(&d);
}

/* An umbrella event (a festival: "super_event_type": "umbrella") gathers
 * events of their own names, places and times: each is listed as itself,
 * and the festival over its own days; a recurring one is one activity. */
Test(feed_linkedevents, an_umbrella_events_events_are_each_listed)
{
	static const char page[] =
	    "{\"meta\": {\"count\": 3, \"next\": null}, \"data\": ["
	    " {\"id\": \"helsinki:juhlaviikot\", \"name\": {\"fi\": \"Helsingin juhlaviikot\"},"
	    "  \"super_event_type\": \"umbrella\","
	    "  \"sub_events\": [{\"@id\": "
	    "\"https://api.hel.fi/linkedevents/v1/event/helsinki:k1/\"},"
	    "                   {\"@id\": "
	    "\"https://api.hel.fi/linkedevents/v1/event/helsinki:k2/\"}],"
	    "  \"start_time\": \"2026-08-14\", \"end_time\": \"2026-08-30\"},"
	    " {\"id\": \"helsinki:k1\", \"name\": {\"fi\": \"Kuorokonsertti\"},"
	    "  \"super_event\": {\"@id\": "
	    "\"https://api.hel.fi/linkedevents/v1/event/helsinki:juhlaviikot/\"},"
	    "  \"start_time\": \"2026-08-15T15:00:00Z\", \"end_time\": \"2026-08-15T17:00:00Z\"},"
	    " {\"id\": \"helsinki:k2\", \"name\": {\"fi\": \"Tanssiesitys\"},"
	    "  \"super_event\": {\"@id\": "
	    "\"https://api.hel.fi/linkedevents/v1/event/helsinki:juhlaviikot/\"},"
	    "  \"start_time\": \"2026-08-20T16:00:00Z\", \"end_time\": null}"
	    "]}";
	struct diag d;
	struct feed *f = parse(page, &d);
	cr_assert_not_null(f, "%s", d.error);
	cr_assert_eq(d.n_warnings, 0, "%s", d.n_kept ? d.warnings[0] : "");
	cr_assert_eq(f->n_activities, 3);
	int64_t t;
	const struct feed_activity *a = test_activity(f, "helsinki:k1");
	cr_assert_str_eq(a->name.fi, "Kuorokonsertti");
	cr_assert_eq(a->n_occurrences, 1);
	cr_assert(timefmt_parse("2026-08-15T15:00:00Z", &t));
	cr_assert_eq(a->occurrences[0].start, t);
	a = test_activity(f, "helsinki:k2");
	cr_assert_str_eq(a->name.fi, "Tanssiesitys");
	cr_assert_eq(a->n_occurrences, 1);
	a = test_activity(f, "helsinki:juhlaviikot");
	cr_assert_eq(a->n_occurrences, 1, "its own days, not its events' times");
	cr_assert(timefmt_parse("2026-08-14T00:00:00+03:00", &t));
	cr_assert_eq(a->occurrences[0].start, t);
	cr_assert(timefmt_parse("2026-08-31T00:00:00+03:00", &t));
	cr_assert_eq(a->occurrences[0].end, t);
	feed_free(f);
	diag_clear(&d);
}

/* Places, organisers and super events are found by id among many (a
 * lookup, no longer a search through all: 40,000 events each at a place of
 * its own took 4 s): 3,000 events at 1,500 places of 300 providers, and
 * 500 super events whose sub events come after them, each one right. */
Test(feed_linkedevents, places_organisers_and_series_are_found_by_id_among_many)
{
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);
	fputs("{\"meta\": {\"next\": null}, \"data\": [", out);
	for (int i = 0; i < 3000; i++)
		fprintf(out,
			"%s{\"id\": \"e:%d\", \"name\": {\"fi\": \"Ryhmä %d\"}, "
			"\"provider\": {\"fi\": \"Yhdistys %d\"}, "
			"\"location\": {\"id\": \"p:%d\", \"name\": {\"fi\": \"Paikka %d\"}}, "
			"\"start_time\": \"2026-11-25T10:00:00Z\"}",
			i ? "," : "", i, i, i % 300, i % 1500, i % 1500);
	for (int i = 0; i < 500; i++)
		fprintf(out,
			",{\"id\": \"s:%d\", \"name\": {\"fi\": \"Sarja %d\"}, "
			"\"sub_events\": [{\"@id\": \"https://x/v1/event/u:%d/\"}], "
			"\"start_time\": \"2026-11-01T10:00:00Z\", "
			"\"end_time\": \"2027-05-31T11:00:00Z\"}",
			i, i, i);
	for (int i = 0; i < 500; i++)
		fprintf(out,
			",{\"id\": \"u:%d\", \"name\": {\"fi\": \"Sarja %d\"}, "
			"\"super_event\": {\"@id\": \"https://x/v1/event/s:%d/\"}, "
			"\"start_time\": \"2026-12-%02dT10:00:00Z\"}",
			i, i, i, 1 + i % 28);
	fputs("]}", out);
	fclose(out);
	struct diag d;
	struct feed *f = parse(text, &d);
	cr_assert_not_null(f, "%s", d.error);
	cr_assert_eq(f->n_activities, 3500);
	cr_assert_eq(f->n_places, 1500);
	cr_assert_eq(f->n_organizations, 301,
		     "the providers and the source (the series name none)");
	for (size_t i = 0; i < f->n_places; i++)
		for (size_t k = 0; k < i && k < 3; k++)
			cr_assert_str_neq(f->places[i].id, f->places[k].id);
	char id[32], name[32];
	for (int i = 0; i < 3000; i++) {
		snprintf(id, sizeof(id), "e:%d", i);
		const struct feed_activity *a = test_activity(f, id);
		const struct feed_place *p = NULL;
		for (size_t k = 0; k < f->n_places && !p; k++)
			if (!strcmp(f->places[k].id, a->place_id))
				p = &f->places[k];
		cr_assert_not_null(p, "%s: no place %s", id, a->place_id);
		snprintf(name, sizeof(name), "Paikka %d", i % 1500);
		cr_assert_str_eq(p->name.fi, name, "%s", id);
		snprintf(name, sizeof(name), "Yhdistys %d", i % 300);
		cr_assert_str_eq(a->organizer_id, name, "%s", id);
	}
	for (int i = 0; i < 500; i++) {
		snprintf(id, sizeof(id), "s:%d", i);
		const struct feed_activity *a = test_activity(f, id);
		cr_assert_eq(a->n_occurrences, 1, "%s: its sub event's date only", id);
		int64_t t;
		snprintf(name, sizeof(name), "2026-12-%02dT10:00:00Z", 1 + i % 28);
		cr_assert(timefmt_parse(name, &t));
		cr_assert_eq(a->occurrences[0].start, t, "%s", id);
	}
	feed_free(f);
	diag_clear(&d);
	free(text);
}

/* A draft is shown to its publisher's API key only (a work placement of
 * the Linked Events test server came as "publication_status": "draft",
 * tests/data/corpus/linkedevents): never in a lobby, and said. A public sub
 * event of a draft series stands alone. */
Test(feed_linkedevents, a_draft_is_never_listed)
{
	static const char page[] =
	    "{\"meta\": {\"count\": 3, \"next\": null}, \"data\": ["
	    " {\"id\": \"tet:af7w4jmjla\", \"name\": {\"fi\": \"Harjoittelija\"},"
	    "  \"publication_status\": \"draft\", \"start_time\": \"2026-12-14\","
	    "  \"end_time\": null},"
	    " {\"id\": \"x:series\", \"name\": {\"fi\": \"Sarja\"},"
	    "  \"publication_status\": \"draft\", \"super_event_type\": \"recurring\","
	    "  \"sub_events\": [{\"@id\": \"https://api.example.fi/v1/event/x:1/\"}],"
	    "  \"start_time\": \"2026-12-01T10:00:00Z\", \"end_time\": \"2027-01-31T11:00:00Z\"},"
	    " {\"id\": \"x:1\", \"name\": {\"fi\": \"Sarjan kerta\"},"
	    "  \"publication_status\": \"public\","
	    "  \"super_event\": {\"@id\": \"https://api.example.fi/v1/event/x:series/\"},"
	    "  \"start_time\": \"2026-12-08T10:00:00Z\", \"end_time\": \"2026-12-08T11:00:00Z\"}"
	    "]}";
	struct diag d;
	struct feed *f = parse(page, &d);
	cr_assert_not_null(f, "%s", d.error);
	cr_assert_eq(f->n_activities, 1);
	cr_assert_str_eq(f->activities[0].id, "x:1");
	cr_assert_eq(f->activities[0].n_occurrences, 1);
	cr_assert_eq(d.n_warnings, 2);
	cr_assert(warned(&d, "tet:af7w4jmjla: a draft"));
	cr_assert(warned(&d, "x:series: a draft"));
	feed_free(f);
	diag_clear(&d);
}

Test(feed_linkedevents, what_is_no_event_list_is_refused)
{
	static const char *const texts[] = {"<html>", "{\"detail\": \"Not found.\"}", "[]",
					    "[{\"data\": {}}]"};
	for (size_t i = 0; i < sizeof(texts) / sizeof(*texts); i++) {
		struct diag d;
		cr_assert_null(parse(texts[i], &d), "%s was read", texts[i]);
		cr_assert_not_null(d.error);
		diag_clear(&d);
	}
}

/* Every cut of a page through the real sync path (a file source): a JSON
 * page cut short is never one, so every cut is refused, the cache unchanged. */
Test(feed_linkedevents, every_cut_of_a_page_is_refused_and_keeps_the_cache)
{
	size_t len;
	char *text =
	    test_read_file(TOP_SRCDIR "/tests/fuzz/corpus/linkedevents/one-page.json", &len);
	cr_assert_not_null(text);
	char *dir = test_memdir(), *path = test_path(dir, "page.json");
	struct settings cfg;
	struct store *s = test_open_file_source(dir, path, "linkedevents", &cfg);
	size_t refused = test_sync_every_cut(s, &cfg, dir, path, text, len);
	cr_assert_eq(refused, len);
	printf("feed_linkedevents: %zu cuts, every one refused, the cache unchanged\n", len);
	store_close(s);
	settings_free(&cfg);
	test_rmdir(dir);
	free(dir);
	free(path);
	free(text);
}

/* A query served as pages on 127.0.0.1 (tests/feedserver.py). */
struct api {
	char *root, *dir;
	struct server server;
	struct settings cfg;
	struct store *store;
};

static void api_start(struct api *x, const char *extra_config)
{
	x->root = test_tmpdir();
	x->dir = test_memdir();
	test_server_start(&x->server, x->root);
	char *url;
	cr_assert(asprintf(&url, "http://127.0.0.1:%d/page1.json", x->server.port) > 0);
	char *conf = test_path(x->root, "a.conf"), *text;
	cr_assert(asprintf(&text,
			   "[sync]\n%s\n[source kaupunki]\nurl = %s\nformat = linkedevents\n",
			   extra_config ? extra_config : "", url) > 0);
	test_write_file(conf, text);
	settings_defaults(&x->cfg);
	char *err = NULL;
	cr_assert(settings_load(&x->cfg, conf, &err), "%s", err);
	x->store = store_open(x->dir, STORE_SYNC, &err);
	cr_assert_not_null(x->store, "%s", err);
	free(text);
	free(conf);
	free(url);
}

static void api_stop(struct api *x)
{
	store_close(x->store);
	settings_free(&x->cfg);
	test_server_stop(&x->server);
	test_rmdir(x->root);
	test_rmdir(x->dir);
	free(x->root);
	free(x->dir);
}

/* Page n of pages: one event each, the next on host (NULL: the last). */
static void write_page(struct api *x, int n, const char *host, int port)
{
	char name[32], *text, next[128] = "null";
	snprintf(name, sizeof(name), "page%d.json", n);
	if (host)
		snprintf(next, sizeof(next), "\"http://%s:%d/page%d.json\"", host, port, n + 1);
	cr_assert(asprintf(&text,
			   "{\"meta\": {\"next\": %s}, \"data\": [{\"id\": \"e:%d\","
			   " \"name\": {\"fi\": \"Tapahtuma %d\"},"
			   " \"start_time\": \"2026-11-2%dT10:00:00Z\"}]}",
			   next, n, n, n % 10) > 0);
	char *path = test_path(x->root, name);
	test_write_file(path, text);
	free(path);
	free(text);
}

static enum sync_outcome sync_api(struct api *x, struct sync_result *r)
{
	return sync_source(x->store, &x->cfg, &x->cfg.sources[0], TEST_NOW, r);
}

Test(feed_linkedevents, three_pages_are_followed_and_read_as_one)
{
	struct api x;
	api_start(&x, NULL);
	for (int n = 1; n <= 3; n++)
		write_page(&x, n, n < 3 ? "127.0.0.1" : NULL, x.server.port);
	struct sync_result r;
	cr_assert_eq(sync_api(&x, &r), SYNC_APPLIED, "%s", r.diag.error);
	cr_assert_eq(r.activities, 3);
	sync_result_free(&r);
	cr_assert_eq(test_server_count(x.root, "GET /page3.json 200"), 1);
	cr_assert_eq(sync_api(&x, &r), SYNC_UNCHANGED, "the same pages: unchanged");
	sync_result_free(&r);
	write_page(&x, 3, "127.0.0.1", x.server.port);
	write_page(&x, 4, NULL, 0);
	cr_assert_eq(sync_api(&x, &r), SYNC_APPLIED);
	cr_assert_eq(r.activities, 4, "a page more");
	sync_result_free(&r);
	api_stop(&x);
}

/* Refused, the cache unchanged: a next page on another server, a page
 * that is not JSON, pages together over the byte cap, pages without end,
 * a next page that is a number (not the last page: taking it for the
 * last would drop the events after it). */
Test(feed_linkedevents, pages_that_go_wrong_change_nothing)
{
	struct api x;
	api_start(&x, "max_size = 2k");
	for (int n = 1; n <= 3; n++)
		write_page(&x, n, n < 3 ? "127.0.0.1" : NULL, x.server.port);
	struct sync_result r;
	cr_assert_eq(sync_api(&x, &r), SYNC_APPLIED, "%s", r.diag.error);
	sync_result_free(&r);
	char *before = test_cache_fingerprint(x.dir);
	static const struct {
		const char *why;
	} cases[] = {{"page 1: the next page is on another server"},
		     {"page 3: not a valid JSON document"},
		     {": the pages together are larger than the cap of 2048 bytes"},
		     {"page 201: more than 200 pages"},
		     {"page 2: meta.next is neither an address nor null"}};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		for (int n = 1; n <= 3; n++)
			write_page(&x, n, n < 3 ? "127.0.0.1" : NULL, x.server.port);
		if (i == 0)
			write_page(&x, 1, "127.0.0.2", x.server.port);
		if (i == 1) {
			char *path = test_path(x.root, "page3.json");
			test_write_file(path, "<html>502 Bad Gateway</html>");
			free(path);
		}
		if (i == 2) /* each page small, together over 2 KiB */
			for (int n = 3; n <= 30; n++)
				write_page(&x, n, n < 30 ? "127.0.0.1" : NULL, x.server.port);
		if (i == 3) { /* a server that never says the last page */
			settings_free(&x.cfg);
			settings_defaults(&x.cfg);
			free(x.cfg.sources[0].url);
			free(x.cfg.sources[0].format);
			cr_assert(asprintf(&x.cfg.sources[0].url, "http://127.0.0.1:%d/page1.json",
					   x.server.port) > 0);
			x.cfg.sources[0].format = strdup("linkedevents");
			for (int n = 1; n <= 201; n++)
				write_page(&x, n, "127.0.0.1", x.server.port);
		}
		if (i == 4) {
			char *path = test_path(x.root, "page2.json");
			test_write_file(path, "{\"meta\": {\"count\": 3, \"next\": 3}, \"data\": "
					      "[{\"id\": \"e:2\", \"name\": {\"fi\": \"T\"}, "
					      "\"start_time\": \"2026-11-22T10:00:00Z\"}]}");
			free(path);
		}
		cr_assert_eq(sync_api(&x, &r), SYNC_FAILED, "case %zu applied", i);
		cr_assert(strstr(r.diag.error, cases[i].why), "case %zu: %s", i, r.diag.error);
		sync_result_free(&r);
		char *after = test_cache_fingerprint(x.dir);
		cr_assert_str_eq(before, after, "case %zu changed the cache", i);
		free(after);
	}
	free(before);
	api_stop(&x);
}

/* Events without a time of day, as the API gives them (12 of 16 real
 * records: exhibitions, courses, work placements): "start_time":
 * "2022-05-23" is a day, not a missing date. From its first midnight to
 * the midnight after its last day; a day alone without an end. They were
 * given no dates at all, so never listed under today or this week. */
Test(feed_linkedevents, an_event_of_dates_alone_lasts_its_days)
{
	static const char page[] =
	    "{\"meta\": {\"count\": 3, \"next\": null}, \"data\": ["
	    " {\"id\": \"helsinki:agggfz5tbm\", \"name\": {\"fi\": \"Näyttely: Pohjoisen valo\"},"
	    "  \"start_time\": \"2026-11-02\", \"end_time\": \"2026-12-31\","
	    "  \"event_status\": \"EventScheduled\", \"type_id\": \"General\"},"
	    " {\"id\": \"espoo:tet-1\", \"name\": {\"fi\": \"TET-jakso kirjastossa\"},"
	    "  \"start_time\": \"2026-11-24\", \"end_time\": null, \"type_id\": \"Volunteering\"},"
	    " {\"id\": \"turku:k-1\", \"name\": {\"fi\": \"Kurssi\"}, \"type_id\": \"Course\","
	    "  \"start_time\": \"2026-11-24T15:00:00Z\", \"end_time\": \"2026-12-15\"}"
	    "]}";
	struct diag d;
	struct feed *f = parse(page, &d);
	cr_assert_not_null(f, "%s", d.error);
	cr_assert_eq(d.n_warnings, 0, "%s", d.n_kept ? d.warnings[0] : "");
	int64_t from, until;
	const struct feed_activity *a = test_activity(f, "helsinki:agggfz5tbm");
	cr_assert_eq(a->n_occurrences, 1);
	cr_assert(timefmt_parse("2026-11-02T00:00:00+02:00", &from));
	cr_assert(timefmt_parse("2027-01-01T00:00:00+02:00", &until));
	cr_assert_eq(a->occurrences[0].start, from);
	cr_assert_eq(a->occurrences[0].end, until, "through its last day");
	a = test_activity(f, "espoo:tet-1");
	cr_assert_eq(a->n_occurrences, 1);
	cr_assert(timefmt_parse("2026-11-24T00:00:00+02:00", &from));
	cr_assert(timefmt_parse("2026-11-25T00:00:00+02:00", &until));
	cr_assert_eq(a->occurrences[0].start, from);
	cr_assert_eq(a->occurrences[0].end, until, "a day alone");
	a = test_activity(f, "turku:k-1");
	cr_assert(timefmt_parse("2026-11-24T15:00:00Z", &from));
	cr_assert(timefmt_parse("2026-12-16T00:00:00+02:00", &until));
	cr_assert_eq(a->occurrences[0].start, from);
	cr_assert_eq(a->occurrences[0].end, until, "a time, then a last day");
	feed_free(f);
	diag_clear(&d);
}
