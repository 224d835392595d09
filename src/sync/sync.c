/* SPDX-License-Identifier: EUPL-1.2 */
/* sync: fetch -> verify -> parse -> check -> store, for one source. */
#include "config.h"

#include "sync/sync.h"

#include "feed/demo.h"
#include "feed/feed_csv.h"
#include "feed/feed_ical.h"
#include "feed/feed_linkedevents.h"
#include "feed/feed_rss.h"
#include "feed/feed_json.h"
#include "sync/fetch.h"
#include "util/minisign.h"
#include "sync/recur_job.h"
#include "sync/sync_pages.h"
#include "util/timefmt.h"
#include "util/i18n.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A feed made more than this far in the future is refused (fast-forward). */
#define SYNC_MAX_FUTURE (24 * 3600)
/* The most a feed's sequence may go past the one applied. */
#define SYNC_MAX_SEQUENCE_JUMP INT64_C(1000000000)

bool sync_format_versioned(const char *format)
{
	return !format || !strcmp(format, "aulataulu") || !strcmp(format, "demo");
}

bool sync_format_known(const char *format)
{
	return sync_format_versioned(format) || !strcmp(format, "csv") || !strcmp(format, "ical") ||
	       !strcmp(format, "rss") || !strcmp(format, "linkedevents");
}

/* sync_parse; owned: buf, when it may be consumed (feed_json.h). */
static struct feed *parse_document(const char *format, const char *buf, char *owned, size_t len,
				   int64_t now, const struct source_config *src, struct diag *d)
{
	/* A UTF-8 BOM (Windows tools write one) is no part of a document. */
	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
		buf += 3, owned = owned ? owned + 3 : NULL, len -= 3;
	if (sync_format_versioned(format))
		return owned ? feed_json_parse_consuming(owned, len, d)
			     : feed_json_parse(buf, len, d);
	if (!strcmp(format, "csv"))
		return feed_csv_parse(buf, len, now, d);
	if (!strcmp(format, "ical")) {
		struct ical_options o = {0};
		if (src)
			o = (struct ical_options){src->name, src->organizer, src->language,
						  src->topics, src->categories};
		return feed_ical_parse(buf, len, &o, d);
	}
	if (!strcmp(format, "rss")) {
		struct rss_options o = {src ? src->valid_days : 14, now};
		return feed_rss_parse(buf, len, &o, d);
	}
	if (!strcmp(format, "linkedevents")) {
		struct linkedevents_options o = {0};
		if (src)
			o = (struct linkedevents_options){src->name, src->organizer, src->topics,
							  src->categories};
		return feed_linkedevents_parse(buf, len, &o, d);
	}
	diag_fail(d,
		  _("unknown feed format \"%s\" (this version reads aulataulu, csv, ical, rss "
		    "and linkedevents)"),
		  format);
	return NULL;
}

/* parse_document within d's budget, or else SYNC_PARSE_*'s. */
static struct feed *parse_within_budget(const char *format, const char *buf, char *owned,
					size_t len, int64_t now, const struct source_config *src,
					struct diag *d)
{
	struct budget budget;
	bool own = !d->budget;
	if (own) {
		size_t memory = len > SIZE_MAX / SYNC_PARSE_MEMORY_FACTOR
				    ? SIZE_MAX
				    : len * SYNC_PARSE_MEMORY_FACTOR;
		budget_start(&budget, SYNC_PARSE_CPU_MS,
			     memory > SYNC_PARSE_MEMORY_MIN ? memory : SYNC_PARSE_MEMORY_MIN);
		d->budget = &budget;
	}
	struct feed *f = parse_document(format, buf, owned, len, now, src, d);
	if (f && !diag_within_budget(d, true)) {
		feed_free(f);
		f = NULL;
	}
	if (own)
		d->budget = NULL;
	return f;
}

struct feed *sync_parse(const char *format, const char *buf, size_t len, int64_t now,
			const struct source_config *src, struct diag *d)
{
	return parse_within_budget(format, buf, NULL, len, now, src, d);
}

/* Schedules are expanded over the window when a document is applied: a
 * document unchanged for longer than the window would run out of dates.
 * So every source is read whole and applied again once a day, changed or
 * not (no conditional GET then; the same version is taken). */
#define SYNC_REAPPLY_AFTER (24 * 3600)

static bool applied_long_ago(const struct source_state *st, int64_t now)
{
	return st->known && (now - st->fetched_at >= SYNC_REAPPLY_AFTER || now < st->fetched_at);
}

/* For a format with no version: the feed gets the source's name as its id
 * and the next sequence; *unchanged when the document is the one applied
 * (its hash in hash) less than a day ago. */
void sync_content_hash(const char *data, size_t len, char out[SYNC_HASH_HEX])
{
	unsigned char digest[crypto_generichash_BYTES];
	crypto_generichash(digest, sizeof(digest), (const unsigned char *)data, len, NULL, 0);
	sodium_bin2hex(out, SYNC_HASH_HEX, digest, sizeof(digest));
}

static void version_by_content(const struct source_config *src, const struct fetch_result *fr,
			       const struct source_state *st, int64_t now, char hash[SYNC_HASH_HEX],
			       bool *unchanged)
{
	sync_content_hash(fr->body, fr->len, hash);
	*unchanged = st->known && st->content_hash && !strcmp(st->content_hash, hash) &&
		     st->feed_id && !strcmp(st->feed_id, src->name) && !applied_long_ago(st, now);
}

static struct fetch_options options_of(const struct settings *cfg, const struct source_config *src)
{
	return (struct fetch_options){.connect_timeout = cfg->connect_timeout,
				      .timeout = cfg->timeout,
				      .max_bytes = (size_t)cfg->max_size,
				      .allow_file = src->allow_file,
				      .ca_file = cfg->ca_file,
				      .terminal_id = cfg->terminal_id};
}

/* Fetches the feed, or for the demo's sources (bundled:NAME) makes it. */
static enum fetch_status get_document(const struct settings *cfg, const struct source_config *src,
				      const char *etag, const char *last_modified, int64_t now,
				      struct fetch_result *fr)
{
	if (!strcmp(src->format, "demo") || !strncmp(src->url, "bundled:", 8)) {
		*fr = (struct fetch_result){.status = FETCH_OK};
		const char *name = !strcmp(src->format, "demo") ? "demo" : src->url + 8;
		fr->body = demo_document(name, now, &fr->len);
		if (!fr->body) {
			fr->status = FETCH_FAILED;
			fr->error = strdup(_("out of memory"));
		}
		return fr->status;
	}
	struct fetch_options opt = options_of(cfg, src);
	if (!strcmp(src->format, "linkedevents"))
		return sync_fetch_pages(&opt, src->url, fr); /* its content is its version */
	struct fetch_request req = {.url = src->url, .etag = etag, .last_modified = last_modified};
	return fetch_get(&opt, &req, fr);
}

/* With a public key, the .minisig beside the feed must verify it. */
static bool verify_signature(const struct settings *cfg, const struct source_config *src,
			     const struct fetch_result *feed, bool *mismatch, struct diag *d)
{
	if (!src->public_key)
		return true;
	char url[4096];
	if ((size_t)snprintf(url, sizeof(url), "%s.minisig", src->url) >= sizeof(url))
		return diag_fail(d, _("the feed address is too long"));
	struct fetch_options opt = options_of(cfg, src);
	opt.max_bytes = 8192; /* a signature is a few hundred bytes */
	struct fetch_request req = {.url = url};
	struct fetch_result sig;
	bool ok = false;
	char why[160];
	enum minisign_verdict v = MINISIGN_REFUSED;
	if (fetch_get(&opt, &req, &sig) != FETCH_OK)
		diag_fail(d,
			  _("the feed's signature could not be fetched (%s); unsigned feeds are "
			    "refused when a public_key is set"),
			  sig.error ? sig.error : "?");
	else if ((v = minisign_check(src->public_key, feed->body, feed->len, sig.body, sig.len, why,
				     sizeof(why))) != MINISIGN_VALID)
		diag_fail(d, _("the feed's signature is not valid: %s"), why);
	else
		ok = true;
	*mismatch = v == MINISIGN_MISMATCH;
	fetch_result_free(&sig);
	return ok;
}

enum fetch_status sync_fetch(const struct settings *cfg, const struct source_config *src,
			     const char *etag, const char *last_modified, int64_t now,
			     struct fetch_result *fr, struct sync_signature *sig, struct diag *d)
{
	*sig = (struct sync_signature){0};
	enum fetch_status fs = get_document(cfg, src, etag, last_modified, now, fr);
	if (fs == FETCH_FAILED)
		diag_fail(d, "%s", fr->error ? fr->error : "?");
	if (fs != FETCH_OK)
		return fs;
	if (!verify_signature(cfg, src, fr, &sig->retry_soon, d)) {
		sig->refused = true;
		fetch_result_free(fr);
		*fr = (struct fetch_result){.status = FETCH_FAILED};
		return FETCH_FAILED;
	}
	return FETCH_OK;
}

/* The rules a new feed must meet against what is applied now. Returns
 * false with d->error, or true with *unchanged set for an equal sequence. */
static bool check_against(const struct source_config *src, const struct feed_header *h,
			  const struct source_state *st, int64_t now, bool *unchanged,
			  struct diag *d)
{
	*unchanged = false;
	if (src->feed_id && strcmp(src->feed_id, h->id) != 0)
		return diag_fail(d, _("the feed's id is \"%s\" but this source expects \"%s\""),
				 h->id, src->feed_id);
	if (st->known && !src->feed_id && st->feed_id && strcmp(st->feed_id, h->id) != 0)
		return diag_fail(d,
				 _("the feed's id changed from \"%s\" to \"%s\"; set feed_id in "
				   "the configuration to accept the new feed"),
				 st->feed_id, h->id);
	if (st->known && h->sequence < st->sequence)
		return diag_fail(d,
				 _("the feed's sequence %lld is older than the %lld already shown "
				   "(a rollback); kept the newer data. If the publisher really "
				   "started again from a lower number: aulataulu reset-source %s"),
				 (long long)h->sequence, (long long)st->sequence, src->name);
	/* A jump this far is a mistake or an attack: taken, it would make every
	 * later feed of the publisher a "rollback". */
	if (st->known && h->sequence - st->sequence > SYNC_MAX_SEQUENCE_JUMP)
		return diag_fail(d,
				 _("the feed's sequence %lld jumps more than %lld past the %lld "
				   "already shown; kept the data. If the publisher really "
				   "renumbered its feed: aulataulu reset-source %s"),
				 (long long)h->sequence, (long long)SYNC_MAX_SEQUENCE_JUMP,
				 (long long)st->sequence, src->name);
	/* A clock behind the data we have is unsure (no RTC after a power cut):
	 * only a sane clock can call a feed "from the future". */
	bool clock_sane = !st->known || now >= st->generated_at;
	if (clock_sane && h->generated_at > now + SYNC_MAX_FUTURE) {
		char ts[TIMEFMT_BUFSIZE];
		timefmt_format(h->generated_at, ts);
		return diag_fail(d,
				 _("the feed claims to be generated at %s, more than a day in the "
				   "future; check the publisher's or this terminal's clock"),
				 ts);
	}
	if (st->known && h->sequence == st->sequence)
		*unchanged = true;
	return true;
}

/* One bad cell, a misread encoding or a changed layout can make a source
 * yield no activities, or few, with warnings for the items skipped:
 * applied, it would empty the lobby's listing. A feed that loses more
 * than half of the source's activities while items of it were skipped is
 * refused; one that is empty or shorter on purpose (every item it has
 * read cleanly) is applied, and allow_empty takes any. */
void sync_window(const struct settings *cfg, int64_t now, int64_t *from, int64_t *until)
{
	*from = timefmt_add_days(timefmt_day_start(now), -1);
	*until = timefmt_add_days(*from, (int)cfg->window_days + 1);
}

bool sync_looks_emptied(size_t n, long had, const struct diag *d, bool allow_empty)
{
	return !allow_empty && d->n_warnings > 0 && had > 0 && n * 2 < (size_t)had;
}

static bool not_emptied_by_mistake(struct store *s, const struct source_config *src,
				   const struct feed *f, struct diag *d)
{
	long had = store_count_activities(s, src->name);
	if (!sync_looks_emptied(f->n_activities, had, d, src->allow_empty))
		return true;
	return diag_fail(d,
			 _("the feed has %zu activities where the cache has %ld, and %zu of its "
			   "items had problems (above): it looks broken, so the cache is kept. If "
			   "the change is meant, fix those items, or set allow_empty = yes for "
			   "this source"),
			 f->n_activities, had, d->n_warnings);
}

/* The schedules of a feed's activities whose dates are to be written,
 * expanded beside the save (store_apply_hooks). */
struct expansion {
	struct feed *f;
	int64_t from, until;
	struct recur_job *job;
	bool out_of_memory;
};

static bool expand_dated(void *ctx, const bool *dated)
{
	struct expansion *e = ctx;
	e->job = recur_job_start(e->f, e->from, e->until, dated);
	e->out_of_memory = !e->job;
	return e->job != NULL;
}

static bool expanded(void *ctx, size_t i)
{
	struct expansion *e = ctx;
	return recur_job_ready(e->job, i);
}

/* Milliseconds since *t, which becomes now. */
static double lap(double *t)
{
	double now = timefmt_monotonic_ms(), ms = now - *t;
	*t = now;
	return ms;
}

/* Reads fr's document (its memory given back as it is read): the feed,
 * with the source's name and the next sequence when its format has none
 * of its own, or NULL with the reason in r's diag. */
static struct feed *read_document(const struct source_config *src, struct fetch_result *fr,
				  const struct source_state *st, int64_t now, struct sync_result *r)
{
	/* The feed holds copies of all it needs: the document's memory goes
	 * as it is read and before the save's (50 MB of 50,000 activities). */
	struct feed *f =
	    parse_within_budget(src->format, fr->body, fr->body, fr->len, now, src, &r->diag);
	free(fr->body);
	fr->body = NULL;
	fr->len = 0;
	if (!f) {
		char *why = r->diag.error;
		r->diag.error = NULL;
		diag_fail(&r->diag, _("the feed was refused: %s"), why);
		free(why);
		return NULL;
	}
	if (!sync_format_versioned(src->format)) {
		f->header.id = src->name;
		f->header.sequence = st->known && st->feed_id && !strcmp(st->feed_id, src->name)
					 ? st->sequence + 1
					 : 1;
		f->header.generated_at = now;
	}
	return f;
}

/* Saves f as src's data with its dates over the window, and next as the
 * source's state; false with the reason in r's diag (the old data kept). */
static bool save_feed(struct store *s, const struct settings *cfg, const struct source_config *src,
		      struct feed *f, struct source_state *next, int64_t now, struct sync_result *r)
{
	int64_t from, until;
	sync_window(cfg, now, &from, &until);
	/* The schedules of the activities whose dates are to be written are
	 * expanded in a thread while the save waits for each. */
	struct expansion e = {.f = f, .from = from, .until = until};
	struct store_apply_hooks hooks = {
	    .plan = expand_dated, .ready = expanded, .ctx = &e, .from = from, .until = until};
	struct store_apply_counts counts = {0};
	char *err = NULL;
	bool saved = store_apply_feed_with(s, src->name, f, next, &hooks, &counts, &err);
	struct recur_budget spent = {0};
	bool expanded_all = e.job ? recur_job_finish(e.job, &spent) : !e.out_of_memory;
	if (spent.dropped)
		diag_summary(
		    &r->diag,
		    _("the schedules of %zu activities were dropped: their recurrence rules "
		      "take too long to expand (the first: activity \"%s\")"),
		    spent.dropped, spent.first_dropped ? spent.first_dropped : "?");
	if (!expanded_all)
		diag_fail(&r->diag, _("out of memory while expanding schedules"));
	else if (!saved)
		diag_fail(&r->diag, _("the feed could not be saved, the old data is kept: %s"),
			  err ? err : "?");
	free(err);
	r->written = counts.written;
	r->removed = counts.removed;
	return expanded_all && saved;
}

enum sync_outcome sync_source(struct store *s, const struct settings *cfg,
			      const struct source_config *src, int64_t now, struct sync_result *r)
{
	/* make bench: where a sync's time goes, with AULATAULU_TIMING set. */
	double t = timefmt_monotonic_ms(), phase[3] = {0};
	*r = (struct sync_result){.outcome = SYNC_FAILED};
	struct source_state st;
	struct fetch_result fr = {0};
	struct feed *f = NULL;
	char *err = NULL;
	if (!store_source_state(s, src->name, &st, &err)) {
		diag_fail(&r->diag, "%s", err);
		free(err);
		return r->outcome;
	}
	r->sequence = st.sequence;
	/* Conditional GET only when there is data to fall back on, applied
	 * less than a day ago. */
	bool conditional = st.known && !applied_long_ago(&st, now);
	enum fetch_status fs =
	    sync_fetch(cfg, src, conditional ? st.etag : NULL,
		       conditional ? st.last_modified : NULL, now, &fr, &r->signature, &r->diag);
	r->retry_after = fr.retry_after;
	if (fs != FETCH_OK) {
		if (fs == FETCH_NOT_MODIFIED)
			r->outcome = SYNC_UNCHANGED;
		goto out;
	}
	phase[0] = lap(&t);
	char hash[SYNC_HASH_HEX] = "";
	bool unchanged = false;
	if (!sync_format_versioned(src->format)) {
		version_by_content(src, &fr, &st, now, hash, &unchanged);
		if (unchanged) {
			r->outcome = SYNC_UNCHANGED;
			goto out;
		}
	}
	f = read_document(src, &fr, &st, now, r);
	phase[1] = lap(&t);
	if (!f || !check_against(src, &f->header, &st, now, &unchanged, &r->diag) ||
	    !not_emptied_by_mistake(s, src, f, &r->diag))
		goto out;
	if (unchanged && !applied_long_ago(&st, now)) {
		r->outcome = SYNC_UNCHANGED;
		goto out;
	}
	/* (The same version applied long ago: its schedules expanded afresh.) */
	struct source_state next = {.etag = fr.etag,
				    .last_modified = fr.last_modified,
				    .fetched_at = now,
				    .content_hash = *hash ? hash : NULL};
	if (!save_feed(s, cfg, src, f, &next, now, r))
		goto out;
	phase[2] = lap(&t);
	if (getenv("AULATAULU_TIMING"))
		fprintf(stderr, "timing: sync fetch and verify %.1f ms, parse %.1f, save %.1f\n",
			phase[0], phase[1], phase[2]);
	r->outcome = SYNC_APPLIED;
	r->sequence = f->header.sequence;
	r->activities = f->n_activities;
	r->announcements = f->n_announcements;
out:
	feed_free(f);
	fetch_result_free(&fr);
	source_state_free(&st);
	return r->outcome;
}

void sync_result_free(struct sync_result *r)
{
	diag_clear(&r->diag);
}
