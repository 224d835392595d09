/* SPDX-License-Identifier: EUPL-1.2 */
/* helpers: what the tests share: temporary directories, files, running the
 * real program, a loopback feed server, a fingerprint of the cache. */
#ifndef AULATAULU_TEST_HELPERS_H
#define AULATAULU_TEST_HELPERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* A new empty directory under $TMPDIR, else /tmp (the caller frees the
 * path). */
char *test_tmpdir(void);
/* The same in memory (/dev/shm when there is one), for tests that commit
 * thousands of times: fsync costs nothing there. */
char *test_memdir(void);
/* Removes dir and everything in it. */
void test_rmdir(const char *dir);

void test_write_file(const char *path, const char *text);
/* The whole file, NUL-terminated (caller frees), or NULL. */
char *test_read_file(const char *path, size_t *len);
/* dir + "/" + name in a new string. */
char *test_path(const char *dir, const char *name);

/* How many rounds a repeated test runs: the environment variable name's
 * positive number, else fallback (the sanitizer build sets smaller counts:
 * each round costs several times as much there). */
int test_rounds(const char *name, int fallback);

/* The number a shell command line prints first (wc -l, grep -c); the test
 * fails when it prints none. */
int test_command_number(const char *command);

/* Runs `minisign args` (a shell command line) in dir, $MINISIGN if set;
 * the test fails, naming the Debian package, when it does. */
void test_minisign(const char *dir, const char *args);
/* The base64 line of the minisign public key file dir/file (caller frees). */
char *test_minisign_key(const char *dir, const char *file);

struct run {
	int status; /* exit status, or -1 when killed by a signal */
	char *out, *err;
	double seconds;
};

/* Runs $AULATAULU_BIN with args (NULL-terminated) and captures its output;
 * in English unless args choose a --lang. */
void test_run(struct run *r, const char *const *args);
/* The same as a command of data directory dir at TEST_NOW: --data-dir dir
 * --now TEST_NOW_TEXT [--config conf] args (NULL-terminated). */
void test_run_in(struct run *r, const char *dir, const char *conf, const char *const *args);
void test_run_free(struct run *r);

/* The feed server (tests/feedserver.py) on 127.0.0.1, serving root. */
struct server {
	pid_t pid;
	int port;
};
void test_server_start(struct server *s, const char *root);
/* The same over HTTPS with a certificate and key (PEM files). */
void test_server_start_tls(struct server *s, const char *root, const char *cert, const char *key);
void test_server_stop(struct server *s);
/* Lines of root/requests.log that contain needle. */
int test_server_count(const char *root, const char *needle);

/* A hash of everything cache.db in dir holds (its content tables and the
 * sources' state), as hex in a new string. */
char *test_cache_fingerprint(const char *dir);
/* A digest of what dir's cache.db holds, activities known by source and id
 * (not rowid) and the sources without what each fetch changes (sequence,
 * ETag, times): equal after an import into a fresh cache and after the
 * same feed applied over an older one. */
char *test_cache_content(const char *dir);

/* The demo feed as at time now (caller frees). */
char *test_demo_feed(int64_t now);

/* Applies the demo feed (as at TEST_NOW, schedules expanded) to the cache
 * in dir as source "demo", as a sync would. */
void test_apply_demo(const char *dir);

/* cfg with the defaults and, as its one source, the file path read in
 * format ("aulataulu", "csv"); free with settings_free. */
struct settings;
void test_file_source(struct settings *cfg, const char *path, const char *format);
/* The same, and a cache in dir to sync it into (store_close it). */
struct store;
struct store *test_open_file_source(const char *dir, const char *path, const char *format,
				    struct settings *cfg);

/* Writes each prefix of text (every cut of len bytes) to path, the file of
 * cfg's first source, and syncs it into s (the cache in dir): every cut
 * must apply, or be refused with the cache exactly as it was. How many
 * were refused. */
struct store;
size_t test_sync_every_cut(struct store *s, const struct settings *cfg, const char *dir,
			   const char *path, const char *text, size_t len);

/* The activity of f with id (the test fails when there is none), and
 * whether the list l holds id. */
struct feed;
struct feed_activity;
struct strlist;
const struct feed_activity *test_activity(const struct feed *f, const char *id);
bool test_has(const struct strlist *l, const char *id);

/* Replaces every "from" in text with "to" (a new string; frees text). */
char *test_replace(char *text, const char *from, const char *to);

/* An RFC 3339 time for tests: 24.11.2026 09:00 in Helsinki. */
#define TEST_NOW_TEXT "2026-11-24T09:00:00+02:00"
#define TEST_NOW ((int64_t)1795503600)

#endif
