/* SPDX-License-Identifier: EUPL-1.2 */
/* sync_run: syncing the configured sources of a data directory. */
#include "config.h"

#include "sync/sync_run.h"

#include "sync/fetch.h"
#include "util/i18n.h"
#include "util/journal.h"
#include "util/path.h"
#include "sync/status_file.h"
#include "store/store.h"
#include "sync/sync.h"
#include "util/timefmt.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

/* Back-off after failures: 30 s doubling to 1 h, less up to 20 % jitter so
 * that hundreds of terminals do not return at the same second (and never
 * past the hour). A server's Retry-After is honoured but clamped to the
 * same hour. */
#define BACKOFF_FIRST 30
#define BACKOFF_MAX 3600
/* A feed whose signature is a good one of other data was most likely
 * fetched while its publisher replaced the two files: tried again after
 * this many seconds (and a little jitter), this many times. */
#define SIGNATURE_RETRY 15
#define SIGNATURE_RETRIES 5

int64_t sync_next_try(int64_t now, long failures, long retry_after)
{
	int64_t wait = BACKOFF_FIRST;
	for (long i = 1; i < failures && wait < BACKOFF_MAX; i++)
		wait *= 2;
	if (wait > BACKOFF_MAX)
		wait = BACKOFF_MAX;
	wait -= (int64_t)arc4random_uniform((uint32_t)(wait / 5 + 1));
	if (retry_after > wait)
		wait = retry_after > BACKOFF_MAX ? BACKOFF_MAX : retry_after;
	return now + wait;
}

void sync_print_warnings(FILE *err, const char *source, const struct diag *d)
{
	if (err && d->note)
		fprintf(err, "%s: %s\n", source, d->note);
	for (size_t i = 0; err && i < d->n_kept; i++)
		fprintf(err, "%s: %s: %s\n", source, _("warning"), d->warnings[i]);
	if (err && d->n_warnings > d->n_kept)
		fprintf(err, _("%s: %zu more warnings not shown\n"), source,
			d->n_warnings - d->n_kept);
}

/* Only one sync at a time writes the cache of a data directory. */
static int lock_data_dir(const char *dir)
{
	char *path = path_join(dir, "sync.lock");
	int fd = path ? open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600) : -1;
	free(path);
	if (fd >= 0 && flock(fd, LOCK_EX) != 0) {
		close(fd);
		fd = -1;
	}
	return fd;
}

/* When source src is next due, from its status. */
static int64_t due_at(const struct source_config *src, const struct source_status *st)
{
	if (st->failures && st->next_try)
		return st->next_try;
	return st->last_attempt ? st->last_attempt + src->interval : 0;
}

static bool sync_one(const struct settings *cfg, const char *dir, struct store *s,
		     const struct source_config *src, int64_t now, FILE *out, FILE *err)
{
	struct sync_result r;
	struct source_status st;
	status_file_read(dir, src->name, &st);
	enum sync_outcome outcome = sync_source(s, cfg, src, now, &r);
	sync_print_warnings(err, src->name, &r.diag);
	st.last_attempt = now;
	st.signature_refused = r.signature.refused;
	free(st.error);
	st.error = NULL;
	if (outcome == SYNC_FAILED) {
		st.failures++;
		st.next_try = sync_next_try(now, st.failures, r.retry_after);
		if (r.signature.retry_soon && st.failures <= SIGNATURE_RETRIES)
			st.next_try = now + SIGNATURE_RETRY + arc4random_uniform(SIGNATURE_RETRY);
		st.error = r.diag.error ? strdup(r.diag.error) : NULL;
		char next[TIMEFMT_BUFSIZE];
		timefmt_local(st.next_try, next);
		journal_log(LOG_WARNING,
			    _("%s: sync failed, the cache is unchanged: %s; next try %s"),
			    src->name, r.diag.error ? r.diag.error : "?", next);
		if (err) {
			fputs("aulataulu: ", err);
			fprintf(err, _("%s: sync failed, the cache is unchanged: %s"), src->name,
				r.diag.error ? r.diag.error : "?");
			fputc('\n', err);
		}
	} else {
		st.failures = 0;
		st.next_try = 0;
		st.last_success = now;
		if (outcome == SYNC_APPLIED)
			journal_log(LOG_INFO,
				    _("%s: updated to version %lld: %zu activities (%zu new or "
				      "changed, %zu removed), %zu announcements"),
				    src->name, (long long)r.sequence, r.activities, r.written,
				    r.removed, r.announcements);
		if (out && outcome == SYNC_APPLIED)
			fprintf(
			    out,
			    _("%s: updated to version %lld: %zu activities (%zu new or changed, "
			      "%zu removed), %zu announcements\n"),
			    src->name, (long long)r.sequence, r.activities, r.written, r.removed,
			    r.announcements);
		else if (out)
			fprintf(out, _("%s: unchanged (version %lld)\n"), src->name,
				(long long)r.sequence);
	}
	char *werr = NULL;
	if (!status_file_write(dir, src->name, &st, &werr) && err) {
		fprintf(err, "aulataulu: %s\n", werr ? werr : "status.json");
	}
	free(werr);
	source_status_free(&st);
	sync_result_free(&r);
	return outcome != SYNC_FAILED;
}

static bool sync_sources(const struct settings *cfg, const char *data_dir, int64_t now,
			 enum sync_which which, FILE *out, FILE *err)
{
	int lock = lock_data_dir(data_dir);
	if (lock < 0) {
		if (err)
			fprintf(err, "aulataulu: %s/sync.lock: %s\n", data_dir, strerror(errno));
		return false;
	}
	char *msg = NULL;
	struct store *s = store_open(data_dir, STORE_SYNC, &msg);
	if (!s && err) {
		fputs("aulataulu: ", err);
		fprintf(err, _("the cache could not be opened and is unchanged: %s"),
			msg ? msg : _("out of memory"));
		fputc('\n', err);
	}
	free(msg);
	bool ok = s != NULL, rebuilt = false;
	for (size_t i = 0; s && i < cfg->n_sources; i++) {
		const struct source_config *src = &cfg->sources[i];
		if (which == SYNC_DUE && !rebuilt) {
			struct source_status st;
			struct source_state state;
			char *e = NULL;
			status_file_read(data_dir, src->name, &st);
			/* A source the cache lacks (new, or a rebuilt cache) is due now. */
			bool in_cache = store_source_state(s, src->name, &state, &e) && state.known;
			bool due = !in_cache || due_at(src, &st) <= now;
			source_status_free(&st);
			source_state_free(&state);
			free(e);
			if (!due)
				continue;
		}
		bool one = sync_one(cfg, data_dir, s, src, now, out, err);
		if (!one && store_damaged(s) && !rebuilt) {
			/* "database disk image is malformed" would fail every sync
			 * for ever: the cache is only a copy of the feeds. */
			rebuilt = true;
			char *why = NULL;
			if (!store_rebuild_cache(s, &why)) {
				if (err)
					fprintf(err, "aulataulu: %s\n", why ? why : "?");
				free(why);
				break;
			}
			const char *what = _("cache.db was damaged: it was moved aside as "
					     "cache.db.corrupt and every feed is fetched again");
			journal_log(LOG_ERR, "%s", what);
			if (err)
				fprintf(err, "aulataulu: %s\n", what);
			ok = true;
			i = (size_t)-1; /* every source again, into the new cache */
			continue;
		}
		ok = one && ok;
	}
	store_close(s);
	close(lock);
	return ok;
}

bool sync_run(const struct settings *cfg, const char *data_dir, int64_t now, enum sync_which which,
	      FILE *out, FILE *err)
{
	/* libcurl loads in a thread beside taking the lock and opening the
	 * cache; the thread is waited for on every way out. */
	if (cfg->n_sources > 0)
		fetch_preload();
	bool ok = sync_sources(cfg, data_dir, now, which, out, err);
	fetch_preload_wait();
	return ok;
}

int64_t sync_next_due(const struct settings *cfg, const char *data_dir, int64_t now)
{
	int64_t next = INT64_MAX;
	for (size_t i = 0; i < cfg->n_sources; i++) {
		struct source_status st;
		status_file_read(data_dir, cfg->sources[i].name, &st);
		int64_t at = due_at(&cfg->sources[i], &st);
		source_status_free(&st);
		if (at < next)
			next = at;
	}
	return next == INT64_MAX ? now + 3600 : next;
}

bool sync_reset_source(const struct settings *cfg, const char *data_dir, const char *name,
		       char **err)
{
	*err = NULL;
	bool configured = false;
	for (size_t i = 0; i < cfg->n_sources; i++)
		configured = configured || strcmp(cfg->sources[i].name, name) == 0;
	int lock = lock_data_dir(data_dir);
	if (lock < 0) {
		*err = path_format("%s/sync.lock: %s", data_dir, strerror(errno));
		return false;
	}
	struct store *s = store_open(data_dir, STORE_SYNC, err);
	bool known = false;
	bool ok = s && store_forget_source(s, name, &known, err);
	store_close(s);
	if (ok && !known && !configured) {
		ok = false;
		*err = path_format(_("there is no source \"%s\" in the configuration or the cache"),
				   name);
	}
	if (ok) { /* due at once, without the back-off of its failures */
		struct source_status st;
		status_file_read(data_dir, name, &st);
		st.failures = 0;
		st.next_try = 0;
		st.last_attempt = 0;
		ok = status_file_write(data_dir, name, &st, err);
		source_status_free(&st);
	}
	close(lock);
	return ok;
}
