/* SPDX-License-Identifier: EUPL-1.2 */
/* Malformed feeds: every truncation of a valid feed and thousands of
 * seeded random mutations go through the real sync path (a file source);
 * none may crash, and a refused one must leave the cache's content exactly
 * as it was. Prints the counts. */
#include "config.h"

#include "helpers.h"
#include "store/store.h"
#include "sync/sync.h"
#include "util/text.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static char *dir, *feed_path, *good;
static char *empty_cache; /* a data directory with an empty cache.db */
static struct settings cfg;
static struct store *st;
static struct source_config *src;

static void setup(void)
{
	cr_assert(text_init());
	setenv("TZ", "Europe/Helsinki", 1);
	tzset();
	dir = test_memdir();
	feed_path = test_path(dir, "feed.json");
	good = test_read_file(TOP_SRCDIR "/tests/data/minimal-feed.json", NULL);
	cr_assert_not_null(good);
	test_file_source(&cfg, feed_path, "aulataulu");
	src = &cfg.sources[0];
	char *err = NULL;
	st = store_open(dir, STORE_SYNC, &err);
	cr_assert_not_null(st, "%s", err);
	empty_cache = test_memdir();
	struct store *empty = store_open(empty_cache, STORE_SYNC, &err);
	cr_assert_not_null(empty, "%s", err);
	store_close(empty); /* its WAL checkpointed: cache.db alone is whole */
}

static void teardown(void)
{
	store_close(st);
	settings_free(&cfg);
	test_rmdir(dir);
	free(dir);
	test_rmdir(empty_cache);
	free(empty_cache);
	free(feed_path);
	free(good);
}

TestSuite(malformed, .init = setup, .fini = teardown, .timeout = 300);

/* The seeded mutations of a feed: 3,000, or AULATAULU_MUTATIONS (600 in
 * the sanitizer build's make check, where each costs six times as much);
 * each other source format gets a fifth as many. */
static int mutations_wanted(void)
{
	return test_rounds("AULATAULU_MUTATIONS", 3000);
}

static void write_bytes(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	cr_assert_not_null(f, "%s", path);
	cr_assert(fwrite(data, 1, len, f) == len && fclose(f) == 0, "%s", path);
}

/* Applies data as the source's feed; returns the outcome. */
static enum sync_outcome try_feed(const char *data, size_t len)
{
	write_bytes(feed_path, data, len);
	struct sync_result r;
	enum sync_outcome o = sync_source(st, &cfg, src, TEST_NOW, &r);
	sync_result_free(&r);
	return o;
}

/* A new data directory whose cache is the empty one made once: migrating
 * a new cache each time was most of these tests' time. */
static char *fresh_data_dir(void)
{
	char *fresh = test_memdir();
	char *from = test_path(empty_cache, "cache.db"), *to = test_path(fresh, "cache.db");
	size_t len;
	char *bytes = test_read_file(from, &len);
	cr_assert_not_null(bytes, "%s", from);
	write_bytes(to, bytes, len);
	free(bytes);
	free(from);
	free(to);
	return fresh;
}

/* What the cache of a fresh data directory holds after importing the feed
 * file as it is now: what an import over older data must leave too. */
static char *content_of_a_fresh_import(void)
{
	char *fresh = fresh_data_dir(), *err = NULL;
	struct store *s = store_open(fresh, STORE_SYNC, &err);
	cr_assert_not_null(s, "%s", err);
	struct sync_result r;
	cr_assert_eq(sync_source(s, &cfg, src, TEST_NOW, &r), SYNC_APPLIED, "%s",
		     r.diag.error ? r.diag.error : "");
	sync_result_free(&r);
	store_close(s);
	char *content = test_cache_content(fresh);
	test_rmdir(fresh);
	free(fresh);
	return content;
}

/* After an import over older data: the cache holds what a fresh one would. */
static void assert_as_if_fresh(const char *what)
{
	char *fresh = content_of_a_fresh_import(), *here = test_cache_content(dir);
	cr_assert_str_eq(here, fresh,
			 "%s: the import over older data differs from one into an empty cache",
			 what);
	free(fresh);
	free(here);
}

/* The good feed with sequence 7, applied: what refusals must keep. */
static char *baseline(void)
{
	char *seq7 = test_replace(strdup(good), "\"sequence\": 5", "\"sequence\": 7");
	cr_assert_eq(try_feed(seq7, strlen(seq7)), SYNC_APPLIED);
	free(seq7);
	return test_cache_fingerprint(dir);
}

Test(malformed, every_truncation_is_refused_and_changes_nothing)
{
	char *before = baseline();
	/* Sequence 8, so that a truncation that still parsed would apply. */
	char *next = test_replace(strdup(good), "\"sequence\": 5", "\"sequence\": 8");
	size_t len = strlen(next), refused = 0;
	for (size_t cut = 0; cut < len - 2; cut++) {
		enum sync_outcome o = try_feed(next, cut);
		cr_assert_eq(o, SYNC_FAILED, "a feed cut at %zu bytes was not refused", cut);
		refused++;
		char *after = test_cache_fingerprint(dir);
		cr_assert_str_eq(before, after, "the feed cut at %zu bytes changed the cache", cut);
		free(after);
	}
	cr_assert_eq(refused, len - 2);
	printf("malformed: %zu truncations tried, %zu refused, 0 crashes, 0 cache changes\n",
	       len - 2, refused);
	free(before);
	free(next);
}

/* One seeded mutation of text: flipped bits, wrong types, huge strings,
 * deep nesting, bad dates, deleted or duplicated spans. */
static char *mutate(const char *text, unsigned *seed, size_t *out_len)
{
	size_t len = strlen(text);
	char *s = malloc(len + 1);
	memcpy(s, text, len + 1);
	int kind = rand_r(seed) % 8;
	size_t at = (size_t)rand_r(seed) % len;
	switch (kind) {
	case 0: /* bit flips */
		for (int i = 0; i < 1 + rand_r(seed) % 8; i++)
			s[(size_t)rand_r(seed) % len] ^= (char)(1 << (rand_r(seed) % 8));
		break;
	case 1: /* a span deleted */
		memmove(s + at, s + at + (len - at) / 3, len - at - (len - at) / 3 + 1);
		break;
	case 2:
		s = test_replace(s, "\"fi\": \"", "\"fi\": 12, \"x\": \"");
		break;
	case 3: {
		static const char *const dates[] = {"2026-02-30T10:00:00Z", "9999-99-99T99:99:99Z",
						    "2026-11-24T18:00:00+25:00", "", "0"};
		s = test_replace(s, "2026-11-24T18:00:00+02:00", dates[rand_r(seed) % 5]);
		break;
	}
	case 4: { /* a huge string */
		size_t big = 100000 + (size_t)rand_r(seed) % 100000;
		char *huge = malloc(big + 3);
		huge[0] = '"';
		memset(huge + 1, 'a' + rand_r(seed) % 26, big);
		huge[big + 1] = '"';
		huge[big + 2] = '\0';
		s = test_replace(s, "\"Vertaisryhmä\"", huge);
		free(huge);
		break;
	}
	case 5: { /* 5,000-deep nesting in place of a value */
		char *deep = malloc(10001);
		memset(deep, '[', 5000);
		memset(deep + 5000, ']', 5000);
		deep[10000] = '\0';
		s = test_replace(s, "true", deep);
		free(deep);
		break;
	}
	case 6: /* types swapped */
		s = test_replace(s, "[", "{");
		break;
	default: /* a random byte range overwritten with random bytes */
		for (size_t i = at; i < len && i < at + 16; i++)
			s[i] = (char)rand_r(seed);
		break;
	}
	*out_len = strlen(s);
	return s;
}

Test(malformed, seeded_mutations_never_crash_and_refusals_change_nothing)
{
	char *before = baseline();
	char *next = test_replace(strdup(good), "\"sequence\": 5", "\"sequence\": 8");
	unsigned seed = 20261123;
	size_t tried = 0, refused = 0, applied = 0;
	int wanted = mutations_wanted();
	for (int i = 0; i < wanted; i++) {
		size_t len;
		char *m = mutate(next, &seed, &len);
		enum sync_outcome o = try_feed(m, len);
		tried++;
		if (o == SYNC_APPLIED) {
			/* Still a valid feed: it may apply, as it would into an
			 * empty cache. Start again from the baseline. */
			char what[32];
			snprintf(what, sizeof(what), "mutation %d", i);
			assert_as_if_fresh(what);
			applied++;
			char *again =
			    test_replace(strdup(good), "\"sequence\": 5", "\"sequence\": 7");
			store_close(st);
			test_rmdir(dir);
			dir = fresh_data_dir();
			free(feed_path);
			feed_path = test_path(dir, "feed.json");
			free(src->url);
			cr_assert(asprintf(&src->url, "file://%s", feed_path) > 0);
			char *err = NULL;
			st = store_open(dir, STORE_SYNC, &err);
			cr_assert_eq(try_feed(again, strlen(again)), SYNC_APPLIED);
			free(again);
			/* A new file, a new Last-Modified: a new baseline. */
			free(before);
			before = test_cache_fingerprint(dir);
		} else {
			cr_assert_eq(o, SYNC_FAILED, "mutation %d neither applied nor refused", i);
			refused++;
			char *after = test_cache_fingerprint(dir);
			cr_assert_str_eq(before, after, "mutation %d changed the cache", i);
			free(after);
		}
		free(m);
	}
	char *after = test_cache_fingerprint(dir);
	cr_assert_str_eq(before, after);
	printf("malformed: %zu mutations tried, %zu refused, %zu still valid and applied "
	       "(each as into an empty cache), 0 crashes, 0 cache changes on refusal\n",
	       tried, refused, applied);
	free(after);
	free(before);
	free(next);
}

/* One seeded mutation of any text, as disks, proxies and hand edits make
 * them: flipped bits, a span deleted or doubled, random bytes, a huge
 * line, line ends swapped, a stray quote or angle bracket. */
static char *mutate_bytes(const char *text, size_t len, unsigned *seed, size_t *out_len)
{
	size_t big = 70000, room = len * 2 + big + 16;
	char *s = malloc(room);
	memcpy(s, text, len);
	size_t n = len, at = (size_t)rand_r(seed) % len, span = 1 + (size_t)rand_r(seed) % 64;
	if (span > n - at)
		span = n - at;
	switch (rand_r(seed) % 7) {
	case 0:
		for (int i = 0; i < 1 + rand_r(seed) % 8; i++)
			s[(size_t)rand_r(seed) % n] ^= (char)(1 << (rand_r(seed) % 8));
		break;
	case 1: /* a span deleted */
		memmove(s + at, s + at + span, n - at - span);
		n -= span;
		break;
	case 2: /* a span doubled */
		memmove(s + at + span, s + at, n - at);
		n += span;
		break;
	case 3:
		for (size_t i = at; i < at + span; i++)
			s[i] = (char)rand_r(seed);
		break;
	case 4: /* a huge line */
		memmove(s + at + big, s + at, n - at);
		memset(s + at, 'a' + rand_r(seed) % 26, big);
		n += big;
		break;
	case 5: /* CRLF for LF and back */
		for (size_t i = 0, o = 0; i < len; i++) {
			if (text[i] == '\r')
				continue;
			if (text[i] == '\n' && rand_r(seed) % 2)
				s[o++] = '\r';
			s[o++] = text[i];
			n = o;
		}
		break;
	default: {
		static const char strays[] = "\"<>&;,\\";
		s[at] = strays[rand_r(seed) % (sizeof(strays) - 1)];
	}
	}
	*out_len = n;
	return s;
}

/* The spreadsheet, calendar, news and Linked Events adapters through the real
 * sync path, 600 seeded mutations each (a fifth of mutations_wanted): none
 * crashes, and every one
 * refused leaves the cache exactly as it was (one that still reads
 * applies as a new version of the source). */
Test(malformed, seeded_mutations_of_every_source_format)
{
	static const struct {
		const char *format, *file;
	} sources[] = {{"csv", "data/activities-template.csv"},
		       {"ical", "tests/fuzz/corpus/ical/outlook.ics"},
		       {"rss", "tests/fuzz/corpus/rss/rss2.xml"},
		       {"linkedevents", "tests/fuzz/corpus/linkedevents/one-page.json"}};
	for (size_t k = 0; k < sizeof(sources) / sizeof(*sources); k++) {
		char *path = test_path(TOP_SRCDIR, sources[k].file);
		size_t len;
		char *text = test_read_file(path, &len);
		cr_assert_not_null(text, "%s is missing", path);
		free(src->format);
		src->format = strdup(sources[k].format);
		unsigned seed = (20261130u + (unsigned)k) *
				2654435761u; /* apart: rand_r of near seeds is alike */
		size_t refused = 0, applied = 0, unchanged = 0;
		int wanted = mutations_wanted() / 5;
		for (int i = 0; i < wanted; i++) {
			size_t n;
			char *m = mutate_bytes(text, len, &seed, &n);
			char *before = test_cache_fingerprint(dir);
			enum sync_outcome o = try_feed(m, n);
			if (o == SYNC_FAILED || o == SYNC_UNCHANGED) {
				char *after = test_cache_fingerprint(dir);
				cr_assert_str_eq(before, after, "%s mutation %d changed the cache",
						 sources[k].format, i);
				free(after);
			}
			if (o == SYNC_APPLIED) {
				char what[64];
				snprintf(what, sizeof(what), "%s mutation %d", sources[k].format,
					 i);
				assert_as_if_fresh(what);
			}
			refused += o == SYNC_FAILED;
			applied += o == SYNC_APPLIED;
			unchanged += o == SYNC_UNCHANGED;
			free(before);
			free(m);
		}
		cr_assert_eq(refused + applied + unchanged, (size_t)wanted);
		printf("malformed: %s: %d mutations, %zu refused (cache unchanged), %zu applied "
		       "(each as into an empty cache), %zu the same as before, 0 crashes\n",
		       sources[k].format, wanted, refused, applied, unchanged);
		free(text);
		free(path);
	}
}

/* A value of a JSON document, by its container and its key or index. */
struct leaf {
	json_t *container;
	const char *key; /* NULL: index in an array */
	size_t index;
};

/* The first leaf of every distinct field of v (its path without array
 * indexes, in shape), into leaves and shapes (n of them, room for max). */
static void collect_fields(json_t *v, const char *path, struct leaf *leaves, char **shapes,
			   size_t *n, size_t max)
{
	const char *key;
	json_t *child;
	size_t i;
	char sub[512];
	if (json_is_object(v)) {
		json_object_foreach(v, key, child)
		{
			snprintf(sub, sizeof(sub), "%s.%s", path, key);
			if (!json_is_object(child) && !json_is_array(child)) {
				bool seen = false;
				for (size_t k = 0; k < *n && !seen; k++)
					seen = !strcmp(shapes[k], sub);
				if (!seen && *n < max) {
					leaves[*n] = (struct leaf){v, key, 0};
					shapes[(*n)++] = strdup(sub);
				}
			}
			collect_fields(child, sub, leaves, shapes, n, max);
		}
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, child)
		{
			snprintf(sub, sizeof(sub), "%s[]", path);
			if (!json_is_object(child) && !json_is_array(child)) {
				bool seen = false;
				for (size_t k = 0; k < *n && !seen; k++)
					seen = !strcmp(shapes[k], sub);
				if (!seen && *n < max) {
					leaves[*n] = (struct leaf){v, NULL, i};
					shapes[(*n)++] = strdup(sub);
				}
			}
			collect_fields(child, sub, leaves, shapes, n, max);
		}
	}
}

static json_t *leaf_get(const struct leaf *l)
{
	return l->key ? json_object_get(l->container, l->key)
		      : json_array_get(l->container, l->index);
}

static void leaf_set(const struct leaf *l, json_t *value)
{
	if (l->key)
		json_object_set(l->container, l->key, value);
	else
		json_array_set(l->container, l->index, value);
}

/* Another value of the same kind: a string longer, a number one more, a
 * truth value turned. */
static json_t *changed_value(json_t *v)
{
	if (json_is_string(v)) {
		char *s;
		cr_assert(asprintf(&s, "%s muutettu", json_string_value(v)) > 0);
		json_t *out = json_string(s);
		free(s);
		return out;
	}
	if (json_is_integer(v))
		return json_integer(json_integer_value(v) + 1);
	if (json_is_real(v))
		return json_real(json_real_value(v) + 1);
	if (json_is_boolean(v))
		return json_boolean(!json_is_true(v));
	return json_string("muutettu");
}

/* Applies doc with sequence seq as the source's feed. */
static enum sync_outcome try_document(json_t *doc, int64_t seq)
{
	json_object_set_new(json_object_get(doc, "feed"), "sequence", json_integer(seq));
	char *text = json_dumps(doc, JSON_COMPACT);
	enum sync_outcome o = try_feed(text, strlen(text));
	free(text);
	return o;
}

/* Each distinct field of the demo feed (by its path, array indexes left
 * out), changed where it first appears: an import over the cache of the
 * unchanged feed leaves what an import into an empty cache does (so an
 * activity's digest covers every field it is written from), and the
 * unchanged feed imported again brings the old content back. */
Test(malformed, a_change_to_any_field_reaches_an_import_over_older_data)
{
	char *text = test_demo_feed(TEST_NOW);
	json_t *doc = json_loads(text, 0, NULL);
	cr_assert_not_null(doc);
	free(text);
	enum { MAX_FIELDS = 1000 };
	struct leaf *leaves = calloc(MAX_FIELDS, sizeof(*leaves));
	char **shapes = calloc(MAX_FIELDS, sizeof(*shapes));
	size_t n = 0;
	collect_fields(doc, "", leaves, shapes, &n, MAX_FIELDS);
	cr_assert_lt(n, MAX_FIELDS);
	int64_t seq = 100;
	cr_assert_eq(try_document(doc, seq++), SYNC_APPLIED);
	char *original = test_cache_content(dir);
	size_t tried = 0, applied = 0, refused = 0;
	for (size_t i = 0; i < n; i++) {
		/* The header says which feed and version this is: not content. */
		static const char *const header[] = {".format", ".format_version", ".feed.id",
						     ".feed.sequence", ".feed.generated_at"};
		bool skip = false;
		for (size_t h = 0; h < sizeof(header) / sizeof(*header); h++)
			skip = skip || !strcmp(shapes[i], header[h]);
		if (skip)
			continue;
		tried++;
		json_t *old = json_incref(leaf_get(&leaves[i]));
		json_t *value = changed_value(old);
		leaf_set(&leaves[i], value);
		json_decref(value);
		enum sync_outcome o = try_document(doc, seq++);
		cr_assert(o == SYNC_APPLIED || o == SYNC_FAILED, "%s: outcome %d", shapes[i], o);
		if (o == SYNC_APPLIED) {
			applied++;
			char what[600];
			snprintf(what, sizeof(what), "%s changed", shapes[i]);
			assert_as_if_fresh(what);
		} else {
			refused++;
		}
		leaf_set(&leaves[i], old);
		json_decref(old);
		cr_assert_eq(try_document(doc, seq++), SYNC_APPLIED);
		char *back = test_cache_content(dir);
		cr_assert_str_eq(back, original, "%s changed back: the old content is not back",
				 shapes[i]);
		free(back);
	}
	/* Most changes keep a valid feed; refusals are for values that must
	 * be of a kind (dates, ids that others refer to). */
	cr_assert_gt(applied, tried / 2, "only %zu of %zu changed fields applied", applied, tried);
	printf("malformed: %zu fields of the demo feed changed one at a time: %zu applied over "
	       "the old data as into an empty cache, %zu refused, each changed back whole\n",
	       tried, applied, refused);
	for (size_t i = 0; i < n; i++)
		free(shapes[i]);
	free(shapes);
	free(leaves);
	free(original);
	json_decref(doc);
}
