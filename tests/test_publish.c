/* SPDX-License-Identifier: EUPL-1.2 */
/* End-to-end tests of `aulataulu publish`: a calendar, a three-page Linked
 * Events query and a spreadsheet served on 127.0.0.1, published into one
 * signed feed that the same server serves to a terminal with public_key
 * set, signed with keys made by the real minisign and checked with it. */
#include "config.h"

#include "helpers.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

static char *dir, *root, *pubkey;
static struct server server;

/* Runs `minisign args` in the test directory ($MINISIGN if set). */
static void minisign(const char *args)
{
	test_minisign(dir, args);
}

static void write_in(const char *name, const char *text)
{
	char *path = test_path(root, name);
	test_write_file(path, text);
	free(path);
}

/* A parish calendar: a weekly group in Helsinki's zone, and a weekly
 * concert series written in Zurich's. */
static const char calendar[] =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nX-WR-CALNAME:Tuiran seurakunta\r\n"
    "BEGIN:VEVENT\r\nUID:raamattupiiri\r\nSUMMARY:Raamattupiiri\r\n"
    "DTSTART;TZID=Europe/Helsinki:20261201T180000\r\nDTEND;TZID=Europe/Helsinki:20261201T193000\r\n"
    "RRULE:FREQ=WEEKLY;BYDAY=TU\r\nLOCATION:Tuiran kirkko\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:urkukonsertti\r\nSUMMARY:Urkukonsertti\r\n"
    "DTSTART;TZID=Europe/Zurich:20261202T140000\r\nDTEND;TZID=Europe/Zurich:20261202T150000\r\n"
    "RRULE:FREQ=WEEKLY;COUNT=3\r\nLOCATION:Tuiran kirkko\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n";

/* Page n of 3 of the city's Linked Events query, one event each. */
static void write_page(int n)
{
	char name[32], next[128] = "null", *text;
	snprintf(name, sizeof(name), "in/le%d.json", n);
	if (n < 3)
		snprintf(next, sizeof(next), "\"http://127.0.0.1:%d/in/le%d.json\"", server.port,
			 n + 1);
	cr_assert(asprintf(&text,
			   "{\"meta\": {\"next\": %s}, \"data\": [{\"id\": \"oulu:%d\","
			   " \"name\": {\"fi\": \"Kaupungin tapahtuma %d\"},"
			   " \"start_time\": \"2026-12-0%dT10:00:00Z\"}]}",
			   next, n, n, n) > 0);
	write_in(name, text);
	free(text);
}

/* The coordinator's spreadsheet: the template the project ships. */
static void write_sheet(const char *from, const char *to)
{
	char *path = test_path(getenv("top_srcdir") ? getenv("top_srcdir") : TOP_SRCDIR,
			       "data/activities-template.csv");
	char *text = test_read_file(path, NULL);
	cr_assert_not_null(text, "%s", path);
	if (from)
		text = test_replace(text, from, to);
	write_in("in/sheet.csv", text);
	free(text);
	free(path);
}

/* The publisher's configuration; extra goes into [publish], review to the sheet. */
static void write_publish_conf(const char *extra, const char *sheet_extra)
{
	char *text;
	cr_assert(
	    asprintf(&text,
		     "[publish]\nfeed_id = pohde\npublisher = Pohteen hyvinvointialue\n"
		     "publisher_url = https://pohde.fi\noutput = %s/out\nsecret_key = %s/key.sec\n"
		     "%s\n"
		     "[input seurakunta]\nurl = http://127.0.0.1:%d/in/cal.ics\nformat = ical\n"
		     "[input kaupunki]\nurl = http://127.0.0.1:%d/in/le1.json\n"
		     "format = linkedevents\n"
		     "[input lista]\nurl = http://127.0.0.1:%d/in/sheet.csv\nformat = csv\n%s\n",
		     root, dir, extra ? extra : "", server.port, server.port, server.port,
		     sheet_extra ? sheet_extra : "") > 0);
	char *path = test_path(dir, "publish.conf");
	test_write_file(path, text);
	free(path);
	free(text);
}

static void setup(void)
{
	dir = test_tmpdir();
	root = test_path(dir, "www");
	char *in = test_path(root, "in");
	char cmd[1024];
	snprintf(cmd, sizeof(cmd), "mkdir -p %s", in);
	cr_assert_eq(system(cmd), 0);
	free(in);
	minisign("-G -W -p key.pub -s key.sec >/dev/null");
	pubkey = test_minisign_key(dir, "key.pub");
	test_server_start(&server, root);
	write_in("in/cal.ics", calendar);
	for (int n = 1; n <= 3; n++)
		write_page(n);
	write_sheet(NULL, NULL);
	write_publish_conf(NULL, NULL);
	char *text, *conf = test_path(dir, "terminal.conf");
	cr_assert(asprintf(&text,
			   "[source alue]\nurl = http://127.0.0.1:%d/out/feed.json\n"
			   "public_key = %s\nfeed_id = pohde\n",
			   server.port, pubkey) > 0);
	test_write_file(conf, text);
	free(conf);
	free(text);
}

static void teardown(void)
{
	test_server_stop(&server);
	test_rmdir(dir);
	free(dir);
	free(root);
	free(pubkey);
}

TestSuite(publish, .init = setup, .fini = teardown, .timeout = 120);

/* aulataulu --now now --data-dir DIR/sub --config DIR/conf args... */
static void run_at(struct run *r, const char *now, const char *sub, const char *conf,
		   const char *const *args)
{
	char *data = test_path(dir, sub), *config = test_path(dir, conf);
	const char *argv[24] = {"--now", now, "--data-dir", data, "--config", config};
	size_t n = 6;
	while (*args && n < 23)
		argv[n++] = *args++;
	argv[n] = NULL;
	test_run(r, argv);
	free(data);
	free(config);
}

#define PUBLISH(r, ...)                                                                            \
	run_at(r, TEST_NOW_TEXT, "state", "publish.conf",                                          \
	       (const char *const[]){"publish", __VA_ARGS__, NULL})
#define TERMINAL(r, ...)                                                                           \
	run_at(r, TEST_NOW_TEXT, "terminal", "terminal.conf",                                      \
	       (const char *const[]){__VA_ARGS__, NULL})

/* The published feed, parsed. */
static json_t *published(void)
{
	char *path = test_path(root, "out/feed.json");
	json_error_t e;
	json_t *doc = json_load_file(path, 0, &e);
	cr_assert_not_null(doc, "%s: %s", path, e.text);
	free(path);
	return doc;
}

static json_int_t published_sequence(void)
{
	json_t *doc = published();
	json_int_t seq =
	    json_integer_value(json_object_get(json_object_get(doc, "feed"), "sequence"));
	json_decref(doc);
	return seq;
}

/* The activity of the published feed with id, or NULL. */
static json_t *published_activity(json_t *doc, const char *id)
{
	size_t i;
	json_t *a;
	json_array_foreach(json_object_get(doc, "activities"), i, a)
	{
		if (strcmp(json_string_value(json_object_get(a, "id")), id) == 0)
			return a;
	}
	return NULL;
}

/* The ids the terminal lists (list --when all --json), comma-separated. */
static char *terminal_ids(void)
{
	struct run r;
	TERMINAL(&r, "list", "--when", "all", "--json");
	cr_assert_eq(r.status, 0, "%s", r.err);
	json_t *doc = json_loads(r.out, 0, NULL);
	cr_assert_not_null(doc, "%s", r.out);
	size_t i;
	json_t *a;
	char *ids = strdup(",");
	json_array_foreach(json_object_get(doc, "activities"), i, a)
	{
		char *more;
		cr_assert(
		    asprintf(&more, "%s%s,", ids, json_string_value(json_object_get(a, "id"))) > 0);
		free(ids);
		ids = more;
	}
	json_decref(doc);
	test_run_free(&r);
	return ids;
}

static void publish_ok(void)
{
	struct run r;
	PUBLISH(&r, NULL);
	cr_assert_eq(r.status, 0, "publish failed: %s\n%s", r.err, r.out);
	test_run_free(&r);
}

static void sync_ok(void)
{
	struct run r;
	TERMINAL(&r, "sync");
	cr_assert_eq(r.status, 0, "the terminal's sync failed: %s", r.err);
	test_run_free(&r);
}

Test(publish, three_sources_reach_a_terminal_through_one_signed_feed)
{
	publish_ok();
	sync_ok();
	char *ids = terminal_ids();
	static const char *const want[] = {
	    ",seurakunta:raamattupiiri,", ",seurakunta:urkukonsertti,",
	    ",kaupunki:oulu:1,",	  ",kaupunki:oulu:2,",
	    ",kaupunki:oulu:3,",	  ",lista:omaishoitajat-tiistai,",
	    ",lista:muistikahvila,"};
	for (size_t i = 0; i < sizeof(want) / sizeof(*want); i++)
		cr_assert_not_null(strstr(ids, want[i]), "%s is not listed: %s", want[i], ids);
	free(ids);
	json_t *doc = published();
	json_t *h = json_object_get(doc, "feed");
	cr_assert_str_eq(json_string_value(json_object_get(h, "id")), "pohde");
	cr_assert_not_null(json_object_get(h, "expires_at"));
	cr_assert_str_eq(json_string_value(json_object_get(
			     json_object_get(json_object_get(h, "publisher"), "name"), "fi")),
			 "Pohteen hyvinvointialue");
	/* The same organiser from two sources is one organisation. */
	size_t i, parishes = 0;
	json_t *o;
	json_array_foreach(json_object_get(doc, "organizations"), i, o)
	{
		const char *name =
		    json_string_value(json_object_get(json_object_get(o, "name"), "fi"));
		parishes += strcmp(name, "Oulun seurakunnat") == 0;
	}
	cr_assert_eq(parishes, 1);
	json_decref(doc);
}

Test(publish, a_schedule_in_another_zone_is_published_as_its_dates)
{
	publish_ok();
	json_t *doc = published();
	json_t *weekly = published_activity(doc, "seurakunta:raamattupiiri");
	json_t *zurich = published_activity(doc, "seurakunta:urkukonsertti");
	cr_assert_not_null(weekly);
	cr_assert_not_null(zurich);
	cr_assert_str_eq(
	    json_string_value(json_object_get(json_object_get(weekly, "schedule"), "rrule")),
	    "FREQ=WEEKLY;BYDAY=TU", "a rule in the area's zone stays a rule");
	cr_assert_null(json_object_get(zurich, "schedule"));
	json_t *dates = json_object_get(zurich, "occurrences");
	cr_assert_eq(json_array_size(dates), 3);
	/* 14.00 in Zurich is 15.00 in Helsinki. */
	cr_assert_str_eq(json_string_value(json_object_get(json_array_get(dates, 0), "start")),
			 "2026-12-02T15:00:00+02:00");
	json_decref(doc);
}

Test(publish, minisign_verifies_what_publish_signed)
{
	publish_ok();
	minisign("-V -p key.pub -m www/out/feed.json -x www/out/feed.json.minisig >/dev/null");
	char *sig_path = test_path(root, "out/feed.json.minisig");
	char *sig = test_read_file(sig_path, NULL);
	cr_assert_not_null(strstr(sig, "trusted comment: timestamp:"));
	cr_assert_not_null(strstr(sig, "\tfeed:pohde\tsequence:1\n"));
	free(sig);
	free(sig_path);
}

Test(publish, unchanged_inputs_keep_the_sequence_and_the_terminal_gets_a_304)
{
	publish_ok();
	sync_ok();
	cr_assert_eq(published_sequence(), 1);
	struct run r;
	PUBLISH(&r, NULL);
	cr_assert_eq(r.status, 0, "%s", r.err);
	cr_assert_not_null(strstr(r.out, "The feed is unchanged (sequence 1)"), "%s", r.out);
	test_run_free(&r);
	cr_assert_eq(published_sequence(), 1);
	cr_assert_eq(test_server_count(root, "GET /out/feed.json 304"), 0);
	sync_ok();
	cr_assert_eq(test_server_count(root, "GET /out/feed.json 304"), 1,
		     "the terminal's conditional GET was not answered 304");
	/* A changed input raises it. */
	char *changed = test_replace(strdup(calendar), "Raamattupiiri", "Raamattupiiri ja rukous");
	write_in("in/cal.ics", changed);
	free(changed);
	publish_ok();
	cr_assert_eq(published_sequence(), 2);
	sync_ok();
	char *ids = terminal_ids();
	cr_assert_not_null(strstr(ids, ",seurakunta:raamattupiiri,"));
	free(ids);
}

Test(publish, an_input_that_goes_down_keeps_its_items_until_max_stale)
{
	publish_ok();
	char *cal = test_path(root, "in/cal.ics");
	cr_assert_eq(remove(cal), 0);
	free(cal);
	struct run r;
	run_at(&r, "2026-11-25T09:00:00+02:00", "state", "publish.conf",
	       (const char *const[]){"publish", NULL});
	cr_assert_eq(r.status, 1, "an input failed: exit status 1");
	cr_assert_not_null(strstr(r.err, "input seurakunta failed"), "%s", r.err);
	cr_assert_not_null(strstr(r.err, "HTTP 404"), "%s", r.err);
	cr_assert_not_null(strstr(r.err, "are kept until"), "%s", r.err);
	test_run_free(&r);
	json_t *doc = published();
	cr_assert_not_null(published_activity(doc, "seurakunta:raamattupiiri"));
	json_decref(doc);
	/* Its items are kept seven days (the default max_stale), then dropped. */
	run_at(&r, "2026-12-01T10:00:00+02:00", "state", "publish.conf",
	       (const char *const[]){"publish", "status", "--json", NULL});
	json_t *status = json_loads(r.out, 0, NULL);
	cr_assert_not_null(status, "%s", r.out);
	json_t *in = json_array_get(json_object_get(status, "inputs"), 0);
	cr_assert_str_eq(json_string_value(json_object_get(in, "name")), "seurakunta");
	cr_assert(json_is_true(json_object_get(in, "stale")));
	cr_assert_str_eq(json_string_value(json_object_get(in, "dropped_at")),
			 "2026-12-01T09:00:00+02:00");
	json_decref(status);
	test_run_free(&r);
	run_at(&r, "2026-12-01T10:00:00+02:00", "state", "publish.conf",
	       (const char *const[]){"publish", NULL});
	cr_assert_eq(r.status, 1);
	cr_assert_not_null(strstr(r.err, "ERROR: input seurakunta has failed since"), "%s", r.err);
	cr_assert_not_null(strstr(r.err, "longer than max_stale"), "%s", r.err);
	test_run_free(&r);
	doc = published();
	cr_assert_null(published_activity(doc, "seurakunta:raamattupiiri"));
	cr_assert_not_null(published_activity(doc, "kaupunki:oulu:3"), "the others stay");
	cr_assert_not_null(published_activity(doc, "lista:muistikahvila"));
	json_decref(doc);
}

/* The terminal's status.json entry of its source. */
static json_t *terminal_status(void)
{
	char *path = test_path(dir, "terminal/status.json");
	json_t *doc = json_load_file(path, 0, NULL);
	cr_assert_not_null(doc, "%s", path);
	free(path);
	json_t *st = json_incref(json_object_get(json_object_get(doc, "sources"), "alue"));
	json_decref(doc);
	return st;
}

Test(publish, a_tampered_feed_is_refused_and_tried_again_soon)
{
	publish_ok();
	sync_ok();
	char *before = test_path(dir, "terminal"), *print = test_cache_fingerprint(before);
	char *path = test_path(root, "out/feed.json"), *text = test_read_file(path, NULL);
	text = test_replace(text, "Kaupungin tapahtuma 1", "Kaupungin tapahtuma X");
	test_write_file(path, text);
	free(text);
	free(path);
	struct run r;
	TERMINAL(&r, "sync");
	cr_assert_eq(r.status, 1);
	cr_assert_not_null(strstr(r.err, "signature does not match the feed"), "%s", r.err);
	test_run_free(&r);
	char *after = test_cache_fingerprint(before);
	cr_assert_str_eq(print, after, "the cache changed");
	json_t *st = terminal_status();
	json_int_t wait = json_integer_value(json_object_get(st, "next_try_unix")) -
			  json_integer_value(json_object_get(st, "last_attempt_unix"));
	cr_assert(wait >= 15 && wait < 30, "tried again after %lld s, not soon", (long long)wait);
	json_decref(st);
	/* The next publication replaces what was tampered with. */
	publish_ok();
	cr_assert_eq(published_sequence(), 2);
	sync_ok();
	free(print);
	free(after);
	free(before);
}

/* A copy of key.sec (made by minisign -G -W) encrypted with password the
 * way minisign -G encrypts (its encrypt_key: scrypt, the key XORed, a
 * BLAKE2b checksum), with scrypt's interactive limits instead of the
 * sensitive ones minisign -G takes, which cost seconds of CPU and a
 * gigabyte at each use. The real minisign signs with it below. */
static void encrypt_key(const char *to, const char *password)
{
	struct {
		unsigned char sig_alg[2], kdf_alg[2], chk_alg[2], salt[32], ops[8], mem[8];
		struct {
			unsigned char keynum[8], sk[64], chk[32];
		} s; /* what is encrypted */
	} k;
	char *path = test_path(dir, "key.sec"), *text = test_read_file(path, NULL);
	char *line = strchr(text, '\n') + 1;
	size_t got = 0;
	cr_assert_eq(sodium_base642bin((unsigned char *)&k, sizeof(k), line, strcspn(line, "\n"),
				       NULL, &got, NULL, sodium_base64_VARIANT_ORIGINAL),
		     0);
	cr_assert_eq(got, sizeof(k));
	memcpy(k.kdf_alg, "Sc", 2);
	randombytes_buf(k.salt, sizeof(k.salt));
	uint64_t ops = crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_INTERACTIVE;
	uint64_t mem = crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_INTERACTIVE;
	for (int i = 0; i < 8; i++) {
		k.ops[i] = (unsigned char)(ops >> (8 * i));
		k.mem[i] = (unsigned char)(mem >> (8 * i));
	}
	crypto_generichash_state hs;
	crypto_generichash_init(&hs, NULL, 0, sizeof(k.s.chk));
	crypto_generichash_update(&hs, k.sig_alg, 2);
	crypto_generichash_update(&hs, k.s.keynum, sizeof(k.s.keynum));
	crypto_generichash_update(&hs, k.s.sk, sizeof(k.s.sk));
	crypto_generichash_final(&hs, k.s.chk, sizeof(k.s.chk));
	unsigned char stream[sizeof(k.s)], *secret = (unsigned char *)&k.s;
	cr_assert_eq(crypto_pwhash_scryptsalsa208sha256(stream, sizeof(stream), password,
							strlen(password), k.salt, ops, mem),
		     0);
	for (size_t i = 0; i < sizeof(stream); i++)
		secret[i] ^= stream[i];
	char b64[sodium_base64_ENCODED_LEN(sizeof(k), sodium_base64_VARIANT_ORIGINAL)], *out;
	sodium_bin2base64(b64, sizeof(b64), (unsigned char *)&k, sizeof(k),
			  sodium_base64_VARIANT_ORIGINAL);
	cr_assert(asprintf(&out, "untrusted comment: minisign encrypted secret key\n%s\n", b64) >
		  0);
	char *to_path = test_path(dir, to);
	test_write_file(to_path, out);
	cr_assert_eq(chmod(to_path, 0600), 0); /* as minisign -G makes it */
	free(to_path);
	free(out);
	free(text);
	free(path);
}

/* The publisher's configuration with secret key file key and extra in [publish]. */
static void use_key(const char *key, const char *extra)
{
	write_publish_conf(extra, NULL);
	char *conf = test_path(dir, "publish.conf");
	char *text = test_replace(test_read_file(conf, NULL), "/key.sec", key);
	test_write_file(conf, text);
	free(text);
	free(conf);
}

Test(publish, a_wrong_password_publishes_nothing)
{
	encrypt_key("enc.sec", "salasana");
	/* minisign itself takes the key with its password. */
	char *msg = test_path(dir, "message");
	test_write_file(msg, "viesti\n");
	minisign("-S -s enc.sec -m message >/dev/null 2>&1 <<'EOF'\nsalasana\nEOF");
	minisign("-V -p key.pub -m message >/dev/null");
	char *conf_extra, *pw = test_path(dir, "password");
	test_write_file(pw, "väärä\n");
	cr_assert(asprintf(&conf_extra, "password_file = %s\n", pw) > 0);
	use_key("/enc.sec", conf_extra);
	struct run r;
	/* A password others may read is refused as a key would be. */
	cr_assert_eq(chmod(pw, 0644), 0);
	PUBLISH(&r, NULL);
	cr_assert_eq(r.status, 1);
	cr_assert_not_null(strstr(r.err, "may be read or changed by other users (mode 644)"), "%s",
			   r.err);
	test_run_free(&r);
	cr_assert_eq(chmod(pw, 0600), 0);
	PUBLISH(&r, NULL);
	cr_assert_eq(r.status, 1);
	cr_assert_not_null(strstr(r.err, "wrong password for the secret key"), "%s", r.err);
	cr_assert_not_null(strstr(r.err, "nothing was published"), "%s", r.err);
	test_run_free(&r);
	char *out = test_path(root, "out/feed.json");
	cr_assert_null(test_read_file(out, NULL), "a feed was written");
	/* Without a password: said so. */
	use_key("/enc.sec", NULL);
	PUBLISH(&r, NULL);
	cr_assert_eq(r.status, 1);
	cr_assert_not_null(strstr(r.err, "is encrypted: give its password"), "%s", r.err);
	test_run_free(&r);
	cr_assert_null(test_read_file(out, NULL), "a feed was written");
	/* The right one from the file: published, and minisign agrees. */
	test_write_file(pw, "salasana\n");
	use_key("/enc.sec", conf_extra);
	PUBLISH(&r, NULL);
	cr_assert_eq(r.status, 0, "%s", r.err);
	test_run_free(&r);
	minisign("-V -p key.pub -m www/out/feed.json >/dev/null");
	free(msg);
	free(out);
	free(pw);
	free(conf_extra);
}

/* A key as minisign -G makes it (scrypt's sensitive limits: seconds of
 * CPU at each use), its password from the environment. The pair in
 * tests/data was made by minisign 0.11 with the password "salasana", so
 * that the test pays for one key derivation, not two. */
Test(publish, a_key_encrypted_by_minisign_signs_with_its_password, .timeout = 300)
{
	const char *src = getenv("top_srcdir") ? getenv("top_srcdir") : TOP_SRCDIR;
	for (int i = 0; i < 2; i++) {
		const char *ext = i ? "sec" : "pub";
		char from[4096], to[64];
		snprintf(from, sizeof(from), "%s/tests/data/minisign-encrypted.%s", src, ext);
		snprintf(to, sizeof(to), "enc.%s", ext);
		char *text = test_read_file(from, NULL), *path = test_path(dir, to);
		cr_assert_not_null(text, "%s is missing", from);
		test_write_file(path, text);
		cr_assert_eq(chmod(path, 0600), 0);
		free(text);
		free(path);
	}
	use_key("/enc.sec", NULL);
	setenv("AULATAULU_KEY_PASSWORD", "salasana", 1);
	struct run r;
	PUBLISH(&r, NULL);
	unsetenv("AULATAULU_KEY_PASSWORD");
	cr_assert_eq(r.status, 0, "%s", r.err);
	test_run_free(&r);
	minisign("-V -p enc.pub -m www/out/feed.json >/dev/null");
}

Test(publish, a_key_of_another_pair_is_refused)
{
	minisign("-G -W -p other.pub -s other.sec >/dev/null");
	char *extra;
	cr_assert(asprintf(&extra, "public_key = %s\n", pubkey) > 0);
	use_key("/other.sec", extra);
	struct run r;
	PUBLISH(&r, NULL);
	cr_assert_eq(r.status, 1);
	cr_assert_not_null(strstr(r.err, "does not belong to public_key"), "%s", r.err);
	test_run_free(&r);
	char *out = test_path(root, "out/feed.json");
	cr_assert_null(test_read_file(out, NULL));
	free(out);
	free(extra);
}

Test(publish, a_dry_run_says_what_would_change_and_changes_nothing)
{
	publish_ok();
	char *path = test_path(root, "out/feed.json"), *before = test_read_file(path, NULL);
	write_sheet("Muistikahvila;Minneskafé", "Muistikahvila ja tuolijumppa;Minneskafé");
	write_page(3);
	char *page3 = test_path(root, "in/le3.json");
	char *renamed = test_replace(test_read_file(page3, NULL), "oulu:3", "oulu:33");
	test_write_file(page3, renamed);
	free(renamed);
	for (int pass = 0; pass < 2; pass++) { /* a dry run leaves the change to be seen again */
		struct run r;
		PUBLISH(&r, "--dry-run");
		cr_assert_eq(r.status, 0, "%s", r.err);
		cr_assert_not_null(
		    strstr(r.out, "~ lista:muistikahvila  Muistikahvila ja tuolijumppa"), "%s",
		    r.out);
		cr_assert_not_null(strstr(r.out, "+ kaupunki:oulu:33  Kaupungin tapahtuma 3"), "%s",
				   r.out);
		cr_assert_not_null(strstr(r.out, "- kaupunki:oulu:3  Kaupungin tapahtuma 3"), "%s",
				   r.out);
		cr_assert_not_null(strstr(r.out, "Would publish sequence 2"), "%s", r.out);
		test_run_free(&r);
		char *after = test_read_file(path, NULL);
		cr_assert_str_eq(before, after, "a dry run changed the feed");
		free(after);
	}
	publish_ok();
	cr_assert_eq(published_sequence(), 2);
	free(page3);
	free(before);
	free(path);
}

Test(publish, reviewed_items_wait_for_approval)
{
	write_publish_conf(NULL, "review = yes\n");
	publish_ok();
	json_t *doc = published();
	cr_assert_null(published_activity(doc, "lista:muistikahvila"), "published unapproved");
	cr_assert_not_null(published_activity(doc, "kaupunki:oulu:1"));
	json_decref(doc);
	struct run r;
	PUBLISH(&r, "status", "--json");
	json_t *status = json_loads(r.out, 0, NULL);
	cr_assert_not_null(status, "%s", r.out);
	json_t *waiting = json_object_get(status, "waiting");
	cr_assert_eq(json_array_size(waiting), 5, "%s", r.out);
	cr_assert_str_eq(json_string_value(json_object_get(json_array_get(waiting, 1), "id")),
			 "lista:muistikahvila");
	json_decref(status);
	test_run_free(&r);
	PUBLISH(&r, "approve", "lista:muistikahvila");
	cr_assert_eq(r.status, 0, "%s", r.err);
	test_run_free(&r);
	doc = published();
	cr_assert_not_null(published_activity(doc, "lista:muistikahvila"));
	cr_assert_null(published_activity(doc, "lista:nuorten-chat"));
	json_decref(doc);
	/* A change to an approved item waits again; the approved one stays out. */
	write_sheet("Muistikahvila;Minneskafé", "Muistikahvila ja tuolijumppa;Minneskafé");
	PUBLISH(&r, NULL);
	cr_assert_eq(r.status, 0, "%s", r.err);
	cr_assert_not_null(strstr(r.out, "? lista:muistikahvila  Muistikahvila ja tuolijumppa"),
			   "%s", r.out);
	test_run_free(&r);
	doc = published();
	cr_assert_str_eq(
	    json_string_value(json_object_get(
		json_object_get(published_activity(doc, "lista:muistikahvila"), "name"), "fi")),
	    "Muistikahvila");
	json_decref(doc);
	PUBLISH(&r, "approve", "lista:ei-ole");
	cr_assert_eq(r.status, 1);
	cr_assert_not_null(strstr(r.err, "nothing waits for approval as \"lista:ei-ole\""));
	test_run_free(&r);
	PUBLISH(&r, "approve", "--all");
	cr_assert_eq(r.status, 0, "%s", r.err);
	test_run_free(&r);
	doc = published();
	cr_assert_not_null(published_activity(doc, "lista:nuorten-chat"));
	cr_assert_str_eq(
	    json_string_value(json_object_get(
		json_object_get(published_activity(doc, "lista:muistikahvila"), "name"), "fi")),
	    "Muistikahvila ja tuolijumppa");
	json_decref(doc);
	/* An input no longer reviewed publishes what waited, and nothing waits. */
	write_sheet("Muistikahvila;Minneskafé", "Muistikahvila ja runopiiri;Minneskafé");
	publish_ok();
	write_publish_conf(NULL, NULL);
	publish_ok();
	doc = published();
	cr_assert_str_eq(
	    json_string_value(json_object_get(
		json_object_get(published_activity(doc, "lista:muistikahvila"), "name"), "fi")),
	    "Muistikahvila ja runopiiri");
	json_decref(doc);
	PUBLISH(&r, "status", "--json");
	status = json_loads(r.out, 0, NULL);
	cr_assert_eq(json_array_size(json_object_get(status, "waiting")), 0, "%s", r.out);
	json_decref(status);
	test_run_free(&r);
}

/* The first run of an area whose only input is reviewed publishes nothing,
 * but keeps what waits, so that approving it publishes it. */
Test(publish, a_reviewed_only_input_is_published_once_approved)
{
	char *text, *path = test_path(dir, "publish.conf");
	cr_assert(asprintf(&text,
			   "[publish]\nfeed_id = pohde\npublisher = Pohteen hyvinvointialue\n"
			   "output = %s/out\nsecret_key = %s/key.sec\n"
			   "[input lista]\nurl = http://127.0.0.1:%d/in/sheet.csv\nformat = csv\n"
			   "review = yes\n",
			   root, dir, server.port) > 0);
	test_write_file(path, text);
	free(text);
	free(path);
	struct run r;
	PUBLISH(&r, NULL);
	cr_assert_eq(r.status, 1, "%s", r.err);
	cr_assert_not_null(strstr(r.err, "the feed would be empty: its 5 items wait for approval"),
			   "%s", r.err);
	test_run_free(&r);
	char *out = test_path(root, "out/feed.json");
	cr_assert_null(test_read_file(out, NULL), "an empty feed was published");
	free(out);
	PUBLISH(&r, "approve", "--all");
	cr_assert_eq(r.status, 0, "%s", r.err);
	test_run_free(&r);
	json_t *doc = published();
	cr_assert_eq(json_array_size(json_object_get(doc, "activities")), 5);
	json_decref(doc);
}

Test(publish, a_terminal_configuration_is_no_publisher)
{
	struct run r;
	run_at(&r, TEST_NOW_TEXT, "state", "terminal.conf", (const char *const[]){"publish", NULL});
	cr_assert_eq(r.status, 1);
	cr_assert_not_null(strstr(r.err, "the configuration has no [publish]"), "%s", r.err);
	test_run_free(&r);
}

Test(publish, nothing_is_published_while_no_input_has_given_anything)
{
	char *in = test_path(root, "in");
	test_rmdir(in);
	free(in);
	struct run r;
	PUBLISH(&r, NULL);
	cr_assert_eq(r.status, 1);
	cr_assert_not_null(strstr(r.err, "input kaupunki failed and has no items to keep"), "%s",
			   r.err);
	cr_assert_not_null(strstr(r.err, "the feed would be empty"), "%s", r.err);
	test_run_free(&r);
	char *out = test_path(root, "out/feed.json");
	cr_assert_null(test_read_file(out, NULL), "an empty feed was published");
	free(out);
}

/* readlink of www/out/NAME, or "" when it is no symlink. */
static char *link_of(const char *name)
{
	char *path = test_path(root, name), buf[256];
	ssize_t n = readlink(path, buf, sizeof(buf) - 1);
	free(path);
	buf[n > 0 ? n : 0] = '\0';
	return strdup(buf);
}

/* The names in www/out/releases, sorted, as "a b ". */
static char *releases(void)
{
	char cmd[1024], *out = test_path(dir, "releases.txt");
	snprintf(cmd, sizeof(cmd), "ls -A %s/out/releases | tr '\\n' ' ' > %s", root, out);
	cr_assert_eq(system(cmd), 0);
	char *text = test_read_file(out, NULL);
	free(out);
	return text;
}

/* The feed and its signature are one release, switched in by one rename;
 * the release before stays for a terminal still reading it; what a killed
 * run left is cleaned by the next. */
Test(publish, the_published_pair_is_one_release_switched_whole)
{
	publish_ok();
	char *l = link_of("out/feed.json");
	cr_assert_str_eq(l, "current/feed.json");
	free(l);
	l = link_of("out/feed.json.minisig");
	cr_assert_str_eq(l, "current/feed.json.minisig");
	free(l);
	l = link_of("out/current");
	cr_assert_str_eq(l, "releases/1");
	free(l);
	/* The web server's user reads it, whatever the publisher's umask. */
	static const struct {
		const char *name;
		mode_t mode;
	} modes[] = {{"out/releases", 0755},
		     {"out/releases/1", 0755},
		     {"out/releases/1/feed.json", 0644},
		     {"out/releases/1/feed.json.minisig", 0644}};
	for (size_t i = 0; i < sizeof(modes) / sizeof(*modes); i++) {
		char *p = test_path(root, modes[i].name);
		struct stat sb;
		cr_assert_eq(stat(p, &sb), 0, "%s", p);
		cr_assert_eq(sb.st_mode & 0777, modes[i].mode, "%s: %03o", modes[i].name,
			     (unsigned)(sb.st_mode & 0777));
		free(p);
	}
	/* A killed run's leftovers: a half release, an old-style temporary file. */
	char cmd[1024];
	snprintf(cmd, sizeof(cmd),
		 "mkdir -p %s/out/releases/7.tmp-12345 && echo half > "
		 "%s/out/releases/7.tmp-12345/feed.json && echo half > %s/out/feed.json.Ab12Cd",
		 root, root, root);
	cr_assert_eq(system(cmd), 0);
	for (int n = 2; n <= 3; n++) {
		char from[64], to[64];
		snprintf(to, sizeof(to), "Muistikahvila %d;Minneskafé", n);
		snprintf(from, sizeof(from), "Muistikahvila;Minneskafé");
		write_sheet(from, to);
		publish_ok();
	}
	l = link_of("out/current");
	cr_assert_str_eq(l, "releases/3");
	free(l);
	char *r = releases();
	cr_assert_str_eq(r, "2 3 ", "kept: %s", r);
	free(r);
	char *left = test_path(root, "out/feed.json.Ab12Cd");
	cr_assert_null(test_read_file(left, NULL), "an old temporary file was left");
	free(left);
	minisign("-V -p key.pub -m www/out/feed.json -x www/out/feed.json.minisig >/dev/null");
	sync_ok();
}

/* kill -9 at every step that changes the output (strace kills the
 * publisher at the Nth call of each): the pair on disk is always one that
 * verifies, and the next run publishes and cleans up. */
Test(publish, a_publish_killed_at_any_step_leaves_a_whole_pair, .timeout = 300)
{
	if (system("command -v strace >/dev/null") != 0)
		cr_assert_fail("strace is needed (the Debian package strace)");
	publish_ok();
	static const char *const calls[] = {"mkdir",  "rename", "symlink",
					    "unlink", "rmdir",	"openat"};
	int round = 0;
	for (size_t c = 0; c < sizeof(calls) / sizeof(*calls); c++) {
		for (int when = 1; when <= 8; when++) {
			char to[64], cmd[4096];
			snprintf(to, sizeof(to), "Muistikahvila %d;Minneskafé", ++round);
			write_sheet("Muistikahvila;Minneskafé", to);
			snprintf(cmd, sizeof(cmd),
				 "strace -f -qq -o /dev/null -e trace=%s "
				 "-e inject=%s:signal=KILL:when=%d %s --now %s --data-dir %s/state "
				 "--config %s/publish.conf publish >/dev/null 2>&1",
				 calls[c], calls[c], when, getenv("AULATAULU_BIN"), TEST_NOW_TEXT,
				 dir, dir);
			system(cmd);
			snprintf(cmd, sizeof(cmd),
				 "cd %s && %s -V -q -p key.pub -m www/out/feed.json -x "
				 "www/out/feed.json.minisig",
				 dir, getenv("MINISIGN") ? getenv("MINISIGN") : "minisign");
			cr_assert_eq(system(cmd), 0,
				     "killed at %s #%d: feed.json and its signature differ",
				     calls[c], when);
		}
	}
	publish_ok();
	minisign("-V -p key.pub -m www/out/feed.json -x www/out/feed.json.minisig >/dev/null");
	char cmd[1024];
	snprintf(cmd, sizeof(cmd),
		 "test -z \"$(find %s/out -name '*.tmp-*' -o -name 'feed.json.*' ! -name "
		 "'feed.json.minisig')\"",
		 root);
	cr_assert_eq(system(cmd), 0, "a killed run's temporary files were left");
	char *r = releases();
	int kept = 0;
	for (const char *p = r; *p; p++)
		kept += *p == ' ';
	cr_assert(kept >= 1 && kept <= 2, "releases kept: %s", r);
	free(r);
}

/* As ssh does with its keys: a secret key that other users may read or
 * change signs nothing until it is private again. */
Test(publish, a_secret_key_others_may_read_signs_nothing)
{
	char *key = test_path(dir, "key.sec"), *out = test_path(root, "out/feed.json");
	for (unsigned mode = 0640; mode; mode = mode == 0640 ? 0604 : mode == 0604 ? 0620 : 0) {
		cr_assert_eq(chmod(key, mode), 0);
		struct run r;
		PUBLISH(&r, NULL);
		cr_assert_eq(r.status, 1, "mode %03o", mode);
		cr_assert_not_null(strstr(r.err, "may be read or changed by other users"), "%s",
				   r.err);
		cr_assert_not_null(strstr(r.err, "chmod 600"), "%s", r.err);
		test_run_free(&r);
		cr_assert_null(test_read_file(out, NULL), "published with a key of mode %03o",
			       mode);
	}
	cr_assert_eq(chmod(key, 0600), 0);
	publish_ok();
	free(key);
	free(out);
}

/* One organiser written as HTML ("Koti &amp; Perhe ry", as a web form
 * saves it) no longer holds the area's feed back run after run: it is
 * published as the terminals would show it, as text, with nothing for
 * them to warn of. A feed the terminals would refuse (over their
 * max_size) is still never signed or written. */
Test(publish, a_name_written_as_html_is_published_as_its_text)
{
	write_sheet("Oulun seudun omaishoitajat ry", "\"Koti &amp; Perhe ry\"");
	struct run r;
	PUBLISH(&r, NULL);
	cr_assert_eq(r.status, 0, "%s", r.err);
	cr_assert_null(strstr(r.err, "HTML made plain text"), "%s", r.err);
	test_run_free(&r);
	char *published = test_path(root, "out/feed.json"), *json = test_read_file(published, NULL);
	cr_assert(json && strstr(json, "\"Koti & Perhe ry\"") && !strstr(json, "&amp;"), "%s",
		  json ? json : "no feed");
	free(json);
	free(published);
	sync_ok();
	TERMINAL(&r, "list", "--when", "all", "--json");
	cr_assert_not_null(strstr(r.out, "\"Koti & Perhe ry\""), "%s", r.out);
	test_run_free(&r);
	/* Over the terminals' max_size: refused, the published pair kept. */
	char *feed = test_path(root, "out/feed.json"), *before = test_read_file(feed, NULL);
	write_publish_conf(NULL, NULL);
	char *conf = test_path(dir, "publish.conf"), *text = test_read_file(conf, NULL), *more;
	cr_assert(asprintf(&more, "%s[sync]\nmax_size = 1k\n", text) > 0);
	test_write_file(conf, more);
	write_sheet("Muistikahvila;Minneskafé", "Muistikahvila 2;Minneskafé");
	PUBLISH(&r, NULL);
	cr_assert_eq(r.status, 1, "%s", r.out);
	cr_assert_not_null(strstr(r.err, "more than max_size (1024)"), "%s", r.err);
	test_run_free(&r);
	char *after = test_read_file(feed, NULL);
	cr_assert_str_eq(before, after, "a feed over max_size was published");
	free(after);
	free(before);
	free(feed);
	free(more);
	free(text);
	free(conf);
}

/* One input that suddenly loses most of its items to problems (a changed
 * layout, a misread file) would empty every lobby's listing of it: its
 * last good items are published instead, saying how to proceed; with
 * allow_empty = yes the change goes through. */
Test(publish, an_input_emptied_by_mistake_keeps_its_last_good_items)
{
	publish_ok();
	/* Four of the template's five rows lose their names in every language. */
	write_sheet(";Omaishoitajien vertaisryhmä;Kamratgrupp för närståendevårdare;Peer group "
		    "for family caregivers;",
		    ";;;;");
	char *path = test_path(root, "in/sheet.csv");
	char *text = test_read_file(path, NULL);
	text = test_replace(text, ";Muistikahvila;Minneskafé;Memory café;", ";;;;");
	text = test_replace(text, ";Seniorikuoro;", ";;");
	text = test_replace(text, ";Joulukonsertti;Julkonsert;Christmas concert;", ";;;;");
	write_in("in/sheet.csv", text);
	struct run r;
	PUBLISH(&r, NULL);
	cr_assert_eq(r.status, 1, "%s", r.err);
	cr_assert(strstr(r.err, "input lista failed"), "%s", r.err);
	cr_assert(strstr(r.err, "it gives 1 items where it gave 5"), "%s", r.err);
	cr_assert(strstr(r.err, "allow_empty = yes"), "%s", r.err);
	test_run_free(&r);
	json_t *doc = published();
	cr_assert_not_null(published_activity(doc, "lista:muistikahvila"));
	cr_assert_not_null(published_activity(doc, "lista:omaishoitajat-tiistai"));
	json_decref(doc);
	write_publish_conf(NULL, "allow_empty = yes");
	PUBLISH(&r, NULL);
	cr_assert_eq(r.status, 0, "%s", r.err);
	test_run_free(&r);
	doc = published();
	cr_assert_null(published_activity(doc, "lista:muistikahvila"));
	cr_assert_not_null(published_activity(doc, "lista:nuorten-chat"));
	json_decref(doc);
	free(text);
	free(path);
}

/* A calendar's "this and all later dates" move (RANGE=THISANDFUTURE) and
 * a date's own place travel through format 1 (schedule.shifts, an
 * occurrence's note): the terminal's check of the published feed lists the
 * moved dates, none at the old time. */
Test(publish, a_moved_series_and_a_dates_own_place_reach_the_terminal)
{
	static const char moved[] =
	    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nX-WR-CALNAME:Tuiran "
	    "seurakunta\r\n"
	    "BEGIN:VEVENT\r\nUID:raamattupiiri\r\nSUMMARY:Raamattupiiri\r\n"
	    "DTSTART;TZID=Europe/Helsinki:20261201T180000\r\n"
	    "DTEND;TZID=Europe/Helsinki:20261201T193000\r\n"
	    "RRULE:FREQ=WEEKLY;BYDAY=TU\r\nLOCATION:Tuiran kirkko\r\nEND:VEVENT\r\n"
	    "BEGIN:VEVENT\r\nUID:raamattupiiri\r\n"
	    "RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Helsinki:20261215T180000\r\n"
	    "SUMMARY:Raamattupiiri\r\nLOCATION:Tuiran kirkko\r\n"
	    "DTSTART;TZID=Europe/Helsinki:20261215T170000\r\n"
	    "DTEND;TZID=Europe/Helsinki:20261215T183000\r\nEND:VEVENT\r\n"
	    "BEGIN:VEVENT\r\nUID:raamattupiiri\r\n"
	    "RECURRENCE-ID;TZID=Europe/Helsinki:20261208T180000\r\n"
	    "SUMMARY:Raamattupiiri\r\nLOCATION:Seurakuntatalo\r\n"
	    "DTSTART;TZID=Europe/Helsinki:20261208T180000\r\n"
	    "DTEND;TZID=Europe/Helsinki:20261208T193000\r\nEND:VEVENT\r\n"
	    "END:VCALENDAR\r\n";
	write_in("in/cal.ics", moved);
	publish_ok();
	json_t *doc = published();
	json_t *a = published_activity(doc, "seurakunta:raamattupiiri");
	cr_assert_not_null(a);
	json_t *shifts = json_object_get(json_object_get(a, "schedule"), "shifts");
	cr_assert_eq(json_array_size(shifts), 1, "no shift in the published schedule");
	cr_assert_eq(json_integer_value(json_object_get(json_array_get(shifts, 0), "by")), -3600);
	json_decref(doc);
	char *feed = test_path(root, "out/feed.json");
	struct run r;
	TERMINAL(&r, "check", "--dates", feed);
	cr_assert_eq(r.status, 0, "%s", r.err);
	cr_assert(strstr(r.out, "\"start\": \"2026-12-22T17:00:00+02:00\""), "not moved:\n%s",
		  r.out);
	cr_assert(strstr(r.out, "\"start\": \"2026-12-15T17:00:00+02:00\""), "%s", r.out);
	cr_assert(strstr(r.out, "\"start\": \"2026-12-01T18:00:00+02:00\""), "%s", r.out);
	cr_assert_null(strstr(r.out, "2026-12-22T18:00:00+02:00"), "left at the old time");
	cr_assert(strstr(r.out, "\"note\": \"Seurakuntatalo\""), "the date's own place:\n%s",
		  r.out);
	test_run_free(&r);
	free(feed);
}
