/* SPDX-License-Identifier: EUPL-1.2 */
/* Tests of src/model*.c: what the screens ask, on the synced demo feed. */
#include "config.h"

#include "feed/feed_json.h"
#include "helpers.h"
#include "model/model.h"
#include "feed/recur.h"
#include "store/store.h"
#include "util/text.h"
#include "util/timefmt.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static char *dir;
static struct store *st;

static void setup(void)
{
	cr_assert(text_init());
	dir = test_tmpdir();
	test_apply_demo(dir);
	char *err = NULL;
	st = store_open(dir, STORE_READ, &err);
	cr_assert_not_null(st, "%s", err);
}

static void teardown(void)
{
	store_close(st);
	test_rmdir(dir);
	free(dir);
}

TestSuite(model, .init = setup, .fini = teardown);

static size_t search(const char *typed, const char *lang, const char *expect_id)
{
	struct list_query q = {.when = WHEN_ALL, .lang = lang, .now = TEST_NOW, .search = typed};
	struct activity_list l;
	char *err = NULL;
	cr_assert(model_list_activities(st, &q, &l, &err), "%s", err);
	bool found = expect_id == NULL;
	for (size_t i = 0; i < l.n; i++)
		found = found || strcmp(l.v[i].id, expect_id) == 0;
	cr_assert(found, "\"%s\" did not find %s", typed, expect_id);
	size_t n = l.n;
	activity_list_free(&l);
	return n;
}

Test(model, search_forgives_case_accents_and_word_ends)
{
	cr_assert_geq(search("omais", "fi", "demo:omaishoitajien-vertaisryhma"), 5);
	search("OMAIS", "fi", "demo:omaishoitajien-vertaisryhma");
	search("kasityo", "fi", "demo:kasityopiiri"); /* typed without ä and ö */
	search("närstående", "sv", "demo:omaishoitajien-vertaisryhma");
	search("peer group", "en", "demo:omaishoitajien-vertaisryhma");
	cr_assert_eq(search("", "fi", NULL), 0, "nothing typed finds nothing");
	cr_assert_eq(search("\"AND OR NOT (*", "fi", NULL), 0, "operators are text, not syntax");
	cr_assert_eq(search("zzzxq", "fi", NULL), 0);
}

static const struct activity_summary *find(const struct activity_list *l, const char *id)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].id, id) == 0)
			return &l->v[i];
	return NULL;
}

Test(model, lists_in_the_language_falling_back_to_finnish)
{
	struct list_query q = {.when = WHEN_ALL, .lang = "sv", .now = TEST_NOW};
	struct activity_list l;
	char *err = NULL;
	cr_assert(model_list_activities(st, &q, &l, &err), "%s", err);
	const struct activity_summary *a = find(&l, "demo:omaishoitajien-vertaisryhma");
	cr_assert_not_null(a);
	cr_assert_str_eq(a->name, "Kamratgrupp för närståendevårdare");
	cr_assert_not_null(a->organizer);
	a = find(&l, "demo:elakelaisten-kerho"); /* no Swedish name in the feed */
	cr_assert_not_null(a);
	cr_assert_str_eq(a->name, "Eläkeläisten kerho");
	activity_list_free(&l);
}

/* Dated first by start, then by name with ASCII case folded, undated last. */
Test(model, lists_by_start_then_name)
{
	struct list_query q = {.when = WHEN_ALL, .lang = "fi", .now = TEST_NOW};
	struct activity_list l;
	char *err = NULL;
	cr_assert(model_list_activities(st, &q, &l, &err), "%s", err);
	cr_assert_gt(l.n, 10);
	bool undated_seen = false, tie_seen = false;
	for (size_t i = 1; i < l.n; i++) {
		const struct activity_summary *p = &l.v[i - 1], *a = &l.v[i];
		undated_seen = undated_seen || !a->next_start;
		cr_assert(!a->next_start || p->next_start, "undated come last");
		if (!a->next_start || !p->next_start)
			continue;
		cr_assert_geq(a->next_start, p->next_start, "%s before %s", p->name, a->name);
		if (a->next_start == p->next_start) {
			tie_seen = true;
			cr_assert_leq(strcasecmp(p->name, a->name), 0, "%s before %s", p->name,
				      a->name);
		}
	}
	cr_assert(undated_seen && tie_seen, "the demo feed has undated activities and ties");
	activity_list_free(&l);
}

Test(model, free_only_filters)
{
	struct list_query q = {.when = WHEN_ALL, .lang = "fi", .now = TEST_NOW, .free_only = true};
	struct activity_list l;
	char *err = NULL;
	cr_assert(model_list_activities(st, &q, &l, &err));
	cr_assert_gt(l.n, 10);
	for (size_t i = 0; i < l.n; i++)
		cr_assert(l.v[i].has_offers && l.v[i].is_free, "%s is not free", l.v[i].name);
	activity_list_free(&l);
}

Test(model, detail_has_every_field_a_person_needs)
{
	struct activity_detail d;
	char *err = NULL;
	cr_assert(
	    model_activity(st, "demo", "demo:kuntosali-ikaantyneille", "fi", TEST_NOW, &d, &err));
	cr_assert_str_eq(d.name, "Kuntosaliryhmä ikääntyneille");
	cr_assert_str_eq(d.organizer, "Kempeleen liikuntaseura ry");
	cr_assert_str_eq(d.place, "Sarkkirannan liikuntahalli");
	cr_assert_str_eq(d.street_address, "Sarkkirannantie 1");
	cr_assert(d.accessibility & ACCESS_WHEELCHAIR);
	cr_assert(d.registration_required);
	cr_assert_str_eq(d.registration_phone, "040 123 4507");
	cr_assert_not(d.is_free);
	cr_assert_str_eq(d.price, "20 € / kausi");
	cr_assert_not(d.membership_required);
	cr_assert_geq(d.n_next, 4);
	cr_assert_geq(d.next[0].start, TEST_NOW - 3600);
	cr_assert_geq(d.n_categories, 2);
	cr_assert_not_null(d.info_url);
	activity_detail_free(&d);
	cr_assert_not(model_activity(st, "demo", "demo:nothing", "fi", TEST_NOW, &d, &err));
	cr_assert_null(err, "a missing activity is not an error");
}

Test(model, categories_by_usage_in_the_language)
{
	struct category_list l;
	char *err = NULL;
	cr_assert(model_categories(st, USAGE_AUDIENCE, "sv", TEST_NOW, &l, &err), "%s", err);
	bool caregivers = false;
	for (size_t i = 0; i < l.n; i++) {
		cr_assert_gt(l.v[i].upcoming, 0);
		caregivers = caregivers || strcmp(l.v[i].name, "Närståendevårdare") == 0;
	}
	cr_assert(caregivers);
	category_list_free(&l);
	cr_assert(model_categories(st, USAGE_TOPIC, "fi", TEST_NOW, &l, &err));
	cr_assert_geq(l.n, 8);
	category_list_free(&l);
}

Test(model, freshness_from_status_and_feed)
{
	struct settings cfg;
	settings_defaults(&cfg);
	struct freshness f;
	model_freshness(st, &cfg, dir, TEST_NOW, "fi", &f);
	cr_assert_not(f.failing);
	cr_assert_not(f.expired);
	cr_assert(strstr(f.publisher, "Pohjois-Pohjanmaan"), "%s", f.publisher);
	model_freshness(st, &cfg, dir, TEST_NOW + 8 * 86400, "fi", &f);
	cr_assert(f.expired, "expires_at is a week after generation");
	settings_free(&cfg);
}

/* The table: what people type, in the language they type it in,
 * finds at least one activity, the evident one first. */
Test(model, search_finds_what_people_type)
{
	static const struct {
		const char *typed, *lang;
		const char *first_name_has; /* in the first result's name (as shown) */
		const char *first_category; /* or among its topics and audiences */
		const char *first_id;	    /* or this activity */
	} table[] = {
	    {"omaishoitajat", "fi", "Omaishoitaj", NULL, NULL},
	    {"omaishoitaja", "fi", "Omaishoitaj", NULL, NULL},
	    {"vertaistuki", "fi", NULL, "yso:p12878", NULL},
	    {"seurakunta", "fi", NULL, NULL, NULL},
	    {"kuoro", "fi", NULL, NULL, "demo:kuoro-raahe"},
	    {"jumppa", "fi", "jumppa", NULL, NULL},
	    {"muistisairaus", "fi", "Muistisairau", NULL, NULL},
	    {"omashoitaja", "fi", "Omaishoitaj", NULL, NULL}, /* a letter missing */
	    {"närståendevård", "sv", "närståendevård", NULL, NULL},
	    {"kör", "sv", NULL, NULL, "demo:kuoro-raahe"},
	    {"caregivers", "en", "caregivers", NULL, NULL},
	};
	for (size_t t = 0; t < sizeof(table) / sizeof(*table); t++) {
		struct list_query q = {.when = WHEN_ALL,
				       .lang = table[t].lang,
				       .now = TEST_NOW,
				       .search = table[t].typed};
		struct activity_list l;
		char *err = NULL;
		cr_assert(model_list_activities(st, &q, &l, &err), "%s", err);
		cr_assert_geq(l.n, 1, "\"%s\" found nothing", table[t].typed);
		const struct activity_summary *a = &l.v[0];
		if (table[t].first_name_has)
			cr_assert(strcasestr(a->name, table[t].first_name_has),
				  "\"%s\": the first is \"%s\"", table[t].typed, a->name);
		if (table[t].first_id)
			cr_assert_str_eq(a->id, table[t].first_id, "\"%s\"", table[t].typed);
		bool in_category = table[t].first_category == NULL;
		for (size_t k = 0; k < a->n_categories; k++)
			in_category =
			    in_category || !strcmp(a->categories[k], table[t].first_category);
		cr_assert(in_category, "\"%s\": the first, \"%s\", is not in %s", table[t].typed,
			  a->name, table[t].first_category);
		activity_list_free(&l);
	}
}

/* What the search screen shows as each letter is typed (model_search_typed,
 * on a listing read once) is what a whole search finds, in the same order:
 * every prefix of every word of the table above, typos, several words,
 * punctuation inside a word and nothing at all, in each language. */
Test(model, search_as_you_type_finds_the_same_in_the_same_order)
{
	static const char *const words[] = {
	    "omaishoitajat", "vertaistuki", "seurakunta",     "kuoro",	       "jumppa",
	    "muistisairaus", "omashoitaja", "närståendevård", "kör",	       "caregivers",
	    "peer group",    "kahvla",	    "vertais–tuki",   "omais’hoitaja", "\"AND OR NOT (*",
	    "zzzxq",	     "  ",	    "kasityo",	      "vanhukset",     "maksuton kuoro",
	    "ilmainen",	     "free"};
	static const char *const langs[] = {"fi", "sv", "en"};
	for (size_t g = 0; g < sizeof(langs) / sizeof(*langs); g++) {
		struct list_query q = {.when = WHEN_ALL, .lang = langs[g], .now = TEST_NOW};
		struct search_base base;
		char *err = NULL;
		cr_assert(model_search_begin(st, &q, &base, &err), "%s", err);
		for (size_t w = 0; w < sizeof(words) / sizeof(*words); w++) {
			for (size_t len = 1; len <= strlen(words[w]); len++) {
				char typed[64];
				snprintf(typed, sizeof(typed), "%.*s", (int)len, words[w]);
				q.search = typed;
				struct activity_list whole, as_typed;
				cr_assert(model_list_activities(st, &q, &whole, &err), "%s: %s",
					  typed, err);
				cr_assert(model_search_typed(st, &base, typed, &as_typed, &err),
					  "%s: %s", typed, err);
				cr_assert_eq(as_typed.n, whole.n, "\"%s\" (%s): %zu, not %zu",
					     typed, langs[g], as_typed.n, whole.n);
				for (size_t i = 0; i < whole.n; i++)
					cr_assert_str_eq(as_typed.v[i].id, whole.v[i].id,
							 "\"%s\" (%s), result %zu", typed, langs[g],
							 i + 1);
				activity_list_free(&as_typed);
				activity_list_free(&whole);
			}
		}
		search_base_free(&base);
	}
}

/* A word with a dash or an apostrophe inside is two words of the index,
 * never a phrase, which the index cannot answer (it keeps no positions). */
Test(model, search_takes_punctuation_inside_a_word_as_two_words)
{
	cr_assert_geq(search("vertais–tuki", "fi", NULL), 1);
	cr_assert_geq(search("omais’hoitajat", "fi", NULL), 1);
	cr_assert_geq(search("omais-hoitajat", "fi", NULL), 1);
}

/* Accents forgiven when not typed, heeded when typed: Swedish "kör" is not
 * the "kor" of "Kort" or of a Finnish word. */
Test(model, search_heeds_accents_that_are_typed)
{
	struct list_query q = {.when = WHEN_ALL, .lang = "sv", .now = TEST_NOW, .search = "kör"};
	struct activity_list l;
	char *err = NULL;
	cr_assert(model_list_activities(st, &q, &l, &err), "%s", err);
	cr_assert_eq(l.n, 1, "\"kör\" found %zu", l.n);
	activity_list_free(&l);
	q.search = "kor"; /* typed without the accent: both */
	cr_assert(model_list_activities(st, &q, &l, &err), "%s", err);
	cr_assert_geq(l.n, 2);
	activity_list_free(&l);
}

/* "Tällä viikolla" is the week ahead: on a Sunday it is not Sunday alone.
 * On Sunday 29.11. the friendship course's Monday evening (30.11.) is in
 * it; the families' winter day on the Sunday after (6.12., the eighth day)
 * is not. */
Test(model, this_week_is_the_seven_days_ahead_even_on_a_sunday)
{
	int64_t sunday = TEST_NOW + 5 * 86400;
	cr_assert_eq(timefmt_weekday(sunday), 6, "29.11.2026 is a Sunday");
	cr_assert_eq(model_period_end(WHEN_WEEK, sunday),
		     timefmt_add_days(timefmt_day_start(sunday), 7));
	struct list_query q = {.when = WHEN_WEEK, .lang = "fi", .now = sunday};
	struct activity_list l;
	char *err = NULL;
	cr_assert(model_list_activities(st, &q, &l, &err), "%s", err);
	const struct activity_summary *a = find(&l, "demo:ystavakurssi");
	cr_assert_not_null(a, "Monday's course is not in the week from Sunday");
	cr_assert_lt(a->next_start, sunday + 2 * 86400, "its next date is the week's Monday");
	cr_assert_null(find(&l, "demo:perheleiri"), "the eighth day is in the week");
	activity_list_free(&l);
	/* From Saturday 5.12., the winter day on the Sunday after is. */
	q.now = sunday + 6 * 86400;
	cr_assert(model_list_activities(st, &q, &l, &err), "%s", err);
	cr_assert_not_null(find(&l, "demo:perheleiri"), "the next day is not in the week");
	activity_list_free(&l);
}

static int compare_ids(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The ids a search finds (when all, in Finnish), sorted, one per line. */
static char *ids_found(const char *typed, const char *category, bool free_only)
{
	struct list_query q = {.when = WHEN_ALL,
			       .lang = "fi",
			       .now = TEST_NOW,
			       .search = typed,
			       .category = category,
			       .free_only = free_only};
	struct activity_list l;
	char *err = NULL;
	cr_assert(model_list_activities(st, &q, &l, &err), "%s", err);
	const char **ids = calloc(l.n + 1, sizeof(*ids));
	for (size_t i = 0; i < l.n; i++)
		ids[i] = l.v[i].id;
	qsort(ids, l.n, sizeof(*ids), compare_ids);
	size_t len = 1;
	for (size_t i = 0; i < l.n; i++)
		len += strlen(ids[i]) + 1;
	char *out = calloc(1, len);
	for (size_t i = 0; i < l.n; i++)
		strcat(strcat(out, ids[i]), "\n");
	free(ids);
	activity_list_free(&l);
	return out;
}

/* The words people use (data/search-words.txt): "vanhukset", "ikäihmiset",
 * "seniorit", "äldre", "elderly" find the activities of the life situation
 * older people ("Ikääntyneet"); "maksuton", "ilmainen", "free" are
 * the free-of-charge filter, alone and beside other words. */
Test(model, the_words_people_use_find_what_they_mean)
{
	char *want = ids_found(NULL, "yso:p2433", false); /* the life situation */
	static const char *const older_words[] = {"ikääntyneet", "vanhukset", "ikäihmiset",
						  "seniorit",	 "vanhu",     "äldre",
						  "elderly",	 "Seniorer"};
	for (size_t i = 0; i < sizeof(older_words) / sizeof(*older_words); i++) {
		char *got = ids_found(older_words[i], NULL, false);
		cr_assert_str_eq(got, want,
				 "\"%s\" finds other than the older people's life situation",
				 older_words[i]);
		free(got);
	}
	size_t lines = 0;
	for (const char *p = want; *p; p++)
		lines += *p == '\n';
	cr_assert_geq(lines, 15, "the demo's older people's activities: %zu", lines);
	free(want);

	char *free_ones = ids_found(NULL, NULL, true);
	static const char *const free_words[] = {"maksuton", "ilmainen",   "free",
						 "gratis",   "avgiftsfri", "MAKSUTTOMAT"};
	for (size_t i = 0; i < sizeof(free_words) / sizeof(*free_words); i++) {
		char *got = ids_found(free_words[i], NULL, false);
		cr_assert_str_eq(got, free_ones, "\"%s\" is not the free ones", free_words[i]);
		free(got);
	}
	char *choirs = ids_found("kuoro", NULL, true),
	     *free_choirs = ids_found("maksuton kuoro", NULL, false);
	cr_assert_str_eq(free_choirs, choirs, "\"maksuton kuoro\" is not the free choirs");
	cr_assert_neq(strlen(choirs), 0);
	free(choirs);
	free(free_choirs);
	free(free_ones);
}

/* A cancelled event never ranks first: "ikäihmisille" is in the name of
 * the cancelled film evening and only in the text of the friendship
 * service; the service comes first, the film evening still listed. */
Test(model, a_cancelled_event_never_ranks_first)
{
	struct list_query q = {
	    .when = WHEN_ALL, .lang = "fi", .now = TEST_NOW, .search = "ikäihmisille"};
	struct activity_list l;
	char *err = NULL;
	cr_assert(model_list_activities(st, &q, &l, &err), "%s", err);
	cr_assert_geq(l.n, 2);
	cr_assert_not(model_summary_cancelled(&l.v[0]), "%s, cancelled, ranks first", l.v[0].id);
	const struct activity_summary *film = find(&l, "demo:elokuvailta-raahe");
	cr_assert_not_null(film, "the cancelled one is not listed at all");
	cr_assert(model_summary_cancelled(film));
	activity_list_free(&l);
}

/* Compounds that contain a typed word are found beside what the word
 * finds as typed, not only when it finds nothing: "kahvila" finds
 * "Omaishoitajien kahvila" (as typed) and "Muistikahvila" and
 * "Perhekahvila" (compounds); the same as you type (the test above). */
Test(model, compounds_are_found_beside_what_is_typed)
{
	struct list_query q = {
	    .when = WHEN_ALL, .lang = "fi", .now = TEST_NOW, .search = "kahvila"};
	struct activity_list l;
	char *err = NULL;
	cr_assert(model_list_activities(st, &q, &l, &err), "%s", err);
	bool as_typed = false, memory = false, family = false;
	for (size_t i = 0; i < l.n; i++) {
		as_typed = as_typed || !strcmp(l.v[i].name, "Omaishoitajien kahvila");
		memory = memory || !strcmp(l.v[i].name, "Muistikahvila");
		family = family || !strcmp(l.v[i].name, "Perhekahvila");
	}
	cr_assert(as_typed, "\"kahvila\" does not find Omaishoitajien kahvila");
	cr_assert(memory && family, "\"kahvila\" does not find the compounds beside it");
	cr_assert(strstr(l.v[0].name, " kahvila"), "a compound ranks above the word as typed: %s",
		  l.v[0].name);
	activity_list_free(&l);
}
