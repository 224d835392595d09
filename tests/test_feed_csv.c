/* SPDX-License-Identifier: EUPL-1.2 */
/* Tests of the spreadsheet source (src/feed/feed_csv.c, csv_rows.c, when_text.c):
 * the shipped template, files as LibreOffice and Excel save them, a
 * report for each bad row, and the real sync path of a csv source. */
#include "config.h"

#include "feed/feed_csv.h"
#include "helpers.h"
#include "store/store.h"
#include "sync/sync.h"
#include "util/text.h"

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

TestSuite(feed_csv, .init = setup);

static struct feed *parse(const char *text, struct diag *d)
{
	*d = (struct diag){0};
	return feed_csv_parse(text, strlen(text), TEST_NOW, d);
}

static const char *organizer_name(const struct feed *f, const char *id)
{
	for (size_t i = 0; i < f->n_organizations; i++)
		if (!strcmp(f->organizations[i].id, id))
			return f->organizations[i].name.fi;
	return NULL;
}

/* data/activities-template.csv, as shipped: UTF-8 with a BOM, semicolons,
 * CRLF, Finnish column names, one of each kind of schedule. */
Test(feed_csv, the_template_reads_as_five_activities_without_a_problem)
{
	size_t len;
	char *text = test_read_file(TOP_SRCDIR "/data/activities-template.csv", &len);
	cr_assert_not_null(text);
	cr_assert(!memcmp(text, "\xEF\xBB\xBF", 3), "the template keeps its BOM for Excel");
	struct diag d = {0};
	struct feed *f = feed_csv_parse(text, len, TEST_NOW, &d);
	cr_assert_not_null(f, "%s", d.error);
	cr_assert_eq(d.n_warnings, 0, "%s", d.n_kept ? d.warnings[0] : "");
	cr_assert_null(d.note, "UTF-8 is not worth a note");
	cr_assert_eq(f->n_activities, 5);

	const struct feed_activity *a = test_activity(f, "omaishoitajat-tiistai");
	cr_assert_str_eq(a->name.fi, "Omaishoitajien vertaisryhmä");
	cr_assert_str_eq(a->name.sv, "Kamratgrupp för närståendevårdare");
	cr_assert_str_eq(a->description.fi, "Keskustelua ja tukea toisilta omaishoitajilta.\n"
					    "Kahvitarjoilu.");
	cr_assert_str_eq(organizer_name(f, a->organizer_id), "Oulun seudun omaishoitajat ry");
	cr_assert_str_eq(a->schedule.rrule, "FREQ=WEEKLY;BYDAY=TU");
	cr_assert_str_eq(a->schedule.dtstart, "2026-09-01T18:00:00");
	cr_assert_str_eq(a->schedule.duration, "PT1H30M");
	cr_assert_eq(a->schedule.exdates.n, 2);
	cr_assert_str_eq(a->schedule.exdates.v[1], "2026-12-29T18:00:00");
	cr_assert(test_has(&a->keywords, "yso:p12878"));
	cr_assert(test_has(&a->audience, "aulataulu:omaishoitajat"));
	cr_assert(a->has_offers && a->is_free);
	cr_assert_str_eq(a->phone, "040 123 4567");
	cr_assert_str_eq(a->info_url, "https://omaishoitajat.example.fi/ryhmat");

	a = test_activity(f, "muistikahvila"); /* every other Wednesday from 2.9. */
	cr_assert_str_eq(a->schedule.rrule,
			 "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;UNTIL=20270531T235959");
	cr_assert_str_eq(a->schedule.dtstart, "2026-09-02T13:00:00");
	cr_assert(test_has(&a->keywords, "aulataulu:muisti") &&
		  test_has(&a->audience, "yso:p2433"));

	a = test_activity(f, "kuukausikuoro"); /* the first Thursday of the month */
	cr_assert_str_eq(a->schedule.rrule, "FREQ=MONTHLY;BYDAY=1TH");
	cr_assert_str_eq(a->schedule.dtstart, "2026-12-03T10:00:00", "from today on");
	cr_assert(a->has_offers && !a->is_free);
	cr_assert_str_eq(a->price.fi, "5 € / kerta");
	cr_assert_str_eq(a->type, "hobby");

	a = test_activity(f, "joulukonsertti"); /* one date */
	cr_assert_eq(a->n_occurrences, 1);
	cr_assert_eq(a->occurrences[0].start, TEST_NOW + 19 * 86400 + 9 * 3600);
	cr_assert_eq(a->occurrences[0].end, a->occurrences[0].start + 2 * 3600);
	cr_assert_null(a->schedule.rrule);
	cr_assert(test_has(&a->keywords, "aulataulu:kulttuuri"), "a topic by its id's word");

	a = test_activity(f, "nuorten-chat"); /* no dates: shown while valid */
	cr_assert_null(a->schedule.rrule);
	cr_assert_eq(a->n_occurrences, 0);
	cr_assert_gt(a->valid_from, 0);
	cr_assert_gt(a->valid_until, a->valid_from);
	cr_assert_null(a->place_id);
	feed_free(f);
	diag_clear(&d);
	free(text);
}

/* Excel's plain "CSV" on a Finnish Windows: Windows-1252, semicolons. */
Test(feed_csv, windows_1252_is_read_and_said)
{
	const char text[] = "nimi;j\xe4rjest\xe4j\xe4;viikonp\xe4iv\xe4;alkaa\r\n"
			    "K\xe4sity\xf6piiri;Kyl\xe4yhdistys \x96 Liminka;ma;10\r\n";
	struct diag d;
	struct feed *f = parse(text, &d);
	cr_assert_not_null(f, "%s", d.error);
	cr_assert_eq(f->n_activities, 1, "%s", d.n_kept ? d.warnings[0] : "");
	cr_assert_str_eq(f->activities[0].name.fi, "Käsityöpiiri");
	cr_assert_str_eq(organizer_name(f, f->activities[0].organizer_id),
			 "Kyläyhdistys – Liminka");
	cr_assert_not_null(d.note);
	cr_assert(strstr(d.note, "Windows-1252"), "%s", d.note);
	feed_free(f);
	diag_clear(&d);
}

/* The separator is what the first row uses: LibreOffice's comma, a
 * Finnish Excel's semicolon, a tab. Commas inside quotes do not count. */
Test(feed_csv, the_separator_is_what_the_first_row_uses)
{
	static const char *const texts[] = {
	    "name_fi,organizer,weekday,start\n\"Kuoro, seniorit\",Seurakunta,to,10\n",
	    "name_fi;organizer;weekday;start\nKuoro, seniorit;Seurakunta;to;10\n",
	    "name_fi\torganizer\tweekday\tstart\nKuoro, seniorit\tSeurakunta\tto\t10\n",
	};
	for (size_t i = 0; i < 3; i++) {
		struct diag d;
		struct feed *f = parse(texts[i], &d);
		cr_assert_not_null(f, "%s", d.error);
		cr_assert_eq(f->n_activities, 1, "text %zu", i);
		cr_assert_str_eq(f->activities[0].name.fi, "Kuoro, seniorit", "text %zu", i);
		cr_assert_str_eq(f->activities[0].schedule.rrule, "FREQ=WEEKLY;BYDAY=TH");
		feed_free(f);
		diag_clear(&d);
	}
}

/* Each bad row is reported by its row and column and skipped; the others
 * are kept. An unknown topic or a bad web address only loses that cell. */
Test(feed_csv, a_bad_row_is_named_by_row_and_column_and_skipped)
{
	const char text[] = "name_fi;organizer;weekday;start;end;repeat;date;from;topics;url;id\n"
			    "Hyvä;Yhdistys;ti;18;19;;;;;;\n"
			    "Väärä päivä;Yhdistys;tiistaina x;18;;;;;;;\n"
			    "Väärä aika;Yhdistys;ti;25.00;;;;;;;\n"
			    "Ei järjestäjää;;ti;18;;;;;;;\n"
			    "Molemmat;Yhdistys;ti;18;;;1.12.2026;;;;\n"
			    "Joka toinen;Yhdistys;ti;18;;joka toinen viikko;;;;;\n"
			    "Takaperin;Yhdistys;ti;18;17;;;;;;\n"
			    "Ei aikaa;Yhdistys;ti;;;;;;;;\n"
			    "Outo aihe;Yhdistys;;;;;;;Liikunta, Sukellus;ftp://x;\n"
			    "Sama;Yhdistys;;;;;;;;;sama\n"
			    "Sama taas;Yhdistys;;;;;;;;;sama\n"
			    ";;;;;;;;;;\n";
	struct diag d;
	struct feed *f = parse(text, &d);
	cr_assert_not_null(f, "%s", d.error);
	static const char *const expected[] = {
	    "row 3, column weekday: not a weekday",
	    "row 4, column start: \"25.00\" is not a time of day",
	    "row 5, column organizer: no organiser (row skipped)",
	    "row 6, column date: give a date or a weekday, not both (row skipped)",
	    "row 7, column from: every other week needs its first date",
	    "row 8, column end: ends before it starts (row skipped)",
	    "row 9, column start: a date or a weekday needs a start time (row skipped)",
	    "row 10, column topics: \"Sukellus\" is not a topic or life situation of Aulataulu "
	    "(ignored)",
	    "row 10, column url: not a web address (https://...) (ignored)",
	    "row 12, column id: the same id as an earlier row (row skipped)",
	};
	size_t n = sizeof(expected) / sizeof(*expected);
	cr_assert_eq(d.n_warnings, n);
	for (size_t i = 0; i < n; i++)
		cr_assert(!strncmp(d.warnings[i], expected[i], strlen(expected[i])),
			  "warning %zu: \"%s\"", i, d.warnings[i]);
	cr_assert_eq(f->n_activities, 3, "the good row, the odd topic's, the first \"sama\"");
	const struct feed_activity *odd = test_activity(f, "outo-aihe");
	cr_assert_eq(odd->keywords.n, 1);
	cr_assert_str_eq(odd->keywords.v[0], "aulataulu:liikunta");
	cr_assert_null(odd->info_url);
	feed_free(f);
	diag_clear(&d);
}

/* What is no table of activities at all is refused as a whole. */
Test(feed_csv, a_file_that_is_no_table_is_refused)
{
	static const struct {
		const char *text;
		size_t len;
		const char *why;
	} cases[] = {
	    {"\xFF\xFEn\0a\0m\0e\0", 10, "UTF-16"},
	    {"nimi;järjestäjä\n\"Kuoro;Seurakunta\n", 0, "quoted cell"},
	    {"otsikko;paikka\nKuoro;Kirkko\n", 0, "name the columns"},
	    {"nimi\n\x81\x8d\x8f\x90\n", 0, "neither UTF-8 nor Windows-1252"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct diag d = {0};
		size_t len = cases[i].len ? cases[i].len : strlen(cases[i].text);
		struct feed *f = feed_csv_parse(cases[i].text, len, TEST_NOW, &d);
		cr_assert_null(f, "case %zu was read", i);
		cr_assert_not_null(d.error);
		cr_assert(strstr(d.error, cases[i].why), "case %zu: %s", i, d.error);
		diag_clear(&d);
	}
}

/* How people fill a spreadsheet: English column names in any case,
 * padded cells, weekdays written out in Swedish, "klo", the last weekday
 * of the month, holidays, ids made from names. */
Test(feed_csv, cells_are_read_as_people_write_them)
{
	const char text[] = "Name FI,ORGANIZER,Weekday,Start,End,Repeat,Except,Life situations\n"
			    "  Lauluhetki  , Seurakunta ,Tisdag och torsdag,klo 9.30,10.15,,"
			    "\"24.12.2026, 31.12.2026\",\"ikaantyneet / Barnfamiljer\"\n"
			    "Lauluhetki,Seurakunta,Sö,12,,sista,,\n";
	struct diag d;
	struct feed *f = parse(text, &d);
	cr_assert_not_null(f, "%s", d.error);
	cr_assert_eq(d.n_warnings, 0, "%s", d.n_kept ? d.warnings[0] : "");
	const struct feed_activity *a = test_activity(f, "lauluhetki");
	cr_assert_str_eq(a->name.fi, "Lauluhetki");
	cr_assert_str_eq(organizer_name(f, a->organizer_id), "Seurakunta");
	cr_assert_str_eq(a->schedule.rrule, "FREQ=WEEKLY;BYDAY=TU,TH");
	cr_assert_str_eq(a->schedule.dtstart, "2026-11-24T09:30:00", "today is a Tuesday");
	cr_assert_str_eq(a->schedule.duration, "PT0H45M");
	cr_assert_eq(a->schedule.exdates.n, 2);
	cr_assert(test_has(&a->audience, "yso:p2433") &&
		  test_has(&a->audience, "aulataulu:lapsiperheet"));
	a = test_activity(f, "lauluhetki-3"); /* the same name: the row's number */
	cr_assert_str_eq(a->schedule.rrule, "FREQ=MONTHLY;BYDAY=-1SU");
	cr_assert_str_eq(a->schedule.dtstart, "2026-11-29T12:00:00");
	cr_assert_null(a->schedule.duration);
	feed_free(f);
	diag_clear(&d);
}

/* A description pasted from a web page: its text, with a warning. */
Test(feed_csv, html_in_a_cell_becomes_its_text)
{
	struct diag d;
	struct feed *f = parse("nimi;järjestäjä;kuvaus\nKuoro;Seura;\"<p>Laulamme <b>yhdessä</b>."
			       "</p><p>Tervetuloa!</p>\"\n",
			       &d);
	cr_assert_not_null(f, "%s", d.error);
	cr_assert_str_eq(f->activities[0].description.fi, "Laulamme yhdessä.\nTervetuloa!");
	cr_assert_eq(d.n_warnings, 1);
	cr_assert_str_eq(d.warnings[0], "row 2, column kuvaus: HTML made plain text");
	feed_free(f);
	diag_clear(&d);
}

/* Ids made from names stay whole UTF-8 and distinct: two rows with the
 * same long name, names that share their first 80 letters, a name with
 * no letter at all. (A long name once made the same id forever: the
 * fuzzer's out-of-memory case, tests/fuzz/corpus/csv.) */
Test(feed_csv, ids_made_from_names_are_whole_and_distinct)
{
	char name[200], text[2048];
	memset(name, 0, sizeof(name));
	for (size_t i = 0; strlen(name) + 4 < 150; i++)
		strcat(name, "Öljy ");
	snprintf(text, sizeof(text),
		 "nimi;järjestäjä\n%s;Seura\n%s;Seura\n%s jatkuu;Seura\n???;Seura\n", name, name,
		 name);
	struct diag d;
	struct feed *f = parse(text, &d);
	cr_assert_not_null(f, "%s", d.error);
	cr_assert_eq(d.n_warnings, 0, "%s", d.n_kept ? d.warnings[0] : "");
	cr_assert_eq(f->n_activities, 4);
	for (size_t i = 0; i < f->n_activities; i++) {
		const char *id = f->activities[i].id;
		char *clean = text_clean(id, strlen(id), TEXT_LINE);
		cr_assert_str_eq(clean, id, "id %zu is not whole UTF-8", i);
		free(clean);
		for (size_t k = 0; k < i; k++)
			cr_assert_str_neq(f->activities[k].id, id);
	}
	cr_assert_str_eq(f->activities[3].id, "???");
	feed_free(f);
	diag_clear(&d);
}

/* The real sync path of a csv source (a file): applied, unchanged while
 * the file is, applied again when it changes; a file refused as a whole
 * leaves the cache exactly as it was. */
Test(feed_csv, a_csv_source_syncs_and_a_refused_file_changes_nothing)
{
	char *dir = test_memdir(), *path = test_path(dir, "ryhmat.csv");
	struct settings cfg;
	struct store *s = test_open_file_source(dir, path, "csv", &cfg);
	struct source_config *src = &cfg.sources[0];
	struct sync_result r;
	test_write_file(path, "nimi;järjestäjä;viikonpäivä;alkaa\nKuoro;Seurakunta;to;10\n");
	cr_assert_eq(sync_source(s, &cfg, src, TEST_NOW, &r), SYNC_APPLIED, "%s", r.diag.error);
	cr_assert_eq(r.sequence, 1);
	sync_result_free(&r);
	cr_assert_eq(sync_source(s, &cfg, src, TEST_NOW + 60, &r), SYNC_UNCHANGED);
	sync_result_free(&r);
	test_write_file(path, "nimi;järjestäjä;viikonpäivä;alkaa\nKuoro;Seurakunta;to;10\n"
			      "Jumppa;Eläkeläiset;ma;9\n");
	cr_assert_eq(sync_source(s, &cfg, src, TEST_NOW + 120, &r), SYNC_APPLIED);
	cr_assert_eq(r.sequence, 2);
	cr_assert_eq(r.activities, 2);
	sync_result_free(&r);
	char *before = test_cache_fingerprint(dir);
	test_write_file(path, "nimi;järjestäjä\n\"Kuoro;Seurakunta\n");
	cr_assert_eq(sync_source(s, &cfg, src, TEST_NOW + 180, &r), SYNC_FAILED);
	cr_assert(strstr(r.diag.error, "quoted cell"), "%s", r.diag.error);
	sync_result_free(&r);
	char *after = test_cache_fingerprint(dir);
	cr_assert_str_eq(before, after);
	/* The file as it was before: still the one applied. A day after it
	 * was applied it is read again, its schedules expanded afresh. */
	test_write_file(path, "nimi;järjestäjä;viikonpäivä;alkaa\nKuoro;Seurakunta;to;10\n"
			      "Jumppa;Eläkeläiset;ma;9\n");
	cr_assert_eq(sync_source(s, &cfg, src, TEST_NOW + 240, &r), SYNC_UNCHANGED);
	sync_result_free(&r);
	cr_assert_eq(sync_source(s, &cfg, src, TEST_NOW + 120 + 86400, &r), SYNC_APPLIED);
	cr_assert_eq(r.sequence, 3);
	sync_result_free(&r);
	free(before);
	free(after);
	store_close(s);
	settings_free(&cfg);
	test_rmdir(dir);
	free(dir);
	free(path);
}

/* Every cut of the template through the real sync path: a cut inside a
 * quoted cell is refused and changes nothing; any other is fewer rows. */
Test(feed_csv, every_truncation_of_the_template_is_refused_or_fewer_rows, .timeout = 120)
{
	size_t len;
	char *text = test_read_file(TOP_SRCDIR "/data/activities-template.csv", &len);
	cr_assert_not_null(text);
	char *dir = test_memdir(), *path = test_path(dir, "t.csv");
	struct settings cfg;
	struct store *s = test_open_file_source(dir, path, "csv", &cfg);
	size_t refused = test_sync_every_cut(s, &cfg, dir, path, text, len);
	cr_assert_gt(refused, 0);
	cr_assert_lt(refused, len, "most cuts are whole rows fewer");
	printf("feed_csv: %zu truncations: %zu refused (cache unchanged), %zu applied\n", len,
	       refused, len - refused);
	store_close(s);
	settings_free(&cfg);
	test_rmdir(dir);
	free(dir);
	free(path);
	free(text);
}

/* A UTF-8 BOM before a format 1 feed (Windows editors write one). */
Test(feed_csv, a_bom_before_a_format_1_feed_is_no_problem)
{
	size_t len;
	char *feed = test_read_file(TOP_SRCDIR "/tests/data/minimal-feed.json", &len);
	cr_assert_not_null(feed);
	char *with_bom = malloc(len + 4);
	memcpy(with_bom, "\xEF\xBB\xBF", 3);
	memcpy(with_bom + 3, feed, len + 1);
	struct diag d = {0};
	struct feed *f = sync_parse("aulataulu", with_bom, len + 3, TEST_NOW, NULL, &d);
	cr_assert_not_null(f, "%s", d.error);
	feed_free(f);
	diag_clear(&d);
	free(with_bom);
	free(feed);
}

/* A spreadsheet saved as "CSV UTF-8" (its BOM) with one stray byte: the
 * BOM says UTF-8, so only that cell loses the byte, with its row and
 * column; no header becomes unknown, no row is lost. A NUL in a cell no
 * longer cuts the cell's text short. */
Test(feed_csv, a_stray_byte_costs_its_cell_not_the_file)
{
	size_t len;
	char *text = test_read_file(TOP_SRCDIR "/data/activities-template.csv", &len);
	cr_assert_not_null(text);
	char *at = strstr(text, "Muistikahvila;Minneskaf");
	cr_assert_not_null(at);
	size_t off = (size_t)(at - text) + strlen("Muistikahvila");
	char *broken = malloc(len + 2);
	memcpy(broken, text, off);
	broken[off] = '\xff'; /* a Windows-1252 "ÿ" pasted into a UTF-8 file */
	memcpy(broken + off + 1, text + off, len - off);
	struct diag d = {0};
	struct feed *f = feed_csv_parse(broken, len + 1, TEST_NOW, &d);
	cr_assert_not_null(f, "%s", d.error);
	cr_assert_eq(f->n_activities, 5, "every row is still read");
	cr_assert_null(d.note, "read as Windows-1252: %s", d.note);
	cr_assert_eq(d.n_warnings, 1);
	cr_assert(strstr(d.warnings[0], "row 3, column 2: 1 bytes that are not text"), "%s",
		  d.warnings[0]);
	cr_assert_str_eq(test_activity(f, "muistikahvila")->name.fi, "Muistikahvila\xEF\xBF\xBD");
	cr_assert_str_eq(test_activity(f, "omaishoitajat-tiistai")->name.sv,
			 "Kamratgrupp för närståendevårdare");
	feed_free(f);
	diag_clear(&d);
	/* A NUL inside a cell of a file without a BOM. */
	static const char nul[] = "nimi;järjestäjä;viikonpäivä;alkaa\r\n"
				  "Kahvi\0tarjoilu;Kyläyhdistys;ma;10\r\n";
	f = feed_csv_parse(nul, sizeof(nul) - 1, TEST_NOW, &d);
	cr_assert_not_null(f, "%s", d.error);
	cr_assert_eq(f->n_activities, 1);
	cr_assert_str_eq(f->activities[0].name.fi, "Kahvi\xEF\xBF\xBDtarjoilu");
	cr_assert(d.n_warnings == 1 && strstr(d.warnings[0], "row 2, column 1"), "%s",
		  d.n_warnings ? d.warnings[0] : "no warning");
	feed_free(f);
	diag_clear(&d);
	free(broken);
	free(text);
}

/* A spreadsheet whose rows all fail (a changed layout, a misread file)
 * would empty the lobby's listing: refused, the cache kept, saying how to
 * proceed. Emptied on purpose (a header and no rows) it is applied, and
 * allow_empty = yes applies it whatever was skipped. */
Test(feed_csv, a_file_that_loses_most_rows_to_problems_is_not_applied)
{
	char *dir = test_memdir(), *path = test_path(dir, "ryhmat.csv");
	struct settings cfg;
	struct store *s = test_open_file_source(dir, path, "csv", &cfg);
	struct source_config *src = &cfg.sources[0];
	static const char good[] = "nimi;järjestäjä;viikonpäivä;alkaa\nKuoro;Seurakunta;to;10\n"
				   "Jumppa;Eläkeläiset;ma;9\nKahvila;Kylä;ti;12\nPiiri;Kylä;ke;13\n";
	static const char broken[] = "nimi;järjestäjä;viikonpäivä;alkaa\n;Seurakunta;to;10\n"
				     ";Eläkeläiset;ma;9\nKahvila;Kylä;ti;12\n;Kylä;ke;13\n";
	struct sync_result r;
	test_write_file(path, good);
	cr_assert_eq(sync_source(s, &cfg, src, TEST_NOW, &r), SYNC_APPLIED, "%s", r.diag.error);
	cr_assert_eq(r.activities, 4);
	sync_result_free(&r);
	char *before = test_cache_fingerprint(dir);
	test_write_file(path, broken);
	cr_assert_eq(sync_source(s, &cfg, src, TEST_NOW + 60, &r), SYNC_FAILED, "applied");
	cr_assert(strstr(r.diag.error, "the feed has 1 activities where the cache has 4"), "%s",
		  r.diag.error);
	cr_assert(strstr(r.diag.error, "allow_empty = yes"), "%s", r.diag.error);
	sync_result_free(&r);
	char *after = test_cache_fingerprint(dir);
	cr_assert_str_eq(before, after, "the cache changed");
	free(after);
	/* Two of four lost to problems is half, not most: applied. */
	test_write_file(path, "nimi;järjestäjä;viikonpäivä;alkaa\nKuoro;Seurakunta;to;10\n"
			      ";Eläkeläiset;ma;9\nKahvila;Kylä;ti;12\n;Kylä;ke;13\n");
	cr_assert_eq(sync_source(s, &cfg, src, TEST_NOW + 120, &r), SYNC_APPLIED, "%s",
		     r.diag.error);
	cr_assert_eq(r.activities, 2);
	sync_result_free(&r);
	/* Emptied on purpose: a header and no rows. */
	test_write_file(path, "nimi;järjestäjä;viikonpäivä;alkaa\n");
	cr_assert_eq(sync_source(s, &cfg, src, TEST_NOW + 180, &r), SYNC_APPLIED, "%s",
		     r.diag.error);
	cr_assert_eq(r.activities, 0);
	sync_result_free(&r);
	/* allow_empty: the broken file too. */
	test_write_file(path, good);
	cr_assert_eq(sync_source(s, &cfg, src, TEST_NOW + 240, &r), SYNC_APPLIED);
	sync_result_free(&r);
	src->allow_empty = true;
	test_write_file(path, broken);
	cr_assert_eq(sync_source(s, &cfg, src, TEST_NOW + 300, &r), SYNC_APPLIED, "%s",
		     r.diag.error);
	cr_assert_eq(r.activities, 1);
	sync_result_free(&r);
	free(before);
	store_close(s);
	settings_free(&cfg);
	test_rmdir(dir);
	free(dir);
	free(path);
}
