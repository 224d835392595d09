/* SPDX-License-Identifier: EUPL-1.2 */
/* helpers: what the tests share. */
#include "config.h"

#include "helpers.h"

#include "store/search_tokenizer.h"

#include "feed/demo.h"
#include "feed/feed_json.h"
#include "feed/recur.h"
#include "util/settings.h"
#include "store/store.h"
#include "sync/sync.h"
#include "util/text.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* A new name for mkdtemp or mkstemp: under $TMPDIR, else /tmp. Caller
 * frees. */
static char *temp_template(const char *what)
{
	const char *dir = getenv("TMPDIR");
	if (!dir || dir[0] != '/')
		dir = "/tmp";
	char *tmpl = NULL;
	cr_assert(asprintf(&tmpl, "%s/aulataulu-%s-XXXXXX", dir, what) > 0);
	return tmpl;
}

char *test_tmpdir(void)
{
	char *tmpl = temp_template("test");
	cr_assert_not_null(mkdtemp(tmpl), "mkdtemp %s: %s", tmpl, strerror(errno));
	return tmpl;
}

char *test_memdir(void)
{
	char tmpl[] = "/dev/shm/aulataulu-test-XXXXXX";
	if (access("/dev/shm", W_OK) == 0 && mkdtemp(tmpl))
		return strdup(tmpl);
	return test_tmpdir();
}

void test_rmdir(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char *p = test_path(dir, e->d_name);
		struct stat st;
		if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
			test_rmdir(p);
		else
			unlink(p);
		free(p);
	}
	closedir(d);
	rmdir(dir);
}

char *test_path(const char *dir, const char *name)
{
	char *p;
	cr_assert(asprintf(&p, "%s/%s", dir, name) > 0);
	return p;
}

void test_minisign(const char *dir, const char *args)
{
	char cmd[2048];
	const char *tool = getenv("MINISIGN") ? getenv("MINISIGN") : "minisign";
	snprintf(cmd, sizeof(cmd), "cd %s && %s %s", dir, tool, args);
	int rc = system(cmd);
	cr_assert(WIFEXITED(rc) && WEXITSTATUS(rc) == 0,
		  "`%s` failed: install the Debian package minisign", cmd);
}

char *test_minisign_key(const char *dir, const char *file)
{
	char *path = test_path(dir, file);
	char *text = test_read_file(path, NULL);
	cr_assert_not_null(text, "%s", path);
	char *line = strchr(text, '\n') + 1;
	line[strcspn(line, "\r\n")] = '\0';
	char *key = strdup(line);
	free(text);
	free(path);
	return key;
}

void test_write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	cr_assert_not_null(f, "%s: %s", path, strerror(errno));
	fwrite(text, 1, strlen(text), f);
	cr_assert_eq(fclose(f), 0);
}

char *test_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)size + 1);
	size_t got = fread(buf, 1, (size_t)size, f);
	fclose(f);
	buf[got] = '\0';
	if (len)
		*len = got;
	return buf;
}

static char *slurp_fd(int fd)
{
	size_t cap = 4096, len = 0;
	char *buf = malloc(cap);
	ssize_t n;
	while ((n = read(fd, buf + len, cap - len - 1)) > 0) {
		len += (size_t)n;
		if (cap - len - 1 == 0)
			buf = realloc(buf, cap *= 2);
	}
	buf[len] = '\0';
	return buf;
}

void test_run(struct run *r, const char *const *args)
{
	const char *bin = getenv("AULATAULU_BIN");
	cr_assert_not_null(bin, "AULATAULU_BIN is not set (run through make check)");
	char *tmpl_out = temp_template("out"), *tmpl_err = temp_template("err");
	int out = mkstemp(tmpl_out), err = mkstemp(tmpl_err);
	cr_assert(out >= 0 && err >= 0);
	unlink(tmpl_out);
	unlink(tmpl_err);
	free(tmpl_out);
	free(tmpl_err);
	size_t n = 0;
	while (args[n])
		n++;
	const char **argv = calloc(n + 4, sizeof(*argv));
	size_t k = 0;
	argv[k++] = bin;
	bool has_lang = false;
	for (size_t i = 0; i < n; i++)
		has_lang = has_lang || strcmp(args[i], "--lang") == 0;
	if (!has_lang) { /* messages are asserted in English */
		argv[k++] = "--lang";
		argv[k++] = "en";
	}
	memcpy(argv + k, args, n * sizeof(*argv));
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid_t pid = fork();
	cr_assert(pid >= 0);
	if (pid == 0) {
		int devnull = open("/dev/null", O_RDONLY);
		dup2(devnull, 0);
		dup2(out, 1);
		dup2(err, 2);
		execv(bin, (char *const *)argv);
		_exit(127);
	}
	int status;
	waitpid(pid, &status, 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	r->seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	r->status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	lseek(out, 0, SEEK_SET);
	lseek(err, 0, SEEK_SET);
	r->out = slurp_fd(out);
	r->err = slurp_fd(err);
	close(out);
	close(err);
	free(argv);
}

void test_run_in(struct run *r, const char *dir, const char *conf, const char *const *args)
{
	const char *argv[40] = {"--data-dir", dir, "--now", TEST_NOW_TEXT};
	size_t n = 4;
	if (conf) {
		argv[n++] = "--config";
		argv[n++] = conf;
	}
	while (*args && n < 39)
		argv[n++] = *args++;
	argv[n] = NULL;
	test_run(r, argv);
}

void test_run_free(struct run *r)
{
	free(r->out);
	free(r->err);
}

void test_server_start(struct server *s, const char *root)
{
	test_server_start_tls(s, root, NULL, NULL);
}

void test_server_start_tls(struct server *s, const char *root, const char *cert, const char *key)
{
	int pipefd[2];
	cr_assert_eq(pipe(pipefd), 0);
	const char *python = getenv("PYTHON3") ? getenv("PYTHON3") : "python3";
	const char *top = getenv("top_srcdir") ? getenv("top_srcdir") : TOP_SRCDIR;
	char *script = test_path(top, "tests/feedserver.py");
	s->pid = fork();
	cr_assert(s->pid >= 0);
	if (s->pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL); /* never outlive the test */
		dup2(pipefd[1], 1);
		close(pipefd[0]);
		execlp(python, python, script, root, cert, key, (char *)NULL);
		_exit(127);
	}
	close(pipefd[1]);
	char line[32] = "";
	FILE *f = fdopen(pipefd[0], "r");
	cr_assert_not_null(fgets(line, sizeof(line), f), "the feed server did not start");
	fclose(f);
	s->port = atoi(line);
	cr_assert_gt(s->port, 0);
	free(script);
}

void test_server_stop(struct server *s)
{
	if (s->pid > 0) {
		kill(s->pid, SIGKILL);
		waitpid(s->pid, NULL, 0);
		s->pid = 0;
	}
}

int test_server_count(const char *root, const char *needle)
{
	char *p = test_path(root, "requests.log");
	char *log = test_read_file(p, NULL);
	free(p);
	int n = 0;
	for (char *at = log; at && (at = strstr(at, needle)); at++)
		n++;
	free(log);
	return n;
}

/* The hex digest of every row the queries return from dir's cache.db,
 * less columns named rowid when !with_rowids. */
/* The read connection to one cache.db and its prepared queries, kept from
 * one fingerprint to the next: opening and preparing anew for each of
 * thousands of checks was most of a mutation test's time (six times more
 * under AddressSanitizer). A new file at the path (a cache rebuilt, another
 * directory) gets a new connection. Outside a step no transaction is open,
 * so each fingerprint reads what is committed then. */
#define FINGERPRINT_MAX_QUERIES 16
static struct {
	char *path;
	dev_t dev;
	ino_t ino;
	sqlite3 *db;
	const char *const *queries; /* whose statements st holds */
	sqlite3_stmt *st[FINGERPRINT_MAX_QUERIES];
} reader;

static void reader_close(void)
{
	for (size_t t = 0; t < FINGERPRINT_MAX_QUERIES; t++) {
		sqlite3_finalize(reader.st[t]);
		reader.st[t] = NULL;
	}
	sqlite3_close(reader.db);
	free(reader.path);
	reader.db = NULL;
	reader.path = NULL;
	reader.queries = NULL;
}

static sqlite3 *reader_for(const char *path)
{
	struct stat sb;
	cr_assert_eq(stat(path, &sb), 0, "no %s", path);
	if (reader.db && !strcmp(reader.path, path) && reader.dev == sb.st_dev &&
	    reader.ino == sb.st_ino)
		return reader.db;
	reader_close();
	cr_assert_eq(sqlite3_open_v2(path, &reader.db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	cr_assert(search_tokenizer_register(reader.db), "the search's tokenizer");
	reader.path = strdup(path);
	reader.dev = sb.st_dev;
	reader.ino = sb.st_ino;
	return reader.db;
}

static char *fingerprint_of(const char *dir, const char *const *queries, size_t n, bool with_rowids)
{
	char *path = test_path(dir, "cache.db");
	sqlite3 *db = reader_for(path);
	cr_assert_leq(n, FINGERPRINT_MAX_QUERIES);
	if (reader.queries != queries) {
		for (size_t t = 0; t < FINGERPRINT_MAX_QUERIES; t++) {
			sqlite3_finalize(reader.st[t]);
			reader.st[t] = NULL;
		}
		reader.queries = queries;
	}
	crypto_generichash_state h;
	crypto_generichash_init(&h, NULL, 0, 32);
	for (size_t t = 0; t < n; t++) {
		if (!reader.st[t])
			cr_assert_eq(sqlite3_prepare_v2(db, queries[t], -1, &reader.st[t], NULL),
				     SQLITE_OK, "%s", sqlite3_errmsg(db));
		sqlite3_stmt *st = reader.st[t];
		while (sqlite3_step(st) == SQLITE_ROW) {
			for (int i = 0; i < sqlite3_column_count(st); i++) {
				if (!with_rowids && !strcmp(sqlite3_column_name(st, i), "rowid"))
					continue;
				const unsigned char *v = sqlite3_column_text(st, i);
				int len = sqlite3_column_bytes(st, i);
				crypto_generichash_update(&h,
							  v ? v : (const unsigned char *)"\1NULL",
							  v ? (size_t)len : 5);
				crypto_generichash_update(&h, (const unsigned char *)"\0", 1);
			}
		}
		sqlite3_reset(st);
	}
	free(path);
	unsigned char out[32];
	crypto_generichash_final(&h, out, sizeof(out));
	char *hex = malloc(65);
	sodium_bin2hex(hex, 65, out, sizeof(out));
	return hex;
}

char *test_cache_fingerprint(const char *dir)
{
	static const char *const queries[] = {"SELECT * FROM sources ORDER BY 1, 2",
					      "SELECT * FROM categories ORDER BY 1, 2",
					      "SELECT * FROM organizations ORDER BY 1, 2",
					      "SELECT * FROM places ORDER BY 1, 2",
					      "SELECT * FROM activities ORDER BY 1, 2",
					      "SELECT * FROM activity_categories ORDER BY 1, 2",
					      "SELECT * FROM occurrences ORDER BY 1, 2",
					      "SELECT * FROM announcements ORDER BY 1, 2",
					      "SELECT rowid, * FROM activity_search ORDER BY 1, 2",
					      "SELECT * FROM listing ORDER BY 1, 2"};
	return fingerprint_of(dir, queries, sizeof(queries) / sizeof(*queries), true);
}

char *test_cache_content(const char *dir)
{
	/* Activities by source and id; every column of theirs but the rowid. */
	static const char *const queries[] = {
	    "SELECT name, feed_id, expires_at, timezone, publisher_name, publisher_url"
	    " FROM sources ORDER BY 1",
	    "SELECT * FROM categories ORDER BY 1, 2", "SELECT * FROM organizations ORDER BY 1, 2",
	    "SELECT * FROM places ORDER BY 1, 2", "SELECT * FROM activities ORDER BY source, id",
	    "SELECT a.source, a.id, c.category_id, c.usage FROM activity_categories c"
	    " JOIN activities a ON a.rowid = c.activity ORDER BY 1, 2, 3, 4",
	    "SELECT a.source, a.id, o.start, o.end, o.status FROM occurrences o"
	    " JOIN activities a ON a.rowid = o.activity ORDER BY 1, 2, 3, 4, 5",
	    "SELECT * FROM announcements ORDER BY 1, 2",
	    "SELECT a.source, a.id, s.name, s.description, s.organizer, s.categories, s.place"
	    " FROM activity_search s JOIN activities a ON a.rowid = s.rowid ORDER BY 1, 2",
	    "SELECT l.lang, l.source, l.id, l.name, l.organizer, l.place, l.type,"
	    " l.attendance_mode, l.event_status, l.is_free, l.has_offers, l.categories"
	    " FROM listing l JOIN activities a ON a.rowid = l.activity"
	    " AND a.source = l.source AND a.id = l.id ORDER BY 1, 2, 3",
	    /* Rows left behind by an activity that is gone. */
	    "SELECT count(*) FROM activity_search WHERE rowid NOT IN (SELECT rowid FROM "
	    "activities)",
	    "SELECT count(*) FROM listing WHERE activity NOT IN (SELECT rowid FROM activities)"};
	return fingerprint_of(dir, queries, sizeof(queries) / sizeof(*queries), false);
}

char *test_demo_feed(int64_t now)
{
	text_init();
	setenv("TZ", "Europe/Helsinki", 1);
	tzset();
	size_t len;
	char *feed = demo_feed_generate(now, &len);
	cr_assert_not_null(feed);
	return feed;
}

int test_rounds(const char *name, int fallback)
{
	const char *env = getenv(name);
	int n = env ? atoi(env) : 0;
	return n > 0 ? n : fallback;
}

int test_command_number(const char *command)
{
	FILE *p = popen(command, "r");
	cr_assert_not_null(p, "%s", command);
	int n = -1;
	bool read = fscanf(p, "%d", &n) == 1;
	pclose(p);
	cr_assert(read, "%s printed no number", command);
	return n;
}

char *test_replace(char *text, const char *from, const char *to)
{
	size_t fl = strlen(from), tl = strlen(to), count = 0;
	for (char *p = text; (p = strstr(p, from)); p += fl)
		count++;
	char *out = malloc(strlen(text) + count * tl + 1), *o = out;
	const char *p = text;
	for (const char *q; (q = strstr(p, from)); p = q + fl) {
		memcpy(o, p, (size_t)(q - p));
		o += q - p;
		memcpy(o, to, tl);
		o += tl;
	}
	strcpy(o, p);
	free(text);
	return out;
}

void test_apply_demo(const char *dir)
{
	char *text = test_demo_feed(TEST_NOW);
	struct diag d = {0};
	struct feed *f = feed_json_parse(text, strlen(text), &d);
	cr_assert_not_null(f, "%s", d.error);
	cr_assert(recur_expand_feed(f, TEST_NOW - 86400, TEST_NOW + 60 * 86400, NULL));
	char *err = NULL;
	struct store *w = store_open(dir, STORE_SYNC, &err);
	cr_assert_not_null(w, "%s", err);
	struct source_state state = {.fetched_at = TEST_NOW};
	cr_assert(store_apply_feed(w, "demo", f, &state, &err), "%s", err);
	store_close(w);
	feed_free(f);
	diag_clear(&d);
	free(text);
}

void test_file_source(struct settings *cfg, const char *path, const char *format)
{
	settings_defaults(cfg);
	struct source_config *src = &cfg->sources[0];
	free(src->url);
	free(src->format);
	cr_assert(asprintf(&src->url, "file://%s", path) > 0);
	src->format = strdup(format);
	src->allow_file = true;
}

struct store *test_open_file_source(const char *dir, const char *path, const char *format,
				    struct settings *cfg)
{
	test_file_source(cfg, path, format);
	char *err = NULL;
	struct store *s = store_open(dir, STORE_SYNC, &err);
	cr_assert_not_null(s, "%s", err);
	return s;
}

const struct feed_activity *test_activity(const struct feed *f, const char *id)
{
	for (size_t i = 0; i < f->n_activities; i++)
		if (!strcmp(f->activities[i].id, id))
			return &f->activities[i];
	cr_assert_fail("no activity \"%s\"", id);
	return NULL;
}

bool test_has(const struct strlist *l, const char *id)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i], id))
			return true;
	return false;
}

size_t test_sync_every_cut(struct store *s, const struct settings *cfg, const char *dir,
			   const char *path, const char *text, size_t len)
{
	size_t refused = 0;
	for (size_t cut = 0; cut < len; cut++) {
		FILE *out = fopen(path, "wb");
		cr_assert_not_null(out);
		fwrite(text, 1, cut, out);
		fclose(out);
		char *before = test_cache_fingerprint(dir);
		struct sync_result r;
		enum sync_outcome o = sync_source(s, cfg, &cfg->sources[0], TEST_NOW, &r);
		cr_assert(o == SYNC_APPLIED || o == SYNC_FAILED, "cut %zu: outcome %d", cut, o);
		if (o == SYNC_FAILED) {
			char *after = test_cache_fingerprint(dir);
			cr_assert_str_eq(before, after, "cut %zu changed the cache: %s", cut,
					 r.diag.error);
			free(after);
			refused++;
		}
		sync_result_free(&r);
		free(before);
	}
	return refused;
}
