/* SPDX-License-Identifier: EUPL-1.2 */
/* Tests of src/util/settings.c: the INI configuration. */
#include "config.h"

#include "helpers.h"
#include "util/opening.h"
#include "util/settings.h"
#include "util/timefmt.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static char *dir;

static void setup(void)
{
	dir = test_tmpdir();
}

static void teardown(void)
{
	test_rmdir(dir);
	free(dir);
}

TestSuite(settings, .init = setup, .fini = teardown);

static bool load(struct settings *c, const char *text, char **err)
{
	char *path = test_path(dir, "aulataulu.conf");
	test_write_file(path, text);
	settings_defaults(c);
	*err = NULL;
	bool ok = settings_load(c, path, err);
	free(path);
	return ok;
}

Test(settings, defaults_are_the_demo)
{
	struct settings c;
	settings_defaults(&c);
	cr_assert_eq(c.n_sources, 3, "the feed, a parish's calendar, the coordinator's sheet");
	cr_assert_str_eq(c.sources[0].format, "demo");
	cr_assert_str_eq(c.sources[1].format, "ical");
	cr_assert_str_eq(c.sources[2].format, "csv");
	cr_assert_eq(c.idle_timeout, 90);
	cr_assert_eq(c.max_size, 16L << 20);
	cr_assert_str_eq(c.language, "fi");
	settings_free(&c);
}

Test(settings, reads_the_design_example)
{
	struct settings c;
	char *err;
	cr_assert(
	    load(
		&c,
		"[kiosk]\nsite = Tuiran hyvinvointikeskus\nmunicipality = 564\n"
		"language = sv\nidle_timeout = 2m\n"
		"[source pohde]\nurl = https://feeds.example.fi/pohde/aulataulu.json\n"
		"format = aulataulu\nfeed_id = pohde\n"
		"public_key = RWTPUhdIDdotHVloHEZz2hNZPCQPJVQAkHCoZzU3i0D3Zr6aCB3P9uVg ; minisign\n"
		"interval = 15m\n"
		"[sync]\nmax_size = 512k\ntimeout = 30\n",
		&err),
	    "%s", err);
	cr_assert_str_eq(c.site, "Tuiran hyvinvointikeskus");
	cr_assert_str_eq(c.language, "sv");
	cr_assert_eq(c.idle_timeout, 120);
	cr_assert_eq(c.n_sources, 1, "a configured source replaces the demo");
	cr_assert_str_eq(c.sources[0].name, "pohde");
	cr_assert_str_eq(c.sources[0].public_key,
			 "RWTPUhdIDdotHVloHEZz2hNZPCQPJVQAkHCoZzU3i0D3Zr6aCB3P9uVg");
	cr_assert_eq(c.sources[0].interval, 900);
	cr_assert_not(c.sources[0].allow_file);
	cr_assert_eq(c.max_size, 512 * 1024);
	cr_assert_eq(c.timeout, 30);
	settings_free(&c);
}

Test(settings, names_the_line_and_the_problem)
{
	struct settings c;
	char *err;
	cr_assert_not(load(&c, "[kiosk]\nlanguage = de\n", &err));
	cr_assert(strstr(err, ":2: [kiosk] language = de: not valid"), "%s", err);
	free(err);
	settings_free(&c);
	cr_assert_not(load(&c, "[kiosk]\nidle_timeout = 1s\n", &err));
	cr_assert(strstr(err, "idle_timeout"), "%s", err);
	free(err);
	settings_free(&c);
	cr_assert_not(load(&c, "[kiosk]\ncolour = blue\n", &err));
	cr_assert(strstr(err, "unknown key \"colour\""), "%s", err);
	free(err);
	settings_free(&c);
	cr_assert_not(load(&c, "[source x]\nformat = aulataulu\n", &err));
	cr_assert(strstr(err, "[source x] has no url"), "%s", err);
	free(err);
	settings_free(&c);
}

Test(settings, a_config_file_is_not_the_demo_lobby)
{
	struct settings c;
	char *err;
	cr_assert(load(&c, "[source x]\nurl = https://example.fi/feed.json\n", &err), "%s", err);
	cr_assert_str_eq(c.site, "Aulataulu");
	cr_assert_null(c.municipality);
	settings_free(&c);
	settings_defaults(&c);
	cr_assert_str_eq(c.municipality, "564");
	settings_free(&c);
}

/* What was silently accepted, or reported on the wrong line. */
Test(settings, refuses_what_would_mislead_the_it_admin)
{
	struct settings c;
	char *err;
	const char *src = "[source x]\nurl = https://example.fi/feed.json\n";
	/* The first error keeps its own line and text. */
	cr_assert_not(
	    load(&c, "[kiosk]\nlanguage = de\ncolour = blue\n[source x]\nurl = a\n", &err));
	cr_assert(strstr(err, ":2: [kiosk] language = de"), "%s", err);
	free(err);
	settings_free(&c);
	cr_assert_not(load(&c, "[kiosk]\nnot a key\ncolour = blue\n", &err));
	cr_assert(strstr(err, ":2: not INI syntax"), "%s", err);
	free(err);
	settings_free(&c);
	/* A long URL is named as a long line, on its own line number. */
	char *long_url = NULL;
	cr_assert(asprintf(&long_url, "[source x]\nurl = https://example.fi/%0500d\n", 0) > 0);
	cr_assert_not(load(&c, long_url, &err));
	cr_assert(strstr(err, ":2: the line is longer than"), "%s", err);
	free(err);
	free(long_url);
	settings_free(&c);
	/* No source: not the fictional demo. */
	cr_assert_not(load(&c, "[kiosk]\nmunicipality = 564\n", &err));
	cr_assert(strstr(err, "no [source NAME] section"), "%s", err);
	free(err);
	settings_free(&c);
	/* Mars has no time zone; a public key must be one. */
	char *text = NULL;
	cr_assert(asprintf(&text, "[kiosk]\ntimezone = Mars/Olympus\n%s", src) > 0);
	cr_assert_not(load(&c, text, &err));
	cr_assert(strstr(err, "timezone = Mars/Olympus: not valid"), "%s", err);
	free(err);
	free(text);
	settings_free(&c);
	cr_assert(asprintf(&text, "[kiosk]\ntimezone = Europe/Helsinki\n%s", src) > 0);
	cr_assert(load(&c, text, &err), "%s", err);
	free(text);
	settings_free(&c);
	cr_assert(asprintf(&text, "%spublic_key = RWQ...\n", src) > 0);
	cr_assert_not(load(&c, text, &err));
	cr_assert(strstr(err, "public_key = RWQ...: not valid"), "%s", err);
	free(err);
	free(text);
	settings_free(&c);
	/* A directory or a device is no configuration file. */
	settings_defaults(&c);
	cr_assert_not(settings_load(&c, dir, &err));
	cr_assert(strstr(err, "not a configuration file"), "%s", err);
	free(err);
	settings_free(&c);
	settings_defaults(&c);
	cr_assert_not(settings_load(&c, "/dev/null", &err));
	cr_assert(strstr(err, "not a configuration file"), "%s", err);
	free(err);
	settings_free(&c);
}

/* At local wall time text (TZ is Helsinki in these tests). */
static int64_t at(const char *text)
{
	int64_t t;
	cr_assert(timefmt_parse(text, &t), "%s", text);
	return t;
}

Test(settings, opening_hours_are_read_and_asked)
{
	setenv("TZ", "Europe/Helsinki", 1);
	tzset();
	struct opening o;
	char why[200];
	cr_assert(opening_parse("ma-pe 7-20, la 9.30-15, su 12:00-24", &o, why, sizeof(why)), "%s",
		  why);
	/* 24.11.2026 is a Tuesday, 28.11 a Saturday, 29.11 a Sunday. */
	cr_assert(opening_is_open(&o, at("2026-11-24T07:00:00+02:00")));
	cr_assert(opening_is_open(&o, at("2026-11-24T19:59:00+02:00")));
	cr_assert_not(opening_is_open(&o, at("2026-11-24T20:00:00+02:00")), "closes at 20");
	cr_assert_not(opening_is_open(&o, at("2026-11-24T06:59:00+02:00")));
	cr_assert_not(opening_is_open(&o, at("2026-11-28T09:29:00+02:00")));
	cr_assert(opening_is_open(&o, at("2026-11-28T09:30:00+02:00")));
	cr_assert(opening_is_open(&o, at("2026-11-29T23:59:00+02:00")), "open to midnight");
	/* Summer time: the wall clock, not UTC, decides. */
	cr_assert(opening_is_open(&o, at("2026-06-01T07:00:00+03:00")));
	cr_assert(opening_parse("la-ma 10-12", &o, why, sizeof(why)), "over the week's end");
	cr_assert(opening_is_open(&o, at("2026-11-30T10:00:00+02:00")), "Monday");
	cr_assert_not(opening_is_open(&o, at("2026-11-24T10:00:00+02:00")), "Tuesday");
	cr_assert(opening_parse(NULL, &o, why, sizeof(why)) && o.always);
	cr_assert(opening_parse("  ", &o, why, sizeof(why)) && o.always);
	static const char *const bad[][2] = {
	    {"ma-pe", "is not days and hours"},	       {"mo-fr 7-20", "is not days and hours"},
	    {"ma 7-25", "is not days and hours"},      {"ma 7.5-9", "is not days and hours"},
	    {"ma 20-7", "not after the opening time"}, {"ma 7-20 x", "is not days and hours"}};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		cr_assert_not(opening_parse(bad[i][0], &o, why, sizeof(why)), "%s", bad[i][0]);
		cr_assert(strstr(why, bad[i][1]), "%s: %s", bad[i][0], why);
		cr_assert(strstr(why, bad[i][0]), "the message names the item: %s", why);
	}
	/* The configuration refuses them with the line. */
	char *conf = test_path(dir, "open.conf"), *err = NULL;
	test_write_file(conf, "[kiosk]\nopen = ma-pe 20-7\n[source a]\nurl = https://x.invalid/\n");
	struct settings c;
	settings_defaults(&c);
	cr_assert_not(settings_load(&c, conf, &err));
	cr_assert(strstr(err, "open.conf:2: [kiosk] open = ma-pe 20-7: not valid"), "%s", err);
	free(err);
	settings_free(&c);
	free(conf);
}

/* A file that sets key of section to value, with what its section needs. */
static char *file_setting(const struct settings_key_info *k, long value)
{
	char *text = NULL;
	const char *source = "[source x]\nurl = https://example.fi/feed.json\n";
	const char *input = "[input x]\nurl = https://example.fi/ryhmat.csv\nformat = csv\n";
	if (!strcmp(k->section, "source NAME"))
		cr_assert(asprintf(&text, "[source x]\nurl = https://example.fi/feed.json\n%s = %ld\n",
				   k->name, value) > 0);
	else if (!strcmp(k->section, "input NAME"))
		cr_assert(asprintf(&text, "%s%s = %ld\n", input, k->name, value) > 0);
	else
		cr_assert(asprintf(&text, "[%s]\n%s = %ld\n%s", k->section, k->name, value,
				   !strcmp(k->section, "publish") ? input : source) > 0);
	return text;
}

/* Every number of the table (config-help, aulataulu.conf(5)) at its
 * bounds: its least and most taken, one less and one more refused, naming
 * the key. */
Test(settings, every_number_is_taken_at_its_bounds_and_refused_past_them)
{
	size_t numbers = 0;
	for (size_t i = 0; i < settings_key_count(); i++) {
		struct settings_key_info k;
		settings_key_at(i, &k);
		if (!k.unit)
			continue;
		numbers++;
		const long values[] = {k.min, k.max, k.min - 1, k.max + 1};
		for (int v = 0; v < 4; v++) {
			if (values[v] < 0)
				continue; /* a negative number is no number here */
			struct settings c;
			char *err = NULL, *text = file_setting(&k, values[v]);
			bool ok = load(&c, text, &err);
			if (v < 2) {
				cr_assert(ok, "%s = %ld refused: %s", k.name, values[v], err);
			} else {
				cr_assert_not(ok, "%s = %ld taken (%ld to %ld)", k.name, values[v],
					      k.min, k.max);
				char want[128];
				snprintf(want, sizeof(want), "%s = %ld: not valid", k.name, values[v]);
				cr_assert(strstr(err, want), "%s", err);
			}
			free(err);
			free(text);
			settings_free(&c);
		}
	}
	cr_assert_geq(numbers, 10, "the table's numbers were not found");
}

/* aulataulu.conf(5) names every key of the table, with its range. */
Test(settings, the_manual_page_names_every_key)
{
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);
	settings_print_man(out);
	fclose(out);
	for (size_t i = 0; i < settings_key_count(); i++) {
		struct settings_key_info k;
		settings_key_at(i, &k);
		char want[128];
		snprintf(want, sizeof(want), ".B %s\n", k.name);
		cr_assert(strstr(text, want), "%s is not in the manual page", k.name);
		if (k.unit) {
			snprintf(want, sizeof(want), "(%ld to %ld", k.min, k.max);
			cr_assert(strstr(text, want), "%s: no range", k.name);
		}
	}
	free(text);
}
