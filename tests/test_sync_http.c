/* SPDX-License-Identifier: EUPL-1.2 */
/* Integration tests of `aulataulu sync` against a real HTTP server on
 * 127.0.0.1 (tests/feedserver.py): conditional GET, changes, and every kind
 * of bad feed refused with the cache left exactly as it was. */
#include "config.h"

#include "helpers.h"
#include "sync/fetch.h"
#include "sync/sync.h"
#include "util/diag.h"
#include "util/settings.h"

#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <jansson.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <stdlib.h>
#include <string.h>

static char *dir, *root, *conf;
static struct server server;

static void write_config(const char *path, const char *extra)
{
	char *text;
	cr_assert(
	    asprintf(&text,
		     "[kiosk]\nmunicipality = 564\n[sync]\ntimeout = 3\nconnect_timeout = 2\n%s\n"
		     "[source web]\nurl = http://127.0.0.1:%d%s\nfeed_id = demo\n",
		     extra ? extra : "", server.port, path) > 0);
	test_write_file(conf, text);
	free(text);
}

static void publish(const char *text)
{
	char *path = test_path(root, "feed.json");
	test_write_file(path, text);
	free(path);
}

static void publish_demo(int64_t at)
{
	char *feed = test_demo_feed(at);
	publish(feed);
	free(feed);
}

static void setup(void)
{
	dir = test_tmpdir();
	root = test_tmpdir();
	conf = test_path(dir, "aulataulu.conf");
	test_server_start(&server, root);
	write_config("/feed.json", NULL);
	publish_demo(TEST_NOW);
}

static void teardown(void)
{
	test_server_stop(&server);
	test_rmdir(dir);
	test_rmdir(root);
	free(dir);
	free(root);
	free(conf);
}

TestSuite(sync_http, .init = setup, .fini = teardown, .timeout = 60);

static void sync_now(struct run *r)
{
	const char *argv[] = {"--data-dir", dir,	   "--config", conf,
			      "--now",	    TEST_NOW_TEXT, "sync",     NULL};
	test_run(r, argv);
}

static size_t count_week(void)
{
	const char *argv[] = {"--data-dir", dir,      "--config", conf,	    "--now", TEST_NOW_TEXT,
			      "list",	    "--when", "week",	  "--json", NULL};
	struct run r;
	test_run(&r, argv);
	cr_assert_eq(r.status, 0, "%s", r.err);
	json_t *doc = json_loads(r.out, 0, NULL);
	size_t n = json_array_size(json_object_get(doc, "activities"));
	json_decref(doc);
	test_run_free(&r);
	return n;
}

/* Syncs once so that there is data to keep. */
static char *first_sync(void)
{
	struct run r;
	sync_now(&r);
	cr_assert_eq(r.status, 0, "%s", r.err);
	cr_assert(strstr(r.out, "web: updated"), "%s", r.out);
	test_run_free(&r);
	cr_assert_geq(count_week(), 30);
	return test_cache_fingerprint(dir);
}

/* A sync that must fail with a message naming `why`, the cache unchanged. */
static void assert_refused(const char *before, const char *why)
{
	struct run r;
	size_t week = count_week();
	sync_now(&r);
	cr_assert_eq(r.status, 1, "exit %d\n%s%s", r.status, r.out, r.err);
	cr_assert(strstr(r.err, why), "\"%s\" not in: %s", why, r.err);
	cr_assert(strstr(r.err, "the cache is unchanged"), "%s", r.err);
	test_run_free(&r);
	char *after = test_cache_fingerprint(dir);
	cr_assert_str_eq(before, after, "the cache changed");
	free(after);
	cr_assert_eq(count_week(), week, "list no longer shows the old data");
}

Test(sync_http, first_sync_applies_second_gets_304)
{
	char *before = first_sync();
	struct run r;
	sync_now(&r);
	cr_assert_eq(r.status, 0, "%s", r.err);
	cr_assert(strstr(r.out, "web: unchanged"), "%s", r.out);
	test_run_free(&r);
	cr_assert_eq(test_server_count(root, "GET /feed.json 200"), 1);
	cr_assert_eq(test_server_count(root, "GET /feed.json 304"), 1);
	char *after = test_cache_fingerprint(dir);
	cr_assert_str_eq(before, after, "a 304 writes nothing");
	free(before);
	free(after);
}

/* A feed that does not change for longer than the window (60 days) keeps
 * its weekly dates: once a day it is read whole (no 304) and applied again,
 * its schedules expanded afresh; within the day, 304s as before. */
Test(sync_http, an_unchanged_feed_keeps_its_dates_beyond_the_window)
{
	free(first_sync());
	static const char later[] = "2027-02-02T09:00:00+02:00"; /* 70 days on */
	const char *sync_later[] = {"--data-dir", dir,	 "--config", conf,
				    "--now",	  later, "sync",     NULL};
	const char *week_later[] = {"--data-dir", dir,	    "--config", conf,	  "--now", later,
				    "list",	  "--when", "week",	"--json", NULL};
	struct run r;
	test_run(&r, sync_later);
	cr_assert_eq(r.status, 0, "%s", r.err);
	cr_assert(strstr(r.out, "web: updated"), "read whole again: %s", r.out);
	test_run_free(&r);
	cr_assert_eq(test_server_count(root, "GET /feed.json 200"), 2);
	test_run(&r, week_later);
	cr_assert_eq(r.status, 0, "%s", r.err);
	json_t *doc = json_loads(r.out, 0, NULL);
	cr_assert_geq(json_array_size(json_object_get(doc, "activities")), 10,
		      "the weekly groups 70 days on: %s", r.out);
	json_decref(doc);
	test_run_free(&r);
	test_run(&r, sync_later);
	cr_assert(strstr(r.out, "web: unchanged"), "%s", r.out);
	test_run_free(&r);
	cr_assert_eq(test_server_count(root, "GET /feed.json 304"), 1, "within the day: 304");
}

Test(sync_http, a_changed_feed_applies)
{
	char *before = first_sync();
	publish_demo(TEST_NOW + 3600);
	struct run r;
	sync_now(&r);
	cr_assert_eq(r.status, 0, "%s", r.err);
	cr_assert(strstr(r.out, "web: updated"), "%s", r.out);
	test_run_free(&r);
	char *after = test_cache_fingerprint(dir);
	cr_assert_str_neq(before, after);
	free(before);
	free(after);
}

Test(sync_http, refuses_a_truncated_feed)
{
	char *before = first_sync();
	char *feed = test_demo_feed(TEST_NOW + 3600);
	feed[strlen(feed) / 2] = '\0';
	publish(feed);
	assert_refused(before, "not a valid JSON document");
	free(feed);
	free(before);
}

Test(sync_http, refuses_what_is_not_json)
{
	char *before = first_sync();
	publish("<html><body>502 Bad Gateway</body></html>");
	assert_refused(before, "not a valid JSON document");
	free(before);
}

Test(sync_http, refuses_a_wrong_version)
{
	char *before = first_sync();
	char *feed = test_demo_feed(TEST_NOW + 3600);
	feed = test_replace(feed, "\"format_version\": 1", "\"format_version\": 2");
	publish(feed);
	assert_refused(before, "format_version");
	free(feed);
	free(before);
}

Test(sync_http, refuses_an_oversized_feed)
{
	char *before = first_sync();
	write_config("/feed.json", "max_size = 16k");
	publish_demo(TEST_NOW + 3600);
	assert_refused(before, "larger than the cap of 16384 bytes");
	free(before);
}

/* The cap holds while the body streams in, not only against a
 * Content-Length: a chunked response names no length. */
Test(sync_http, refuses_an_oversized_chunked_feed)
{
	char *before = first_sync();
	write_config("/chunked/feed.json", "max_size = 16k");
	publish_demo(TEST_NOW + 3600);
	assert_refused(before, "larger than the cap of 16384 bytes");
	free(before);
}

Test(sync_http, refuses_a_rollback)
{
	char *before = first_sync();
	publish_demo(TEST_NOW - 3600);
	assert_refused(before, "older than the");
	free(before);
}

Test(sync_http, refuses_another_feed)
{
	char *before = first_sync();
	char *feed = test_demo_feed(TEST_NOW + 3600);
	feed = test_replace(feed, "\"id\": \"demo\"", "\"id\": \"someone-else\"");
	publish(feed);
	assert_refused(before, "expects \"demo\"");
	free(feed);
	free(before);
}

Test(sync_http, refuses_a_feed_from_the_future)
{
	char *before = first_sync();
	publish_demo(TEST_NOW + 3 * 86400);
	assert_refused(before, "more than a day in the future");
	free(before);
}

Test(sync_http, gives_up_on_a_stalled_server)
{
	char *before = first_sync();
	write_config("/stall", NULL);
	struct run r;
	sync_now(&r);
	cr_assert_eq(r.status, 1);
	cr_assert(strstr(r.err, "in time"), "%s", r.err);
	cr_assert_lt(r.seconds, 10.0, "took %.1f s with a 3 s limit", r.seconds);
	test_run_free(&r);
	char *after = test_cache_fingerprint(dir);
	cr_assert_str_eq(before, after);
	free(before);
	free(after);
}

Test(sync_http, hostile_servers_change_nothing)
{
	char *before = first_sync();
	static const char *const cases[][2] = {
	    {"/endless", "larger than the cap"},
	    {"/gzipbomb", "larger than the cap"},
	    {"/redirect-loop", "too many redirects"},
	    {"/redirect-file", "protocol that is not allowed"},
	    {"/redirect-port", "another host or port"},
	    {"/slow", "in time"},
	    {"/retry-after", "HTTP 503"},
	    {"/missing.json", "HTTP 404"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		write_config(cases[i][0], "max_size = 1M");
		assert_refused(before, cases[i][1]);
	}
	free(before);
}

/* The next try status.json names for source web. */
static json_int_t next_try(void)
{
	char *path = test_path(dir, "status.json");
	json_t *status = json_load_file(path, 0, NULL);
	cr_assert_not_null(status, "%s", path);
	json_t *web = json_object_get(json_object_get(status, "sources"), "web");
	json_int_t next = json_integer_value(json_object_get(web, "next_try_unix"));
	json_decref(status);
	free(path);
	return next;
}

/* A server's Retry-After is honoured up to an hour, at the bound and on
 * each side of it: 1,000,000,000 s once stopped a terminal for 31 years.
 * (The backoff of these first failures, 30 s to 4 min, is shorter.) */
Test(sync_http, retry_after_is_honoured_up_to_an_hour)
{
	char *before = first_sync();
	static const struct {
		const char *path;
		long wait;
	} cases[] = {{"/retry-after/3599", 3599},
		     {"/retry-after/3600", 3600},
		     {"/retry-after/3601", 3600},
		     {"/retry-after", 3600}};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		write_config(cases[i].path, NULL);
		assert_refused(before, "HTTP 503");
		cr_assert_eq(next_try(), TEST_NOW + cases[i].wait, "%s: next try in %lld s",
			     cases[i].path, (long long)(next_try() - TEST_NOW));
	}
	free(before);
}

Test(sync_http, status_shows_the_last_error)
{
	char *before = first_sync();
	publish("{");
	assert_refused(before, "not a valid JSON");
	const char *argv[] = {"--data-dir", dir, "--config", conf, "status", "--json", NULL};
	struct run r;
	test_run(&r, argv);
	json_t *doc = json_loads(r.out, 0, NULL);
	json_t *src = json_array_get(json_object_get(doc, "sources"), 0);
	cr_assert(strstr(json_string_value(json_object_get(src, "error")), "not a valid JSON"));
	cr_assert_str_eq(json_string_value(json_object_get(src, "last_success")), TEST_NOW_TEXT);
	json_decref(doc);
	test_run_free(&r);
	free(before);
}

/* With a public_key, only a feed with a valid .minisig beside it applies. */
Test(sync_http, signed_feeds_only_when_a_key_is_set)
{
	const char *minisign = getenv("MINISIGN") ? getenv("MINISIGN") : "minisign";
	char cmd[1024];
	snprintf(cmd, sizeof(cmd), "cd %s && %s -G -W -p pub -s sec >/dev/null", dir, minisign);
	cr_assert_eq(system(cmd), 0, "install the Debian package minisign");
	char *pub = test_path(dir, "pub");
	char *text = test_read_file(pub, NULL);
	char *key = strchr(text, '\n') + 1;
	key[strcspn(key, "\n")] = '\0';
	char extra[256];
	snprintf(extra, sizeof(extra), "\n[source web]\npublic_key = %s\n", key);

	/* Unsigned: refused before it is parsed, nothing applied. */
	write_config("/feed.json", NULL);
	char *conf_text = test_read_file(conf, NULL);
	char *with_key;
	cr_assert(asprintf(&with_key, "%s%s", conf_text, extra) > 0);
	test_write_file(conf, with_key);
	struct run r;
	sync_now(&r);
	cr_assert_eq(r.status, 1);
	cr_assert(strstr(r.err, "signature could not be fetched"), "%s", r.err);
	test_run_free(&r);

	/* Signed with the configured key: applied. */
	snprintf(cmd, sizeof(cmd), "cd %s && %s -S -s %s/sec -m feed.json >/dev/null", root,
		 minisign, dir);
	cr_assert_eq(system(cmd), 0);
	sync_now(&r);
	cr_assert_eq(r.status, 0, "%s", r.err);
	cr_assert(strstr(r.out, "web: updated"), "%s", r.out);
	test_run_free(&r);
	char *before = test_cache_fingerprint(dir);

	/* A newer feed whose signature is the old one's: refused. */
	publish_demo(TEST_NOW + 3600);
	assert_refused(before, "signature does not match");
	free(before);
	free(with_key);
	free(conf_text);
	free(text);
	free(pub);
}

/* The signature's refusal on its own, whatever a parser does with a
 * document handed over with an error: sync_fetch hands over no document
 * at all (no body, FETCH_FAILED), for a signature missing, of other data
 * or of another key. */
Test(sync_http, a_refused_signature_hands_over_no_document)
{
	const char *minisign = getenv("MINISIGN") ? getenv("MINISIGN") : "minisign";
	char cmd[1024];
	snprintf(cmd, sizeof(cmd),
		 "cd %s && %s -G -W -p pub -s sec >/dev/null && %s -G -W -p pub2 -s sec2 >/dev/null",
		 dir, minisign, minisign);
	cr_assert_eq(system(cmd), 0, "install the Debian package minisign");
	char *key = test_minisign_key(dir, "pub");
	char *feed = test_path(root, "feed.json");
	struct settings cfg;
	test_file_source(&cfg, feed, "aulataulu");
	cfg.sources[0].public_key = strdup(key);
	static const char *const signers[] = {NULL, "sec", "sec2"};
	static const char *const why[] = {"could not be fetched", "does not match",
					  "not valid"};
	for (int i = 0; i < 3; i++) {
		char *sig = test_path(root, "feed.json.minisig");
		remove(sig);
		free(sig);
		if (signers[i]) {
			/* sec signs other data (a mismatch); sec2 is another key. */
			snprintf(cmd, sizeof(cmd),
				 "cd %s && printf other >other && %s -S -s %s/%s -m %s -x "
				 "feed.json.minisig >/dev/null",
				 root, minisign, dir, signers[i], i == 1 ? "other" : "feed.json");
			cr_assert_eq(system(cmd), 0);
		}
		struct fetch_result fr;
		struct sync_signature signature;
		struct diag d = {0};
		enum fetch_status fs =
		    sync_fetch(&cfg, &cfg.sources[0], NULL, NULL, TEST_NOW, &fr, &signature, &d);
		cr_assert_eq(fs, FETCH_FAILED, "case %d", i);
		cr_assert_null(fr.body, "case %d: a document handed over", i);
		cr_assert_eq(fr.len, 0);
		cr_assert(signature.refused, "case %d", i);
		cr_assert(d.error && strstr(d.error, why[i]), "case %d: %s", i,
			  d.error ? d.error : "no error");
		fetch_result_free(&fr);
		diag_clear(&d);
	}
	/* Signed with the key: handed over. */
	snprintf(cmd, sizeof(cmd), "cd %s && %s -S -s %s/sec -m feed.json >/dev/null", root,
		 minisign, dir);
	cr_assert_eq(system(cmd), 0);
	struct fetch_result fr;
	struct sync_signature signature;
	struct diag d = {0};
	cr_assert_eq(sync_fetch(&cfg, &cfg.sources[0], NULL, NULL, TEST_NOW, &fr, &signature, &d),
		     FETCH_OK, "%s", d.error ? d.error : "");
	cr_assert_not_null(fr.body);
	fetch_result_free(&fr);
	diag_clear(&d);
	settings_free(&cfg);
	free(feed);
	free(key);
}

/* A self-signed certificate for localhost, made for the test. */
static void make_certificate(char **cert, char **key)
{
	*cert = test_path(root, "cert.pem");
	*key = test_path(root, "key.pem");
	char cmd[8192];
	snprintf(cmd, sizeof(cmd),
		 "openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 2 "
		 "-keyout %s -out %s >/dev/null 2>&1",
		 *key, *cert);
	cr_assert_eq(system(cmd), 0, "install the Debian package openssl");
}

Test(sync_http, bad_certificates_are_refused)
{
	char *before = first_sync();
	test_server_stop(&server);
	char *cert, *key;
	make_certificate(&cert, &key);
	test_server_start_tls(&server, root, cert, key);
	/* Not trusted; then trusted (ca_file) but issued for "localhost", not
	 * for the address asked: host-name checking is what refuses it. */
	static const char *const hosts[] = {"localhost", "127.0.0.1"};
	for (int i = 0; i < 2; i++) {
		char *text;
		cr_assert(asprintf(&text,
				   "[sync]\ntimeout = 3\n%s%s\n[source web]\n"
				   "url = https://%s:%d/feed.json\nfeed_id = demo\n",
				   i ? "ca_file = " : "", i ? cert : "", hosts[i],
				   server.port) > 0);
		test_write_file(conf, text);
		free(text);
		assert_refused(before, "certificate could not be verified");
	}
	/* The same trusted certificate under its own name is accepted: the
	 * refusal above was the name's. */
	char *text;
	cr_assert(asprintf(&text,
			   "[sync]\ntimeout = 3\nca_file = %s\n[source web]\n"
			   "url = https://localhost:%d/feed.json\nfeed_id = demo\n",
			   cert, server.port) > 0);
	test_write_file(conf, text);
	free(text);
	publish_demo(TEST_NOW + 3600);
	struct run r;
	sync_now(&r);
	cr_assert_eq(r.status, 0, "%s", r.err);
	cr_assert(strstr(r.out, "web: updated"), "%s", r.out);
	test_run_free(&r);
	free(cert);
	free(key);
	free(before);
}

Test(sync_http, gives_up_on_a_stalled_tls_handshake)
{
	char *before = first_sync();
	/* A socket that takes connections and never says a word. */
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in addr = {.sin_family = AF_INET,
				   .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	cr_assert_eq(bind(fd, (struct sockaddr *)&addr, sizeof(addr)), 0);
	cr_assert_eq(listen(fd, 4), 0);
	socklen_t len = sizeof(addr);
	getsockname(fd, (struct sockaddr *)&addr, &len);
	char *text;
	cr_assert(
	    asprintf(&text,
		     "[sync]\ntimeout = 3\n[source web]\nurl = https://127.0.0.1:%d/feed.json\n"
		     "feed_id = demo\n",
		     ntohs(addr.sin_port)) > 0);
	test_write_file(conf, text);
	free(text);
	struct run r;
	sync_now(&r);
	cr_assert_eq(r.status, 1);
	cr_assert(strstr(r.err, "in time"), "%s", r.err);
	cr_assert_lt(r.seconds, 10.0, "took %.1f s with a 3 s limit", r.seconds);
	test_run_free(&r);
	close(fd);
	char *after = test_cache_fingerprint(dir);
	cr_assert_str_eq(before, after);
	free(after);
	free(before);
}

Test(sync_http, follows_a_redirect_on_the_same_host)
{
	write_config("/moved", NULL);
	struct run r;
	sync_now(&r);
	cr_assert_eq(r.status, 0, "%s", r.err);
	cr_assert(strstr(r.out, "web: updated"), "%s", r.out);
	test_run_free(&r);
	cr_assert_eq(test_server_count(root, "GET /moved 301"), 1);
	cr_assert_eq(test_server_count(root, "GET /feed.json 200"), 1);
}

/* `timeout` is the whole fetch's limit: three redirects of 2 s each were
 * each given the full 3 s (a sync took 24 s with timeout = 10). */
Test(sync_http, the_timeout_covers_every_redirect)
{
	char *before = first_sync();
	write_config("/slowhop/1", NULL);
	struct run r;
	sync_now(&r);
	cr_assert_eq(r.status, 1, "%s%s", r.out, r.err);
	cr_assert(strstr(r.err, "in time (limit 3 s)"), "%s", r.err);
	cr_assert_lt(r.seconds, 4.5, "took %.1f s with a 3 s limit", r.seconds);
	test_run_free(&r);
	char *after = test_cache_fingerprint(dir);
	cr_assert_str_eq(before, after);
	free(after);
	free(before);
}

/* A FIFO named by a file:// source blocked libcurl with no time limit. */
Test(sync_http, a_file_source_that_is_a_pipe_is_refused_at_once)
{
	char *fifo = test_path(dir, "feed.fifo"), *text;
	cr_assert_eq(mkfifo(fifo, 0600), 0);
	cr_assert(
	    asprintf(&text,
		     "[sync]\ntimeout = 2\n[source pipe]\nurl = file://%s\nallow_file = yes\n",
		     fifo) > 0);
	test_write_file(conf, text);
	free(text);
	struct run r;
	sync_now(&r);
	cr_assert_eq(r.status, 1);
	cr_assert(strstr(r.err, "not a regular file"), "%s", r.err);
	cr_assert_lt(r.seconds, 2.0, "took %.1f s", r.seconds);
	test_run_free(&r);
	free(fifo);
}

Test(sync_http, never_leaves_https_for_http)
{
	test_server_stop(&server);
	char *cert, *key;
	make_certificate(&cert, &key);
	test_server_start_tls(&server, root, cert, key);
	char *text;
	/* The server's certificate is trusted: only the redirect can fail. */
	cr_assert(asprintf(&text,
			   "[sync]\ntimeout = 3\nca_file = %s\n"
			   "[source web]\nurl = https://localhost:%d/to-http\n",
			   cert, server.port) > 0);
	test_write_file(conf, text);
	free(text);
	struct run r;
	sync_now(&r);
	cr_assert_eq(r.status, 1);
	cr_assert(strstr(r.err, "from https to http"), "%s", r.err);
	test_run_free(&r);
	cr_assert_eq(test_server_count(root, "GET /feed.json"), 0, "the redirect was followed");
	free(cert);
	free(key);
}

/* No byte that a terminal would act on (ESC, C1, bidi controls) */
static void assert_clean(const char *what, const char *text)
{
	cr_assert_null(strchr(text, '\x1b'), "%s has ESC: %s", what, text);
	cr_assert_null(strstr(text, "\xc2\x9b"), "%s has C1 CSI: %s", what, text);
	cr_assert_null(strstr(text, "\xe2\x80\xae"), "%s has RLO: %s", what, text);
	cr_assert_null(strchr(text, '\x07'), "%s has BEL: %s", what, text);
}

/* Server and feed bytes reached sync's stderr, status and status.json raw. */
Test(sync_http, server_bytes_never_reach_messages_or_the_cache)
{
	first_sync();
	write_config("/evil-json", NULL);
	struct run r;
	sync_now(&r);
	cr_assert_eq(r.status, 1);
	assert_clean("sync's stderr", r.err);
	test_run_free(&r);
	const char *status_json[] = {"--data-dir",  dir,      "--config", conf, "--now",
				     TEST_NOW_TEXT, "status", "--json",	  NULL};
	test_run(&r, status_json);
	cr_assert(strstr(r.out, "\"error\""), "%s", r.out);
	assert_clean("status --json", r.out);
	test_run_free(&r);
	const char *status[] = {"--data-dir", dir, "--config", conf, "status", NULL};
	test_run(&r, status);
	assert_clean("status", r.out);
	test_run_free(&r);
	char *path = test_path(dir, "status.json"), *file = test_read_file(path, NULL);
	assert_clean("status.json", file);
	free(file);
	free(path);
	/* Validators with controls are not kept: the next request is plain. */
	publish_demo(TEST_NOW + 3600);
	write_config("/evil-etag", NULL);
	sync_now(&r);
	cr_assert_eq(r.status, 0, "%s", r.err);
	cr_assert(strstr(r.out, "web: updated"), "%s", r.out);
	test_run_free(&r);
	path = test_path(dir, "cache.db");
	sqlite3 *db;
	sqlite3_stmt *st;
	cr_assert_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(db,
					"SELECT etag IS NULL AND last_modified IS NULL FROM sources"
					" WHERE name = 'web'",
					-1, &st, NULL),
		     SQLITE_OK);
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
	cr_assert_eq(sqlite3_column_int(st, 0), 1, "a validator with controls was stored");
	sqlite3_finalize(st);
	sqlite3_close(db);
	free(path);
}

Test(sync_http, a_304_to_a_plain_request_is_not_a_success)
{
	write_config("/not-modified", NULL);
	struct run r;
	sync_now(&r);
	cr_assert_eq(r.status, 1, "%s", r.out);
	cr_assert(strstr(r.err, "304 Not Modified to a request that was not conditional"), "%s",
		  r.err);
	test_run_free(&r);
}

Test(sync_http, a_giant_header_is_named_as_such)
{
	write_config("/giant-header", NULL);
	struct run r;
	sync_now(&r);
	cr_assert_eq(r.status, 1);
	cr_assert(strstr(r.err, "response headers larger than allowed"), "%s", r.err);
	cr_assert_null(strstr(r.err, "out of memory"), "%s", r.err);
	test_run_free(&r);
}

/* The metrics file, read by the real promtool (Debian's prometheus). */
static char *checked_metrics(const char *path)
{
	char cmd[1024];
	snprintf(cmd, sizeof(cmd), "promtool check metrics < %s 2>&1", path);
	FILE *p = popen(cmd, "r");
	char out[4096] = "";
	size_t n = fread(out, 1, sizeof(out) - 1, p);
	out[n] = '\0';
	int rc = pclose(p);
	cr_assert(WIFEXITED(rc) && WEXITSTATUS(rc) == 0,
		  "promtool check metrics refused %s (install the Debian package prometheus): %s",
		  path, out);
	char *text = test_read_file(path, NULL);
	cr_assert_not_null(text);
	return text;
}

Test(sync_http, metrics_pass_promtool_after_a_good_and_a_failed_sync)
{
	char *metrics = test_path(dir, "aulataulu.prom"), *extra;
	cr_assert(asprintf(&extra, "[kiosk]\nmetrics_file = %s\nterminal_id = aula-7\n", metrics) >
		  0);
	write_config("/feed.json", extra);
	struct run r;
	sync_now(&r);
	cr_assert_eq(r.status, 0, "%s", r.err);
	test_run_free(&r);
	char *text = checked_metrics(metrics);
	cr_assert_not_null(strstr(text, "aulataulu_source_failures{source=\"web\"} 0\n"), "%s",
			   text);
	cr_assert_not_null(strstr(text, "aulataulu_source_last_success_timestamp_seconds{source="
					"\"web\"} 1795503600\n"),
			   "%s", text);
	cr_assert_not_null(strstr(text, "aulataulu_kiosk_up 0\n"), "%s", text);
	cr_assert_not_null(strstr(text, "terminal=\"aula-7\""), "%s", text);
	cr_assert_null(strstr(text, "aulataulu_activities 0\n"), "%s", text);
	free(text);
	/* The feed server's log names the terminal. */
	cr_assert_eq(test_server_count(root, "GET /feed.json 200 aulataulu/"), 1);
	cr_assert_eq(test_server_count(root, "(terminal aula-7)"), 1);
	/* The feed goes away: a failure in a row, the last success kept. */
	char *feed = test_path(root, "feed.json");
	cr_assert_eq(remove(feed), 0);
	free(feed);
	sync_now(&r);
	cr_assert_eq(r.status, 1);
	test_run_free(&r);
	text = checked_metrics(metrics);
	cr_assert_not_null(strstr(text, "aulataulu_source_failures{source=\"web\"} 1\n"), "%s",
			   text);
	cr_assert_not_null(strstr(text, "aulataulu_source_last_success_timestamp_seconds{source="
					"\"web\"} 1795503600\n"),
			   "%s", text);
	struct stat sb;
	cr_assert_eq(stat(metrics, &sb), 0);
	cr_assert_eq(sb.st_mode & 0777, 0644, "node_exporter cannot read it");
	free(text);
	free(extra);
	free(metrics);
}
