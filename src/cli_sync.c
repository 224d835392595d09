/* cli_sync: the commands that bring feeds in: sync, check, demo-feed. */
#include "config.h"

#include "cli.h"

#include "demo.h"
#include "i18n.h"
#include "status_file.h"
#include "sync.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

/* Back-off after failures: 30 s doubling to 1 h, with up to 20 % jitter so
 * that hundreds of terminals do not return at the same second. A server's
 * Retry-After is honoured but clamped to the same hour. */
#define BACKOFF_FIRST 30
#define BACKOFF_MAX 3600

static int64_t next_try(int64_t now, long failures, long retry_after)
{
	int64_t wait = BACKOFF_FIRST;
	for (long i = 1; i < failures && wait < BACKOFF_MAX; i++)
		wait *= 2;
	if (wait > BACKOFF_MAX)
		wait = BACKOFF_MAX;
	wait += (int64_t)(arc4random_uniform((uint32_t)(wait / 5 + 1)));
	if (retry_after > wait)
		wait = retry_after > BACKOFF_MAX ? BACKOFF_MAX : retry_after;
	return now + wait;
}

static void print_warnings(const char *source, const struct diag *d)
{
	for (size_t i = 0; i < d->n_kept; i++)
		fprintf(stderr, "%s: %s: %s\n", source, _("warning"), d->warnings[i]);
	if (d->n_warnings > d->n_kept)
		fprintf(stderr, _("%s: %zu more warnings not shown\n"), source,
			d->n_warnings - d->n_kept);
}

/* Only one sync at a time writes the cache of a data directory. */
static int lock_data_dir(const char *dir)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/sync.lock", dir);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd >= 0 && flock(fd, LOCK_EX) != 0) {
		close(fd);
		fd = -1;
	}
	return fd;
}

static bool sync_one(struct cli *c, struct store *s, const struct source_config *src)
{
	struct sync_result r;
	struct source_status st;
	status_file_read(c->data_dir, src->name, &st);
	enum sync_outcome outcome = sync_source(s, &c->cfg, src, c->now, &r);
	print_warnings(src->name, &r.diag);
	st.last_attempt = c->now;
	free(st.error);
	st.error = NULL;
	if (outcome == SYNC_FAILED) {
		st.failures++;
		st.next_try = next_try(c->now, st.failures, r.retry_after);
		st.error = r.diag.error ? strdup(r.diag.error) : NULL;
		cli_error(_("%s: sync failed, the cache is unchanged: %s"), src->name,
			  r.diag.error ? r.diag.error : "?");
	} else {
		st.failures = 0;
		st.next_try = 0;
		st.last_success = c->now;
		if (outcome == SYNC_APPLIED)
			printf(_("%s: updated to version %lld: %zu activities, %zu announcements\n"),
			       src->name, (long long)r.sequence, r.activities, r.announcements);
		else
			printf(_("%s: unchanged (version %lld)\n"), src->name, (long long)r.sequence);
	}
	char *err = NULL;
	if (!status_file_write(c->data_dir, src->name, &st, &err)) {
		cli_error("%s", err ? err : "status.json");
		free(err);
	}
	source_status_free(&st);
	sync_result_free(&r);
	return outcome != SYNC_FAILED;
}

int cmd_sync(struct cli *c, int argc, char **argv)
{
	if (argc > 1) {
		cli_error(_("usage: aulataulu sync"));
		return EXIT_USAGE;
	}
	int lock = lock_data_dir(c->data_dir);
	if (lock < 0) {
		cli_error(_("cannot lock %s/sync.lock: %s"), c->data_dir, strerror(errno));
		return EXIT_FAILED;
	}
	struct store *s = cli_open_store(c, STORE_SYNC);
	bool ok = s != NULL;
	for (size_t i = 0; s && i < c->cfg.n_sources; i++)
		ok = sync_one(c, s, &c->cfg.sources[i]) && ok;
	store_close(s);
	close(lock);
	fflush(stdout);
	return ok ? EXIT_OK : EXIT_FAILED;
}

static char *read_file(const char *path, size_t cap, size_t *len, char **err)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!f) {
		if (asprintf(err, "%s: %s", path, strerror(errno)) < 0)
			*err = NULL;
		return NULL;
	}
	size_t size = 0, alloc = 65536;
	char *buf = malloc(alloc);
	while (buf) {
		size_t n = fread(buf + size, 1, alloc - size - 1, f);
		size += n;
		if (n == 0)
			break;
		if (size > cap)
			break;
		if (alloc - size - 1 == 0) {
			char *grown = realloc(buf, alloc * 2);
			if (!grown) {
				free(buf);
				buf = NULL;
			}
			buf = grown;
			alloc *= 2;
		}
	}
	bool failed = ferror(f) || !buf;
	if (f != stdin)
		fclose(f);
	if (failed || size > cap) {
		if (asprintf(err, size > cap ? _("%s: larger than the cap of %zu bytes")
					     : _("%s: cannot be read"),
			     path, cap) < 0)
			*err = NULL;
		free(buf);
		return NULL;
	}
	buf[size] = '\0';
	*len = size;
	return buf;
}

int cmd_check(struct cli *c, int argc, char **argv)
{
	if (argc != 2) {
		cli_error(_("usage: aulataulu check FILE"));
		return EXIT_USAGE;
	}
	char *err = NULL;
	size_t len;
	char *buf = read_file(argv[1], (size_t)c->cfg.max_size, &len, &err);
	if (!buf) {
		cli_error("%s", err ? err : "out of memory");
		free(err);
		return EXIT_FAILED;
	}
	struct diag d = {0};
	struct feed *f = sync_parse("aulataulu", buf, len, &d);
	for (size_t i = 0; i < d.n_kept; i++)
		printf("%s: %s\n", argv[1], d.warnings[i]);
	int rc = EXIT_OK;
	if (!f) {
		printf(_("%s: refused as a whole: %s\n"), argv[1], d.error);
		rc = EXIT_FAILED;
	} else if (d.n_warnings) {
		printf(_("%s: %zu problems; the rest (%zu activities, %zu announcements) would be "
			 "shown\n"),
		       argv[1], d.n_warnings, f->n_activities, f->n_announcements);
		rc = EXIT_FAILED;
	} else {
		printf(_("%s: valid: %zu activities, %zu announcements\n"), argv[1],
		       f->n_activities, f->n_announcements);
	}
	feed_free(f);
	diag_clear(&d);
	free(buf);
	return rc;
}

int cmd_demo_feed(struct cli *c, int argc, char **argv)
{
	if (argc > 1) {
		cli_error(_("usage: aulataulu demo-feed"));
		return EXIT_USAGE;
	}
	size_t len;
	char *feed = demo_feed_generate(c->now, &len);
	bool ok = feed && fwrite(feed, 1, len, stdout) == len && fflush(stdout) == 0;
	free(feed);
	return ok ? EXIT_OK : EXIT_FAILED;
}
