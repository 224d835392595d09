/* SPDX-License-Identifier: EUPL-1.2 */
/* Tests of src/feed/feed_json.c: format 1, whole-document refusals and item
 * warnings by JSON path. */
#include "config.h"

#include "feed/feed_json.h"
#include "helpers.h"
#include "util/json_bump.h"
#include "util/text.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static json_t *base;

static void setup(void)
{
	cr_assert(text_init());
	char *path = test_path(TOP_SRCDIR, "tests/data/minimal-feed.json");
	base = json_load_file(path, 0, NULL);
	cr_assert_not_null(base, "%s", path);
	free(path);
}

static void teardown(void)
{
	json_decref(base);
}

TestSuite(feed_json, .init = setup, .fini = teardown);

/* Parses doc (JSON text); d collects the messages. */
static struct feed *parse_text(const char *text, struct diag *d)
{
	return feed_json_parse(text, strlen(text), d);
}

static struct feed *parse_json(json_t *doc, struct diag *d)
{
	char *text = json_dumps(doc, 0);
	struct feed *f = parse_text(text, d);
	free(text);
	return f;
}

static bool has_warning(const struct diag *d, const char *text)
{
	for (size_t i = 0; i < d->n_kept; i++)
		if (strstr(d->warnings[i], text))
			return true;
	return false;
}

static void assert_refused(json_t *doc, const char *why)
{
	struct diag d = {0};
	struct feed *f = parse_json(doc, &d);
	cr_assert_null(f, "accepted a feed that should be refused (%s)", why);
	cr_assert_not_null(d.error);
	cr_assert(strstr(d.error, why), "error \"%s\" does not mention \"%s\"", d.error, why);
	diag_clear(&d);
}

Test(feed_json, reads_a_valid_feed_whole)
{
	struct diag d = {0};
	struct feed *f = parse_json(base, &d);
	cr_assert_not_null(f, "%s", d.error);
	cr_assert_eq(d.n_warnings, 0, "%s", d.n_kept ? d.warnings[0] : "");
	cr_assert_str_eq(f->header.id, "testfeed");
	cr_assert_eq(f->header.sequence, 5);
	cr_assert_str_eq(f->header.publisher_name.sv, "Testområdet");
	cr_assert_eq(f->n_categories, 2);
	cr_assert_eq(f->categories[1].usage, USAGE_AUDIENCE);
	cr_assert_eq(f->n_activities, 2);
	const struct feed_activity *a = &f->activities[0];
	cr_assert_str_eq(ml_get(&a->name, "en"), "Peer group");
	cr_assert_str_eq(ml_get(&a->name, "sv"), "Vertaisryhmä"); /* falls back to Finnish */
	cr_assert_eq(a->n_occurrences, 1);
	cr_assert_eq(a->occurrences[0].end - a->occurrences[0].start, 5400);
	cr_assert(a->is_free);
	cr_assert_str_eq(a->attendance_mode, "offline");
	cr_assert_str_eq(f->activities[1].schedule.rrule, "FREQ=WEEKLY;BYDAY=MO,WE");
	cr_assert_eq(f->places[0].accessibility, ACCESS_WHEELCHAIR | ACCESS_INDUCTION_LOOP);
	cr_assert_eq(f->announcements[0].priority, 2);
	feed_free(f);
	diag_clear(&d);
}

/* The parse's own allocator holds a whole document and gives jansson back
 * malloc and free afterwards, also when the document is refused. */
Test(feed_json, the_parse_allocator_is_only_for_the_parse)
{
	struct json_bump b;
	json_bump_begin(&b);
	json_t *big = json_array();
	for (int i = 0; i < 100000; i++)
		json_array_append_new(big, json_pack("{s:i, s:s}", "n", i, "name", "Kahvila"));
	cr_assert_eq(json_array_size(big), 100000);
	cr_assert_eq(json_integer_value(json_object_get(json_array_get(big, 99999), "n")), 99999);
	json_bump_end(&b);
	json_malloc_t m;
	json_free_t f;
	json_get_alloc_funcs(&m, &f);
	cr_assert(m == malloc && f == free);

	struct diag d = {0};
	cr_assert_null(feed_json_parse("{\"format\": [1, 2", 17, &d));
	diag_clear(&d);
	json_get_alloc_funcs(&m, &f);
	cr_assert(m == malloc && f == free, "given back after a refused document");
}

Test(feed_json, refuses_broken_documents_whole)
{
	struct diag d = {0};
	cr_assert_null(parse_text("{\"format\": \"aulataulu-feed\", ", &d));
	cr_assert(strstr(d.error, "not a valid JSON document"));
	diag_clear(&d);
	cr_assert_null(parse_text("[1, 2]", &d));
	diag_clear(&d);
	/* Invalid UTF-8 inside a string. */
	cr_assert_null(parse_text("{\"format\": \"aulataulu-feed\xff\"}", &d));
	diag_clear(&d);
}

Test(feed_json, refuses_wrong_format_or_version)
{
	json_object_set_new(base, "format_version", json_integer(2));
	assert_refused(base, "format_version");
	json_object_set_new(base, "format_version", json_integer(1));
	json_object_set_new(base, "format", json_string("linkedevents"));
	assert_refused(base, "format");
}

Test(feed_json, refuses_a_bad_header)
{
	json_t *feed = json_object_get(base, "feed");
	json_object_set_new(feed, "sequence", json_integer(0));
	assert_refused(base, "feed.sequence");
	json_object_set_new(feed, "sequence", json_integer(7));
	json_object_set_new(feed, "generated_at", json_string("tomorrow"));
	assert_refused(base, "feed.generated_at");
	json_object_set_new(feed, "generated_at", json_string("2026-11-23T08:00:00Z"));
	json_object_set_new(feed, "timezone", json_string("Mars/Olympus_Mons"));
	assert_refused(base, "feed.timezone");
	json_object_del(base, "feed");
	assert_refused(base, "feed");
}

Test(feed_json, skips_bad_items_with_their_path)
{
	json_t *acts = json_object_get(base, "activities");
	json_t *a0 = json_array_get(acts, 0);
	json_object_del(json_object_get(a0, "name"), "fi");
	json_t *a1 = json_array_get(acts, 1);
	json_object_set_new(a1, "organizer_id", json_string("ytj:nobody"));
	struct diag d = {0};
	struct feed *f = parse_json(base, &d);
	cr_assert_not_null(f);
	cr_assert_eq(f->n_activities, 0);
	cr_assert(has_warning(&d, "activities[0].name.fi: missing"), "%s", d.warnings[0]);
	cr_assert(has_warning(&d, "activities[1].organizer_id: refers to no organization"));
	cr_assert_eq(f->n_announcements, 1, "the rest is still applied");
	feed_free(f);
	diag_clear(&d);
}

Test(feed_json, skips_bad_timestamps_refs_and_long_titles)
{
	json_t *a0 = json_array_get(json_object_get(base, "activities"), 0);
	json_t *occ = json_array_get(json_object_get(a0, "occurrences"), 0);
	json_object_set_new(occ, "start", json_string("24.11.2026 18:00"));
	json_t *n0 = json_array_get(json_object_get(base, "announcements"), 0);
	char title[200];
	memset(title, 'x', 121);
	title[121] = '\0';
	json_object_set_new(json_object_get(n0, "title"), "fi", json_string(title));
	json_t *a1 = json_array_get(json_object_get(base, "activities"), 1);
	json_object_set_new(a1, "keywords", json_pack("[s]", "yso:unknown"));
	struct diag d = {0};
	struct feed *f = parse_json(base, &d);
	cr_assert_not_null(f);
	cr_assert(has_warning(&d, "activities[0].occurrences[0].start: not an RFC 3339"));
	cr_assert(has_warning(&d, "announcements[0].title.fi: longer than 120 characters"));
	cr_assert(has_warning(&d, "activities[1].keywords[0]: refers to no category (dropped)"));
	cr_assert_eq(f->n_activities, 1, "an unknown topic loses the topic, not the activity");
	cr_assert_eq(f->activities[0].keywords.n, 0);
	cr_assert_eq(f->n_announcements, 0);
	feed_free(f);
	diag_clear(&d);
}

Test(feed_json, cleans_text_after_json_decoding)
{
	json_t *a0 = json_array_get(json_object_get(base, "activities"), 0);
	/* \u001b and \u009b decode into real controls: they must not survive. */
	json_object_set_new(json_object_get(a0, "name"), "fi",
			    json_string("Ryhm\xc3\xa4\x1b]8;;http://evil\x07 \xc2\x9b"
					"2J\u202e!"));
	struct diag d = {0};
	struct feed *f = parse_json(base, &d);
	cr_assert_not_null(f);
	cr_assert_str_eq(f->activities[0].name.fi, "Ryhmä]8;;http://evil 2J!");
	feed_free(f);
	diag_clear(&d);
}

Test(feed_json, keeps_only_web_addresses)
{
	json_t *a0 = json_array_get(json_object_get(base, "activities"), 0);
	json_object_set_new(a0, "info_url", json_string("javascript:alert(1)"));
	struct diag d = {0};
	struct feed *f = parse_json(base, &d);
	cr_assert_not_null(f);
	cr_assert_null(f->activities[0].info_url);
	cr_assert(has_warning(&d, "activities[0].info_url: not an http or https address"));
	cr_assert_eq(f->n_activities, 2, "a bad address drops the field, not the item");
	feed_free(f);
	diag_clear(&d);
}

Test(feed_json, skips_duplicate_ids)
{
	json_t *acts = json_object_get(base, "activities");
	json_array_append(acts, json_array_get(acts, 0));
	struct diag d = {0};
	struct feed *f = parse_json(base, &d);
	cr_assert_eq(f->n_activities, 2);
	cr_assert(has_warning(&d, "activities[2].id: the same id appears earlier"));
	feed_free(f);
	diag_clear(&d);
}

Test(feed_json, refuses_bad_schedules_per_item)
{
	json_t *a1 = json_array_get(json_object_get(base, "activities"), 1);
	json_object_set_new(json_object_get(a1, "schedule"), "rrule",
			    json_string("FREQ=SECONDLY;COUNT=100000000"));
	struct diag d = {0};
	struct feed *f = parse_json(base, &d);
	cr_assert_eq(f->n_activities, 1);
	cr_assert(has_warning(&d, "activities[1].schedule: rrule: more frequent than daily"));
	feed_free(f);
	diag_clear(&d);
}

Test(feed_json, survives_deep_nesting)
{
	size_t depth = 5000;
	char *text = malloc(depth * 2 + 1);
	memset(text, '[', depth);
	memset(text + depth, ']', depth);
	text[depth * 2] = '\0';
	struct diag d = {0};
	cr_assert_null(parse_text(text, &d));
	cr_assert_not_null(d.error);
	diag_clear(&d);
	free(text);
}

Test(feed_json, reads_the_demo_feed_without_a_warning)
{
	char *demo = test_demo_feed(TEST_NOW);
	struct diag d = {0};
	struct feed *f = parse_text(demo, &d);
	cr_assert_not_null(f, "%s", d.error);
	cr_assert_eq(d.n_warnings, 0, "%s", d.n_kept ? d.warnings[0] : "");
	cr_assert_geq(f->n_activities, 40);
	cr_assert_geq(f->n_announcements, 6);
	size_t parishes = 0, associations = 0;
	for (size_t i = 0; i < f->n_organizations; i++) {
		parishes += strcmp(f->organizations[i].kind, "parish") == 0;
		associations += strcmp(f->organizations[i].kind, "association") == 0;
	}
	cr_assert_geq(parishes, 3);
	cr_assert_geq(associations, 12);
	feed_free(f);
	diag_clear(&d);
	free(demo);
}

/* The public samples are other formats: each must be refused cleanly. */
Test(feed_json, refuses_foreign_samples_without_crashing)
{
	static const char *const samples[] = {
	    "linkedevents_turku_event_page.json",     "ptv_v11_servicechannel_page.json",
	    "lahella_activity_schema.json",	      "libical_Europe_Helsinki_vtimezone.ics",
	    "feedparser_rss_item_expirationDate.xml", "icalendar_x_location_nonascii.ics"};
	for (size_t i = 0; i < sizeof(samples) / sizeof(*samples); i++) {
		char *dir = test_path(getenv("top_srcdir") ? getenv("top_srcdir") : TOP_SRCDIR,
				      "tests/data/samples");
		char *path = test_path(dir, samples[i]);
		size_t len;
		char *text = test_read_file(path, &len);
		cr_assert_not_null(text, "%s is missing", path);
		free(dir);
		free(path);
		struct diag d = {0};
		struct feed *f = feed_json_parse(text, len, &d);
		cr_assert_null(f, "%s was taken for a format 1 feed", samples[i]);
		cr_assert_not_null(d.error);
		diag_clear(&d);
		free(text);
	}
}

/* HTML in a person's text (a name, a description) becomes its text, with a
 * warning for check; addresses and ids are left alone. */
Test(feed_json, html_in_texts_becomes_plain_text)
{
	json_t *a0 = json_array_get(json_object_get(base, "activities"), 0);
	json_object_set_new(json_object_get(a0, "name"), "fi", json_string("<b>Kuoro</b>"));
	json_object_set_new(
	    a0, "description",
	    json_pack("{s:s}", "fi", "<p>Tervetuloa!</p><p>Kahvia &amp; pullaa</p>"));
	struct diag d = {0};
	struct feed *f = parse_json(base, &d);
	cr_assert_not_null(f, "%s", d.error);
	cr_assert_str_eq(f->activities[0].name.fi, "Kuoro");
	cr_assert_str_eq(f->activities[0].description.fi, "Tervetuloa!\nKahvia & pullaa");
	cr_assert(has_warning(&d, "activities[0].name.fi: HTML made plain text"));
	cr_assert(has_warning(&d, "activities[0].description.fi: HTML made plain text"));
	feed_free(f);
	diag_clear(&d);
}

/* The sections of base in the order of names, as JSON text (caller frees). */
static char *in_order(const char *const *names, size_t n)
{
	char *out = strdup("{");
	for (size_t i = 0; i < n; i++) {
		char *value = json_dumps(json_object_get(base, names[i]), JSON_ENCODE_ANY);
		cr_assert_not_null(value, "%s", names[i]);
		char *grown;
		cr_assert(asprintf(&grown, "%s%s\"%s\": %s", out, i ? ", " : "", names[i], value) >
			  0);
		free(out);
		free(value);
		out = grown;
	}
	char *done;
	cr_assert(asprintf(&done, "%s}", out) > 0);
	free(out);
	return done;
}

/* Activities are read one at a time as they come; when they come before
 * what they refer to, after it: the same feed either way. */
Test(feed_json, activities_before_what_they_refer_to_are_read_the_same)
{
	static const char *const usual[] = {"format",	  "format_version", "feed",
					    "categories", "organizations",  "places",
					    "activities", "announcements"};
	static const char *const early[] = {"activities", "announcements", "places",
					    "format",	  "organizations", "format_version",
					    "categories", "feed"};
	char *a = in_order(usual, 8), *b = in_order(early, 8);
	struct diag da = {0}, db = {0};
	struct feed *fa = parse_text(a, &da), *fb = parse_text(b, &db);
	cr_assert_not_null(fa, "%s", da.error);
	cr_assert_not_null(fb, "%s", db.error);
	cr_assert_eq(fa->n_activities, 2);
	cr_assert_eq(fb->n_activities, fa->n_activities);
	for (size_t i = 0; i < fa->n_activities; i++) {
		cr_assert_str_eq(fb->activities[i].id, fa->activities[i].id);
		cr_assert_str_eq(fb->activities[i].name.fi, fa->activities[i].name.fi);
		cr_assert_eq(fb->activities[i].keywords.n, fa->activities[i].keywords.n);
	}
	cr_assert_eq(da.n_kept, db.n_kept, "the same warnings either way");
	feed_free(fa);
	feed_free(fb);
	diag_clear(&da);
	diag_clear(&db);
	free(a);
	free(b);
}

Test(feed_json, a_section_given_twice_is_refused)
{
	char *text = json_dumps(base, JSON_COMPACT);
	char *twice;
	cr_assert(asprintf(&twice, "%.*s, \"places\": []}", (int)strlen(text) - 1, text) > 0);
	struct diag d = {0};
	cr_assert_null(parse_text(twice, &d));
	cr_assert(strstr(d.error, "places: given twice"), "%s", d.error);
	diag_clear(&d);
	free(twice);
	free(text);
}

/* A big document read consuming, its memory given back as the activities
 * go: it parses whole, and an error deep in it names its true line. */
Test(feed_json, a_consumed_document_parses_whole_and_names_error_lines)
{
	json_t *doc = json_deep_copy(base);
	json_t *activities = json_object_get(doc, "activities");
	json_t *first = json_array_get(activities, 0);
	char description[2001];
	memset(description, 'k', 2000);
	description[2000] = '\0';
	for (int i = 1; i < 3000; i++) {
		json_t *a = json_deep_copy(first);
		char id[32];
		snprintf(id, sizeof(id), "x%d", i);
		json_object_set_new(a, "id", json_string(id));
		json_object_set_new(a, "description", json_pack("{s:s}", "fi", description));
		json_array_append_new(activities, a);
	}
	char *text = json_dumps(doc, JSON_INDENT(1));
	json_decref(doc);
	size_t len = strlen(text);
	cr_assert_gt(len, 6u << 20, "big enough to be given back in steps");
	char *copy = strdup(text);
	struct diag d = {0};
	struct feed *f = feed_json_parse_consuming(copy, len, &d);
	cr_assert_not_null(f, "%s", d.error);
	cr_assert_eq(f->n_activities, 3001);
	cr_assert_str_eq(f->activities[3000].id, "x2999");
	cr_assert_eq(strlen(f->activities[3000].description.fi), 2000);
	/* What was read is gone: the middle of the activities reads as zeros. */
	size_t middle = (size_t)(strstr(text, "\"x1500\"") - text);
	cr_assert_eq(copy[middle], '\0', "the memory read was not given back");
	feed_free(f);
	diag_clear(&d);
	free(copy);
	/* The last activity's id made a bare word: the line it is on. */
	char *at = strstr(text, "\"x2999\"");
	int line = 1;
	for (const char *p = text; p < at; p++)
		line += *p == '\n';
	at[0] = 'x'; /* no longer a string */
	copy = strdup(text);
	cr_assert_null(feed_json_parse_consuming(copy, len, &d));
	char want[64];
	snprintf(want, sizeof(want), "(line %d, column", line);
	cr_assert(strstr(d.error, want), "want %s in: %s", want, d.error);
	diag_clear(&d);
	free(copy);
	free(text);
}
